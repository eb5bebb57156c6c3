/* What every format of a document (doc.h) shares: its column types, its dates, and how a
 * cell reads, so that the PDF, the DOCX, the HTML and the XLSX's cover say the same
 * figures the same way. */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[DOC_NTYPES] = {"text", "int", "num", "money", "pct", "date"};

int doc_col_type(const char *name)
{
    for (int i = 0; name && i < DOC_NTYPES; i++)
        if (!strcmp(name, type_names[i])) return i;
    return -1;
}

bool doc_type_numeric(int type)
{
    return type == DOC_INT || type == DOC_NUM || type == DOC_MONEY || type == DOC_PCT;
}

bool doc_date(const char *s, int *y, int *m, int *d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int yy = atoi(s), mm = atoi(s + 5), dd = atoi(s + 8);
    bool leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
    if (yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > mdays[mm - 1] ||
        (mm == 2 && dd == 29 && !leap))
        return false;
    if (y) *y = yy;
    if (m) *m = mm;
    if (d) *d = dd;
    return true;
}

/* raw as printf writes a number ("-1234.5") with "." between thousands and "," for the
 * point, into out; "-0" and "-0,00" lose their sign. */
static void grouped(const char *raw, char *out, size_t n)
{
    const char *q = raw;
    size_t o = 0;
    bool zero = strspn(q + (*q == '-'), "0.") == strlen(q + (*q == '-'));
    if (*q == '-') {
        if (!zero && o + 1 < n) out[o++] = '-';
        q++;
    }
    size_t ilen = strcspn(q, ".");
    for (size_t i = 0; i < ilen && o + 2 < n; i++) {
        if (i && (ilen - i) % 3 == 0) out[o++] = '.';
        out[o++] = q[i];
    }
    if (q[ilen] == '.' && o + 1 < n) out[o++] = ',';
    for (const char *dp = q[ilen] == '.' ? q + ilen + 1 : ""; *dp && o + 1 < n; dp++)
        out[o++] = *dp;
    out[o] = 0;
}

const char *doc_cell_text(const json_t *cell, int type, char *out, size_t n)
{
    if (!n) return out;
    out[0] = 0;
    if (!cell || json_is_null(cell)) return out;
    if (doc_type_numeric(type)) {
        if (!json_is_number(cell)) return out;
        char raw[400]; /* %.2f of the largest double is 312 characters */
        double v = json_number_value(cell);
        if (json_is_integer(cell) && (type == DOC_INT || type == DOC_MONEY))
            snprintf(raw, sizeof raw, "%lld", (long long)json_integer_value(cell));
        else if (type == DOC_PCT)
            snprintf(raw, sizeof raw, "%.1f", v * 100);
        else
            snprintf(raw, sizeof raw, "%.*f", type == DOC_NUM ? 2 : 0, v);
        grouped(raw, out, type == DOC_PCT && n > 2 ? n - 2 : n);
        if (type == DOC_PCT) strncat(out, " %", n - strlen(out) - 1);
        return out;
    }
    if (!json_is_string(cell)) return out;
    const char *s = json_string_value(cell);
    if (type == DOC_DATE && doc_date(s, NULL, NULL, NULL))
        snprintf(out, n, "%.2s/%.2s/%.4s", s + 8, s + 5, s);
    else if (type == DOC_TEXT || type == DOC_DATE)
        snprintf(out, n, "%s", s);
    return out;
}
