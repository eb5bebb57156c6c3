/* The demo data set: real reference data from the domain brief. The home province is
 * data like any other: the profile below is what a Kon Tum installation would enter. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"

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

/* A year of delegations around today, so the lists and warnings show something true on
 * first run: days are offsets from today; steps are taken as the workflow allows. */
typedef struct {
    const char *title, *direction, *level, *channel, *fields;
    int partner; /* index into partners */
    const char *country;
    int start, days;
    const char *head, *purpose, *funding, *budget;
    const char *state; /* how far through the workflow */
    const char *report;
} demo_delegation;

static const demo_delegation delegations[] = {
    {"Đoàn lãnh đạo tỉnh thăm và làm việc tại tỉnh Attapeu", "outbound", "provincial", "state",
     "economy,trade,defence", 0, "LA", -300, 3, "Phó Chủ tịch UBND tỉnh (ví dụ)",
     "Tổng kết hợp tác năm, ký kế hoạch hợp tác năm mới.", "state_budget", "180000000", "reported",
     "Hai bên ký kế hoạch hợp tác; thống nhất mở rộng giao thương qua cửa khẩu Bờ Y."},
    {"Tiếp đoàn tỉnh Sê Kông sang trao đổi kinh nghiệm quản lý biên giới", "inbound", "department",
     "state", "defence", 1, "LA", -220, 2, "Phó Giám đốc Sở Ngoại vụ tỉnh Sê Kông",
     "Trao đổi kinh nghiệm quản lý biên giới, phòng chống buôn lậu.", "state_budget", "45000000",
     "reported", "Thống nhất cơ chế trao đổi thông tin hằng quý."},
    {"Đoàn công tác dự Hội chợ thương mại Chăm-pa-sắc", "outbound", "department", "state",
     "trade,investment", 2, "LA", -150, 4, "Giám đốc Sở Công Thương (ví dụ)",
     "Giới thiệu sản phẩm, xúc tiến thương mại.", "mixed", "120000000", "reported",
     "12 doanh nghiệp tham gia; 3 biên bản ghi nhớ giữa doanh nghiệp."},
    {"Đoàn y tế khám bệnh nhân đạo tại tỉnh Sa-la-van", "outbound", "agency", "people", "health", 3,
     "LA", -60, 5, "Giám đốc Bệnh viện tỉnh (ví dụ)",
     "Khám, phát thuốc miễn phí cho nhân dân tỉnh bạn.", "sponsor", "90000000", "completed", NULL},
    {"Tiếp đoàn tỉnh Ratanakiri dự giao lưu văn hoá biên giới", "inbound", "department", "people",
     "culture", 4, "KH", -35, 3, "Giám đốc Sở Văn hoá tỉnh Ratanakiri",
     "Giao lưu văn hoá, thể thao nhân dịp lễ hội.", "partner", NULL, "completed", NULL},
    {"Đoàn lãnh đạo tỉnh làm việc với tỉnh Stung Treng về hợp tác giáo dục", "outbound",
     "provincial", "party", "education", 5, "KH", -20, 2, "Phó Bí thư Tỉnh uỷ (ví dụ)",
     "Trao học bổng, ký kết chương trình đào tạo.", "state_budget", "150000000", "under_way", NULL},
    {"Đoàn xúc tiến đầu tư tại tỉnh Gyeongsangbuk-do", "outbound", "provincial", "state",
     "investment,agriculture", 7, "KR", 12, 5, "Chủ tịch UBND tỉnh (ví dụ)",
     "Xúc tiến đầu tư nông nghiệp công nghệ cao.", "state_budget", "650000000", "approved", NULL},
    {"Tiếp Tổng Lãnh sự Lào tại Đà Nẵng chào xã giao", "inbound", "provincial", "state", NULL, 9,
     "LA", 20, 1, "Tổng Lãnh sự (ví dụ)", "Chào xã giao, trao đổi công tác lãnh sự.",
     "state_budget", "15000000", "approved", NULL},
    {"Đoàn doanh nghiệp tỉnh Ubon Ratchathani khảo sát cửa khẩu Bờ Y", "inbound", "department",
     "people", "trade", 6, "TH", 40, 3, "Chủ tịch Phòng Thương mại (ví dụ)",
     "Khảo sát hạ tầng logistics, tìm hiểu cơ hội hợp tác.", "partner", NULL, "proposed", NULL},
    {"Đoàn dự Diễn đàn hợp tác các tỉnh Tam giác phát triển", "outbound", "provincial", "state",
     "economy", 0, "LA", 75, 3, NULL, "Dự diễn đàn; ký biên bản hội đàm song phương.",
     "state_budget", "200000000", "proposed", NULL},
    {"Đoàn học tập kinh nghiệm nông nghiệp tại Thái Lan", "outbound", "agency", "state",
     "agriculture", 6, "TH", -90, 6, "Giám đốc Trung tâm Khuyến nông (ví dụ)",
     "Học tập mô hình nông nghiệp.", "state_budget", "210000000", "cancelled", NULL},
};

