/* domain/remind.c: who gets which notice around the boundaries (due in 7 days yes, in 8
 * no; overdue the day after the deadline, not on it; done and dropped never; late reports
 * for the department only), the agency rule, a sweep run twice makes nothing, marking
 * read, and the pieces of the digest message. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/text.h"
#include "domain/app.h"
#include "domain/auth.h"
#include "domain/entities.h"
#include "domain/records.h"
#include "domain/remind.h"
#include "t.h"

static char dir[64];
static store *st;

#define T0 "2026-06-10"

static const char *day(arena *a, int offset)
{
    return arena_printf(a, "2026-06-%02d", 10 + offset); /* June: offsets -9..20 */
}

static ctx as(conn *c, arena *a, role r)
{
    return (ctx){.c = c, .a = a, .lang = "vi", .user_id = 0, .username = "tester", .role = r};
}

static struct {
    long long ag_a, ag_b;
    long long cv, ld, qt, xem, ca, ca2, cb;
    long long c7, c8, c0, cm1, cdone, cdrop, dlate, dok;
} W;

static long long user(conn *c, const char *name, const char *rolename, long long agency)
{
    char err[256];
    if (auth_user_add(c, name, rolename, "matkhau-dai-1", NULL, err, sizeof err) != 0) {
        fprintf(stderr, "    user %s: %s\n", name, err);
        return 0;
    }
    if (agency && auth_user_set_agency(c, name, agency, err, sizeof err) != 0) return 0;
    arena a = {0};
    user_row u;
    long long id = st_user_get(c, &a, name, &u) == ST_OK ? u.id : 0;
    arena_free(&a);
    return id;
}

static long long agency(ctx *x, const char *name)
{
    record r = rec_new(x->a, &agency_entity);
    verrs ve = {0};
    rec_set(&r, "name_vi", name, &ve);
    rec_set(&r, "kind", "health", &ve);
    CHECK(rec_create(x, &r, &ve) == RS_OK);
    return r.id;
}

static long long commitment(ctx *x, long long ag, const char *deadline, const char *title)
{
    record r = rec_new(x->a, &commitment_entity);
    verrs ve = {0};
    rec_set(&r, "title", title, &ve);
    rec_set(&r, "source", "meeting", &ve);
    rec_set(&r, "meeting", "Hội đàm", &ve);
    rec_set(&r, "agency_id", arena_printf(x->a, "%lld", ag), &ve);
    rec_set(&r, "deadline", deadline, &ve);
    CHECK(rec_create(x, &r, &ve) == RS_OK);
    return r.id;
}

static void step(ctx *x, const entity *e, long long id, const char *to)
{
    record out;
    verrs ve = {0};
    CHECK(rec_transition(x, e, id, to, "lý do thử", &out, &ve) == RS_OK);
}

static long long delegation(ctx *off, ctx *lead, const char *end)
{
    record r = rec_new(off->a, &delegation_entity);
    verrs ve = {0};
    rec_set(&r, "title", "Đoàn công tác thử", &ve);
    rec_set(&r, "direction", "outbound", &ve);
    rec_set(&r, "level", "department", &ve);
    rec_set(&r, "channel", "state", &ve);
    rec_set(&r, "country", "LA", &ve);
    rec_set(&r, "start_date", "2026-05-01", &ve);
    rec_set(&r, "end_date", end, &ve);
    CHECK(rec_create(off, &r, &ve) == RS_OK);
    step(lead, &delegation_entity, r.id, "approved");
    step(off, &delegation_entity, r.id, "under_way");
    step(off, &delegation_entity, r.id, "completed");
    return r.id;
}

/* The user's notices of one kind about one record: how many (0 or 1). */
static int has(conn *c, long long uid, const char *kind, const entity *e, long long rid)
{
    arena a = {0};
    notice_row *rows;
    int n = 0, found = 0;
    CHECK(st_notice_list(c, &a, uid, 1000, 0, &rows, &n) == ST_OK);
    for (int i = 0; i < n; i++)
        if (!strcmp(rows[i].kind, kind) && !strcmp(rows[i].entity, e->name) && rows[i].rid == rid)
            found++;
    arena_free(&a);
    return found;
}

static long long count_of(conn *c, long long uid)
{
    long long total = 0, unread = 0;
    CHECK(st_notice_count(c, uid, &total, &unread) == ST_OK);
    return total;
}

