/* Start-up shared by every command: reference data, the database, reviewed names. */
#ifndef NGV_APP_H
#define NGV_APP_H
#include "ctx.h"

/* Loads countries and subdivisions (iso-codes, with the reviewed Vietnamese names
 * compiled in and an admin's corrections from the database) and opens the database.
 * NGOAIVU_ISO_DIR and NGOAIVU_LOCALE_DIR override /usr/share/iso-codes/json and
 * /usr/share/locale. Returns 0, or -1 with a message. */
int app_open(const char *db, bool create, int pool, store **st, char *err, size_t errlen);
void app_close(store *st);
/* Whether the database holds only what app_open writes into a new one (each type's first
 * records, entity.seed, and their creation in the audit log; no user): migrate-db copies
 * into it as into an empty one. */
bool app_only_first_records(conn *c);
/* A context for the command line: acts as "system" with the admin role. */
ctx app_cli_ctx(conn *c, arena *a);

/* Sets the reviewed Vietnamese name of a country (ISO 3166-1) or subdivision (ISO 3166-2)
 * code, stored and audited; it overrides the catalogue and the compiled-in list from the
 * next start. Admin only. Returns 0, or -1 with a message. */
int names_set(ctx *x, const char *code, const char *name, char *err, size_t errlen);

/* The province profile: who the department is. Nothing in the code names a province. */
typedef struct {
    const char *name_vi, *name_en, *code, *dept_vi, *dept_en;
    /* The area the province covers, "S,W,N,E" in decimal degrees (a box): coordinates far
     * outside it are refused as a slip, and the map shows it. May be empty. */
    const char *area;
    /* The department's IATI organisation identifier ("VN-PPC-KT"): the reporting
     * organisation of the IATI export and the first part of every activity's identifier.
     * May be empty (no export then). */
    const char *iati_org;
    /* For the numbers and symbols of the documents it issues (Decree 30/2020: "07/BC-SNgV"):
     * the department's abbreviation, and the body it belongs to, as a document's header
     * names it ("UBND TỈNH QUẢNG NGÃI"). May be empty. */
    const char *abbrev, *parent_vi;
} province;
void province_get(ctx *x, province *p);
/* Validates and stores; returns RS_OK or RS_INVALID with field errors. */
int province_set(ctx *x, province *p, verrs *ve);
const char *province_dept(const province *p, const char *lang);
/* The province's area as this process knows it (south, west, north, east), read at start
 * and again when the data version moves (settings_sync): false when none is set. */
bool province_area(double box[4]);
void province_area_load(conn *c);
/* The IATI organisation identifier as this process knows it (as the area), or NULL. */
const char *province_iati_org(void);
/* An identifier IATI accepts (no space, none of / & | ?, at least one hyphen). */
bool iati_org_ok(const char *s);
/* An abbreviation a document's symbol can hold: letters and digits, no space, / or -. */
bool province_abbrev_ok(const char *s);
#endif
