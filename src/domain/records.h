/* Generic actions on any described record type. The web pages, the JSON API and the CLI
 * all call these, so validation, permissions, the audit entry and the search index are
 * handled once, in one transaction per write. */
#ifndef NGV_RECORDS_H
#define NGV_RECORDS_H
#include <jansson.h>

#include "ctx.h"
#include "ftypes.h"

typedef enum {
    RS_OK = 0,
    RS_INVALID, /* verrs says what */
    RS_NOTFOUND,
    RS_CONFLICT, /* the record changed since it was read */
    RS_IN_USE,   /* other records refer to it; *arg holds how many */
    RS_FORBIDDEN,
    RS_ERROR, /* database trouble; nothing was changed */
} rstatus;

/* An empty record of type e (every value NULL). */
record rec_new(arena *a, const entity *e);
/* Sets a field from outside text (form or CSV); unknown names add M_UNKNOWN_FIELD. */
void rec_set(record *r, const char *name, const char *value, verrs *ve);
/* Sets fields from a JSON object: strings, numbers, booleans, null (clears), arrays of
 * codes for FT_SET. Unknown keys and wrong types are errors. id, version, created_at and
 * updated_at are read-only: version is taken as the expected version when present. */
void rec_from_json(arena *a, record *r, json_t *obj, verrs *ve);
/* Normalises (trim, NFC, canonical codes) and checks every rule of the description;
 * needs the database for references and uniqueness. */
void rec_validate(ctx *x, record *r, verrs *ve);

rstatus rec_get(ctx *x, const entity *e, long long id, record *out);
/* A new record started from others it refers to (a commitment from its delegation): its
 * empty fields take what the referenced records hold in the field of the same name and
 * type (a country, a partner; not free text), or the first of several ("partner_ids" gives
 * "partner_id"). */
void rec_prefill(ctx *x, record *r);
rstatus rec_create(ctx *x, record *r, verrs *ve); /* sets r->id */
/* The same for a record the code makes, not input: its read-only fields keep what the code
 * set in them (an article's source record); those it left empty start as the type says. */
rstatus rec_create_by_code(ctx *x, record *r, verrs *ve);
/* The same inside a write transaction the caller holds (bulk import: all rows or none);
 * on failure the caller rolls back. */
rstatus rec_create_in_tx(ctx *x, record *r, verrs *ve);
rstatus rec_update(ctx *x, record *r, verrs *ve); /* r->id, r->version: the expected one */
/* The same inside the caller's unit (an import's rows): the caller commits or rolls back. */
rstatus rec_update_in_tx(ctx *x, record *r, verrs *ve);
rstatus rec_delete(ctx *x, const entity *e, long long id, long long *in_use);

json_t *rec_to_json(const record *r); /* new reference */
/* Text shown for a value: enum labels, country names in the language, "Có"/"Không". */
const char *rec_display(ctx *x, const record *r, int fi);
/* A record's title in the request's language: on an English page its English twin
 * (name_en beside name_vi) when one is stored, else the Vietnamese title; *vi_only (may be
 * NULL) says the Vietnamese one is shown on an English page (to mark it lang="vi"). */
const char *rec_title(ctx *x, const record *r, bool *vi_only);
/* The field holding the English twin of the type's title (name_en of name_vi), or -1. */
int rec_title_en_index(const entity *e);
/* The same for the record of type t with this id (remembered for the request); NULL when
 * there is none. */
const char *rec_ref_title(ctx *x, const entity *t, long long id, bool *vi_only);
/* The folded text that the search index holds for a record. */
char *rec_search_body(arena *a, const record *r);
/* Workflow. The steps the acting user may take from the record's present state, into
 * out (at most max); returns how many. */
int rec_steps(ctx *x, const record *r, const transition **out, int max);
/* Takes one step: RS_NOTFOUND, RS_CONFLICT (no such step from the present state),
 * RS_FORBIDDEN (not this user's role), RS_INVALID (the type's rules refuse: see ve), or
 * RS_OK with r the record after the step. Logged with who, when and the note, audited. */
rstatus rec_transition(ctx *x, const entity *e, long long id, const char *to, const char *note,
                       record *r, verrs *ve);
/* The same step, also taking the step's own field (transition.field, e.g. the results
 * report) when value is not NULL. A step marked T_REASON needs a note; a step the type's
 * step_blocked refuses fails with its message (field NULL). */
rstatus rec_step(ctx *x, const entity *e, long long id, const char *to, const char *note,
                 const char *value, record *r, verrs *ve);
/* The step of e from one state to another, or NULL. */
const transition *rec_step_find(const entity *e, const char *from, const char *to);
/* Why a step cannot succeed yet (a message id), or -1. */
int rec_step_blocked(const record *r, const transition *t);
/* Whether this user may act on this record beyond reading: writers on any record; an
 * agency user only on records of its own agency (entity.agency_field). */
bool rec_may_act(const ctx *x, const record *r);
/* The agency a record is of (entity.agency_field, directly or through the record it
 * refers to), or 0. */
long long rec_agency(const ctx *x, const record *r);
/* Whether this user may write records of type e at all (AG_CREATE or AG_UPDATE): the
 * department's writers, or an agency user where the type lets agencies do so (which
 * records: rec_may_act). */
bool rec_may_write(const ctx *x, const entity *e, unsigned what);
/* Whether this user may change field fi of a record of type e it may act on (an agency
 * user only the fields the type names in agency_edit). */
bool rec_agency_may_edit(const ctx *x, const entity *e, int fi);
/* Whether the record is in its type's frozen state (entity.frozen: an issued report): no
 * edit (RS_INVALID, M_FROZEN), no delete (RS_FORBIDDEN). */
bool rec_frozen(const record *r);
/* The record's computed value (entity.derived) as of today, its code and its label; NULL
 * when the type has none. */
const char *rec_derived(const record *r);
const char *rec_derived_label(const record *r, const char *lang);
/* rec_to_json plus the computed value: what the API answers. */
json_t *rec_to_api_json(const record *r);
/* The record's warning (see entity.warning) as a message id, or -1. */
int rec_warning(const record *r);
int rec_warning_on(const record *r, const char *today); /* as of that day, "YYYY-MM-DD" */

/* Rebuilds the derived data of every record type (search index, row counts); returns the
 * number of records indexed, or -1. */
long long rec_reindex(ctx *x);
#endif
