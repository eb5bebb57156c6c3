/* The unit-test runner: every suite, then the plain summary line. */
#include <sqlite3.h>

#include "base/log.h"
#include "t.h"

void suite_base(void);
void suite_refdata(void);
void suite_store(void);
void suite_domain(void);
void suite_ftypes(void);
void suite_import(void);
void suite_remind(void);
void suite_calendar(void);
void suite_admin(void);
void suite_web(void);

int main(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    log_set_quiet(1);
    suite_base();
    suite_refdata();
    suite_store();
    suite_domain();
    suite_ftypes();
    suite_import();
    suite_remind();
    suite_calendar();
    suite_admin();
    suite_web();
    return t_summary();
}
