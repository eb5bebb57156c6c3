/* Trusted reverse proxies, and the client address behind them.
 *
 * Behind nginx every request comes from the proxy's own address, so what is counted per
 * client (failed logins: domain/auth.c) must be counted per address the proxy saw. The
 * proxy tells it in X-Forwarded-For, which any client can also send: the header is read
 * only when the TCP peer is one of the configured trusted proxies (serve --trusted-proxy,
 * NGOAIVU_TRUSTED_PROXIES), and then only as far as the trusted hops go: the client is the
 * right-most address in it that is not itself a trusted proxy. */
#ifndef NGV_PROXY_H
#define NGV_PROXY_H
#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"

typedef struct {
    int family;             /* AF_INET or AF_INET6 */
    unsigned char addr[16]; /* network byte order; 4 bytes used for AF_INET */
    int bits;               /* prefix length: 32 or 128 for one address */
} proxy_net;

typedef struct {
    proxy_net *nets;
    int n;
} proxy_list;

/* Parses a comma-separated list of addresses and networks ("127.0.0.1, ::1, 10.0.0.0/8");
 * NULL or blank is the empty list (no proxy trusted). Returns 0, or -1 with the entry that
 * is not an address in err (out is then empty). */
int proxy_list_parse(const char *text, proxy_list *out, char *err, size_t errlen);
void proxy_list_free(proxy_list *l);
/* Whether addr (text, IPv4 or IPv6; an IPv4-mapped IPv6 address counts as IPv4) is in l. */
bool proxy_trusted(const proxy_list *l, const char *addr);
/* The client of a request from peer (the TCP peer's address) with xff (the values of every
 * X-Forwarded-For header in order, joined by commas; NULL when none): peer itself when it
 * is not trusted or xff is absent; else, walking xff from the right, the first address
 * that is not trusted, or the left-most when all are. An element that is not an address
 * (garbage a client sent ahead of the proxy's own entry is never reached) stops the walk
 * at the trusted hop to its right. Addresses in brackets or with a port are understood;
 * the result is in normal form (inet_ntop), allocated in a. */
const char *proxy_client(arena *a, const proxy_list *l, const char *peer, const char *xff);
#endif
