#include "auth.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../base/clock.h"
#include "../base/html.h"
#include "../base/msg.h"
#include "../base/text.h"
#include "entities.h"
#include "settings.h"
#include "users.h"

/* Argon2id with 7 MiB and 5 passes (one of OWASP's equivalent settings): as costly to
 * guess offline as the 19 MiB/2-pass one, with a small peak of memory in the server. */
#define PW_OPS 5
#define PW_MEM (7u << 20)

static const char *role_names[] = {"", "viewer", "agency", "officer", "leader", "admin"};
static const char *role_vi[] = {
    "", "Người xem", "Cơ quan phối hợp", "Chuyên viên", "Lãnh đạo Sở", "Quản trị"};
static const char *role_en[] = {"",        "Viewer", "Partner agency",
                                "Officer", "Leader", "Administrator"};

bool role_can(role r, perm p)
{
    switch (p) {
    case PERM_NONE:
        return false;
    case PERM_PUBLIC:
        return true;
    case PERM_LOGIN:
    case PERM_READ:
        return r >= ROLE_VIEWER;
    case PERM_WRITE:
        return r == ROLE_OFFICER || r == ROLE_LEADER || r == ROLE_ADMIN;
    case PERM_ADMIN:
        return r == ROLE_ADMIN;
    }
    return false;
}

role role_parse(const char *name)
{
    for (int i = 1; name && i <= ROLE_ADMIN; i++)
        if (strcmp(name, role_names[i]) == 0) return (role)i;
    return ROLE_NONE;
}

const char *role_name(role r)
{
    return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? role_names[r] : "";
}

const char *perm_name(perm p)
{
    static const char *names[] = {"none", "public", "login", "read", "write", "admin"};
    return (unsigned)p < sizeof names / sizeof *names ? names[p] : "none";
}

const char *role_label(role r, const char *lang)
{
    if (r < ROLE_VIEWER || r > ROLE_ADMIN) return "";
    return lang && !strcmp(lang, "en") ? role_en[r] : role_vi[r];
}

/* The hash a login with an unknown user name is checked against, so that it costs the
 * same Argon2id time as a wrong password for a real user (no enumeration by timing). */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
    char pw[33];
    auth_random_password(pw, sizeof pw);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), PW_OPS, PW_MEM) != 0) dummy_hash[0] = 0;
}

int auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

/* Argon2id hashes running at once, at most as many as there are cores: each takes PW_MEM
 * of memory and a core for its time, and a burst of logins (the server's writer threads
 * take them, web/http.h) then queues here rather than holding 16 × 7 MiB at once. */
static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_cv = PTHREAD_COND_INITIALIZER;
static int hashing;

static void hash_enter(void)
{
    static long cores;
    pthread_mutex_lock(&hash_mu);
    if (!cores) cores = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
    while (hashing >= cores)
        pthread_cond_wait(&hash_cv, &hash_mu);
    hashing++;
    pthread_mutex_unlock(&hash_mu);
}

static void hash_leave(void)
{
    pthread_mutex_lock(&hash_mu);
    hashing--;
    pthread_cond_signal(&hash_cv);
    pthread_mutex_unlock(&hash_mu);
}

char *auth_hash_password(const char *password)
{
    char *out = xmalloc(crypto_pwhash_STRBYTES);
    hash_enter();
    int rc = crypto_pwhash_str(out, password, strlen(password), PW_OPS, PW_MEM);
    hash_leave();
    if (rc != 0) {
        free(out);
        return NULL;
    }
    return out;
}

bool auth_password_matches(const char *hash, const char *password)
{
    if (!hash || !*hash || !password) return false;
    hash_enter();
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    hash_leave();
    return ok;
}

bool auth_equal(const char *a, const char *b)
{
    /* an empty token is no token: two of them are not a match */
    if (!a || !b || !*a || !*b) return false;
    size_t n = strlen(a);
    if (n != strlen(b)) return false;
    return sodium_memcmp(a, b, n) == 0;
}

