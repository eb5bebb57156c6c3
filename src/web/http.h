/* The web layer's request: everything a handler needs, nothing global. Each request owns
 * an arena (freed when the response is done), a database connection for its duration,
 * and an output buffer. Handlers fill status, content type and out; the dispatcher adds
 * the security headers and sends it. */
#ifndef NGV_HTTP_H
#define NGV_HTTP_H
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../domain/ctx.h"
#include "proxy.h"

typedef struct req req;
typedef void (*handler)(req *r);

enum {
    RT_API = 1 << 0,     /* JSON face: bearer token, JSON errors */
    RT_NO_CSRF = 1 << 1, /* a form that checks its own token (login) */
    RT_ENTITY = 1 << 2,  /* ":e" in the pattern: a record type's table name */
    RT_UPLOAD = 1 << 3,  /* an API route that takes multipart/form-data (file uploads) */
    /* a writer's route that an agency user may take too where the record type lets agencies
     * create (update) its records (entity.agency_writes); the domain says which records */
    RT_AG_CREATE = 1 << 4,
    RT_AG_UPDATE = 1 << 5,
};

/* A route: method, path pattern, the permission it needs, the largest body it takes.
 * Patterns are literal segments, ":e" (a record type), ":id" (a positive integer), ":sub"
 * (another: the id of a part of the record, such as an attachment),
 * ":hash" (64 lower-case hex digits: a SHA-256, a secret token), which a literal suffix
 * may follow in its segment (":hash.ics"), ":slug" (a URL word: lower-case ASCII letters,
 * digits and hyphens, at most 80) and ":lang" (a language of the bulletin: vi, en, lo, km). */
typedef struct {
    const char *method;
    const char *pattern;
    perm need;
    size_t max_body;
    unsigned flags;
    handler fn;
} route;

typedef struct kv {
    const char *key;
    const char *filename; /* of an uploaded file, as the client sent it */
    char *val;
    size_t len;
    struct kv *next;
} kv;

typedef struct web web; /* the server: store, settings, caches */

struct req {
    web *w;
    struct MHD_Connection *mc;
    struct MHD_PostProcessor *pp;
    arena a;
    const route *rt;
    const char *method, *path;
    const char *client; /* the client's address: the peer's, or behind a trusted proxy the
                         * one it forwarded for (web/proxy.h) */
    const char *peer;   /* the TCP peer's address */
    long long started;  /* µs */
    /* body */
    buf body;
    size_t body_limit, received; /* received: body bytes so far, however they came */
    bool too_large, form_error, bad_framing, nul_in_uri, too_many_fields;
    bool answered;     /* a response is queued: nothing more is read or dispatched */
    long long version; /* the data version as this request first read it (req_version) */
    bool version_read;
    bool refused; /* answered before the body, which is read and dropped */
    /* a request that writes is handled by a writer thread (server.c): its connection waits,
     * suspended, until the answer is ready */
    req *qnext;
    bool ready, close_after;
    bool alone; /* a write with no other in flight (store_set_alone) */
    kv *form;
    /* route parameters */
    const entity *ent;
    long long id;
    long long sub;     /* ":sub": a part of the record (an attachment's id) */
    const char *hash;  /* ":hash" in the pattern */
    const char *slug;  /* ":slug": a URL word (lower-case ASCII letters, digits, hyphens) */
    const char *plang; /* ":lang": a language of the public bulletin ("vi", "en", "lo", "km") */
    /* who is asking */
    conn *c;
    ctx x;
    user_row user;
    bool authed, identified;
    const char *token, *csrf, *lang;
    /* response */
    int status;
    const char *ctype;
    kv *headers;
    buf out;
    struct cache_body *shared; /* the body is this cached answer (not out): see cache.h */
    size_t shared_skip;        /* bytes at its start that are the cache's own, not sent */
    size_t sent;               /* bytes of body sent, for the access log */
    /* the body is this open file instead (an export written to a temporary file), of size
     * bytes, closed once sent; used when body_fd_set */
    int body_fd;
    bool body_fd_set;
    long long body_size;
};

/* Threads that handle the requests that write (POST, PUT, DELETE), beside the request
 * threads that read: a write waits for the writer and for its commit, and the writes of
 * threads that wait together share one commit (store/sqlite.c, group commit). They take
 * their database connections from the same pool: open it with room for them. */
enum { WEB_WRITERS = 16 };

struct web {
    store *st;
    unsigned threads;
    bool secure_cookies;
    proxy_list trusted;          /* proxies whose X-Forwarded-For is believed */
    struct remind_node *sweeper; /* the reminders' sweeper (domain/remind.h), or NULL */
    struct MHD_Daemon *d;
    struct resp_cache *cache;
    struct resp_cache *media; /* the bulletin's pictures and issue PDFs: large, and kept
                               * apart so that they never push the pages out */
    /* the writers and their queue */
    pthread_t writer[WEB_WRITERS];
    int nwriters;
    pthread_mutex_t qmu;
    pthread_cond_t qcv;
    req *qhead, *qtail;
    bool qstop;
    int writes;      /* requests that write being handled now (under qmu) */
    bool in_process; /* web_opts.in_process: run by web_run */
};

