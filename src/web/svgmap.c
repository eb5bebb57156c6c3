/* svgmap: see svgmap.h. Coordinates go through an equirectangular projection scaled by the
 * cosine of the middle latitude (at this scale, 2 degrees across, the error is far below a
 * symbol's size). Polygons are clipped to the view before they are written, so the SVG holds
 * only what is seen, with one decimal per coordinate.
 *
 * The server's Content-Security-Policy (style-src 'self') refuses an inline <style> (and
 * the browser tests fail on the violation), so the whole look is in presentation attributes
 * (fill, stroke, font-size), which it allows; SVGMAP_CSS only adds hover and print rules,
 * from app.css or, in a file of its own, from an inline <style> (embed_style). */
#include "svgmap.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/html.h"

extern const char *const ngv_borders_tsv;

/* ---- the border data, parsed once ---- */

static map_borders borders;
static pthread_once_t borders_once = PTHREAD_ONCE_INIT;

static void borders_parse(void)
{
    map_ring *rings = NULL;
    int cap = 0;
    borders.south = borders.west = -INFINITY;
    borders.north = borders.east = INFINITY;
    for (const char *s = ngv_borders_tsv; *s;) {
        const char *eol = strchr(s, '\n');
        if (!eol) eol = s + strlen(s);
        if (*s == '#') {
            double w, so, e, no;
            if (!strncmp(s, "# bbox:", 7) &&
                sscanf(s + 7, "%lf,%lf,%lf,%lf", &w, &so, &e, &no) == 4) {
                borders.west = w, borders.south = so, borders.east = e, borders.north = no;
            }
        } else if (eol - s > 3 && s[2] == '\t') {
            double *pt = NULL;
            int n = 0, pcap = 0;
            const char *p = s + 3;
            while (p < eol) {
                char *end;
                double lon = strtod(p, &end);
                if (end == p || end >= eol || *end != ',') break;
                p = end + 1;
                double lat = strtod(p, &end);
                if (end == p || end > eol) break;
                p = end;
                while (p < eol && *p == ' ')
                    p++;
                if (n == pcap) {
                    pcap = pcap ? pcap * 2 : 64;
                    pt = xrealloc(pt, sizeof *pt * 2 * (size_t)pcap);
                }
                pt[2 * n] = lon, pt[2 * n + 1] = lat;
                n++;
            }
            if (n >= 3) {
                if (borders.n == cap) {
                    cap = cap ? cap * 2 : 16;
                    rings = xrealloc(rings, sizeof *rings * (size_t)cap);
                }
                map_ring *r = &rings[borders.n++];
                memcpy(r->cc, s, 2);
                r->cc[2] = 0;
                r->n = n;
                r->pt = pt;
            } else {
                free(pt);
            }
        }
        s = *eol ? eol + 1 : eol;
    }
    borders.ring = rings;
}

const map_borders *svgmap_borders(void)
{
    pthread_once(&borders_once, borders_parse);
    return &borders;
}

/* ---- geometry in viewBox units ---- */

typedef struct {
    double x, y;
} xy;
typedef struct {
    xy *p;
    int n, cap;
} poly;

static void poly_push(poly *q, xy v)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 64;
        q->p = xrealloc(q->p, sizeof *q->p * (size_t)q->cap);
    }
    q->p[q->n++] = v;
}

typedef struct {
    double west, north, kx, ky; /* px per degree of longitude, latitude */
    double w, h;                /* the viewBox */
} proj;

static proj proj_of(const map_view *v)
{
    double c = cos((v->south + v->north) / 2 * M_PI / 180);
    proj p = {.west = v->west, .north = v->north, .w = v->width};
    p.kx = v->width / (v->east - v->west);
    p.ky = p.kx / c;
    p.h = ceil((v->north - v->south) * p.ky);
    return p;
}

static xy project(const proj *p, double lat, double lon)
{
    return (xy){(lon - p->west) * p->kx, (p->north - lat) * p->ky};
}

/* Sutherland-Hodgman against one edge: 0 x >= c, 1 x <= c, 2 y >= c, 3 y <= c. */
static int inside(xy v, int edge, double c)
{
    switch (edge) {
    case 0:
        return v.x >= c;
    case 1:
        return v.x <= c;
    case 2:
        return v.y >= c;
    default:
        return v.y <= c;
    }
}

