/* Workflow steps on pages and in the API (ui_workflow.c). */
#ifndef NGV_WORKFLOW_H
#define NGV_WORKFLOW_H
#include "http.h"

/* The record's state, its warning, the steps this user may take, and the steps taken. */
void workflow_panel(req *r, const record *rec);
void ui_step_form(req *r);   /* GET /:e/:id/step?to=STATE: a step that asks to confirm */
void ui_transition(req *r);  /* POST /:e/:id/transition (form: to, note, the step's field, csrf) */
void api_transition(req *r); /* POST /api/v1/:e/:id/transition {"to","note", the step's field} */
#endif
