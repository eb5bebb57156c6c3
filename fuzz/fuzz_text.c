/* libFuzzer target: the text functions every outside string goes through. Checks that
 * they never crash and keep their promises: folding yields valid UTF-8 without upper
 * case ASCII, escaping leaves no raw '<', '>', '"' or '\'' and
 * gives valid UTF-8 whatever the input. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/html.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;
    arena a = {0};
    bool valid = utf8_valid(s, strlen(s));
    char *n = text_nfc(&a, s);
    if (valid != (n != NULL)) abort();
    if (n) {
        char *f = text_fold(&a, n);
        if (!utf8_valid(f, strlen(f))) abort();
        for (char *p = f; *p; p++)
            if (*p >= 'A' && *p <= 'Z') abort();
        (void)utf8_chars(n);
    }
    buf b = {0};
    html_text(&b, s);
    for (size_t i = 0; i < b.len; i++)
        if (strchr("<>\"'", b.data[i])) abort();
    if (!utf8_valid(b.data, b.len)) abort(); /* invalid bytes become U+FFFD */
    buf_reset(&b);
    html_urlenc(&b, s);
    for (size_t i = 0; i < b.len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%",
                    b.data[i]))
            abort();
    buf_free(&b);
    text_trim(s);
    arena_free(&a);
    free(s);
    return 0;
}
