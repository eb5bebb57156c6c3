/* Public holidays and working days (holiday.c). */
#ifndef NGV_HOLIDAY_H
#define NGV_HOLIDAY_H
#include <stdbool.h>

#include "../store/db.h"

extern const struct entity holiday_entity;
/* Reads the holidays into this process (start-up, and settings_sync when the data moved). */
void holidays_load(conn *c);
/* day ("YYYY-MM-DD") is a public holiday this process knows. */
bool holiday_is(const char *day);
/* The n-th working day after day (n >= 0; Saturdays, Sundays and holidays skipped) into out;
 * NULL when day is not a date. */
const char *working_days_after(const char *day, int n, char out[11]);
#endif
