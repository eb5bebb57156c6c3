/* The JSON API under /api/v1/: the same domain actions as the pages, JSON in and out.
 * Lists are encoded by the database and the whole answer is kept in the response cache
 * until the data changes, keyed by path, query, role and language. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../base/log.h"
#include "../base/clock.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "../domain/auth.h"
#include "../domain/entities.h"
#include "../domain/export.h"
#include "../domain/import.h"
#include "../domain/records.h"
#include "../domain/xlsx.h"
#include "cache.h"
#include "routes.h"

void reply_rstatus(req *r, int rs, long long arg)
{
    (void)arg;
    switch (rs) {
    case RS_NOTFOUND:
        reply_error(r, 404, M_NOT_FOUND, NULL);
        break;
    case RS_CONFLICT:
        reply_error(r, 409, M_CONFLICT, NULL);
        break;
    case RS_FORBIDDEN:
        reply_error(r, 403, M_FORBIDDEN, NULL);
        break;
    case RS_IN_USE: {
        verrs ve = {0};
        verrs_add(&ve, NULL, M_IN_USE, arg);
        reply_error(r, 409, M_IN_USE, &ve);
        break;
    }
    default:
        reply_error(r, 500, M_INTERNAL, NULL);
    }
}

/* The first number of a JSON text that no double holds (1e400, or 1e-400, which jansson
 * would read as 0) or that has more than 15 significant digits, with the key it is the value of (""
 * when it is in an array at the top); NULL when every number is in range. Only strings and numbers
 * are told apart, so the text need not be valid JSON (it is looked at before jansson parses it). */
static const char *number_out_of_range(arena *a, const char *s, size_t n)
{
    const char *key = "", *str = NULL;
    size_t strn = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"') {
            size_t j = i + 1;
            while (j < n && s[j] != '"')
                j += s[j] == '\\' ? 2 : 1;
            str = s + i + 1, strn = j - i - 1;
            i = j;
        } else if (c == ':' && str) {
            key = arena_strndup(a, str, strn);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t j = i + 1;
            while (j < n && strchr("0123456789.eE+-", s[j]))
                j++;
            char *num = arena_strndup(a, s + i, j - i);
            errno = 0;
            double d = strtod(num, NULL);
            /* ERANGE: an overflow, or an underflow to zero or a subnormal */
            (void)d;
            if (errno == ERANGE) return key;
            /* more significant digits than a stored number keeps (what ft_number refuses
             * in a text): jansson would round 0.1234567890123456789 silently, and refuse
             * 2^63 as no JSON at all */
            int digits = 0;
            for (const char *q = num; *q && *q != 'e' && *q != 'E'; q++)
                if (*q >= '0' && *q <= '9' && (digits || *q != '0')) digits++;
            if (digits > 15) return key;
            i = j - 1;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            str = NULL;
        }
    }
    return NULL;
}

json_t *body_object(req *r)
{
    json_error_t jerr;
    if (!r->body.len) {
        reply_error(r, 400, M_BAD_JSON, NULL);
        return NULL;
    }
    if (!utf8_valid(r->body.data, r->body.len)) {
        reply_error(r, 400, M_BAD_UTF8, NULL);
        return NULL;
    }
    /* first, so that 1e400 (which jansson refuses) is named like 1e-400 (which it reads as 0) */
    const char *key = number_out_of_range(&r->a, r->body.data, r->body.len);
    json_t *j = key ? NULL : json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
    if (!key && (!j || !json_is_object(j))) {
        json_decref(j);
        reply_error(r, 400, M_BAD_JSON, NULL);
        return NULL;
    }
    if (key) {
        verrs ve = {0};
        verrs_add(&ve, *key ? key : NULL, M_NUMBER_RANGE, 0);
        reply_error(r, 422, M_INVALID, &ve);
        return NULL;
    }
    return j;
}

