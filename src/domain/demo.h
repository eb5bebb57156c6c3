#ifndef NGV_DEMO_H
#define NGV_DEMO_H
#include "ctx.h"
#include "records.h"
/* Loads the demo data set (province profile, partner provinces and agencies, contacts)
 * into an empty database. Returns the number of records created, or -1 with err. */
int demo_load(ctx *x, char *err, size_t errlen);

/* For the parts of the demo in files of their own: a record created (its refusal said in
 * err), a workflow step taken by leader as on the day `on` (before today; NULL: today), a
 * day offset days from date. */
int demo_create(ctx *x, record *r, char *err, size_t errlen);
int demo_step(ctx *leader, const entity *e, long long id, const char *to, const char *note,
              const char *on, const char *today, char *err, size_t errlen);
const char *demo_shift(ctx *x, const char *date, int offset);
/* Projects, aid and investment leads in every stage, their partners, sectors, amounts and
 * meetings; the province's units (demo_aid.c). partners: the demo's partner ids (see the
 * table in demo.c); adds to *n. */
int demo_aid(ctx *x, ctx *leader, const long long *partners, const long long *agencies,
             const char *today, int *n, char *err, size_t errlen);
/* The periodic reports: the last quarter's issued, this month's a draft (demo_report.c). */
int demo_reports(ctx *x, ctx *leader, const char *today, int *n, char *err, size_t errlen);
/* The bulletin: issues, articles in every state with pictures, comments (demo_bulletin.c). */
int demo_bulletin(ctx *x, ctx *leader, const char *today, int *n, char *err, size_t errlen);
#endif
