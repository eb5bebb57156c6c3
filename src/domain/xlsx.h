/* The Excel export (libxlsxwriter): a list as people read it, for the web and the CLI. */
#ifndef NGV_XLSX_H
#define NGV_XLSX_H
#include "ctx.h"

#define XLSX_CTYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Every record matching q (its limit and offset are ignored) as one .xlsx workbook in out:
 * one sheet named after the record type, a bold, frozen header row with an autofilter, in
 * the context's language; then ID, every field as rec_display shows it (with the ISO code
 * after country and subdivision names), created and updated as Excel date-times in Vietnam
 * time. References, numbers and dates are real numbers and dates. Returns ST_OK, or
 * ST_ERROR with a message in err (no permission, database trouble, a temporary file). */
int export_xlsx(ctx *x, const entity *e, const list_query *q, buf *out, char *err, size_t errlen);
/* workbook_close(wb) under one lock of the process: libxlsxwriter 1.1.4 formats the dates
 * of docProps/core.xml with gmtime(), whose result the whole process shares, so two
 * workbooks closed at once by two threads could take each other's dates. Every workbook is
 * closed through this (xlsx.c, doc_xlsx.c). Returns libxlsxwriter's lxw_error. */
struct lxw_workbook;
int xlsx_workbook_close(struct lxw_workbook *wb);
#endif
