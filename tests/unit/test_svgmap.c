/* web/svgmap: the embedded border data (parsed once, in its box, the right countries near the
 * tri-border point), and the map drawn from it: complete and small, points escaped, linked,
 * skipped outside the view, flagged; the fitted area; well-formed XML.
 * NGOAIVU_SVGMAP_OUT=FILE also writes a sample map there, to look at. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "web/svgmap.h"
#include "t.h"

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A small XML checker for what svgmap writes: one root, tags that balance, attribute values
 * quoted and free of '<', every '&' an entity; <style> content without markup. */
static int well_formed(const char *s)
{
    const char *stack[64];
    size_t len[64];
    int depth = 0, roots = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '&') {
            static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#"};
            int ok = 0;
            for (int i = 0; i < 5; i++)
                ok |= !strncmp(p, ents[i], strlen(ents[i]));
            if (!ok) return fprintf(stderr, "    bare &: %.30s\n", p), 0;
            continue;
        }
        if (*p != '<') {
            if (!depth && *p != '\n' && *p != ' ') return fprintf(stderr, "    text outside\n"), 0;
            continue;
        }
        int closing = p[1] == '/';
        const char *name = p + 1 + closing;
        size_t nl = strcspn(name, " />\t\n");
        if (!nl) return fprintf(stderr, "    empty tag name: %.30s\n", p), 0;
        const char *q = name + nl;
        char quote = 0;
        for (; *q && (quote || *q != '>'); q++) {
            if (quote && *q == '<') return fprintf(stderr, "    < in attribute\n"), 0;
            if (*q == '"' || *q == '\'') quote = quote == *q ? 0 : quote ? quote : *q;
        }
        if (!*q) return fprintf(stderr, "    unterminated tag\n"), 0;
        if (closing) {
            if (!depth || len[depth - 1] != nl || strncmp(stack[depth - 1], name, nl))
                return fprintf(stderr, "    unbalanced </%.*s>\n", (int)nl, name), 0;
            depth--;
        } else if (q[-1] != '/') {
            if (!depth && roots++) return fprintf(stderr, "    second root\n"), 0;
            if (depth == 64) return 0;
            stack[depth] = name, len[depth++] = nl;
            if (nl == 5 && !strncmp(name, "style", 5)) { /* CSS: up to </style>, no markup */
                const char *end = strstr(q, "</style>");
                if (!end || memchr(q + 1, '<', (size_t)(end - q - 1))) return 0;
                q = end - 1;
            }
        } else if (!depth && roots++) {
            return fprintf(stderr, "    second root\n"), 0;
        }
        p = q;
    }
    if (depth) fprintf(stderr, "    %d tags left open\n", depth);
    return depth == 0 && roots == 1;
}

static void border_data_parses(void)
{
    const map_borders *b = svgmap_borders();
    CHECK(b->n > 0);
    CHECK(b->south == 12.5 && b->west == 105.5 && b->north == 16.5 && b->east == 110.0);
    int vn = 0, la = 0, kh = 0, outside = 0, points = 0;
    /* each of the three has a vertex near the tri-border point, about 14.69 N 107.55 E */
    int near[3] = {0};
    for (int i = 0; i < b->n; i++) {
        const map_ring *r = &b->ring[i];
        int k = !strcmp(r->cc, "VN") ? 0 : !strcmp(r->cc, "LA") ? 1 : !strcmp(r->cc, "KH") ? 2 : -1;
        vn += k == 0, la += k == 1, kh += k == 2;
        CHECK(r->n >= 3);
        for (int j = 0; j < r->n; j++) {
            double lon = r->pt[2 * j], lat = r->pt[2 * j + 1];
            points++;
            outside += !(lat >= b->south && lat <= b->north && lon >= b->west && lon <= b->east);
            if (k >= 0 && fabs(lat - 14.69) < 0.06 && fabs(lon - 107.55) < 0.06) near[k] = 1;
        }
    }
    CHECK(vn >= 1 && la >= 1 && kh >= 1);
    CHECK(outside == 0);
    CHECK(near[0] && near[1] && near[2]);
    printf("     border data: %d rings (VN %d, LA %d, KH %d), %d points\n", b->n, vn, la, kh,
           points);
}