void api_login(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    const char *user = json_string_value(json_object_get(j, "username"));
    const char *pass = json_string_value(json_object_get(j, "password"));
    if (!user || !pass) {
        json_decref(j);
        reply_error(r, 400, M_BAD_REQUEST, NULL);
        return;
    }
    json_t *jc = json_object_get(j, "code");
    const char *code = jc ? json_string_value(jc) : NULL;
    if (jc && !code) {
        json_decref(j);
        reply_error(r, 400, M_BAD_REQUEST, NULL);
        return;
    }
    code = code ? arena_strdup(&r->a, code) : NULL;
    user_row u;
    long long wait;
    auth_status s = auth_login(r->c, &r->a, user, pass, r->client, NULL, &u, &wait);
    json_decref(j);
    if (s == AUTH_OK && (u.totp_secret || auth_totp_required(role_parse(u.role)))) {
        /* the second factor: set up in the browser, sent here as "code" */
        verrs ve = {0};
        if (!u.totp_secret) {
            verrs_add(&ve, "code", M_TOTP_ENROL_WEB, 0);
            reply_error(r, 403, M_TOTP_ENROL_WEB, &ve);
            return;
        }
        if (!code) {
            verrs_add(&ve, "code", M_TOTP_NEEDED, 0);
            reply_error(r, 401, M_TOTP_NEEDED, &ve);
            return;
        }
        bool recovery;
        s = auth_login_code(r->c, &r->a, &u, code, r->client, &recovery);
        if (s == AUTH_BAD || s == AUTH_LIMITED) {
            verrs_add(&ve, "code", s == AUTH_BAD ? M_TOTP_WRONG : M_TOTP_TOO_MANY, 0);
            reply_error(r, s == AUTH_BAD ? 401 : 429,
                        s == AUTH_BAD ? M_TOTP_WRONG : M_TOTP_TOO_MANY, &ve);
            return;
        }
    }
    if (s != AUTH_OK) {
        if (s == AUTH_LIMITED) add_header(r, "Retry-After", arena_printf(&r->a, "%lld", wait));
        reply_error(r,
                    s == AUTH_LIMITED ? 429
                    : s == AUTH_BAD   ? 401
                                      : 500,
                    s == AUTH_LIMITED ? M_RATE_LIMITED
                    : s == AUTH_BAD   ? M_BAD_LOGIN
                                      : M_INTERNAL,
                    NULL);
        return;
    }
    const char *token, *csrf;
    if (auth_session_new(r->c, &r->a, u.id, "api", &token, &csrf) != ST_OK) {
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    json_t *out = json_object();
    json_object_set_new(out, "token", json_string(token));
    json_object_set_new(out, "role", json_string(u.role));
    json_object_set_new(out, "expires_in", json_integer(SESSION_SECONDS));
    /* true: the token opens only POST /api/v1/account/password (and account, logout) */
    json_object_set_new(out, "must_change", json_boolean(u.must_change));
    reply_json(r, 200, out);
}

void api_logout(req *r)
{
    if (r->token) auth_session_end(r->c, r->token);
    reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* Read-only answers are kept until the data changes. The key holds everything that
 * changes the answer: role, language, path and the parameters that matter; the data
 * version makes an entry current. Answers 304 to a matching If-None-Match. Returns true
 * when the answer was served from the cache; else *key and *version are for cache_put. */
bool answer_from_cache(req *r, const char **key, long long *version)
{
    *version = req_version(r);
    char today[11]; /* computed values (an agreement's status) change with the date */
    *key = arena_printf(&r->a, "%s|%s|%s|%s|%s", clock_today(today), role_name(r->x.role), r->lang,
                        r->path, r->ent ? query_with(r, "format", NULL) : request_uri(r));
    unsigned long h = 5381;
    for (const char *p = *key; *p; p++)
        h = h * 33 + (unsigned char)*p;
    const char *etag = arena_printf(&r->a, "\"%llx-%lx\"", *version, h);
    add_header(r, "ETag", etag);
    add_header(r, "Cache-Control", "private, no-cache");
    cache_body *b = cache_get_shared(r->w->cache, *key, *version);
    if (!b) return false;
    const char *inm = header_get(r, "If-None-Match");
    if (inm && !strcmp(inm, etag)) {
        cache_unref(b);
        r->status = 304;
    } else {
        r->shared = b; /* sent as it is, never copied (send_response) */
    }
    return true;
}

/* A type with a computed value cannot be encoded by the database alone: its rows are
 * read and encoded one by one, with the value as of today. */
static int list_json_derived(req *r, const entity *e, const list_query *q, long long *last)
{
    record *rows;
    int n = 0;
    int rc = st_rec_list(r->c, &r->a, e, q, &rows, &n);
    if (rc) return rc;
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, rec_to_api_json(&rows[i]));
    char *s = json_dumps(a, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(a);
    buf_puts(&r->out, s);
    free(s);
    *last = n ? rows[n - 1].id : 0;
    return ST_OK;
}

void api_list(req *r)
{
    const entity *e = r->ent;
    list_query q;
    verrs ve = {0};
    if (!list_query_from_request(r, &q, &ve)) {
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    const char *format = q_get(r, "format");
    if (format && strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "xlsx")) {
        verrs_add(&ve, "format", M_BAD_PARAM, 0);
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    if (format && !strcmp(format, "csv")) {
        r->ctype = "text/csv; charset=utf-8";
        add_header(r, "Content-Disposition",
                   arena_printf(&r->a, "attachment; filename=\"%s.csv\"", e->table));
        if (export_csv(&r->x, e, &q, &r->out) != ST_OK) reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    if (format && !strcmp(format, "xlsx")) {
        char err[256];
        if (export_xlsx(&r->x, e, &q, &r->out, err, sizeof err) != ST_OK) {
            log_error("xlsx export of %s: %s", e->table, err);
            reply_error(r, 500, M_INTERNAL, NULL);
            return;
        }
        r->ctype = XLSX_CTYPE;
        add_header(r, "Content-Disposition",
                   arena_printf(&r->a, "attachment; filename=\"%s.xlsx\"", e->table));
        return;
    }
    r->ctype = "application/json";
    long long version;
    const char *key;
    if (answer_from_cache(r, &key, &version)) return;
    long long total = 0, last = 0;
    buf_puts(&r->out, "{\"items\":");
    int rc = e->derived ? list_json_derived(r, e, &q, &last)
                        : st_rec_list_json(r->c, e, &q, &r->out, &last);
    if (rc || st_rec_count(r->c, e, &q, &total)) {
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    buf_printf(&r->out, ",\"total\":%lld,\"limit\":%lld,\"offset\":%lld", total, q.limit, q.offset);
    /* the cursor for the next page in creation order */
    if (q.sort < 0 && !q.desc && last) buf_printf(&r->out, ",\"next_after\":%lld", last);
    buf_puts(&r->out, "}\n");
    cache_put(r->w->cache, key, version, r->out.data, r->out.len);
}

/* A point's geometry, or null for a record without one (RFC 7946 3.2: an unlocated feature). */
static json_t *point_geometry(const record *row)
{
    const entity *e = row->e;
    const char *la = record_get(row, e->geo_lat), *lo = record_get(row, e->geo_lon);
    if (!la || !lo) return json_null();
    /* RFC 7946 3.1.1: longitude first; 6 decimals (10 cm) is more than any source holds */
    return json_pack("{s:s,s:[ff]}", "type", "Point", "coordinates", strtod(lo, NULL),
                     strtod(la, NULL));
}

void api_geojson(req *r)
{
    const entity *e = r->ent;
    list_query q;
    verrs ve = {0};
    if (!e->geo_lat) {
        reply_error(r, 404, M_NOT_FOUND, NULL);
        return;
    }
    if (!list_query_from_request(r, &q, &ve)) {
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    r->ctype = "application/geo+json";
    long long version;
    const char *key;
    if (answer_from_cache(r, &key, &version)) return;
    /* every record the filters select, unless a limit is asked for; read a page at a time
     * (on the id cursor in creation order) so that memory stays that of one page */
    long long want = q_get(r, "limit") ? q.limit : -1, sent = 0, skip = q.offset;
    buf_puts(&r->out, "{\"type\":\"FeatureCollection\",\"features\":[");
    for (;;) {
        arena page = {0};
        q.limit = 1000;
        if (want >= 0 && want - sent < q.limit) q.limit = want - sent;
        if (q.sort >= 0 || q.desc) q.offset = skip + sent;
        record *rows;
        int n = 0;
        if (q.limit <= 0) break;
        if (st_rec_list(r->c, &page, e, &q, &rows, &n)) {
            arena_free(&page);
            reply_error(r, 500, M_INTERNAL, NULL);
            return;
        }
        arena *was = r->x.a;
        r->x.a = &page; /* the titles of this page's references */
        for (int i = 0; i < n; i++) {
            json_t *props = rec_to_api_json(&rows[i]);
            json_object_set_new(props, "title", json_string(rec_title(&r->x, &rows[i], NULL)));
            json_object_set_new(props, "url",
                                json_string(arena_printf(&page, "/%s/%lld", e->table, rows[i].id)));
            json_t *f =
                json_pack("{s:s,s:I,s:o,s:o}", "type", "Feature", "id", (json_int_t)rows[i].id,
                          "geometry", point_geometry(&rows[i]), "properties", props);
            char *t = json_dumps(f, JSON_COMPACT | JSON_REAL_PRECISION(10));
            json_decref(f);
            if (sent++) buf_putc(&r->out, ',');
            buf_puts(&r->out, t);
            free(t);
        }
        r->x.a = was;
        if (n && q.sort < 0 && !q.desc) q.after = rows[n - 1].id, q.offset = 0;
        arena_free(&page);
        if (n < q.limit) break;
    }
    buf_puts(&r->out, "]}\n");
    cache_put(r->w->cache, key, version, r->out.data, r->out.len);
}

void api_get(req *r)
{
    record rec;
    rstatus rs = rec_get(&r->x, r->ent, r->id, &rec);
    if (rs != RS_OK) {
        reply_rstatus(r, rs, 0);
        return;
    }
    reply_json(r, 200, rec_to_api_json(&rec));
}

static void write_reply(req *r, rstatus rs, record *rec, verrs *ve, int ok_status)
{
    if (rs == RS_OK)
        reply_json(r, ok_status, rec_to_api_json(rec));
    else if (rs == RS_INVALID)
        reply_error(r, 422, M_INVALID, ve);
    else
        reply_rstatus(r, rs, 0);
}

void api_create(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    record rec = rec_new(&r->a, r->ent);
    verrs ve = {0};
    rec_from_json(&r->a, &rec, j, &ve);
    json_decref(j);
    rstatus rs = rec_create(&r->x, &rec, &ve);
    if (rs == RS_OK)
        add_header(r, "Location", arena_printf(&r->a, "/api/v1/%s/%lld", r->ent->table, rec.id));
    write_reply(r, rs, &rec, &ve, 201);
}

/* PUT changes the fields the body names (null clears one) and keeps the others; a
 * "version" in the body must match the stored one (else 409). */
void api_update(req *r)
{
    json_t *j = body_object(r);
    if (!j) return;
    record rec;
    rstatus rs = rec_get(&r->x, r->ent, r->id, &rec);
    if (rs != RS_OK) {
        json_decref(j);
        reply_rstatus(r, rs, 0);
        return;
    }
    verrs ve = {0};
    rec.version = 0;
    rec_from_json(&r->a, &rec, j, &ve);
    json_decref(j);
    rs = rec_update(&r->x, &rec, &ve);
    write_reply(r, rs, &rec, &ve, 200);
}

void api_delete(req *r)
{
    long long in_use = 0;
    rstatus rs = rec_delete(&r->x, r->ent, r->id, &in_use);
    if (rs != RS_OK) {
        reply_rstatus(r, rs, in_use);
        return;
    }
    r->status = 204;
    buf_reset(&r->out);
}

/* POST /api/v1/import/{entity} with the CSV as the body: all rows or none (import.h). 200
 * {"imported": N, "updated": M (of them, records a row's id named)}, or 422 with every line to
 * correct: {"error": {"code": "invalid", "message", "lines": [{"line", "field", "message"}, ...],
 * "more": N}}. */

void api_import(req *r)
{
    import_result res;
    int rs = import_csv(&r->x, r->ent, r->body.data, r->body.len, &res);
    if (rs == RS_OK) {
        reply_json(r, 200,
                   json_pack("{s:I,s:I}", "imported", (json_int_t)res.imported, "updated",
                             (json_int_t)res.updated));
        return;
    }
    if (rs != RS_INVALID) {
        reply_rstatus(r, rs, 0);
        return;
    }
    json_t *lines = json_array();
    for (int i = 0; i < res.nerrors; i++) {
        const import_error *er = &res.errors[i];
        json_array_append_new(lines, json_pack("{s:I,s:s?,s:s}", "line", (json_int_t)er->line,
                                               "field", er->field, "message", er->message));
    }
    json_t *err = json_pack("{s:s,s:s,s:o,s:I}", "code", "invalid", "message",
                            T(r, M_IMPORT_NOTHING), "lines", lines, "more", (json_int_t)res.more);
    reply_json(r, 422, json_pack("{s:o}", "error", err));
}

void api_search(req *r)
{
    const char *q = q_get(r, "q");
    verrs ve = {0};
    long long limit = 20;
    const char *l = q_get(r, "limit");
    if (l) {
        char *end;
        limit = strtoll(l, &end, 10);
        if (*end || limit < 1 || limit > 100) verrs_add(&ve, "limit", M_BAD_PARAM, 0);
    }
    if (!q || !*q)
        verrs_add(&ve, "q", M_REQUIRED, 0);
    else if (!utf8_valid(q, strlen(q)))
        verrs_add(&ve, "q", M_BAD_UTF8, 0);
    if (ve.n) {
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    r->ctype = "application/json";
    long long version;
    const char *key;
    if (answer_from_cache(r, &key, &version)) return;
    search_hit *hits;
    int n = 0;
    if (st_search(r->c, &r->a, text_fold(&r->a, q), (int)limit, &hits, &n) != ST_OK) {
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        const entity *e = entity_by_code(hits[i].code);
        if (!e) continue;
        json_array_append_new(
            items, json_pack("{s:s,s:I,s:s,s:s}", "type", e->name, "id", (json_int_t)hits[i].id,
                             "title", hits[i].title ? hits[i].title : "", "url",
                             arena_printf(&r->a, "/api/v1/%s/%lld", e->table, hits[i].id)));
    }
    reply_json(r, 200, json_pack("{s:o}", "items", items));
    cache_put(r->w->cache, key, version, r->out.data, r->out.len);
}

void api_audit(req *r)
{
    const char *ename = q_get(r, "entity"), *ids = q_get(r, "id");
    verrs ve = {0};
    char *end = NULL;
    long long id = ids ? strtoll(ids, &end, 10) : 0;
    bool known = entity_by_name(ename) || (ename && !strcmp(ename, "province"));
    if (!known) verrs_add(&ve, "entity", M_BAD_PARAM, 0);
    if (!ids || *end || id <= 0) verrs_add(&ve, "id", M_BAD_PARAM, 0);
    if (ve.n) {
        reply_error(r, 400, M_BAD_PARAM, &ve);
        return;
    }
    audit_row *rows;
    int n = 0;
    if (st_audit_list(r->c, &r->a, ename, id, 500, &rows, &n) != ST_OK) {
        reply_error(r, 500, M_INTERNAL, NULL);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *old = rows[i].old_json ? json_loads(rows[i].old_json, 0, NULL) : json_null();
        json_t *new = rows[i].new_json ? json_loads(rows[i].new_json, 0, NULL) : json_null();
        json_array_append_new(
            items, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:o,s:o}", "id", (json_int_t)rows[i].id,
                             "at", rows[i].at, "user", rows[i].username, "entity", rows[i].entity,
                             "record", (json_int_t)rows[i].rid, "action", rows[i].action, "old",
                             old ? old : json_null(), "new", new ? new : json_null()));
    }
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}
