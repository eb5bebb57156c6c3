/* buf: a growable byte buffer owned by whoever declared it (buf_free releases it).
 * Plain bytes only: HTML goes through html.h, which escapes by default. */
#ifndef NGV_BUF_H
#define NGV_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len, cap;
} buf;

void buf_grow(buf *b, size_t extra);
void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s); /* NULL writes nothing */
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
const char *buf_cstr(buf *b); /* NUL-terminated view of the contents (never NULL) */
char *buf_detach(buf *b);     /* caller owns the malloc'd string; b is emptied */
void buf_reset(buf *b);
void buf_free(buf *b);
#endif
