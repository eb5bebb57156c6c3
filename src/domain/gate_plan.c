/* Plans to open a border-gate pair or upgrade it (from one class to another, approved by a
 * decision, by a target year), and their milestones (what, by when, which agency, done
 * when). Special: a plan is behind schedule when one of its milestones is past its target
 * date and not done. The plan keeps the earliest target date among its milestones not
 * done (next_due, a summary the store keeps in the unit of every milestone's write), so
 * that "behind" is a filter on the plan's own column, and lists sort plans by how late
 * they are. */
#include "entities.h"
#include "../base/clock.h"
#include "../base/msg.h"

#include <stdlib.h>
#include <string.h>

static const enum_opt plan_kinds[] = {
    {"open", "Mở mới cặp cửa khẩu", "Open a new pair"},
    {"upgrade", "Nâng cấp cặp cửa khẩu", "Upgrade a pair"},
    {NULL, NULL, NULL},
};

static const field_summary next_due = {
    .of = "gate_milestones", .ref = "plan_id", .min = "target_date", .unless = "done_date"};

static const field plan_fields[] = {
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 300,
     .vi = "Tên kế hoạch",
     .en = "Plan"},
    {.name = "gate_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Cửa khẩu",
     .en = "Border gate",
     .ref = "gates"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại kế hoạch",
     .en = "Kind",
     .opts = plan_kinds},
    {.name = "from_class",
     .type = FT_ENUM,
     .vi = "Loại cửa khẩu hiện tại",
     .en = "Present class",
     .opts = gate_classes},
    {.name = "to_class",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại cửa khẩu sau khi mở/nâng cấp",
     .en = "Class it leads to",
     .opts = gate_classes},
    {.name = "decision",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Văn bản phê duyệt",
     .en = "Approving decision"},
    {.name = "decision_date", .type = FT_DATE, .vi = "Ngày phê duyệt", .en = "Approved on"},
    {.name = "target_year",
     .type = FT_NUMBER,
     .flags = F_LIST | F_SORT | F_NONNEG | F_YEAR,
     .vi = "Năm hoàn thành dự kiến",
     .en = "Target year"},
    {.name = "next_due",
     .type = FT_DATE,
     .flags = F_READONLY | F_LIST | F_SORT,
     .vi = "Hạn sớm nhất chưa xong",
     .en = "Earliest target not done",
     .summary = &next_due},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

static void plan_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *kind = record_get(r, "kind"), *from = record_get(r, "from_class"),
               *to = record_get(r, "to_class");
    if (kind && !strcmp(kind, "upgrade") && (!from || (to && !strcmp(from, to))))
        verrs_add(errs, "from_class", M_PLAN_FROM_CLASS, 0);
}

static const enum_opt schedules[] = {
    {"behind", "Chậm tiến độ", "Behind schedule"},
    {"on_track", "Đúng tiến độ", "On schedule"},
    {NULL, NULL, NULL},
};

/* Behind: a milestone not done whose target date is before today. */
static const char *plan_schedule(const record *r, const char *today)
{
    const char *due = record_get(r, "next_due");
    return due && strcmp(due, today) < 0 ? "behind" : "on_track";
}

static bool plan_schedule_filter(const entity *e, const char *code, const char *today,
                                 list_query *q)
{
    int due = entity_field_index(e, "next_due");
    char *yesterday = q->scratch[0];
    if (q->nf + 1 > LIST_FILTERS_MAX || !clock_day_shift(today, -1, yesterday)) return false;
    if (!strcmp(code, "behind"))
        q->f[q->nf++] = (list_filter){due, yesterday, '<'}; /* at most yesterday */
    else if (!strcmp(code, "on_track"))
        q->f[q->nf++] = (list_filter){due, yesterday, 'g'}; /* none, or today on */
    else
        return false;
    return true;
}

static const derived_field plan_derived = {
    .name = "schedule",
    .vi = "Tiến độ",
    .en = "Schedule",
    .opts = schedules,
    .value = plan_schedule,
    .filter = plan_schedule_filter,
    .warn = "behind",
    .warn_msg = M_MILESTONE_LATE,
};

