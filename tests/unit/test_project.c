/* Projects, aid and investment: the aid procedure's deadlines around their boundaries, the
 * derived value and its list filter agreeing, months added as the calendar has them,
 * amounts converted at their rates, and the IATI validator against the schema's own
 * invalid sample. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/entities.h"
#include "domain/app.h"
#include "domain/holiday.h"
#include "domain/iati.h"
#include "domain/ngo.h"
#include "domain/programme.h"
#include "domain/project.h"
#include "domain/records.h"
#include "t.h"

static record project(arena *a, const char *stage)
{
    record r = rec_new(a, &project_entity);
    verrs ve = {0};
    rec_set(&r, "code", "KT-1", &ve);
    rec_set(&r, "title_vi", "Dự án thử", &ve);
    rec_set(&r, "kind", "ngo_project", &ve);
    rec_set(&r, "currency", "USD", &ve);
    r.v[entity_field_index(&project_entity, "stage")] = stage;
    return r;
}

static void set(record *r, const char *name, const char *v)
{
    r->v[entity_field_index(r->e, name)] = v;
}

/* The record's derived value, and whether the list filter of each code selects the record
 * exactly when the value is that code (checked on the record by its own filters). */
static bool filter_holds(const record *r, const char *code, const char *today)
{
    list_query q = {.sort = -1};
    if (!project_entity.derived->filter(&project_entity, code, today, &q)) return false;
    for (int i = 0; i < q.nf; i++) {
        const char *v = r->v[q.f[i].field], *w = q.f[i].value;
        bool num = r->e->fields[q.f[i].field].type == FT_NUMBER;
        int c =
            v && w
                ? (num ? (strtod(v, NULL) > strtod(w, NULL)) - (strtod(v, NULL) < strtod(w, NULL))
                       : strcmp(v, w))
                : 0;
        bool in = false;
        if (q.f[i].op == 'i' && v)
            for (const char *p = w; p && *p;) {
                size_t n = strcspn(p, ",");
                in = in || (strlen(v) == n && !strncmp(v, p, n));
                p = p[n] ? p + n + 1 : NULL;
            }
        bool holds = q.f[i].op == '='   ? v && c == 0
                     : q.f[i].op == '<' ? v && c <= 0
                     : q.f[i].op == 'l' ? !v || c <= 0
                     : q.f[i].op == 'n' ? !v
                     : q.f[i].op == 'N' ? v != NULL
                     : q.f[i].op == 'i' ? in
                                        : false;
        if (!holds) return false;
    }
    return true;
}

static void agree(const record *r, const char *today, const char *expected)
{
    CHECK_STR(project_deadline(r, today), expected);
    static const char *const codes[] = {"stalled", "appraisal", "notify",
                                        "unused",  "annual",    "closing"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        bool want = !strcmp(codes[i], expected), got = filter_holds(r, codes[i], today);
        if (want != got)
            fprintf(stderr, "    filter %s on %s: %d, expected %d\n", codes[i], today, got, want);
        CHECK(want == got);
    }
}

static void procedure_deadlines_at_their_boundaries(void)
{
    arena a = {0};
    /* appraisal within 20 days of a complete file: the 20th day is in time, the 21st late */
    record r = project(&a, "file_submitted");
    set(&r, "opened_on", "2026-01-01");
    set(&r, "file_complete", "2026-03-01");
    agree(&r, "2026-03-21", "none");
    agree(&r, "2026-03-22", "appraisal");
    set(&r, "stage", "appraised"); /* appraised: nothing due */
    agree(&r, "2026-06-01", "none");
    /* the approval notified within 5 days */
    r = project(&a, "approved");
    set(&r, "opened_on", "2026-01-01");
    set(&r, "approved_on", "2026-04-10");
    agree(&r, "2026-04-15", "none");
    agree(&r, "2026-04-16", "notify");
    /* notified: an approval unused for 6 months (to the same day) may be revoked */
    set(&r, "notified_on", "2026-04-12");
    agree(&r, "2026-10-10", "none");
    agree(&r, "2026-10-11", "unused");
    set(&r, "approved_on", "2026-08-31"); /* 6 months on: the end of February */
    agree(&r, "2027-02-28", "none");
    agree(&r, "2027-03-01", "unused");
    /* running: the report on a year is due 15 January after it */
    r = project(&a, "running");
    set(&r, "opened_on", "2024-01-01");
    set(&r, "actual_start", "2024-06-01");
    set(&r, "annual_report_year", "2024");
    agree(&r, "2026-01-15", "none");
    agree(&r, "2026-01-16", "annual");
    set(&r, "annual_report_year", "2025");
    agree(&r, "2026-01-16", "none");
    set(&r, "actual_start", "2025-03-01"); /* started in 2025: its first report is due in 2026 */
    set(&r, "annual_report_year", NULL);
    agree(&r, "2026-01-15", "none");
    agree(&r, "2026-01-16", "annual");
    set(&r, "actual_start", "2026-01-05"); /* started this year: nothing due yet */
    agree(&r, "2026-11-30", "none");
    /* closed: the closing report within 6 months of the end */
    r = project(&a, "closed");
    set(&r, "opened_on", "2020-01-01");
    set(&r, "actual_start", "2020-02-01");
    set(&r, "actual_end", "2026-01-31");
    agree(&r, "2026-07-31", "none");
    agree(&r, "2026-08-01", "closing");
    set(&r, "closing_report_on", "2026-07-20");
    agree(&r, "2026-09-01", "none");
    /* a lead with no contact for 60 days is stalled, counted from its last meeting, or from
     * when it was recorded when there is none */
    r = project(&a, "contacted");
    set(&r, "opened_on", "2026-01-01");
    agree(&r, "2026-03-02", "none"); /* 60 days */
    agree(&r, "2026-03-03", "stalled");
    set(&r, "last_contact", "2026-02-20");
    agree(&r, "2026-03-03", "none");
    agree(&r, "2026-04-21", "none");
    agree(&r, "2026-04-22", "stalled");
    set(&r, "stage", "approved"); /* no longer a lead */
    agree(&r, "2026-04-22", "none");
    arena_free(&a);
}

