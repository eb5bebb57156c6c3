/* The demo data set: real reference data from the domain brief, and several years of activity
 * (2019 to today) generated deterministically from tables of the real partner provinces,
 * agencies and the kinds of delegations, agreements and commitments the department handles.
 *
 * The home province is data like any other. Kon Tum (VN-28) was merged into Quảng Ngãi (VN-29)
 * on 1 July 2025 (Resolution 202/2025/QH15): the profile is Quảng Ngãi's, which kept Kon Tum's
 * partners and border, and records dated before the merger carry the names of their time
 * ("Đoàn công tác tỉnh Kon Tum ...", an MoU "giữa tỉnh Kon Tum và tỉnh Attapeu" of 2019).
 *
 * Every workflow state fits its dates: a delegation of 2021 is reported (its report filed days
 * after its end), one next month approved or proposed; a commitment whose deadline passed is
 * done, except the few kept overdue on purpose. What is near today is written out by hand so
 * that the dashboard's figures are fixed: 3 overdue commitments, 3 late delegation reports,
 * 2 delegations in the next 30 days (the browser tests read them). */
#include "demo.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"
#include "../base/text.h"

#include "app.h"
#include "commitment.h"
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

/* ---- dates ---- */

/* "YYYY-MM-DD" offset by days, in the arena. */
static const char *shift(ctx *x, const char *date, int offset)
{
    struct tm tm = {0};
    strptime(date, "%Y-%m-%d", &tm);
    time_t t = timegm(&tm) + (time_t)offset * 86400;
    gmtime_r(&t, &tm);
    char out[11];
    strftime(out, sizeof out, "%Y-%m-%d", &tm);
    return arena_strdup(x->a, out);
}

/* The merger of Kon Tum into Quảng Ngãi took effect on this day. */
#define MERGER_DATE "2025-07-01"

/* The home province's name on a date: records keep the names of their time. */
static const char *province_on(const char *date)
{
    return strcmp(date, MERGER_DATE) < 0 ? "Kon Tum" : "Quảng Ngãi";
}

