/* The pages' part of each field type (see ftypes_web.h): form controls, list filters,
 * values on the detail page and in lists, values from a submitted form; then the table. */
#include "ftypes_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/html.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/entities.h"
#include "../domain/refdata.h"

const char *field_label(req *r, const field *f)
{
    return is_en(r) ? f->en : f->vi;
}

/* ---- choices: selects of options, countries, subdivisions; records in title order */

/* The attributes that tie an invalid control to its error message (form_field writes the
 * message with id "err-NAME"). Written inside a start tag. */
static void invalid_attrs(req *r, const field *f, bool invalid)
{
    if (invalid)
        html_printf(&r->out, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", f->name);
}

/* The first option of a select: "all" in a filter, "choose" for a required field (the
 * user must pick), "none" for an optional one. */
static int first_option(const field *f, bool filter)
{
    return filter ? M_ALL : (f->flags & F_REQUIRED) ? M_CHOOSE : M_NONE;
}

static void select_start(req *r, const field *f, bool filter, bool invalid)
{
    html_printf(&r->out, "<select name=\"%s\" id=\"f-%s\"", f->name, f->name);
    if (!filter && (f->flags & F_REQUIRED)) html_printf(&r->out, " required");
    invalid_attrs(r, f, invalid);
    html_printf(&r->out, "><option value=\"\">%s</option>", T(r, first_option(f, filter)));
}

/* Countries as refdata orders them: the partner countries first (a group of their own),
 * then all the others by name in the page's language (ICU's collation: Đ after D). */
static void country_select(req *r, const field *f, const char *value, bool filter, bool invalid)
{
    size_t n = 0, first = refdata_first_count();
    const ref_country *const *sorted = refdata_countries_ordered(is_en(r) ? "en" : "vi", &n);
    select_start(r, f, filter, invalid);
    for (size_t i = 0; sorted && i < n; i++) {
        if (first && i == 0)
            html_printf(&r->out, "<optgroup label=\"%s\">", T(r, M_PARTNER_COUNTRIES));
        if (first && i == first)
            html_printf(&r->out, "</optgroup><optgroup label=\"%s\">", T(r, M_OTHER_COUNTRIES));
        html_printf(&r->out,
                    value && !strcmp(value, sorted[i]->code)
                        ? "<option value=\"%s\" selected>%s (%s)</option>"
                        : "<option value=\"%s\">%s (%s)</option>",
                    sorted[i]->code, refdata_country_name(sorted[i], r->lang), sorted[i]->code);
    }
    if (first) html_printf(&r->out, "</optgroup>");
    html_printf(&r->out, "</select>");
}

/* A province or state chosen by its name: those of the record's country when it has one,
 * else those of each partner country (a group each). A value of another country stays
 * offered, so that the form shows what was sent (the validation names the mismatch). */
static void subdivision_options(req *r, const char *country, const char *value, bool *found)
{
    size_t ns = refdata_subdivisions_of(country, NULL);
    if (!ns) return;
    const ref_subdivision **subs = arena_alloc(&r->a, sizeof *subs * ns);
    ns = refdata_subdivisions_sorted(country, is_en(r) ? "en" : "vi", subs, ns);
    for (size_t k = 0; k < ns; k++) {
        bool on = value && !strcmp(value, subs[k]->code);
        *found |= on;
        html_printf(&r->out,
                    on ? "<option value=\"%s\" selected>%s</option>"
                       : "<option value=\"%s\">%s</option>",
                    subs[k]->code, refdata_subdivision_name(subs[k], r->lang));
    }
}

static void subdivision_select(req *r, const field *f, const char *country, const char *value,
                               bool filter, bool invalid)
{
    select_start(r, f, filter, invalid);
    bool found = !value || !*value;
    if (country && *country && refdata_country(country)) {
        subdivision_options(r, country, value, &found);
    } else {
        size_t n = 0, first = refdata_first_count();
        const ref_country *const *sorted = refdata_countries_ordered(is_en(r) ? "en" : "vi", &n);
        for (size_t i = 0; sorted && i < first && i < n; i++) {
            if (!refdata_subdivisions_of(sorted[i]->code, NULL)) continue;
            html_printf(&r->out, "<optgroup label=\"%s\">",
                        refdata_country_name(sorted[i], r->lang));
            subdivision_options(r, sorted[i]->code, value, &found);
            html_printf(&r->out, "</optgroup>");
        }
    }
    const ref_subdivision *sv = !found ? refdata_subdivision(value) : NULL;
    if (!found)
        html_printf(&r->out, "<option value=\"%s\" selected>%s</option>", value,
                    sv ? refdata_subdivision_name(sv, r->lang) : value);
    html_printf(&r->out, "</select>");
}

/* extra: one more choice after the options (a filter's "overdue"), or NULL. */
static void enum_select(req *r, const field *f, const char *value, bool filter, bool invalid,
                        const enum_opt *extra)
{
    select_start(r, f, filter, invalid);
    bool found = !value || !*value;
    for (const enum_opt *o = f->opts; o->code; o++) {
        bool on = value && !strcmp(value, o->code);
        found |= on;
        html_printf(&r->out,
                    on ? "<option value=\"%s\" selected>%s</option>"
                       : "<option value=\"%s\">%s</option>",
                    o->code, is_en(r) ? o->en : o->vi);
    }
    if (extra) {
        bool on = value && !strcmp(value, extra->code);
        found |= on;
        html_printf(&r->out,
                    on ? "<option value=\"%s\" selected>%s</option>"
                       : "<option value=\"%s\">%s</option>",
                    extra->code, is_en(r) ? extra->en : extra->vi);
    }
    if (!found && filter) { /* several values (a link's "open,in_progress"): kept, named */
        buf b = {0};
        char *copy = arena_strdup(&r->a, value), *save = NULL;
        for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            const enum_opt *o = field_opt(f, w);
            if (b.len) buf_puts(&b, ", ");
            buf_puts(&b, o ? (is_en(r) ? o->en : o->vi) : w);
        }
        html_printf(&r->out, "<option value=\"%s\" selected>%s</option>", value, buf_cstr(&b));
        buf_free(&b);
    }
    html_printf(&r->out, "</select>");
}

