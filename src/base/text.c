#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

#include "log.h"

bool utf8_valid(const char *s, size_t n)
{
    if (n == 0) return true; /* s may then be NULL (an empty buf's data): no NULL + 0 */
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);
        if (k <= 0 || cp == 0) return false; /* invalid, or an embedded NUL */
        p += k;
    }
    return true;
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

char *text_nfc(arena *a, const char *s)
{
    if (!s) return NULL;
    if (!utf8_valid(s, strlen(s))) return NULL;
    utf8proc_uint8_t *out = utf8proc_NFC((const utf8proc_uint8_t *)s);
    if (!out) return NULL;
    char *r = arena_strdup(a, (char *)out);
    free(out);
    return r;
}

char *text_upper(arena *a, const char *s)
{
    char *n = text_nfc(a, s);
    if (!n) return NULL;
    size_t len = strlen(n);
    /* an upper-case letter takes at most 4 bytes in UTF-8, and Vietnamese ones as many as
     * their lower case: room for each code point's worst case */
    char *out = arena_alloc(a, len * 4 + 1), *o = out;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)n;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return NULL;
        o += utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)o);
        p += k;
    }
    *o = 0;
    return text_nfc(a, out);
}

/* Characters folded to ASCII 'd' by hand: utf8proc has no decomposition for them. */
static utf8proc_int32_t fold_extra(utf8proc_int32_t cp)
{
    if (cp == 0x0111 || cp == 0x0110) return 'd'; /* đ Đ */
    return cp;
}

char *text_fold(arena *a, const char *s)
{
    if (!s) return arena_strdup(a, "");
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                                      UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                          UTF8PROC_CASEFOLD);
    if (n < 0) return arena_strdup(a, "");
    char *out = arena_alloc(a, (size_t)n * 2 + 1);
    size_t o = 0;
    const utf8proc_uint8_t *p = m, *end = m + n;
    bool space = true; /* collapse runs of separators, no leading space */
    while (p < end) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);
        if (k <= 0) break;
        p += k;
        cp = fold_extra(cp);
        utf8proc_category_t cat = utf8proc_category(cp);
        bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
                    (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
        if (!word) {
            if (!space) out[o++] = ' ';
            space = true;
            continue;
        }
        o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
        space = false;
    }
    if (o && out[o - 1] == ' ') o--;
    out[o] = 0;
    free(m);
    return out;
}

unsigned text_controls(arena *a, const char *s, const char **out)
{
    *out = NULL;
    bool breaks = false;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return 0xFFFD; /* not UTF-8: the caller checked it was */
        p += k;
        if (cp == '\v' || cp == '\f' || cp == 0x85)
            breaks = true;
        else if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                 (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF)
            return (unsigned)cp;
    }
    if (!breaks) {
        *out = s;
        return 0;
    }
    char *t = arena_alloc(a, strlen(s) + 1), *q = t;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p == '\v' || *p == '\f') {
            *q++ = '\n';
            p++;
        } else if (p[0] == 0xC2 && p[1] == 0x85) {
            *q++ = '\n';
            p += 2;
        } else {
            *q++ = (char)*p++;
        }
    }
    *q = 0;
    *out = t;
    return 0;
}

char *text_trim(char *s)
{
    if (!s) return s;
    char *p = s;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
        n--;
    memmove(s, p, n);
    s[n] = 0;
    return s;
}

bool text_is_blank(const char *s)
{
    if (!s) return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}

/* ---- Vietnamese alphabetical order: ICU's "vi" collation (CLDR), as sort keys */

static UCollator *vi_coll;
static pthread_once_t vi_once = PTHREAD_ONCE_INIT;

static void vi_open(void)
{
    UErrorCode st = U_ZERO_ERROR;
    vi_coll = ucol_open("vi", &st);
    if (U_FAILURE(st)) {
        log_error("ICU: no \"vi\" collation (%s): sorting by code points", u_errorName(st));
        vi_coll = NULL;
    }
}

const unsigned char *text_sort_key(arena *a, const char *s, size_t *len)
{
    *len = 0;
    if (!s) return NULL;
    pthread_once(&vi_once, vi_open);
    /* UTF-8 to UTF-16 (ICU's strings): at most one UTF-16 unit per byte */
    size_t n = strlen(s);
    UChar stack[256], *u = n < 256 ? stack : malloc((n + 1) * sizeof(UChar));
    if (!u) abort();
    UErrorCode st = U_ZERO_ERROR;
    int32_t un = 0;
    u_strFromUTF8(u, (int32_t)n + 1, &un, s, (int32_t)n, &st);
    unsigned char *key = NULL;
    if (U_SUCCESS(st) && vi_coll) {
        int32_t need = ucol_getSortKey(vi_coll, u, un, NULL, 0);
        key = arena_alloc(a, (size_t)need);
        ucol_getSortKey(vi_coll, u, un, key, need);
        *len = (size_t)need - 1; /* without the closing zero byte */
    } else {                     /* no collator: the text itself, whose bytes sort by code point */
        key = (unsigned char *)arena_strdup(a, s);
        *len = n;
    }
    if (u != stack) free(u);
    return key;
}
