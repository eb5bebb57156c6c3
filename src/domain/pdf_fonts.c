/* The fonts of the PDFs (see pdf_fonts.h): a private FcConfig made once (pthread_once)
 * that knows only liberation2 and the Noto directories, and a pool of pango font maps
 * bound to it, guarded by a mutex: each font map is lent to one call at a time and kept,
 * with its font caches, for the next call (later calls are much faster than the first). */
#include "pdf_fonts.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static FcConfig *fonts_config;
static const char *fonts_err;

static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cv = PTHREAD_COND_INITIALIZER;
static PangoFontMap *pool_idle[PDF_FONTMAP_POOL];
static int pool_nidle, pool_made;

/* Whether the configuration has a Liberation Serif that covers Vietnamese (ế, U+1EBF). */
static bool has_vietnamese_serif(FcConfig *c)
{
    FcFontSet *fs = FcConfigGetFonts(c, FcSetApplication);
    for (int i = 0; fs && i < fs->nfont; i++) {
        FcChar8 *fam;
        FcCharSet *cs;
        if (FcPatternGetString(fs->fonts[i], FC_FAMILY, 0, &fam) == FcResultMatch &&
            !strcmp((const char *)fam, "Liberation Serif") &&
            FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch &&
            FcCharSetHasChar(cs, 0x1EBF))
            return true;
    }
    return false;
}

static void fonts_init(void)
{
    static const char *const dirs[] = {"/usr/share/fonts/truetype/liberation2",
                                       "/usr/share/fonts/truetype/noto",
                                       "/usr/share/fonts/opentype/noto"};
    /* no fonts, no rules: only where fc-cache keeps the directories' caches, so that the
     * fonts are read from them instead of being scanned (seconds for the CJK collections) */
    static const char caches[] = "<?xml version=\"1.0\"?><fontconfig>"
                                 "<cachedir>/var/cache/fontconfig</cachedir>"
                                 "<cachedir prefix=\"xdg\">fontconfig</cachedir></fontconfig>";
    FcConfig *c = FcConfigCreate();
    if (!c || !FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)caches, FcFalse)) {
        if (c) FcConfigDestroy(c);
        fonts_err = "fontconfig: cannot create a configuration";
        return;
    }
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        struct stat st;
        if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
            FcConfigAppFontAddDir(c, (const FcChar8 *)dirs[i]);
    }
    if (!has_vietnamese_serif(c)) {
        FcConfigDestroy(c);
        fonts_err = "no Liberation Serif with Vietnamese in "
                    "/usr/share/fonts/truetype/liberation2 (package fonts-liberation2)";
        return;
    }
    fonts_config = c;
}

/* An idle font map, a new one while there are fewer than PDF_FONTMAP_POOL, else the first
 * one given back. */
PangoFontMap *pdf_fontmap_take(const char **err)
{
    pthread_once(&fonts_once, fonts_init);
    if (fonts_err) {
        if (err) *err = fonts_err;
        return NULL;
    }
    PangoFontMap *fm = NULL;
    pthread_mutex_lock(&pool_mu);
    while (!pool_nidle && pool_made >= PDF_FONTMAP_POOL)
        pthread_cond_wait(&pool_cv, &pool_mu);
    if (pool_nidle)
        fm = pool_idle[--pool_nidle];
    else
        pool_made++;
    pthread_mutex_unlock(&pool_mu);
    if (fm) return fm;
    fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (fm) {
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), fonts_config);
        return fm;
    }
    pthread_mutex_lock(&pool_mu);
    pool_made--;
    pthread_cond_signal(&pool_cv);
    pthread_mutex_unlock(&pool_mu);
    if (err) *err = "pango: cannot create a font map";
    return NULL;
}

void pdf_fontmap_give(PangoFontMap *fm)
{
    if (!fm) return;
    pthread_mutex_lock(&pool_mu);
    pool_idle[pool_nidle++] = fm;
    pthread_cond_signal(&pool_cv);
    pthread_mutex_unlock(&pool_mu);
}

void pdf_fonts_release(void)
{
    pthread_mutex_lock(&pool_mu);
    while (pool_nidle)
        g_object_unref(pool_idle[--pool_nidle]);
    pool_made = 0;
    pthread_mutex_unlock(&pool_mu);
    if (fonts_config) FcConfigDestroy(fonts_config);
    fonts_config = NULL;
    fonts_err = NULL;
    fonts_once = (pthread_once_t)PTHREAD_ONCE_INIT;
    cairo_debug_reset_static_data();
}