/* Records to choose from come sorted by their Vietnamese title; an English page shows
 * English names, so it sorts them again by what it shows (folded, as the store sorts). */
typedef struct {
    const char *key;
    record rec;
} titled;

static int cmp_titled(const void *a, const void *b)
{
    return strcmp(((const titled *)a)->key, ((const titled *)b)->key);
}

static void sort_shown(req *r, record *rows, int n)
{
    if (!is_en(r) || n < 2) return;
    titled *t = arena_alloc(&r->a, sizeof *t * (size_t)n);
    for (int i = 0; i < n; i++)
        t[i] = (titled){text_fold(&r->a, rec_title(&r->x, &rows[i], NULL)), rows[i]};
    qsort(t, (size_t)n, sizeof *t, cmp_titled);
    for (int i = 0; i < n; i++)
        rows[i] = t[i].rec;
}

/* ---- references: titles, links, choices */

/* Whether item is one of a comma-separated list. */
static bool in_list(const char *list, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = list; p && (p = strstr(p, item)); p += n)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n])) return true;
    return false;
}

/* Several records to choose (FT_REFS): a group of checkboxes, the chosen ones first, each
 * named by its title; no Ctrl-click to know, and no script (the pages have none). Up to
 * max options; beyond that the ids are typed. Returns false when there are too many. */
static bool refs_checkboxes(req *r, const field *f, const char *v, bool invalid, int max)
{
    buf *o = &r->out;
    const entity *t = entity_by_table(f->ref);
    list_query q = {.sort = entity_title_index(t), .limit = max + 1, .no_lists = true};
    record *rows;
    int n = 0;
    st_rec_list(r->c, &r->a, t, &q, &rows, &n);
    if (n > max) return false;
    sort_shown(r, rows, n);
    html_printf(o, "<fieldset class=\"refs\"");
    if (invalid) html_printf(o, " aria-describedby=\"err-%s\"", f->name);
    html_printf(o, "><legend>%s%s</legend><div class=\"choices\">", field_label(r, f),
                (f->flags & F_REQUIRED) ? " *" : "");
    for (int pass = 0; pass < 2; pass++) /* the chosen ones first */
        for (int k = 0; k < n; k++) {
            const char *id = arena_printf(&r->a, "%lld", rows[k].id);
            bool on = in_list(v, id);
            if (on != (pass == 0)) continue;
            bool vi_only = false;
            const char *title = rec_title(&r->x, &rows[k], &vi_only);
            html_printf(o,
                        "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" "
                        "id=\"f-%s-%s\" value=\"%s\"",
                        f->name, f->name, id, id);
            if (on) html_printf(o, " checked");
            if (invalid) html_printf(o, " aria-invalid=\"true\"");
            html_printf(o, vi_only ? "> <span lang=\"vi\">%s</span></label>" : "> %s</label>",
                        title);
        }
    if (!n) html_printf(o, "<span class=\"empty\">—</span>");
    html_printf(o, "</div></fieldset>");
    return true;
}

