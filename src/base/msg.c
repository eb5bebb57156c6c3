#include "msg.h"

#include <string.h>

static const struct {
    const char *id, *vi, *en;
} catalogue[] = {
#define NGV_MSG_ROW(id, vi, en) {#id, vi, en},
    NGV_MESSAGES(NGV_MSG_ROW)
#undef NGV_MSG_ROW
};

const char *msg(int id, const char *lang)
{
    if (id < 0 || id >= M_COUNT) return "?";
    return lang && strcmp(lang, "en") == 0 ? catalogue[id].en : catalogue[id].vi;
}

/* "M_TOO_LONG" -> "too_long": the identifier is the stable code. */
const char *msg_code(int id, char out[48])
{
    if (id < 0 || id >= M_COUNT) return strcpy(out, "unknown");
    const char *s = catalogue[id].id + 2;
    size_t i = 0;
    for (; s[i] && i < 47; i++)
        out[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    out[i] = 0;
    return out;
}
