/* ngoaivu: the command line. Each command opens what it needs, does one thing, and
 * exits non-zero with a message on standard error when it cannot. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../base/clock.h"
#include "../base/log.h"
#include "../base/msg.h"
#include "../domain/app.h"
#include "../domain/auth.h"
#include "../domain/users.h"
#include "../domain/demo.h"
#include "../domain/entities.h"
#include "../domain/export.h"
#include "../domain/iati.h"
#include "../domain/report.h"
#include "../domain/import.h"
#include "../domain/records.h"
#include "../domain/remind.h"
#include "../domain/xlsx.h"
#include "../web/http.h"
#include "../web/routes.h"

static const char usage[] =
    "usage: ngoaivu COMMAND [--db DB] ...\n"
    "  init                              create or upgrade the database\n"
    "  demo                              load the demo data set; print a demo login\n"
    "  serve [--addr A] [--port N] [--threads N] [--trusted-proxy LIST]\n"
    "                                    serve the web application and the API; LIST: the\n"
    "                                    reverse proxies whose X-Forwarded-For names the client\n"
    "                                    (127.0.0.1,::1; else $NGOAIVU_TRUSTED_PROXIES)\n"
    "  user add NAME --role ROLE [--name TEXT] [--agency ID]   password from standard input;\n"
    "                                    --agency: the agency an agency user reports for\n"
    "  user passwd NAME                  new password read from standard input\n"
    "  user totp-reset NAME              remove the user's second factor (a lost phone);\n"
    "                                    their sessions end\n"
    "  user list\n"
    "  user email NAME ADDRESS           where the daily digest of reminders goes (- removes it)\n"
    "  export ENTITY --format csv|json|xlsx   ENTITY: partners, contacts, ...; to standard\n"
    "                                    output (xlsx only into a file or a pipe)\n"
    "  export projects --format iati     the IATI 2.03 activities document, validated first\n"
    "  report --period P --format pdf|docx|xlsx|html [--out FILE]   the periodic report of P\n"
    "                                    (2019-03, 2019-Q1, 2019-H1, 2019): the issued one, byte\n"
    "                                    for byte, else a draft from the data as it is now\n"
    "  import ENTITY FILE.csv [--lang vi|en]   all rows or none; else every line to correct\n"
    "  backup FILE                       a consistent copy of the database in service, of\n"
    "                                    either engine, into a new SQLite file (and FILE.files/):\n"
    "                                    every table read back and compared, then checked\n"
    "  restore FILE [--replace]          a backup copied into --db DB (either engine), which\n"
    "                                    must be empty (--replace: emptied first, in the same\n"
    "                                    transaction); the backup checked first, every table\n"
    "                                    read back and compared\n"
    "  reindex                           rebuild the search index and row counts from the records\n"
    "  remind                            make the missing reminders (daily, from cron); with\n"
    "                                    $NGOAIVU_SMTP_URL set, e-mail each user their digest\n"
    "  names list                        reviewed Vietnamese names set by an admin\n"
    "  names set CODE NAME               correct the Vietnamese name of a country or subdivision\n"
    "                                    (ISO code; every server shows it at its next request)\n"
    "  routes                            print the route table and the record types as JSON:\n"
    "                                    each route's method, pattern, permission and flags,\n"
    "                                    what each role may, each type's agency rule (no DB)\n"
    "  migrate-db --from DB --to DB [--replace]   copy a whole database into an empty one\n"
    "                                    (a file or postgres://USER@HOST/NAME, its password\n"
    "                                    from PGPASSWORD or ~/.pgpass), read every table back\n"
    "                                    and compare; --replace empties a target with data first\n"
    "The database is --db DB, else $NGOAIVU_DB, else ngoaivu.db: an SQLite file, or a\n"
    "PostgreSQL database postgres://USER@HOST[:PORT]/NAME (its password from PGPASSWORD or\n"
    "~/.pgpass, never in DB).\n";

typedef struct {
    int argc;
    char **argv;
} args;

/* Value of --name, removed from the arguments; NULL when absent. */
static const char *opt(args *a, const char *name)
{
    for (int i = 0; i < a->argc; i++) {
        if (strcmp(a->argv[i], name) != 0) continue;
        if (i + 1 >= a->argc) {
            fprintf(stderr, "ngoaivu: %s needs a value\n", name);
            exit(2);
        }
        const char *v = a->argv[i + 1];
        memmove(&a->argv[i], &a->argv[i + 2], sizeof(char *) * (size_t)(a->argc - i - 2));
        a->argc -= 2;
        return v;
    }
    return NULL;
}

