/* Delegations (đoàn ra, đoàn vào): the province's visits abroad and the partners' visits
 * here. Special to them: the plan → approval → trip → report workflow (only a leader
 * approves), the end date after the start, and a report that is late when it has not been
 * filed within DELEGATION_REPORT_DAYS of the end. Everything else is the description. */
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "ctx.h"
#include "entities.h"
#include "settings.h"

static const enum_opt directions[] = {
    {"outbound", "Đoàn ra", "Outbound"},
    {"inbound", "Đoàn vào", "Inbound"},
    {NULL, NULL, NULL},
};

static const enum_opt levels[] = {
    {"provincial", "Lãnh đạo tỉnh", "Provincial leadership"},
    {"department", "Cấp sở, ngành", "Department"},
    {"commune", "Cấp xã", "Commune"},
    {"agency", "Cơ quan, đơn vị", "Agency"},
    {NULL, NULL, NULL},
};

/* The three channels of foreign affairs that reports count separately. */
static const enum_opt channels[] = {
    {"party", "Đối ngoại Đảng", "Party external relations"},
    {"state", "Ngoại giao Nhà nước", "State diplomacy"},
    {"people", "Đối ngoại nhân dân", "People-to-people diplomacy"},
    {NULL, NULL, NULL},
};

const enum_opt cooperation_fields[] = {
    {"economy", "Kinh tế", "Economy"},
    {"trade", "Thương mại", "Trade"},
    {"investment", "Đầu tư", "Investment"},
    {"agriculture", "Nông nghiệp", "Agriculture"},
    {"health", "Y tế", "Health"},
    {"education", "Giáo dục, đào tạo", "Education"},
    {"culture", "Văn hoá, du lịch", "Culture and tourism"},
    {"defence", "Quốc phòng, an ninh biên giới", "Defence and border security"},
    {"science", "Khoa học, công nghệ", "Science and technology"},
    {"other", "Lĩnh vực khác", "Other"},
    {NULL, NULL, NULL},
};

static const enum_opt funding[] = {
    {"state_budget", "Ngân sách nhà nước", "State budget"},
    {"partner", "Phía bạn đài thọ", "Paid by the partner"},
    {"sponsor", "Tài trợ", "Sponsored"},
    {"mixed", "Kết hợp", "Mixed"},
    {NULL, NULL, NULL},
};

static const enum_opt statuses[] = {
    {"proposed", "Đề xuất", "Proposed"},
    {"approved", "Đã phê duyệt", "Approved"},
    {"under_way", "Đang thực hiện", "Under way"},
    {"completed", "Đã kết thúc", "Completed"},
    {"reported", "Đã báo cáo", "Reported"},
    {"cancelled", "Huỷ", "Cancelled"},
    {NULL, NULL, NULL},
};

#define R(x) (1u << (x))
#define WRITERS (R(ROLE_OFFICER) | R(ROLE_LEADER) | R(ROLE_ADMIN))

/* Who may take which step. Approval is the leaders' alone. Nothing that cannot be undone
 * is one click: cancelling asks for a reason on a page of its own, ending the trip asks to
 * confirm, and the step to "reported" takes the results report itself. A leader may
 * reopen a cancelled delegation as a proposal. */
static const transition steps[] = {
    {"proposed", "approved", R(ROLE_LEADER), 0, NULL},
    {"proposed", "cancelled", WRITERS, T_CONFIRM | T_REASON, NULL},
    {"approved", "proposed", R(ROLE_LEADER), 0, NULL}, /* sent back for changes */
    {"approved", "under_way", WRITERS, 0, NULL},
    {"approved", "cancelled", R(ROLE_LEADER), T_CONFIRM | T_REASON, NULL},
    {"under_way", "completed", WRITERS, T_CONFIRM, NULL},
    {"completed", "reported", WRITERS, T_CONFIRM, "report"},
    {"cancelled", "proposed", R(ROLE_LEADER), T_CONFIRM, NULL}, /* reopened */
    {NULL, NULL, 0, 0, NULL},
};

/* What a leader approves: a change to any of these after approval sends the delegation
 * back to "proposed" (docs/architecture.md, "Workflows"). */
static const char *const substance[] = {"direction", "level",       "channel", "start_date",
                                        "end_date",  "head",        "head_id", "member_ids",
                                        "members",   "partner_ids", "country", "purpose",
                                        "funding",   "budget",      NULL};
static const reapproval reapprove = {"approved", "proposed", substance};

