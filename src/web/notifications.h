/* Each user's notices (domain/remind.h) on the web: the link with the unread count in
 * every page's top bar, the page, and the API. */
#ifndef NGV_NOTIFICATIONS_H
#define NGV_NOTIFICATIONS_H
#include "http.h"

/* The top bar's "Thông báo (N)" link (a signed-in page); runs the lazy sweep first. */
void notifications_bell(req *r);
/* GET /notifications: newest first, unread ones marked, paged (?offset=). */
void ui_notifications(req *r);
/* POST /notifications/read: the notice "id", or every one when there is none. */
void ui_notifications_read(req *r);
/* GET /api/v1/notifications?limit=&offset=: {"items", "unread", "total", "limit",
 * "offset"}. */
void api_notifications(req *r);
/* POST /api/v1/notifications/read with {"id": N} or {} (every one): {"marked", "unread"}. */
void api_notifications_read(req *r);
#endif
