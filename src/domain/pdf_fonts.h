/* The fonts of the PDFs drawn with pango on cairo (doc_pdf.c, issue_pdf.c): one private
 * fontconfig configuration, made once per process, and a small pool of pango font maps
 * bound to it.
 *
 * Debian has two "Liberation Serif": 1.07 (fonts-liberation, no Vietnamese) and 2.x
 * (fonts-liberation2). Which one the system's fontconfig prefers is no concern here: the
 * configuration knows only /usr/share/fonts/truetype/liberation2 and the Noto directories
 * (/usr/share/fonts/truetype/noto, /usr/share/fonts/opentype/noto), reads them from the
 * caches fc-cache keeps (/var/cache/fontconfig, ~/.cache/fontconfig) and has no rules. Text
 * in Lao, Khmer, Thai or CJK is drawn with the Noto fonts that PDF_FAMILIES names after
 * Liberation Serif (and pango falls back through that configuration for anything else).
 *
 * Guarantees:
 *   - pdf_fontmap_take() fails (NULL, a message) unless there is a Liberation Serif that
 *     covers Vietnamese;
 *   - a font map is lent to one caller at a time (a pango font map must not be used by
 *     two threads at once); at most PDF_FONTMAP_POOL exist, a caller beyond that waits
 *     for one to be given back; given back, it is kept for the next caller, its font
 *     caches warm;
 *   - all functions are safe to call from several threads at once, but
 *     pdf_fonts_release(), which must be called when no PDF is being drawn. */
#ifndef NGV_PDF_FONTS_H
#define NGV_PDF_FONTS_H
#include <pango/pango.h>

#define PDF_FONTMAP_POOL 8

/* The families of the text (serif) and of code (monospace), in pango's list syntax. */
#define PDF_FAMILIES                                                                               \
    "Liberation Serif,Noto Sans Lao,Noto Sans Khmer,Noto Sans Thai,Noto Sans CJK JP"
#define PDF_MONO_FAMILIES                                                                          \
    "Liberation Mono,Noto Sans Lao,Noto Sans Khmer,Noto Sans Thai,Noto Sans CJK JP"

/* A pango cairo font map (FreeType) bound to the private configuration, for the caller
 * alone until pdf_fontmap_give(). NULL with *err set (a static English sentence, e.g.
 * "pango: cannot create a font map") when there is none; err may be NULL. The first call
 * of the process makes the configuration. */
PangoFontMap *pdf_fontmap_take(const char **err);

/* Gives back a font map from pdf_fontmap_take() (NULL: nothing). */
void pdf_fontmap_give(PangoFontMap *fm);

/* Frees the idle font maps, the configuration and cairo's static data, when no PDF is
 * being drawn: at the end of a process, so that a leak checker sees only leaks. The next
 * pdf_fontmap_take() starts again. */
void pdf_fonts_release(void);
#endif
