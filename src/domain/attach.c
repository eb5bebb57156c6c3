#include "attach.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "entities.h"

const char *attach_sniff(const void *data, size_t n)
{
    const unsigned char *p = data;
    if (n >= 5 && !memcmp(p, "%PDF-", 5)) return "application/pdf";
    if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) return "image/png";
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return "image/jpeg";
    return NULL;
}

/* A bidirectional control at p (UTF-8): the marks U+200E, U+200F, U+061C, the embeddings
 * and overrides U+202A-U+202E, the isolates U+2066-U+2069. In a file name they turn what a
 * reader sees of it around (its extension above all). */
static bool bidi_control(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == 0xd8 && u[1] == 0x9c) return true;
    if (u[0] != 0xe2) return false;
    if (u[1] == 0x80) return u[2] == 0x8e || u[2] == 0x8f || (u[2] >= 0xaa && u[2] <= 0xae);
    return u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9;
}

const char *attach_clean_name(arena *a, const char *name)
{
    if (!name || !utf8_valid(name, strlen(name))) return NULL;
    const char *base = name;
    for (const char *p = name; *p; p++) /* the last part of any path, / or \ */
        if (*p == '/' || *p == '\\') base = p + 1;
    char *s = arena_strdup(a, base), *o = s;
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (bidi_control(p)) { /* "scan\u202Efdp.exe" would show as "scanexe.pdf" */
            p += (ch == 0xd8 ? 2 : 3) - 1;
            continue;
        }
        if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == ':' || ch == '*' || ch == '?' ||
            ch == '<' || ch == '>' || ch == '|')
            continue;
        *o++ = (char)ch;
    }
    *o = 0;
    text_trim(s);
    while (*s == '.')
        s++; /* no hidden files, no ".." */
    if (!*s) return NULL;
    const char *nfc = text_nfc(a, s);
    if (!nfc) return NULL;
    if (utf8_chars(nfc) > 200) {
        /* cut at 200 characters, on a character boundary */
        size_t chars = 0, i = 0;
        while (nfc[i] && chars < 200) {
            i++;
            while (((unsigned char)nfc[i] & 0xC0) == 0x80)
                i++;
            chars++;
        }
        nfc = arena_strndup(a, nfc, i);
    }
    return nfc;
}

rstatus attach_add(ctx *x, const entity *e, long long rid, const char *name, const void *data,
                   size_t n, verrs *ve, attach_row *out)
{
    if (!role_can(x->role, PERM_WRITE)) return RS_FORBIDDEN;
    if (!e->attachments) return RS_NOTFOUND;
    if (st_rec_exists(x->c, e, rid) != ST_OK) return RS_NOTFOUND;
    const char *mime = NULL, *clean = attach_clean_name(x->a, name);
    if (!data)
        verrs_add(ve, "file", M_FILE_MISSING, 0);
    else if (!n)
        verrs_add(ve, "file", M_FILE_EMPTY, 0);
    else if (n > ATTACH_MAX_BYTES)
        verrs_add(ve, "file", M_FILE_TOO_BIG, 0);
    else if (!(mime = attach_sniff(data, n)))
        verrs_add(ve, "file", M_FILE_TYPE, 0);
    else if (!clean)
        verrs_add(ve, "file", M_FILE_NAME, 0);
    if (ve->n) return RS_INVALID;
    char sha[65], err[256], now[32];
    if (files_put(x->c, data, n, sha, err, sizeof err) != 0) {
        log_error("attachment: %s", err);
        return RS_ERROR;
    }
    clock_iso_now(now);
    *out = (attach_row){.rid = rid,
                        .size = (long long)n,
                        .entity = e->name,
                        .sha256 = arena_strdup(x->a, sha),
                        .name = clean,
                        .mime = mime,
                        .username = x->username,
                        .at = arena_strdup(x->a, now)};
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_attach_add(x->c, out, x->user_id, &out->id);
    json_t *nj = json_pack("{s:{s:s,s:s,s:s,s:I}}", "attachment", "name", clean, "sha256", sha,
                           "type", mime, "size", (json_int_t)n);
    char *ns = json_dumps(nj, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(nj);
    if (!rc)
        rc = st_audit_add(x->c, x->user_id, x->username, e->name, rid, "update", NULL, ns, now);
    free(ns);
    if (rc || store_commit(x->c)) {
        store_rollback(x->c);
        return RS_ERROR;
    }
    return RS_OK;
}

rstatus attach_get(ctx *x, const char *sha, attach_row *meta, buf *data)
{
    attach_row *rows;
    int n = 0;
    if (st_attach_by_sha(x->c, x->a, sha, &rows, &n) != ST_OK) return RS_ERROR;
    /* readable when one of the records holding it is readable by this user */
    for (int i = 0; i < n; i++) {
        const entity *e = entity_by_name(rows[i].entity);
        record r;
        if (!e || rec_get(x, e, rows[i].rid, &r) != RS_OK) continue;
        char err[256];
        if (files_get(x->c, sha, data, err, sizeof err) != 0) {
            log_error("attachment: %s", err);
            return RS_ERROR;
        }
        *meta = rows[i];
        return RS_OK;
    }
    return n && !role_can(x->role, PERM_READ) ? RS_FORBIDDEN : RS_NOTFOUND;
}

rstatus attach_delete(ctx *x, long long id, attach_row *out)
{
    if (!role_can(x->role, PERM_WRITE)) return RS_FORBIDDEN;
    attach_row a;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_attach_get(x->c, x->a, id, &a);
    if (!rc) *out = a;
    if (rc) {
        store_rollback(x->c);
        return rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
    }
    char now[32];
    clock_iso_now(now);
    json_t *oj = json_pack("{s:{s:s,s:s}}", "attachment", "name", a.name, "sha256", a.sha256);
    char *os = json_dumps(oj, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(oj);
    rc = st_attach_del(x->c, id);
    if (!rc)
        rc = st_audit_add(x->c, x->user_id, x->username, a.entity, a.rid, "update", os, NULL, now);
    free(os);
    if (rc || store_commit(x->c)) {
        store_rollback(x->c);
        return RS_ERROR;
    }
    return RS_OK; /* the bytes stay: the same content may belong to other records */
}
