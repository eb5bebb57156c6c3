#include "pdf_lines.h"

#include <math.h>
#include <string.h>

#include "pdf_fonts.h"

static bool same_lang(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

void pdf_nominal(pdf_metrics *c, PangoContext *pc, PangoLayout *l, const char *lang, double *ascent,
                 double *descent)
{
    const PangoFontDescription *d = pango_layout_get_font_description(l);
    int size = pango_font_description_get_size(d), weight = pango_font_description_get_weight(d);
    int style = pango_font_description_get_style(d);
    const char *family = pango_font_description_get_family(d);
    bool mono = family && !strcmp(family, PDF_MONO_FAMILIES);
    for (int i = 0; i < c->n; i++) {
        const pdf_metric *m = &c->m[i];
        if (m->size == size && m->weight == weight && m->style == style && m->mono == mono &&
            same_lang(m->lang, lang)) {
            *ascent = m->ascent;
            *descent = m->descent;
            return;
        }
    }
    PangoFontMetrics *fm =
        pango_context_get_metrics(pc, d, lang ? pango_language_from_string(lang) : NULL);
    pdf_metric m = {size,
                    weight,
                    style,
                    mono,
                    lang,
                    pango_units_to_double(pango_font_metrics_get_ascent(fm)),
                    pango_units_to_double(pango_font_metrics_get_descent(fm))};
    pango_font_metrics_unref(fm);
    if (c->n < (int)(sizeof c->m / sizeof *c->m)) c->m[c->n++] = m; /* else asked again */
    *ascent = m.ascent;
    *descent = m.descent;
}

int pdf_lines(PangoLayout *l, double ascent, double descent, double lead, double above,
              pdf_line **out)
{
    int n = pango_layout_get_line_count(l), i = 0;
    pdf_line *li = g_new(pdf_line, n > 0 ? n : 1);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle ink, lr, own;
        li[i].line = pango_layout_iter_get_line_readonly(it);
        pango_layout_iter_get_line_extents(it, &ink, &lr);
        pango_layout_line_get_extents(li[i].line, NULL, &own);
        int base = pango_layout_iter_get_baseline(it);
        double asc = fmax(ascent, pango_units_to_double(base - ink.y));
        double desc = fmax(descent, pango_units_to_double(ink.y + ink.height - base));
        if (ink.height == 0) asc = ascent, desc = descent; /* a line of spaces */
        li[i].x = pango_units_to_double(lr.x - own.x);
        li[i].ascent = asc + above;
        li[i].h = asc + desc + lead;
        i++;
    } while (i < n && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    *out = li;
    return i;
}

double pdf_lines_height(const pdf_line *li, int n, int max)
{
    double h = 0;
    for (int i = 0; i < n && i != max; i++)
        h += li[i].h;
    return h;
}
