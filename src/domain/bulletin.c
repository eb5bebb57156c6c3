/* The foreign-affairs bulletin (tập san đối ngoại): what is special to it beyond its record
 * descriptions.
 *
 * - Articles are written in Markdown, in Vietnamese (required) and English, Lao and Khmer
 *   (optional, for the partner provinces); each has a URL word (slug) of its own, a category,
 *   tags, an issue, and images attached to it (web/ui_bulletin.c gives readers stripped,
 *   resized copies).
 * - A leader publishes an article, now or at a time ("2026-12-05 08:00", the province's
 *   time); readers see it from then on. A leader withdraws it with a reason. Every change is
 *   in the audit log, which is the article's revisions (a revision is restored by writing it
 *   again: web/ui_bulletin.c).
 * - A reader's comment (name, e-mail, text) is written pending; staff approve, reject or mark
 *   it spam. The e-mail is private (F_PRIVATE): never in a public page, an export, the audit
 *   log or the search index. A comment holding a link is marked so.
 * - An officer starts an article from a record (a delegation, an agreement, a trade report, a
 *   project): a draft with its facts. */
#include "bulletin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "entities.h"
#include "ftypes.h"
#include "project.h"

#define R(x) (1u << (x))
#define WRITERS (R(ROLE_OFFICER) | R(ROLE_LEADER) | R(ROLE_ADMIN))
#define LEADERS (R(ROLE_LEADER) | R(ROLE_ADMIN))

const char *const bulletin_langs[BULLETIN_LANGS] = {"vi", "en", "lo", "km"};

int bulletin_lang(const char *code)
{
    for (int i = 0; code && i < BULLETIN_LANGS; i++)
        if (!strcmp(code, bulletin_langs[i])) return i;
    return -1;
}

/* ---- categories */

static const field category_fields[] = {
    {.name = "name_vi",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_UNIQUE | F_TITLE | F_LIST | F_SORT | F_SEARCH,
     .maxlen = 100,
     .vi = "Chuyên mục",
     .en = "Category (Vietnamese)"},
    {.name = "name_en",
     .type = FT_TEXT,
     .flags = F_LIST | F_SEARCH,
     .maxlen = 100,
     .vi = "Tên tiếng Anh",
     .en = "Category"},
    {.name = "name_lo", .type = FT_TEXT, .maxlen = 100, .vi = "Tên tiếng Lào", .en = "Lao"},
    {.name = "name_km", .type = FT_TEXT, .maxlen = 100, .vi = "Tên tiếng Khmer", .en = "Khmer"},
    {.name = "slug",
     .type = FT_TEXT,
     .flags = F_UNIQUE | F_LIST,
     .maxlen = 80,
     .vi = "Địa chỉ trên trang",
     .en = "Address word",
     .hint_vi = "Chữ không dấu nối bằng dấu gạch, như tin-tuc. Để trống: lấy từ tên.",
     .hint_en = "Letters without diacritics joined by hyphens, such as tin-tuc. Empty: from the "
                "name."},
};

/* Whether s is a slug: ASCII lower-case letters and digits, single hyphens inside. */
static bool slug_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 80 || s[0] == '-' || s[n - 1] == '-') return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              (s[i] == '-' && s[i + 1] != '-')))
            return false;
    return true;
}

static void slug_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *s = record_get(r, "slug");
    if (s && !slug_ok(s)) verrs_add(errs, "slug", M_SLUG_BAD, 0);
}

static void category_compute(const entity *e, record *r, arena *a)
{
    int si = entity_field_index(e, "slug");
    if (!r->v[si]) r->v[si] = bulletin_slug(a, record_get(r, "name_vi"));
    if (r->v[si] && !*r->v[si]) r->v[si] = NULL;
}

