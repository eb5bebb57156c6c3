/* The lines of a pango layout as the PDFs set them (doc_pdf.c, issue_pdf.c): each line as
 * high as its font's line, and higher only where its glyphs reach beyond it, so that a name
 * in a script of taller fonts (Lao, Khmer) in a Vietnamese paragraph keeps the lines even
 * unless its glyphs need the room.
 *
 * A font's line (its ascent and descent at a size, weight and style, for a language) is
 * asked of pango once and kept in a pdf_metrics the caller holds for one document: one
 * thread at a time, as the pango context it comes from. */
#ifndef NGV_PDF_LINES_H
#define NGV_PDF_LINES_H
#include <pango/pango.h>
#include <stdbool.h>

typedef struct {
    PangoLayoutLine *line;
    double x, ascent, h; /* left edge, top to baseline, top to the next line's top */
} pdf_line;

typedef struct {
    int size, weight, style; /* pango's */
    bool mono;               /* the code's families (PDF_MONO_FAMILIES) */
    const char *lang;        /* NULL: the context's; kept as given, it must outlive the cache */
    double ascent, descent;
} pdf_metric;

typedef struct {
    pdf_metric m[32];
    int n;
} pdf_metrics;

/* The ascent and descent of l's font (its families at its size and style) for lang (NULL:
 * the context's language), from the cache, asked of pc once. */
void pdf_nominal(pdf_metrics *c, PangoContext *pc, PangoLayout *l, const char *lang, double *ascent,
                 double *descent);

/* The lines of l (g_free the array; their count returned), a line of the font being
 * ascent + descent high (pdf_nominal) and lead points more, its baseline above points
 * further down than its ascent. */
int pdf_lines(PangoLayout *l, double ascent, double descent, double lead, double above,
              pdf_line **out);

/* The height of the first max lines of li (all n when max < 0). */
double pdf_lines_height(const pdf_line *li, int n, int max);
#endif
