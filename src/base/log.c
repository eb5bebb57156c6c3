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

static void vlog(const char *level, bool error, const char *fmt, va_list ap)
{
    char line[2048];
    /* the date and time to the second, formatted once a second per thread (the access log
     * writes a line per request) */
    static _Thread_local time_t stamp_sec = -1;
    static _Thread_local char stamp[32];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (ts.tv_sec != stamp_sec) {
        struct tm tm;
        gmtime_r(&ts.tv_sec, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
        stamp_sec = ts.tv_sec;
    }
    int n = snprintf(line, sizeof line, "%s.%03ldZ %s ", stamp, ts.tv_nsec / 1000000, level);
    int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof line - 2) len = sizeof line - 2; /* cut: the line still ends */
    line[len++] = '\n';
    emit(line, len, error);
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
