/* libFuzzer target: the Markdown of the public bulletin's articles (base/markdown.c), which
 * staff write and strangers read. Checks what markdown.h guarantees (abort() when broken):
 *   md_html: valid UTF-8 without NUL; every '<' opens a tag cmark writes for Markdown (p,
 *     h2..h6 but never h1, lists, quotes, code, em, strong, a, img, br, hr) with only the
 *     attributes those take, quoted, or is the comment raw HTML becomes; a link's href is
 *     relative or http(s)/mailto/tel, an image's src relative, http(s) or data:image/png|gif|
 *     jpeg|webp; links to other sites carry rel="nofollow noopener", images loading="lazy";
 *   md_text: valid UTF-8, white space collapsed (no leading,
 *     trailing or double space), at most max_chars code points ("…" included) when cut;
 *   md_first_image: NULL or a relative or http(s) URL, percent-encoded (no byte that
 *     needs encoding).
 * The input is the source itself; its first byte also gives md_text's max_chars (0..63). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/markdown.h"
#include "base/text.h"

static void broken(const char *promise, const char *out, size_t at)
{
    fprintf(stderr, "fuzz_markdown: %s at byte %zu of:\n%s\n", promise, at, out);
    abort();
}

static const char *const tags[] = {"p",  "h2",  "h3", "h4",  "h5",   "h6", "blockquote",
                                   "ul", "ol",  "li", "pre", "code", "em", "strong",
                                   "a",  "img", "br", "hr",  NULL};
/* attributes each tag may have ("" none) */
static const char *allowed_attrs(const char *tag)
{
    if (!strcmp(tag, "a")) return " href title rel ";
    if (!strcmp(tag, "img")) return " src alt title loading ";
    if (!strcmp(tag, "ol")) return " start ";
    if (!strcmp(tag, "code")) return " class ";
    return " ";
}

/* The scheme of a URL as written (letters, digits, + - . before ':'), "" when relative. */
static void scheme_of(const char *u, size_t n, char *out, size_t cap)
{
    size_t i = 0;
    if (n && ((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')))
        while (i < n && (strchr("+-.", u[i]) || (u[i] >= 'a' && u[i] <= 'z') ||
                         (u[i] >= 'A' && u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9')))
            i++;
    if (i == 0 || i >= n || u[i] != ':' || i >= cap) i = 0;
    memcpy(out, u, i);
    out[i] = 0;
}

static void check_url(const char *html, size_t at, const char *tag, const char *v, size_t n,
                      bool *external)
{
    char s[64];
    scheme_of(v, n, s, sizeof s);
    *external =
        !strcasecmp(s, "http") || !strcasecmp(s, "https") || (n >= 2 && !strncmp(v, "//", 2));
    if (!*s || !strcasecmp(s, "http") || !strcasecmp(s, "https")) return;
    if (!strcmp(tag, "a") && (!strcasecmp(s, "mailto") || !strcasecmp(s, "tel"))) return;
    if (!strcmp(tag, "img") && !strcasecmp(s, "data")) {
        static const char *const ok[] = {"data:image/png", "data:image/gif", "data:image/jpeg",
                                         "data:image/webp"};
        for (int i = 0; i < 4; i++) {
            size_t k = strlen(ok[i]);
            if (n > k && !strncasecmp(v, ok[i], k) && (v[k] == ';' || v[k] == ',')) return;
        }
    }
    broken("a URL of a scheme not allowed", html, at);
}

static void check_html(const char *html)
{
    size_t len = strlen(html);
    if (!utf8_valid(html, len)) broken("md_html: not UTF-8", html, 0);
    static const char comment[] = "<!-- raw HTML omitted -->";
    for (const char *p = html; (p = strchr(p, '<'));) {
        size_t at = (size_t)(p - html);
        if (!strncmp(p, comment, sizeof comment - 1)) {
            p += sizeof comment - 1;
            continue;
        }
        p++;
        bool closing = *p == '/';
        if (closing) p++;
        char tag[16];
        size_t t = 0;
        while (((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) && t < sizeof tag - 1)
            tag[t++] = *p++;
        tag[t] = 0;
        bool known = false;
        for (int i = 0; tags[i] && !known; i++)
            known = !strcmp(tags[i], tag);
        if (!known) broken("md_html: a tag not of Markdown", html, at);
        const char *allowed = allowed_attrs(tag);
        bool external = false, has_rel = false, has_lazy = false, has_url = false;
        for (;;) {
            while (*p == ' ')
                p++;
            if (*p == '>' || (p[0] == '/' && p[1] == '>')) break;
            if (closing) broken("md_html: a closing tag with attributes", html, at);
            char name[24] = " ";
            size_t k = 1;
            while (((*p >= 'a' && *p <= 'z') || *p == '-') && k < sizeof name - 2)
                name[k++] = *p++;
            name[k] = ' ';
            name[k + 1] = 0;
            if (k == 1 || !strstr(allowed, name))
                broken("md_html: an attribute not allowed", html, at);
            if (p[0] != '=' || p[1] != '"') broken("md_html: an attribute not quoted", html, at);
            p += 2;
            const char *v = p, *end = strchr(p, '"');
            if (!end) broken("md_html: an attribute not closed", html, at);
            if (memchr(v, '<', (size_t)(end - v)) || memchr(v, '>', (size_t)(end - v)))
                broken("md_html: < or > in an attribute", html, at);
            if (!strcmp(name, " href ") || !strcmp(name, " src ")) {
                has_url = true;
                check_url(html, at, tag, v, (size_t)(end - v), &external);
            }
            if (!strcmp(name, " rel ")) has_rel = !strncmp(v, "nofollow noopener\"", 18);
            if (!strcmp(name, " loading ")) has_lazy = !strncmp(v, "lazy\"", 5);
            p = end + 1;
        }
        if (!closing && !strcmp(tag, "a") && (!has_url || external != has_rel))
            broken("md_html: a link's rel does not say whether it leaves the site", html, at);
        if (!strcmp(tag, "img") && (!has_url || !has_lazy))
            broken("md_html: an image without src or loading=\"lazy\"", html, at);
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *src = (const char *)data;
    char *html = md_html(src, size);
    if (!html) abort();
    check_html(html);
    free(html);

    size_t max = size ? data[0] % 64 : 0;
    char *text = md_text(src, size, max);
    if (!text) abort();
    size_t n = strlen(text);
    if (!utf8_valid(text, n)) broken("md_text: not UTF-8", text, 0);
    if (n && (text[0] == ' ' || text[n - 1] == ' '))
        broken("md_text: leading or trailing space", text, 0);
    for (size_t i = 0; i < n; i++)
        if ((text[i] >= '\t' && text[i] <= '\r') || (text[i] == ' ' && text[i + 1] == ' '))
            broken("md_text: white space not collapsed", text, i);
    if (max && utf8_chars(text) > max) broken("md_text: longer than max_chars", text, 0);
    free(text);

    char *img = md_first_image(src, size);
    if (img) {
        char s[64];
        scheme_of(img, strlen(img), s, sizeof s);
        if (*s && strcasecmp(s, "http") && strcasecmp(s, "https"))
            broken("md_first_image: not relative or http(s)", img, 0);
        for (const unsigned char *p = (const unsigned char *)img; *p; p++)
            if (*p <= ' ' || *p >= 0x7f || strchr("\"<>\\^`{|}", *p))
                broken("md_first_image: a byte not percent-encoded", img,
                       (size_t)(p - (unsigned char *)img));
        free(img);
    }
    return 0;
}
