/* Image variants for the public bulletin (see image.h for what is guaranteed).
 *
 * The steps, for one upload:
 *   1. image_sniff() decides the type from the magic bytes; nothing else is tried.
 *   2. That type's loader reads the header only (libvips decodes lazily), sequential
 *      access and fail_on=error: width and height are checked against the limits here.
 *   3. vips_thumbnail_buffer() makes the widest variant: shrink-on-load for JPEG and
 *      WebP, the EXIF orientation applied, an embedded ICC profile converted to sRGB.
 *      It finds its loader by content too; the loader it used is checked against the
 *      sniffed type. The result is copied to memory: this is where the pixels are
 *      decoded, so a truncated or corrupt file fails here.
 *   4. The narrower variants are made from that copy, and every variant is encoded with
 *      "strip", which drops all metadata, EXIF, XMP, IPTC, ICC and comments.
 * libvips itself is thread-safe; nothing here is shared between calls but the libvips
 * state set up once by image_init(). */
#include "image.h"
#include "log.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

#define MSG_NOT_IMAGE "not an image (JPEG, PNG, WebP or GIF)"
#define MSG_TOO_LARGE "the image is too large (at most 40 megapixels and 12000 pixels a side)"
#define MSG_DAMAGED "the image file is damaged or incomplete"
#define MSG_ENCODE "the image could not be encoded"
#define MSG_NO_MEMORY "not enough memory for the image"
#define MSG_UNAVAILABLE "image processing is not available"
#define MSG_BAD_CALL "no image or no widths given"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_result = -1;

static void vips_to_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                        gpointer data)
{
    (void)domain, (void)level, (void)data;
    log_info("libvips: %s", message);
}

static void init_vips(void)
{
    if (VIPS_INIT("ngoaivu")) return;
    vips_cache_set_max(0); /* a server: no operation cache */
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    vips_concurrency_set(1);        /* the server has its own threads */
    vips_block_untrusted_set(TRUE); /* loaders libvips itself does not trust with input */
    /* libvips' own warnings (a damaged file: "invalid chunk type") go to the log, one line
     * each, not to standard error: the caller says what failed */
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO,
                      vips_to_log, NULL);
    init_result = 0;
}

int image_init(void)
{
    pthread_once(&init_once, init_vips);
    return init_result;
}

const char *image_sniff(const void *data, size_t n)
{
    const unsigned char *p = data;
    if (!p) return NULL;
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return "image/jpeg";
    if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1A\n", 8) == 0) return "image/png";
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0) return "image/webp";
    if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0)) return "image/gif";
    return NULL;
}

void image_variants_free(image_variant *out, int n)
{
    if (!out) return;
    for (int i = 0; i < n; i++) {
        free(out[i].data);
        memset(&out[i], 0, sizeof out[i]);
    }
}

static void set_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "%s", msg);
}

/* The header of the image, by the sniffed type's own loader; no pixels decoded yet.
 * The loaders only read the buffer (their prototypes are not const). */
static VipsImage *load_header(const char *mime, const void *data, size_t n)
{
    void *buf = (void *)data;
    VipsImage *im = NULL;
    int r = -1;
    if (strcmp(mime, "image/jpeg") == 0)
        r = vips_jpegload_buffer(buf, n, &im, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                 VIPS_FAIL_ON_ERROR, NULL);
    else if (strcmp(mime, "image/png") == 0)
        r = vips_pngload_buffer(buf, n, &im, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                VIPS_FAIL_ON_ERROR, NULL);
    else if (strcmp(mime, "image/webp") == 0)
        r = vips_webpload_buffer(buf, n, &im, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                 VIPS_FAIL_ON_ERROR, NULL);
    else if (strcmp(mime, "image/gif") == 0)
        r = vips_gifload_buffer(buf, n, &im, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                                VIPS_FAIL_ON_ERROR, NULL);
    return r ? NULL : im;
}

/* The nickname of the loader that must have read an image of this type. */
static const char *loader_for(const char *mime)
{
    if (strcmp(mime, "image/jpeg") == 0) return "jpegload_buffer";
    if (strcmp(mime, "image/png") == 0) return "pngload_buffer";
    if (strcmp(mime, "image/webp") == 0) return "webpload_buffer";
    return "gifload_buffer";
}

static bool loaded_by(VipsImage *im, const char *nickname)
{
    const char *loader = NULL;
    return vips_image_get_typeof(im, VIPS_META_LOADER) &&
           vips_image_get_string(im, VIPS_META_LOADER, &loader) == 0 && loader &&
           strcmp(loader, nickname) == 0;
}

/* True when the image has an alpha band that is not opaque everywhere. */
static bool has_transparency(VipsImage *im)
{
    if (!vips_image_hasalpha(im)) return false;
    double max;
    switch (vips_image_get_format(im)) {
    case VIPS_FORMAT_UCHAR:
        max = 255;
        break;
    case VIPS_FORMAT_USHORT:
        max = 65535;
        break;
    default:
        return true;
    }
    VipsImage *alpha = NULL;
    double min = 0;
    bool opaque = vips_extract_band(im, &alpha, vips_image_get_bands(im) - 1, NULL) == 0 &&
                  vips_min(alpha, &min, NULL) == 0 && min >= max;
    if (alpha) g_object_unref(alpha);
    return !opaque;
}

