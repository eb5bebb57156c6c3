/* International projects, non-refundable aid and investment leads (dự án hợp tác, viện trợ
 * phi chính phủ, xúc tiến đầu tư); the partners each involves with their IATI roles, its
 * OECD DAC sectors with their shares, its money by year in its own currency with the rate
 * used, and the contacts and meetings (tiếp xúc, làm việc) through which the province looks
 * for investment; the province's administrative units, where projects take place.
 *
 * Special: a stage workflow from idea to closed (or dropped) whose steps date themselves;
 * the deadlines of the aid procedure (Decree 80/2020/NĐ-CP) and a stalled lead, computed
 * from the project's own dates and its latest meeting (a summary the store keeps), so that
 * each is a filter of the list, a row of the dashboard and a warning on the page; amounts
 * converted to USD and VND at the rate recorded with them. */
#include "entities.h"
#include "project.h"
#include "trade.h"
#include "app.h"
#include "../base/clock.h"
#include "../base/msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R(x) (1u << (x))
#define WRITERS (R(ROLE_OFFICER) | R(ROLE_LEADER) | R(ROLE_ADMIN))
#define LEADERS (R(ROLE_LEADER) | R(ROLE_ADMIN))

/* ---- the province's administrative units */

static const enum_opt unit_kinds[] = {
    {"commune", "Xã", "Commune"},
    {"ward", "Phường", "Ward"},
    {"zone", "Đặc khu", "Special zone"},
    {"district", "Huyện, thị xã, thành phố (cũ)", "District (former)"},
    {NULL, NULL, NULL},
};

static const field unit_fields[] = {
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 200,
     .vi = "Tên đơn vị hành chính",
     .en = "Name"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Name in English"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Cấp",
     .en = "Kind",
     .opts = unit_kinds},
    {.name = "former",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Thuộc (trước sắp xếp)",
     .en = "Formerly in"},
    {.name = "lat",
     .type = FT_NUMBER,
     .vi = "Vĩ độ (độ thập phân)",
     .en = "Latitude (decimal degrees)"},
    {.name = "lon",
     .type = FT_NUMBER,
     .vi = "Kinh độ (độ thập phân)",
     .en = "Longitude (decimal degrees)"},
};

static void unit_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    coordinates_check(r, "lat", "lon", errs);
}

const entity admin_unit_entity = {
    .name = "admin_unit",
    .table = "admin_units",
    .code = 18,
    .vi = "Đơn vị hành chính",
    .en = "Administrative unit",
    .plural_vi = "Đơn vị hành chính của tỉnh",
    .plural_en = "The province's units",
    .fields = unit_fields,
    .nfields = sizeof unit_fields / sizeof unit_fields[0],
    .check = unit_check,
    .menu = "aid",
};

/* ---- projects and leads */

static const enum_opt project_kinds[] = {
    {"ngo_programme", "Viện trợ PCP nước ngoài: chương trình", "Foreign NGO aid: programme"},
    {"ngo_project", "Viện trợ PCP nước ngoài: dự án", "Foreign NGO aid: project"},
    {"ngo_nonproject", "Viện trợ PCP nước ngoài: phi dự án", "Foreign NGO aid: non-project"},
    {"oda", "ODA, vốn vay ưu đãi", "ODA"},
    {"io_programme", "Chương trình của tổ chức quốc tế", "International organisation programme"},
    {"fdi_lead", "Dự án đầu tư trực tiếp nước ngoài (tiềm năng)", "Foreign direct investment lead"},
    {"promotion", "Sự kiện xúc tiến thương mại, đầu tư", "Trade or investment promotion event"},
    {NULL, NULL, NULL},
};

const enum_opt project_stages[] = {
    {"idea", "Ý tưởng", "Idea"},
    {"contacted", "Đã tiếp xúc", "Contacted"},
    {"negotiating", "Đang đàm phán", "Negotiating"},
    {"file_submitted", "Đã nộp hồ sơ", "File submitted"},
    {"appraised", "Đã thẩm định", "Appraised"},
    {"approved", "Đã phê duyệt", "Approved"},
    {"running", "Đang thực hiện", "Running"},
    {"closed", "Đã kết thúc", "Closed"},
    {"dropped", "Dừng theo đuổi", "Dropped"},
    {NULL, NULL, NULL},
};

