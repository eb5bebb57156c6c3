/* Accounts, passwords (Argon2id), sessions and login rate limiting. Session tokens are
 * random; only their hash is stored, so a copy of the database opens no session. */
#ifndef NGV_AUTH_H
#define NGV_AUTH_H
#include "ctx.h"

enum {
    LOGIN_MAX_FAILURES = 5,
    LOGIN_WINDOW_SECONDS = 300,
    LOGIN_MAX_WAIT_SECONDS = 60,
    LOGIN_ACCOUNT_FAILURES = 50, /* failures for one account from every client together */
    SESSION_SECONDS = 12 * 3600, /* a session's whole life, from its login */
    SESSION_SEEN_EVERY = 300     /* how often a browser session's use is written down */
};

typedef enum { AUTH_OK = 0, AUTH_BAD, AUTH_LIMITED, AUTH_ERROR } auth_status;

int auth_init(void); /* libsodium; 0 or -1 */
/* Argon2id hash string of a password, malloc'd; NULL on failure. */
char *auth_hash_password(const char *password);
/* Whether password is the one hash was made of (Argon2id; false for an empty hash). */
bool auth_password_matches(const char *hash, const char *password);
/* Checks a password; when it is right, *u is the user. An unknown user name costs the same
 * time as a wrong password (a dummy hash is checked). Failures count against the pair
 * (user name, client address) and against the client address; past LOGIN_MAX_FAILURES for
 * the pair (4x that for the address) within LOGIN_WINDOW_SECONDS, a next attempt must wait
 * 2, 4, 8, ... up to LOGIN_MAX_WAIT_SECONDS after the last failure: earlier, it is refused
 * (AUTH_LIMITED, *retry_after seconds) without looking at the password. Slowed, never
 * locked, and only for that client: the right password from another client gets in.
 * Failures also count against the account from every client: past LOGIN_ACCOUNT_FAILURES
 * within the window every client waits the same way, except a browser whose device cookie
 * (device, or NULL) says the user completed a login from it before: an attack on one
 * account from many addresses holds back neither the user at their own desk nor anyone
 * else's account. */
auth_status auth_login(conn *c, arena *a, const char *username, const char *password,
                       const char *client, const char *device, user_row *u, long long *retry_after);
/* Whether device (the value of a browser's device cookie) is one the user completed a
 * login from. */
bool auth_device_known(conn *c, arena *a, const char *device, const char *username);
/* Notes that the user completed a login from this browser: its device cookie's value to
 * set (device itself when it is a well-formed one, else a new one); NULL on error. */
const char *auth_device_remember(conn *c, arena *a, long long user_id, const char *device);
/* New session of kind "web" or "api": the token (to give the client) and its CSRF token. */
int auth_session_new(conn *c, arena *a, long long user_id, const char *kind, const char **token,
                     const char **csrf);
/* The session a token opens: user and CSRF token; ST_NOTFOUND when expired or unknown. A
 * browser session ("web") unused for longer than the setting session_idle_minutes (120 by
 * default) ends here; its use is written down at most every SESSION_SEEN_EVERY seconds. */
int auth_session_get(conn *c, arena *a, const char *token, user_row *u, const char **csrf,
                     const char **kind);
int auth_session_end(conn *c, const char *token);
/* What is stored of a secret token (a session's, a calendar address's): its BLAKE2b hash in
 * hex, so that a copy of the database opens nothing. */
const char *auth_token_hash(arena *a, const char *token);
/* Constant-time comparison of two strings (CSRF tokens); false when either is NULL or
 * empty. */
bool auth_equal(const char *a, const char *b);

/* A user name as accounts take it: 2-64 of a-z, 0-9, ".", "_", "-". */
bool auth_valid_username(const char *s);
/* Creates a user (CLI, demo); 0, or -1 with a message in err. */
int auth_user_add(conn *c, const char *username, const char *role, const char *password,
                  const char *display_name, char *err, size_t errlen);
