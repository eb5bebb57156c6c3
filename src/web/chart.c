/* Bar charts as SVG (chart.h). The scale runs from 0 to a round number above the tallest
 * bar, in 4 or 5 steps of 1, 2 or 5 times a power of ten; labels in the page's language. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/html.h"

enum { W = 720, H = 260, LEFT = 64, RIGHT = 12, TOP = 22, BOTTOM = 38 };

/* A step of 1, 2 or 5 times a power of ten giving 4 or 5 steps to cover top. */
static double nice_step(double top)
{
    if (top <= 0) return 1;
    double raw = top / 4, p = pow(10, floor(log10(raw))), m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/* A tick value: grouped, with one decimal when the step is below one. */
static void tick_text(char *out, size_t n, double v, double step, const char *lang)
{
    bool en = lang && !strcmp(lang, "en");
    char raw[64];
    snprintf(raw, sizeof raw, step < 1 ? "%.1f" : "%.0f", v);
    char *dot = strchr(raw, '.');
    size_t ni = dot ? (size_t)(dot - raw) : strlen(raw), o = 0;
    for (size_t i = 0; i < ni && o + 2 < n; i++) {
        if (i && (ni - i) % 3 == 0) out[o++] = en ? ',' : '.';
        out[o++] = raw[i];
    }
    if (dot && o + strlen(dot) < n) {
        out[o++] = en ? '.' : ',';
        for (const char *q = dot + 1; *q; q++)
            out[o++] = *q;
    }
    out[o] = 0;
}

static void num(char *out, double v)
{
    snprintf(out, 24, "%.1f", v);
}

void chart_bars_svg(buf *o, const chart *c, const char *lang)
{
    double top = 0;
    bool two = c->series[0] && c->series[1];
    for (int i = 0; i < c->n; i++) {
        if (!c->bars[i].missing && c->bars[i].value > top) top = c->bars[i].value;
        if (two && !c->bars[i].missing && c->bars[i].value2 > top) top = c->bars[i].value2;
    }
    double step = nice_step(top), max = step * ceil(top / step);
    if (max <= 0) max = step;
    double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM, slot = c->n ? pw / c->n : pw;
    char a[24], b[24], cc[24], d[24], t[64];
    /* a picture, unless its bars are links: then a group of them (no link inside an image) */
    bool links = false;
    for (int i = 0; i < c->n; i++)
        links = links || c->bars[i].href;
    html_printf(o,
                "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                "viewBox=\"0 0 %d %d\" role=\"%s\" aria-labelledby=\"%s-t\" data-chart=\"%s\" "
                "class=\"bars\"><title id=\"%s-t\">%s</title>",
                W, H, links ? "group" : "img", c->id, c->id, c->id, c->title);
    html_printf(o,
                "<defs><pattern id=\"%s-hatch\" width=\"6\" height=\"6\" "
                "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                "<rect width=\"6\" height=\"6\" class=\"hatch-bg\"/>"
                "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch\"/></pattern></defs>",
                c->id);
    /* the scale: lines and their values */
    for (double v = 0; v <= max + step / 2; v += step) {
        num(a, TOP + ph - v / max * ph);
        tick_text(t, sizeof t, v, step, lang);
        num(b, LEFT - 6.0);
        html_printf(o,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" class=\"grid\"/>"
                    "<text x=\"%s\" y=\"%s\" dy=\"4\" text-anchor=\"end\" class=\"tick\">%s</text>",
                    LEFT, W - RIGHT, a, a, b, a, t);
    }
    html_printf(o, "<text x=\"4\" y=\"12\" class=\"unit\">%s</text>", c->unit);
    for (int i = 0; i < c->n; i++) {
        const chart_bar *bar = &c->bars[i];
        double x = LEFT + slot * i + slot * 0.15, w = slot * 0.7;
        html_printf(o, "<g class=\"bar%s%s\" data-label=\"%s\" data-value=\"%s\" data-flag=\"%s\"",
                    bar->flagged ? " flagged" : "", bar->missing ? " missing" : "", bar->label,
                    bar->missing ? "" : bar->text, bar->flagged ? "1" : "0");
        if (two) html_printf(o, " data-value2=\"%s\"", bar->missing ? "" : bar->text2);
        html_printf(o, ">");
        if (bar->href) html_printf(o, "<a href=\"%s\">", bar->href);
        html_printf(o, "<title>%s</title>", bar->note ? bar->note : bar->text);
        for (int k = 0; k < (two ? 2 : 1) && !bar->missing; k++) {
            double v = k ? bar->value2 : bar->value, bw = two ? w / 2 : w, bx = x + bw * k;
            double h = v / max * ph, y = TOP + ph - h;
            num(a, bx), num(b, y), num(cc, bw), num(d, h);
            if (two)
                html_printf(o, "<g class=\"s%d\"><title>%s</title>", k + 1,
                            k ? (bar->note2 ? bar->note2 : bar->text2)
                              : (bar->note ? bar->note : bar->text));
            if (bar->flagged)
                html_printf(o,
                            "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                            "fill=\"url(#%s-hatch)\" class=\"flag-rect\"/>",
                            a, b, cc, d, c->id);
            else
                html_printf(o, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>", a, b, cc, d);
            num(a, bx + bw / 2), num(b, y - 4);
            html_printf(o,
                        "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" class=\"val\">%s%s</text>",
                        a, b, bar->flagged ? "! " : "", k ? bar->text2 : bar->text);
            if (two) html_printf(o, "</g>");
        }
        if (bar->href) html_printf(o, "</a>");
        num(a, x + w / 2), num(b, (double)(H - BOTTOM + 16));
        html_printf(o, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" class=\"lbl\">%s</text>", a,
                    b, bar->label);
        if (bar->sub) {
            num(b, (double)(H - BOTTOM + 30));
            html_printf(
                o, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" class=\"lbl sub\">%s</text>", a,
                b, bar->sub);
        }
        html_printf(o, "</g>");
    }
    num(a, TOP + ph);
    html_printf(o, "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" class=\"axis\"/></svg>", LEFT,
                W - RIGHT, a, a);
    html_printf(o, "<figcaption>%s", c->title);
    if (two)
        html_printf(o,
                    " <span class=\"legend\"><span class=\"sw s1\"></span>%s "
                    "<span class=\"sw s2\"></span>%s</span>",
                    c->series[0], c->series[1]);
    if (c->flag_legend)
        html_printf(o, " <span class=\"legend-flag\">! = %s</span>", c->flag_legend);
    html_printf(o, "</figcaption></figure>\n");
}
