/* What every domain action needs: a database connection, the arena of the request or
 * command, and who is acting (for permissions and the audit trail). */
#ifndef NGV_CTX_H
#define NGV_CTX_H
#include "../store/store.h"

typedef enum {
    ROLE_NONE = 0,
    ROLE_VIEWER,
    ROLE_AGENCY,
    ROLE_OFFICER,
    ROLE_LEADER,
    ROLE_ADMIN
} role;

/* Permissions a route or an action needs. */
typedef enum {
    PERM_NONE = 0, /* not a permission: a route that names none is refused at start-up */
    PERM_PUBLIC,   /* anyone, no login */
    PERM_LOGIN,    /* any signed-in user */
    PERM_READ,     /* read the department's records */
    PERM_WRITE,    /* create, change, delete records */
    PERM_ADMIN,    /* users, the province profile */
} perm;

typedef struct ctx {
    conn *c;
    arena *a;
    const char *lang; /* "vi" or "en" */
    long long user_id;
    const char *username; /* "system" for the CLI */
    role role;
    long long agency_id; /* ROLE_AGENCY: the agency the user belongs to */
    /* Titles of referenced records met in this request (records.c), kept in memo_arena: the
     * request's own arena, which outlives any shorter one code may point `a` at for a while.
     * NULL memo_arena: nothing is remembered. */
    arena *memo_arena;
    struct title_memo *titles;
} ctx;

bool role_can(role r, perm p);
role role_parse(const char *name); /* ROLE_NONE if unknown */
const char *role_name(role r);
const char *perm_name(perm p); /* "public", "login", "read", "write", "admin" ("none") */
const char *role_label(role r, const char *lang);
#endif
