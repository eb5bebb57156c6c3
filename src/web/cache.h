/* Response cache for read-only GET answers: an entry is good while the data version it
 * was made at is the database's current one, so any write makes every entry stale at
 * once. The key must hold everything that changes the answer: path and query, the
 * role and the language. */
#ifndef NGV_CACHE_H
#define NGV_CACHE_H
#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"

typedef struct resp_cache resp_cache;
resp_cache *cache_new(size_t max_bytes); /* cleared whole when full */
void cache_free(resp_cache *c);
/* The bytes of the answers it holds now. */
size_t cache_bytes(resp_cache *c);
/* Appends the cached body to out and returns true when key is cached at version. */
bool cache_get(resp_cache *c, const char *key, long long version, buf *out);
void cache_put(resp_cache *c, const char *key, long long version, const char *data, size_t n);
/* The cached body itself, not a copy, with a reference the caller gives back with
 * cache_unref (a response's free callback); NULL when key is not cached at version. */
typedef struct cache_body cache_body;
cache_body *cache_get_shared(resp_cache *c, const char *key, long long version);
const char *cache_body_data(const cache_body *b, size_t *n);
void cache_unref(void *ref);
/* What a caller made of a body once for all the answers sent from it (web/server.c: the
 * response with its headers), given back with the body. tag says what it was made for
 * (a digest of those headers): cache_body_made returns it only for the same tag. NULL
 * when none was kept, or one for another tag. cache_body_keep keeps made unless another
 * thread kept one first: obj, or NULL (the caller keeps its own then). */
void *cache_body_made(cache_body *b, unsigned long tag);
void *cache_body_keep(cache_body *b, void *obj, unsigned long tag, void (*obj_free)(void *));
#endif