static void setup_world(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx off = as(c, &a, ROLE_OFFICER), lead = as(c, &a, ROLE_LEADER);
    W.ag_a = agency(&off, "Sở Y tế (nhắc việc)");
    W.ag_b = agency(&off, "Sở Giáo dục (nhắc việc)");
    W.cv = user(c, "cv", "officer", 0);
    W.ld = user(c, "ld", "leader", 0);
    W.qt = user(c, "qt", "admin", 0);
    W.xem = user(c, "xem", "viewer", 0);
    W.ca = user(c, "ca", "agency", W.ag_a);
    W.ca2 = user(c, "ca2", "agency", W.ag_a);
    W.cb = user(c, "cb", "agency", W.ag_b);
    CHECK(W.cv && W.ld && W.qt && W.xem && W.ca && W.ca2 && W.cb);
    W.c7 = commitment(&off, W.ag_a, day(&a, 7), "Hạn trong 7 ngày");
    W.c8 = commitment(&off, W.ag_a, day(&a, 8), "Hạn sau 8 ngày");
    W.c0 = commitment(&off, W.ag_b, day(&a, 0), "Hạn hôm nay");
    W.cm1 = commitment(&off, W.ag_a, day(&a, -1), "Hạn hôm qua");
    W.cdone = commitment(&off, W.ag_a, day(&a, -3), "Đã xong");
    step(&off, &commitment_entity, W.cdone, "done");
    W.cdrop = commitment(&off, W.ag_b, day(&a, -3), "Dừng");
    step(&lead, &commitment_entity, W.cdrop, "dropped");
    W.dlate = delegation(&off, &lead, "2026-05-21"); /* 20 days before T0: report late */
    W.dok = delegation(&off, &lead, "2026-05-31");   /* 10 days: still in time */
    arena_free(&a);
    store_release(st, c);
}

static void sweep_makes_the_right_notices_for_the_right_users(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_ADMIN);
    int made = -1;
    CHECK(remind_sweep(&x, T0, &made) == RS_OK);
    const entity *ce = &commitment_entity, *de = &delegation_entity;
    long long staff[] = {W.cv, W.ld};
    for (int i = 0; i < 2; i++) {
        long long u = staff[i];
        CHECK(has(c, u, "due_soon", ce, W.c7) == 1);   /* due in 7 days */
        CHECK(has(c, u, "due_soon", ce, W.c8) == 0);   /* in 8: not yet */
        CHECK(has(c, u, "due_soon", ce, W.c0) == 1);   /* due today: soon, */
        CHECK(has(c, u, "overdue", ce, W.c0) == 0);    /* not overdue on the day */
        CHECK(has(c, u, "overdue", ce, W.cm1) == 1);   /* the day after: overdue */
        CHECK(has(c, u, "overdue", ce, W.cdone) == 0); /* done: never */
        CHECK(has(c, u, "overdue", ce, W.cdrop) == 0); /* dropped: never */
        CHECK(has(c, u, "report_late", de, W.dlate) == 1);
        CHECK(has(c, u, "report_late", de, W.dok) == 0);
        CHECK(has(c, u, "assigned", ce, W.c7) == 0); /* the department assigns, it is not told */
        CHECK(count_of(c, u) == 4);
    }
    /* admins and viewers are not told */
    CHECK(count_of(c, W.qt) == 0);
    CHECK(count_of(c, W.xem) == 0);
    /* agency A's users: their agency's commitments only, no delegations */
    long long ag_a[] = {W.ca, W.ca2};
    for (int i = 0; i < 2; i++) {
        long long u = ag_a[i];
        CHECK(has(c, u, "assigned", ce, W.c7) == 1);
        CHECK(has(c, u, "assigned", ce, W.c8) == 1);
        CHECK(has(c, u, "assigned", ce, W.cm1) == 1);
        CHECK(has(c, u, "assigned", ce, W.cdone) == 0); /* done before anyone was told */
        CHECK(has(c, u, "due_soon", ce, W.c7) == 1);
        CHECK(has(c, u, "overdue", ce, W.cm1) == 1);
        CHECK(has(c, u, "assigned", ce, W.c0) == 0); /* agency B's */
        CHECK(has(c, u, "due_soon", ce, W.c0) == 0);
        CHECK(has(c, u, "report_late", de, W.dlate) == 0);
        CHECK(count_of(c, u) == 5);
    }
    CHECK(has(c, W.cb, "assigned", ce, W.c0) == 1);
    CHECK(has(c, W.cb, "due_soon", ce, W.c0) == 1);
    CHECK(has(c, W.cb, "assigned", ce, W.cdrop) == 0);
    CHECK(has(c, W.cb, "assigned", ce, W.c7) == 0);
    CHECK(count_of(c, W.cb) == 2);
    CHECK(made == 4 + 4 + 5 + 5 + 2);
    arena_free(&a);
    store_release(st, c);
}

