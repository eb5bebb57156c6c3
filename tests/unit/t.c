#include "t.h"

#include <execinfo.h>
#include <signal.h>
#include <unistd.h>

int t_failed_checks;
static int passed, failed;
static const char *volatile current = "(before the first test)";

static void say(const char *s)
{
    if (write(STDERR_FILENO, s, strlen(s)) < 0) return;
}

/* A test that crashes says which it was and where, on stderr (async-signal-safe calls
 * only), then dies of the same signal: the log of a crash in CI names the test. */
static void on_crash(int sig)
{
    say("\n!! crashed (signal ");
    say(sig == SIGSEGV ? "SEGV" : sig == SIGBUS ? "BUS" : sig == SIGFPE ? "FPE" : "ABRT");
    say(") in test ");
    say(current);
    say("\n");
    void *frames[64];
    int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    signal(sig, SIG_DFL);
    raise(sig);
}

void t_init(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* each "ok" line is in the log before the next test */
    void *warm[1];
    backtrace(warm, 1); /* loads libgcc now rather than in the handler */
#if defined(__SANITIZE_ADDRESS__)
    return; /* the sanitizers report crashes themselves */
#endif
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        signal(sigs[i], on_crash);
}

void t_run(const char *name, void (*fn)(void))
{
    int before = t_failed_checks;
    current = name;
    fn();
    if (t_failed_checks == before) {
        passed++;
        printf("ok   %s\n", name);
    } else {
        failed++;
        printf("FAIL %s\n", name);
    }
    current = "(between tests)";
}

int t_summary(void)
{
    current = "(after the last test: the process's exit)";
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
