/* bench-gen: a benchmark database. 100,000 partners and 300,000 contacts with realistic,
 * varied names (Vietnamese with diacritics, Lao, Khmer, Thai, Korean, Japanese, Chinese,
 * French, English, German, Russian), countries weighted as a provincial Department of
 * Foreign Affairs would see them, subdivisions valid for their country, notes, contacts
 * linked to partners; plus a user for the API.
 *
 *   bench-gen DB USER PASSWORD [PARTNERS [CONTACTS]]
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

#include "base/log.h"
#include "base/text.h"
#include "domain/app.h"
#include "domain/auth.h"
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
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},   {"Phạm", 70},   {"Hoàng", 51}, {"Huỳnh", 35},
    {"Phan", 45},    {"Vũ", 39},    {"Võ", 30},   {"Đặng", 21},   {"Bùi", 20},   {"Đỗ", 14},
    {"Hồ", 13},      {"Ngô", 13},   {"Dương", 10}, {"Lý", 5},     {"Đinh", 6},   {"Trịnh", 5},
    {"Đoàn", 4},     {"Lâm", 4},    {"Mai", 3},   {"Trương", 3},  {"Cao", 3},    {"Tạ", 2},
    {"Y", 1},        {"A", 1},      {"Siu", 1},   {"Rơ Chăm", 1}, {"Ksor", 1},
};
static const char *vn_middle_m[] = {"Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh",
                                    "Công", "Xuân", "Trọng", "Ngọc", "Anh", "Đình", "Quang"};
static const char *vn_middle_f[] = {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng",
                                    "Kim", "Phương", "Bích", "Khánh", "Diệu", "Mỹ"};
static const char *vn_given_m[] = {"An",   "Bình", "Cường", "Dũng",  "Đạt",   "Hải",   "Hiếu",
                                   "Hòa",  "Hùng", "Huy",   "Khánh", "Khoa",  "Kiên",  "Lâm",
                                   "Long", "Minh", "Nam",   "Nghĩa", "Phong", "Phúc",  "Quân",
                                   "Sơn",  "Tài",  "Thắng", "Thành", "Tiến",  "Toàn",  "Trung",
                                   "Tuấn", "Tùng", "Việt",  "Vinh",  "Vũ",    "Hưng",  "Lộc"};
static const char *vn_given_f[] = {"Anh",   "Bích", "Chi",  "Dung",  "Giang", "Hà",   "Hạnh",
                                   "Hằng",  "Hiền", "Hoa",  "Hương", "Huyền", "Lan",  "Liên",
                                   "Linh",  "Loan", "Mai",  "My",    "Nga",   "Ngân", "Nhung",
                                   "Oanh",  "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thủy",
                                   "Trang", "Trâm", "Uyên", "Vân",   "Vy",    "Xuân", "Yến"};

static const char *pick_w(const wstr *a, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) total += a[i].w;
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
    const char *dial;                 /* calling code */
    const char *tld;
    const char *lang;                 /* language code of the contacts field */
    const char *given[12], *family[12]; /* personal names in Latin letters */
    const char *native[8];            /* a few words in the native script */
    const char *cities_vi[5], *cities_en[5];
    const char *brand[20];            /* syllables for company and place names */
} country_data;

