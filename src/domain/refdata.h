/* Reference data: ISO 3166-1 countries and ISO 3166-2 subdivisions, with English names from
 * Debian's iso-codes JSON and Vietnamese names from, in rising priority: the iso-codes gettext
 * catalogue, the reviewed list data/names-vi.tsv (compiled in), and admins' corrections.
 *
 * Loaded once at start-up; afterwards the data is read-only, so the lookups may be called from
 * any number of threads. Every string is valid UTF-8 (NFC, as the sources are) and is owned
 * by this module until refdata_free() or the next refdata_load(). */
#ifndef NGV_REFDATA_H
#define NGV_REFDATA_H
#include <stddef.h>

typedef struct {
    const char *code;    /* "LA" */
    const char *name_en; /* ISO `common_name` if present, else `name`: "Laos" */
    const char *name_vi; /* reviewed override, else catalogue translation, else NULL */
} ref_country;

typedef struct {
    const char *code;    /* "LA-AT" */
    const char *country; /* "LA" */
    const char *type;    /* "Province", ... ("" if iso-codes gives none) */
    const char *name_en; /* ISO name, e.g. "Attapu" */
    const char *name_vi; /* override, else catalogue, else NULL */
} ref_subdivision;

/* Loads countries and subdivisions from iso_dir (e.g. "/usr/share/iso-codes/json"),
 * Vietnamese names from locale_dir (e.g. "/usr/share/locale", reads vi/LC_MESSAGES/iso_3166-1.mo
 * and iso_3166-2.mo), then applies overrides_tsv (text "CODE\tname\n..."; may be NULL).
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
 * UTF-8 (invalid UTF-8 is refused with -1); NULL or "" removes the Vietnamese name. */
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
/* Name to show: name_vi when lang is "vi" and present, else name_en. NULL for a NULL entry. */
const char *refdata_country_name(const ref_country *c, const char *lang);
const char *refdata_subdivision_name(const ref_subdivision *s, const char *lang);
#endif
