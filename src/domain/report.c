/* Periodic reports (báo cáo định kỳ): a record per report (its period, the summary line, who
 * it goes to, the narrative sections an officer writes, the signer), and the document drawn
 * from it and the live data: delegations by direction, level, channel and country;
 * agreements signed and in force; commitments by status and agency with the overdue list;
 * projects by stage and amounts by year; trade by gate with the consistency flags;
 * incidents by category and markers by condition; scholarships; the integration
 * programme's targets.
 *
 * Special: a leader issues a report (the workflow step draft -> issued). The step gives it
 * the next number of the year and its symbol ("07/BC-SNgV", Decree 30/2020: numbers below
 * 10 padded), dates it, and freezes it: the document (JSON) and each of its files (PDF,
 * DOCX, XLSX, HTML) are stored by their SHA-256 in the same unit, and from then on the
 * record is frozen (no edit, no delete: entity.frozen) and every download is those bytes.
 * A draft is drawn anew at each request.
 *
 * The document is Vietnamese (an administrative document of a Vietnamese body), whatever
 * the language of the page that asks for it. Figures of a period are counted from its
 * first to its last day; states (a commitment's, a marker's) are as of the day the report
 * is drawn, and the document says so. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "app.h"
#include "commitment.h"
#include "entities.h"
#include "programme.h"
#include "refdata.h"

#define R(x) (1u << (x))
#define ROWS_MAX 2000
/* The overdue commitments a report lists: those overdue longest (the count says the rest). */
#define OVERDUE_LISTED 200

static const enum_opt report_states[] = {
    {"draft", "Dự thảo", "Draft"},
    {"issued", "Đã ban hành", "Issued"},
    {NULL, NULL, NULL},
};

static const enum_opt period_kinds[] = {
    {"month", "Tháng", "Month"},
    {"quarter", "Quý", "Quarter"},
    {"half", "6 tháng", "Half year"},
    {"year", "Năm", "Year"},
    {NULL, NULL, NULL},
};

static const field report_fields[] = {
    {.name = "period",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER,
     .maxlen = 7,
     .vi = "Kỳ báo cáo",
     .en = "Period",
     .hint_vi = "Tháng 2019-03, quý 2019-Q1, 6 tháng 2019-H1 hoặc năm 2019.",
     .hint_en = "A month 2019-03, a quarter 2019-Q1, a half year 2019-H1 or a year 2019."},
    {.name = "period_kind",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Loại kỳ",
     .en = "Kind of period",
     .opts = period_kinds},
    {.name = "summary",
     .type = FT_TEXT,
     .flags = F_TITLE | F_SEARCH | F_LIST,
     .maxlen = 300,
     .vi = "Trích yếu",
     .en = "Summary line",
     .hint_vi = "Để trống: \"Công tác đối ngoại\" và kỳ báo cáo.",
     .hint_en = "Empty: \"Công tác đối ngoại\" (foreign affairs work) and the period."},
    {.name = "recipients",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 1000,
     .vi = "Kính gửi",
     .en = "To",
     .hint_vi = "Mỗi nơi một dòng. Để trống: như báo cáo trước, hoặc UBND tỉnh.",
     .hint_en = "One per line. Empty: as the last report, or the provincial People's "
                "Committee."},
    {.name = "results",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 20000,
     .vi = "Kết quả (đánh giá chung)",
     .en = "Results (overview)",
     .hint_vi = "Đứng trước các số liệu của phần I. Các đoạn cách nhau một dòng trống.",
     .hint_en = "Comes before the figures of part I. Paragraphs are separated by an empty "
                "line."},
    {.name = "difficulties",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 20000,
     .vi = "Khó khăn, vướng mắc",
     .en = "Difficulties"},
    {.name = "proposals",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 20000,
     .vi = "Phương hướng, đề xuất, kiến nghị",
     .en = "Next steps and proposals"},
    {.name = "signer_authority",
     .type = FT_TEXT,
     .maxlen = 60,
     .vi = "Thẩm quyền ký",
     .en = "Signing authority",
     .hint_vi = "Như KT. GIÁM ĐỐC; để trống khi Giám đốc ký.",
     .hint_en = "Such as KT. GIÁM ĐỐC (on behalf of the director); empty when the director "
                "signs."},
    {.name = "signer_title",
     .type = FT_TEXT,
     .maxlen = 60,
     .vi = "Chức vụ người ký",
     .en = "Signer's title"},
    {.name = "signer_name", .type = FT_TEXT, .maxlen = 100, .vi = "Người ký", .en = "Signer"},
    {.name = "cc",
     .type = FT_LONGTEXT,
     .maxlen = 2000,
     .vi = "Nơi nhận",
     .en = "Copies to",
     .hint_vi = "Mỗi nơi một dòng, như \"Như trên;\" và cuối cùng \"Lưu: VT, NV.\".",
     .hint_en =
         "One per line, such as \"Như trên;\" (as above) and last \"Lưu: VT, NV.\" (filed)."},
    {.name = "status",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Tình trạng",
     .en = "Status",
     .opts = report_states,
     .initial = "draft"},
    {.name = "number",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_NONNEG,
     .vi = "Số",
     .en = "Number"},
    {.name = "symbol",
     .type = FT_TEXT,
     .flags = F_READONLY | F_LIST | F_SEARCH,
     .maxlen = 40,
     .vi = "Số, ký hiệu",
     .en = "Number and symbol"},
    {.name = "issued_on",
     .type = FT_DATE,
     .flags = F_READONLY | F_LIST | F_SORT,
     .vi = "Ngày ban hành",
     .en = "Issued on"},
    {.name = "frozen_sha",
     .type = FT_TEXT,
     .flags = F_READONLY | F_FILE,
     .maxlen = 64,
     .vi = "Bản lưu khi ban hành (SHA-256)",
     .en = "Copy frozen when issued (SHA-256)"},
    {.name = "pdf_sha",
     .type = FT_TEXT,
     .flags = F_READONLY | F_FILE,
     .maxlen = 64,
     .vi = "PDF (SHA-256)",
     .en = "PDF (SHA-256)"},
    {.name = "docx_sha",
     .type = FT_TEXT,
     .flags = F_READONLY | F_FILE,
     .maxlen = 64,
     .vi = "DOCX (SHA-256)",
     .en = "DOCX (SHA-256)"},
    {.name = "xlsx_sha",
     .type = FT_TEXT,
     .flags = F_READONLY | F_FILE,
     .maxlen = 64,
     .vi = "XLSX (SHA-256)",
     .en = "XLSX (SHA-256)"},
    {.name = "html_sha",
     .type = FT_TEXT,
     .flags = F_READONLY | F_FILE,
     .maxlen = 64,
     .vi = "HTML (SHA-256)",
     .en = "HTML (SHA-256)"},
};

/* ---- periods */

static const char *const roman[] = {"", "I", "II", "III", "IV"};
static const char *const months_en[] = {"",        "January",  "February", "March",  "April",
                                        "May",     "June",     "July",     "August", "September",
                                        "October", "November", "December"};

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

