/* Public holidays (ngày nghỉ lễ, Tết) as data, and working days counted over them: a
 * deadline "within 45 working days" skips Saturdays, Sundays and the days off the
 * government announces each year (Tết moves with the lunar calendar, a holiday on a
 * weekend is moved to a working day). The first rows are 2026's days off as announced;
 * each year's are the admin's to add.
 *
 * The days are kept for the process (read at start and whenever the data version moves,
 * with the settings: settings_sync), so that a record type's rules can count working days
 * without a database connection; readers take a shared lock. */
#include "holiday.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/store.h"
#include "entities.h"

static const field holiday_fields[] = {
    {.name = "date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_UNIQUE | F_LIST | F_SORT | F_FILTER,
     .vi = "Ngày nghỉ",
     .en = "Day off"},
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_TITLE,
     .maxlen = 200,
     .vi = "Dịp lễ, Tết",
     .en = "Holiday"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Name in English"},
};

const entity holiday_entity = {
    .name = "holiday",
    .table = "holidays",
    .code = 25,
    .vi = "Ngày nghỉ lễ",
    .en = "Public holiday",
    .plural_vi = "Ngày nghỉ lễ, Tết",
    .plural_en = "Public holidays",
    .fields = holiday_fields,
    .nfields = sizeof holiday_fields / sizeof holiday_fields[0],
    .seed_fields = (const char *const[]){"date", "name_vi", "name_en", NULL},
    /* 2026's days off on working days, as announced (Tết: Saturday 14 to Sunday 22
     * February; the Hùng Kings' day, Sunday 26 April, taken on Monday 27) */
    .seed =
        (const seed_row[]){
            {{"2026-01-01", "Tết Dương lịch", "New Year's Day"}},
            {{"2026-02-16", "Tết Nguyên đán", "Lunar New Year"}},
            {{"2026-02-17", "Tết Nguyên đán (mùng 1)", "Lunar New Year's Day"}},
            {{"2026-02-18", "Tết Nguyên đán (mùng 2)", "Lunar New Year"}},
            {{"2026-02-19", "Tết Nguyên đán (mùng 3)", "Lunar New Year"}},
            {{"2026-02-20", "Tết Nguyên đán (mùng 4)", "Lunar New Year"}},
            {{"2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)", "Hung Kings' Day (in lieu)"}},
            {{"2026-04-30", "Ngày Giải phóng miền Nam", "Reunification Day"}},
            {{"2026-05-01", "Ngày Quốc tế Lao động", "International Workers' Day"}},
            {{"2026-09-02", "Quốc khánh", "National Day"}},
            {{NULL}},
        },
    .menu = "aid",
};

/* ---- the days, for the process */

enum { HOLIDAYS_MAX = 4000 };
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static int *days; /* yyyymmdd, sorted */
static int ndays;

static int day_number(const char *d)
{
    int y, m, dd;
    return d && sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) == 3 ? y * 10000 + m * 100 + dd : 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void holidays_load(conn *c)
{
    arena a = {0};
    list_query q = {.sort = -1, .limit = HOLIDAYS_MAX, .no_lists = true};
    record *rows = NULL;
    int n = 0;
    if (st_rec_list(c, &a, &holiday_entity, &q, &rows, &n) != ST_OK) {
        arena_free(&a);
        return;
    }
    int *fresh = malloc(sizeof *fresh * (size_t)(n ? n : 1)), k = 0;
    if (!fresh) {
        arena_free(&a);
        return;
    }
    for (int i = 0; i < n; i++) {
        int d = day_number(record_get(&rows[i], "date"));
        if (d) fresh[k++] = d;
    }
    qsort(fresh, (size_t)k, sizeof *fresh, cmp_int);
    arena_free(&a);
    pthread_rwlock_wrlock(&lock);
    free(days);
    days = fresh;
    ndays = k;
    pthread_rwlock_unlock(&lock);
}

bool holiday_is(const char *day)
{
    int d = day_number(day);
    pthread_rwlock_rdlock(&lock);
    bool found = d && days && bsearch(&d, days, (size_t)ndays, sizeof *days, cmp_int);
    pthread_rwlock_unlock(&lock);
    return found;
}

const char *working_days_after(const char *day, int n, char out[11])
{
    struct tm tm = {0};
    if (!day || !strptime(day, "%Y-%m-%d", &tm)) return NULL;
    time_t t = timegm(&tm);
    pthread_rwlock_rdlock(&lock);
    while (n > 0) {
        t += 86400;
        struct tm d;
        gmtime_r(&t, &d);
        int num = (d.tm_year + 1900) * 10000 + (d.tm_mon + 1) * 100 + d.tm_mday;
        bool off = d.tm_wday == 0 || d.tm_wday == 6 ||
                   (days && bsearch(&num, days, (size_t)ndays, sizeof *days, cmp_int));
        if (!off) n--;
    }
    pthread_rwlock_unlock(&lock);
    struct tm d;
    gmtime_r(&t, &d);
    strftime(out, 11, "%Y-%m-%d", &d);
    return out;
}
