#include "record.h"

#include <stdio.h>
#include <string.h>

static const field_store stores[FT_COUNT] = {
    [FT_TEXT] = {FS_TEXT, FJ_STRING, .words = true},
    [FT_LONGTEXT] = {FS_TEXT, FJ_STRING, .words = true},
    [FT_ENUM] = {FS_TEXT, FJ_STRING},
    [FT_SET] = {FS_TEXT, FJ_CODES, .codes = true},
    [FT_COUNTRY] = {FS_TEXT, FJ_STRING},
    [FT_SUBDIV] = {FS_TEXT, FJ_STRING},
    [FT_REF] = {FS_INTEGER, FJ_NUMBER},
    [FT_BOOL] = {FS_INTEGER, FJ_BOOL},
    [FT_EMAIL] = {FS_TEXT, FJ_STRING, .words = true},
    [FT_URL] = {FS_TEXT, FJ_STRING, .words = true},
    [FT_PHONE] = {FS_TEXT, FJ_STRING},
    [FT_DATE] = {FS_TEXT, FJ_STRING},
    [FT_NUMBER] = {FS_NUMBER, FJ_NUMBER},
    [FT_REFS] = {FS_INTEGER, FJ_IDS, .own_table = true},
};

const field_store *field_store_of(const field *f)
{
    return &stores[f->type];
}

int field_store_check(char *err, size_t errlen)
{
    for (int t = 0; t < FT_COUNT; t++)
        if (!stores[t].storage || !stores[t].json) {
            snprintf(err, errlen, "field type %d has no row in the store's table (store/record.c)",
                     t);
            return -1;
        }
    return 0;
}

void verrs_add(verrs *v, const char *fname, int msg, long long arg)
{
    for (int i = 0; i < v->n; i++) /* one message per field is enough */
        if (fname && v->e[i].field && strcmp(v->e[i].field, fname) == 0) return;
    if (v->n >= VERRS_MAX) return;
    v->e[v->n].field = fname;
    v->e[v->n].msg = msg;
    v->e[v->n].arg = arg;
    v->n++;
}

int entity_field_index(const entity *e, const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0) return i;
    return -1;
}

int entity_title_index(const entity *e)
{
    for (int i = 0; i < e->nfields; i++)
        if (e->fields[i].flags & F_TITLE) return i;
    return 0;
}

const char *record_get(const record *r, const char *name)
{
    int i = entity_field_index(r->e, name);
    return i < 0 ? NULL : r->v[i];
}

const enum_opt *field_opt(const field *f, const char *code)
{
    if (!f->opts || !code) return NULL;
    for (const enum_opt *o = f->opts; o->code; o++)
        if (strcmp(o->code, code) == 0) return o;
    return NULL;
}
