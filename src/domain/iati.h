/* The projects as an IATI 2.03 activities document (iati.c): the department as the
 * reporting organisation (the province profile's IATI identifier), each project approved,
 * running or closed an activity. Written as it is read, a page of projects at a time, into
 * a file; checked against the IATI core rules on the way and validated whole by libxml2
 * against the IATI schemas (compiled in) before anyone is given it. */
#ifndef NGV_IATI_H
#define NGV_IATI_H
#include <stdio.h>

#include "records.h"

/* What is wrong, when the document cannot be given: the activity (its identifier and
 * title; empty for the document as a whole) and the rule, in the context's language. */
typedef struct {
    char activity[600];
    char rule[600];
} iati_problem;

/* Writes the selected projects (q's filters and search words; the stages approved, running
 * and closed are always required) into out. 0 with *count activities, or -1 with pb:
 * a project breaks a core rule, or the schema refuses the document (its first error, on
 * the activity it is in), or there is no activity (the schema needs one), or the database
 * failed (then -2, pb->rule saying so). x: who asks (any reader); its language is pb's. */
int iati_export(ctx *x, const list_query *q, FILE *out, long long *count, iati_problem *pb);
/* Validates the file at path against the IATI activities schema; 0, or -1 with the first
 * error in pb->rule (line and message) — the check iati_export makes, for tests. */
int iati_validate_file(const char *path, iati_problem *pb);
#endif
