/* Reference data: ISO 3166-1 countries and ISO 3166-2 subdivisions. The codes come from Debian's
 * iso-codes JSON. Country names in both languages come from ICU (the Unicode CLDR), not from
 * iso-codes' Vietnamese catalogue, which is garbled for many countries; subdivisions have their
 * English names from iso-codes and Vietnamese ones from its iso_3166-2 catalogue. Vietnamese
 * names are then corrected, in rising priority, by the reviewed list data/names-vi.tsv
 * (compiled in: only what the Ministry writes differently) and by admins' corrections.
 *
 * Loaded once at start-up; afterwards the data is read-only, so the lookups may be called from
 * any number of threads. Every string is valid UTF-8 (NFC, as the sources are) and is owned
 * by this module until refdata_free() or the next refdata_load(). */
#ifndef NGV_REFDATA_H
#define NGV_REFDATA_H
#include <stddef.h>

typedef struct {
    const char *code;     /* "LA" */
    const char *name_en;  /* ICU's English name: "Laos" (ISO `common_name`, else `name`, if ICU
                           * lacks the code) */
    const char *name_vi;  /* override, else reviewed list, else ICU's Vietnamese name, else NULL */
    const char *name_iso; /* ISO 3166's short name ("Viet Nam", "Korea, Republic of"): what
                           * older files may say, for matching only */
} ref_country;

typedef struct {
    const char *code;    /* "LA-AT" */
    const char *country; /* "LA" */
    const char *type;    /* "Province", ... ("" if iso-codes gives none) */
    const char *name_en; /* ISO name, e.g. "Attapu" */
    const char *name_vi; /* override, else catalogue, else NULL */
} ref_subdivision;

/* Loads countries and subdivisions from iso_dir (e.g. "/usr/share/iso-codes/json"), country
 * names from ICU, Vietnamese subdivision names from locale_dir (e.g. "/usr/share/locale", reads
 * vi/LC_MESSAGES/iso_3166-2.mo; iso_3166-1.mo is never read), then applies overrides_tsv (text
 * "CODE\tname\n..."; may be NULL). The first countries (refdata_set_first_countries) are kept.
 * Returns 0, or -1 with a message in err. Replaces any previously loaded data (free the old).
 * Not thread-safe; called once at start-up before threads exist.
 *
 * A missing or corrupt .mo file is not an error: the names it would give are just absent.
 * In overrides_tsv, blank lines and lines starting with '#' are skipped; a line without a TAB,
 * with an empty name or with invalid UTF-8 is an error; a code that iso-codes does not know is
 * skipped (so an iso-codes upgrade that retires a code cannot stop the server). On error the
 * previously loaded data, if any, is kept unchanged. */
int refdata_load(const char *iso_dir, const char *locale_dir, const char *overrides_tsv, char *err,
                 size_t errlen);
/* Sets the Vietnamese name of a country or subdivision code (an admin's correction stored in the
 * database, applied at start-up). Returns 0, or -1 if the code is unknown. name_vi must be NFC
 * UTF-8 (invalid UTF-8 is refused with -1); NULL or "" removes the Vietnamese name. A country's
 * place in refdata_countries_ordered follows its new name (call it before threads exist). */
int refdata_set_name_vi(const char *code, const char *name_vi);
void refdata_free(void);

const ref_country *
refdata_country(const char *alpha2); /* exact, upper-case code; NULL if unknown */
const ref_subdivision *refdata_subdivision(const char *code); /* "LA-AT"; NULL if unknown */
size_t refdata_country_count(void);
const ref_country *refdata_country_at(size_t i); /* sorted by code; NULL when i is out of range */
/* Subdivisions of one country, sorted by code: *out points into the internal array.
 * Returns 0 (and *out = NULL) for an unknown country or one without subdivisions. */
size_t refdata_subdivisions_of(const char *alpha2, const ref_subdivision **out);
/* Every country in the order a list to choose from shows them (forms, filters): the first
 * countries (refdata_set_first_countries) in their given order, then all the others by their
 * name in lang ("en": English, anything else: Vietnamese), in ICU's collation of that language
 * (Vietnamese alphabet: Đ after D). *n gets refdata_country_count(); the array belongs to this
 * module and stays valid until the next refdata_load or refdata_free. NULL when nothing is
 * loaded. */
const ref_country *const *refdata_countries_ordered(const char *lang, size_t *n);
/* Sets the countries put first in refdata_countries_ordered, e.g. LA, KH, TH, KR: the countries
 * of the province's partners, most used first. Malformed and repeated codes are dropped, unknown
 * ones take no place. Kept across refdata_load. Returns how many codes are known countries.
 * Start-up only (not thread-safe), like refdata_set_name_vi. */
int refdata_set_first_countries(const char *const *codes, size_t n);
/* How many of refdata_countries_ordered's entries are first countries (known codes only): a
 * list may set them apart, e.g. in an <optgroup>, or offer their subdivisions. */
size_t refdata_first_count(void);
/* The first countries from the data: the countries of the foreign localities among the
 * partners (the province's partner provinces: Laos, Cambodia, Thailand, Korea, ...), the
 * country with most of them first (ties by code). Calls refdata_set_first_countries and
 * returns its result, or -1 when the database cannot answer (the order is left unchanged).
 * Run at start-up, like the name overrides: a new partner country moves up after a restart. */
struct conn;
int refdata_first_countries_from_partners(struct conn *c);
/* The subdivisions of one country in the order of their names in lang (ICU collation, as for
 * countries), for a list to choose from by name: fills out[0..cap) and returns how many there
 * are (all of them, which may exceed cap: then only cap are written and sorted). The caller
 * owns out (e.g. arena_alloc of refdata_subdivisions_of(alpha2, NULL) pointers). Thread-safe. */
size_t refdata_subdivisions_sorted(const char *alpha2, const char *lang,
                                   const ref_subdivision **out, size_t cap);
/* Name to show: name_vi when lang is "vi" and present, else name_en. NULL for a NULL entry. */
const char *refdata_country_name(const ref_country *c, const char *lang);
const char *refdata_subdivision_name(const ref_subdivision *s, const char *lang);
/* The same as refdata_set_name_vi for one admin's correction while other threads read the
 * data (the running server): the new name is published atomically, the old one is kept, not
 * freed; a country's place in refdata_countries_ordered stays until the next start. A name
 * already in force changes nothing (settings_sync applies every stored correction again when
 * the data version moves). 0, or -1 for an unknown code, an empty name or invalid UTF-8. */
int refdata_override_apply(const char *code, const char *name_vi);
#endif
