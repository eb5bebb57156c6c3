/* The border map: gates, markers and incidents over the national borders of the area, drawn
 * by the server as one SVG (svgmap.c: the border lines are data in the repository, nothing is
 * fetched), with the list's filters of each layer, and the same points as text in tables
 * under it (what a screen reader, a printout or a search needs). The layers are the types
 * with a point (entity.geo_lat); what each draws, how many at most, and which of its points
 * are flagged is said here. Each layer's GeoJSON (the same filters) is a link of the page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/app.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "ftypes_web.h"
#include "routes.h"
#include "svgmap.h"

/* Points drawn per layer at most (the latest first): past it the page says how many more
 * there are, and the layer's list has them all. The tables under the map show fewer. */
enum { MAP_POINTS_MAX = 2500, MAP_ROWS_MAX = 200, MAP_OPEN_MAX = 12 };
/* The incidents shown unless the form says otherwise: those of the last MAP_DAYS days. */
enum { MAP_DAYS = 90 };

typedef struct {
    const entity *e;
    const char *kind;
    list_query q;       /* the filters the page's form chose, without the one on coordinates */
    const char *params; /* the same filters as list parameters (the list's link), or NULL */
    record *rows;
    int n;
    long long total, located;
    bool on;
} layer;

static bool flagged_marker(const record *row, const char *today)
{
    const char *s = marker_entity.derived->value(row, today);
    return !strcmp(s, "attention") || !strcmp(s, "overdue");
}

static bool open_incident(const record *row)
{
    const char *s = record_get(row, "status");
    return s && (!strcmp(s, "reported") || !strcmp(s, "joint"));
}

/* The value of a query parameter that is one of a choice field's codes, else NULL. */
static const char *opt_param(req *r, const field *f, const char *name)
{
    const char *v = q_get(r, name);
    return v && field_opt(f, v) ? v : NULL;
}

static const char *date_param(req *r, const char *name, char out[11])
{
    const char *v = q_get(r, name);
    if (!v || strlen(v) != 10 || v[4] != '-' || v[7] != '-') return NULL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9')) return NULL;
    memcpy(out, v, 11);
    return out;
}

static void add_filter(list_query *q, const entity *e, const char *name, const char *v, char op)
{
    if ((v || op == 'N') && q->nf < LIST_FILTERS_MAX)
        q->f[q->nf++] = (list_filter){entity_field_index(e, name), v, op};
}

/* Reads a layer: how many the filters select, how many of those have a point, and the
 * latest MAP_POINTS_MAX of these. */
static int layer_read(req *r, layer *l)
{
    if (!l->on) return ST_OK;
    l->params = list_query_params(&r->a, l->e, &l->q);
    int rc = st_rec_count(r->c, l->e, &l->q, &l->total);
    list_query q = l->q;
    add_filter(&q, l->e, l->e->geo_lat, NULL, 'N');
    if (!rc) rc = st_rec_count(r->c, l->e, &q, &l->located);
    q.desc = true; /* the latest first */
    q.limit = MAP_POINTS_MAX;
    if (!rc) rc = st_rec_list(r->c, &r->a, l->e, &q, &l->rows, &l->n);
    return rc;
}

static void select_opts(req *r, const char *name, const char *label, const enum_opt *opts,
                        const char *cur)
{
    buf *o = &r->out;
    html_printf(o, "<label>%s<select name=\"%s\"><option value=\"\">%s</option>", label, name,
                T(r, M_ALL));
    for (const enum_opt *p = opts; p->code; p++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", p->code,
                    cur && !strcmp(cur, p->code) ? " selected" : "", is_en(r) ? p->en : p->vi);
    html_printf(o, "</select></label>");
}

static const char *point_label(req *r, const layer *l, const record *row)
{
    const char *t = rec_title(&r->x, row, NULL);
    if (l->e == &marker_entity) return arena_printf(&r->a, "%s %s", T(r, M_MAP_MARKER), t);
    if (l->e == &incident_entity) return arena_printf(&r->a, "%s: %s", record_get(row, "date"), t);
    return t;
}

static const char *point_flag(req *r, const layer *l, const record *row, const char *today)
{
    if (l->e == &marker_entity && flagged_marker(row, today))
        return rec_derived_label(row, is_en(r) ? "en" : "vi");
    if (l->e == &incident_entity && open_incident(row))
        return rec_display(&r->x, row, entity_field_index(l->e, "status"));
    return NULL;
}

static const char *point_kind(const layer *l, const record *row)
{
    if (l->e == &marker_entity && !record_get(row, "planted_on")) return "position";
    return l->kind;
}