/* t with "{T}" replaced by the province's name on date and "{Y}", "{Y+1}" by years. */
static const char *fill(ctx *x, const char *t, const char *date)
{
    if (!t) return NULL;
    buf b = {0};
    int year = atoi(date);
    for (const char *p = t; *p;) {
        if (!strncmp(p, "{T}", 3)) {
            buf_printf(&b, "%s", province_on(date));
            p += 3;
        } else if (!strncmp(p, "{Y}", 3)) {
            buf_printf(&b, "%d", year);
            p += 3;
        } else if (!strncmp(p, "{Y+1}", 5)) {
            buf_printf(&b, "%d", year + 1);
            p += 5;
        } else {
            buf_printf(&b, "%c", *p++);
        }
    }
    const char *out = arena_strdup(x->a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* A small deterministic generator (xorshift32): the same demo on every run. */
static uint32_t rnd_state = 2019;
static uint32_t rnd(void)
{
    uint32_t v = rnd_state;
    v ^= v << 13;
    v ^= v >> 17;
    v ^= v << 5;
    return rnd_state = v;
}
static int rnd_in(int lo, int hi) /* lo..hi inclusive */
{
    return lo + (int)(rnd() % (uint32_t)(hi - lo + 1));
}

/* Takes one workflow step as a leader would, on the given day: clock_today() answers that day
 * while the step runs (so a report filed in 2021 carries its date of 2021). A day after the real
 * today is never used. */
static int step_on(ctx *leader, const entity *e, long long id, const char *to, const char *note,
                   const char *on, const char *today, char *err, size_t errlen)
{
    const char *was = getenv("NGOAIVU_TODAY");
    char saved[16] = "";
    if (was) snprintf(saved, sizeof saved, "%s", was);
    bool set = on && strcmp(on, today) < 0;
    if (set) setenv("NGOAIVU_TODAY", on, 1);
    record out;
    verrs ve = {0};
    rstatus rc = rec_transition(leader, e, id, to, note, &out, &ve);
    if (set) {
        if (was)
            setenv("NGOAIVU_TODAY", saved, 1);
        else
            unsetenv("NGOAIVU_TODAY");
    }
    if (rc != RS_OK) {
        snprintf(err, errlen, "demo %s %lld: step to %s refused (%d%s%s)", e->name, id, to, rc,
                 ve.n ? ", field " : "", ve.n ? ve.e[0].field : "");
        return -1;
    }
    return 0;
}

static int create(ctx *x, record *r, char *err, size_t errlen);

/* ---- agencies ---- */

static const struct {
    const char *name_vi, *name_en, *kind;
} agencies[] = {
    {"Sở Y tế", "Department of Health", "health"},
    {"Sở Giáo dục và Đào tạo", "Department of Education and Training", "education"},
    {"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Provincial Border Guard Command", "border_guard"},
    {"Chi cục Hải quan cửa khẩu quốc tế Bờ Y", "Bo Y International Border Gate Customs", "customs"},
    {"Sở Công Thương", "Department of Industry and Trade", "industry_trade"},
    {"Sở Tài chính", "Department of Finance", "planning"},
    {"Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment", "agriculture"},
    {"Sở Văn hoá, Thể thao và Du lịch", "Department of Culture, Sports and Tourism", "culture"},
    {"Công an tỉnh", "Provincial Police", "police"},
    {"Đồn Biên phòng Cửa khẩu quốc tế Bờ Y", "Bo Y International Border Gate Border Guard Station",
     "border_guard"},
    {"Đồn Biên phòng Đăk Long", "Dak Long Border Guard Station", "border_guard"},
};
enum {
    AG_HEALTH,
    AG_EDU,
    AG_BORDER,
    AG_CUSTOMS,
    AG_TRADE,
    AG_FINANCE,
    AG_AGRI,
    AG_CULTURE,
    AG_POLICE,
    AG_BP_BOY,
    AG_BP_DAKLONG
};

/* ---- border gates: the pairs of the former Kon Tum (domain.md); coordinates only where
 * they are known roughly, and said to be so ---- */

static const struct {
    const char *name_vi, *name_en, *klass, *state, *commune, *lat, *lon;
    const char *cp_name, *cp_country, *cp_sub, *notes;
    int agency; /* -1: none */
} gates[] = {
    {"Cửa khẩu quốc tế Bờ Y", "Bo Y International Border Gate", "international", "open", "Bờ Y",
     "14.72", "107.56", "Phou Keua", "LA", "LA-AT",
     "Cặp cửa khẩu quốc tế Bờ Y – Phou Keua (Attapeu, Lào). Toạ độ gần đúng.", AG_CUSTOMS},
    {"Cửa khẩu Đăk Long", "Dak Long Border Gate", "secondary", "open", NULL, NULL, NULL, "Văn Tắt",
     "LA", "LA-AT", "Đang đề nghị nâng cấp lên cửa khẩu chính (song phương).", -1},
    {"Cửa khẩu Đăk Blô", "Dak Blo Border Gate", "secondary", "open", NULL, NULL, NULL, "Dak Bar",
     "LA", "LA-XE", "Đang đề nghị nâng cấp lên cửa khẩu chính (song phương).", -1},
    {"Cửa khẩu Đăk Kôi", "Dak Koi Border Gate", "secondary", "planned", NULL, NULL, NULL,
     "Kon Tuy Neak", "KH", "KH-16", "Cặp cửa khẩu phụ dự kiến mở giai đoạn 2024–2030.", -1},
    {"Cửa khẩu Hồ Le", "Ho Le Border Gate", "secondary", "planned", NULL, NULL, NULL,
     "Đồn Biên phòng 505", "KH", "KH-16", "Cặp cửa khẩu phụ dự kiến mở giai đoạn 2024–2030.", -1},
};

static int demo_gates(ctx *x, const long long *ag, long long *gid, int *n, char *err, size_t errlen)
{
    verrs ve = {0};
    for (size_t i = 0; i < sizeof gates / sizeof gates[0]; i++) {
        record r = rec_new(x->a, &gate_entity);
        rec_set(&r, "name_vi", gates[i].name_vi, &ve);
        rec_set(&r, "name_en", gates[i].name_en, &ve);
        rec_set(&r, "class", gates[i].klass, &ve);
        rec_set(&r, "state", gates[i].state, &ve);
        rec_set(&r, "commune", gates[i].commune, &ve);
        rec_set(&r, "lat", gates[i].lat, &ve);
        rec_set(&r, "lon", gates[i].lon, &ve);
        rec_set(&r, "counterpart_name", gates[i].cp_name, &ve);
        rec_set(&r, "counterpart_country", gates[i].cp_country, &ve);
        rec_set(&r, "counterpart_subdivision", gates[i].cp_sub, &ve);
        rec_set(&r, "notes", gates[i].notes, &ve);
        if (gates[i].agency >= 0)
            rec_set(&r, "agency_id", arena_printf(x->a, "%lld", ag[gates[i].agency]), &ve);
        if (create(x, &r, err, errlen)) return -1;
        gid[i] = r.id;
        (*n)++;
    }
    return 0;
}

/* The plans of the pairs to upgrade or open, with milestones (days from today; done: days
 * from today, or 0: not done), some of them late. Decisions are not named: the demo does
 * not invent documents. */
static const struct {
    int gate;
    const char *title, *kind, *from, *to, *year;
} plans[] = {
    {1, "Nâng cấp cặp cửa khẩu Đăk Long – Văn Tắt lên cửa khẩu chính", "upgrade", "secondary",
     "main", "2027"},
    {2, "Nâng cấp cặp cửa khẩu Đăk Blô – Dak Bar lên cửa khẩu chính", "upgrade", "secondary",
     "main", "2028"},
    {3, "Mở cặp cửa khẩu phụ Đăk Kôi – Kon Tuy Neak", "open", NULL, "secondary", "2030"},
    {4, "Mở cặp cửa khẩu phụ Hồ Le – Đồn Biên phòng 505", "open", NULL, "secondary", "2030"},
};
static const struct {
    int plan;
    const char *title;
    int due, done, agency;
} milestones[] = {
    {0, "Khảo sát địa điểm, lập hồ sơ đề nghị nâng cấp", -420, -400, AG_BORDER},
    {0, "Trình các bộ, ngành trung ương thẩm định hồ sơ", -60, 0, AG_TRADE},
    {0, "Đầu tư hạ tầng khu kiểm soát liên hợp", 300, 0, AG_FINANCE},
    {1, "Hoàn thiện hồ sơ nâng cấp, gửi Bộ Ngoại giao", 45, 0, AG_TRADE},
    {1, "Thống nhất với tỉnh Sê Kông về thời điểm công bố", 240, 0, AG_BORDER},
    {2, "Thống nhất với tỉnh Ratanakiri về địa điểm mở cửa khẩu", -20, 0, AG_BORDER},
    {2, "Lập quy hoạch chi tiết khu cửa khẩu", 200, 0, AG_AGRI},
    {3, "Khảo sát chung với phía Campuchia", 120, 0, AG_BORDER},
};

/* The plan's progress log (days from today). */
static const struct {
    int plan, day;
    const char *text;
} plan_updates[] = {
    {0, -400, "Hoàn thành khảo sát địa điểm cùng Bộ đội Biên phòng tỉnh"},
    {0, -150, "Họp với tỉnh Attapeu thống nhất nội dung hồ sơ nâng cấp"},
    {0, -30, "Bộ Công Thương đề nghị bổ sung số liệu lưu lượng hàng hoá"},
    {2, -10, "Phía Campuchia đề nghị lùi thời gian khảo sát chung"},
};

static int demo_gate_plans(ctx *x, const long long *gid, const long long *ag, const char *today,
                           int *n, char *err, size_t errlen)
{
    verrs ve = {0};
    long long pid[sizeof plans / sizeof plans[0]];
    for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
        record r = rec_new(x->a, &gate_plan_entity);
        rec_set(&r, "title", plans[i].title, &ve);
        rec_set(&r, "gate_id", arena_printf(x->a, "%lld", gid[plans[i].gate]), &ve);
        rec_set(&r, "kind", plans[i].kind, &ve);
        rec_set(&r, "from_class", plans[i].from, &ve);
        rec_set(&r, "to_class", plans[i].to, &ve);
        rec_set(&r, "target_year", plans[i].year, &ve);
        if (create(x, &r, err, errlen)) return -1;
        pid[i] = r.id;
        (*n)++;
    }
    for (size_t i = 0; i < sizeof milestones / sizeof milestones[0]; i++) {
        record r = rec_new(x->a, &gate_milestone_entity);
        rec_set(&r, "title", milestones[i].title, &ve);
        rec_set(&r, "plan_id", arena_printf(x->a, "%lld", pid[milestones[i].plan]), &ve);
        rec_set(&r, "target_date", shift(x, today, milestones[i].due), &ve);
        rec_set(&r, "agency_id", arena_printf(x->a, "%lld", ag[milestones[i].agency]), &ve);
        if (milestones[i].done) rec_set(&r, "done_date", shift(x, today, milestones[i].done), &ve);
        if (create(x, &r, err, errlen)) return -1;
        (*n)++;
    }
    for (size_t i = 0; i < sizeof plan_updates / sizeof plan_updates[0]; i++) {
        record r = rec_new(x->a, &gate_plan_update_entity);
        rec_set(&r, "plan_id", arena_printf(x->a, "%lld", pid[plan_updates[i].plan]), &ve);
        rec_set(&r, "date", shift(x, today, plan_updates[i].day), &ve);
        rec_set(&r, "text", plan_updates[i].text, &ve);
        if (create(x, &r, err, errlen)) return -1;
        (*n)++;
    }
    return 0;
}

/* ---- border sections, markers and their inspections, incidents. The counts of the former
 * Kon Tum's section with Laos are public (domain.md: 65 positions, 81 markers, numbers 760-792
 * on the Attapeu part); how they divide between the Attapeu and Sekong parts, the Cambodian
 * section's figures (about 84 % demarcated), every inspection and every incident are
 * illustrative, and say so. The markers lie on the border line of data/borders-area.tsv
 * (Natural Earth), between the waypoints below. */

static const struct {
    const char *name_vi, *name_en, *country, *sub, *km;
    int first, positions, markers, planted; /* numbers first.., doubles fill up to markers */
    double way[8][2];                       /* lat, lon along the line; {0,0} ends */
    int agency;
} sections[] = {
    {"Việt Nam – Lào, đoạn tiếp giáp tỉnh Attapeu",
     "Vietnam – Laos, Attapeu section",
     "LA",
     "LA-AT",
     "62",
     760,
     33,
     45,
     45,
     {{14.7182, 107.5205},
      {14.7587, 107.5097},
      {14.8178, 107.4989},
      {14.8871, 107.5565},
      {14.9563, 107.4629},
      {15.0120, 107.4449},
      {15.0441, 107.5025},
      {0, 0}},
     AG_BP_BOY},
    {"Việt Nam – Lào, đoạn tiếp giáp tỉnh Sê Kông",
     "Vietnam – Laos, Sekong section",
     "LA",
     "LA-XE",
     "80",
     728,
     32,
     36,
     36,
     {{15.0508, 107.5349},
      {15.0694, 107.5889},
      {15.1201, 107.6069},
      {15.1876, 107.6249},
      {15.1994, 107.6537},
      {0, 0}},
     AG_BP_DAKLONG},
    {"Việt Nam – Campuchia, đoạn tiếp giáp tỉnh Ratanakiri",
     "Vietnam – Cambodia, Ratanakiri section",
     "KH",
     "KH-16",
     "138",
     1,
     50,
     50,
     42,
     {{14.6777, 107.5313},
      {14.5865, 107.5025},
      {14.5291, 107.4989},
      {14.4497, 107.4665},
      {14.4294, 107.3945},
      {14.3602, 107.3585},
      {14.2741, 107.3621},
      {0, 0}},
     AG_BP_BOY},
};

/* The point a fraction t (0..1) along a section's waypoints. */
static void along(int s, double t, double *lat, double *lon)
{
    int n = 0;
    while (n < 8 && sections[s].way[n][0] != 0)
        n++;
    double pos = t * (n - 1);
    int i = (int)pos < n - 1 ? (int)pos : n - 2;
    double f = pos - i;
    *lat = sections[s].way[i][0] + f * (sections[s].way[i + 1][0] - sections[s].way[i][0]);
    *lon = sections[s].way[i][1] + f * (sections[s].way[i + 1][1] - sections[s].way[i][1]);
}

static const char *const inspection_teams[] = {
    "Tổ tuần tra Đồn Biên phòng",
    "Tổ công tác liên hợp kiểm tra mốc giới hai bên",
    "Tổ tuần tra song phương với lực lượng bảo vệ biên giới phía bạn",
};

static int demo_markers(ctx *x, const long long *ag, const char *today, long long *first_marker,
                        int *n, char *err, size_t errlen)
{
    verrs ve = {0};
    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
        record r = rec_new(x->a, &border_section_entity);
        rec_set(&r, "name_vi", sections[s].name_vi, &ve);
        rec_set(&r, "name_en", sections[s].name_en, &ve);
        rec_set(&r, "country", sections[s].country, &ve);
        rec_set(&r, "subdivision", sections[s].sub, &ve);
        rec_set(&r, "length_km", sections[s].km, &ve);
        rec_set(&r, "positions_planned", arena_printf(x->a, "%d", sections[s].positions), &ve);
        rec_set(&r, "markers_planned", arena_printf(x->a, "%d", sections[s].markers), &ve);
        rec_set(&r, "notes",
                s < 2 ? "Tổng đoạn Việt Nam – Lào của tỉnh Kon Tum cũ: 65 vị trí, 81 cột mốc "
                        "(chương trình tăng dày và tôn tạo mốc 2008–2014). Cách chia giữa hai "
                        "đoạn là minh hoạ (dữ liệu mẫu)."
                      : "Khoảng 84 % đường biên đã phân giới, cắm mốc. Số liệu minh hoạ (dữ liệu "
                        "mẫu).",
                &ve);
        if (create(x, &r, err, errlen)) return -1;
        (*n)++;
        int doubles = sections[s].markers - sections[s].positions, made = 0;
        for (int p = 0; p < sections[s].positions; p++) {
            /* the doubles (a river's two banks) at every other position from the first */
            int k = p % 2 == 0 && p / 2 < doubles ? 2 : 1;
            for (int m = 0; m < k; m++, made++) {
                bool planted = made < sections[s].planted;
                double lat, lon;
                along((int)s, (p + 0.5) / sections[s].positions, &lat, &lon);
                record mk = rec_new(x->a, &marker_entity);
                rec_set(&mk, "number",
                        k > 1 ? arena_printf(x->a, "%d(%d)", sections[s].first + p, m + 1)
                              : arena_printf(x->a, "%d", sections[s].first + p),
                        &ve);
                rec_set(&mk, "section_id", arena_printf(x->a, "%lld", r.id), &ve);
                rec_set(&mk, "kind", m ? "secondary" : "main", &ve);
                rec_set(&mk, "lat", arena_printf(x->a, "%.4f", lat + m * 0.0008), &ve);
                rec_set(&mk, "lon", arena_printf(x->a, "%.4f", lon + m * 0.0008), &ve);
                rec_set(&mk, "agency_id", arena_printf(x->a, "%lld", ag[sections[s].agency]), &ve);
                if (planted)
                    rec_set(&mk, "planted_on",
                            arena_printf(x->a, "%d-%02d-%02d", s < 2 ? 2009 + p % 6 : 2016 + p % 8,
                                         1 + p % 12, 1 + p % 27),
                            &ve);
                else
                    rec_set(&mk, "note", "Vị trí mốc đã thống nhất, chưa cắm (dữ liệu mẫu).", &ve);
                if (create(x, &mk, err, errlen)) return -1;
                (*n)++;
                if (!*first_marker) *first_marker = mk.id;
                if (!planted) continue;
                /* one to three inspections; a few markers left uninspected for long, three
                 * found damaged, displaced or lost on their latest visit */
                int visits = made % 17 == 5 ? 1 : rnd_in(1, 3);
                int back = made % 17 == 5 ? rnd_in(400, 700) : rnd_in(20, 300);
                for (int v = 0; v < visits; v++) {
                    record in = rec_new(x->a, &marker_inspection_entity);
                    const char *day = shift(x, today, -(back + (visits - 1 - v) * 120));
                    const char *cond = "good";
                    if (v == visits - 1 && s == 0 && p == 7) cond = "damaged";
                    if (v == visits - 1 && s == 1 && p == 12) cond = "displaced";
                    if (v == visits - 1 && s == 2 && p == 20) cond = "lost";
                    rec_set(&in, "title",
                            arena_printf(x->a, "Kiểm tra định kỳ quý %d/%.4s",
                                         (atoi(day + 5) + 2) / 3, day),
                            &ve);
                    rec_set(&in, "marker_id", arena_printf(x->a, "%lld", mk.id), &ve);
                    rec_set(&in, "date", day, &ve);
                    rec_set(&in, "condition", cond, &ve);
                    rec_set(&in, "team", inspection_teams[rnd_in(0, 2)], &ve);
                    if (strcmp(cond, "good"))
                        rec_set(&in, "note",
                                !strcmp(cond, "damaged")
                                    ? "Cột mốc bị nứt chân đế do sạt lở; đề nghị phía bạn phối hợp "
                                      "tu sửa (dữ liệu mẫu)."
                                : !strcmp(cond, "displaced")
                                    ? "Cột mốc bị xê dịch khoảng 2 m do lũ (dữ liệu mẫu)."
                                    : "Không tìm thấy cột mốc tại vị trí; đã báo cáo Bộ Chỉ huy "
                                      "(dữ liệu mẫu).",
                                &ve);
                    if (create(x, &in, err, errlen)) return -1;
                    (*n)++;
                }
            }
        }
    }
    return 0;
}

