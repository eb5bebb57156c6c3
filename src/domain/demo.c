/* The demo data set: real reference data from the domain brief. The home province is
 * data like any other: the profile below is what a Kon Tum installation would enter. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "entities.h"
#include "records.h"

typedef struct {
    const char *kind, *name_vi, *name_en, *name_native, *country, *subdivision, *website, *notes;
} demo_partner;

static const demo_partner partners[] = {
    {"locality", "Tỉnh Attapeu", "Attapeu Province", "ແຂວງອັດຕະປື", "LA", "LA-AT", NULL,
     "Biên bản ghi nhớ hợp tác toàn diện; giáp biên giới phía tây của tỉnh."},
    {"locality", "Tỉnh Sê Kông", "Sekong Province", "ແຂວງເຊກອງ", "LA", "LA-XE", NULL,
     "Biên bản ghi nhớ hợp tác toàn diện."},
    {"locality", "Tỉnh Chăm-pa-sắc", "Champasak Province", "ແຂວງຈຳປາສັກ", "LA", "LA-CH", NULL,
     "Biên bản ghi nhớ hợp tác toàn diện."},
    {"locality", "Tỉnh Sa-la-van", "Salavan Province", "ແຂວງສາລະວັນ", "LA", "LA-SL", NULL,
     "Biên bản ghi nhớ hợp tác toàn diện."},
    {"locality", "Tỉnh Ratanakiri", "Ratanakiri Province", "ខេត្តរតនគិរី", "KH", "KH-16", NULL,
     "Biên bản ghi nhớ hợp tác toàn diện; giáp biên giới phía tây nam."},
    {"locality", "Tỉnh Stung Treng", "Stung Treng Province", "ខេត្តស្ទឹងត្រែង", "KH", "KH-19", NULL,
     "Biên bản ghi nhớ hợp tác toàn diện."},
    {"locality", "Tỉnh Ubon Ratchathani", "Ubon Ratchathani Province", "จังหวัดอุบลราชธานี", "TH",
     "TH-34", NULL, "Địa phương Thái Lan có quan hệ hợp tác."},
    {"locality", "Tỉnh Gyeongsangbuk-do", "Gyeongsangbuk-do Province", "경상북도", "KR", "KR-47",
     NULL, "Địa phương Hàn Quốc có quan hệ hợp tác."},
    {"locality", "Sở Ngoại vụ tỉnh Attapeu", "Attapeu Provincial Department of Foreign Affairs",
     "ພະແນກການຕ່າງປະເທດ ແຂວງອັດຕະປື", "LA", "LA-AT", NULL, "Cơ quan đầu mối đối ngoại của tỉnh bạn."},
    {"embassy", "Tổng Lãnh sự quán Lào tại Đà Nẵng", "Consulate General of the Lao PDR in Da Nang",
     "ສະຖານກົງສຸນໃຫຍ່ ສປປ ລາວ ປະຈຳດານັງ", "LA", NULL, NULL,
     "Phụ trách lãnh sự các tỉnh miền Trung và Tây Nguyên."},
    {"embassy", "Đại sứ quán Campuchia tại Việt Nam", "Embassy of Cambodia in Vietnam",
     "ស្ថានទូតកម្ពុជាប្រចាំវៀតណាម", "KH", NULL, NULL, NULL},
    {"mission", "Đại sứ quán Việt Nam tại Lào", "Embassy of Vietnam in the Lao PDR", NULL, "LA",
     NULL, NULL, "Cơ quan đại diện Việt Nam tại Viêng Chăn."},
    {"mission", "Tổng Lãnh sự quán Việt Nam tại Pắc-xế", "Consulate General of Vietnam in Pakse",
     NULL, "LA", NULL, NULL, "Phụ trách các tỉnh Nam Lào, trong đó có Attapeu và Chăm-pa-sắc."},
    {"intl_org", "Quỹ Nhi đồng Liên hợp quốc (UNICEF)", "United Nations Children's Fund (UNICEF)",
     NULL, "VN", NULL, "https://www.unicef.org/vietnam/", "Tổ chức quốc tế tại Việt Nam."},
    {"ngo", "Tổ chức Tầm nhìn Thế giới", "World Vision", NULL, "US", NULL,
     "https://www.worldvision.org/", "Tổ chức phi chính phủ nước ngoài."},
    {"company", "Công ty Cổ phần Cảng cạn Bờ Y (ví dụ)", "Bo Y Dry Port JSC (example)", NULL, "VN",
     NULL, NULL, "Ví dụ một doanh nghiệp trong chuỗi thương mại qua cửa khẩu Bờ Y."},
};

typedef struct {
    int partner; /* index into partners, or -1 */
    const char *full_name, *name_native, *title, *phone, *email, *languages, *overseas, *country;
} demo_contact;