static int create(ctx *x, record *r, char *err, size_t errlen);

static const char *day(ctx *x, const char *today, int offset)
{
    struct tm tm = {0};
    strptime(today, "%Y-%m-%d", &tm);
    time_t t = timegm(&tm) + (time_t)offset * 86400;
    gmtime_r(&t, &tm);
    char out[11];
    strftime(out, sizeof out, "%Y-%m-%d", &tm);
    return arena_strdup(x->a, out);
}

/* The path through the workflow to a state, in order. */
static const char *const path_to[][5] = {
    {"proposed", NULL},
    {"approved", "approved", NULL},
    {"under_way", "approved", "under_way", NULL},
    {"completed", "approved", "under_way", "completed", NULL},
    {"reported", "approved", "under_way", "completed", "reported"},
    {"cancelled", "cancelled", NULL},
};

static int demo_delegations(ctx *x, const long long *partner_ids, long long *ids, char *err,
                            size_t errlen)
{
    char today[11];
    clock_today(today);
    ctx leader = *x; /* approvals are the leaders': the demo acts as one for its steps */
    leader.role = ROLE_LEADER;
    int n = 0;
    for (size_t i = 0; i < sizeof delegations / sizeof delegations[0]; i++) {
        const demo_delegation *d = &delegations[i];
        verrs ve = {0};
        record r = rec_new(x->a, &delegation_entity);
        rec_set(&r, "title", d->title, &ve);
        rec_set(&r, "direction", d->direction, &ve);
        rec_set(&r, "level", d->level, &ve);
        rec_set(&r, "channel", d->channel, &ve);
        rec_set(&r, "fields", d->fields, &ve);
        rec_set(&r, "head", d->head, &ve);
        rec_set(&r, "partner_ids", arena_printf(x->a, "%lld", partner_ids[d->partner]), &ve);
        rec_set(&r, "country", d->country, &ve);
        rec_set(&r, "start_date", day(x, today, d->start), &ve);
        rec_set(&r, "end_date", day(x, today, d->start + d->days - 1), &ve);
        rec_set(&r, "purpose", d->purpose, &ve);
        rec_set(&r, "funding", d->funding, &ve);
        rec_set(&r, "budget", d->budget, &ve);
        rec_set(&r, "report", d->report, &ve);
        if (create(x, &r, err, errlen)) return -1;
        ids[i] = r.id;
        n++;
        for (size_t p = 0; p < sizeof path_to / sizeof path_to[0]; p++) {
            if (strcmp(path_to[p][0], d->state)) continue;
            for (int k = 1; k < 5 && path_to[p][k]; k++) {
                record out;
                ve = (verrs){0};
                if (rec_transition(&leader, &delegation_entity, r.id, path_to[p][k], NULL, &out,
                                   &ve) != RS_OK) {
                    snprintf(err, errlen, "demo delegation '%s': step to %s refused", d->title,
                             path_to[p][k]);
                    return -1;
                }
            }
        }
    }
    return n;
}

static const struct {
    const char *name_vi, *name_en, *kind;
} agencies[] = {
    {"Sở Y tế", "Department of Health", "health"},
    {"Sở Giáo dục và Đào tạo", "Department of Education and Training", "education"},
    {"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Provincial Border Guard Command", "border_guard"},
    {"Chi cục Hải quan cửa khẩu quốc tế Bờ Y", "Bo Y International Border Gate Customs", "customs"},
    {"Sở Công Thương", "Department of Industry and Trade", "industry_trade"},
};