static const struct {
    int category; /* 0..4 in the order seeded */
    int days_ago;
    const char *title, *commune, *country, *sub, *description, *people, *goods;
    int people_count, gate,
        marker;        /* gate: index in gates, -1; marker: offset from the first, -1 */
    const char *state; /* as far as it got */
    int agency;
} incidents[] = {
    {0, 420, "Bắt giữ đối tượng vận chuyển ma túy tổng hợp qua đường mòn", "Bờ Y", "LA", "LA-AT",
     "Tổ tuần tra phát hiện hai đối tượng mang theo ma túy tổng hợp qua đường mòn gần mốc 768.",
     "2 người quốc tịch Lào", "1.200 viên ma túy tổng hợp", 2, -1, 12, "closed", AG_BP_BOY},
    {1, 300, "Thu giữ pháo nổ vận chuyển qua cửa khẩu dịp cận Tết", "Bờ Y", "LA", "LA-AT",
     "Phát hiện pháo nổ giấu trong hàng nông sản tại khu vực kiểm soát cửa khẩu.", "1 lái xe",
     "45 kg pháo nổ", 1, 0, -1, "resolved", AG_BP_BOY},
    {2, 200, "Vận chuyển hàng hoá không khai báo hải quan", "Bờ Y", "LA", "LA-AT",
     "Xe tải chở gỗ và nông sản không có tờ khai, khai sai số lượng.", "2 người",
     "3 tấn nông sản, 2 m³ gỗ", 2, 0, -1, "joint", AG_BP_BOY},
    {3, 150, "Nhóm hộ dân di cư tự do sang địa bàn phía bạn", "Đăk Long", "LA", "LA-AT",
     "Ba hộ dân tự ý sang phía Lào làm nương rẫy và lưu trú, không đăng ký.", "3 hộ, 11 người",
     NULL, 11, 1, -1, "joint", AG_BP_DAKLONG},
    {4, 100, "Canh tác lấn sang lãnh thổ phía bạn gần mốc 775", "Bờ Y", "LA", "LA-AT",
     "Một số hộ phát rẫy vượt đường biên khoảng 50 m.", "4 hộ", NULL, 4, -1, 26, "reported",
     AG_BP_BOY},
    {0, 60, "Phát hiện đối tượng tàng trữ ma túy tại khu vực biên giới", "Mô Rai", "KH", "KH-16",
     "Đối tượng người Campuchia mang theo heroin khi qua lại biên giới.", "1 người",
     "0,2 kg heroin", 1, -1, 90, "reported", AG_BP_BOY},
    {2, 40, "Buôn lậu gia súc qua đường mòn", "Đăk Dục", "LA", "LA-XE",
     "Đàn trâu bò không kiểm dịch được đưa qua đường mòn.", "3 người", "17 con trâu, bò", 3, 2, -1,
     "reported", AG_BP_DAKLONG},
    {3, 20, "Công dân phía bạn sang làm thuê không giấy tờ", "Mô Rai", "KH", "KH-16",
     "Năm công dân Campuchia sang làm thuê tại nông trường cao su không có giấy tờ.", "5 người",
     NULL, 5, -1, 100, "joint", AG_BP_BOY},
};

static const struct {
    int incident, days_after;
    const char *text;
    bool meeting; /* dealt with in the quarterly border meeting (a delegation) */
} incident_actions[] = {
    {0, 0, "Lập biên bản, tạm giữ đối tượng và tang vật", false},
    {0, 5, "Thông báo cho lực lượng bảo vệ biên giới tỉnh Attapeu", false},
    {0, 40, "Trao đổi tại cuộc hội đàm định kỳ về an ninh biên giới", true},
    {1, 0, "Tạm giữ hàng hoá, lập biên bản vi phạm", false},
    {1, 30, "Chuyển hồ sơ cho cơ quan chức năng xử lý", false},
    {2, 0, "Lập biên bản, niêm phong hàng hoá", false},
    {2, 10, "Gửi công hàm đề nghị phía bạn phối hợp xác minh chủ hàng", false},
    {3, 2, "Vận động các hộ dân trở về nơi cư trú", false},
    {3, 20, "Thống nhất với phía bạn tại cuộc gặp định kỳ", true},
    {7, 1, "Phối hợp với Đồn Biên phòng phía bạn xác minh nhân thân", false},
};

static long long demo_find(ctx *x, const entity *e, const char *words)
{
    list_query q = {.sort = -1, .limit = 1, .words = text_fold(x->a, words)};
    record *rows;
    int k = 0;
    return st_rec_list(x->c, x->a, e, &q, &rows, &k) == ST_OK && k ? rows[0].id : 0;
}

