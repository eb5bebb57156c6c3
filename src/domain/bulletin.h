/* The foreign-affairs bulletin (tập san đối ngoại): categories, numbered issues, articles in
 * Markdown in Vietnamese and English (Lao and Khmer optional) with their images, the
 * publication workflow with a time, and readers' comments held for moderation (bulletin.c).
 * The public pages are web/ui_public.c. */
#ifndef NGV_BULLETIN_H
#define NGV_BULLETIN_H
#include "records.h"

extern const entity bulletin_category_entity;
extern const entity bulletin_issue_entity;
extern const entity article_entity;
extern const entity comment_entity;

/* The languages an article may be written in, the first its required one. */
enum { BULLETIN_LANGS = 4 };
extern const char *const bulletin_langs[BULLETIN_LANGS]; /* "vi", "en", "lo", "km" */
/* "vi" -> 0 ... "km" -> 3; -1 for any other. */
int bulletin_lang(const char *code);
/* The article's field in that language ("title", 2 -> "title_lo"): its value, or NULL. */
const char *article_text(const record *a, const char *base, int lang);
/* Whether the article is written in that language (its title and body are). */
bool article_has_lang(const record *a, int lang);

/* Now in the province's time, as publication times are written: "YYYY-MM-DD HH:MM". */
const char *bulletin_now(char out[17]);
/* The filters of what readers see: articles published, their time come (as of now). */
void bulletin_public_filter(list_query *q, const char *now);
/* The earliest publication time still to come of an article published for later, into out
 * ("" when none): when it comes, what readers see changes without a write. 0, or -1. */
int bulletin_next_publication(ctx *x, const char *now, char out[17]);

/* A URL word from a text: "Đoàn công tác tỉnh Attapeu" -> "doan-cong-tac-tinh-attapeu"
 * (ASCII letters, digits and hyphens, at most 80 characters), "" when none is left. */
char *bulletin_slug(arena *a, const char *text);
/* The tags of an article, each as a slug, in the order written (at most max). */
int article_tags(arena *a, const record *r, const char **slugs, const char **names, int max);

/* A reader's comment from the public form: written as pending (moderation), its links
 * noted. RS_OK, RS_INVALID (ve names the fields), RS_NOTFOUND (no such article open to
 * readers), RS_ERROR. */
rstatus comment_add(ctx *x, long long article_id, const char *name, const char *email,
                    const char *body, verrs *ve);
/* Whether a text holds a link (http://, https://, www., or a bare domain with a path). */
bool text_has_link(const char *s);

/* A new draft article from a record (a delegation reported, an agreement signed, a trade
 * report, a project): its title, summary and body filled from the record's facts, with a
 * link back; the record named in source_table/source_id. RS_OK with *id, RS_NOTFOUND, RS_
 * FORBIDDEN, RS_INVALID (that type has no article), RS_ERROR. */
rstatus article_from_record(ctx *x, const entity *e, long long rid, long long *id);
/* Whether articles can be started from records of type e. */
bool article_source_ok(const entity *e);
#endif
