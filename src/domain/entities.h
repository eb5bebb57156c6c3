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
extern const entity gate_entity;
extern const entity gate_plan_entity;
extern const entity gate_milestone_entity;
extern const entity gate_plan_update_entity;
extern const entity trade_report_entity;
extern const entity border_section_entity;
extern const entity marker_entity;
extern const entity marker_inspection_entity;
extern const entity incident_category_entity;
extern const entity incident_entity;
extern const entity incident_action_entity;
extern const entity admin_unit_entity;
extern const entity project_entity;
extern const entity project_partner_entity;
extern const entity project_sector_entity;
extern const entity project_amount_entity;
extern const entity meeting_entity;
extern const entity ngo_certificate_entity;
extern const entity scholarship_quota_entity;
extern const entity scholarship_award_entity;
extern const entity holiday_entity;
extern const entity programme_entity;
extern const entity programme_target_entity;
extern const entity programme_value_entity;
/* A gate milestone is late: not done, its target date before today ("YYYY-MM-DD"); and the
 * list filters that select exactly those (uses q->scratch[0]; false when q is full). */
bool gate_milestone_late(const record *r, const char *today);
bool gate_milestone_late_filter(const entity *e, const char *today, list_query *q);
/* The classes of border gates (gate.c). */
extern const enum_opt gate_classes[];
/* Coordinates in two fields of r (decimal degrees): both or neither, in range, in or near
 * the province (gate.c); adds to errs. */
void coordinates_check(const record *r, const char *lat_name, const char *lon_name, verrs *errs);
/* An agreement is "expiring" this many days before its end. */
enum { AGREEMENT_EXPIRING_DAYS = 90 };

/* Fields of cooperation, shared by delegations, agreements and projects. */
extern const enum_opt cooperation_fields[];
/* A delegation's results report is late this many days after its end (default; the
 * environment variable NGOAIVU_REPORT_DAYS overrides it). */
enum { DELEGATION_REPORT_DAYS = 15 };
long delegation_report_days(void);
/* A delegation's report is late (its warning M_REPORT_LATE, as of today): the trip is over
 * (completed, or still under way past its end) and more than delegation_report_days() have
 * passed since its end. The list filters that select exactly those (the dashboard's figure
 * and the reminders' sweep); uses q->scratch[1]; false when q is full. */
bool delegation_late_filter(const entity *e, const char *today, list_query *q);

/* All record types, NULL-terminated, in menu order. */
extern const entity *const ngv_entities[];
const entity *entity_by_table(const char *table); /* "partners" */
/* Checks one description against the rules the generic code relies on (one title field,
 * the status, agency and step fields it names exist and fit, references name record types
 * of all): 0, or -1 with what is wrong in err. entities_check does it for every type, and
 * that names, tables and search codes differ; app_open refuses to start otherwise. */
int entity_check(const entity *e, const entity *const *all, char *err, size_t errlen);
int entities_check(char *err, size_t errlen);
const entity *entity_by_name(const char *name); /* "partner" */
const entity *entity_by_code(int code);
#endif
