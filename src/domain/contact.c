/* Contacts: people, optionally working for a partner; overseas Vietnamese are flagged
 * because the province engages them as a group of its own. */
#include "entities.h"

static const enum_opt languages[] = {
    {"vi", "Tiếng Việt", "Vietnamese"}, {"en", "Tiếng Anh", "English"},
    {"lo", "Tiếng Lào", "Lao"},         {"km", "Tiếng Khmer", "Khmer"},
    {"th", "Tiếng Thái", "Thai"},       {"ko", "Tiếng Hàn", "Korean"},
    {"ja", "Tiếng Nhật", "Japanese"},   {"zh", "Tiếng Trung", "Chinese"},
    {"fr", "Tiếng Pháp", "French"},     {"ru", "Tiếng Nga", "Russian"},
    {"de", "Tiếng Đức", "German"},      {NULL, NULL, NULL},
};

static const field contact_fields[] = {
    {"full_name", FT_TEXT, F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE, 200, "Họ và tên",
     "Full name", NULL, NULL, NULL},
    {"name_native", FT_TEXT, F_SEARCH, 200, "Tên tiếng bản địa", "Name in the native script", NULL,
     NULL, NULL},
    {"partner_id", FT_REF, F_LIST | F_FILTER, 0, "Đối tác", "Partner", NULL, "partners", NULL},
    {"title", FT_TEXT, F_SEARCH | F_LIST, 200, "Chức vụ", "Title", NULL, NULL, NULL},
    {"phone", FT_PHONE, F_LIST, 50, "Điện thoại", "Phone", NULL, NULL, NULL},
    {"email", FT_EMAIL, F_SEARCH | F_LIST, 200, "E-mail", "E-mail", NULL, NULL, NULL},
    {"languages", FT_SET, F_FILTER, 0, "Ngôn ngữ", "Languages", languages, NULL, NULL},
    {"overseas_vietnamese", FT_BOOL, F_LIST | F_FILTER, 0, "Người Việt Nam ở nước ngoài",
     "Overseas Vietnamese", NULL, NULL, NULL},
    {"country", FT_COUNTRY, F_SEARCH | F_FILTER | F_SORT, 2, "Quốc gia cư trú",
     "Country of residence", NULL, NULL, NULL},
    {"notes", FT_LONGTEXT, F_SEARCH, 5000, "Ghi chú", "Notes", NULL, NULL, NULL},
};

const entity contact_entity = {
    .name = "contact",
    .table = "contacts",
    .code = 2,
    .vi = "Người liên hệ",
    .en = "Contact",
    .plural_vi = "Người liên hệ",
    .plural_en = "Contacts",
    .fields = contact_fields,
    .nfields = sizeof contact_fields / sizeof contact_fields[0],
    .check = NULL,
};
