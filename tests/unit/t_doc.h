/* What the tests of the document formats share (t_doc.c): the sample documents, the pages
 * of a PDF, and the check that a renderer gives the same bytes from several threads. */
#ifndef NGV_T_DOC_H
#define NGV_T_DOC_H
#include <jansson.h>

#include "base/buf.h"

#define DOC_SAMPLE NGV_SOURCE_DIR "/tests/unit/data/doc-sample.json"
#define ISSUE_SAMPLE NGV_SOURCE_DIR "/tests/unit/data/issue-sample.json"

/* The JSON file at path (a new reference), or NULL with the reason on stderr. */
json_t *t_load_json(const char *path);
/* The "/Type /Page" objects of a PDF (not "/Type /Pages"). */
int t_pdf_pages(const buf *b);
/* A renderer of doc into out, as doc_pdf, doc_docx, doc_xlsx are. */
typedef int (*t_draw)(const json_t *doc, buf *out, char *err, size_t errlen);
/* How many of threads x times renders of doc, each in a thread of its own at once, give the
 * same bytes as one render first (threads * times when all do; 0 when the first fails). */
int t_same_in_threads(t_draw draw, const json_t *doc, int threads, int times);
#endif
