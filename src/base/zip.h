/* zipw: a small ZIP archive writer into memory, for the Office Open XML packages (DOCX,
 * XLSX) the documents are drawn as. Each entry is deflated with zlib (a raw deflate stream,
 * method 8) or stored (method 0) when deflating would not make it smaller; CRC-32 comes from
 * zlib. Names are UTF-8 (general-purpose flag bit 11). Every entry carries the one DOS date
 * given to zipw_new, at 00:00:00, so the same entries in the same order give the same bytes:
 * nothing is read from the clock.
 *
 * Not ZIP64: at most 65535 entries, and every size and offset below 4 GiB (zipw_add fails
 * beyond). A zipw belongs to one thread; there is no shared state.
 *
 *     zipw *z = zipw_new(&out, 2019, 4, 5);
 *     zipw_add(z, "[Content_Types].xml", xml, len);
 *     ...
 *     if (zipw_finish(z) < 0) ... (out is as it was before zipw_new)
 */
#ifndef NGV_ZIP_H
#define NGV_ZIP_H
#include <stddef.h>

#include "buf.h"

typedef struct zipw zipw;

/* Starts an archive appended to out (what out already holds stays in front: offsets in the
 * archive count from where it begins). Every entry is dated year-mon-day 00:00:00; a year
 * outside DOS's 1980..2107 is clamped into it, a month or day out of range becomes 1. Never
 * NULL (out of memory aborts, as everywhere in the project). */
zipw *zipw_new(buf *out, int year, int mon, int day);

/* Adds the file name (UTF-8, '/' between folders, no leading '/', 1..65535 bytes) holding n
 * bytes of data (data may be NULL when n is 0). Returns 0, or -1 (a bad name, too large, a
 * zlib failure): the archive is then spoilt and zipw_finish will fail. */
int zipw_add(zipw *z, const char *name, const void *data, size_t n);

/* Writes the central directory and the end record, and frees z. Returns 0; or -1 when an
 * earlier zipw_add failed, and then out is cut back to what it held before zipw_new. */
int zipw_finish(zipw *z);

/* Frees z without finishing: out is cut back to what it held before zipw_new. NULL is
 * allowed. */
void zipw_abort(zipw *z);
#endif
