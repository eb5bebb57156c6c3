/* Every URL the server answers, with the permission it needs and the body it accepts.
 * Anything not listed is 404; a row without a permission stops the server at start-up. */
#include "routes.h"
#include "../domain/attach.h"
#include "attachments.h"
#include "calendar.h"
#include "dashboard.h"
#include "notifications.h"
#include "panels.h"
#include "public.h"
#include "workflow.h"

#define KB 1024
#define FORM (64 * KB)
#define ATTACH ((size_t)ATTACH_MAX_BYTES)
#define MB (1024 * KB)
/* an imported CSV file (at most 10 MB, see domain/import.h); a page's form adds its framing */
#define CSV_FILE (10 * MB)

const route ngv_routes[] = {
    /* method  pattern                   permission   body  flags                 handler */
    {"GET", "/healthz", PERM_PUBLIC, 0, 0, ui_healthz},
    /* the public bulletin (ui_public.c): no login */
    {"GET", "/bulletin", PERM_PUBLIC, 0, 0, ui_bulletin_root},
    {"GET", "/bulletin/static/bulletin.css", PERM_PUBLIC, 0, 0, ui_bulletin_css},
    {"GET", "/bulletin/images/:hash/:sub", PERM_PUBLIC, 0, 0, ui_bulletin_image},
    {"GET", "/bulletin/:lang", PERM_PUBLIC, 0, 0, ui_bulletin_front},
    {"GET", "/bulletin/:lang/feed.atom", PERM_PUBLIC, 0, 0, ui_bulletin_feed},
    {"GET", "/bulletin/:lang/search", PERM_PUBLIC, 0, 0, ui_bulletin_search},
    {"GET", "/bulletin/:lang/a/:slug", PERM_PUBLIC, 0, 0, ui_bulletin_article},
    /* a reader's comment: a form of its own with no session, so no CSRF token to check */
    {"POST", "/bulletin/:lang/a/:slug/comments", PERM_PUBLIC, 16 * KB, RT_NO_CSRF,
     ui_bulletin_comment},
    {"GET", "/bulletin/:lang/c/:slug", PERM_PUBLIC, 0, 0, ui_bulletin_category},
    {"GET", "/bulletin/:lang/t/:slug", PERM_PUBLIC, 0, 0, ui_bulletin_tag},
    {"GET", "/bulletin/:lang/issues/:id", PERM_PUBLIC, 0, 0, ui_bulletin_issue},
    {"GET", "/bulletin/:lang/issues/:id/pdf", PERM_PUBLIC, 0, 0, ui_bulletin_issue_pdf},
    {"GET", "/sitemap.xml", PERM_PUBLIC, 0, 0, ui_sitemap},
    {"GET", "/robots.txt", PERM_PUBLIC, 0, 0, ui_robots},
    {"GET", "/static/app.css", PERM_PUBLIC, 0, 0, ui_static_css},
    {"GET", "/login", PERM_PUBLIC, 0, 0, ui_login_form},
    /* a form's size: a login may carry the fields of a form whose session expired */
    {"POST", "/login", PERM_PUBLIC, FORM, RT_NO_CSRF, ui_login},
    {"POST", "/logout", PERM_LOGIN, 4 * KB, 0, ui_logout},
    /* each user's notices (reminders) */
    {"GET", "/notifications", PERM_LOGIN, 0, 0, ui_notifications},
    {"POST", "/notifications/read", PERM_LOGIN, 4 * KB, 0, ui_notifications_read},
    {"GET", "/lang", PERM_PUBLIC, 0, 0, ui_lang},
    {"GET", "/", PERM_READ, 0, 0, ui_home},
    {"GET", "/search", PERM_READ, 0, 0, ui_search},
    {"GET", "/calendar", PERM_READ, 0, 0, ui_calendar},
    {"GET", "/trade", PERM_READ, 0, 0, ui_trade},
    {"GET", "/pipeline", PERM_READ, 0, 0, ui_pipeline},
    {"GET", "/scholarships", PERM_READ, 0, 0, ui_scholarships},
    {"GET", "/integration", PERM_READ, 0, 0, ui_integration},
    {"GET", "/map", PERM_READ, 0, 0, ui_map},
    {"POST", "/calendar/token", PERM_READ, 4 * KB, 0, ui_calendar_token},
    /* the calendar feed for calendar programs: the secret token in the address is the login */
    {"GET", "/ical/:hash.ics", PERM_PUBLIC, 0, 0, ical_feed},
    {"GET", "/province", PERM_ADMIN, 0, 0, ui_province_form},
    {"POST", "/province", PERM_ADMIN, 4 * KB, 0, ui_province_save},
    /* administration (ui_admin.c) and each user's account (ui_account.c) */
    {"GET", "/users", PERM_ADMIN, 0, 0, ui_users},
    {"GET", "/users/new", PERM_ADMIN, 0, 0, ui_user_new},
    {"POST", "/users", PERM_ADMIN, 4 * KB, 0, ui_user_create},
    {"GET", "/users/:id", PERM_ADMIN, 0, 0, ui_user_show},
    {"POST", "/users/:id", PERM_ADMIN, 4 * KB, 0, ui_user_update},
    {"POST", "/users/:id/active", PERM_ADMIN, 4 * KB, 0, ui_user_active},
    {"POST", "/users/:id/password", PERM_ADMIN, 4 * KB, 0, ui_user_reset},
    {"POST", "/users/:id/sessions", PERM_ADMIN, 4 * KB, 0, ui_user_revoke},
    {"POST", "/users/:id/totp", PERM_ADMIN, 4 * KB, 0, ui_user_totp_reset},
    {"GET", "/admin", PERM_ADMIN, 0, 0, ui_admin_home},
    {"GET", "/admin/names", PERM_ADMIN, 0, 0, ui_names},
    {"POST", "/admin/names", PERM_ADMIN, 4 * KB, 0, ui_names_save},
    {"GET", "/admin/settings", PERM_ADMIN, 0, 0, ui_settings},
    {"POST", "/admin/settings", PERM_ADMIN, 4 * KB, 0, ui_settings_save},
    {"GET", "/admin/audit", PERM_ADMIN, 0, 0, ui_audit_log},
    {"GET", "/account", PERM_LOGIN, 0, 0, ui_account},
    {"GET", "/account/password", PERM_LOGIN, 0, 0, ui_account_password_form},
    {"POST", "/account/password", PERM_LOGIN, 4 * KB, 0, ui_account_password},
    {"GET", "/account/totp", PERM_LOGIN, 0, 0, ui_account_totp_form},
    {"POST", "/account/totp", PERM_LOGIN, 4 * KB, 0, ui_account_totp},
    {"POST", "/account/totp/off", PERM_LOGIN, 4 * KB, 0, ui_account_totp_off},
    {"POST", "/account/totp/codes", PERM_LOGIN, 4 * KB, 0, ui_account_totp_codes},
    {"POST", "/account/tokens", PERM_LOGIN, 4 * KB, 0, ui_account_token_new},
    {"POST", "/account/tokens/:id/revoke", PERM_LOGIN, 4 * KB, 0, ui_account_token_revoke},
    {"GET", "/api/v1/users", PERM_ADMIN, 0, RT_API, api_users},
    {"POST", "/api/v1/users", PERM_ADMIN, 4 * KB, RT_API, api_user_create},
    {"GET", "/api/v1/users/:id", PERM_ADMIN, 0, RT_API, api_user_get},
    {"PUT", "/api/v1/users/:id", PERM_ADMIN, 4 * KB, RT_API, api_user_update},
    {"POST", "/api/v1/users/:id/password", PERM_ADMIN, 4 * KB, RT_API, api_user_reset},
    {"GET", "/api/v1/users/:id/sessions", PERM_ADMIN, 0, RT_API, api_user_sessions},
    {"DELETE", "/api/v1/users/:id/sessions", PERM_ADMIN, 0, RT_API, api_user_sessions_end},
    {"GET", "/api/v1/account", PERM_LOGIN, 0, RT_API, api_account},
    {"POST", "/api/v1/account/password", PERM_LOGIN, 4 * KB, RT_API, api_account_password},
    {"GET", "/api/v1/account/tokens", PERM_LOGIN, 0, RT_API, api_account_tokens},
    {"POST", "/api/v1/account/tokens", PERM_LOGIN, 4 * KB, RT_API, api_account_token_create},
    {"DELETE", "/api/v1/account/tokens/:id", PERM_LOGIN, 0, RT_API, api_account_token_revoke},
    {"GET", "/api/v1/settings", PERM_ADMIN, 0, RT_API, api_settings},
    {"PUT", "/api/v1/settings", PERM_ADMIN, 4 * KB, RT_API, api_settings_put},
    {"GET", "/api/v1/names", PERM_ADMIN, 0, RT_API, api_names},
    {"POST", "/api/v1/names", PERM_ADMIN, 4 * KB, RT_API, api_names_put},
    {"GET", "/api/v1/audit/log", PERM_ADMIN, 0, RT_API, api_audit_log},
    /* the bulletin's staff side (ui_bulletin.c) */
    {"GET", "/moderation", PERM_WRITE, 0, 0, ui_moderation},
    {"POST", "/moderation", PERM_WRITE, FORM, 0, ui_moderation_apply},
    {"GET", "/articles/:id/preview", PERM_READ, 0, 0, ui_article_preview},
    {"POST", "/articles/from/:e/:id", PERM_WRITE, 4 * KB, RT_ENTITY, ui_article_from},
    /* periodic reports: the document on a page, its files (ui_report.c) */
    {"GET", "/reports/:id/document", PERM_READ, 0, 0, ui_report_document},
    {"GET", "/reports/:id/file", PERM_READ, 0, 0, ui_report_file},
    {"GET", "/:e", PERM_READ, 0, RT_ENTITY, ui_list},
    {"GET", "/:e/new", PERM_WRITE, 0, RT_ENTITY | RT_AG_CREATE, ui_new},
    {"GET", "/:e/import", PERM_WRITE, 0, RT_ENTITY, ui_import_form},
    {"POST", "/:e/import", PERM_WRITE, CSV_FILE + FORM, RT_ENTITY, ui_import},
    {"POST", "/:e", PERM_WRITE, FORM, RT_ENTITY | RT_AG_CREATE, ui_create},
    {"GET", "/:e/:id", PERM_READ, 0, RT_ENTITY, ui_show},
    {"GET", "/:e/:id/edit", PERM_WRITE, 0, RT_ENTITY | RT_AG_UPDATE, ui_edit},
    {"POST", "/:e/:id", PERM_WRITE, FORM, RT_ENTITY | RT_AG_UPDATE, ui_update},
    {"GET", "/:e/:id/delete", PERM_WRITE, 0, RT_ENTITY, ui_delete_confirm},
    {"POST", "/:e/:id/delete", PERM_WRITE, 4 * KB, RT_ENTITY, ui_delete},
    {"POST", "/:e/:id/restore", PERM_WRITE, 4 * KB, RT_ENTITY | RT_AG_UPDATE, ui_restore},
    /* workflow steps: the record type's own rules say which role may take which step */
    {"GET", "/:e/:id/step", PERM_READ, 0, RT_ENTITY, ui_step_form},
    {"POST", "/:e/:id/transition", PERM_READ, FORM, RT_ENTITY, ui_transition},
    /* progress of a commitment: its own agency or the department's writers (domain rule) */
    {"POST", "/commitments/:id/progress", PERM_READ, 8 * KB, 0, ui_progress},
    /* attached files: at most 20 MB (domain/attach.h) plus the form's framing */
    {"POST", "/:e/:id/attachments", PERM_WRITE, ATTACH + FORM, RT_ENTITY, ui_attach_upload},
    {"GET", "/attachments/:hash", PERM_READ, 0, 0, ui_attach_download},
    {"GET", "/:e/:id/attachments/:sub/delete", PERM_WRITE, 0, RT_ENTITY, ui_attach_delete_confirm},
    {"POST", "/:e/:id/attachments/:sub/delete", PERM_WRITE, 4 * KB, RT_ENTITY, ui_attach_delete},

    {"POST", "/api/v1/login", PERM_PUBLIC, 4 * KB, RT_API, api_login},
    {"POST", "/api/v1/logout", PERM_LOGIN, 0, RT_API, api_logout},
    {"GET", "/api/v1/notifications", PERM_LOGIN, 0, RT_API, api_notifications},
    {"POST", "/api/v1/notifications/read", PERM_LOGIN, 4 * KB, RT_API, api_notifications_read},
    {"GET", "/api/v1/openapi.json", PERM_PUBLIC, 0, RT_API, api_openapi},
    {"GET", "/api/v1/search", PERM_READ, 0, RT_API, api_search},
    {"GET", "/api/v1/audit", PERM_READ, 0, RT_API, api_audit},
    {"POST", "/api/v1/import/:e", PERM_WRITE, CSV_FILE, RT_API | RT_ENTITY, api_import},
    {"GET", "/api/v1/projects.iati.xml", PERM_READ, 0, RT_API, api_iati},
    {"GET", "/api/v1/reports/:id/file", PERM_READ, 0, RT_API, ui_report_file},
    {"GET", "/api/v1/:e.geojson", PERM_READ, 0, RT_API | RT_ENTITY, api_geojson},
    {"GET", "/api/v1/:e", PERM_READ, 0, RT_API | RT_ENTITY, api_list},
    {"POST", "/api/v1/:e", PERM_WRITE, FORM, RT_API | RT_ENTITY | RT_AG_CREATE, api_create},
    {"GET", "/api/v1/:e/:id", PERM_READ, 0, RT_API | RT_ENTITY, api_get},
    {"PUT", "/api/v1/:e/:id", PERM_WRITE, FORM, RT_API | RT_ENTITY | RT_AG_UPDATE, api_update},
    {"DELETE", "/api/v1/:e/:id", PERM_WRITE, 0, RT_API | RT_ENTITY, api_delete},
    {"POST", "/api/v1/:e/:id/transition", PERM_READ, FORM, RT_API | RT_ENTITY, api_transition},
    {"POST", "/api/v1/commitments/:id/progress", PERM_READ, 8 * KB, RT_API, api_progress},
    {"GET", "/api/v1/dashboard", PERM_READ, 0, RT_API, api_dashboard},
    {"GET", "/api/v1/calendar", PERM_READ, 0, RT_API, api_calendar},
    {"POST", "/api/v1/:e/:id/attachments", PERM_WRITE, ATTACH + FORM,
     RT_API | RT_ENTITY | RT_UPLOAD, api_attach_upload},
    {"GET", "/api/v1/:e/:id/attachments", PERM_READ, 0, RT_API | RT_ENTITY, api_attach_list},
    {"GET", "/api/v1/attachments/:hash", PERM_READ, 0, RT_API, api_attach_download},
    {"DELETE", "/api/v1/:e/:id/attachments/:sub", PERM_WRITE, 0, RT_API | RT_ENTITY,
     api_attach_delete},
    {NULL, NULL, PERM_NONE, 0, 0, NULL},
};
