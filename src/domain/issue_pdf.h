/* The printable PDF of a whole issue of the public bulletin (tập san đối ngoại): a cover
 * with the issue's introduction and table of contents, then each article from a new page,
 * its Markdown body set from the CommonMark tree (cmark), drawn with pango on cairo.
 *
 * The issue, one JSON value (every key present unless marked optional; texts are plain
 * text but "markdown"; null is taken as absent for the optional keys):
 *   {
 *     "lang": "vi",                          the issue's language: the PDF's own words
 *                                            (contents, page, the date) in Vietnamese for
 *                                            "vi", else in English
 *     "title": "Tập san đối ngoại số 3",
 *     "publisher": "Sở Ngoại vụ tỉnh Quảng Ngãi",
 *     "date": "2026-12-05",                  "YYYY-MM-DD": the cover and the metadata
 *     "intro": "...",                        optional: "\n\n" between paragraphs, "\n" a
 *                                            line break
 *     "url": "https://...",                  optional: printed on the cover
 *     "articles": [{
 *       "title": "...", "category": "Tin tức", "date": "05/12/2026" (shown as it is),
 *       "author": "...", "summary": "...",   optional
 *       "lang": "lo",                        optional: the article's language (pango's
 *                                            language tag; default the issue's)
 *       "image": "/bulletin/images/<sha>/960",  optional: the lead image's URL
 *       "markdown": "..."                    the body (CommonMark; raw HTML is dropped)
 *     }, ...]
 *   }
 *
 * Images (the lead image and those of the Markdown) come from the caller: image(arg, url,
 * out) appends the image file's bytes to out (an empty buffer) and returns 0, or returns
 * -1 when there is none. Only JPEG and PNG are drawn; an image that is missing, of another
 * type, too large or corrupt is left out silently. image may be NULL (no images). It is
 * called at most once for each URL, from the calling thread.
 *
 * issue_pdf appends the whole file to out and returns 0, or returns -1 with an English
 * message in err (err may be NULL) and out as it was. Guarantees: any JSON value is safe
 * (a wrong one gives -1, never a crash); text from the issue is never taken as markup;
 * the same issue (and images) gives the same bytes (nothing comes from the clock: the
 * metadata's dates are the issue's "date"); safe to call from several threads at once
 * (the fonts are those of pdf_fonts.h, released with doc_pdf_release()). */
#ifndef NGV_ISSUE_PDF_H
#define NGV_ISSUE_PDF_H
#include <jansson.h>
#include <stddef.h>

#include "../base/buf.h"

#define ISSUE_PDF_CTYPE "application/pdf"

int issue_pdf(const json_t *issue, int (*image)(void *arg, const char *url, buf *out), void *arg,
              buf *out, char *err, size_t errlen);
#endif
