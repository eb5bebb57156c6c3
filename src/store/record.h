/* Record descriptions: one static table per record type says what its fields are,
 * their types, labels in both languages, rules (required, unique, searchable, ...),
 * references and enumerations. The generic code in every layer is driven by them:
 * store/ builds its SQL, domain/ validates, web/ renders lists, forms, JSON, CSV and
 * the OpenAPI schema, and the search index is fed from the searchable fields.
 *
 * A record in memory is the description plus one string per field (NULL when empty),
 * all allocated in the arena of the request that holds it. */
#ifndef NGV_RECORD_H
#define NGV_RECORD_H
#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"

typedef enum {
    FT_TEXT,     /* one line of text */
    FT_LONGTEXT, /* several lines (notes, addresses) */
    FT_ENUM,     /* one code out of opts */
    FT_SET,      /* several codes out of opts, stored comma-separated in opts order */
    FT_COUNTRY,  /* ISO 3166-1 alpha-2 code */
    FT_SUBDIV,   /* ISO 3166-2 code of a subdivision of the record's country */
    FT_REF,      /* id of a record of another type */
    FT_BOOL,     /* "0" or "1" */
    FT_EMAIL,
    FT_URL,
    FT_PHONE,
    FT_DATE,   /* a calendar day, stored ISO 8601 "YYYY-MM-DD" */
    FT_NUMBER, /* a decimal number (amounts), stored as a number */
    FT_REFS,   /* ids of several records of another type, "3,17,42" (a table of its own) */
    FT_COUNT   /* how many types there are */
} field_type;

/* What the store knows of a type, one row per FT_* (store/record.c; the rest of what a type
 * is lives in domain/ftypes.h and web/ftypes_web.h). Every enumeration starts at 1, so that
 * a type without its row is seen (store_open refuses it). */
typedef enum { FS_TEXT = 1, FS_INTEGER, FS_NUMBER } field_storage;
typedef enum { FJ_STRING = 1, FJ_NUMBER, FJ_BOOL, FJ_CODES, FJ_IDS } field_json;
typedef struct {
    field_storage storage; /* its column: text, a whole number (bound as one), a number */
    field_json json;       /* how the database writes it into a JSON list */
    bool words;            /* compared as words: a sortable one has its sort key column */
    bool codes;            /* several codes in one column ("vi,lo"): a filter matches one */
    bool own_table;        /* several references, in a table of their own, <table>_<field> */
} field_store;

enum {
    F_REQUIRED = 1 << 0,
    F_UNIQUE = 1 << 1,   /* unique among records of this type, compared after folding */
    F_SEARCH = 1 << 2,   /* its words go into the search index */
    F_LIST = 1 << 3,     /* a column of the list page */
    F_FILTER = 1 << 4,   /* the list can be filtered on it (exact match) */
    F_SORT = 1 << 5,     /* the list can be sorted by it */
    F_TITLE = 1 << 6,    /* the record's title (at most one field) */
    F_READONLY = 1 << 7, /* set by the record type's own rules (a workflow), never by input */
    F_NONNEG = 1 << 8,   /* FT_NUMBER: zero or more (an amount, a count) */
    F_YEAR = 1 << 9,     /* FT_NUMBER: a whole year from 2000 to 2100, shown without a
                          * thousands separator */
    F_PAST = 1 << 10,    /* FT_DATE: a day that has come (an inspection, a report): not after
                          * today, the province's date */
    F_FILE = 1 << 12,    /* FT_TEXT: the SHA-256 of a file in the files store (an issued
                          * report's PDF), which a copy of the database carries with it */
    F_PRIVATE = 1 << 11, /* shown to staff on the record's page and in its API answer only:
                          * never in an export, the audit log or the search index (a
                          * commenter's e-mail address) */
};

typedef struct {
    const char *code;
    const char *vi, *en;
} enum_opt;

/* A value the store keeps from other records (F_READONLY), those of table `of` whose
 * reference `ref` names this record: the least `min` of those whose field `unless` is empty
 * (a gate plan's earliest target date among its milestones not done; unless NULL: of all),
 * or the field `take` of the one greatest in `latest`, then in id (a marker's condition
 * found by its latest inspection), or how many of them have their field `count` set (the
 * markers of a border section planted), less than this record's field `minus` when it
 * names one (the positions still to plant; empty while that field is), or the sum of their
 * field `sum` (a project's committed amounts; its sectors' shares), rounded to 4 decimals,
 * empty when there are none. Brought up to date
 * in the same unit as every write of theirs, and of the record itself (records.c). */
typedef struct {
    const char *of, *ref, *min, *unless;
    const char *take, *latest;
    const char *count, *minus;
    const char *sum;
} field_summary;