static xy cut(xy a, xy b, int edge, double c)
{
    if (edge < 2) return (xy){c, a.y + (b.y - a.y) * (c - a.x) / (b.x - a.x)};
    return (xy){a.x + (b.x - a.x) * (c - a.y) / (b.y - a.y), c};
}

/* Clips q to the rectangle in place; the result stays one closed polygon. */
static void clip_rect(poly *q, double x0, double y0, double x1, double y1)
{
    const double lim[4] = {x0, x1, y0, y1};
    poly t = {0};
    for (int e = 0; e < 4 && q->n; e++) {
        t.n = 0;
        for (int i = 0; i < q->n; i++) {
            xy cur = q->p[i], prev = q->p[(i + q->n - 1) % q->n];
            if (inside(cur, e, lim[e])) {
                if (!inside(prev, e, lim[e])) poly_push(&t, cut(prev, cur, e, lim[e]));
                poly_push(&t, cur);
            } else if (inside(prev, e, lim[e])) {
                poly_push(&t, cut(prev, cur, e, lim[e]));
            }
        }
        poly swap = *q;
        *q = t;
        t = swap;
    }
    free(t.p);
}

static double area(const poly *q)
{
    double a = 0;
    for (int i = 0, j = q->n - 1; i < q->n; j = i++)
        a += (q->p[j].x + q->p[i].x) * (q->p[j].y - q->p[i].y);
    return fabs(a) / 2;
}

/* Distance from v to the outline of q, positive inside, negative outside. */
static double sdist(const poly *q, xy v)
{
    int in = 0;
    double best = INFINITY;
    for (int i = 0, j = q->n - 1; i < q->n; j = i++) {
        xy a = q->p[j], b = q->p[i];
        if ((a.y > v.y) != (b.y > v.y) && v.x < (b.x - a.x) * (v.y - a.y) / (b.y - a.y) + a.x)
            in = !in;
        double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
        double t = l2 > 0 ? ((v.x - a.x) * dx + (v.y - a.y) * dy) / l2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = a.x + t * dx - v.x, ey = a.y + t * dy - v.y, d = ex * ex + ey * ey;
        if (d < best) best = d;
    }
    return (in ? 1 : -1) * sqrt(best);
}

/* Drops points closer than d to the last one kept: the name's placement needs no detail,
 * and its search costs the number of points. */
static void thin(poly *q, double d)
{
    int k = 0;
    for (int i = 0; i < q->n; i++)
        if (!k || hypot(q->p[i].x - q->p[k - 1].x, q->p[i].y - q->p[k - 1].y) >= d)
            q->p[k++] = q->p[i];
    q->n = k;
}

/* ---- writing ---- */

/* A number with at most one decimal: "12.3", "12", "-0.5". */
static void num(buf *o, double v)
{
    long t = lround(v * 10);
    if (t < 0) {
        buf_putc(o, '-');
        t = -t;
    }
    buf_printf(o, "%ld", t / 10);
    if (t % 10) buf_printf(o, ".%ld", t % 10);
}

static void attr_num(buf *o, const char *name, double v)
{
    buf_printf(o, " %s=\"", name);
    num(o, v);
    buf_putc(o, '"');
}

/* Appends q to a path's data, dropping points that round onto the previous one. */
static void path_ring(buf *o, const poly *q)
{
    long lx = 0, ly = 0;
    int k = 0;
    for (int i = 0; i < q->n; i++) {
        long x = lround(q->p[i].x * 10), y = lround(q->p[i].y * 10);
        if (k && x == lx && y == ly) continue;
        buf_putc(o, k ? (k == 1 ? 'L' : ' ') : 'M');
        num(o, q->p[i].x);
        buf_putc(o, ' ');
        num(o, q->p[i].y);
        lx = x, ly = y, k++;
    }
    if (k) buf_putc(o, 'Z');
}

/* The clipping and the data's own box add edges that are no border: on a line x or y = one
 * of these. The stroke leaves them out. */
typedef struct {
    double x[4], y[4];
} cutlines;

static int artificial(const cutlines *c, xy a, xy b)
{
    for (int i = 0; i < 4; i++) {
        if (fabs(a.x - c->x[i]) < 1e-6 && fabs(b.x - c->x[i]) < 1e-6) return 1;
        if (fabs(a.y - c->y[i]) < 1e-6 && fabs(b.y - c->y[i]) < 1e-6) return 1;
    }
    return 0;
}