const entity bulletin_category_entity = {
    .name = "bulletin_category",
    .table = "bulletin_categories",
    .code = 32,
    .vi = "Chuyên mục tập san",
    .en = "Bulletin category",
    .plural_vi = "Chuyên mục tập san",
    .plural_en = "Bulletin categories",
    .fields = category_fields,
    .nfields = sizeof category_fields / sizeof category_fields[0],
    .check = slug_check,
    .compute = category_compute,
    .menu = "reports",
    .seed_fields = (const char *const[]){"name_vi", "name_en", "slug", NULL},
    .seed =
        (const seed_row[]){
            {{"Tin tức", "News", "tin-tuc"}},
            {{"Phỏng vấn", "Interviews", "phong-van"}},
            {{"Kêu gọi đầu tư", "Investment calls", "keu-goi-dau-tu"}},
            {{"Tỉnh bạn", "Partner provinces", "tinh-ban"}},
            {{NULL}},
        },
};

/* ---- issues */

static const field issue_fields[] = {
    {.name = "number",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_UNIQUE | F_LIST | F_SORT | F_NONNEG,
     .vi = "Số",
     .en = "Number"},
    {.name = "title_vi",
     .type = FT_TEXT,
     .flags = F_TITLE | F_LIST | F_SEARCH,
     .maxlen = 200,
     .vi = "Tên số",
     .en = "Title (Vietnamese)",
     .hint_vi = "Để trống: \"Tập san đối ngoại số\" và số.",
     .hint_en = "Empty: \"Tập san đối ngoại số\" (bulletin number) and the number."},
    {.name = "title_en",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Tên tiếng Anh",
     .en = "Title"},
    {.name = "published_on",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT,
     .vi = "Ngày phát hành",
     .en = "Date of issue"},
    {.name = "intro_vi",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 4000,
     .vi = "Lời giới thiệu",
     .en = "Introduction (Vietnamese)"},
    {.name = "intro_en",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 4000,
     .vi = "Lời giới thiệu (tiếng Anh)",
     .en = "Introduction"},
};

static void issue_compute(const entity *e, record *r, arena *a)
{
    int ti = entity_field_index(e, "title_vi"), te = entity_field_index(e, "title_en");
    const char *n = record_get(r, "number");
    if (!r->v[ti] && n) r->v[ti] = arena_printf(a, "Tập san đối ngoại số %s", n);
    if (!r->v[te] && n) r->v[te] = arena_printf(a, "Foreign Affairs Bulletin No. %s", n);
}

const entity bulletin_issue_entity = {
    .name = "bulletin_issue",
    .table = "bulletin_issues",
    .code = 33,
    .vi = "Số tập san",
    .en = "Bulletin issue",
    .plural_vi = "Các số tập san",
    .plural_en = "Bulletin issues",
    .fields = issue_fields,
    .nfields = sizeof issue_fields / sizeof issue_fields[0],
    .compute = issue_compute,
    .children =
        (const child_list[]){
            {"articles", "issue_id", "publish_at", false,
             (const char *const[]){"category_id", "status", NULL}},
            {NULL, NULL, NULL, false, NULL},
        },
    .menu = "reports",
};

/* ---- articles */

static const enum_opt article_states[] = {
    {"draft", "Bản nháp", "Draft"},
    {"review", "Chờ duyệt", "Awaiting approval"},
    {"published", "Đã đăng", "Published"},
    {"withdrawn", "Đã gỡ", "Withdrawn"},
    {NULL, NULL, NULL},
};

#define LANG_FIELDS(base, label_vi, label_en, type_, flags_, max)                                  \
    {.name = base "_vi",                                                                           \
     .type = type_,                                                                                \
     .flags = flags_,                                                                              \
     .maxlen = max,                                                                                \
     .vi = label_vi,                                                                               \
     .en = label_en " (Vietnamese)"},                                                              \
        {.name = base "_en",                                                                       \
         .type = type_,                                                                            \
         .flags = F_SEARCH,                                                                        \
         .maxlen = max,                                                                            \
         .vi = label_vi " (tiếng Anh)",                                                            \
         .en = label_en},                                                                          \
        {.name = base "_lo",                                                                       \
         .type = type_,                                                                            \
         .flags = F_SEARCH,                                                                        \
         .maxlen = max,                                                                            \
         .vi = label_vi " (tiếng Lào)",                                                            \
         .en = label_en " (Lao)"},                                                                 \
    {                                                                                              \
        .name = base "_km", .type = type_, .flags = F_SEARCH, .maxlen = max,                       \
        .vi = label_vi " (tiếng Khmer)", .en = label_en " (Khmer)"                                 \
    }

