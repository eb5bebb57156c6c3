/* bench-lat: unloaded latency right after a write, over one keep-alive connection.
 *
 *   bench-lat PORT TOKEN ROUNDS PUT_PATH PUT_BODY GET_PATH...
 *
 * Each round: PUT PUT_BODY to PUT_PATH (its "%d" replaced by the round number), which
 * bumps the data version and so empties the response cache for every answer; then, for
 * each GET_PATH in turn, GET it twice: the first answer is computed ("miss"), the second
 * comes from the cache when the path is cached ("repeat"). Only the time from the first
 * byte written to the last byte read is counted; no process starts, no new connection.
 * With BENCH_COOKIE set ("sid=..."), a GET_PATH outside /api/ (a page) is sent with that
 * cookie instead of the bearer token.
 * Prints one line per measure:
 *   LAT <label> <path> n=<N> p50_us=<..> p90_us=<..> p99_us=<..> max_us=<..> status=<..>
 * Exits non-zero when an answer is not 2xx. 127.0.0.1 only. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int fd = -1;
static const char *token, *cookie;
static char *rbuf;
static size_t rcap = 1 << 20, rlen;

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void conn_open(int port)
{
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* One request and its whole answer; returns the status. */
static int http(const char *method, const char *path, const char *body)
{
    char head[4096];
    size_t bl = body ? strlen(body) : 0;
    bool page = cookie && strncmp(path, "/api/", 5);
    int hl = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s\r\n", method,
                      path, page ? "Cookie: " : "Authorization: Bearer ", page ? cookie : token);
    if (body)
        hl += snprintf(head + hl, sizeof head - (size_t)hl,
                       "Content-Type: application/json\r\nContent-Length: %zu\r\n", bl);
    hl += snprintf(head + hl, sizeof head - (size_t)hl, "\r\n");
    if (write(fd, head, (size_t)hl) != hl) die("write");
    if (bl && write(fd, body, bl) != (ssize_t)bl) die("write body");
    rlen = 0;
    size_t hend = 0, clen = 0;
    for (;;) {
        if (rlen == rcap) {
            rcap *= 2;
            rbuf = realloc(rbuf, rcap);
            if (!rbuf) die("realloc");
        }
        ssize_t n = read(fd, rbuf + rlen, rcap - rlen);
        if (n <= 0) die("read (connection closed?)");
        rlen += (size_t)n;
        if (!hend) {
            char *e = memmem(rbuf, rlen, "\r\n\r\n", 4);
            if (!e) continue;
            hend = (size_t)(e - rbuf) + 4;
            for (char *p = rbuf; p < e; p = strstr(p, "\r\n") + 2)
                if (!strncasecmp(p, "Content-Length:", 15)) clen = strtoull(p + 15, NULL, 10);
        }
        if (rlen >= hend + clen) break;
    }
    return atoi(rbuf + 9); /* "HTTP/1.1 200" */
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static void report(const char *label, const char *path, long long *ns, int n, int status)
{
    qsort(ns, (size_t)n, sizeof *ns, cmp_ll);
#define PCT(p) (ns[(int)((double)(n - 1) * (p) / 100.0 + 0.5)] / 1000)
    printf("LAT %s %s n=%d p50_us=%lld p90_us=%lld p99_us=%lld max_us=%lld status=%d\n", label,
           path, n, PCT(50), PCT(90), PCT(99), ns[n - 1] / 1000, status);
}

int main(int argc, char **argv)
{
    if (argc < 7) {
        fprintf(stderr, "usage: bench-lat PORT TOKEN ROUNDS PUT_PATH PUT_BODY GET_PATH...\n");
        return 2;
    }
    int port = atoi(argv[1]), rounds = atoi(argv[3]);
    token = argv[2];
    cookie = getenv("BENCH_COOKIE");
    if (cookie && !*cookie) cookie = NULL;
    const char *put_path = argv[4], *put_fmt = argv[5];
    int ng = argc - 6;
    char **gets = argv + 6;
    if (rounds < 1) return 2;
    rbuf = malloc(rcap);
    long long *put_ns = calloc((size_t)rounds, sizeof *put_ns);
    long long *miss = calloc((size_t)rounds * (size_t)ng, sizeof *miss);
    long long *hit = calloc((size_t)rounds * (size_t)ng, sizeof *hit);
    int *status = calloc((size_t)ng, sizeof *status);
    if (!rbuf || !put_ns || !miss || !hit || !status) die("calloc");
    conn_open(port);
    int bad = 0;
    for (int r = 0; r < rounds; r++) {
        char body[2048];
        snprintf(body, sizeof body, put_fmt, r);
        long long t0 = now_ns();
        int s = http("PUT", put_path, body);
        put_ns[r] = now_ns() - t0;
        if (s / 100 != 2) {
            fprintf(stderr, "bench-lat: PUT %s answered %d: %.*s\n", put_path, s,
                    (int)(rlen < 600 ? rlen : 600), rbuf);
            return 1;
        }
        for (int g = 0; g < ng; g++) {
            t0 = now_ns();
            s = http("GET", gets[g], NULL);
            miss[(size_t)g * (size_t)rounds + (size_t)r] = now_ns() - t0;
            t0 = now_ns();
            int s2 = http("GET", gets[g], NULL);
            hit[(size_t)g * (size_t)rounds + (size_t)r] = now_ns() - t0;
            if (s / 100 != 2 || s2 / 100 != 2) bad = 1;
            status[g] = s / 100 != 2 ? s : s2;
        }
    }
    report("put", put_path, put_ns, rounds, 200);
    for (int g = 0; g < ng; g++) {
        report("miss", gets[g], miss + (size_t)g * (size_t)rounds, rounds, status[g]);
        report("repeat", gets[g], hit + (size_t)g * (size_t)rounds, rounds, status[g]);
    }
    close(fd);
    return bad;
}
