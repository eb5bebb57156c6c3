/* The systemd notifications of `ngoaivu serve` (sd_notify(3), sd_watchdog_enabled(3)).
 * The watchdog pings only after the server has answered its own GET /healthz with 200 over
 * loopback TCP, the way a client would reach it: a process that is alive but cannot serve
 * (every pool thread stuck, the database unavailable, which /healthz answers 503) stops
 * the pings, and systemd kills and restarts it after WatchdogSec. */
#include "watchdog.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "../base/log.h"

/* a healthy answer takes milliseconds; a probe that waits longer than this is a failure */
#define PROBE_TIMEOUT_MS 5000

struct watchdog {
    int port;
    uint64_t interval_usec; /* 0: no watchdog thread, only READY=1 and STOPPING=1 */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* signalled by watchdog_stop so that it need not wait an interval */
    int stop;
};

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The status of GET /healthz on 127.0.0.1:port, or -1 when there is no whole status line
 * within PROBE_TIMEOUT_MS. */
static int probe(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    /* bounds connect() and send() (Linux applies SO_SNDTIMEO to connect): a full listen
     * backlog would otherwise hold the probe for minutes of SYN retries */
    struct timeval tv = {.tv_sec = PROBE_TIMEOUT_MS / 1000};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    long long deadline = now_ms() + PROBE_TIMEOUT_MS;
    int status = -1;
    char rq[128];
    int n =
        snprintf(rq, sizeof rq,
                 "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n", port);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        send(fd, rq, (size_t)n, MSG_NOSIGNAL) != n)
        goto out;
    /* read to the end (Connection: close), so that closing with unread bytes does not reset
     * the server's side; keep the start, where the status line is */
    char head[64];
    size_t len = 0;
    for (;;) {
        long long left = deadline - now_ms();
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (left <= 0 || poll(&p, 1, (int)left) <= 0) goto out;
        char chunk[512];
        ssize_t got = recv(fd, chunk, sizeof chunk, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) goto out;
        if (got == 0) break;
        size_t keep = sizeof head - 1 - len;
        if ((size_t)got < keep) keep = (size_t)got;
        memcpy(head + len, chunk, keep);
        len += keep;
    }
    head[len] = '\0';
    int code;
    if (sscanf(head, "HTTP/1.%*1[01] %3d", &code) == 1) status = code;
out:
    close(fd);
    return status;
}

static void *run(void *arg)
{
    watchdog *w = arg;
    int failing = 0; /* log a failure once per run of failures, not every interval */
    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        struct timespec at;
        clock_gettime(CLOCK_MONOTONIC, &at);
        uint64_t ns = (uint64_t)at.tv_nsec + w->interval_usec % 1000000 * 1000;
        at.tv_sec += (time_t)(w->interval_usec / 1000000 + ns / 1000000000);
        at.tv_nsec = (long)(ns % 1000000000);
        while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &at) != ETIMEDOUT) {
        }
        if (w->stop) break;
        pthread_mutex_unlock(&w->mu);
        int status = probe(w->port);
        if (status == 200) {
            sd_notify(0, "WATCHDOG=1");
            if (failing) log_info("watchdog: /healthz answers 200 again");
            failing = 0;
        } else if (!failing) {
            /* no ping: systemd restarts the server when this lasts WatchdogSec */
            if (status < 0)
                log_error("watchdog: no answer to GET /healthz on 127.0.0.1:%d within %d ms",
                          w->port, PROBE_TIMEOUT_MS);
            else
                log_error("watchdog: GET /healthz on 127.0.0.1:%d answered %d", w->port, status);
            failing = 1;
        }
        pthread_mutex_lock(&w->mu);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

watchdog *watchdog_start(int port)
{
    if (!getenv("NOTIFY_SOCKET")) return NULL;
    int r = sd_notify(0, "READY=1");
    if (r < 0) log_error("sd_notify READY=1: %s", strerror(-r));
    watchdog *w = calloc(1, sizeof *w);
    if (!w) {
        log_error("watchdog: out of memory");
        return NULL;
    }
    w->port = port;
    uint64_t usec = 0;
    /* > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID is absent or this process */
    r = sd_watchdog_enabled(0, &usec);
    if (r < 0) log_error("watchdog: bad WATCHDOG_USEC or WATCHDOG_PID: %s", strerror(-r));
    if (r <= 0 || usec == 0) return w;
    /* sd_watchdog_enabled(3) advises pinging at half of WATCHDOG_USEC; a third leaves two
     * more chances after one slow probe before systemd kills the server */
    w->interval_usec = usec / 3 ? usec / 3 : 1;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* waits immune to clock changes */
    pthread_cond_init(&w->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&w->mu, NULL);
    if ((r = pthread_create(&w->thread, NULL, run, w)) != 0) {
        log_error("watchdog: cannot start its thread: %s", strerror(r));
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        w->interval_usec = 0;
        return w;
    }
    log_info("watchdog: GET /healthz every %llu ms", (unsigned long long)w->interval_usec / 1000);
    return w;
}

void watchdog_stop(watchdog *w)
{
    if (!w) return;
    /* first, so that systemd does not take the shutdown's silence for a hang */
    sd_notify(0, "STOPPING=1");
    if (w->interval_usec) {
        pthread_mutex_lock(&w->mu);
        w->stop = 1;
        pthread_cond_signal(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
    }
    free(w);
}