bool report_period_parse(const char *s, report_period *p)
{
    memset(p, 0, sizeof *p);
    if (!s || strlen(s) < 4 || strspn(s, "0123456789") < 4) return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 2000 || y > 2100) return false;
    const char *t = s + 4;
    int m1, m2;
    if (!*t) {
        p->kind = 'y', m1 = 1, m2 = 12;
        snprintf(p->code, sizeof p->code, "%04d", y);
    } else if (t[0] != '-') {
        return false;
    } else if ((t[1] == 'Q' || t[1] == 'q') && t[2] >= '1' && t[2] <= '4' && !t[3]) {
        p->kind = 'q', p->n = t[2] - '0', m1 = 3 * p->n - 2, m2 = 3 * p->n;
        snprintf(p->code, sizeof p->code, "%04d-Q%d", y, p->n);
    } else if ((t[1] == 'H' || t[1] == 'h') && (t[2] == '1' || t[2] == '2') && !t[3]) {
        p->kind = 'h', p->n = t[2] - '0', m1 = p->n == 1 ? 1 : 7, m2 = p->n == 1 ? 6 : 12;
        snprintf(p->code, sizeof p->code, "%04d-H%d", y, p->n);
    } else if (t[1] >= '0' && t[1] <= '1' && t[2] >= '0' && t[2] <= '9' && !t[3]) {
        p->kind = 'm', p->n = (t[1] - '0') * 10 + (t[2] - '0'), m1 = m2 = p->n;
        if (p->n < 1 || p->n > 12) return false;
        snprintf(p->code, sizeof p->code, "%04d-%02d", y, p->n);
    } else {
        return false;
    }
    p->year = y;
    snprintf(p->from, sizeof p->from, "%04d-%02d-01", y, m1);
    snprintf(p->to, sizeof p->to, "%04d-%02d-%02d", y, m2, days_in_month(y, m2));
    return true;
}

const char *report_period_label(arena *a, const report_period *p, const char *lang)
{
    bool en = lang && !strcmp(lang, "en");
    switch (p->kind) {
    case 'm':
        return en ? arena_printf(a, "%s %d", months_en[p->n], p->year)
                  : arena_printf(a, "tháng %d năm %d", p->n, p->year);
    case 'q':
        return en ? arena_printf(a, "Q%d %d", p->n, p->year)
                  : arena_printf(a, "quý %s năm %d", roman[p->n], p->year);
    case 'h':
        return en ? arena_printf(a, "the %s half of %d", p->n == 1 ? "first" : "second", p->year)
                  : arena_printf(a, "6 tháng %s năm %d", p->n == 1 ? "đầu" : "cuối", p->year);
    default:
        return en ? arena_printf(a, "%d", p->year) : arena_printf(a, "năm %d", p->year);
    }
}

static const char *kind_code(char k)
{
    return k == 'm' ? "month" : k == 'q' ? "quarter" : k == 'h' ? "half" : "year";
}

/* ---- formats */

static const char *const format_names[REPORT_FORMATS] = {"pdf", "docx", "xlsx", "html"};

int report_format_parse(const char *s)
{
    for (int i = 0; s && i < REPORT_FORMATS; i++)
        if (!strcmp(s, format_names[i])) return i;
    return -1;
}

const char *report_format_ext(report_format f)
{
    return format_names[f];
}

const char *report_format_ctype(report_format f)
{
    switch (f) {
    case REPORT_PDF:
        return DOC_PDF_CTYPE;
    case REPORT_DOCX:
        return DOC_DOCX_CTYPE;
    case REPORT_XLSX:
        return DOC_XLSX_CTYPE;
    default:
        return "text/html; charset=utf-8";
    }
}

static int draw(const json_t *doc, report_format f, buf *out, char *err, size_t errlen)
{
    switch (f) {
    case REPORT_PDF:
        return doc_pdf(doc, out, err, errlen);
    case REPORT_DOCX:
        return doc_docx(doc, out, err, errlen);
    case REPORT_XLSX:
        return doc_xlsx(doc, out, err, errlen);
    default:
        return doc_html(doc, out, err, errlen);
    }
}

/* ---- the record's rules */

static void report_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    report_period p;
    const char *s = record_get(r, "period");
    if (s && !report_period_parse(s, &p)) verrs_add(errs, "period", M_REPORT_PERIOD_BAD, 0);
}

/* The canonical period and its kind, the summary line when none is given. */
static void report_compute(const entity *e, record *r, arena *a)
{
    report_period p;
    if (!report_period_parse(record_get(r, "period"), &p)) return;
    r->v[entity_field_index(e, "period")] = arena_strdup(a, p.code);
    r->v[entity_field_index(e, "period_kind")] = kind_code(p.kind);
    int si = entity_field_index(e, "summary");
    if (!r->v[si])
        r->v[si] = arena_printf(a, "Công tác đối ngoại %s", report_period_label(a, &p, "vi"));
}

/* The place in "Quảng Ngãi, ngày ...": the province's name without "Tỉnh"/"Thành phố". */
static const char *place_of(ctx *x, const province *pv)
{
    const char *n = pv->name_vi && *pv->name_vi ? pv->name_vi : "";
    const char *pre[] = {"Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "};
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
        if (!strncmp(n, pre[i], strlen(pre[i]))) return arena_strdup(x->a, n + strlen(pre[i]));
    return n;
}

/* A new report starts with what the last one had (its recipients, signer, copies), or the
 * usual ones. */
static int report_defaults(ctx *x, record *r)
{
    const entity *e = r->e;
    list_query q = {.sort = -1, .desc = true, .limit = 1};
    record *last = NULL;
    int n = 0;
    if (st_rec_list(x->c, x->a, e, &q, &last, &n) != ST_OK) return -1;
    const char *keep[] = {"recipients", "signer_authority", "signer_title", "signer_name", "cc"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        int fi = entity_field_index(e, keep[i]);
        if (!r->v[fi] && n) r->v[fi] = last[0].v[fi];
    }
    province pv;
    province_get(x, &pv);
    int ri = entity_field_index(e, "recipients"), ci = entity_field_index(e, "cc");
    if (!r->v[ri] && pv.name_vi && *pv.name_vi)
        r->v[ri] = arena_printf(x->a, "Ủy ban nhân dân tỉnh %s", place_of(x, &pv));
    if (!r->v[ci])
        r->v[ci] = arena_printf(x->a, "Như trên;\nLưu: VT%s%s.",
                                pv.abbrev && *pv.abbrev ? ", " : "", pv.abbrev ? pv.abbrev : "");
    return 0;
}

static int issue(ctx *x, record *r, verrs *ve);

static int report_admit(ctx *x, const record *old, record *r, verrs *ve)
{
    if (!old) return report_defaults(x, r);
    const char *was = record_get(old, "status"), *now = record_get(r, "status");
    if (was && now && !strcmp(was, "draft") && !strcmp(now, "issued")) return issue(x, r, ve);
    return 0;
}

