#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
};

enum { CHUNK_MIN = 8192 };

/* One chunk of the smallest size kept per thread once its arena is freed, for the next
 * arena of that thread: a request's arena is one such chunk mostly, and taking it back
 * costs no malloc, no free and none of the consolidation a freed 8 kB chunk sets off in
 * glibc's allocator. A thread that ends gives its chunk back. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_init(void)
{
    if (pthread_key_create(&spare_key, free)) abort();
}

static arena_chunk *spare_take(void)
{
    pthread_once(&spare_once, spare_init);
    arena_chunk *c = pthread_getspecific(spare_key);
    if (c) pthread_setspecific(spare_key, NULL);
    return c;
}

static bool spare_give(arena_chunk *c)
{
    pthread_once(&spare_once, spare_init);
    if (pthread_getspecific(spare_key)) return false;
    return pthread_setspecific(spare_key, c) == 0;
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("ngoaivu: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("ngoaivu: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > CHUNK_MIN ? n : CHUNK_MIN;
        /* grow chunk size with the arena so big responses don't make many chunks */
        if (a->total > cap && a->total < (64u << 20)) cap = a->total > n ? a->total : n;
        c = cap == CHUNK_MIN ? spare_take() : NULL;
        if (!c) c = xmalloc(sizeof *c + cap);
        c->cap = cap;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    if (!s) return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    /* a missing format (a message absent from a catalogue) prints as nothing; saying so
     * here also keeps gcc's -Wformat-truncation quiet under -fsanitize=undefined */
    if (!fmt) return arena_strndup(a, "", 0);
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof small)
        memcpy(p, small, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

char *arena_cat(arena *a, ...)
{
    va_list ap;
    va_start(ap, a);
    size_t n = 0;
    for (const char *s; (s = va_arg(ap, const char *));)
        n += strlen(s);
    va_end(ap);
    char *out = arena_alloc(a, n + 1), *p = out;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *));) {
        size_t k = strlen(s);
        memcpy(p, s, k);
        p += k;
    }
    va_end(ap);
    *p = 0;
    return out;
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *n = c->next;
        if (c->cap != CHUNK_MIN || !spare_give(c)) free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}
