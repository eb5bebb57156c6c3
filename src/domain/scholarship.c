/* Scholarships (học bổng) the province grants its partner provinces: quotas per partner
 * province and year (data: the demo holds the real 5 for each of six, 30 a year), and the
 * awards, each a student with a school, a programme and a level, studying until they
 * graduate or withdraw.
 *
 * Special: a quota keeps how many awards it has and how many remain (count summaries); an
 * award beyond the quota is not refused but waits for a leader's approval (its state
 * "awaiting", the step to "studying" a leader's, in the step log and the audit); a student
 * whose expected end has passed while still studying is flagged. */
#include "entities.h"
#include "records.h"
#include "../base/clock.h"
#include "../base/msg.h"
#include "../store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R(x) (1u << (x))
#define WRITERS (R(ROLE_OFFICER) | R(ROLE_LEADER) | R(ROLE_ADMIN))

static const field_summary quota_awarded = {
    .of = "scholarship_awards", .ref = "quota_id", .count = "student_vi"};
static const field_summary quota_remaining = {
    .of = "scholarship_awards", .ref = "quota_id", .count = "student_vi", .minus = "quota"};

static const field quota_fields[] = {
    {.name = "label",
     .type = FT_TEXT,
     .flags = F_READONLY | F_TITLE | F_SEARCH,
     .maxlen = 300,
     .vi = "Chỉ tiêu",
     .en = "Quota"},
    {.name = "year",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER | F_NONNEG | F_YEAR,
     .vi = "Năm",
     .en = "Year"},
    {.name = "partner_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Tỉnh bạn",
     .en = "Partner province",
     .ref = "partners"},
    {.name = "quota",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_NONNEG,
     .vi = "Chỉ tiêu",
     .en = "Quota"},
    {.name = "awarded",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST,
     .vi = "Đã cấp",
     .en = "Awarded",
     .summary = &quota_awarded},
    {.name = "remaining",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST | F_SORT,
     .vi = "Còn lại",
     .en = "Remaining",
     .summary = &quota_remaining},
    {.name = "quota_key",
     .type = FT_TEXT,
     .flags = F_READONLY | F_UNIQUE,
     .maxlen = 40,
     .vi = "Năm và tỉnh bạn",
     .en = "Year and province"},
    {.name = "note",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 500,
     .vi = "Ghi chú",
     .en = "Note"},
};

static void quota_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *q = record_get(r, "quota");
    if (q && strchr(q, '.')) verrs_add(errs, "quota", M_WHOLE_NUMBER, 0);
}

/* one quota a province and year: the key the database keeps unique */
static void quota_compute(const entity *e, record *r, arena *a)
{
    r->v[entity_field_index(e, "quota_key")] =
        arena_printf(a, "%s:%s", record_get(r, "year"), record_get(r, "partner_id"));
}

/* Its name where awards name it: the year and the province ("2026 · Tỉnh Attapeu"). */
static int quota_admit(ctx *x, const record *old, record *r, verrs *ve)
{
    (void)old, (void)ve;
    const char *p = record_get(r, "partner_id"), *y = record_get(r, "year");
    bool vi_only;
    ctx vx = *x;
    vx.lang = "vi";
    const char *name =
        p ? rec_ref_title(&vx, &partner_entity, strtoll(p, NULL, 10), &vi_only) : NULL;
    r->v[entity_field_index(r->e, "label")] =
        arena_printf(x->a, "%s · %s", y ? y : "", name ? name : (p ? p : ""));
    return 0;
}

