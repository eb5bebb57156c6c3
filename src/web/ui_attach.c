/* Attached files on pages and in the API: the panel of a record's files with its upload
 * form, the upload (multipart, field "file"), the download. Rules in domain/attach.c. */
#include <stdlib.h>
#include <string.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../domain/attach.h"
#include "../domain/entities.h"
#include "../domain/records.h"
#include "attachments.h"
#include "routes.h"

static kv *file_field(req *r)
{
    for (kv *k = r->form; k; k = k->next)
        if (!strcmp(k->key, "file")) return k;
    return NULL;
}

static void panel(req *r, const record *rec, const verrs *ve)
{
    const entity *e = rec->e;
    buf *o = &r->out;
    html_printf(o, "<section class=\"attachments\"><h2>%s</h2>", T(r, M_ATTACHMENTS));
    attach_row *a;
    int n = 0;
    st_attach_list(r->c, &r->a, e->name, rec->id, &a, &n);
    if (!n) html_printf(o, "<p class=\"empty\">%s</p>", T(r, M_ATTACH_NONE));
    html_printf(o, "<ul class=\"results\">");
    bool writer = role_can(r->x.role, PERM_WRITE);
    for (int i = 0; i < n; i++) {
        char when[32];
        html_printf(o, "<li><a href=\"/attachments/%s\">%s</a> <small>%s · %D KB · %s · %s</small>",
                    a[i].sha256, a[i].name, a[i].mime, (a[i].size + 1023) / 1024, a[i].username,
                    clock_local(a[i].at, when));
        if (writer)
            html_printf(o, " <a class=\"remove\" href=\"/%s/%D/attachments/%D/delete\">%s</a>",
                        e->table, rec->id, a[i].id, T(r, M_ATTACH_REMOVE));
        html_printf(o, "</li>");
    }
    html_printf(o, "</ul>");
    if (role_can(r->x.role, PERM_WRITE)) {
        html_printf(o,
                    "<form method=\"post\" action=\"/%s/%D/attachments\" "
                    "enctype=\"multipart/form-data\" class=\"steps\"><input type=\"hidden\" "
                    "name=\"csrf\" value=\"%s\"><label>%s<input type=\"file\" name=\"file\" "
                    "accept=\"application/pdf,image/png,image/jpeg\" required></label>"
                    "<button type=\"submit\" class=\"primary\">%s</button></form><p "
                    "class=\"legend\">%s</p>",
                    e->table, rec->id, r->csrf, T(r, M_ATTACH_ADD), T(r, M_ATTACH_ADD),
                    T(r, M_ATTACH_RULES));
        for (int i = 0; ve && i < ve->n; i++)
            html_printf(o, "<p class=\"ferr\" role=\"alert\">%s</p>", T(r, ve->e[i].msg));
    }
    html_printf(o, "</section>\n");
}

void attach_panel(req *r, const record *rec)
{
    if (rec->e->attachments) panel(r, rec, NULL);
}

void ui_attach_upload(req *r)
{
    kv *f = file_field(r);
    attach_row out;
    verrs ve = {0};
    rstatus rs = attach_add(&r->x, r->ent, r->id, f ? f->filename : NULL, f ? f->val : NULL,
                            f ? f->len : 0, &ve, &out);
    if (rs == RS_OK) {
        redirect(r, arena_printf(&r->a, "/%s/%lld?saved=1", r->ent->table, r->id));
        return;
    }
    record rec;
    if (rs == RS_INVALID && rec_get(&r->x, r->ent, r->id, &rec) == RS_OK) {
        r->status = 422;
        page_begin(r, T(r, M_ATTACHMENTS));
        html_printf(&r->out, "<h1>%s</h1>", rec.v[entity_title_index(r->ent)]);
        panel(r, &rec, &ve);
        html_printf(&r->out, "<p><a href=\"/%s/%D\">%s</a></p>", r->ent->table, r->id,
                    T(r, M_BACK));
        page_end(r);
        return;
    }
    page_error(r,
               rs == RS_NOTFOUND    ? 404
               : rs == RS_FORBIDDEN ? 403
                                    : 500,
               rs == RS_NOTFOUND    ? M_NOT_FOUND
               : rs == RS_FORBIDDEN ? M_FORBIDDEN
                                    : M_INTERNAL);
}

/* The file as a download; its name both as plain ASCII and as UTF-8 (RFC 6266). */
static void send_file(req *r, const attach_row *a)
{
    r->ctype = arena_strdup(&r->a, a->mime);
    buf ascii = {0}, enc = {0};
    for (const unsigned char *p = (const unsigned char *)a->name; *p; p++)
        buf_putc(&ascii, *p < 0x80 && *p != '"' && *p != '\\' ? (char)*p : '_');
    html_urlenc(&enc, a->name);
    add_header(r, "Content-Disposition",
               arena_printf(&r->a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
                            buf_cstr(&ascii), buf_cstr(&enc)));
    /* a signed agreement's scan must not stay in a shared machine's browser cache: the
     * dispatcher's default for every answer, no-store, applies (nothing set here) */
    buf_free(&ascii);
    buf_free(&enc);
}

