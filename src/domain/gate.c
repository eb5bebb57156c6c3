/* Border gates (cửa khẩu) and their counterparts across the border: a pair such as Bờ Y –
 * Phou Keua (Attapeu, Laos). The classes are those of Decree 112/2014/NĐ-CP as amended by
 * Decree 34/2023/NĐ-CP; a border crossing point (lối mở) is a kind of its own. Special: the
 * coordinates, a pair of numbers that must both be given, in range, and in or near the
 * province's area (its profile). */
#include "app.h"
#include "entities.h"
#include "../base/msg.h"

#include <stdlib.h>

const enum_opt gate_classes[] = {
    {"international", "Cửa khẩu quốc tế", "International"},
    {"main", "Cửa khẩu chính (song phương)", "Main (bilateral)"},
    {"secondary", "Cửa khẩu phụ", "Secondary"},
    {"crossing_point", "Lối mở", "Border crossing point"},
    {NULL, NULL, NULL},
};

static const enum_opt gate_states[] = {
    {"open", "Đang hoạt động", "Open"},
    {"planned", "Chưa mở (theo quy hoạch)", "Planned, not yet open"},
    {"suspended", "Tạm dừng", "Suspended"},
    {NULL, NULL, NULL},
};

static const field gate_fields[] = {
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 200,
     .vi = "Tên cửa khẩu",
     .en = "Name in Vietnamese"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Name in English"},
    {.name = "class",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SORT,
     .vi = "Loại cửa khẩu",
     .en = "Class",
     .opts = gate_classes},
    {.name = "state",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Tình trạng",
     .en = "State",
     .opts = gate_states},
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
    {.name = "counterpart_name",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Cửa khẩu đối diện",
     .en = "Counterpart gate"},
    {.name = "counterpart_country",
     .type = FT_COUNTRY,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SEARCH,
     .maxlen = 2,
     .vi = "Nước đối diện",
     .en = "Counterpart country"},
    {.name = "counterpart_subdivision",
     .type = FT_SUBDIV,
     .flags = F_LIST | F_FILTER | F_SEARCH,
     .maxlen = 6,
     .vi = "Tỉnh đối diện",
     .en = "Counterpart province",
     .country = "counterpart_country"},
    {.name = "agency_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Hải quan cửa khẩu",
     .en = "Customs office",
     .ref = "agencies"},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

/* Coordinates: both or neither, degrees in range, and within AREA_MARGIN degrees of the
 * province's area when its profile sets one, so that a typing slip (swapped, a sign lost, a
 * comma for a point) is caught rather than drawn in the sea. A gate's counterpart, a marker
 * or an incident across the border lie a few km beyond it, well inside the margin. */
#define AREA_MARGIN 0.5

void coordinates_check(const record *r, const char *lat_name, const char *lon_name, verrs *errs)
{
    const char *lat = record_get(r, lat_name), *lon = record_get(r, lon_name);
    if (!lat && !lon) return;
    if (!lat || !lon) {
        verrs_add(errs, lat ? lon_name : lat_name, M_COORD_PAIR, 0);
        return;
    }
    double y = strtod(lat, NULL), x = strtod(lon, NULL), area[4]; /* S, W, N, E */
    bool lat_ok = y >= -90 && y <= 90, lon_ok = x >= -180 && x <= 180;
    if (!lat_ok) verrs_add(errs, lat_name, M_COORD_RANGE, 90);
    if (!lon_ok) verrs_add(errs, lon_name, M_COORD_RANGE, 180);
    if (!lat_ok || !lon_ok || !province_area(area)) return;
    if (y < area[0] - AREA_MARGIN || y > area[2] + AREA_MARGIN)
        verrs_add(errs, lat_name, M_COORD_AREA, 0);
    if (x < area[1] - AREA_MARGIN || x > area[3] + AREA_MARGIN)
        verrs_add(errs, lon_name, M_COORD_AREA, 0);
}

static void gate_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    coordinates_check(r, "lat", "lon", errs);
}

const entity gate_entity = {
    .name = "gate",
    .table = "gates",
    .code = 7,
    .vi = "Cửa khẩu",
    .en = "Border gate",
    .plural_vi = "Cửa khẩu",
    .plural_en = "Border gates",
    .fields = gate_fields,
    .nfields = sizeof gate_fields / sizeof gate_fields[0],
    .check = gate_check,
    .agency_field = "agency_id", /* its customs office: whose trade figures these are */
    .geo_lat = "lat",
    .geo_lon = "lon",
    .attachments = true,
    .menu = "border",
};
