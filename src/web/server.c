/* The HTTP server: libmicrohttpd with its thread pool, the dispatcher that checks
 * session, CSRF and permission before any handler runs, security headers on every
 * answer, an access-log line per request, and a clean stop on SIGTERM. */
#include "http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "../domain/auth.h"
#include "../domain/entities.h"
#include "../domain/remind.h"
#include "../domain/settings.h"
#include "cache.h"
#include "ftypes_web.h"
#include "routes.h"
#include "watchdog.h"

#define CSP                                                                                        \
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "             \
    "frame-ancestors 'none'; base-uri 'none'"

static atomic_int in_flight;

/* ---- small accessors */

const char *q_get(req *r, const char *key)
{
    return MHD_lookup_connection_value(r->mc, MHD_GET_ARGUMENT_KIND, key);
}

const char *f_get(req *r, const char *key)
{
    for (kv *k = r->form; k; k = k->next)
        if (strcmp(k->key, key) == 0) return k->val;
    return NULL;
}

const char *f_getn(req *r, const char *key, size_t *len)
{
    for (kv *k = r->form; k; k = k->next)
        if (strcmp(k->key, key) == 0) {
            *len = k->len;
            return k->val;
        }
    *len = 0;
    return NULL;
}

const char *cookie_get(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->mc, MHD_COOKIE_KIND, name);
}

const char *header_get(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->mc, MHD_HEADER_KIND, name);
}

void add_header(req *r, const char *name, const char *value)
{
    kv *h = arena_alloc(&r->a, sizeof *h);
    h->key = arena_strdup(&r->a, name);
    h->val = arena_strdup(&r->a, value);
    h->next = r->headers;
    r->headers = h;
}

bool req_tls(req *r)
{
    if (r->w->secure_cookies) return true;
    /* only a trusted proxy says how the client came (anyone else could say https) */
    if (!r->w->trusted.n || !r->peer || !proxy_trusted(&r->w->trusted, r->peer)) return false;
    const char *proto = header_get(r, "X-Forwarded-Proto");
    return proto && !strcasecmp(proto, "https");
}

void set_cookie(req *r, const char *name, const char *value, long long max_age, bool http_only)
{
    add_header(r, "Set-Cookie",
               arena_printf(&r->a, "%s=%s; Path=/; Max-Age=%lld; SameSite=Lax%s%s", name, value,
                            max_age, http_only ? "; HttpOnly" : "", req_tls(r) ? "; Secure" : ""));
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    buf *b = cls;
    buf_putc(b, b->len ? '&' : '?');
    html_urlenc(b, key);
    if (value) {
        buf_putc(b, '=');
        html_urlenc(b, value);
    }
    return MHD_YES;
}

const char *request_uri(req *r)
{
    buf q = {0};
    MHD_get_connection_values(r->mc, MHD_GET_ARGUMENT_KIND, add_arg, &q);
    const char *uri = arena_printf(&r->a, "%s%s", r->path, buf_cstr(&q));
    buf_free(&q);
    return uri;
}

void redirect(req *r, const char *url)
{
    r->status = 303;
    add_header(r, "Location", url);
    buf_reset(&r->out);
}

long long req_version(req *r)
{
    if (!r->version_read && r->c) {
        r->version = store_data_version(r->c);
        r->version_read = r->version >= 0;
    }
    return r->version_read ? r->version : -1;
}

bool is_en(req *r)
{
    return r->lang && strcmp(r->lang, "en") == 0;
}

const char *T(req *r, int message)
{
    return msg(message, r->lang);
}

void reply_json(req *r, int status, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(j);
    r->status = status;
    r->ctype = "application/json";
    buf_reset(&r->out);
    buf_puts(&r->out, s);
    buf_putc(&r->out, '\n');
    free(s);
}

static const char *status_code_name(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 409:
        return "conflict";
    case 413:
        return "too_large";
    case 422:
        return "invalid";
    case 429:
        return "rate_limited";
    case 431:
        return "too_many_fields";
    case 503:
        return "unavailable";
    default:
        return "internal";
    }
}

void reply_error(req *r, int status, int message, const verrs *ve)
{
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(status_code_name(status)));
    json_object_set_new(e, "message", json_string(T(r, message)));
    if (ve && ve->n) {
        json_t *f = json_object();
        for (int i = 0; i < ve->n; i++) {
            char code[48];
            msg_code(ve->e[i].msg, code);
            char *text = arena_printf(&r->a, msg(ve->e[i].msg, r->lang), ve->e[i].arg);
            json_t *one = json_object();
            json_object_set_new(one, "code", json_string(code));
            json_object_set_new(one, "message", json_string(text));
            json_object_set_new(f, ve->e[i].field ? ve->e[i].field : "_", one);
        }
        json_object_set_new(e, "fields", f);
    }
    json_t *j = json_object();
    json_object_set_new(j, "error", e);
    reply_json(r, status, j);
}

/* ---- request body: forms through MHD's post processor, anything else buffered */

/* Room allocated for a form value of len bytes: values grow by doubling, so that a large
 * field (an uploaded file) costs linear arena space, not quadratic. */
static size_t form_cap(size_t len)
{
    size_t cap = 64;
    while (cap < len + 1)
        cap *= 2;
    return cap;
}

/* Every form value reaches the program here, from libmicrohttpd's post processor, which
 * passes NULL for whatever the client left out: a part without a name (a multipart part
 * with only a filename), a file name, a content type, the data of an empty piece. A part
 * without a name is no field: the form is refused (400). Past this function a field has
 * a key and a value (possibly empty, possibly holding NUL bytes: see f_getn). */
