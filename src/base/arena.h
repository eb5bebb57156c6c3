/* Arena: a bump allocator for everything a request (or a command) needs. Nothing
 * allocated from an arena is freed alone; arena_free() releases it all at once, which
 * is how a per-request arena makes leaks impossible in the long-running server. */
#ifndef NGV_ARENA_H
#define NGV_ARENA_H
#include <stddef.h>
#include <stdarg.h>

typedef struct arena_chunk arena_chunk;
typedef struct {
    arena_chunk *head;
    size_t total; /* bytes handed out, for diagnostics */
} arena;

void *arena_alloc(arena *a, size_t n);       /* zeroed, aligned to 16; aborts on out of memory */
char *arena_strdup(arena *a, const char *s); /* NULL stays NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* The strings up to the first NULL, one after the other (no format to parse: for what is
 * put together at every request). */
char *arena_cat(arena *a, ...) __attribute__((sentinel));
void arena_free(arena *a);

/* malloc that aborts instead of returning NULL: out of memory is not a request error. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
#endif
