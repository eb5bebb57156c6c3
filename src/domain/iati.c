/* The IATI 2.03 export (iati.h).
 *
 * Projects are read a page at a time in id order (a keyset cursor), with their partners,
 * sectors and amounts read for the whole page at once; each activity is checked against
 * the core rules on the data (a start date, sectors summing to 100, a currency on every
 * value, start before end, no actual date or transaction in the future, an identifier
 * without / & | ?) and written straight into the file, so that memory holds one page,
 * whatever the number of activities. The file is then validated by libxml2 against the
 * schemas, streaming (xmlSchemaValidateFile reads it as SAX events); an error's line says
 * which activity it is in (the first line of each is kept).
 *
 * The schemas are compiled in (Makefile: IATI_DIR); libxml2 reads a schema and what it
 * includes from files, so they are written once into a private temporary directory, parsed
 * once, and the parsed schema shared by every thread (read-only once built). */
#include "iati.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "../store/store.h"
#include "app.h"
#include "entities.h"
#include "project.h"
#include "trade.h"

extern const char *const ngv_iati_activities_xsd;
extern const char *const ngv_iati_common_xsd;
extern const char *const ngv_xml_xsd;

enum { IATI_PAGE = 500, IATI_CHILDREN_MAX = 200000 };

/* ---- the schema, parsed once */

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;
static xmlSchemaPtr schema;

static int write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    size_t n = strlen(text);
    int rc = fwrite(text, 1, n, f) == n ? 0 : -1;
    return fclose(f) || rc ? -1 : 0;
}

static void quiet(void *cls, const char *fmt, ...)
{
    (void)cls, (void)fmt;
}

static void schema_load(void)
{
    char dir[] = "/tmp/ngoaivu-iati-XXXXXX";
    if (!mkdtemp(dir)) return;
    const char *names[] = {"iati-activities-schema.xsd", "iati-common.xsd", "xml.xsd"};
    const char *texts[] = {ngv_iati_activities_xsd, ngv_iati_common_xsd, ngv_xml_xsd};
    bool ok = true;
    for (int i = 0; i < 3; i++)
        ok = ok && texts[i][0] && write_file(dir, names[i], texts[i]) == 0;
    if (ok) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[0]);
        xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
        if (pc) {
            xmlSchemaSetParserErrors(pc, quiet, quiet, NULL);
            schema = xmlSchemaParse(pc);
            xmlSchemaFreeParserCtxt(pc);
        }
    }
    for (int i = 0; i < 3; i++) { /* parsed: the files are not needed any more */
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* ---- validation, with the line of the first error */

typedef struct {
    int line;
    char text[400];
} first_error;

static void on_error(void *user, xmlErrorPtr e)
{
    first_error *fe = user;
    if (fe->line || !e) return;
    fe->line = e->line > 0 ? e->line : -1;
    snprintf(fe->text, sizeof fe->text, "%s", e->message ? e->message : "");
    size_t n = strlen(fe->text);
    while (n && (fe->text[n - 1] == '\n' || fe->text[n - 1] == ' '))
        fe->text[--n] = 0;
}

static int validate(const char *path, first_error *fe)
{
    pthread_once(&schema_once, schema_load);
    if (!schema) {
        snprintf(fe->text, sizeof fe->text, "the IATI schemas could not be read");
        fe->line = -1;
        return -1;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    if (!vc) return -1;
    xmlSchemaSetValidStructuredErrors(vc, on_error, fe);
    int rc = xmlSchemaValidateFile(vc, path, 0);
    xmlSchemaFreeValidCtxt(vc);
    if (rc != 0 && !fe->line) {
        fe->line = -1;
        snprintf(fe->text, sizeof fe->text, "not a well-formed document");
    }
    return rc == 0 ? 0 : -1;
}

int iati_validate_file(const char *path, iati_problem *pb)
{
    first_error fe = {0};
    if (validate(path, &fe) == 0) return 0;
    snprintf(pb->rule, sizeof pb->rule, "line %d: %s", fe.line, fe.text);
    pb->activity[0] = 0;
    return -1;
}

/* ---- writing */

typedef struct {
    FILE *f;
    long long line; /* the line being written, counted as written */
} xw;

static void put(xw *w, const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p == '\n') w->line++;
    fputs(s, w->f);
}

static void putf(xw *w, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof tmp) put(w, tmp);
}

