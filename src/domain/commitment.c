/* Commitments (cam kết) that agreements, delegations and meetings produce, each assigned
 * to an agency with a deadline. Special to them: the department urges agencies, so an
 * overdue commitment (past its deadline and neither done nor dropped) is flagged; agency
 * users act only on their own agency's commitments; progress is reported as dated
 * updates (text and percent). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/clock.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "commitment.h"
#include "entities.h"

static const enum_opt sources[] = {
    {"agreement", "Thoả thuận hợp tác", "Agreement"},
    {"delegation", "Đoàn ra, đoàn vào", "Delegation"},
    {"meeting", "Hội đàm, cuộc họp", "Meeting"},
    {NULL, NULL, NULL},
};

static const enum_opt statuses[] = {
    {"open", "Chưa thực hiện", "Open"},
    {"in_progress", "Đang thực hiện", "In progress"},
    {"done", "Hoàn thành", "Done"},
    {"dropped", "Dừng thực hiện", "Dropped"},
    {NULL, NULL, NULL},
};

#define R(x) (1u << (x))
#define WRITERS (R(ROLE_OFFICER) | R(ROLE_LEADER) | R(ROLE_ADMIN))

/* Dropping a commitment is a leader's decision, with its reason, on a page of its own. */
static const transition steps[] = {
    {"open", "in_progress", WRITERS | R(ROLE_AGENCY), 0, NULL},
    {"open", "done", WRITERS | R(ROLE_AGENCY), 0, NULL},
    {"in_progress", "done", WRITERS | R(ROLE_AGENCY), 0, NULL},
    {"open", "dropped", R(ROLE_LEADER), T_CONFIRM | T_REASON, NULL},
    {"in_progress", "dropped", R(ROLE_LEADER), T_CONFIRM | T_REASON, NULL},
    {"done", "in_progress", WRITERS, 0, NULL}, /* reopened: the result did not hold */
    {"dropped", "open", R(ROLE_LEADER), 0, NULL},
    {NULL, NULL, 0, 0, NULL},
};

static const field commitment_fields[] = {
    {.name = "title",
     .type = FT_TEXT,
     .flags = F_REQUIRED | F_SEARCH | F_LIST | F_SORT | F_TITLE,
     .maxlen = 500,
     .vi = "Nội dung cam kết",
     .en = "Commitment"},
    {.name = "source",
     .type = FT_ENUM,
     .flags = F_REQUIRED | F_FILTER,
     .vi = "Nguồn",
     .en = "Source",
     .opts = sources},
    {.name = "agreement_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Thoả thuận",
     .en = "Agreement",
     .ref = "agreements"},
    {.name = "delegation_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Đoàn",
     .en = "Delegation",
     .ref = "delegations"},
    {.name = "meeting",
     .type = FT_TEXT,
     .flags = F_SEARCH,
     .maxlen = 300,
     .vi = "Cuộc họp, hội đàm",
     .en = "Meeting"},
    {.name = "meeting_id",
     .type = FT_REF,
     .flags = F_FILTER,
     .vi = "Cuộc tiếp xúc, làm việc",
     .en = "Contact or meeting",
     .ref = "meetings"},
    {.name = "partner_id",
     .type = FT_REF,
     .flags = F_LIST | F_FILTER,
     .vi = "Đối tác",
     .en = "Partner",
     .ref = "partners"},
    {.name = "country",
     .type = FT_COUNTRY,
     .flags = F_FILTER | F_SEARCH,
     .maxlen = 2,
     .vi = "Quốc gia đối tác",
     .en = "Partner country"},
    {.name = "agency_id",
     .type = FT_REF,
     .flags = F_REQUIRED | F_LIST | F_FILTER,
     .vi = "Cơ quan chủ trì",
     .en = "Responsible agency",
     .ref = "agencies"},
    {.name = "deadline",
     .type = FT_DATE,
     .flags = F_REQUIRED | F_LIST | F_FILTER | F_SORT,
     .vi = "Thời hạn",
     .en = "Deadline"},
    {.name = "status",
     .type = FT_ENUM,
     .flags = F_READONLY | F_LIST | F_FILTER,
     .vi = "Trạng thái",
     .en = "Status",
     .opts = statuses,
     .initial = "open"},
    {.name = "percent",
     .type = FT_NUMBER,
     .flags = F_READONLY | F_LIST,
     .vi = "Tiến độ (%)",
     .en = "Progress (%)",
     .initial = "0"},
    {.name = "notes",
     .type = FT_LONGTEXT,
     .flags = F_SEARCH,
     .maxlen = 5000,
     .vi = "Ghi chú",
     .en = "Notes"},
};

/* Where a commitment comes from must be named: the agreement, the delegation or the
 * meeting. */
static void commitment_check(const entity *e, const record *r, verrs *errs)
{
    (void)e;
    const char *src = record_get(r, "source");
    if (src && !strcmp(src, "delegation") && !record_get(r, "delegation_id"))
        verrs_add(errs, "delegation_id", M_REQUIRED, 0);
    if (src && !strcmp(src, "agreement") && !record_get(r, "agreement_id"))
        verrs_add(errs, "agreement_id", M_REQUIRED, 0);
    /* a meeting named, or one of the recorded contacts and meetings */
    if (src && !strcmp(src, "meeting") && !record_get(r, "meeting") && !record_get(r, "meeting_id"))
        verrs_add(errs, "meeting", M_REQUIRED, 0);
}