static enum MHD_Result on_form_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *filename, const char *content_type,
                                     const char *transfer_encoding, const char *data, uint64_t off,
                                     size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    req *r = cls;
    if (!key || (size && !data)) {
        r->form_error = true;
        return MHD_NO;
    }
    kv *k = r->form;
    /* a field's value may come in several pieces: append to the field begun last */
    if (!(k && off > 0 && strcmp(k->key, key) == 0)) {
        k = arena_alloc(&r->a, sizeof *k);
        k->key = arena_strdup(&r->a, key);
        k->filename = filename ? arena_strdup(&r->a, filename) : NULL; /* as sent: untrusted */
        k->val = arena_alloc(&r->a, form_cap(0));
        k->next = r->form;
        r->form = k;
    }
    if (size) {
        if (k->len + size + 1 > form_cap(k->len)) {
            char *v = arena_alloc(&r->a, form_cap(k->len + size));
            memcpy(v, k->val, k->len);
            k->val = v;
        }
        memcpy(k->val + k->len, data, size);
        k->len += size;
        k->val[k->len] = 0;
    }
    return MHD_YES;
}

/* ---- routing */

static bool is_id(const char *s, size_t n, long long *id)
{
    if (n == 0 || n > 15) return false;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *id = v;
    return v > 0;
}

/* Matches path against a pattern; fills the record type and id of the request. */
static bool match(req *r, const char *pattern, const char *path)
{
    const entity *ent = NULL;
    long long id = 0, sub = 0;
    const char *hash = NULL, *slug = NULL, *plang = NULL;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/') return false;
        p++, s++;
        const char *pe = strchr(p, '/'), *se = strchr(s, '/');
        size_t pn = pe ? (size_t)(pe - p) : strlen(p), sn = se ? (size_t)(se - s) : strlen(s);
        if (pn >= 2 && !strncmp(p, ":e", 2) && (pn == 2 || p[2] == '.')) {
            /* a table name, then the rest of the pattern's segment as is (":e.geojson") */
            char name[32];
            size_t suffix = pn - 2;
            if (sn <= suffix || sn - suffix >= sizeof name ||
                strncmp(s + sn - suffix, p + 2, suffix) != 0)
                return false;
            memcpy(name, s, sn - suffix);
            name[sn - suffix] = 0;
            if (!(ent = entity_by_table(name))) return false;
        } else if (pn == 3 && !strncmp(p, ":id", 3)) {
            if (!is_id(s, sn, &id)) return false;
        } else if (pn == 4 && !strncmp(p, ":sub", 4)) {
            if (!is_id(s, sn, &sub)) return false;
        } else if (pn == 5 && !strncmp(p, ":slug", 5)) {
            /* a URL word: ASCII lower-case letters, digits and hyphens, 1 to 80 of them */
            if (!sn || sn > 80 || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") < sn)
                return false;
            slug = arena_strndup(&r->a, s, sn);
        } else if (pn == 5 && !strncmp(p, ":lang", 5)) {
            /* a language of the public bulletin (domain/bulletin.h) */
            if (sn != 2 || !(!strncmp(s, "vi", 2) || !strncmp(s, "en", 2) || !strncmp(s, "lo", 2) ||
                             !strncmp(s, "km", 2)))
                return false;
            plang = arena_strndup(&r->a, s, sn);
        } else if (pn >= 5 && !strncmp(p, ":hash", 5)) {
            /* 64 lower-case hex digits, then the rest of the pattern's segment as is
             * (":hash.ics" takes "<64 hex>.ics") */
            size_t suffix = pn - 5;
            if (sn != 64 + suffix || strspn(s, "0123456789abcdef") < 64 ||
                strncmp(s + 64, p + 5, suffix) != 0)
                return false;
            hash = arena_strndup(&r->a, s, 64);
        } else if (pn != sn || strncmp(p, s, pn) != 0) {
            return false;
        }
        p += pn, s += sn;
    }
    if (*p || *s) return false;
    r->ent = ent;
    r->id = id;
    r->sub = sub;
    r->hash = hash;
    r->slug = slug;
    r->plang = plang;
    return true;
}

/* The route for this request; *allowed tells whether the path exists for another method. */
/* The length of each route's pattern before its first parameter (routes_check): a path
 * that does not start with it is not tried segment by segment. */
static size_t route_literal[256];

static const route *find_route(req *r, bool *path_exists)
{
    *path_exists = false;
    for (const route *rt = ngv_routes; rt->pattern; rt++) {
        size_t lit = route_literal[rt - ngv_routes];
        if (strncmp(rt->pattern, r->path, lit) != 0 || !match(r, rt->pattern, r->path)) continue;
        *path_exists = true;
        if (strcmp(rt->method, r->method) == 0 ||
            (strcmp(rt->method, "GET") == 0 && strcmp(r->method, "HEAD") == 0))
            return rt;
    }
    return NULL;
}

int routes_check(const route *table)
{
    for (const route *rt = table; rt->pattern; rt++) {
        size_t i = (size_t)(rt - table);
        if (i >= sizeof route_literal / sizeof *route_literal) {
            log_error("more than %zu routes: refusing to start", i);
            return -1;
        }
        const char *m = rt->method ? rt->method : "?";
        if (rt->need == PERM_NONE || !rt->fn || !rt->method) {
            log_error("route %s %s names no permission or handler: refusing to start", m,
                      rt->pattern);
            return -1;
        }
        /* ":e" in the pattern and RT_ENTITY say the same; an agency's way onto a writer's
         * route (RT_AG_*) is only for a record type's writer routes */
        bool e_param =
            strstr(rt->pattern, "/:e/") || strstr(rt->pattern, "/:e.") ||
            (strlen(rt->pattern) >= 3 && !strcmp(rt->pattern + strlen(rt->pattern) - 3, "/:e"));
        if (e_param != !!(rt->flags & RT_ENTITY)) {
            log_error("route %s %s: RT_ENTITY and :e in its pattern disagree: refusing to start", m,
                      rt->pattern);
            return -1;
        }
        if ((rt->flags & (RT_AG_CREATE | RT_AG_UPDATE)) &&
            (rt->need != PERM_WRITE || !(rt->flags & RT_ENTITY))) {
            log_error("route %s %s: an agency's write on a route that is not a record type's "
                      "writer route: refusing to start",
                      m, rt->pattern);
            return -1;
        }
    }
    if (table == ngv_routes)
        for (const route *rt = table; rt->pattern; rt++)
            route_literal[rt - table] = strcspn(rt->pattern, ":");
    return 0;
}