/* Forward one stage at a time; the file can be sent back; approval is a leader's; a lead is
 * dropped by its officer, a project already filed by a leader, each with its reason. */
static const transition project_steps[] = {
    {"idea", "contacted", WRITERS, 0, NULL},
    {"contacted", "negotiating", WRITERS, 0, NULL},
    {"negotiating", "file_submitted", WRITERS, 0, NULL},
    {"file_submitted", "appraised", WRITERS, 0, NULL},
    {"file_submitted", "negotiating", WRITERS, T_REASON, NULL}, /* the file is incomplete */
    {"appraised", "approved", LEADERS, T_CONFIRM, NULL},
    {"appraised", "negotiating", LEADERS, T_REASON, NULL}, /* appraisal asks for changes */
    {"approved", "running", WRITERS | R(ROLE_AGENCY), 0, NULL},
    {"running", "closed", WRITERS, T_CONFIRM, NULL},
    {"idea", "dropped", WRITERS, T_REASON, NULL},
    {"contacted", "dropped", WRITERS, T_REASON, NULL},
    {"negotiating", "dropped", WRITERS, T_REASON, NULL},
    {"file_submitted", "dropped", LEADERS, T_CONFIRM | T_REASON, NULL},
    {"appraised", "dropped", LEADERS, T_CONFIRM | T_REASON, NULL},
    {"approved", "dropped", LEADERS, T_CONFIRM | T_REASON, NULL}, /* revoked, not started */
    {"dropped", "idea", LEADERS, T_REASON, NULL},                 /* taken up again */
    {NULL, NULL, 0, 0, NULL},
};

static const field_summary last_meeting = {
    .of = "meetings", .ref = "project_id", .take = "date", .latest = "date"};
static const field_summary sector_share = {
    .of = "project_sectors", .ref = "project_id", .sum = "percent"};
static const field_summary committed_sum = {
    .of = "project_amounts", .ref = "project_id", .sum = "committed_usd"};
static const field_summary disbursed_sum = {
    .of = "project_amounts", .ref = "project_id", .sum = "disbursed_usd"};

