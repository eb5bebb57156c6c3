/* The demo's projects, aid and investment leads: one or more in every stage, dated from
 * today so that each procedure deadline shows once (a stalled lead, an appraisal overdue, an
 * approval not notified, an annual report missing, a closing report overdue), with their
 * partners in IATI roles, DAC sectors, amounts by year in the donors' currencies at the
 * rates of their dates, and the meetings that moved them. The donors are real
 * organisations working in Vietnam; the projects are examples of the kinds the department
 * handles, not records of real ones, and the investors are marked "(ví dụ)". The units are
 * the former districts of Kon Tum, as projects signed before the 2025 merger name them. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "../store/store.h"

static const struct {
    const char *name_vi, *name_en, *kind;
} units[] = {
    {"Thành phố Kon Tum (cũ)", "Kon Tum City (former)", "district"},
    {"Huyện Ngọc Hồi (cũ)", "Ngoc Hoi District (former)", "district"},
    {"Huyện Đăk Glei (cũ)", "Dak Glei District (former)", "district"},
    {"Huyện Sa Thầy (cũ)", "Sa Thay District (former)", "district"},
    {"Huyện Kon Plông (cũ)", "Kon Plong District (former)", "district"},
    {"Huyện Tu Mơ Rông (cũ)", "Tu Mo Rong District (former)", "district"},
    {"Huyện Ia H'Drai (cũ)", "Ia H'Drai District (former)", "district"},
    {"Huyện Đăk Tô (cũ)", "Dak To District (former)", "district"},
};

/* partners of the demo's own table (demo.c) used here, then those added here */
enum { P_ATTAPEU = 0, P_GYEONGBUK = 7, P_UNICEF = 13, P_WORLD_VISION = 14, P_DRY_PORT = 15 };
static const struct {
    const char *kind, *name_vi, *name_en, *country, *website;
} donors[] = {
    {"ngo", "Tổ chức Plan International", "Plan International", "GB",
     "https://plan-international.org/"},
    {"other", "Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA)",
     "Korea International Cooperation Agency (KOICA)", "KR", "https://www.koica.go.kr/"},
    {"other", "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)",
     "Japan International Cooperation Agency (JICA)", "JP", "https://www.jica.go.jp/"},
    {"company", "Công ty TNHH Dược liệu Gyeongbuk (ví dụ)", "Gyeongbuk Herbal Co., Ltd. (example)",
     "KR", NULL},
    {"company", "Tập đoàn Du lịch Siam Green (ví dụ)", "Siam Green Tourism Group (example)", "TH",
     NULL},
};
enum { D_PLAN = 100, D_KOICA, D_JICA, D_HERBAL, D_SIAM }; /* 100 + index into donors */

typedef struct {
    const char *code, *title_vi, *title_en, *kind, *stage, *cur;
    int opened;                                                   /* days before today */
    int file, appraised, approved, notified, start, end, closing; /* days before; 0: none */
    int annual;                                                   /* year reported up to; 0 none */
    int agency;                                                   /* index into demo.c's agencies */
    const char *officer, *desc_vi, *desc_en;
    int funder, accountable, implementer; /* partner numbers (above), -1 none */
    const char *sectors;                  /* "12220:60,12240:40" */
    const char *amounts;                  /* "2024:120000:80000,..." year:committed:disbursed */
    const char *rate_usd, *rate_vnd;      /* per unit of cur */
    int meetings[3];                      /* days before today; 0 none */
    const char *units;                    /* indices into units, "1,4" */
} demo_project;