static void *parse_in_thread(void *arg)
{
    (void)arg;
    return (void *)svgmap_borders();
}

static void borders_parsed_once_across_threads(void)
{
    pthread_t t[6];
    void *res[6];
    for (int i = 0; i < 6; i++)
        CHECK(pthread_create(&t[i], NULL, parse_in_thread, NULL) == 0);
    for (int i = 0; i < 6; i++) {
        pthread_join(t[i], &res[i]);
        CHECK(res[i] == svgmap_borders());
    }
    CHECK(svgmap_borders()->n > 0);
}

static void default_map_is_complete_and_small(void)
{
    map_view v = svgmap_province(800, NULL, "vi");
    buf o = {0};
    svgmap_draw(&o, &v, NULL, 0);
    const char *s = buf_cstr(&o);
    CHECK(!strncmp(s, "<svg ", 5));
    CHECK(o.len > 6 && !strcmp(s + o.len - 6, "</svg>"));
    CHECK(strstr(s, "role=\"img\"") && strstr(s, "aria-label=\"Bản đồ khu vực biên giới\""));
    CHECK(strstr(s, "viewBox=\"0 0 800 ") && strstr(s, "width=\"100%\""));
    CHECK(strstr(s, "<title>Bản đồ khu vực biên giới</title>"));
    CHECK(!strstr(s, "<style") && !strstr(s, "style=\"")); /* the app's CSP refuses them */
    CHECK(strstr(s, "class=\"c c-VN\"") && strstr(s, "class=\"c c-LA\"") &&
          strstr(s, "class=\"c c-KH\""));
    CHECK(strstr(s, "class=\"border\""));
    CHECK(strstr(s, ">VIỆT NAM</text>") && strstr(s, ">LÀO</text>") &&
          strstr(s, ">CAMPUCHIA</text>"));
    CHECK(strstr(s, " km</text>"));
    CHECK(strstr(s, ">14°30′B</text>") && strstr(s, ">108°Đ</text>"));
    CHECK(count(s, "class=\"pt ") == 0);
    CHECK(o.len < 300 * 1024);
    CHECK(well_formed(s));
    printf("     province map, no points: %zu bytes\n", o.len);
    buf_free(&o);

    v.lang = "en";
    v.embed_style = 1; /* a file of its own */
    svgmap_draw(&o, &v, NULL, 0);
    s = buf_cstr(&o);
    CHECK(strstr(s, "<style>" SVGMAP_CSS "</style>"));
    CHECK(well_formed(s));
    CHECK(strstr(s, ">VIETNAM</text>") && strstr(s, ">LAOS</text>"));
    CHECK(strstr(s, "aria-label=\"Map of the border area\""));
    CHECK(strstr(s, ">14°30′N</text>") && strstr(s, ">108°E</text>"));
    buf_free(&o);
}

static const map_point sample[] = {
    {14.7175, 107.5586, "Bờ Y <&\"", "/gates/1", "gate", NULL, 1},
    {14.6300, 107.5500, "Mốc 0", "/border_markers/7", "marker", "hư hỏng", 1},
    {14.5000, 107.6000, "Vụ việc", NULL, "incident", NULL, 1},
    {15.1000, 107.7000, "Đăk Blô", "javascript:alert(1)", "gate", NULL, 0},
    {16.2000, 108.0000, "Far north", "/gates/9", "gate", NULL, 1},
    {14.3000, 107.5000, "Odd kind", NULL, "x\" onload=\"y", NULL, 0},
};
enum { NSAMPLE = sizeof sample / sizeof sample[0] };

