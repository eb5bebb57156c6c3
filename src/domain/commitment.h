/* What is special to commitments beyond their description (commitment.c). */
#ifndef NGV_COMMITMENT_H
#define NGV_COMMITMENT_H
#include "records.h"

/* The rules of commitments that lists, the dashboard, the calendar, the reminders (and the
 * reports) use, each defined once, as a rule on a record and as the list filter that
 * selects exactly the records it holds for (a filter adds to q; false when q is full).
 *
 * Pending: still to be carried out (open or in progress: neither done nor dropped). */
bool commitment_pending(const record *r);
bool commitment_pending_filter(const entity *e, list_query *q);
/* Overdue: pending and past its deadline (before today, Vietnam's date). The filter is the
 * list's "overdue" choice of its status filter; today: "YYYY-MM-DD"; uses q->scratch[0].
 * Due within N days of today is overdue as of the day after the N-th, and not today. */
bool commitment_overdue(const record *r, const char *today);
bool commitment_overdue_filter(const entity *e, const char *today, list_query *q);
/* A dated progress update: date ("" = today; not in the future), text (required, at most
 * 2,000 characters), percent 0..100. Writers, or the agency the commitment is assigned to.
 * Sets the commitment's percent; logged and audited with it. out: the commitment after. */
rstatus commitment_progress(ctx *x, long long id, const char *date, const char *text,
                            const char *percent, verrs *ve, record *out);
#endif
