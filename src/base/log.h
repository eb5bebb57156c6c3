/* Log lines to standard error, one line per call, with a UTC time stamp. */
#ifndef NGV_LOG_H
#define NGV_LOG_H
#include <stddef.h>
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An info line of len bytes of text as they are (no format: the access log, a line a
 * request, formatted by its writer). */
void log_info_text(const char *text, size_t len);
void log_set_quiet(int quiet); /* 1: info lines are dropped (tests, CLI) */
/* From start to stop, info lines are gathered and written together at most 50 ms later (a
 * server's access log: a write a request costs); error lines are written at once, after the
 * info lines before them. stop writes what is left. */
void log_batch_start(void);
void log_batch_stop(void);
#endif
