/* The demo's bulletin: two issues, articles in every state (published in Vietnamese and
 * English, one with Lao and Khmer versions for the partner provinces, one published for
 * tomorrow morning, one awaiting a leader, a draft), a picture drawn here for two of them, and
 * readers' comments to moderate (approved, pending, one with a link, one spam). */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "bulletin.h"
#include "demo.h"

typedef struct {
    const char *title_vi, *title_en, *title_lo, *title_km, *tags, *summary_vi, *summary_en;
    const char *body_vi, *body_en, *body_lo, *body_km;
    const char *category; /* its slug */
    int issue;            /* 1 or 2; 0: none */
    int days_ago;         /* published that many days ago; -1: tomorrow 08:00 */
    const char *state;    /* "published", "review", "draft" */
    int picture;          /* 0: none; else its colour */
} demo_article;

static const demo_article articles[] = {
    {"Đoàn công tác tỉnh Attapeu thăm và làm việc tại Quảng Ngãi",
     "Attapeu Province delegation visits Quang Ngai",
     "ຄະນະຜູ້ແທນແຂວງອັດຕະປື ຢ້ຽມຢາມ ແລະ ເຮັດວຽກຢູ່ ແຂວງກວາງຫງາຍ", NULL, "Lào, Attapeu, hợp tác",
     "Hai tỉnh thống nhất kế hoạch hợp tác năm tới về y tế, giáo dục và thương mại qua cửa khẩu Bờ "
     "Y.",
     "The two provinces agreed next year's plan for health, education and trade through Bo Y.",
     "## Kết quả làm việc\n\nTrong chuyến thăm, đoàn công tác tỉnh Attapeu do Phó Tỉnh trưởng dẫn "
     "đầu đã làm việc với Ủy ban nhân dân tỉnh về **kế hoạch hợp tác năm tới**.\n\nHai bên thống "
     "nhất:\n\n- mở rộng khám chữa bệnh cho người dân vùng biên;\n- tiếp nhận 30 học sinh, sinh "
     "viên tỉnh bạn sang học tập;\n- tạo thuận lợi cho hàng hóa qua cặp cửa khẩu quốc tế Bờ Y – "
     "Phou Keua.\n\n> Tình hữu nghị đặc biệt Việt Nam – Lào là tài sản vô giá của hai dân tộc.\n",
     "## Results\n\nThe delegation, led by the Vice Governor of Attapeu, met the Provincial "
     "People's Committee on **next year's cooperation plan**: health care for people of the "
     "border area, 30 scholarships, and easier trade through the Bo Y – Phou Keua gates.\n",
     "ສອງແຂວງ ໄດ້ຕົກລົງ ແຜນການຮ່ວມມື ປີໜ້າ ດ້ານສາທາລະນະສຸກ, ການສຶກສາ ແລະ ການຄ້າ ຜ່ານດ່ານສາກົນ "
     "ບໍອີ - ພູເກືອ.\n",
     NULL, "tin-tuc", 1, 20, "published", 1},
    {"Gặp gỡ Tỉnh trưởng tỉnh Ratanakiri", "Meeting the Governor of Ratanakiri", NULL,
     "ជួបជាមួយអភិបាលខេត្តរតនគិរី", "Campuchia, Ratanakiri, phỏng vấn",
     "Trao đổi về hợp tác phát triển vùng biên giới Việt Nam – Campuchia.", NULL,
     "Phóng viên Tập san đã có cuộc trao đổi với Tỉnh trưởng tỉnh Ratanakiri về hợp tác giữa hai "
     "tỉnh.\n\n**Hỏi:** Ông đánh giá thế nào về quan hệ giữa hai tỉnh?\n\n**Đáp:** Quan hệ hữu "
     "nghị, hợp tác giữa hai tỉnh ngày càng phát triển, nhất là về thương mại và an ninh biên "
     "giới.\n",
     "The Bulletin spoke with the Governor of Ratanakiri about the two provinces' cooperation, "
     "above all in trade and border security.\n",
     NULL, "អភិបាលខេត្តរតនគិរី បានផ្តល់បទសម្ភាសន៍ អំពីកិច្ចសហប្រតិបត្តិការ រវាងខេត្តទាំងពីរ។\n", "phong-van", 1, 15,
     "published", 0},
    {"Kêu gọi đầu tư vào Khu kinh tế cửa khẩu quốc tế Bờ Y",
     "Invest in the Bo Y International Border Gate Economic Zone", NULL, NULL,
     "đầu tư, Bờ Y, khu kinh tế",
     "Tỉnh kêu gọi nhà đầu tư vào logistics, kho bãi và chế biến nông sản tại Khu kinh tế.",
     "The province invites investment in logistics, warehouses and food processing.",
     "## Lĩnh vực kêu gọi\n\n1. Trung tâm logistics và kho ngoại quan.\n2. Chế biến nông sản, "
     "dược liệu.\n3. Dịch vụ thương mại cửa khẩu.\n\nNhà đầu tư được hưởng ưu đãi theo quy định "
     "về khu kinh tế cửa khẩu.\n",
     "## What we seek\n\n1. A logistics centre and bonded warehouses.\n2. Food and medicinal "
     "plant processing.\n3. Border trade services.\n",
     NULL, NULL, "keu-goi-dau-tu", 2, 6, "published", 2},
    {"Tỉnh Sê Kông: vùng đất và con người", "Sekong Province: the land and its people", NULL, NULL,
     "Lào, Sê Kông, tỉnh bạn",
     "Giới thiệu tỉnh bạn Sê Kông của nước Cộng hòa Dân chủ Nhân dân Lào.", NULL,
     "Sê Kông là tỉnh miền núi phía Nam Lào, có chung đường biên giới với Việt Nam, giàu tiềm "
     "năng thủy điện và du lịch sinh thái.\n",
     "Sekong is a mountain province of southern Laos on the border with Vietnam, rich in "
     "hydropower and eco-tourism.\n",
     NULL, NULL, "tinh-ban", 2, 2, "published", 0},
    {"Hội nghị xúc tiến thương mại ba tỉnh biên giới", NULL, NULL, NULL, "thương mại, hội nghị",
     "Hội nghị diễn ra sáng mai tại trung tâm hội nghị tỉnh.", NULL,
     "Hội nghị xúc tiến thương mại giữa ba tỉnh biên giới sẽ khai mạc vào sáng mai.\n", NULL, NULL,
     NULL, "tin-tuc", 2, -1, "published", 0},
    {"Kết quả công tác biên giới năm nay", NULL, NULL, NULL, "biên giới", NULL, NULL,
     "Bài đang chờ lãnh đạo Sở duyệt đăng.\n", NULL, NULL, NULL, "tin-tuc", 0, 0, "review", 0},
    {"Bản nháp: chương trình học bổng cho tỉnh bạn", NULL, NULL, NULL, "học bổng", NULL, NULL,
     "Đang soạn.\n", NULL, NULL, NULL, "tin-tuc", 0, 0, "draft", 0},
};

