/* Settings an admin changes in the browser (they were environment variables), and the
 * reviewed Vietnamese names of countries and subdivisions.
 *
 * A setting is a whole number in a range. Its value: the one stored in the database (table
 * settings, key "admin.NAME"), else the environment variable's when it is a number in the
 * range, else the default. The values are read at start-up (settings_load, from app_open)
 * and kept for the process, so that the rules that use them (a delegation's late report,
 * the reminders' horizon) need no database connection; a change made here is seen at once
 * by this process, and another server on the same database reads it again at its next
 * request (settings_sync: whenever the data version has moved). */
#ifndef NGV_SETTINGS_H
#define NGV_SETTINGS_H
#include "records.h"

typedef enum {
    SET_REPORT_DAYS = 0,
    SET_REMIND_DAYS,
    SET_INSPECT_DAYS,
    SET_IDLE_MINUTES,
    SET_TOTP_ROLES, /* the roles whose users must have a second factor (a set of roles) */
    SET_COUNT
} setting_id;

typedef struct {
    const char *name; /* "report_days": the form's and the API's field */
    const char *env;  /* "NGOAIVU_REPORT_DAYS" */
    long def, min, max;
    int label, help; /* messages */
    /* a set of roles: the number is their bits (settings_role_bit); given also as names,
     * "admin,leader" ("none" or, in a form, nothing ticked: no role) */
    bool roles;
} setting_def;
enum { SET_ROLES_ALL = 31 };
/* A role's bit in a set of roles (0 for ROLE_NONE). */
long settings_role_bit(role r);
extern const setting_def settings_defs[SET_COUNT];

/* The value in force. */
long settings_value(setting_id id);
/* Where it comes from: "database", "environment" or "default". */
const char *settings_source(setting_id id);
/* Reads the stored values (start-up). */
void settings_load(conn *c);
/* Brings this process's copies of what an admin stores (the settings, and the corrected
 * names in refdata) up to what the database holds at version, the data version the
 * caller has just read, when it is newer than the last one they were read at: a change made
 * by another process (a second server, `ngoaivu names set`) is seen at the next request.
 * Cheap when the version has not moved (one atomic read); else three small queries, once
 * per version, whichever thread comes first. Thread-safe. */
void settings_sync(conn *c, long long version);
/* Sets the named settings (values[i] for settings_defs[i]; NULL leaves one as it is, ""
 * removes the stored value so that the environment or the default applies again). Admin
 * only; all or nothing, audited (record type "setting"). RS_INVALID: ve names each bad one
 * (M_SETTING_RANGE with the range). */
rstatus settings_set(ctx *x, const char *const values[SET_COUNT], verrs *ve);

/* Corrects the reviewed Vietnamese name of a country (ISO 3166-1) or subdivision (ISO
 * 3166-2) code: stored and audited (record type "name"), and shown at once by this server
 * (by another on the same database at its next request: settings_sync).
 * Admin only. RS_INVALID: ve names "code" or "name". */
rstatus names_correct(ctx *x, const char *code, const char *name, verrs *ve);
/* Countries and subdivisions with their names, for the names page and GET /api/v1/names:
 * those whose code or name (either language, without case or diacritics) holds q, of one
 * country (its own row and its subdivisions) when country is given; in code order, a
 * country before its subdivisions. One page (offset, limit), *total in all. corrected: the
 * name is an admin's correction stored in the database. Admin only. */
typedef struct {
    const char *code, *name_en, *name_vi;
    bool subdivision, corrected;
} name_row;
rstatus names_find(ctx *x, const char *q, const char *country, long long offset, long long limit,
                   name_row **rows, int *n, long long *total);
#endif
