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
    {"kind", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER | F_SORT, 0, "Loại đối tác", "Kind",
     partner_kinds, NULL, NULL},
    {"name_vi", FT_TEXT, F_REQUIRED | F_UNIQUE | F_SEARCH | F_LIST | F_SORT | F_TITLE, 200,
     "Tên tiếng Việt", "Name in Vietnamese", NULL, NULL, NULL},
    {"name_en", FT_TEXT, F_SEARCH | F_LIST | F_SORT, 200, "Tên tiếng Anh", "Name in English", NULL,
     NULL, NULL},
    {"name_native", FT_TEXT, F_SEARCH, 200, "Tên tiếng bản địa", "Name in the native script", NULL,
     NULL, NULL},
    {"country", FT_COUNTRY, F_REQUIRED | F_SEARCH | F_LIST | F_FILTER | F_SORT, 2, "Quốc gia",
     "Country", NULL, NULL, NULL},
    {"subdivision", FT_SUBDIV, F_SEARCH | F_LIST | F_FILTER, 6, "Tỉnh/bang", "Province/state", NULL,
     NULL, "country"},
    {"address", FT_LONGTEXT, 0, 500, "Địa chỉ", "Address", NULL, NULL, NULL},
    {"website", FT_URL, 0, 300, "Trang web", "Website", NULL, NULL, NULL},
    {"email", FT_EMAIL, 0, 200, "E-mail", "E-mail", NULL, NULL, NULL},
    {"phone", FT_PHONE, 0, 50, "Điện thoại", "Phone", NULL, NULL, NULL},
    {"notes", FT_LONGTEXT, F_SEARCH, 5000, "Ghi chú", "Notes", NULL, NULL, NULL},
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
};