/* ---- who is asking */

/* The JSON face: a route of the API, or any path under /api/ (so that a 404 or 405 there
 * is JSON too). */
static bool is_api(const req *r)
{
    return r->rt ? (r->rt->flags & RT_API) != 0 : strncmp(r->path, "/api/", 5) == 0;
}

static void choose_lang(req *r)
{
    /* explicit choice first (?lang=, the switch's cookie), then what the client asks
     * for (API), then the user's own setting */
    const char *l = q_get(r, "lang");
    if (!l) l = cookie_get(r, "lang");
    if (!l && is_api(r)) {
        const char *al = header_get(r, "Accept-Language");
        if (al && !strncmp(al, "en", 2)) l = "en";
        if (al && !strncmp(al, "vi", 2)) l = "vi";
    }
    if (!l && r->authed) l = r->user.lang;
    r->lang = l && !strcmp(l, "en") ? "en" : "vi";
}

/* A session's lookup (its user, CSRF token and kind) is kept in the response cache while
 * the data version does not move, and for SESSION_KEEP_SECONDS at most. Whatever ends or
 * changes a session moves the version in the same statement (migration 011: triggers on
 * sessions and users), whoever writes it, so a logout, a revoked session, a new password or
 * a deactivated user take effect at the next request; the minute bounds how long a session
 * past its end (12 h) may still be taken. */
enum { SESSION_KEEP_SECONDS = 60 };

static const char *session_key(req *r, const char *token)
{
    return arena_printf(&r->a, "session|%s", auth_token_hash(&r->a, token));
}

static bool session_cached(req *r, const char *token, const char **kind)
{
    if (!token || strlen(token) != 64) return false;
    long long v = req_version(r);
    buf b = {0};
    if (v < 0 || !cache_get(r->w->cache, session_key(r, token), v, &b)) return false;
    /* fields ended by 0x1f: at, id, username, role, display_name (or none), lang, disabled,
     * agency, must_change, csrf, kind */
    char *f[11];
    char *p = arena_strndup(&r->a, b.data, b.len);
    buf_free(&b);
    for (int i = 0; i < 11; i++) {
        char *e = strchr(p, 0x1f);
        if (!e) return false;
        *e = 0;
        f[i] = p;
        p = e + 1;
    }
    if (clock_unix() - strtoll(f[0], NULL, 10) > SESSION_KEEP_SECONDS) return false;
    r->user = (user_row){.id = strtoll(f[1], NULL, 10),
                         .username = f[2],
                         .role = f[3],
                         .pwhash = "",
                         .display_name = *f[4] ? f[4] + 1 : NULL,
                         .lang = f[5],
                         .disabled = *f[6] == '1',
                         .agency_id = strtoll(f[7], NULL, 10),
                         .must_change = *f[8] == '1'};
    r->csrf = f[9];
    *kind = f[10];
    return true;
}

static void session_keep(req *r, const char *token, const char *kind)
{
    long long v = req_version(r);
    const user_row *u = &r->user;
    /* the separator in a display name would shift the fields: such a session is not kept */
    if (v < 0 || (u->display_name && strchr(u->display_name, 0x1f))) return;
    buf b = {0};
    buf_printf(&b, "%lld\x1f%lld\x1f%s\x1f%s\x1f%s%s\x1f%s\x1f%d\x1f%lld\x1f%d\x1f%s\x1f%s\x1f",
               clock_unix(), u->id, u->username, u->role, u->display_name ? "+" : "",
               u->display_name ? u->display_name : "", u->lang ? u->lang : "", u->disabled,
               u->agency_id, u->must_change, r->csrf ? r->csrf : "", kind);
    cache_put(r->w->cache, session_key(r, token), v, b.data, b.len);
    buf_free(&b);
}

static void authenticate(req *r)
{
    const char *token = NULL;
    if (r->rt && (r->rt->flags & RT_API)) {
        const char *h = header_get(r, "Authorization");
        if (h && !strncasecmp(h, "Bearer ", 7)) token = h + 7;
    } else {
        token = cookie_get(r, "sid");
    }
    if (!token) return;
    const char *kind = NULL;
    if (!session_cached(r, token, &kind)) {
        if (auth_session_get(r->c, &r->a, token, &r->user, &r->csrf, &kind) != ST_OK) return;
        session_keep(r, token, kind);
    }
    /* an API token opens the API only, a browser session the pages only */
    bool api = r->rt && (r->rt->flags & RT_API);
    if (api != (strcmp(kind, "api") == 0)) return;
    r->authed = true;
    r->token = arena_strdup(&r->a, token);
}

/* The methods the path takes, for the Allow header of a 405 (RFC 9110). */
static void add_allow(req *r)
{
    buf b = {0};
    for (const route *rt = ngv_routes; rt->pattern; rt++) {
        if (!match(r, rt->pattern, r->path) || strstr(buf_cstr(&b), rt->method)) continue;
        buf_printf(&b, "%s%s", b.len ? ", " : "", rt->method);
        if (!strcmp(rt->method, "GET")) buf_puts(&b, ", HEAD");
    }
    if (b.len) add_header(r, "Allow", buf_cstr(&b));
    buf_free(&b);
}

