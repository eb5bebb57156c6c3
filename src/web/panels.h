/* Extra sections a record type adds to its detail page (ui_commitment.c, ...), and the
 * handlers behind them. The generic pages call the panel of the record's type. */
#ifndef NGV_PANELS_H
#define NGV_PANELS_H
#include "http.h"

typedef struct {
    const entity *e;
    void (*panel)(req *r, const record *rec);
} area_panel;
extern const area_panel ngv_panels[]; /* terminated by {NULL} */

/* The records of other types a record's page lists (entity.children), with the badges
 * their lists give them, and a link to add one for those who may (ui_children.c);
 * children_lists says whether e's page lists those of type oe referring to it by ref. */
void children_panels(req *r, const record *rec);
bool children_lists(const entity *e, const entity *oe, const char *ref);
/* The other revisions of the figure a record reports (entity.revision_key), the latest
 * first, the one on screen marked; nothing when it is the only one. */
void revisions_panel(req *r, const record *rec);
/* ui_report.c: a periodic report's document and files */
void report_panel(req *r, const record *rec);
void ui_report_document(req *r); /* GET /reports/:id/document */
void ui_report_file(req *r);     /* GET /reports/:id/file?format=, and the API's */
/* ui_bulletin.c: the bulletin's staff side */
void article_panel(req *r, const record *rec);
void article_source_panel(req *r, const record *rec); /* start an article from this record */
void ui_article_preview(req *r);                      /* GET /articles/:id/preview */
void ui_article_from(req *r);                         /* POST /articles/from/:e/:id */
void ui_moderation(req *r);                           /* GET /moderation?status= */
void ui_moderation_apply(req *r);                     /* POST /moderation */
void ui_progress(req *r);  /* POST /commitments/:id/progress (form: date, text, percent) */
void api_progress(req *r); /* POST /api/v1/commitments/:id/progress {"date","text","percent"} */
#endif