static int demo_incidents(ctx *x, ctx *leader, const long long *ag, const long long *gid,
                          long long first_marker, const char *today, int *n, char *err,
                          size_t errlen)
{
    verrs ve = {0};
    long long cat[5];
    list_query q = {.sort = -1, .limit = 5};
    record *rows;
    int k = 0;
    if (st_rec_list(x->c, x->a, &incident_category_entity, &q, &rows, &k) != ST_OK || k < 5) {
        snprintf(err, errlen, "the five incident categories are missing");
        return -1;
    }
    for (int i = 0; i < 5; i++)
        cat[i] = rows[i].id;
    /* the border meetings with Sekong: where the cases were taken up with the other side */
    long long meeting = demo_find(x, &delegation_entity, "quản lý biên giới Sê Kông");
    long long ids[sizeof incidents / sizeof incidents[0]];
    for (size_t i = 0; i < sizeof incidents / sizeof incidents[0]; i++) {
        record r = rec_new(x->a, &incident_entity);
        const char *day = shift(x, today, -incidents[i].days_ago);
        rec_set(&r, "title", incidents[i].title, &ve);
        rec_set(&r, "category_id", arena_printf(x->a, "%lld", cat[incidents[i].category]), &ve);
        rec_set(&r, "date", day, &ve);
        rec_set(&r, "commune", incidents[i].commune, &ve);
        rec_set(&r, "other_country", incidents[i].country, &ve);
        rec_set(&r, "other_subdivision", incidents[i].sub, &ve);
        rec_set(&r, "description",
                arena_printf(x->a, "%s (Dữ liệu mẫu.)", incidents[i].description), &ve);
        rec_set(&r, "people", incidents[i].people, &ve);
        rec_set(&r, "goods", incidents[i].goods, &ve);
        rec_set(&r, "people_count", arena_printf(x->a, "%d", incidents[i].people_count), &ve);
        rec_set(&r, "agency_id", arena_printf(x->a, "%lld", ag[incidents[i].agency]), &ve);
        if (incidents[i].gate >= 0)
            rec_set(&r, "gate_id", arena_printf(x->a, "%lld", gid[incidents[i].gate]), &ve);
        if (incidents[i].marker >= 0) {
            record m;
            long long mid = first_marker + incidents[i].marker;
            if (rec_get(x, &marker_entity, mid, &m) == RS_OK) {
                rec_set(&r, "marker_id", arena_printf(x->a, "%lld", mid), &ve);
                /* a little on this side of the marker */
                rec_set(&r, "lat", record_get(&m, "lat"), &ve);
                rec_set(&r, "lon", arena_printf(x->a, "%.4f", atof(record_get(&m, "lon")) + 0.01),
                        &ve);
            }
        }
        for (size_t a = 0; meeting && a < sizeof incident_actions / sizeof incident_actions[0]; a++)
            if (incident_actions[a].incident == (int)i && incident_actions[a].meeting)
                rec_set(&r, "delegation_ids", arena_printf(x->a, "%lld", meeting), &ve);
        if (create(x, &r, err, errlen)) return -1;
        ids[i] = r.id;
        (*n)++;
        static const char *const path[] = {"reported", "joint", "resolved", "closed"};
        for (int s = 1; s < 4 && strcmp(incidents[i].state, path[s - 1]); s++)
            if (step_on(leader, &incident_entity, r.id, path[s], NULL, shift(x, day, 10 * s), today,
                        err, errlen))
                return -1;
    }
    for (size_t i = 0; i < sizeof incident_actions / sizeof incident_actions[0]; i++) {
        record r = rec_new(x->a, &incident_action_entity);
        int at = incident_actions[i].incident;
        rec_set(&r, "incident_id", arena_printf(x->a, "%lld", ids[at]), &ve);
        rec_set(&r, "date",
                shift(x, today, -incidents[at].days_ago + incident_actions[i].days_after), &ve);
        rec_set(&r, "text", incident_actions[i].text, &ve);
        if (incident_actions[i].meeting && meeting)
            rec_set(&r, "delegation_id", arena_printf(x->a, "%lld", meeting), &ve);
        if (create(x, &r, err, errlen)) return -1;
        (*n)++;
    }
    return 0;
}

/* ---- border trade. The one real figure (domain.md): Bờ Y, the first months of 2019, 68.2
 * million USD of which exports 18.7 and imports 9.5 million, as reported (so flagged: 40.0
 * million unexplained, transit and re-export among it). The rest is illustrative, said so
 * in its source: Bờ Y month by month for the last two years (a few months with their
 * transit and re-export, some reported twice: a provisional figure, then the final one),
 * and the two smaller gates year by year. */
static int trade_add(ctx *x, long long gate, const char *kind, const char *start, const char *label,
                     long long total, long long ex, long long im, long long tr, long long re,
                     const char *doc, const char *on, long long agency, int *n, char *err,
                     size_t errlen)
{
    verrs ve = {0};
    record r = rec_new(x->a, &trade_report_entity);
    rec_set(&r, "gate_id", arena_printf(x->a, "%lld", gate), &ve);
    rec_set(&r, "period_kind", kind, &ve);
    rec_set(&r, "period_start", start, &ve);
    rec_set(&r, "period_label", label, &ve);
    rec_set(&r, "total", arena_printf(x->a, "%lld", total), &ve);
    if (ex) rec_set(&r, "exports", arena_printf(x->a, "%lld", ex), &ve);
    if (im) rec_set(&r, "imports", arena_printf(x->a, "%lld", im), &ve);
    if (tr) rec_set(&r, "transit", arena_printf(x->a, "%lld", tr), &ve);
    if (re) rec_set(&r, "reexport", arena_printf(x->a, "%lld", re), &ve);
    rec_set(&r, "source_doc", doc, &ve);
    rec_set(&r, "reported_on", on, &ve);
    if (agency) rec_set(&r, "source_agency_id", arena_printf(x->a, "%lld", agency), &ve);
    if (!strcmp(kind, "span")) rec_set(&r, "period_end", "2019-06-30", &ve);
    if (create(x, &r, err, errlen)) return -1;
    (*n)++;
    return 0;
}

static int demo_trade(ctx *x, const long long *gid, const long long *ag, const char *today, int *n,
                      char *err, size_t errlen)
{
    if (trade_add(x, gid[0], "span", "2019-01-01", "Các tháng đầu năm 2019", 68200000, 18700000,
                  9500000, 0, 0, "Báo cáo tình hình kinh tế cửa khẩu (domain.md)", "2019-07-15",
                  ag[AG_TRADE], n, err, errlen))
        return -1;
    static const char demo_doc[] = "Số liệu minh hoạ (dữ liệu mẫu)";
    int y, m, d;
    sscanf(today, "%4d-%2d-%2d", &y, &m, &d);
    for (int k = 24; k >= 1; k--) { /* the 24 months before this one */
        int mm = m - k, yy = y;
        while (mm < 1)
            mm += 12, yy--;
        char start[32], on[32];
        snprintf(start, sizeof start, "%04d-%02d-01", yy, mm);
        snprintf(on, sizeof on, "%04d-%02d-10", mm == 12 ? yy + 1 : yy, mm == 12 ? 1 : mm + 1);
        if (strcmp(on, today) > 0) snprintf(on, sizeof on, "%s", today);
        long long ex = 4000000 + (long long)(rnd() % 3000) * 1000,
                  im = 2500000 + (long long)(rnd() % 2000) * 1000;
        long long tr = k % 5 == 0 ? 1500000 + (long long)(rnd() % 500) * 1000 : 0;
        long long re = k % 5 == 0 ? 800000 : 0;
        long long total = ex + im + tr + re;
        if (k % 7 == 3) total += 1200000; /* parts the source did not break down */
        if (k % 6 == 1 &&
            trade_add(x, gid[0], "month", start, NULL, total - 900000, ex - 900000, im, tr, re,
                      "Báo cáo nhanh (số liệu minh hoạ)", start, ag[AG_CUSTOMS], n, err, errlen))
            return -1; /* the provisional report, before the final one below */
        if (trade_add(x, gid[0], "month", start, NULL, total, ex, im, tr, re, demo_doc, on,
                      ag[AG_CUSTOMS], n, err, errlen))
            return -1;
    }
    for (int yy = y - 5; yy < y; yy++)
        for (int g = 1; g <= 2; g++) {
            char start[32], on[32];
            snprintf(start, sizeof start, "%04d-01-01", yy);
            snprintf(on, sizeof on, "%04d-01-20", yy + 1);
            long long ex = 900000 + (long long)(rnd() % 900) * 1000,
                      im = 400000 + (long long)(rnd() % 600) * 1000;
            if (trade_add(x, gid[g], "year", start, NULL, ex + im, ex, im, 0, 0, demo_doc, on,
                          ag[AG_TRADE], n, err, errlen))
                return -1;
        }
    return 0;
}

/* ---- delegations: the kinds the department sends and receives, year after year ---- */

typedef struct {
    const char *title; /* {T}: the home province's name at the time, {Y}: the year */
    const char *direction, *level, *channel, *fields;
    int partner; /* index into partners, -1 for none */
    const char *country;
    int days;
    const char *head, *purpose, *funding;
    int budget_m; /* millions of đồng; 0: none (the partner pays) */
    const char *report;
    /* the commitment such a trip usually yields (NULL: none) and the agency it goes to */
    const char *commitment;
    int agency;
} deleg_kind;

