/* The record types of the system, each described once (see store/record.h). */
#ifndef NGV_ENTITIES_H
#define NGV_ENTITIES_H
#include "../store/record.h"

extern const entity partner_entity;
extern const entity contact_entity;
extern const entity delegation_entity;
extern const entity agency_entity;
extern const entity commitment_entity;
extern const entity agreement_entity;
/* An agreement is "expiring" this many days before its end. */
enum { AGREEMENT_EXPIRING_DAYS = 90 };

/* Fields of cooperation, shared by delegations, agreements and projects. */
extern const enum_opt cooperation_fields[];
/* A delegation's results report is late this many days after its end (default; the
 * environment variable NGOAIVU_REPORT_DAYS overrides it). */
enum { DELEGATION_REPORT_DAYS = 15 };
long delegation_report_days(void);

/* All record types, NULL-terminated, in menu order. */
extern const entity *const ngv_entities[];
const entity *entity_by_table(const char *table); /* "partners" */
const entity *entity_by_name(const char *name);   /* "partner" */
const entity *entity_by_code(int code);
#endif