static const field project_fields[] = {
    {.name = "code",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT,
     .maxlen = 60,
     .vi = "Mã dự án",
     .en = "Project code",
     .hint_vi = "Mã riêng, không đổi (dùng trong mã IATI): chữ, số, - . _",
     .hint_en =
         "Its own code, never changed (part of the IATI identifier): letters, digits, - . _"},
    {.name = "title_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 400,
     .vi = "Tên dự án",
     .en = "Title (Vietnamese)"},
    {.name = "title_en",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 400,
     .vi = "Tên tiếng Anh",
     .en = "Title"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại",
     .en = "Type",
     .opts = project_kinds},
    {.name = "stage",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Giai đoạn",
     .en = "Stage",
     .opts = project_stages,
     .initial = "idea"},
    {.name = "description_vi",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 10000,
     .vi = "Mô tả",
     .en = "Description (Vietnamese)"},
    {.name = "description_en",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 10000,
     .vi = "Mô tả tiếng Anh",
     .en = "Description"},
    {.name = "fields",
     .type = FT_SET,
     .flags = F_FILTER,
     .vi = "Lĩnh vực hợp tác",
     .en = "Fields of cooperation",
     .opts = cooperation_fields},
    {.name = "unit_ids",
     .type = FT_REFS,
     .flags = F_FILTER,
     .vi = "Địa bàn thực hiện",
     .en = "Locations",
     .ref = "admin_units"},
    {.name = "agency_id",
     .type = FT_REF,
     .flags = F_LIST | F_FILTER,
     .vi = "Cơ quan chủ quản, chủ dự án",
     .en = "Agency in charge",
     .ref = "agencies"},
    {.name = "officer",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Cán bộ theo dõi",
     .en = "Officer in charge"},
    {.name = "currency",
     .type = FT_TEXT,
     .flags = F_REQUIRED,
     .maxlen = 3,
     .vi = "Đồng tiền",
     .en = "Currency",
     .hint_vi = "Mã ISO 4217 (USD, EUR, JPY, KRW...).",
     .hint_en = "An ISO 4217 code (USD, EUR, JPY, KRW...)."},
    {.name = "opened_on",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_SORT | F_PAST,
     .vi = "Ngày ghi nhận",
     .en = "Recorded on"},
    {.name = "planned_start", .type = FT_DATE, .vi = "Dự kiến bắt đầu", .en = "Planned start"},
    {.name = "planned_end", .type = FT_DATE, .vi = "Dự kiến kết thúc", .en = "Planned end"},
    {.name = "actual_start",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Bắt đầu thực hiện",
     .en = "Actual start"},
    {.name = "actual_end",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Kết thúc thực hiện",
     .en = "Actual end"},
    {.name = "file_complete",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Ngày nhận đủ hồ sơ",
     .en = "Complete file received"},
    {.name = "appraised_on",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Ngày thẩm định xong",
     .en = "Appraised on"},
    {.name = "approved_on",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Ngày phê duyệt",
     .en = "Approved on"},
    {.name = "decision",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Quyết định phê duyệt",
     .en = "Approval decision"},
    {.name = "notified_on",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Ngày thông báo phê duyệt",
     .en = "Approval notified on"},
    {.name = "annual_report_year",
     .type = FT_NUMBER,
     .flags = F_NONNEG | F_YEAR,
     .vi = "Báo cáo năm đã nhận đến năm",
     .en = "Annual reports received up to"},
    {.name = "closing_report_on",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Ngày nhận báo cáo kết thúc",
     .en = "Closing report received on"},
    {.name = "last_contact",
     .type = FT_DATE,
     .flags = F_READONLY | F_SORT,
     .vi = "Lần tiếp xúc gần nhất",
     .en = "Last contact",
     .summary = &last_meeting},
    {.name = "sector_total",
     .type = FT_NUMBER,
     .flags = F_READONLY,
     .vi = "Tổng tỷ lệ các lĩnh vực (%)",
     .en = "Sectors' shares in all (%)",
     .summary = &sector_share},
    {.name = "committed_usd",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST | F_SORT,
     .vi = "Cam kết (USD)",
     .en = "Committed (USD)",
     .summary = &committed_sum},
    {.name = "disbursed_usd",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_SORT,
     .vi = "Giải ngân (USD)",
     .en = "Disbursed (USD)",
     .summary = &disbursed_sum},
    {.name = "iati_id",
     .type = FT_TEXT,
     .flags = F_READONLY | F_SEARCH,
     .maxlen = 200,
     .vi = "Mã IATI",
     .en = "IATI identifier"},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

/* An identifier part IATI accepts: no / & | ? and no space (letters, digits, - . _). */
bool project_code_ok(const char *s)
{
    if (!s || !*s) return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '.' || *p == '_'))
            return false;
    return true;
}

/* A currency as typed ("eur") in capitals into up; true when that is an ISO 4217 code. */
static bool currency_of(const char *cur, char up[4])
{
    memset(up, 0, 4);
    for (int i = 0; cur && i < 3 && cur[i]; i++)
        up[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 32 : cur[i]);
    return cur && strlen(cur) == 3 && currency_known(up);
}

static void project_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *code = record_get(r, "code"), *cur = record_get(r, "currency");
    if (code && !project_code_ok(code)) verrs_add(errs, "code", M_PROJECT_CODE, 0);
    char up[4];
    if (cur && !currency_of(cur, up)) verrs_add(errs, "currency", M_CURRENCY, 0);
    static const char *const pairs[][2] = {{"planned_start", "planned_end"},
                                           {"actual_start", "actual_end"}};
    for (int i = 0; i < 2; i++) {
        const char *a = record_get(r, pairs[i][0]), *b = record_get(r, pairs[i][1]);
        if (a && b && strcmp(b, a) < 0) verrs_add(errs, pairs[i][1], M_DATE_ORDER, 0);
    }
}