static void deny(req *r, int status, int message)
{
    if (status == 405) add_allow(r);
    if (is_api(r)) {
        reply_error(r, status, message, NULL);
        if (status == 401) add_header(r, "WWW-Authenticate", "Bearer");
        return;
    }
    if (status == 401) {
        /* a form sent after its session expired keeps what was typed, through the login */
        if (!strcmp(r->method, "POST") && r->form && r->rt && !(r->rt->flags & RT_UPLOAD)) {
            ui_login_resume(r);
            return;
        }
        /* where to come back to after the login: the address, or its path alone when the
         * address is too long to be sent back, or nowhere */
        buf next = {0};
        html_urlenc(&next, request_uri(r));
        if (next.len > LOCATION_MAX) buf_reset(&next), html_urlenc(&next, r->path);
        if (next.len > LOCATION_MAX) buf_reset(&next);
        /* a session cookie that opens nothing: it has expired (or was ended) */
        const char *sid = cookie_get(r, "sid");
        bool expired = sid && *sid;
        redirect(r, next.len  ? arena_printf(&r->a, "/login?next=%s%s", buf_cstr(&next),
                                            expired ? "&expired=1" : "")
                    : expired ? "/login?expired=1"
                              : "/login");
        buf_free(&next);
        return;
    }
    page_error(r, status, message);
}

/* Who is asking and in which language: once per request, before its body is read when
 * it has one (so that nobody's upload is buffered before their session is known). */
static void identify(req *r)
{
    if (r->identified) return;
    r->identified = true;
    authenticate(r);
    choose_lang(r);
    r->x = (ctx){.c = r->c,
                 .a = &r->a,
                 .lang = r->lang,
                 .user_id = r->authed ? r->user.id : 0,
                 .username = r->authed ? r->user.username : "anonymous",
                 .role = r->authed ? role_parse(r->user.role) : ROLE_NONE,
                 .agency_id = r->authed ? r->user.agency_id : 0,
                 .memo_arena = &r->a};
}

/* A writer's route that an agency user may take on this record type (RT_AG_*): its
 * handler's domain call decides on the record itself. */
static bool agency_admits(const req *r)
{
    const route *rt = r->rt;
    if (rt->need != PERM_WRITE || !r->ent) return false;
    unsigned what =
        ((rt->flags & RT_AG_CREATE) ? AG_CREATE : 0) | ((rt->flags & RT_AG_UPDATE) ? AG_UPDATE : 0);
    return what && rec_may_write(&r->x, r->ent, what);
}

/* The checks that need no body: route, size, session, permission. False when the
 * request is refused (the answer is written). */
static bool admissible(req *r)
{
    const route *rt = r->rt;
    if (r->bad_framing) {
        deny(r, 400, M_BAD_REQUEST);
    } else if (r->nul_in_uri) {
        deny(r, 400, M_NUL_IN_URL);
    } else if (r->too_many_fields) {
        deny(r, 431, M_TOO_MANY_FIELDS);
    } else if (!rt) {
        deny(r, r->status == 405 ? 405 : 404, r->status == 405 ? M_METHOD : M_NOT_FOUND);
    } else if (r->too_large) {
        deny(r, 413, M_TOO_LARGE);
    } else if (rt->need != PERM_PUBLIC && !r->authed) {
        deny(r, 401, M_UNAUTHORIZED);
    } else if (!role_can(r->x.role, rt->need) && !agency_admits(r)) {
        deny(r, 403, M_FORBIDDEN);
    } else if (account_gate(r)) { /* a password set by an admin: changed first (ui_account.c) */
    } else {
        return true;
    }
    return false;
}

/* A form field (not a file) holding a NUL byte, which no text may hold: refused, named,
 * rather than cut at the NUL by every reader of C strings. NULL when there is none. */
static const char *nul_field(req *r)
{
    for (kv *k = r->form; k; k = k->next)
        if (!k->filename && memchr(k->val, 0, k->len)) return k->key;
    return NULL;
}

static void deny_field(req *r, const char *fieldname, int message)
{
    verrs ve = {0};
    verrs_add(&ve, arena_strdup(&r->a, fieldname), message, 0);
    if (is_api(r)) {
        reply_error(r, 422, M_INVALID, &ve);
        return;
    }
    r->status = 422;
    buf_reset(&r->out);
    page_begin(r, T(r, M_INVALID));
    html_printf(&r->out,
                "<h1>%s</h1><p class=\"error\" role=\"alert\">%s: %s</p>"
                "<p><a href=\"/\">%s</a></p>",
                T(r, M_INVALID), fieldname, T(r, message), T(r, M_NAV_HOME));
    page_end(r);
}

static bool writes(const req *r);

/* The database is out of reach (no connection could be opened, or the one in hand was
 * lost): 503, and the client may try again in a few seconds; nothing was written. */
static void unavailable(req *r)
{
    buf_reset(&r->out);
    deny(r, 503, M_UNAVAILABLE);
    add_header(r, "Retry-After", "5");
}

static void dispatch(req *r)
{
    r->c = store_try_acquire(r->w->st);
    if (!r->c) {
        unavailable(r);
        return;
    }
    /* a read that writes on the way (none of the pages does today) does so on its
     * own connection too while no write request is in flight: its reads stay warm */
    store_set_alone(
        r->c, r->alone || (!writes(r) && __atomic_load_n(&r->w->writes, __ATOMIC_RELAXED) == 0));
    r->version_read = false; /* a body may have taken a while: what the handler reads is now */
    /* what another node stored (names, settings) is in force from its write on */
    settings_sync(r->c, req_version(r));
    identify(r);
    r->x.c = r->c;
    const route *rt = r->rt;
    if (store_conn_broken(r->c)) { /* not even who is asking could be read */
        unavailable(r);
    } else if (!admissible(r)) {
    } else if (r->form_error) {
        deny(r, 400, M_BAD_REQUEST);
    } else if (nul_field(r)) {
        deny_field(r, nul_field(r), M_NUL_CHAR);
    } else if (!(rt->flags & (RT_API | RT_NO_CSRF)) && strcmp(r->method, "POST") == 0 &&
               !auth_equal(f_get(r, "csrf"), r->csrf)) {
        deny(r, 403, M_CSRF);
    } else {
        r->status = 200;
        rt->fn(r);
        if (r->status >= 500 && store_conn_broken(r->c)) unavailable(r);
    }
    store_release(r->w->st, r->c);
    r->c = r->x.c = NULL;
}