/* Issuing needs the narrative: a report with no words of its own is not sent. */
static int report_step_blocked(const entity *e, const record *r, const char *to, const char *today)
{
    (void)e, (void)today;
    if (strcmp(to, "issued")) return -1;
    const char *need[] = {"results", "difficulties", "proposals", "signer_title", "signer_name"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (!record_get(r, need[i])) return M_REPORT_INCOMPLETE;
    return -1;
}

static const transition report_steps[] = {
    {"draft", "issued", R(ROLE_LEADER) | R(ROLE_ADMIN), T_CONFIRM, NULL},
    {NULL, NULL, 0, 0, NULL},
};

const entity report_entity = {
    .name = "report",
    .table = "reports",
    .code = 31,
    .vi = "Báo cáo định kỳ",
    .en = "Periodic report",
    .plural_vi = "Báo cáo định kỳ",
    .plural_en = "Periodic reports",
    .fields = report_fields,
    .nfields = sizeof report_fields / sizeof report_fields[0],
    .check = report_check,
    .compute = report_compute,
    .admit = report_admit,
    .status_field = "status",
    .transitions = report_steps,
    .step_blocked = report_step_blocked,
    .frozen = "issued",
    .attachments = true,
    .menu = "reports",
};

/* ---- building the document */

typedef struct {
    ctx *x;
    report_period p;
    char today[11];
    json_t *blocks;
    int sheet; /* tables so far, for their numbers */
} builder;

/* 12345 -> "12.345" (the Vietnamese way). */
static const char *count_text(builder *b, long long n)
{
    char raw[32], out[48];
    snprintf(raw, sizeof raw, "%lld", n < 0 ? -n : n);
    size_t len = strlen(raw), o = 0;
    if (n < 0) out[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) out[o++] = '.';
        out[o++] = raw[i];
    }
    out[o] = 0;
    return arena_strdup(b->x->a, out);
}