/* Text or attribute content, escaped; characters XML 1.0 cannot hold are left out. */
static void esc(xw *w, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", w->f);
            break;
        case '<':
            fputs("&lt;", w->f);
            break;
        case '>':
            fputs("&gt;", w->f);
            break;
        case '"':
            fputs("&quot;", w->f);
            break;
        case '\n':
            fputs("&#10;", w->f);
            break;
        case '\r':
            fputs("&#13;", w->f);
            break;
        case '\t':
            fputc('\t', w->f);
            break;
        default:
            if (*p >= 0x20) fputc(*p, w->f);
        }
    }
}

static void narratives(xw *w, const char *vi, const char *en)
{
    if (vi) {
        put(w, "<narrative>");
        esc(w, vi);
        put(w, "</narrative>");
    }
    if (en) {
        put(w, "<narrative xml:lang=\"en\">");
        esc(w, en);
        put(w, "</narrative>");
    }
}

/* The children of a page of projects, in project order (sorted by their reference). */
typedef struct {
    record *rows;
    int n, at;
    int ref; /* index of the reference field */
} kids;

static int cmp_by_ref(const void *a, const void *b, void *ref_field)
{
    const record *x = a, *y = b;
    int f = *(const int *)ref_field;
    long long p = strtoll(x->v[f], NULL, 10), q = strtoll(y->v[f], NULL, 10);
    return p < q ? -1 : p > q ? 1 : (x->id > y->id) - (x->id < y->id);
}

/* The children of the page's projects, IDS_PER_QUERY projects a query (a statement takes
 * at most 64 parameters on PostgreSQL), gathered and sorted by project. */
enum { IDS_PER_QUERY = 50 };
static int kids_read(ctx *x, const entity *e, const record *projects, int np, kids *k)
{
    k->ref = entity_field_index(e, "project_id");
    k->at = 0;
    k->n = 0;
    k->rows = NULL;
    int cap = 0;
    for (int from = 0; from < np; from += IDS_PER_QUERY) {
        buf ids = {0};
        for (int i = from; i < np && i < from + IDS_PER_QUERY; i++)
            buf_printf(&ids, "%s%lld", i > from ? "," : "", projects[i].id);
        list_query q = {.sort = -1, .limit = IATI_CHILDREN_MAX, .no_lists = true};
        q.f[q.nf++] = (list_filter){k->ref, arena_strdup(x->a, buf_cstr(&ids)), 'i'};
        buf_free(&ids);
        record *rows = NULL;
        int n = 0;
        if (st_rec_list(x->c, x->a, e, &q, &rows, &n) != ST_OK) return -1;
        if (k->n + n > cap) {
            cap = (k->n + n) * 2;
            record *bigger = arena_alloc(x->a, sizeof *bigger * (size_t)cap);
            if (k->n) memcpy(bigger, k->rows, sizeof *bigger * (size_t)k->n);
            k->rows = bigger;
        }
        if (n) memcpy(k->rows + k->n, rows, sizeof *rows * (size_t)n);
        k->n += n;
    }
    if (k->n) qsort_r(k->rows, (size_t)k->n, sizeof *k->rows, cmp_by_ref, &k->ref);
    return 0;
}

/* The children of project id: [*from, *to) of k (k advances). */
static void kids_of(kids *k, long long id, int *from, int *to)
{
    while (k->at < k->n && strtoll(k->rows[k->at].v[k->ref], NULL, 10) < id)
        k->at++;
    *from = k->at;
    while (k->at < k->n && strtoll(k->rows[k->at].v[k->ref], NULL, 10) == id)
        k->at++;
    *to = k->at;
}

static const char *get(const record *r, const char *name)
{
    return record_get(r, name);
}

static bool id_ok(const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p == ' ' || *p == '/' || *p == '&' || *p == '|' || *p == '?') return false;
    return *s != 0;
}

