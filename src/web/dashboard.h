/* The dashboard's figures, shared by the first page and GET /api/v1/dashboard. */
#ifndef NGV_DASHBOARD_H
#define NGV_DASHBOARD_H
#include "http.h"

enum { INC_CATS = 20, INC_PERIODS = 4 }; /* INC_PERIODS - 1: open, any date */
enum { AID_CODES = 6 };

typedef struct {
    const char *today;
    long long overdue, late, upcoming, expiring, pending;    /* pending: proposals to approve */
    const char *overdue_query, *late_query, *upcoming_query; /* the lists behind them */
    group_count *by_agency;                                  /* overdue commitments per agency id */
    int nby_agency;
    record *next; /* the first delegations of the next 30 days */
    int nnext;
    record *proposals; /* the first proposals waiting for a leader, soonest first */
    int nproposals;
    long long behind;     /* gate plans behind schedule */
    record *behind_plans; /* the first of them, the latest first */
    int nbehind;
    long long year[2][2]; /* [this year, last year][outbound, inbound] delegations */
    int year_no[2];
    /* border incidents per category (the first INC_CATS by name) and period: this quarter,
     * this year, last year, and those still being handled; the periods' first and last days */
    record *cats;
    int ncats;
    long long inc[INC_CATS][INC_PERIODS], inc_total[INC_PERIODS];
    const char *inc_from[INC_PERIODS], *inc_to[INC_PERIODS];
    long long markers_attention, markers_overdue; /* the markers' flags (marker.c) */
    /* projects past a deadline, per code of their derived value (stalled, appraisal, notify,
     * unused, annual, closing: project.c), and NGO certificates expiring or whose plan is
     * overdue (ngo.c) */
    long long aid[AID_CODES], aid_procedure; /* aid_procedure: all but stalled */
    long long ngo_expiring, ngo_plan_late;
} dashboard;

extern const char *const aid_codes[]; /* AID_CODES of them */

void dashboard_figures(req *r, dashboard *d);
/* Days from a plan's earliest target not done to today (0: none). */
long long gate_plan_days_late(const record *plan, const char *today);
void api_dashboard(req *r);
#endif
