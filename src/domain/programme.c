/* The province's international integration programme (Đề án hội nhập quốc tế): a programme
 * with its period and vision, objectives, and targets, each an indicator with a unit, a
 * baseline, a target per year and the agency responsible; and the values per year, the
 * target the department sets and the measurement the agency enters (with its source and
 * date).
 *
 * Special: a target's status comes from a rule stated in words on the page
 * (programme_rule): the latest year measured against that year's target, as the share of
 * the way from the baseline reached (programme_status). An agency user enters the
 * measurements of its own targets, never the targets themselves. */
#include "programme.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/msg.h"
#include "ctx.h"

static const field programme_fields[] = {
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 400,
     .vi = "Tên đề án, chương trình",
     .en = "Programme (Vietnamese)"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 400,
     .vi = "Tên tiếng Anh",
     .en = "Programme"},
    {.name = "decision",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 300,
     .vi = "Quyết định ban hành",
     .en = "Adopted by"},
    {.name = "period_from",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_NONNEG | F_YEAR,
     .vi = "Từ năm",
     .en = "From"},
    {.name = "period_to",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_NONNEG | F_YEAR,
     .vi = "Đến năm",
     .en = "To"},
    {.name = "vision_year",
     .type = FT_NUMBER,
     .flags = F_NONNEG | F_YEAR,
     .vi = "Tầm nhìn đến năm",
     .en = "Vision to"},
    {.name = "objectives",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 10000,
     .vi = "Mục tiêu",
     .en = "Objectives"},
};

static void programme_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *a = record_get(r, "period_from"), *b = record_get(r, "period_to"),
               *v = record_get(r, "vision_year");
    if (a && b && strtol(b, NULL, 10) < strtol(a, NULL, 10))
        verrs_add(errs, "period_to", M_DATE_ORDER, 0);
    if (b && v && strtol(v, NULL, 10) < strtol(b, NULL, 10))
        verrs_add(errs, "vision_year", M_DATE_ORDER, 0);
}

