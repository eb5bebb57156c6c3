/* Field types: what each FT_* of store/record.h means, in one table entry per type.
 *
 * An entry holds the type's properties and its functions: how a value is checked and
 * normalised, read from JSON and written to it, shown in a language, written to a CSV or
 * an XLSX cell, read back from a CSV cell, described in a JSON Schema, taken as a list
 * filter, and put in the search index. The generic code calls through ftype_of(f) instead
 * of asking which type a field has; web/ftypes_web.h adds the pages' part (form
 * controls, filters, HTML values). A new type is its FT_* value in store/record.h with its
 * row of what the store keeps (store/record.c), one entry here (its functions in a file ft_*.c) and
 * one in web/ftypes_web.c; ftypes_check refuses to start while an entry is missing or incomplete.
 *
 * The entries live in the family files: ft_text.c (text, long text, e-mail, web address,
 * phone), ft_choice.c (enumeration, set, yes/no), ft_place.c (country, subdivision),
 * ft_ref.c (references), ft_date.c, ft_number.c. */
#ifndef NGV_FTYPES_H
#define NGV_FTYPES_H
#include <jansson.h>

#include "ctx.h"

/* ftype.props */
enum {
    FTP_LIST = 1 << 0,    /* several values, stored comma-separated ("vi,lo", "3,17") */
    FTP_REFERS = 1 << 1,  /* ids of records of the type f->ref, which they keep from deletion */
    FTP_OPTIONS = 1 << 2, /* codes out of f->opts */
    FTP_RANGE = 1 << 3,   /* lists filter on a range: FIELD_from and FIELD_to, both included */
    FTP_FREE = 1 << 5,    /* free text, which a record started from another does not copy */
};

/* A spreadsheet cell: text, a number, or a day. */
typedef struct {
    enum { CELL_TEXT, CELL_NUMBER, CELL_DATE } kind;
    const char *text; /* what the cell shows; the stored number; the day "YYYY-MM-DD" */
} ftype_cell;

/* What the cells of one CSV import share: the context (its arena for passing text, its
 * database for the titles of referenced records) and what a type keeps from one cell to
 * the next (its memo, allocated in `a`, which lives as long as the import). */
typedef struct {
    ctx *x;
    arena *a;
    void *memo[FT_COUNT];
} cell_reader;

typedef struct {
    const char *name;  /* "date": names the type in the start-up check's messages */
    unsigned props;    /* FTP_* */
    int maxlen;        /* characters a value may have when the field says none */
    const char *empty; /* what an empty value stands for ("0": no), or NULL */
    /* Normalises r->v[fi] (not empty: trimmed, NFC, within the length) to its stored form,
     * or adds what is wrong to ve. May read the database (references). */
    void (*validate)(ctx *x, record *r, int fi, verrs *ve);
    /* A JSON value other than a string or null (true, 12, ["vi"]) as the value's text in
     * *out; what is wrong goes to ve under key, *out then left as it is or partial. */
    void (*from_json)(arena *a, const field *f, json_t *val, const char *key, const char **out,
                      verrs *ve);
    /* The stored value (not NULL) in JSON: a new reference. */
    json_t *(*to_json)(const char *v);
    /* The stored value (not NULL) as people read it in x->lang: labels, names, dd/mm/yyyy. */
    const char *(*display)(ctx *x, const field *f, const char *v);
    /* The stored value (not empty) in a CSV export; import_cell reads it back. */
    const char *(*export_text)(ctx *x, const field *f, const char *v);
    /* A CSV cell (trimmed, not empty) as the value a form would send for it; what it does
     * not recognise stays as it is, for the validation to name. */
    const char *(*import_cell)(cell_reader *cr, const field *f, const char *v);
    /* The stored value (may be NULL) as a spreadsheet cell. */
    ftype_cell (*cell)(ctx *x, const field *f, const char *v);
    /* The JSON Schema of a value (without title, labels and readOnly): a new reference. */
    json_t *(*schema)(const field *f);
    /* A list filter's value (not empty), given as parameter `param`: what the store
     * compares (*op may become 'i': one of several, comma-separated), or NULL with the
     * error added to ve under param. */
    const char *(*filter)(arena *a, const field *f, const char *param, const char *v, char *op,
                          verrs *ve);
    /* Appends the words the search index holds for the value (not NULL), each followed by a
     * space: the value, and the names a code stands for. */
    void (*search)(buf *b, const char *v);
} ftype;

/* The entry of f's type. Every f->type below FT_COUNT has one (ftypes_check). */
const ftype *ftype_of(const field *f);
/* The most characters f's values may have: its own maxlen, else its type's. */
int field_maxlen(const field *f);
/* The text shown for a value of f (NULL when empty, which shows as its type's empty value:
 * "Không" for yes/no, else ""). */
const char *ftype_display(ctx *x, const field *f, const char *v);
/* Whether t has a name and every function: 0, or -1 with what is missing in err. */
int ftype_check(const ftype *t, char *err, size_t errlen);
/* The same for every FT_* value; app_open refuses to start otherwise. */
int ftypes_check(char *err, size_t errlen);

/* Input parsing shared with list filters and other rules: NULL when not valid. */
const char *parse_date(arena *a, const char *s);   /* -> "YYYY-MM-DD" */
const char *parse_number(arena *a, const char *s); /* -> "-1234.5" */
bool valid_email(const char *s);                   /* an address as FT_EMAIL fields take it */

/* ---- the entries (ft_*.c), and the parts several of them share (ftypes.c) */

extern const ftype ft_text, ft_longtext, ft_email, ft_url, ft_phone;
extern const ftype ft_enum, ft_set, ft_bool;
extern const ftype ft_country, ft_subdiv;
extern const ftype ft_ref, ft_refs;
extern const ftype ft_date, ft_number;

/* from_json of a type that JSON gives only as a string: anything else is M_BAD_PARAM. */
void ftype_json_string_only(arena *a, const field *f, json_t *val, const char *key,
                            const char **out, verrs *ve);
json_t *ftype_json_string(const char *v);                           /* "v" */
const char *ftype_as_stored(ctx *x, const field *f, const char *v); /* v itself */
const char *ftype_as_shown(ctx *x, const field *f, const char *v);  /* display(v) */
/* "Name (CODE)": a code's name in x->lang and the code that says it exactly. */
const char *ftype_name_and_code(ctx *x, const field *f, const char *v);
const char *ftype_import_as_is(cell_reader *cr, const field *f, const char *v); /* v itself */
ftype_cell ftype_cell_shown(ctx *x, const field *f, const char *v);             /* as displayed */
/* A JSON array of codes (strings) or, when ids, of ids (numbers or strings) as the
 * comma-separated text they are stored as; an element of another kind adds `bad` to ve. */
void ftype_list_from_json(arena *a, json_t *val, bool ids, int bad, const char *key,
                          const char **out, verrs *ve);
/* A stored comma-separated list as a JSON array of strings, or of numbers when ids. */
json_t *ftype_list_to_json(const char *v, bool ids);
/* {"type": ["string", "null"], "maxLength": N}: a new reference. */
json_t *ftype_schema_string(const field *f);
/* f's option codes as a JSON array: a new reference. */
json_t *ftype_option_codes(const field *f);
/* filter of a type compared as it is given. */
const char *ftype_filter_as_is(arena *a, const field *f, const char *param, const char *v, char *op,
                               verrs *ve);
void ftype_search_value(buf *b, const char *v); /* "v " */
#endif
