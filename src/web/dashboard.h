/* The dashboard's figures, shared by the first page and GET /api/v1/dashboard. */
#ifndef NGV_DASHBOARD_H
#define NGV_DASHBOARD_H
#include "http.h"

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
    long long year[2][2]; /* [this year, last year][outbound, inbound] delegations */
    int year_no[2];
} dashboard;

void dashboard_figures(req *r, dashboard *d);
void api_dashboard(req *r);
#endif
