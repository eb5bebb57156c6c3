/* Whole-list exports shared by the CLI and the web: CSV (RFC 4180 through libcsv, with a
 * UTF-8 byte-order mark so that spreadsheet programs read Vietnamese correctly) and JSON. */
#ifndef NGV_EXPORT_H
#define NGV_EXPORT_H
#include "ctx.h"

/* Every record matching q (its limit and offset are ignored). Header row: field names (what
 * the import reads); cells as people read them (export_text), in x->lang. JSON keeps the
 * stored values (codes and ids), as the API does. */
int export_csv(ctx *x, const entity *e, const list_query *q, buf *out);
int export_json(ctx *x, const entity *e, const list_query *q, buf *out);
/* A field of a record as a spreadsheet cell shows it: choices by their labels, yes/no,
 * countries and provinces as "Name (CODE)", referenced records by their titles (several:
 * "; " between them); other values as stored. The import reads each of these back. */
const char *export_text(ctx *x, const record *r, int fi);
/* Appends one CSV field (quoted when needed). */
void csv_field(buf *out, const char *v, bool first);
/* CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first, and not
 * a plain number) are written with a leading apostrophe (OWASP's rule against formula
 * injection); csv_unguard gives back the value such a cell stood for, for the import. */
const char *csv_unguard(const char *cell);
#endif
