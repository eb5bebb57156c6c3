/* The real server in the fuzzing process, and one request to it: see harness.h. */
#include "harness.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/text.h"
#include "domain/app.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/entities.h"
#include "store/store.h"
#include "web/http.h"

bool harness_trace;

static struct {
    const char *name;
    char dir[256];
    store *st;
    web *w;
    int port;
    char sid[128], csrf[128], api[128];
    bool tcp;              /* FUZZ_TCP=1: over TCP to the server's own threads */
    int fd;                /* the kept-alive connection, -1 when none */
    long long statuses[6]; /* answers by first digit, reported at exit */
} H = {.fd = -1, .name = "fuzz"};

void harness_die(const char *what, const char *why)
{
    fprintf(stderr, "%s: %s: %s\n", H.name, what, why ? why : strerror(errno));
    abort();
}

void harness_no_leak_check(int *argc, char ***argv)
{
    for (int i = 1; i < *argc; i++)
        if (!strncmp((*argv)[i], "-detect_leaks=", 14)) return;
    char **v = calloc((size_t)*argc + 2, sizeof *v); /* kept: libFuzzer reads it */
    if (!v) harness_die("calloc", NULL);
    memcpy(v, *argv, (size_t)*argc * sizeof *v);
    v[(*argc)++] = "-detect_leaks=0";
    *argv = v;
}

store *harness_store(void)
{
    return H.st;
}

const char *harness_sid(void)
{
    return H.sid;
}

const char *harness_api_token(void)
{
    return H.api;
}

const char *harness_csrf(void)
{
    return H.csrf;
}

void bytes_put(bytes *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) harness_die("realloc", NULL);
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void bytes_puts(bytes *b, const char *s)
{
    bytes_put(b, s, strlen(s));
}

