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

/* A gate plan's milestones, by target date (ui_gate.c). */
void gate_plan_panel(req *r, const record *rec);
void ui_progress(req *r);  /* POST /commitments/:id/progress (form: date, text, percent) */
void api_progress(req *r); /* POST /api/v1/commitments/:id/progress {"date","text","percent"} */
#endif