/* A picture for the demo: a gradient in the bulletin's colours with its title's first words. */
static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
    buf_put(closure, data, n);
    return CAIRO_STATUS_SUCCESS;
}

static void picture(int colour, const char *text, buf *out)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
    cairo_t *c = cairo_create(s);
    cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 1600, 900);
    if (colour == 1) {
        cairo_pattern_add_color_stop_rgb(g, 0, 0.55, 0.10, 0.10);
        cairo_pattern_add_color_stop_rgb(g, 1, 0.95, 0.75, 0.30);
    } else {
        cairo_pattern_add_color_stop_rgb(g, 0, 0.04, 0.36, 0.68);
        cairo_pattern_add_color_stop_rgb(g, 1, 0.20, 0.70, 0.55);
    }
    cairo_set_source(c, g);
    cairo_paint(c);
    cairo_pattern_destroy(g);
    cairo_set_source_rgba(c, 1, 1, 1, 0.9);
    cairo_select_font_face(c, "Liberation Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(c, 96);
    cairo_move_to(c, 90, 780);
    cairo_show_text(c, text);
    cairo_destroy(c);
    cairo_surface_write_to_png_stream(s, to_buf, out);
    cairo_surface_destroy(s);
}

static int issue(ctx *x, int number, const char *on, long long *id, char *err, size_t errlen)
{
    record r = rec_new(x->a, &bulletin_issue_entity);
    verrs ve = {0};
    rec_set(&r, "number", arena_printf(x->a, "%d", number), &ve);
    rec_set(&r, "published_on", on, &ve);
    rec_set(&r, "intro_vi",
            number == 1 ? "Số đầu tiên của Tập san đối ngoại giới thiệu hoạt động hợp tác với "
                          "các tỉnh bạn của Lào và Campuchia."
                        : "Số này dành cho xúc tiến đầu tư và các tỉnh bạn.",
            &ve);
    rec_set(&r, "intro_en",
            number == 1 ? "The first issue presents the province's cooperation with its partner "
                          "provinces of Laos and Cambodia."
                        : "This issue is about investment and our partner provinces.",
            &ve);
    if (demo_create(x, &r, err, errlen)) return -1;
    *id = r.id;
    return 0;
}

static long long category(ctx *x, const char *slug)
{
    const entity *e = &bulletin_category_entity;
    list_query q = {.sort = -1, .limit = 1, .nf = 1};
    q.f[0] = (list_filter){entity_field_index(e, "slug"), slug, '='};
    record *rows;
    int n = 0;
    return st_rec_list(x->c, x->a, e, &q, &rows, &n) == ST_OK && n ? rows[0].id : 0;
}