/* A table of the layer's points: which (1: the flagged, 0: the others, 2: all, flagged
 * first), at most max rows; returns how many. */
static int points_table(req *r, const layer *l, const char *today, int which, int max)
{
    buf *o = &r->out;
    bool inc = l->e == &incident_entity;
    html_printf(o,
                "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s"
                "</th><th scope=\"col\">%s</th>",
                field_label(r, &l->e->fields[entity_title_index(l->e)]),
                inc ? field_label(r, &l->e->fields[entity_field_index(l->e, "date")])
                    : T(r, M_MAP_STATE));
    if (inc)
        html_printf(o, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                    field_label(r, &l->e->fields[entity_field_index(l->e, "category_id")]),
                    field_label(r, &l->e->fields[entity_field_index(l->e, "status")]));
    html_printf(o, "<th scope=\"col\">%s</th></tr></thead><tbody>", T(r, M_MAP_COORDS));
    int shown = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < l->n && shown < max; i++) {
            const record *row = &l->rows[i];
            const char *flag = point_flag(r, l, row, today);
            if ((flag != NULL) != (pass == 0) || (which == 1 && !flag) || (which == 0 && flag))
                continue;
            shown++;
            html_printf(o,
                        flag ? "<tr class=\"warn\"><td><a href=\"/%s/%D\">%s</a></td>"
                             : "<tr><td><a href=\"/%s/%D\">%s</a></td>",
                        l->e->table, row->id, rec_title(&r->x, row, NULL));
            if (inc)
                html_printf(o, "<td>%s</td><td>%s</td>",
                            rec_display(&r->x, row, entity_field_index(l->e, "date")),
                            rec_display(&r->x, row, entity_field_index(l->e, "category_id")));
            if (l->e == &marker_entity)
                html_printf(o, "<td>%s</td>", rec_derived_label(row, is_en(r) ? "en" : "vi"));
            else if (inc)
                html_printf(o, "<td>%s</td>",
                            rec_display(&r->x, row, entity_field_index(l->e, "status")));
            else
                html_printf(o, "<td>%s</td>",
                            rec_display(&r->x, row, entity_field_index(l->e, "state")));
            html_printf(o, "<td class=\"num\">%s, %s</td></tr>", record_get(row, l->e->geo_lat),
                        record_get(row, l->e->geo_lon));
        }
    html_printf(o, "</tbody></table></div>");
    return shown;
}

/* The layer's points as text: flagged first, then as read (the latest first). */
static void layer_table(req *r, const layer *l, const char *today)
{
    buf *o = &r->out;
    html_printf(o, "<section class=\"map-layer\" id=\"layer-%s\"><h2>%s <span class=\"count\">",
                l->e->table, is_en(r) ? l->e->plural_en : l->e->plural_vi);
    html_printf(o, "%s", arena_printf(&r->a, T(r, M_MAP_COUNTS), l->located));
    html_printf(o, "</span></h2>");
    if (l->total > l->located) {
        html_printf(o, "<p class=\"hint\">");
        html_printf(o, "%s", arena_printf(&r->a, T(r, M_MAP_NO_POINT), l->total - l->located));
        html_printf(o, "</p>");
    }
    if (!l->n) {
        html_printf(o, "<p class=\"empty\">%s</p></section>\n", T(r, M_NO_RESULTS));
        return;
    }
    int flagged = 0, shown = 0;
    for (int i = 0; i < l->n; i++)
        flagged += point_flag(r, l, &l->rows[i], today) != NULL;
    /* the flagged points in the open, the others folded unless they are few */
    bool fold = l->n - flagged > MAP_OPEN_MAX;
    if (flagged || !fold) shown += points_table(r, l, today, fold ? 1 : 2, MAP_ROWS_MAX);
    if (fold) {
        html_printf(o, "<details class=\"map-rest\"><summary>");
        html_printf(o, "%s", arena_printf(&r->a, T(r, M_MAP_OTHERS), (long long)(l->n - flagged)));
        html_printf(o, "</summary>");
        shown += points_table(r, l, today, 0, MAP_ROWS_MAX - shown);
        html_printf(o, "</details>");
    }
    if (l->located > shown) {
        html_printf(o, "<p><a href=\"/%s%s%s\">", l->e->table, l->params ? "?" : "",
                    l->params ? l->params : "");
        html_printf(o, "%s", arena_printf(&r->a, T(r, M_MAP_MORE), l->located - shown));
        html_printf(o, "</a></p>");
    }
    html_printf(o, "</section>\n");
}