static void project_compute(const entity *e, record *r, arena *a)
{
    int ci = entity_field_index(e, "currency"), ii = entity_field_index(e, "iati_id");
    char up[4];
    if (currency_of(r->v[ci], up)) r->v[ci] = arena_strdup(a, up); /* "eur" is EUR */
    /* the identifier is made once, from the organisation's identifier then known, and never
     * changes after (IATI): a later change of code or profile leaves it */
    const char *org = province_iati_org();
    if (!r->v[ii] && org && *org && r->v[entity_field_index(e, "code")])
        r->v[ii] = arena_printf(a, "%s-%s", org, r->v[entity_field_index(e, "code")]);
}

/* The day `months` months from day (negative: before), the day of the month kept where the
 * month has it, else its last ("2026-08-31" + 6 is "2027-02-28"). */
const char *project_month_shift(const char *day, int months, char out[11])
{
    int y, m, d;
    if (!day || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3) return NULL;
    int t = y * 12 + (m - 1) + months;
    y = t / 12;
    m = t % 12 + 1;
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 : dim[m - 1];
    if (y < 1000 || y > 9999 || d < 1 || d > 31) return NULL;
    char t32[32];
    snprintf(t32, sizeof t32, "%04d-%02d-%02d", y, m, d > last ? last : d);
    memcpy(out, t32, 11);
    return out;
}

static bool stage_is(const record *r, const char *s)
{
    const char *v = record_get(r, "stage");
    return v && !strcmp(v, s);
}

bool project_is_lead(const char *stage)
{
    return stage &&
           (!strcmp(stage, "idea") || !strcmp(stage, "contacted") || !strcmp(stage, "negotiating"));
}

/* The cut-off days of the rules, as of today: a date on or before the cut-off is late. */
typedef struct {
    char appraisal[11], notify[11], six_months[11], stalled[11], annual_start[32];
    int annual_due_year; /* the year whose report is due by now */
} cutoffs;

static bool cutoffs_of(const char *today, cutoffs *c)
{
    char six[11];
    int y;
    if (!clock_day_shift(today, -(PROJECT_APPRAISAL_DAYS + 1), c->appraisal) ||
        !clock_day_shift(today, -(PROJECT_NOTIFY_DAYS + 1), c->notify) ||
        !clock_day_shift(today, -(PROJECT_STALLED_DAYS + 1), c->stalled) ||
        !project_month_shift(today, -PROJECT_UNUSED_MONTHS, six) ||
        !clock_day_shift(six, -1, c->six_months) || sscanf(today, "%4d", &y) != 1 || y < 1002 ||
        y > 9999)
        return false;
    /* the report on year Y-1 is due on 15 January of Y: late from the 16th */
    char due[32];
    snprintf(due, sizeof due, "%04d-01-%02d", y, (int)PROJECT_ANNUAL_DAY);
    c->annual_due_year = strcmp(today, due) > 0 ? y - 1 : y - 2;
    snprintf(c->annual_start, sizeof c->annual_start, "%04d-12-31", c->annual_due_year);
    return true;
}

static bool on_or_before(const char *d, const char *cut)
{
    return d && strcmp(d, cut) <= 0;
}

const char *project_deadline(const record *r, const char *today)
{
    cutoffs c;
    if (!cutoffs_of(today, &c)) return "none";
    if (project_is_lead(record_get(r, "stage")) &&
        on_or_before(record_get(r, "opened_on"), c.stalled) &&
        (!record_get(r, "last_contact") || on_or_before(record_get(r, "last_contact"), c.stalled)))
        return "stalled";
    if (stage_is(r, "file_submitted") && on_or_before(record_get(r, "file_complete"), c.appraisal))
        return "appraisal";
    if (stage_is(r, "approved") && !record_get(r, "notified_on") &&
        on_or_before(record_get(r, "approved_on"), c.notify))
        return "notify";
    if (stage_is(r, "approved") && record_get(r, "notified_on") &&
        on_or_before(record_get(r, "approved_on"), c.six_months))
        return "unused";
    if (stage_is(r, "running") && on_or_before(record_get(r, "actual_start"), c.annual_start)) {
        const char *y = record_get(r, "annual_report_year");
        if (!y || strtol(y, NULL, 10) < c.annual_due_year) return "annual";
    }
    if (stage_is(r, "closed") && !record_get(r, "closing_report_on") &&
        on_or_before(record_get(r, "actual_end"), c.six_months))
        return "closing";
    return "none";
}