const entity scholarship_quota_entity = {
    .name = "scholarship_quota",
    .table = "scholarship_quotas",
    .code = 26,
    .vi = "Chỉ tiêu học bổng",
    .en = "Scholarship quota",
    .plural_vi = "Chỉ tiêu học bổng",
    .plural_en = "Scholarship quotas",
    .fields = quota_fields,
    .nfields = sizeof quota_fields / sizeof quota_fields[0],
    .check = quota_check,
    .admit = quota_admit,
    .compute = quota_compute,
    .children =
        (const child_list[]){
            {"scholarship_awards", "quota_id", "start_date", false,
             (const char *const[]){"school", "level", "status", "expected_end", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .menu = "aid",
};

static const enum_opt levels[] = {
    {"language", "Dự bị tiếng Việt", "Vietnamese preparatory year"},
    {"vocational", "Cao đẳng, trung cấp", "College, vocational"},
    {"bachelor", "Đại học", "Bachelor"},
    {"master", "Thạc sĩ", "Master"},
    {"doctorate", "Tiến sĩ", "Doctorate"},
    {"short", "Bồi dưỡng ngắn hạn", "Short course"},
    {NULL, NULL, NULL},
};

static const enum_opt award_states[] = {
    {"awaiting", "Vượt chỉ tiêu, chờ lãnh đạo duyệt", "Over quota, awaiting a leader"},
    {"studying", "Đang học", "Studying"},
    {"graduated", "Đã tốt nghiệp", "Graduated"},
    {"withdrawn", "Thôi học", "Withdrawn"},
    {NULL, NULL, NULL},
};

static const transition award_steps[] = {
    {"awaiting", "studying", R(ROLE_LEADER) | R(ROLE_ADMIN), T_CONFIRM, NULL},
    {"awaiting", "withdrawn", WRITERS, T_REASON, NULL}, /* not approved */
    {"studying", "graduated", WRITERS, 0, NULL},
    {"studying", "withdrawn", WRITERS, T_REASON, NULL},
    {"graduated", "studying", WRITERS, T_REASON, NULL}, /* entered by mistake */
    {NULL, NULL, 0, 0, NULL},
};

static const field award_fields[] = {
    {.name = "student_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 200,
     .vi = "Họ tên (tiếng Việt)",
     .en = "Name (in Vietnamese)"},
    {.name = "student_native",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Họ tên (chữ Lào, Khmer...)",
     .en = "Name (native script)"},
    {.name = "quota_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Chỉ tiêu (năm, tỉnh bạn)",
     .en = "Quota (year, province)",
     .ref = "scholarship_quotas"},
    {.name = "school",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST,
     .maxlen = 300,
     .vi = "Cơ sở đào tạo",
     .en = "School"},
    {.name = "programme",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Ngành học",
     .en = "Programme"},
    {.name = "level",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Trình độ",
     .en = "Level",
     .opts = levels},
    {.name = "start_date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_SORT,
     .vi = "Ngày nhập học",
     .en = "Start"},
    {.name = "expected_end",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER,
     .vi = "Dự kiến tốt nghiệp",
     .en = "Expected end"},
    {.name = "status",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Tình trạng",
     .en = "Status",
     .opts = award_states,
     .initial = "studying"},
    {.name = "note",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 2000,
     .vi = "Ghi chú",
     .en = "Note"},
};

static void award_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *a = record_get(r, "start_date"), *b = record_get(r, "expected_end");
    if (a && b && strcmp(b, a) <= 0) verrs_add(errs, "expected_end", M_DATE_ORDER, 0);
}

/* An award on a quota already used up waits for a leader: the quota's awards counted in
 * the write's unit, this one left out. A leader's or an admin's own award is approved by
 * its writing (the audit entry names them). */
static int award_admit(ctx *x, const record *old, record *r, verrs *ve)
{
    (void)ve;
    const char *qid = record_get(r, "quota_id");
    if (!qid || (old && record_get(old, "quota_id") && !strcmp(record_get(old, "quota_id"), qid)))
        return 0;
    record q;
    if (rec_get(x, &scholarship_quota_entity, strtoll(qid, NULL, 10), &q) != RS_OK) return 0;
    const entity *e = r->e;
    list_query lq = {.sort = -1};
    lq.f[lq.nf++] = (list_filter){entity_field_index(e, "quota_id"), qid, '='};
    long long n = 0;
    if (st_rec_count(x->c, e, &lq, &n) != ST_OK) return -1;
    /* (an award moved here from another quota is not among them yet) */
    long long quota = strtoll(record_get(&q, "quota") ? record_get(&q, "quota") : "0", NULL, 10);
    bool leader = x->role == ROLE_LEADER || x->role == ROLE_ADMIN;
    int si = entity_field_index(e, "status");
    if (n >= quota && !leader && (!old || strcmp(record_get(old, "status"), "awaiting")))
        r->v[si] = "awaiting";
    return 0;
}

static const enum_opt progress[] = {
    {"overdue", "Quá hạn tốt nghiệp, chưa có kết quả", "Past the expected end, still studying"},
    {"awaiting", "Chờ duyệt vượt chỉ tiêu", "Awaiting approval over quota"},
    {"in_order", "Bình thường", "In order"},
    {NULL, NULL, NULL},
};

static const char *award_progress(const record *r, const char *today)
{
    const char *s = record_get(r, "status"), *end = record_get(r, "expected_end");
    if (s && !strcmp(s, "awaiting")) return "awaiting";
    if (s && !strcmp(s, "studying") && end && strcmp(end, today) < 0) return "overdue";
    return "in_order";
}

static bool award_progress_filter(const entity *e, const char *code, const char *today,
                                  list_query *q)
{
    if (q->nf + 2 > LIST_FILTERS_MAX || !clock_day_shift(today, -1, q->scratch[0])) return false;
    int si = entity_field_index(e, "status");
    if (!strcmp(code, "overdue")) {
        q->f[q->nf++] = (list_filter){si, "studying", '='};
        q->f[q->nf++] = (list_filter){entity_field_index(e, "expected_end"), q->scratch[0], '<'};
        return true;
    }
    if (!strcmp(code, "awaiting")) {
        q->f[q->nf++] = (list_filter){si, "awaiting", '='};
        return true;
    }
    return false;
}

static const derived_field award_derived = {
    .name = "progress",
    .vi = "Theo dõi",
    .en = "Follow-up",
    .opts = progress,
    .value = award_progress,
    .filter = award_progress_filter,
};

static int award_warning(const record *r, const char *today)
{
    const char *p = award_progress(r, today);
    return !strcmp(p, "overdue") ? M_AWARD_OVERDUE : !strcmp(p, "awaiting") ? M_AWARD_AWAITING : -1;
}

const entity scholarship_award_entity = {
    .name = "scholarship_award",
    .table = "scholarship_awards",
    .code = 27,
    .vi = "Học bổng đã cấp",
    .en = "Scholarship award",
    .plural_vi = "Lưu học sinh nhận học bổng",
    .plural_en = "Scholarship students",
    .fields = award_fields,
    .nfields = sizeof award_fields / sizeof award_fields[0],
    .check = award_check,
    .admit = award_admit,
    .status_field = "status",
    .transitions = award_steps,
    .derived = &award_derived,
    .warning = award_warning,
    .attachments = true,
    .menu = "aid",
};
