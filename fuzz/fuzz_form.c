/* libFuzzer target: form bodies (application/x-www-form-urlencoded and multipart/form-data)
 * sent to the real server over TCP, so that they go through libmicrohttpd's post processor,
 * on_form_field, the CSRF check and the handlers of the routes that take forms. The server's
 * threads run in this process: a sanitizer report or a crash there is caught by libFuzzer
 * like one in the target itself; a request left unanswered for 10 s aborts (a hang).
 *
 * An input is one byte that chooses the request, then the body:
 *   route = byte & 7 (see routes[] below), multipart when byte & 8 (boundary XYZ), else
 *   urlencoded. Readable seeds: '0'..'7' are urlencoded, 'h'..'o' multipart.
 * Every "CSRF" in the body becomes the session's CSRF token, so that inputs reach past the
 * CSRF check into the handlers, and every "VERSION" the version partner 1 has now, so that
 * an update is not refused as a conflict (409) once an earlier input changed it.
 *
 * Once per process (fuzz/harness.c): a fresh database with the demo data (partner and
 * agreement 1, commitment 46 in progress, delegation 209 proposed: checked at the start), an
 * admin and a web session of theirs, and the server on 127.0.0.1 on a free port. The admin
 * may cancel delegation 209 but not approve or reopen it (a leader's steps: 403); once an
 * input cancelled it, the later steps are refused as from the wrong state (409), which
 * still goes through rec_step. FUZZ_TRACE=1: one line per answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/entities.h"
#include "harness.h"
#include "store/store.h"

/* Who sends the request: nobody, the login form's cookie only, or the admin's session. */
enum { AS_NOBODY, AS_LOGIN_COOKIE, AS_ADMIN };

static const struct {
    const char *path;
    int as;
} routes[8] = {
    {"/login", AS_NOBODY},       /* no lcsrf cookie: parsed, then stops at the CSRF check */
    {"/login", AS_LOGIN_COOKIE}, /* "csrf=CSRF" passes: auth_login (throttled after 20) */
    {"/partners", AS_ADMIN},     /* create a record */
    {"/partners/1", AS_ADMIN},   /* update one */
    {"/agreements/1/attachments", AS_ADMIN}, /* upload: agreements take attachments */
    {"/partners/import", AS_ADMIN},          /* CSV import: the "file" field */
    {"/commitments/46/progress", AS_ADMIN},
    {"/delegations/209/transition", AS_ADMIN},
};

/* A field of a record of the server's database, as stored now (arena a). */
static const char *stored(arena *a, const entity *e, long long id, const char *name,
                          long long *version)
{
    store *st = harness_store();
    conn *c = store_acquire(st);
    record rec;
    const char *v = NULL;
    if (st_rec_get(c, a, e, id, &rec) == 0) {
        v = record_get(&rec, name);
        if (version) *version = rec.version;
    }
    store_release(st, c);
    return v;
}

static void expect(const entity *e, long long id, const char *status)
{
    arena a = {0};
    const char *v = stored(&a, e, id, "status", NULL);
    if (!v || strcmp(v, status)) {
        fprintf(stderr,
                "fuzz_form: the demo data changed: %s %lld is %s, not %s (choose another)\n",
                e->table, id, v ? v : "missing", status);
        abort();
    }
    arena_free(&a);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    harness_no_leak_check(argc, argv);
    harness_init("fuzz_form");
    expect(&commitment_entity, 46, "in_progress");
    expect(&delegation_entity, 209, "proposed");
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1) return 0;
    unsigned sel = data[0];
    const char *path = routes[sel & 7].path;
    int as = routes[sel & 7].as;
    bool multipart = sel & 8;

    /* the body, with every "CSRF" replaced by the session's token, "VERSION" by partner 1's */
    bytes body = {0};
    bytes_put(&body, "", 0);
    for (size_t i = 1; i < size;) {
        if (i + 4 <= size && !memcmp(data + i, "CSRF", 4)) {
            bytes_puts(&body, harness_csrf());
            i += 4;
        } else if (i + 7 <= size && !memcmp(data + i, "VERSION", 7)) {
            arena a = {0};
            long long v = 0;
            stored(&a, &partner_entity, 1, "id", &v);
            char n[24];
            snprintf(n, sizeof n, "%lld", v);
            bytes_puts(&body, n);
            arena_free(&a);
            i += 7;
        } else {
            bytes_put(&body, data + i, 1);
            i++;
        }
    }

    bytes rq = {0};
    char line[512];
    snprintf(line, sizeof line, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n", path);
    bytes_puts(&rq, line);
    if (as == AS_ADMIN) snprintf(line, sizeof line, "Cookie: sid=%s\r\n", harness_sid());
    if (as == AS_LOGIN_COOKIE) snprintf(line, sizeof line, "Cookie: lcsrf=%s\r\n", harness_csrf());
    if (as != AS_NOBODY) bytes_puts(&rq, line);
    bytes_puts(&rq, multipart ? "Content-Type: multipart/form-data; boundary=XYZ\r\n"
                              : "Content-Type: application/x-www-form-urlencoded\r\n");
    snprintf(line, sizeof line, "Content-Length: %zu\r\n\r\n", body.len);
    bytes_puts(&rq, line);
    bytes_put(&rq, body.p, body.len);
    free(body.p);

    char what[300];
    snprintf(what, sizeof what, "%s %s", path, multipart ? "multipart" : "urlencoded");
    answer an;
    harness_send(&rq, what, &an);
    /* a form's answer is never a server error: what is wrong in it is the sender's (4xx) */
    if (an.status >= 500) {
        fprintf(stderr, "fuzz_form: %s: %d\n%s\n", what, an.status, an.head);
        abort();
    }
    answer_free(&an);
    free(rq.p);
    return 0;
}
