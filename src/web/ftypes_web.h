/* The pages' part of each field type (domain/ftypes.h has the rest): its form control, its
 * list filter, its value on the detail page and in a list, and its value from a submitted
 * form. One entry per FT_* value in ftypes_web.c; web_start refuses to start while one is
 * missing or incomplete (ftypes_web_check). */
#ifndef NGV_FTYPES_WEB_H
#define NGV_FTYPES_WEB_H
#include "routes.h"

typedef struct {
    /* The control of field fi of rec in a form, with its label: what goes inside the
     * field's <div>, before its error. bad: it has an error. */
    void (*control)(req *r, const record *rec, int fi, bool bad);
    /* The list filter of f in the filter form; v: the parameter's value, or NULL. extra:
     * one more choice than the options (the commitments' "overdue"), or NULL. */
    void (*filter)(req *r, const field *f, const char *v, const enum_opt *extra);
    /* A value (not NULL; an empty one is its type's empty value) on the detail page; shown
     * is its text (rec_display). */
    void (*detail)(req *r, const field *f, const char *v, const char *shown);
    /* Field fi of a list row in its cell; lang: the language to mark its text with, or
     * NULL for the page's. */
    void (*cell)(req *r, const record *row, int fi, const char *lang);
    /* f's value from the submitted form (NULL when empty). */
    const char *(*from_form)(req *r, const field *f);
} ftype_web;

/* The entry of f's type. */
const ftype_web *ftype_web_of(const field *f);
/* Whether t has every function: 0, or -1 with what is missing (of the type named name). */
int ftype_web_check(const ftype_web *t, const char *name, char *err, size_t errlen);
/* The same for every FT_* value. */
int ftypes_web_check(char *err, size_t errlen);
/* Whether the form gives f one value (a set, form_all, gathers every value sent). */
bool ftype_web_single(const field *f);
/* A field's label in the request's language. */
const char *field_label(req *r, const field *f);
#endif