/* "dd/mm/yyyy" */
static const char *day_text(builder *b, const char *iso)
{
    if (!iso || strlen(iso) < 10) return "";
    return arena_printf(b->x->a, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static void block(builder *b, const char *k, const char *text)
{
    json_array_append_new(b->blocks, json_pack("{s:s,s:s}", "k", k, "text", text));
}

/* Paragraphs of an officer's text: an empty line separates two. */
static void narrative(builder *b, const char *text, const char *none)
{
    if (!text || text_is_blank(text)) {
        block(b, "p", none);
        return;
    }
    char *s = arena_strdup(b->x->a, text);
    for (char *p = s; *p;) {
        char *end = strstr(p, "\n\n");
        if (end) *end = 0;
        char *para = text_trim(p);
        /* a stray \r of a Windows line end stays out of the document */
        for (char *c = para; *c; c++)
            if (*c == '\r') *c = ' ';
        if (*text_trim(para)) block(b, "p", para);
        if (!end) break;
        p = end + 2;
    }
}

typedef struct {
    json_t *t, *rows;
} table;

/* cols: "label:type" pairs, NULL-terminated. */
static table table_new(builder *b, const char *sheet, const char *title, const char *const *cols)
{
    table t = {json_object(), json_array()};
    json_t *c = json_array();
    for (int i = 0; cols[i]; i++) {
        const char *colon = strrchr(cols[i], ':');
        json_array_append_new(c, json_pack("{s:s%,s:s}", "label", cols[i],
                                           (size_t)(colon - cols[i]), "type", colon + 1));
    }
    b->sheet++;
    json_object_set_new(t.t, "sheet", json_string(sheet));
    json_object_set_new(t.t, "title",
                        json_string(arena_printf(b->x->a, "Bảng %d. %s", b->sheet, title)));
    json_object_set_new(t.t, "cols", c);
    json_object_set_new(t.t, "rows", t.rows);
    json_object_set_new(t.t, "k", json_string("table"));
    return t;
}

static void table_end(builder *b, table *t, const char *empty)
{
    if (empty) json_object_set_new(t->t, "empty", json_string(empty));
    json_array_append_new(b->blocks, t->t);
}

static void table_chart(table *t, const char *type, int cat, int v1, int v2)
{
    json_t *vals = json_array();
    json_array_append_new(vals, json_integer(v1));
    if (v2 >= 0) json_array_append_new(vals, json_integer(v2));
    json_object_set_new(t->t, "chart",
                        json_pack("{s:s,s:i,s:o}", "type", type, "cat", cat, "vals", vals));
}

static json_t *num_or_null(const char *v)
{
    return v ? json_real(strtod(v, NULL)) : json_null();
}

static const char *opt_label(const entity *e, const char *fname, const char *code)
{
    int fi = entity_field_index(e, fname);
    const enum_opt *o = fi >= 0 && code ? field_opt(&e->fields[fi], code) : NULL;
    return o ? o->vi : (code ? code : "");
}

static const char *country_vi(const char *code)
{
    const ref_country *c = code ? refdata_country(code) : NULL;
    const char *n = c ? refdata_country_name(c, "vi") : NULL;
    return n ? n : (code ? code : "");
}

static const char *ref_title(builder *b, const entity *t, const char *id)
{
    if (!id) return "";
    ctx vx = *b->x;
    vx.lang = "vi";
    const char *s = rec_ref_title(&vx, t, strtoll(id, NULL, 10), NULL);
    return s ? s : id;
}

/* Counts per value of field fname among e's records matching q. */
static int group(builder *b, const entity *e, const char *fname, const list_query *q,
                 group_count **g, int *n)
{
    return st_rec_group(b->x->c, b->x->a, e, entity_field_index(e, fname), q, ROWS_MAX, g, n) ==
                   ST_OK
               ? 0
               : -1;
}

static long long count_of(const group_count *g, int n, const char *value)
{
    for (int i = 0; i < n; i++)
        if (g[i].value && !strcmp(g[i].value, value)) return g[i].n;
    return 0;
}

static void add_filter(list_query *q, const entity *e, const char *fname, const char *v, char op)
{
    if (q->nf < LIST_FILTERS_MAX)
        q->f[q->nf++] = (list_filter){entity_field_index(e, fname), v, op};
}

static void in_period(builder *b, list_query *q, const entity *e, const char *fname)
{
    add_filter(q, e, fname, b->p.from, '>');
    add_filter(q, e, fname, b->p.to, '<');
}

/* 1. Delegations that took place (approved or after; not those only proposed or cancelled)
 * with their first day in the period. */
static int delegations(builder *b)
{
    const entity *e = &delegation_entity;
    block(b, "h2", "1. Đoàn ra, đoàn vào");
    list_query q = {.sort = -1};
    in_period(b, &q, e, "start_date");
    add_filter(&q, e, "status", "approved,under_way,completed,reported", 'i');
    group_count *g, *gs;
    int n, ns;
    if (group(b, e, "direction", &q, &g, &n) || group(b, e, "status", &q, &gs, &ns)) return -1;
    long long out = count_of(g, n, "outbound"), in = count_of(g, n, "inbound");
    long long unreported = count_of(gs, ns, "completed");
    block(b, "p",
          arena_printf(b->x->a,
                       "Từ ngày %s đến ngày %s, tỉnh có %s đoàn ra và %s đoàn vào (không tính "
                       "các đoàn mới đề xuất, chưa được phê duyệt và các đoàn đã hủy); %s đoàn "
                       "đã kết thúc chuyến đi nhưng chưa có báo cáo kết quả.",
                       day_text(b, b->p.from), day_text(b, b->p.to), count_text(b, out),
                       count_text(b, in), count_text(b, unreported)));
    /* by country: outbound and inbound */
    list_query qo = q, qi = q;
    add_filter(&qo, e, "direction", "outbound", '=');
    add_filter(&qi, e, "direction", "inbound", '=');
    group_count *go, *gi;
    int no, ni;
    if (group(b, e, "country", &qo, &go, &no) || group(b, e, "country", &qi, &gi, &ni)) return -1;
    table t = table_new(
        b, "Đoàn theo quốc gia", "Đoàn ra, đoàn vào theo quốc gia",
        (const char *const[]){"Quốc gia:text", "Đoàn ra:int", "Đoàn vào:int", "Tổng số:int", NULL});
    /* every country of either list, the most visits first (the lists are largest first) */
    const char **codes = arena_alloc(b->x->a, sizeof *codes * (size_t)(no + ni + 1));
    long long *tot = arena_alloc(b->x->a, sizeof *tot * (size_t)(no + ni + 1));
    int nc = 0;
    for (int k = 0; k < no + ni; k++) {
        const char *c = k < no ? go[k].value : gi[k - no].value;
        bool seen = false;
        for (int j = 0; j < nc; j++)
            seen |= !strcmp(codes[j], c);
        if (seen) continue;
        tot[nc] = count_of(go, no, c) + count_of(gi, ni, c);
        codes[nc++] = c;
    }
    for (int i = 1; i < nc; i++) /* insertion sort by total, stable */
        for (int j = i; j > 0 && tot[j] > tot[j - 1]; j--) {
            long long tt = tot[j];
            tot[j] = tot[j - 1], tot[j - 1] = tt;
            const char *tc = codes[j];
            codes[j] = codes[j - 1], codes[j - 1] = tc;
        }
    for (int i = 0; i < nc; i++)
        json_array_append_new(t.rows, json_pack("[s,I,I,I]", country_vi(codes[i]),
                                                count_of(go, no, codes[i]),
                                                count_of(gi, ni, codes[i]), tot[i]));
    if (nc) {
        json_object_set_new(t.t, "total", json_pack("[s,I,I,I]", "Tổng số", out, in, out + in));
        table_chart(&t, "bar", 0, 1, 2);
    }
    table_end(b, &t, "Không có đoàn nào trong kỳ.");
    /* by level and by channel */
    const char *dims[][3] = {
        {"level", "Đoàn theo cấp", "Đoàn ra, đoàn vào theo cấp"},
        {"channel", "Đoàn theo kênh", "Đoàn ra, đoàn vào theo kênh đối ngoại"}};
    for (size_t d = 0; d < 2; d++) {
        group_count *ao, *ai;
        int nao, nai;
        if (group(b, e, dims[d][0], &qo, &ao, &nao) || group(b, e, dims[d][0], &qi, &ai, &nai))
            return -1;
        table s = table_new(b, dims[d][1], dims[d][2],
                            (const char *const[]){d ? "Kênh:text" : "Cấp:text", "Đoàn ra:int",
                                                  "Đoàn vào:int", NULL});
        const field *f = &e->fields[entity_field_index(e, dims[d][0])];
        for (const enum_opt *o = f->opts; o->code; o++) {
            long long a = count_of(ao, nao, o->code), c = count_of(ai, nai, o->code);
            if (a || c) json_array_append_new(s.rows, json_pack("[s,I,I]", o->vi, a, c));
        }
        if (json_array_size(s.rows)) table_chart(&s, "column", 0, 1, 2);
        table_end(b, &s, "Không có đoàn nào trong kỳ.");
    }
    return 0;
}

/* 2. Agreements signed in the period; those in force on its last day. */
static int agreements(builder *b)
{
    const entity *e = &agreement_entity;
    block(b, "h2", "2. Thỏa thuận quốc tế");
    list_query q = {.sort = entity_field_index(e, "signed_date"), .limit = ROWS_MAX};
    in_period(b, &q, e, "signed_date");
    record *rows;
    int n;
    if (st_rec_list(b->x->c, b->x->a, e, &q, &rows, &n) != ST_OK) return -1;
    /* in force on the period's last day: its own status rule (in force, or expiring) */
    long long force = 0;
    const char *states[] = {"in_force", "expiring"};
    json_t *kinds = json_object();
    for (size_t s = 0; s < 2; s++) {
        list_query fq = {.sort = -1};
        if (!e->derived->filter(e, states[s], b->p.to, &fq)) continue;
        group_count *g;
        int ng;
        if (group(b, e, "kind", &fq, &g, &ng)) {
            json_decref(kinds);
            return -1;
        }
        for (int i = 0; i < ng; i++) {
            force += g[i].n;
            json_t *was = json_object_get(kinds, g[i].value);
            json_object_set_new(kinds, g[i].value,
                                json_integer((was ? json_integer_value(was) : 0) + g[i].n));
        }
    }
    block(b, "p",
          arena_printf(b->x->a,
                       "Trong kỳ, tỉnh ký kết %s thỏa thuận quốc tế. Đến ngày %s, có %s thỏa "
                       "thuận quốc tế còn hiệu lực.",
                       count_text(b, n), day_text(b, b->p.to), count_text(b, force)));
    table t = table_new(b, "Thỏa thuận đã ký", "Thỏa thuận quốc tế ký kết trong kỳ",
                        (const char *const[]){"Tên thỏa thuận:text", "Loại:text", "Quốc gia:text",
                                              "Ngày ký:date", NULL});
    for (int i = 0; i < n; i++)
        json_array_append_new(t.rows, json_pack("[s,s,s,s]", record_get(&rows[i], "title_vi"),
                                                opt_label(e, "kind", record_get(&rows[i], "kind")),
                                                country_vi(record_get(&rows[i], "country")),
                                                record_get(&rows[i], "signed_date")));
    table_end(b, &t, "Không có thỏa thuận nào được ký trong kỳ.");
    table k = table_new(b, "Thỏa thuận hiệu lực", "Thỏa thuận quốc tế còn hiệu lực theo loại",
                        (const char *const[]){"Loại:text", "Số thỏa thuận:int", NULL});
    const field *kf = &e->fields[entity_field_index(e, "kind")];
    for (const enum_opt *o = kf->opts; o->code; o++) {
        json_t *v = json_object_get(kinds, o->code);
        if (v) json_array_append_new(k.rows, json_pack("[s,I]", o->vi, json_integer_value(v)));
    }
    json_decref(kinds);
    if (force) json_object_set_new(k.t, "total", json_pack("[s,I]", "Tổng số", force));
    table_end(b, &k, "Không có thỏa thuận nào còn hiệu lực.");
    return 0;
}

/* 3. Commitments: their states as of today, by agency, and the overdue list. */
static int commitments(builder *b)
{
    const entity *e = &commitment_entity;
    block(b, "h2", "3. Thực hiện các cam kết");
    list_query all = {.sort = -1};
    group_count *gs;
    int ns;
    if (group(b, e, "status", &all, &gs, &ns)) return -1;
    list_query oq = {.sort = entity_field_index(e, "deadline"), .limit = OVERDUE_LISTED};
    commitment_overdue_filter(e, b->today, &oq);
    record *late;
    int nl;
    long long overdue = 0;
    if (st_rec_list(b->x->c, b->x->a, e, &oq, &late, &nl) != ST_OK ||
        st_rec_count(b->x->c, e, &oq, &overdue) != ST_OK)
        return -1;
    long long total = 0;
    for (int i = 0; i < ns; i++)
        total += gs[i].n;
    block(b, "p",
          arena_printf(b->x->a,
                       "Tính đến ngày %s, có %s cam kết với đối tác nước ngoài được theo dõi: %s "
                       "chưa thực hiện, %s đang thực hiện, %s đã hoàn thành, %s không thực hiện; "
                       "trong đó %s cam kết quá hạn.",
                       day_text(b, b->today), count_text(b, total),
                       count_text(b, count_of(gs, ns, "open")),
                       count_text(b, count_of(gs, ns, "in_progress")),
                       count_text(b, count_of(gs, ns, "done")),
                       count_text(b, count_of(gs, ns, "dropped")), count_text(b, overdue)));
    /* by agency: one group per state */
    const char *st[] = {"open", "in_progress", "done", "dropped"};
    group_count *ga[4];
    int na[4];
    for (int s = 0; s < 4; s++) {
        list_query q = {.sort = -1};
        add_filter(&q, e, "status", st[s], '=');
        if (group(b, e, "agency_id", &q, &ga[s], &na[s])) return -1;
    }
    group_count *gall;
    int nall;
    if (group(b, e, "agency_id", &all, &gall, &nall)) return -1;
    group_count *glate;
    int nlate;
    list_query lq = {.sort = -1};
    commitment_overdue_filter(e, b->today, &lq);
    if (group(b, e, "agency_id", &lq, &glate, &nlate)) return -1;
    table t = table_new(b, "Cam kết theo cơ quan", "Cam kết theo cơ quan chủ trì",
                        (const char *const[]){"Cơ quan:text", "Chưa thực hiện:int",
                                              "Đang thực hiện:int", "Hoàn thành:int",
                                              "Không thực hiện:int", "Quá hạn:int", NULL});
    for (int i = 0; i < nall; i++) {
        const char *a = gall[i].value;
        json_array_append_new(t.rows,
                              json_pack("[s,I,I,I,I,I]", ref_title(b, &agency_entity, a),
                                        count_of(ga[0], na[0], a), count_of(ga[1], na[1], a),
                                        count_of(ga[2], na[2], a), count_of(ga[3], na[3], a),
                                        count_of(glate, nlate, a)));
    }
    if (nall)
        json_object_set_new(t.t, "total",
                            json_pack("[s,I,I,I,I,I]", "Tổng số", count_of(gs, ns, "open"),
                                      count_of(gs, ns, "in_progress"), count_of(gs, ns, "done"),
                                      count_of(gs, ns, "dropped"), (json_int_t)overdue));
    table_end(b, &t, "Chưa có cam kết nào.");
    if (overdue > nl)
        block(b, "p",
              arena_printf(b->x->a,
                           "Bảng dưới đây liệt kê %s cam kết quá hạn lâu nhất trong số %s cam kết "
                           "quá hạn; danh sách đầy đủ có trong hệ thống.",
                           count_text(b, nl), count_text(b, overdue)));
    table o = table_new(b, "Cam kết quá hạn", "Cam kết quá hạn",
                        (const char *const[]){"Cam kết:text", "Cơ quan chủ trì:text", "Hạn:date",
                                              "Tiến độ:pct", "Quá hạn (ngày):int", NULL});
    for (int i = 0; i < nl; i++) {
        const char *pc = record_get(&late[i], "percent"), *dl = record_get(&late[i], "deadline");
        json_array_append_new(
            o.rows, json_pack("[s,s,s,o,I]", record_get(&late[i], "title"),
                              ref_title(b, &agency_entity, record_get(&late[i], "agency_id")), dl,
                              pc ? json_real(strtod(pc, NULL) / 100) : json_null(),
                              (json_int_t)clock_days_between(dl, b->today)));
    }
    table_end(b, &o, "Không có cam kết nào quá hạn.");
    return 0;
}

/* 4. Projects and leads by stage (as of today), and the amounts of the period's year. */
static int projects(builder *b)
{
    const entity *e = &project_entity;
    block(b, "h2", "4. Dự án viện trợ, xúc tiến đầu tư");
    group_count *g;
    int n;
    list_query all = {.sort = -1};
    if (st_rec_group_sums(b->x->c, b->x->a, e, entity_field_index(e, "stage"),
                          (const int[2]){entity_field_index(e, "committed_usd"), -1}, false, &all,
                          ROWS_MAX, &g, &n) != ST_OK)
        return -1;
    long long total = 0;
    for (int i = 0; i < n; i++)
        total += g[i].n;
    block(b, "p",
          arena_printf(b->x->a,
                       "Tính đến ngày %s, Sở theo dõi %s dự án, chương trình viện trợ và cơ hội "
                       "đầu tư, trong đó %s đang thực hiện và %s đã được phê duyệt, chưa triển "
                       "khai.",
                       day_text(b, b->today), count_text(b, total),
                       count_text(b, count_of(g, n, "running")),
                       count_text(b, count_of(g, n, "approved"))));
    table t = table_new(
        b, "Dự án theo giai đoạn", "Dự án, cơ hội đầu tư theo giai đoạn",
        (const char *const[]){"Giai đoạn:text", "Số dự án:int", "Vốn cam kết (USD):money", NULL});
    const field *sf = &e->fields[entity_field_index(e, "stage")];
    double sum = 0;
    for (const enum_opt *o = sf->opts; o->code; o++)
        for (int i = 0; i < n; i++)
            if (g[i].value && !strcmp(g[i].value, o->code)) {
                json_array_append_new(
                    t.rows, json_pack("[s,I,o]", o->vi, g[i].n, num_or_null(g[i].sum[0])));
                if (g[i].sum[0]) sum += strtod(g[i].sum[0], NULL);
            }
    if (n) {
        json_object_set_new(t.t, "total", json_pack("[s,I,f]", "Tổng số", total, sum));
        table_chart(&t, "column", 0, 1, -1);
    }
    table_end(b, &t, "Chưa có dự án nào.");
    /* amounts are by year: those of the period's year */
    const entity *ae = &project_amount_entity;
    list_query aq = {.sort = -1};
    char y[8];
    snprintf(y, sizeof y, "%d", b->p.year);
    add_filter(&aq, ae, "year", y, '=');
    group_count *ga;
    int na;
    if (st_rec_group_sums(b->x->c, b->x->a, ae, entity_field_index(ae, "year"),
                          (const int[2]){entity_field_index(ae, "committed_usd"),
                                         entity_field_index(ae, "disbursed_usd")},
                          true, &aq, 10, &ga, &na) != ST_OK)
        return -1;
    table a = table_new(b, "Vốn theo năm",
                        arena_printf(b->x->a, "Vốn cam kết và giải ngân năm %d", b->p.year),
                        (const char *const[]){"Năm:text", "Số khoản:int", "Cam kết (USD):money",
                                              "Giải ngân (USD):money", NULL});
    for (int i = 0; i < na; i++)
        json_array_append_new(a.rows,
                              json_pack("[s,I,o,o]", ga[i].value, ga[i].n,
                                        num_or_null(ga[i].sum[0]), num_or_null(ga[i].sum[1])));
    table_end(b, &a, arena_printf(b->x->a, "Chưa có số liệu vốn của năm %d.", b->p.year));
    return 0;
}

/* A trade report's last day: its period_end, else from its kind. */
static void trade_end(const record *r, char out[16])
{
    const char *s = record_get(r, "period_start"), *e = record_get(r, "period_end"),
               *k = record_get(r, "period_kind");
    if (e || !s || !k) {
        snprintf(out, 16, "%s", e ? e : "9999-12-31");
        return;
    }
    int months = !strcmp(k, "month") ? 1 : !strcmp(k, "quarter") ? 3 : !strcmp(k, "year") ? 12 : 0;
    int y = atoi(s), m = atoi(s + 5) + months - 1;
    y += (m - 1) / 12, m = (m - 1) % 12 + 1;
    if (!months) {
        snprintf(out, 16, "9999-12-31");
        return;
    }
    snprintf(out, 16, "%04d-%02d-%02d", y, m, days_in_month(y, m));
}

/* 5. Trade by gate: the latest figures of reports wholly inside the period, of the largest
 * kind each gate has (a year's report, else its quarters', else its months'), summed. */
static int trade(builder *b)
{
    const entity *e = &trade_report_entity;
    block(b, "h2", "5. Kim ngạch thương mại qua các cửa khẩu");
    list_query q = {.sort = entity_field_index(e, "period_start"), .limit = 20000};
    add_filter(&q, e, "latest", "1", '=');
    in_period(b, &q, e, "period_start");
    record *rows;
    int n;
    if (st_rec_list(b->x->c, b->x->a, e, &q, &rows, &n) != ST_OK) return -1;
    typedef struct {
        const char *gate, *cur;
        int rank, parts;
        double total, exp, imp;
        bool any_exp, any_imp, flagged;
    } agg;
    agg *ag = arena_alloc(b->x->a, sizeof *ag * (size_t)(n + 1));
    int na = 0;
    for (int i = 0; i < n; i++) {
        char end[16];
        trade_end(&rows[i], end);
        const char *k = record_get(&rows[i], "period_kind");
        if (strcmp(end, b->p.to) > 0 || !k || !strcmp(k, "span")) continue;
        int rank = !strcmp(k, "year") ? 3 : !strcmp(k, "quarter") ? 2 : 1;
        const char *g = record_get(&rows[i], "gate_id"), *c = record_get(&rows[i], "currency");
        agg *a = NULL;
        for (int j = 0; j < na && !a; j++)
            if (!strcmp(ag[j].gate, g) && !strcmp(ag[j].cur, c ? c : "")) a = &ag[j];
        if (!a) {
            a = &ag[na++];
            *a = (agg){.gate = g, .cur = c ? c : "", .rank = rank};
        }
        if (rank < a->rank) continue;
        if (rank > a->rank) *a = (agg){.gate = g, .cur = a->cur, .rank = rank};
        const char *tt = record_get(&rows[i], "total"), *ex = record_get(&rows[i], "exports"),
                   *im = record_get(&rows[i], "imports");
        a->parts++;
        a->total += tt ? strtod(tt, NULL) : 0;
        if (ex) a->exp += strtod(ex, NULL), a->any_exp = true;
        if (im) a->imp += strtod(im, NULL), a->any_imp = true;
        a->flagged |= record_get(&rows[i], "difference") != NULL;
    }
    int flagged = 0;
    for (int j = 0; j < na; j++)
        flagged += ag[j].flagged;
    block(b, "p",
          na ? arena_printf(b->x->a,
                            "Kim ngạch qua các cửa khẩu trong kỳ theo số liệu báo cáo mới nhất "
                            "của cơ quan hải quan (%s báo cáo được tổng hợp). %s",
                            count_text(b, n),
                            flagged ? arena_printf(b->x->a,
                                                   "Có %d cửa khẩu mà các phần xuất khẩu, nhập "
                                                   "khẩu không cộng đủ tổng số báo cáo: số liệu "
                                                   "được ghi đúng như báo cáo và đánh dấu để "
                                                   "đối chiếu.",
                                                   flagged)
                                    : "Các phần khớp với tổng số báo cáo.")
             : "Trong kỳ chưa có báo cáo kim ngạch của cửa khẩu nào.");
    table t =
        table_new(b, "Thương mại", "Kim ngạch thương mại theo cửa khẩu",
                  (const char *const[]){"Cửa khẩu:text", "Tiền tệ:text", "Tổng kim ngạch:money",
                                        "Xuất khẩu:money", "Nhập khẩu:money", "Số báo cáo:int",
                                        "Đối chiếu:text", NULL});
    for (int j = 0; j < na; j++)
        json_array_append_new(
            t.rows, json_pack("[s,s,f,o,o,i,s]", ref_title(b, &gate_entity, ag[j].gate), ag[j].cur,
                              ag[j].total, ag[j].any_exp ? json_real(ag[j].exp) : json_null(),
                              ag[j].any_imp ? json_real(ag[j].imp) : json_null(), ag[j].parts,
                              ag[j].flagged ? "Các phần không cộng đủ tổng số" : "Khớp"));
    if (na) table_chart(&t, "column", 0, 2, -1);
    table_end(b, &t, "Không có số liệu.");
    return 0;
}

/* 6. The border: incidents of the period by category and state; markers by condition as of
 * today, inspections of the period. */
static int border(builder *b)
{
    const entity *e = &incident_entity;
    block(b, "h2", "6. Công tác biên giới");
    list_query q = {.sort = -1};
    in_period(b, &q, e, "date");
    group_count *g, *gs;
    int n, ns;
    if (group(b, e, "category_id", &q, &g, &n) || group(b, e, "status", &q, &gs, &ns)) return -1;
    long long total = 0;
    for (int i = 0; i < ns; i++)
        total += gs[i].n;
    block(b, "p",
          arena_printf(b->x->a,
                       "Trong kỳ xảy ra %s vụ việc trên tuyến biên giới: %s mới ghi nhận, %s "
                       "đang phối hợp xử lý với phía bạn, %s đã giải quyết, %s đã kết thúc.",
                       count_text(b, total), count_text(b, count_of(gs, ns, "reported")),
                       count_text(b, count_of(gs, ns, "joint")),
                       count_text(b, count_of(gs, ns, "resolved")),
                       count_text(b, count_of(gs, ns, "closed"))));
    table t = table_new(b, "Vụ việc biên giới", "Vụ việc trên tuyến biên giới theo loại",
                        (const char *const[]){"Loại vụ việc:text", "Số vụ:int", NULL});
    for (int i = 0; i < n; i++)
        json_array_append_new(
            t.rows,
            json_pack("[s,I]", ref_title(b, &incident_category_entity, g[i].value), g[i].n));
    if (n) {
        json_object_set_new(t.t, "total", json_pack("[s,I]", "Tổng số", total));
        table_chart(&t, "pie", 0, 1, -1);
    }
    table_end(b, &t, "Không có vụ việc nào trong kỳ.");
    const entity *me = &marker_entity, *ie = &marker_inspection_entity;
    list_query all = {.sort = -1}, iq = {.sort = -1};
    in_period(b, &iq, ie, "date");
    group_count *gm, *gi;
    int nm, ni;
    if (group(b, me, "condition", &all, &gm, &nm) || group(b, ie, "condition", &iq, &gi, &ni))
        return -1;
    long long markers = 0, inspections = 0;
    for (int i = 0; i < nm; i++)
        markers += gm[i].n;
    for (int i = 0; i < ni; i++)
        inspections += gi[i].n;
    block(b, "p",
          arena_printf(b->x->a,
                       "Tính đến ngày %s, trên tuyến biên giới của tỉnh có %s mốc quốc giới được "
                       "theo dõi; trong kỳ đã kiểm tra %s lượt mốc.",
                       day_text(b, b->today), count_text(b, markers), count_text(b, inspections)));
    table m = table_new(
        b, "Mốc quốc giới", "Mốc quốc giới theo tình trạng",
        (const char *const[]){"Tình trạng:text", "Số mốc:int", "Lượt kiểm tra trong kỳ:int", NULL});
    const field *cf = &me->fields[entity_field_index(me, "condition")];
    for (const enum_opt *o = cf->opts; o->code; o++) {
        long long a = count_of(gm, nm, o->code), c = count_of(gi, ni, o->code);
        if (a || c) json_array_append_new(m.rows, json_pack("[s,I,I]", o->vi, a, c));
    }
    if (nm || ni)
        json_object_set_new(m.t, "total", json_pack("[s,I,I]", "Tổng số", markers, inspections));
    table_end(b, &m, "Chưa có mốc nào được theo dõi.");
    return 0;
}

/* 7. Scholarships: the quotas of the period's year and the awards begun in the period. */
static int scholarships(builder *b)
{
    const entity *qe = &scholarship_quota_entity, *ae = &scholarship_award_entity;
    block(b, "h2", "7. Học bổng cho tỉnh bạn");
    char y[8];
    snprintf(y, sizeof y, "%d", b->p.year);
    list_query q = {.sort = -1, .limit = ROWS_MAX};
    add_filter(&q, qe, "year", y, '=');
    record *rows;
    int n;
    if (st_rec_list(b->x->c, b->x->a, qe, &q, &rows, &n) != ST_OK) return -1;
    list_query aq = {.sort = -1};
    in_period(b, &aq, ae, "start_date");
    group_count *g;
    int ng;
    if (group(b, ae, "level", &aq, &g, &ng)) return -1;
    long long started = 0;
    for (int i = 0; i < ng; i++)
        started += g[i].n;
    table t = table_new(
        b, "Học bổng", arena_printf(b->x->a, "Chỉ tiêu học bổng năm %d", b->p.year),
        (const char *const[]){"Tỉnh bạn:text", "Chỉ tiêu:int", "Đã cấp:int", "Còn lại:int", NULL});
    double sq = 0, sa = 0, sr = 0;
    for (int i = 0; i < n; i++) {
        const char *qv = record_get(&rows[i], "quota"), *av = record_get(&rows[i], "awarded"),
                   *rv = record_get(&rows[i], "remaining");
        sq += qv ? strtod(qv, NULL) : 0, sa += av ? strtod(av, NULL) : 0,
            sr += rv ? strtod(rv, NULL) : 0;
        json_array_append_new(
            t.rows, json_pack("[s,o,o,o]",
                              ref_title(b, &partner_entity, record_get(&rows[i], "partner_id")),
                              num_or_null(qv), num_or_null(av), num_or_null(rv)));
    }
    block(b, "p",
          arena_printf(b->x->a,
                       "Năm %d, tỉnh dành %s suất học bổng cho các tỉnh bạn, đã cấp %s suất; "
                       "trong kỳ có %s lưu học sinh bắt đầu học.",
                       b->p.year, count_text(b, llround(sq)), count_text(b, llround(sa)),
                       count_text(b, started)));
    if (n) json_object_set_new(t.t, "total", json_pack("[s,f,f,f]", "Tổng số", sq, sa, sr));
    table_end(b, &t, arena_printf(b->x->a, "Chưa có chỉ tiêu học bổng của năm %d.", b->p.year));
    return 0;
}

/* 8. The integration programme: each target's latest measurement against its target. */
static int programme(builder *b)
{
    const entity *te = &programme_target_entity, *ve = &programme_value_entity;
    block(b, "h2", "8. Thực hiện Đề án hội nhập quốc tế");
    list_query tq = {.sort = -1, .limit = ROWS_MAX}, vq = {.sort = -1, .limit = 20000};
    record *targets, *values;
    int nt, nv;
    if (st_rec_list(b->x->c, b->x->a, te, &tq, &targets, &nt) != ST_OK ||
        st_rec_list(b->x->c, b->x->a, ve, &vq, &values, &nv) != ST_OK)
        return -1;
    table t =
        table_new(b, "Đề án hội nhập", "Chỉ tiêu của Đề án hội nhập quốc tế",
                  (const char *const[]){"Chỉ tiêu:text", "Đơn vị:text", "Năm:text", "Mục tiêu:num",
                                        "Thực hiện:num", "Đánh giá:text", NULL});
    record *mine = arena_alloc(b->x->a, sizeof *mine * (size_t)(nv + 1));
    int counts[4] = {0};
    for (int i = 0; i < nt; i++) {
        int k = 0;
        char id[24];
        snprintf(id, sizeof id, "%lld", targets[i].id);
        for (int j = 0; j < nv; j++) {
            const char *tid = record_get(&values[j], "target_id");
            if (tid && !strcmp(tid, id)) mine[k++] = values[j];
        }
        programme_progress pg;
        const char *st = programme_status(&targets[i], mine, k, &pg);
        const enum_opt *o = field_opt(&(field){.opts = programme_states}, st);
        for (int s = 0; s < 4; s++)
            counts[s] += !strcmp(st, programme_states[s].code);
        json_array_append_new(
            t.rows, json_pack("[s,s,s,o,o,s]", record_get(&targets[i], "title"),
                              record_get(&targets[i], "unit"),
                              pg.latest ? record_get(pg.latest, "year") : "",
                              num_or_null(pg.latest ? record_get(pg.latest, "target") : NULL),
                              num_or_null(pg.latest ? record_get(pg.latest, "actual") : NULL),
                              o ? o->vi : st));
    }
    block(b, "p",
          nt ? arena_printf(b->x->a,
                            "Đề án có %d chỉ tiêu: %d đạt tiến độ, %d có nguy cơ không đạt, %d "
                            "chậm, %d chưa có số liệu.",
                            nt, counts[0], counts[1], counts[2], counts[3])
             : "Chưa có chỉ tiêu nào được theo dõi.");
    table_end(b, &t, "Chưa có chỉ tiêu nào.");
    return 0;
}

static json_t *lines(const char *s, const char *sep)
{
    json_t *a = json_array();
    if (!s) return a;
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, sep);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
        char *t = text_trim(line);
        /* "- X;" as typed: the formats put the dash */
        while (*t == '-' || *t == ' ')
            t++;
        if (*t) json_array_append_new(a, json_string(t));
        p += n;
        while (*p && strchr(sep, *p))
            p++;
    }
    return a;
}