const char *auth_token_hash(arena *a, const char *token)
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    char *hex = arena_alloc(a, 65);
    sodium_bin2hex(hex, 65, h, sizeof h);
    return hex;
}

static const char *random_hex(arena *a, size_t bytes)
{
    unsigned char r[32];
    randombytes_buf(r, bytes);
    char *hex = arena_alloc(a, bytes * 2 + 1);
    sodium_bin2hex(hex, bytes * 2 + 1, r, bytes);
    return hex;
}

void auth_random_password(char *out, size_t n)
{
    static const char set[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (size_t i = 0; i + 1 < n; i++)
        out[i] = set[randombytes_uniform(sizeof set - 1)];
    out[n - 1] = 0;
}

/* Seconds a client must wait after its last failure, once n failures are past max:
 * 2, 4, 8, ... at most LOGIN_MAX_WAIT_SECONDS. */
static long long backoff(long long n, long long max)
{
    if (n < max) return 0;
    long long w = 2;
    for (long long i = max; i < n && w < LOGIN_MAX_WAIT_SECONDS; i++)
        w *= 2;
    return w < LOGIN_MAX_WAIT_SECONDS ? w : LOGIN_MAX_WAIT_SECONDS;
}

auth_status auth_login(conn *c, arena *a, const char *username, const char *password,
                       const char *client, const char *device, user_row *u, long long *retry_after)
{
    long long now = clock_unix(), n1 = 0, n2 = 0, n3 = 0, last1 = 0, last2 = 0, last3 = 0;
    *retry_after = 0;
    /* failures count against this user name from this client, and against the client for
     * every name it tries: a stranger's failures never hold back the right password from
     * another client */
    const char *kpair =
        arena_printf(a, "pair:%s|%s", username ? username : "", client ? client : "");
    const char *kaddr = arena_printf(a, "addr:%s", client ? client : "");
    if (st_login_failure_count(c, kpair, now - LOGIN_WINDOW_SECONDS, &n1, &last1) ||
        st_login_failure_count(c, kaddr, now - LOGIN_WINDOW_SECONDS, &n2, &last2))
        return AUTH_ERROR;
    long long w1 = last1 + backoff(n1, LOGIN_MAX_FAILURES) - now,
              w2 = last2 + backoff(n2, 4 * LOGIN_MAX_FAILURES) - now;
    long long wait = w1 > w2 ? w1 : w2;
    if ((n1 >= LOGIN_MAX_FAILURES || n2 >= 4 * LOGIN_MAX_FAILURES) && wait > 0) {
        *retry_after = wait;
        return AUTH_LIMITED;
    }
    /* and against the account from every client (many addresses guessing one password),
     * past LOGIN_ACCOUNT_FAILURES: then only a browser the user has logged in from before
     * (its device cookie) is let through without waiting */
    const char *kacct = arena_printf(a, "acct:%s", username ? username : "");
    if (st_login_failure_count(c, kacct, now - LOGIN_WINDOW_SECONDS, &n3, &last3))
        return AUTH_ERROR;
    long long w3 = last3 + backoff(n3, LOGIN_ACCOUNT_FAILURES) - now;
    if (n3 >= LOGIN_ACCOUNT_FAILURES && w3 > 0 &&
        !(username && auth_device_known(c, a, device, username))) {
        *retry_after = w3;
        return AUTH_LIMITED;
    }
    int rc = username ? st_user_get(c, a, username, u) : ST_NOTFOUND;
    if (rc != ST_OK && rc != ST_NOTFOUND) return AUTH_ERROR;
    /* the hash is checked whether or not the user exists or may log in: the same time */
    pthread_once(&dummy_once, make_dummy_hash);
    const char *hash = rc == ST_OK ? u->pwhash : dummy_hash;
    const char *pw = password ? password : "";
    bool verified = auth_password_matches(hash, pw);
    bool ok = rc == ST_OK && !u->disabled && password && verified;
    if (!ok) {
        st_login_failure_add(c, kpair, now);
        st_login_failure_add(c, kaddr, now);
        st_login_failure_add(c, kacct, now);
        return AUTH_BAD;
    }
    st_login_failure_clear(c, kpair);
    return AUTH_OK;
}

bool auth_device_known(conn *c, arena *a, const char *device, const char *username)
{
    if (!device || strlen(device) != 64) return false;
    return st_device_known(c, auth_token_hash(a, device), username) == ST_OK;
}

const char *auth_device_remember(conn *c, arena *a, long long user_id, const char *device)
{
    const char *d = device && strlen(device) == 64 && strspn(device, "0123456789abcdef") == 64
                        ? device
                        : random_hex(a, 32);
    if (st_device_seen(c, auth_token_hash(a, d), user_id, clock_unix()) != ST_OK) {
        /* a cookie another user's login left in this browser: a new one of this user's */
        d = random_hex(a, 32);
        if (st_device_seen(c, auth_token_hash(a, d), user_id, clock_unix()) != ST_OK) return NULL;
    }
    return d;
}

int auth_session_new(conn *c, arena *a, long long user_id, const char *kind, const char **token,
                     const char **csrf)
{
    *token = random_hex(a, 32);
    *csrf = random_hex(a, 16);
    return st_session_put(c, auth_token_hash(a, *token), user_id, *csrf, kind, NULL,
                          clock_unix() + SESSION_SECONDS);
}

int auth_session_get(conn *c, arena *a, const char *token, user_row *u, const char **csrf,
                     const char **kind)
{
    if (!token || strlen(token) != 64) return ST_NOTFOUND;
    const char *hash = auth_token_hash(a, token);
    long long now = clock_unix(), seen = 0;
    int rc = st_session_get(c, a, hash, now, u, csrf, kind, &seen);
    if (rc == ST_OK && u->disabled) return ST_NOTFOUND;
    if (rc != ST_OK || strcmp(*kind, "web")) return rc;
    /* a browser session unused for longer than the idle limit ends; its use is noted at
     * most every SESSION_SEEN_EVERY seconds (a write outside any unit) */
    long long idle = settings_value(SET_IDLE_MINUTES) * 60;
    if (seen > 0 && now - seen > idle) {
        st_session_del(c, hash);
        return ST_NOTFOUND;
    }
    if (now - seen >= SESSION_SEEN_EVERY) st_session_seen(c, hash, now);
    return ST_OK;
}

int auth_session_end(conn *c, const char *token)
{
    arena a = {0};
    int rc = st_session_del(c, auth_token_hash(&a, token));
    arena_free(&a);
    return rc;
}

bool auth_valid_username(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 64) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
              *s == '-'))
            return false;
    return true;
}

