/* Partners: foreign localities, embassies and consulates in Vietnam, Vietnam's missions
 * abroad, international organisations, foreign NGOs, companies. Only the rule that a
 * locality names its subdivision is special; everything else is the description. */
#include "entities.h"
#include "../base/msg.h"

#include <string.h>

static const enum_opt partner_kinds[] = {
    {"locality", "Địa phương nước ngoài", "Foreign locality"},
    {"embassy", "Đại sứ quán, lãnh sự quán tại Việt Nam", "Embassy or consulate in Vietnam"},
    {"mission", "Cơ quan đại diện Việt Nam ở nước ngoài", "Vietnamese mission abroad"},
    {"intl_org", "Tổ chức quốc tế", "International organisation"},
    {"ngo", "Tổ chức phi chính phủ nước ngoài", "Foreign NGO"},
    {"company", "Doanh nghiệp", "Company"},
    {"other", "Khác", "Other"},
    {NULL, NULL, NULL},
};

static const field partner_fields[] = {
    {.name = "kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SORT,
     .vi = "Loại đối tác",
     .en = "Kind",
     .opts = partner_kinds},
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 200,
     .vi = "Tên tiếng Việt",
     .en = "Name in Vietnamese"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_SEARCH | F_LIST | F_SORT,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Name in English"},
    {.name = "name_native",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Tên tiếng bản địa",
     .en = "Name in the native script"},
    {.name = "country",
     .type = FT_COUNTRY,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_FILTER | F_SORT,
     .maxlen = 2,
     .vi = "Quốc gia",
     .en = "Country"},
    {.name = "subdivision",
     .type = FT_SUBDIV,
     .flags = F_SEARCH | F_LIST | F_FILTER,
     .maxlen = 6,
     .vi = "Tỉnh/bang",
     .en = "Province/state",
     .country = "country"},
    {.name = "address", .type = FT_LONGTEXT, .maxlen = 500, .vi = "Địa chỉ", .en = "Address"},
    {.name = "website", .type = FT_URL, .maxlen = 300, .vi = "Trang web", .en = "Website"},
    {.name = "email", .type = FT_EMAIL, .maxlen = 200, .vi = "E-mail", .en = "E-mail"},
    {.name = "phone", .type = FT_PHONE, .maxlen = 50, .vi = "Điện thoại", .en = "Phone"},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

/* A foreign locality is a province or state: without its ISO 3166-2 code it cannot be
 * counted with its country's partner provinces in reports. */
static void partner_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *kind = record_get(r, "kind"), *sub = record_get(r, "subdivision");
    if (kind && strcmp(kind, "locality") == 0 && !sub)
        verrs_add(errs, "subdivision", M_LOCALITY_NEEDS_SUBDIV, 0);
}

const entity partner_entity = {
    .name = "partner",
    .table = "partners",
    .code = 1,
    .vi = "Đối tác",
    .en = "Partner",
    .plural_vi = "Đối tác",
    .plural_en = "Partners",
    .fields = partner_fields,
    .nfields = sizeof partner_fields / sizeof partner_fields[0],
    .check = partner_check,
    /* an NGO's certificates; the projects a partner takes part in */
    .children =
        (const child_list[]){
            {"ngo_certificates", "partner_id", "expires_on", true,
             (const char *const[]){"kind", "number", "expires_on", NULL}},
            {"project_partners", "partner_id", "role", false,
             (const char *const[]){"project_id", "role", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
};