static void sweep_twice_makes_nothing_new(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_ADMIN);
    long long v = store_data_version(c);
    int made = -1;
    CHECK(remind_sweep(&x, T0, &made) == RS_OK);
    CHECK(made == 0);
    CHECK(remind_sweep_changes(&x, T0, &made) == RS_OK);
    CHECK(made == 0);
    CHECK(store_data_version(c) == v); /* nothing missing: nothing written */
    arena_free(&a);
    store_release(st, c);
}

static void the_next_day_and_changed_records(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_ADMIN), off = as(c, &a, ROLE_OFFICER);
    const entity *ce = &commitment_entity;
    const char *t1 = day(&a, 1);
    int made = -1;
    CHECK(remind_sweep(&x, t1, &made) == RS_OK);
    /* due yesterday (T0): overdue now, for the department and agency B; due in 7 days
     * from t1 (T0 + 8): due soon now, for the department and agency A */
    CHECK(has(c, W.cv, "overdue", ce, W.c0) == 1);
    CHECK(has(c, W.cb, "overdue", ce, W.c0) == 1);
    CHECK(has(c, W.ca, "overdue", ce, W.c0) == 0);
    CHECK(has(c, W.ld, "due_soon", ce, W.c8) == 1);
    CHECK(has(c, W.ca2, "due_soon", ce, W.c8) == 1);
    CHECK(has(c, W.cb, "due_soon", ce, W.c8) == 0);
    CHECK(made == 3 + 4);
    /* c8 goes to agency B: its users are told (assigned, and due soon); A keeps its own */
    record r;
    CHECK(rec_get(&off, ce, W.c8, &r) == RS_OK);
    r.v[entity_field_index(ce, "agency_id")] = arena_printf(&a, "%lld", W.ag_b);
    verrs ve = {0};
    CHECK(rec_update(&off, &r, &ve) == RS_OK);
    CHECK(remind_sweep_changes(&x, t1, &made) == RS_OK);
    CHECK(made == 2);
    CHECK(has(c, W.cb, "assigned", ce, W.c8) == 1);
    CHECK(has(c, W.cb, "due_soon", ce, W.c8) == 1);
    CHECK(has(c, W.ca, "assigned", ce, W.c8) == 1);
    /* a moved deadline is news again; the same agency is not assigned twice */
    CHECK(rec_get(&off, ce, W.c7, &r) == RS_OK);
    r.v[entity_field_index(ce, "deadline")] = day(&a, 5);
    ve = (verrs){0};
    CHECK(rec_update(&off, &r, &ve) == RS_OK);
    CHECK(remind_sweep_changes(&x, t1, &made) == RS_OK);
    CHECK(made == 4); /* cv, ld, ca, ca2 */
    CHECK(has(c, W.ca, "due_soon", ce, W.c7) == 2);
    CHECK(has(c, W.ca, "assigned", ce, W.c7) == 1);
    CHECK(remind_sweep(&x, t1, &made) == RS_OK);
    CHECK(made == 0);
    arena_free(&a);
    store_release(st, c);
}

/* A commitment from before the reminders (before the mark) is not announced as assigned
 * when it is merely edited; given to another agency, it is. */