static const field article_fields[] = {
    LANG_FIELDS("title", "Tiêu đề", "Title", FT_TEXT,
                F_REQUIRED | F_TITLE | F_SEARCH | F_LIST | F_SORT, 300),
    {.name = "slug",
     .type = FT_TEXT,
     .flags = F_UNIQUE,
     .maxlen = 80,
     .vi = "Địa chỉ trên trang",
     .en = "Address word",
     .hint_vi = "Chữ không dấu nối bằng dấu gạch. Để trống: lấy từ tiêu đề; giữ nguyên khi sửa "
                "tiêu đề.",
     .hint_en = "Letters without diacritics joined by hyphens. Empty: from the title; kept when "
                "the title changes."},
    {.name = "category_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Chuyên mục",
     .en = "Category",
     .ref = "bulletin_categories"},
    {.name = "issue_id",
     .type = FT_REF,
     .flags = F_LIST | F_FILTER,
     .vi = "Số tập san",
     .en = "Issue",
     .ref = "bulletin_issues"},
    {.name = "tags",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Từ khóa",
     .en = "Tags",
     .hint_vi = "Cách nhau bởi dấu phẩy, như: Lào, hợp tác biên giới.",
     .hint_en = "Separated by commas, such as: Laos, border cooperation."},
    {.name = "author",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 200,
     .vi = "Tác giả",
     .en = "Author"},
    LANG_FIELDS("summary", "Tóm tắt", "Summary", FT_LONGTEXT, F_SEARCH, 600),
    LANG_FIELDS("body", "Nội dung (Markdown)", "Text (Markdown)", FT_LONGTEXT,
                F_REQUIRED | F_SEARCH, 100000),
    {.name = "status",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Tình trạng",
     .en = "Status",
     .opts = article_states,
     .initial = "draft"},
    {.name = "publish_at",
     .type = FT_TEXT,
     .flags = F_READONLY | F_LIST | F_SORT,
     .maxlen = 16,
     .vi = "Đăng lúc",
     .en = "Published at",
     .hint_vi = "Ngày giờ theo giờ Việt Nam, như 2026-12-05 08:00; để trống: ngay bây giờ.",
     .hint_en = "Day and time, Vietnam time, such as 2026-12-05 08:00; empty: now."},
    {.name = "source_table",
     .type = FT_TEXT,
     .flags = F_READONLY,
     .maxlen = 40,
     .vi = "Viết từ hồ sơ loại",
     .en = "Started from a record of"},
    {.name = "source_id",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_NONNEG,
     .vi = "Viết từ hồ sơ số",
     .en = "Started from record"},
};

const char *article_text(const record *a, const char *base, int lang)
{
    if (lang < 0 || lang >= BULLETIN_LANGS) return NULL;
    char name[40];
    snprintf(name, sizeof name, "%s_%s", base, bulletin_langs[lang]);
    const char *v = record_get(a, name);
    return v && *v ? v : NULL;
}

bool article_has_lang(const record *a, int lang)
{
    return article_text(a, "title", lang) && article_text(a, "body", lang);
}

/* "YYYY-MM-DD HH:MM", a real day and time. */
static bool publish_at_ok(const char *s)
{
    if (strlen(s) != 16 || s[10] != ' ' || s[13] != ':') return false;
    char day[11];
    memcpy(day, s, 10);
    day[10] = 0;
    char back[11];
    if (!clock_day_shift(day, 0, back) || strcmp(back, day)) return false;
    for (int i = 11; i < 16; i++)
        if (i != 13 && (s[i] < '0' || s[i] > '9')) return false;
    return atoi(s + 11) < 24 && atoi(s + 14) < 60;
}