const entity gate_plan_entity = {
    .name = "gate_plan",
    .table = "gate_plans",
    .code = 8,
    .vi = "Kế hoạch mở, nâng cấp cửa khẩu",
    .en = "Gate plan",
    .plural_vi = "Kế hoạch cửa khẩu",
    .plural_en = "Gate plans",
    .fields = plan_fields,
    .nfields = sizeof plan_fields / sizeof plan_fields[0],
    .check = plan_check,
    .derived = &plan_derived,
    .children =
        (const child_list[]){
            {"gate_milestones", "plan_id", "target_date", false,
             (const char *const[]){"target_date", "agency_id", "done_date", NULL}},
            {"gate_plan_updates", "plan_id", "date", true, (const char *const[]){"date", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .attachments = true,
    .menu = "border",
};

static const field milestone_fields[] = {
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_TITLE,
     .maxlen = 300,
     .vi = "Nội dung công việc",
     .en = "Milestone"},
    {.name = "plan_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Kế hoạch",
     .en = "Plan",
     .ref = "gate_plans"},
    {.name = "target_date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT,
     .vi = "Thời hạn",
     .en = "Target date"},
    {.name = "agency_id",
     .type = FT_REF,
     .flags = F_LIST | F_FILTER,
     .vi = "Cơ quan chủ trì",
     .en = "Responsible agency",
     .ref = "agencies"},
    {.name = "done_date",
     .type = FT_DATE,
     .flags = F_LIST | F_PAST,
     .vi = "Ngày hoàn thành",
     .en = "Done on"},
    {.name = "note",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 2000,
     .vi = "Ghi chú",
     .en = "Note"},
};

bool gate_milestone_late(const record *r, const char *today)
{
    const char *due = record_get(r, "target_date");
    return !record_get(r, "done_date") && due && strcmp(due, today) < 0;
}

bool gate_milestone_late_filter(const entity *e, const char *today, list_query *q)
{
    /* the same rule: not done, the target date at most the day before today */
    if (q->nf + 2 > LIST_FILTERS_MAX || !clock_day_shift(today, -1, q->scratch[0])) return false;
    q->f[q->nf++] = (list_filter){entity_field_index(e, "done_date"), NULL, 'n'};
    q->f[q->nf++] = (list_filter){entity_field_index(e, "target_date"), q->scratch[0], '<'};
    return true;
}

static int milestone_warning(const record *r, const char *today)
{
    return gate_milestone_late(r, today) ? M_MILESTONE_LATE : -1;
}

const entity gate_milestone_entity = {
    .name = "gate_milestone",
    .table = "gate_milestones",
    .code = 9,
    .vi = "Mốc tiến độ",
    .en = "Milestone",
    .plural_vi = "Mốc tiến độ cửa khẩu",
    .plural_en = "Gate milestones",
    .fields = milestone_fields,
    .nfields = sizeof milestone_fields / sizeof milestone_fields[0],
    .warning = milestone_warning,
    /* the agency in charge reports its milestone done (when, and a note), and no more */
    .agency_field = "agency_id",
    .agency_writes = AG_UPDATE,
    .agency_edit = (const char *const[]){"done_date", "note", NULL},
    .menu = "border",
};

/* The plan's progress log: what happened, on which day (a meeting with the Lao side, a
 * survey, a document sent), the latest first on the plan's page. */
static const field update_fields[] = {
    {.name = "plan_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Kế hoạch",
     .en = "Plan",
     .ref = "gate_plans"},
    {.name = "date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_PAST,
     .vi = "Ngày",
     .en = "Date"},
    {.name = "text",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_TITLE,
     .maxlen = 1000,
     .vi = "Diễn biến",
     .en = "What happened"},
    {.name = "note",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Chi tiết",
     .en = "Details"},
};

const entity gate_plan_update_entity = {
    .name = "gate_plan_update",
    .table = "gate_plan_updates",
    .code = 10,
    .vi = "Diễn biến thực hiện",
    .en = "Progress entry",
    .plural_vi = "Nhật ký tiến độ",
    .plural_en = "Progress log",
    .fields = update_fields,
    .nfields = sizeof update_fields / sizeof update_fields[0],
    .attachments = true,
    .menu = "border",
};