/* ---- password rules */

extern const char *const ngv_common_passwords; /* data/common-passwords.txt */

static char **common;
static size_t ncommon;
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

/* s folded as a search is (no case, no diacritics, đ = d) with what is not a letter or a
 * digit dropped: "Mật Khẩu!" -> "matkhau", "P@ssw0rd" -> "pssw0rd"; NULL for invalid UTF-8. */
static char *squeeze(arena *a, const char *s)
{
    char *f = text_fold(a, s);
    if (!f) return NULL;
    char *o = f;
    for (const char *p = f; *p; p++)
        if (*p != ' ') *o++ = *p;
    *o = 0;
    return f;
}

static int by_text(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void common_load(void)
{
    static arena a; /* for the life of the process */
    size_t cap = 0;
    for (const char *p = ngv_common_passwords; *p; p++)
        cap += *p == '\n';
    common = arena_alloc(&a, (cap + 1) * sizeof *common);
    for (const char *p = ngv_common_passwords; *p;) {
        size_t n = strcspn(p, "\n");
        if (n && *p != '#') {
            char *k = squeeze(&a, arena_strndup(&a, p, n));
            if (k && *k && ncommon < cap + 1) common[ncommon++] = k;
        }
        p += n + (p[n] == '\n');
    }
    qsort(common, ncommon, sizeof *common, by_text);
}

static bool is_common(const char *k)
{
    pthread_once(&common_once, common_load);
    return *k && bsearch(&k, common, ncommon, sizeof *common, by_text) != NULL;
}

int auth_password_problem(const char *username, const char *password, long long *arg)
{
    *arg = 0;
    if (!password || !utf8_valid(password, strlen(password))) return M_BAD_UTF8;
    if (utf8_chars(password) < USER_PW_MIN) {
        *arg = USER_PW_MIN;
        return M_PW_SHORT;
    }
    if (strlen(password) > USER_PW_MAX) {
        *arg = USER_PW_MAX;
        return M_TOO_LONG;
    }
    arena a = {0};
    char *k = squeeze(&a, password);
    size_t n = strlen(k);
    while (n && k[n - 1] >= '0' && k[n - 1] <= '9')
        n--;
    char *base = arena_strndup(&a, k, n); /* without the digits at its end */
    char *name = username ? squeeze(&a, username) : NULL;
    int m = 0;
    if (name && *name && (!strcmp(k, name) || !strcmp(base, name)))
        m = M_PW_IS_NAME;
    else if (is_common(k) || (n >= 4 && is_common(base)))
        m = M_PW_COMMON;
    arena_free(&a);
    return m;
}

/* The rule a password breaks, as a command says it (English), or NULL. */
static const char *password_refusal(const char *username, const char *password, char *err,
                                    size_t errlen)
{
    long long arg;
    int m = auth_password_problem(username, password, &arg);
    if (!m) return NULL;
    char what[200];
    snprintf(what, sizeof what, msg(m, "en"), arg);
    snprintf(err, errlen, "the password is refused: %s", what);
    return err;
}

int auth_user_add(conn *c, const char *username, const char *rolename, const char *password,
                  const char *display_name, char *err, size_t errlen)
{
    if (!auth_valid_username(username)) {
        snprintf(err, errlen,
                 "user name must be 2-64 characters: lower-case letters, digits, . _ -");
        return -1;
    }
    if (role_parse(rolename) == ROLE_NONE) {
        snprintf(err, errlen, "unknown role '%s' (admin, leader, officer, agency, viewer)",
                 rolename);
        return -1;
    }
    if (password_refusal(username, password, err, errlen)) return -1;
    char *hash = auth_hash_password(password);
    if (!hash) {
        snprintf(err, errlen, "cannot hash the password (out of memory?)");
        return -1;
    }
    char now[32];
    clock_iso_now(now);
    user_row u = {.username = username,
                  .role = rolename,
                  .pwhash = hash,
                  .display_name = display_name,
                  .lang = "vi"};
    long long id;
    int rc = st_user_insert(c, &u, now, &id);
    free(hash);
    if (rc == ST_CONSTRAINT) {
        snprintf(err, errlen, "user '%s' already exists", username);
        return -1;
    }
    if (rc) {
        snprintf(err, errlen, "%s", store_errmsg(c));
        return -1;
    }
    return 0;
}

int auth_user_passwd(conn *c, const char *username, const char *password, char *err, size_t errlen)
{
    arena a = {0};
    user_row u;
    int rc = st_user_get(c, &a, username, &u);
    if (rc) {
        snprintf(err, errlen, rc == ST_NOTFOUND ? "no user '%s'" : "cannot read user '%s'",
                 username);
        arena_free(&a);
        return -1;
    }
    if (password_refusal(username, password, err, errlen)) {
        arena_free(&a);
        return -1;
    }
    char *hash = auth_hash_password(password);
    rc = hash ? st_user_set_password(c, u.id, hash) : ST_ERROR;
    free(hash);
    arena_free(&a);
    if (rc) {
        snprintf(err, errlen, "cannot set the password: %s", store_errmsg(c));
        return -1;
    }
    return 0;
}

int auth_user_set_agency(conn *c, const char *username, long long agency_id, char *err,
                         size_t errlen)
{
    arena a = {0};
    user_row u;
    int rc = st_user_get(c, &a, username, &u);
    arena_free(&a);
    if (rc) {
        snprintf(err, errlen, "no user '%s'", username);
        return -1;
    }
    if (agency_id > 0 && st_rec_exists(c, &agency_entity, agency_id) != ST_OK) {
        snprintf(err, errlen, "no agency with id %lld (see /agencies)", agency_id);
        return -1;
    }
    if (st_user_set_agency(c, u.id, agency_id) != ST_OK) {
        snprintf(err, errlen, "cannot set the agency: %s", store_errmsg(c));
        return -1;
    }
    return 0;
}

/* ---- the second factor: TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits; what every
 * authenticator app reads from an otpauth:// address) by liboath, and recovery codes */

enum { TOTP_STEP = 30, TOTP_DIGITS = 6, TOTP_WINDOW = 1 };

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static void oath_start(void)
{
    oath_init();
}

const char *auth_totp_new_secret(arena *a)
{
    unsigned char raw[AUTH_TOTP_SECRET_BYTES];
    randombytes_buf(raw, sizeof raw);
    pthread_once(&oath_once, oath_start);
    char *out = NULL;
    size_t n = 0;
    if (oath_base32_encode((const char *)raw, sizeof raw, &out, &n) != OATH_OK) return NULL;
    char *s = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (out[i] != '=') s[k++] = out[i];
    s[k] = 0;
    free(out);
    sodium_memzero(raw, sizeof raw);
    return s;
}

const char *auth_totp_uri(arena *a, const char *secret, const char *username, const char *issuer)
{
    buf b = {0};
    buf_puts(&b, "otpauth://totp/");
    html_urlenc(&b, issuer);
    buf_puts(&b, ":");
    html_urlenc(&b, username);
    buf_puts(&b, "?secret=");
    buf_puts(&b, secret);
    buf_puts(&b, "&issuer=");
    html_urlenc(&b, issuer);
    buf_puts(&b, "&algorithm=SHA1&digits=6&period=30");
    char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

/* The six digits typed, without the spaces or the hyphen an app shows in the middle; NULL
 * when it is not six digits. */
static const char *totp_digits(const char *code, char out[TOTP_DIGITS + 1])
{
    size_t k = 0;
    for (const char *p = code ? code : ""; *p; p++) {
        if (*p == ' ' || *p == '-') continue;
        if (*p < '0' || *p > '9' || k == TOTP_DIGITS) return NULL;
        out[k++] = *p;
    }
    out[k] = 0;
    return k == TOTP_DIGITS ? out : NULL;
}

long long auth_totp_check(const char *secret, const char *code, long long now)
{
    char d[TOTP_DIGITS + 1];
    if (!secret || !totp_digits(code, d)) return -1;
    pthread_once(&oath_once, oath_start);
    char *raw = NULL;
    size_t n = 0;
    if (oath_base32_decode(secret, strlen(secret), &raw, &n) != OATH_OK) return -1;
    int pos = 0;
    uint64_t counter = 0;
    int rc = oath_totp_validate3(raw, n, (time_t)now, TOTP_STEP, 0, TOTP_WINDOW, &pos, &counter, d);
    sodium_memzero(raw, n);
    free(raw);
    return rc >= 0 ? (long long)counter : -1;
}

/* A recovery code as stored: lower case, only its letters and digits, hashed. */
static const char *recovery_hash(arena *a, const char *code)
{
    char t[32];
    size_t k = 0;
    for (const char *p = code ? code : ""; *p && k + 1 < sizeof t; p++) {
        char ch = *p;
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) t[k++] = ch;
    }
    t[k] = 0;
    return k == 10 ? auth_token_hash(a, t) : NULL;
}

int auth_recovery_new(conn *c, arena *a, long long user_id, const char *codes[AUTH_RECOVERY_CODES])
{
    /* ten of 10 characters from 32 (50 bits each): "k7rm2-xq4tp" */
    static const char set[] = "abcdefghjkmnpqrstuvwxyz23456789";
    const char *hashes[AUTH_RECOVERY_CODES];
    for (int i = 0; i < AUTH_RECOVERY_CODES; i++) {
        char *s = arena_alloc(a, 12);
        for (int j = 0; j < 11; j++)
            s[j] = j == 5 ? '-' : set[randombytes_uniform(sizeof set - 1)];
        s[11] = 0;
        codes[i] = s;
        hashes[i] = recovery_hash(a, s);
    }
    return st_recovery_set(c, user_id, hashes, AUTH_RECOVERY_CODES);
}

auth_status auth_second_factor(conn *c, arena *a, const user_row *u, const char *code,
                               bool *recovery)
{
    *recovery = false;
    if (!u->totp_secret) return AUTH_BAD;
    long long now = clock_unix();
    long long step = auth_totp_check(u->totp_secret, code, now);
    if (step >= 0) {
        /* a code is taken once: a second use of it (or an earlier one) is refused */
        int rc = st_user_totp_take(c, u->id, step);
        return rc == ST_OK ? AUTH_OK : rc == ST_NOTFOUND ? AUTH_BAD : AUTH_ERROR;
    }
    const char *h = recovery_hash(a, code);
    if (!h) return AUTH_BAD;
    int rc = st_recovery_use(c, u->id, h);
    if (rc == ST_OK) *recovery = true;
    return rc == ST_OK ? AUTH_OK : rc == ST_NOTFOUND ? AUTH_BAD : AUTH_ERROR;
}

bool auth_totp_required(role r)
{
    return (settings_value(SET_TOTP_ROLES) & settings_role_bit(r)) != 0;
}

int auth_ticket_new(conn *c, arena *a, long long user_id, const char *secret, const char **ticket)
{
    *ticket = random_hex(a, 32);
    long long now = clock_unix();
    return st_ticket_put(c, auth_token_hash(a, *ticket), user_id, secret, now,
                         now + AUTH_TICKET_SECONDS);
}

int auth_ticket_take(conn *c, arena *a, const char *ticket, long long *user_id, const char **secret)
{
    if (!ticket || strlen(ticket) != 64) return ST_NOTFOUND;
    return st_ticket_try(c, a, auth_token_hash(a, ticket), clock_unix(), AUTH_TICKET_TRIES, user_id,
                         secret);
}

int auth_ticket_end(conn *c, arena *a, const char *ticket)
{
    return st_ticket_del(c, auth_token_hash(a, ticket));
}

int auth_token_new(conn *c, arena *a, long long user_id, const char *name, long long days,
                   const char **token)
{
    *token = random_hex(a, 32);
    return st_session_put(c, auth_token_hash(a, *token), user_id, random_hex(a, 16), "api", name,
                          clock_unix() + days * 86400);
}

auth_status auth_login_code(conn *c, arena *a, const user_row *u, const char *code,
                            const char *client, bool *recovery)
{
    *recovery = false;
    const char *key = arena_printf(a, "totp:%lld", u->id);
    long long now = clock_unix(), fails = 0, last = 0;
    if (st_login_failure_count(c, key, now - LOGIN_WINDOW_SECONDS, &fails, &last))
        return AUTH_ERROR;
    if (fails >= LOGIN_MAX_FAILURES) return AUTH_LIMITED;
    auth_status s = auth_second_factor(c, a, u, code, recovery);
    if (s == AUTH_BAD) {
        st_login_failure_add(c, key, now);
        st_login_failure_add(c, arena_printf(a, "pair:%s|%s", u->username, client ? client : ""),
                             now);
    } else if (s == AUTH_OK) {
        st_login_failure_clear(c, key);
    }
    return s;
}
