#include "clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void clock_iso_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long long clock_unix(void)
{
    return (long long)time(NULL);
}

long long clock_micros(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

const char *clock_local(const char *iso, char out[32])
{
    struct tm tm = {0};
    if (!iso || !strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
        snprintf(out, 32, "%s", iso ? iso : "");
        return out;
    }
    time_t t = timegm(&tm) + 7 * 3600;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%d/%m/%Y %H:%M", &tm);
    return out;
}
