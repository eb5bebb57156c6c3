/* Border trade (thương mại biên giới): turnover reported per gate and period (a month, a
 * quarter, a year, or a span such as "the first months of 2019"), in a currency, as a total
 * and whatever parts the source gives. Special:
 * - every figure is kept exactly as reported; when the parts given do not add up to the
 *   total, the report is flagged with the unexplained difference (total minus the parts),
 *   computed exactly in decimal: nothing is corrected and nothing refused for it;
 * - a later report of the same gate and period is a new revision (revision_key): all kept,
 *   the latest marked;
 * - the customs office of a gate (an agency user, the gate's agency) enters its own gate's
 *   figures and nobody else's (agency_field through the gate). */
#include "trade.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/msg.h"

static const enum_opt period_kinds[] = {
    {"month", "Tháng", "Month"}, {"quarter", "Quý", "Quarter"},
    {"year", "Năm", "Year"},     {"span", "Khoảng thời gian khác", "Other span"},
    {NULL, NULL, NULL},
};

static const field trade_fields[] = {
    {.name = "gate_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Cửa khẩu",
     .en = "Border gate",
     .ref = "gates"},
    {.name = "period_kind",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Loại kỳ",
     .en = "Period",
     .opts = period_kinds},
    {.name = "period_start",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_FILTER,
     .vi = "Từ ngày",
     .en = "From"},
    {.name = "period_end",
     .type = FT_DATE,
     .flags = F_LIST,
     .vi = "Đến ngày",
     .en = "To",
     .hint_vi = "Chỉ với khoảng thời gian khác; kỳ tháng, quý, năm tự tính.",
     .hint_en = "Only for another span; a month, quarter or year ends where it ends."},
    {.name = "period_label",
     .type = FT_TEXT,
     .flags = F_TITLE | F_SEARCH | F_LIST,
     .maxlen = 200,
     .vi = "Kỳ báo cáo",
     .en = "Period reported",
     .hint_vi = "Như nguồn ghi (\"Các tháng đầu năm 2019\"); để trống: tự đặt.",
     .hint_en = "As the source names it; empty: made up."},
    {.name = "currency",
     .type = FT_TEXT,
     .flags = F_LIST | F_FILTER,
     .maxlen = 3,
     .vi = "Tiền tệ",
     .en = "Currency",
     .hint_vi = "Mã ISO 4217 (USD, VND, LAK, KHR); để trống: USD.",
     .hint_en = "An ISO 4217 code (USD, VND, LAK, KHR); empty: USD."},
    {.name = "total",
     .type = FT_NUMBER,
     .flags = F_REQUIRED | F_LIST | F_NONNEG,
     .vi = "Tổng kim ngạch",
     .en = "Total turnover",
     .hint_vi = "Đúng như báo cáo, theo đơn vị tiền (68.200.000), không làm tròn.",
     .hint_en = "As reported, in currency units (68,200,000), not rounded."},
    {.name = "exports",
     .type = FT_NUMBER,
     .flags = F_LIST | F_NONNEG,
     .vi = "Xuất khẩu",
     .en = "Exports"},
    {.name = "imports",
     .type = FT_NUMBER,
     .flags = F_LIST | F_NONNEG,
     .vi = "Nhập khẩu",
     .en = "Imports"},
    {.name = "transit", .type = FT_NUMBER, .flags = F_NONNEG, .vi = "Quá cảnh", .en = "Transit"},
    {.name = "reexport",
     .type = FT_NUMBER,
     .flags = F_NONNEG,
     .vi = "Tạm nhập tái xuất",
     .en = "Temporary import for re-export"},
    {.name = "difference",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST,
     .vi = "Chênh lệch chưa giải thích",
     .en = "Unexplained difference"},
    {.name = "source_doc",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Văn bản nguồn",
     .en = "Source document"},
    {.name = "source_agency_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Cơ quan báo cáo",
     .en = "Reported by",
     .ref = "agencies"},
    {.name = "reported_on",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_SORT | F_PAST,
     .vi = "Ngày báo cáo",
     .en = "Reported on"},
    {.name = "revision",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST,
     .vi = "Lần báo cáo",
     .en = "Revision"},
    {.name = "latest",
     .type = FT_BOOL,
     .flags = F_READONLY | F_FILTER,
     .vi = "Số liệu mới nhất",
     .en = "Latest report"},
    {.name = "note",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 2000,
     .vi = "Ghi chú",
     .en = "Note"},
};

