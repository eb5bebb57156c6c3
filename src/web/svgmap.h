/* svgmap: a map of the border area drawn on the server as one SVG element (no script, no
 * tiles, nothing fetched): the national borders embedded from data/borders-area.tsv
 * (Natural Earth), a graticule, a scale bar, and the caller's points over them.
 * Every caller string is escaped; the output is well-formed XML that can be inlined
 * into an HTML page or served as image/svg+xml. Nothing in it needs script or inline
 * style, so it passes the app's Content-Security-Policy as it is. */
#ifndef NGV_SVGMAP_H
#define NGV_SVGMAP_H
#include "../base/buf.h"

typedef struct {
    double lat, lon;
    const char *label; /* shown as <title> (tooltip) and, when show_label, as text */
    const char *href;  /* link (the record's page), may be NULL; only "/..." and http(s) */
    const char *kind;  /* CSS class suffix: "gate", "marker", "incident", ...; picks the symbol */
    const char *flag;  /* may be NULL; non-NULL draws the point emphasised (class "flagged"),
                          and non-empty is added to the tooltip: "label (flag)" */
    int show_label;    /* also write the label beside the symbol, where it has room */
} map_point;

typedef struct {
    double south, west, north, east; /* the area shown */
    int width;                       /* px of the viewBox; the height follows from the projection */
    const char *title;               /* <title> of the whole svg, and its aria-label */
    const char *lang;                /* "vi" or "en": the map's own words (km, country names) */
    int embed_style; /* 1: an inline <style> with SVGMAP_CSS, for an SVG that is a file of its
                        own (downloaded); 0 inside the app's pages, whose CSP (style-src 'self')
                        refuses inline style: there the rules belong in app.css */
} map_view;

/* Hover and print rules. The map does not need them: its colours, strokes and sizes are
 * presentation attributes (which the CSP allows), light fills and dark lines that print in
 * black and white, the kinds told apart by shape and a flagged point by a dashed ring and a
 * heavy outline. They only whiten the print and thicken a hovered symbol. */
#define SVGMAP_CSS                                                                                 \
    ".svgmap a:hover .sym,.svgmap a:focus .sym{stroke-width:3}"                                    \
    "@media print{.svgmap .sea{fill:#fff}.svgmap .c{fill:#eee}.svgmap .c-VN{fill:#fff}"            \
    ".svgmap .border{stroke:#000}.svgmap .grat{stroke:#999}.svgmap .cname{fill:#555}}"

/* The province (13.9-15.4 N, 107.4-109.2 E) with room to show the neighbours:
 * 13.8-15.5 N, 106.9-109.3 E. title may be NULL (a default in the language). */
map_view svgmap_province(int width, const char *title, const char *lang);
/* The area that holds every point plus a margin, never smaller than deflt (deflt itself
 * when there are no points with coordinates). It grows no further than the border data
 * reaches (svgmap_borders' box): a point beyond it stays outside, and is not drawn. */
map_view svgmap_fit(const map_point *p, int n, map_view deflt);
/* Appends the <svg> element. Points outside the view are not drawn. */
void svgmap_draw(buf *o, const map_view *v, const map_point *p, int n);

/* A small <svg> of the symbol a kind is drawn with (flagged or not), for a legend; hidden
 * from screen readers, the legend's text says it. */
void svgmap_key(buf *o, const char *kind, int flagged);

/* The parsed border data (for tests): rings of lon,lat pairs, and the box they lie in. */
typedef struct {
    char cc[3];       /* ISO 3166 alpha-2 */
    int n;            /* points; the ring is closed (last joins first) */
    const double *pt; /* lon0, lat0, lon1, lat1, ... */
} map_ring;
typedef struct {
    const map_ring *ring;
    int n;
    double south, west, north, east; /* from the file's "# bbox:" line */
} map_borders;
const map_borders *svgmap_borders(void);
#endif
