/* Periodic reports (báo cáo định kỳ) to the provincial leadership and the Ministry: a month,
 * quarter, half-year or year of the department's work, drafted from live data, with the
 * narrative an officer writes, issued by a leader with its number and symbol and then
 * frozen (report.c). The document itself is doc.h's JSON value; its formats are drawn from
 * it. */
#ifndef NGV_REPORT_H
#define NGV_REPORT_H
#include "doc.h"
#include "records.h"

extern const entity report_entity;

/* A period a report covers: "2019-03" (a month), "2019-Q1" (a quarter), "2019-H1" (a half
 * year), "2019" (a year). */
typedef struct {
    char code[12];         /* canonical: "2019-Q1" */
    char kind;             /* 'm', 'q', 'h', 'y' */
    int year, n;           /* n: the month, quarter or half (0 for a year) */
    char from[16], to[16]; /* its first and last day, "YYYY-MM-DD" */
} report_period;
/* false when s names no period (years 2000 to 2100; "2019-q1" is read as "2019-Q1"). */
bool report_period_parse(const char *s, report_period *p);
/* "quý I năm 2019", "6 tháng đầu năm 2019", "tháng 3 năm 2019", "năm 2019"; English: "Q1 2019",
 * "the first half of 2019", "March 2019", "2019". In the arena. */
const char *report_period_label(arena *a, const report_period *p, const char *lang);

/* The formats a report is given in. */
typedef enum { REPORT_PDF, REPORT_DOCX, REPORT_XLSX, REPORT_HTML, REPORT_FORMATS } report_format;
/* "pdf", "docx", "xlsx", "html" -> the format, or -1. */
int report_format_parse(const char *s);
const char *report_format_ext(report_format f);
const char *report_format_ctype(report_format f);

/* The document of report r as of now (a draft: from the data as it is; r need not be
 * stored: the CLI drafts one from a period alone). A new reference in *out; returns 0, or
 * -1 when the database failed. */
int report_doc(ctx *x, const record *r, json_t **out);
/* A standalone HTML file of the document (its own style sheet inside: it is saved and opened
 * away from the server), printable. Appends to out. */
int doc_html(const json_t *doc, buf *out, char *err, size_t errlen);
/* The body of the document as an HTML fragment (for a page of the server). */
void doc_html_body(const json_t *doc, buf *out);

/* Report r in one format into out: an issued report's frozen file, byte for byte; a draft's
 * drawn now. Returns RS_OK, RS_ERROR (database, a file missing, drawing failed: err says). */
rstatus report_file(ctx *x, const record *r, report_format f, buf *out, char *err, size_t errlen);
/* The report of a period for the CLI: the last one issued for it, else a draft of it not
 * stored (its recipients and signer as the last report's), into out. RS_OK, RS_INVALID (not
 * a period), RS_ERROR. */
rstatus report_for_period(ctx *x, const char *period, record *out);
/* The document of report r: an issued report's frozen one, a draft's as of now. */
rstatus report_document(ctx *x, const record *r, json_t **out);
#endif
