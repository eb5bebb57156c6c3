/* Reference data for countries and subdivisions (see refdata.h).
 *
 * Layout: two arrays sorted by code (strcmp), searched with bsearch. Every string in them is
 * a separate heap copy owned by this module. Loading builds a complete new set first and
 * swaps it in only when everything succeeded, so a failed reload leaves the old data alone.
 *
 * Country names in both languages come from ICU (the Unicode CLDR data: uloc_getDisplayCountry
 * for "und_XX" in "vi" and "en"), which is vetted; iso-codes' Vietnamese catalogue for
 * countries is not read at all, since it is garbled for dozens of them ("Bă-ba-đôxợ" for
 * Barbados, "Cốt đi-vouă", "Chê-đ") and colloquial for others ("Căm Bốt", "Nam Hàn").
 *
 * Vietnamese subdivision names (ICU has none) come from the GNU gettext .mo catalogue
 * iso_3166-2.mo, parsed here directly (the format is tiny and documented in the gettext
 * manual, "The Format of GNU MO Files"); the file is untrusted input, so every offset is
 * bounds-checked and anything odd just drops entries. The reviewed list then corrects both.
 *
 * What ICU 72 (Debian 12) answers for the partner countries, checked 2026-12 against the
 * Ministry's usage: LA Lào, KH Campuchia, TH Thái Lan, KR Hàn Quốc, CN Trung Quốc, JP Nhật Bản,
 * US Hoa Kỳ, FR Pháp, DE Đức, KP Triều Tiên: as the Ministry writes them. Different, hence in
 * data/names-vi.tsv: AU "Australia" (the Ministry writes Ô-xtrây-li-a), TW "Đài Loan" (Đài Loan
 * (Trung Quốc)), HK/MO "Đặc khu Hành chính Hồng Kông, Trung Quốc" (Hồng Kông (Trung Quốc)),
 * MM "Myanmar (Miến Điện)" (Myanmar), PS "Lãnh thổ Palestine" (Pa-le-xtin), and the
 * transliterations the Ministry uses where CLDR keeps the Latin spelling (In-đô-nê-xi-a,
 * Ma-lai-xi-a, Phi-líp-pin, Bru-nây, ...). */
#include "refdata.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "../store/store.h"
#include "entities.h"

/* .mo files larger than this are not catalogues we want (the real ones are ~20-200 KiB). */
#define MO_MAX_SIZE (16u * 1024u * 1024u)

typedef struct {
    ref_country *countries;
    size_t ncountries;
    ref_subdivision *subs;
    size_t nsubs;
    /* display order per language ([0] Vietnamese, [1] English): the first countries, then
     * the others by name; ncountries entries each (see refdata_countries_ordered) */
    const ref_country **ordered[2];
    char **first; /* codes set by refdata_set_first_countries, in order */
    size_t nfirst;
} refset;

static refset g_data;

/* ---- small helpers ---------------------------------------------------------------------- */

/* Out of memory aborts, as everywhere in this project (like xmalloc in base/arena.h). */
static void *rd_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("refdata: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *rd_strndup(const char *s, size_t n)
{
    char *p = rd_alloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *rd_strdup(const char *s)
{
    return s ? rd_strndup(s, strlen(s)) : NULL;
}

static void seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Strict UTF-8 check (no overlong forms, surrogates, values above U+10FFFF or NUL bytes).
 * Catalogue and override names end up in HTML pages and PDFs, so they must be clean. */
static bool utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p;
        size_t k;
        uint32_t cp, min;
        if (c == 0) return false;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            k = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            k = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if ((size_t)(end - p) < k) return false;
        for (size_t i = 1; i < k; i++) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        p += k;
    }
    return true;
}

static bool is_upper_alpha2(const char *s)
{
    return s && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0';
}

/* An ISO 3166-2 code: two capital letters, '-', then 1 to 3 capital letters or digits. */
static bool is_subdivision_code(const char *s)
{
    if (!s || !(s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '-'))
        return false;
    size_t n = 0;
    for (const char *p = s + 3; *p; p++, n++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) return false;
    return n >= 1 && n <= 3;
}

