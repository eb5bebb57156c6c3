/* Tests for domain/refdata: loading iso-codes, country names from ICU, the subdivision
 * catalogue, the reviewed names in data/names-vi.tsv, lookups, admin corrections, the order of
 * country lists, and robustness against bad input files.
 * Needs Debian's iso-codes and ICU (libicu72) installed (the paths below). */
#include "domain/app.h"
#include "domain/entities.h"
#include "domain/records.h"
#include "domain/refdata.h"
#include "t.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define ISO_DIR "/usr/share/iso-codes/json"
#define LOCALE_DIR "/usr/share/locale"
#define NAMES_TSV NGV_SOURCE_DIR "/data/names-vi.tsv"

/* Whole file as a NUL-terminated string (caller frees), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0, n;
    char *s = malloc(cap);
    while (s && (n = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            char *t = realloc(s, cap *= 2);
            if (!t) free(s);
            s = t;
        }
    }
    fclose(f);
    if (s) s[len] = '\0';
    return s;
}

/* Loads the real data with the real reviewed names; true on success. */
static bool load_real(void)
{
    char err[512];
    char *tsv = slurp(NAMES_TSV);
    CHECK(tsv != NULL);
    int rc = refdata_load(ISO_DIR, LOCALE_DIR, tsv, err, sizeof err);
    if (rc != 0) fprintf(stderr, "    refdata_load: %s\n", err);
    free(tsv);
    CHECK(rc == 0);
    return rc == 0;
}

static const char *country_vi(const char *code)
{
    return refdata_country_name(refdata_country(code), "vi");
}

static const char *sub_vi(const char *code)
{
    return refdata_subdivision_name(refdata_subdivision(code), "vi");
}

static void test_reviewed_country_names(void)
{
    if (!load_real()) return;
    CHECK_STR(country_vi("KH"), "Campuchia");
    CHECK_STR(country_vi("KR"), "Hàn Quốc");
    CHECK_STR(country_vi("KP"), "Triều Tiên");
    CHECK_STR(country_vi("US"), "Hoa Kỳ");
    CHECK_STR(country_vi("LA"), "Lào");
    CHECK_STR(country_vi("JP"), "Nhật Bản");
    CHECK_STR(country_vi("MM"), "Myanmar");
    CHECK_STR(country_vi("SG"), "Singapore");
    CHECK_STR(country_vi("GB"), "Vương quốc Anh");
    CHECK_STR(country_vi("AU"), "Ô-xtrây-li-a");
    CHECK_STR(country_vi("TW"), "Đài Loan (Trung Quốc)");
    CHECK_STR(country_vi("CI"), "Côte d\u2019Ivoire");
    CHECK_STR(country_vi("FR"), "Pháp");
    CHECK_STR(country_vi("DE"), "Đức");
    CHECK_STR(country_vi("TH"), "Thái Lan");
    CHECK_STR(country_vi("CN"), "Trung Quốc");
    const ref_country *kh = refdata_country("KH");
    CHECK(kh != NULL);
    if (kh) {
        CHECK_STR(kh->code, "KH");
        CHECK_STR(kh->name_en, "Cambodia");
        CHECK_STR(refdata_country_name(kh, "en"), "Cambodia");
        CHECK_STR(refdata_country_name(kh, NULL), "Cambodia");
    }
    /* name_en prefers ISO's common_name */
    CHECK_STR(refdata_country_name(refdata_country("LA"), "en"), "Laos");
    CHECK_STR(refdata_country_name(refdata_country("KR"), "en"), "South Korea");
}

/* Without the reviewed list, country names come from ICU (CLDR), never from iso-codes'
 * Vietnamese catalogue; subdivision names still come from its iso_3166-2 catalogue. */