static void points_escaped_linked_and_clipped(void)
{
    map_view v = svgmap_province(900, "Cửa khẩu & mốc", "vi");
    buf o = {0};
    svgmap_draw(&o, &v, sample, NSAMPLE);
    const char *s = buf_cstr(&o);
    CHECK(count(s, "class=\"pt ") == 5); /* all but the one north of the view */
    CHECK(strstr(s, "aria-label=\"Cửa khẩu &amp; mốc\""));
    CHECK(strstr(s, "<a href=\"/gates/1\"><g class=\"pt pt-gate\" data-lat=\"14.71750\" "
                    "data-lon=\"107.55860\"><title>Bờ Y &lt;&amp;&quot;</title><rect"));
    CHECK(!strstr(s, "<&\""));
    CHECK(strstr(s, ">Bờ Y &lt;&amp;&quot;</text>")); /* its label has room to be written */
    CHECK(strstr(s, "<a href=\"/border_markers/7\"><g class=\"pt pt-marker flagged\""));
    CHECK(strstr(s, "<title>Mốc 0 (hư hỏng)</title>"));
    CHECK(count(s, "class=\"halo\"") == 1 && count(s, "flagged") == 1);
    CHECK(strstr(s, "<g class=\"pt pt-incident\"") && strstr(s, "<circle class=\"sym\""));
    CHECK(!strstr(s, "data-lat=\"16.20000\"") && !strstr(s, "Far north"));
    CHECK(!strstr(s, "javascript") && strstr(s, "<title>Đăk Blô</title>"));
    CHECK(strstr(s, "class=\"pt pt-xonloady\"") && !strstr(s, "onload=\""));
    CHECK(well_formed(s));
    printf("     map with %d points: %zu bytes\n", NSAMPLE, o.len);
    const char *out = getenv("NGOAIVU_SVGMAP_OUT");
    if (out && *out) {
        FILE *f = fopen(out, "w");
        if (f) {
            fputs(s, f);
            fclose(f);
        }
    }
    buf_free(&o);
}

static void fit_holds_every_point(void)
{
    map_view d = svgmap_province(800, NULL, "en");
    map_view f = svgmap_fit(NULL, 0, d);
    CHECK(f.south == d.south && f.west == d.west && f.north == d.north && f.east == d.east);
    f = svgmap_fit(sample, NSAMPLE, d);
    CHECK(f.south <= d.south && f.west <= d.west && f.north >= d.north && f.east >= d.east);
    for (int i = 0; i < NSAMPLE; i++)
        CHECK(sample[i].lat > f.south && sample[i].lat < f.north && sample[i].lon > f.west &&
              sample[i].lon < f.east);
    CHECK(f.north > 16.2 && f.width == 800 && !strcmp(f.lang, "en"));
    /* drawn in the fitted view, the far point is there too */
    buf o = {0};
    svgmap_draw(&o, &f, sample, NSAMPLE);
    CHECK(count(buf_cstr(&o), "class=\"pt ") == NSAMPLE);
    CHECK(well_formed(buf_cstr(&o)));
    buf_free(&o);
    /* a point far away widens the view no further than the border data reaches */
    map_point far = {21.0, 104.0, "Viêng Chăn", NULL, "gate", NULL, 0};
    f = svgmap_fit(&far, 1, d);
    CHECK(f.north == svgmap_borders()->north && f.west == svgmap_borders()->west);
    /* a small default box grows to the points, with a margin */
    map_view small = {.south = 14.7, .west = 107.55, .north = 14.72, .east = 107.57, .width = 400};
    f = svgmap_fit(sample, 3, small);
    CHECK(f.south < 14.5 && f.north > 14.7175 && f.west < 107.55 && f.east > 107.6);
}

static void checker_catches_broken_xml(void)
{
    CHECK(well_formed("<svg><g><a href=\"x\"><title>a &amp; b</title></a></g></svg>"));
    CHECK(!well_formed("<svg><g></svg>"));
    CHECK(!well_formed("<svg><g></g><title>a & b</title></svg>"));
    CHECK(!well_formed("<svg><g title=\"<\"/></svg>"));
    CHECK(!well_formed("<svg/><svg/>"));
}

void suite_svgmap(void)
{
    RUN(border_data_parses);
    RUN(borders_parsed_once_across_threads);
    RUN(default_map_is_complete_and_small);
    RUN(points_escaped_linked_and_clipped);
    RUN(fit_holds_every_point);
    RUN(checker_catches_broken_xml);
}