static void refset_free(refset *r)
{
    for (size_t i = 0; i < r->ncountries; i++) {
        free((char *)r->countries[i].code);
        free((char *)r->countries[i].name_en);
        free((char *)r->countries[i].name_vi);
        free((char *)r->countries[i].name_iso);
    }
    for (size_t i = 0; i < r->nsubs; i++) {
        free((char *)r->subs[i].code);
        free((char *)r->subs[i].country);
        free((char *)r->subs[i].type);
        free((char *)r->subs[i].name_en);
        free((char *)r->subs[i].name_vi);
    }
    for (size_t i = 0; i < r->nfirst; i++)
        free(r->first[i]);
    free(r->first);
    free(r->ordered[0]);
    free(r->ordered[1]);
    free(r->countries);
    free(r->subs);
    memset(r, 0, sizeof *r);
}

/* ---- gettext .mo catalogue ---------------------------------------------------------------- */

typedef struct {
    const char *id;  /* msgid, points into the file buffer */
    size_t idlen;    /* its full length (a plural msgid contains a NUL, so not strlen) */
    const char *str; /* msgstr up to its first NUL (the singular form), valid UTF-8 */
} mo_pair;

typedef struct {
    unsigned char *data;
    mo_pair *pairs; /* sorted by msgid for bsearch */
    size_t n;
} mo_catalog;

static void mo_free(mo_catalog *cat)
{
    free(cat->data);
    free(cat->pairs);
    memset(cat, 0, sizeof *cat);
}

static uint32_t mo_u32(const unsigned char *p, bool big_endian)
{
    if (big_endian) return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static int mo_pair_cmp(const void *a, const void *b)
{
    const mo_pair *x = a, *y = b;
    int c = memcmp(x->id, y->id, x->idlen < y->idlen ? x->idlen : y->idlen);
    if (c) return c;
    return x->idlen < y->idlen ? -1 : x->idlen > y->idlen;
}

/* Reads a whole regular file of at most MO_MAX_SIZE bytes; NULL if that is not possible. */
static unsigned char *read_small_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct stat st;
    unsigned char *data = NULL;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
        (uintmax_t)st.st_size <= MO_MAX_SIZE) {
        size_t n = (size_t)st.st_size;
        data = rd_alloc(n + 1);
        if (fread(data, 1, n, f) != n) {
            free(data);
            data = NULL;
        } else {
            data[n] = '\0';
            *size = n;
        }
    }
    fclose(f);
    return data;
}

/* Checks that the string described by entry i of the table at `table` lies inside the file and
 * is NUL-terminated there, as the format requires; returns it and its length, or NULL. */
static const char *mo_string(const unsigned char *data, size_t size, uint32_t table, uint32_t i,
                             bool be, size_t *len)
{
    const unsigned char *e = data + table + (size_t)i * 8;
    uint32_t l = mo_u32(e, be), off = mo_u32(e + 4, be);
    if (off >= size || l >= size - off) return NULL; /* need off + l < size for the NUL */
    if (data[off + l] != '\0') return NULL;
    *len = l;
    return (const char *)data + off;
}

/* Parses the .mo image data[0..size) into cat->pairs; false when the file as a whole is not
 * a usable catalogue (wrong magic, unknown major revision, tables out of bounds). A single
 * entry that is broken (string out of bounds or not NUL-terminated, invalid UTF-8) or empty
 * (the header entry, an untranslated string) is skipped. */
static bool mo_parse(mo_catalog *cat, const unsigned char *data, size_t size)
{
    if (size < 20) return false; /* magic, revision, N, O, T */
    bool be;
    if (mo_u32(data, false) == 0x950412deu)
        be = false;
    else if (mo_u32(data, true) == 0x950412deu)
        be = true;
    else
        return false;
    if (mo_u32(data + 4, be) >> 16 > 1) return false; /* unknown future major revision */
    uint32_t n = mo_u32(data + 8, be), otab = mo_u32(data + 12, be), ttab = mo_u32(data + 16, be);
    uint64_t tabbytes = (uint64_t)n * 8;
    if ((uint64_t)otab + tabbytes > size || (uint64_t)ttab + tabbytes > size) return false;

    cat->pairs = rd_alloc((size_t)n * sizeof *cat->pairs);
    for (uint32_t i = 0; i < n; i++) {
        size_t idlen, slen;
        const char *id = mo_string(data, size, otab, i, be, &idlen);
        const char *str = mo_string(data, size, ttab, i, be, &slen);
        if (!id || !str || idlen == 0) continue;
        slen = strlen(str); /* the singular form only */
        if (slen == 0 || !utf8_ok(str, slen)) continue;
        cat->pairs[cat->n++] = (mo_pair){id, idlen, str};
    }
    qsort(cat->pairs, cat->n, sizeof *cat->pairs, mo_pair_cmp);
    return true;
}

