/* Time stamps: stored in UTC as ISO 8601 ("2026-11-24T05:06:07Z"). */
#ifndef NGV_CLOCK_H
#define NGV_CLOCK_H
void clock_iso_now(char out[32]);
long long clock_unix(void);
long long clock_micros(void); /* monotonic, for durations */
#endif