static const deleg_kind kinds[] = {
    {"Đoàn lãnh đạo tỉnh {T} thăm và làm việc tại tỉnh Attapeu", "outbound", "provincial", "state",
     "economy,trade,defence", 0, "LA", 3, "Chủ tịch UBND tỉnh",
     "Đánh giá kết quả hợp tác, thống nhất kế hoạch hợp tác năm {Y}.", "state_budget", 180,
     "Hai bên ký kế hoạch hợp tác năm {Y}; thống nhất tạo thuận lợi cho giao thương qua cửa khẩu "
     "quốc tế Bờ Y.",
     "Triển khai kế hoạch hợp tác năm {Y} với tỉnh Attapeu", AG_FINANCE},
    {"Đoàn công tác tỉnh {T} làm việc với tỉnh Sê Kông về quản lý biên giới", "outbound",
     "department", "state", "defence", 1, "LA", 2,
     "Phó Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
     "Trao đổi tình hình biên giới, phòng chống buôn lậu và xuất nhập cảnh trái phép.",
     "state_budget", 45, "Thống nhất cơ chế trao đổi thông tin hằng quý giữa lực lượng biên phòng.",
     "Trao đổi thông tin an ninh biên giới hằng quý với tỉnh Sê Kông năm {Y}", AG_BORDER},
    {"Đoàn doanh nghiệp tỉnh {T} dự Hội chợ thương mại Chăm-pa-sắc năm {Y}", "outbound",
     "department", "state", "trade,investment", 2, "LA", 4, "Giám đốc Sở Công Thương",
     "Giới thiệu sản phẩm, xúc tiến thương mại.", "mixed", 120,
     "15 doanh nghiệp tham gia; 4 biên bản ghi nhớ giữa doanh nghiệp hai bên.",
     "Hỗ trợ doanh nghiệp tham gia Hội chợ thương mại Chăm-pa-sắc năm {Y+1}", AG_TRADE},
    {"Đoàn y tế tỉnh {T} khám bệnh, phát thuốc miễn phí tại tỉnh Sa-la-van", "outbound", "agency",
     "people", "health", 3, "LA", 5, "Giám đốc Bệnh viện Đa khoa tỉnh",
     "Khám, phát thuốc miễn phí cho nhân dân các huyện của tỉnh bạn.", "sponsor", 90,
     "Khám và cấp thuốc cho hơn 1.200 lượt người.",
     "Tiếp nhận cán bộ y tế tỉnh Sa-la-van sang đào tạo tại Bệnh viện Đa khoa tỉnh", AG_HEALTH},
    {"Đoàn Tỉnh uỷ {T} thăm, làm việc với Tỉnh uỷ Ratanakiri", "outbound", "provincial", "party",
     "economy,defence", 4, "KH", 3, "Phó Bí thư Tỉnh uỷ",
     "Trao đổi kinh nghiệm lãnh đạo phát triển kinh tế - xã hội, bảo vệ biên giới.", "state_budget",
     150, "Hai bên thống nhất tăng cường trao đổi đoàn các cấp.", NULL, 0},
    {"Đoàn tỉnh {T} trao học bổng cho học sinh, sinh viên tỉnh Stung Treng", "outbound",
     "department", "state", "education", 5, "KH", 2, "Giám đốc Sở Giáo dục và Đào tạo",
     "Trao học bổng, ký kết chương trình đào tạo năm học {Y}-{Y+1}.", "state_budget", 60,
     "Trao 5 suất học bổng; thống nhất danh sách sinh viên sang học năm học mới.",
     "Trao 5 suất học bổng năm học {Y}-{Y+1} cho sinh viên tỉnh Stung Treng", AG_EDU},
    {"Đoàn xúc tiến đầu tư của tỉnh {T} tại tỉnh Gyeongsangbuk-do, Hàn Quốc", "outbound",
     "provincial", "state", "investment,agriculture", 7, "KR", 5, "Phó Chủ tịch UBND tỉnh",
     "Xúc tiến đầu tư nông nghiệp công nghệ cao, chế biến nông sản.", "state_budget", 650,
     "Làm việc với 6 doanh nghiệp; 2 doanh nghiệp đăng ký khảo sát tại tỉnh.",
     "Hỗ trợ nhà đầu tư Gyeongsangbuk-do khảo sát dự án nông nghiệp công nghệ cao", AG_FINANCE},
    {"Đoàn tỉnh {T} học tập mô hình nông nghiệp tại tỉnh Ubon Ratchathani, Thái Lan", "outbound",
     "agency", "state", "agriculture", 6, "TH", 5, "Giám đốc Sở Nông nghiệp",
     "Học tập mô hình nông nghiệp, hợp tác xã kiểu mới.", "state_budget", 210,
     "Tham quan 5 mô hình; đề xuất nhân rộng mô hình tưới tiết kiệm.",
     "Nhân rộng mô hình tưới tiết kiệm học tập tại tỉnh Ubon Ratchathani", AG_AGRI},
    {"Đoàn tỉnh {T} xúc tiến du lịch và đầu tư tại Nhật Bản", "outbound", "provincial", "state",
     "investment,culture", -1, "JP", 6, "Phó Chủ tịch UBND tỉnh",
     "Giới thiệu tiềm năng du lịch, kêu gọi đầu tư.", "state_budget", 720,
     "Gặp gỡ 20 doanh nghiệp, 2 địa phương Nhật Bản bày tỏ mong muốn thiết lập quan hệ.", NULL, 0},
    {"Đoàn Hội hữu nghị Việt Nam - Lào tỉnh {T} thăm tỉnh Attapeu", "outbound", "agency", "people",
     "culture", 0, "LA", 3, "Chủ tịch Hội hữu nghị Việt Nam - Lào tỉnh",
     "Thăm hỏi, tặng quà gia đình chính sách của tỉnh bạn.", "mixed", 40,
     "Tặng 100 suất quà; giao lưu văn nghệ với nhân dân tỉnh bạn.", NULL, 0},
    {"Đoàn công tác tỉnh {T} làm việc với Tổng Lãnh sự quán Việt Nam tại Pắc-xế", "outbound",
     "department", "state", "economy", 12, "LA", 2, "Giám đốc Sở Ngoại vụ",
     "Trao đổi tình hình các tỉnh Nam Lào, công tác cộng đồng người Việt.", "state_budget", 35,
     "Thống nhất phối hợp hỗ trợ doanh nghiệp của tỉnh tại Nam Lào.", NULL, 0},
    {"Tiếp đoàn lãnh đạo tỉnh Attapeu thăm và làm việc tại tỉnh {T}", "inbound", "provincial",
     "state", "economy,trade", 0, "LA", 3, "Tỉnh trưởng tỉnh Attapeu",
     "Hội đàm, đánh giá kết quả thực hiện biên bản ghi nhớ.", "state_budget", 80,
     "Hai bên ký biên bản hội đàm; thống nhất kế hoạch hợp tác năm tới.",
     "Rút ngắn thời gian thông quan hàng hoá qua cửa khẩu quốc tế Bờ Y", AG_CUSTOMS},
    {"Tiếp đoàn tỉnh Sê Kông trao đổi kinh nghiệm quản lý biên giới", "inbound", "department",
     "state", "defence", 1, "LA", 2, "Phó Giám đốc Sở Ngoại vụ tỉnh Sê Kông",
     "Trao đổi kinh nghiệm quản lý biên giới, phòng chống buôn lậu.", "state_budget", 45,
     "Thống nhất tuần tra song phương định kỳ.",
     "Phối hợp tuần tra song phương đoạn biên giới giáp tỉnh Sê Kông năm {Y}", AG_BORDER},
    {"Tiếp đoàn cán bộ tỉnh Sa-la-van học tập kinh nghiệm tại tỉnh {T}", "inbound", "department",
     "state", "education", 3, "LA", 5, "Phó Tỉnh trưởng tỉnh Sa-la-van",
     "Học tập kinh nghiệm cải cách hành chính, giáo dục.", "state_budget", 60,
     "Đoàn làm việc với 4 sở, ngành; đề nghị cử cán bộ sang đào tạo tiếng Việt.", NULL, 0},
    {"Tiếp đoàn tỉnh Ratanakiri dự giao lưu văn hoá, thể thao biên giới", "inbound", "department",
     "people", "culture", 4, "KH", 3, "Giám đốc Sở Văn hoá tỉnh Ratanakiri",
     "Giao lưu văn hoá, thể thao nhân dịp lễ hội.", "partner", 0,
     "Giao lưu bóng đá, văn nghệ; hơn 500 người tham dự.",
     "Tổ chức giải thể thao giao hữu biên giới với tỉnh Ratanakiri năm {Y+1}", AG_CULTURE},
    {"Tiếp Tổng Lãnh sự Lào tại Đà Nẵng chào xã giao lãnh đạo tỉnh {T}", "inbound", "provincial",
     "state", NULL, 9, "LA", 1, "Tổng Lãnh sự", "Chào xã giao, trao đổi công tác lãnh sự.",
     "state_budget", 15, "Trao đổi về thủ tục lãnh sự cho công dân hai nước.", NULL, 0},
    {"Tiếp Đại sứ Campuchia tại Việt Nam thăm và làm việc tại tỉnh {T}", "inbound", "provincial",
     "state", "economy", 10, "KH", 1, "Đại sứ", "Thăm, làm việc, trao đổi hợp tác địa phương.",
     "state_budget", 20, "Đại sứ đề nghị tỉnh tiếp tục hỗ trợ các tỉnh Đông Bắc Campuchia.", NULL,
     0},
    {"Tiếp đoàn UNICEF khảo sát chương trình dinh dưỡng trẻ em tại tỉnh {T}", "inbound", "agency",
     "state", "health", 13, "VN", 2, "Trưởng đại diện UNICEF tại Việt Nam",
     "Khảo sát, đánh giá chương trình dinh dưỡng trẻ em vùng đồng bào dân tộc thiểu số.", "sponsor",
     0, "Thống nhất mở rộng chương trình thêm 5 xã.", NULL, 0},
    {"Tiếp đoàn Tổ chức Tầm nhìn Thế giới tổng kết dự án tại tỉnh {T}", "inbound", "agency",
     "people", "health,education", 14, "US", 2, "Giám đốc quốc gia",
     "Tổng kết dự án phát triển vùng, bàn kế hoạch giai đoạn sau.", "sponsor", 0,
     "Dự án hoàn thành; đề xuất giai đoạn mới cho 3 xã vùng biên.", NULL, 0},
    {"Tiếp đoàn doanh nghiệp tỉnh Ubon Ratchathani khảo sát cửa khẩu quốc tế Bờ Y", "inbound",
     "department", "people", "trade", 6, "TH", 3, "Chủ tịch Phòng Thương mại tỉnh Ubon Ratchathani",
     "Khảo sát hạ tầng logistics, tìm hiểu cơ hội hợp tác.", "partner", 0,
     "12 doanh nghiệp khảo sát; đề nghị kết nối tuyến vận tải qua Lào.", NULL, 0},
    {"Tiếp đoàn tỉnh Gyeongsangbuk-do khảo sát hợp tác nông nghiệp công nghệ cao", "inbound",
     "provincial", "state", "agriculture,investment", 7, "KR", 3, "Phó Tỉnh trưởng",
     "Khảo sát vùng nguyên liệu, hợp tác nông nghiệp công nghệ cao.", "partner", 0,
     "Khảo sát 3 vùng nguyên liệu; thống nhất xây dựng mô hình thí điểm.", NULL, 0},
    {"Tiếp đoàn tỉnh Stung Treng trao đổi về phòng chống tội phạm ma tuý qua biên giới", "inbound",
     "department", "state", "defence", 5, "KH", 2, "Phó Tỉnh trưởng tỉnh Stung Treng",
     "Trao đổi thông tin, phối hợp phòng chống tội phạm ma tuý.", "state_budget", 40,
     "Thống nhất đường dây nóng giữa lực lượng công an hai tỉnh.",
     "Trao đổi thông tin về tội phạm ma tuý qua biên giới với tỉnh Stung Treng", AG_POLICE},
};
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