static void path_border(buf *o, const poly *q, const cutlines *c)
{
    int start = -1;
    for (int i = 0; i < q->n && start < 0; i++)
        if (artificial(c, q->p[(i + q->n - 1) % q->n], q->p[i])) start = i;
    if (start < 0) { /* a whole ring inside: closed */
        path_ring(o, q);
        return;
    }
    long lx = 0, ly = 0;
    int pen = 0;
    for (int k = 0; k < q->n; k++) {
        xy a = q->p[(start + k) % q->n], b = q->p[(start + k + 1) % q->n];
        if (artificial(c, a, b)) {
            pen = 0;
            continue;
        }
        if (!pen) {
            buf_putc(o, 'M');
            num(o, a.x);
            buf_putc(o, ' ');
            num(o, a.y);
            lx = lround(a.x * 10), ly = lround(a.y * 10);
            pen = 1;
        }
        long x = lround(b.x * 10), y = lround(b.y * 10);
        if (x == lx && y == ly) continue;
        buf_putc(o, pen == 1 ? 'L' : ' ');
        num(o, b.x);
        buf_putc(o, ' ');
        num(o, b.y);
        lx = x, ly = y, pen = 2;
    }
}

/* ---- labels ---- */

typedef struct {
    double x0, y0, x1, y1;
} box;

static int overlaps(box a, box b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* Characters, not bytes, for a text's estimated width. */
static int utf8_len(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* What a country's name keeps away from: the points' symbols (radius prad) and the boxes
 * of the edge labels and the scale bar. */
typedef struct {
    const xy *pt;
    int npt;
    double prad;
    const box *bx;
    int nbx;
} obstacles;

/* How well a text of width tw centred at c sits in q: the least distance from its middle
 * line to the outline and to the obstacles. */
static double label_score(const poly *q, xy c, double tw, const obstacles *ob, double floor)
{
    double s = sdist(q, c);
    if (s <= floor) return s; /* cannot beat the best so far */
    for (int i = -1; i <= 1; i += 2) {
        double d = sdist(q, (xy){c.x + i * tw / 2, c.y});
        if (d < s) s = d;
        if (s <= floor) return s;
    }
    for (int i = 0; i < ob->npt; i++) {
        double dx = fabs(ob->pt[i].x - c.x) - tw / 2, dy = ob->pt[i].y - c.y;
        double d = sqrt((dx > 0 ? dx * dx : 0) + dy * dy) - ob->prad;
        if (d < s) s = d;
    }
    for (int i = 0; i < ob->nbx; i++) {
        box b = ob->bx[i];
        double dx = fmax(0, fmax(b.x0 - (c.x + tw / 2), (c.x - tw / 2) - b.x1));
        double dy = fmax(0, fmax(b.y0 - c.y, c.y - b.y1));
        double d = sqrt(dx * dx + dy * dy);
        if (d < s) s = d;
    }
    return s;
}

/* The visual centre of q for a text tw wide (a grid search refined around the best cell, in
 * the manner of a pole of inaccessibility); returns its score. */
static double label_place(const poly *q, double tw, const obstacles *ob, xy *at)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int i = 0; i < q->n; i++) {
        x0 = fmin(x0, q->p[i].x), x1 = fmax(x1, q->p[i].x);
        y0 = fmin(y0, q->p[i].y), y1 = fmax(y1, q->p[i].y);
    }
    /* a 16 x 16 grid over the whole, then twice an 8 x 8 one over the best cell's surroundings */
    double best = -INFINITY, cw = (x1 - x0) / 16, ch = (y1 - y0) / 16, bx = x0, by = y0;
    xy c = {(x0 + x1) / 2, (y0 + y1) / 2};
    for (int round = 0, grid = 16; round < 3; round++, grid = 8) {
        xy rc = c;
        for (int i = 0; i < grid; i++)
            for (int j = 0; j < grid; j++) {
                xy v = {bx + (i + 0.5) * cw, by + (j + 0.5) * ch};
                double s = label_score(q, v, tw, ob, best);
                if (s > best) best = s, rc = v;
            }
        c = rc;
        bx = c.x - cw, by = c.y - ch; /* the best cell and half of each neighbour */
        cw /= 4, ch /= 4;
    }
    *at = c;
    return best;
}