int report_doc(ctx *x, const record *r, json_t **out)
{
    builder b = {.x = x};
    if (!report_period_parse(record_get(r, "period"), &b.p)) return -1;
    clock_today(b.today);
    const char *issued = record_get(r, "issued_on");
    const char *day = issued ? issued : b.today;
    province pv;
    province_get(x, &pv);
    const char *dept = pv.dept_vi && *pv.dept_vi ? pv.dept_vi : "Sở Ngoại vụ";
    /* the issuing body under its parent: "SỞ NGOẠI VỤ", the province said above it */
    const char *place = place_of(x, &pv);
    const char *suffix = arena_printf(x->a, " tỉnh %s", place);
    size_t dl = strlen(dept), sl = strlen(suffix);
    const char *issuer = dl > sl && !strcmp(dept + dl - sl, suffix)
                             ? arena_printf(x->a, "%.*s", (int)(dl - sl), dept)
                             : dept;
    const char *number = record_get(r, "symbol");
    const char *abbrev = pv.abbrev && *pv.abbrev ? pv.abbrev : "…";
    b.blocks = json_array();
    json_t *doc = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:o}", "lang", "vi", "date", day, "parent",
        pv.parent_vi && *pv.parent_vi ? text_upper(x->a, pv.parent_vi) : "", "issuer",
        text_upper(x->a, issuer), "motto1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto2",
        "Độc lập - Tự do - Hạnh phúc", "number",
        number ? arena_printf(x->a, "Số: %s", number)
               : arena_printf(x->a, "Số:       /BC-%s", abbrev),
        "place_date",
        arena_printf(x->a, "%s, ngày %.2s tháng %.2s năm %.4s", place, day + 8, day + 5, day),
        "type", "BÁO CÁO", "summary",
        record_get(r, "summary")
            ? record_get(r, "summary")
            : arena_printf(x->a, "Công tác đối ngoại %s", report_period_label(x->a, &b.p, "vi")),
        "draft", strcmp(record_get(r, "status") ? record_get(r, "status") : "draft", "issued") != 0,
        "to", lines(record_get(r, "recipients"), "\n"));
    block(&b, "p",
          arena_printf(x->a,
                       "%s báo cáo kết quả công tác đối ngoại %s (số liệu từ ngày %s đến ngày %s) "
                       "như sau:",
                       dept, report_period_label(x->a, &b.p, "vi"), day_text(&b, b.p.from),
                       day_text(&b, b.p.to)));
    block(&b, "h1", "I. KẾT QUẢ CÔNG TÁC ĐỐI NGOẠI");
    narrative(&b, record_get(r, "results"), "(Phần đánh giá chung chưa được soạn.)");
    int rc = delegations(&b);
    if (!rc) rc = agreements(&b);
    if (!rc) rc = commitments(&b);
    if (!rc) rc = projects(&b);
    if (!rc) rc = trade(&b);
    if (!rc) rc = border(&b);
    if (!rc) rc = scholarships(&b);
    if (!rc) rc = programme(&b);
    block(&b, "h1", "II. KHÓ KHĂN, VƯỚNG MẮC");
    narrative(&b, record_get(r, "difficulties"), "(Chưa được soạn.)");
    block(&b, "h1", "III. PHƯƠNG HƯỚNG, ĐỀ XUẤT, KIẾN NGHỊ");
    narrative(&b, record_get(r, "proposals"), "(Chưa được soạn.)");
    json_object_set_new(doc, "blocks", b.blocks);
    const char *auth = record_get(r, "signer_authority");
    json_object_set_new(
        doc, "sign",
        json_pack("{s:s,s:s,s:s}", "authority", auth ? text_upper(x->a, auth) : "", "title",
                  record_get(r, "signer_title") ? text_upper(x->a, record_get(r, "signer_title"))
                                                : "",
                  "name", record_get(r, "signer_name") ? record_get(r, "signer_name") : ""));
    json_object_set_new(doc, "cc", lines(record_get(r, "cc"), "\n"));
    if (rc) {
        json_decref(doc);
        return -1;
    }
    *out = doc;
    return 0;
}