/* Active ISO 4217 codes (2024), each followed by a space. */
static const char currencies[] =
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN "
    "BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD "
    "FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY "
    "KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP "
    "MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR "
    "RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT "
    "TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW "
    "ZWL ";

bool currency_known(const char *code)
{
    if (!code || strlen(code) != 3) return false;
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z') return false;
    char k[5] = {code[0], code[1], code[2], ' ', 0};
    return strstr(currencies, k) != NULL;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 : d[m - 1];
}

/* The last day of the period of this kind that starts on start ("YYYY-MM-DD"), into out;
 * false when start is not where such a period starts (a month on its 1st, a quarter on 1
 * January, April, July or October, a year on 1 January) or the kind is a span. */
static bool period_end_of(const char *kind, const char *start, char out[11])
{
    int y, m, d;
    if (!start || sscanf(start, "%4d-%2d-%2d", &y, &m, &d) != 3 || d != 1) return false;
    int last;
    if (!strcmp(kind, "month"))
        last = m;
    else if (!strcmp(kind, "quarter") && (m - 1) % 3 == 0)
        last = m + 2;
    else if (!strcmp(kind, "year") && m == 1)
        last = 12;
    else
        return false;
    snprintf(out, 11, "%04d-%02d-%02d", y, last, days_in_month(y, last));
    return true;
}

static void trade_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *kind = record_get(r, "period_kind"), *start = record_get(r, "period_start"),
               *end = record_get(r, "period_end"), *cur = record_get(r, "currency");
    char want[11];
    if (kind && start && strcmp(kind, "span")) { /* its end follows from it (compute) */
        if (!period_end_of(kind, start, want)) verrs_add(errs, "period_start", M_PERIOD_START, 0);
        end = NULL;
    } else if (kind && !end) {
        verrs_add(errs, "period_end", M_REQUIRED, 0);
    }
    if (start && end && strcmp(end, start) < 0) verrs_add(errs, "period_end", M_DATE_ORDER, 0);
    if (cur && !currency_known(cur)) verrs_add(errs, "currency", M_CURRENCY, 0);
}

/* ---- exact decimals: the figures as parse_number writes them ("-1234.5") */

typedef __int128 wide;

static int scale_of(const char *v)
{
    const char *dot = v ? strchr(v, '.') : NULL;
    return dot ? (int)strlen(dot + 1) : 0;
}

/* v in units of 10^-scale (scale at least v's own; at most 30 digits in all: parse_number
 * and the 15 significant digits a figure may have keep it far inside 128 bits). */
static wide scaled(const char *v, int scale)
{
    wide n = 0;
    bool neg = *v == '-';
    int frac = -1;
    for (const char *p = v + neg; *p; p++) {
        if (*p == '.') {
            frac = 0;
            continue;
        }
        n = n * 10 + (*p - '0');
        if (frac >= 0) frac++;
    }
    for (int k = frac < 0 ? 0 : frac; k < scale; k++)
        n *= 10;
    return neg ? -n : n;
}

static char *unscaled(arena *a, wide n, int scale)
{
    char digits[64];
    int len = 0;
    bool neg = n < 0;
    if (neg) n = -n;
    do {
        digits[len++] = (char)('0' + (int)(n % 10));
        n /= 10;
    } while (n || len <= scale);
    char *out = arena_alloc(a, (size_t)len + 3), *o = out;
    if (neg) *o++ = '-';
    for (int i = len - 1; i >= 0; i--) {
        *o++ = digits[i];
        if (i == scale && scale) *o++ = '.';
    }
    *o = 0;
    return out;
}

const char *trade_difference(arena *a, const char *total, const char *const parts[], int n)
{
    int scale = scale_of(total), given = 0;
    for (int i = 0; i < n; i++)
        if (parts[i]) {
            given++;
            if (scale_of(parts[i]) > scale) scale = scale_of(parts[i]);
        }
    if (!total || !given) return NULL; /* nothing to compare */
    wide d = scaled(total, scale);
    for (int i = 0; i < n; i++)
        if (parts[i]) d -= scaled(parts[i], scale);
    return d ? unscaled(a, d, scale) : NULL;
}