typedef struct {
    const char *name; /* column name, JSON key, form field name */
    field_type type;
    unsigned flags;
    int maxlen;                    /* in characters (code points); 0 = type default */
    const char *vi, *en;           /* labels */
    const enum_opt *opts;          /* FT_ENUM, FT_SET: terminated by {NULL} */
    const char *ref;               /* FT_REF, FT_REFS: table name of the referenced type */
    const char *country;           /* FT_SUBDIV: name of the country field it belongs to */
    const char *initial;           /* F_READONLY: the value a new record starts with */
    const field_summary *summary;  /* F_READONLY: kept from other records; may be NULL */
    const char *hint_vi, *hint_en; /* said under its control in forms; may be NULL */
} field;

/* Records of another type shown in a table on this one's page (a plan's milestones, its
 * progress log): those of table `of` whose reference `ref` names it, in the order of
 * `sort` (desc: the latest first), their title then the fields `cols` (NULL-terminated). */
typedef struct {
    const char *of, *ref, *sort;
    bool desc;
    const char *const *cols;
} child_list;

typedef struct entity entity;
typedef struct record record;
struct ctx;
typedef struct verrs verrs;

/* A workflow step: from one state of the status field to another, by the roles in mask
 * (bits 1 << role, role numbers as in domain/ctx.h). */
typedef struct {
    const char *from, *to;
    unsigned roles;
    unsigned flags;    /* T_CONFIRM, T_REASON */
    const char *field; /* a field of the record the step takes (a results report), or NULL */
} transition;

enum {
    T_CONFIRM = 1 << 0, /* not a single click: taken on a page of its own that asks to confirm */
    T_REASON = 1 << 1,  /* the note is required: the reason (a cancellation) */
};

/* Approval that a change of substance undoes: a record in state `state` whose fields
 * `fields` (NULL-terminated) change goes back to `back_to`, the change named in the log. */
typedef struct {
    const char *state, *back_to;
    const char *const *fields;
} reapproval;

struct entity {
    const char *name;  /* singular, as in audit entries and permissions: "partner" */
    const char *table; /* plural: SQL table, URL segment, API path: "partners" */
    int code;          /* 1 or more, unique; says whose an entry of the search index is */
    const char *vi, *en, *plural_vi, *plural_en;
    const field *fields;
    int nfields;
    /* Cross-field rules that field descriptions can't say; adds to e. May be NULL. */
    void (*check)(const entity *e, const record *r, verrs *errs);
    /* A workflow, when the type has one: its status field (F_READONLY, with an initial
     * state) and the allowed steps, terminated by {NULL}. */
    const char *status_field;
    const transition *transitions;
    /* Rules of a step beyond who may take it (a report is needed to close...); may set
     * fields of r. Adds to errs to refuse. May be NULL. */
    void (*on_transition)(const entity *e, record *r, const char *to, const char *today,
                          verrs *errs);
    /* A step that cannot succeed yet (a trip not begun cannot be under way): a message id
     * of base/msg.h saying what is missing, or -1. Such a step is not offered. May be NULL. */
    int (*step_blocked)(const entity *e, const record *r, const char *to, const char *today);
    const reapproval *reapprove; /* may be NULL */
    /* A warning about the record that people must not miss (a late report): a message id
     * of base/msg.h, or -1. today is the province's date, "YYYY-MM-DD". May be NULL. */
    int (*warning)(const record *r, const char *today);
    /* Row-level rule for users of role "agency" (role number 2): which records they may
     * act on (their own agency's): a reference to agencies, or to a record of a type with
     * such a field of its own (a trade report's gate: the gate's customs office). NULL:
     * they may act on none. */
    const char *agency_field;
    /* What they may write besides steps, on such records: AG_CREATE (the new record must
     * be theirs), AG_UPDATE changing only the fields agency_edit names (NULL-terminated;
     * NULL: any field, the record staying theirs). */
    unsigned agency_writes;
    const char *const *agency_edit;
    const struct derived_field *derived; /* at most one; may be NULL */
    /* Sets the fields the type's own rules compute from the others (F_READONLY ones no
     * summary keeps: a trade report's unexplained difference), after the record is checked
     * and before it is written. May be NULL. */
    void (*compute)(const entity *e, record *r, arena *a);
    /* Records that are revisions of one another (reports of one figure): those equal in
     * the fields revision_key names (NULL-terminated; always set, by input or compute). The store
     * numbers them by revision_order (a required date: when reported), then by id, in the field
     * "revision" and marks the last in "latest" (both F_READONLY), in the unit of every write. */
    const char *const *revision_key;
    const char *revision_order;
    const child_list *children; /* shown on the record's page; terminated by {NULL} */
    const char *menu; /* the menu's group it is in ("border"; web/page.c), or NULL: its own */
    /* A point on the map: the names of its latitude and longitude fields (FT_NUMBER, decimal
     * degrees), both or neither; its records are then also GeoJSON (GET /api/v1/T.geojson)
     * and on the map page. NULL: none. */
    const char *geo_lat, *geo_lon;
    /* Records a new database starts with (categories the department named), in the order of
     * seed_fields (NULL-terminated), one row per entry, terminated by a row of NULLs: written
     * once (app.c), as any record is, and then the users' to change. */
    const char *const *seed_fields;
    const struct seed_row *seed;
    bool attachments; /* files (scans) can be attached to its records */
    /* Rules that read other records (an award over its quota), in the write's unit after
     * the record is checked: may set r's fields (its workflow state too), adds to ve to
     * refuse; old is the record before an update or a workflow step (NULL: a create), r the
     * record after it. Returns 0, or -1 when the
     * database failed. The context is domain/ctx.h's. May be NULL. */
    int (*admit)(struct ctx *x, const record *old, record *r, verrs *ve);
    /* A workflow state in which records are frozen (an issued report): what they hold then
     * is kept as it is, no edit, no delete, no further step (records.c refuses them; the
     * pages offer none). NULL: none. */
    const char *frozen;
    /* A reader with no login may create one (a comment), through the type's own public
     * handler, which says what it holds; a role-less context may then create (records.c). */
    bool public_create;
    /* Its earlier versions (the audit log's entries) can be written again from its page (an
     * article's revisions): the fields input may set, as that version had them. */
    bool restorable;
};

