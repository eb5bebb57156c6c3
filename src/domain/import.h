/* CSV import, all or nothing: every row of the file becomes a record, validated like a form,
 * inside one write transaction that is committed only when no row failed. Otherwise nothing
 * is stored and the report says, line by line, what to correct.
 *
 * The file: UTF-8 (a leading byte-order mark is skipped), RFC 4180 (quoted fields may hold
 * commas, doubled quotes and line breaks; CRLF or LF). The first row names the columns:
 * field names as in the CSV export ("name_vi", "country") or the field's Vietnamese or
 * English label, case and accents ignored; "created_at", "updated_at" (and their labels) are
 * ignored. A row whose "id" names a record updates that record with its columns (an export
 * edited and imported back), refused when its "version" is not the record's any more, and
 * left alone when it holds what the record does; a row without an id, or with one that
 * names no record here (an export of another database), is a new record. Rows whose cells are all
 * empty are skipped. Cells hold what a form takes; enumerations, sets and yes/no also take their
 * labels ("Tổ chức quốc tế", "Có"), countries and subdivisions "Name (CODE)" as the Excel
 * export writes them. */
#ifndef NGV_IMPORT_H
#define NGV_IMPORT_H
#include "ctx.h"

enum {
    IMPORT_MAX_BYTES = 10 * 1024 * 1024,
    IMPORT_MAX_ROWS = 50000,  /* data rows, header not counted */
    IMPORT_MAX_ERRORS = 1000, /* entries kept in the report; the rest are counted */
};

typedef struct {
    long long line;      /* physical line where the row starts (1 = header); 0 = the file */
    const char *field;   /* field name, the column as written (header errors), or NULL */
    int fi;              /* index of the field in the description, or -1 */
    const char *message; /* in the context's language */
} import_error;

typedef struct {
    int status;         /* an rstatus: RS_OK, RS_INVALID (see errors), RS_FORBIDDEN, RS_ERROR */
    long long imported; /* records stored (0 unless RS_OK), created or updated */
    long long updated;  /* of them, existing ones a row's id named */
    long long rows;     /* data rows read */
    import_error *errors;
    int nerrors;
    long long more; /* errors found beyond the IMPORT_MAX_ERRORS kept */
} import_result;

/* Imports data[0..len) as records of type e; everything the result points to is in x->a.
 * Writers only. Returns res->status. */
int import_csv(ctx *x, const entity *e, const char *data, size_t len, import_result *res);
#endif