static const enum_opt deadlines[] = {
    {"stalled", "Quá 60 ngày chưa tiếp xúc", "No contact for 60 days"},
    {"appraisal", "Quá hạn thẩm định (20 ngày)", "Appraisal overdue (20 days)"},
    {"notify", "Chưa thông báo phê duyệt (5 ngày)", "Approval not notified (5 days)"},
    {"unused", "Phê duyệt quá 6 tháng chưa thực hiện", "Approved 6 months ago, not started"},
    {"annual", "Chưa có báo cáo năm (hạn 15/01)", "Annual report missing (due 15 January)"},
    {"closing", "Chưa có báo cáo kết thúc (6 tháng)", "Closing report overdue (6 months)"},
    {"none", "Không có hạn bị trễ", "Nothing overdue"},
    {NULL, NULL, NULL},
};

static bool add(list_query *q, const entity *e, const char *name, const char *v, char op)
{
    if (q->nf >= LIST_FILTERS_MAX) return false;
    q->f[q->nf++] = (list_filter){entity_field_index(e, name), v, op};
    return true;
}

/* The same rules as project_deadline, as filters on the project's own columns (each code
 * holds in a stage of its own, so that the codes do not overlap). */
static bool deadline_filter(const entity *e, const char *code, const char *today, list_query *q)
{
    cutoffs c;
    if (!cutoffs_of(today, &c)) return false;
    char *s0 = q->scratch[0], *s1 = q->scratch[1];
    if (!strcmp(code, "stalled")) {
        memcpy(s0, c.stalled, 11);
        return add(q, e, "stage", "idea,contacted,negotiating", 'i') &&
               add(q, e, "opened_on", s0, '<') && add(q, e, "last_contact", s0, 'l');
    }
    if (!strcmp(code, "appraisal")) {
        memcpy(s0, c.appraisal, 11);
        return add(q, e, "stage", "file_submitted", '=') && add(q, e, "file_complete", s0, '<');
    }
    if (!strcmp(code, "notify")) {
        memcpy(s0, c.notify, 11);
        return add(q, e, "stage", "approved", '=') && add(q, e, "notified_on", NULL, 'n') &&
               add(q, e, "approved_on", s0, '<');
    }
    if (!strcmp(code, "unused")) {
        memcpy(s0, c.six_months, 11);
        return add(q, e, "stage", "approved", '=') && add(q, e, "notified_on", NULL, 'N') &&
               add(q, e, "approved_on", s0, '<');
    }
    if (!strcmp(code, "annual")) {
        memcpy(s0, c.annual_start, 11);
        snprintf(s1, sizeof q->scratch[1], "%d", c.annual_due_year - 1);
        return add(q, e, "stage", "running", '=') && add(q, e, "actual_start", s0, '<') &&
               add(q, e, "annual_report_year", s1, 'l');
    }
    if (!strcmp(code, "closing")) {
        memcpy(s0, c.six_months, 11);
        return add(q, e, "stage", "closed", '=') && add(q, e, "closing_report_on", NULL, 'n') &&
               add(q, e, "actual_end", s0, '<');
    }
    return false; /* "none" is what is left: not a filter */
}

static const derived_field project_derived = {
    .name = "deadline",
    .vi = "Hạn, cảnh báo",
    .en = "Deadline",
    .opts = deadlines,
    .value = project_deadline,
    .filter = deadline_filter,
};