static void older_records_assigned_only_when_their_agency_changes(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_ADMIN), off = as(c, &a, ROLE_OFFICER);
    const entity *ce = &commitment_entity;
    const char *t1 = day(&a, 1);
    long long old = commitment(&off, W.ag_a, day(&a, 20), "Từ trước khi có nhắc việc");
    record r;
    CHECK(rec_get(&off, ce, old, &r) == RS_OK);
    CHECK(st_remind_mark_set(c, arena_printf(&a, "%s~", r.created_at)) == ST_OK);
    char now[32];
    for (clock_iso_now(now); strcmp(now, r.created_at) <= 0; clock_iso_now(now))
        usleep(20000); /* the edit below comes a second later */
    r.v[entity_field_index(ce, "notes")] = "Ghi chú mới";
    verrs ve = {0};
    CHECK(rec_update(&off, &r, &ve) == RS_OK);
    int made = -1;
    CHECK(remind_sweep_changes(&x, t1, &made) == RS_OK);
    CHECK(made == 0);
    CHECK(has(c, W.ca, "assigned", ce, old) == 0);
    r.v[entity_field_index(ce, "agency_id")] = arena_printf(&a, "%lld", W.ag_b);
    CHECK(rec_update(&off, &r, &ve) == RS_OK);
    CHECK(remind_sweep_changes(&x, t1, &made) == RS_OK);
    CHECK(made == 1);
    CHECK(has(c, W.cb, "assigned", ce, old) == 1);
    arena_free(&a);
    store_release(st, c);
}

static void marking_read(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_AGENCY);
    x.user_id = W.ca;
    long long total, unread, changed;
    CHECK(remind_count(&x, &total, &unread) == RS_OK);
    /* c8 went to agency B: A's "assigned" and "due soon" of it ended by themselves */
    CHECK(total > 2 && unread > 1 && unread < total);
    long long unread0 = unread;
    notice_row *rows;
    int n;
    CHECK(remind_list(&x, 2, 0, &rows, &n) == RS_OK && n == 2);
    CHECK(rows[0].id > rows[1].id); /* newest first */
    CHECK(remind_read(&x, rows[0].id, &changed) == RS_OK && changed == 1);
    CHECK(remind_read(&x, rows[0].id, &changed) == RS_OK && changed == 0);
    CHECK(remind_count(&x, &total, &unread) == RS_OK &&
          unread == unread0 - (rows[0].resolved_at ? 0 : 1));
    /* another user's notice is not found */
    ctx y = x;
    y.user_id = W.cb;
    CHECK(remind_read(&y, rows[1].id, &changed) == RS_NOTFOUND);
    CHECK(remind_read(&x, 0, &changed) == RS_OK && changed >= unread);
    CHECK(remind_count(&x, &total, &unread) == RS_OK && unread == 0);
    const entity *e;
    CHECK_STR(remind_title(&x, &rows[0], &e), rows[0].rid == W.c7   ? "Hạn trong 7 ngày"
                                              : rows[0].rid == W.c8 ? "Hạn sau 8 ngày"
                                                                    : "Hạn hôm qua");
    arena_free(&a);
    store_release(st, c);
}

static char *decode_words(arena *a, const char *h)
{
    buf out = {0};
    for (const char *p = h; (p = strstr(p, "=?UTF-8?B?"));) {
        p += 10;
        const char *end = strstr(p, "?=");
        if (!end) break;
        unsigned char bin[128];
        size_t len = 0;
        CHECK(end - p <= 75 - 12); /* one encoded word is at most 75 characters */
        CHECK(sodium_base642bin(bin, sizeof bin, p, (size_t)(end - p), NULL, &len, NULL,
                                sodium_base64_VARIANT_ORIGINAL) == 0);
        CHECK(utf8_valid((const char *)bin, len)); /* whole characters in each word */
        buf_put(&out, bin, len);
        p = end + 2;
    }
    char *s = arena_strdup(a, buf_cstr(&out));
    buf_free(&out);
    return s;
}