static void article_check(const entity *e, const record *r, verrs *errs)
{
    slug_check(e, r, errs);
    const char *p = record_get(r, "publish_at");
    if (p && !publish_at_ok(p)) verrs_add(errs, "publish_at", M_PUBLISH_AT_BAD, 0);
    /* a translation is whole: its title with its text */
    static const char *const bodies[BULLETIN_LANGS] = {"body_vi", "body_en", "body_lo", "body_km"},
                             *const titles[BULLETIN_LANGS] = {"title_vi", "title_en", "title_lo",
                                                              "title_km"};
    for (int l = 1; l < BULLETIN_LANGS; l++) {
        bool t = article_text(r, "title", l), b = article_text(r, "body", l);
        if (t && !b) verrs_add(errs, bodies[l], M_TRANSLATION_HALF, 0);
        if (b && !t) verrs_add(errs, titles[l], M_TRANSLATION_HALF, 0);
    }
}

const char *bulletin_now(char out[17])
{
    time_t t = (time_t)clock_unix() + 7 * 3600; /* the province's time: UTC+7, no summer time */
    struct tm tm;
    gmtime_r(&t, &tm);
    char today[11];
    clock_today(today); /* NGOAIVU_TODAY (tests, the demo) moves the day */
    snprintf(out, 17, "%s %02d:%02d", today, tm.tm_hour, tm.tm_min);
    return out;
}

char *bulletin_slug(arena *a, const char *text)
{
    char *f = text ? text_fold(a, text) : NULL;
    char *out = arena_alloc(a, 82), *o = out;
    bool gap = false;
    for (const char *p = f ? f : ""; *p && o - out < 80; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (gap && o > out) *o++ = '-';
            *o++ = c;
            gap = false;
        } else {
            gap = true;
        }
    }
    while (o > out && o[-1] == '-')
        o--;
    *o = 0;
    return out;
}

/* A new article's slug from its title, made unique with -2, -3, ...; published with no time
 * given: now. */
static int article_admit(ctx *x, const record *old, record *r, verrs *ve)
{
    (void)ve;
    int pi = entity_field_index(r->e, "publish_at"), sti = entity_field_index(r->e, "status");
    if (old && strcmp(old->v[sti], "published") && !strcmp(r->v[sti], "published") && !r->v[pi]) {
        char now[17];
        r->v[pi] = arena_strdup(x->a, bulletin_now(now));
    }
    int si = entity_field_index(r->e, "slug");
    if (r->v[si]) return 0;
    if (old && old->v[si]) {
        r->v[si] = old->v[si]; /* an address given out stays */
        return 0;
    }
    const char *base = bulletin_slug(x->a, record_get(r, "title_vi"));
    if (!*base) base = "bai-viet";
    for (int k = 1; k < 1000; k++) {
        const char *s = k == 1 ? base : arena_printf(x->a, "%.74s-%d", base, k);
        long long other = 0;
        if (st_rec_find_dup(x->c, r->e, si, s, r->id, &other) != ST_OK) return -1;
        if (!other) {
            r->v[si] = s;
            return 0;
        }
    }
    return 0;
}

static const transition article_steps[] = {
    {"draft", "review", WRITERS, 0, NULL},
    {"review", "draft", WRITERS, T_REASON, NULL},
    {"draft", "published", LEADERS, T_CONFIRM, "publish_at"},
    {"review", "published", LEADERS, T_CONFIRM, "publish_at"},
    {"published", "withdrawn", LEADERS, T_REASON, NULL},
    {"withdrawn", "draft", WRITERS, 0, NULL},
    {NULL, NULL, 0, 0, NULL},
};

const entity article_entity = {
    .name = "article",
    .table = "articles",
    .code = 34,
    .vi = "Bài viết",
    .en = "Article",
    .plural_vi = "Bài viết tập san",
    .plural_en = "Bulletin articles",
    .fields = article_fields,
    .nfields = sizeof article_fields / sizeof article_fields[0],
    .check = article_check,
    .admit = article_admit,
    .status_field = "status",
    .transitions = article_steps,
    .attachments = true,
    .restorable = true,
    .menu = "reports",
};

void bulletin_public_filter(list_query *q, const char *now)
{
    const entity *e = &article_entity;
    if (q->nf + 2 > LIST_FILTERS_MAX) return;
    q->f[q->nf++] = (list_filter){entity_field_index(e, "status"), "published", '='};
    q->f[q->nf++] = (list_filter){entity_field_index(e, "publish_at"), now, '<'};
}

