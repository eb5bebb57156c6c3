/* Files attached to records (an agreement's signed scans): size-limited, type-checked by
 * their content, stored once by their SHA-256, readable by whoever may read the record. */
#ifndef NGV_ATTACH_H
#define NGV_ATTACH_H
#include "records.h"

enum { ATTACH_MAX_BYTES = 20 * 1024 * 1024 };

/* The type of a file from its first bytes: "application/pdf", "image/png", "image/jpeg",
 * or NULL for anything else (the name and the client's type are not believed). */
const char *attach_sniff(const void *data, size_t n);
/* A file name safe to show and to offer for download: no folders, no control characters,
 * NFC, at most 200 characters; NULL when nothing is left of it. */
const char *attach_clean_name(arena *a, const char *name);
/* Attaches a file to record (e, rid): writers only; errors in ve (field "file"). */
rstatus attach_add(ctx *x, const entity *e, long long rid, const char *name, const void *data,
                   size_t n, verrs *ve, attach_row *out);
/* The file with this SHA-256, if it belongs to a record this user may read: its row (the
 * newest one holding it) and its bytes. */
rstatus attach_get(ctx *x, const char *sha, attach_row *meta, buf *data);
/* Removes attachment id from its record (writers; audited on the record); *out: the row it
 * was, to say which record it belonged to. The bytes stay: others may hold the same file. */
rstatus attach_delete(ctx *x, long long id, attach_row *out);
#endif