static void digest_message_is_well_formed(void)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = as(c, &a, ROLE_ADMIN);
    CHECK_STR(remind_header_text(&a, "Reminders: 3 new"), "Reminders: 3 new");
    const char *long_vi = "Nhắc việc: 12 thông báo mới về cam kết quá hạn của Sở Y tế và "
                          "Sở Giáo dục và Đào tạo tỉnh";
    const char *enc = remind_header_text(&a, long_vi);
    CHECK(!strncmp(enc, "=?UTF-8?B?", 10));
    CHECK(strstr(enc, "?=\r\n =?UTF-8?B?") != NULL); /* folded into several words */
    CHECK_STR(decode_words(&a, enc), long_vi);
    const char *inj = remind_header_text(&a, "a\r\nBcc: x@y.z"); /* no header injection */
    CHECK(!strchr(inj, '\r') && !strchr(inj, '\n') && !strncmp(inj, "=?", 2));
    /* a user's message: headers, base64 body, CRLF line ends only */
    notice_row *rows;
    int n;
    CHECK(st_notice_list(c, &a, W.cv, 50, 0, &rows, &n) == ST_OK && n > 0);
    remind_mail m = {.url = "smtp://127.0.0.1:1",
                     .from = "so@ngoaivu.test",
                     .base_url = "https://ngoaivu.example.vn/"};
    mail_user u = {.id = W.cv, .username = "cv", .lang = "vi", .email = "cv@example.org"};
    const char *msg = remind_message(&x, &m, &u, rows, n, n + 3);
    for (const char *p = msg; (p = strchr(p, '\n')); p++)
        CHECK(p > msg && p[-1] == '\r');
    CHECK(strstr(msg, "\r\nTo: <cv@example.org>\r\n") != NULL);
    CHECK(strstr(msg, "\r\nContent-Type: text/plain; charset=utf-8\r\n") != NULL);
    CHECK(strstr(msg, "\r\nMessage-ID: <") != NULL && strstr(msg, "@ngoaivu.test>\r\n") != NULL);
    CHECK(!strncmp(msg, "Date: ", 6) && strstr(msg, " +0700\r\n") != NULL);
    const char *subj = strstr(msg, "\r\nSubject: ");
    CHECK(subj != NULL);
    if (subj) {
        const char *end = strstr(subj + 2, "\r\n");
        CHECK_STR(decode_words(&a, arena_strndup(&a, subj, (size_t)(end - subj))),
                  arena_printf(&a, "Nhắc việc: %d thông báo mới", n + 3));
    }
    const char *body = strstr(msg, "\r\n\r\n");
    CHECK(body != NULL);
    if (body) {
        buf b64 = {0};
        for (const char *p = body + 4; *p; p++)
            if (*p != '\r' && *p != '\n') buf_putc(&b64, *p);
        size_t cap = b64.len, len = 0;
        char *text = arena_alloc(&a, cap + 1);
        CHECK(sodium_base642bin((unsigned char *)text, cap, buf_cstr(&b64), b64.len, NULL, &len,
                                NULL, sodium_base64_VARIANT_ORIGINAL) == 0);
        text[len] = 0;
        buf_free(&b64);
        CHECK(strstr(text, "Kính gửi cv,") != NULL);
        CHECK(strstr(text, arena_printf(&a, "https://ngoaivu.example.vn/commitments/%lld",
                                        W.cm1)) != NULL);
        CHECK(strstr(text, "Quá hạn: Hạn hôm qua (Thời hạn 09/06/2026)") != NULL);
        CHECK(strstr(text, "… và 3 thông báo khác.") != NULL);
        CHECK(strstr(text, "https://ngoaivu.example.vn/notifications") != NULL);
    }
    /* addresses: what the records take, and nothing that could break a header */
    char err[256];
    CHECK(remind_user_email(c, "cv", "cv@so-ngoaivu.gov.vn", err, sizeof err) == 0);
    CHECK(remind_user_email(c, "cv", "not an address", err, sizeof err) == -1);
    CHECK(remind_user_email(c, "cv", "a@b.vn\r\nBcc:x", err, sizeof err) == -1);
    CHECK(remind_user_email(c, "nobody", "a@b.vn", err, sizeof err) == -1);
    mail_user *mu;
    int nm;
    CHECK(st_user_emails(c, &a, &mu, &nm) == ST_OK && nm == 1);
    CHECK(nm == 1 && !strcmp(mu[0].email, "cv@so-ngoaivu.gov.vn"));
    CHECK(remind_user_email(c, "cv", NULL, err, sizeof err) == 0);
    CHECK(st_user_emails(c, &a, &mu, &nm) == ST_OK && nm == 0);
    arena_free(&a);
    store_release(st, c);
}

void suite_remind(void)
{
    snprintf(dir, sizeof dir, "/tmp/ngv-remind-XXXXXX");
    if (!mkdtemp(dir) || auth_init() != 0) abort();
    char db[128], err[512];
    snprintf(db, sizeof db, "%s/r.db", dir);
    if (app_open(db, true, 2, &st, err, sizeof err) != 0) {
        fprintf(stderr, "cannot open: %s\n", err);
        abort();
    }
    setup_world();
    RUN(sweep_makes_the_right_notices_for_the_right_users);
    RUN(sweep_twice_makes_nothing_new);
    RUN(the_next_day_and_changed_records);
    RUN(older_records_assigned_only_when_their_agency_changes);
    RUN(marking_read);
    RUN(digest_message_is_well_formed);
    app_close(st);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}