int bulletin_next_publication(ctx *x, const char *now, char out[17])
{
    const entity *e = &article_entity;
    list_query q = {.sort = entity_field_index(e, "publish_at"), .limit = 1, .no_lists = true};
    q.f[q.nf++] = (list_filter){entity_field_index(e, "status"), "published", '='};
    q.f[q.nf++] = (list_filter){entity_field_index(e, "publish_at"), now, 'g'};
    record *rows;
    int n;
    out[0] = 0;
    if (st_rec_list(x->c, x->a, e, &q, &rows, &n) != ST_OK) return -1;
    if (n && record_get(&rows[0], "publish_at"))
        snprintf(out, 17, "%s", record_get(&rows[0], "publish_at"));
    return 0;
}

int article_tags(arena *a, const record *r, const char **slugs, const char **names, int max)
{
    const char *t = record_get(r, "tags");
    int n = 0;
    for (const char *p = t ? t : ""; *p && n < max;) {
        size_t k = strcspn(p, ",;");
        char *one = arena_strndup(a, p, k);
        text_trim(one);
        const char *s = bulletin_slug(a, one);
        bool dup = false;
        for (int i = 0; i < n; i++)
            dup |= !strcmp(slugs[i], s);
        if (*s && !dup) {
            slugs[n] = s;
            names[n++] = one;
        }
        p += k;
        if (*p) p++;
    }
    return n;
}

/* ---- comments */

static const enum_opt comment_states[] = {
    {"pending", "Chờ duyệt", "Awaiting moderation"},
    {"approved", "Đã duyệt", "Approved"},
    {"rejected", "Không đăng", "Rejected"},
    {"spam", "Thư rác", "Spam"},
    {NULL, NULL, NULL},
};

static const field comment_fields[] = {
    {.name = "article_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Bài viết",
     .en = "Article",
     .ref = "articles"},
    {.name = "name",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_TITLE | F_LIST,
     .maxlen = 100,
     .vi = "Họ tên",
     .en = "Name"},
    {.name = "email",
     .type = FT_EMAIL,
     .flags = F_REQUIRED | F_PRIVATE,
     .maxlen = 200,
     .vi = "E-mail (không công khai)",
     .en = "E-mail (never shown publicly)"},
    {.name = "body",
     .type = FT_LONGTEXT,
     .flags = F_REQUIRED | F_LIST,
     .maxlen = 3000,
     .vi = "Ý kiến",
     .en = "Comment"},
    {.name = "has_links",
     .type = FT_BOOL,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Có đường dẫn",
     .en = "Holds links"},
    {.name = "status",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Tình trạng",
     .en = "Status",
     .opts = comment_states,
     .initial = "pending"},
};