/* ---- HTTP framing (RFC 9112): what libmicrohttpd lets through and a proxy in front might
 * read differently. A request is refused (400, connection closed) when it has both
 * Content-Length and Transfer-Encoding, Content-Length twice or not a plain number, a
 * transfer coding other than chunked, or (HTTP/1.1) not exactly one valid Host. */

typedef struct {
    int host, clen, te;
    const char *host_v, *clen_v, *te_v;
} framing;

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    (void)kind;
    framing *f = cls;
    if (!key) return MHD_YES;
    if (!strcasecmp(key, "Host")) f->host++, f->host_v = value;
    if (!strcasecmp(key, "Content-Length")) f->clen++, f->clen_v = value;
    if (!strcasecmp(key, "Transfer-Encoding")) f->te++, f->te_v = value;
    return MHD_YES;
}

static bool valid_host(const char *h)
{
    if (!h || !*h || strlen(h) > 255) return false;
    return strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:[]") ==
           strlen(h);
}

/* Checks the framing; tells whether the request has a body and its declared length. */
static bool framing_ok(req *r, const char *version, bool *has_body, unsigned long long *clen)
{
    framing f = {0};
    MHD_get_connection_values(r->mc, MHD_HEADER_KIND, count_header, &f);
    bool http11 = version && strcmp(version, "HTTP/1.0") != 0;
    *has_body = false;
    *clen = 0;
    if (f.host > 1 || (http11 && f.host == 0) || (f.host && !valid_host(f.host_v))) return false;
    if (f.clen && f.te) return false;
    if (f.clen > 1) return false;
    if (f.te) {
        /* the only coding a server must know; anything else (xchunked, gzip, a list) has
         * a length nobody agrees on */
        if (f.te > 1 || !http11 || !f.te_v || strcasecmp(f.te_v, "chunked") != 0) return false;
        *has_body = true;
    }
    if (f.clen) {
        const char *v = f.clen_v;
        if (!v || !*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 18) return false;
        *clen = strtoull(v, NULL, 10);
        *has_body = *clen > 0;
    }
    return true;
}

/* ---- libmicrohttpd callbacks */

/* The headers of an answer: those every answer carries, then the request's own. */
static void add_headers(struct MHD_Response *resp, const req *r, bool close)
{
    MHD_add_response_header(resp, "Content-Type", r->ctype);
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    bool has_cache_control = false;
    for (const kv *h = r->headers; h; h = h->next) {
        MHD_add_response_header(resp, h->key, h->val);
        if (!strcasecmp(h->key, "Cache-Control")) has_cache_control = true;
    }
    if (!has_cache_control) MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (close) MHD_add_response_header(resp, "Connection", "close");
}

/* What an answer's response is made of besides its body: status, type, skip, headers. */
static unsigned long response_tag(const req *r)
{
    unsigned long h = 5381;
    h = h * 33 + (unsigned)r->status;
    h = h * 33 + r->shared_skip;
    for (const char *p = r->ctype; *p; p++)
        h = h * 33 + (unsigned char)*p;
    for (const kv *k = r->headers; k; k = k->next) {
        for (const char *p = k->key; *p; p++)
            h = h * 33 + (unsigned char)*p;
        h = h * 33 + 1;
        for (const char *p = k->val; *p; p++)
            h = h * 33 + (unsigned char)*p;
        h = h * 33 + 2;
    }
    return h;
}

static void response_free(void *resp)
{
    MHD_destroy_response(resp);
}

/* An answer from a kept body (a public page) goes out in a response made once for all
 * those sent from the same body with the same headers, and kept with it: no response
 * made, no header copied, per request. The request holds its reference to the body until
 * it is completed (on_completed), so the bytes stay while they are sent. NULL when none
 * could be kept (another thread kept one for other headers first). */
static struct MHD_Response *kept_response(req *r)
{
    unsigned long tag = response_tag(r);
    struct MHD_Response *resp = cache_body_made(r->shared, tag);
    if (resp) return resp;
    size_t n;
    const char *data = cache_body_data(r->shared, &n);
    size_t skip = r->shared_skip < n ? r->shared_skip : n;
    resp = MHD_create_response_from_buffer(n - skip, (void *)(data + skip), MHD_RESPMEM_PERSISTENT);
    if (!resp) return NULL;
    add_headers(resp, r, false);
    if (cache_body_keep(r->shared, resp, tag, response_free)) return resp;
    MHD_destroy_response(resp);
    return cache_body_made(r->shared, tag);
}

/* The answer. To a HEAD, the same response as to its GET: libmicrohttpd sends its headers
 * (Content-Length that of the body) and not the body. */
