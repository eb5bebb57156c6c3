/* web/: the client address behind trusted proxies (proxy.c). */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "t.h"
#include "web/proxy.h"
#include "web/routes.h"

static void trusted_proxies_parsed(void)
{
    proxy_list l;
    char err[160] = "";
    CHECK(proxy_list_parse(NULL, &l, err, sizeof err) == 0 && l.n == 0);
    CHECK(proxy_list_parse(" , ", &l, err, sizeof err) == 0 && l.n == 0);
    CHECK(proxy_list_parse("127.0.0.1, ::1,10.0.0.0/8 ,fd00::/8", &l, err, sizeof err) == 0);
    CHECK(l.n == 4);
    CHECK(proxy_trusted(&l, "127.0.0.1") && proxy_trusted(&l, "::1"));
    CHECK(proxy_trusted(&l, "10.200.3.4") && !proxy_trusted(&l, "11.0.0.1"));
    CHECK(proxy_trusted(&l, "fd12::5") && !proxy_trusted(&l, "fe80::1"));
    CHECK(proxy_trusted(&l, "::ffff:127.0.0.1")); /* IPv4-mapped is IPv4 */
    CHECK(!proxy_trusted(&l, "127.0.0.2") && !proxy_trusted(&l, "garbage"));
    proxy_list_free(&l);
    const char *bad[] = {"127.0.0.1,localhost", "10.0.0.0/33", "::1/129", "1.2.3.4/",
                         "1.2.3.4/x",           "1.2.3"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = 0;
        CHECK(proxy_list_parse(bad[i], &l, err, sizeof err) == -1 && l.n == 0 && l.nets == NULL);
        CHECK(strstr(err, "is not an address") != NULL);
    }
}

static void client_behind_trusted_proxies(void)
{
    proxy_list l;
    char err[160];
    CHECK(proxy_list_parse("127.0.0.1,::1,10.0.0.0/8", &l, err, sizeof err) == 0);
    arena a = {0};
    /* from an untrusted peer the header is never read */
    CHECK_STR(proxy_client(&a, &l, "203.0.113.9", "198.51.100.1"), "203.0.113.9");
    /* from a trusted one: the right-most address that is not a trusted proxy */
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", NULL), "127.0.0.1");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "198.51.100.1"), "198.51.100.1");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "6.6.6.6, 198.51.100.1"), "198.51.100.1");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3"), "198.51.100.1");
    /* garbage a client put ahead of the proxy's entry is never reached; garbage as the
     * proxy's own entry stops at the trusted hop */
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "not-an-ip, 198.51.100.1"), "198.51.100.1");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "198.51.100.1, bogus"), "127.0.0.1");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "198.51.100.1, bogus, 10.0.0.7"), "10.0.0.7");
    /* every hop trusted: the left-most */
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "10.0.0.5, 10.0.0.6"), "10.0.0.5");
    /* forms: a port, brackets, IPv6, IPv4-mapped, blank entries; results in normal form */
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "198.51.100.1:5555"), "198.51.100.1");
    CHECK_STR(proxy_client(&a, &l, "::1", "[2001:DB8::1]:443"), "2001:db8::1");
    CHECK_STR(proxy_client(&a, &l, "::1", "2001:db8:0:0::2"), "2001:db8::2");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "::ffff:198.51.100.7"), "198.51.100.7");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", "198.51.100.1, ,"), "198.51.100.1");
    CHECK_STR(proxy_client(&a, &l, "127.0.0.1", " "), "127.0.0.1");
    /* no proxy trusted: the peer, whatever the header says */
    proxy_list none = {0};
    CHECK_STR(proxy_client(&a, &none, "127.0.0.1", "198.51.100.1"), "127.0.0.1");
    arena_free(&a);
    proxy_list_free(&l);
}

static void ok_handler(req *r)
{
    (void)r;
}

/* The route table's own check (routes_check): a table is refused when a route names no
 * permission or no handler, when RT_ENTITY and ":e" disagree, or when an agency's write
 * flag sits on a route that is not a record type's writer route; the real table passes. */
static void route_tables_checked(void)
{
    CHECK(routes_check(ngv_routes) == 0);
    const route good[] = {
        {"GET", "/a", PERM_PUBLIC, 0, 0, ok_handler},
        {"POST", "/:e", PERM_WRITE, 10, RT_ENTITY | RT_AG_CREATE, ok_handler},
        {"GET", "/api/v1/:e.geojson", PERM_READ, 0, RT_API | RT_ENTITY, ok_handler},
        {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(good) == 0);
    const route no_perm[] = {{"GET", "/a", PERM_PUBLIC, 0, 0, ok_handler},
                             {"GET", "/b", PERM_NONE, 0, 0, ok_handler},
                             {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(no_perm) == -1);
    const route no_handler[] = {{"GET", "/a", PERM_READ, 0, 0, NULL},
                                {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(no_handler) == -1);
    const route no_method[] = {{NULL, "/a", PERM_READ, 0, 0, ok_handler},
                               {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(no_method) == -1);
    const route e_unflagged[] = {{"GET", "/:e/:id", PERM_READ, 0, 0, ok_handler},
                                 {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(e_unflagged) == -1);
    const route flag_no_e[] = {{"GET", "/x/:id", PERM_READ, 0, RT_ENTITY, ok_handler},
                               {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(flag_no_e) == -1);
    const route ag_on_read[] = {{"GET", "/:e", PERM_READ, 0, RT_ENTITY | RT_AG_UPDATE, ok_handler},
                                {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(ag_on_read) == -1);
    const route ag_no_e[] = {{"POST", "/x", PERM_WRITE, 10, RT_AG_CREATE, ok_handler},
                             {NULL, NULL, PERM_NONE, 0, 0, NULL}};
    CHECK(routes_check(ag_no_e) == -1);
    /* the real table once more: checking others changed nothing it relies on */
    CHECK(routes_check(ngv_routes) == 0);
}

void suite_web(void)
{
    RUN(route_tables_checked);
    RUN(trusted_proxies_parsed);
    RUN(client_behind_trusted_proxies);
}
