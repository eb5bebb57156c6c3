/* Images uploaded by staff for the articles of the public bulletin (libvips).
 *
 * Guarantees:
 *   - the type is decided by the content (magic bytes), never by a name or a claimed
 *     type; only JPEG, PNG, WebP and GIF (its first frame) are decoded, each by its own
 *     libvips loader;
 *   - an image over 40 megapixels or 12000 pixels a side is refused from its header,
 *     before any pixel is decoded; a truncated or corrupt file is an error, never a
 *     partly grey image;
 *   - the EXIF orientation is applied, an embedded ICC profile is converted to sRGB, and
 *     then all metadata is removed: the variants carry no EXIF (GPS, camera serials),
 *     XMP, IPTC, ICC profile or comments;
 *   - the variants are never wider than the original (no upscaling).
 * All functions are safe to call from several threads at once. */
#ifndef NGV_IMAGE_H
#define NGV_IMAGE_H
#include <stddef.h>

#define IMAGE_MAX_PIXELS 40000000LL /* 40 megapixels */
#define IMAGE_MAX_SIDE 12000

/* Once per process (further calls only return the first result): starts libvips with
 * no operation cache, one worker thread per pipeline (the server has its own threads)
 * and libvips' "untrusted" loaders blocked. Called by image_variants() as needed.
 * 0 or -1. */
int image_init(void);

/* "image/jpeg", "image/png", "image/webp" or "image/gif" from the first bytes, or NULL. */
const char *image_sniff(const void *data, size_t n);

typedef struct {
    int width, height;
    const char *mime;    /* "image/jpeg" or "image/png" (static) */
    unsigned char *data; /* malloc'd */
    size_t len;
} image_variant;

/* For each widths[i], out[i] gets the image at width min(widths[i], original width),
 * the aspect ratio kept (equal sizes still fill every entry). JPEG (quality 82,
 * progressive) when the image has no transparency, PNG (compression 6) when it has.
 * Returns 0, or -1 with out[] all zero and a message in err (English, one of a fixed
 * few sentences, for the caller to translate; err may be NULL). */
int image_variants(const void *data, size_t n, const int *widths, int nwidths, image_variant *out,
                   char *err, size_t errlen);

/* Frees out[0..n-1]'s data and zeroes them. */
void image_variants_free(image_variant *out, int n);
#endif