/* The core rules on one project and its children; a message id (with *arg), or -1. */
static int core_rules(const record *p, const kids *sec, int s0, int s1, const kids *am, int a0,
                      int a1, int np, const char *ident, const char *today, long long *arg)
{
    const char *ps = get(p, "planned_start"), *pe = get(p, "planned_end"),
               *as = get(p, "actual_start"), *ae = get(p, "actual_end");
    if (!id_ok(ident)) return M_IATI_R_ID;
    if (!ps && !as) return M_IATI_R_START;
    if ((ps && pe && strcmp(ps, pe) > 0) || (as && ae && strcmp(as, ae) > 0)) return M_IATI_R_ORDER;
    if ((as && strcmp(as, today) > 0) || (ae && strcmp(ae, today) > 0)) return M_IATI_R_FUTURE;
    double sum = 0;
    for (int i = s0; i < s1; i++)
        sum += strtod(get(&sec->rows[i], "percent"), NULL);
    if (s1 == s0 || sum < 99.995 || sum > 100.005) {
        *arg = (long long)(sum + 0.5);
        return M_IATI_R_SECTORS;
    }
    if (!get(p, "description_vi") && !get(p, "description_en")) return M_IATI_R_DESC;
    if (np == 0) return M_IATI_R_ORG;
    if (!currency_known(get(p, "currency"))) return M_IATI_R_CURRENCY;
    for (int i = a0; i < a1; i++) {
        const char *d = get(&am->rows[i], "rate_date");
        if (!currency_known(get(&am->rows[i], "currency"))) return M_IATI_R_CURRENCY;
        if (d && strcmp(d, today) > 0 && get(&am->rows[i], "disbursed")) return M_IATI_R_FUTURE;
    }
    return -1;
}

static const char *status_code(const record *p)
{
    const char *s = get(p, "stage");
    if (!strcmp(s, "running")) return "2";
    if (!strcmp(s, "closed")) return get(p, "closing_report_on") ? "4" : "3";
    return "1"; /* approved: pipeline */
}

static void value(xw *w, const char *cur, const char *date, const char *amount)
{
    putf(w, "<value currency=\"%s\" value-date=\"%s\">%s</value>", cur, date, amount);
}