static void test_icu_country_names(void)
{
    char err[256];
    CHECK(refdata_load(ISO_DIR, LOCALE_DIR, NULL, err, sizeof err) == 0);
    CHECK_STR(country_vi("KH"), "Campuchia"); /* the catalogue says "Căm Bốt" */
    CHECK_STR(country_vi("KR"), "Hàn Quốc");  /* ... "Cộng hoà Nam Hàn" */
    CHECK_STR(country_vi("KP"), "Triều Tiên");
    CHECK_STR(country_vi("US"), "Hoa Kỳ");
    CHECK_STR(country_vi("JP"), "Nhật Bản");
    CHECK_STR(country_vi("LA"), "Lào");
    CHECK_STR(country_vi("TH"), "Thái Lan");
    CHECK_STR(country_vi("CN"), "Trung Quốc");
    CHECK_STR(country_vi("FR"), "Pháp");
    CHECK_STR(country_vi("DE"), "Đức");
    CHECK_STR(country_vi("CI"), "Côte d\u2019Ivoire"); /* ... "Cốt đi-vouă" */
    CHECK_STR(country_vi("TW"), "Đài Loan");           /* the reviewed list adds "(Trung Quốc)" */
    CHECK_STR(refdata_country_name(refdata_country("CI"), "en"), "Côte d\u2019Ivoire");
    CHECK_STR(refdata_country_name(refdata_country("US"), "en"), "United States");
    CHECK_STR(refdata_country("VN")->name_iso, "Viet Nam"); /* ISO's, kept for matching */
    CHECK_STR(refdata_country("KR")->name_iso, "Korea, Republic of");
    CHECK_STR(refdata_country_name(refdata_country("VN"), "en"), "Vietnam");
    CHECK_STR(sub_vi("LA-AT"), "Attapu");
    CHECK_STR(sub_vi("KH-12"), "Phnôm Pênh");
    CHECK(refdata_subdivision("VN-33") && !refdata_subdivision("VN-33")->name_vi);
    /* no Vietnamese name: the English one is shown */
    CHECK_STR(sub_vi("VN-33"), "Đắk Lắk");
    /* every country has both names */
    for (size_t i = 0; i < refdata_country_count(); i++) {
        const ref_country *c = refdata_country_at(i);
        CHECK(c->name_vi && *c->name_vi && c->name_en && *c->name_en);
        if (!c->name_vi || !c->name_en) fprintf(stderr, "    %s lacks a name\n", c->code);
    }
}

/* What iso-codes' Vietnamese catalogue says for these must never be shown. */
static void test_no_garbled_country_names(void)
{
    static const char *const garbled[] = {
        "Bă-ba-đôxợ", "Cốt đi-vouă", "Chê-đ",   "Đảo He-ợ-đợ và Quần Đảo Mợc-đo-nậ-đợ",
        "Căm Bốt",    "Nam Hàn",     "Bắc Hàn", "Mợc",
        "Xin-ga-po"};
    if (!load_real()) return;
    for (int l = 0; l < 2; l++) {
        size_t n = 0;
        const ref_country *const *v = refdata_countries_ordered(l ? "en" : "vi", &n);
        CHECK(v != NULL && n == refdata_country_count());
        for (size_t i = 0; v && i < n; i++)
            for (size_t k = 0; k < sizeof garbled / sizeof *garbled; k++) {
                const char *name = refdata_country_name(v[i], l ? "en" : "vi");
                CHECK(!strstr(name, garbled[k]));
                if (strstr(name, garbled[k])) fprintf(stderr, "    %s: %s\n", v[i]->code, name);
            }
    }
    CHECK_STR(country_vi("BB"), "Barbados");
    CHECK_STR(country_vi("TD"), "Chad");
    CHECK_STR(country_vi("CI"), "Côte d\u2019Ivoire");
    CHECK_STR(country_vi("HM"), "Quần đảo Heard và McDonald");
}

static void test_reviewed_subdivision_names(void)
{
    if (!load_real()) return;
    const ref_subdivision *at = refdata_subdivision("LA-AT");
    CHECK(at != NULL);
    if (at) {
        CHECK_STR(at->code, "LA-AT");
        CHECK_STR(at->country, "LA");
        CHECK_STR(at->type, "Province");
        CHECK_STR(at->name_en, "Attapu");
        CHECK_STR(at->name_vi, "Attapeu");
        CHECK_STR(refdata_subdivision_name(at, "en"), "Attapu");
        CHECK_STR(refdata_subdivision_name(at, "vi"), "Attapeu");
    }
    CHECK_STR(sub_vi("LA-XE"), "Sê Kông");
    CHECK_STR(sub_vi("LA-CH"), "Chăm-pa-sắc");
    CHECK_STR(sub_vi("LA-SL"), "Sa-la-van");
    CHECK_STR(sub_vi("KH-16"), "Ratanakiri");
    CHECK_STR(sub_vi("KH-19"), "Stung Treng");
    CHECK_STR(sub_vi("KH-11"), "Mondulkiri");
    CHECK_STR(sub_vi("KH-12"), "Phnôm Pênh");
    CHECK_STR(sub_vi("VN-47"), "Kiên Giang");
}

