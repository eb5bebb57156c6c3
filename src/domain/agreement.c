/* Cooperation agreements (bản ghi nhớ, thoả thuận hợp tác): with one or more partners,
 * signed on a date by named signatories, valid for a period. Special to them: the status
 * is never stored, it follows from the dates (draft, in force, expiring within 90 days,
 * expired, terminated), and the signed scans are attached (see attachments in store/). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../base/msg.h"
#include "entities.h"

static const enum_opt kinds[] = {
    {"mou", "Biên bản ghi nhớ", "Memorandum of understanding"},
    {"agreement", "Thoả thuận hợp tác", "Cooperation agreement"},
    {"plan", "Kế hoạch hợp tác", "Cooperation plan"},
    {"minutes", "Biên bản hội đàm", "Minutes of talks"},
    {"other", "Khác", "Other"},
    {NULL, NULL, NULL},
};

static const enum_opt renewals[] = {
    {"none", "Không gia hạn", "Not renewed"},
    {"automatic", "Tự động gia hạn", "Renewed automatically"},
    {"by_agreement", "Gia hạn khi hai bên thoả thuận", "Renewed by agreement"},
    {NULL, NULL, NULL},
};

static const enum_opt statuses[] = {
    {"draft", "Dự thảo", "Draft"},
    {"in_force", "Đang hiệu lực", "In force"},
    {"expiring", "Sắp hết hạn (90 ngày)", "Expiring within 90 days"},
    {"expired", "Hết hiệu lực", "Expired"},
    {"terminated", "Chấm dứt", "Terminated"},
    {NULL, NULL, NULL},
};

static const field agreement_fields[] = {
    {.name = "title_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 500,
     .vi = "Tên văn bản (tiếng Việt)",
     .en = "Title (Vietnamese)"},
    {.name = "title_en",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 500,
     .vi = "Tên văn bản (tiếng Anh)",
     .en = "Title (English)"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại văn bản",
     .en = "Type",
     .opts = kinds},
    {.name = "partner_ids",
     .type = FT_REFS,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Đối tác",
     .en = "Partners",
     .ref = "partners"},
    {.name = "country",
     .type = FT_COUNTRY,
     .flags = F_LIST | F_FILTER | F_SORT | F_SEARCH,
     .maxlen = 2,
     .vi = "Quốc gia đối tác",
     .en = "Partner country"},
    {.name = "fields",
     .type = FT_SET,
     .flags = F_FILTER,
     .vi = "Lĩnh vực",
     .en = "Fields of cooperation",
     .opts = cooperation_fields},
    {.name = "signed_date",
     .type = FT_DATE,
     .flags = F_LIST | F_FILTER | F_SORT,
     .vi = "Ngày ký",
     .en = "Signed on"},
    {.name = "place",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Nơi ký",
     .en = "Place"},
    {.name = "signatory_ours",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Người ký phía Việt Nam",
     .en = "Signatory (our side)"},
    {.name = "signatory_theirs",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Người ký phía bạn",
     .en = "Signatory (partner side)"},
    {.name = "valid_from", .type = FT_DATE, .vi = "Hiệu lực từ", .en = "Valid from"},
    {.name = "valid_to",
     .type = FT_DATE,
     .flags = F_LIST | F_FILTER | F_SORT,
     .vi = "Hiệu lực đến",
     .en = "Valid until"},
    {.name = "renewal", .type = FT_ENUM, .vi = "Gia hạn", .en = "Renewal", .opts = renewals},
    {.name = "terminated_date", .type = FT_DATE, .vi = "Ngày chấm dứt", .en = "Terminated on"},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 10000,
     .vi = "Nội dung chính, ghi chú",
     .en = "Main content, notes"},
};

/* The dates must tell one story: valid after signing, ending after starting, terminated
 * only once signed. */
