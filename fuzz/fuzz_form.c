/* libFuzzer target: form bodies (application/x-www-form-urlencoded and multipart/form-data)
 * sent to the real server over TCP, so that they go through libmicrohttpd's post processor,
 * on_form_field, the CSRF check and the handlers of the routes that take forms. The server's
 * threads run in this process: a sanitizer report or a crash there is caught by libFuzzer
 * like one in the target itself; a request left unanswered for 10 s aborts (a hang).
 *
 * An input is one byte that chooses the request, then the body:
 *   route = byte & 7 (see routes[] below), multipart when byte & 8 (boundary XYZ), else
 *   urlencoded. Readable seeds: '0'..'7' are urlencoded, 'h'..'o' multipart.
 * Every "CSRF" in the body becomes the session's CSRF token, so that inputs reach past the
 * CSRF check into the handlers.
 *
 * Once per process: a fresh database with the demo data (partner, agreement, delegation and
 * commitment 1 exist), an admin and a web session of theirs, and the server on 127.0.0.1 on a
 * free port. The database is in $TMPDIR/fuzz_form.<pid>.XXXXXX, removed at exit; a crash (what
 * fuzzing is for) leaves it, so a later run removes those whose process is gone. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/log.h"
#include "domain/app.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/entities.h"
#include "store/store.h"
#include "web/http.h"

enum { ANSWER_SECONDS = 10 };

/* Who sends the request: nobody, the login form's cookie only, or the admin's session. */
enum { AS_NOBODY, AS_LOGIN_COOKIE, AS_ADMIN };

static const struct {
    const char *path;
    int as;
} routes[8] = {
    {"/login", AS_NOBODY},       /* no lcsrf cookie: parsed, then stops at the CSRF check */
    {"/login", AS_LOGIN_COOKIE}, /* "csrf=CSRF" passes: auth_login (throttled after 20) */
    {"/partners", AS_ADMIN},     /* create a record */
    {"/partners/1", AS_ADMIN},   /* update one */
    {"/agreements/1/attachments", AS_ADMIN}, /* upload: agreements take attachments */
    {"/partners/import", AS_ADMIN},          /* CSV import: the "file" field */
    {"/commitments/1/progress", AS_ADMIN},
    {"/delegations/1/transition", AS_ADMIN},
};

static struct {
    char dir[256];
    store *st;
    web *w;
    int port;
    char sid[128], csrf[128];
    int fd;                /* the kept-alive connection, -1 when none */
    long long statuses[6]; /* answers by first digit, reported at exit */
    bool trace;            /* FUZZ_FORM_TRACE=1: one line per answer (checking the seeds) */
} F = {.fd = -1};