/* Every country a provincial foreign-affairs office deals with routinely has a reviewed name. */
static void test_key_countries_have_vi_names(void)
{
    static const char *const codes[] = {
        "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN", "CN", "JP", "KR",
        "KP", "MN", "TW", "HK", "MO", "US", "AU", "RU", "IN", "AT", "BE", "BG", "HR", "CY",
        "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "CA", "NZ"};
    if (!load_real()) return;
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        const ref_country *c = refdata_country(codes[i]);
        CHECK(c && c->name_vi);
        if (!c || !c->name_vi) fprintf(stderr, "    no Vietnamese name for %s\n", codes[i]);
    }
}

static void test_unknown_codes(void)
{
    if (!load_real()) return;
    CHECK(refdata_country("XX") == NULL);
    CHECK(refdata_country("kh") == NULL);
    CHECK(refdata_country("KHM") == NULL);
    CHECK(refdata_country("") == NULL);
    CHECK(refdata_country(NULL) == NULL);
    CHECK(refdata_subdivision("LA-ZZ") == NULL);
    CHECK(refdata_subdivision("LA") == NULL);
    CHECK(refdata_subdivision(NULL) == NULL);
    CHECK(refdata_country_name(NULL, "vi") == NULL);
    CHECK(refdata_subdivision_name(NULL, "vi") == NULL);
}

static void test_countries_sorted(void)
{
    if (!load_real()) return;
    size_t n = refdata_country_count();
    CHECK(n >= 240);
    for (size_t i = 0; i < n; i++) {
        const ref_country *c = refdata_country_at(i);
        CHECK(c != NULL && strlen(c->code) == 2 && c->name_en);
        if (i > 0) CHECK(strcmp(refdata_country_at(i - 1)->code, c->code) < 0);
        CHECK(refdata_country(c->code) == c);
    }
    CHECK(refdata_country_at(n) == NULL);
}

static void test_subdivisions_of(void)
{
    if (!load_real()) return;
    const ref_subdivision *la = NULL;
    size_t n = refdata_subdivisions_of("LA", &la);
    CHECK(n == 18);
    CHECK(la != NULL);
    for (size_t i = 0; la && i < n; i++) {
        CHECK_STR(la[i].country, "LA");
        CHECK(strncmp(la[i].code, "LA-", 3) == 0);
        CHECK(la[i].name_vi != NULL);
        if (i > 0) CHECK(strcmp(la[i - 1].code, la[i].code) < 0);
        CHECK(refdata_subdivision(la[i].code) == &la[i]);
    }
    /* subdivisions of other countries are not in the LA run */
    const ref_subdivision *kh16 = refdata_subdivision("KH-16"), *vn = refdata_subdivision("VN-HN");
    CHECK(kh16 && vn);
    CHECK(!la || kh16 < la || kh16 >= la + n);
    CHECK(!la || vn < la || vn >= la + n);

    const ref_subdivision *kh = NULL;
    CHECK(refdata_subdivisions_of("KH", &kh) == 25);
    CHECK(kh && kh16 >= kh && kh16 < kh + 25);

    const ref_subdivision *none = la;
    CHECK(refdata_subdivisions_of("XX", &none) == 0 && none == NULL);
    CHECK(refdata_subdivisions_of("la", &none) == 0);
    CHECK(refdata_subdivisions_of(NULL, NULL) == 0);
    CHECK(refdata_subdivisions_of("LA", NULL) == 18);
}

