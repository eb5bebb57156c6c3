/* The HTML writer. Every value goes in escaped for its context; markup can only come
 * from the format string itself (a literal in the code) or from html_raw(), an
 * explicitly named call a reviewer can grep for.
 *
 * html_printf conversions:
 *   %s  text or quoted attribute value: & < > " ' are escaped (NULL writes nothing), and
 *       each byte that begins no valid UTF-8 sequence becomes U+FFFD
 *   %u  URL component: everything but unreserved characters is percent-encoded
 *   %d  int          %D  long long       %%  a percent sign
 * Anything else aborts: a wrong conversion is a programming error found by the tests. */
#ifndef NGV_HTML_H
#define NGV_HTML_H
#include "buf.h"

void html_printf(buf *b, const char *fmt, ...);
void html_vprintf(buf *b, const char *fmt, va_list ap);
void html_text(buf *b, const char *s);   /* same as %s */
void html_urlenc(buf *b, const char *s); /* same as %u */
void html_raw(buf *b, const char *s);    /* trusted markup, unescaped */
#endif