static enum MHD_Result send_response(req *r, bool close)
{
    if (!r->ctype) r->ctype = "text/html; charset=utf-8";
    /* over TLS, browsers are told to come back only that way (a year; a header sent over
     * plain http is ignored by them, so it is sent only when the client came over TLS) */
    if (req_tls(r)) add_header(r, "Strict-Transport-Security", "max-age=31536000");
    size_t n = r->out.len;
    bool head = strcmp(r->method, "HEAD") == 0;
    struct MHD_Response *resp;
    if (r->shared && !close && (resp = kept_response(r))) {
        cache_body_data(r->shared, &n);
        r->sent = head ? 0 : n - (r->shared_skip < n ? r->shared_skip : n);
        return MHD_queue_response(r->mc, (unsigned)r->status, resp);
    }
    if (r->body_fd_set) { /* MHD reads it as it sends, and closes it */
        n = (size_t)r->body_size;
        resp = MHD_create_response_from_fd((uint64_t)r->body_size, r->body_fd);
        r->body_fd_set = false;
    } else if (r->shared) {
        const char *data = cache_body_data(r->shared, &n);
        size_t skip = r->shared_skip < n ? r->shared_skip : n;
        n -= skip;
        resp = MHD_create_response_from_buffer_with_free_callback_cls(n, (void *)(data + skip),
                                                                      cache_unref, r->shared);
        r->shared = NULL; /* the response holds the reference now */
    } else if (r->out.data) {
        resp = MHD_create_response_from_buffer_with_free_callback(n, buf_detach(&r->out), free);
    } else {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    r->sent = head ? 0 : n;
    add_headers(resp, r, close);
    enum MHD_Result ret = MHD_queue_response(r->mc, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* How much of a body that is refused is still read (and dropped) so that a client already
 * sending it gets the answer: twice the route's limit and a megabyte. */
static unsigned long long drain_limit(const req *r)
{
    return 2ull * r->body_limit + (1u << 20);
}

static bool is_form(req *r)
{
    const char *ct = header_get(r, "Content-Type");
    return ct && (!strncasecmp(ct, "application/x-www-form-urlencoded", 33) ||
                  !strncasecmp(ct, "multipart/form-data", 19));
}

/* A page's form (text fields, within the route's limit) sent with a session cookie that
 * no longer opens a session: its body is read although the sender is not signed in, so
 * that what the user typed survives the login (ui_login_resume); it is refused after. */
static bool resumable(req *r)
{
    const char *ct = header_get(r, "Content-Type"), *sid = cookie_get(r, "sid");
    return r->rt && !r->authed && !r->too_large && r->rt->need != PERM_PUBLIC &&
           !(r->rt->flags & (RT_API | RT_UPLOAD)) && sid && *sid && ct &&
           !strncasecmp(ct, "application/x-www-form-urlencoded", 33);
}

/* ---- the writers: a request that writes is handed to one of them with its connection
 * suspended, so that the request threads go on answering reads meanwhile and the writes
 * waiting together share a commit */

static bool writes(const req *r)
{
    return strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && strcmp(r->method, "OPTIONS");
}

static void *writer_main(void *arg)
{
    web *w = arg;
    pthread_mutex_lock(&w->qmu);
    for (;;) {
        while (!w->qhead && !w->qstop)
            pthread_cond_wait(&w->qcv, &w->qmu);
        if (!w->qhead) break; /* stopping, and nothing is left */
        req *r = w->qhead;
        w->qhead = r->qnext;
        if (!w->qhead) w->qtail = NULL;
        pthread_mutex_unlock(&w->qmu);
        dispatch(r);
        r->ready = true;
        MHD_resume_connection(r->mc); /* the request's thread sends the answer */
        pthread_mutex_lock(&w->qmu);
        __atomic_sub_fetch(&w->writes, 1, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&w->qmu);
    return NULL;
}

/* A write while no other is in flight is handled here, on the request's thread, which
 * keeps the database connection's cache warm for the page that follows it (see
 * store_begin); one that comes while others are goes to a writer, to share their commit.
 * A route that takes a file (a limit over a form's 64 KiB: an upload, an import) always
 * goes to a writer: its file's write and fsync, or its thousands of rows, would hold up
 * every other connection of this request thread meanwhile (MHD keeps a connection on
 * the thread that accepted it), and make their keep-alive clients wait for it (make soak
 * saw four clients wait 1.1 s behind one upload). A server run in process (web_run: the
 * fuzz targets) has one connection and no other thread to hold up, and a connection a
 * writer resumed waits there for web_run's next poll (100 ms a file route in fuzz_form):
 * it writes here. Returns false when the request was handed over. */
static bool write_here(req *r)
{
    web *w = r->w;
    pthread_mutex_lock(&w->qmu);
    bool here = w->writes == 0 && (w->in_process || !r->rt || r->rt->max_body <= 64 * 1024);
    __atomic_add_fetch(&w->writes, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&w->qmu);
    if (!here) return false;
    r->alone = true;
    dispatch(r);
    pthread_mutex_lock(&w->qmu);
    __atomic_sub_fetch(&w->writes, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&w->qmu);
    return true;
}

static void hand_to_writer(req *r)
{
    web *w = r->w;
    MHD_suspend_connection(r->mc);
    pthread_mutex_lock(&w->qmu);
    r->qnext = NULL;
    if (w->qtail)
        w->qtail->qnext = r;
    else
        w->qhead = r;
    w->qtail = r;
    pthread_cond_signal(&w->qcv);
    pthread_mutex_unlock(&w->qmu);
}

/* Every X-Forwarded-For header's value, in order, joined by commas (RFC 9110: one list);
 * NULL when there is none. */
static enum MHD_Result add_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    buf *b = cls;
    if (key && value && !strcasecmp(key, "X-Forwarded-For"))
        buf_printf(b, "%s%s", b->len ? "," : "", value);
    return MHD_YES;
}

static const char *forwarded_for(req *r)
{
    buf b = {0};
    MHD_get_connection_values(r->mc, MHD_HEADER_KIND, add_forwarded, &b);
    const char *v = b.len ? arena_strdup(&r->a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return v;
}

/* A URI whose path or query holds an encoded NUL (%00): libmicrohttpd decodes the parts
 * into C strings, which the NUL would cut short without a word ("/partners%00x" read as
 * "/partners", "q=a%00b" as "q=a"). Its raw form is seen here first; what this returns is
 * the request's first *con_cls (on_request makes it a flag of the request). */
static char nul_uri;
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
    (void)cls, (void)mc;
    for (const char *p = uri; (p = strchr(p, '%')); p++)
        if (p[1] == '0' && p[2] == '0') return &nul_uri;
    return NULL;
}

/* The octets of a request's header line, cookie or parameter, and 64 for its record: what
 * libmicrohttpd keeps of it in the connection's memory (see REQUEST_FOOTPRINT_MAX). */
static enum MHD_Result add_footprint(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    *(size_t *)cls += 64 + (key ? strlen(key) : 0) + (value ? strlen(value) : 0);
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    req *r = *con_cls;
    bool nul_in_uri = r == (void *)&nul_uri;
    if (nul_in_uri) {
        r = NULL;
        *con_cls = NULL; /* on_completed sees a request or nothing */
    }
    if (!r) {
        /* First call: headers only. Find the route and its body limit, and return without
         * answering, so that keep-alive stays on (see docs/architecture.md). */
        r = calloc(1, sizeof *r);
        if (!r) return MHD_NO;
        atomic_fetch_add(&in_flight, 1);
        r->w = cls;
        r->mc = mc;
        r->started = clock_micros();
        r->method = arena_strdup(&r->a, method);
        r->path = arena_strdup(&r->a, url);
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        char addr[INET6_ADDRSTRLEN] = "?";
        if (ci && ci->client_addr) {
            const struct sockaddr *sa = ci->client_addr;
            if (sa->sa_family == AF_INET)
                inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, addr, sizeof addr);
            else if (sa->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, addr,
                          sizeof addr);
        }
        r->peer = arena_strdup(&r->a, addr);
        r->client = r->w->trusted.n ? proxy_client(&r->a, &r->w->trusted, r->peer, forwarded_for(r))
                                    : r->peer;
        bool exists;
        r->rt = find_route(r, &exists);
        if (!r->rt && exists) r->status = 405;
        r->body_limit = r->rt ? r->rt->max_body : 0;
        r->nul_in_uri = nul_in_uri;
        bool has_body;
        unsigned long long clen;
        if (!framing_ok(r, version, &has_body, &clen)) r->bad_framing = true;
        size_t footprint = 0;
        MHD_get_connection_values(mc, MHD_HEADER_KIND | MHD_COOKIE_KIND | MHD_GET_ARGUMENT_KIND,
                                  add_footprint, &footprint);
        r->too_many_fields = footprint > REQUEST_FOOTPRINT_MAX;
        if (clen > r->body_limit) r->too_large = true;
        *con_cls = r;
        if (r->bad_framing || r->too_many_fields) {
            /* where the body ends is not known (or the request is refused whatever it is):
             * answer, and close the connection, so that nothing the client sent after the
             * headers is taken for a next request */
            choose_lang(r);
            admissible(r);
            r->answered = true;
            return send_response(r, true);
        }
        if (has_body) {
            /* Refuse before reading the body what needs no body to refuse: a route that
             * does not exist, a body too large, no session or permission. */
            bool ok = false;
            if ((r->c = store_try_acquire(r->w->st))) {
                identify(r);
                ok = resumable(r) || admissible(r);
                store_release(r->w->st, r->c);
            } else {
                choose_lang(r);
                unavailable(r);
            }
            r->c = r->x.c = NULL;
            if (!ok) {
                /* A client that waits for "100 Continue", or announces more than is worth
                 * reading, is answered now and the connection closed. Another is already
                 * sending: its body is read and dropped (never kept) so that it gets the
                 * answer rather than a reset connection. */
                const char *expect = header_get(r, "Expect");
                if ((expect && !strcasecmp(expect, "100-continue")) || clen > drain_limit(r)) {
                    r->answered = true;
                    return send_response(r, true);
                }
                r->refused = true;
            }
        }
        if (!r->refused && r->rt && r->rt->max_body &&
            (!(r->rt->flags & RT_API) || (r->rt->flags & RT_UPLOAD)) && is_form(r)) {
            r->pp = MHD_create_post_processor(mc, 16384, on_form_field, r);
            if (!r->pp) r->form_error = true;
        }
        return MHD_YES;
    }
    if (r->ready) { /* back from a writer */
        r->ready = false;
        return send_response(r, r->close_after);
    }
    if (r->answered) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        /* counted here, whatever the encoding (chunked bodies have no Content-Length) */
        size_t n = *upload_size;
        *upload_size = 0;
        r->received += n;
        if (r->received > r->body_limit) r->too_large = true;
        /* a body past what is worth reading (chunked: no length was announced) ends the
         * connection without an answer */
        if (r->received > drain_limit(r)) return MHD_NO;
        if (r->refused || r->too_large) return MHD_YES; /* dropped, never kept */
        if (r->pp) {
            if (!r->form_error && MHD_post_process(r->pp, upload_data, n) != MHD_YES)
                r->form_error = true;
        } else {
            buf_put(&r->body, upload_data, n);
        }
        return MHD_YES;
    }
    r->answered = true;
    bool close = r->form_error || r->too_large || r->refused;
    if (!r->refused && r->w->nwriters && writes(r)) {
        if (write_here(r)) return send_response(r, close);
        r->close_after = close;
        hand_to_writer(r);
        return MHD_YES;
    }
    if (!r->refused) dispatch(r); /* else the answer was made before the body */
    return send_response(r, close);
}

/* The access log's line of a request, "CLIENT[ via PEER] METHOD PATH STATUS BYTES USus[
 * (aborted)]", put together by hand: a line a request, and a format's parsing was the most
 * of what a kept page cost besides the sending. */
static char *put_str(char *p, const char *end, const char *s)
{
    size_t n = strlen(s);
    if (n > (size_t)(end - p)) n = (size_t)(end - p);
    memcpy(p, s, n);
    return p + n;
}

static char *put_num(char *p, const char *end, unsigned long long v)
{
    char d[24];
    int k = 0;
    do
        d[k++] = (char)('0' + v % 10);
    while ((v /= 10));
    while (k && p < end)
        *p++ = d[--k];
    return p;
}

static void access_line(const req *r, long long us, bool aborted)
{
    char line[1800], *p = line;
    const char *end = line + sizeof line;
    bool via = r->peer && r->client && strcmp(r->peer, r->client);
    p = put_str(p, end, r->client ? r->client : "?");
    if (via) p = put_str(put_str(p, end, " via "), end, r->peer);
    p = put_str(put_str(p, end, " "), end, r->method);
    p = put_str(put_str(p, end, " "), end, r->path);
    p = put_str(p, end, " ");
    p = r->status < 0 ? put_str(p, end, "-") : put_num(p, end, (unsigned long long)r->status);
    p = put_num(put_str(p, end, " "), end, r->sent);
    p = put_num(put_str(p, end, " "), end, us < 0 ? 0 : (unsigned long long)us);
    p = put_str(p, end, aborted ? "us (aborted)" : "us");
    log_info_text(line, (size_t)(p - line));
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)mc;
    req *r = *con_cls;
    /* on_uri's mark, when libmicrohttpd ended the request before on_request (its own
     * error answer: a malformed Cookie header after a %00 in the URI) */
    if (r == (void *)&nul_uri) *con_cls = r = NULL;
    if (!r) return;
    access_line(r, clock_micros() - r->started, toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
    if (r->pp) MHD_destroy_post_processor(r->pp);
    buf_free(&r->body);
    buf_free(&r->out);
    cache_unref(r->shared); /* a HEAD, an answer never sent, or one sent in a kept response */
    if (r->body_fd_set) close(r->body_fd);
    arena_free(&r->a);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&in_flight, 1);
}