/* How many delegations a year: few in 2020-2021 (COVID-19 closed the borders). */
static int per_year(int y)
{
    switch (y) {
    case 2019:
        return 30;
    case 2020:
        return 12;
    case 2021:
        return 8;
    case 2022:
        return 26;
    case 2023:
        return 32;
    case 2024:
        return 34;
    default:
        return 32;
    }
}

/* One delegation record (not yet stepped). */
static int new_delegation(ctx *x, const deleg_kind *k, const long long *pid, const char *start,
                          const char *title, bool reported, long long *id, char *err, size_t errlen)
{
    verrs ve = {0};
    record r = rec_new(x->a, &delegation_entity);
    rec_set(&r, "title", title ? title : fill(x, k->title, start), &ve);
    rec_set(&r, "direction", k->direction, &ve);
    rec_set(&r, "level", k->level, &ve);
    rec_set(&r, "channel", k->channel, &ve);
    rec_set(&r, "fields", k->fields, &ve);
    rec_set(&r, "head", k->head, &ve);
    if (k->partner >= 0)
        rec_set(&r, "partner_ids", arena_printf(x->a, "%lld", pid[k->partner]), &ve);
    rec_set(&r, "country", k->country, &ve);
    rec_set(&r, "start_date", start, &ve);
    rec_set(&r, "end_date", shift(x, start, k->days - 1), &ve);
    rec_set(&r, "purpose", fill(x, k->purpose, start), &ve);
    rec_set(&r, "funding", k->funding, &ve);
    if (k->budget_m) rec_set(&r, "budget", arena_printf(x->a, "%d000000", k->budget_m), &ve);
    if (reported) rec_set(&r, "report", fill(x, k->report, start), &ve);
    if (create(x, &r, err, errlen)) return -1;
    *id = r.id;
    return 0;
}

/* Steps a delegation to `state` with dates that fit: approved three weeks before the start,
 * under way on the first day, completed on the last, reported `report_after` days later (the
 * report itself is written with the record, new_delegation). */
static int walk_delegation(ctx *x, ctx *leader, long long id, const char *state, const char *start,
                           const char *end, int report_after, const char *today, char *err,
                           size_t errlen)
{
    const entity *e = &delegation_entity;
    if (!strcmp(state, "proposed")) return 0;
    if (!strcmp(state, "cancelled"))
        return step_on(leader, e, id, "cancelled",
                       strcmp(start, "2020-02-15") > 0 && strcmp(start, "2021-10-31") < 0
                           ? "Hoãn do dịch COVID-19: biên giới tạm đóng."
                           : "Hoãn theo đề nghị của phía bạn.",
                       shift(x, start, -10), today, err, errlen);
    if (step_on(leader, e, id, "approved", NULL, shift(x, start, -21), today, err, errlen))
        return -1;
    if (!strcmp(state, "approved")) return 0;
    if (step_on(leader, e, id, "under_way", NULL, start, today, err, errlen)) return -1;
    if (!strcmp(state, "under_way")) return 0;
    if (step_on(leader, e, id, "completed", NULL, end, today, err, errlen)) return -1;
    if (!strcmp(state, "completed")) return 0;
    return step_on(leader, e, id, "reported", NULL, shift(x, end, report_after), today, err,
                   errlen);
}

/* A commitment; its progress and state follow its deadline against today. */
typedef struct {
    const char *title, *source, *meeting;
    long long delegation, agreement, partner;
    const char *country;
    int agency;
    const char *deadline;
} demo_commitment;

static int new_commitment(ctx *x, const demo_commitment *c, const long long *ag, long long *id,
                          char *err, size_t errlen)
{
    verrs ve = {0};
    record r = rec_new(x->a, &commitment_entity);
    rec_set(&r, "title", c->title, &ve);
    rec_set(&r, "source", c->source, &ve);
    if (c->delegation) rec_set(&r, "delegation_id", arena_printf(x->a, "%lld", c->delegation), &ve);
    if (c->agreement) rec_set(&r, "agreement_id", arena_printf(x->a, "%lld", c->agreement), &ve);
    rec_set(&r, "meeting", c->meeting, &ve);
    if (c->partner) rec_set(&r, "partner_id", arena_printf(x->a, "%lld", c->partner), &ve);
    rec_set(&r, "country", c->country, &ve);
    rec_set(&r, "agency_id", arena_printf(x->a, "%lld", ag[c->agency]), &ve);
    rec_set(&r, "deadline", c->deadline, &ve);
    if (create(x, &r, err, errlen)) return -1;
    *id = r.id;
    return 0;
}

static int progress(ctx *x, long long id, const char *date, const char *text, int percent,
                    char *err, size_t errlen)
{
    verrs ve = {0};
    record out;
    if (commitment_progress(x, id, date, text, arena_printf(x->a, "%d", percent), &ve, &out) !=
        RS_OK) {
        snprintf(err, errlen, "demo commitment %lld: progress of %s refused%s%s", id, date,
                 ve.n ? ", field " : "", ve.n ? ve.e[0].field : "");
        return -1;
    }
    return 0;
}

/* History for a commitment made on `from`: done before a deadline already past (one in twenty
 * dropped by a leader); when the deadline is ahead, under way once half the time has gone,
 * else not yet begun. */
static int walk_commitment(ctx *x, ctx *leader, long long id, const char *from,
                           const char *deadline, const char *today, char *err, size_t errlen)
{
    const entity *e = &commitment_entity;
    long span = clock_days_between(from, deadline);
    if (span < 2) span = 2;
    const char *mid = shift(x, from, (int)(span / 2));
    if (strcmp(deadline, today) < 0) {
        if (rnd() % 20 == 0)
            return step_on(leader, e, id, "dropped",
                           "Phía bạn điều chỉnh kế hoạch, không tiếp tục.", mid, today, err,
                           errlen);
        const char *doneon = shift(x, deadline, -rnd_in(0, (int)(span / 3)));
        if (progress(x, id, mid, "Đã triển khai, đang phối hợp với phía bạn.", rnd_in(30, 70), err,
                     errlen) ||
            progress(x, id, doneon, "Đã hoàn thành.", 100, err, errlen))
            return -1;
        return step_on(leader, e, id, "done", NULL, doneon, today, err, errlen);
    }
    if (strcmp(mid, today) < 0) {
        if (progress(x, id, mid, "Đã triển khai, đang phối hợp với phía bạn.", rnd_in(20, 60), err,
                     errlen))
            return -1;
        return step_on(leader, e, id, "in_progress", NULL, mid, today, err, errlen);
    }
    return 0;
}

/* A deadline that fits the commitment's title: within the next year for "... năm {Y+1}",
 * by the end of the year for "... năm {Y}" (or two months after the trip late in the year),
 * else three to eleven months after the trip. */
static const char *deadline_for(ctx *x, const char *title, int y, const char *end)
{
    if (strstr(title, "{Y+1}"))
        return shift(x, arena_printf(x->a, "%04d-01-01", y + 1), rnd_in(60, 300));
    if (strstr(title, "{Y}")) {
        const char *dec = arena_printf(x->a, "%04d-12-20", y);
        return clock_days_between(end, dec) >= 30 ? dec : shift(x, end, 60);
    }
    return shift(x, end, rnd_in(90, 330));
}

/* Years of delegations from 2019 up to 45 days before today, and the commitments they left.
 * The last 45 days and what is ahead are written out by hand (demo_recent). */