static const demo_project projects[] = {
    {"KT-FDI-2026-01",
     "Nhà máy chế biến sâm Ngọc Linh (đầu mối nhà đầu tư Hàn Quốc)",
     "Ngoc Linh ginseng processing plant (Korean investor lead)",
     "fdi_lead",
     "idea",
     "USD",
     110,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     4,
     "Nguyễn Thị Hoa",
     "Đầu mối từ đoàn xúc tiến đầu tư tại Gyeongsangbuk-do.",
     "A lead from the investment promotion mission to Gyeongsangbuk-do.",
     D_HERBAL,
     -1,
     -1,
     "32130:100",
     "",
     NULL,
     NULL,
     {0, 0, 0},
     "2"},
    {"KT-NGO-2026-02",
     "Cấp nước sạch cho các xã biên giới",
     "Clean water for border communes",
     "ngo_project",
     "contacted",
     "GBP",
     70,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     6,
     "Trần Văn Minh",
     "Hệ thống cấp nước tự chảy cho các thôn giáp biên giới.",
     "Gravity-fed water supply for villages along the border.",
     D_PLAN,
     -1,
     -1,
     "14031:80,14030:20",
     "2027:180000:0",
     "1.27",
     "33500",
     {20, 45, 0},
     "1,6"},
    {"KT-FDI-2025-03",
     "Khu du lịch sinh thái Măng Đen (nhà đầu tư Thái Lan)",
     "Mang Den eco-tourism area (Thai investor)",
     "fdi_lead",
     "negotiating",
     "USD",
     240,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     7,
     "Lê Quang Huy",
     "Đàm phán vị trí, quy mô và ưu đãi đầu tư.",
     "Negotiating the site, the size and the incentives.",
     D_SIAM,
     -1,
     -1,
     "33210:100",
     "2027:12000000:0",
     NULL,
     "26300",
     {75, 130, 200},
     "4"},
    {"KT-NGO-2026-04",
     "Nâng cao năng lực y tế cơ sở huyện Ngọc Hồi",
     "Primary health care capacity in Ngoc Hoi",
     "ngo_project",
     "file_submitted",
     "USD",
     160,
     25,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     "Phạm Thu Trang",
     "Đào tạo y tế thôn bản, trang thiết bị trạm y tế xã.",
     "Training village health workers; equipment for commune health stations.",
     P_WORLD_VISION,
     -1,
     -1,
     "12220:70,12191:30",
     "2026:95000:0,2027:110000:0",
     NULL,
     "26250",
     {30, 90, 0},
     "1"},
    {"KT-IO-2026-05",
     "Dinh dưỡng cho trẻ em vùng đồng bào dân tộc thiểu số",
     "Nutrition for ethnic minority children",
     "io_programme",
     "appraised",
     "USD",
     200,
     40,
     3,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     "Phạm Thu Trang",
     "Phòng chống suy dinh dưỡng thấp còi cho trẻ dưới 5 tuổi.",
     "Preventing stunting among children under five.",
     P_UNICEF,
     -1,
     -1,
     "12240:60,13020:40",
     "2026:250000:0,2027:250000:0",
     NULL,
     "26250",
     {10, 60, 150},
     "2,5"},
    {"KT-ODA-2026-06",
     "Trường mầm non bán trú xã Đăk Long",
     "Dak Long semi-boarding kindergarten",
     "oda",
     "approved",
     "KRW",
     300,
     90,
     60,
     8,
     0,
     0,
     0,
     0,
     0,
     1,
     "Trần Văn Minh",
     "Xây dựng và trang bị trường mầm non bán trú cho xã biên giới.",
     "Building and equipping a semi-boarding kindergarten in a border commune.",
     D_KOICA,
     -1,
     -1,
     "11240:100",
     "2026:650000000:0,2027:350000000:0",
     "0.00072",
     "18.9",
     {12, 100, 0},
     "1"},
    {"KT-NGO-2022-07",
     "Chương trình phát triển vùng Kon Plông",
     "Kon Plong area development programme",
     "ngo_programme",
     "running",
     "USD",
     1600,
     1500,
     1480,
     1450,
     1447,
     1400,
     0,
     0,
     2024,
     2,
     "Nguyễn Thị Hoa",
     "Giáo dục, y tế, sinh kế và bảo vệ trẻ em trong 15 năm.",
     "Education, health, livelihoods and child protection over 15 years.",
     P_WORLD_VISION,
     -1,
     -1,
     "11220:40,12220:30,43040:30",
     "2022:300000:240000,2023:320000:310000,2024:330000:300000,2025:340000:335000",
     NULL,
     "25400",
     {40, 200, 380},
     "4"},
    {"KT-NGO-2023-08",
     "Sinh kế bền vững cho phụ nữ dân tộc thiểu số",
     "Sustainable livelihoods for ethnic minority women",
     "ngo_project",
     "running",
     "EUR",
     1200,
     1100,
     1085,
     1060,
     1058,
     1000,
     0,
     0,
     2025,
     6,
     "Lê Quang Huy",
     "Trồng dược liệu dưới tán rừng, tổ hợp tác phụ nữ.",
     "Medicinal plants under the forest canopy; women's cooperative groups.",
     D_PLAN,
     -1,
     -1,
     "31161:50,16010:50",
     "2023:150000:120000,2024:160000:150000,2025:170000:165000,2026:120000:60000",
     "1.08",
     "27600",
     {25, 160, 0},
     "5,2"},
    {"KT-NGO-2019-09",
     "Cải thiện vệ sinh trường học",
     "Better school sanitation",
     "ngo_project",
     "closed",
     "USD",
     2700,
     2600,
     2590,
     2570,
     2568,
     2500,
     240,
     0,
     2024,
     1,
     "Phạm Thu Trang",
     "Nhà vệ sinh, nước sạch và giáo dục vệ sinh cho 40 trường.",
     "Latrines, clean water and hygiene education for 40 schools.",
     P_UNICEF,
     -1,
     -1,
     "14030:60,11220:40",
     "2019:90000:60000,2020:90000:95000,2021:60000:70000,2022:40000:45000",
     NULL,
     "23200",
     {260, 900, 0},
     "0,3"},
    {"KT-JICA-2018-10",
     "Nâng cấp đường tuần tra biên giới đoạn Ia H'Drai",
     "Border patrol road upgrade, Ia H'Drai section",
     "oda",
     "closed",
     "JPY",
     3100,
     3000,
     2990,
     2970,
     2966,
     2900,
     700,
     400,
     2024,
     5,
     "Lê Quang Huy",
     "Nâng cấp 18 km đường, hai cầu tràn.",
     "Upgrading 18 km of road and two spillway bridges.",
     D_JICA,
     -1,
     -1,
     "21020:100",
     "2018:150000000:90000000,2019:150000000:160000000,2020:80000000:100000000",
     "0.0091",
     "210",
     {720, 0, 0},
     "6"},
    {"KT-PRO-2025-11",
     "Hội nghị xúc tiến thương mại, đầu tư tại Attapeu",
     "Trade and investment promotion conference in Attapeu",
     "promotion",
     "dropped",
     "VND",
     330,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     0,
     4,
     "Nguyễn Thị Hoa",
     "Dự kiến tổ chức cùng Sở Công Thương tỉnh Attapeu.",
     "Planned with Attapeu's Department of Industry and Commerce.",
     P_ATTAPEU,
     -1,
     -1,
     "25010:100",
     "2025:350000000:0",
     "0.000039",
     NULL,
     {300, 0, 0},
     "1"},
};