int auth_user_passwd(conn *c, const char *username, const char *password, char *err, size_t errlen);
/* Ties a user to the agency (record id) whose commitments they report on; 0 unties. */
int auth_user_set_agency(conn *c, const char *username, long long agency_id, char *err,
                         size_t errlen);
/* The rule a new password breaks, as a message (msg.h; *arg its number), or 0: valid
 * UTF-8 (M_BAD_UTF8), USER_PW_MIN characters at least (M_PW_SHORT) and USER_PW_MAX bytes at
 * most (M_TOO_LONG), not the user name (M_PW_IS_NAME), not one of the common passwords
 * (data/common-passwords.txt, M_PW_COMMON). The name and the list are compared as a search
 * compares (no case, no diacritics, only letters and digits), and with the digits at the
 * end left out: "Matkhau2026!" is "matkhau", and refused. username may be NULL. Used by
 * every way a password is set (the account page, the API, `ngoaivu user add|passwd`). */
int auth_password_problem(const char *username, const char *password, long long *arg);
/* ---- the second factor (TOTP, RFC 6238, by liboath) and personal access tokens */
enum {
    AUTH_TOTP_SECRET_BYTES = 20, /* 160 bits, RFC 4226's recommendation */
    AUTH_RECOVERY_CODES = 10,    /* one-time codes for a lost phone, made with the secret */
    AUTH_TICKET_SECONDS = 300,   /* a login between its password and its code */
    AUTH_TICKET_TRIES = 5,       /* codes a ticket takes before it must start again */
    AUTH_TOKEN_MAX_DAYS = 366    /* the longest life of a personal access token */
};
/* A new random secret in base32 (no padding), as authenticator apps take it. */
const char *auth_totp_new_secret(arena *a);
/* The otpauth:// address of a secret (the QR code an app scans). */
const char *auth_totp_uri(arena *a, const char *secret, const char *username, const char *issuer);
/* The time step of the code (six digits, spaces and "-" ignored) for secret at unix time
 * now, one step of clock drift either way; -1 when it is not the code. */
long long auth_totp_check(const char *secret, const char *code, long long now);
/* New recovery codes for the user (replacing any): codes[] in the arena, shown once; only
 * their hashes are kept. */
int auth_recovery_new(conn *c, arena *a, long long user_id, const char *codes[AUTH_RECOVERY_CODES]);
/* Checks a second factor of u (st_user_get's row): a TOTP code not taken before (a code,
 * once taken, is refused until the next one), else one of the recovery codes, which it
 * uses up (*recovery then true). AUTH_OK, AUTH_BAD or AUTH_ERROR. */
auth_status auth_second_factor(conn *c, arena *a, const user_row *u, const char *code,
                               bool *recovery);
/* The second factor of a login whose password was right: as auth_second_factor, and a
 * wrong code counts as a failed login of the pair (user name, client) and against the
 * account's codes: past LOGIN_MAX_FAILURES wrong codes within LOGIN_WINDOW_SECONDS, from
 * any client, none is checked (AUTH_LIMITED) until the window has passed. Only someone who
 * has the password can make the codes fail, so this holds back no one else. */
auth_status auth_login_code(conn *c, arena *a, const user_row *u, const char *code,
                            const char *client, bool *recovery);
/* Whether the department's policy (the setting totp_roles) requires a second factor of
 * this role. */
bool auth_totp_required(role r);
/* A login ticket: the password was right, the second factor (or, with secret, its
 * enrolment) is to come. take counts a try and gives the user and secret; ST_NOTFOUND when
 * unknown, expired or past its tries. */
int auth_ticket_new(conn *c, arena *a, long long user_id, const char *secret, const char **ticket);
int auth_ticket_take(conn *c, arena *a, const char *ticket, long long *user_id,
                     const char **secret);
int auth_ticket_end(conn *c, arena *a, const char *ticket);
/* A personal access token: an API session of the user named name for days days. */
int auth_token_new(conn *c, arena *a, long long user_id, const char *name, long long days,
                   const char **token);

/* A random password of n letters and digits (demo login). */
void auth_random_password(char *out, size_t n);
#endif