static void commitment_step(const entity *e, record *r, const char *to, const char *today,
                            verrs *errs)
{
    (void)today, (void)errs;
    if (!strcmp(to, "done")) r->v[entity_field_index(e, "percent")] = "100";
}

/* The states of a commitment still to be carried out: neither done nor dropped. The
 * record rule and the list filter below are the two faces of this one list. */
static const char PENDING_STATES[] = "open,in_progress";

bool commitment_pending(const record *r)
{
    const char *status = record_get(r, "status");
    return status && (!strcmp(status, "open") || !strcmp(status, "in_progress"));
}

bool commitment_pending_filter(const entity *e, list_query *q)
{
    if (q->nf + 1 > LIST_FILTERS_MAX) return false;
    q->f[q->nf++] = (list_filter){entity_field_index(e, "status"), PENDING_STATES, 'i'};
    return true;
}

bool commitment_overdue(const record *r, const char *today)
{
    const char *deadline = record_get(r, "deadline");
    return commitment_pending(r) && deadline && strcmp(deadline, today) < 0;
}

bool commitment_overdue_filter(const entity *e, const char *today, list_query *q)
{
    /* the same rule as commitment_overdue: pending, deadline before today (at most the
     * day before) */
    if (q->nf + 2 > LIST_FILTERS_MAX || !clock_day_shift(today, -1, q->scratch[0])) return false;
    commitment_pending_filter(e, q);
    q->f[q->nf++] = (list_filter){entity_field_index(e, "deadline"), q->scratch[0], '<'};
    return true;
}

static int commitment_warning(const record *r, const char *today)
{
    return commitment_overdue(r, today) ? M_OVERDUE : -1;
}

const entity commitment_entity = {
    .name = "commitment",
    .table = "commitments",
    .code = 5,
    .vi = "Cam kết",
    .en = "Commitment",
    .plural_vi = "Cam kết, đôn đốc",
    .plural_en = "Commitments",
    .fields = commitment_fields,
    .nfields = sizeof commitment_fields / sizeof commitment_fields[0],
    .check = commitment_check,
    .status_field = "status",
    .transitions = steps,
    .on_transition = commitment_step,
    .warning = commitment_warning,
    .agency_field = "agency_id",
};

rstatus commitment_progress(ctx *x, long long id, const char *date, const char *text,
                            const char *percent, verrs *ve, record *out)
{
    if (!role_can(x->role, PERM_WRITE) && x->role != ROLE_AGENCY) return RS_FORBIDDEN;
    /* the commitment first (an unknown or deleted one is 404, another agency's 403, whatever
     * the report says); the transaction below reads it again */
    rstatus rs = rec_get(x, &commitment_entity, id, out);
    if (rs) return rs;
    if (!rec_may_act(x, out)) return RS_FORBIDDEN;
    char today[11];
    clock_today(today);
    const char *d = date && *date ? parse_date(x->a, date) : arena_strdup(x->a, today);
    if (!d)
        verrs_add(ve, "date", M_BAD_DATE, 0);
    else if (strcmp(d, today) > 0)
        verrs_add(ve, "date", M_FUTURE_DATE, 0);
    const char *t = NULL;
    unsigned bad = 0;
    if (!text || !utf8_valid(text, strlen(text))) {
        verrs_add(ve, "text", text ? M_BAD_UTF8 : M_REQUIRED, 0);
    } else if ((bad = text_controls(x->a, text, &text))) {
        verrs_add(ve, "text", M_CONTROL_CHAR, bad);
    } else {
        char *tt = text_trim(arena_strdup(x->a, text));
        if (!*tt)
            verrs_add(ve, "text", M_REQUIRED, 0);
        else if (utf8_chars(tt) > 2000)
            verrs_add(ve, "text", M_TOO_LONG, 2000);
        else
            t = text_nfc(x->a, tt);
    }
    char *end = NULL;
    long pc = percent && *percent ? strtol(percent, &end, 10) : -1;
    if (!percent || !*percent || *end || pc < 0 || pc > 100)
        verrs_add(ve, "percent", M_BAD_PERCENT, 0);
    if (ve->n) return RS_INVALID;
    if (store_begin(x->c)) return RS_ERROR;
    int rc = st_rec_get(x->c, x->a, &commitment_entity, id, out);
    if (rc) {
        store_rollback(x->c);
        return rc == ST_NOTFOUND ? RS_NOTFOUND : RS_ERROR;
    }
    if (!rec_may_act(x, out)) {
        store_rollback(x->c);
        return RS_FORBIDDEN;
    }
    json_t *oj = rec_to_json(out);
    out->v[entity_field_index(&commitment_entity, "percent")] = arena_printf(x->a, "%ld", pc);
    char now[32];
    clock_iso_now(now);
    long long pid;
    rc = st_progress_add(x->c, id, d, t, (int)pc, x->user_id, x->username, now, &pid);
    if (!rc) rc = st_rec_update(x->c, out, now);
    out->version++;
    json_t *nj = rec_to_json(out);
    json_object_set_new(nj, "progress",
                        json_pack("{s:s,s:s,s:i}", "date", d, "text", t, "percent", (int)pc));
    char *os = json_dumps(oj, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15)),
         *ns = json_dumps(nj, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
    json_decref(oj);
    json_decref(nj);
    if (!rc)
        rc = st_audit_add(x->c, x->user_id, x->username, "commitment", id, "update", os, ns, now);
    free(os);
    free(ns);
    if (rc || store_commit(x->c)) {
        store_rollback(x->c);
        return RS_ERROR;
    }
    return RS_OK;
}