static const char *const meeting_subjects[][2] = {
    {"Làm việc về đề xuất dự án", "Working session on the project proposal"},
    {"Trao đổi về kế hoạch khảo sát địa bàn", "Discussion of the field survey plan"},
    {"Tiếp xúc tại hội nghị xúc tiến đầu tư", "Contact at the investment promotion conference"},
};

static int unit_ids_of(ctx *x, const char *idx, const long long *uid, const char **out)
{
    buf b = {0};
    for (const char *p = idx; p && *p;) {
        int i = atoi(p);
        buf_printf(&b, "%s%lld", b.len ? "," : "", uid[i]);
        p = strchr(p, ',');
        p = p ? p + 1 : NULL;
    }
    *out = b.len ? arena_strdup(x->a, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return 0;
}

static const char *days_ago(ctx *x, const char *today, int d)
{
    return d > 0 ? demo_shift(x, today, -d) : NULL;
}

static int add_child(ctx *x, const entity *e, const char *const kv[][2], int n, char *err,
                     size_t errlen)
{
    record r = rec_new(x->a, e);
    verrs ve = {0};
    for (int i = 0; i < n; i++)
        rec_set(&r, kv[i][0], kv[i][1], &ve);
    return demo_create(x, &r, err, errlen);
}

/* ---- scholarships: 5 for each of the six partner provinces a year (30), last year's and
 * this year's; one student past the expected end, one award over quota awaiting a leader */

static const char *const lao_given[][2] = {{"Bounmy", "ບຸນມີ"},           {"Souphanh", "ສຸພັນ"},
                                           {"Khamla", "ຄຳລາ"},          {"Vilay", "ວິໄລ"},
                                           {"Phonesavanh", "ໂພນສະຫວັນ"}, {"Keo", "ແກ້ວ"}};
static const char *const lao_family[][2] = {{"Phommachanh", "ພົມມະຈັນ"},
                                            {"Sisavath", "ສີສະຫວາດ"},
                                            {"Keomany", "ແກ້ວມະນີ"},
                                            {"Inthavong", "ອິນທະວົງ"},
                                            {"Vongsa", "ວົງສາ"}};
static const char *const khmer_given[][2] = {{"Dara", "ដារ៉ា"},  {"Chan", "ចាន់"},   {"Srey", "ស្រី"},
                                             {"Vanna", "វណ្ណា"}, {"Sophea", "សុភា"}, {"Rith", "រិទ្ធ"}};
static const char *const khmer_family[][2] = {
    {"Kim", "គីម"}, {"Chea", "ជា"}, {"Heng", "ហេង"}, {"Sok", "សុខ"}, {"Pich", "ពេជ្រ"}};
static const struct {
    const char *school, *programme, *level;
    int years;
} courses[] = {
    {"Phân hiệu Đại học Đà Nẵng tại Kon Tum", "Quản lý nhà nước", "bachelor", 4},
    {"Trường Cao đẳng Kon Tum", "Điều dưỡng", "vocational", 3},
    {"Phân hiệu Đại học Đà Nẵng tại Kon Tum", "Tiếng Việt dự bị", "language", 1},
    {"Trường Đại học Tây Nguyên", "Nông học", "bachelor", 4},
    {"Trường Đại học Đà Nẵng", "Kinh tế phát triển", "master", 2},
};

static int demo_scholarships(ctx *x, ctx *leader, const long long *partners, const char *today,
                             int *n, char *err, size_t errlen)
{
    verrs ve = {0};
    int year = atoi(today);
    int k = 0, kept = 0;
    for (int y = year - 1; y <= year; y++)
        for (int p = 0; p < 6; p++) { /* the six partner provinces: demo.c's first partners */
            record q = rec_new(x->a, &scholarship_quota_entity);
            rec_set(&q, "year", arena_printf(x->a, "%d", y), &ve);
            rec_set(&q, "partner_id", arena_printf(x->a, "%lld", partners[p]), &ve);
            rec_set(&q, "quota", "5", &ve);
            if (demo_create(x, &q, err, errlen)) return -1;
            (*n)++;
            bool lao = p < 4;
            for (int i = 0; i < 5; i++, k++) {
                const char *const *g = lao ? lao_given[k % 6] : khmer_given[k % 6];
                const char *const *f = lao ? lao_family[(k / 2) % 5] : khmer_family[(k / 2) % 5];
                int c = (k + p) % 5;
                const char *startd = arena_printf(x->a, "%d-09-05", y);
                if (strcmp(startd, today) > 0) startd = arena_printf(x->a, "%d-01-10", y);
                record a = rec_new(x->a, &scholarship_award_entity);
                rec_set(&a, "student_vi",
                        lao ? arena_printf(x->a, "%s %s", g[0], f[0])
                            : arena_printf(x->a, "%s %s", f[0], g[0]),
                        &ve);
                rec_set(&a, "student_native",
                        lao ? arena_printf(x->a, "%s %s", g[1], f[1])
                            : arena_printf(x->a, "%s %s", f[1], g[1]),
                        &ve);
                rec_set(&a, "quota_id", arena_printf(x->a, "%lld", q.id), &ve);
                rec_set(&a, "school", courses[c].school, &ve);
                rec_set(&a, "programme", courses[c].programme, &ve);
                rec_set(&a, "level", courses[c].level, &ve);
                rec_set(&a, "start_date", startd, &ve);
                /* last year's language year is over: the one kept studying is past its end */
                rec_set(&a, "expected_end", arena_printf(x->a, "%d-06-30", y + courses[c].years),
                        &ve);
                if (demo_create(x, &a, err, errlen)) return -1;
                (*n)++;
                /* last year's preparatory year ended in June: graduated, but for one whose
                 * result has not been entered */
                const char *end = record_get(&a, "expected_end");
                if (strcmp(end, today) < 0 && kept++ > 0 &&
                    demo_step(leader, &scholarship_award_entity, a.id, "graduated", NULL,
                              demo_shift(x, end, 5), today, err, errlen))
                    return -1;
            }
        }
    /* a sixth award for the first province this year, entered by an officer: over quota */
    ctx officer = *x;
    officer.role = ROLE_OFFICER;
    list_query q = {.sort = -1, .limit = 1};
    q.f[q.nf++] = (list_filter){entity_field_index(&scholarship_quota_entity, "year"),
                                arena_printf(x->a, "%d", year), '='};
    q.f[q.nf++] = (list_filter){entity_field_index(&scholarship_quota_entity, "partner_id"),
                                arena_printf(x->a, "%lld", partners[0]), '='};
    record *qr = NULL;
    int nq = 0;
    if (st_rec_list(x->c, x->a, &scholarship_quota_entity, &q, &qr, &nq) || nq != 1) {
        snprintf(err, errlen, "demo: this year's first quota not found");
        return -1;
    }
    record a = rec_new(x->a, &scholarship_award_entity);
    rec_set(&a, "student_vi", "Khamla Vongsa", &ve);
    rec_set(&a, "student_native", "ຄຳລາ ວົງສາ", &ve);
    rec_set(&a, "quota_id", arena_printf(x->a, "%lld", qr[0].id), &ve);
    rec_set(&a, "school", "Trường Cao đẳng Kon Tum", &ve);
    rec_set(&a, "programme", "Điều dưỡng", &ve);
    rec_set(&a, "level", "vocational", &ve);
    rec_set(&a, "start_date", arena_printf(x->a, "%d-01-10", year), &ve);
    rec_set(&a, "expected_end", arena_printf(x->a, "%d-06-30", year + 3), &ve);
    if (demo_create(&officer, &a, err, errlen)) return -1;
    (*n)++;
    return 0;
}

/* ---- the integration programme: to 2020, vision 2030, with five of its targets */

static const struct {
    const char *title, *objective, *unit, *direction, *baseline;
    int agency;         /* index into demo.c's agencies */
    const char *values; /* "year:target:actual,..." (actual may be empty) */
} targets[] = {
    {"Kim ngạch xuất nhập khẩu qua Cửa khẩu quốc tế Bờ Y", "Mở rộng thương mại biên giới",
     "triệu USD", "up", "60", 4, "2022:90:84,2023:100:96,2024:110:105,2025:120:123,2030:200:"},
    {"Số dự án viện trợ phi chính phủ được phê duyệt trong năm", "Thu hút viện trợ, đầu tư",
     "dự án", "up", "8", 5, "2023:11:10,2024:13:11,2025:15:13,2030:25:"},
    {"Vốn viện trợ phi chính phủ giải ngân trong năm", "Thu hút viện trợ, đầu tư", "triệu USD",
     "up", "2", 5, "2024:3.5:3.4,2025:4:3.7,2030:8:"},
    {"Cán bộ được bồi dưỡng kiến thức hội nhập quốc tế (lũy kế)", "Nâng cao năng lực hội nhập",
     "người", "up", "0", 1, "2024:200:220,2025:250:,2026:300:,2030:600:"},
    {"Tỷ lệ hộ nghèo ở các xã biên giới", "Phát triển vùng biên giới", "%", "down", "30", 6,
     "2023:21:22.5,2024:18:19.8,2025:15:17,2030:8:"},
};

static int demo_programme(ctx *x, const long long *agencies, const char *today, int *n, char *err,
                          size_t errlen)
{
    verrs ve = {0};
    record p = rec_new(x->a, &programme_entity);
    rec_set(&p, "name_vi",
            "Đề án Hội nhập quốc tế tỉnh Kon Tum đến năm 2020, tầm nhìn đến năm 2030", &ve);
    rec_set(&p, "name_en", "Kon Tum international integration programme to 2020, vision to 2030",
            &ve);
    rec_set(&p, "decision", "Quyết định của UBND tỉnh Kon Tum (ví dụ)", &ve);
    rec_set(&p, "period_from", "2016", &ve);
    rec_set(&p, "period_to", "2020", &ve);
    rec_set(&p, "vision_year", "2030", &ve);
    rec_set(
        &p, "objectives",
        "Mở rộng thương mại biên giới; thu hút viện trợ và đầu tư nước ngoài; nâng cao năng lực "
        "hội nhập của đội ngũ cán bộ; phát triển vùng biên giới gắn với hợp tác với các tỉnh "
        "Nam Lào và Đông Bắc Campuchia.",
        &ve);
    if (demo_create(x, &p, err, errlen)) return -1;
    (*n)++;
    int year = atoi(today);
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        record t = rec_new(x->a, &programme_target_entity);
        rec_set(&t, "programme_id", arena_printf(x->a, "%lld", p.id), &ve);
        rec_set(&t, "title", targets[i].title, &ve);
        rec_set(&t, "objective", targets[i].objective, &ve);
        rec_set(&t, "unit", targets[i].unit, &ve);
        rec_set(&t, "direction", targets[i].direction, &ve);
        rec_set(&t, "baseline", targets[i].baseline, &ve);
        rec_set(&t, "baseline_year", "2015", &ve);
        rec_set(&t, "agency_id", arena_printf(x->a, "%lld", agencies[targets[i].agency]), &ve);
        if (demo_create(x, &t, err, errlen)) return -1;
        (*n)++;
        for (const char *v = targets[i].values; v && *v;) { /* "2025:120:123" */
            int y = atoi(v);
            const char *tg = strchr(v, ':') + 1, *ac = strchr(tg, ':') + 1;
            size_t tl = (size_t)(ac - 1 - tg), al = strcspn(ac, ",");
            record r = rec_new(x->a, &programme_value_entity);
            rec_set(&r, "target_id", arena_printf(x->a, "%lld", t.id), &ve);
            rec_set(&r, "year", arena_printf(x->a, "%d", y), &ve);
            rec_set(&r, "target", arena_strndup(x->a, tg, tl), &ve);
            if (al && y < year) { /* measured in the spring after the year */
                rec_set(&r, "actual", arena_strndup(x->a, ac, al), &ve);
                rec_set(&r, "source",
                        strcmp(targets[i].unit, "triệu USD") ? "Báo cáo của cơ quan chủ trì"
                                                             : "Cục Thống kê tỉnh",
                        &ve);
                rec_set(&r, "measured_on", arena_printf(x->a, "%d-03-31", y + 1), &ve);
            }
            if (demo_create(x, &r, err, errlen)) return -1;
            (*n)++;
            v = strchr(v, ',');
            v = v ? v + 1 : NULL;
        }
    }
    return 0;
}

