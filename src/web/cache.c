#include "cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"

/* An answer's bytes, counted: the cache holds one reference, and each response being sent
 * from it another (cache_get_shared), so that a sent answer is never copied and an entry
 * replaced or cleared meanwhile stays alive until its last response is sent. */
struct cache_body {
    atomic_int refs;
    size_t n;
    _Atomic(struct made *) made; /* what was made of it once for all its answers, or NULL */
    char data[];
};

struct made {
    unsigned long tag;
    void *obj;
    void (*obj_free)(void *); /* how obj is given back, with the body */
};

typedef struct entry {
    char *key;
    long long version;
    cache_body *body;
    size_t n;
    struct entry *next;
} entry;

static cache_body *body_new(const char *data, size_t n)
{
    cache_body *b = xmalloc(sizeof *b + (n ? n : 1));
    atomic_init(&b->refs, 1);
    b->n = n;
    atomic_init(&b->made, NULL);
    memcpy(b->data, data, n);
    return b;
}

void cache_unref(void *ref)
{
    cache_body *b = ref;
    if (!b || atomic_fetch_sub(&b->refs, 1) != 1) return;
    struct made *m = atomic_load(&b->made);
    if (m) {
        m->obj_free(m->obj);
        free(m);
    }
    free(b);
}

void *cache_body_made(cache_body *b, unsigned long tag)
{
    struct made *m = atomic_load_explicit(&b->made, memory_order_acquire);
    return m && m->tag == tag ? m->obj : NULL;
}

void *cache_body_keep(cache_body *b, void *obj, unsigned long tag, void (*obj_free)(void *))
{
    if (atomic_load(&b->made)) return NULL;
    struct made *m = xmalloc(sizeof *m), *none = NULL;
    *m = (struct made){tag, obj, obj_free};
    if (atomic_compare_exchange_strong_explicit(&b->made, &none, m, memory_order_release,
                                                memory_order_acquire))
        return obj;
    free(m);
    return NULL;
}

struct resp_cache {
    pthread_rwlock_t lock;
    entry **slots;
    size_t nslots, bytes, max; /* bytes held, the most it may hold */
};

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

resp_cache *cache_new(size_t max_bytes)
{
    resp_cache *c = xmalloc(sizeof *c);
    pthread_rwlock_init(&c->lock, NULL);
    c->max = max_bytes;
    c->nslots = 4096;
    c->slots = calloc(c->nslots, sizeof *c->slots);
    if (!c->slots) abort();
    c->bytes = 0;
    return c;
}

static void clear(resp_cache *c)
{
    for (size_t i = 0; i < c->nslots; i++) {
        for (entry *e = c->slots[i], *n; e; e = n) {
            n = e->next;
            free(e->key);
            cache_unref(e->body);
            free(e);
        }
        c->slots[i] = NULL;
    }
    c->bytes = 0;
}

void cache_free(resp_cache *c)
{
    if (!c) return;
    clear(c);
    free(c->slots);
    pthread_rwlock_destroy(&c->lock);
    free(c);
}

size_t cache_bytes(resp_cache *c)
{
    pthread_rwlock_rdlock(&c->lock);
    size_t n = c->bytes;
    pthread_rwlock_unlock(&c->lock);
    return n;
}

bool cache_get(resp_cache *c, const char *key, long long version, buf *out)
{
    bool hit = false;
    pthread_rwlock_rdlock(&c->lock);
    for (entry *e = c->slots[hash(key) % c->nslots]; e; e = e->next) {
        if (e->version == version && strcmp(e->key, key) == 0) {
            buf_put(out, e->body->data, e->n);
            hit = true;
            break;
        }
    }
    pthread_rwlock_unlock(&c->lock);
    return hit;
}

cache_body *cache_get_shared(resp_cache *c, const char *key, long long version)
{
    cache_body *b = NULL;
    pthread_rwlock_rdlock(&c->lock);
    for (entry *e = c->slots[hash(key) % c->nslots]; e; e = e->next) {
        if (e->version == version && strcmp(e->key, key) == 0) {
            b = e->body;
            atomic_fetch_add(&b->refs, 1);
            break;
        }
    }
    pthread_rwlock_unlock(&c->lock);
    return b;
}

const char *cache_body_data(const cache_body *b, size_t *n)
{
    *n = b->n;
    return b->data;
}

void cache_put(resp_cache *c, const char *key, long long version, const char *data, size_t n)
{
    pthread_rwlock_wrlock(&c->lock);
    size_t h = hash(key) % c->nslots;
    entry **pe = &c->slots[h];
    for (entry *e = *pe; e; pe = &e->next, e = *pe) {
        if (strcmp(e->key, key) == 0) { /* replace a stale answer in place */
            c->bytes = c->bytes - e->n + n;
            cache_unref(e->body);
            e->body = body_new(data, n);
            e->n = n;
            e->version = version;
            pthread_rwlock_unlock(&c->lock);
            return;
        }
    }
    if (c->bytes + n > c->max) clear(c); /* simple and bounded: start over when full */
    entry *e = xmalloc(sizeof *e);
    e->key = xstrdup(key);
    e->version = version;
    e->body = body_new(data, n);
    e->n = n;
    e->next = c->slots[h];
    c->slots[h] = e;
    c->bytes += n + strlen(key);
    pthread_rwlock_unlock(&c->lock);
}
