/* libFuzzer target: the URL (path and query string) and the headers of a GET request, sent
 * to the real server over TCP (fuzz/harness.c, as fuzz_form): the route matching and the
 * parameters of src/web/server.c, the query parsing of the list pages and the API (filters,
 * sort, pages, search, formats: CSV, XLSX, JSON, GeoJSON, IATI XML, iCalendar, PDF), the
 * cookies (sid, lang, lcsrf), Accept-Language, If-None-Match, If-Modified-Since, Host,
 * X-Forwarded-For and X-Forwarded-Proto (the harness's address is a trusted proxy), and the
 * handlers of the pages, with the demo data.
 *
 * An input is text: its first line is the request target ("/partners?q=Lào&sort=-name"),
 * each next line a header ("Cookie: sid=SID"). Every "SID" becomes the admin's session
 * token (the first 16), so that inputs reach the pages behind the login. In the target, bytes the
 * request line cannot hold (space, control bytes) are percent-encoded; CR and NUL are dropped from
 * the headers, and so are Content-Length and Transfer-Encoding (no body is sent); a target of
 * more than 300 parameters is not sent (libmicrohttpd's limit, below). The promises
 * checked (abort() when broken):
 *   - every request is answered, whole, with its Content-Length (the harness), and never
 *     with a server error (5xx): whatever is wrong in a URL or a header is the client's;
 *   - an answer of text (text/..., JSON, XML) is valid UTF-8;
 *   - proxy_client, on the X-Forwarded-For values of the input, gives an address in normal
 *     form (inet_pton parses it, inet_ntop gives it back).
 * FUZZ_TRACE=1: one line per answer. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "harness.h"
#include "web/http.h"
#include "web/proxy.h"

static proxy_list trusted;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    harness_no_leak_check(argc, argv);
    harness_init("fuzz_request");
    char err[200];
    if (proxy_list_parse("127.0.0.1, 10.0.0.0/8", &trusted, err, sizeof err))
        harness_die("proxy", err);
    return 0;
}

/* The "SID"s of an input replaced by the token: at most 16 (each adds 61 octets; an input of
 * 4 KB of "SID"s would be a request of 80 KB, past what libmicrohttpd holds, below). */
static int sids_left;

/* s[0..n) with every "SID" replaced by the session token (while sids_left), into b. */
static void put_sid(bytes *b, const unsigned char *s, size_t n, bool target)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && !memcmp(s + i, "SID", 3) && sids_left > 0) {
            sids_left--;
            bytes_puts(b, harness_sid());
            i += 2;
        } else if (target && (s[i] <= ' ' || s[i] == 0x7f)) {
            char e[3] = {'%', hex[s[i] >> 4], hex[s[i] & 15]};
            bytes_put(b, e, 3);
        } else if (!target && (s[i] == '\r' || s[i] == 0)) {
        } else
            bytes_put(b, s + i, 1);
    }
}

static void check_client(const char *xff)
{
    arena a = {0};
    const char *c = proxy_client(&a, &trusted, "127.0.0.1", xff);
    unsigned char bin[16];
    char back[INET6_ADDRSTRLEN];
    int fam = strchr(c, ':') ? AF_INET6 : AF_INET;
    if (inet_pton(fam, c, bin) != 1 || !inet_ntop(fam, bin, back, sizeof back) || strcmp(back, c)) {
        fprintf(stderr, "fuzz_request: proxy_client(\"%s\") = \"%s\", no address in normal form\n",
                xff, c);
        abort();
    }
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const unsigned char *nl = memchr(data, '\n', size);
    size_t tlen = nl ? (size_t)(nl - data) : size;
    /* libmicrohttpd keeps each parameter in the connection's memory, and when they do not
     * fit (past about 500 in REQUEST_MEMORY) neither does its own 431: it holds the connection
     * with no answer until its timeout, without calling the server. Those are not sent; up to
     * 300, past REQUEST_FOOTPRINT_MAX, are, and the server answers 431 itself */
    size_t args = 0;
    for (size_t i = 0; i < tlen; i++)
        args += data[i] == '&';
    if (args > 300) return 0;
    sids_left = 16;
    bytes rq = {0};
    bytes_puts(&rq, "GET ");
    if (!tlen || data[0] != '/') bytes_puts(&rq, "/");
    put_sid(&rq, data, tlen, true);
    bytes_puts(&rq, " HTTP/1.1\r\n");
    bool host = false;
    bytes xff = {0};
    bytes_put(&xff, "", 0);
    for (const unsigned char *p = nl ? nl + 1 : data + size; p < data + size;) {
        const unsigned char *e = memchr(p, '\n', (size_t)(data + size - p));
        if (!e) e = data + size;
        size_t start = rq.len;
        put_sid(&rq, p, (size_t)(e - p), false);
        /* the header as it is sent (put_sid drops NUL and CR bytes: "Content-L\0ength"
         * goes out as Content-Length); its name: up to the colon, less the blanks before it */
        const char *colon = memchr(rq.p + start, ':', rq.len - start);
        size_t name = colon ? (size_t)(colon - (rq.p + start)) : 0;
        while (name && (rq.p[start + name - 1] == ' ' || rq.p[start + name - 1] == '\t'))
            name--;
        /* a GET of this target has no body: a length or coding it does not send would
         * leave the server waiting for it (bodies and their framing: fuzz_form) */
        bool framing = (name == 14 && !strncasecmp(rq.p + start, "Content-Length", 14)) ||
                       (name == 17 && !strncasecmp(rq.p + start, "Transfer-Encoding", 17));
        if (!name || framing)
            rq.len = start; /* not a header "Name: value", or a framing one: left out */
        else {
            bytes_puts(&rq, "\r\n");
            if (!strncasecmp(rq.p + start, "Host:", 5)) host = true;
            if (!strncasecmp(rq.p + start, "X-Forwarded-For:", 16)) {
                if (xff.len) bytes_puts(&xff, ",");
                bytes_put(&xff, rq.p + start + 16, rq.len - 2 - start - 16);
            }
        }
        p = e + 1;
    }
    if (!host) bytes_puts(&rq, "Host: 127.0.0.1\r\n");
    bytes_puts(&rq, "\r\n");

    answer an;
    harness_send(&rq, "GET", &an);
    if (an.status >= 500) {
        fprintf(stderr, "fuzz_request: a server error for\n%s\n---\n%s\n", rq.p, an.head);
        abort();
    }
    const char *ct = harness_header(an.head, "Content-Type");
    while (ct && *ct == ' ')
        ct++;
    if (ct && (!strncasecmp(ct, "text/", 5) || strcasestr(ct, "json") || strcasestr(ct, "xml")) &&
        !strcasestr(ct, "openxmlformats") && !utf8_valid(an.body, an.body_len)) {
        fprintf(stderr, "fuzz_request: an answer of text not UTF-8 for\n%s\n---\n%s\n", rq.p,
                an.head);
        abort();
    }
    answer_free(&an);
    if (xff.len) check_client(xff.p);
    free(xff.p);
    free(rq.p);
    return 0;
}
