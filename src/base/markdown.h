/* Markdown (CommonMark, via cmark) for the articles of the public bulletin: staff write
 * them, strangers read them, so everything here is safe to put on a public page.
 *
 * Guarantees of md_html:
 *   - raw HTML in the source never reaches the output (it becomes an HTML comment);
 *   - link and image URLs are percent-encoded and HTML-escaped; a link keeps its URL only
 *     when it is relative or http(s)/mailto/tel, an image only when it is relative,
 *     http(s) or a data:image/png|gif|jpeg|webp URL (others are emptied);
 *   - invalid UTF-8 becomes U+FFFD, a NUL byte too;
 *   - links to other sites (http:, https:, //) carry rel="nofollow noopener", images
 *     loading="lazy";
 *   - headings start at <h2> (the article's title is the page's <h1>): # is h2, ## h3,
 *     ... and ##### and ###### are both h6.
 * Quotes and dashes are kept as typed (no "smart" punctuation).
 *
 * All functions take the source as bytes (n of them, NUL bytes allowed), return a
 * malloc'd NUL-terminated string the caller frees, and are safe to call from several
 * threads at once (each call has its own document). */
#ifndef NGV_MARKDOWN_H
#define NGV_MARKDOWN_H
#include <stddef.h>

/* CommonMark -> HTML fragment. NULL only when memory runs out. */
char *md_html(const char *src, size_t n);

/* The plain text (for search, excerpts, feed summaries, meta descriptions): the text of
 * paragraphs, headings, list items, link texts, image descriptions, inline code and code
 * blocks, one space between blocks, white space collapsed, no markup, no raw HTML.
 * When max_chars > 0 and the text is longer, it is cut at a word boundary and "…" is
 * appended; the result, "…" included, has at most max_chars code points. NULL only
 * when memory runs out. */
char *md_text(const char *src, size_t n, size_t max_chars);

/* The URL of the first image whose URL is relative or http(s) (data: and other schemes
 * are skipped), percent-encoded as md_html writes it but not HTML-escaped (escape it for
 * its context; make a relative one absolute for Open Graph). NULL when there is none. */
char *md_first_image(const char *src, size_t n);
#endif