const entity programme_entity = {
    .name = "programme",
    .table = "programmes",
    .code = 28,
    .vi = "Đề án hội nhập quốc tế",
    .en = "Integration programme",
    .plural_vi = "Đề án hội nhập quốc tế",
    .plural_en = "Integration programmes",
    .fields = programme_fields,
    .nfields = sizeof programme_fields / sizeof programme_fields[0],
    .check = programme_check,
    .children =
        (const child_list[]){
            {"programme_targets", "programme_id", "title", false,
             (const char *const[]){"unit", "baseline", "agency_id", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .attachments = true,
    .menu = "aid",
};

static const enum_opt directions[] = {
    {"up", "Càng cao càng tốt", "Higher is better"},
    {"down", "Càng thấp càng tốt", "Lower is better"},
    {NULL, NULL, NULL},
};

static const field target_fields[] = {
    {.name = "programme_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Đề án",
     .en = "Programme",
     .ref = "programmes"},
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 400,
     .vi = "Chỉ tiêu",
     .en = "Indicator"},
    {.name = "objective",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 400,
     .vi = "Thuộc mục tiêu",
     .en = "Objective"},
    {.name = "unit",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_LIST,
     .maxlen = 60,
     .vi = "Đơn vị tính",
     .en = "Unit"},
    {.name = "direction",
     .type = FT_ENUM,
     .flags = F_REQUIRED,
     .vi = "Chiều đánh giá",
     .en = "Direction",
     .opts = directions},
    {.name = "baseline",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST,
     .vi = "Giá trị gốc",
     .en = "Baseline"},
    {.name = "baseline_year",
     .type = FT_NUMBER,
     .flags = F_NONNEG | F_YEAR,
     .vi = "Năm gốc",
     .en = "Baseline year"},
    {.name = "agency_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Cơ quan chịu trách nhiệm",
     .en = "Responsible agency",
     .ref = "agencies"},
};

const entity programme_target_entity = {
    .name = "programme_target",
    .table = "programme_targets",
    .code = 29,
    .vi = "Chỉ tiêu của đề án",
    .en = "Programme target",
    .plural_vi = "Chỉ tiêu của đề án",
    .plural_en = "Programme targets",
    .fields = target_fields,
    .nfields = sizeof target_fields / sizeof target_fields[0],
    .children =
        (const child_list[]){
            {"programme_values", "target_id", "year", false,
             (const char *const[]){"target", "actual", "source", "measured_on", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .agency_field = "agency_id",
    .menu = "aid",
};

static const field value_fields[] = {
    {.name = "target_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Chỉ tiêu",
     .en = "Target",
     .ref = "programme_targets"},
    {.name = "year",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER | F_NONNEG | F_YEAR | F_TITLE,
     .vi = "Năm",
     .en = "Year"},
    {.name = "target",
     .type = FT_NUMBER,
     .flags = F_LIST,
     .vi = "Chỉ tiêu năm",
     .en = "Target for the year"},
    {.name = "actual",
     .type = FT_NUMBER,
     .flags = F_LIST,
     .vi = "Kết quả đạt được",
     .en = "Measured"},
    {.name = "source",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 300,
     .vi = "Nguồn số liệu",
     .en = "Source"},
    {.name = "measured_on",
     .type = FT_DATE,
     .flags = F_PAST | F_LIST,
     .vi = "Ngày số liệu",
     .en = "As of"},
};

static void value_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    if (record_get(r, "actual") && !record_get(r, "measured_on"))
        verrs_add(errs, "measured_on", M_REQUIRED, 0);
}

/* The targets are the department's: an agency enters what was measured, not the target. */
static int value_admit(ctx *x, const record *old, record *r, verrs *ve)
{
    if (x->role != ROLE_AGENCY) return 0;
    const char *now = record_get(r, "target"), *was = old ? record_get(old, "target") : NULL;
    if ((now || was) && (!now || !was || strcmp(now, was)))
        verrs_add(ve, "target", M_TARGET_DEPARTMENT, 0);
    return 0;
}

const entity programme_value_entity = {
    .name = "programme_value",
    .table = "programme_values",
    .code = 30,
    .vi = "Chỉ tiêu và kết quả theo năm",
    .en = "Target and measurement by year",
    .plural_vi = "Kết quả thực hiện chỉ tiêu",
    .plural_en = "Targets and measurements by year",
    .fields = value_fields,
    .nfields = sizeof value_fields / sizeof value_fields[0],
    .check = value_check,
    .admit = value_admit,
    .agency_field = "target_id", /* the target's responsible agency */
    .agency_writes = AG_CREATE | AG_UPDATE,
    .agency_edit = (const char *const[]){"actual", "source", "measured_on", NULL},
    .menu = "aid",
};

/* ---- the status rule */

const char *programme_status(const record *target, const record *values, int n,
                             programme_progress *out)
{
    *out = (programme_progress){0};
    const char *bs = record_get(target, "baseline"), *dir = record_get(target, "direction");
    double base = bs ? strtod(bs, NULL) : 0;
    bool down = dir && !strcmp(dir, "down");
    const record *latest = NULL, *final = NULL;
    for (int i = 0; i < n; i++) {
        const record *v = &values[i];
        long y = strtol(record_get(v, "year"), NULL, 10);
        if (record_get(v, "target") && (!final || y > strtol(record_get(final, "year"), NULL, 10)))
            final = v;
        if (record_get(v, "actual") && record_get(v, "target") &&
            (!latest || y > strtol(record_get(latest, "year"), NULL, 10)))
            latest = v;
    }
    out->final = final;
    out->latest = latest;
    if (!latest) return "unmeasured";
    double act = strtod(record_get(latest, "actual"), NULL),
           tgt = strtod(record_get(latest, "target"), NULL);
    /* the share of the way from the baseline to the year's target that was made */
    double way = tgt - base, made = act - base;
    double share = fabs(way) < 1e-12 ? ((down ? act <= tgt : act >= tgt) ? 1 : 0) : made / way;
    out->share = share;
    if (final) {
        double fw = strtod(record_get(final, "target"), NULL) - base;
        out->to_final = fabs(fw) < 1e-12 ? (share >= 1 ? 1 : 0) : made / fw;
    }
    if (share >= 1 - 1e-9) return "on_track";
    if (share >= PROGRAMME_AT_RISK_SHARE / 100.0 - 1e-9) return "at_risk";
    return "behind";
}

const enum_opt programme_states[] = {
    {"on_track", "Đạt tiến độ", "On track"},
    {"at_risk", "Có nguy cơ không đạt", "At risk"},
    {"behind", "Chậm, không đạt", "Behind"},
    {"unmeasured", "Chưa có số liệu", "Not measured yet"},
    {NULL, NULL, NULL},
};
