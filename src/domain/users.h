/* Administration of accounts, shared by the pages and the API: users (create, role and
 * agency, deactivate, reactivate, password reset), their sessions (list, end), each user's
 * own password change, and the audit log of the whole system.
 *
 * Every change is one transaction with its audit entry (record type "user", the user's id,
 * who did it, old and new values); a password or a hash never reaches the audit, only the
 * fact ("password": "reset" or "changed"). Sessions are shown by their number, never by
 * their token (only its hash is kept).
 *
 * Passwords: at least USER_PW_MIN characters of valid UTF-8, not the user name. A password
 * an admin sets (a new user's, a reset) is random, shown once, and must be replaced at the
 * next login (must_change): until then the user's sessions open only the password change. */
#ifndef NGV_USERS_H
#define NGV_USERS_H
#include "auth.h"
#include "records.h"

enum { USER_PW_MIN = 8, USER_PW_MAX = 256, USER_NAME_MAX = 200, USER_TEMP_PW = 17 };

/* What an admin sets of a user. agency: the agency's record id, or 0 with agency_name (its
 * Vietnamese name, as an admin picks it) for role "agency"; cleared for other roles. */
typedef struct {
    const char *username, *display_name, *role, *agency_name;
    long long agency_id;
} user_input;

/* Creates a user with a random password (written into pw, shown once; must be changed at the
 * first login). Admin only. RS_INVALID with ve naming username, role, agency_id,
 * display_name. */
rstatus users_create(ctx *x, user_input *in, long long *id, char pw[USER_TEMP_PW], verrs *ve);
/* Changes role, agency and display name (in->username is ignored). An admin cannot change
 * their own role (no one locks themselves out). */
rstatus users_update(ctx *x, long long id, user_input *in, verrs *ve);
/* Deactivates (their sessions and calendar address end at once) or reactivates. Not oneself. */
rstatus users_set_active(ctx *x, long long id, bool active, verrs *ve);
/* A new random password, shown once (pw); every session of the user ends; they must set their
 * own at the next login. */
rstatus users_reset_password(ctx *x, long long id, char pw[USER_TEMP_PW]);
rstatus users_get(ctx *x, long long id, user_row *u);
rstatus users_list(ctx *x, user_row **rows, int *n);
/* A user's live sessions (admin), newest first; current_token marks the asker's own. */
rstatus users_sessions(ctx *x, long long id, const char *current_token, session_row **rows, int *n);
/* Ends one session (sid) of the user, or all (sid 0); RS_NOTFOUND when sid is not theirs. */
rstatus users_revoke(ctx *x, long long id, long long sid, long long *ended);

/* The acting user changes their own password: old must be right (else ve "old_password"),
 * new must follow the rules (ve "new_password"). Every other session of theirs ends, and
 * their calendar address; the session of current_token is kept. */
rstatus account_change_password(ctx *x, const char *current_token, const char *old,
                                const char *new_pw, verrs *ve);

/* The agency's name of a user's agency id ("" when none), for lists and forms. */
const char *users_agency_name(ctx *x, long long agency_id);
/* Every agency (id and Vietnamese name) in name order, for the form's choice. */
typedef struct {
    long long id;
    const char *name;
} agency_choice;
int users_agencies(ctx *x, agency_choice **rows, int *n);

/* The audit log of the whole system (admin): filters checked (days "YYYY-MM-DD", a known
 * record type), newest first. RS_INVALID with ve naming from, to, entity. */
rstatus audit_search(ctx *x, audit_query *q, audit_row **rows, int *n, long long *total, verrs *ve);
/* The audit log's record types beside the described ones (ngv_entities): "user",
 * "setting", "name", "province" (NULL-terminated), and whether a name is one of either. */
extern const char *const audit_extra_entities[];
bool audit_entity_known(const char *name);
/* ---- the second factor and personal access tokens of the acting user's own account;
 * each change audited, never with a secret or a code. A code typed here counts against
 * LOGIN_MAX_FAILURES in the window as an old password does (ve "code": M_PW_TOO_MANY). */
/* Turns the second factor on with the secret the page made (32 base32 characters) once code
 * is right for it; codes: the new recovery codes, shown once. RS_CONFLICT: already on. */
rstatus account_totp_enable(ctx *x, const char *secret, const char *code,
                            const char *codes[AUTH_RECOVERY_CODES], verrs *ve);
/* Turns it off, given a current code (or a recovery code). RS_FORBIDDEN when the user's
 * role requires it (the setting totp_roles); RS_CONFLICT: it is off. */
rstatus account_totp_disable(ctx *x, const char *code, verrs *ve);
/* New recovery codes (the old ones stop working), given a current code. */
rstatus account_recovery_renew(ctx *x, const char *code, const char *codes[AUTH_RECOVERY_CODES],
                               verrs *ve);
/* Whether the user has a second factor, and how many recovery codes are left. */
rstatus account_second_factor(ctx *x, bool *on, long long *codes_left);
/* An admin removes a user's second factor (a lost phone): the user's sessions end; at the
 * next login they set up a new one where their role requires it. */
rstatus users_totp_reset(ctx *x, long long id);
/* A personal access token of the acting user for the API: named (1-80 characters, ve
 * "name"), for days (1..AUTH_TOKEN_MAX_DAYS, ve "days"); *token is shown once. */
rstatus account_token_new(ctx *x, const char *name, const char *days, const char **token,
                          verrs *ve);
/* The acting user's live personal access tokens, newest first; the one that is
 * current_token (may be NULL) marked current. */
rstatus account_tokens(ctx *x, const char *current_token, session_row **rows, int *n);
/* Ends one of them (RS_NOTFOUND when sid is not one of the user's tokens). */
rstatus account_token_revoke(ctx *x, long long sid);
/* Whether the acting user's request came with one of their personal access tokens (not a
 * session they signed in for): a token is made from a signed-in session only, so that a
 * token that leaks cannot make others that outlive its revocation. */
bool account_by_token(ctx *x, const char *current_token);
#endif
