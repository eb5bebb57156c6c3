/* The route table and the handlers it names (one file per face: pages by area, the API). */
#ifndef NGV_ROUTES_H
#define NGV_ROUTES_H
#include "../domain/records.h"
#include "http.h"

extern const route ngv_routes[];
/* Whether a route table may be served: every route names a permission and a handler, RT_ENTITY
 * goes with ":e" in the pattern, RT_AG_* only on PERM_WRITE routes of a record type. 0, or -1
 * with the route logged; for ngv_routes it also notes what find_route needs. */
int routes_check(const route *table);

/* page.c: the page frame shared by every page */
void page_begin(req *r, const char *title);
void page_end(req *r);
void page_error(req *r, int status, int message);
/* A page whose body is the same for every reader it is made for while the data does not
 * change (a chart, a map): page_cached begins it and, when key holds its body at the data
 * version, adds that and ends it (true); else the caller writes the body and ends it with
 * page_cache_end, which keeps it (at most PAGE_CACHE_MAX bytes; the cache is 2 MiB a worker).
 * key: everything the body depends on (the query, the language, the day, what the role
 * may do). */
enum { PAGE_CACHE_MAX = 3u << 19 }; /* 1.5 MiB: a map of a few thousand points */
bool page_cached(req *r, const char *title, const char *key, size_t *start);
void page_cache_end(req *r, const char *key, size_t start);
/* The error page of a domain status that is not RS_OK: 403, 404, else 500. */
void page_rstatus(req *r, rstatus rs);
/* "?k=v&..." of the current query with one key replaced (NULL value drops it). */
const char *query_with(req *r, const char *key, const char *value);
/* The same with two parameters replaced ("" drops one): sort links drop the offset. */
const char *query_with2(req *r, const char *k1, const char *v1, const char *k2, const char *v2);

/* A Unix time as the pages show times (ui_admin.c). */
const char *when_unix(req *r, long long t);
/* ui_account.c: shared with the login's second step: the QR code and key of a new TOTP
 * secret; the recovery codes just made, shown once, with a link on to next */
void totp_secret_block(req *r, const char *secret, const char *username);
void recovery_page(req *r, const char *const *codes, int n, const char *next);
/* the account's second factor (GET: a new secret to scan; POST: it and its first code),
 * its removal and new recovery codes (a current code); personal access tokens */
void ui_account_totp_form(req *r);
void ui_account_totp(req *r);
void ui_account_totp_off(req *r);
void ui_account_totp_codes(req *r);
void ui_account_token_new(req *r);
void ui_account_token_revoke(req *r);
void ui_user_totp_reset(req *r); /* POST /users/:id/totp (ui_admin.c) */
/* qr.c: the QR code of text as an inline SVG image named label */
void html_qr_svg(buf *o, const char *text, const char *label);
/* ui_auth.c */
void ui_login_form(req *r);
void ui_login(req *r);
/* The login page in answer to a form sent with an expired session: it keeps the form's
 * fields, and after the login offers to send them again (server.c calls it). */
void ui_login_resume(req *r);
void ui_logout(req *r);
void ui_lang(req *r);
/* ui_home.c */
void ui_home(req *r);
void ui_search(req *r);
/* GET /map?layers=&gates=&markers=&incidents=&flag=&category_id=&status=&date_from=&date_to=:
 * the border map with its points as tables (ui_map.c) */
void ui_map(req *r);
void ui_trade(
    req *r); /* GET /trade?gate_id=&currency=&year=: charts by year and month (ui_trade.c) */
/* ui_project.c: the pipeline of projects by stage */
void ui_pipeline(req *r);
void api_iati(req *r); /* GET /api/v1/projects.iati.xml */
/* ui_scholar.c: the scholarship ledger by year */
void ui_scholarships(req *r);
/* ui_programme.c: the integration programme's targets and their status */
void ui_integration(req *r);
void ui_province_form(req *r);
void ui_province_save(req *r);
void ui_static_css(req *r);
void ui_healthz(req *r);
/* ui_records.c: every record type's pages, driven by its description */
void ui_list(req *r);
void ui_new(req *r);
void ui_create(req *r);
void ui_show(req *r);
void ui_edit(req *r);
void ui_update(req *r);
void ui_delete_confirm(req *r);
void ui_delete(req *r);
void ui_restore(req *r); /* POST /:e/:id/restore: an earlier version again (entity.restorable) */
/* api.c */
void api_login(req *r);
void api_logout(req *r);
void api_list(req *r);
void api_create(req *r);
void api_get(req *r);
void api_update(req *r);
void api_delete(req *r);
void api_search(req *r);
/* the list's records with a point (entity.geo_lat), as an RFC 7946 FeatureCollection */
void api_geojson(req *r);
void api_audit(req *r);
void api_openapi(req *r);
void api_import(req *r);
/* ui_import.c: lists as files (the Excel export of a list page, the CSV import page) */
void ui_export_xlsx(req *r, const list_query *q);
void ui_import_form(req *r);
void ui_import(req *r);
/* shared by pages and API: a list query from the request's parameters */
bool list_query_from_request(req *r, list_query *q, verrs *ve);
/* The other way: the parameters of q's filters ("status=open,in_progress&deadline_to=..."),
 * which list_query_from_request reads back into the same filters, for a link to the list
 * a figure counts. NULL for a filter no parameter says ('n', 'N', 'g'). */
const char *list_query_params(arena *a, const entity *e, const list_query *q);
/* ui_admin.c: administration pages (users, their sessions, names, settings, audit log) */
void ui_users(req *r);
void ui_user_new(req *r);
void ui_user_create(req *r);
void ui_user_show(req *r);
void ui_user_update(req *r);
void ui_user_active(req *r);
void ui_user_reset(req *r);
void ui_user_revoke(req *r);
void ui_admin_home(req *r);
void ui_names(req *r);
void ui_names_save(req *r);
void ui_settings(req *r);
void ui_settings_save(req *r);
void ui_audit_log(req *r);
/* ui_account.c: each user's own account, and the password change a reset password forces */
void ui_account(req *r);
void ui_account_password_form(req *r);
void ui_account_password(req *r);
/* The dispatcher's last check (server.c): a user whose password an admin set may only change
 * it (and log out); anything else is answered here (303 to /account/password, or 403 JSON)
 * and true returned. */
bool account_gate(req *r);
/* api_admin.c: the same through the API */
void api_users(req *r);
void api_user_create(req *r);
void api_user_get(req *r);
void api_user_update(req *r);
void api_user_reset(req *r);
void api_user_sessions(req *r);
void api_user_sessions_end(req *r);
void api_account(req *r);
void api_account_password(req *r);
void api_account_tokens(req *r);
void api_account_token_create(req *r);
void api_account_token_revoke(req *r);
void api_settings(req *r);
void api_settings_put(req *r);
void api_names(req *r);
void api_names_put(req *r);
void api_audit_log(req *r);
#endif