static const char *const part_names[] = {"exports", "imports", "transit", "reexport"};

static void trade_compute(const entity *e, record *r, arena *a)
{
    int ki = entity_field_index(e, "period_kind"), si = entity_field_index(e, "period_start"),
        ei = entity_field_index(e, "period_end"), li = entity_field_index(e, "period_label"),
        ci = entity_field_index(e, "currency");
    char end[11]; /* a month, quarter or year ends where it ends, whatever was typed */
    if (period_end_of(r->v[ki], r->v[si], end)) r->v[ei] = arena_strdup(a, end);
    if (!r->v[ci]) r->v[ci] = "USD";
    if (!r->v[li]) { /* "Tháng 03/2024", "Quý 1/2024", "Năm 2024", "01/01/2019–30/06/2019" */
        int y, m, d, y2, m2, d2;
        const char *k = r->v[ki];
        sscanf(r->v[si], "%4d-%2d-%2d", &y, &m, &d);
        if (!strcmp(k, "month"))
            r->v[li] = arena_printf(a, "Tháng %02d/%d", m, y);
        else if (!strcmp(k, "quarter"))
            r->v[li] = arena_printf(a, "Quý %d/%d", (m - 1) / 3 + 1, y);
        else if (!strcmp(k, "year"))
            r->v[li] = arena_printf(a, "Năm %d", y);
        else if (r->v[ei] && sscanf(r->v[ei], "%4d-%2d-%2d", &y2, &m2, &d2) == 3)
            r->v[li] = arena_printf(a, "%02d/%02d/%d–%02d/%02d/%d", d, m, y, d2, m2, y2);
    }
    const char *parts[4];
    for (int i = 0; i < 4; i++)
        parts[i] = r->v[entity_field_index(e, part_names[i])];
    r->v[entity_field_index(e, "difference")] =
        trade_difference(a, record_get(r, "total"), parts, 4);
}

static const enum_opt checks[] = {
    {"flagged", "Các phần không cộng đủ tổng số", "Parts do not add up to the total"},
    {"consistent", "Khớp hoặc không có số liệu thành phần", "Consistent, or no parts given"},
    {NULL, NULL, NULL},
};

static const char *trade_consistency(const record *r, const char *today)
{
    (void)today;
    return record_get(r, "difference") ? "flagged" : "consistent";
}

static bool trade_consistency_filter(const entity *e, const char *code, const char *today,
                                     list_query *q)
{
    (void)today;
    if (q->nf >= LIST_FILTERS_MAX) return false;
    int di = entity_field_index(e, "difference");
    if (!strcmp(code, "flagged"))
        q->f[q->nf++] = (list_filter){di, NULL, 'N'};
    else if (!strcmp(code, "consistent"))
        q->f[q->nf++] = (list_filter){di, NULL, 'n'};
    else
        return false;
    return true;
}

static const derived_field trade_derived = {
    .name = "consistency",
    .vi = "Đối chiếu tổng số",
    .en = "Parts against total",
    .opts = checks,
    .value = trade_consistency,
    .filter = trade_consistency_filter,
    .warn = "flagged",
    .warn_msg = M_TRADE_FLAGGED,
};

const entity trade_report_entity = {
    .name = "trade_report",
    .table = "trade_reports",
    .code = 11,
    .vi = "Số liệu kim ngạch",
    .en = "Trade figure",
    .plural_vi = "Số liệu kim ngạch (các lần báo cáo)",
    .plural_en = "Trade figures (every report)",
    .fields = trade_fields,
    .nfields = sizeof trade_fields / sizeof trade_fields[0],
    .check = trade_check,
    .compute = trade_compute,
    .derived = &trade_derived,
    .agency_field = "gate_id", /* the gate's customs office */
    .agency_writes = AG_CREATE | AG_UPDATE,
    .revision_key =
        (const char *const[]){"gate_id", "period_kind", "period_start", "period_end", NULL},
    .revision_order = "reported_on",
    .attachments = true,
    .menu = "border",
};
