/* The province's agencies (sở, ngành) that carry out commitments and report on them.
 * Nothing special: the description is all. */
#include "entities.h"

static const enum_opt agency_kinds[] = {
    {"health", "Y tế", "Health"},
    {"education", "Giáo dục và Đào tạo", "Education"},
    {"border_guard", "Bộ đội Biên phòng", "Border guard"},
    {"customs", "Hải quan", "Customs"},
    {"industry_trade", "Công Thương", "Industry and trade"},
    {"planning", "Tài chính, kế hoạch, đầu tư", "Finance, planning and investment"},
    {"agriculture", "Nông nghiệp và Môi trường", "Agriculture and environment"},
    {"culture", "Văn hoá, Thể thao và Du lịch", "Culture, sports and tourism"},
    {"police", "Công an", "Police"},
    {"foreign_affairs", "Ngoại vụ", "Foreign affairs"},
    {"other", "Khác", "Other"},
    {NULL, NULL, NULL},
};

static const field agency_fields[] = {
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 200,
     .vi = "Tên cơ quan",
     .en = "Name (Vietnamese)"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Name (English)"},
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Ngành",
     .en = "Sector",
     .opts = agency_kinds},
    {.name = "email",
     .type = FT_EMAIL,
     .flags = F_LIST,
     .maxlen = 200,
     .vi = "E-mail",
     .en = "E-mail"},
    {.name = "phone", .type = FT_PHONE, .maxlen = 50, .vi = "Điện thoại", .en = "Phone"},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

const entity agency_entity = {
    .name = "agency",
    .table = "agencies",
    .code = 4,
    .vi = "Cơ quan",
    .en = "Agency",
    .plural_vi = "Cơ quan phối hợp",
    .plural_en = "Agencies",
    .fields = agency_fields,
    .nfields = sizeof agency_fields / sizeof agency_fields[0],
};