/* A referenced record's title as a list cell or a detail value shows it: on an English
 * page the English name when one is stored, else the Vietnamese one marked lang="vi". */
static void ref_title_html(req *r, const field *f, const char *id, bool link)
{
    const entity *t = entity_by_table(f->ref);
    bool vi_only = false;
    const char *title = t ? rec_ref_title(&r->x, t, strtoll(id, NULL, 10), &vi_only) : NULL;
    if (!title) title = id, vi_only = false;
    if (link)
        html_printf(&r->out,
                    vi_only ? "<a href=\"/%s/%s\" lang=\"vi\">%s</a>" : "<a href=\"/%s/%s\">%s</a>",
                    f->ref, id, title);
    else
        html_printf(&r->out, vi_only ? "<span lang=\"vi\">%s</span>" : "%s", title);
}

/* The titles of the records of a list of ids, "; " between them; links on the detail page. */
static void refs_html(req *r, const field *f, const char *ids, bool link)
{
    char *copy = arena_strdup(&r->a, ids), *save = NULL;
    int k = 0;
    for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        if (k++) html_printf(&r->out, "; ");
        ref_title_html(r, f, w, link);
    }
}

/* A filter on a reference: a choice by name while the referenced type is small (the
 * agencies), else kept as a hidden value (a partner's contacts, reached by a link). */