/* Whether the flag --name is given; removed from the arguments. */
static bool flag(args *a, const char *name)
{
    for (int i = 0; i < a->argc; i++) {
        if (strcmp(a->argv[i], name) != 0) continue;
        memmove(&a->argv[i], &a->argv[i + 1], sizeof(char *) * (size_t)(a->argc - i - 1));
        a->argc--;
        return true;
    }
    return false;
}

static int fail(const char *fmt, const char *arg)
{
    fputs("ngoaivu: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return 1;
}

/* A password from standard input: one line; without echo when it is a terminal. */
static char *read_password(void)
{
    struct termios old, quiet;
    bool tty = isatty(0) && tcgetattr(0, &old) == 0;
    if (tty) {
        fputs("password: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(0, TCSANOW, &quiet);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (tty) {
        tcsetattr(0, TCSANOW, &old);
        fputc('\n', stderr);
    }
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = 0;
    return line;
}

static int cmd_user(store *st, args *a)
{
    if (a->argc < 1) return fail("%s", "user add|passwd|email|list");
    conn *c = store_acquire(st);
    char err[256];
    int rc = 0;
    const char *sub = a->argv[0];
    if (!strcmp(sub, "add")) {
        const char *rolename = opt(a, "--role"), *name = opt(a, "--name");
        const char *agency = opt(a, "--agency");
        char *end = NULL;
        long long agency_id = agency ? strtoll(agency, &end, 10) : 0;
        if (a->argc != 2 || !rolename) {
            rc = fail("%s", "usage: ngoaivu user add NAME --role ROLE [--name TEXT] [--agency ID]");
        } else if (agency && (*end || agency_id <= 0 ||
                              st_rec_exists(c, &agency_entity, agency_id) != ST_OK)) {
            rc = fail("no agency with id '%s' (see /agencies)", agency);
        } else {
            char *pw = read_password();
            if (!pw)
                rc = fail("%s", "no password on standard input");
            else if (auth_user_add(c, a->argv[1], rolename, pw, name, err, sizeof err))
                rc = fail("%s", err);
            else if (agency && auth_user_set_agency(c, a->argv[1], agency_id, err, sizeof err))
                rc = fail("%s", err);
            else
                printf("user %s added with role %s\n", a->argv[1], rolename);
            free(pw);
        }
    } else if (!strcmp(sub, "passwd")) {
        if (a->argc != 2) {
            rc = fail("%s", "usage: ngoaivu user passwd NAME");
        } else {
            char *pw = read_password();
            if (!pw)
                rc = fail("%s", "no password on standard input");
            else if (auth_user_passwd(c, a->argv[1], pw, err, sizeof err))
                rc = fail("%s", err);
            else
                printf("password of %s changed; their sessions are ended\n", a->argv[1]);
            free(pw);
        }
    } else if (!strcmp(sub, "totp-reset")) {
        arena ar = {0};
        user_row u;
        ctx x = app_cli_ctx(c, &ar);
        x.role = ROLE_ADMIN; /* the CLI is the system's administrator */
        if (a->argc != 2)
            rc = fail("%s", "usage: ngoaivu user totp-reset NAME");
        else if (st_user_get(c, &ar, a->argv[1], &u) != ST_OK)
            rc = fail("no user %s", a->argv[1]);
        else if (!u.totp_secret)
            rc = fail("%s has no second factor", a->argv[1]);
        else if (users_totp_reset(&x, u.id) != RS_OK)
            rc = fail("%s", store_errmsg(c));
        else
            printf("second factor of %s removed; their sessions are ended\n", a->argv[1]);
        arena_free(&ar);
    } else if (!strcmp(sub, "email")) {
        const char *addr = a->argc == 3 && strcmp(a->argv[2], "-") ? a->argv[2] : NULL;
        if (a->argc != 3)
            rc = fail("%s", "usage: ngoaivu user email NAME ADDRESS|-");
        else if (remind_user_email(c, a->argv[1], addr, err, sizeof err))
            rc = fail("%s", err);
        else
            printf("digest of %s: %s\n", a->argv[1], addr ? addr : "none");
    } else if (!strcmp(sub, "list")) {
        arena ar = {0};
        user_row *u;
        int n;
        if (st_user_list(c, &ar, &u, &n)) {
            rc = fail("%s", store_errmsg(c));
        } else {
            for (int i = 0; i < n; i++)
                printf("%-20s %-8s %s%s\n", u[i].username, u[i].role,
                       u[i].display_name ? u[i].display_name : "",
                       u[i].disabled ? " (disabled)" : "");
        }
        arena_free(&ar);
    } else {
        rc = fail("unknown: user %s", sub);
    }
    store_release(st, c);
    return rc;
}

static int cmd_demo(store *st)
{
    conn *c = store_acquire(st);
    arena a = {0};
    ctx x = app_cli_ctx(c, &a);
    char err[256], pw[17];
    int rc = 0;
    list_query q = {.sort = -1};
    long long have = 0;
    st_rec_count(c, &partner_entity, &q, &have);
    if (have == 0) {
        int n = demo_load(&x, err, sizeof err);
        if (n < 0) {
            rc = fail("%s", err);
            goto out;
        }
        printf("demo data loaded: %d records\n", n);
    } else {
        printf("the database already holds data; demo records not loaded again\n");
    }
    /* a fresh generated password every time: no fixed demo password exists */
    auth_random_password(pw, sizeof pw);
    user_row u;
    if (st_user_get(c, &a, "admin", &u) == ST_OK)
        rc = auth_user_passwd(c, "admin", pw, err, sizeof err);
    else
        rc = auth_user_add(c, "admin", "admin", pw, "Quản trị hệ thống", err, sizeof err);
    if (rc) {
        rc = fail("%s", err);
        goto out;
    }
    printf("demo login: admin / %s\n", pw);
out:
    arena_free(&a);
    store_release(st, c);
    return rc;
}

static void print_override(void *unused, const char *code, const char *name)
{
    (void)unused;
    printf("%-8s %s\n", code, name);
}

/* Reviewed Vietnamese names: an admin's corrections over the compiled-in list. */
static int cmd_names(store *st, args *a)
{
    conn *c = store_acquire(st);
    int rc = 0;
    if (a->argc == 1 && !strcmp(a->argv[0], "list")) {
        if (st_name_overrides(c, print_override, NULL)) rc = fail("%s", store_errmsg(c));
    } else if (a->argc == 3 && !strcmp(a->argv[0], "set")) {
        arena ar = {0};
        ctx x = app_cli_ctx(c, &ar);
        char err[256];
        if (names_set(&x, a->argv[1], a->argv[2], err, sizeof err))
            rc = fail("%s", err);
        else
            printf("%s is now \"%s\"\n", a->argv[1], a->argv[2]);
        arena_free(&ar);
    } else {
        rc = fail("%s", "usage: ngoaivu names list | names set CODE NAME");
    }
    store_release(st, c);
    return rc;
}

/* The record type a command names: its table ("partners") or its name ("partner"). */
static const entity *entity_arg(const char *name)
{
    const entity *e = entity_by_table(name);
    if (!e) e = entity_by_name(name);
    if (!e) {
        fprintf(stderr, "ngoaivu: unknown record type '%s' (", name);
        for (int i = 0; ngv_entities[i]; i++)
            fprintf(stderr, "%s%s", i ? ", " : "", ngv_entities[i]->table);
        fputs(")\n", stderr);
    }
    return e;
}

/* The projects as a validated IATI 2.03 document: written whole into a temporary file first,
 * so that nothing reaches standard output unless all of it is valid. */
static int export_iati(store *st)
{
    conn *c = store_acquire(st);
    arena ar = {0};
    ctx x = app_cli_ctx(c, &ar);
    x.lang = "en";
    list_query q = {.sort = -1};
    FILE *f = tmpfile();
    long long n = 0;
    iati_problem pb;
    int rc = f ? iati_export(&x, &q, f, &n, &pb) : -1;
    arena_free(&ar);
    store_release(st, c);
    if (!f) return fail("%s", "cannot make a temporary file");
    if (rc) {
        fclose(f);
        fprintf(stderr, "ngoaivu: IATI document refused%s%s: %s\n",
                pb.activity[0] ? ", activity " : "", pb.activity, pb.rule);
        return 1;
    }
    rewind(f);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (fwrite(chunk, 1, k, stdout) != k) {
            fclose(f);
            return fail("%s", "cannot write the export to standard output");
        }
    fclose(f);
    fprintf(stderr, "%lld activities, valid against the IATI 2.03 schema\n", n);
    return 0;
}

static int cmd_export(store *st, args *a)
{
    const char *format = opt(a, "--format");
    if (a->argc != 1)
        return fail("%s", "usage: ngoaivu export ENTITY --format csv|json|xlsx (projects: iati)");
    const entity *e = entity_arg(a->argv[0]);
    if (!e) return 1;
    if (format && !strcmp(format, "iati")) {
        if (e != &project_entity) return fail("%s", "--format iati is for projects");
        return export_iati(st);
    }
    if (!format) format = "csv";
    bool xlsx = !strcmp(format, "xlsx");
    if (strcmp(format, "csv") && strcmp(format, "json") && !xlsx)
        return fail("unknown format '%s' (csv, json, xlsx)", format);
    if (xlsx && isatty(1))
        return fail("%s", "an Excel file is not for a terminal: redirect it, e.g. > list.xlsx");
    conn *c = store_acquire(st);
    arena ar = {0};
    ctx x = app_cli_ctx(c, &ar);
    buf out = {0};
    list_query q = {.sort = -1};
    char err[256] = "export failed";
    int rc = xlsx                     ? export_xlsx(&x, e, &q, &out, err, sizeof err)
             : !strcmp(format, "csv") ? export_csv(&x, e, &q, &out)
                                      : export_json(&x, e, &q, &out);
    if (rc == ST_OK && fwrite(out.data, 1, out.len, stdout) != out.len) {
        snprintf(err, sizeof err, "cannot write the export to standard output");
        rc = ST_ERROR;
    }
    buf_free(&out);
    arena_free(&ar);
    store_release(st, c);
    return rc == ST_OK ? 0 : fail("%s", err);
}

/* The whole file, at most max bytes (more sets *too_big); NULL when it cannot be read. */
static char *read_whole(const char *path, size_t max, size_t *len, bool *too_big)
{
    *len = 0;
    *too_big = false;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_put(&b, chunk, n);
        if (b.len > max) {
            *too_big = true;
            break;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    buf_putc(&b, 0); /* so that an empty file is not NULL */
    return b.data;
}

static int cmd_report(store *st, args *a)
{
    const char *period = opt(a, "--period"), *format = opt(a, "--format"), *out = opt(a, "--out");
    if (a->argc || !period)
        return fail("%s", "usage: ngoaivu report --period 2019-Q1 --format pdf|docx|xlsx|html "
                          "[--out FILE]");
    int f = report_format_parse(format ? format : "pdf");
    if (f < 0) return fail("unknown format '%s' (pdf, docx, xlsx, html)", format);
    if (!out && f != REPORT_HTML && isatty(1))
        return fail("%s", "a binary file is not for a terminal: use --out FILE or redirect it");
    conn *c = store_acquire(st);
    arena ar = {0};
    ctx x = app_cli_ctx(c, &ar);
    record r;
    char err[300] = "the report's figures could not be read";
    buf b = {0};
    rstatus rs = report_for_period(&x, period, &r);
    if (rs == RS_OK) rs = report_file(&x, &r, (report_format)f, &b, err, sizeof err);
    int rc = 0;
    if (rs == RS_INVALID) {
        rc = fail("'%s' is not a period: 2019-03 (a month), 2019-Q1, 2019-H1 or 2019", period);
    } else if (rs != RS_OK) {
        rc = fail("%s", err);
    } else {
        FILE *o = out ? fopen(out, "wb") : stdout;
        if (!o || fwrite(b.data, 1, b.len, o) != b.len || (out && fclose(o) != 0))
            rc = fail("cannot write %s", out ? out : "to standard output");
        else if (rec_frozen(&r))
            fprintf(stderr, "report %s of %s, issued on %s: the frozen copy, %zu bytes\n",
                    record_get(&r, "symbol"), record_get(&r, "period"), record_get(&r, "issued_on"),
                    b.len);
        else
            fprintf(stderr, "draft report of %s, from the data as it is now: %zu bytes\n",
                    record_get(&r, "period"), b.len);
    }
    buf_free(&b);
    arena_free(&ar);
    store_release(st, c);
    return rc;
}

static int cmd_import(store *st, args *a)
{
    const char *lang = opt(a, "--lang");
    if (a->argc != 2) return fail("%s", "usage: ngoaivu import ENTITY FILE.csv [--lang vi|en]");
    const entity *e = entity_arg(a->argv[0]);
    if (!e) return 1;
    if (lang && strcmp(lang, "vi") && strcmp(lang, "en"))
        return fail("unknown language '%s' (vi, en)", lang);
    size_t len;
    bool too_big;
    char *data = read_whole(a->argv[1], IMPORT_MAX_BYTES, &len, &too_big);
    if (!data) {
        fprintf(stderr, "ngoaivu: cannot read %s: %s\n", a->argv[1], strerror(errno));
        return 1;
    }
    conn *c = store_acquire(st);
    arena ar = {0};
    ctx x = app_cli_ctx(c, &ar);
    if (lang) x.lang = lang;
    import_result res;
    int rs = import_csv(&x, e, data, len, &res);
    int rc = 0;
    if (rs == RS_OK) {
        if (res.updated)
            printf("imported %lld records (%lld of them updated)\n", res.imported, res.updated);
        else
            printf("imported %lld records\n", res.imported);
    } else if (rs == RS_INVALID) {
        for (int i = 0; i < res.nerrors; i++) {
            const import_error *er = &res.errors[i];
            if (er->line > 0) fprintf(stderr, "line %lld: ", er->line);
            if (er->field && *er->field) fprintf(stderr, "%s: ", er->field);
            fprintf(stderr, "%s\n", er->message);
        }
        if (res.more) {
            fprintf(stderr, msg(M_IMPORT_MORE, x.lang), res.more);
            fputc('\n', stderr);
        }
        fprintf(stderr, "ngoaivu: %s\n", msg(M_IMPORT_NOTHING, x.lang));
        rc = 1;
    } else {
        rc = fail("import failed: %s",
                  rs == RS_FORBIDDEN ? msg(M_FORBIDDEN, x.lang) : store_errmsg(c));
    }
    arena_free(&ar);
    store_release(st, c);
    free(data);
    return rc;
}

/* The reminders of the day (domain/remind.h), then the e-mail digests when a mail server
 * is configured; exit 1 when a digest could not be sent (its notices go next time). */
static int cmd_remind(store *st)
{
    conn *c = store_acquire(st);
    arena ar = {0};
    ctx x = app_cli_ctx(c, &ar);
    char today[11];
    clock_today(today);
    int made = 0, sent = 0, rc = 0;
    remind_mail m;
    if (remind_sweep(&x, today, &made) != RS_OK) {
        rc = fail("remind failed: %s", store_errmsg(c));
    } else {
        printf("%d new notifications\n", made);
        if (remind_mail_config(&m)) {
            buf errors = {0};
            if (remind_digest(&x, today, &m, &sent, &errors) != 0) {
                fprintf(stderr, "ngoaivu: digests not sent:\n%s", buf_cstr(&errors));
                rc = 1;
            }
            printf("%d digests sent\n", sent);
            buf_free(&errors);
        }
    }
    arena_free(&ar);
    store_release(st, c);
    return rc;
}

static void print_progress(void *unused, const char *table, long long rows, bool end)
{
    (void)unused;
    fprintf(stderr, "%s %s: %lld %s\n", end ? "copied " : "copying", table, rows,
            strcmp(table, "files") ? "rows" : "files");
}

/* Whether a connection string holds a password (postgres://user:secret@..., or
 * ?password=...), which would show in the process list and the shell's history. */
static bool has_password(const char *db)
{
    if (!store_is_postgres(db)) return false;
    const char *auth = strstr(db, "://") + 3, *at = strchr(auth, '@');
    const char *slash = strchr(auth, '/');
    bool in_auth = at && (!slash || at < slash) && memchr(auth, ':', (size_t)(at - auth));
    return in_auth || strstr(db, "password=");
}

/* What a copy compared, one line per table (its rows or files, its checksum, the same or
 * not), then the totals; the number of tables that differ. */
static int print_checks(const copy_check *k, int n, long long *rows, long long *files)
{
    int bad = 0;
    *rows = *files = 0;
    for (int i = 0; i < n; i++) {
        bool same = k[i].rows == k[i].target_rows && !strcmp(k[i].sum, k[i].target_sum);
        bool is_files = !strcmp(k[i].table, "files");
        printf("%-24s %8lld %s  checksum %.16s  ", k[i].table, k[i].rows,
               is_files ? "files" : "rows ", k[i].sum);
        if (same)
            printf("ok\n");
        else
            printf("DIFFERENT: the target has %lld, checksum %.16s\n", k[i].target_rows,
                   k[i].target_sum);
        *(is_files ? files : rows) += k[i].rows;
        bad += !same;
    }
    return bad;
}

/* A whole database copied into another (store/copy.c): migrate-db, and restore (from a
 * backup, which is an SQLite database, first checked as a file). Then one line per table of
 * what was compared; 1 unless every table is the same on both sides. */
static int copy_between(const char *from, const char *to, bool replace, bool check_source)
{
    if (has_password(from) || has_password(to))
        return fail("%s", "no password on the command line: leave it out of the connection "
                          "string; PostgreSQL's library reads PGPASSWORD or ~/.pgpass");
    if (!strcmp(from, to)) return fail("%s", "the source and the target are the same database");
    store *src, *dst;
    char err[512];
    if (check_source && access(from, R_OK) != 0) {
        fprintf(stderr, "ngoaivu: cannot read %s: %s\n", from, strerror(errno));
        return 1;
    }
    if (store_open(from, false, 2, &src, err, sizeof err)) return fail("%s", err);
    if (check_source && store_integrity(src, err, sizeof err)) {
        store_close(src);
        fprintf(stderr, "ngoaivu: %s is damaged, nothing was restored: %s\n", from, err);
        return 1;
    }
    if (store_open(to, true, 2, &dst, err, sizeof err)) {
        store_close(src);
        return fail("%s", err);
    }
    arena ar = {0};
    copy_check *k;
    int n;
    copy_opts o = {.replace = replace,
                   .progress = print_progress,
                   .only_first = app_only_first_records,
                   .entities = ngv_entities};
    int rc = store_copy(src, dst, &o, &ar, &k, &n, err, sizeof err);
    long long rows, files;
    int bad = print_checks(k, n, &rows, &files);
    if (rc == ST_OK)
        printf("%d of %d the same: %lld rows and %lld files copied from %s to %s, committed\n",
               n - bad, n, rows, files, store_engine(src), store_engine(dst));
    else
        fail("%s", err);
    arena_free(&ar);
    store_close(dst);
    store_close(src);
    return rc == ST_OK && !bad ? 0 : 1;
}

static int cmd_migrate(args *a)
{
    const char *from = opt(a, "--from"), *to = opt(a, "--to");
    bool replace = flag(a, "--replace");
    if (a->argc || !from || !to)
        return fail("%s", "usage: ngoaivu migrate-db --from DB --to DB [--replace]");
    return copy_between(from, to, replace, false);
}

/* restore BACKUP [--db DB] [--replace]: the backup copied into DB, which must be empty. */
static int cmd_restore(args *a)
{
    const char *to = opt(a, "--db");
    if (!to) to = getenv("NGOAIVU_DB");
    bool replace = flag(a, "--replace");
    if (a->argc != 1 || !to) return fail("%s", "usage: ngoaivu restore BACKUP --db DB [--replace]");
    if (store_is_postgres(a->argv[0]))
        return fail("%s", "a backup is a file that `ngoaivu backup` wrote; a database is "
                          "copied into another by migrate-db");
    return copy_between(a->argv[0], to, replace, true);
}

/* backup FILE: a new, checked SQLite database of every record, audit entry and file. */
static int cmd_backup(store *st, args *a)
{
    if (a->argc != 1) return fail("%s", "usage: ngoaivu backup FILE");
    arena ar = {0};
    copy_check *k;
    int n;
    char err[512];
    copy_opts o = {.progress = print_progress, .entities = ngv_entities};
    int rc = store_backup(st, a->argv[0], &o, &ar, &k, &n, err, sizeof err);
    long long rows, files;
    int bad = print_checks(k, n, &rows, &files);
    if (rc == ST_OK && !bad)
        printf("backup written to %s and verified: %d tables, %lld rows and %lld files the same "
               "as in %s at one moment; integrity check ok\n",
               a->argv[0], n, rows, files, store_engine(st));
    else
        fail("%s", err);
    arena_free(&ar);
    return rc == ST_OK && !bad ? 0 : 1;
}

/* The route table and the record types' access rules as JSON, for the authorisation matrix
 * of the tests (tests/e2e/t_authz.mjs) and for reading: what is declared, not a list kept
 * by hand. */
static int cmd_routes(void)
{
    if (routes_check(ngv_routes) != 0) return fail("%s", "the route table is refused");
    json_t *roles = json_array(), *routes = json_array(), *types = json_array();
    for (role ro = ROLE_VIEWER; ro <= ROLE_ADMIN; ro++) {
        json_t *may = json_array();
        for (perm p = PERM_PUBLIC; p <= PERM_ADMIN; p++)
            if (role_can(ro, p)) json_array_append_new(may, json_string(perm_name(p)));
        json_array_append_new(roles, json_pack("{s:s,s:o}", "name", role_name(ro), "may", may));
    }
    static const struct {
        unsigned bit;
        const char *name;
    } flags[] = {
        {RT_API, "api"},       {RT_NO_CSRF, "no_csrf"},         {RT_ENTITY, "entity"},
        {RT_UPLOAD, "upload"}, {RT_AG_CREATE, "agency_create"}, {RT_AG_UPDATE, "agency_update"}};
    for (const route *rt = ngv_routes; rt->pattern; rt++) {
        json_t *f = json_array();
        for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
            if (rt->flags & flags[i].bit) json_array_append_new(f, json_string(flags[i].name));
        json_array_append_new(routes,
                              json_pack("{s:s,s:s,s:s,s:I,s:o}", "method", rt->method, "pattern",
                                        rt->pattern, "permission", perm_name(rt->need), "max_body",
                                        (json_int_t)rt->max_body, "flags", f));
    }
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *e = ngv_entities[k];
        json_t *needed = json_array();
        for (int i = 0; i < e->nfields; i++)
            if ((e->fields[i].flags & F_REQUIRED) && !(e->fields[i].flags & F_READONLY))
                json_array_append_new(needed, json_string(e->fields[i].name));
        int ai = e->agency_field ? entity_field_index(e, e->agency_field) : -1;
        /* the row rule's field, and the type it refers to (agencies, or a type with a rule) */
        json_t *rule = ai < 0 ? json_null()
                              : json_pack("{s:s,s:s}", "field", e->agency_field, "refers_to",
                                          e->fields[ai].ref);
        json_array_append_new(
            types,
            json_pack("{s:s,s:s,s:b,s:b,s:o,s:b,s:b,s:b,s:s?,s:o}", "name", e->name, "table",
                      e->table, "agency_create", (e->agency_writes & AG_CREATE) != 0,
                      "agency_update", (e->agency_writes & AG_UPDATE) != 0, "agency_rule", rule,
                      "public_create", e->public_create, "restorable", e->restorable, "attachments",
                      e->attachments, "status_field", e->status_field, "required", needed));
    }
    json_t *all =
        json_pack("{s:o,s:o,s:o}", "roles", roles, "routes", routes, "record_types", types);
    int rc = json_dumpf(all, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER) == 0 ? 0 : 1;
    fputc('\n', stdout);
    json_decref(all);
    return rc;
}

int main(int argc, char **argv)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (auth_init() != 0) return fail("%s", "cannot initialise libsodium");
    args a = {argc - 2, argv + 2};
    const char *cmd = argv[1];
    if (!strcmp(cmd, "routes")) { /* what is declared: no database */
        log_set_quiet(true);
        return a.argc ? fail("%s", "usage: ngoaivu routes") : cmd_routes();
    }
    if (!strcmp(cmd, "migrate-db")) { /* two databases of its own, not --db */
        log_set_quiet(true);
        return cmd_migrate(&a);
    }
    if (!strcmp(cmd, "restore")) { /* the backup and the target, both opened here */
        log_set_quiet(true);
        return cmd_restore(&a);
    }
    const char *db = opt(&a, "--db");
    if (!db) db = getenv("NGOAIVU_DB");
    if (!db) db = "ngoaivu.db";
    static const char *known[] = {"init",   "demo",  "serve",   "user",   "export", "import",
                                  "backup", "names", "reindex", "remind", "report", NULL};
    bool ok = false;
    for (int i = 0; known[i]; i++)
        ok |= !strcmp(cmd, known[i]);
    if (!ok) {
        fprintf(stderr, "ngoaivu: unknown command '%s'\n%s", cmd, usage);
        return 2;
    }
    bool serve = !strcmp(cmd, "serve");
    log_set_quiet(!serve);
    const char *port_s = serve ? opt(&a, "--port") : NULL;
    const char *addr = serve ? opt(&a, "--addr") : NULL;
    const char *threads_s = serve ? opt(&a, "--threads") : NULL;
    const char *trusted = serve ? opt(&a, "--trusted-proxy") : NULL;
    if (!trusted) trusted = getenv("NGOAIVU_TRUSTED_PROXIES");
    /* one request thread a core; on PostgreSQL four: a thread waits for the database's
     * answers over the network, and the waiters share the data version's reads (store/pg.c) */
    int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    int threads = threads_s ? atoi(threads_s) : store_is_postgres(db) ? 4 * cores : cores;
    if (threads < 1) threads = 1;
    store *st;
    char err[512];
    bool create = !strcmp(cmd, "init") || !strcmp(cmd, "demo");
    /* a connection for each request thread and each writer (web/http.h), and two more */
    if (app_open(db, create, threads + WEB_WRITERS + 2, &st, err, sizeof err) != 0)
        return fail("%s", err);
    int rc = 0;
    if (!strcmp(cmd, "init")) {
        printf("%s: schema version %d (%s)\n", db, store_schema_version(st), store_engine(st));
    } else if (!strcmp(cmd, "demo")) {
        rc = cmd_demo(st);
    } else if (serve) {
        int port = port_s ? atoi(port_s) : 8080;
        if (port <= 0 || port > 65535)
            rc = fail("bad port '%s'", port_s);
        else
            rc = web_serve(st, &(web_opts){.addr = addr ? addr : "127.0.0.1",
                                           .port = port,
                                           .threads = (unsigned)threads,
                                           .trusted_proxies = trusted,
                                           .sweep = true});
    } else if (!strcmp(cmd, "user")) {
        rc = cmd_user(st, &a);
    } else if (!strcmp(cmd, "export")) {
        rc = cmd_export(st, &a);
    } else if (!strcmp(cmd, "import")) {
        rc = cmd_import(st, &a);
    } else if (!strcmp(cmd, "backup")) {
        rc = cmd_backup(st, &a);
    } else if (!strcmp(cmd, "names")) {
        rc = cmd_names(st, &a);
    } else if (!strcmp(cmd, "reindex")) {
        conn *c = store_acquire(st);
        arena ar = {0};
        ctx x = app_cli_ctx(c, &ar);
        long long n = rec_reindex(&x);
        if (n < 0)
            rc = fail("reindex failed: %s", store_errmsg(c));
        else
            printf("search index rebuilt: %lld records\n", n);
        arena_free(&ar);
        store_release(st, c);
    } else if (!strcmp(cmd, "remind")) {
        rc = cmd_remind(st);
    } else if (!strcmp(cmd, "report")) {
        rc = cmd_report(st, &a);
    }
    app_close(st);
    return rc;
}
