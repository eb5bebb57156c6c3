/* The register of foreign NGOs working in the province (Decree 58/2022/NĐ-CP), whose
 * provincial focal point the department is: each NGO's registration certificate from the
 * Ministry of Foreign Affairs (for operation, valid up to 3 years, or for a representative
 * office, up to 5), its fields and areas of work, the activity plan it must send within 45
 * working days of the certificate, its annual reports, and the renewal, to be filed at
 * least 60 days before expiry.
 *
 * Special: the plan's due day counts working days over the public holidays (holiday.h),
 * kept on the record when it is written; the certificate's state (expired, expiring within
 * 60 days with no renewal filed, plan overdue, valid) is computed from its dates, a filter
 * of the list, a warning on its page and a figure of the dashboard. */
#include "entities.h"
#include "holiday.h"
#include "ngo.h"
#include "project.h"
#include "../base/clock.h"
#include "../base/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum_opt cert_kinds[] = {
    {"operation", "Giấy đăng ký hoạt động (tối đa 3 năm)",
     "Registration for operation (up to 3 years)"},
    {"office", "Giấy đăng ký lập Văn phòng đại diện (tối đa 5 năm)",
     "Registration of a representative office (up to 5 years)"},
    {NULL, NULL, NULL},
};

static const field cert_fields[] = {
    {.name = "partner_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_TITLE,
     .vi = "Tổ chức phi chính phủ nước ngoài",
     .en = "Foreign NGO",
     .ref = "partners"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại giấy đăng ký",
     .en = "Certificate",
     .opts = cert_kinds},
    {.name = "number",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST,
     .maxlen = 100,
     .vi = "Số giấy đăng ký",
     .en = "Number"},
    {.name = "issued_on",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_SORT | F_PAST,
     .vi = "Ngày cấp",
     .en = "Issued on"},
    {.name = "expires_on",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER,
     .vi = "Ngày hết hạn",
     .en = "Expires on"},
    {.name = "fields",
     .type = FT_SET,
     .flags = F_FILTER,
     .vi = "Lĩnh vực hoạt động",
     .en = "Fields of work",
     .opts = cooperation_fields},
    {.name = "unit_ids",
     .type = FT_REFS,
     .flags = F_FILTER,
     .vi = "Địa bàn hoạt động",
     .en = "Areas of work",
     .ref = "admin_units"},
    {.name = "plan_due",
     .type = FT_DATE,
     .flags = F_READONLY | F_SORT,
     .vi = "Hạn gửi kế hoạch hoạt động (45 ngày làm việc)",
     .en = "Activity plan due (45 working days)"},
    {.name = "plan_received_on",
     .type = FT_DATE,
     .flags = F_PAST | F_LIST,
     .vi = "Ngày nhận kế hoạch hoạt động",
     .en = "Activity plan received on"},
    {.name = "report_year",
     .type = FT_NUMBER,
     .flags = F_NONNEG | F_YEAR | F_FILTER,
     .vi = "Báo cáo năm đã nhận đến năm",
     .en = "Annual reports received up to"},
    {.name = "renewal_filed_on",
     .type = FT_DATE,
     .flags = F_PAST,
     .vi = "Ngày nộp hồ sơ gia hạn",
     .en = "Renewal filed on"},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

static void cert_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *kind = record_get(r, "kind"), *from = record_get(r, "issued_on"),
               *to = record_get(r, "expires_on");
    if (from && to && strcmp(to, from) <= 0) verrs_add(errs, "expires_on", M_DATE_ORDER, 0);
    char most[11];
    int years = kind && !strcmp(kind, "office") ? NGO_OFFICE_YEARS : NGO_OPERATION_YEARS;
    if (kind && from && to && project_month_shift(from, 12 * years, most) && strcmp(to, most) > 0)
        verrs_add(errs, "expires_on", M_NGO_TOO_LONG, years);
}