/* ---- the map ---- */

static const struct {
    const char *cc, *vi, *en, *fill;
} countries[] = {
    {"TH", "THÁI LAN", "THAILAND", "#e8ebef"},
    {"KH", "CAMPUCHIA", "CAMBODIA", "#efe8e2"},
    {"LA", "LÀO", "LAOS", "#e9ede2"},
    {"VN", "VIỆT NAM", "VIETNAM", "#fdf7e4"},
};
enum { NCOUNTRY = sizeof countries / sizeof countries[0] };

map_view svgmap_province(int width, const char *title, const char *lang)
{
    /* 13.9-15.4 N, 107.4-109.2 E, wider to the west for Laos and Cambodia */
    return (map_view){.south = 13.8,
                      .west = 106.9,
                      .north = 15.5,
                      .east = 109.3,
                      .width = width,
                      .title = title,
                      .lang = lang};
}

map_view svgmap_fit(const map_point *p, int n, map_view d)
{
    const map_borders *b = svgmap_borders();
    double s = INFINITY, w = INFINITY, no = -INFINITY, e = -INFINITY;
    for (int i = 0; i < n; i++) {
        double la = p[i].lat, lo = p[i].lon;
        if (!isfinite(la) || !isfinite(lo) || fabs(la) > 90 || fabs(lo) > 180) continue;
        s = fmin(s, la), no = fmax(no, la), w = fmin(w, lo), e = fmax(e, lo);
    }
    if (s > no) return d;
    double mlat = fmax(0.05, (no - s) * 0.08), mlon = fmax(0.05, (e - w) * 0.08);
    /* no further than the border data reaches: beyond it the map would be blank */
    d.south = fmin(d.south, fmax(s - mlat, b->south));
    d.north = fmax(d.north, fmin(no + mlat, b->north));
    d.west = fmin(d.west, fmax(w - mlon, b->west));
    d.east = fmax(d.east, fmin(e + mlon, b->east));
    return d;
}

static int visible(const map_view *v, const map_point *p)
{
    return isfinite(p->lat) && isfinite(p->lon) && p->lat >= v->south && p->lat <= v->north &&
           p->lon >= v->west && p->lon <= v->east;
}

/* "14°30′B" / "14°30′N", "107°30′Đ" / "107°30′E" */
static void degree_text(char *out, size_t sz, double v, int is_lat, int vi)
{
    long m = lround(fabs(v) * 60);
    const char *h = is_lat ? (v >= 0 ? (vi ? "B" : "N") : (vi ? "N" : "S"))
                           : (v >= 0 ? (vi ? "Đ" : "E") : (vi ? "T" : "W"));
    if (m % 60)
        snprintf(out, sz, "%ld°%02ld′%s", m / 60, m % 60, h);
    else
        snprintf(out, sz, "%ld°%s", m / 60, h);
}

/* Only links to the application's pages or to the web: no script, no data: URLs. */
static int safe_href(const char *h)
{
    return h && ((h[0] == '/' && h[1] != '/') || !strncmp(h, "https://", 8) ||
                 !strncmp(h, "http://", 7));
}

/* The kind as a class name: letters, digits, '-' and '_' only. */
static void kind_class(char out[24], const char *k)
{
    int n = 0;
    for (; k && *k && n < 23; k++) {
        char c = *k;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            out[n++] = c;
        else if (c >= 'A' && c <= 'Z')
            out[n++] = (char)(c - 'A' + 'a');
    }
    if (!n)
        memcpy(out, "other", 6);
    else
        out[n] = 0;
}

static const char *kind_fill(const char *k)
{
    if (!strcmp(k, "gate")) return "#1f5fa8";
    if (!strcmp(k, "marker")) return "#2e7d32";
    if (!strcmp(k, "incident")) return "#e65100";
    return "#6a1b9a";
}

/* The symbol of a kind, centred on c, radius r: gate a square, marker a triangle, incident
 * a circle, anything else a diamond; distinct in black and white too. */