/* The area shown: the points with room around them for the neighbours' side (a map no
 * narrower than it is high, so that a border strip is not a ribbon); with
 * no point, the province's area (its profile); else the border data's own. */
static map_view map_frame(req *r, const map_point *pts, int k)
{
    map_view v = svgmap_province(1000, T(r, M_MAP_TITLE), is_en(r) ? "en" : "vi");
    double area[4];
    if (k > 0) {
        map_view tiny = v;
        tiny.south = tiny.north = pts[0].lat;
        tiny.west = tiny.east = pts[0].lon;
        map_view f = svgmap_fit(pts, k, tiny);
        v.south = f.south - 0.2, v.north = f.north + 0.2, v.west = f.west - 0.2,
        v.east = f.east + 0.2;
    } else if (province_area(area)) {
        v.south = area[0] - 0.1, v.west = area[1] - 0.1, v.north = area[2] + 0.1,
        v.east = area[3] + 0.1;
    }
    double h = v.north - v.south, w = v.east - v.west, mid;
    if (w < h) mid = (v.west + v.east) / 2, v.west = mid - 0.5 * h, v.east = mid + 0.5 * h;
    if (h < 0.5 * w)
        mid = (v.south + v.north) / 2, v.south = mid - 0.25 * w, v.north = mid + 0.25 * w;
    return v;
}