static void months_as_the_calendar_has_them(void)
{
    char out[11];
    CHECK_STR(project_month_shift("2026-08-31", 6, out), "2027-02-28");
    CHECK_STR(project_month_shift("2027-08-31", 6, out), "2028-02-29");
    CHECK_STR(project_month_shift("2026-03-15", -6, out), "2025-09-15");
    CHECK_STR(project_month_shift("2026-01-31", -2, out), "2025-11-30");
    CHECK(project_month_shift("not a day", 1, out) == NULL);
}

static void amounts_convert_at_their_rates(void)
{
    arena a = {0};
    record r = rec_new(&a, &project_amount_entity);
    verrs ve = {0};
    rec_set(&r, "project_id", "1", &ve);
    rec_set(&r, "year", "2026", &ve);
    rec_set(&r, "currency", "eur", &ve);
    rec_set(&r, "committed", "150000", &ve);
    rec_set(&r, "disbursed", "1234.56", &ve);
    rec_set(&r, "rate_date", "2026-06-30", &ve);
    verrs errs = {0};
    project_amount_entity.check(&project_amount_entity, &r, &errs);
    CHECK(errs.n == 2); /* both rates needed for a currency other than USD and VND */
    set(&r, "rate_usd", "1.08");
    set(&r, "rate_vnd", "27600");
    errs = (verrs){0};
    project_amount_entity.check(&project_amount_entity, &r, &errs);
    CHECK(errs.n == 0);
    project_amount_entity.compute(&project_amount_entity, &r, &a);
    CHECK_STR(record_get(&r, "currency"), "EUR");
    CHECK_STR(record_get(&r, "committed_usd"), "162000.00");
    CHECK_STR(record_get(&r, "committed_vnd"), "4140000000");
    CHECK_STR(record_get(&r, "disbursed_usd"), "1333.32");
    CHECK_STR(record_get(&r, "disbursed_vnd"), "34073856");
    /* USD: its own rate is 1 */
    set(&r, "currency", "USD");
    set(&r, "rate_usd", NULL);
    set(&r, "rate_vnd", "26250");
    errs = (verrs){0};
    project_amount_entity.check(&project_amount_entity, &r, &errs);
    CHECK(errs.n == 0);
    project_amount_entity.compute(&project_amount_entity, &r, &a);
    CHECK_STR(record_get(&r, "committed_usd"), "150000.00");
    CHECK_STR(record_get(&r, "committed_vnd"), "3937500000");
    set(&r, "currency", "XYZ");
    errs = (verrs){0};
    project_amount_entity.check(&project_amount_entity, &r, &errs);
    CHECK(errs.n == 1 && !strcmp(errs.e[0].field, "currency"));
    arena_free(&a);
}

static void dac_codes_come_from_the_list(void)
{
    int n = 0;
    for (; dac_sectors[n].code; n++)
        CHECK(strlen(dac_sectors[n].code) == 5);
    CHECK(n > 250); /* the OECD list holds some 300 active codes */
    const field *f =
        &project_sector_entity.fields[entity_field_index(&project_sector_entity, "sector")];
    CHECK(field_opt(f, "12220") != NULL); /* basic health care */
    CHECK(field_opt(f, "99999") == NULL);
    CHECK_STR(dac_category("14031"), "Water Supply & Sanitation");
    CHECK(project_code_ok("KT-2026.01_a") && !project_code_ok("KT/2026") &&
          !project_code_ok("a b"));
    /* the department's IATI identifier: PREFIX-CODE, no space, none of / & | ? */
    CHECK(iati_org_ok("XI-IATI-QNGDOFA") && iati_org_ok("VN-COA-1"));
    CHECK(!iati_org_ok("XIIATI") && !iati_org_ok("XI IATI-1") && !iati_org_ok("XI-IATI/1") &&
          !iati_org_ok("-XI") && !iati_org_ok("XI-A&B"));
}

