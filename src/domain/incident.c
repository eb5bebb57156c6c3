/* Border incidents (vụ việc trên biên giới), handled jointly with the neighbouring side:
 * their categories (data, seeded with the five the department names), the incident as a
 * case with a workflow (reported, handled jointly, resolved, closed), and its dated log of
 * actions, each of which may name the delegation or meeting that dealt with it. A border
 * guard station (role agency) reports and updates its own incidents and their actions.
 * Special: a place that is a marker, a gate, a commune or coordinates (in or near the
 * province, as a gate's). */
#include "ctx.h"
#include "entities.h"
#include "../base/clock.h"
#include "../base/msg.h"

#include <string.h>

static const field category_fields[] = {
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 200,
     .vi = "Loại vụ việc",
     .en = "Category"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Name in English"},
    {.name = "description",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 2000,
     .vi = "Mô tả",
     .en = "Description"},
};

const entity incident_category_entity = {
    .name = "incident_category",
    .table = "incident_categories",
    .code = 15,
    .vi = "Loại vụ việc",
    .en = "Incident category",
    .plural_vi = "Loại vụ việc biên giới",
    .plural_en = "Incident categories",
    .fields = category_fields,
    .nfields = sizeof category_fields / sizeof category_fields[0],
    .seed_fields = (const char *const[]){"name_vi", "name_en", NULL},
    .seed =
        (const seed_row[]){
            {{"Ma túy", "Drugs"}},
            {{"Pháo nổ", "Fireworks"}},
            {{"Buôn lậu, gian lận thương mại", "Smuggling and trade fraud"}},
            {{"Di cư tự do", "Free (unregistered) migration"}},
            {{"Xâm canh, xâm cư", "Encroachment on land"}},
            {{NULL}},
        },
    .menu = "border",
};

static const enum_opt incident_states[] = {
    {"reported", "Mới tiếp nhận", "Reported"},
    {"joint", "Đang phối hợp xử lý", "Handled jointly"},
    {"resolved", "Đã giải quyết", "Resolved"},
    {"closed", "Đã kết thúc hồ sơ", "Closed"},
    {NULL, NULL, NULL},
};

#define R(x) (1u << (x))
#define HANDLERS (R(ROLE_OFFICER) | R(ROLE_LEADER) | R(ROLE_ADMIN) | R(ROLE_AGENCY))

static const transition incident_steps[] = {
    {"reported", "joint", HANDLERS, 0, NULL},
    {"reported", "resolved", HANDLERS, 0, NULL},
    {"joint", "resolved", HANDLERS, 0, NULL},
    /* the department closes the case, and may open it again */
    {"resolved", "closed", R(ROLE_OFFICER) | R(ROLE_LEADER) | R(ROLE_ADMIN), T_CONFIRM, NULL},
    {"resolved", "joint", HANDLERS, T_REASON, NULL},
    {"closed", "joint", R(ROLE_LEADER) | R(ROLE_ADMIN), T_CONFIRM | T_REASON, NULL},
    {NULL, NULL, 0, 0, NULL},
};