/* Loads the .mo catalogue at path; a missing, unreadable or unusable file leaves it empty,
 * which simply means "no Vietnamese names from the catalogue". */
static void mo_load(mo_catalog *cat, const char *path)
{
    memset(cat, 0, sizeof *cat);
    size_t size = 0;
    unsigned char *data = read_small_file(path, &size);
    if (!data) return;
    cat->data = data;
    if (!mo_parse(cat, data, size)) mo_free(cat);
}

/* The translation of msgid, or NULL (also for a NULL msgid or an empty catalogue). */
static const char *mo_lookup(const mo_catalog *cat, const char *msgid)
{
    if (!msgid || !cat->n) return NULL;
    mo_pair key = {msgid, strlen(msgid), NULL};
    const mo_pair *p = bsearch(&key, cat->pairs, cat->n, sizeof *cat->pairs, mo_pair_cmp);
    return p ? p->str : NULL;
}

/* ---- iso-codes JSON ----------------------------------------------------------------------- */

/* A string member of a JSON object, or NULL when absent, not a string or empty. */
static const char *jstr(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s && *s ? s : NULL;
}

/* Opens iso_dir/file and returns its top-level array `key` (root in *root, to be decref'd). */
static json_t *load_iso_array(const char *iso_dir, const char *file, const char *key, json_t **root,
                              char *err, size_t errlen)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", iso_dir, file) >= sizeof path) {
        seterr(err, errlen, "refdata: path too long: %s/%s", iso_dir, file);
        return NULL;
    }
    json_error_t jerr;
    *root = json_load_file(path, 0, &jerr);
    if (!*root) {
        seterr(err, errlen, "refdata: cannot load %s: %s", path, jerr.text);
        return NULL;
    }
    json_t *arr = json_object_get(*root, key);
    if (!json_is_array(arr)) {
        seterr(err, errlen, "refdata: %s: no array \"%s\"", path, key);
        json_decref(*root);
        *root = NULL;
        return NULL;
    }
    return arr;
}

static int country_cmp(const void *a, const void *b)
{
    return strcmp(((const ref_country *)a)->code, ((const ref_country *)b)->code);
}

static int sub_cmp(const void *a, const void *b)
{
    return strcmp(((const ref_subdivision *)a)->code, ((const ref_subdivision *)b)->code);
}

/* ---- ICU (CLDR) country names -------------------------------------------------------------- */

/* The CLDR name of region `code` in language `lang` ("vi", "en") as NFC UTF-8 in a new heap
 * string, or NULL when ICU does not know the region (it then answers the code itself, with
 * U_USING_DEFAULT_WARNING) or anything fails. */
static char *icu_country_name(const char *code, const char *lang)
{
    char loc[8];
    snprintf(loc, sizeof loc, "und_%s", code);
    UChar name[256], nfc[512];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayCountry(loc, lang, name, 256, &st);
    if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || n <= 0 || n >= 256) return NULL;
    if (n == 2 && name[0] == (UChar)code[0] && name[1] == (UChar)code[1]) return NULL;
    st = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFCInstance(&st);
    int32_t m = U_SUCCESS(st) ? unorm2_normalize(norm, name, n, nfc, 512, &st) : 0;
    if (U_FAILURE(st) || m <= 0) return NULL;
    char out[1024];
    int32_t len = 0;
    u_strToUTF8(out, (int32_t)sizeof out, &len, nfc, m, &st);
    if (U_FAILURE(st) || len <= 0 || (size_t)len >= sizeof out || !utf8_ok(out, (size_t)len))
        return NULL;
    return rd_strndup(out, (size_t)len);
}

/* Fills r->countries from iso_3166-1.json (the codes), with the names ICU gives in English and
 * Vietnamese; English falls back to ISO's short common_name ("Laos"), else its name, for a
 * code ICU would not know. */
