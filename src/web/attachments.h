/* Attached files on pages and in the API (ui_attach.c). */
#ifndef NGV_ATTACHMENTS_H
#define NGV_ATTACHMENTS_H
#include "http.h"

void attach_panel(req *r, const record *rec); /* on the detail page of types with files */
void ui_attach_upload(req *r);                /* POST /:e/:id/attachments (multipart: file, csrf) */
void ui_attach_download(req *r);              /* GET /attachments/:hash */
void ui_attach_delete_confirm(req *r);        /* GET /:e/:id/attachments/:sub/delete */
void ui_attach_delete(req *r);                /* POST /:e/:id/attachments/:sub/delete */
void api_attach_delete(req *r);               /* DELETE /api/v1/:e/:id/attachments/:sub */
void api_attach_upload(req *r);   /* POST /api/v1/:e/:id/attachments (multipart: file) */
void api_attach_list(req *r);     /* GET /api/v1/:e/:id/attachments */
void api_attach_download(req *r); /* GET /api/v1/attachments/:hash */
#endif