static const demo_contact contacts[] = {
    {8, "Bounmy Phommachanh", "ບຸນມີ ພົມມະຈັນ", "Phó Giám đốc Sở (ví dụ)", "+856 36 211 000",
     "demo.attapeu@example.la", "lo,vi", "0", "LA"},
    {4, "Sok Dara", "សុខ ដារា", "Chánh Văn phòng UBND tỉnh (ví dụ)", "+855 75 974 000",
     "demo.ratanakiri@example.kh", "km,en", "0", "KH"},
    {9, "Khamphou Sisavath", "ຄຳພູ ສີສະຫວາດ", "Tổng Lãnh sự (ví dụ)", "+84 236 382 1208", NULL,
     "lo,vi,en", "0", "LA"},
    {-1, "Trần Thị Bình", NULL, "Chủ tịch Hội người Việt (ví dụ)", "+82 10 0000 0000",
     "demo.binh@example.kr", "vi,ko", "1", "KR"},
    {-1, "Nguyễn Văn An", NULL, "Doanh nhân kiều bào (ví dụ)", NULL, "demo.an@example.la", "vi,lo",
     "1", "LA"},
};

static int create(ctx *x, record *r, char *err, size_t errlen)
{
    verrs ve = {0};
    rstatus rc = rec_create(x, r, &ve);
    if (rc != RS_OK) {
        snprintf(err, errlen, "demo record '%s' refused (%d%s%s)", r->v[entity_title_index(r->e)],
                 rc, ve.n ? ", field " : "", ve.n ? ve.e[0].field : "");
        return -1;
    }
    return 0;
}

int demo_load(ctx *x, char *err, size_t errlen)
{
    province p = {"Kon Tum", "Kon Tum", "VN-28", "Sở Ngoại vụ tỉnh Kon Tum",
                  "Department of Foreign Affairs of Kon Tum Province"};
    verrs ve = {0};
    if (province_set(x, &p, &ve) != RS_OK) {
        snprintf(err, errlen, "cannot set the province profile");
        return -1;
    }
    long long ids[sizeof partners / sizeof partners[0]];
    int n = 0;
    for (size_t i = 0; i < sizeof partners / sizeof partners[0]; i++) {
        const demo_partner *d = &partners[i];
        record r = rec_new(x->a, &partner_entity);
        rec_set(&r, "kind", d->kind, &ve);
        rec_set(&r, "name_vi", d->name_vi, &ve);
        rec_set(&r, "name_en", d->name_en, &ve);
        rec_set(&r, "name_native", d->name_native, &ve);
        rec_set(&r, "country", d->country, &ve);
        rec_set(&r, "subdivision", d->subdivision, &ve);
        rec_set(&r, "website", d->website, &ve);
        rec_set(&r, "notes", d->notes, &ve);
        if (create(x, &r, err, errlen)) return -1;
        ids[i] = r.id;
        n++;
    }
    for (size_t i = 0; i < sizeof contacts / sizeof contacts[0]; i++) {
        const demo_contact *d = &contacts[i];
        record r = rec_new(x->a, &contact_entity);
        const char *pid = d->partner >= 0 ? arena_printf(x->a, "%lld", ids[d->partner]) : NULL;
        rec_set(&r, "full_name", d->full_name, &ve);
        rec_set(&r, "name_native", d->name_native, &ve);
        rec_set(&r, "partner_id", pid, &ve);
        rec_set(&r, "title", d->title, &ve);
        rec_set(&r, "phone", d->phone, &ve);
        rec_set(&r, "email", d->email, &ve);
        rec_set(&r, "languages", d->languages, &ve);
        rec_set(&r, "overseas_vietnamese", d->overseas, &ve);
        rec_set(&r, "country", d->country, &ve);
        if (create(x, &r, err, errlen)) return -1;
        n++;
    }
    return n;
}
