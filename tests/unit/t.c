#include "t.h"

int t_failed_checks;
static int passed, failed;

void t_run(const char *name, void (*fn)(void))
{
    int before = t_failed_checks;
    fn();
    if (t_failed_checks == before) {
        passed++;
        printf("ok   %s\n", name);
    } else {
        failed++;
        printf("FAIL %s\n", name);
    }
}

int t_summary(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
