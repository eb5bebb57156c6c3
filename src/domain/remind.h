/* Reminders: each user's list of notices, and a daily e-mail digest of them.
 *
 * A notice tells one user about one record: a commitment assigned to their agency
 * ("assigned"), a deadline within REMIND_DUE_DAYS ("due_soon"), a deadline passed
 * ("overdue"), a delegation's results report late ("report_late"), a delegation proposed
 * and waiting for approval ("to_approve"), a gate milestone past its target date and not
 * done ("milestone_late"). Who gets what:
 *   assigned              the users of the commitment's agency
 *   due_soon, overdue     the users of the commitment's agency, officers and leaders
 *   report_late           officers and leaders
 *   to_approve            leaders
 *   milestone_late        the users of the milestone's agency, officers and leaders
 * A notice ends by itself when its cause does (the commitment done or dropped or given to
 * another agency, its deadline moved, the report filed, the proposal decided): the sweep
 * marks it resolved, and a resolved notice no longer counts as unread.
 * The rules are the record types' own (commitment_overdue, the delegation's warning hook);
 * this file only says who hears of them, counted in Vietnam's date.
 *
 * Notices are made by a sweep, not by the writes: the sweep looks at every record that may
 * be due, overdue or late, and at the commitments and delegations written since it last
 * looked (their updated_at from the mark in remind_state), so that a new commitment or a
 * new agency is announced. A notice is made once: the table's unique key is (user, kind,
 * record, tag), the tag being the agency (assigned), the deadline or the end date, so a
 * moved deadline is announced again and a repeated sweep makes nothing.
 *
 * The sweep runs from `ngoaivu remind` (cron, daily) and in the server, in the sweeper
 * thread of the one node that holds the lease (remind_node_start), never in a request. */
#ifndef NGV_REMIND_H
#define NGV_REMIND_H
#include "../base/buf.h"
#include "records.h"

enum {
    /* "due_soon": the deadline is today or within this many days (the default; an admin's
     * setting or NGOAIVU_REMIND_DAYS changes it: settings.h) */
    REMIND_DUE_DAYS = 7,
    REMIND_DIGEST_DAYS = 7, /* a digest takes unsent notices made this many days back */
    REMIND_DIGEST_MAX = 50, /* notices listed in one message; the rest are counted */
};

/* Makes the notices that are missing for today ("YYYY-MM-DD", Vietnam's date); *made: how
 * many. Idempotent. A system action: any context may run it, nothing is audited. */
rstatus remind_sweep(ctx *x, const char *today, int *made);
/* The same for the records written since the last sweep only (cheap: what the server does
 * between its daily sweeps). */
rstatus remind_sweep_changes(ctx *x, const char *today, int *made);
/* The sweeper of a server (`ngoaivu serve`): a thread that sweeps while this process holds
 * the lease "remind" in the database (st_lease_take), so that of several servers on one
 * database one sweeps at a time; another takes the lease over when it has expired
 * (NGOAIVU_LEASE_SECONDS, default 30; renewed every third of it) or was given up. The
 * holder sweeps everything when it takes the lease (so at start, before the server
 * answers anyone) and when the day changes, and the records written since whenever the
 * data version moves (it looks every second). Pages never sweep. */
typedef struct remind_node remind_node;
/* Takes the lease if it is free and then sweeps, before returning; then starts the thread.
 * NULL when out of memory. */
remind_node *remind_node_start(store *st);
/* Stops the thread and gives the lease up. */
void remind_node_stop(remind_node *n);
bool remind_node_holds(remind_node *n);
/* For the pages that list the notices: waits (at most 3 s) until the sweep has looked at
 * the data as of version (what the request read), so that a notice caused by a write just
 * made is listed. When this node holds the lease it is asked to look at once; else the
 * progress of the node that holds it is read from the database (c); when none holds it,
 * nothing is waited for. n may be NULL (a process without a sweeper). */
void remind_wait(remind_node *n, conn *c, long long version);

/* The acting user's notices (x->user_id): unread count, list, marking read. */
rstatus remind_count(ctx *x, long long *total, long long *unread);
rstatus remind_list(ctx *x, long long limit, long long offset, notice_row **rows, int *n);
/* Marks one notice (id) or all (id 0) read; RS_NOTFOUND for a notice not the user's. */
rstatus remind_read(ctx *x, long long id, long long *changed);

/* Message id (base/msg.h) of a kind; of the tag's label ("Deadline", "Ended on"). */
int remind_kind_msg(const char *kind);
int remind_tag_msg(const char *kind);
/* The notice's record (read with rec_get as x): its type, and its title or NULL when the
 * record is gone. */
const char *remind_title(ctx *x, const notice_row *n, const entity **e);

/* The address a user's digest goes to (NULL or "" removes it); 0, or -1 with a message. */
int remind_user_email(conn *c, const char *username, const char *email, char *err, size_t errlen);

/* E-mail settings from the environment: NGOAIVU_SMTP_URL (smtp://host:port, smtps://...;
 * none: no e-mail), NGOAIVU_SMTP_FROM (default ngoaivu@localhost), NGOAIVU_SMTP_USER and
 * NGOAIVU_SMTP_PASSWORD (optional), NGOAIVU_BASE_URL (the links; default
 * http://localhost:8080). Returns false when there is no mail server. */
typedef struct {
    const char *url, *from, *user, *password, *base_url;
} remind_mail;
bool remind_mail_config(remind_mail *m);
/* Sends each enabled user who has an address and unread notices not yet sent (made in the
 * last REMIND_DIGEST_DAYS days) one message listing them; marks them sent. A message that
 * cannot be sent leaves its notices unsent for the next run and adds a line to errors.
 * Returns 0 when every message went, -1 otherwise; *sent counts those that went. For
 * the command line: it initialises libcurl globally, which is not thread-safe. */
int remind_digest(ctx *x, const char *today, const remind_mail *m, int *sent, buf *errors);

/* Pieces of a message, for the tests: a header value as it must be written (RFC 2047
 * encoded words of UTF-8 when it is not plain ASCII, folded), and the whole message
 * (headers and base64 body, CRLF line ends) for one user. */
const char *remind_header_text(arena *a, const char *text);
const char *remind_message(ctx *x, const remind_mail *m, const mail_user *u, const notice_row *rows,
                           int n, long long total);
#endif
