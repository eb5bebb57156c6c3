/* bench-gen: a benchmark database. 100,000 partners and 300,000 contacts with realistic,
 * varied names (Vietnamese with diacritics, Lao, Khmer, Thai, Korean, Japanese, Chinese,
 * French, English, German, Russian), countries weighted as a provincial Department of
 * Foreign Affairs would see them, subdivisions valid for their country, notes, contacts
 * linked to partners; then the department's own records: 30 agencies, 20,000 delegations,
 * 5,000 agreements and 200,000 commitments, dated from today (see "the department's
 * records" below); plus a user for the API.
 *
 *   bench-gen DB USER PASSWORD [PARTNERS [CONTACTS [DELEGATIONS [AGREEMENTS [COMMITMENTS]]]]]
 *
 * The data is deterministic (fixed seed) and valid by the records' own rules, so that the
 * benchmark may update any record through the API. Rows go in through the store directly
 * (st_rec_insert, st_search_put) in a few big write transactions: validation and the audit
 * trail are what the API's create path measures, not what loading the data set is about. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/text.h"
#include "domain/app.h"
#include "domain/auth.h"
#include "domain/bulletin.h"
#include "domain/entities.h"
#include "domain/records.h"
#include "domain/refdata.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- deterministic randomness */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static int rn(int n) /* 0..n-1 */
{
    return (int)(rnd() % (uint64_t)n);
}
static bool chance(int percent)
{
    return rn(100) < percent;
}
#define PICK(a) ((a)[rn(N(a))])

/* ---- Vietnamese names: surnames weighted roughly as in the population */

typedef struct {
    const char *s;
    int w;
} wstr;

static const wstr vn_surnames[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},    {"Phạm", 70},   {"Hoàng", 51}, {"Huỳnh", 35},
    {"Phan", 45},    {"Vũ", 39},    {"Võ", 30},    {"Đặng", 21},   {"Bùi", 20},   {"Đỗ", 14},
    {"Hồ", 13},      {"Ngô", 13},   {"Dương", 10}, {"Lý", 5},      {"Đinh", 6},   {"Trịnh", 5},
    {"Đoàn", 4},     {"Lâm", 4},    {"Mai", 3},    {"Trương", 3},  {"Cao", 3},    {"Tạ", 2},
    {"Y", 1},        {"A", 1},      {"Siu", 1},    {"Rơ Chăm", 1}, {"Ksor", 1},
};
static const char *vn_middle_m[] = {"Văn",   "Văn",  "Văn",   "Đức",  "Minh",
                                    "Quốc",  "Hữu",  "Thanh", "Công", "Xuân",
                                    "Trọng", "Ngọc", "Anh",   "Đình", "Quang"};
static const char *vn_middle_f[] = {"Thị",  "Thị", "Thị",    "Ngọc", "Thu",   "Thanh", "Minh",
                                    "Hồng", "Kim", "Phương", "Bích", "Khánh", "Diệu",  "Mỹ"};
static const char *vn_given_m[] = {"An",   "Bình", "Cường", "Dũng",  "Đạt",   "Hải",  "Hiếu",
                                   "Hòa",  "Hùng", "Huy",   "Khánh", "Khoa",  "Kiên", "Lâm",
                                   "Long", "Minh", "Nam",   "Nghĩa", "Phong", "Phúc", "Quân",
                                   "Sơn",  "Tài",  "Thắng", "Thành", "Tiến",  "Toàn", "Trung",
                                   "Tuấn", "Tùng", "Việt",  "Vinh",  "Vũ",    "Hưng", "Lộc"};
static const char *vn_given_f[] = {"Anh",   "Bích",   "Chi",   "Dung",  "Giang", "Hà",   "Hạnh",
                                   "Hằng",  "Hiền",   "Hoa",   "Hương", "Huyền", "Lan",  "Liên",
                                   "Linh",  "Loan",   "Mai",   "My",    "Nga",   "Ngân", "Nhung",
                                   "Oanh",  "Phương", "Quyên", "Quỳnh", "Tâm",   "Thảo", "Thủy",
                                   "Trang", "Trâm",   "Uyên",  "Vân",   "Vy",    "Xuân", "Yến"};

static const char *pick_w(const wstr *a, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += a[i].w;
    int x = rn(total);
    for (int i = 0; i < n; i++)
        if ((x -= a[i].w) < 0) return a[i].s;
    return a[0].s;
}

static char *vn_name(arena *a)
{
    bool f = chance(50);
    return arena_printf(a, "%s %s %s", pick_w(vn_surnames, N(vn_surnames)),
                        f ? PICK(vn_middle_f) : PICK(vn_middle_m),
                        f ? PICK(vn_given_f) : PICK(vn_given_m));
}

/* ---- countries: what each contributes */

typedef struct {
    const char *code;
    int weight;
    const char *dial; /* calling code */
    const char *tld;
    const char *lang;                   /* language code of the contacts field */
    const char *given[12], *family[12]; /* personal names in Latin letters */
    const char *native[8];              /* a few words in the native script */
    const char *cities_vi[5], *cities_en[5];
    const char *brand[20]; /* syllables for company and place names */
} country_data;

