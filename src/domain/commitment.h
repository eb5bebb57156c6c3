/* What is special to commitments beyond their description (commitment.c). */
#ifndef NGV_COMMITMENT_H
#define NGV_COMMITMENT_H
#include "records.h"

/* Past its deadline (before today, Vietnam's date) and neither done nor dropped. */
bool commitment_overdue(const record *r, const char *today);
/* Adds to q the filters of "overdue" (the list's status filter offers it): status open or
 * in progress, deadline before today. today: "YYYY-MM-DD"; uses q->scratch[0]. */
bool commitment_overdue_filter(const entity *e, const char *today, list_query *q);
/* A dated progress update: date ("" = today; not in the future), text (required, at most
 * 2,000 characters), percent 0..100. Writers, or the agency the commitment is assigned to.
 * Sets the commitment's percent; logged and audited with it. out: the commitment after. */
rstatus commitment_progress(ctx *x, long long id, const char *date, const char *text,
                            const char *percent, verrs *ve, record *out);
#endif