/* Lets the writers finish what is queued, and ends them. */
static void stop_writers(web *w)
{
    pthread_mutex_lock(&w->qmu);
    w->qstop = true;
    pthread_cond_broadcast(&w->qcv);
    pthread_mutex_unlock(&w->qmu);
    for (int i = 0; i < w->nwriters; i++)
        pthread_join(w->writer[i], NULL);
    w->nwriters = 0;
    pthread_mutex_destroy(&w->qmu);
    pthread_cond_destroy(&w->qcv);
}

web *web_start(store *st, const web_opts *o)
{
    if (routes_check(ngv_routes) != 0) return NULL;
    char err[256];
    if (ftypes_web_check(err, sizeof err) != 0) {
        log_error("%s: refusing to start", err);
        return NULL;
    }
    web *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->st = st;
    w->threads = o->threads ? o->threads : 2;
    const char *sec = getenv("NGOAIVU_SECURE_COOKIES");
    w->secure_cookies = sec && *sec == '1';
    const char *addr = o->addr ? o->addr : "127.0.0.1";
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o->port)};
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        log_error("bad listen address %s", addr);
        free(w);
        return NULL;
    }
    if (proxy_list_parse(o->trusted_proxies, &w->trusted, err, sizeof err) != 0) {
        log_error("%s", err);
        free(w);
        return NULL;
    }
    /* the day's reminders are made (by this node, when it takes the lease) before anyone
     * is answered */
    if (o->sweep) w->sweeper = remind_node_start(st);
    /* another node's writes are known from the database's notices (PostgreSQL) */
    store_follow(st);
    w->cache = cache_new(2u << 20);
    w->media = cache_new(32u << 20);
    signal(SIGPIPE, SIG_IGN);
    pthread_mutex_init(&w->qmu, NULL);
    pthread_cond_init(&w->qcv, NULL);
    while (w->nwriters < WEB_WRITERS &&
           pthread_create(&w->writer[w->nwriters], NULL, writer_main, w) == 0)
        w->nwriters++; /* none at all: the request threads write themselves */
    w->in_process = o->in_process;
    if (w->in_process) /* the same options but the socket and the threads (web_run) */
        w->d = MHD_start_daemon(
            MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
            on_request, w, MHD_OPTION_NOTIFY_COMPLETED, on_completed, w,
            MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)REQUEST_MEMORY, MHD_OPTION_END);
    else
        w->d = MHD_start_daemon(
            MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME, 0, NULL,
            NULL, on_request, w, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE, w->threads,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, w, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
            MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
            (size_t)REQUEST_MEMORY, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
    if (!w->d) {
        log_error("cannot listen on %s:%d (in use?)", addr, o->port);
        stop_writers(w);
        remind_node_stop(w->sweeper);
        proxy_list_free(&w->trusted);
        cache_free(w->cache);
        cache_free(w->media);
        free(w);
        return NULL;
    }
    return w;
}