static const country_data countries[] = {
    {"LA",
     24,
     "+856",
     "la",
     "lo",
     {"Bounmy", "Khamphou", "Somsack", "Phonesavanh", "Vilayvanh", "Souksavath", "Bounthanh",
      "Chanthala", "Keo", "Noy", "Sengdao", "Thongsouk"},
     {"Phommachanh", "Sisavath", "Vongsa", "Inthavong", "Keomany", "Sayavong", "Phanthavong",
      "Souvannavong", "Chanthavong", "Xaysana", "Luangrath", "Sihalath"},
     {"ແຂວງ", "ເມືອງ", "ບໍລິສັດ", "ພະແນກ", "ການຕ່າງປະເທດ", "ສະມາຄົມ", "ຈຳກັດ", "ລາວ"},
     {"Viêng Chăn", "Luông Pha-bang", "Pắc-xế", "Sa-vẳn-na-khẹt", "Sê Kông"},
     {"Vientiane", "Luang Prabang", "Pakse", "Savannakhet", "Sekong"},
     {"Xay",    "Phon", "Sanh", "Kham",  "Thong", "Vong", "Sen", "Boua",  "Don",  "Lao",
      "Champa", "Nong", "Phou", "Houay", "Sai",   "Mai",  "Dao", "Khong", "Souk", "Vilay"}},
    {"KH",
     14,
     "+855",
     "kh",
     "km",
     {"Sok", "Dara", "Vannak", "Sophal", "Chenda", "Bopha", "Rithy", "Sothea", "Kosal", "Malis",
      "Pisey", "Visal"},
     {"Chan", "Sok", "Kim", "Heng", "Ly", "Meas", "Chea", "Phan", "Sum", "Touch", "Prak", "Keo"},
     {"ខេត្ត", "ស្រុក", "ក្រុមហ៊ុន", "មន្ទីរ", "ការបរទេស", "សមាគម", "កម្ពុជា", "ខ្មែរ"},
     {"Phnôm Pênh", "Xiêm Riệp", "Ba-tam-boong", "Ban Lung", "Stung Treng"},
     {"Phnom Penh", "Siem Reap", "Battambang", "Banlung", "Stung Treng"},
     {"Ang",   "Kor",    "Srey",   "Preah",  "Kampong", "Toul",   "Chey",
      "Reach", "Mekong", "Sambo",  "Angkor", "Bayon",   "Sovann", "Roung",
      "Phnom", "Tonle",  "Vimean", "Meas",   "Rith",    "Neak"}},
    {"TH",
     10,
     "+66",
     "th",
     "th",
     {"Somchai", "Somsak", "Suda", "Kanya", "Niran", "Pranee", "Anan", "Wichai", "Malee", "Chaiya",
      "Siriporn", "Thana"},
     {"Srisuk", "Saetang", "Wongsawat", "Chaiyaporn", "Rattanakorn", "Boonmee", "Kittisak",
      "Sukhum", "Thongchai", "Phromma", "Inthira", "Jaidee"},
     {"จังหวัด", "อำเภอ", "บริษัท", "สำนักงาน", "การต่างประเทศ", "สมาคม", "จำกัด", "ไทย"},
     {"Băng Cốc", "Khon Kaen", "Ubon Ratchathani", "Chiang Mai", "Nakhon Phanom"},
     {"Bangkok", "Khon Kaen", "Ubon Ratchathani", "Chiang Mai", "Nakhon Phanom"},
     {"Siam",    "Thai",   "Rung",  "Charoen", "Sawas",  "Mongkol", "Chok",
      "Prasert", "Udom",   "Kasem", "Somboon", "Thawee", "Wattana", "Pattana",
      "Isan",    "Nakhon", "Lanna", "Suwan",   "Sakon",  "Phanom"}},
    {"KR",
     12,
     "+82",
     "kr",
     "ko",
     {"Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yoon", "Soo-ah", "Jae-won", "Eun-ji",
      "Hyun-woo", "Ji-min", "Sung-ho", "Yeon-woo"},
     {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh"},
     {"경상북도", "시청", "주식회사", "국제교류", "협회", "재단", "한국", "대학교"},
     {"Xơ-un", "Bu-san", "Dae-gu", "Incheon", "Gyeongju"},
     {"Seoul", "Busan", "Daegu", "Incheon", "Gyeongju"},
     {"Han", "Dae", "Sung", "Hyun", "Jin",  "Woo",   "Kwang", "Dong", "Hana", "Mir",
      "Sam", "Il",  "Seo",  "Nam",  "Baek", "Chung", "Yong",  "Hwa",  "San",  "Gang"}},
    {"JP",
     10,
     "+81",
     "jp",
     "ja",
     {"Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Takumi", "Sakura", "Kenji", "Yuki", "Hiroshi",
      "Emi"},
     {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
      "Kobayashi", "Kato", "Yoshida", "Yamada"},
     {"県庁", "株式会社", "国際交流", "協会", "財団", "日本", "大学", "市役所"},
     {"Tô-ky-ô", "Ô-xa-ca", "Fukuoka", "Nagoya", "Sapporo"},
     {"Tokyo", "Osaka", "Fukuoka", "Nagoya", "Sapporo"},
     {"Sakura", "Fuji",  "Nippon", "Asahi", "Yama", "Kawa", "Taiyo", "Hikari", "Midori", "Tomo",
      "Kaze",   "Hoshi", "Sora",   "Mori",  "Umi",  "Shin", "Toyo",  "Kita",   "Minami", "Aoba"}},
    {"CN",
     6,
     "+86",
     "cn",
     "zh",
     {"Wei", "Fang", "Lei", "Jing", "Hao", "Min", "Jun", "Li", "Qiang", "Yan", "Tao", "Xin"},
     {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"},
     {"云南省", "广西", "有限公司", "外事办公室", "协会", "中国", "大学", "人民政府"},
     {"Bắc Kinh", "Côn Minh", "Nam Ninh", "Quảng Châu", "Thượng Hải"},
     {"Beijing", "Kunming", "Nanning", "Guangzhou", "Shanghai"},
     {"Hua", "Zhong", "Xin",  "Tian", "Long", "Feng", "Jin",   "Hong", "Da",    "Kang",
      "Yun", "Hai",   "Shan", "Ming", "Hui",  "Tai",  "Sheng", "Fu",   "Guang", "An"}},
    {"FR",
     5,
     "+33",
     "fr",
     "fr",
     {"Jean", "François", "Hélène", "Amélie", "Étienne", "Cécile", "Jérôme", "Chloé", "Benoît",
      "Léa", "Mathéo", "Noémie"},
     {"Dupont", "Lefèvre", "Girard", "Moreau", "Lambert", "Rousseau", "Fontaine", "Mercier",
      "Chevalier", "Bélanger", "Leroy", "Faure"},
     {"Région", "Département", "Société", "Association", "Fondation", "Université", "Mairie",
      "Coopération"},
     {"Pa-ri", "Lyon", "Marseille", "Toulouse", "Bordeaux"},
     {"Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux"},
     {"Lumière",  "Avenir",   "Horizon", "Étoile",   "Rivière",  "Soleil", "Vallée",
      "Alliance", "Équinoxe", "Océan",   "Provence", "Garonne",  "Loire",  "Azur",
      "Vercors",  "Mistral",  "Lys",     "Bretagne", "Cévennes", "Aurore"}},
    {"US",
     5,
     "+1",
     "org",
     "en",
     {"John", "Mary", "Michael", "Jennifer", "David", "Sarah", "James", "Emily", "Robert",
      "Jessica", "William", "Ashley"},
     {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
      "Taylor", "Thomas", "Moore"},
     {NULL},
     {"Oa-sinh-tơn", "New York", "San Francisco", "Houston", "Seattle"},
     {"Washington", "New York", "San Francisco", "Houston", "Seattle"},
     {"Pacific",  "Liberty",   "Summit",  "Eagle",     "Pioneer", "Frontier", "Harbor",
      "Keystone", "Evergreen", "Atlas",   "Granite",   "Prairie", "Cascade",  "Heritage",
      "Meridian", "Beacon",    "Redwood", "Lakeshore", "Union",   "Sierra"}},
    {"AU",
     4,
     "+61",
     "au",
     "en",
     {"Jack", "Olivia", "Thomas", "Charlotte", "Liam", "Mia", "Noah", "Amelia", "Oliver", "Isla",
      "Lachlan", "Chloe"},
     {"Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson", "Martin",
      "White", "Anderson", "Walker"},
     {NULL},
     {"Can-bê-ra", "Sydney", "Melbourne", "Brisbane", "Perth"},
     {"Canberra", "Sydney", "Melbourne", "Brisbane", "Perth"},
     {"Southern", "Coral",     "Outback",   "Wattle",     "Banksia", "Reef",       "Harbour",
      "Bluegum",  "Murray",    "Kimberley", "Eucalypt",   "Tasman",  "Gold Coast", "Kakadu",
      "Sunburnt", "Jacaranda", "Darling",   "Kookaburra", "Uluru",   "Mallee"}},
    {"DE",
     2,
     "+49",
     "de",
     "de",
     {"Jürgen", "Jörg", "Anna", "Lukas", "Sophie", "Maximilian", "Hannah", "Felix", "Lena",
      "Tobias", "Käthe", "Jonas"},
     {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer",
      "Koch", "Bauer", "Günther"},
     {NULL},
     {"Béc-lin", "Frankfurt", "Hamburg", "München", "Köln"},
     {"Berlin", "Frankfurt", "Hamburg", "Munich", "Cologne"},
     {"Nord", "Rhein", "Stern", "Brücke", "Wald", "Licht",  "Berg",  "Tal",   "Grün",  "Sonne",
      "Elbe", "Main",  "Weser", "Adler",  "Fels", "Quelle", "Hafen", "Mühle", "Linde", "Eiche"}},
    {"RU",
     2,
     "+7",
     "ru",
     "ru",
     {"Ivan", "Dmitry", "Olga", "Natalia", "Sergey", "Anna", "Alexei", "Elena", "Mikhail", "Irina",
      "Nikolai", "Tatiana"},
     {"Petrov", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov",
      "Novikov", "Morozov", "Volkov", "Pavlov"},
     {"Администрация", "Общество", "Компания", "Фонд", "Университет", "Россия", "Дружба",
      "Сотрудничество"},
     {"Mát-xcơ-va", "Xanh Pê-téc-bua", "Vla-đi-vô-xtốc", "Nô-vô-xi-biếc", "Ka-dan"},
     {"Moscow", "Saint Petersburg", "Vladivostok", "Novosibirsk", "Kazan"},
     {"Volga", "Sever", "Ural", "Baikal", "Neva", "Sibir", "Zvezda", "Druzhba", "Rus",   "Vostok",
      "Yug",   "Zapad", "Svet", "Mir",    "Kedr", "Amur",  "Taiga",  "Lena",    "Altai", "Don"}},
    {"VN",
     6,
     "+84",
     "vn",
     "vi",
     {NULL},
     {NULL},
     {NULL},
     {"Hà Nội", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Kon Tum", "Pleiku"},
     {"Hanoi", "Da Nang", "Ho Chi Minh City", "Kon Tum", "Pleiku"},
     {"Việt",  "Hưng", "Thịnh", "Phát", "Minh", "Tân",   "Thành",  "Đại",  "Phú", "An",
      "Hoàng", "Long", "Sao",   "Nam",  "Bắc",  "Quang", "Trường", "Bình", "Gia", "Khang"}},
};

static const country_data *pick_country(void)
{
    int total = 0;
    for (int i = 0; i < N(countries); i++)
        total += countries[i].weight;
    int x = rn(total);
    for (int i = 0; i < N(countries); i++)
        if ((x -= countries[i].weight) < 0) return &countries[i];
    return &countries[0];
}

static int count_nonnull(const char *const *a, int n)
{
    int k = 0;
    while (k < n && a[k])
        k++;
    return k;
}
#define PICKN(a) ((a)[rn(count_nonnull((a), N(a)))])

static const char *country_vi(const country_data *c)
{
    const ref_country *r = refdata_country(c->code);
    return r ? refdata_country_name(r, "vi") : c->code;
}
static const char *country_en(const country_data *c)
{
    const ref_country *r = refdata_country(c->code);
    return r ? refdata_country_name(r, "en") : c->code;
}

static char *foreign_name(arena *a, const country_data *c)
{
    if (!c->given[0]) return vn_name(a);
    const char *g = PICKN(c->given), *f = PICKN(c->family);
    /* family name first in Korean, Japanese (as written in Vietnam), Chinese, Khmer */
    if (!strcmp(c->code, "KR") || !strcmp(c->code, "JP") || !strcmp(c->code, "CN") ||
        !strcmp(c->code, "KH"))
        return arena_printf(a, "%s %s", f, g);
    return arena_printf(a, "%s %s", g, f);
}

static char *native_words(arena *a, const country_data *c)
{
    if (!c->native[0]) return NULL;
    return arena_printf(a, "%s %s", PICKN(c->native), PICKN(c->native));
}

/* ASCII for e-mail addresses and web sites: the search folding, spaces to sep. */
static char *slug(arena *a, const char *s, char sep)
{
    char *f = text_fold(a, s);
    char *o = f;
    for (char *p = f; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            *o++ = (char)ch;
        else if (o > f && o[-1] != sep)
            *o++ = sep;
    }
    while (o > f && o[-1] == sep)
        o--;
    *o = 0;
    return *f ? f : arena_strdup(a, "x");
}

static char *phone(arena *a, const country_data *c)
{
    return arena_printf(a, "%s %d %03d %04d", c->dial, 20 + rn(80), rn(1000), rn(10000));
}

static const ref_subdivision *pick_subdiv(const country_data *c)
{
    const ref_subdivision *subs;
    size_t n = refdata_subdivisions_of(c->code, &subs);
    return n ? &subs[rn((int)n)] : NULL;
}

/* ---- notes */

static const char *areas_vi[] = {"giáo dục",    "y tế",
                                 "nông nghiệp", "nước sạch",
                                 "du lịch",     "thương mại",
                                 "giao thông",  "văn hóa",
                                 "lao động",    "phòng chống thiên tai",
                                 "biên giới",   "đầu tư",
                                 "môi trường",  "phát triển nông thôn",
                                 "đào tạo nghề"};
static const char *areas_en[] = {"Education",
                                 "Health",
                                 "Agriculture",
                                 "Clean Water",
                                 "Tourism",
                                 "Trade",
                                 "Transport",
                                 "Culture",
                                 "Labour",
                                 "Disaster Preparedness",
                                 "Border Affairs",
                                 "Investment",
                                 "Environment",
                                 "Rural Development",
                                 "Vocational Training"};
static const char *vn_districts[] = {"Đắk Glei",  "Ngọc Hồi", "Đắk Tô",   "Kon Plông",
                                     "Kon Rẫy",   "Đắk Hà",   "Sa Thầy",  "Tu Mơ Rông",
                                     "Ia H'Drai", "Đăk Pék",  "Plei Kần", "Bờ Y"};
static const char *titles_vi[] = {"Giám đốc",
                                  "Phó Giám đốc",
                                  "Trưởng phòng Hợp tác quốc tế",
                                  "Chuyên viên",
                                  "Tổng Lãnh sự",
                                  "Lãnh sự",
                                  "Bí thư thứ nhất",
                                  "Tham tán",
                                  "Trưởng đại diện",
                                  "Điều phối viên dự án",
                                  "Chủ tịch Hội người Việt",
                                  "Phó Chủ tịch tỉnh",
                                  "Chánh Văn phòng",
                                  "Thư ký",
                                  "Phiên dịch viên",
                                  "Trưởng ban Đối ngoại",
                                  "Giám đốc quốc gia",
                                  "Cán bộ chương trình"};

static char *notes(arena *a, const country_data *c, const char *who)
{
    if (chance(20)) return NULL;
    buf b = {0};
    int k = 1 + rn(3);
    for (int i = 0; i < k; i++) {
        int y = 2012 + rn(14);
        if (i) buf_putc(&b, ' ');
        switch (rn(8)) {
        case 0:
            buf_printf(&b, "Biên bản ghi nhớ hợp tác ký năm %d.", y);
            break;
        case 1:
            buf_printf(&b, "Đã tiếp đoàn công tác tháng %d/%d tại %s.", 1 + rn(12), y,
                       PICKN(countries[N(countries) - 1].cities_vi));
            break;
        case 2:
            buf_printf(&b, "Đầu mối: %s, %s.", who, PICK(titles_vi));
            break;
        case 3:
            buf_printf(&b, "Đề nghị gia hạn thỏa thuận hợp tác giai đoạn %d–%d.", y, y + 5);
            break;
        case 4:
            buf_printf(&b, "Hỗ trợ dự án %s tại huyện %s, tổng vốn %d.%03d USD.", PICK(areas_vi),
                       PICK(vn_districts), 10 + rn(990), rn(1000));
            break;
        case 5:
            buf_printf(&b, "Trao đổi đoàn cấp tỉnh với %s năm %d; chưa có báo cáo kết quả.",
                       country_vi(c), y);
            break;
        case 6:
            buf_printf(&b, "Hồ sơ lưu tại phòng Hợp tác quốc tế, số %d/SNgV-HTQT.", 100 + rn(9900));
            break;
        default:
            buf_printf(&b, "Ghi chú của cán bộ: liên hệ qua Đại sứ quán trước khi gửi công hàm.");
        }
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* ---- unique partner names: a small open-addressing set of their hashes and texts */

typedef struct {
    char **slot;
    size_t cap, n;
} nameset;

static size_t hash_s(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* true when s was new (and is now in the set) */
static bool nameset_add(nameset *ns, const char *s)
{
    size_t i = hash_s(s) & (ns->cap - 1);
    for (; ns->slot[i]; i = (i + 1) & (ns->cap - 1))
        if (!strcmp(ns->slot[i], s)) return false;
    ns->slot[i] = xstrdup(s);
    ns->n++;
    return true;
}

/* ---- partners */

static const wstr kinds[] = {{"locality", 38}, {"company", 33}, {"ngo", 17},   {"intl_org", 5},
                             {"other", 5},     {"embassy", 1},  {"mission", 1}};
static const char *areas_cap_vi[] = {"Giáo dục",    "Y tế",
                                     "Nông nghiệp", "Nước sạch",
                                     "Du lịch",     "Thương mại",
                                     "Giao thông",  "Văn hóa",
                                     "Lao động",    "Phòng chống thiên tai",
                                     "Biên giới",   "Đầu tư",
                                     "Môi trường",  "Phát triển nông thôn",
                                     "Đào tạo nghề"};
static const char *intl_short[] = {"UNICEF", "UNDP", "WHO",   "FAO", "ADB",
                                   "WB",     "JICA", "KOICA", "IOM", "AFD"};
static const char *intl_orgs_vi[] = {"Quỹ Nhi đồng Liên hợp quốc (UNICEF)",
                                     "Chương trình Phát triển Liên hợp quốc (UNDP)",
                                     "Tổ chức Y tế Thế giới (WHO)",
                                     "Tổ chức Lương thực và Nông nghiệp (FAO)",
                                     "Ngân hàng Phát triển châu Á (ADB)",
                                     "Ngân hàng Thế giới",
                                     "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)",
                                     "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)",
                                     "Tổ chức Di cư Quốc tế (IOM)",
                                     "Cơ quan Phát triển Pháp (AFD)"};
static const char *intl_orgs_en[] = {"United Nations Children's Fund (UNICEF)",
                                     "United Nations Development Programme (UNDP)",
                                     "World Health Organization (WHO)",
                                     "Food and Agriculture Organization (FAO)",
                                     "Asian Development Bank (ADB)",
                                     "World Bank",
                                     "Japan International Cooperation Agency (JICA)",
                                     "Korea International Cooperation Agency (KOICA)",
                                     "International Organization for Migration (IOM)",
                                     "French Development Agency (AFD)"};
static const char *loc_units_vi[] = {"Tỉnh",
                                     "Sở Ngoại vụ tỉnh",
                                     "Ủy ban nhân dân tỉnh",
                                     "Sở Kế hoạch và Đầu tư tỉnh",
                                     "Sở Giáo dục tỉnh",
                                     "Sở Y tế tỉnh",
                                     "Văn phòng Thống đốc tỉnh",
                                     "Sở Nông nghiệp tỉnh",
                                     "Sở Văn hóa và Du lịch tỉnh"};
static const char *loc_units_en[] = {"Province",
                                     "Department of Foreign Affairs",
                                     "Provincial People's Committee",
                                     "Department of Planning and Investment",
                                     "Department of Education",
                                     "Department of Health",
                                     "Governor's Office",
                                     "Department of Agriculture",
                                     "Department of Culture and Tourism"};
static const char *industries_vi[] = {"Thương mại", "Xây dựng",   "Vận tải",     "Cà phê",
                                      "Cao su",     "Năng lượng", "Dược phẩm",   "Du lịch",
                                      "Nông sản",   "Điện tử",    "Khai khoáng", "Dệt may"};
static const char *industries_en[] = {"Trading",         "Construction", "Logistics",
                                      "Coffee",          "Rubber",       "Energy",
                                      "Pharmaceuticals", "Tourism",      "Agricultural Products",
                                      "Electronics",     "Mining",       "Textiles"};

static void set(record *r, const char *name, const char *v)
{
    int i = entity_field_index(r->e, name);
    if (i < 0) {
        fprintf(stderr, "bench-gen: no field %s in %s\n", name, r->e->name);
        exit(1);
    }
    r->v[i] = v;
}

/* each partner's country (index into countries), by id: delegations and agreements with a
 * partner name its country */
static unsigned char *partner_country;
static long long npartners_made;

static record make_partner(arena *a, nameset *ns, long long id)
{
    record r = rec_new(a, &partner_entity);
    const country_data *c = pick_country();
    if (partner_country) partner_country[id] = (unsigned char)(c - countries);
    const char *kind = pick_w(kinds, N(kinds));
    /* in Vietnam itself: international organisations, NGOs and companies only */
    if (!strcmp(c->code, "VN") && strcmp(kind, "intl_org") && strcmp(kind, "ngo") &&
        strcmp(kind, "company"))
        kind = chance(30) ? "intl_org" : "company";
    const ref_subdivision *sd = pick_subdiv(c);
    if (!sd && !strcmp(kind, "locality")) kind = "ngo";
    int ci = rn(count_nonnull(c->cities_vi, 5));
    const char *city_vi = c->cities_vi[ci], *city_en = c->cities_en[ci];
    /* names of companies, towns, foundations: one to three syllables, "Xay Sanh Kham" */
    int syl = chance(5) ? 1 : chance(63) ? 2 : 3;
    const char *brand = PICKN(c->brand);
    for (int k = 1; k < syl; k++)
        brand = arena_printf(a, "%s %s", brand, PICKN(c->brand));
    const char *vi, *en = NULL, *native = NULL, *site = NULL;
    char *who = foreign_name(a, c);
    if (!strcmp(kind, "locality")) {
        int u = rn(N(loc_units_vi));
        const char *sname_vi = refdata_subdivision_name(sd, "vi");
        const char *sname_en = refdata_subdivision_name(sd, "en");
        if (chance(97)) { /* a district, town or commune of the province */
            static const char *units_vi[] = {"Huyện", "Huyện", "Thị xã", "Thành phố", "Xã"};
            static const char *units_en[] = {"District", "District", "Town", "City", "Commune"};
            int k = rn(N(units_vi));
            vi = arena_printf(a, "%s %s, tỉnh %s", units_vi[k], brand, sname_vi);
            en = arena_printf(a, "%s %s, %s", brand, units_en[k], sname_en);
        } else {
            vi = arena_printf(a, "%s %s", loc_units_vi[u], sname_vi);
            en = u == 0 ? arena_printf(a, "%s Province", sname_en)
                        : arena_printf(a, "%s, %s", loc_units_en[u], sname_en);
        }
        if (chance(60)) native = native_words(a, c);
    } else if (!strcmp(kind, "embassy")) {
        if (chance(30)) {
            vi = arena_printf(a, "Đại sứ quán %s tại Việt Nam", country_vi(c));
            en = arena_printf(a, "Embassy of %s in Vietnam", country_en(c));
        } else {
            const country_data *vn = &countries[N(countries) - 1];
            int k = rn(count_nonnull(vn->cities_vi, 5));
            bool cg = chance(50);
            vi = arena_printf(a, "%s %s tại %s", cg ? "Tổng Lãnh sự quán" : "Văn phòng Thương mại",
                              country_vi(c), vn->cities_vi[k]);
            en = arena_printf(a, "%s of %s in %s", cg ? "Consulate General" : "Trade Office",
                              country_en(c), vn->cities_en[k]);
        }
    } else if (!strcmp(kind, "mission")) {
        vi = arena_printf(a, "%s Việt Nam tại %s", chance(40) ? "Đại sứ quán" : "Tổng Lãnh sự quán",
                          city_vi);
        en = arena_printf(a, "Vietnamese mission in %s", city_en);
    } else if (!strcmp(kind, "intl_org")) {
        int o = rn(N(intl_orgs_vi));
        if (chance(10)) {
            vi = arena_printf(a, "Văn phòng %s tại %s", intl_orgs_vi[o], city_vi);
            en = arena_printf(a, "%s office in %s", intl_orgs_en[o], city_en);
        } else { /* a project it funds */
            int ar = rn(N(areas_vi));
            vi = arena_printf(a, "Ban quản lý dự án %s (%s) tại %s", areas_vi[ar], intl_short[o],
                              city_vi);
            en = arena_printf(a, "%s project (%s) in %s", areas_en[ar], intl_short[o], city_en);
        }
        site = "https://www.un.org/";
    } else if (!strcmp(kind, "ngo")) {
        int ar = rn(N(areas_vi));
        vi = arena_printf(a, "%s %s %s", chance(50) ? "Tổ chức" : "Quỹ", areas_cap_vi[ar], brand);
        en = arena_printf(a, "%s %s %s", brand, areas_en[ar],
                          chance(50) ? "Foundation" : "International");
    } else if (!strcmp(kind, "company")) {
        int in = rn(N(industries_vi));
        bool jsc = chance(40);
        vi =
            arena_printf(a, "Công ty %s %s %s", jsc ? "Cổ phần" : "TNHH", industries_vi[in], brand);
        en = arena_printf(a, "%s %s %s", brand, industries_en[in], jsc ? "JSC" : "Co., Ltd.");
        if (chance(50)) native = native_words(a, c);
    } else if (chance(20)) {
        vi = arena_printf(a, "Hội Hữu nghị %s – Việt Nam tại %s", country_vi(c), city_vi);
        en = arena_printf(a, "%s–Vietnam Friendship Association in %s", country_en(c), city_en);
    } else {
        static const char *o_vi[] = {"Trường Đại học", "Bệnh viện", "Hiệp hội Doanh nghiệp",
                                     "Viện Nghiên cứu", "Trung tâm Văn hóa"};
        static const char *o_en[] = {"University", "Hospital", "Business Association",
                                     "Research Institute", "Cultural Centre"};
        int k = rn(N(o_vi));
        vi = arena_printf(a, "%s %s", o_vi[k], brand);
        en = arena_printf(a, "%s %s", brand, o_en[k]);
    }
    /* the name must be unique once folded (the database's unique key): a second office of
     * the same name is numbered */
    if (!nameset_add(ns, text_fold(a, vi))) {
        for (int k = 2;; k++) {
            const char *v2 = arena_printf(a, "%s (văn phòng %d)", vi, k);
            if (nameset_add(ns, text_fold(a, v2))) {
                vi = v2;
                break;
            }
        }
    }
    set(&r, "kind", kind);
    set(&r, "name_vi", vi);
    set(&r, "name_en", en);
    set(&r, "name_native", native);
    set(&r, "country", c->code);
    if (sd && (!strcmp(kind, "locality") || chance(30))) set(&r, "subdivision", sd->code);
    if (chance(70))
        set(&r, "address",
            !strcmp(c->code, "VN")
                ? arena_printf(a, "Số %d đường %s, %s", 1 + rn(300), PICK(vn_given_m), city_vi)
                : arena_printf(a, "%d %s Road, %s, %s", 1 + rn(300), PICKN(c->brand), city_en,
                               country_en(c)));
    const char *dom = arena_printf(a, "%s%lld.%s", slug(a, brand, '-'), id, c->tld);
    if (site || chance(50))
        set(&r, "website", site ? site : arena_printf(a, "https://www.%s/", dom));
    if (chance(60))
        set(&r, "email", arena_printf(a, "%s@%s", chance(50) ? "info" : "contact", dom));
    if (chance(60)) set(&r, "phone", phone(a, c));
    set(&r, "notes", notes(a, c, who));
    return r;
}

/* ---- contacts */

static const char *lang_order[] = {"vi", "en", "lo", "km", "th", "ko",
                                   "ja", "zh", "fr", "ru", "de"};

static record make_contact(arena *a, long long npartners, long long id)
{
    record r = rec_new(a, &contact_entity);
    const country_data *c = pick_country();
    bool overseas = strcmp(c->code, "VN") && chance(15);
    bool vietnamese = overseas || !strcmp(c->code, "VN") || chance(15);
    char *name = vietnamese ? vn_name(a) : foreign_name(a, c);
    set(&r, "full_name", name);
    if (!vietnamese && chance(40)) set(&r, "name_native", native_words(a, c));
    if (chance(85))
        set(&r, "partner_id",
            arena_printf(a, "%lld", 1 + (long long)(rnd() % (uint64_t)npartners)));
    set(&r, "title", chance(80) ? PICK(titles_vi) : NULL);
    if (chance(70)) set(&r, "phone", phone(a, c));
    if (chance(60))
        set(&r, "email",
            arena_printf(a, "%s%lld@example.%s", slug(a, name, '.'), id % 1000, c->tld));
    /* languages, stored in the options' order */
    bool want[N(lang_order)] = {0};
    for (int i = 0; i < N(lang_order); i++) {
        if (!strcmp(lang_order[i], c->lang)) want[i] = true;
        if (!strcmp(lang_order[i], "vi") && (vietnamese || chance(20))) want[i] = true;
        if (!strcmp(lang_order[i], "en") && chance(50)) want[i] = true;
    }
    buf b = {0};
    for (int i = 0; i < N(lang_order); i++)
        if (want[i]) {
            if (b.len) buf_putc(&b, ',');
            buf_puts(&b, lang_order[i]);
        }
    set(&r, "languages", arena_strdup(a, buf_cstr(&b)));
    buf_free(&b);
    set(&r, "overseas_vietnamese", overseas ? "1" : "0");
    set(&r, "country", c->code);
    set(&r, "notes", chance(50) ? notes(a, c, vn_name(a)) : NULL);
    return r;
}

/* ---- loading */

static const char *stamp(arena *a, long long i, long long n)
{
    /* creation dates spread over ten years, in id order */
    time_t t = 1451606400 + (time_t)((double)i / (double)n * 10 * 365.25 * 86400);
    struct tm tm;
    gmtime_r(&t, &tm);
    char s[32];
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return arena_strdup(a, s);
}

static void die(conn *c, const char *what)
{
    fprintf(stderr, "bench-gen: %s: %s\n", what, c ? store_errmsg(c) : "");
    exit(1);
}

/* Rows per write transaction: 50,000 in SQLite. In PostgreSQL each insert also updates the
 * row of its type in counts, and one transaction's updates of one row make a chain of
 * versions that every next update walks (none can be pruned before the commit): 1,000
 * rows a transaction keep that chain short (set in main). */
static long long tx_rows = 50000;

static void load(conn *c, const entity *e, long long n, long long npartners, nameset *ns)
{
    int ti = entity_title_index(e);
    for (long long i = 0; i < n;) {
        if (store_begin(c)) die(c, "begin");
        long long end = i + tx_rows < n ? i + tx_rows : n;
        arena a = {0};
        for (; i < end; i++) {
            record r = e == &partner_entity ? make_partner(&a, ns, i + 1)
                                            : make_contact(&a, npartners, i + 1);
            long long id;
            if (st_rec_insert(c, &r, stamp(&a, i, n), &id)) die(c, "insert");
            r.id = id;
            if (st_search_put(c, e, id, r.v[ti], rec_search_body(&a, &r))) die(c, "search");
            if (i % 1000 == 999) {
                arena_free(&a);
                a = (arena){0};
            }
        }
        arena_free(&a);
        if (store_commit(c)) die(c, "commit");
    }
}

/* ---- the department's records: agencies, delegations, agreements, commitments.
 * Dates are counted in days from today (Vietnam's date, as the server counts it), so that
 * the dashboard finds the same proportions whatever the day of the run. Workflow states
 * are written straight into the status column (the generator does not take the steps),
 * in proportions that follow the dates: a trip that is over is mostly reported, a
 * deadline long past is mostly done, and a few thousand commitments are overdue today. */

static time_t today_t; /* 00:00 UTC of today's date in Vietnam */

static const char *day(arena *a, long off) /* "YYYY-MM-DD", off days from today */
{
    time_t t = today_t + (time_t)off * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    char s[11];
    strftime(s, sizeof s, "%Y-%m-%d", &tm);
    return arena_strdup(a, s);
}

static const char *dmy(arena *a, long off) /* "dd/mm/yyyy", for text */
{
    const char *d = day(a, off);
    return arena_printf(a, "%.2s/%.2s/%.4s", d + 8, d + 5, d);
}

static int year_of(long off)
{
    time_t t = today_t + (time_t)off * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

static int month_of(long off)
{
    time_t t = today_t + (time_t)off * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_mon + 1;
}

/* a creation time stamp off days from today (never later than now), in office hours */
static const char *created_stamp(arena *a, long off)
{
    time_t now = time(NULL);
    time_t t = today_t + (time_t)off * 86400 + 3600 + rn(9 * 3600); /* 08:00-17:00 in UTC+7 */
    if (t > now) t = now - rn(3600);
    struct tm tm;
    gmtime_r(&t, &tm);
    char s[32];
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return arena_strdup(a, s);
}

static void set_opt(record *r, const char *name, const char *v) /* fields others may add */
{
    int i = entity_field_index(r->e, name);
    if (i >= 0) r->v[i] = v;
}

/* codes of a set field, one to max of them, in the options' order */
static const char *some_codes(arena *a, const enum_opt *opts, int max)
{
    int n = 0;
    while (opts[n].code)
        n++;
    bool want[32] = {0};
    int k = 1 + rn(max);
    for (int i = 0; i < k; i++)
        want[rn(n)] = true;
    buf b = {0};
    for (int i = 0; i < n; i++)
        if (want[i]) {
            if (b.len) buf_putc(&b, ',');
            buf_puts(&b, opts[i].code);
        }
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static long long random_partner(void)
{
    return 1 + (long long)(rnd() % (uint64_t)npartners_made);
}

static const country_data *country_of_partner(long long id)
{
    return &countries[partner_country[id]];
}

/* ---- agencies: the province's departments, forces and districts (ids 1..N) */

static const struct {
    const char *vi, *en, *kind;
} agencies[] = {
    {"Sở Công Thương", "Department of Industry and Trade", "industry_trade"},
    {"Sở Y tế", "Department of Health", "health"},
    {"Sở Giáo dục và Đào tạo", "Department of Education and Training", "education"},
    {"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Provincial Border Guard Command", "border_guard"},
    {"Sở Tài chính", "Department of Finance", "planning"},
    {"Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment", "agriculture"},
    {"Sở Văn hoá, Thể thao và Du lịch", "Department of Culture, Sports and Tourism", "culture"},
    {"Công an tỉnh", "Provincial Police", "police"},
    {"Sở Ngoại vụ", "Department of Foreign Affairs", "foreign_affairs"},
    {"Ban Quản lý Khu kinh tế tỉnh", "Economic Zone Authority", "planning"},
    {"Chi cục Hải quan cửa khẩu quốc tế Bờ Y", "Bo Y International Border Gate Customs", "customs"},
    {"Sở Xây dựng", "Department of Construction", "other"},
    {"Sở Khoa học và Công nghệ", "Department of Science and Technology", "other"},
    {"Sở Nội vụ", "Department of Home Affairs", "other"},
    {"Sở Tư pháp", "Department of Justice", "other"},
    {"Bệnh viện Đa khoa tỉnh", "Provincial General Hospital", "health"},
    {"Trung tâm Kiểm soát bệnh tật tỉnh", "Provincial Centre for Disease Control", "health"},
    {"Trường Cao đẳng Cộng đồng", "Community College", "education"},
    {"Trường Chính trị tỉnh", "Provincial Political School", "education"},
    {"Ban Dân tộc tỉnh", "Provincial Ethnic Minorities Committee", "other"},
    {"Liên hiệp các tổ chức hữu nghị tỉnh", "Provincial Union of Friendship Organisations",
     "foreign_affairs"},
    {"Bộ Chỉ huy Quân sự tỉnh", "Provincial Military Command", "border_guard"},
    {"Chi cục Hải quan Kon Tum", "Kon Tum Customs Branch", "customs"},
    {"Ủy ban nhân dân huyện Ngọc Hồi", "Ngoc Hoi District People's Committee", "other"},
    {"Ủy ban nhân dân huyện Đắk Glei", "Dak Glei District People's Committee", "other"},
    {"Ủy ban nhân dân huyện Sa Thầy", "Sa Thay District People's Committee", "other"},
    {"Ủy ban nhân dân huyện Ia H'Drai", "Ia H'Drai District People's Committee", "other"},
    {"Ủy ban nhân dân huyện Đắk Tô", "Dak To District People's Committee", "other"},
    {"Ủy ban nhân dân huyện Kon Plông", "Kon Plong District People's Committee", "other"},
    {"Ủy ban nhân dân thành phố Kon Tum", "Kon Tum City People's Committee", "other"},
};

/* commitments are spread over the agencies unevenly (weight 1000 / (rank + 2)): the
 * first holds about a sixth of them */
static int pick_agency(void)
{
    static int total;
    if (!total)
        for (int i = 0; i < N(agencies); i++)
            total += 1000 / (i + 2);
    int x = rn(total);
    for (int i = 0; i < N(agencies); i++)
        if ((x -= 1000 / (i + 2)) < 0) return i + 1;
    return 1;
}

static record make_agency(arena *a, long long i, const char **created)
{
    record r = rec_new(a, &agency_entity);
    set(&r, "name_vi", agencies[i].vi);
    set(&r, "name_en", agencies[i].en);
    set(&r, "kind", agencies[i].kind);
    set(&r, "email", arena_printf(a, "vanphong%lld@kontum.gov.vn", i + 1));
    set(&r, "phone", arena_printf(a, "+84 260 3%02d %04d", rn(100), rn(10000)));
    set(&r, "notes", chance(50) ? "Đầu mối đối ngoại: phòng Tổng hợp." : NULL);
    *created = created_stamp(a, -2000 + (long)i);
    return r;
}

/* ---- delegations: start dates in id order over the last five years and the next one */

enum { PAST_DAYS = 1826, AHEAD_DAYS = 365 };

typedef struct {
    int start, end; /* days from today */
    long long partner;
    bool happened; /* under way, completed or reported: commitments may come from it */
} deleg_info;
static deleg_info *dinfo;
static long long ndeleg;

static const char *leaders_vi[] = {"Lãnh đạo Tỉnh ủy", "Lãnh đạo Ủy ban nhân dân tỉnh",
                                   "Lãnh đạo Hội đồng nhân dân tỉnh"};
static const char *deleg_titles[] = {"Chủ tịch", "Phó Chủ tịch", "Giám đốc",  "Phó Giám đốc",
                                     "Bí thư",   "Trưởng ban",   "Thống đốc", "Phó Thống đốc"};

static const char *wpick(const char *const *codes, const int *w, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    int x = rn(total);
    for (int i = 0; i < n; i++)
        if ((x -= w[i]) < 0) return codes[i];
    return codes[0];
}
#define WPICK(codes, w) wpick((codes), (w), N(codes))

static record make_delegation(arena *a, long long i, const char **created)
{
    record r = rec_new(a, &delegation_entity);
    deleg_info *d = &dinfo[i];
    /* the partner, and so the country */
    long long pid = chance(80) ? random_partner() : 0;
    const country_data *c = pid ? country_of_partner(pid) : pick_country();
    bool outbound = chance(45) && strcmp(c->code, "VN");
    int start = -PAST_DAYS + (int)((double)i * (PAST_DAYS + AHEAD_DAYS) / (double)ndeleg) + rn(5);
    if (start > AHEAD_DAYS) start = AHEAD_DAYS;
    int len = outbound ? 3 + rn(8) : 1 + rn(5);
    d->start = start;
    d->end = start + len - 1;
    d->partner = pid;
    static const char *levels[] = {"provincial", "department", "commune", "agency"};
    static const int level_w[] = {25, 45, 10, 20};
    static const char *channels[] = {"state", "people", "party"};
    static const int channel_w[] = {70, 20, 10};
    const char *level = WPICK(levels, level_w);
    int ar = rn(N(areas_vi));
    const char *who = !strcmp(level, "provincial") ? PICK(leaders_vi)
                      : !strcmp(level, "commune")
                          ? arena_printf(a, "Ủy ban nhân dân xã %s", PICK(vn_given_m))
                          : agencies[rn(N(agencies))].vi;
    if (outbound)
        set(&r, "title",
            arena_printf(a, "Đoàn %s thăm và làm việc tại %s về hợp tác %s (%d/%d)", who,
                         country_vi(c), areas_vi[ar], month_of(start), year_of(start)));
    else
        set(&r, "title",
            arena_printf(a, "Đoàn %s thăm và làm việc tại tỉnh về hợp tác %s (%d/%d)",
                         strcmp(c->code, "VN") ? country_vi(c) : "tổ chức quốc tế", areas_vi[ar],
                         month_of(start), year_of(start)));
    set(&r, "direction", outbound ? "outbound" : "inbound");
    set(&r, "level", level);
    set(&r, "channel", WPICK(channels, channel_w));
    set(&r, "fields", some_codes(a, cooperation_fields, 3));
    const char *head = outbound ? vn_name(a) : foreign_name(a, c);
    set(&r, "head", arena_printf(a, "%s, %s", head, PICK(deleg_titles)));
    if (chance(60)) {
        int k = 2 + rn(8);
        buf b = {0};
        buf_printf(&b, "Gồm %d thành viên: ", k + 1);
        for (int m = 0; m < (k < 4 ? k : 4); m++)
            buf_printf(&b, "%s%s", m ? ", " : "", outbound ? vn_name(a) : foreign_name(a, c));
        buf_puts(&b, k > 4 ? " và các thành viên khác." : ".");
        set(&r, "members", arena_strdup(a, buf_cstr(&b)));
        buf_free(&b);
    }
    if (pid) set(&r, "partner_ids", arena_printf(a, "%lld", pid));
    set(&r, "country", c->code);
    set(&r, "start_date", day(a, d->start));
    set(&r, "end_date", day(a, d->end));
    set(&r, "purpose",
        arena_printf(a, "Trao đổi, thúc đẩy hợp tác trong lĩnh vực %s; %s", areas_vi[ar],
                     chance(50) ? "rà soát kết quả thực hiện thoả thuận đã ký."
                                : "thống nhất kế hoạch hợp tác giai đoạn tiếp theo."));
    static const char *funding_out[] = {"state_budget", "mixed", "sponsor", "partner"};
    static const int funding_out_w[] = {70, 15, 10, 5};
    static const char *funding_in[] = {"partner", "state_budget", "mixed"};
    static const int funding_in_w[] = {70, 20, 10};
    const char *fund =
        outbound ? WPICK(funding_out, funding_out_w) : WPICK(funding_in, funding_in_w);
    set(&r, "funding", fund);
    if (strcmp(fund, "partner") && strcmp(fund, "sponsor"))
        set(&r, "budget", arena_printf(a, "%d000000", outbound ? 30 + rn(900) : 5 + rn(100)));
    /* the state follows the dates */
    const char *status;
    if (d->start > 0) { /* to come */
        int x = rn(100);
        status = x < 45 ? "proposed" : x < 95 ? "approved" : "cancelled";
    } else if (d->end >= 0) { /* under way today */
        status = chance(95) ? "under_way" : "approved";
    } else if (d->end >= -15) { /* just back */
        int x = rn(100);
        status = x < 60 ? "completed" : x < 85 ? "reported" : x < 95 ? "under_way" : "cancelled";
    } else { /* long over: a few reports are still missing (late) */
        int x = rn(1000);
        status = x < 920 ? "reported" : x < 945 ? "completed" : x < 950 ? "under_way" : "cancelled";
    }
    set(&r, "status", status);
    d->happened =
        !strcmp(status, "under_way") || !strcmp(status, "completed") || !strcmp(status, "reported");
    if (!strcmp(status, "reported")) {
        long rep = d->end + (chance(90) ? 2 + rn(13) : 16 + rn(45));
        if (rep > 0) rep = 0;
        set(&r, "report",
            arena_printf(a,
                         "Báo cáo số %d/BC-SNgV: đoàn đã làm việc với các đối tác của %s, "
                         "thống nhất các nội dung hợp tác về %s. Kiến nghị Ủy ban nhân dân "
                         "tỉnh giao các sở, ngành triển khai.",
                         100 + rn(900), country_vi(c), areas_vi[ar]));
        set(&r, "report_date", day(a, rep));
    }
    *created = created_stamp(a, d->start - 20 - rn(100));
    return r;
}

/* ---- agreements: signing dates in id order over fifteen years */

enum { AGREEMENT_YEARS = 15 };
typedef struct {
    int sig; /* days from today; 1 when not signed (a draft) */
    long long partner;
} agreement_info;
static agreement_info *ainfo;
static long long nagree;

static record make_agreement(arena *a, long long i, const char **created)
{
    record r = rec_new(a, &agreement_entity);
    int span = AGREEMENT_YEARS * 365;
    int sig = -span + (int)((double)i * span / (double)nagree) + rn(10);
    if (sig > 0) sig = 0;
    bool draft = chance(4);
    int np = chance(60) ? 1 : chance(75) ? 2 : 3;
    long long ids[3];
    for (int k = 0; k < np; k++) {
    again:
        ids[k] = random_partner();
        for (int j = 0; j < k; j++)
            if (ids[j] == ids[k]) goto again;
    }
    const country_data *c = country_of_partner(ids[0]);
    ainfo[i].sig = draft ? 1 : sig;
    ainfo[i].partner = ids[0];
    static const char *kinds_c[] = {"mou", "agreement", "plan", "minutes", "other"};
    static const int kinds_w[] = {45, 30, 12, 10, 3};
    static const char *kind_vi[] = {"Biên bản ghi nhớ", "Thoả thuận", "Kế hoạch",
                                    "Biên bản hội đàm", "Văn bản"};
    static const char *kind_en[] = {"Memorandum of understanding", "Agreement", "Plan",
                                    "Minutes of talks", "Document"};
    const char *kind = WPICK(kinds_c, kinds_w);
    int ki = 0;
    while (strcmp(kinds_c[ki], kind))
        ki++;
    int ar = rn(N(areas_vi));
    int y = year_of(draft ? 0 : sig);
    set(&r, "title_vi",
        arena_printf(a, "%s hợp tác về %s giữa Ủy ban nhân dân tỉnh và đối tác %s, giai đoạn %d–%d",
                     kind_vi[ki], areas_vi[ar], country_vi(c), y, y + 5));
    if (chance(80))
        set(&r, "title_en",
            arena_printf(a, "%s on cooperation in %s with a partner of %s, %d–%d", kind_en[ki],
                         areas_en[ar], country_en(c), y, y + 5));
    set(&r, "kind", kind);
    buf b = {0};
    for (int k = 0; k < np; k++)
        buf_printf(&b, "%s%lld", k ? "," : "", ids[k]);
    set(&r, "partner_ids", arena_strdup(a, buf_cstr(&b)));
    buf_free(&b);
    set(&r, "fields", some_codes(a, cooperation_fields, 3));
    static const char *renew[] = {"none", "automatic", "by_agreement"};
    static const int renew_w[] = {40, 30, 30};
    set(&r, "renewal", WPICK(renew, renew_w));
    if (!draft) {
        set(&r, "signed_date", day(a, sig));
        int ci = rn(count_nonnull(c->cities_vi, 5));
        set(&r, "place", chance(50) ? "Thành phố Kon Tum" : c->cities_vi[ci]);
        set(&r, "signatory_ours",
            arena_printf(a, "%s, %s Ủy ban nhân dân tỉnh", vn_name(a),
                         chance(40) ? "Chủ tịch" : "Phó Chủ tịch"));
        set(&r, "signatory_theirs",
            arena_printf(a, "%s, %s", foreign_name(a, c), PICK(deleg_titles)));
        int from = chance(70) ? sig : sig + 1 + rn(30);
        set(&r, "valid_from", day(a, from));
        int x = rn(100);
        if (x < 2) /* ends within the next 90 days, whatever the spread gives */
            set(&r, "valid_to", day(a, from > 0 ? from + 365 : rn(AGREEMENT_EXPIRING_DAYS)));
        else if (x < 88)
            set(&r, "valid_to", day(a, from + 365 * (1 + rn(10)) - 1));
        /* else: no end date */
        x = rn(1000);
        if (x < 40 && sig < -180) /* terminated early */
            set(&r, "terminated_date", day(a, sig + 180 + rn(-sig - 180 + 1)));
        else if (x < 45) /* termination notified, effective later */
            set(&r, "terminated_date", day(a, 1 + rn(90)));
    }
    set(&r, "notes", chance(70) ? notes(a, c, foreign_name(a, c)) : NULL);
    *created = created_stamp(a, draft ? -rn(365) : sig - 10 - rn(50));
    return r;
}

/* ---- commitments: deadlines in id order over the last five years and the next one */

static long long ncommit;

static const char *commit_verbs[] = {"Hoàn thiện hồ sơ dự án",
                                     "Báo cáo Ủy ban nhân dân tỉnh kết quả triển khai hợp tác",
                                     "Tổ chức đoàn khảo sát",
                                     "Xây dựng kế hoạch thực hiện",
                                     "Trao đổi thông tin, tài liệu về",
                                     "Phối hợp tổ chức hội thảo về",
                                     "Chuẩn bị nội dung ký kết về",
                                     "Bố trí kinh phí đối ứng cho",
                                     "Cử cán bộ tham gia khoá đào tạo về",
                                     "Rà soát, đề xuất danh mục dự án"};

static int find_delegation_before(int when) /* a delegation that ended shortly before */
{
    if (!ndeleg) return -1;
    long j = (long)(((double)when + PAST_DAYS) * (double)ndeleg / (PAST_DAYS + AHEAD_DAYS));
    j -= rn(200);
    for (int tries = 0; tries < 20 && j >= 0; tries++, j--)
        if (j < ndeleg && dinfo[j].happened && dinfo[j].end <= when) return (int)j;
    return -1;
}

static int find_agreement_before(int when) /* an agreement signed before */
{
    if (!nagree) return -1;
    int span = AGREEMENT_YEARS * 365;
    long j = (long)(((double)when + span) * (double)nagree / span);
    if (j >= nagree) j = nagree - 1;
    j -= rn(400);
    for (int tries = 0; tries < 20 && j >= 0; tries++, j--)
        if (ainfo[j].sig <= when) return (int)j;
    return -1;
}

static record make_commitment(arena *a, long long i, const char **created)
{
    record r = rec_new(a, &commitment_entity);
    int deadline =
        -PAST_DAYS + (int)((double)i * (PAST_DAYS + AHEAD_DAYS) / (double)ncommit) + rn(10);
    if (deadline > AHEAD_DAYS) deadline = AHEAD_DAYS;
    int made = deadline - 14 - rn(350);
    if (made > 0) made = -rn(30);
    long long pid = 0;
    const country_data *c = NULL;
    int x = rn(100), k;
    if (x < 60 && (k = find_delegation_before(made)) >= 0) {
        set(&r, "source", "delegation");
        set(&r, "delegation_id", arena_printf(a, "%d", k + 1));
        pid = dinfo[k].partner;
    } else if (x < 68 && entity_field_index(&commitment_entity, "agreement_id") >= 0 &&
               (k = find_agreement_before(made)) >= 0) {
        set(&r, "source", "agreement");
        set_opt(&r, "agreement_id", arena_printf(a, "%d", k + 1));
        pid = ainfo[k].partner;
    } else {
        set(&r, "source", "meeting");
        if (chance(40)) pid = random_partner();
        c = pid ? country_of_partner(pid) : pick_country();
        switch (rn(4)) {
        case 0:
            set(&r, "meeting",
                arena_printf(a, "Hội đàm với đoàn %s ngày %s", country_vi(c),
                             dmy(a, made - rn(20))));
            break;
        case 1:
            set(&r, "meeting",
                arena_printf(a, "Hội nghị giao ban công tác đối ngoại quý %d/%d", 1 + rn(4),
                             year_of(made)));
            break;
        case 2:
            set(&r, "meeting",
                arena_printf(a, "Buổi làm việc với Đại sứ quán %s ngày %s", country_vi(c),
                             dmy(a, made - rn(20))));
            break;
        default:
            set(&r, "meeting",
                arena_printf(a, "Cuộc họp Ban Chỉ đạo công tác biên giới tháng %d/%d", 1 + rn(12),
                             year_of(made)));
        }
    }
    if (pid) {
        set(&r, "partner_id", arena_printf(a, "%lld", pid));
        c = country_of_partner(pid);
    }
    if (!c) c = pick_country();
    set(&r, "title",
        arena_printf(a, "%s %s %s", PICK(commit_verbs), areas_vi[rn(N(areas_vi))],
                     chance(50) ? arena_printf(a, "tại huyện %s", PICK(vn_districts))
                                : arena_printf(a, "với đối tác %s", country_vi(c))));
    set(&r, "agency_id", arena_printf(a, "%d", pick_agency()));
    set(&r, "deadline", day(a, deadline));
    /* the state follows the deadline: a few thousand are overdue today */
    const char *status;
    x = rn(1000);
    if (deadline >= 0)
        status = x < 450 ? "open" : x < 900 ? "in_progress" : x < 980 ? "done" : "dropped";
    else if (deadline >= -365)
        status = x < 30 ? "open" : x < 80 ? "in_progress" : x < 950 ? "done" : "dropped";
    else
        status = x < 3 ? "open" : x < 7 ? "in_progress" : x < 950 ? "done" : "dropped";
    set(&r, "status", status);
    set(&r, "percent",
        !strcmp(status, "done")          ? "100"
        : !strcmp(status, "in_progress") ? arena_printf(a, "%d", 10 + 5 * rn(17))
        : !strcmp(status, "dropped")     ? arena_printf(a, "%d", 5 * rn(13))
                                         : "0");
    if (chance(30))
        set(&r, "notes",
            arena_printf(a, "Sở Ngoại vụ đôn đốc lần %d ngày %s.", 1 + rn(3),
                         dmy(a, made + rn(30))));
    *created = created_stamp(a, made);
    return r;
}

/* Loads n records made by make, in write transactions of tx_rows, with their search
 * entries; the last audit_tail get a "create" audit entry (the dashboard lists the newest
 * changes). */
static void load_dept(conn *c, const entity *e, long long n, int audit_tail,
                      record (*make)(arena *a, long long i, const char **created))
{
    int ti = entity_title_index(e);
    for (long long i = 0; i < n;) {
        if (store_begin(c)) die(c, "begin");
        long long end = i + tx_rows < n ? i + tx_rows : n;
        arena a = {0};
        for (; i < end; i++) {
            const char *created;
            record r = make(&a, i, &created);
            long long id;
            if (st_rec_insert(c, &r, created, &id)) die(c, e->table);
            r.id = id;
            if (st_search_put(c, e, id, r.v[ti], rec_search_body(&a, &r))) die(c, "search");
            if (i >= n - audit_tail) {
                json_t *j = rec_to_json(&r);
                char *js = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
                json_decref(j);
                if (st_audit_add(c, 0, "import", e->name, id, "create", NULL, js, created))
                    die(c, "audit");
                free(js);
            }
            if (i % 1000 == 999) {
                arena_free(&a);
                a = (arena){0};
            }
        }
        arena_free(&a);
        if (store_commit(c)) die(c, "commit");
    }
}

/* ---- the border: 20 gates, ten years of monthly trade figures per gate (one in ten
 * revised by a later report), 2,000 markers on 4 sections with 20,000 inspections, and
 * 100,000 incidents over ten years (70 % with coordinates). The store's summaries (a
 * marker's latest condition and date, a section's progress) are brought up to date once
 * after the load, as every write would keep them. */
enum { NGATES = 20, TRADE_YEARS = 10, NSECTIONS = 4 };
static long long nmarkers = 2000, ninspections = 20000, nincidents = 100000;
static long long gate_ids[NGATES], section_ids[NSECTIONS], category_ids[8];
static int ncategories;

static const char *coord(arena *a, double lo, double hi)
{
    return arena_printf(a, "%.4f", lo + (hi - lo) * (double)rn(100000) / 100000.0);
}

static record make_gate(arena *a, long long i, const char **created)
{
    static const char *classes[] = {"international", "main", "secondary", "crossing_point"};
    record r = rec_new(a, &gate_entity);
    set(&r, "name_vi", arena_printf(a, "Cửa khẩu thử nghiệm %lld", i + 1));
    set(&r, "name_en", arena_printf(a, "Test border gate %lld", i + 1));
    set(&r, "class", classes[i % 4]);
    set(&r, "state", i % 5 == 4 ? "planned" : "open");
    set(&r, "lat", coord(a, 14.2, 15.3));
    set(&r, "lon", coord(a, 107.35, 107.65));
    set(&r, "counterpart_country", i % 3 ? "LA" : "KH");
    *created = created_stamp(a, -3650);
    return r;
}

/* Figure i: gate i / (12 TRADE_YEARS), month i % (12 TRADE_YEARS) back from this one; a
 * revised month has its first report (revision 1, not latest) at the next index. */
static long long trade_slot(long long i, int *rev)
{
    long long per = 12 * TRADE_YEARS + 12 * TRADE_YEARS / 10; /* one in ten twice */
    long long k = i % per, g = i / per;
    long long m = k < 12 * TRADE_YEARS ? k : (k - 12 * TRADE_YEARS) * 10;
    *rev = k < 12 * TRADE_YEARS ? (m % 10 == 0 ? 2 : 1) : 1;
    return g * 12 * TRADE_YEARS + m;
}

static record make_trade(arena *a, long long i, const char **created)
{
    int rev;
    long long slot = trade_slot(i, &rev);
    long long g = slot / (12 * TRADE_YEARS), m = slot % (12 * TRADE_YEARS);
    bool first_of_two = i % (12 * TRADE_YEARS + 12 * TRADE_YEARS / 10) >= 12 * TRADE_YEARS;
    int y = year_of(0) - (int)(m / 12), mon = 1 + (int)(m % 12);
    record r = rec_new(a, &trade_report_entity);
    set(&r, "gate_id", arena_printf(a, "%lld", gate_ids[g]));
    set(&r, "period_kind", "month");
    set(&r, "period_start", arena_printf(a, "%04d-%02d-01", y, mon));
    set(&r, "currency", "USD");
    long ex = 200000 + rn(3000000), im = 100000 + rn(1500000), tr = chance(30) ? rn(400000) : 0;
    long total = ex + im + tr + (chance(8) ? 10000 + rn(500000) : 0); /* some do not add up */
    set(&r, "total", arena_printf(a, "%ld", total));
    set(&r, "exports", arena_printf(a, "%ld", ex));
    set(&r, "imports", arena_printf(a, "%ld", im));
    if (tr) set(&r, "transit", arena_printf(a, "%ld", tr));
    set(&r, "reported_on",
        arena_printf(a, "%04d-%02d-%02d", mon == 12 ? y + 1 : y, mon == 12 ? 1 : mon + 1,
                     first_of_two ? 10 : 25));
    set(&r, "revision", first_of_two ? "1" : rev == 2 ? "2" : "1");
    set(&r, "latest", first_of_two ? "0" : "1");
    trade_report_entity.compute(&trade_report_entity, &r, a);
    *created = created_stamp(a, -(long)m * 30);
    return r;
}

static record make_section(arena *a, long long i, const char **created)
{
    static const char *subs[] = {"LA-AT", "LA-XE", "KH-16", "KH-16"};
    record r = rec_new(a, &border_section_entity);
    set(&r, "name_vi", arena_printf(a, "Đoạn biên giới thử nghiệm %lld", i + 1));
    set(&r, "country", i < 2 ? "LA" : "KH");
    set(&r, "subdivision", subs[i]);
    set(&r, "markers_planned", arena_printf(a, "%lld", nmarkers / NSECTIONS + 20));
    *created = created_stamp(a, -3650);
    return r;
}

static record make_marker(arena *a, long long i, const char **created)
{
    static const char *mkinds[] = {"main", "main", "secondary", "reference"};
    record r = rec_new(a, &marker_entity);
    double t = (double)i / (double)nmarkers; /* south to north along the border */
    set(&r, "number", arena_printf(a, "%lld", 500 + i));
    set(&r, "section_id", arena_printf(a, "%lld", section_ids[i * NSECTIONS / nmarkers]));
    set(&r, "kind", mkinds[i % 4]);
    set(&r, "lat", arena_printf(a, "%.4f", 14.25 + t * 0.95));
    set(&r, "lon", coord(a, 107.40, 107.60));
    if (!chance(3)) set(&r, "planted_on", day(a, -2000 - rn(3000)));
    *created = created_stamp(a, -3650);
    return r;
}

static record make_inspection(arena *a, long long i, const char **created)
{
    static const char *conds[] = {"damaged", "displaced", "lost"};
    long long per = ninspections / nmarkers > 0 ? ninspections / nmarkers : 1;
    long long mk = i / per % nmarkers, k = i % per;
    long back = (long)(per - k) * 150 + rn(60); /* every five months or so, the last recent */
    if (mk % 25 == 3) back += 400;              /* some left uninspected for long */
    record r = rec_new(a, &marker_inspection_entity);
    set(&r, "title", "Kiểm tra định kỳ");
    set(&r, "marker_id", arena_printf(a, "%lld", mk + 1));
    set(&r, "date", day(a, -back));
    set(&r, "condition", chance(4) ? conds[rn(3)] : "good");
    set(&r, "team", "Tổ tuần tra Đồn Biên phòng");
    *created = created_stamp(a, -back);
    return r;
}

static record make_incident(arena *a, long long i, const char **created)
{
    long back = (long)((nincidents - 1 - i) * 3650 / nincidents); /* in date order */
    record r = rec_new(a, &incident_entity);
    set(&r, "title", arena_printf(a, "Vụ việc thử nghiệm số %lld", i + 1));
    set(&r, "category_id", arena_printf(a, "%lld", category_ids[rn(ncategories)]));
    set(&r, "date", day(a, -back));
    set(&r, "status",
        back > 120  ? (chance(90) ? "closed" : "resolved")
        : back > 30 ? (chance(50) ? "resolved" : "joint")
                    : (chance(50) ? "joint" : "reported"));
    if (chance(70)) {
        set(&r, "lat", coord(a, 14.25, 15.2));
        set(&r, "lon", coord(a, 107.42, 107.62));
    }
    set(&r, "other_country", chance(60) ? "LA" : "KH");
    set(&r, "description", "Tổ tuần tra phát hiện và lập biên bản (dữ liệu thử nghiệm).");
    set(&r, "agency_id", arena_printf(a, "%d", 1 + rn(5)));
    *created = created_stamp(a, -back);
    return r;
}

static void load_border(conn *c)
{
    arena a = {0};
    list_query q = {.sort = -1, .limit = 8};
    record *rows;
    int n = 0;
    if (st_rec_list(c, &a, &incident_category_entity, &q, &rows, &n) || n < 1)
        die(c, "the incident categories");
    for (int i = 0; i < n; i++)
        category_ids[i] = rows[i].id;
    ncategories = n;
    load_dept(c, &gate_entity, NGATES, 0, make_gate);
    for (int i = 0; i < NGATES; i++)
        gate_ids[i] = i + 1;
    load_dept(c, &trade_report_entity, NGATES * (12 * TRADE_YEARS + 12 * TRADE_YEARS / 10), 0,
              make_trade);
    load_dept(c, &border_section_entity, NSECTIONS, 0, make_section);
    for (int i = 0; i < NSECTIONS; i++)
        section_ids[i] = i + 1;
    load_dept(c, &marker_entity, nmarkers, 0, make_marker);
    load_dept(c, &marker_inspection_entity, ninspections, 0, make_inspection);
    load_dept(c, &incident_entity, nincidents, 100, make_incident);
    /* what the store keeps from other records, as each write would have kept it */
    if (store_begin(c)) die(c, "begin");
    const entity *es[] = {&marker_entity, &border_section_entity};
    long long counts[] = {nmarkers, NSECTIONS};
    for (int k = 0; k < 2; k++)
        for (long long id = 1; id <= counts[k]; id++)
            for (int f = 0; f < es[k]->nfields; f++)
                if (es[k]->fields[f].summary && st_summary_refresh(c, es[k], f, id))
                    die(c, "summary");
    if (store_commit(c)) die(c, "commit");
    arena_free(&a);
}

/* ---- aid and investment: 50,000 projects and leads over ten years in every stage (one in
 * five approved, running or closed: the 10,000 activities of the IATI export), each with
 * one or two DAC sectors summing to 100, a funding partner and ten years of amounts (in USD
 * or EUR at a rate): 500,000 amounts. A project's sums are written with it, as the store's
 * summaries would keep them. */
static long long nprojects = 50000;
enum { PROJECT_YEARS = 10 };

/* Project j's year k (0 = ten years back): committed and disbursed, in its currency. */
static void amount_of(long long j, int k, long *committed, long *disbursed)
{
    uint64_t h = (uint64_t)j * 2654435761u + (uint64_t)k * 40503u;
    *committed = 20000 + (long)(h % 480000);
    *disbursed = (long)((h / 7) % 100) < 70 ? *committed * (long)(40 + (h / 11) % 60) / 100 : 0;
}

static bool project_eur(long long j)
{
    return j % 4 == 1;
}

static record make_project(arena *a, long long j, const char **created)
{
    static const char *stages[] = {"idea",      "contacted", "negotiating", "file_submitted",
                                   "appraised", "approved",  "running",     "closed",
                                   "dropped",   "idea"};
    static const char *kinds_p[] = {"ngo_project",  "ngo_programme", "ngo_nonproject", "oda",
                                    "io_programme", "fdi_lead",      "promotion"};
    /* two in ten approved, running or closed: 5, 6, 7 of every ten, but 5 only every other */
    int st = (int)(j % 10);
    if (st == 5 && j % 20 >= 10) st = 4;
    if (st == 7 && j % 20 >= 10) st = 8; /* 10,000 of the 50,000 published */
    long back = (long)((nprojects - 1 - j) * 3650 / nprojects);
    record r = rec_new(a, &project_entity);
    set(&r, "code", arena_printf(a, "BENCH-%06lld", j + 1));
    set(&r, "title_vi", arena_printf(a, "Dự án thử nghiệm số %lld", j + 1));
    set(&r, "title_en", arena_printf(a, "Test project %lld", j + 1));
    set(&r, "kind", kinds_p[j % 7]);
    set(&r, "stage", stages[st]);
    set(&r, "description_vi", "Dự án thử nghiệm của bộ đo hiệu năng.");
    set(&r, "description_en", "A test project of the benchmark.");
    set(&r, "agency_id", arena_printf(a, "%d", 1 + rn(N(agencies))));
    set(&r, "currency", project_eur(j) ? "EUR" : "USD");
    set(&r, "opened_on", day(a, -back - 30));
    set(&r, "planned_start", day(a, -back + 60));
    if (st >= 3 && st <= 7) set(&r, "file_complete", day(a, -back));
    if (st >= 5 && st <= 7) {
        set(&r, "approved_on", day(a, -back + 10 > 0 ? 0 : -back + 10));
        set(&r, "notified_on", day(a, -back + 12 > 0 ? 0 : -back + 12));
    }
    long start = -back + 40 > 0 ? 0 : -back + 40, end = -back / 4;
    if (end < start) end = start;
    if (end > 0) end = 0;
    if (st >= 6 && st <= 7) set(&r, "actual_start", day(a, start));
    if (st == 7) set(&r, "actual_end", day(a, end));
    if (st == 7 && chance(60)) set(&r, "closing_report_on", day(a, end / 2));
    if (st == 6) set(&r, "annual_report_year", arena_printf(a, "%d", year_of(0) - 1 - rn(2)));
    set(&r, "last_contact", day(a, -(long)rn(120)));
    set(&r, "sector_total", "100");
    set(&r, "iati_id", arena_printf(a, "XI-IATI-BENCH-BENCH-%06lld", j + 1));
    double cu = 0, du = 0, rate = project_eur(j) ? 1.08 : 1;
    for (int k = 0; k < PROJECT_YEARS; k++) {
        long c, d;
        amount_of(j, k, &c, &d);
        cu += (double)c * rate, du += (double)d * rate;
    }
    set(&r, "committed_usd", arena_printf(a, "%.2f", cu));
    set(&r, "disbursed_usd", arena_printf(a, "%.2f", du));
    *created = created_stamp(a, -back - 30);
    return r;
}

static const char *const bench_sectors[] = {"12220", "11220", "14031", "31120", "43040",
                                            "15150", "21020", "12240", "33210", "16010"};

/* two rows for every other project: its sectors (60 % and 40 %, or 100 %) */
static record make_project_sector(arena *a, long long i, const char **created)
{
    /* rows 3m and 3m+1 are project 2m's, row 3m+2 is project 2m+1's */
    long long j = i / 3 * 2 + (i % 3 == 2);
    int second = (int)(i % 3 == 1);
    record r = rec_new(a, &project_sector_entity);
    set(&r, "project_id", arena_printf(a, "%lld", j + 1));
    set(&r, "sector", bench_sectors[(j + second * 3) % 10]);
    set(&r, "percent", i % 3 == 2 ? "100" : second ? "40" : "60");
    *created = created_stamp(a, -10);
    return r;
}

static record make_project_partner(arena *a, long long j, const char **created)
{
    record r = rec_new(a, &project_partner_entity);
    set(&r, "project_id", arena_printf(a, "%lld", j + 1));
    long long np = npartners_made > 1000 ? 1000 : npartners_made;
    set(&r, "partner_id", arena_printf(a, "%lld", 1 + (long long)rn((int)np)));
    set(&r, "role", "1");
    *created = created_stamp(a, -10);
    return r;
}

static record make_project_amount(arena *a, long long i, const char **created)
{
    long long j = i / PROJECT_YEARS;
    int k = (int)(i % PROJECT_YEARS);
    long c, d;
    amount_of(j, k, &c, &d);
    record r = rec_new(a, &project_amount_entity);
    set(&r, "project_id", arena_printf(a, "%lld", j + 1));
    set(&r, "year", arena_printf(a, "%d", year_of(0) - (PROJECT_YEARS - 1) + k));
    set(&r, "currency", project_eur(j) ? "EUR" : "USD");
    set(&r, "committed", arena_printf(a, "%ld", c));
    if (d) set(&r, "disbursed", arena_printf(a, "%ld", d));
    if (project_eur(j)) set(&r, "rate_usd", "1.08");
    set(&r, "rate_vnd", project_eur(j) ? "27600" : "25400");
    int y = year_of(0) - (PROJECT_YEARS - 1) + k;
    set(&r, "rate_date", y < year_of(0) ? arena_printf(a, "%d-12-31", y) : day(a, -1));
    project_amount_entity.compute(&project_amount_entity, &r, a);
    *created = created_stamp(a, -10);
    return r;
}

static void load_aid(conn *c)
{
    load_dept(c, &project_entity, nprojects, 100, make_project);
    load_dept(c, &project_sector_entity, nprojects / 2 * 3, 0, make_project_sector);
    load_dept(c, &project_partner_entity, nprojects, 0, make_project_partner);
    load_dept(c, &project_amount_entity, nprojects * PROJECT_YEARS, 0, make_project_amount);
    if (store_begin(c) || st_setting_set(c, "province.iati_org", "XI-IATI-BENCH") ||
        st_setting_set(c, "province.dept_vi", "Sở Ngoại vụ (thử nghiệm)") || store_commit(c))
        die(c, "the IATI identifier");
}

/* ---- the bulletin: 20 issues, 2,000 articles published over two years (a third also in
 * English), of about 3 kB of Markdown each, and 20,000 approved comments. */
static long long narticles = 2000, ncomments = 20000;
enum { NISSUES = 20 };

static const char *para_vi[] = {
    "Trong khuôn khổ chương trình hợp tác, hai tỉnh đã trao đổi kinh nghiệm về quản lý biên "
    "giới, phát triển thương mại qua cửa khẩu và đào tạo nguồn nhân lực.",
    "Đoàn đã thăm một số dự án đầu tư, làm việc với các sở, ngành và doanh nghiệp về khả năng "
    "mở rộng hợp tác trong lĩnh vực nông nghiệp, du lịch và logistics.",
    "Hai bên thống nhất tăng cường trao đổi đoàn các cấp, phối hợp chặt chẽ trong công tác "
    "bảo đảm an ninh trật tự khu vực biên giới và phòng chống dịch bệnh.",
    "Sở Ngoại vụ sẽ tiếp tục tham mưu Ủy ban nhân dân tỉnh cụ thể hóa các nội dung đã ký kết, "
    "đôn đốc các cơ quan liên quan triển khai đúng tiến độ.",
};

static record make_issue(arena *a, long long i, const char **created)
{
    record r = rec_new(a, &bulletin_issue_entity);
    set(&r, "number", arena_printf(a, "%lld", i + 1));
    set(&r, "published_on", day(a, -(long)(NISSUES - i) * 36));
    bulletin_issue_entity.compute(&bulletin_issue_entity, &r, a);
    *created = created_stamp(a, -(long)(NISSUES - i) * 36);
    return r;
}

static record make_article(arena *a, long long i, const char **created)
{
    record r = rec_new(a, &article_entity);
    long back = (long)((narticles - 1 - i) * 730 / narticles);
    set(&r, "title_vi",
        arena_printf(a, "Hợp tác với tỉnh bạn: bài số %lld về %s", i + 1,
                     areas_vi[i % (sizeof areas_vi / sizeof *areas_vi)]));
    set(&r, "slug", arena_printf(a, "bai-viet-%lld", i + 1));
    set(&r, "category_id", arena_printf(a, "%lld", 1 + i % 4));
    if (i >= narticles - NISSUES * 10)
        set(&r, "issue_id", arena_printf(a, "%lld", 1 + (i - (narticles - NISSUES * 10)) / 10));
    set(&r, "tags", "hợp tác, biên giới, Lào");
    set(&r, "summary_vi", para_vi[i % 4]);
    buf b = {0};
    buf_printf(&b, "## Nội dung chính\n\n");
    for (int k = 0; k < 12; k++)
        buf_printf(&b, "%s%s\n\n", k % 5 == 4 ? "- " : "", para_vi[(i + k) % 4]);
    buf_printf(&b, "> Tình hữu nghị đặc biệt là tài sản vô giá của hai dân tộc.\n");
    set(&r, "body_vi", arena_strdup(a, buf_cstr(&b)));
    buf_free(&b);
    if (i % 3 == 0) {
        set(&r, "title_en", arena_printf(a, "Cooperation with our partners: article %lld", i + 1));
        set(&r, "body_en",
            "The two provinces agreed to strengthen exchanges of delegations at "
            "every level and to work together on border security.\n");
    }
    set(&r, "status", "published");
    set(&r, "publish_at", arena_printf(a, "%s 08:00", day(a, -back)));
    *created = created_stamp(a, -back);
    return r;
}

static record make_comment(arena *a, long long i, const char **created)
{
    record r = rec_new(a, &comment_entity);
    set(&r, "article_id", arena_printf(a, "%lld", 1 + i % narticles));
    set(&r, "name", vn_name(a));
    set(&r, "email", arena_printf(a, "ban-doc-%lld@example.org", i));
    set(&r, "body", "Bài viết rất bổ ích, cảm ơn Ban biên tập.");
    set(&r, "has_links", "0");
    set(&r, "status", "approved");
    *created = created_stamp(a, -1);
    return r;
}

static void load_bulletin(conn *c)
{
    load_dept(c, &bulletin_issue_entity, NISSUES, 0, make_issue);
    load_dept(c, &article_entity, narticles, 20, make_article);
    load_dept(c, &comment_entity, ncomments, 0, make_comment);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench-gen DB USER PASSWORD [PARTNERS [CONTACTS [DELEGATIONS "
                        "[AGREEMENTS [COMMITMENTS]]]]]\n");
        return 2;
    }
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    log_set_quiet(1);
    if (auth_init()) die(NULL, "libsodium");
    const char *db = argv[1], *user = argv[2], *pw = argv[3];
    long long np = argc > 4 ? atoll(argv[4]) : 100000, nc = argc > 5 ? atoll(argv[5]) : 300000;
    ndeleg = argc > 6 ? atoll(argv[6]) : 20000;
    nagree = argc > 7 ? atoll(argv[7]) : 5000;
    ncommit = argc > 8 ? atoll(argv[8]) : 200000;
    if (np < 1 || nc < 0 || ndeleg < 0 || nagree < 0 || ncommit < 0) die(NULL, "bad counts");
    char today[11];
    clock_today(today);
    struct tm tm = {0};
    strptime(today, "%Y-%m-%d", &tm);
    today_t = timegm(&tm);
    partner_country = calloc((size_t)np + 1, 1);
    dinfo = calloc((size_t)ndeleg + 1, sizeof *dinfo);
    ainfo = calloc((size_t)nagree + 1, sizeof *ainfo);
    if (!partner_country || !dinfo || !ainfo) abort();
    npartners_made = np;
    if (store_is_postgres(db)) { /* an empty database, made by the caller */
        tx_rows = 1000;
    } else { /* a fresh file */
        char path[4096];
        unlink(db);
        snprintf(path, sizeof path, "%s-wal", db);
        unlink(path);
        snprintf(path, sizeof path, "%s-shm", db);
        unlink(path);
    }
    store *st;
    char err[512];
    if (app_open(db, true, 2, &st, err, sizeof err)) {
        fprintf(stderr, "bench-gen: %s\n", err);
        return 1;
    }
    conn *c = store_acquire(st);
    nameset ns = {.cap = 1u << 18};
    ns.slot = calloc(ns.cap, sizeof *ns.slot);
    if (!ns.slot) abort();
    load(c, &partner_entity, np, np, &ns);
    load(c, &contact_entity, nc, np, &ns);
    load_dept(c, &agency_entity, N(agencies), 0, make_agency);
    load_dept(c, &delegation_entity, ndeleg, 300, make_delegation);
    load_dept(c, &agreement_entity, nagree, 100, make_agreement);
    load_dept(c, &commitment_entity, ncommit, 300, make_commitment);
    load_border(c);
    load_aid(c);
    load_bulletin(c);
    if (auth_user_add(c, user, "officer", pw, "Benchmark", err, sizeof err)) {
        fprintf(stderr, "bench-gen: %s\n", err);
        return 1;
    }
    for (size_t i = 0; i < ns.cap; i++)
        free(ns.slot[i]);
    free(ns.slot);
    if (st_analyze(c)) die(c, "analyze"); /* statistics, as after any bulk load */
    store_release(st, c);
    app_close(st);
    printf("bench-gen: %s: %lld partners, %lld contacts, %d agencies, %lld delegations, "
           "%lld agreements, %lld commitments, %d gates with %d years of monthly trade, %lld "
           "markers, %lld inspections, %lld incidents, %lld projects with %lld amounts, %lld "
           "articles with %lld comments (today %s), user %s\n",
           db, np, nc, N(agencies), ndeleg, nagree, ncommit, NGATES, TRADE_YEARS, nmarkers,
           ninspections, nincidents, nprojects, nprojects * PROJECT_YEARS, narticles, ncomments,
           today, user);
    return 0;
}