static void the_validator_refuses_an_invalid_document(void)
{
    iati_problem pb;
    char path[512];
    snprintf(path, sizeof path, "%s/../shared/data/iati-2.03/invalid-missing-title-narrative.xml",
             NGV_SOURCE_DIR);
    CHECK(iati_validate_file(path, &pb) == -1);
    CHECK(strstr(pb.rule, "line ") != NULL);
    CHECK(strstr(pb.rule, "narrative") != NULL);
    fprintf(stderr, "     invalid sample: %s\n", pb.rule);
    FILE *f = tmpfile(); /* and a minimal valid one passes */
    if (!f) fprintf(stderr, "    tmpfile: %s\n", strerror(errno));
    CHECK(f != NULL);
    if (!f) return;
    fputs("<?xml version=\"1.0\"?><iati-activities version=\"2.03\"><iati-activity>"
          "<iati-identifier>XI-IATI-T-1</iati-identifier><reporting-org ref=\"XI-IATI-T\" "
          "type=\"10\"><narrative>T</narrative></reporting-org><title><narrative>A</narrative>"
          "</title><description><narrative>B</narrative></description><participating-org "
          "role=\"1\"/><activity-status code=\"2\"/><activity-date type=\"1\" "
          "iso-date=\"2026-01-01\"/></iati-activity></iati-activities>",
          f);
    fflush(f);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fileno(f));
    CHECK(iati_validate_file(path, &pb) == 0);
    fclose(f);
}

static void working_days_skip_weekends_and_holidays(void)
{
    char out[11];
    /* the seeded 2026 days off: Tết Monday 16 to Friday 20 February */
    CHECK(holiday_is("2026-02-17") && !holiday_is("2026-02-23"));
    CHECK_STR(working_days_after("2026-02-12", 1, out), "2026-02-13");
    CHECK_STR(working_days_after("2026-02-12", 2, out), "2026-02-23");
    CHECK_STR(working_days_after("2026-02-12", 3, out), "2026-02-24");
    /* the Hùng Kings' day taken on Monday 27 April; 30 April and 1 May */
    CHECK_STR(working_days_after("2026-04-24", 1, out), "2026-04-28");
    CHECK_STR(working_days_after("2026-04-29", 1, out), "2026-05-04");
    /* 45 working days: nine weeks when no holiday falls in them */
    CHECK_STR(working_days_after("2026-09-13", 45, out), "2026-11-13");
    CHECK_STR(working_days_after("2026-09-13", 0, out), "2026-09-13");
    CHECK(working_days_after("13/09/2026", 1, out) == NULL);
}

static record cert(arena *a, const char *kind, const char *issued, const char *expires)
{
    record r = rec_new(a, &ngo_certificate_entity);
    verrs ve = {0};
    rec_set(&r, "partner_id", "1", &ve);
    rec_set(&r, "kind", kind, &ve);
    rec_set(&r, "number", "12/GĐK-BNG", &ve);
    rec_set(&r, "issued_on", issued, &ve);
    rec_set(&r, "expires_on", expires, &ve);
    ngo_certificate_entity.compute(&ngo_certificate_entity, &r, a);
    return r;
}

static int cert_errors(const record *r)
{
    verrs errs = {0};
    ngo_certificate_entity.check(&ngo_certificate_entity, r, &errs);
    return errs.n;
}