static const field delegation_fields[] = {
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 300,
     .vi = "Tên đoàn, nội dung",
     .en = "Delegation"},
    {.name = "direction",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Đoàn ra/vào",
     .en = "Direction",
     .opts = directions},
    {.name = "level",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_FILTER,
     .vi = "Cấp đoàn",
     .en = "Level",
     .opts = levels},
    {.name = "channel",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_FILTER,
     .vi = "Kênh đối ngoại",
     .en = "Channel",
     .opts = channels},
    {.name = "fields",
     .type = FT_SET,
     .flags = F_FILTER,
     .vi = "Lĩnh vực",
     .en = "Fields of cooperation",
     .opts = cooperation_fields},
    {.name = "head",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Trưởng đoàn",
     .en = "Head of delegation"},
    {.name = "head_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Trưởng đoàn (người liên hệ)",
     .en = "Head (contact)",
     .ref = "contacts"},
    {.name = "member_ids",
     .type = FT_REFS,
     .flags = F_FILTER,
     .vi = "Thành viên (người liên hệ)",
     .en = "Members (contacts)",
     .ref = "contacts"},
    {.name = "members",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Thành viên khác",
     .en = "Other members"},
    {.name = "partner_ids",
     .type = FT_REFS,
     .flags = F_LIST | F_FILTER,
     .vi = "Đối tác",
     .en = "Partners",
     .ref = "partners"},
    {.name = "country",
     .type = FT_COUNTRY,
     .flags = F_REQUIRED | F_SEARCH | F_FILTER | F_SORT,
     .maxlen = 2,
     .vi = "Quốc gia",
     .en = "Country"},
    {.name = "start_date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SORT,
     .vi = "Từ ngày",
     .en = "From"},
    {.name = "end_date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SORT,
     .vi = "Đến ngày",
     .en = "To"},
    {.name = "purpose",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Mục đích, nội dung làm việc",
     .en = "Purpose"},
    {.name = "funding", .type = FT_ENUM, .vi = "Nguồn kinh phí", .en = "Funding", .opts = funding},
    {.name = "budget",
     .type = FT_NUMBER,
     .flags = F_NONNEG,
     .vi = "Dự toán (đồng)",
     .en = "Budget (VND)"},
    {.name = "status",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Trạng thái",
     .en = "Status",
     .opts = statuses,
     .initial = "proposed"},
    {.name = "report",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 20000,
     .vi = "Báo cáo kết quả",
     .en = "Results report"},
    {.name = "report_date",
     .type = FT_DATE,
     .flags = F_READONLY,
     .vi = "Ngày nộp báo cáo",
     .en = "Report filed on"},
};

static void delegation_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *from = record_get(r, "start_date"), *to = record_get(r, "end_date");
    if (from && to && strlen(from) == 10 && strlen(to) == 10 && strcmp(to, from) < 0)
        verrs_add(errs, "end_date", M_DATE_ORDER, 0);
}

/* Closing the cycle needs the results report; its date is the day it was filed. */
static void delegation_step(const entity *e, record *r, const char *to, const char *today,
                            verrs *errs)
{
    int ri = entity_field_index(e, "report_date");
    if (!strcmp(to, "reported")) {
        const char *report = record_get(r, "report");
        if (!report || !*report) verrs_add(errs, "report", M_REPORT_NEEDED, 0);
        r->v[ri] = today;
    }
}

/* A trip cannot be under way before its first day. */
static int delegation_blocked(const entity *e, const record *r, const char *to, const char *today)
{
    (void)e;
    const char *start = record_get(r, "start_date");
    if (!strcmp(to, "under_way") && start && strcmp(today, start) < 0) return M_STEP_NOT_STARTED;
    return -1;
}

/* Days after the end within which the results report is due. */
long delegation_report_days(void)
{
    /* an admin's setting, else NGOAIVU_REPORT_DAYS, else DELEGATION_REPORT_DAYS */
    return settings_value(SET_REPORT_DAYS);
}

/* Late: the trip is over (completed, or still "under way" past its end) and no report
 * was filed within the allowed days of the end date. The rule, and below the filter that
 * selects what it holds for (entities.h). */
static const char OVER_STATES[] = "under_way,completed";

static int delegation_warning(const record *r, const char *today)
{
    const char *status = record_get(r, "status"), *end = record_get(r, "end_date");
    if (!status || !end) return -1;
    if (strcmp(status, "completed") && strcmp(status, "under_way")) return -1;
    return clock_days_between(end, today) > delegation_report_days() ? M_REPORT_LATE : -1;
}

bool delegation_late_filter(const entity *e, const char *today, list_query *q)
{
    /* more than N days since the end: it ended at the latest N + 1 days before today */
    if (q->nf + 2 > LIST_FILTERS_MAX ||
        !clock_day_shift(today, -(delegation_report_days() + 1), q->scratch[1]))
        return false;
    q->f[q->nf++] = (list_filter){entity_field_index(e, "status"), OVER_STATES, 'i'};
    q->f[q->nf++] = (list_filter){entity_field_index(e, "end_date"), q->scratch[1], '<'};
    return true;
}

const entity delegation_entity = {
    .name = "delegation",
    .table = "delegations",
    .code = 3,
    .vi = "Đoàn",
    .en = "Delegation",
    .plural_vi = "Đoàn ra, đoàn vào",
    .plural_en = "Delegations",
    .fields = delegation_fields,
    .nfields = sizeof delegation_fields / sizeof delegation_fields[0],
    .check = delegation_check,
    .status_field = "status",
    .transitions = steps,
    .on_transition = delegation_step,
    .step_blocked = delegation_blocked,
    .reapprove = &reapprove,
    .warning = delegation_warning,
};