static int project_warning(const record *r, const char *today)
{
    const char *d = project_deadline(r, today);
    static const struct {
        const char *code;
        int msg;
    } m[] = {{"stalled", M_LEAD_STALLED},   {"appraisal", M_DEADLINE_APPRAISAL},
             {"notify", M_DEADLINE_NOTIFY}, {"unused", M_DEADLINE_UNUSED},
             {"annual", M_DEADLINE_ANNUAL}, {"closing", M_DEADLINE_CLOSING}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (!strcmp(d, m[i].code)) return m[i].msg;
    return -1;
}

/* A step dates itself where its date is not yet entered (a file received last week is
 * entered as such before the step). */
static void project_on_transition(const entity *e, record *r, const char *to, const char *today,
                                  verrs *errs)
{
    (void)errs;
    static const char *const dated[][2] = {{"file_submitted", "file_complete"},
                                           {"appraised", "appraised_on"},
                                           {"approved", "approved_on"},
                                           {"running", "actual_start"},
                                           {"closed", "actual_end"}};
    for (size_t i = 0; i < sizeof dated / sizeof dated[0]; i++)
        if (!strcmp(to, dated[i][0])) {
            int fi = entity_field_index(e, dated[i][1]);
            if (!r->v[fi]) r->v[fi] = today;
        }
}

const entity project_entity = {
    .name = "project",
    .table = "projects",
    .code = 19,
    .vi = "Dự án, viện trợ, đầu tư",
    .en = "Project or lead",
    .plural_vi = "Dự án, viện trợ, xúc tiến đầu tư",
    .plural_en = "Projects, aid and investment",
    .fields = project_fields,
    .nfields = sizeof project_fields / sizeof project_fields[0],
    .check = project_check,
    .compute = project_compute,
    .status_field = "stage",
    .transitions = project_steps,
    .on_transition = project_on_transition,
    .warning = project_warning,
    .derived = &project_derived,
    .agency_field = "agency_id",
    .agency_writes = AG_UPDATE,
    .agency_edit = (const char *const[]){"actual_start", "actual_end", "annual_report_year",
                                         "closing_report_on", "notes", NULL},
    .children =
        (const child_list[]){
            {"project_partners", "project_id", "role", false, (const char *const[]){"role", NULL}},
            {"project_sectors", "project_id", "percent", true,
             (const char *const[]){"percent", NULL}},
            {"project_amounts", "project_id", "year", false,
             (const char *const[]){"currency", "committed", "disbursed", "committed_usd",
                                   "disbursed_usd", "committed_vnd", "disbursed_vnd", NULL}},
            {"meetings", "project_id", "date", true,
             (const char *const[]){"date", "outcome", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .attachments = true,
    .menu = "aid",
};

/* ---- partners of a project, with their IATI roles */

const enum_opt project_roles[] = {
    {"1", "Nhà tài trợ (cấp vốn)", "Funding"},
    {"2", "Chịu trách nhiệm (chủ quản)", "Accountable"},
    {"3", "Cơ quan chuyển vốn (mở rộng)", "Extending"},
    {"4", "Thực hiện", "Implementing"},
    {NULL, NULL, NULL},
};

static const field project_partner_fields[] = {
    {.name = "project_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Dự án",
     .en = "Project",
     .ref = "projects"},
    {.name = "partner_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_TITLE,
     .vi = "Đối tác",
     .en = "Partner",
     .ref = "partners"},
    {.name = "role",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SORT,
     .vi = "Vai trò",
     .en = "Role",
     .opts = project_roles},
    {.name = "note",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 500,
     .vi = "Ghi chú",
     .en = "Note"},
};

const entity project_partner_entity = {
    .name = "project_partner",
    .table = "project_partners",
    .code = 20,
    .vi = "Đối tác của dự án",
    .en = "Project partner",
    .plural_vi = "Đối tác của dự án",
    .plural_en = "Project partners",
    .fields = project_partner_fields,
    .nfields = sizeof project_partner_fields / sizeof project_partner_fields[0],
    .menu = "aid",
};

/* ---- sectors: OECD DAC 5-digit codes with their shares */

static const field project_sector_fields[] = {
    {.name = "project_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Dự án",
     .en = "Project",
     .ref = "projects"},
    {.name = "sector",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_TITLE,
     .vi = "Lĩnh vực (mã DAC 5 chữ số)",
     .en = "Sector (DAC 5-digit code)",
     .opts = dac_sectors},
    {.name = "percent",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_NONNEG,
     .vi = "Tỷ lệ (%)",
     .en = "Share (%)",
     .hint_vi = "Các lĩnh vực của một dự án cộng lại 100.",
     .hint_en = "A project's sectors add up to 100."},
};

static void sector_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *p = record_get(r, "percent");
    if (p && (strtod(p, NULL) <= 0 || strtod(p, NULL) > 100))
        verrs_add(errs, "percent", M_SECTOR_PERCENT, 0);
}

const entity project_sector_entity = {
    .name = "project_sector",
    .table = "project_sectors",
    .code = 21,
    .vi = "Lĩnh vực của dự án",
    .en = "Project sector",
    .plural_vi = "Lĩnh vực của dự án",
    .plural_en = "Project sectors",
    .fields = project_sector_fields,
    .nfields = sizeof project_sector_fields / sizeof project_sector_fields[0],
    .check = sector_check,
    .menu = "aid",
};

/* ---- money by year, in its own currency, with the rate used */

static const field amount_fields[] = {
    {.name = "project_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Dự án",
     .en = "Project",
     .ref = "projects"},
    {.name = "year",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER | F_NONNEG | F_YEAR | F_TITLE,
     .vi = "Năm",
     .en = "Year"},
    {.name = "currency",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .maxlen = 3,
     .vi = "Đồng tiền",
     .en = "Currency",
     .hint_vi = "Mã ISO 4217, như số liệu của nhà tài trợ.",
     .hint_en = "An ISO 4217 code, as the donor reports it."},
    {.name = "committed",
     .type = FT_NUMBER,
     .flags = F_LIST | F_NONNEG,
     .vi = "Cam kết",
     .en = "Committed"},
    {.name = "disbursed",
     .type = FT_NUMBER,
     .flags = F_LIST | F_NONNEG,
     .vi = "Giải ngân",
     .en = "Disbursed"},
    {.name = "rate_usd",
     .type = FT_NUMBER,
     .flags = F_NONNEG,
     .vi = "Tỷ giá ra USD (1 đơn vị = ? USD)",
     .en = "Rate to USD (1 unit = ? USD)",
     .hint_vi = "Để trống với USD.",
     .hint_en = "Empty for USD."},
    {.name = "rate_vnd",
     .type = FT_NUMBER,
     .flags = F_NONNEG,
     .vi = "Tỷ giá ra VND (1 đơn vị = ? VND)",
     .en = "Rate to VND (1 unit = ? VND)",
     .hint_vi = "Để trống với VND.",
     .hint_en = "Empty for VND."},
    {.name = "rate_date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_PAST,
     .vi = "Ngày số liệu, tỷ giá",
     .en = "As of (figures and rate)"},
    {.name = "committed_usd",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST,
     .vi = "Cam kết (USD)",
     .en = "Committed (USD)"},
    {.name = "disbursed_usd",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST,
     .vi = "Giải ngân (USD)",
     .en = "Disbursed (USD)"},
    {.name = "committed_vnd",
     .type = FT_NUMBER,
     .flags = F_READONLY,
     .vi = "Cam kết (VND)",
     .en = "Committed (VND)"},
    {.name = "disbursed_vnd",
     .type = FT_NUMBER,
     .flags = F_READONLY,
     .vi = "Giải ngân (VND)",
     .en = "Disbursed (VND)"},
    {.name = "note",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 500,
     .vi = "Ghi chú",
     .en = "Note"},
};

static void amount_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *cur = record_get(r, "currency");
    if (!record_get(r, "committed") && !record_get(r, "disbursed"))
        verrs_add(errs, "committed", M_AMOUNT_NEEDED, 0);
    if (!cur) return;
    char up[4];
    if (!currency_of(cur, up)) {
        verrs_add(errs, "currency", M_CURRENCY, 0);
        return;
    }
    if (strcmp(up, "USD") && !record_get(r, "rate_usd"))
        verrs_add(errs, "rate_usd", M_RATE_NEEDED, 0);
    if (strcmp(up, "VND") && !record_get(r, "rate_vnd"))
        verrs_add(errs, "rate_vnd", M_RATE_NEEDED, 0);
    static const char *const rates[] = {"rate_usd", "rate_vnd"};
    for (int i = 0; i < 2; i++) {
        const char *v = record_get(r, rates[i]);
        if (v && strtod(v, NULL) <= 0) verrs_add(errs, rates[i], M_RATE_NEEDED, 0);
    }
}

/* An amount times a rate, rounded to `places` decimals ("1234.5" x "25000" = "30862500"). */
static const char *converted(arena *a, const char *amount, const char *rate, int places)
{
    if (!amount || !rate) return NULL;
    long double v = strtold(amount, NULL) * strtold(rate, NULL), p = powl(10, places);
    v = roundl(v * p) / p;
    return arena_printf(a, "%.*Lf", places, v);
}

static void amount_compute(const entity *e, record *r, arena *a)
{
    int ci = entity_field_index(e, "currency"), ui = entity_field_index(e, "rate_usd"),
        vi = entity_field_index(e, "rate_vnd");
    char up[4];
    currency_of(r->v[ci], up); /* checked: a code */
    const char *c = r->v[ci] = arena_strdup(a, up);
    if (!strcmp(c, "USD")) r->v[ui] = "1";
    if (!strcmp(c, "VND")) r->v[vi] = "1";
    static const char *const kinds[] = {"committed", "disbursed"};
    for (int k = 0; k < 2; k++) {
        const char *v = r->v[entity_field_index(e, kinds[k])];
        r->v[entity_field_index(e, arena_printf(a, "%s_usd", kinds[k]))] =
            converted(a, v, r->v[ui], 2);
        r->v[entity_field_index(e, arena_printf(a, "%s_vnd", kinds[k]))] =
            converted(a, v, r->v[vi], 0);
    }
}

const entity project_amount_entity = {
    .name = "project_amount",
    .table = "project_amounts",
    .code = 22,
    .vi = "Kinh phí theo năm",
    .en = "Amount by year",
    .plural_vi = "Kinh phí dự án theo năm",
    .plural_en = "Project amounts by year",
    .fields = amount_fields,
    .nfields = sizeof amount_fields / sizeof amount_fields[0],
    .check = amount_check,
    .compute = amount_compute,
    /* the agency in charge of a project reports its money */
    .agency_field = "project_id",
    .agency_writes = AG_CREATE | AG_UPDATE,
    .menu = "aid",
};

/* ---- contacts and meetings with missions, organisations and investors */

static const enum_opt meeting_kinds[] = {
    {"meeting", "Tiếp, làm việc", "Meeting"},
    {"visit", "Khảo sát, thăm", "Visit"},
    {"event", "Hội nghị, hội thảo, xúc tiến", "Conference or promotion event"},
    {"call", "Điện thoại, trực tuyến", "Call or video meeting"},
    {"letter", "Thư, công văn", "Letter"},
    {NULL, NULL, NULL},
};

static const field meeting_fields[] = {
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_TITLE,
     .maxlen = 400,
     .vi = "Nội dung làm việc",
     .en = "Subject"},
    {.name = "date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER | F_PAST,
     .vi = "Ngày",
     .en = "Date"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Hình thức",
     .en = "Kind",
     .opts = meeting_kinds},
    {.name = "our_side",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 500,
     .vi = "Phía tỉnh (ai làm việc)",
     .en = "Our side (who)"},
    {.name = "partner_ids",
     .type = FT_REFS,
     .flags = F_LIST | F_FILTER,
     .vi = "Làm việc với (đối tác)",
     .en = "With (partners)",
     .ref = "partners"},
    {.name = "contact_ids",
     .type = FT_REFS,
     .flags = F_FILTER,
     .vi = "Người liên hệ",
     .en = "Contacts",
     .ref = "contacts"},
    {.name = "project_id",
     .type = FT_REF,
     .flags = F_LIST | F_FILTER,
     .vi = "Dự án, đầu mối đầu tư",
     .en = "Project or lead",
     .ref = "projects"},
    {.name = "outcome",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Kết quả",
     .en = "Outcome"},
    {.name = "follow_up",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Việc cần làm tiếp",
     .en = "Follow-up"},
};

const entity meeting_entity = {
    .name = "meeting",
    .table = "meetings",
    .code = 23,
    .vi = "Tiếp xúc, làm việc",
    .en = "Contact or meeting",
    .plural_vi = "Tiếp xúc, làm việc",
    .plural_en = "Contacts and meetings",
    .fields = meeting_fields,
    .nfields = sizeof meeting_fields / sizeof meeting_fields[0],
    .children =
        (const child_list[]){
            {"commitments", "meeting_id", "deadline", false,
             (const char *const[]){"agency_id", "deadline", "status", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .attachments = true,
    .menu = "aid",
};