static void test_set_name_vi(void)
{
    if (!load_real()) return;
    CHECK(refdata_set_name_vi("LA-AT", "Át-tạ-pư") == 0);
    CHECK_STR(sub_vi("LA-AT"), "Át-tạ-pư");
    CHECK(refdata_set_name_vi("KH", "Vương quốc Campuchia") == 0);
    CHECK_STR(country_vi("KH"), "Vương quốc Campuchia");
    CHECK(refdata_set_name_vi("KH", NULL) == 0); /* removed: English shows */
    CHECK_STR(country_vi("KH"), "Cambodia");
    CHECK(refdata_set_name_vi("ZZ", "Không có") == -1);
    CHECK(refdata_set_name_vi("LA-ZZ", "Không có") == -1);
    CHECK(refdata_set_name_vi(NULL, "Không có") == -1);
    CHECK(refdata_set_name_vi("LA-XE", "bad \xC3\x28 utf8") == -1);
    CHECK_STR(sub_vi("LA-XE"), "Sê Kông");
    CHECK(refdata_set_name_vi("LA-XE", "") == 0);
    CHECK_STR(sub_vi("LA-XE"), "Xékong");
    /* a reload starts again from the sources */
    if (!load_real()) return;
    CHECK_STR(sub_vi("LA-AT"), "Attapeu");
    CHECK_STR(country_vi("KH"), "Campuchia");
}

/* Overrides in the text handed in: comments, CRLF, unknown codes, malformed lines. */
static void test_override_parsing(void)
{
    char err[256];
    const char *ok =
        "\xEF\xBB\xBF# comment\r\n\r\nKH\tCampuchia \r\n  \nQQ\tkhông có\nLA-AT\tAttapeu";
    CHECK(refdata_load(ISO_DIR, LOCALE_DIR, ok, err, sizeof err) == 0);
    CHECK_STR(country_vi("KH"), "Campuchia");
    CHECK_STR(sub_vi("LA-AT"), "Attapeu");

    err[0] = '\0';
    CHECK(refdata_load(ISO_DIR, LOCALE_DIR, "KH\tCampuchia\nKR Hàn Quốc\n", err, sizeof err) == -1);
    CHECK(strstr(err, "line 2") != NULL);
    CHECK(refdata_load(ISO_DIR, LOCALE_DIR, "KH\t\n", err, sizeof err) == -1);
    CHECK(refdata_load(ISO_DIR, LOCALE_DIR, "KH\t\xFF\xFE\n", err, sizeof err) == -1);
    /* the failed loads kept the data that was there */
    CHECK_STR(country_vi("KH"), "Campuchia");
}

/* The compiled-in list itself: well-formed, every code known to iso-codes, no duplicates, and
 * NFC as far as a test without a Unicode library can tell (Vietnamese in NFD would contain
 * combining marks U+0300..U+036F, encoded CC 80..CD AF). */
static void test_names_file_clean(void)
{
    char *tsv = slurp(NAMES_TSV);
    CHECK(tsv != NULL);
    if (!tsv || !load_real()) {
        free(tsv);
        return;
    }
    size_t entries = 0, lineno = 0;
    char seen[512][8];
    for (char *line = tsv, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        lineno++;
        for (unsigned char *p = (unsigned char *)line; *p; p++) {
            bool combining = (p[0] == 0xCC && p[1] >= 0x80) || (p[0] == 0xCD && p[1] <= 0xAF);
            CHECK(!combining && *p != '\r');
            if (combining) fprintf(stderr, "    line %zu: combining mark (not NFC)\n", lineno);
        }
        if (!*line || *line == '#') continue;
        char *tab = strchr(line, '\t');
        CHECK(tab != NULL);
        if (!tab) continue;
        *tab = '\0';
        const char *name = tab + 1;
        CHECK(*name && name[0] != ' ' && name[strlen(name) - 1] != ' ' && !strchr(name, '\t'));
        bool known =
            strchr(line, '-') ? refdata_subdivision(line) != NULL : refdata_country(line) != NULL;
        CHECK(known);
        if (!known) fprintf(stderr, "    line %zu: unknown code %s\n", lineno, line);
        CHECK(strlen(line) < sizeof seen[0] && entries < sizeof seen / sizeof seen[0]);
        if (strlen(line) >= sizeof seen[0] || entries >= sizeof seen / sizeof seen[0]) break;
        for (size_t i = 0; i < entries; i++) {
            CHECK(strcmp(seen[i], line) != 0);
            if (!strcmp(seen[i], line)) fprintf(stderr, "    duplicate code %s\n", line);
        }
        strcpy(seen[entries++], line);
    }
    CHECK(entries > 100);
    free(tsv);
}

