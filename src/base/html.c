#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void html_text(buf *b, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((unsigned char)*s < 0x80) continue;
            /* a byte of no valid UTF-8 sequence becomes U+FFFD: the page stays UTF-8 whatever
             * a client sent (a query string's %E9) */
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
            if (k > 0) {
                s += k - 1;
                continue;
            }
            rep = "\xEF\xBF\xBD";
        }
        buf_put(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_put(b, run, (size_t)(s - run));
}

void html_urlenc(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_putc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_put(b, e, 3);
        }
    }
}

void html_raw(buf *b, const char *s)
{
    buf_puts(b, s);
}

void html_vprintf(buf *b, const char *fmt, va_list ap)
{
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        buf_put(b, run, (size_t)(p - run));
        p++;
        switch (*p) {
        case 's':
            html_text(b, va_arg(ap, const char *));
            break;
        case 'u':
            html_urlenc(b, va_arg(ap, const char *));
            break;
        case 'd':
            buf_printf(b, "%d", va_arg(ap, int));
            break;
        case 'D':
            buf_printf(b, "%lld", va_arg(ap, long long));
            break;
        case '%':
            buf_putc(b, '%');
            break;
        default:
            fprintf(stderr, "html_printf: bad conversion %%%c in \"%s\"\n", *p ? *p : '0', fmt);
            abort();
        }
        run = p + 1;
    }
    buf_puts(b, run);
}

void html_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vprintf(b, fmt, ap);
    va_end(ap);
}