void answer_free(answer *an)
{
    free(an->head);
    *an = (answer){0};
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

/* Directories left by earlier runs that crashed (their process no longer exists). */
static void remove_stale(const char *tmp)
{
    DIR *d = opendir(tmp);
    if (!d) return;
    size_t nl = strlen(H.name);
    for (struct dirent *e; (e = readdir(d));) {
        char *end;
        if (strncmp(e->d_name, H.name, nl) || e->d_name[nl] != '.') continue;
        long pid = strtol(e->d_name + nl + 1, &end, 10);
        if (pid <= 0 || *end != '.' || kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", tmp, e->d_name);
        nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
    closedir(d);
}

/* At exit: the server stopped, the database closed, its directory removed. */
static void cleanup(void)
{
    if (H.fd >= 0) close(H.fd);
    H.fd = -1;
    if (H.w) web_stop(H.w);
    H.w = NULL;
    if (H.st) app_close(H.st);
    H.st = NULL;
    if (H.dir[0]) nftw(H.dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    fprintf(stderr, "%s: answers 1xx..5xx: %lld %lld %lld %lld %lld\n", H.name, H.statuses[1],
            H.statuses[2], H.statuses[3], H.statuses[4], H.statuses[5]);
}

void harness_init(const char *name)
{
    H.name = name;
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* as main() does, before SQLite starts */
    harness_trace = getenv("FUZZ_TRACE") && *getenv("FUZZ_TRACE") == '1';
    log_set_quiet(!harness_trace); /* no access log line per input */
    if (auth_init() != 0) harness_die("libsodium", "cannot initialise");
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    remove_stale(tmp);
    snprintf(H.dir, sizeof H.dir, "%s/%s.%ld.XXXXXX", tmp, name, (long)getpid());
    if (!mkdtemp(H.dir)) harness_die("mkdtemp", NULL);
    atexit(cleanup);

    /* what `ngoaivu demo` then `ngoaivu serve` do, with a session made here rather than by
     * a login (a login costs an Argon2 hash) */
    char db[300], err[512];
    snprintf(db, sizeof db, "%s/ngoaivu.db", H.dir);
    if (app_open(db, true, 4, &H.st, err, sizeof err) != 0) harness_die("app_open", err);
    conn *c = store_acquire(H.st);
    arena a = {0};
    ctx x = app_cli_ctx(c, &a);
    if (demo_load(&x, err, sizeof err) < 0) harness_die("demo_load", err);
    if (auth_user_add(c, "admin", "admin", "fuzz-form-password", "Fuzz", err, sizeof err))
        harness_die("auth_user_add", err);
    user_row u;
    const char *token, *csrf;
    if (st_user_get(c, &a, "admin", &u) != ST_OK) harness_die("st_user_get", "no admin");
    if (auth_session_new(c, &a, u.id, "web", &token, &csrf) != ST_OK)
        harness_die("auth_session_new", store_errmsg(c));
    snprintf(H.sid, sizeof H.sid, "%s", token);
    const char *api_token, *api_csrf;
    if (auth_session_new(c, &a, u.id, "api", &api_token, &api_csrf) != ST_OK)
        harness_die("auth_session_new", store_errmsg(c));
    snprintf(H.api, sizeof H.api, "%s", api_token);
    snprintf(H.csrf, sizeof H.csrf, "%s", csrf);
    if (st_rec_exists(c, &partner_entity, 1) != ST_OK ||
        st_rec_exists(c, &agreement_entity, 1) != ST_OK ||
        st_rec_exists(c, &commitment_entity, 1) != ST_OK ||
        st_rec_exists(c, &delegation_entity, 1) != ST_OK)
        harness_die("demo data", "a record the routes name (id 1) is missing");
    arena_free(&a);
    store_release(H.st, c);

    H.tcp = getenv("FUZZ_TCP") && *getenv("FUZZ_TCP") == '1';
    H.w = web_start(H.st, &(web_opts){.addr = "127.0.0.1",
                                      .port = 0,
                                      .threads = 2,
                                      /* the harness is the proxy: X-Forwarded-For is read */
                                      .trusted_proxies = "127.0.0.1, 10.0.0.0/8",
                                      .in_process = !H.tcp});
    if (!H.w) harness_die("web_start", "cannot listen");
    if (H.tcp) {
        H.port = web_port(H.w);
        if (H.port <= 0) harness_die("web_port", "no port");
    }
}

/* In process: a TCP connection over loopback made here, its accepted end handed to the
 * server as a connection from 127.0.0.1 (web_run serves it in this thread). TCP rather than
 * a socketpair, so that libmicrohttpd's socket options (TCP_NODELAY, TCP_CORK) apply as they
 * do when it serves. */
static int connect_in_process(void)
{
    static int lfd = -1;
    static struct sockaddr_in la;
    if (lfd < 0) {
        lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        la = (struct sockaddr_in){.sin_family = AF_INET};
        la.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t n = sizeof la;
        if (lfd < 0 || bind(lfd, (struct sockaddr *)&la, sizeof la) || listen(lfd, 4) ||
            getsockname(lfd, (struct sockaddr *)&la, &n))
            harness_die("listen", NULL);
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&la, sizeof la)) harness_die("connect", NULL);
    int sfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    if (sfd < 0) harness_die("accept", NULL);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (web_add_connection(H.w, sfd, "127.0.0.1") != 0)
        harness_die("web_add_connection", "refused");
    return fd;
}

/* Over TCP, recv; in process, the server is run in this thread until there is something to
 * read, for HARNESS_ANSWER_SECONDS at most (then -1, EAGAIN: a hang). */
static ssize_t recv_answer(int fd, void *p, size_t n)
{
    if (H.tcp) return recv(fd, p, n, 0);
    long long deadline = -1;
    for (;;) {
        ssize_t got = recv(fd, p, n, MSG_DONTWAIT);
        if (got >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return got;
        struct timeval now;
        gettimeofday(&now, NULL);
        long long ms = now.tv_sec * 1000LL + now.tv_usec / 1000;
        if (deadline < 0) deadline = ms + HARNESS_ANSWER_SECONDS * 1000LL;
        if (ms > deadline) {
            errno = EAGAIN;
            return -1;
        }
        web_run(H.w, 100);
    }
}

static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) harness_die("socket", NULL);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)H.port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* one send per request and no Nagle delay: the request leaves at once */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {.tv_sec = HARNESS_ANSWER_SECONDS};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) harness_die("connect", NULL);
    return fd;
}

