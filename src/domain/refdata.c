/* Reference data for countries and subdivisions (see refdata.h).
 *
 * Layout: two arrays sorted by code (strcmp), searched with bsearch. Every string in them is
 * a separate heap copy owned by this module. Loading builds a complete new set first and
 * swaps it in only when everything succeeded, so a failed reload leaves the old data alone.
 *
 * Vietnamese names come from GNU gettext .mo catalogues, parsed here directly (the format is
 * tiny and documented in the gettext manual, "The Format of GNU MO Files"); the file is
 * untrusted input, so every offset is bounds-checked and anything odd just drops entries. */
#include "refdata.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* .mo files larger than this are not catalogues we want (the real ones are ~20-200 KiB). */
#define MO_MAX_SIZE (16u * 1024u * 1024u)

typedef struct {
    ref_country *countries;
    size_t ncountries;
    ref_subdivision *subs;
    size_t nsubs;
} refset;

static refset g_data;

/* ---- small helpers ---------------------------------------------------------------------- */

/* Out of memory aborts, as everywhere in this project (see xmalloc in base/arena.h, which this
 * module does not link so that it stays self-contained). */
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
    }
    for (size_t i = 0; i < r->nsubs; i++) {
        free((char *)r->subs[i].code);
        free((char *)r->subs[i].country);
        free((char *)r->subs[i].type);
        free((char *)r->subs[i].name_en);
        free((char *)r->subs[i].name_vi);
    }
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

/* Fills r->countries from iso_3166-1.json, with catalogue names where the catalogue has them.
 * The catalogue is keyed by the English strings; the short common_name (e.g. "Laos", whose
 * translation would be "Lào") is preferred to the formal name when it has a translation. */
static int load_countries(refset *r, const char *iso_dir, const mo_catalog *cat, char *err,
                          size_t errlen)
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
        const char *vi = mo_lookup(cat, common);
        if (!vi) vi = mo_lookup(cat, name);
        r->countries[r->ncountries++] =
            (ref_country){rd_strdup(code), rd_strdup(common ? common : name), rd_strdup(vi)};
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

/* ---- public API --------------------------------------------------------------------------- */

int refdata_load(const char *iso_dir, const char *locale_dir, const char *overrides_tsv, char *err,
                 size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if (!iso_dir) {
        seterr(err, errlen, "refdata: no iso-codes directory given");
        return -1;
    }
    mo_catalog c1 = {0}, c2 = {0};
    if (locale_dir) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/vi/LC_MESSAGES/iso_3166-1.mo", locale_dir) <
            sizeof path)
            mo_load(&c1, path);
        if ((size_t)snprintf(path, sizeof path, "%s/vi/LC_MESSAGES/iso_3166-2.mo", locale_dir) <
            sizeof path)
            mo_load(&c2, path);
    }
    refset r = {0};
    int rc = load_countries(&r, iso_dir, &c1, err, errlen);
    if (rc == 0) rc = load_subdivisions(&r, iso_dir, &c2, err, errlen);
    mo_free(&c1);
    mo_free(&c2);
    if (rc == 0) rc = apply_overrides(&r, overrides_tsv, err, errlen);
    if (rc != 0) {
        refset_free(&r);
        return -1;
    }
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
    return 0;
}

void refdata_free(void)
{
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
