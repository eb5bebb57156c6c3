/* The integration programme (programme.c): its targets' status rule. */
#ifndef NGV_PROGRAMME_H
#define NGV_PROGRAMME_H
#include "entities.h"

/* At risk from this share (per cent) of the way from the baseline to the year's target. */
enum { PROGRAMME_AT_RISK_SHARE = 80 };

typedef struct {
    double share;         /* of the way from the baseline to the latest measured year's target */
    double to_final;      /* of the way to the last year's target */
    const record *latest; /* the latest year with both a target and a measurement, or NULL */
    const record *final;  /* the last year with a target, or NULL */
} programme_progress;

/* A target's status from its values (programme_values rows, any order): "on_track" when the
 * latest year measured reached that year's target, "at_risk" when it made at least
 * PROGRAMME_AT_RISK_SHARE per cent of the way from the baseline to it, "behind" when less,
 * "unmeasured" when no year has both; out says how far. */
const char *programme_status(const record *target, const record *values, int n,
                             programme_progress *out);
extern const enum_opt programme_states[];
#endif
