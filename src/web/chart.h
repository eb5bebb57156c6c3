/* Bar charts drawn by the server as SVG: readable without JavaScript, printable, each bar
 * a labelled shape (its value in <title>, data-* attributes for tools and tests). */
#ifndef NGV_CHART_H
#define NGV_CHART_H
#include <stdbool.h>

#include "../base/buf.h"

typedef struct {
    const char *label; /* under the bar ("2025", "T3") */
    const char *sub;   /* a second line under it ("3 tháng": what a sum holds); may be NULL */
    double value;      /* its height, in the chart's unit */
    const char *text;  /* the value as shown ("68,2"), also in the bar's title */
    const char *note;  /* a longer title ("Tháng 03/2025: 10,2 triệu USD"); may be NULL */
    const char *href;  /* the record behind it; may be NULL */
    bool flagged;      /* drawn hatched and marked "!" (parts that do not add up) */
    bool missing;      /* no figure: an empty slot, said so */
    /* a second series beside the first (chart.series[1] set): disbursed beside committed */
    double value2;
    const char *text2, *note2;
} chart_bar;

typedef struct {
    const char *title;       /* the chart's caption and accessible name */
    const char *unit;        /* the axis unit ("triệu USD") */
    const char *flag_legend; /* the legend of a flagged bar; NULL: no flagged bar */
    const char *id;          /* data-chart, for tests */
    const chart_bar *bars;
    int n;
    /* two series: their names, said in the caption's legend (bars drawn s1, s2); NULL: one */
    const char *series[2];
} chart;

/* The chart as an <svg> element into o, in the decimal style of lang ("vi": 1.234,5). */
void chart_bars_svg(buf *o, const chart *c, const char *lang);
#endif