static bool send_all(int fd, const bytes *b)
{
    for (size_t off = 0; off < b->len;) {
        ssize_t n = send(fd, b->p + off, b->len - off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        off += (size_t)n;
    }
    return true;
}

const char *harness_header(const char *head, const char *name)
{
    size_t n = strlen(name);
    for (const char *l = strstr(head, "\r\n"); l; l = strstr(l + 2, "\r\n"))
        if (!strncasecmp(l + 2, name, n) && l[2 + n] == ':') return l + 3 + n;
    return NULL;
}

/* Reads one whole answer into *an. Returns its status, 0 when the server closed the
 * connection before any byte (an idle keep-alive connection it dropped), -1 when it closed
 * it within an answer. *close_after: the server said it closes, or did. A timeout aborts. */
static int read_answer(int fd, bool *close_after, answer *an)
{
    bytes in = {0};
    size_t head_len = 0, want = 0;
    bool until_close = false;
    int status = -1;
    *close_after = false;
    for (;;) {
        if (head_len && !until_close && in.len >= head_len + want) break;
        char chunk[16384];
        ssize_t n = recv_answer(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            fprintf(stderr, "%s: no complete answer within %d s (%zu bytes so far)\n", H.name,
                    HARNESS_ANSWER_SECONDS, in.len);
            abort();
        }
        if (n <= 0) {
            *close_after = true;
            if (in.len == 0)
                status = 0;
            else if (!until_close)
                status = -1;
            break;
        }
        bytes_put(&in, chunk, (size_t)n);
        if (!head_len) {
            char *end = strstr(in.p, "\r\n\r\n");
            if (!end) continue;
            head_len = (size_t)(end - in.p) + 4;
            if (strncmp(in.p, "HTTP/1.", 7) || in.len < 12) harness_die("answer", "not HTTP");
            status = atoi(in.p + 9);
            if (status < 100 || status > 599) harness_die("answer", "a status out of 100..599");
            end[0] = 0; /* the head as a string */
            const char *cl = harness_header(in.p, "Content-Length");
            if (cl)
                want = strtoull(cl, NULL, 10);
            else if (status != 204 && status != 304)
                until_close = true; /* no length: the answer ends with the connection */
            /* (a 204 or 304 has no body, and libmicrohttpd sends it no Content-Length) */
            const char *conn = harness_header(in.p, "Connection");
            if (conn && strcasestr(conn, "close")) *close_after = true;
            if (harness_header(in.p, "Transfer-Encoding"))
                harness_die("answer", "chunked (not expected)");
        }
    }
    if (status > 0) {
        /* libmicrohttpd 0.9.75's own error answers (431 for a malformed Cookie header, then
         * the connection closes) come with their head twice: not the application's, so
         * extra bytes are an error only on a connection kept alive */
        if (!until_close && !*close_after && in.len != head_len + want) {
            in.p[head_len - 4] = '\r'; /* the whole answer, as it came */
            fprintf(stderr,
                    "%s: %zu bytes after a head of %zu and a Content-Length of %zu:\n%.*s\n",
                    H.name, in.len - head_len - want, head_len, want,
                    (int)(in.len < 3000 ? in.len : 3000), in.p);
            harness_die("answer", "more bytes than its Content-Length");
        }
        an->status = status;
        an->head = in.p;
        an->body = in.p + head_len;
        an->body_len = in.len - head_len;
    } else
        free(in.p);
    return status;
}

void harness_send(const bytes *rq, const char *what, answer *an)
{
    *an = (answer){0};
    for (int attempt = 0;; attempt++) {
        bool fresh = H.fd < 0;
        if (fresh) H.fd = H.tcp ? connect_server() : connect_in_process();
        bool sent = send_all(H.fd, rq);
        bool close_after = true;
        int status = sent ? read_answer(H.fd, &close_after, an) : 0;
        if (close_after || !sent) {
            close(H.fd);
            H.fd = -1;
        }
        if (status > 0) {
            H.statuses[status / 100 % 6]++;
            if (harness_trace) fprintf(stderr, "%s: %s: %d\n", H.name, what, status);
            return;
        }
        if (status < 0 || fresh || attempt > 0) {
            fprintf(stderr, "%s: %s: connection closed %s\n", H.name, what,
                    status < 0 ? "within the answer" : "with no answer");
            abort();
        }
    }
}

bool harness_texts(arena *a, const char *s, size_t len, const char **p, int n)
{
    const char *rest = arena_strndup(a, s, len);
    for (int i = 0; i < n; i++) {
        const char *e = rest ? strchr(rest, '\n') : NULL;
        const char *part = rest ? (e ? arena_strndup(a, rest, (size_t)(e - rest)) : rest) : "";
        buf b = {0};
        for (const char *q = part; *q; q++)
            if (q[0] == '\\' && q[1] == 'n')
                buf_putc(&b, '\n'), q++;
            else
                buf_putc(&b, *q);
        const char *t;
        bool ok = !text_controls(a, buf_cstr(&b), &t);
        if (ok) p[i] = text_trim(arena_strdup(a, t));
        buf_free(&b);
        if (!ok) return false;
        rest = e ? e + 1 : NULL;
    }
    return true;
}