/* ---- bad catalogues ---- */

static bool write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

static void put32(unsigned char *p, uint32_t v, bool be)
{
    for (int i = 0; i < 4; i++)
        p[be ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* Builds a .mo image with one entry msgid -> msgstr in the given byte order. */
static size_t make_mo(unsigned char *out, bool be, const char *msgid, const char *msgstr)
{
    size_t il = strlen(msgid), sl = strlen(msgstr);
    memset(out, 0, 28 + 16 + il + sl + 2);
    put32(out, 0x950412de, be);
    put32(out + 4, 0, be);
    put32(out + 8, 1, be);
    put32(out + 12, 28, be);
    put32(out + 16, 36, be);
    put32(out + 28, (uint32_t)il, be);
    put32(out + 32, 44, be);
    put32(out + 36, (uint32_t)sl, be);
    put32(out + 40, (uint32_t)(44 + il + 1), be);
    memcpy(out + 44, msgid, il + 1);
    memcpy(out + 44 + il + 1, msgstr, sl + 1);
    return 44 + il + 1 + sl + 1;
}

typedef struct {
    char root[64], vi[96], msgs[128], mo1[160], mo2[160];
} tmp_locale;

static bool tmp_locale_make(tmp_locale *t)
{
    strcpy(t->root, "/tmp/ngv-refdata-XXXXXX");
    if (!mkdtemp(t->root)) return false;
    snprintf(t->vi, sizeof t->vi, "%s/vi", t->root);
    snprintf(t->msgs, sizeof t->msgs, "%s/LC_MESSAGES", t->vi);
    snprintf(t->mo1, sizeof t->mo1, "%s/iso_3166-1.mo", t->msgs);
    snprintf(t->mo2, sizeof t->mo2, "%s/iso_3166-2.mo", t->msgs);
    return mkdir(t->vi, 0700) == 0 && mkdir(t->msgs, 0700) == 0;
}

static void tmp_locale_remove(tmp_locale *t)
{
    unlink(t->mo1);
    unlink(t->mo2);
    rmdir(t->msgs);
    rmdir(t->vi);
    rmdir(t->root);
}

/* Loads with the catalogue in t (no overrides) and expects no Vietnamese name for LA-AT, and
 * ICU's for KH (the country catalogue is never read). */
static void expect_no_vi(tmp_locale *t, const char *what)
{
    char err[256];
    int rc = refdata_load(ISO_DIR, t->root, NULL, err, sizeof err);
    CHECK(rc == 0);
    const ref_subdivision *at = refdata_subdivision("LA-AT");
    CHECK(at && !at->name_vi);
    if (rc || !at || at->name_vi) fprintf(stderr, "    case: %s\n", what);
    CHECK_STR(country_vi("KH"), "Campuchia");
    CHECK_STR(sub_vi("LA-AT"), "Attapu");
}

static void test_corrupt_catalogue(void)
{
    tmp_locale t;
    CHECK(tmp_locale_make(&t));
    unsigned char img[4096];

    /* garbage */
    for (size_t i = 0; i < sizeof img; i++)
        img[i] = (unsigned char)(i * 131 + 7);
    CHECK(write_file(t.mo1, img, sizeof img) && write_file(t.mo2, img, 1000));
    expect_no_vi(&t, "garbage");

    /* empty and truncated files */
    CHECK(write_file(t.mo1, "", 0) && write_file(t.mo2, "\xde\x12\x04\x95", 4));
    expect_no_vi(&t, "empty/truncated");

    /* valid header, tables far outside the file */
    size_t n = make_mo(img, false, "Cambodia", "Kam");
    put32(img + 8, 0x7fffffff, false);
    CHECK(write_file(t.mo1, img, n));
    n = make_mo(img, false, "Attapu", "X");
    put32(img + 12, 0xfffffff0, false);
    CHECK(write_file(t.mo2, img, n));
    expect_no_vi(&t, "tables out of bounds");

    /* string offsets/lengths out of bounds, missing NUL terminator */
    n = make_mo(img, false, "Cambodia", "Kam");
    put32(img + 40, 0xffffff00, false);
    CHECK(write_file(t.mo1, img, n));
    n = make_mo(img, false, "Attapu", "X");
    put32(img + 36, 2, false); /* msgstr length 2 but byte 2 is not NUL */
    CHECK(write_file(t.mo2, img, n));
    expect_no_vi(&t, "strings out of bounds");

    /* invalid UTF-8 in a translation */
    n = make_mo(img, false, "Cambodia", "K\xC0\xAFm");
    CHECK(write_file(t.mo1, img, n));
    unlink(t.mo2);
    expect_no_vi(&t, "invalid UTF-8");

    /* and the same little format, well-formed, in both byte orders, is read */
    char err[256];
    n = make_mo(img, true, "Cambodia", "Cam-pu-chia");
    CHECK(write_file(t.mo1, img, n));
    n = make_mo(img, false, "Attapu", "Át-tạ-pư");
    CHECK(write_file(t.mo2, img, n));
    CHECK(refdata_load(ISO_DIR, t.root, NULL, err, sizeof err) == 0);
    CHECK_STR(country_vi("KH"), "Campuchia"); /* iso_3166-1.mo is not read */
    CHECK_STR(sub_vi("LA-AT"), "Át-tạ-pư");
    CHECK_STR(sub_vi("LA-XE"), "Xékong");

    tmp_locale_remove(&t);

    /* no locale directory at all */
    CHECK(refdata_load(ISO_DIR, "/nonexistent/ngv-locale", NULL, err, sizeof err) == 0);
    CHECK_STR(country_vi("KH"), "Campuchia");
    CHECK_STR(sub_vi("LA-AT"), "Attapu");
    CHECK(refdata_load(ISO_DIR, NULL, NULL, err, sizeof err) == 0);
    CHECK_STR(country_vi("KH"), "Campuchia");
}

static void test_missing_iso_dir(void)
{
    if (!load_real()) return;
    char err[256] = "";
    CHECK(refdata_load("/nonexistent/ngv-iso", LOCALE_DIR, NULL, err, sizeof err) == -1);
    CHECK(err[0] != '\0');
    CHECK(strstr(err, "/nonexistent/ngv-iso") != NULL);
    /* the data loaded before is still there */
    CHECK_STR(country_vi("KH"), "Campuchia");
    CHECK(refdata_load(NULL, LOCALE_DIR, NULL, err, sizeof err) == -1);
    char tiny[8];
    CHECK(refdata_load("/nonexistent/ngv-iso", LOCALE_DIR, NULL, tiny, sizeof tiny) == -1);
    CHECK(strlen(tiny) < sizeof tiny);
}

static void test_free(void)
{
    if (!load_real()) return;
    refdata_free();
    CHECK(refdata_country("KH") == NULL);
    CHECK(refdata_subdivision("LA-AT") == NULL);
    CHECK(refdata_country_count() == 0);
    CHECK(refdata_subdivisions_of("LA", NULL) == 0);
    CHECK(refdata_set_name_vi("KH", "Campuchia") == -1);
    refdata_free(); /* twice is harmless */
}

/* Position of a code in the ordered list of lang, or -1. */
static long pos_of(const char *lang, const char *code)
{
    size_t n = 0;
    const ref_country *const *v = refdata_countries_ordered(lang, &n);
    for (size_t i = 0; v && i < n; i++)
        if (!strcmp(v[i]->code, code)) return (long)i;
    return -1;
}

/* Every country once, in the Vietnamese alphabet (Đ after D, Ấn Độ among the A's) or the
 * English one; the first countries, once set, ahead of all, and kept by a reload. */
static void test_countries_ordered(void)
{
    if (!load_real()) return;
    refdata_set_first_countries(NULL, 0);
    size_t n = 0;
    const ref_country *const *v = refdata_countries_ordered("vi", &n);
    CHECK(v && n == refdata_country_count());
    for (size_t i = 0; v && i < n; i++) {
        CHECK(refdata_country(v[i]->code) == v[i]);
        for (size_t k = 0; k < i; k++)
            CHECK(v[k] != v[i]);
    }
    CHECK_STR(v ? v[0]->code : NULL, "AZ"); /* A-déc-bai-gian: hyphens are ignored, d < f */
    CHECK(pos_of("vi", "AZ") < pos_of("vi", "AF")); /* ... < Áp-ga-ni-xtan */
    CHECK(pos_of("vi", "DM") < pos_of("vi", "DK")); /* Dominica < Đan Mạch */
    CHECK(pos_of("vi", "DK") < pos_of("vi", "DE")); /* Đan Mạch < Đức */
    CHECK(pos_of("vi", "DE") < pos_of("vi", "EE")); /* Đức < E-xtô-ni-a */
    CHECK(pos_of("vi", "IN") < pos_of("vi", "PL")); /* Ấn Độ < Ba Lan */
    CHECK(pos_of("vi", "AU") > pos_of("vi", "NO")); /* Ô-xtrây-li-a after Na Uy */
    CHECK(pos_of("vi", "VN") > pos_of("vi", "US")); /* Việt Nam after Hoa Kỳ */
    CHECK(pos_of("en", "DK") < pos_of("en", "DE"));
    CHECK(pos_of("en", "KH") < pos_of("en", "LA"));

    const char *first[] = {"LA", "KH", "TH", "KR", "XX", "LA", "la", NULL, "JP"};
    CHECK(refdata_set_first_countries(first, sizeof first / sizeof *first) == 5);
    CHECK(refdata_first_count() == 5);
    v = refdata_countries_ordered("vi", &n);
    CHECK(n == refdata_country_count());
    static const char *const want[] = {"LA", "KH", "TH", "KR", "JP"};
    for (size_t i = 0; v && i < 5; i++)
        CHECK_STR(v[i]->code, want[i]);
    CHECK(pos_of("vi", "LA") < pos_of("vi", "AF") && pos_of("vi", "KH") < pos_of("vi", "AF"));
    CHECK(pos_of("vi", "AZ") == 5);
    CHECK(pos_of("en", "KR") == 3 && pos_of("en", "AF") == 5); /* Afghanistan */
    /* kept across a reload; a renamed country moves to its new place */
    if (!load_real()) return;
    CHECK(pos_of("vi", "LA") == 0 && pos_of("vi", "AZ") == 5);
    CHECK(refdata_set_name_vi("AF", "Ư-dờ") == 0);
    CHECK(pos_of("vi", "AF") > pos_of("vi", "UZ") && pos_of("vi", "AF") < pos_of("vi", "VN"));
    CHECK(pos_of("en", "AF") == 5);
    refdata_set_first_countries(NULL, 0);
    CHECK(refdata_first_count() == 0);
    CHECK(pos_of("vi", "LA") > 5);
    refdata_free();
    CHECK(refdata_countries_ordered("vi", &n) == NULL && n == 0);
}

/* A province is chosen by its name: a country's subdivisions in the order of their names. */
static void test_subdivisions_sorted(void)
{
    if (!load_real()) return;
    const ref_subdivision *v[32];
    CHECK(refdata_subdivisions_sorted("LA", "vi", v, 32) == 18);
    CHECK_STR(v[0]->name_vi, "Attapeu");
    CHECK_STR(v[1]->name_vi, "Bò Kẹo"); /* o before ô: letters of their own in Vietnamese */
    CHECK_STR(v[2]->name_vi, "Bô-li-khăm-xay");
    CHECK_STR(v[17]->name_vi, "Xiêng Khoảng");
    for (size_t i = 0; i < 18; i++)
        CHECK(v[i]->country[0] == 'L' && v[i]->country[1] == 'A');
    CHECK(refdata_subdivisions_sorted("LA", "en", v, 3) == 18);
    CHECK_STR(v[0]->name_en, "Attapu");
    CHECK(refdata_subdivisions_sorted("XX", "vi", v, 32) == 0);
    CHECK(refdata_subdivisions_sorted("LA", "vi", NULL, 0) == 18);
}

/* The reviewed list holds only what differs from ICU (else it would hide ICU's updates). */
static void test_names_file_only_differences(void)
{
    char err[256];
    CHECK(refdata_load(ISO_DIR, LOCALE_DIR, NULL, err, sizeof err) == 0);
    char *tsv = slurp(NAMES_TSV);
    CHECK(tsv != NULL);
    size_t countries = 0;
    for (char *line = tsv, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        char *tab = strchr(line, '\t');
        if (*line == '#' || !tab || tab - line != 2) continue;
        *tab = '\0';
        countries++;
        const char *icu = country_vi(line);
        CHECK(icu && strcmp(icu, tab + 1) != 0);
        if (icu && !strcmp(icu, tab + 1)) fprintf(stderr, "    %s: ICU says it already\n", line);
    }
    CHECK(countries > 20);
    free(tsv);
}

/* The partner countries, from the partners in a database: localities only, most first. */
static void test_first_countries_from_partners(void)
{
    char dir[] = "/tmp/ngv-refdata-db-XXXXXX", db[64], err[512];
    if (!mkdtemp(dir)) return;
    snprintf(db, sizeof db, "%s/r.db", dir);
    store *st = NULL;
    CHECK(app_open(db, true, 1, &st, err, sizeof err) == 0);
    if (!st) return;
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = {.c = c, .a = &a, .lang = "vi", .username = "tester", .role = ROLE_ADMIN};
    static const struct {
        const char *kind, *name, *country, *sub;
    } ps[] = {{"locality", "Tỉnh Attapeu", "LA", "LA-AT"},
              {"locality", "Tỉnh Sê Kông", "LA", "LA-XE"},
              {"locality", "Tỉnh Ratanakiri", "KH", "KH-16"},
              {"locality", "Tỉnh Stung Treng", "KH", "KH-19"},
              {"locality", "Tỉnh Chăm-pa-sắc", "LA", "LA-CH"},
              {"locality", "Tỉnh Gyeongsangbuk-do", "KR", "KR-47"},
              {"embassy", "Đại sứ quán A", "US", NULL},
              {"embassy", "Đại sứ quán B", "US", NULL},
              {"embassy", "Đại sứ quán C", "US", NULL},
              {"embassy", "Đại sứ quán D", "US", NULL}};
    for (size_t i = 0; i < sizeof ps / sizeof *ps; i++) {
        verrs ve = {0};
        record r = rec_new(&a, &partner_entity);
        rec_set(&r, "kind", ps[i].kind, &ve);
        rec_set(&r, "name_vi", ps[i].name, &ve);
        rec_set(&r, "country", ps[i].country, &ve);
        rec_set(&r, "subdivision", ps[i].sub, &ve);
        CHECK(rec_create(&x, &r, &ve) == RS_OK);
    }
    CHECK(refdata_first_countries_from_partners(c) == 3);
    CHECK(pos_of("vi", "LA") == 0 && pos_of("vi", "KH") == 1 && pos_of("vi", "KR") == 2);
    CHECK(pos_of("vi", "AZ") == 3); /* the embassies' US is not a partner province's */
    arena_free(&a);
    store_release(st, c);
    app_close(st);
    refdata_set_first_countries(NULL, 0);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

void suite_refdata(void)
{
    RUN(test_reviewed_country_names);
    RUN(test_icu_country_names);
    RUN(test_no_garbled_country_names);
    RUN(test_reviewed_subdivision_names);
    RUN(test_key_countries_have_vi_names);
    RUN(test_unknown_codes);
    RUN(test_countries_sorted);
    RUN(test_countries_ordered);
    RUN(test_subdivisions_sorted);
    RUN(test_names_file_only_differences);
    RUN(test_first_countries_from_partners);
    RUN(test_subdivisions_of);
    RUN(test_set_name_vi);
    RUN(test_override_parsing);
    RUN(test_names_file_clean);
    RUN(test_corrupt_catalogue);
    RUN(test_missing_iso_dir);
    RUN(test_free);
    refdata_free();
}
