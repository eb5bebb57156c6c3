#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
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

const char *clock_today(char out[11])
{
    const char *fixed = getenv("NGOAIVU_TODAY");
    if (fixed && strlen(fixed) == 10) {
        memcpy(out, fixed, 11);
        return out;
    }
    time_t t = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
    return out;
}

static long day_number(const char *d)
{
    struct tm tm = {0};
    if (!d || !strptime(d, "%Y-%m-%d", &tm)) return -1;
    return (long)(timegm(&tm) / 86400);
}

long long clock_civil_days(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (long long)era * 146097 + doe - 719468;
}

long clock_days_between(const char *a, const char *b)
{
    long x = day_number(a), y = day_number(b);
    return x < 0 || y < 0 ? 0 : y - x;
}

const char *clock_day_shift(const char *day, long days, char out[11])
{
    long n = day_number(day);
    if (n < 0) return NULL;
    time_t t = (time_t)(n + days) * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
    return out;
}
