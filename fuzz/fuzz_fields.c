/* libFuzzer target: values as users type them into a field of a record (a form, the API, a
 * CSV cell), through the functions of the field types (domain/ft_*.c) that take no database:
 * text, long text, e-mail, web address, phone, enumeration, set, yes/no, country,
 * subdivision, date and number (references are fuzzed through fuzz_form and fuzz_csv).
 *
 * An input is two bytes that choose the field (the n-th field of that kind over every record
 * type, modulo their number), then the value. The promises checked (abort() when broken):
 *   - parse_date gives "YYYY-MM-DD" of a real day (calendar_day_valid), from input made only
 *     of digits and the separators it names, and gives the same for its own output;
 *     parse_number gives -?D+(.D+)? of at most 30 digits, and the same for its own output;
 *   - a value the field's validation accepts (after the trimming and NFC of rec_validate) is
 *     stored as valid UTF-8, is accepted again unchanged (the stored form is a fixed point:
 *     saving a form again changes nothing), is displayed as valid UTF-8 in both languages,
 *     and its CSV export cell is read back by the import into the same stored value (what
 *     domain/export.h promises). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/calendar.h"
#include "domain/entities.h"
#include "domain/ftypes.h"
#include "domain/records.h"

static const field *fields[4096];
static const entity *owners[4096];
static int nfields;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    for (int k = 0; ngv_entities[k]; k++)
        for (int i = 0; i < ngv_entities[k]->nfields; i++) {
            const field *f = &ngv_entities[k]->fields[i];
            if (f->type == FT_REF || f->type == FT_REFS) continue;
            if (nfields == (int)(sizeof fields / sizeof *fields)) abort();
            owners[nfields] = ngv_entities[k];
            fields[nfields++] = f;
        }
    /* FUZZ_FIELDS_LIST=1: the fields in their order (for writing seeds), then exit */
    if (getenv("FUZZ_FIELDS_LIST")) {
        for (int i = 0; i < nfields; i++)
            printf("%d %s %s %d\n", i, owners[i]->table, fields[i]->name, (int)fields[i]->type);
        exit(0);
    }
    return 0;
}

static void broken(const char *promise, const field *f, const char *in, const char *out)
{
    fprintf(stderr, "fuzz_fields: %s (field %s): \"%s\" -> \"%s\"\n", promise, f ? f->name : "-",
            in, out ? out : "(null)");
    abort();
}

static void check_parsers(arena *a, const char *s)
{
    const char *d = parse_date(a, s);
    if (d) {
        if (strlen(d) != 10 || !calendar_day_valid(d)) broken("parse_date: no real day", 0, s, d);
        if (strspn(s, "0123456789-/") != strlen(s))
            broken("parse_date: took signs or spaces", 0, s, d);
        const char *again = parse_date(a, d);
        if (!again || strcmp(again, d))
            broken("parse_date: its output is not a fixed point", 0, d, again);
    }
    const char *n = parse_number(a, s);
    if (n) {
        const char *p = n + (*n == '-');
        size_t digits = strspn(p, "0123456789");
        if (!digits) broken("parse_number: no digits", 0, s, n);
        if (p[digits] == '.') {
            size_t frac = strspn(p + digits + 1, "0123456789");
            if (!frac || p[digits + 1 + frac]) broken("parse_number: not -D+(.D+)", 0, s, n);
            digits += frac;
        } else if (p[digits])
            broken("parse_number: not -D+(.D+)", 0, s, n);
        if (digits > 30) broken("parse_number: more than 30 digits", 0, s, n);
        const char *again = parse_number(a, n);
        if (!again || strcmp(again, n))
            broken("parse_number: its output is not a fixed point", 0, n, again);
    }
}

/* What rec_validate does with one value of f: the stored value, or NULL when refused. */
static const char *validate(ctx *x, const entity *e, const field *f, const char *v, bool *empty)
{
    *empty = false;
    if (!utf8_valid(v, strlen(v))) return NULL;
    char *t = text_trim(arena_strdup(x->a, v));
    if (!*t) return NULL;
    v = text_nfc(x->a, t);
    if ((int)utf8_chars(v) > field_maxlen(f)) return NULL;
    record r = rec_new(x->a, e);
    int fi = (int)(f - e->fields);
    r.v[fi] = v;
    verrs ve = {0};
    ftype_of(f)->validate(x, &r, fi, &ve);
    if (ve.n) return NULL;
    /* a value that means nothing (a set of no codes: ",") is stored as empty: only where
     * the field may be empty (rec_validate checks F_REQUIRED before) */
    if (!r.v[fi] && (f->flags & F_REQUIRED))
        broken("a required field accepted a value and stored none", f, v, NULL);
    *empty = !r.v[fi];
    return r.v[fi];
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 2) return 0;
    char *s = malloc(size - 1);
    memcpy(s, data + 2, size - 2);
    s[size - 2] = 0;
    arena a = {0};
    ctx x = {.a = &a, .lang = "vi", .username = "fuzz", .role = ROLE_ADMIN};
    check_parsers(&a, s);

    int k = (data[0] << 8 | data[1]) % nfields;
    const field *f = fields[k];
    const entity *e = owners[k];
    const ftype *t = ftype_of(f);
    bool empty;
    const char *v = validate(&x, e, f, s, &empty);
    if (v) {
        if (!utf8_valid(v, strlen(v))) broken("stored value not UTF-8", f, s, v);
        const char *again = validate(&x, e, f, v, &empty);
        if (!again || strcmp(again, v)) broken("stored value not accepted unchanged", f, v, again);
        for (int l = 0; l < 2; l++) {
            x.lang = l ? "en" : "vi";
            const char *shown = t->display(&x, f, v);
            if (!shown || !utf8_valid(shown, strlen(shown)))
                broken("display not UTF-8", f, v, shown);
            const char *cell = t->export_text(&x, f, v);
            if (!cell) broken("no CSV cell", f, v, NULL);
            char *trimmed = text_trim(arena_strdup(&a, cell));
            cell_reader cr = {.x = &x, .a = &a};
            const char *read = *trimmed ? t->import_cell(&cr, f, trimmed) : NULL;
            const char *back = read ? validate(&x, e, f, read, &empty) : NULL;
            if (!back || strcmp(back, v)) {
                fprintf(stderr, "fuzz_fields: the CSV cell \"%s\" (%s) is read as \"%s\"\n", cell,
                        x.lang, read ? read : "(null)");
                broken("CSV export not imported back", f, v, back);
            }
        }
    }
    arena_free(&a);
    free(s);
    return 0;
}