static void filter_ref(req *r, const field *f, const char *v, const enum_opt *extra)
{
    (void)extra;
    buf *o = &r->out;
    const entity *t = entity_by_table(f->ref);
    record *rows = NULL;
    int n = 0;
    if (t) {
        list_query q = {.sort = entity_title_index(t), .limit = 101, .no_lists = true};
        st_rec_list(r->c, &r->a, t, &q, &rows, &n);
        sort_shown(r, rows, n);
    }
    if (!t || n > 100) {
        if (v && *v) html_printf(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", f->name, v);
        return;
    }
    html_printf(o, "<label>%s", field_label(r, f));
    select_start(r, f, true, false);
    for (int k = 0; k < n; k++) {
        const char *id = arena_printf(&r->a, "%lld", rows[k].id);
        bool vi_only = false;
        const char *title = rec_title(&r->x, &rows[k], &vi_only);
        html_printf(
            o, v && !strcmp(v, id) ? "<option value=\"%s\" selected" : "<option value=\"%s\"", id);
        html_printf(o, vi_only ? " lang=\"vi\">%s</option>" : ">%s</option>", title);
    }
    html_printf(o, "</select></label>");
}

/* ---- form controls */

/* A control's label, "*" after it when the field is required. */
static void control_label(req *r, const field *f)
{
    html_printf(&r->out, "<label for=\"f-%s\">%s%s</label>", f->name, field_label(r, f),
                (f->flags & F_REQUIRED) ? " *" : "");
}

/* <input type="TYPE"> holding the value; a maxlength unless it means nothing (dates). */
static void input_control(req *r, const record *rec, int fi, bool bad, const char *type,
                          bool maxlength)
{
    const field *f = &rec->e->fields[fi];
    buf *o = &r->out;
    control_label(r, f);
    html_printf(o, "<input type=\"%s\" name=\"%s\" id=\"f-%s\" value=\"%s\"", type, f->name,
                f->name, rec->v[fi]);
    if (maxlength) html_printf(o, " maxlength=\"%d\"", field_maxlen(f));
    if (f->flags & F_REQUIRED) html_printf(o, " required");
    invalid_attrs(r, f, bad);
    html_printf(o, ">");
}

static void control_text(req *r, const record *rec, int fi, bool bad)
{
    input_control(r, rec, fi, bad, "text", true);
}

static void control_email(req *r, const record *rec, int fi, bool bad)
{
    input_control(r, rec, fi, bad, "email", true);
}

static void control_url(req *r, const record *rec, int fi, bool bad)
{
    input_control(r, rec, fi, bad, "url", true);
}

static void control_phone(req *r, const record *rec, int fi, bool bad)
{
    input_control(r, rec, fi, bad, "tel", true);
}

static void control_date(req *r, const record *rec, int fi, bool bad)
{
    input_control(r, rec, fi, bad, "date", false);
}

static void control_longtext(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    buf *o = &r->out;
    control_label(r, f);
    html_printf(o, "<textarea name=\"%s\" id=\"f-%s\" rows=\"4\" maxlength=\"%d\"", f->name,
                f->name, field_maxlen(f));
    if (f->flags & F_REQUIRED) html_printf(o, " required");
    invalid_attrs(r, f, bad);
    html_printf(o, ">%s</textarea>", rec->v[fi]);
}

static void control_enum(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    control_label(r, f);
    enum_select(r, f, rec->v[fi], false, bad, NULL);
}

/* A group of checkboxes: a fieldset and its legend. */
static void control_set(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    buf *o = &r->out;
    html_printf(o, "<fieldset class=\"set\"");
    if (bad) html_printf(o, " aria-describedby=\"err-%s\"", f->name);
    html_printf(o, "><legend>%s%s</legend>", field_label(r, f),
                (f->flags & F_REQUIRED) ? " *" : "");
    for (const enum_opt *opt = f->opts; opt->code; opt++) {
        html_printf(o,
                    "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" "
                    "id=\"f-%s-%s\" value=\"%s\"",
                    f->name, f->name, opt->code, opt->code);
        if (in_list(rec->v[fi], opt->code)) html_printf(o, " checked");
        if (bad) html_printf(o, " aria-invalid=\"true\"");
        html_printf(o, "> %s</label>", is_en(r) ? opt->en : opt->vi);
    }
    html_printf(o, "</fieldset>");
}

static void control_bool(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    const char *v = rec->v[fi];
    html_printf(&r->out,
                "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" "
                "id=\"f-%s\" value=\"1\"",
                f->name, f->name);
    if (v && !strcmp(v, "1")) html_printf(&r->out, " checked");
    invalid_attrs(r, f, bad);
    html_printf(&r->out, "> %s</label>", field_label(r, f));
}

static void control_country(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    control_label(r, f);
    country_select(r, f, rec->v[fi], false, bad);
}

/* The subdivisions of the country the record names. */
static void control_subdiv(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    control_label(r, f);
    subdivision_select(r, f, f->country ? record_get(rec, f->country) : NULL, rec->v[fi], false,
                       bad);
    html_printf(&r->out, "<small>%s</small>", T(r, M_COUNTRY_SUBDIVS));
}

/* A list to choose from while it is short; the id typed in beyond that. */
static void control_ref(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    const char *v = rec->v[fi];
    buf *o = &r->out;
    control_label(r, f);
    const entity *t = entity_by_table(f->ref);
    list_query q = {.sort = entity_title_index(t), .limit = 501, .no_lists = true};
    record *rows;
    int n = 0;
    st_rec_list(r->c, &r->a, t, &q, &rows, &n);
    if (n <= 500) {
        sort_shown(r, rows, n);
        select_start(r, f, false, bad);
        for (int k = 0; k < n; k++) {
            const char *id = arena_printf(&r->a, "%lld", rows[k].id);
            bool vi_only = false;
            const char *title = rec_title(&r->x, &rows[k], &vi_only);
            html_printf(
                o, v && !strcmp(v, id) ? "<option value=\"%s\" selected" : "<option value=\"%s\"",
                id);
            html_printf(o, vi_only ? " lang=\"vi\">%s</option>" : ">%s</option>", title);
        }
        html_printf(o, "</select>");
    } else {
        html_printf(o,
                    "<input type=\"text\" name=\"%s\" id=\"f-%s\" value=\"%s\" "
                    "inputmode=\"numeric\"",
                    f->name, f->name, v);
        invalid_attrs(r, f, bad);
        html_printf(o, ">");
    }
}

/* Checkboxes while there are at most 300 to choose from; ids typed in beyond that. */
static void control_refs(req *r, const record *rec, int fi, bool bad)
{
    const field *f = &rec->e->fields[fi];
    if (refs_checkboxes(r, f, rec->v[fi], bad, 300)) return;
    control_label(r, f);
    html_printf(&r->out,
                "<input type=\"text\" name=\"%s\" id=\"f-%s\" value=\"%s\" "
                "placeholder=\"3, 17, 42\"",
                f->name, f->name, rec->v[fi]);
    invalid_attrs(r, f, bad);
    html_printf(&r->out, ">");
}

/* ---- list filters */

/* A value without a control of its own, set by a link (a partner's agreements): kept. */
static void filter_kept(req *r, const field *f, const char *v, const enum_opt *extra)
{
    (void)extra;
    if (v) html_printf(&r->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", f->name, v);
}

/* One of the options (or of several, for a set: the records holding it). */
static void filter_enum(req *r, const field *f, const char *v, const enum_opt *extra)
{
    html_printf(&r->out, "<label>%s", field_label(r, f));
    enum_select(r, f, v, true, false, extra);
    html_printf(&r->out, "</label>");
}

static void filter_bool(req *r, const field *f, const char *v, const enum_opt *extra)
{
    (void)extra;
    buf *o = &r->out;
    html_printf(o, "<label>%s<select name=\"%s\"><option value=\"\">%s</option>", field_label(r, f),
                f->name, T(r, M_ALL));
    html_printf(o,
                v && !strcmp(v, "1") ? "<option value=\"1\" selected>%s</option>"
                                     : "<option value=\"1\">%s</option>",
                T(r, M_YES));
    html_printf(o,
                v && !strcmp(v, "0") ? "<option value=\"0\" selected>%s</option>"
                                     : "<option value=\"0\">%s</option>",
                T(r, M_NO));
    html_printf(o, "</select></label>");
}

static void filter_country(req *r, const field *f, const char *v, const enum_opt *extra)
{
    (void)extra;
    html_printf(&r->out, "<label>%s", field_label(r, f));
    country_select(r, f, v, true, false);
    html_printf(&r->out, "</label>");
}

/* The subdivisions of the country the list is filtered on, else of the partner countries. */
static void filter_subdiv(req *r, const field *f, const char *v, const enum_opt *extra)
{
    (void)extra;
    html_printf(&r->out, "<label>%s", field_label(r, f));
    subdivision_select(r, f, f->country ? q_get(r, f->country) : NULL, v, true, false);
    html_printf(&r->out, "</label>");
}

/* A range of days: FIELD_from and FIELD_to (listq.c). */
static void filter_date(req *r, const field *f, const char *v, const enum_opt *extra)
{
    (void)v, (void)extra;
    html_printf(&r->out,
                "<label>%s %s<input type=\"date\" name=\"%s_from\" value=\"%s\"></label>"
                "<label>%s<input type=\"date\" name=\"%s_to\" value=\"%s\"></label>",
                field_label(r, f), T(r, M_DATE_FROM), f->name,
                q_get(r, arena_printf(&r->a, "%s_from", f->name)), T(r, M_DATE_TO), f->name,
                q_get(r, arena_printf(&r->a, "%s_to", f->name)));
}

/* ---- values on the detail page and in lists */

static void detail_text(req *r, const field *f, const char *v, const char *shown)
{
    (void)f, (void)v;
    if (shown && *shown)
        html_printf(&r->out, "%s", shown);
    else
        html_printf(&r->out, "<span class=\"empty\">—</span>");
}

static void detail_url(req *r, const field *f, const char *v, const char *shown)
{
    (void)f;
    html_printf(&r->out, "<a href=\"%s\" rel=\"noopener noreferrer\">%s</a>", v, shown);
}

static void detail_email(req *r, const field *f, const char *v, const char *shown)
{
    (void)f;
    html_printf(&r->out, "<a href=\"mailto:%s\">%s</a>", v, shown);
}

/* The name, and the code after it. */
static void detail_place(req *r, const field *f, const char *v, const char *shown)
{
    (void)f;
    html_printf(&r->out, "%s <small>(%s)</small>", shown, v);
}

static void detail_ref(req *r, const field *f, const char *v, const char *shown)
{
    (void)shown;
    ref_title_html(r, f, v, true);
}

static void detail_refs(req *r, const field *f, const char *v, const char *shown)
{
    (void)shown;
    refs_html(r, f, v, true);
}

static void cell_text(req *r, const record *row, int fi, const char *lang)
{
    if (lang)
        html_printf(&r->out, "<span lang=\"%s\">%s</span>", lang, rec_display(&r->x, row, fi));
    else
        html_printf(&r->out, "%s", rec_display(&r->x, row, fi));
}

static void cell_ref(req *r, const record *row, int fi, const char *lang)
{
    if (row->v[fi])
        ref_title_html(r, &row->e->fields[fi], row->v[fi], false);
    else
        cell_text(r, row, fi, lang);
}

static void cell_refs(req *r, const record *row, int fi, const char *lang)
{
    if (row->v[fi])
        refs_html(r, &row->e->fields[fi], row->v[fi], false);
    else
        cell_text(r, row, fi, lang);
}

/* ---- values from a submitted form */

static const char *form_one(req *r, const field *f)
{
    return f_get(r, f->name);
}

/* An unchecked box sends nothing, which means "no". */
static const char *form_checkbox(req *r, const field *f)
{
    return f_get(r, f->name) ? "1" : "0";
}

/* Every checked box (or value sent) of the field, comma-separated. */
static const char *form_all(req *r, const field *f)
{
    buf b = {0};
    for (kv *k = r->form; k; k = k->next)
        if (!strcmp(k->key, f->name) && *k->val) {
            if (b.len) buf_putc(&b, ',');
            buf_puts(&b, k->val);
        }
    const char *v = b.len ? arena_strdup(&r->a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return v;
}

/* ---- the table */

static const ftype_web types[FT_COUNT] = {
    /*             control           filter          detail        cell       from_form */
    [FT_TEXT] = {control_text, filter_kept, detail_text, cell_text, form_one},
    [FT_LONGTEXT] = {control_longtext, filter_kept, detail_text, cell_text, form_one},
    [FT_ENUM] = {control_enum, filter_enum, detail_text, cell_text, form_one},
    [FT_SET] = {control_set, filter_enum, detail_text, cell_text, form_all},
    [FT_COUNTRY] = {control_country, filter_country, detail_place, cell_text, form_one},
    [FT_SUBDIV] = {control_subdiv, filter_subdiv, detail_place, cell_text, form_one},
    [FT_REF] = {control_ref, filter_ref, detail_ref, cell_ref, form_one},
    [FT_BOOL] = {control_bool, filter_bool, detail_text, cell_text, form_checkbox},
    [FT_EMAIL] = {control_email, filter_kept, detail_email, cell_text, form_one},
    [FT_URL] = {control_url, filter_kept, detail_url, cell_text, form_one},
    [FT_PHONE] = {control_phone, filter_kept, detail_text, cell_text, form_one},
    [FT_DATE] = {control_date, filter_date, detail_text, cell_text, form_one},
    [FT_NUMBER] = {control_text, filter_kept, detail_text, cell_text, form_one},
    [FT_REFS] = {control_refs, filter_kept, detail_refs, cell_refs, form_all},
};

bool ftype_web_single(const field *f)
{
    return ftype_web_of(f)->from_form != form_all;
}

const ftype_web *ftype_web_of(const field *f)
{
    return &types[f->type];
}

int ftype_web_check(const ftype_web *t, const char *name, char *err, size_t errlen)
{
    const char *missing = !t->control     ? "form control"
                          : !t->filter    ? "list filter"
                          : !t->detail    ? "detail value"
                          : !t->cell      ? "list cell"
                          : !t->from_form ? "form value"
                                          : NULL;
    if (!missing) return 0;
    snprintf(err, errlen, "field type %s has no %s in the pages' type table", name, missing);
    return -1;
}

int ftypes_web_check(char *err, size_t errlen)
{
    for (int i = 0; i < FT_COUNT; i++)
        if (ftype_web_check(&types[i], ftype_of(&(field){.type = (field_type)i})->name, err,
                            errlen) != 0)
            return -1;
    return 0;
}
