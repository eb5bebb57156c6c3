#include "entities.h"

#include <stdio.h>
#include <string.h>

#include "ftypes.h"
#include "bulletin.h"
#include "report.h"

/* in menu order, one a line */
/* clang-format off */
const entity *const ngv_entities[] = {
    &delegation_entity,
    &agreement_entity,
    &commitment_entity,
    &gate_entity,
    &gate_plan_entity,
    &gate_milestone_entity,
    &gate_plan_update_entity,
    &trade_report_entity,
    &border_section_entity,
    &marker_entity,
    &marker_inspection_entity,
    &incident_entity,
    &incident_action_entity,
    &incident_category_entity,
    &project_entity,
    &project_partner_entity,
    &project_sector_entity,
    &project_amount_entity,
    &meeting_entity,
    &ngo_certificate_entity,
    &scholarship_quota_entity,
    &scholarship_award_entity,
    &programme_entity,
    &programme_target_entity,
    &programme_value_entity,
    &report_entity,
    &article_entity,
    &comment_entity,
    &bulletin_issue_entity,
    &bulletin_category_entity,
    &holiday_entity,
    &admin_unit_entity,
    &partner_entity,
    &contact_entity,
    &agency_entity,
    NULL,
};
/* clang-format on */

const entity *entity_by_table(const char *table)
{
    for (int i = 0; table && ngv_entities[i]; i++)
        if (strcmp(ngv_entities[i]->table, table) == 0) return ngv_entities[i];
    return NULL;
}

const entity *entity_by_name(const char *name)
{
    for (int i = 0; name && ngv_entities[i]; i++)
        if (strcmp(ngv_entities[i]->name, name) == 0) return ngv_entities[i];
    return NULL;
}

const entity *entity_by_code(int code)
{
    for (int i = 0; ngv_entities[i]; i++)
        if (ngv_entities[i]->code == code) return ngv_entities[i];
    return NULL;
}

/* ---- the descriptions checked at start (entities_check), as the route table is: a
 * description that names a field it does not have would otherwise fail on the first page
 * or step that uses it. */

static const field *field_named(const entity *e, const char *name)
{
    int i = name ? entity_field_index(e, name) : -1;
    return i >= 0 ? &e->fields[i] : NULL;
}

static bool has_opt(const field *f, const char *code)
{
    return f && code && field_opt(f, code) != NULL;
}