static void ngo_certificates_expire_and_their_plans_fall_due(void)
{
    arena a = {0};
    /* at most 3 years for operation, 5 for an office, to the day */
    record r = cert(&a, "operation", "2024-01-12", "2027-01-12");
    CHECK(cert_errors(&r) == 0);
    r = cert(&a, "operation", "2024-01-12", "2027-01-13");
    CHECK(cert_errors(&r) == 1);
    r = cert(&a, "office", "2024-01-12", "2029-01-12");
    CHECK(cert_errors(&r) == 0);
    r = cert(&a, "office", "2024-01-12", "2024-01-12"); /* not after its issue */
    CHECK(cert_errors(&r) == 1);
    /* expiring 60 days ahead, unless the renewal is filed; then expired */
    r = cert(&a, "operation", "2024-01-12", "2027-01-11");
    CHECK_STR(record_get(&r, "plan_due"), "2024-03-15"); /* 45 working days (2024 knew none) */
    set(&r, "plan_received_on", "2024-02-11");
    CHECK_STR(ngo_state(&r, "2026-11-11"), "valid");    /* 61 days before */
    CHECK_STR(ngo_state(&r, "2026-11-12"), "expiring"); /* 60 */
    CHECK_STR(ngo_state(&r, "2027-01-11"), "expiring"); /* its last day */
    CHECK_STR(ngo_state(&r, "2027-01-12"), "expired");
    set(&r, "renewal_filed_on", "2026-11-01");
    CHECK_STR(ngo_state(&r, "2026-12-01"), "valid");
    /* the plan: due on its 45th working day, overdue the day after */
    r = cert(&a, "operation", "2026-09-13", "2029-09-12");
    CHECK_STR(record_get(&r, "plan_due"), "2026-11-13");
    CHECK_STR(ngo_state(&r, "2026-11-13"), "valid");
    CHECK_STR(ngo_state(&r, "2026-11-14"), "plan_late");
    set(&r, "plan_received_on", "2026-11-20");
    CHECK_STR(ngo_state(&r, "2026-11-21"), "valid");
    arena_free(&a);
}

static record pvalue(arena *a, const char *year, const char *target, const char *actual)
{
    record r = rec_new(a, &programme_value_entity);
    r.v[entity_field_index(r.e, "target_id")] = "1";
    r.v[entity_field_index(r.e, "year")] = year;
    r.v[entity_field_index(r.e, "target")] = target;
    r.v[entity_field_index(r.e, "actual")] = actual;
    return r;
}

static void programme_status_follows_its_rule(void)
{
    arena a = {0};
    record t = rec_new(&a, &programme_target_entity);
    set(&t, "baseline", "60");
    set(&t, "direction", "up");
    programme_progress pg;
    record v[4];
    CHECK_STR(programme_status(&t, v, 0, &pg), "unmeasured");
    v[0] = pvalue(&a, "2024", "110", "105");
    v[1] = pvalue(&a, "2025", "120", NULL); /* not measured yet: the latest measured counts */
    v[2] = pvalue(&a, "2030", "200", NULL);
    CHECK_STR(programme_status(&t, v, 3, &pg), "at_risk"); /* (105-60)/(110-60) = 90% */
    CHECK(pg.share > 0.899 && pg.share < 0.901 && pg.final == &v[2]);
    set(&v[1], "actual", "108"); /* (108-60)/(120-60) = 80% */
    CHECK_STR(programme_status(&t, v, 3, &pg), "at_risk");
    set(&v[1], "actual", "107.9");
    CHECK_STR(programme_status(&t, v, 3, &pg), "behind");
    set(&v[1], "actual", "120"); /* the year's target reached */
    CHECK_STR(programme_status(&t, v, 3, &pg), "on_track");
    CHECK(pg.to_final > 0.42 && pg.to_final < 0.43); /* 60 of the 140 to 200 */
    /* lower is better: a poverty rate from 30 % towards 15 % */
    set(&t, "baseline", "30");
    set(&t, "direction", "down");
    v[0] = pvalue(&a, "2025", "15", "17"); /* 13 of 15 points: 87 % */
    CHECK_STR(programme_status(&t, v, 1, &pg), "at_risk");
    set(&v[0], "actual", "14");
    CHECK_STR(programme_status(&t, v, 1, &pg), "on_track");
    set(&v[0], "actual", "31"); /* worse than the baseline */
    CHECK_STR(programme_status(&t, v, 1, &pg), "behind");
    arena_free(&a);
}

static store *pst;

void suite_project(void)
{
    char dir[] = "/tmp/ngv-project-XXXXXX", db[64], err[256];
    if (!mkdtemp(dir)) abort();
    snprintf(db, sizeof db, "%s/p.db", dir); /* a new database: the seeded holidays */
    if (app_open(db, true, 1, &pst, err, sizeof err) != 0) {
        fprintf(stderr, "cannot open: %s\n", err);
        abort();
    }
    RUN(working_days_skip_weekends_and_holidays);
    RUN(ngo_certificates_expire_and_their_plans_fall_due);
    RUN(procedure_deadlines_at_their_boundaries);
    RUN(months_as_the_calendar_has_them);
    RUN(amounts_convert_at_their_rates);
    RUN(dac_codes_come_from_the_list);
    RUN(the_validator_refuses_an_invalid_document);
    RUN(programme_status_follows_its_rule);
    app_close(pst);
    char path[96];
    snprintf(path, sizeof path, "rm -rf %s", dir);
    if (system(path) != 0) fprintf(stderr, "    could not remove %s\n", dir);
}
