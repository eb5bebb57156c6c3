/* The register of foreign NGOs (ngo.c): Decree 58/2022/NĐ-CP's periods. */
#ifndef NGV_NGO_H
#define NGV_NGO_H
#include "entities.h"

enum {
    NGO_OPERATION_YEARS = 3,    /* a registration for operation: valid up to 3 years */
    NGO_OFFICE_YEARS = 5,       /* for a representative office: up to 5 */
    NGO_PLAN_WORKING_DAYS = 45, /* the activity plan is due within 45 working days */
    NGO_EXPIRY_NOTICE_DAYS = 60 /* the renewal is filed at least 60 days before expiry */
};

/* "expired", "expiring", "plan_late" or "valid", as of today: the derived value "state". */
const char *ngo_state(const record *r, const char *today);
#endif
