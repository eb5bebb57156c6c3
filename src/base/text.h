/* Text rules for everything that comes in from outside: valid UTF-8 only, stored NFC,
 * and one folding used for search both when indexing and when querying. */
#ifndef NGV_TEXT_H
#define NGV_TEXT_H
#include "arena.h"
#include <stdbool.h>
#include <stddef.h>

bool utf8_valid(const char *s, size_t n);
size_t utf8_chars(const char *s); /* code points in a valid UTF-8 string */
/* NFC-normalised copy in the arena; NULL when s is not valid UTF-8. */
char *text_nfc(arena *a, const char *s);
/* Upper case, NFC ("Sở Ngoại vụ" -> "SỞ NGOẠI VỤ": a document's header); in the arena;
 * NULL when s is not valid UTF-8. */
char *text_upper(arena *a, const char *s);
/* Search folding: NFD, drop combining marks, case-fold, map đ/Đ to d, and turn every
 * character that is not a letter or digit into a space. "Đà Nẵng" -> "da nang". */
char *text_fold(arena *a, const char *s);
/* The sort key of s in Vietnamese alphabetical order (ICU's "vi" collation, CLDR: Đ
 * after D, Ê after E, tones secondary): keys compared bytewise (memcmp, then the shorter
 * first) sort as the texts do. In the arena; *len bytes; NULL for NULL. */
const unsigned char *text_sort_key(arena *a, const char *s, size_t *len);
/* The characters no text typed by a person holds, which the files made of it cannot carry
 * (XML 1.0 refuses them; a terminal acts on ESC): the C0 controls but tab, line feed and
 * carriage return; DEL; the C1 controls; U+FFFE and U+FFFF. Other systems' line breaks
 * among them are line breaks (\v, \f, U+0085 NEL): text_controls turns those into \n (in a
 * copy in a, or s itself when there are none) and returns 0, or the first other such
 * character's code point, *out left NULL. s is valid UTF-8. */
unsigned text_controls(arena *a, const char *s, const char **out);
/* Trims ASCII white space at both ends, in place; returns s. */
char *text_trim(char *s);
bool text_is_blank(const char *s);
#endif