/* Encodes one variant (im may have been made from the widest one). */
static int encode(VipsImage *im, bool png, image_variant *v)
{
    VipsImage *flat = NULL, *eight = NULL;
    VipsImage *src = im;
    int r = -1;
    if (!png && vips_image_hasalpha(src)) { /* an alpha band that is opaque: drop it */
        if (vips_extract_band(src, &flat, 0, "n", vips_image_get_bands(src) - 1, NULL)) goto done;
        src = flat;
    }
    if (vips_image_get_format(src) != VIPS_FORMAT_UCHAR) { /* 16-bit PNG: 8 bits a sample */
        int bands = vips_image_get_bands(src) - (vips_image_hasalpha(src) ? 1 : 0);
        VipsInterpretation to = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
        if (vips_colourspace(src, &eight, to, NULL)) goto done;
        src = eight;
    }
    void *buf = NULL;
    size_t len = 0;
    if (png)
        r = vips_pngsave_buffer(src, &buf, &len, "compression", 6, "strip", TRUE, NULL);
    else
        r = vips_jpegsave_buffer(src, &buf, &len, "Q", 82, "strip", TRUE, "interlace", TRUE,
                                 "optimize_coding", TRUE, NULL);
    if (r == 0) {
        /* into the C library's heap: the caller frees with free() */
        v->data = malloc(len ? len : 1);
        if (v->data) {
            memcpy(v->data, buf, len);
            v->len = len;
            v->width = vips_image_get_width(src);
            v->height = vips_image_get_height(src);
            v->mime = png ? "image/png" : "image/jpeg";
        } else {
            r = -2;
        }
    }
    g_free(buf);
done:
    if (flat) g_object_unref(flat);
    if (eight) g_object_unref(eight);
    return r;
}

int image_variants(const void *data, size_t n, const int *widths, int nwidths, image_variant *out,
                   char *err, size_t errlen)
{
    const char *msg = NULL;
    VipsImage *header = NULL, *big = NULL, *mem = NULL;
    if (out && nwidths > 0) memset(out, 0, (size_t)nwidths * sizeof *out);
    set_err(err, errlen, "");

    int maxw = 0;
    for (int i = 0; widths && i < nwidths; i++) {
        if (widths[i] <= 0 || widths[i] > VIPS_MAX_COORD) {
            maxw = 0;
            break;
        }
        if (widths[i] > maxw) maxw = widths[i];
    }
    if (!data || !out || maxw == 0) {
        set_err(err, errlen, MSG_BAD_CALL);
        return -1;
    }
    const char *mime = image_sniff(data, n);
    if (!mime) {
        set_err(err, errlen, MSG_NOT_IMAGE);
        return -1;
    }
    if (image_init() != 0) {
        set_err(err, errlen, MSG_UNAVAILABLE);
        return -1;
    }

    /* 2: the limits, from the header */
    if (!(header = load_header(mime, data, n))) {
        msg = MSG_DAMAGED;
        goto fail;
    }
    int64_t w = vips_image_get_width(header), h = vips_image_get_height(header);
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > IMAGE_MAX_PIXELS) {
        msg = MSG_TOO_LARGE;
        goto fail;
    }
    bool icc = vips_image_get_typeof(header, VIPS_META_ICC_NAME) != 0;
    g_object_unref(header);
    header = NULL;

    /* 3: the widest variant, decoded into memory */
    /* fail_on goes in the loader's option string: 8.14 does not pass thumbnail_buffer's
     * own fail_on on to the loader. A profile is converted to sRGB (the saved variants
     * carry none); an unreadable one is taken as sRGB. */
    const char *opts = "fail_on=error";
    int r = icc ? vips_thumbnail_buffer((void *)data, n, &big, maxw, "height", VIPS_MAX_COORD,
                                        "size", VIPS_SIZE_DOWN, "option_string", opts,
                                        "import_profile", "srgb", "export_profile", "srgb", NULL)
                : vips_thumbnail_buffer((void *)data, n, &big, maxw, "height", VIPS_MAX_COORD,
                                        "size", VIPS_SIZE_DOWN, "option_string", opts, NULL);
    if (r || !loaded_by(big, loader_for(mime)) || !(mem = vips_image_copy_memory(big))) {
        msg = MSG_DAMAGED;
        goto fail;
    }
    g_object_unref(big);
    big = NULL;
    bool png = has_transparency(mem);

    /* 4: each width, from the widest; an equal size is a copy of the earlier one */
    for (int i = 0; i < nwidths; i++) {
        int want = widths[i] < vips_image_get_width(mem) ? widths[i] : vips_image_get_width(mem);
        int same = -1;
        for (int j = 0; j < i && same < 0; j++)
            if (out[j].width == want) same = j;
        if (same >= 0) {
            out[i] = out[same];
            if (!(out[i].data = malloc(out[i].len ? out[i].len : 1))) {
                msg = MSG_NO_MEMORY;
                goto fail;
            }
            memcpy(out[i].data, out[same].data, out[i].len);
            continue;
        }
        VipsImage *small = NULL;
        if (want < vips_image_get_width(mem)) {
            if (vips_thumbnail_image(mem, &small, want, "height", VIPS_MAX_COORD, "size",
                                     VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL)) {
                msg = MSG_ENCODE;
                goto fail;
            }
        } else {
            small = mem;
            g_object_ref(small);
        }
        int e = encode(small, png, &out[i]);
        g_object_unref(small);
        if (e) {
            msg = e == -2 ? MSG_NO_MEMORY : MSG_ENCODE;
            goto fail;
        }
    }
    g_object_unref(mem);
    vips_thread_shutdown(); /* per-thread buffers: server threads may come and go */
    return 0;

fail:
    if (header) g_object_unref(header);
    if (big) g_object_unref(big);
    if (mem) g_object_unref(mem);
    image_variants_free(out, nwidths);
    vips_error_clear(); /* the message is ours; libvips' buffer is shared and bounded */
    vips_thread_shutdown();
    set_err(err, errlen, msg);
    return -1;
}