static void symbol(buf *o, const char *k, xy c, double r, const char *fill, double sw)
{
    if (!strcmp(k, "gate")) {
        buf_puts(o, "<rect class=\"sym\"");
        attr_num(o, "x", c.x - r * 0.9);
        attr_num(o, "y", c.y - r * 0.9);
        attr_num(o, "width", r * 1.8);
        attr_num(o, "height", r * 1.8);
    } else if (!strcmp(k, "incident")) {
        buf_puts(o, "<circle class=\"sym\"");
        attr_num(o, "cx", c.x);
        attr_num(o, "cy", c.y);
        attr_num(o, "r", r);
    } else {
        int tri = !strcmp(k, "marker");
        poly q = {0};
        if (tri) {
            poly_push(&q, (xy){c.x, c.y - r * 1.15});
            poly_push(&q, (xy){c.x + r, c.y + r * 0.75});
            poly_push(&q, (xy){c.x - r, c.y + r * 0.75});
        } else {
            poly_push(&q, (xy){c.x, c.y - r * 1.2});
            poly_push(&q, (xy){c.x + r * 1.2, c.y});
            poly_push(&q, (xy){c.x, c.y + r * 1.2});
            poly_push(&q, (xy){c.x - r * 1.2, c.y});
        }
        buf_puts(o, "<path class=\"sym\" d=\"");
        path_ring(o, &q);
        buf_putc(o, '"');
        free(q.p);
    }
    html_printf(o, " fill=\"%s\" stroke=\"#111\"", fill);
    attr_num(o, "stroke-width", sw);
    buf_puts(o, "/>");
}

typedef struct {
    xy at;
    int placed;         /* the label's text has a place */
    double tx, ty;      /* where */
    const char *anchor; /* text-anchor */
} ptlayout;

