/* Whole-list exports shared by the CLI and the web: CSV (RFC 4180 through libcsv, with a
 * UTF-8 byte-order mark so that spreadsheet programs read Vietnamese correctly) and JSON. */
#ifndef NGV_EXPORT_H
#define NGV_EXPORT_H
#include "ctx.h"

/* Every record matching q (its limit and offset are ignored). Header row: field names. */
int export_csv(ctx *x, const entity *e, const list_query *q, buf *out);
int export_json(ctx *x, const entity *e, const list_query *q, buf *out);
/* Appends one CSV field (quoted when needed). */
void csv_field(buf *out, const char *v, bool first);
/* CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first, and not
 * a plain number) are written with a leading apostrophe (OWASP's rule against formula
 * injection); csv_unguard gives back the value such a cell stood for, for the import. */
const char *csv_unguard(const char *cell);
#endif
