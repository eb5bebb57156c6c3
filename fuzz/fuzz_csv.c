/* libFuzzer target: CSV import (domain/import.c), all rows or none, into the demo database
 * (fuzz/harness.c opens it; its server is idle here). An input is one byte that chooses the
 * record type (byte % the number of types), then the file. The promises of import.h checked
 * (abort() when broken):
 *   - the status is RS_OK or RS_INVALID (the importer is an admin; no database trouble);
 *   - RS_OK: no error in the report, imported <= rows, updated <= imported, and the type
 *     holds (imported - updated) records more;
 *   - RS_INVALID: at least one error (kept or counted), nothing imported, and the number of
 *     records unchanged (all or nothing);
 *   - every message is valid UTF-8, every line is within the file's lines, every field index
 *     within the type's fields, at most IMPORT_MAX_ERRORS kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/app.h"
#include "domain/entities.h"
#include "domain/import.h"
#include "domain/records.h"
#include "harness.h"
#include "store/store.h"

static int ntypes;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    harness_init("fuzz_csv");
    while (ngv_entities[ntypes])
        ntypes++;
    return 0;
}

static long long count(conn *c, const entity *e)
{
    list_query q = {.sort = -1};
    long long n = -1;
    if (st_rec_count(c, e, &q, &n) != ST_OK) harness_die("st_rec_count", store_errmsg(c));
    return n;
}

static void broken(const char *promise, const entity *e, const import_result *res)
{
    fprintf(stderr,
            "fuzz_csv: %s (%s): status %d, %lld imported, %lld updated, %lld rows, %d errors\n",
            promise, e->table, res->status, res->imported, res->updated, res->rows, res->nerrors);
    for (int i = 0; i < res->nerrors && i < 5; i++)
        fprintf(stderr, "  line %lld, %s: %s\n", res->errors[i].line,
                res->errors[i].field ? res->errors[i].field : "-", res->errors[i].message);
    abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1) return 0;
    const entity *e = ngv_entities[data[0] % ntypes];
    const char *csv = (const char *)data + 1;
    size_t len = size - 1;
    long long lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += csv[i] == '\n' || (csv[i] == '\r' && (i + 1 == len || csv[i + 1] != '\n'));

    store *st = harness_store();
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = app_cli_ctx(c, &a);
    x.lang = data[0] & 0x80 ? "en" : "vi";
    long long before = count(c, e);
    import_result res = {0};
    int rc = import_csv(&x, e, csv, len, &res);
    long long after = count(c, e);
    if (rc != res.status) broken("the return is not the status", e, &res);
    if (rc == RS_OK) {
        if (res.nerrors || res.more) broken("errors in an import that succeeded", e, &res);
        if (res.imported > res.rows || res.updated > res.imported || res.updated < 0)
            broken("more imported than rows", e, &res);
        if (after - before != res.imported - res.updated)
            broken("the records added are not those imported", e, &res);
    } else if (rc == RS_INVALID) {
        if (!res.nerrors && !res.more) broken("refused without an error", e, &res);
        if (res.imported || after != before) broken("a refused import stored records", e, &res);
    } else
        broken("neither done nor refused", e, &res);
    if (res.nerrors > IMPORT_MAX_ERRORS || res.nerrors < 0) broken("too many errors kept", e, &res);
    for (int i = 0; i < res.nerrors; i++) {
        const import_error *er = &res.errors[i];
        if (!er->message || !utf8_valid(er->message, strlen(er->message)))
            broken("a message not UTF-8", e, &res);
        if (er->field && !utf8_valid(er->field, strlen(er->field)))
            broken("a column name not UTF-8", e, &res);
        if (er->line < 0 || er->line > lines)
            broken("an error on a line the file has not", e, &res);
        if (er->fi < -1 || er->fi >= e->nfields) broken("an error on no field", e, &res);
    }
    arena_free(&a);
    store_release(st, c);
    return 0;
}