static int comment(ctx *x, long long article, const char *name, const char *email, const char *body,
                   const char *to, ctx *leader, const char *today, char *err, size_t errlen)
{
    ctx reader = *x;
    reader.role = ROLE_NONE;
    reader.username = "public";
    reader.user_id = 0;
    verrs ve = {0};
    record r = rec_new(x->a, &comment_entity);
    rec_set(&r, "article_id", arena_printf(x->a, "%lld", article), &ve);
    rec_set(&r, "name", name, &ve);
    rec_set(&r, "email", email, &ve);
    rec_set(&r, "body", body, &ve);
    if (rec_create(&reader, &r, &ve) != RS_OK) {
        snprintf(err, errlen, "demo comment refused (%s)", ve.n ? ve.e[0].field : "?");
        return -1;
    }
    return to ? demo_step(leader, &comment_entity, r.id, to, NULL, NULL, today, err, errlen) : 0;
}

int demo_bulletin(ctx *x, ctx *leader, const char *today, int *n, char *err, size_t errlen)
{
    long long issues[3] = {0};
    if (issue(x, 1, demo_shift(x, today, -21), &issues[1], err, errlen) ||
        issue(x, 2, demo_shift(x, today, -7), &issues[2], err, errlen))
        return -1;
    *n += 2;
    long long first = 0, third = 0;
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
        const demo_article *d = &articles[i];
        record r = rec_new(x->a, &article_entity);
        verrs ve = {0};
        const char *kv[][2] = {
            {"title_vi", d->title_vi},
            {"title_en", d->title_en},
            {"title_lo", d->title_lo},
            {"title_km", d->title_km},
            {"tags", d->tags},
            {"summary_vi", d->summary_vi},
            {"summary_en", d->summary_en},
            {"body_vi", d->body_vi},
            {"body_en", d->body_en},
            {"body_lo", d->body_lo},
            {"body_km", d->body_km},
            {"author", "Phòng Thông tin đối ngoại"},
        };
        for (size_t k = 0; k < sizeof kv / sizeof kv[0]; k++)
            rec_set(&r, kv[k][0], kv[k][1], &ve);
        rec_set(&r, "category_id", arena_printf(x->a, "%lld", category(x, d->category)), &ve);
        if (d->issue) rec_set(&r, "issue_id", arena_printf(x->a, "%lld", issues[d->issue]), &ve);
        if (demo_create(x, &r, err, errlen)) return -1;
        (*n)++;
        if (d->picture) {
            buf png = {0};
            picture(d->picture, d->picture == 1 ? "Attapeu – Quảng Ngãi" : "Bờ Y", &png);
            attach_row out;
            rstatus rs =
                attach_add(x, &article_entity, r.id, d->picture == 1 ? "attapeu.png" : "bo-y.png",
                           png.data, png.len, &ve, &out);
            buf_free(&png);
            if (rs != RS_OK) {
                snprintf(err, errlen, "demo picture refused");
                return -1;
            }
        }
        if (!strcmp(d->state, "review") &&
            demo_step(leader, &article_entity, r.id, "review", NULL, NULL, today, err, errlen))
            return -1;
        if (!strcmp(d->state, "published")) {
            /* published on its day at 08:00; the one for tomorrow is published now, for then */
            const char *at = arena_printf(x->a, "%s 08:00",
                                          demo_shift(x, today, d->days_ago < 0 ? 1 : -d->days_ago));
            ctx lx = *leader;
            record out;
            verrs sv = {0};
            if (rec_step(&lx, &article_entity, r.id, "published", NULL, at, &out, &sv) != RS_OK) {
                snprintf(err, errlen, "demo article %zu: publication refused", i);
                return -1;
            }
        }
        if (i == 0) first = r.id;
        if (i == 2) third = r.id;
    }
    if (comment(x, first, "Somphone Keomany", "somphone@example.la",
                "Chúc mừng hai tỉnh! Mong hợp tác ngày càng tốt đẹp.", "approved", leader, today,
                err, errlen) ||
        comment(x, first, "Nguyễn Thị Lan", "lan.nguyen@example.vn",
                "Xin hỏi chương trình học bổng năm nay nhận hồ sơ đến khi nào?", "approved", leader,
                today, err, errlen) ||
        comment(x, first, "Trần Văn Minh", "minh@example.vn",
                "Đề nghị đăng thêm ảnh của chuyến thăm.", NULL, leader, today, err, errlen) ||
        comment(x, third, "Investor Co.", "contact@example.com",
                "Please send details: https://example.com/contact", NULL, leader, today, err,
                errlen) ||
        comment(x, third, "Cheap deals", "spam@example.net", "Buy now www.spam.example/offer",
                "spam", leader, today, err, errlen))
        return -1;
    *n += 5;
    return 0;
}
