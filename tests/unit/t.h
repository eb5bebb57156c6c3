/* A very small unit-test harness: each test is a function; CHECK records a failure
 * with its location and lets the test go on. t_run() counts a test as failed when any
 * CHECK in it failed. The runner prints the plain "N passed, N failed" summary. */
#ifndef NGV_T_H
#define NGV_T_H
#include <stdio.h>
#include <string.h>

extern int t_failed_checks;
void t_init(void); /* line-buffered output, and a crash names its test */
void t_run(const char *name, void (*fn)(void));
int t_summary(void);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "    %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);           \
            t_failed_checks++;                                                                     \
        }                                                                                          \
    } while (0)
#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "    %s:%d: CHECK_STR failed: %s = \"%s\", expected \"%s\"\n",         \
                    __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");               \
            t_failed_checks++;                                                                     \
        }                                                                                          \
    } while (0)
#define RUN(fn) t_run(#fn, fn)
#endif