static const country_data countries[] = {
    {"LA", 24, "+856", "la", "lo",
     {"Bounmy", "Khamphou", "Somsack", "Phonesavanh", "Vilayvanh", "Souksavath", "Bounthanh",
      "Chanthala", "Keo", "Noy", "Sengdao", "Thongsouk"},
     {"Phommachanh", "Sisavath", "Vongsa", "Inthavong", "Keomany", "Sayavong", "Phanthavong",
      "Souvannavong", "Chanthavong", "Xaysana", "Luangrath", "Sihalath"},
     {"ແຂວງ", "ເມືອງ", "ບໍລິສັດ", "ພະແນກ", "ການຕ່າງປະເທດ", "ສະມາຄົມ", "ຈຳກັດ", "ລາວ"},
     {"Viêng Chăn", "Luông Pha-bang", "Pắc-xế", "Sa-vẳn-na-khẹt", "Sê Kông"},
     {"Vientiane", "Luang Prabang", "Pakse", "Savannakhet", "Sekong"},
     {"Xay", "Phon", "Sanh", "Kham", "Thong", "Vong", "Sen", "Boua", "Don", "Lao", "Champa", "Nong", "Phou", "Houay", "Sai", "Mai", "Dao", "Khong", "Souk", "Vilay"}},
    {"KH", 14, "+855", "kh", "km",
     {"Sok", "Dara", "Vannak", "Sophal", "Chenda", "Bopha", "Rithy", "Sothea", "Kosal", "Malis",
      "Pisey", "Visal"},
     {"Chan", "Sok", "Kim", "Heng", "Ly", "Meas", "Chea", "Phan", "Sum", "Touch", "Prak",
      "Keo"},
     {"ខេត្ត", "ស្រុក", "ក្រុមហ៊ុន", "មន្ទីរ", "ការបរទេស", "សមាគម", "កម្ពុជា", "ខ្មែរ"},
     {"Phnôm Pênh", "Xiêm Riệp", "Ba-tam-boong", "Ban Lung", "Stung Treng"},
     {"Phnom Penh", "Siem Reap", "Battambang", "Banlung", "Stung Treng"},
     {"Ang", "Kor", "Srey", "Preah", "Kampong", "Toul", "Chey", "Reach", "Mekong", "Sambo", "Angkor", "Bayon", "Sovann", "Roung", "Phnom", "Tonle", "Vimean", "Meas", "Rith", "Neak"}},
    {"TH", 10, "+66", "th", "th",
     {"Somchai", "Somsak", "Suda", "Kanya", "Niran", "Pranee", "Anan", "Wichai", "Malee",
      "Chaiya", "Siriporn", "Thana"},
     {"Srisuk", "Saetang", "Wongsawat", "Chaiyaporn", "Rattanakorn", "Boonmee", "Kittisak",
      "Sukhum", "Thongchai", "Phromma", "Inthira", "Jaidee"},
     {"จังหวัด", "อำเภอ", "บริษัท", "สำนักงาน", "การต่างประเทศ", "สมาคม", "จำกัด", "ไทย"},
     {"Băng Cốc", "Khon Kaen", "Ubon Ratchathani", "Chiang Mai", "Nakhon Phanom"},
     {"Bangkok", "Khon Kaen", "Ubon Ratchathani", "Chiang Mai", "Nakhon Phanom"},
     {"Siam", "Thai", "Rung", "Charoen", "Sawas", "Mongkol", "Chok", "Prasert", "Udom",
      "Kasem", "Somboon", "Thawee", "Wattana", "Pattana", "Isan", "Nakhon", "Lanna", "Suwan", "Sakon", "Phanom"}},
    {"KR", 12, "+82", "kr", "ko",
     {"Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yoon", "Soo-ah", "Jae-won", "Eun-ji",
      "Hyun-woo", "Ji-min", "Sung-ho", "Yeon-woo"},
     {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh"},
     {"경상북도", "시청", "주식회사", "국제교류", "협회", "재단", "한국", "대학교"},
     {"Xơ-un", "Bu-san", "Dae-gu", "Incheon", "Gyeongju"},
     {"Seoul", "Busan", "Daegu", "Incheon", "Gyeongju"},
     {"Han", "Dae", "Sung", "Hyun", "Jin", "Woo", "Kwang", "Dong", "Hana", "Mir", "Sam", "Il", "Seo", "Nam", "Baek", "Chung", "Yong", "Hwa", "San", "Gang"}},
    {"JP", 10, "+81", "jp", "ja",
     {"Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Takumi", "Sakura", "Kenji", "Yuki",
      "Hiroshi", "Emi"},
     {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
      "Kobayashi", "Kato", "Yoshida", "Yamada"},
     {"県庁", "株式会社", "国際交流", "協会", "財団", "日本", "大学", "市役所"},
     {"Tô-ky-ô", "Ô-xa-ca", "Fukuoka", "Nagoya", "Sapporo"},
     {"Tokyo", "Osaka", "Fukuoka", "Nagoya", "Sapporo"},
     {"Sakura", "Fuji", "Nippon", "Asahi", "Yama", "Kawa", "Taiyo", "Hikari", "Midori",
      "Tomo", "Kaze", "Hoshi", "Sora", "Mori", "Umi", "Shin", "Toyo", "Kita", "Minami", "Aoba"}},
    {"CN", 6, "+86", "cn", "zh",
     {"Wei", "Fang", "Lei", "Jing", "Hao", "Min", "Jun", "Li", "Qiang", "Yan", "Tao", "Xin"},
     {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
      "Sun"},
     {"云南省", "广西", "有限公司", "外事办公室", "协会", "中国", "大学", "人民政府"},
     {"Bắc Kinh", "Côn Minh", "Nam Ninh", "Quảng Châu", "Thượng Hải"},
     {"Beijing", "Kunming", "Nanning", "Guangzhou", "Shanghai"},
     {"Hua", "Zhong", "Xin", "Tian", "Long", "Feng", "Jin", "Hong", "Da", "Kang", "Yun", "Hai", "Shan", "Ming", "Hui", "Tai", "Sheng", "Fu", "Guang", "An"}},
    {"FR", 5, "+33", "fr", "fr",
     {"Jean", "François", "Hélène", "Amélie", "Étienne", "Cécile", "Jérôme", "Chloé", "Benoît",
      "Léa", "Mathéo", "Noémie"},
     {"Dupont", "Lefèvre", "Girard", "Moreau", "Lambert", "Rousseau", "Fontaine", "Mercier",
      "Chevalier", "Bélanger", "Leroy", "Faure"},
     {"Région", "Département", "Société", "Association", "Fondation", "Université", "Mairie",
      "Coopération"},
     {"Pa-ri", "Lyon", "Marseille", "Toulouse", "Bordeaux"},
     {"Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux"},
     {"Lumière", "Avenir", "Horizon", "Étoile", "Rivière", "Soleil", "Vallée", "Alliance",
      "Équinoxe", "Océan", "Provence", "Garonne", "Loire", "Azur", "Vercors", "Mistral", "Lys", "Bretagne", "Cévennes", "Aurore"}},
    {"US", 5, "+1", "org", "en",
     {"John", "Mary", "Michael", "Jennifer", "David", "Sarah", "James", "Emily", "Robert",
      "Jessica", "William", "Ashley"},
     {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
      "Taylor", "Thomas", "Moore"},
     {NULL},
     {"Oa-sinh-tơn", "New York", "San Francisco", "Houston", "Seattle"},
     {"Washington", "New York", "San Francisco", "Houston", "Seattle"},
     {"Pacific", "Liberty", "Summit", "Eagle", "Pioneer", "Frontier", "Harbor", "Keystone",
      "Evergreen", "Atlas", "Granite", "Prairie", "Cascade", "Heritage", "Meridian", "Beacon", "Redwood", "Lakeshore", "Union", "Sierra"}},
    {"AU", 4, "+61", "au", "en",
     {"Jack", "Olivia", "Thomas", "Charlotte", "Liam", "Mia", "Noah", "Amelia", "Oliver",
      "Isla", "Lachlan", "Chloe"},
     {"Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson", "Martin",
      "White", "Anderson", "Walker"},
     {NULL},
     {"Can-bê-ra", "Sydney", "Melbourne", "Brisbane", "Perth"},
     {"Canberra", "Sydney", "Melbourne", "Brisbane", "Perth"},
     {"Southern", "Coral", "Outback", "Wattle", "Banksia", "Reef", "Harbour", "Bluegum",
      "Murray", "Kimberley", "Eucalypt", "Tasman", "Gold Coast", "Kakadu", "Sunburnt", "Jacaranda", "Darling", "Kookaburra", "Uluru", "Mallee"}},
    {"DE", 2, "+49", "de", "de",
     {"Jürgen", "Jörg", "Anna", "Lukas", "Sophie", "Maximilian", "Hannah", "Felix", "Lena",
      "Tobias", "Käthe", "Jonas"},
     {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
      "Schäfer", "Koch", "Bauer", "Günther"},
     {NULL},
     {"Béc-lin", "Frankfurt", "Hamburg", "München", "Köln"},
     {"Berlin", "Frankfurt", "Hamburg", "Munich", "Cologne"},
     {"Nord", "Rhein", "Stern", "Brücke", "Wald", "Licht", "Berg", "Tal", "Grün", "Sonne", "Elbe", "Main", "Weser", "Adler", "Fels", "Quelle", "Hafen", "Mühle", "Linde", "Eiche"}},
    {"RU", 2, "+7", "ru", "ru",
     {"Ivan", "Dmitry", "Olga", "Natalia", "Sergey", "Anna", "Alexei", "Elena", "Mikhail",
      "Irina", "Nikolai", "Tatiana"},
     {"Petrov", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov",
      "Novikov", "Morozov", "Volkov", "Pavlov"},
     {"Администрация", "Общество", "Компания", "Фонд", "Университет", "Россия", "Дружба",
      "Сотрудничество"},
     {"Mát-xcơ-va", "Xanh Pê-téc-bua", "Vla-đi-vô-xtốc", "Nô-vô-xi-biếc", "Ka-dan"},
     {"Moscow", "Saint Petersburg", "Vladivostok", "Novosibirsk", "Kazan"},
     {"Volga", "Sever", "Ural", "Baikal", "Neva", "Sibir", "Zvezda", "Druzhba", "Rus",
      "Vostok", "Yug", "Zapad", "Svet", "Mir", "Kedr", "Amur", "Taiga", "Lena", "Altai", "Don"}},
    {"VN", 6, "+84", "vn", "vi",
     {NULL},
     {NULL},
     {NULL},
     {"Hà Nội", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Kon Tum", "Pleiku"},
     {"Hanoi", "Da Nang", "Ho Chi Minh City", "Kon Tum", "Pleiku"},
     {"Việt", "Hưng", "Thịnh", "Phát", "Minh", "Tân", "Thành", "Đại", "Phú", "An", "Hoàng", "Long", "Sao", "Nam", "Bắc", "Quang", "Trường", "Bình", "Gia", "Khang"}},
};

static const country_data *pick_country(void)
{
    int total = 0;
    for (int i = 0; i < N(countries); i++) total += countries[i].weight;
    int x = rn(total);
    for (int i = 0; i < N(countries); i++)
        if ((x -= countries[i].weight) < 0) return &countries[i];
    return &countries[0];
}

static int count_nonnull(const char *const *a, int n)
{
    int k = 0;
    while (k < n && a[k]) k++;
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
    while (o > f && o[-1] == sep) o--;
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

static const char *areas_vi[] = {"giáo dục", "y tế", "nông nghiệp", "nước sạch", "du lịch",
                                 "thương mại", "giao thông", "văn hóa", "lao động",
                                 "phòng chống thiên tai", "biên giới", "đầu tư", "môi trường",
                                 "phát triển nông thôn", "đào tạo nghề"};
static const char *areas_en[] = {"Education", "Health", "Agriculture", "Clean Water",
                                 "Tourism", "Trade", "Transport", "Culture", "Labour",
                                 "Disaster Preparedness", "Border Affairs", "Investment",
                                 "Environment", "Rural Development", "Vocational Training"};
static const char *vn_districts[] = {"Đắk Glei", "Ngọc Hồi", "Đắk Tô", "Kon Plông", "Kon Rẫy",
                                     "Đắk Hà", "Sa Thầy", "Tu Mơ Rông", "Ia H'Drai",
                                     "Đăk Pék", "Plei Kần", "Bờ Y"};
static const char *titles_vi[] = {
    "Giám đốc", "Phó Giám đốc", "Trưởng phòng Hợp tác quốc tế", "Chuyên viên", "Tổng Lãnh sự",
    "Lãnh sự", "Bí thư thứ nhất", "Tham tán", "Trưởng đại diện", "Điều phối viên dự án",
    "Chủ tịch Hội người Việt", "Phó Chủ tịch tỉnh", "Chánh Văn phòng", "Thư ký", "Phiên dịch viên",
    "Trưởng ban Đối ngoại", "Giám đốc quốc gia", "Cán bộ chương trình"};

static char *notes(arena *a, const country_data *c, const char *who)
{
    if (chance(20)) return NULL;
    buf b = {0};
    int k = 1 + rn(3);
    for (int i = 0; i < k; i++) {
        int y = 2012 + rn(14);
        if (i) buf_putc(&b, ' ');
        switch (rn(8)) {
        case 0: buf_printf(&b, "Biên bản ghi nhớ hợp tác ký năm %d.", y); break;
        case 1:
            buf_printf(&b, "Đã tiếp đoàn công tác tháng %d/%d tại %s.", 1 + rn(12), y,
                       PICKN(countries[N(countries) - 1].cities_vi));
            break;
        case 2: buf_printf(&b, "Đầu mối: %s, %s.", who, PICK(titles_vi)); break;
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
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
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

static const wstr kinds[] = {{"locality", 38}, {"company", 33}, {"ngo", 17}, {"intl_org", 5},
                             {"other", 5},     {"embassy", 1},  {"mission", 1}};
static const char *areas_cap_vi[] = {"Giáo dục", "Y tế", "Nông nghiệp", "Nước sạch", "Du lịch",
                                     "Thương mại", "Giao thông", "Văn hóa", "Lao động",
                                     "Phòng chống thiên tai", "Biên giới", "Đầu tư", "Môi trường",
                                     "Phát triển nông thôn", "Đào tạo nghề"};
static const char *intl_short[] = {"UNICEF", "UNDP", "WHO", "FAO", "ADB", "WB", "JICA", "KOICA",
                                   "IOM", "AFD"};
static const char *intl_orgs_vi[] = {"Quỹ Nhi đồng Liên hợp quốc (UNICEF)",
                                     "Chương trình Phát triển Liên hợp quốc (UNDP)",
                                     "Tổ chức Y tế Thế giới (WHO)",
                                     "Tổ chức Lương thực và Nông nghiệp (FAO)",
                                     "Ngân hàng Phát triển châu Á (ADB)", "Ngân hàng Thế giới",
                                     "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)",
                                     "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)",
                                     "Tổ chức Di cư Quốc tế (IOM)", "Cơ quan Phát triển Pháp (AFD)"};
static const char *intl_orgs_en[] = {"United Nations Children's Fund (UNICEF)",
                                     "United Nations Development Programme (UNDP)",
                                     "World Health Organization (WHO)",
                                     "Food and Agriculture Organization (FAO)",
                                     "Asian Development Bank (ADB)", "World Bank",
                                     "Japan International Cooperation Agency (JICA)",
                                     "Korea International Cooperation Agency (KOICA)",
                                     "International Organization for Migration (IOM)",
                                     "French Development Agency (AFD)"};
static const char *loc_units_vi[] = {"Tỉnh", "Sở Ngoại vụ tỉnh", "Ủy ban nhân dân tỉnh",
                                     "Sở Kế hoạch và Đầu tư tỉnh", "Sở Giáo dục tỉnh",
                                     "Sở Y tế tỉnh", "Văn phòng Thống đốc tỉnh",
                                     "Sở Nông nghiệp tỉnh", "Sở Văn hóa và Du lịch tỉnh"};
static const char *loc_units_en[] = {"Province", "Department of Foreign Affairs",
                                     "Provincial People's Committee",
                                     "Department of Planning and Investment",
                                     "Department of Education", "Department of Health",
                                     "Governor's Office", "Department of Agriculture",
                                     "Department of Culture and Tourism"};
static const char *industries_vi[] = {"Thương mại", "Xây dựng", "Vận tải", "Cà phê",
                                      "Cao su", "Năng lượng", "Dược phẩm", "Du lịch",
                                      "Nông sản", "Điện tử", "Khai khoáng", "Dệt may"};
static const char *industries_en[] = {"Trading", "Construction", "Logistics", "Coffee",
                                      "Rubber", "Energy", "Pharmaceuticals", "Tourism",
                                      "Agricultural Products", "Electronics", "Mining",
                                      "Textiles"};

static void set(record *r, const char *name, const char *v)
{
    int i = entity_field_index(r->e, name);
    if (i < 0) {
        fprintf(stderr, "bench-gen: no field %s in %s\n", name, r->e->name);
        exit(1);
    }
    r->v[i] = v;
}

static record make_partner(arena *a, nameset *ns, long long id)
{
    record r = rec_new(a, &partner_entity);
    const country_data *c = pick_country();
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
    for (int k = 1; k < syl; k++) brand = arena_printf(a, "%s %s", brand, PICKN(c->brand));
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
        vi = arena_printf(a, "%s Việt Nam tại %s",
                          chance(40) ? "Đại sứ quán" : "Tổng Lãnh sự quán", city_vi);
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
        vi = arena_printf(a, "Công ty %s %s %s", jsc ? "Cổ phần" : "TNHH", industries_vi[in], brand);
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
    /* the name must be unique: a second office of the same name is numbered */
    if (!nameset_add(ns, vi)) {
        for (int k = 2;; k++) {
            const char *v2 = arena_printf(a, "%s (văn phòng %d)", vi, k);
            if (nameset_add(ns, v2)) {
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
    if (site || chance(50)) set(&r, "website", site ? site : arena_printf(a, "https://www.%s/", dom));
    if (chance(60)) set(&r, "email", arena_printf(a, "%s@%s", chance(50) ? "info" : "contact", dom));
    if (chance(60)) set(&r, "phone", phone(a, c));
    set(&r, "notes", notes(a, c, who));
    return r;
}

/* ---- contacts */

static const char *lang_order[] = {"vi", "en", "lo", "km", "th", "ko", "ja", "zh", "fr", "ru",
                                   "de"};

static record make_contact(arena *a, long long npartners, long long id)
{
    record r = rec_new(a, &contact_entity);
    const country_data *c = pick_country();
    bool overseas = strcmp(c->code, "VN") && chance(15);
    bool vietnamese = overseas || !strcmp(c->code, "VN") || chance(15);
    char *name = vietnamese ? vn_name(a) : foreign_name(a, c);
    set(&r, "full_name", name);
    if (!vietnamese && chance(40)) set(&r, "name_native", native_words(a, c));
    if (chance(85)) set(&r, "partner_id", arena_printf(a, "%lld", 1 + (long long)(rnd() % (uint64_t)npartners)));
    set(&r, "title", chance(80) ? PICK(titles_vi) : NULL);
    if (chance(70)) set(&r, "phone", phone(a, c));
    if (chance(60))
        set(&r, "email", arena_printf(a, "%s%lld@example.%s", slug(a, name, '.'), id % 1000, c->tld));
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

enum { TX_ROWS = 50000 };

static void load(conn *c, const entity *e, long long n, long long npartners, nameset *ns)
{
    int ti = entity_title_index(e);
    for (long long i = 0; i < n;) {
        if (store_begin(c)) die(c, "begin");
        long long end = i + TX_ROWS < n ? i + TX_ROWS : n;
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

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench-gen DB USER PASSWORD [PARTNERS [CONTACTS]]\n");
        return 2;
    }
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    log_set_quiet(1);
    if (auth_init()) die(NULL, "libsodium");
    const char *db = argv[1], *user = argv[2], *pw = argv[3];
    long long np = argc > 4 ? atoll(argv[4]) : 100000, nc = argc > 5 ? atoll(argv[5]) : 300000;
    if (np < 1 || nc < 0) die(NULL, "bad counts");
    char path[4096];
    unlink(db);
    snprintf(path, sizeof path, "%s-wal", db);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", db);
    unlink(path);
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
    if (auth_user_add(c, user, "officer", pw, "Benchmark", err, sizeof err)) {
        fprintf(stderr, "bench-gen: %s\n", err);
        return 1;
    }
    for (size_t i = 0; i < ns.cap; i++) free(ns.slot[i]);
    free(ns.slot);
    store_release(st, c);
    app_close(st);
    printf("bench-gen: %s: %lld partners, %lld contacts, user %s\n", db, np, nc, user);
    return 0;
}
