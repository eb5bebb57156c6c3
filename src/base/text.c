#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool utf8_valid(const char *s, size_t n)
{
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
