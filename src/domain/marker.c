/* Border markers (mốc giới), the sections of the border they stand on, and their
 * inspections. Special: a section's demarcation progress is kept by the store from its
 * markers (how many planted, how many of the planned still to plant: count summaries); a
 * marker keeps the condition its latest inspection found and that inspection's date
 * (summaries of the latest row), and is flagged when the condition is damaged, displaced
 * or lost, or when it has gone uninspected longer than the period an admin sets
 * (settings: inspect_days). The flag is the marker's computed value, a filter of its list,
 * on the same columns, so that list and rule agree. */
#include "entities.h"
#include "settings.h"
#include "../base/clock.h"
#include "../base/msg.h"

#include <string.h>

static const field_summary planted_count = {
    .of = "markers", .ref = "section_id", .count = "planted_on"};
static const field_summary remaining = {
    .of = "markers", .ref = "section_id", .count = "planted_on", .minus = "markers_planned"};

static const field section_fields[] = {
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 200,
     .vi = "Đoạn biên giới",
     .en = "Border section"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Name in English"},
    {.name = "country",
     .type = FT_COUNTRY,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SEARCH,
     .maxlen = 2,
     .vi = "Nước tiếp giáp",
     .en = "Neighbouring country"},
    {.name = "subdivision",
     .type = FT_SUBDIV,
     .flags = F_LIST | F_FILTER | F_SEARCH,
     .maxlen = 6,
     .vi = "Tỉnh tiếp giáp",
     .en = "Neighbouring province",
     .country = "country"},
    {.name = "length_km",
     .type = FT_NUMBER,
     .flags = F_LIST | F_NONNEG,
     .vi = "Chiều dài (km)",
     .en = "Length (km)"},
    {.name = "positions_planned",
     .type = FT_NUMBER,
     .flags = F_LIST | F_NONNEG,
     .vi = "Số vị trí mốc theo kế hoạch",
     .en = "Marker positions planned"},
    {.name = "markers_planned",
     .type = FT_NUMBER,
     .flags = F_LIST | F_NONNEG,
     .vi = "Số cột mốc theo kế hoạch",
     .en = "Markers planned",
     .hint_vi = "Một vị trí có thể có nhiều cột mốc (mốc đôi, mốc ba ở hai bờ sông, suối).",
     .hint_en = "A position may hold several markers (double or triple markers on both banks "
                "of a river)."},
    {.name = "planted",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST | F_SORT,
     .vi = "Đã cắm mốc",
     .en = "Markers planted",
     .summary = &planted_count},
    {.name = "remaining",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST | F_SORT,
     .vi = "Còn lại",
     .en = "Remaining",
     .summary = &remaining},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

const entity border_section_entity = {
    .name = "border_section",
    .table = "border_sections",
    .code = 12,
    .vi = "Đoạn biên giới",
    .en = "Border section",
    .plural_vi = "Đoạn biên giới và tiến độ phân giới",
    .plural_en = "Border sections and demarcation",
    .fields = section_fields,
    .nfields = sizeof section_fields / sizeof section_fields[0],
    .children =
        (const child_list[]){
            {"markers", "section_id", "number", false,
             (const char *const[]){"kind", "planted_on", "condition", "last_inspected", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .attachments = true,
    .menu = "border",
};

static const enum_opt marker_kinds[] = {
    {"main", "Mốc chính", "Main marker"},
    {"secondary", "Mốc phụ", "Secondary marker"},
    {"reference", "Cọc dấu", "Reference post"},
    {NULL, NULL, NULL},
};

const enum_opt marker_conditions[] = {
    {"good", "Nguyên vẹn", "Good"},
    {"damaged", "Hư hỏng", "Damaged"},
    {"displaced", "Bị xê dịch", "Displaced"},
    {"lost", "Bị mất", "Lost"},
    {NULL, NULL, NULL},
};

static const field_summary last_condition = {
    .of = "marker_inspections", .ref = "marker_id", .take = "condition", .latest = "date"};
static const field_summary last_date = {
    .of = "marker_inspections", .ref = "marker_id", .take = "date", .latest = "date"};

static const field marker_fields[] = {
    {.name = "number",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 30,
     .vi = "Số hiệu mốc",
     .en = "Marker number",
     .hint_vi = "Như trên hồ sơ phân giới: 760, 761(1), 761(2)...",
     .hint_en = "As in the demarcation records: 760, 761(1), 761(2)..."},
    {.name = "section_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Đoạn biên giới",
     .en = "Border section",
     .ref = "border_sections"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại mốc",
     .en = "Kind",
     .opts = marker_kinds},
    {.name = "lat",
     .type = FT_NUMBER,
     .vi = "Vĩ độ (độ thập phân)",
     .en = "Latitude (decimal degrees)"},
    {.name = "lon",
     .type = FT_NUMBER,
     .vi = "Kinh độ (độ thập phân)",
     .en = "Longitude (decimal degrees)"},
    {.name = "commune",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Xã",
     .en = "Commune"},
    {.name = "agency_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Đồn biên phòng quản lý",
     .en = "Border guard station in charge",
     .ref = "agencies"},
    {.name = "planted_on",
     .type = FT_DATE,
     .flags = F_LIST | F_SORT | F_PAST,
     .vi = "Ngày cắm mốc",
     .en = "Planted on",
     .hint_vi = "Để trống khi vị trí mốc chưa được cắm.",
     .hint_en = "Empty while the position is not planted yet."},
    {.name = "condition",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Tình trạng (lần kiểm tra gần nhất)",
     .en = "Condition (latest inspection)",
     .opts = marker_conditions,
     .summary = &last_condition},
    {.name = "last_inspected",
     .type = FT_DATE,
     .flags = F_READONLY | F_LIST | F_SORT,
     .vi = "Kiểm tra gần nhất",
     .en = "Last inspected",
     .summary = &last_date},
    {.name = "note",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Note"},
};

static void marker_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    coordinates_check(r, "lat", "lon", errs);
}

static const enum_opt marker_states[] = {
    {"attention", "Hư hỏng, xê dịch hoặc mất", "Damaged, displaced or lost"},
    {"overdue", "Quá hạn kiểm tra", "Inspection overdue"},
    {"ok", "Bình thường", "Good"},
    {"not_planted", "Chưa cắm mốc", "Not planted yet"},
    {NULL, NULL, NULL},
};

#define BAD_CONDITIONS "damaged,displaced,lost"

/* The day after which an inspection is recent enough: today less the period. An inspection
 * on that day or later keeps the marker good; one before it (or none) is overdue. */
static const char *inspect_since(const char *today, char out[11])
{
    return clock_day_shift(today, -settings_value(SET_INSPECT_DAYS), out);
}

const char *marker_state(const record *r, const char *today)
{
    const char *cond = record_get(r, "condition"), *last = record_get(r, "last_inspected");
    char since[11];
    if (cond && strstr(BAD_CONDITIONS, cond)) return "attention";
    if (!record_get(r, "planted_on")) return "not_planted";
    if (!last || !inspect_since(today, since) || strcmp(last, since) < 0) return "overdue";
    return "ok";
}

static bool marker_state_filter(const entity *e, const char *code, const char *today, list_query *q)
{
    int cond = entity_field_index(e, "condition"), last = entity_field_index(e, "last_inspected"),
        planted = entity_field_index(e, "planted_on");
    char *since = q->scratch[0], *before = q->scratch[1];
    if (q->nf + 3 > LIST_FILTERS_MAX || !inspect_since(today, since) ||
        !clock_day_shift(since, -1, before))
        return false;
    if (!strcmp(code, "attention")) {
        q->f[q->nf++] = (list_filter){cond, BAD_CONDITIONS, 'i'};
    } else if (!strcmp(code, "not_planted")) {
        q->f[q->nf++] = (list_filter){cond, "good", 'o'};
        q->f[q->nf++] = (list_filter){planted, NULL, 'n'};
    } else if (!strcmp(code, "overdue")) {
        q->f[q->nf++] = (list_filter){cond, "good", 'o'};
        q->f[q->nf++] = (list_filter){planted, NULL, 'N'};
        q->f[q->nf++] = (list_filter){last, before, 'l'}; /* none, or before the period */
    } else if (!strcmp(code, "ok")) {
        q->f[q->nf++] = (list_filter){cond, "good", '='};
        q->f[q->nf++] = (list_filter){planted, NULL, 'N'};
        q->f[q->nf++] = (list_filter){last, since, '>'}; /* within the period */
    } else {
        return false;
    }
    return true;
}

static const derived_field marker_derived = {
    .name = "flag",
    .vi = "Cảnh báo",
    .en = "Flag",
    .opts = marker_states,
    .value = marker_state,
    .filter = marker_state_filter,
};

static int marker_warning(const record *r, const char *today)
{
    const char *s = marker_state(r, today);
    return !strcmp(s, "attention") ? M_MARKER_ATTENTION
           : !strcmp(s, "overdue") ? M_MARKER_OVERDUE
                                   : -1;
}

const entity marker_entity = {
    .name = "marker",
    .table = "markers",
    .code = 13,
    .vi = "Mốc giới",
    .en = "Border marker",
    .plural_vi = "Mốc giới",
    .plural_en = "Border markers",
    .fields = marker_fields,
    .nfields = sizeof marker_fields / sizeof marker_fields[0],
    .check = marker_check,
    .derived = &marker_derived,
    .warning = marker_warning,
    .agency_field = "agency_id", /* the border guard station that inspects it */
    .children =
        (const child_list[]){
            {"marker_inspections", "marker_id", "date", true,
             (const char *const[]){"date", "condition", "team", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .geo_lat = "lat",
    .geo_lon = "lon",
    .attachments = true,
    .menu = "border",
};

static const field inspection_fields[] = {
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_TITLE,
     .maxlen = 300,
     .vi = "Nội dung kiểm tra",
     .en = "Inspection",
     .hint_vi = "Ví dụ: Kiểm tra định kỳ quý II/2026; Tuần tra song phương với Lào.",
     .hint_en = "For example: Quarterly inspection, Q2 2026; Joint patrol with Laos."},
    {.name = "marker_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Mốc giới",
     .en = "Marker",
     .ref = "markers"},
    {.name = "date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_PAST,
     .vi = "Ngày kiểm tra",
     .en = "Inspected on"},
    {.name = "condition",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Tình trạng phát hiện",
     .en = "Condition found",
     .opts = marker_conditions},
    {.name = "team",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 300,
     .vi = "Tổ kiểm tra",
     .en = "Team"},
    {.name = "note",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Note"},
};

const entity marker_inspection_entity = {
    .name = "marker_inspection",
    .table = "marker_inspections",
    .code = 14,
    .vi = "Lần kiểm tra mốc",
    .en = "Marker inspection",
    .plural_vi = "Kiểm tra mốc giới",
    .plural_en = "Marker inspections",
    .fields = inspection_fields,
    .nfields = sizeof inspection_fields / sizeof inspection_fields[0],
    /* the station in charge of the marker records what its patrol found, photos attached */
    .agency_field = "marker_id",
    .agency_writes = AG_CREATE | AG_UPDATE,
    .attachments = true,
    .menu = "border",
};