static int demo_history(ctx *x, ctx *leader, const long long *pid, const long long *ag,
                        const char *today, int *count, char *err, size_t errlen)
{
    const char *until = shift(x, today, -45);
    int last = atoi(today);
    for (int y = 2019; y <= last; y++) {
        int n = per_year(y);
        for (int i = 0; i < n; i++) {
            /* spread over the year, away from Tết (the first weeks) */
            int doy = 20 + i * 330 / n + rnd_in(0, 9);
            const char *start = shift(x, arena_printf(x->a, "%04d-01-01", y), doy);
            const deleg_kind *k = &kinds[rnd() % NKINDS];
            if (y >= 2020 && y <= 2021 && !strcmp(k->direction, "outbound") && rnd() % 2)
                k = &kinds[11]; /* the borders were closed: mostly Attapeu's visits, by road */
            if (strcmp(start, until) >= 0) break;
            long long id;
            const char *end = shift(x, start, k->days - 1);
            bool covid = strcmp(start, "2020-02-15") > 0 && strcmp(start, "2021-10-31") < 0;
            bool cancel = covid ? rnd() % 3 == 0 : rnd() % 14 == 0;
            if (new_delegation(x, k, pid, start, NULL, !cancel, &id, err, errlen)) return -1;
            (*count)++;
            if (walk_delegation(x, leader, id, cancel ? "cancelled" : "reported", start, end,
                                rnd_in(3, 14), today, err, errlen))
                return -1;
            if (cancel || !k->commitment || rnd() % 3 == 0) continue;
            demo_commitment c = {.title = fill(x, k->commitment, start),
                                 .source = "delegation",
                                 .delegation = id,
                                 .partner = k->partner >= 0 ? pid[k->partner] : 0,
                                 .country = k->country,
                                 .agency = k->agency,
                                 .deadline = deadline_for(x, k->commitment, y, end)};
            long long cid;
            if (new_commitment(x, &c, ag, &cid, err, errlen)) return -1;
            (*count)++;
            if (walk_commitment(x, leader, cid, end, c.deadline, today, err, errlen)) return -1;
        }
    }
    return 0;
}

/* Around today, by hand: offsets from today in days. */
static const struct {
    int kind, start;
    const char *state, *title; /* title: NULL for the kind's */
} recent[] = {
    {5, -44, "reported", NULL},
    {1, -40, "completed",
     "Đoàn công tác tỉnh {T} dự hội nghị đánh giá công tác phối hợp bảo vệ "
     "biên giới với tỉnh Sê Kông"}, /* late report */
    {2, -30, "completed", NULL},    /* late report */
    {14, -25, "completed", NULL},   /* late report */
    {16, -10, "completed", NULL},   /* report not yet due */
    {3, -2, "under_way", NULL},
    {6, 12, "approved", NULL},
    {15, 20, "approved", NULL},
    {19, 40, "proposed", NULL},
    {0, 75, "proposed",
     "Đoàn tỉnh {T} dự Diễn đàn hợp tác các tỉnh Tam giác phát triển "
     "Campuchia - Lào - Việt Nam"},
    {8, 100, "approved", NULL},
};

static int demo_recent(ctx *x, ctx *leader, const long long *pid, const char *today, int *count,
                       char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof recent / sizeof recent[0]; i++) {
        const deleg_kind *k = &kinds[recent[i].kind];
        const char *start = shift(x, today, recent[i].start), *end = shift(x, start, k->days - 1);
        long long id;
        if (new_delegation(x, k, pid, start, fill(x, recent[i].title, start),
                           !strcmp(recent[i].state, "reported"), &id, err, errlen))
            return -1;
        (*count)++;
        if (walk_delegation(x, leader, id, recent[i].state, start, end, 9, today, err, errlen))
            return -1;
    }
    return 0;
}

/* ---- agreements ---- */

/* Dates: absolute, or "T+N" / "T-N" days from today; NULL for none. */
static const struct {
    const char *title_vi, *title_en, *kind, *partners, *country, *fields, *place, *ours, *theirs;
    const char *signed_on, *valid_to, *terminated, *renewal;
} agreements[] = {
    {"Biên bản ghi nhớ hợp tác toàn diện giữa tỉnh Kon Tum và tỉnh Attapeu giai đoạn 2019-2023",
     "Comprehensive cooperation MoU between Kon Tum and Attapeu provinces, 2019-2023", "mou", "0,8",
     "LA", "economy,trade,health,education,defence", "Attapeu", "Chủ tịch UBND tỉnh Kon Tum",
     "Tỉnh trưởng tỉnh Attapeu", "2019-03-15", "2023-12-31", NULL, "by_agreement"},
    {"Biên bản ghi nhớ hợp tác toàn diện giữa tỉnh Kon Tum và tỉnh Sê Kông giai đoạn 2019-2023",
     "Comprehensive cooperation MoU between Kon Tum and Sekong provinces, 2019-2023", "mou", "1",
     "LA", "economy,defence,education", "Kon Tum", "Chủ tịch UBND tỉnh Kon Tum",
     "Tỉnh trưởng tỉnh Sê Kông", "2019-09-20", "2023-12-31", NULL, "by_agreement"},
    {"Biên bản ghi nhớ hợp tác giữa tỉnh Kon Tum và tỉnh Chăm-pa-sắc giai đoạn 2020-2024",
     "Cooperation MoU between Kon Tum and Champasak provinces, 2020-2024", "mou", "2", "LA",
     "trade,agriculture,culture", "Pắc-xế", "Phó Chủ tịch UBND tỉnh Kon Tum",
     "Phó Tỉnh trưởng tỉnh Chăm-pa-sắc", "2020-01-10", "2024-12-31", NULL, "none"},
    {"Thoả thuận hợp tác thương mại biên giới giữa tỉnh Kon Tum và tỉnh Chăm-pa-sắc",
     "Border trade agreement between Kon Tum and Champasak provinces", "agreement", "2", "LA",
     "trade", "Kon Tum", "Giám đốc Sở Công Thương tỉnh Kon Tum",
     "Giám đốc Sở Công Thương tỉnh Chăm-pa-sắc", "2021-04-20", "2026-04-20", "2024-05-01", "none"},
    {"Biên bản ghi nhớ hợp tác giữa tỉnh Kon Tum và tỉnh Sa-la-van",
     "Cooperation MoU between Kon Tum and Salavan provinces", "mou", "3", "LA", "economy,health",
     "Sa-la-van", "Chủ tịch UBND tỉnh Kon Tum", "Tỉnh trưởng tỉnh Sa-la-van", "2022-01-15", "T+45",
     NULL, "automatic"},
    {"Biên bản ghi nhớ hợp tác giữa tỉnh Kon Tum với tỉnh Ratanakiri và tỉnh Stung Treng",
     "MoU between Kon Tum and the Ratanakiri and Stung Treng provinces", "mou", "4,5", "KH",
     "economy,culture,defence", "Ban Lung", "Chủ tịch UBND tỉnh Kon Tum",
     "Tỉnh trưởng hai tỉnh Ratanakiri, Stung Treng", "2022-06-08", "2027-06-08", NULL,
     "by_agreement"},
    {"Biên bản ghi nhớ hợp tác giữa tỉnh Kon Tum và tỉnh Ubon Ratchathani",
     "Cooperation MoU between Kon Tum and Ubon Ratchathani provinces", "mou", "6", "TH",
     "trade,agriculture,culture", "Ubon Ratchathani", "Phó Chủ tịch UBND tỉnh Kon Tum",
     "Phó Thống đốc tỉnh Ubon Ratchathani", "2023-08-10", "2028-08-10", NULL, "by_agreement"},
    {"Biên bản ghi nhớ hợp tác toàn diện giữa tỉnh Kon Tum và tỉnh Attapeu giai đoạn 2024-2028",
     "Comprehensive cooperation MoU between Kon Tum and Attapeu provinces, 2024-2028", "mou", "0,8",
     "LA", "economy,trade,health,education,defence", "Kon Tum", "Chủ tịch UBND tỉnh Kon Tum",
     "Tỉnh trưởng tỉnh Attapeu", "2024-01-18", "2028-12-31", NULL, "by_agreement"},
    {"Biên bản ghi nhớ hợp tác toàn diện giữa tỉnh Kon Tum và tỉnh Sê Kông giai đoạn 2024-2028",
     "Comprehensive cooperation MoU between Kon Tum and Sekong provinces, 2024-2028", "mou", "1",
     "LA", "economy,defence,education", "Sê Kông", "Chủ tịch UBND tỉnh Kon Tum",
     "Tỉnh trưởng tỉnh Sê Kông", "2024-03-05", "2028-12-31", NULL, "by_agreement"},
    {"Biên bản thoả thuận kế thừa hợp tác giữa tỉnh Quảng Ngãi và tỉnh Attapeu sau hợp nhất tỉnh",
     "Agreement between Quang Ngai and Attapeu provinces continuing the cooperation after the "
     "merger",
     "agreement", "0", "LA", "economy,trade,defence", "Quảng Ngãi", "Chủ tịch UBND tỉnh Quảng Ngãi",
     "Tỉnh trưởng tỉnh Attapeu", "2025-10-15", "2028-12-31", NULL, "by_agreement"},
    {"Biên bản ghi nhớ hợp tác giữa tỉnh Quảng Ngãi và tỉnh Gyeongsangbuk-do",
     "Cooperation MoU between Quang Ngai Province and Gyeongsangbuk-do", "mou", "7", "KR",
     "investment,agriculture,education", "Andong", "Chủ tịch UBND tỉnh Quảng Ngãi",
     "Tỉnh trưởng tỉnh Gyeongsangbuk-do", "2025-11-20", "2030-11-20", NULL, "automatic"},
    {"Dự thảo thoả thuận hợp tác nông nghiệp giữa tỉnh Quảng Ngãi và tỉnh Gyeongsangbuk-do",
     "Draft agricultural cooperation agreement between Quang Ngai and Gyeongsangbuk-do",
     "agreement", "7", "KR", "agriculture,investment", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};
enum { AGR_ATTAPEU_2024 = 7, AGR_SEKONG_2024 = 8, AGR_RATANAKIRI = 5 };

static const char *when(ctx *x, const char *spec, const char *today)
{
    if (!spec) return NULL;
    if (spec[0] == 'T') return shift(x, today, atoi(spec + 1));
    return spec;
}

static int new_agreement(ctx *x, const char *title_vi, const char *title_en, const char *kind,
                         const char *ids, const char *country, const char *fields,
                         const char *place, const char *ours, const char *theirs, const char *sig,
                         const char *to, const char *term, const char *renewal, long long *id,
                         char *err, size_t errlen)
{
    verrs ve = {0};
    record r = rec_new(x->a, &agreement_entity);
    rec_set(&r, "title_vi", title_vi, &ve);
    rec_set(&r, "title_en", title_en, &ve);
    rec_set(&r, "kind", kind, &ve);
    rec_set(&r, "partner_ids", ids, &ve);
    rec_set(&r, "country", country, &ve);
    rec_set(&r, "fields", fields, &ve);
    rec_set(&r, "place", place, &ve);
    rec_set(&r, "signatory_ours", ours, &ve);
    rec_set(&r, "signatory_theirs", theirs, &ve);
    rec_set(&r, "renewal", renewal, &ve);
    rec_set(&r, "signed_date", sig, &ve);
    rec_set(&r, "valid_from", sig, &ve);
    rec_set(&r, "valid_to", to, &ve);
    rec_set(&r, "terminated_date", term, &ve);
    if (create(x, &r, err, errlen)) return -1;
    *id = r.id;
    return 0;
}

/* The MoUs above, signed no later than today, and every year's cooperation plan with Attapeu
 * (signed in January, valid to the end of the year). */
static int demo_agreements(ctx *x, const long long *pid, long long *agr, const char *today,
                           int *count, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof agreements / sizeof agreements[0]; i++) {
        agr[i] = 0;
        const char *sig = when(x, agreements[i].signed_on, today);
        if (sig && strcmp(sig, today) > 0) continue;
        buf ids = {0};
        for (const char *p = agreements[i].partners; *p;) {
            buf_printf(&ids, "%s%lld", ids.len ? "," : "", pid[atoi(p)]);
            while (*p && *p != ',')
                p++;
            if (*p) p++;
        }
        const char *idtext = arena_strdup(x->a, buf_cstr(&ids));
        buf_free(&ids);
        if (new_agreement(x, agreements[i].title_vi, agreements[i].title_en, agreements[i].kind,
                          idtext, agreements[i].country, agreements[i].fields, agreements[i].place,
                          agreements[i].ours, agreements[i].theirs, sig,
                          when(x, agreements[i].valid_to, today),
                          when(x, agreements[i].terminated, today), agreements[i].renewal, &agr[i],
                          err, errlen))
            return -1;
        (*count)++;
    }
    for (int y = 2019; y <= atoi(today); y++) {
        const char *sig = arena_printf(x->a, "%04d-01-%02d", y, 20 + y % 7);
        if (strcmp(sig, today) > 0) break;
        long long id;
        if (new_agreement(x, fill(x, "Kế hoạch hợp tác năm {Y} giữa tỉnh {T} và tỉnh Attapeu", sig),
                          arena_printf(x->a, "Cooperation plan %d with Attapeu Province", y),
                          "plan", arena_printf(x->a, "%lld", pid[0]), "LA",
                          "economy,trade,health,education", y % 2 ? "Attapeu" : province_on(sig),
                          fill(x, "Phó Chủ tịch UBND tỉnh {T}", sig),
                          "Phó Tỉnh trưởng tỉnh Attapeu", sig, arena_printf(x->a, "%04d-12-31", y),
                          NULL, "none", &id, err, errlen))
            return -1;
        (*count)++;
    }
    return 0;
}