/* ---- issuing and the frozen copy */

static int put(ctx *x, const buf *data, record *r, const char *fname, verrs *ve)
{
    char sha[65], err[200];
    if (files_put(x->c, data->data, data->len, sha, err, sizeof err) != 0) {
        verrs_add(ve, NULL, M_REPORT_DRAW_FAILED, 0);
        return -1;
    }
    r->v[entity_field_index(r->e, fname)] = arena_strdup(x->a, sha);
    return 0;
}

static int issue(ctx *x, record *r, verrs *ve)
{
    const entity *e = r->e;
    province pv;
    province_get(x, &pv);
    if (!pv.abbrev || !*pv.abbrev) {
        verrs_add(ve, NULL, M_REPORT_NO_ABBREV, 0);
        return 0;
    }
    char today[11];
    clock_today(today);
    /* the next number of the year: numbers start again each 1 January */
    char first[11];
    snprintf(first, sizeof first, "%.4s-01-01", today);
    list_query q = {.sort = -1, .limit = 100000};
    add_filter(&q, e, "issued_on", first, '>');
    record *rows;
    int n;
    if (st_rec_list(x->c, x->a, e, &q, &rows, &n) != ST_OK) return -1;
    long long num = 1;
    for (int i = 0; i < n; i++) {
        const char *v = record_get(&rows[i], "number");
        if (v && strtoll(v, NULL, 10) >= num) num = strtoll(v, NULL, 10) + 1;
    }
    r->v[entity_field_index(e, "number")] = arena_printf(x->a, "%lld", num);
    r->v[entity_field_index(e, "symbol")] = arena_printf(x->a, "%02lld/BC-%s", num, pv.abbrev);
    r->v[entity_field_index(e, "issued_on")] = arena_strdup(x->a, today);
    json_t *doc;
    if (report_doc(x, r, &doc) != 0) return -1;
    char *text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    buf b = {0};
    buf_puts(&b, text);
    free(text);
    int rc = put(x, &b, r, "frozen_sha", ve);
    const char *const shas[REPORT_FORMATS] = {"pdf_sha", "docx_sha", "xlsx_sha", "html_sha"};
    for (int f = 0; !rc && f < REPORT_FORMATS; f++) {
        buf_reset(&b);
        char err[300];
        if (draw(doc, (report_format)f, &b, err, sizeof err) != 0) {
            verrs_add(ve, NULL, M_REPORT_DRAW_FAILED, 0);
            rc = 1;
            break;
        }
        rc = put(x, &b, r, shas[f], ve);
    }
    buf_free(&b);
    json_decref(doc);
    return rc < 0 ? -1 : 0;
}