static const field incident_fields[] = {
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_TITLE,
     .maxlen = 300,
     .vi = "Vụ việc",
     .en = "Incident"},
    {.name = "category_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại vụ việc",
     .en = "Category",
     .ref = "incident_categories"},
    {.name = "date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER,
     .vi = "Ngày xảy ra",
     .en = "Date"},
    {.name = "status",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Tình trạng xử lý",
     .en = "Status",
     .opts = incident_states,
     .initial = "reported"},
    {.name = "marker_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Mốc giới gần nhất",
     .en = "Nearest marker",
     .ref = "markers"},
    {.name = "gate_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Cửa khẩu gần nhất",
     .en = "Nearest gate",
     .ref = "gates"},
    {.name = "commune",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Xã",
     .en = "Commune"},
    {.name = "lat",
     .type = FT_NUMBER,
     .vi = "Vĩ độ (độ thập phân)",
     .en = "Latitude (decimal degrees)"},
    {.name = "lon",
     .type = FT_NUMBER,
     .vi = "Kinh độ (độ thập phân)",
     .en = "Longitude (decimal degrees)"},
    {.name = "other_country",
     .type = FT_COUNTRY,
     .flags = F_LIST | F_FILTER,
     .maxlen = 2,
     .vi = "Phía bên kia: nước",
     .en = "Other side: country"},
    {.name = "other_subdivision",
     .type = FT_SUBDIV,
     .flags = F_FILTER,
     .maxlen = 6,
     .vi = "Phía bên kia: tỉnh",
     .en = "Other side: province",
     .country = "other_country"},
    {.name = "partner_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Cơ quan phía bên kia",
     .en = "Other side: partner",
     .ref = "partners"},
    {.name = "description",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 10000,
     .vi = "Diễn biến",
     .en = "Description"},
    {.name = "people_count",
     .type = FT_NUMBER,
     .flags = F_NONNEG,
     .vi = "Số người liên quan",
     .en = "People involved"},
    {.name = "people",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Đối tượng liên quan",
     .en = "Who was involved"},
    {.name = "goods",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Hàng hóa, tang vật",
     .en = "Goods involved"},
    {.name = "agency_id",
     .type = FT_REF,
     .flags = F_LIST | F_FILTER,
     .vi = "Đơn vị phát hiện, xử lý",
     .en = "Handled by",
     .ref = "agencies"},
    {.name = "delegation_ids",
     .type = FT_REFS,
     .vi = "Đoàn, cuộc hội đàm đã xử lý",
     .en = "Delegations and meetings that dealt with it",
     .ref = "delegations"},
};

static void incident_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    coordinates_check(r, "lat", "lon", errs);
    const char *d = record_get(r, "date");
    char today[11];
    if (d && strcmp(d, clock_today(today)) > 0) verrs_add(errs, "date", M_FUTURE_DATE, 0);
}

const entity incident_entity = {
    .name = "incident",
    .table = "incidents",
    .code = 16,
    .vi = "Vụ việc biên giới",
    .en = "Border incident",
    .plural_vi = "Vụ việc biên giới",
    .plural_en = "Border incidents",
    .fields = incident_fields,
    .nfields = sizeof incident_fields / sizeof incident_fields[0],
    .check = incident_check,
    .status_field = "status",
    .transitions = incident_steps,
    .agency_field = "agency_id", /* the border guard station that found it */
    .agency_writes = AG_CREATE | AG_UPDATE,
    .children =
        (const child_list[]){
            {"incident_actions", "incident_id", "date", true,
             (const char *const[]){"date", "delegation_id", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .geo_lat = "lat",
    .geo_lon = "lon",
    .attachments = true,
    .menu = "border",
};

static const field action_fields[] = {
    {.name = "incident_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Vụ việc",
     .en = "Incident",
     .ref = "incidents"},
    {.name = "date",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT,
     .vi = "Ngày",
     .en = "Date"},
    {.name = "text",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_TITLE,
     .maxlen = 1000,
     .vi = "Biện pháp đã thực hiện",
     .en = "Action taken"},
    {.name = "delegation_id",
     .type = FT_REF,
     .flags = F_LIST | F_FILTER,
     .vi = "Đoàn, cuộc hội đàm",
     .en = "Delegation or meeting",
     .ref = "delegations"},
    {.name = "note",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Chi tiết",
     .en = "Details"},
};

static void action_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *d = record_get(r, "date");
    char today[11];
    if (d && strcmp(d, clock_today(today)) > 0) verrs_add(errs, "date", M_FUTURE_DATE, 0);
}

const entity incident_action_entity = {
    .name = "incident_action",
    .table = "incident_actions",
    .code = 17,
    .vi = "Biện pháp xử lý",
    .en = "Action on an incident",
    .plural_vi = "Nhật ký xử lý vụ việc",
    .plural_en = "Incident actions",
    .fields = action_fields,
    .nfields = sizeof action_fields / sizeof action_fields[0],
    .check = action_check,
    .agency_field = "incident_id",
    .agency_writes = AG_CREATE | AG_UPDATE,
    .attachments = true,
    .menu = "border",
};