void ui_map(req *r)
{
    char today[11], from_buf[11], to_buf[11], year_ago[11];
    clock_today(today);
    clock_day_shift(today, -MAP_DAYS, year_ago);
    const char *key = arena_printf(&r->a, "map-html|%s|%s|%s", r->lang, today, request_uri(r));
    size_t start;
    if (page_cached(r, T(r, M_MAP_TITLE), key, &start)) return;
    const entity *ge = &gate_entity, *me = &marker_entity, *ie = &incident_entity;
    bool chosen = q_get(r, "layers") != NULL; /* the form was sent: its boxes say the layers */
    layer ls[3] = {
        {.e = ge, .kind = "gate", .q = {.sort = -1}, .on = !chosen || q_get(r, "gates")},
        {.e = me, .kind = "marker", .q = {.sort = -1}, .on = !chosen || q_get(r, "markers")},
        {.e = ie, .kind = "incident", .q = {.sort = -1}, .on = !chosen || q_get(r, "incidents")},
    };
    /* markers: by their flag; incidents: category, status, dates (the last 90 days unless told) */
    const char *flag = q_get(r, "flag");
    if (flag && !field_opt(&(field){.opts = me->derived->opts}, flag)) flag = NULL;
    if (flag && !me->derived->filter(me, flag, today, &ls[1].q)) flag = NULL;
    const char *cat = q_get(r, "category_id");
    if (cat && (strtoll(cat, NULL, 10) <= 0 || strspn(cat, "0123456789") != strlen(cat)))
        cat = NULL;
    const char *status = opt_param(r, &ie->fields[entity_field_index(ie, "status")], "status");
    const char *from = chosen ? date_param(r, "date_from", from_buf) : year_ago;
    const char *to = date_param(r, "date_to", to_buf);
    add_filter(&ls[2].q, ie, "category_id", cat, '=');
    add_filter(&ls[2].q, ie, "status", status, '=');
    add_filter(&ls[2].q, ie, "date", from, '>');
    add_filter(&ls[2].q, ie, "date", to, '<');
    for (int i = 0; i < 3; i++)
        if (layer_read(r, &ls[i]) != ST_OK) {
            r->status = 500;
            html_printf(&r->out, "<p class=\"error\" role=\"alert\">%s</p>", T(r, M_INTERNAL));
            page_end(r);
            return;
        }
    if (flag) ls[1].params = arena_printf(&r->a, "flag=%s", flag); /* the list's own name */

    buf *o = &r->out;
    html_printf(o, "<div class=\"head\"><h1>%s</h1><div class=\"actions\">", T(r, M_MAP_TITLE));
    for (int i = 0; i < 3; i++)
        if (ls[i].on) {
            html_printf(o, "<a class=\"button\" href=\"/api/v1/%s.geojson%s%s\" download>",
                        ls[i].e->table, ls[i].params ? "?" : "", ls[i].params ? ls[i].params : "");
            html_printf(o, "%s %s</a> ", T(r, M_MAP_GEOJSON),
                        is_en(r) ? ls[i].e->plural_en : ls[i].e->plural_vi);
        }
    html_printf(o, "</div></div>\n");

    /* the form: the layers, then each layer's filters */
    html_printf(o,
                "<form class=\"filters map-filters\" method=\"get\" action=\"/map\">"
                "<input type=\"hidden\" name=\"layers\" value=\"1\"><fieldset><legend>%s"
                "</legend>",
                T(r, M_MAP_LAYERS));
    static const char *const names[] = {"gates", "markers", "incidents"};
    for (int i = 0; i < 3; i++)
        html_printf(
            o,
            "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label>",
            names[i], ls[i].on ? " checked" : "",
            is_en(r) ? ls[i].e->plural_en : ls[i].e->plural_vi);
    html_printf(o, "</fieldset>");
    select_opts(r, "flag", is_en(r) ? me->derived->en : me->derived->vi, me->derived->opts, flag);
    list_query cq = {.sort = -1, .limit = 200};
    record *cats;
    int nc = 0;
    if (st_rec_list(r->c, &r->a, &incident_category_entity, &cq, &cats, &nc) != ST_OK) nc = 0;
    html_printf(o, "<label>%s<select name=\"category_id\"><option value=\"\">%s</option>",
                field_label(r, &ie->fields[entity_field_index(ie, "category_id")]), T(r, M_ALL));
    for (int k = 0; k < nc; k++)
        html_printf(o, "<option value=\"%D\"%s>%s</option>", cats[k].id,
                    cat && strtoll(cat, NULL, 10) == cats[k].id ? " selected" : "",
                    rec_title(&r->x, &cats[k], NULL));
    html_printf(o, "</select></label>");
    select_opts(r, "status", field_label(r, &ie->fields[entity_field_index(ie, "status")]),
                ie->fields[entity_field_index(ie, "status")].opts, status);
    html_printf(o,
                "<label>%s %s<input type=\"date\" name=\"date_from\" value=\"%s\"></label>"
                "<label>%s %s<input type=\"date\" name=\"date_to\" value=\"%s\"></label>"
                "<button type=\"submit\">%s</button></form>\n",
                field_label(r, &ie->fields[entity_field_index(ie, "date")]), T(r, M_DATE_FROM),
                from ? from : "", field_label(r, &ie->fields[entity_field_index(ie, "date")]),
                T(r, M_DATE_TO), to ? to : "", T(r, M_FILTER));

    /* the map */
    int np = 0;
    for (int i = 0; i < 3; i++)
        np += ls[i].n;
    map_point *pts = arena_alloc(&r->a, sizeof(map_point) * (size_t)(np + 1));
    int k = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < ls[i].n; j++) {
            const record *row = &ls[i].rows[j];
            pts[k++] = (map_point){
                .lat = strtod(record_get(row, ls[i].e->geo_lat), NULL),
                .lon = strtod(record_get(row, ls[i].e->geo_lon), NULL),
                .label = point_label(r, &ls[i], row),
                .href = arena_printf(&r->a, "/%s/%lld", ls[i].e->table, row->id),
                .kind = point_kind(&ls[i], row),
                .flag = point_flag(r, &ls[i], row, today),
                .show_label = ls[i].e == ge,
            };
        }
    map_view v = map_frame(r, pts, k);
    html_printf(o, "<figure class=\"map\">");
    svgmap_draw(o, &v, pts, k);
    html_printf(o, "<figcaption><ul class=\"legend\">");
    static const struct {
        const char *kind;
        int flagged, label;
    } keys[] = {{"gate", 0, M_MAP_KEY_GATE},         {"marker", 0, M_MAP_KEY_MARKER},
                {"position", 0, M_MAP_KEY_POSITION}, {"marker", 1, M_MAP_KEY_MARKER_FLAG},
                {"incident", 0, M_MAP_KEY_INCIDENT}, {"incident", 1, M_MAP_KEY_INCIDENT_OPEN}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        html_printf(o, "<li>");
        svgmap_key(o, keys[i].kind, keys[i].flagged);
        html_printf(o, " %s</li>", T(r, keys[i].label));
    }
    html_printf(o, "</ul>");
    for (int i = 0; i < 3; i++)
        if (ls[i].on && ls[i].located > ls[i].n) {
            html_printf(o, "<p class=\"hint\">");
            html_printf(o, "%s", arena_printf(&r->a, T(r, M_MAP_CAPPED), (long long)ls[i].n));
            html_printf(o, " (%s)</p>", is_en(r) ? ls[i].e->plural_en : ls[i].e->plural_vi);
        }
    html_printf(o, "<p class=\"hint\">%s</p></figcaption></figure>\n", T(r, M_MAP_SOURCE));
    for (int i = 0; i < 3; i++)
        if (ls[i].on) layer_table(r, &ls[i], today);
    page_cache_end(r, key, start);
}