/* Commitments from the demo delegations: days are offsets of the deadline from today. */
static const struct {
    const char *title;
    int delegation, agency, deadline;
    const char *state, *progress;
    int percent;
} commitments[] = {
    {"Tổ chức khám bệnh, cấp thuốc cho nhân dân huyện giáp biên tỉnh Attapeu", 0, 0, -40,
     "in_progress", "Đã khám cho 350 lượt người tại 2 bản.", 60},
    {"Trao 5 suất học bổng năm học mới cho sinh viên tỉnh Attapeu", 0, 1, -10, "open", NULL, 0},
    {"Trao đổi thông tin về tình hình an ninh biên giới hằng quý", 1, 2, 25, "in_progress",
     "Đã tổ chức trao đổi quý III.", 75},
    {"Rút ngắn thời gian thông quan hàng nông sản qua cửa khẩu Bờ Y", 2, 3, -5, "in_progress",
     "Áp dụng phân luồng điện tử từ tháng trước.", 50},
    {"Tổ chức hội chợ thương mại biên giới năm sau", 2, 4, 120, "open", NULL, 0},
    {"Hỗ trợ đào tạo điều dưỡng cho bệnh viện tỉnh Sa-la-van", 3, 0, 60, "open", NULL, 0},
    {"Ký kết chương trình đào tạo tiếng Việt với tỉnh Stung Treng", 5, 1, -2, "done",
     "Đã ký chương trình.", 100},
    {"Phối hợp tuần tra song phương đoạn biên giới giáp tỉnh Attapeu", -1, 2, 50, "in_progress",
     "Đã tuần tra chung 2 đợt.", 40},
};

static int create(ctx *x, record *r, char *err, size_t errlen);

static int demo_commitments(ctx *x, const long long *deleg_ids, long long mou, char *err,
                            size_t errlen)
{
    long long ag[sizeof agencies / sizeof agencies[0]];
    int n = 0;
    for (size_t i = 0; i < sizeof agencies / sizeof agencies[0]; i++) {
        verrs ve = {0};
        record r = rec_new(x->a, &agency_entity);
        rec_set(&r, "name_vi", agencies[i].name_vi, &ve);
        rec_set(&r, "name_en", agencies[i].name_en, &ve);
        rec_set(&r, "kind", agencies[i].kind, &ve);
        if (create(x, &r, err, errlen)) return -1;
        ag[i] = r.id;
        n++;
    }
    char today[11];
    clock_today(today);
    ctx leader = *x;
    leader.role = ROLE_LEADER;
    for (size_t i = 0; i < sizeof commitments / sizeof commitments[0]; i++) {
        verrs ve = {0};
        record r = rec_new(x->a, &commitment_entity);
        rec_set(&r, "title", commitments[i].title, &ve);
        if (commitments[i].delegation >= 0) {
            rec_set(&r, "source", "delegation", &ve);
            rec_set(&r, "delegation_id",
                    arena_printf(x->a, "%lld", deleg_ids[commitments[i].delegation]), &ve);
        } else { /* from the comprehensive MoU */
            rec_set(&r, "source", "agreement", &ve);
            rec_set(&r, "agreement_id", arena_printf(x->a, "%lld", mou), &ve);
        }
        rec_set(&r, "agency_id", arena_printf(x->a, "%lld", ag[commitments[i].agency]), &ve);
        rec_set(&r, "deadline", day(x, today, commitments[i].deadline), &ve);
        if (create(x, &r, err, errlen)) return -1;
        n++;
        record out;
        if (commitments[i].progress &&
            commitment_progress(x, r.id, "", commitments[i].progress,
                                arena_printf(x->a, "%d", commitments[i].percent), &ve,
                                &out) != RS_OK) {
            snprintf(err, errlen, "demo commitment progress refused");
            return -1;
        }
        if (strcmp(commitments[i].state, "open") &&
            rec_transition(&leader, &commitment_entity, r.id, commitments[i].state, NULL, &out,
                           &ve) != RS_OK) {
            snprintf(err, errlen, "demo commitment step refused");
            return -1;
        }
    }
    return n;
}

