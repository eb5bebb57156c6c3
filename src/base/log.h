/* Log lines to standard error, one line per call, with a UTC time stamp. */
#ifndef NGV_LOG_H
#define NGV_LOG_H
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_set_quiet(int quiet); /* 1: info lines are dropped (tests, CLI) */
#endif
