#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static volatile int quiet;

void log_set_quiet(int q)
{
    quiet = q;
}

static void vlog(const char *level, const char *fmt, va_list ap)
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
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    fprintf(stderr, "%s\n", line); /* one write per line keeps threads' lines whole */
}

void log_info(const char *fmt, ...)
{
    if (quiet) return;
    va_list ap;
    va_start(ap, fmt);
    vlog("info", fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog("error", fmt, ap);
    va_end(ap);
}
