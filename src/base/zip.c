/* zipw: the ZIP writer (see zip.h). The layout is the plain one of the PKWARE APPNOTE: for
 * each entry a local file header, its name and its data (sizes and CRC known in advance, so
 * no data descriptor); then the central directory, one record per entry; then the end of
 * central directory record. All fields little-endian. */
#include "zip.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "arena.h"

enum {
    SIG_LOCAL = 0x04034b50,
    SIG_CENTRAL = 0x02014b50,
    SIG_END = 0x06054b50,
    VERSION = 20,         /* 2.0: deflate; "made by" MS-DOS, so no Unix permissions */
    FLAG_UTF8 = 1u << 11, /* names are UTF-8 */
    METHOD_STORE = 0,
    METHOD_DEFLATE = 8,
    MAX_ENTRIES = 0xffff,
};

struct zipw {
    buf *out;
    size_t base; /* out->len when the archive began */
    buf central; /* the central directory, written out by zipw_finish */
    unsigned n;  /* entries so far */
    int failed;  /* a zipw_add failed */
    uint16_t date, time;
};

static void put16(buf *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)(v & 0xff), (unsigned char)((v >> 8) & 0xff)};
    buf_put(b, c, 2);
}

static void put32(buf *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)(v & 0xff), (unsigned char)((v >> 8) & 0xff),
                          (unsigned char)((v >> 16) & 0xff), (unsigned char)((v >> 24) & 0xff)};
    buf_put(b, c, 4);
}

zipw *zipw_new(buf *out, int year, int mon, int day)
{
    zipw *z = xmalloc(sizeof *z);
    memset(z, 0, sizeof *z);
    z->out = out;
    z->base = out->len;
    if (year < 1980) year = 1980;
    if (year > 2107) year = 2107;
    if (mon < 1 || mon > 12) mon = 1;
    if (day < 1 || day > 31) day = 1;
    z->date = (uint16_t)(((year - 1980) << 9) | (mon << 5) | day);
    z->time = 0; /* 00:00:00 */
    return z;
}

/* Raw deflate of data into *dst (malloc'd, *dlen bytes); 0 or -1. */
static int deflate_raw(const void *data, size_t n, unsigned char **dst, size_t *dlen)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    /* -15: a raw stream (no zlib header or trailer), as ZIP's method 8 wants */
    if (deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    size_t cap = deflateBound(&s, (uLong)n);
    unsigned char *o = xmalloc(cap ? cap : 1);
    s.next_in = (Bytef *)data;
    s.avail_in = (uInt)n;
    s.next_out = o;
    s.avail_out = (uInt)cap;
    int rc = deflate(&s, Z_FINISH);
    size_t got = cap - s.avail_out;
    deflateEnd(&s);
    if (rc != Z_STREAM_END) {
        free(o);
        return -1;
    }
    *dst = o;
    *dlen = got;
    return 0;
}

int zipw_add(zipw *z, const char *name, const void *data, size_t n)
{
    if (z->failed) return -1;
    size_t nlen = name ? strlen(name) : 0;
    /* zlib's counts are uInt: keep every entry (and the archive) well inside 32 bits */
    if (!nlen || nlen > 0xffff || name[0] == '/' || (n && !data) || n >= UINT32_MAX ||
        n > UINT_MAX || z->n >= MAX_ENTRIES)
        goto fail;

    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data, (uInt)n);
    unsigned char *packed = NULL;
    size_t plen = 0;
    unsigned method = METHOD_STORE;
    const void *body = data;
    size_t blen = n;
    if (n) {
        if (deflate_raw(data, n, &packed, &plen) < 0) goto fail;
        if (plen < n) {
            method = METHOD_DEFLATE;
            body = packed;
            blen = plen;
        }
    }

    size_t offset = z->out->len - z->base;
    if (offset + 30 + nlen + blen >= UINT32_MAX) {
        free(packed);
        goto fail;
    }

    buf *o = z->out;
    put32(o, SIG_LOCAL);
    put16(o, VERSION);
    put16(o, FLAG_UTF8);
    put16(o, method);
    put16(o, z->time);
    put16(o, z->date);
    put32(o, crc);
    put32(o, (uint32_t)blen);
    put32(o, (uint32_t)n);
    put16(o, (unsigned)nlen);
    put16(o, 0); /* extra field */
    buf_put(o, name, nlen);
    buf_put(o, body, blen);
    free(packed);

    buf *c = &z->central;
    put32(c, SIG_CENTRAL);
    put16(c, VERSION); /* made by */
    put16(c, VERSION); /* needed to extract */
    put16(c, FLAG_UTF8);
    put16(c, method);
    put16(c, z->time);
    put16(c, z->date);
    put32(c, crc);
    put32(c, (uint32_t)blen);
    put32(c, (uint32_t)n);
    put16(c, (unsigned)nlen);
    put16(c, 0); /* extra field */
    put16(c, 0); /* comment */
    put16(c, 0); /* disk number */
    put16(c, 0); /* internal attributes */
    put32(c, 0); /* external attributes */
    put32(c, (uint32_t)offset);
    buf_put(c, name, nlen);
    z->n++;
    return 0;
fail:
    z->failed = 1;
    return -1;
}

/* Cuts out back to where the archive began and frees z. */
static void discard(zipw *z)
{
    z->out->len = z->base;
    if (z->out->data) z->out->data[z->out->len] = 0;
    buf_free(&z->central);
    free(z);
}

int zipw_finish(zipw *z)
{
    size_t cd_offset = z->out->len - z->base;
    if (z->failed || cd_offset + z->central.len + 22 >= UINT32_MAX) {
        discard(z);
        return -1;
    }
    buf *o = z->out;
    buf_put(o, z->central.data, z->central.len);
    put32(o, SIG_END);
    put16(o, 0);    /* this disk */
    put16(o, 0);    /* the disk where the directory starts */
    put16(o, z->n); /* entries on this disk */
    put16(o, z->n); /* entries in all */
    put32(o, (uint32_t)z->central.len);
    put32(o, (uint32_t)cd_offset);
    put16(o, 0); /* comment */
    buf_free(&z->central);
    free(z);
    return 0;
}

void zipw_abort(zipw *z)
{
    if (z) discard(z);
}