bool text_has_link(const char *s)
{
    if (!s) return false;
    char *low = strdup(s);
    for (char *p = low; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    bool link = strstr(low, "http://") || strstr(low, "https://") || strstr(low, "www.") ||
                strstr(low, "://");
    /* a bare domain: letters, a dot, two or more letters, then a slash ("evil.example/x") */
    for (const char *p = low; !link && (p = strchr(p, '.')); p++) {
        size_t tld = 0;
        while (p[1 + tld] >= 'a' && p[1 + tld] <= 'z')
            tld++;
        link = p > low && p[-1] >= 'a' && p[-1] <= 'z' && tld >= 2 && p[1 + tld] == '/';
    }
    free(low);
    return link;
}

static void comment_compute(const entity *e, record *r, arena *a)
{
    (void)a;
    r->v[entity_field_index(e, "has_links")] = text_has_link(record_get(r, "body")) ? "1" : "0";
}

static const transition comment_steps[] = {
    {"pending", "approved", WRITERS, 0, NULL},
    {"pending", "rejected", WRITERS, 0, NULL},
    {"pending", "spam", WRITERS, 0, NULL},
    {"approved", "rejected", WRITERS, 0, NULL},
    {"rejected", "approved", WRITERS, 0, NULL},
    {"spam", "pending", WRITERS, 0, NULL},
    {NULL, NULL, 0, 0, NULL},
};

const entity comment_entity = {
    .name = "comment",
    .table = "comments",
    .code = 36,
    .vi = "Ý kiến bạn đọc",
    .en = "Reader's comment",
    .plural_vi = "Ý kiến bạn đọc",
    .plural_en = "Readers' comments",
    .fields = comment_fields,
    .nfields = sizeof comment_fields / sizeof comment_fields[0],
    .compute = comment_compute,
    .status_field = "status",
    .transitions = comment_steps,
    .public_create = true,
    .menu = "reports",
};

rstatus comment_add(ctx *x, long long article_id, const char *name, const char *email,
                    const char *body, verrs *ve)
{
    record a; /* read as the store has it: a reader may not read records, only comment */
    int rc = st_rec_get(x->c, x->a, &article_entity, article_id, &a);
    if (rc) return rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
    char now[17];
    bulletin_now(now);
    const char *st = record_get(&a, "status"), *at = record_get(&a, "publish_at");
    if (!st || strcmp(st, "published") || !at || strcmp(at, now) > 0) return RS_NOTFOUND;
    record r = rec_new(x->a, &comment_entity);
    rec_set(&r, "article_id", arena_printf(x->a, "%lld", article_id), ve);
    rec_set(&r, "name", name, ve);
    rec_set(&r, "email", email, ve);
    rec_set(&r, "body", body, ve);
    return rec_create(x, &r, ve);
}

/* ---- articles from records */

static const entity *const sources[] = {&delegation_entity, &agreement_entity, &trade_report_entity,
                                        &project_entity, NULL};

bool article_source_ok(const entity *e)
{
    for (int i = 0; sources[i]; i++)
        if (sources[i] == e) return true;
    return false;
}

rstatus article_from_record(ctx *x, const entity *e, long long rid, long long *id)
{
    if (!article_source_ok(e)) return RS_INVALID;
    record src;
    ctx vx = *x;
    vx.lang = "vi";
    rstatus rs = rec_get(&vx, e, rid, &src);
    if (rs != RS_OK) return rs;
    /* the category: news, else the first */
    const entity *ce = &bulletin_category_entity;
    list_query q = {.sort = -1, .limit = 1};
    q.f[q.nf++] = (list_filter){entity_field_index(ce, "slug"), "tin-tuc", '='};
    record *cats;
    int nc;
    if (st_rec_list(x->c, x->a, ce, &q, &cats, &nc) != ST_OK) return RS_ERROR;
    if (!nc) {
        q.nf = 0;
        if (st_rec_list(x->c, x->a, ce, &q, &cats, &nc) != ST_OK) return RS_ERROR;
    }
    buf facts = {0}, texts = {0};
    const char *summary = NULL;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!src.v[i] || (f->flags & (F_TITLE | F_PRIVATE)) || !strcmp(f->name, "status") ||
            f->type == FT_REFS)
            continue;
        if (!strcmp(f->name, "iati_id") || !strcmp(f->name, "revision") ||
            !strcmp(f->name, "latest") || strstr(f->name, "_sort"))
            continue;
        const char *v = rec_display(&vx, &src, i);
        if (!v || !*v) continue;
        if (f->type == FT_LONGTEXT) {
            buf_printf(&texts, "%s\n\n", v);
            if (!summary) summary = arena_strndup(x->a, v, 500);
        } else {
            buf_printf(&facts, "- **%s:** %s\n", f->vi, v);
        }
    }
    const char *title = rec_title(&vx, &src, NULL);
    record a = rec_new(x->a, &article_entity);
    verrs ve = {0};
    rec_set(&a, "title_vi", title, &ve);
    rec_set(&a, "summary_vi", summary, &ve);
    rec_set(&a, "body_vi", arena_printf(x->a, "%s%s", buf_cstr(&texts), buf_cstr(&facts)), &ve);
    if (nc) rec_set(&a, "category_id", arena_printf(x->a, "%lld", cats[0].id), &ve);
    buf_free(&facts);
    buf_free(&texts);
    a.v[entity_field_index(&article_entity, "source_table")] = e->table;
    a.v[entity_field_index(&article_entity, "source_id")] = arena_printf(x->a, "%lld", rid);
    rs = rec_create_by_code(x, &a, &ve);
    if (rs == RS_OK) *id = a.id;
    return rs;
}
