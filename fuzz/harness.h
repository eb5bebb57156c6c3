/* What the targets that drive the real server share (fuzz/harness.c): a fresh database with
 * the demo data, an admin and a web session of theirs, and the server, started once per
 * process in this process; and one request sent and its answer read. The server runs in
 * process (web_opts.in_process): a request is written to one end of a socketpair, whose
 * other end is the server's connection, and the server is run in the target's own thread
 * (web_run) until the answer is back; so a request goes through all that one from outside
 * does (libmicrohttpd's parsing of the request line, headers, cookies, query string and
 * form bodies, then on_request and the dispatcher), with no TCP and no thread in between.
 * FUZZ_TCP=1: over TCP to 127.0.0.1, the server with its own threads, as it serves (a
 * sanitizer report in one of its threads is caught by libFuzzer like one in the target).
 *
 * The database is in $TMPDIR/<name>.<pid>.XXXXXX, removed at exit; a crash (what fuzzing is
 * for) leaves it, so a later run removes those whose process is gone. */
#ifndef NGV_FUZZ_HARNESS_H
#define NGV_FUZZ_HARNESS_H
#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

enum { HARNESS_ANSWER_SECONDS = 10 };

/* A growing byte buffer (the request, the answer), NUL-terminated. */
typedef struct {
    char *p;
    size_t len, cap;
} bytes;
void bytes_put(bytes *b, const void *s, size_t n);
void bytes_puts(bytes *b, const char *s);

typedef struct {
    int status; /* 100..599 */
    char *head; /* the status line and headers, up to (not with) the blank line */
    char *body; /* NUL-terminated; body_len bytes */
    size_t body_len;
} answer;
void answer_free(answer *an);

/* Once, from LLVMFuzzerInitialize. name: the target's (the temporary directory's prefix, the
 * messages'). */
void harness_init(const char *name);
/* From LLVMFuzzerInitialize of a target whose inputs go to the server: adds -detect_leaks=0
 * to libFuzzer's flags (unless they name it). The server keeps what it answered (caches,
 * sessions, SQLite's pages), so nearly every input ends with more allocations than frees,
 * and libFuzzer then runs a whole leak check (LSan over the heap: 50 to 100 ms here) after
 * each input that finds something new, until it gives up after 1000 of them: a fifth of the
 * runs of the first minutes, for no leak. LSan's check at exit stays. */
void harness_no_leak_check(int *argc, char ***argv);
/* The server's database (the demo data), for targets that call the domain directly. */
struct store;
struct store *harness_store(void);
/* The admin's session cookie value and its CSRF token. */
const char *harness_sid(void);
const char *harness_csrf(void);
/* The admin's API token (a session of kind "api": Authorization: Bearer). */
const char *harness_api_token(void);
/* Sends the whole request rq on the kept-alive connection (once more on a new one when the
 * server had closed it) and reads one whole answer into *an. An answer not complete within
 * HARNESS_ANSWER_SECONDS (a hang), or a connection closed within an answer, aborts. what:
 * named in those messages. Counts the answers by class, reported at exit. */
void harness_send(const bytes *rq, const char *what, answer *an);
/* Aborts with the target's name and what went wrong. */
_Noreturn void harness_die(const char *what, const char *why);
/* The value of header name in head (as answer.head), or NULL. */
const char *harness_header(const char *head, const char *name);
/* The texts of a writer's input (fuzz_ical, fuzz_writers) as records hold them: s (valid
 * UTF-8), up to n of them, one a line ("\n"; a part "\\n", two characters, stands for a line
 * break inside a text), each as rec_validate stores a text (text_controls: \v, \f and NEL
 * are line breaks; then trimmed), into p[0..n-1] ("" for those not there), allocated in a.
 * false when one holds a character rec_validate refuses (a control): no stored text does. */
bool harness_texts(arena *a, const char *s, size_t len, const char **p, int n);
extern bool harness_trace; /* FUZZ_TRACE=1: one line per answer (checking the seeds) */
#endif