/* Agreements with the partner provinces: dates are offsets from today in days (0 = none). */
static const struct {
    const char *title_vi, *title_en, *kind, *partners, *country, *fields, *place, *ours, *theirs;
    int signed_ago, valid_years, ends_in; /* ends_in: days from today, overrides the years */
    const char *renewal;
} agreements[] = {
    {"Biên bản ghi nhớ hợp tác toàn diện với tỉnh Attapeu",
     "Comprehensive cooperation MoU with Attapeu Province", "mou", "0,8", "LA",
     "economy,trade,health,education,defence", "Attapeu", "Chủ tịch UBND tỉnh (ví dụ)",
     "Tỉnh trưởng tỉnh Attapeu (ví dụ)", 900, 5, 0, "by_agreement"},
    {"Biên bản ghi nhớ hợp tác toàn diện với tỉnh Sê Kông",
     "Comprehensive cooperation MoU with Sekong Province", "mou", "1", "LA",
     "economy,defence,education", "Kon Tum", "Chủ tịch UBND tỉnh (ví dụ)",
     "Tỉnh trưởng tỉnh Sê Kông (ví dụ)", 1700, 0, 45, "by_agreement"},
    {"Thoả thuận hợp tác với tỉnh Chăm-pa-sắc giai đoạn 2021-2025",
     "Cooperation agreement with Champasak Province 2021-2025", "agreement", "2", "LA",
     "trade,agriculture", "Pắc-xế", "Phó Chủ tịch UBND tỉnh (ví dụ)", "Phó Tỉnh trưởng (ví dụ)",
     1900, 0, -120, "none"},
    {"Biên bản ghi nhớ hợp tác toàn diện với tỉnh Sa-la-van",
     "Comprehensive cooperation MoU with Salavan Province", "mou", "3", "LA", "economy,health",
     "Sa-la-van", "Chủ tịch UBND tỉnh (ví dụ)", "Tỉnh trưởng tỉnh Sa-la-van (ví dụ)", 400, 5, 0,
     "automatic"},
    {"Biên bản ghi nhớ hợp tác với các tỉnh Ratanakiri và Stung Treng",
     "MoU with Ratanakiri and Stung Treng Provinces", "mou", "4,5", "KH", "economy,culture,defence",
     "Ban Lung", "Chủ tịch UBND tỉnh (ví dụ)", "Tỉnh trưởng hai tỉnh (ví dụ)", 600, 5, 0,
     "by_agreement"},
    {"Dự thảo thoả thuận hợp tác nông nghiệp với tỉnh Gyeongsangbuk-do",
     "Draft agricultural cooperation agreement with Gyeongsangbuk-do", "agreement", "7", "KR",
     "agriculture,investment", NULL, NULL, NULL, 0, 0, 0, NULL},
};

static int create(ctx *x, record *r, char *err, size_t errlen);

static int demo_agreements(ctx *x, const long long *partner_ids, long long *out_ids, char *err,
                           size_t errlen)
{
    char today[11];
    clock_today(today);
    int n = 0;
    for (size_t i = 0; i < sizeof agreements / sizeof agreements[0]; i++) {
        verrs ve = {0};
        record r = rec_new(x->a, &agreement_entity);
        buf ids = {0};
        for (const char *p = agreements[i].partners; *p;) {
            buf_printf(&ids, "%s%lld", ids.len ? "," : "", partner_ids[atoi(p)]);
            while (*p && *p != ',')
                p++;
            if (*p) p++;
        }
        rec_set(&r, "title_vi", agreements[i].title_vi, &ve);
        rec_set(&r, "title_en", agreements[i].title_en, &ve);
        rec_set(&r, "kind", agreements[i].kind, &ve);
        rec_set(&r, "partner_ids", arena_strdup(x->a, buf_cstr(&ids)), &ve);
        rec_set(&r, "country", agreements[i].country, &ve);
        buf_free(&ids);
        rec_set(&r, "fields", agreements[i].fields, &ve);
        rec_set(&r, "place", agreements[i].place, &ve);
        rec_set(&r, "signatory_ours", agreements[i].ours, &ve);
        rec_set(&r, "signatory_theirs", agreements[i].theirs, &ve);
        rec_set(&r, "renewal", agreements[i].renewal, &ve);
        if (agreements[i].signed_ago) {
            const char *sig = day(x, today, -agreements[i].signed_ago);
            rec_set(&r, "signed_date", sig, &ve);
            rec_set(&r, "valid_from", sig, &ve);
            const char *to =
                agreements[i].ends_in
                    ? day(x, today, agreements[i].ends_in)
                    : day(x, today, -agreements[i].signed_ago + 365 * agreements[i].valid_years);
            rec_set(&r, "valid_to", to, &ve);
        }
        if (create(x, &r, err, errlen)) return -1;
        out_ids[i] = r.id;
        n++;
    }
    return n;
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
    long long deleg_ids[sizeof delegations / sizeof delegations[0]];
    int nd = demo_delegations(x, ids, deleg_ids, err, errlen);
    if (nd < 0) return -1;
    n += nd;
    long long agr_ids[sizeof agreements / sizeof agreements[0]];
    int na = demo_agreements(x, ids, agr_ids, err, errlen);
    if (na < 0) return -1;
    n += na;
    int nc = demo_commitments(x, deleg_ids, agr_ids[0], err, errlen);
    if (nc < 0) return -1;
    n += nc;
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