void svgmap_draw(buf *o, const map_view *view, const map_point *pts, int n)
{
    map_view v = *view;
    if (v.width <= 0) v.width = 800;
    if (!(v.north > v.south && v.east > v.west && v.north - v.south < 60 && v.east - v.west < 60)) {
        int style = v.embed_style;
        v = svgmap_province(v.width, v.title, v.lang);
        v.embed_style = style;
    }
    int vi = !v.lang || strcmp(v.lang, "en") != 0;
    const char *title = v.title ? v.title
                        : vi    ? "Bản đồ khu vực biên giới"
                                : "Map of the border area";
    const map_borders *bd = svgmap_borders();
    proj pj = proj_of(&v);
    double fs = v.width / 66.0; /* text, px of the viewBox */
    double r = fs * 0.5;        /* a point's symbol */
    double m = 2;               /* clip margin: the cut edges fall outside the viewBox */

    int links = 0; /* an image holds nothing to focus: with links in it, it is a group */
    for (int i = 0; i < n && !links; i++)
        links = safe_href(pts[i].href) && visible(&v, &pts[i]);
    html_printf(o,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svgmap\" role=\"%s\" "
                "aria-label=\"%s\" lang=\"%s\" viewBox=\"0 0 %d ",
                links ? "group" : "img", title, vi ? "vi" : "en", v.width);
    num(o, pj.h);
    buf_puts(o, "\" width=\"100%\" font-family=\"sans-serif\">");
    html_printf(o, "<title>%s</title>", title);
    if (v.embed_style) buf_puts(o, "<style>" SVGMAP_CSS "</style>");
    buf_puts(o, "<rect class=\"sea\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" "
                "fill=\"#dcebf5\"/>");

    /* points in view first: the country names keep away from them */
    size_t np = n > 0 ? (size_t)n : 0;
    ptlayout *lay = xmalloc(sizeof *lay * np);
    memset(lay, 0, sizeof *lay * np);
    xy *obs = xmalloc(sizeof *obs * np);
    int nobs = 0;
    for (int i = 0; i < n; i++)
        if (visible(&v, &pts[i])) obs[nobs++] = lay[i].at = project(&pj, pts[i].lat, pts[i].lon);

    /* countries: fills, then borders over every fill, then names */
    cutlines cl = {.x = {-m, pj.w + m, project(&pj, 0, bd->west).x, project(&pj, 0, bd->east).x},
                   .y = {-m, pj.h + m, project(&pj, bd->north, 0).y, project(&pj, bd->south, 0).y}};
    buf border = {0};
    poly best[NCOUNTRY] = {0};
    double best_area[NCOUNTRY] = {0};
    buf_puts(o, "<g class=\"land\">");
    for (int c = 0; c < NCOUNTRY; c++) {
        int open = 0;
        for (int i = 0; i < bd->n; i++) {
            const map_ring *rg = &bd->ring[i];
            if (strcmp(rg->cc, countries[c].cc)) continue;
            poly q = {0};
            for (int k = 0; k < rg->n; k++)
                poly_push(&q, project(&pj, rg->pt[2 * k + 1], rg->pt[2 * k]));
            clip_rect(&q, -m, -m, pj.w + m, pj.h + m);
            if (q.n < 3) {
                free(q.p);
                continue;
            }
            if (!open) {
                html_printf(o, "<path class=\"c c-%s\" fill=\"%s\" fill-rule=\"evenodd\" d=\"",
                            countries[c].cc, countries[c].fill);
                open = 1;
            }
            path_ring(o, &q);
            path_border(&border, &q, &cl);
            clip_rect(&q, 0, 0, pj.w, pj.h); /* the part seen, for the name */
            thin(&q, fs * 0.25);
            double a = q.n >= 3 ? area(&q) : 0;
            if (a > best_area[c]) {
                free(best[c].p);
                best[c] = q, best_area[c] = a;
            } else {
                free(q.p);
            }
        }
        if (open) buf_puts(o, "\"/>");
    }
    buf_puts(o, "</g>");
    if (border.len) {
        buf_puts(o, "<path class=\"border\" fill=\"none\" stroke=\"#6d4c41\" stroke-width=\"1.3\" "
                    "stroke-linejoin=\"round\" d=\"");
        buf_put(o, border.data, border.len);
        buf_puts(o, "\"/>");
    }
    buf_free(&border);

    /* graticule every half degree, labelled at the left and top edges */
    box used[64]; /* edge labels, the scale bar, the names: point labels keep off them */
    int nused = 0;
    buf_puts(o, "<path class=\"grat\" fill=\"none\" stroke=\"#7f9fb0\" stroke-width=\"0.6\" "
                "stroke-dasharray=\"3 3\" d=\"");
    for (double la = ceil(v.south * 2) / 2; la <= v.north; la += 0.5) {
        double y = project(&pj, la, v.west).y;
        if (y < 1 || y > pj.h - 1) continue;
        buf_puts(o, "M0 ");
        num(o, y);
        buf_putc(o, 'H');
        num(o, pj.w);
    }
    for (double lo = ceil(v.west * 2) / 2; lo <= v.east; lo += 0.5) {
        double x = project(&pj, v.north, lo).x;
        if (x < 1 || x > pj.w - 1) continue;
        buf_putc(o, 'M');
        num(o, x);
        buf_puts(o, " 0V");
        num(o, pj.h);
    }
    buf_puts(o, "\"/>");

    /* scale bar, bottom left: a round length near a fifth of the width */
    box scale;
    {
        double km_px = 111.195 / pj.ky; /* km per px, north-south (east-west is the same) */
        static const int nice[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500};
        int km = 1;
        for (size_t i = 0; i < sizeof nice / sizeof nice[0]; i++)
            if (nice[i] / km_px <= pj.w / 5) km = nice[i];
        double len = km / km_px, x0 = fs, y0 = pj.h - fs * 1.2, bh = fs * 0.4;
        char t[32];
        snprintf(t, sizeof t, "%d km", km);
        buf_puts(o, "<g class=\"scale\"><rect fill=\"#fff\" fill-opacity=\"0.75\"");
        attr_num(o, "x", x0 - fs * 0.5);
        attr_num(o, "y", y0 - fs * 1.5);
        attr_num(o, "width", len + fs * 1.0 + utf8_len(t) * fs * 0.6);
        attr_num(o, "height", fs * 2.4);
        buf_puts(o, "/><rect fill=\"#fff\" stroke=\"#111\" stroke-width=\"1\"");
        attr_num(o, "x", x0);
        attr_num(o, "y", y0);
        attr_num(o, "width", len);
        attr_num(o, "height", bh);
        buf_puts(o, "/><rect fill=\"#111\"");
        attr_num(o, "x", x0);
        attr_num(o, "y", y0);
        attr_num(o, "width", len / 2);
        attr_num(o, "height", bh);
        buf_puts(o, "/><text fill=\"#111\"");
        attr_num(o, "font-size", fs * 0.85);
        attr_num(o, "x", x0 + len + fs * 0.4);
        attr_num(o, "y", y0 + bh);
        html_printf(o, ">%s</text></g>", t);
        scale =
            (box){x0 - fs * 0.5, y0 - fs * 1.5, x0 + len + fs * 0.5 + utf8_len(t) * fs * 0.6, pj.h};
        used[nused++] = scale;
    }

    buf_puts(o, "<g class=\"deg\" fill=\"#37596b\"");
    attr_num(o, "font-size", fs * 0.85);
    buf_putc(o, '>');
    double top = fs * 1.3; /* the row of longitude labels */
    for (double lo = ceil(v.west * 2) / 2; lo <= v.east; lo += 0.5) {
        char t[32];
        double x = project(&pj, v.north, lo).x + 3;
        degree_text(t, sizeof t, lo, 0, vi);
        double tw = utf8_len(t) * fs * 0.85 * 0.58;
        if (x < 4 || x + tw > pj.w - 2) continue; /* its line is drawn, the text fits */
        buf_puts(o, "<text");
        attr_num(o, "x", x);
        attr_num(o, "y", fs * 1.05);
        html_printf(o, ">%s</text>", t);
        if (nused < 64) used[nused++] = (box){x, 0, x + tw, top};
    }
    for (double la = ceil(v.south * 2) / 2; la <= v.north; la += 0.5) {
        char t[32];
        double y = project(&pj, la, v.west).y - 3;
        if (y - fs < top || y > pj.h - 2) continue;
        degree_text(t, sizeof t, la, 1, vi);
        double tw = utf8_len(t) * fs * 0.85 * 0.58;
        box b = {0, y - fs, tw + 4, y + 2};
        if (overlaps(b, scale)) continue;
        buf_puts(o, "<text x=\"3\"");
        attr_num(o, "y", y);
        html_printf(o, ">%s</text>", t);
        if (nused < 64) used[nused++] = b;
    }
    buf_puts(o, "</g>");

    /* country names at the visual centre of each country's largest visible part */
    double cfs = fs * 1.35;
    buf_puts(o, "<g class=\"cname\" fill=\"#8d7b68\" text-anchor=\"middle\" letter-spacing=\"2\"");
    attr_num(o, "font-size", cfs);
    buf_putc(o, '>');
    for (int c = 0; c < NCOUNTRY; c++) {
        if (best[c].n < 3) continue;
        const char *name = vi ? countries[c].vi : countries[c].en;
        double tw = utf8_len(name) * (cfs * 0.68 + 2);
        xy at;
        obstacles ob = {obs, nobs, r * 2, used, nused};
        if (label_place(&best[c], tw, &ob, &at) >= cfs * 0.6) {
            buf_puts(o, "<text");
            attr_num(o, "x", at.x);
            attr_num(o, "y", at.y + cfs * 0.35);
            html_printf(o, ">%s</text>", name);
            if (nused < 64) /* point labels keep off it too */
                used[nused++] =
                    (box){at.x - tw / 2, at.y - cfs * 0.7, at.x + tw / 2, at.y + cfs * 0.5};
        }
        free(best[c].p);
    }
    buf_puts(o, "</g>");

    /* point labels: right, left, above or below the symbol, wherever nothing else is */
    box *taken = xmalloc(sizeof *taken * (np + np + (size_t)nused));
    int nt = 0;
    for (int i = 0; i < nused; i++)
        taken[nt++] = used[i];
    for (int i = 0; i < n; i++) {
        if (!visible(&v, &pts[i])) continue;
        double h = pts[i].flag ? r * 2 : r * 1.3; /* a flagged point's ring is wider */
        xy c = lay[i].at;
        taken[nt++] = (box){c.x - h, c.y - h, c.x + h, c.y + h};
    }
    double pfs = fs * 0.9;
    for (int i = 0; i < n; i++) {
        if (!pts[i].show_label || !pts[i].label || !*pts[i].label || !visible(&v, &pts[i]))
            continue;
        xy c = lay[i].at;
        double tw = utf8_len(pts[i].label) * pfs * 0.56;
        double g = (pts[i].flag ? r * 2 : r * 1.3) + 2;
        struct {
            box b;
            double tx, ty;
            const char *anchor;
        } cand[4] = {
            {{c.x + g, c.y - pfs * 0.6, c.x + g + tw, c.y + pfs * 0.4},
             c.x + g,
             c.y + pfs * 0.35,
             "start"},
            {{c.x - g - tw, c.y - pfs * 0.6, c.x - g, c.y + pfs * 0.4},
             c.x - g,
             c.y + pfs * 0.35,
             "end"},
            {{c.x - tw / 2, c.y - g - pfs, c.x + tw / 2, c.y - g},
             c.x,
             c.y - g - pfs * 0.2,
             "middle"},
            {{c.x - tw / 2, c.y + g, c.x + tw / 2, c.y + g + pfs},
             c.x,
             c.y + g + pfs * 0.8,
             "middle"},
        };
        for (int k = 0; k < 4 && !lay[i].placed; k++) {
            box b = cand[k].b;
            if (b.x0 < 1 || b.y0 < 1 || b.x1 > pj.w - 1 || b.y1 > pj.h - 1) continue;
            int hit = 0;
            for (int j = 0; j < nt && !hit; j++) /* a point's own symbol is not in b */
                hit = overlaps(b, taken[j]);
            if (hit) continue;
            lay[i].placed = 1, lay[i].tx = cand[k].tx, lay[i].ty = cand[k].ty;
            lay[i].anchor = cand[k].anchor;
            taken[nt++] = b;
        }
    }
    free(taken);

    /* the points, flagged ones last so that they are on top */
    buf_puts(o, "<g class=\"points\">");
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++) {
            const map_point *p = &pts[i];
            int flagged = p->flag != NULL;
            if (flagged != pass || !visible(&v, p)) continue;
            char kc[24];
            kind_class(kc, p->kind);
            int link = safe_href(p->href);
            if (link) html_printf(o, "<a href=\"%s\">", p->href);
            html_printf(o, "<g class=\"pt pt-%s%s\" data-lat=\"", kc, flagged ? " flagged" : "");
            buf_printf(o, "%.5f\" data-lon=\"%.5f\"><title>", p->lat, p->lon);
            html_text(o, p->label);
            if (flagged && *p->flag) html_printf(o, " (%s)", p->flag);
            buf_puts(o, "</title>");
            xy c = lay[i].at;
            if (flagged) { /* a dashed ring and a heavy outline: seen without colour too */
                buf_puts(o, "<circle class=\"halo\" fill=\"#fff\" fill-opacity=\"0.6\" "
                            "stroke=\"#b71c1c\" stroke-width=\"1.6\" stroke-dasharray=\"3 2\"");
                attr_num(o, "cx", c.x);
                attr_num(o, "cy", c.y);
                attr_num(o, "r", r * 2);
                buf_puts(o, "/>");
            }
            symbol(o, kc, c, r, flagged ? "#c62828" : kind_fill(kc), flagged ? 2.6 : 1.1);
            if (lay[i].placed) {
                html_printf(o,
                            "<text class=\"plabel\" fill=\"#111\" stroke=\"#fff\" "
                            "stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" "
                            "text-anchor=\"%s\"",
                            lay[i].anchor);
                attr_num(o, "font-size", pfs);
                attr_num(o, "x", lay[i].tx);
                attr_num(o, "y", lay[i].ty);
                html_printf(o, ">%s</text>", p->label);
            }
            buf_puts(o, "</g>");
            if (link) buf_puts(o, "</a>");
        }
    buf_puts(o, "</g></svg>");
    free(lay);
    free(obs);
}

void svgmap_key(buf *o, const char *kind, int flagged)
{
    char kc[24];
    kind_class(kc, kind);
    buf_puts(o, "<svg class=\"svgmap-key\" width=\"22\" height=\"22\" viewBox=\"0 0 22 22\" "
                "aria-hidden=\"true\">");
    if (flagged)
        buf_puts(o, "<circle fill=\"#fff\" stroke=\"#b71c1c\" stroke-width=\"1.6\" "
                    "stroke-dasharray=\"3 2\" cx=\"11\" cy=\"11\" r=\"10\"/>");
    symbol(o, kc, (xy){11, 11}, 5.5, flagged ? "#c62828" : kind_fill(kc), flagged ? 2.6 : 1.1);
    buf_puts(o, "</svg>");
}