static void cert_compute(const entity *e, record *r, arena *a)
{
    char due[11];
    const char *from = r->v[entity_field_index(e, "issued_on")];
    r->v[entity_field_index(e, "plan_due")] =
        working_days_after(from, NGO_PLAN_WORKING_DAYS, due) ? arena_strdup(a, due) : NULL;
}

static const enum_opt cert_states[] = {
    {"expired", "Đã hết hạn", "Expired"},
    {"expiring", "Sắp hết hạn (60 ngày), chưa nộp gia hạn",
     "Expiring within 60 days, no renewal filed"},
    {"plan_late", "Quá hạn gửi kế hoạch hoạt động", "Activity plan overdue"},
    {"valid", "Còn hiệu lực", "Valid"},
    {NULL, NULL, NULL},
};

const char *ngo_state(const record *r, const char *today)
{
    char in60[11];
    const char *to = record_get(r, "expires_on"), *due = record_get(r, "plan_due");
    if (!to || !clock_day_shift(today, NGO_EXPIRY_NOTICE_DAYS, in60)) return "valid";
    if (strcmp(to, today) < 0) return "expired";
    if (strcmp(to, in60) <= 0) return record_get(r, "renewal_filed_on") ? "valid" : "expiring";
    if (due && strcmp(due, today) < 0 && !record_get(r, "plan_received_on")) return "plan_late";
    return "valid";
}

static bool state_filter(const entity *e, const char *code, const char *today, list_query *q)
{
    char *s0 = q->scratch[0], *s1 = q->scratch[1];
    int to = entity_field_index(e, "expires_on");
    if (q->nf + 3 > LIST_FILTERS_MAX || !clock_day_shift(today, -1, s0) ||
        !clock_day_shift(today, NGO_EXPIRY_NOTICE_DAYS, s1))
        return false;
    if (!strcmp(code, "expired")) {
        q->f[q->nf++] = (list_filter){to, s0, '<'};
        return true;
    }
    if (!strcmp(code, "expiring")) {
        q->f[q->nf++] = (list_filter){to, s1, '<'};
        q->f[q->nf++] = (list_filter){to, s0, 'g'}; /* after yesterday: today on */
        q->f[q->nf++] = (list_filter){entity_field_index(e, "renewal_filed_on"), NULL, 'n'};
        return true;
    }
    if (!strcmp(code, "plan_late")) {
        q->f[q->nf++] = (list_filter){to, s1, 'g'}; /* beyond the 60 days */
        q->f[q->nf++] = (list_filter){entity_field_index(e, "plan_due"), s0, '<'};
        q->f[q->nf++] = (list_filter){entity_field_index(e, "plan_received_on"), NULL, 'n'};
        return true;
    }
    return false; /* valid: what is left */
}

static const derived_field cert_derived = {
    .name = "state",
    .vi = "Tình trạng",
    .en = "State",
    .opts = cert_states,
    .value = ngo_state,
    .filter = state_filter,
};

static int cert_warning(const record *r, const char *today)
{
    const char *s = ngo_state(r, today);
    return !strcmp(s, "expired")     ? M_NGO_EXPIRED
           : !strcmp(s, "expiring")  ? M_NGO_EXPIRING
           : !strcmp(s, "plan_late") ? M_NGO_PLAN_LATE
                                     : -1;
}

const entity ngo_certificate_entity = {
    .name = "ngo_certificate",
    .table = "ngo_certificates",
    .code = 24,
    .vi = "Giấy đăng ký của tổ chức PCPNN",
    .en = "Foreign NGO certificate",
    .plural_vi = "Tổ chức phi chính phủ nước ngoài",
    .plural_en = "Foreign NGOs",
    .fields = cert_fields,
    .nfields = sizeof cert_fields / sizeof cert_fields[0],
    .check = cert_check,
    .compute = cert_compute,
    .derived = &cert_derived,
    .warning = cert_warning,
    .attachments = true,
    .menu = "aid",
};