void ui_attach_download(req *r)
{
    attach_row a;
    rstatus rs = attach_get(&r->x, r->hash, &a, &r->out);
    if (rs == RS_OK) {
        send_file(r, &a);
        return;
    }
    buf_reset(&r->out);
    page_rstatus(r, rs);
}

void api_attach_upload(req *r)
{
    kv *f = file_field(r);
    attach_row out;
    verrs ve = {0};
    rstatus rs = attach_add(&r->x, r->ent, r->id, f ? f->filename : NULL, f ? f->val : NULL,
                            f ? f->len : 0, &ve, &out);
    if (rs == RS_OK) {
        reply_json(r, 201,
                   json_pack("{s:I,s:s,s:s,s:s,s:I,s:s}", "id", (json_int_t)out.id, "sha256",
                             out.sha256, "name", out.name, "type", out.mime, "size",
                             (json_int_t)out.size, "url",
                             arena_printf(&r->a, "/api/v1/attachments/%s", out.sha256)));
    } else if (rs == RS_INVALID) {
        reply_error(r, 422, M_INVALID, &ve);
    } else {
        reply_rstatus(r, rs, 0);
    }
}

void api_attach_download(req *r)
{
    attach_row a;
    rstatus rs = attach_get(&r->x, r->hash, &a, &r->out);
    if (rs == RS_OK) {
        send_file(r, &a);
        return;
    }
    buf_reset(&r->out);
    reply_rstatus(r, rs, 0);
}

void api_attach_list(req *r)
{
    record rec;
    rstatus rs = rec_get(&r->x, r->ent, r->id, &rec);
    if (rs != RS_OK || !r->ent->attachments) {
        reply_rstatus(r, rs == RS_OK ? RS_NOTFOUND : rs, 0);
        return;
    }
    attach_row *a;
    int n = 0;
    st_attach_list(r->c, &r->a, r->ent->name, r->id, &a, &n);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            items, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)a[i].id,
                             "sha256", a[i].sha256, "name", a[i].name, "type", a[i].mime, "size",
                             (json_int_t)a[i].size, "by", a[i].username, "at", a[i].at, "url",
                             arena_printf(&r->a, "/api/v1/attachments/%s", a[i].sha256)));
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The attachment a page or call names by id: its row, or NULL with the answer written. */
static bool one_attachment(req *r, attach_row *a)
{
    /* of the record the address names, which this user may read */
    int rc = st_attach_get(r->c, &r->a, r->sub, a);
    const entity *e = rc == ST_OK ? entity_by_name(a->entity) : NULL;
    record rec;
    if (!e || e != r->ent || a->rid != r->id || rec_get(&r->x, e, a->rid, &rec) != RS_OK) {
        if (r->rt->flags & RT_API)
            reply_error(r, 404, M_NOT_FOUND, NULL);
        else
            page_error(r, 404, M_NOT_FOUND);
        return false;
    }
    return true;
}

void ui_attach_delete_confirm(req *r)
{
    attach_row a;
    if (!one_attachment(r, &a)) return;
    const entity *e = entity_by_name(a.entity);
    page_begin(r, T(r, M_ATTACH_REMOVE_Q));
    html_printf(
        &r->out,
        "<h1>%s</h1><p><b>%s</b> <small>%s · %D KB</small></p><p>%s</p>"
        "<form method=\"post\" action=\"/%s/%D/attachments/%D/delete\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"%s\"><div class=\"buttons\"><button type=\"submit\" "
        "class=\"danger\">%s</button> <a class=\"button\" href=\"/%s/%D\">%s</a></div></form>",
        T(r, M_ATTACH_REMOVE_Q), a.name, a.mime, (a.size + 1023) / 1024, T(r, M_ATTACH_REMOVE_HELP),
        e->table, a.rid, a.id, r->csrf, T(r, M_ATTACH_REMOVE), e->table, a.rid, T(r, M_BACK));
    page_end(r);
}

void ui_attach_delete(req *r)
{
    attach_row a;
    if (!one_attachment(r, &a)) return;
    rstatus rs = attach_delete(&r->x, r->sub, &a);
    if (rs != RS_OK) {
        page_rstatus(r, rs);
        return;
    }
    const entity *e = entity_by_name(a.entity);
    redirect(r, arena_printf(&r->a, "/%s/%lld?saved=1", e ? e->table : "", a.rid));
}

void api_attach_delete(req *r)
{
    attach_row a;
    if (!one_attachment(r, &a)) return;
    rstatus rs = attach_delete(&r->x, r->sub, &a);
    if (rs != RS_OK) {
        reply_rstatus(r, rs, 0);
        return;
    }
    r->status = 204;
    r->ctype = "application/json";
}