static int load_countries(refset *r, const char *iso_dir, char *err, size_t errlen)
{
    json_t *root;
    json_t *arr = load_iso_array(iso_dir, "iso_3166-1.json", "3166-1", &root, err, errlen);
    if (!arr) return -1;
    r->countries = rd_alloc(json_array_size(arr) * sizeof *r->countries);
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e)
    {
        const char *code = jstr(e, "alpha_2"), *name = jstr(e, "name"),
                   *common = jstr(e, "common_name");
        if (!is_upper_alpha2(code) || !name) continue;
        char *en = icu_country_name(code, "en");
        r->countries[r->ncountries++] =
            (ref_country){rd_strdup(code), en ? en : rd_strdup(common ? common : name),
                          icu_country_name(code, "vi"), rd_strdup(name)};
    }
    json_decref(root);
    qsort(r->countries, r->ncountries, sizeof *r->countries, country_cmp);
    return 0;
}

/* Fills r->subs from iso_3166-2.json, with catalogue names where the catalogue has them. */
static int load_subdivisions(refset *r, const char *iso_dir, const mo_catalog *cat, char *err,
                             size_t errlen)
{
    json_t *root;
    json_t *arr = load_iso_array(iso_dir, "iso_3166-2.json", "3166-2", &root, err, errlen);
    if (!arr) return -1;
    r->subs = rd_alloc(json_array_size(arr) * sizeof *r->subs);
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e)
    {
        const char *code = jstr(e, "code"), *name = jstr(e, "name"), *type = jstr(e, "type");
        if (!is_subdivision_code(code) || !name) continue;
        r->subs[r->nsubs++] =
            (ref_subdivision){rd_strdup(code), rd_strndup(code, 2), rd_strdup(type ? type : ""),
                              rd_strdup(name), rd_strdup(mo_lookup(cat, name))};
    }
    json_decref(root);
    qsort(r->subs, r->nsubs, sizeof *r->subs, sub_cmp);
    return 0;
}

/* ---- lookups and overrides ---------------------------------------------------------------- */

static ref_country *find_country(const refset *r, const char *code)
{
    if (!code || !r->ncountries) return NULL;
    ref_country key = {.code = code};
    return bsearch(&key, r->countries, r->ncountries, sizeof key, country_cmp);
}

static ref_subdivision *find_sub(const refset *r, const char *code)
{
    if (!code || !r->nsubs) return NULL;
    ref_subdivision key = {.code = code};
    return bsearch(&key, r->subs, r->nsubs, sizeof key, sub_cmp);
}

/* The name_vi slot for a country or subdivision code, or NULL if the code is unknown. */
static const char **name_vi_slot(const refset *r, const char *code)
{
    if (!code) return NULL;
    if (strchr(code, '-')) {
        ref_subdivision *s = find_sub(r, code);
        return s ? &s->name_vi : NULL;
    }
    ref_country *c = find_country(r, code);
    return c ? &c->name_vi : NULL;
}

static void replace_name(const char **slot, const char *s, size_t n)
{
    free((char *)*slot);
    *slot = n ? rd_strndup(s, n) : NULL;
}