int web_port(web *w)
{
    if (w->in_process) return 0;
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
    return di ? (int)di->port : 0;
}

int web_add_connection(web *w, int fd, const char *peer)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    if (!w->in_process || inet_pton(AF_INET, peer, &sa.sin_addr) != 1) {
        close(fd);
        return -1;
    }
    /* libmicrohttpd closes fd when it fails */
    return MHD_add_connection(w->d, fd, (const struct sockaddr *)&sa, sizeof sa) == MHD_YES ? 0
                                                                                            : -1;
}

void web_run(web *w, int millis)
{
    if (w->in_process) MHD_run_wait(w->d, millis);
}

void web_stop(web *w)
{
    if (!w) return;
    MHD_quiesce_daemon(w->d);
    for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++)
        if (w->in_process)
            MHD_run_wait(w->d, 10); /* nobody else runs it */
        else
            usleep(10000);
    stop_writers(w); /* each resumes its connection: none is left suspended */
    MHD_stop_daemon(w->d);
    remind_node_stop(w->sweeper); /* gives the lease up: another node sweeps at once */
    proxy_list_free(&w->trusted);
    cache_free(w->cache);
    cache_free(w->media);
    free(w);
}

int web_serve(store *st, const web_opts *o)
{
    /* SIGTERM and SIGINT are taken by sigwait below; block them before threads start */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    /* One malloc arena a core rather than glibc's eight: each of the writer threads would
     * otherwise keep an arena of its own, with what it freed, for the life of the server */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, cores > 1 ? (int)cores : 1);
    web *w = web_start(st, o);
    if (!w) return 1;
    /* the start-up's reading (the iso-codes JSON, migrations) is done: give its freed memory
     * back to the system rather than keep it for the life of the server */
    malloc_trim(0);
    log_info("serving http://%s:%d/ with %u threads%s%s", o->addr ? o->addr : "127.0.0.1",
             web_port(w), w->threads, w->trusted.n ? "; trusted proxies: " : "",
             w->trusted.n ? o->trusted_proxies : "");
    log_batch_start();
    watchdog *wd = watchdog_start(web_port(w));
    int sig;
    sigwait(&sigs, &sig);
    log_info("signal %d: finishing requests in flight", sig);
    watchdog_stop(wd);
    web_stop(w);
    log_batch_stop();
    log_info("stopped");
    return 0;
}
