/* Trusted reverse proxies and the client behind them: see proxy.h. */
#include "proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* addr as family and bytes; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) becomes IPv4. */
static bool parse_addr(const char *s, int *family, unsigned char out[16])
{
    if (inet_pton(AF_INET, s, out) == 1) {
        *family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, s, out) != 1) return false;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (!memcmp(out, mapped, sizeof mapped)) {
        memmove(out, out + 12, 4);
        *family = AF_INET;
    } else {
        *family = AF_INET6;
    }
    return true;
}

/* The address of one list or header element (trimmed, at most 63 characters): "a.b.c.d",
 * "a.b.c.d:port", "v6", "[v6]" or "[v6]:port". */
static bool element_addr(const char *s, size_t n, char out[64], int *family,
                         unsigned char bytes[16])
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!n || n >= 64) return false;
    memcpy(out, s, n);
    out[n] = 0;
    if (out[0] == '[') {
        char *close = strchr(out, ']');
        if (!close || (close[1] && close[1] != ':')) return false;
        *close = 0;
        memmove(out, out + 1, strlen(out + 1) + 1);
    } else {
        char *colon = strchr(out, ':');
        if (colon && !strchr(colon + 1, ':')) *colon = 0; /* a.b.c.d:port */
    }
    return parse_addr(out, family, bytes);
}

/* One entry of the list: "addr" or "addr/bits", trimmed; false when it is neither. */
static bool parse_net(const char *s, size_t n, proxy_net *net)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char text[64];
    if (!n || n >= sizeof text) return false;
    memcpy(text, s, n);
    text[n] = 0;
    long bits = -1;
    char *slash = strchr(text, '/');
    if (slash) {
        char *end;
        bits = strtol(slash + 1, &end, 10);
        if (slash[1] < '0' || slash[1] > '9' || *end) return false;
        *slash = 0;
    }
    if (!parse_addr(text, &net->family, net->addr)) return false;
    int max = net->family == AF_INET ? 32 : 128;
    if (bits > max) return false;
    net->bits = bits < 0 ? max : (int)bits;
    return true;
}

int proxy_list_parse(const char *text, proxy_list *out, char *err, size_t errlen)
{
    *out = (proxy_list){0};
    int cap = 0;
    for (const char *p = text; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (strspn(p, " \t") < n) { /* not a blank entry */
            proxy_net net = {0};
            if (!parse_net(p, n, &net)) {
                snprintf(err, errlen, "trusted proxy '%.*s' is not an address or network",
                         (int)(n > 60 ? 60 : n), p);
                proxy_list_free(out);
                return -1;
            }
            if (out->n == cap) {
                cap = cap ? cap * 2 : 4;
                proxy_net *bigger = realloc(out->nets, sizeof *bigger * (size_t)cap);
                if (!bigger) abort();
                out->nets = bigger;
            }
            out->nets[out->n++] = net;
        }
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}

void proxy_list_free(proxy_list *l)
{
    free(l->nets);
    *l = (proxy_list){0};
}

static bool in_list(const proxy_list *l, int family, const unsigned char *a)
{
    for (int i = 0; i < l->n; i++) {
        const proxy_net *net = &l->nets[i];
        if (net->family != family) continue;
        int full = net->bits / 8, rest = net->bits % 8;
        if (memcmp(net->addr, a, (size_t)full)) continue;
        if (rest && ((net->addr[full] ^ a[full]) & (0xff << (8 - rest)) & 0xff)) continue;
        return true;
    }
    return false;
}

bool proxy_trusted(const proxy_list *l, const char *addr)
{
    int family;
    unsigned char bytes[16];
    char text[64];
    return addr && l->n && element_addr(addr, strlen(addr), text, &family, bytes) &&
           in_list(l, family, bytes);
}

/* The normal text form of an address. */
static const char *normal(arena *a, int family, const unsigned char *bytes)
{
    char out[INET6_ADDRSTRLEN];
    if (!inet_ntop(family, bytes, out, sizeof out)) return NULL;
    return arena_strdup(a, out);
}

const char *proxy_client(arena *a, const proxy_list *l, const char *peer, const char *xff)
{
    if (!xff || !proxy_trusted(l, peer)) return peer;
    const char *client = peer;
    const char *end = xff + strlen(xff);
    while (end > xff) {
        const char *start = end;
        while (start > xff && start[-1] != ',')
            start--;
        char text[64];
        int family;
        unsigned char bytes[16];
        bool blank = strspn(start, " \t") >= (size_t)(end - start);
        if (!blank) {
            if (!element_addr(start, (size_t)(end - start), text, &family, bytes)) break;
            const char *addr = normal(a, family, bytes);
            if (!addr) break;
            client = addr;
            if (!in_list(l, family, bytes)) break;
        }
        end = start > xff ? start - 1 : xff;
    }
    return client;
}