int entity_check(const entity *e, const entity *const *all, char *err, size_t errlen)
{
#define BAD(...)                                                                                   \
    do {                                                                                           \
        int n_ = snprintf(err, errlen, "record type %s: ", e->name ? e->name : "?");               \
        snprintf(err + (n_ > 0 && (size_t)n_ < errlen ? n_ : 0),                                   \
                 errlen - (n_ > 0 && (size_t)n_ < errlen ? (size_t)n_ : 0), __VA_ARGS__);          \
        return -1;                                                                                 \
    } while (0)
    if (!e->name || !e->table || !e->vi || !e->en) BAD("a name, table or label is missing");
    if (e->code < 1) BAD("search code %d is not 1 or more", e->code);
    if (!e->fields || e->nfields < 1) BAD("no fields");
    int titles = 0;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!f->name || !f->vi || !f->en) BAD("field %d has no name or label", i);
        for (int j = 0; j < i; j++)
            if (!strcmp(e->fields[j].name, f->name)) BAD("field %s twice", f->name);
        if (f->flags & F_TITLE) titles++;
        if ((unsigned)f->type >= FT_COUNT)
            BAD("field %s: type %d is not in the type table", f->name, f->type);
        if ((ftype_of(f)->props & FTP_OPTIONS) && (!f->opts || !f->opts[0].code))
            BAD("field %s: a choice without options", f->name);
        if (ftype_of(f)->props & FTP_REFERS) {
            bool found = false;
            for (int k = 0; all[k]; k++)
                found = found || (f->ref && !strcmp(all[k]->table, f->ref));
            if (!found)
                BAD("field %s refers to %s, which is no record type", f->name,
                    f->ref ? f->ref : "nothing");
        }
        if (f->type == FT_SUBDIV) {
            const field *c = field_named(e, f->country);
            if (!c || c->type != FT_COUNTRY)
                BAD("field %s: its country field %s is not a country", f->name,
                    f->country ? f->country : "(none)");
        }
        if (f->initial && f->type == FT_ENUM && !has_opt(f, f->initial))
            BAD("field %s starts as %s, which is not one of its options", f->name, f->initial);
        if (f->summary) { /* the other type, its reference here, the fields it reads */
            const field_summary *m = f->summary;
            const entity *o = NULL;
            for (int k = 0; all[k]; k++)
                if (m->of && !strcmp(all[k]->table, m->of)) o = all[k];
            const field *r = o ? field_named(o, m->ref) : NULL;
            bool least = m->min && field_named(o, m->min) &&
                         (!m->unless || field_named(o, m->unless)) && !m->take && !m->sum,
                 latest = !m->min && m->take && field_named(o, m->take) && m->latest &&
                          field_named(o, m->latest) && !m->count && !m->sum,
                 count = !m->min && !m->take && m->count && field_named(o, m->count) &&
                         f->type == FT_NUMBER && (!m->minus || field_named(e, m->minus)),
                 sum = !m->min && !m->take && !m->count && m->sum && field_named(o, m->sum) &&
                       field_named(o, m->sum)->type == FT_NUMBER && f->type == FT_NUMBER;
            if (!(f->flags & F_READONLY) || !o || !r || r->type != FT_REF ||
                strcmp(r->ref, e->table) || !(least || latest || count || sum))
                BAD("field %s: a summary of %s that is not a read-only field over a type "
                    "referring here with the fields it names",
                    f->name, m->of ? m->of : "(none)");
        }
    }
    if (titles != 1) BAD("%d title fields (F_TITLE), not one", titles);
    if (e->status_field || e->transitions) {
        const field *s = field_named(e, e->status_field);
        if (!s || s->type != FT_ENUM || !(s->flags & F_READONLY) || !s->initial)
            BAD("status field %s is not a read-only choice with an initial state",
                e->status_field ? e->status_field : "(none)");
        for (const transition *t = e->transitions; t && t->to; t++) {
            if (!has_opt(s, t->from) || !has_opt(s, t->to))
                BAD("step %s -> %s: not states of %s", t->from ? t->from : "?", t->to,
                    e->status_field);
            if (t->field && !field_named(e, t->field))
                BAD("step %s -> %s takes field %s, which it does not have", t->from, t->to,
                    t->field);
        }
    }
    if (e->reapprove) {
        const field *s = field_named(e, e->status_field);
        if (!has_opt(s, e->reapprove->state) || !has_opt(s, e->reapprove->back_to))
            BAD("re-approval: %s -> %s are not states of its status field",
                e->reapprove->state ? e->reapprove->state : "?",
                e->reapprove->back_to ? e->reapprove->back_to : "?");
        for (const char *const *n = e->reapprove->fields; n && *n; n++)
            if (!field_named(e, *n)) BAD("re-approval names field %s, which it does not have", *n);
    }
    if (e->agency_field) { /* to agencies, or to a type whose own rule is to agencies */
        const field *a = field_named(e, e->agency_field);
        const entity *via = NULL;
        for (int k = 0; a && a->ref && all[k]; k++)
            if (!strcmp(all[k]->table, a->ref)) via = all[k];
        const field *va = via && via->agency_field ? field_named(via, via->agency_field) : NULL;
        bool direct = a && a->type == FT_REF && a->ref && !strcmp(a->ref, "agencies");
        bool through = a && a->type == FT_REF && va && va->type == FT_REF && va->ref &&
                       !strcmp(va->ref, "agencies");
        if (!direct && !through)
            BAD("agency field %s is not a reference to agencies, nor to a type with one",
                e->agency_field);
    }
    if ((e->agency_writes || e->agency_edit) && !e->agency_field)
        BAD("agencies may write it, but it has no agency field");
    for (const char *const *n = e->agency_edit; n && *n; n++)
        if (!field_named(e, *n)) BAD("agencies may change field %s, which it does not have", *n);
    if (e->revision_key) { /* keys, a required date to order by, its two fields */
        for (const char *const *k = e->revision_key; *k; k++) /* always set: required, */
            if (!field_named(e, *k)) /* or by the type's check and compute (a period's end) */
                BAD("revisions are told apart by %s, which is no field", *k);
        const field *o = field_named(e, e->revision_order), *n = field_named(e, "revision"),
                    *l = field_named(e, "latest");
        if (!o || o->type != FT_DATE || !(o->flags & F_REQUIRED) || !n || n->type != FT_NUMBER ||
            !(n->flags & F_READONLY) || !l || l->type != FT_BOOL || !(l->flags & F_READONLY))
            BAD("revisions need a required date to order them and read-only fields revision "
                "(a number) and latest (yes or no)");
    }
    for (const child_list *c = e->children; c && c->of; c++) {
        const entity *o = NULL;
        for (int k = 0; all[k]; k++)
            if (!strcmp(all[k]->table, c->of)) o = all[k];
        const field *rf = o ? field_named(o, c->ref) : NULL;
        if (!rf || rf->type != FT_REF || strcmp(rf->ref, e->table) || !field_named(o, c->sort))
            BAD("its page lists %s, which do not refer to it by %s or have no field %s", c->of,
                c->ref ? c->ref : "?", c->sort ? c->sort : "?");
        for (const char *const *n = c->cols; n && *n; n++)
            if (!field_named(o, *n))
                BAD("its page lists %s with field %s, which they lack", c->of, *n);
    }
    if (e->geo_lat || e->geo_lon) {
        const field *la = field_named(e, e->geo_lat), *lo = field_named(e, e->geo_lon);
        if (!la || !lo || la->type != FT_NUMBER || lo->type != FT_NUMBER)
            BAD("its point is not two number fields %s, %s", e->geo_lat ? e->geo_lat : "?",
                e->geo_lon ? e->geo_lon : "?");
    }
    if (e->seed) {
        int n = 0;
        for (const char *const *k = e->seed_fields; k && *k; k++, n++)
            if (n >= SEED_FIELDS_MAX || !field_named(e, *k))
                BAD("its first records name field %s, which it does not have (or too many)", *k);
        if (!n) BAD("its first records name no fields");
    }
    if (e->derived && (!e->derived->name || field_named(e, e->derived->name)))
        BAD("derived value %s has no name of its own",
            e->derived->name ? e->derived->name : "(none)");
#undef BAD
    return 0;
}

int entities_check(char *err, size_t errlen)
{
    for (int k = 0; ngv_entities[k]; k++) {
        const entity *e = ngv_entities[k];
        if (entity_check(e, ngv_entities, err, errlen) != 0) return -1;
        for (int j = 0; j < k; j++) {
            const entity *o = ngv_entities[j];
            if (!strcmp(o->name, e->name) || !strcmp(o->table, e->table) || o->code == e->code) {
                snprintf(err, errlen, "record types %s and %s share a name, table or search code",
                         o->name, e->name);
                return -1;
            }
        }
    }
    return 0;
}