/* The three overdue commitments the department is chasing, each from another year, and one
 * from the comprehensive MoU still running. */
static int demo_overdue(ctx *x, ctx *leader, const long long *pid, const long long *ag,
                        const long long *agr, const char *today, int *count, char *err,
                        size_t errlen)
{
    /* an absolute deadline, unless it is not yet past (a demo loaded with an earlier today) */
    const char *d1 =
        strcmp("2024-12-31", shift(x, today, -60)) < 0 ? "2024-12-31" : shift(x, today, -60);
    const char *d2 =
        strcmp("2025-09-30", shift(x, today, -30)) < 0 ? "2025-09-30" : shift(x, today, -30);
    const struct {
        demo_commitment c;
        const char *from, *note;
        int percent;
    } list[] = {
        {{"Hoàn thiện hồ sơ nâng cấp cặp cửa khẩu Đăk Blô - Dak Bar lên cửa khẩu chính",
          "agreement", NULL, 0, agr[AGR_SEKONG_2024], pid[1], "LA", AG_BORDER, d1},
         "2024-06-15",
         "Đã trình Bộ Ngoại giao; đang chờ ý kiến các bộ, ngành.",
         60},
        {{"Xây dựng đề án đào tạo tiếng Việt cho cán bộ tỉnh Attapeu giai đoạn 2025-2030",
          "meeting", "Hội đàm giữa lãnh đạo hai tỉnh tháng 3/2025", 0, 0, pid[0], "LA", AG_EDU, d2},
         NULL,
         NULL,
         0},
        {{"Bàn giao hồ sơ mốc giới đoạn biên giới giáp tỉnh Ratanakiri", "agreement", NULL, 0,
          agr[AGR_RATANAKIRI], pid[4], "KH", AG_BORDER, shift(x, today, -6)},
         "T",
         "Đã rà soát 12 trên 15 mốc giới.",
         80},
        {{"Phối hợp tuần tra song phương đoạn biên giới giáp tỉnh Attapeu", "agreement", NULL, 0,
          agr[AGR_ATTAPEU_2024], pid[0], "LA", AG_BORDER, shift(x, today, 50)},
         "T",
         "Đã tuần tra chung 2 đợt.",
         40},
    };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) {
        demo_commitment c = list[i].c;
        if (c.agreement == 0 && !strcmp(c.source, "agreement")) { /* not signed yet */
            c.source = "meeting";
            c.meeting = "Hội đàm giữa lãnh đạo hai tỉnh";
        }
        long long id;
        if (new_commitment(x, &c, ag, &id, err, errlen)) return -1;
        (*count)++;
        if (!list[i].note) continue;
        const char *on = list[i].from[0] == 'T' ? shift(x, today, -20) : list[i].from;
        if (strcmp(on, today) > 0) on = today;
        if (progress(x, id, on, list[i].note, list[i].percent, err, errlen) ||
            step_on(leader, &commitment_entity, id, "in_progress", NULL, on, today, err, errlen))
            return -1;
    }
    return 0;
}

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
    /* the merged Quảng Ngãi with the former Kon Tum: 13.9-15.4 N, 107.4-109.2 E */
    province p = {"Quảng Ngãi",
                  "Quang Ngai",
                  "VN-29",
                  "Sở Ngoại vụ tỉnh Quảng Ngãi",
                  "Department of Foreign Affairs of Quang Ngai Province",
                  "13.9,107.4,15.4,109.2",
                  "XI-IATI-QNGDOFA",
                  "SNgV",
                  "UBND TỈNH QUẢNG NGÃI"};
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
    char today[11];
    clock_today(today);
    ctx leader = *x; /* approvals are the leaders': the demo acts as one for its steps */
    leader.role = ROLE_LEADER;
    rnd_state = 2019;
    long long ag[sizeof agencies / sizeof agencies[0]];
    for (size_t i = 0; i < sizeof agencies / sizeof agencies[0]; i++) {
        record r = rec_new(x->a, &agency_entity);
        rec_set(&r, "name_vi", agencies[i].name_vi, &ve);
        rec_set(&r, "name_en", agencies[i].name_en, &ve);
        rec_set(&r, "kind", agencies[i].kind, &ve);
        if (create(x, &r, err, errlen)) return -1;
        ag[i] = r.id;
        n++;
    }
    long long agr[sizeof agreements / sizeof agreements[0]];
    long long gid[sizeof gates / sizeof gates[0]];
    if (demo_gates(x, ag, gid, &n, err, errlen) ||
        demo_gate_plans(x, gid, ag, today, &n, err, errlen) ||
        demo_trade(x, gid, ag, today, &n, err, errlen) ||
        demo_agreements(x, ids, agr, today, &n, err, errlen) ||
        demo_history(x, &leader, ids, ag, today, &n, err, errlen) ||
        demo_recent(x, &leader, ids, today, &n, err, errlen) ||
        demo_overdue(x, &leader, ids, ag, agr, today, &n, err, errlen))
        return -1;
    long long first_marker = 0;
    if (demo_markers(x, ag, today, &first_marker, &n, err, errlen) ||
        demo_incidents(x, &leader, ag, gid, first_marker, today, &n, err, errlen) ||
        demo_aid(x, &leader, ids, ag, today, &n, err, errlen))
        return -1;
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
    /* last: the reports count what is above */
    if (demo_bulletin(x, &leader, today, &n, err, errlen) ||
        demo_reports(x, &leader, today, &n, err, errlen))
        return -1;
    return n;
}

/* ---- shared with the other parts of the demo (demo_aid.c) */

int demo_create(ctx *x, record *r, char *err, size_t errlen)
{
    return create(x, r, err, errlen);
}

int demo_step(ctx *leader, const entity *e, long long id, const char *to, const char *note,
              const char *on, const char *today, char *err, size_t errlen)
{
    return step_on(leader, e, id, to, note, on, today, err, errlen);
}

const char *demo_shift(ctx *x, const char *date, int offset)
{
    return shift(x, date, offset);
}
