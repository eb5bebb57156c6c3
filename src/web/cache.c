#include "cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"

typedef struct entry {
    char *key;
    long long version;
    char *data;
    size_t n;
    struct entry *next;
} entry;

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
            free(e->data);
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

bool cache_get(resp_cache *c, const char *key, long long version, buf *out)
{
    bool hit = false;
    pthread_rwlock_rdlock(&c->lock);
    for (entry *e = c->slots[hash(key) % c->nslots]; e; e = e->next) {
        if (e->version == version && strcmp(e->key, key) == 0) {
            buf_put(out, e->data, e->n);
            hit = true;
            break;
        }
    }
    pthread_rwlock_unlock(&c->lock);
    return hit;
}

void cache_put(resp_cache *c, const char *key, long long version, const char *data, size_t n)
{
    pthread_rwlock_wrlock(&c->lock);
    size_t h = hash(key) % c->nslots;
    entry **pe = &c->slots[h];
    for (entry *e = *pe; e; pe = &e->next, e = *pe) {
        if (strcmp(e->key, key) == 0) { /* replace a stale answer in place */
            c->bytes = c->bytes - e->n + n;
            free(e->data);
            e->data = xmalloc(n ? n : 1);
            memcpy(e->data, data, n);
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
    e->data = xmalloc(n ? n : 1);
    memcpy(e->data, data, n);
    e->n = n;
    e->next = c->slots[h];
    c->slots[h] = e;
    c->bytes += n + strlen(key);
    pthread_rwlock_unlock(&c->lock);
}