/* Applies "CODE\tname" lines (see refdata_load for the rules) to r. */
static int apply_overrides(refset *r, const char *tsv, char *err, size_t errlen)
{
    if (!tsv) return 0;
    if (!strncmp(tsv, "\xEF\xBB\xBF", 3)) tsv += 3; /* a byte-order mark some editors add */
    size_t lineno = 0;
    for (const char *line = tsv; *line;) {
        const char *nl = strchr(line, '\n');
        const char *end = nl ? nl : line + strlen(line);
        const char *next = nl ? nl + 1 : end;
        lineno++;
        while (end > line && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
            end--;
        const char *p = line;
        while (p < end && *p == ' ')
            p++;
        if (p == end || *p == '#') {
            line = next;
            continue;
        }
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        char code[16];
        if (!tab || tab == p || (size_t)(tab - p) >= sizeof code) {
            seterr(err, errlen, "refdata: overrides line %zu: expected CODE<TAB>name", lineno);
            return -1;
        }
        memcpy(code, p, (size_t)(tab - p));
        code[tab - p] = '\0';
        const char *name = tab + 1;
        size_t n = (size_t)(end - name);
        if (n == 0 || !utf8_ok(name, n)) {
            seterr(err, errlen, "refdata: overrides line %zu: empty or invalid UTF-8 name for %s",
                   lineno, code);
            return -1;
        }
        const char **slot = name_vi_slot(r, code);
        if (slot) replace_name(slot, name, n); /* unknown codes: see refdata.h */
        line = next;
    }
    return 0;
}

/* ---- display order ------------------------------------------------------------------------ */

static const char *const order_langs[2] = {"vi", "en"};

typedef struct {
    const UCollator *coll; /* NULL: byte order */
    const char *lang;
} order_ctx;

/* By name in the collator's language (ICU's CLDR collation: for "vi" the Vietnamese alphabet,
 * a ă â b c d đ e ê ..., so Đ comes after D and "Ấn Độ" among the A's), then by code. */
static int order_cmp(const void *a, const void *b, void *arg)
{
    const order_ctx *o = arg;
    const ref_country *x = *(const ref_country *const *)a, *y = *(const ref_country *const *)b;
    const char *nx = refdata_country_name(x, o->lang), *ny = refdata_country_name(y, o->lang);
    int d;
    UErrorCode st = U_ZERO_ERROR;
    UCollationResult c = o->coll ? ucol_strcollUTF8(o->coll, nx, -1, ny, -1, &st) : UCOL_EQUAL;
    if (!o->coll || U_FAILURE(st))
        d = strcmp(nx, ny);
    else
        d = c == UCOL_LESS ? -1 : c == UCOL_GREATER;
    return d ? d : strcmp(x->code, y->code);
}

/* (Re)builds r->ordered[] from r->countries and r->first: the first countries in their order,
 * then every other one by its name in each language. An existing array is refilled in place,
 * so a pointer handed out earlier stays valid. */
static void order_countries(refset *r)
{
    size_t n = r->ncountries ? r->ncountries : 1;
    bool *taken = rd_alloc(n);
    for (int l = 0; l < 2; l++) {
        if (!r->ordered[l]) r->ordered[l] = rd_alloc(n * sizeof *r->ordered[l]);
        const ref_country **v = r->ordered[l];
        memset(taken, 0, n);
        size_t k = 0;
        for (size_t i = 0; i < r->nfirst; i++) {
            ref_country *c = find_country(r, r->first[i]);
            if (c && !taken[c - r->countries]) {
                taken[c - r->countries] = true;
                v[k++] = c;
            }
        }
        size_t head = k;
        for (size_t i = 0; i < r->ncountries; i++)
            if (!taken[i]) v[k++] = &r->countries[i];
        UErrorCode st = U_ZERO_ERROR;
        UCollator *coll = ucol_open(order_langs[l], &st);
        order_ctx o = {U_SUCCESS(st) ? coll : NULL, order_langs[l]};
        qsort_r(v + head, k - head, sizeof *v, order_cmp, &o);
        if (coll) ucol_close(coll);
    }
    free(taken);
}

static int sub_order_cmp(const void *a, const void *b, void *arg)
{
    const order_ctx *o = arg; /* the same collation as countries */
    const ref_subdivision *x = *(const ref_subdivision *const *)a,
                          *y = *(const ref_subdivision *const *)b;
    const char *nx = refdata_subdivision_name(x, o->lang),
               *ny = refdata_subdivision_name(y, o->lang);
    UErrorCode st = U_ZERO_ERROR;
    UCollationResult c = o->coll ? ucol_strcollUTF8(o->coll, nx, -1, ny, -1, &st) : UCOL_EQUAL;
    int d = !o->coll || U_FAILURE(st) ? strcmp(nx, ny) : c == UCOL_LESS ? -1 : c == UCOL_GREATER;
    return d ? d : strcmp(x->code, y->code);
}

/* ---- public API --------------------------------------------------------------------------- */

static void sub_cache_clear(void);

int refdata_load(const char *iso_dir, const char *locale_dir, const char *overrides_tsv, char *err,
                 size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (!iso_dir) {
        seterr(err, errlen, "refdata: no iso-codes directory given");
        return -1;
    }
    mo_catalog c2 = {0};
    if (locale_dir) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/vi/LC_MESSAGES/iso_3166-2.mo", locale_dir) <
            sizeof path)
            mo_load(&c2, path);
    }
    refset r = {0};
    int rc = load_countries(&r, iso_dir, err, errlen);
    if (rc == 0) rc = load_subdivisions(&r, iso_dir, &c2, err, errlen);
    mo_free(&c2);
    if (rc == 0) rc = apply_overrides(&r, overrides_tsv, err, errlen);
    if (rc == 0) { /* the first countries are a setting, not reference data: they stay */
        r.first = g_data.first, r.nfirst = g_data.nfirst;
        g_data.first = NULL, g_data.nfirst = 0;
        order_countries(&r);
    }
    if (rc != 0) {
        refset_free(&r);
        return -1;
    }
    sub_cache_clear();
    refset_free(&g_data);
    g_data = r;
    return 0;
}