rstatus report_document(ctx *x, const record *r, json_t **out)
{
    const char *sha = record_get(r, "frozen_sha");
    if (!sha) return report_doc(x, r, out) ? RS_ERROR : RS_OK;
    buf b = {0};
    char err[200];
    if (files_get(x->c, sha, &b, err, sizeof err) != 0) {
        buf_free(&b);
        return RS_ERROR;
    }
    json_error_t je;
    *out = json_loadb(b.data, b.len, 0, &je);
    buf_free(&b);
    return *out ? RS_OK : RS_ERROR;
}

rstatus report_file(ctx *x, const record *r, report_format f, buf *out, char *err, size_t errlen)
{
    const char *const shas[REPORT_FORMATS] = {"pdf_sha", "docx_sha", "xlsx_sha", "html_sha"};
    const char *sha = record_get(r, shas[f]);
    if (sha) return files_get(x->c, sha, out, err, errlen) == 0 ? RS_OK : RS_ERROR;
    json_t *doc;
    if (report_doc(x, r, &doc) != 0) {
        snprintf(err, errlen, "the report's figures could not be read");
        return RS_ERROR;
    }
    int rc = draw(doc, f, out, err, errlen);
    json_decref(doc);
    return rc == 0 ? RS_OK : RS_ERROR;
}

rstatus report_for_period(ctx *x, const char *period, record *out)
{
    report_period p;
    if (!report_period_parse(period, &p)) return RS_INVALID;
    const entity *e = &report_entity;
    list_query q = {.sort = entity_field_index(e, "issued_on"), .desc = true, .limit = 1};
    add_filter(&q, e, "period", p.code, '=');
    add_filter(&q, e, "status", "issued", '=');
    record *rows;
    int n;
    if (st_rec_list(x->c, x->a, e, &q, &rows, &n) != ST_OK) return RS_ERROR;
    if (n) {
        *out = rows[0];
        return RS_OK;
    }
    *out = rec_new(x->a, e);
    out->v[entity_field_index(e, "period")] = arena_strdup(x->a, p.code);
    out->v[entity_field_index(e, "status")] = "draft";
    report_compute(e, out, x->a);
    return report_defaults(x, out) ? RS_ERROR : RS_OK;
}