static void agreement_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *sig = record_get(r, "signed_date"), *from = record_get(r, "valid_from"),
               *to = record_get(r, "valid_to"), *term = record_get(r, "terminated_date");
    bool iso = true;
    for (const char *d[] = {sig, from, to, term}, **p = d; p < d + 4; p++)
        if (*p && strlen(*p) != 10) iso = false;
    if (!iso) return; /* a date error is already reported */
    if (to && from && strcmp(to, from) < 0) verrs_add(errs, "valid_to", M_DATE_ORDER, 0);
    if (to && sig && strcmp(to, sig) < 0) verrs_add(errs, "valid_to", M_DATE_ORDER, 0);
    if (term && !sig) verrs_add(errs, "terminated_date", M_NOT_SIGNED, 0);
    if (term && sig && strcmp(term, sig) < 0) verrs_add(errs, "terminated_date", M_DATE_ORDER, 0);
}

static const char *plus_days(const char *today, int days, char out[11])
{
    struct tm tm = {0};
    strptime(today, "%Y-%m-%d", &tm);
    time_t t = timegm(&tm) + (time_t)days * 86400;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
    return out;
}

/* The status from the dates, as of today (Vietnam's date). */
static const char *agreement_status(const record *r, const char *today)
{
    const char *sig = record_get(r, "signed_date"), *to = record_get(r, "valid_to"),
               *term = record_get(r, "terminated_date");
    char limit[11];
    if (!sig) return "draft";
    if (term && strcmp(term, today) <= 0) return "terminated";
    if (to && strcmp(to, today) < 0) return "expired";
    if (to && strcmp(to, plus_days(today, AGREEMENT_EXPIRING_DAYS, limit)) <= 0) return "expiring";
    return "in_force";
}

/* The same rules as list filters (all must hold), so that lists and counts agree. */
static bool agreement_filter(const entity *e, const char *code, const char *today, list_query *q)
{
    int sig = entity_field_index(e, "signed_date"), to = entity_field_index(e, "valid_to"),
        term = entity_field_index(e, "terminated_date");
    /* the dates are kept in the filters: they live as long as the query, in static text
     * they cannot, so they are written into the query's own storage */
    char *yesterday = q->scratch[0], *limit = q->scratch[1];
    plus_days(today, -1, yesterday);
    plus_days(today, AGREEMENT_EXPIRING_DAYS, limit);
    if (q->nf + 3 > LIST_FILTERS_MAX) return false;
    if (!strcmp(code, "draft")) {
        q->f[q->nf++] = (list_filter){sig, NULL, 'n'};
    } else if (!strcmp(code, "terminated")) {
        q->f[q->nf++] = (list_filter){term, today, '<'};
    } else if (!strcmp(code, "expired")) {
        q->f[q->nf++] = (list_filter){sig, NULL, 'N'};
        q->f[q->nf++] = (list_filter){term, today, 'g'};
        q->f[q->nf++] = (list_filter){to, yesterday, '<'};
    } else if (!strcmp(code, "expiring")) {
        q->f[q->nf++] = (list_filter){sig, NULL, 'N'};
        q->f[q->nf++] = (list_filter){term, today, 'g'};
        q->f[q->nf++] = (list_filter){to, today, '>'};
        if (q->nf >= LIST_FILTERS_MAX) return false;
        q->f[q->nf++] = (list_filter){to, limit, '<'};
    } else if (!strcmp(code, "in_force")) {
        q->f[q->nf++] = (list_filter){sig, NULL, 'N'};
        q->f[q->nf++] = (list_filter){term, today, 'g'};
        q->f[q->nf++] = (list_filter){to, limit, 'g'};
    } else {
        return false;
    }
    return true;
}

static const derived_field agreement_derived = {
    .name = "status",
    .vi = "Tình trạng",
    .en = "Status",
    .opts = statuses,
    .value = agreement_status,
    .filter = agreement_filter,
};

const entity agreement_entity = {
    .name = "agreement",
    .table = "agreements",
    .code = 6,
    .vi = "Thoả thuận",
    .en = "Agreement",
    .plural_vi = "Thoả thuận hợp tác",
    .plural_en = "Agreements",
    .fields = agreement_fields,
    .nfields = sizeof agreement_fields / sizeof agreement_fields[0],
    .check = agreement_check,
    .derived = &agreement_derived,
    .attachments = true,
};