int refdata_set_name_vi(const char *code, const char *name_vi)
{
    const char **slot = name_vi_slot(&g_data, code);
    if (!slot) return -1;
    size_t n = name_vi ? strlen(name_vi) : 0;
    if (n && !utf8_ok(name_vi, n)) return -1;
    replace_name(slot, name_vi, n);
    if (!strchr(code, '-')) order_countries(&g_data); /* a country's place in the lists */
    return 0;
}

void refdata_free(void)
{
    sub_cache_clear(); /* it points into the data */
    refset_free(&g_data);
}

const ref_country *refdata_country(const char *alpha2)
{
    return find_country(&g_data, alpha2);
}

const ref_subdivision *refdata_subdivision(const char *code)
{
    return find_sub(&g_data, code);
}

size_t refdata_country_count(void)
{
    return g_data.ncountries;
}

const ref_country *refdata_country_at(size_t i)
{
    return i < g_data.ncountries ? &g_data.countries[i] : NULL;
}

/* The array is sorted by full code, and every code of a country starts with "XX-", so the
 * country's subdivisions are one contiguous run: binary-search its start, then walk it. */
size_t refdata_subdivisions_of(const char *alpha2, const ref_subdivision **out)
{
    if (out) *out = NULL;
    if (!is_upper_alpha2(alpha2)) return 0;
    char prefix[4] = {alpha2[0], alpha2[1], '-', '\0'};
    size_t lo = 0, hi = g_data.nsubs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(g_data.subs[mid].code, prefix, 3) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0;
    while (lo + n < g_data.nsubs && !strncmp(g_data.subs[lo + n].code, prefix, 3))
        n++;
    if (n && out) *out = &g_data.subs[lo];
    return n;
}

const ref_country *const *refdata_countries_ordered(const char *lang, size_t *n)
{
    if (n) *n = g_data.ncountries;
    if (!g_data.ncountries) return NULL;
    return g_data.ordered[lang && !strcmp(lang, "en") ? 1 : 0];
}

int refdata_set_first_countries(const char *const *codes, size_t n)
{
    for (size_t i = 0; i < g_data.nfirst; i++)
        free(g_data.first[i]);
    free(g_data.first);
    g_data.first = rd_alloc((n ? n : 1) * sizeof *g_data.first);
    g_data.nfirst = 0;
    int known = 0;
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t j = 0; codes[i] && j < g_data.nfirst; j++)
            dup = dup || !strcmp(g_data.first[j], codes[i]);
        if (!codes[i] || !is_upper_alpha2(codes[i]) || dup) continue;
        g_data.first[g_data.nfirst++] = rd_strdup(codes[i]);
        if (find_country(&g_data, codes[i])) known++;
    }
    order_countries(&g_data);
    return known;
}

size_t refdata_first_count(void)
{
    size_t k = 0; /* the codes are distinct (refdata_set_first_countries drops repeats) */
    for (size_t i = 0; i < g_data.nfirst; i++)
        if (find_country(&g_data, g_data.first[i])) k++;
    return k;
}

int refdata_first_countries_from_partners(struct conn *c)
{
    const entity *pe = &partner_entity;
    int kind = entity_field_index(pe, "kind"), country = entity_field_index(pe, "country");
    if (kind < 0 || country < 0) return -1;
    list_query q = {.sort = -1};
    q.f[q.nf++] = (list_filter){.field = kind, .value = "locality", .op = '='};
    arena a = {0};
    group_count *rows = NULL;
    int n = 0, rc = -1;
    if (st_rec_group(c, &a, pe, country, &q, 300, &rows, &n) == ST_OK) {
        const char **codes = arena_alloc(&a, sizeof *codes * (size_t)(n ? n : 1));
        for (int i = 0; i < n; i++)
            codes[i] = rows[i].value;
        rc = refdata_set_first_countries(codes, (size_t)n);
    }
    arena_free(&a);
    return rc;
}

/* The sorted lists made so far, per language and country: a page lists the same ones again
 * and again (a form's, a filter's), and sorting with a collator costs more than the page. An
 * admin's correction of a name empties it (the order may change). */