enum { AG_CREATE = 1 << 0, AG_UPDATE = 1 << 1 };

enum { SEED_FIELDS_MAX = 6 };
typedef struct seed_row {
    const char *v[SEED_FIELDS_MAX];
} seed_row;

struct record {
    const entity *e;
    long long id; /* 0 before insert */
    long long version;
    const char *created_at, *updated_at;
    const char **v; /* e->nfields values, NULL = empty */
};

/* Validation errors, each naming a field (or NULL for the whole record) and a message
 * id from the catalogue (base/msg.h) with an optional argument. */
enum { VERRS_MAX = 32 };
struct verrs {
    int n;
    struct {
        const char *field;
        int msg;
        long long arg;
    } e[VERRS_MAX];
};
void verrs_add(verrs *v, const char *fname, int msg, long long arg);
/* The store's row of f's type (f->type below FT_COUNT: entities_check). */
const field_store *field_store_of(const field *f);
/* 0, or -1 with the first type whose row is missing named in err. */
int field_store_check(char *err, size_t errlen);

/* What a list asks for: filters (all must hold), search words, order, page. */
typedef struct {
    int field; /* index into the description */
    const char *value;
    char op; /* '=' (default when 0), '>' meaning >=, '<' meaning <= (date ranges),
              * 'i': value is a comma-separated list, the field equals one of them,
              * 'n': the field is empty, 'N': it is not, 'g': empty or > value,
              * 'l': empty or <= value, 'o': empty or one of the list (as 'i'),
              * 'r' (FT_REF): it names a record whose field is one of a list, the value
              * "field=a,b" (amounts of projects in some stages; set by code, not input) */
} list_filter;

enum { LIST_FILTERS_MAX = 8 };
typedef struct {
    list_filter f[LIST_FILTERS_MAX];
    int nf;
    const char *words; /* folded search words (text_fold), or NULL */
    int sort;          /* field index, or -1 for creation order (id) */
    bool desc;
    long long limit, offset;
    long long after;     /* keyset cursor for sort == -1: rows past this id; 0 = none */
    bool no_lists;       /* lists of references left unread (NULL): rows to choose from */
    char scratch[2][16]; /* room for values a derived filter computes (dates) */
} list_query;

/* A value computed from a record and today's date, not stored (an agreement's status from
 * its dates). Lists show and filter it like a field: filter() turns a value into filters. */
typedef struct derived_field {
    const char *name, *vi, *en;
    const enum_opt *opts;
    const char *(*value)(const record *r, const char *today);
    bool (*filter)(const entity *e, const char *code, const char *today, list_query *q);
    /* A record of this value (warn, when not NULL) has the warning warn_msg (entity.warning
     * does the same by code; a type has one or the other). */
    const char *warn;
    int warn_msg;
} derived_field;

int entity_field_index(const entity *e, const char *name); /* -1 if none */
int entity_title_index(const entity *e);
const char *record_get(const record *r, const char *name);
const enum_opt *field_opt(const field *f, const char *code);
#endif