static void activity(ctx *x, xw *w, const record *p, const char *ident, const char *org,
                     const char *dept_vi, const char *dept_en, const kids *pa, int p0, int p1,
                     const kids *sec, int s0, int s1, const kids *am, int a0, int a1)
{
    const char *cur = get(p, "currency");
    put(w, "<iati-activity xml:lang=\"vi\" default-currency=\"");
    esc(w, cur);
    put(w, "\" last-updated-datetime=\"");
    char when[32];
    snprintf(when, sizeof when, "%.19sZ", p->updated_at ? p->updated_at : "");
    put(w, when);
    put(w, "\">\n<iati-identifier>");
    esc(w, ident);
    put(w, "</iati-identifier>\n<reporting-org ref=\"");
    esc(w, org);
    put(w, "\" type=\"10\">"); /* 10: government */
    narratives(w, dept_vi, dept_en);
    put(w, "</reporting-org>\n<title>");
    narratives(w, get(p, "title_vi"), get(p, "title_en"));
    put(w, "</title>\n<description type=\"1\">");
    narratives(w, get(p, "description_vi"), get(p, "description_en"));
    put(w, "</description>\n");
    const char *funder = NULL;
    for (int i = p0; i < p1; i++) {
        const record *r = &pa->rows[i];
        long long pid = strtoll(get(r, "partner_id"), NULL, 10);
        const char *name = rec_ref_title(x, &partner_entity, pid, NULL);
        if (!funder && !strcmp(get(r, "role"), "1")) funder = name;
        putf(w, "<participating-org role=\"%s\">", get(r, "role"));
        narratives(w, name, NULL);
        put(w, "</participating-org>\n");
    }
    putf(w, "<activity-status code=\"%s\"/>\n", status_code(p));
    static const char *const dates[][2] = {
        {"1", "planned_start"}, {"2", "actual_start"}, {"3", "planned_end"}, {"4", "actual_end"}};
    for (int i = 0; i < 4; i++)
        if (get(p, dates[i][1]))
            putf(w, "<activity-date type=\"%s\" iso-date=\"%s\"/>\n", dates[i][0],
                 get(p, dates[i][1]));
    put(w, "<recipient-country code=\"VN\" percentage=\"100\"/>\n");
    const char *units = get(p, "unit_ids");
    for (const char *u = units; u && *u;) {
        long long uid = strtoll(u, NULL, 10);
        record ur;
        if (rec_get(x, &admin_unit_entity, uid, &ur) == RS_OK) {
            put(w, "<location><name>");
            narratives(w, get(&ur, "name_vi"), get(&ur, "name_en"));
            put(w, "</name>");
            if (get(&ur, "lat") && get(&ur, "lon"))
                putf(w,
                     "<point srsName=\"http://www.opengis.net/def/crs/EPSG/0/4326\"><pos>%s "
                     "%s</pos></point>",
                     get(&ur, "lat"), get(&ur, "lon"));
            put(w, "</location>\n");
        }
        u = strchr(u, ',');
        u = u ? u + 1 : NULL;
    }
    for (int i = s0; i < s1; i++)
        putf(w, "<sector vocabulary=\"1\" code=\"%s\" percentage=\"%s\"/>\n",
             get(&sec->rows[i], "sector"), get(&sec->rows[i], "percent"));
    for (int i = a0; i < a1; i++) { /* a year's commitment as its budget */
        const record *r = &am->rows[i];
        if (!get(r, "committed")) continue;
        const char *y = get(r, "year");
        putf(w,
             "<budget type=\"1\" status=\"2\"><period-start iso-date=\"%s-01-01\"/>"
             "<period-end iso-date=\"%s-12-31\"/>",
             y, y);
        value(w, get(r, "currency"), get(r, "rate_date"), get(r, "committed"));
        put(w, "</budget>\n");
    }
    /* the province receives: incoming commitments (11) and incoming funds (1), dated as
     * the figures are */
    for (int i = a0; i < a1; i++) {
        const record *r = &am->rows[i];
        static const char *const kinds[][2] = {{"11", "committed"}, {"1", "disbursed"}};
        for (int k = 0; k < 2; k++) {
            const char *v = get(r, kinds[k][1]);
            if (!v) continue;
            putf(w,
                 "<transaction><transaction-type code=\"%s\"/><transaction-date iso-date=\"%s\"/>",
                 kinds[k][0], get(r, "rate_date"));
            value(w, get(r, "currency"), get(r, "rate_date"), v);
            if (funder) {
                put(w, "<provider-org>");
                narratives(w, funder, NULL);
                put(w, "</provider-org>");
            }
            put(w, "</transaction>\n");
        }
    }
    put(w, "</iati-activity>\n");
}

static void problem(ctx *x, iati_problem *pb, const char *ident, const char *title, int msgid,
                    long long arg, const char *detail)
{
    snprintf(pb->activity, sizeof pb->activity, "%s%s%s%s", ident ? ident : "",
             ident && title ? " (" : "", ident && title ? title : "", ident && title ? ")" : "");
    const char *m = msg(msgid, x->lang);
    char text[400];
    snprintf(text, sizeof text, m, arg);
    snprintf(pb->rule, sizeof pb->rule, "%s%s%s", text, detail ? ": " : "", detail ? detail : "");
}

/* The activities that began on each line: for an error's line. */
typedef struct {
    long long line;
    char ident[200];
    char title[200];
} mark;

