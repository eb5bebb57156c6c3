/* The unit-test runner: every suite, then the plain summary line. */
#include <stdlib.h>
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
void suite_svgmap(void);
void suite_project(void);
void suite_report(void);
void suite_doc_docx(void);
void suite_doc_pdf(void);
void suite_issue_pdf(void);
void suite_bulletin_base(void);
void suite_doc_xlsx(void);

int main(void)
{
    t_init();
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    log_set_quiet(1);
    const char *pg = getenv("NGOAIVU_UNIT_PG");
    if (pg && *pg) { /* the store's suite against PostgreSQL (scripts/test.sh) */
        suite_store();
        return t_summary();
    }
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
    suite_svgmap();
    suite_project();
    suite_report();
    suite_doc_docx();
    suite_doc_pdf();
    suite_issue_pdf();
    suite_bulletin_base();
    suite_doc_xlsx();
    return t_summary();
}