static void die(const char *what, const char *why)
{
    fprintf(stderr, "fuzz_form: %s: %s\n", what, why ? why : strerror(errno));
    abort();
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
    for (struct dirent *e; (e = readdir(d));) {
        char *end;
        if (strncmp(e->d_name, "fuzz_form.", 10)) continue;
        long pid = strtol(e->d_name + 10, &end, 10);
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
    if (F.fd >= 0) close(F.fd);
    F.fd = -1;
    if (F.w) web_stop(F.w);
    F.w = NULL;
    if (F.st) app_close(F.st);
    F.st = NULL;
    if (F.dir[0]) nftw(F.dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    fprintf(stderr, "fuzz_form: answers 1xx..5xx: %lld %lld %lld %lld %lld\n", F.statuses[1],
            F.statuses[2], F.statuses[3], F.statuses[4], F.statuses[5]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* as main() does, before SQLite starts */
    F.trace = getenv("FUZZ_FORM_TRACE") && *getenv("FUZZ_FORM_TRACE") == '1';
    log_set_quiet(!F.trace); /* no access log line per input */
    if (auth_init() != 0) die("libsodium", "cannot initialise");
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    remove_stale(tmp);
    snprintf(F.dir, sizeof F.dir, "%s/fuzz_form.%ld.XXXXXX", tmp, (long)getpid());
    if (!mkdtemp(F.dir)) die("mkdtemp", NULL);
    atexit(cleanup);

    /* what `ngoaivu demo` then `ngoaivu serve` do, with a session made here rather than by
     * a login (a login costs an Argon2 hash) */
    char db[300], err[512];
    snprintf(db, sizeof db, "%s/ngoaivu.db", F.dir);
    if (app_open(db, true, 4, &F.st, err, sizeof err) != 0) die("app_open", err);
    conn *c = store_acquire(F.st);
    arena a = {0};
    ctx x = app_cli_ctx(c, &a);
    if (demo_load(&x, err, sizeof err) < 0) die("demo_load", err);
    if (auth_user_add(c, "admin", "admin", "fuzz-form-password", "Fuzz", err, sizeof err))
        die("auth_user_add", err);
    user_row u;
    const char *token, *csrf;
    if (st_user_get(c, &a, "admin", &u) != ST_OK) die("st_user_get", "no admin");
    if (auth_session_new(c, &a, u.id, "web", &token, &csrf) != ST_OK)
        die("auth_session_new", store_errmsg(c));
    snprintf(F.sid, sizeof F.sid, "%s", token);
    snprintf(F.csrf, sizeof F.csrf, "%s", csrf);
    if (st_rec_exists(c, &partner_entity, 1) != ST_OK ||
        st_rec_exists(c, &agreement_entity, 1) != ST_OK ||
        st_rec_exists(c, &commitment_entity, 1) != ST_OK ||
        st_rec_exists(c, &delegation_entity, 1) != ST_OK)
        die("demo data", "a record the routes name (id 1) is missing");
    arena_free(&a);
    store_release(F.st, c);

    F.w = web_start(F.st, &(web_opts){.addr = "127.0.0.1", .port = 0, .threads = 2});
    if (!F.w) die("web_start", "cannot listen");
    F.port = web_port(F.w);
    if (F.port <= 0) die("web_port", "no port");
    return 0;
}

static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket", NULL);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)F.port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* one send per request and no Nagle delay: the request leaves at once */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {.tv_sec = ANSWER_SECONDS};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) die("connect", NULL);
    return fd;
}

/* A growing byte buffer (the request, the answer). */
typedef struct {
    char *p;
    size_t len, cap;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) die("realloc", NULL);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void puts_(bytes *b, const char *s)
{
    put(b, s, strlen(s));
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

/* The value of header name in the head of an answer (up to the blank line), or NULL. */
static const char *header_in(const char *head, const char *name)
{
    size_t n = strlen(name);
    for (const char *l = strstr(head, "\r\n"); l && l[2] != '\r'; l = strstr(l + 2, "\r\n"))
        if (!strncasecmp(l + 2, name, n) && l[2 + n] == ':') return l + 3 + n;
    return NULL;
}

/* Reads one whole answer. Returns its status, 0 when the server closed the connection
 * before any byte (an idle keep-alive connection it dropped), -1 when it closed it within
 * an answer. *close_after: the server said it closes, or did. A timeout aborts. */
static int read_answer(int fd, bool *close_after)
{
    bytes in = {0};
    size_t head_len = 0, want = 0;
    bool until_close = false;
    int status = -1;
    *close_after = false;
    for (;;) {
        if (head_len && !until_close && in.len >= head_len + want) break;
        char chunk[16384];
        ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            fprintf(stderr, "fuzz_form: no complete answer within %d s (%zu bytes so far)\n",
                    ANSWER_SECONDS, in.len);
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
        put(&in, chunk, (size_t)n);
        if (!head_len) {
            char *end = strstr(in.p, "\r\n\r\n");
            if (!end) continue;
            head_len = (size_t)(end - in.p) + 4;
            if (strncmp(in.p, "HTTP/1.", 7) || in.len < 12) die("answer", "not HTTP");
            status = atoi(in.p + 9);
            end[2] = 0; /* the head as a string, for header_in */
            const char *cl = header_in(in.p, "Content-Length");
            if (cl)
                want = strtoull(cl, NULL, 10);
            else
                until_close = true; /* no length: the answer ends with the connection */
            const char *conn = header_in(in.p, "Connection");
            if (conn && strcasestr(conn, "close")) *close_after = true;
            if (header_in(in.p, "Transfer-Encoding")) die("answer", "chunked (not expected)");
        }
    }
    free(in.p);
    return status;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1) return 0;
    unsigned sel = data[0];
    const char *path = routes[sel & 7].path;
    int as = routes[sel & 7].as;
    bool multipart = sel & 8;

    /* the body, with every "CSRF" replaced by the session's token */
    bytes body = {0};
    put(&body, "", 0);
    for (size_t i = 1; i < size;) {
        if (i + 4 <= size && !memcmp(data + i, "CSRF", 4)) {
            puts_(&body, F.csrf);
            i += 4;
        } else {
            put(&body, data + i, 1);
            i++;
        }
    }

    bytes rq = {0};
    char line[512];
    snprintf(line, sizeof line, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n", path);
    puts_(&rq, line);
    if (as == AS_ADMIN) snprintf(line, sizeof line, "Cookie: sid=%s\r\n", F.sid);
    if (as == AS_LOGIN_COOKIE) snprintf(line, sizeof line, "Cookie: lcsrf=%s\r\n", F.csrf);
    if (as != AS_NOBODY) puts_(&rq, line);
    puts_(&rq, multipart ? "Content-Type: multipart/form-data; boundary=XYZ\r\n"
                         : "Content-Type: application/x-www-form-urlencoded\r\n");
    snprintf(line, sizeof line, "Content-Length: %zu\r\n\r\n", body.len);
    puts_(&rq, line);
    put(&rq, body.p, body.len);
    free(body.p);

    /* on the kept-alive connection; once more on a new one if the server had closed it */
    for (int attempt = 0;; attempt++) {
        bool fresh = F.fd < 0;
        if (fresh) F.fd = connect_server();
        bool sent = send_all(F.fd, &rq);
        bool close_after = true;
        int status = sent ? read_answer(F.fd, &close_after) : 0;
        if (close_after || !sent) {
            close(F.fd);
            F.fd = -1;
        }
        if (status > 0) {
            F.statuses[status / 100 % 6]++;
            if (F.trace)
                fprintf(stderr, "fuzz_form: %s %s: %d\n", path,
                        multipart ? "multipart" : "urlencoded", status);
            break;
        }
        if (status < 0 || fresh || attempt > 0) {
            fprintf(stderr, "fuzz_form: %s %s: connection closed %s\n", path,
                    multipart ? "multipart" : "urlencoded",
                    status < 0 ? "within the answer" : "with no answer");
            abort();
        }
    }
    free(rq.p);
    return 0;
}
