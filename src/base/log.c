#include "log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int quiet;

void log_set_quiet(int q)
{
    quiet = q;
}

/* ---- batching (log_batch_start): info lines (the access log: one a request) are gathered
 * and written by a thread of their own at most every FLUSH_MS, in one write, rather than a
 * write each; an error line is written at once, after the lines gathered before it. */
enum { BATCH_BYTES = 64 * 1024, FLUSH_MS = 50 };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool batching, stopping;
static char pending[BATCH_BYTES];
static size_t npending;
static pthread_t flusher;

static void write_all(const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(STDERR_FILENO, p, n);
        if (k <= 0) return; /* nowhere to report it */
        p += k;
        n -= (size_t)k;
    }
}

static void flush_locked(void)
{
    write_all(pending, npending);
    npending = 0;
}

static void *flusher_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    while (!stopping) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += FLUSH_MS * 1000000L;
        if (t.tv_nsec >= 1000000000L) {
            t.tv_sec++;
            t.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&cv, &mu, &t);
        flush_locked();
    }
    flush_locked();
    pthread_mutex_unlock(&mu);
    return NULL;
}

void log_batch_start(void)
{
    fflush(stderr);
    pthread_mutex_lock(&mu);
    if (!batching) {
        stopping = false;
        batching = pthread_create(&flusher, NULL, flusher_main, NULL) == 0;
    }
    pthread_mutex_unlock(&mu);
}

void log_batch_stop(void)
{
    pthread_mutex_lock(&mu);
    bool was = batching;
    stopping = true;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    if (was) pthread_join(flusher, NULL);
    pthread_mutex_lock(&mu);
    batching = false;
    pthread_mutex_unlock(&mu);
}

static void emit(const char *line, size_t n, bool error)
{
    pthread_mutex_lock(&mu);
    if (!batching) {
        pthread_mutex_unlock(&mu);
        write_all(line, n); /* one write per line keeps threads' lines whole */
        return;
    }
    if (error || npending + n > sizeof pending) flush_locked();
    if (error || n > sizeof pending) {
        write_all(line, n);
    } else {
        memcpy(pending + npending, line, n);
        npending += n;
    }
    pthread_mutex_unlock(&mu);
}

/* "2026-12-02T07:08:32.123Z level ": the date and time to the second formatted once a
 * second per thread (the access log writes a line per request), the milliseconds by hand.
 * Returns its length (at most 40). */
static size_t stamp_line(char *line, const char *level)
{
    static _Thread_local time_t stamp_sec = -1;
    static _Thread_local char stamp[32];
    static _Thread_local size_t stamp_len;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (ts.tv_sec != stamp_sec) {
        struct tm tm;
        gmtime_r(&ts.tv_sec, &tm);
        stamp_len = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
        stamp_sec = ts.tv_sec;
    }
    size_t n = stamp_len;
    memcpy(line, stamp, n);
    long ms = ts.tv_nsec / 1000000;
    line[n++] = '.';
    line[n++] = (char)('0' + ms / 100);
    line[n++] = (char)('0' + ms / 10 % 10);
    line[n++] = (char)('0' + ms % 10);
    line[n++] = 'Z';
    line[n++] = ' ';
    size_t k = strlen(level);
    memcpy(line + n, level, k);
    n += k;
    line[n++] = ' ';
    return n;
}

static void vlog(const char *level, bool error, const char *fmt, va_list ap)
{
    char line[2048];
    size_t n = stamp_line(line, level);
    int m = vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
    size_t len = n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof line - 2) len = sizeof line - 2; /* cut: the line still ends */
    line[len++] = '\n';
    emit(line, len, error);
}

void log_info_text(const char *text, size_t len)
{
    if (quiet) return;
    char line[2048];
    size_t n = stamp_line(line, "info");
    if (len > sizeof line - n - 1) len = sizeof line - n - 1; /* cut: the line still ends */
    memcpy(line + n, text, len);
    n += len;
    line[n++] = '\n';
    emit(line, n, false);
}

void log_info(const char *fmt, ...)
{
    if (quiet) return;
    va_list ap;
    va_start(ap, fmt);
    vlog("info", false, fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog("error", true, fmt, ap);
    va_end(ap);
}
