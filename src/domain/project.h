/* What is special to projects, aid and investment leads beyond their descriptions
 * (project.c), and the DAC sector list they use (dac.c). */
#ifndef NGV_PROJECT_H
#define NGV_PROJECT_H
#include "entities.h"

/* The aid procedure's deadlines (Decree 80/2020/NĐ-CP) and a stalled lead. */
enum {
    PROJECT_APPRAISAL_DAYS = 20, /* appraisal within 20 days of a complete file */
    PROJECT_NOTIFY_DAYS = 5,     /* the approval notified within 5 days */
    PROJECT_UNUSED_MONTHS = 6,   /* an approval unused for 6 months may be revoked; the
                                  * closing report is due 6 months after the end */
    PROJECT_ANNUAL_DAY = 15,     /* the annual report on a year is due 15 January after it */
    PROJECT_STALLED_DAYS = 60,   /* a lead with no contact for 60 days is stalled */
};

extern const enum_opt project_stages[];
extern const enum_opt project_roles[]; /* IATI organisation roles: "1" funding ... "4" */
/* The OECD DAC 5-digit sector codes (data/dac-sectors.tsv, read at start): the code, and
 * "code – name" in both languages (the list is English only). Terminated by {NULL}. */
extern enum_opt dac_sectors[];
/* Its category's name ("Education, Level Unspecified"), or NULL. */
const char *dac_category(const char *code);

/* The deadline or warning in force on a project as of today ("stalled", "appraisal",
 * "notify", "unused", "annual", "closing", or "none"): the derived value "deadline". */
const char *project_deadline(const record *r, const char *today);
bool project_is_lead(const char *stage);
/* A project code usable in an IATI identifier (letters, digits, - . _). */
bool project_code_ok(const char *s);
/* day moved by months, clamped to the month's end; NULL when day is not a date. */
const char *project_month_shift(const char *day, int months, char out[11]);
#endif