int demo_aid(ctx *x, ctx *leader, const long long *partners, const long long *agencies,
             const char *today, int *n, char *err, size_t errlen)
{
    verrs ve = {0};
    long long uid[sizeof units / sizeof units[0]];
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        record r = rec_new(x->a, &admin_unit_entity);
        rec_set(&r, "name_vi", units[i].name_vi, &ve);
        rec_set(&r, "name_en", units[i].name_en, &ve);
        rec_set(&r, "kind", units[i].kind, &ve);
        rec_set(&r, "former", "Tỉnh Kon Tum", &ve);
        if (demo_create(x, &r, err, errlen)) return -1;
        uid[i] = r.id;
        (*n)++;
    }
    long long did[sizeof donors / sizeof donors[0]];
    for (size_t i = 0; i < sizeof donors / sizeof donors[0]; i++) {
        record r = rec_new(x->a, &partner_entity);
        rec_set(&r, "kind", donors[i].kind, &ve);
        rec_set(&r, "name_vi", donors[i].name_vi, &ve);
        rec_set(&r, "name_en", donors[i].name_en, &ve);
        rec_set(&r, "country", donors[i].country, &ve);
        rec_set(&r, "website", donors[i].website, &ve);
        if (demo_create(x, &r, err, errlen)) return -1;
        did[i] = r.id;
        (*n)++;
    }