int iati_export(ctx *x, const list_query *sel, FILE *out, long long *count, iati_problem *pb)
{
    *count = 0;
    memset(pb, 0, sizeof *pb);
    const char *org = province_iati_org();
    if (!org || !*org) {
        problem(x, pb, NULL, NULL, M_IATI_NO_ORG, 0, NULL);
        return -1;
    }
    province prov;
    province_get(x, &prov);
    if (!prov.dept_vi || !*prov.dept_vi) { /* the reporting organisation's name */
        problem(x, pb, NULL, NULL, M_IATI_NO_ORG, 0, NULL);
        return -1;
    }
    const entity *e = &project_entity;
    list_query q = *sel;
    q.sort = -1;
    q.desc = false;
    q.offset = 0;
    q.limit = IATI_PAGE;
    q.after = 0;
    if (q.nf >= LIST_FILTERS_MAX) q.nf = LIST_FILTERS_MAX - 1;
    q.f[q.nf++] = (list_filter){entity_field_index(e, "stage"), "approved,running,closed", 'i'};
    char today[11], now[32];
    clock_today(today);
    clock_iso_now(now);
    xw w = {out, 1};
    putf(&w,
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" "
         "generated-datetime=\"%.19sZ\">\n",
         now);
    mark *marks = NULL;
    size_t nmarks = 0, capmarks = 0;
    int rc = 0;
    arena *keep = x->a;
    for (;;) {
        arena page = {0}; /* one page of projects and their children at a time */
        x->a = &page;
        record *rows = NULL;
        int n = 0;
        if (st_rec_list(x->c, &page, e, &q, &rows, &n) != ST_OK) {
            rc = -2;
            arena_free(&page);
            break;
        }
        if (n == 0) {
            arena_free(&page);
            break;
        }
        kids pa, sec, am;
        if (kids_read(x, &project_partner_entity, rows, n, &pa) ||
            kids_read(x, &project_sector_entity, rows, n, &sec) ||
            kids_read(x, &project_amount_entity, rows, n, &am)) {
            arena_free(&page);
            rc = -2;
            break;
        }
        for (int i = 0; i < n && !rc; i++) {
            const record *p = &rows[i];
            int p0, p1, s0, s1, a0, a1;
            kids_of(&pa, p->id, &p0, &p1);
            kids_of(&sec, p->id, &s0, &s1);
            kids_of(&am, p->id, &a0, &a1);
            const char *ident = get(p, "iati_id");
            if (!ident) ident = arena_printf(&page, "%s-%s", org, get(p, "code"));
            long long arg = 0;
            int bad = core_rules(p, &sec, s0, s1, &am, a0, a1, p1 - p0, ident, today, &arg);
            if (bad >= 0) {
                problem(x, pb, ident, get(p, "title_vi"), bad, arg, NULL);
                rc = -1;
                break;
            }
            if (nmarks == capmarks) {
                capmarks = capmarks ? capmarks * 2 : 1024;
                mark *m = realloc(marks, capmarks * sizeof *m);
                if (!m) {
                    rc = -2;
                    break;
                }
                marks = m;
            }
            marks[nmarks].line = w.line;
            snprintf(marks[nmarks].ident, sizeof marks[nmarks].ident, "%s", ident);
            snprintf(marks[nmarks].title, sizeof marks[nmarks].title, "%s", get(p, "title_vi"));
            nmarks++;
            activity(x, &w, p, ident, org, prov.dept_vi, prov.dept_en, &pa, p0, p1, &sec, s0, s1,
                     &am, a0, a1);
            (*count)++;
        }
        q.after = rows[n - 1].id;
        arena_free(&page);
        x->a = keep;
        if (rc || n < IATI_PAGE) break;
    }
    x->a = keep;
    put(&w, "</iati-activities>\n");
    if (!rc && fflush(out)) rc = -2;
    if (!rc && *count == 0) {
        problem(x, pb, NULL, NULL, M_IATI_NONE, 0, NULL);
        rc = -1;
    }
    if (!rc) { /* the whole file, as written, against the schema */
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fileno(out));
        first_error fe = {0};
        if (validate(path, &fe)) {
            const mark *in = NULL;
            for (size_t i = 0; i < nmarks && marks[i].line <= fe.line; i++)
                in = &marks[i];
            char detail[480];
            snprintf(detail, sizeof detail, "line %d: %s", fe.line, fe.text);
            problem(x, pb, in ? in->ident : NULL, in ? in->title : NULL, M_IATI_SCHEMA, 0, detail);
            rc = -1;
        }
    }
    free(marks);
    if (rc == -2) snprintf(pb->rule, sizeof pb->rule, "%s", msg(M_INTERNAL, x->lang));
    return rc == -2 ? -2 : rc ? -1 : 0;
}