/* Query string value (NULL if absent). */
const char *q_get(req *r, const char *key);
/* Form field value from the request body (NULL if absent). A value may hold NUL bytes
 * (%00 in a form): f_get sees only what comes before the first; f_getn gives the length
 * received, for the places that must refuse such a value rather than cut it. */
const char *f_get(req *r, const char *key);
const char *f_getn(req *r, const char *key, size_t *len);
const char *cookie_get(req *r, const char *name);
const char *header_get(req *r, const char *name);
void add_header(req *r, const char *name, const char *value);
/* Whether the client reached the server over TLS: NGOAIVU_SECURE_COOKIES=1 says so for
 * every request, else a trusted proxy's X-Forwarded-Proto: https for its own. Cookies are
 * then Secure. */
bool req_tls(req *r);
void set_cookie(req *r, const char *name, const char *value, long long max_age, bool http_only);
void redirect(req *r, const char *url); /* 303 See Other */
/* The longest address taken from a request that a redirect sends back (the login's "next",
 * percent-encoded): libmicrohttpd builds an answer's head in what the request left of the
 * connection's 16 KB, and closes the connection with no answer when it does not fit (a list's
 * address of 800 characters, encoded twice into "next", did it: fuzz_request). */
enum { LOCATION_MAX = 2048 };
/* libmicrohttpd keeps a request's header lines, cookies and parameters in the connection's
 * memory (REQUEST_MEMORY), and builds the answer's head in what they leave: when it does not
 * fit, it closes the connection with no answer (250 empty parameters did it, and so did a
 * Cookie header of 100 cookies: fuzz_request). A request whose footprint there (their
 * octets, and 64 for each) is over REQUEST_FOOTPRINT_MAX is answered 431 before anything
 * else: a browser's requests take 1 to 3 KB. */
enum { REQUEST_MEMORY = 32768, REQUEST_FOOTPRINT_MAX = 12288 };
/* The path and query of this request, re-encoded ("/search?q=da%20nang"). */
const char *request_uri(req *r);

/* The request body as a JSON object (a new reference). When it is none (empty, not UTF-8,
 * not JSON, not an object, a number no double holds) the error is answered (400, or 422
 * naming the field) and NULL returned. */
json_t *body_object(req *r);

/* JSON answers. reply_json takes a reference to j. */
void reply_json(req *r, int status, json_t *j);
void reply_error(req *r, int status, int message, const verrs *ve);
/* Maps a domain status to an HTTP answer for the API. */
void reply_rstatus(req *r, int rs, long long arg);

/* Read-only answers kept until the data changes (api.c): true when the answer was served
 * from the cache (200, or 304 to a matching If-None-Match); else *key and *version are for
 * keeping the answer once made: cache_put(r->w->cache, key, version, out, len). */
bool answer_from_cache(req *r, const char **key, long long *version);

/* The database's data version, read once per request: what caches of this request key on.
 * (A request that writes and then renders keys the render on the version before its write,
 * which no later request asks for: it is never served stale.) */
long long req_version(req *r);

bool is_en(req *r);
const char *T(req *r, int message); /* the catalogue message in the request's language */

/* How to serve. */
typedef struct {
    const char *addr; /* listen address (IPv4) */
    int port;         /* 0: any free one (web_port) */
    unsigned threads; /* request threads */
    /* the reverse proxies whose X-Forwarded-For names the client ("127.0.0.1,::1"; networks
     * as "10.0.0.0/8"); NULL or "": none, the header is ignored */
    const char *trusted_proxies;
    bool sweep; /* run the reminders' sweeper (domain/remind.h: under a lease) */
    /* no listening socket and no thread of libmicrohttpd's own: the caller hands it its
     * connections (web_add_connection) and runs it (web_run), in its own thread; addr, port
     * and threads are unused. For a fuzz harness: a request goes through the same parsing
     * and dispatch with no TCP and no thread in between. */
    bool in_process;
} web_opts;

/* Serves until SIGTERM or SIGINT, then finishes the requests in flight. */
int web_serve(store *st, const web_opts *o);
/* The same server without the signal handling, for harnesses (a fuzz target): listens
 * until web_stop. NULL when it cannot (the reason is logged). */
web *web_start(store *st, const web_opts *o);
int web_port(web *w);
void web_stop(web *w);
/* A server started in_process: serves the connected socket fd (one end of a socketpair) as a
 * client at the IPv4 address peer; 0, or -1 when it cannot (fd is then closed). */
int web_add_connection(web *w, int fd, const char *peer);
/* A server started in_process: does what its connections are ready for (reads, dispatches,
 * sends), waiting for that at most millis ms. */
void web_run(web *w, int millis);
#endif