#define PID(k) ((k) >= 100 ? did[(k)-100] : partners[(k)])
    static const char *const walk[] = {"idea",      "contacted", "negotiating", "file_submitted",
                                       "appraised", "approved",  "running",     "closed"};
    for (size_t i = 0; i < sizeof projects / sizeof projects[0]; i++) {
        const demo_project *d = &projects[i];
        record r = rec_new(x->a, &project_entity);
        const char *units_v = NULL;
        unit_ids_of(x, d->units, uid, &units_v);
        rec_set(&r, "code", d->code, &ve);
        rec_set(&r, "title_vi", d->title_vi, &ve);
        rec_set(&r, "title_en", d->title_en, &ve);
        rec_set(&r, "kind", d->kind, &ve);
        rec_set(&r, "description_vi", d->desc_vi, &ve);
        rec_set(&r, "description_en", d->desc_en, &ve);
        rec_set(&r, "unit_ids", units_v, &ve);
        rec_set(&r, "agency_id", arena_printf(x->a, "%lld", agencies[d->agency]), &ve);
        rec_set(&r, "officer", d->officer, &ve);
        rec_set(&r, "currency", d->cur, &ve);
        rec_set(&r, "opened_on", days_ago(x, today, d->opened), &ve);
        rec_set(&r, "file_complete", days_ago(x, today, d->file), &ve);
        rec_set(&r, "appraised_on", days_ago(x, today, d->appraised), &ve);
        rec_set(&r, "approved_on", days_ago(x, today, d->approved), &ve);
        rec_set(&r, "notified_on", days_ago(x, today, d->notified), &ve);
        rec_set(&r, "actual_start", days_ago(x, today, d->start), &ve);
        rec_set(&r, "actual_end", days_ago(x, today, d->end), &ve);
        rec_set(&r, "closing_report_on", days_ago(x, today, d->closing), &ve);
        if (d->approved) {
            rec_set(&r, "decision", arena_printf(x->a, "Quyết định số %zu/QĐ-UBND", 100 + i * 37),
                    &ve);
            rec_set(&r, "planned_start",
                    d->start ? days_ago(x, today, d->start) : demo_shift(x, today, 30), &ve);
        }
        if (d->annual) rec_set(&r, "annual_report_year", arena_printf(x->a, "%d", d->annual), &ve);
        if (d->end) rec_set(&r, "planned_end", days_ago(x, today, d->end + 30), &ve);
        if (demo_create(x, &r, err, errlen)) return -1;
        (*n)++;
        long long id = r.id;
        const char *ids = arena_printf(x->a, "%lld", id);
        /* the stage, step by step, each on a day between the recorded dates */
        bool drop = !strcmp(d->stage, "dropped");
        const char *target = drop ? "contacted" : d->stage;
        int dates[] = {d->opened,    d->opened - 10, d->opened - 20, d->file,
                       d->appraised, d->approved,    d->start,       d->end};
        for (int s = 1; s < 8 && strcmp(walk[s - 1], target); s++) {
            int ago = dates[s] > 0 ? dates[s] : dates[s - 1] - 5;
            if (ago < 1) ago = 1;
            if (demo_step(leader, &project_entity, id, walk[s], NULL, days_ago(x, today, ago),
                          today, err, errlen))
                return -1;
        }
        if (drop && demo_step(leader, &project_entity, id, "dropped",
                              "Tỉnh bạn đề nghị lùi sang năm sau; không còn kinh phí trong năm.",
                              days_ago(x, today, d->opened - 60), today, err, errlen))
            return -1;
        /* partners in their roles */
        const int who[3][2] = {{d->funder, 1}, {d->accountable, 2}, {d->implementer, 4}};
        for (int k = 0; k < 3; k++) {
            if (who[k][0] < 0) continue;
            const char *kv[][2] = {{"project_id", ids},
                                   {"partner_id", arena_printf(x->a, "%lld", PID(who[k][0]))},
                                   {"role", arena_printf(x->a, "%d", who[k][1])}};
            if (add_child(x, &project_partner_entity, kv, 3, err, errlen)) return -1;
            (*n)++;
        }
        for (const char *p = d->sectors; p && *p;) { /* "12220:70,12191:30" */
            char code[6] = {0};
            memcpy(code, p, 5);
            const char *kv[][2] = {{"project_id", ids},
                                   {"sector", arena_strdup(x->a, code)},
                                   {"percent", arena_printf(x->a, "%d", atoi(p + 6))}};
            if (add_child(x, &project_sector_entity, kv, 3, err, errlen)) return -1;
            (*n)++;
            p = strchr(p, ',');
            p = p ? p + 1 : NULL;
        }
        for (const char *p = d->amounts; p && *p;) { /* "2024:120000:80000" */
            int y = atoi(p);
            const char *c = strchr(p, ':') + 1, *b = strchr(c, ':') + 1;
            char ym[16];
            snprintf(ym, sizeof ym, "%d-12-31", y);
            const char *asof = strcmp(ym, today) < 0 ? arena_strdup(x->a, ym) : today;
            long long dis = atoll(b);
            const char *kv[][2] = {{"project_id", ids},
                                   {"year", arena_printf(x->a, "%d", y)},
                                   {"currency", d->cur},
                                   {"committed", arena_printf(x->a, "%lld", atoll(c))},
                                   {"disbursed", dis ? arena_printf(x->a, "%lld", dis) : NULL},
                                   {"rate_usd", d->rate_usd},
                                   {"rate_vnd", d->rate_vnd},
                                   {"rate_date", asof}};
            if (add_child(x, &project_amount_entity, kv, 8, err, errlen)) return -1;
            (*n)++;
            p = strchr(p, ',');
            p = p ? p + 1 : NULL;
        }
        for (int k = 0; k < 3 && d->meetings[k]; k++) {
            const char *kv[][2] = {
                {"title", arena_printf(x->a, "%s: %s", meeting_subjects[k][0], d->title_vi)},
                {"date", days_ago(x, today, d->meetings[k])},
                {"kind", k == 2 ? "event" : "meeting"},
                {"our_side", "Lãnh đạo Sở Ngoại vụ, cán bộ theo dõi dự án"},
                {"partner_ids", arena_printf(x->a, "%lld", PID(d->funder))},
                {"project_id", ids},
                {"outcome", k ? "Hai bên thống nhất các bước tiếp theo."
                              : "Đối tác gửi bản đề xuất sửa đổi trong tháng tới."}};
            if (add_child(x, &meeting_entity, kv, 7, err, errlen)) return -1;
            (*n)++;
        }
    }
    /* a meeting not about one project, whose follow-up is a commitment of its own */
    const char *kv[][2] = {
        {"title", "Làm việc với đoàn tỉnh Gyeongsangbuk-do về hợp tác đầu tư"},
        {"date", days_ago(x, today, 18)},
        {"kind", "meeting"},
        {"our_side", "Phó Chủ tịch UBND tỉnh, Giám đốc Sở Ngoại vụ"},
        {"partner_ids", arena_printf(x->a, "%lld", partners[P_GYEONGBUK])},
        {"outcome",
         "Phía Hàn Quốc giới thiệu ba doanh nghiệp quan tâm dược liệu và chế biến nông sản."},
        {"follow_up", "Gửi danh mục dự án kêu gọi đầu tư bằng tiếng Anh và tiếng Hàn."}};
    record m = rec_new(x->a, &meeting_entity);
    for (size_t k = 0; k < sizeof kv / sizeof kv[0]; k++)
        rec_set(&m, kv[k][0], kv[k][1], &ve);
    if (demo_create(x, &m, err, errlen)) return -1;
    (*n)++;
    record c = rec_new(x->a, &commitment_entity);
    rec_set(&c, "title",
            "Gửi danh mục dự án kêu gọi đầu tư (tiếng Anh, tiếng Hàn) cho tỉnh Gyeongsangbuk-do",
            &ve);
    rec_set(&c, "source", "meeting", &ve);
    rec_set(&c, "meeting_id", arena_printf(x->a, "%lld", m.id), &ve);
    rec_set(&c, "agency_id", arena_printf(x->a, "%lld", agencies[4]), &ve);
    rec_set(&c, "deadline", demo_shift(x, today, 25), &ve);
    if (demo_create(x, &c, err, errlen)) return -1;
    (*n)++;
    (void)P_DRY_PORT;
    if (demo_scholarships(x, leader, partners, today, n, err, errlen) ||
        demo_programme(x, agencies, today, n, err, errlen))
        return -1;
    /* the NGOs' certificates: one expiring within 60 days, its renewal not filed yet; one
     * recent, its activity plan overdue; one in order */
    const struct {
        long long partner;
        const char *kind, *number;
        int issued_ago, expires_in; /* days before and after today */
        bool plan, renewal;
        int report_year;
        const char *fields, *units;
    } certs[] = {
        {partners[P_WORLD_VISION], "operation", "Số 412/GĐK-BNG", 1055, 40, true, false, 2025,
         "education,health,other", "4,5"},
        {did[D_PLAN - 100], "office", "Số 37/GĐK-VPĐD-BNG", 900, 925, true, false, 2025,
         "agriculture,other", "1,5,2"},
        {partners[P_WORLD_VISION], "operation", "Số 118/GĐK-BNG", 2150, -1095, true, true, 2022,
         "education,health", "4"},
        {did[D_PLAN - 100], "operation", "Số 502/GĐK-BNG", 80, 1015, false, false, 0, "health",
         "1,6"},
    };
    for (size_t i = 0; i < sizeof certs / sizeof certs[0]; i++) {
        record r = rec_new(x->a, &ngo_certificate_entity);
        const char *uv = NULL;
        unit_ids_of(x, certs[i].units, uid, &uv);
        const char *issued = days_ago(x, today, certs[i].issued_ago);
        rec_set(&r, "partner_id", arena_printf(x->a, "%lld", certs[i].partner), &ve);
        rec_set(&r, "kind", certs[i].kind, &ve);
        rec_set(&r, "number", certs[i].number, &ve);
        rec_set(&r, "issued_on", issued, &ve);
        rec_set(&r, "expires_on", demo_shift(x, today, certs[i].expires_in), &ve);
        rec_set(&r, "fields", certs[i].fields, &ve);
        rec_set(&r, "unit_ids", uv, &ve);
        if (certs[i].plan) rec_set(&r, "plan_received_on", demo_shift(x, issued, 30), &ve);
        if (certs[i].renewal)
            rec_set(&r, "renewal_filed_on", demo_shift(x, today, certs[i].expires_in - 70), &ve);
        if (certs[i].report_year)
            rec_set(&r, "report_year", arena_printf(x->a, "%d", certs[i].report_year), &ve);
        if (demo_create(x, &r, err, errlen)) return -1;
        (*n)++;
    }
    return 0;
}