enum { SUB_CACHE_MAX = 300 };
static struct sub_sorted {
    char code[3];
    const ref_subdivision **v;
    size_t n;
} g_sub_cache[2][SUB_CACHE_MAX];
static size_t g_sub_cached[2];
static pthread_mutex_t g_sub_mu = PTHREAD_MUTEX_INITIALIZER;

static void sub_cache_clear(void)
{
    pthread_mutex_lock(&g_sub_mu);
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < g_sub_cached[l]; i++)
            free(g_sub_cache[l][i].v);
        g_sub_cached[l] = 0;
    }
    pthread_mutex_unlock(&g_sub_mu);
}

size_t refdata_subdivisions_sorted(const char *alpha2, const char *lang,
                                   const ref_subdivision **out, size_t cap)
{
    const ref_subdivision *run = NULL;
    size_t n = refdata_subdivisions_of(alpha2, &run), k = n < cap ? n : cap;
    if (!out || !k) return n;
    int li = lang && !strcmp(lang, "en") ? 1 : 0;
    pthread_mutex_lock(&g_sub_mu);
    for (size_t i = 0; i < g_sub_cached[li]; i++) {
        struct sub_sorted *c = &g_sub_cache[li][i];
        if (!strncmp(c->code, run[0].code, 2) && c->n == n) {
            memcpy(out, c->v, sizeof *out * k);
            pthread_mutex_unlock(&g_sub_mu);
            return n;
        }
    }
    pthread_mutex_unlock(&g_sub_mu);
    const ref_subdivision **all = xmalloc(sizeof *all * n);
    for (size_t i = 0; i < n; i++)
        all[i] = &run[i];
    const char *l = li ? "en" : "vi";
    UErrorCode st = U_ZERO_ERROR;
    UCollator *coll = ucol_open(l, &st);
    order_ctx o = {U_SUCCESS(st) ? coll : NULL, l};
    qsort_r(all, n, sizeof *all, sub_order_cmp, &o);
    if (coll) ucol_close(coll);
    memcpy(out, all, sizeof *out * k);
    pthread_mutex_lock(&g_sub_mu);
    if (g_sub_cached[li] < SUB_CACHE_MAX) {
        struct sub_sorted *c = &g_sub_cache[li][g_sub_cached[li]++];
        memcpy(c->code, run[0].code, 2);
        c->code[2] = 0;
        c->v = all, c->n = n;
        all = NULL;
    }
    pthread_mutex_unlock(&g_sub_mu);
    free(all);
    return n;
}

const char *refdata_country_name(const ref_country *c, const char *lang)
{
    if (!c) return NULL;
    return lang && !strcmp(lang, "vi") && c->name_vi ? c->name_vi : c->name_en;
}

const char *refdata_subdivision_name(const ref_subdivision *s, const char *lang)
{
    if (!s) return NULL;
    return lang && !strcmp(lang, "vi") && s->name_vi ? s->name_vi : s->name_en;
}

/* ---- an admin's correction while the server runs (domain/settings.c names_correct) ---- */

/* Names replaced by refdata_override_apply: other threads may still be reading them, so they
 * are kept (reachable, freed never: a handful of admin corrections) instead of freed. */
static struct retired_name {
    char *s;
    struct retired_name *next;
} * g_retired;
static pthread_mutex_t g_override_mu = PTHREAD_MUTEX_INITIALIZER;

int refdata_override_apply(const char *code, const char *name_vi)
{
    size_t n = name_vi ? strlen(name_vi) : 0;
    if (!n || !utf8_ok(name_vi, n)) return -1;
    pthread_mutex_lock(&g_override_mu);
    const char **slot = name_vi_slot(&g_data, code);
    if (!slot) {
        pthread_mutex_unlock(&g_override_mu);
        return -1;
    }
    if (*slot && !strcmp(*slot, name_vi)) { /* as it is (a reload: settings_sync) */
        pthread_mutex_unlock(&g_override_mu);
        return 0;
    }
    char *fresh = rd_strndup(name_vi, n);
    char *old = (char *)*slot;
    /* readers see the old string or the new one, never a freed one */
    __atomic_store_n(slot, fresh, __ATOMIC_RELEASE);
    if (old) {
        struct retired_name *r = malloc(sizeof *r);
        if (r) {
            r->s = old;
            r->next = g_retired;
            g_retired = r;
        }
    }
    pthread_mutex_unlock(&g_override_mu);
    sub_cache_clear(); /* a province's new name may move it in its country's list */
    return 0;
}
