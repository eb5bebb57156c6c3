/* base/markdown and base/image: what the public bulletin relies on. Markdown from staff
 * renders without raw HTML or script URLs, headings start at h2, the plain text is
 * clean and cut at a word; uploaded images are typed by content, refused when too large
 * or damaged, resized without upscaling, and lose their metadata. The test images are
 * made here with libvips itself. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <vips/vips.h>
#include <zlib.h>

#include "base/image.h"
#include "base/markdown.h"
#include "t.h"

/* ---- markdown */

static char *html_of(const char *md)
{
    return md_html(md, strlen(md));
}

static void md_html_drops_raw_html_and_script_urls(void)
{
    char *h = html_of("<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> b\n\n"
                      "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) "
                      "[z](java&#9;script:alert(1)) [w](vbscript:x) [d](data:text/html,x)\n");
    CHECK(h != NULL);
    if (!h) return;
    CHECK(strstr(h, "<script") == NULL);
    CHECK(strstr(h, "onerror") == NULL);
    CHECK(strstr(h, "<img") == NULL);
    CHECK(strstr(h, "javascript:") == NULL && strstr(h, "JAVASCRIPT:") == NULL);
    CHECK(strstr(h, "vbscript:") == NULL && strstr(h, "data:") == NULL);
    CHECK(strstr(h, "<a href=\"\">x</a>") != NULL);
    free(h);

    h = html_of("[a](\"onmouseover=alert(1)) ![b](x.png \"t\\\" onload=\\\"x\")\n");
    CHECK(h && strstr(h, "\" onmouseover") == NULL && strstr(h, "\" onload") == NULL);
    free(h);
}

static void md_html_links_images_and_headings(void)
{
    char *h = html_of("# A\n\n## B\n\n###### F\n");
    CHECK_STR(h, "<h2>A</h2>\n<h3>B</h3>\n<h6>F</h6>\n");
    free(h);

    h = html_of(
        "[ngoài](https://example.com/a?b=1&c=2) [trong](/bai-viet/1) [mail](mailto:a@b.vn)\n");
    CHECK_STR(h,
              "<p><a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow noopener\">ngoài</a>"
              " <a href=\"/bai-viet/1\">trong</a> <a href=\"mailto:a@b.vn\">mail</a></p>\n");
    free(h);

    h = html_of("![Ảnh *hội nghị*](/anh/1.jpg \"Hội nghị\")\n");
    CHECK_STR(h, "<p><img src=\"/anh/1.jpg\" alt=\"Ảnh hội nghị\" title=\"Hội nghị\" "
                 "loading=\"lazy\" /></p>\n");
    free(h);
}

static void md_html_keeps_vietnamese_and_survives_bad_utf8(void)
{
    char *h = html_of("Tỉnh Quảng Ngãi \"x\" -- y\n");
    CHECK_STR(h, "<p>Tỉnh Quảng Ngãi &quot;x&quot; -- y</p>\n");
    free(h);

    const char bad[] = "a\xFF\xC3 b\0c\n";
    h = md_html(bad, sizeof bad - 1);
    CHECK_STR(h, "<p>a\xEF\xBF\xBD\xEF\xBF\xBD b\xEF\xBF\xBD"
                 "c</p>\n");
    free(h);
    h = md_html("", 0);
    CHECK_STR(h, "");
    free(h);
}

static void md_text_is_plain_and_cut_at_a_word(void)
{
    const char *md = "# Tiêu đề\n\nĐoạn **một** và `mã`.";
    char *t = md_text(md, strlen(md), 0);
    CHECK_STR(t, "Tiêu đề Đoạn một và mã.");
    free(t);
    t = md_text(md, strlen(md), 23); /* exactly as long: not cut */
    CHECK_STR(t, "Tiêu đề Đoạn một và mã.");
    free(t);
    t = md_text(md, strlen(md), 15); /* "…" included in the 15 */
    CHECK_STR(t, "Tiêu đề Đoạn…");
    free(t);

    md = "- a\n- b\n\n```\nx  =  1\n```\n\n> [link](http://x.vn) <b>raw</b>\n\n<div>block</div>\n";
    t = md_text(md, strlen(md), 0);
    CHECK_STR(t, "a b x = 1 link raw");
    free(t);
}

static void md_first_image_skips_unusable_urls(void)
{
    const char *md = "Chữ ![a](javascript:x) ![b](data:image/png;base64,AA) ![c](</anh/ảnh 1.jpg>) "
                     "![d](/d.png)";
    char *u = md_first_image(md, strlen(md));
    CHECK_STR(u, "/anh/%E1%BA%A3nh%201.jpg");
    free(u);
    CHECK(md_first_image("no image", 8) == NULL);
}

/* ---- images */

static void image_sniff_by_magic(void)
{
    CHECK_STR(image_sniff("\xFF\xD8\xFF\xE0", 4), "image/jpeg");
    CHECK_STR(image_sniff("\x89PNG\r\n\x1A\n", 8), "image/png");
    CHECK_STR(image_sniff("RIFF\x10\0\0\0WEBPVP8 ", 16), "image/webp");
    CHECK_STR(image_sniff("GIF89a", 6), "image/gif");
    CHECK(image_sniff("\x89PNG", 4) == NULL);
    CHECK(image_sniff("<svg xmlns=", 11) == NULL);
    CHECK(image_sniff("RIFF\x10\0\0\0WAVE", 12) == NULL);
    CHECK(image_sniff(NULL, 0) == NULL);
}

#define SECRET "NGV-SECRET-7d1f"

/* A w x h sRGB test image (a gradient, bands 3 or 4, alpha 128), with an EXIF Artist
 * and XMP holding SECRET, saved in format ("jpeg" or "png") without stripping. */
static unsigned char *make_image(const char *format, int w, int h, int bands, int orientation,
                                 size_t *len)
{
    VipsImage *xy = NULL, *x = NULL, *y = NULL, *rgb = NULL, *img = NULL, *u8 = NULL, *out = NULL;
    void *buf = NULL;
    *len = 0;
    int fail = image_init() || vips_xyz(&xy, w, h, NULL) || vips_extract_band(xy, &x, 0, NULL) ||
               vips_extract_band(xy, &y, 1, NULL);
    if (!fail) {
        VipsImage *parts[4] = {x, y, x, y};
        fail = vips_bandjoin(parts, &rgb, bands, NULL);
    }
    if (!fail) { /* alpha (band 4) at 128 */
        double a[4] = {255.0 / w, 255.0 / h, 0.5, 0}, b[4] = {0, 0, 0, 128};
        fail = vips_linear(rgb, &img, a, b, bands, NULL) || vips_cast_uchar(img, &u8, NULL) ||
               vips_copy(u8, &out, "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    }
    if (!fail) {
        static const char xmp[] = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>" SECRET "</x:xmpmeta>";
        vips_image_set_string(out, "exif-ifd0-Artist", SECRET);
        vips_image_set_blob_copy(out, VIPS_META_XMP_NAME, xmp, sizeof xmp - 1);
        vips_image_set_string(out, "png-comment-0-Comment", SECRET);
        if (orientation) vips_image_set_int(out, VIPS_META_ORIENTATION, orientation);
        fail = strcmp(format, "png") == 0    ? vips_pngsave_buffer(out, &buf, len, NULL)
               : strcmp(format, "webp") == 0 ? vips_webpsave_buffer(out, &buf, len, NULL)
                                             : vips_jpegsave_buffer(out, &buf, len, "Q", 95, NULL);
    }
    VipsImage *all[] = {xy, x, y, rgb, img, u8, out};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (all[i]) g_object_unref(all[i]);
    if (fail) {
        g_free(buf);
        return NULL;
    }
    unsigned char *copy = malloc(*len);
    if (copy) memcpy(copy, buf, *len);
    g_free(buf);
    return copy;
}

/* True when the JPEG has only an APP0 (JFIF) before its scan: no EXIF/XMP (APP1), ICC
 * (APP2), IPTC (APP13) or other APPn segment, no comment. */
static int jpeg_has_no_metadata(const unsigned char *p, size_t n)
{
    if (n < 4 || p[0] != 0xFF || p[1] != 0xD8) return 0;
    for (size_t i = 2; i + 4 <= n;) {
        if (p[i] != 0xFF) return 0;
        unsigned m = p[i + 1];
        if (m == 0xDA) return 1; /* start of scan */
        if ((m >= 0xE1 && m <= 0xEF) || m == 0xFE) return 0;
        i += 2 + ((size_t)p[i + 2] << 8 | p[i + 3]);
    }
    return 0;
}

/* True when the PNG has no eXIf, iCCP, tEXt, zTXt or iTXt chunk. */
static int png_has_no_metadata(const unsigned char *p, size_t n)
{
    if (n < 8 || memcmp(p, "\x89PNG\r\n\x1A\n", 8) != 0) return 0;
    for (size_t i = 8; i + 12 <= n;) {
        size_t len = (size_t)p[i] << 24 | p[i + 1] << 16 | p[i + 2] << 8 | p[i + 3];
        const unsigned char *type = p + i + 4;
        for (const char *bad = "eXIfiCCPtEXtzTXtiTXt"; *bad; bad += 4)
            if (memcmp(type, bad, 4) == 0) return 0;
        if (memcmp(type, "IEND", 4) == 0) return 1;
        i += 12 + len;
    }
    return 0;
}

static int clean(const image_variant *v)
{
    if (!v->data || memmem(v->data, v->len, SECRET, strlen(SECRET)) ||
        memmem(v->data, v->len, "Exif", 4) || memmem(v->data, v->len, "xmpmeta", 7))
        return 0;
    return strcmp(v->mime, "image/png") == 0 ? png_has_no_metadata(v->data, v->len)
                                             : jpeg_has_no_metadata(v->data, v->len);
}

static void image_variants_of_jpeg_and_png(void)
{
    CHECK(image_init() == 0);
    CHECK(image_init() == 0);
    size_t jlen, plen;
    unsigned char *jpeg = make_image("jpeg", 800, 600, 3, 0, &jlen);
    unsigned char *png = make_image("png", 800, 400, 4, 0, &plen);
    CHECK(jpeg && png);
    if (!jpeg || !png) goto done;
    /* the inputs do carry the metadata */
    CHECK(memmem(jpeg, jlen, "Exif", 4) && memmem(jpeg, jlen, SECRET, strlen(SECRET)));
    CHECK(!jpeg_has_no_metadata(jpeg, jlen));
    CHECK(!png_has_no_metadata(png, plen)); /* the comment and XMP, as zTXt */

    int widths[] = {320, 1280, 2000};
    image_variant v[3];
    char err[200];
    CHECK(image_variants(jpeg, jlen, widths, 3, v, err, sizeof err) == 0);
    CHECK(v[0].width == 320 && v[0].height == 240);
    CHECK(v[1].width == 800 && v[1].height == 600);
    CHECK(v[2].width == 800 && v[2].height == 600 && v[2].data != v[1].data);
    for (int i = 0; i < 3; i++) {
        CHECK_STR(v[i].mime, "image/jpeg");
        CHECK(clean(&v[i]));
        CHECK_STR(image_sniff(v[i].data, v[i].len), "image/jpeg");
    }
    image_variants_free(v, 3);
    CHECK(v[0].data == NULL);

    CHECK(image_variants(png, plen, widths, 2, v, err, sizeof err) == 0);
    CHECK(v[0].width == 320 && v[0].height == 160);
    CHECK(v[1].width == 800 && v[1].height == 400);
    for (int i = 0; i < 2; i++) {
        CHECK_STR(v[i].mime, "image/png"); /* it has transparency */
        CHECK(clean(&v[i]));
        CHECK_STR(image_sniff(v[i].data, v[i].len), "image/png");
    }
    image_variants_free(v, 2);
done:
    free(jpeg);
    free(png);
}

static void image_variants_rotate_and_other_types(void)
{
    size_t len;
    image_variant v[1];
    char err[200];
    int w320[] = {320};
    /* EXIF orientation 6: stored 800x400, shown 400x800 */
    unsigned char *jpeg = make_image("jpeg", 800, 400, 3, 6, &len);
    CHECK(jpeg && image_variants(jpeg, len, w320, 1, v, err, sizeof err) == 0);
    CHECK(v[0].width == 320 && v[0].height == 640 && clean(&v[0]));
    image_variants_free(v, 1);
    free(jpeg);

    /* an opaque PNG becomes a JPEG */
    unsigned char *png = make_image("png", 640, 480, 3, 0, &len);
    CHECK(png && image_variants(png, len, w320, 1, v, err, sizeof err) == 0);
    CHECK(v[0].width == 320 && v[0].height == 240);
    CHECK_STR(v[0].mime, "image/jpeg");
    CHECK(clean(&v[0]));
    image_variants_free(v, 1);
    free(png);

    unsigned char *webp = make_image("webp", 640, 480, 4, 0, &len);
    CHECK(webp && image_variants(webp, len, w320, 1, v, err, sizeof err) == 0);
    CHECK(v[0].width == 320 && v[0].height == 240);
    CHECK_STR(v[0].mime, "image/png");
    CHECK(clean(&v[0]));
    image_variants_free(v, 1);
    free(webp);

    /* a 2x1 GIF, written out by hand */
    static const unsigned char gif[] = {'G', 'I',  'F', '8', '9', 'a', 2,    0,    1,    0, 0x80, 0,
                                        0,   0xFF, 0,   0,   0,   0,   0xFF, ',',  0,    0, 0,    0,
                                        2,   0,    1,   0,   0,   2,   2,    0x44, 0x0A, 0, ';'};
    CHECK(image_variants(gif, sizeof gif, w320, 1, v, err, sizeof err) == 0);
    CHECK(v[0].width == 2 && v[0].height == 1 && v[0].mime != NULL);
    image_variants_free(v, 1);
}

static void put32(unsigned char *p, uint32_t x)
{
    p[0] = x >> 24, p[1] = x >> 16, p[2] = x >> 8, p[3] = x;
}

/* A PNG chunk at p (length, type, data, CRC); returns its size. */
static size_t png_chunk(unsigned char *p, const char *type, const void *data, size_t n)
{
    put32(p, (uint32_t)n);
    memcpy(p + 4, type, 4);
    if (n) memcpy(p + 8, data, n);
    put32(p + 8 + n, (uint32_t)crc32(0, p + 4, (uInt)(4 + n)));
    return 12 + n;
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* libvips warns on stderr about the damaged files it is given here: not a failure */
static void swallow_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain, (void)level, (void)msg, (void)data;
}

static void image_variants_refuse_bad_input(void)
{
    int widths[] = {320, 1280};
    image_variant v[2];
    char err[200];
    guint quiet = g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, swallow_log, NULL);

    unsigned char noise[4096];
    srand(7);
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (unsigned char)rand();
    noise[0] = 'x';
    CHECK(image_variants(noise, sizeof noise, widths, 2, v, err, sizeof err) == -1);
    CHECK_STR(err, "not an image (JPEG, PNG, WebP or GIF)");
    CHECK(v[0].data == NULL && v[1].data == NULL);
    noise[0] = 0xFF, noise[1] = 0xD8, noise[2] = 0xFF; /* JPEG magic, then noise */
    CHECK(image_variants(noise, sizeof noise, widths, 2, v, err, sizeof err) == -1);
    CHECK_STR(err, "the image file is damaged or incomplete");

    size_t len;
    unsigned char *jpeg = make_image("jpeg", 800, 600, 3, 0, &len);
    CHECK(jpeg != NULL);
    if (jpeg) {
        CHECK(image_variants(jpeg, len / 2, widths, 2, v, err, sizeof err) == -1);
        CHECK_STR(err, "the image file is damaged or incomplete");
        CHECK(v[0].data == NULL && v[1].data == NULL);
    }
    free(jpeg);
    unsigned char *png = make_image("png", 800, 600, 3, 0, &len);
    CHECK(png != NULL);
    if (png) {
        CHECK(image_variants(png, len - 40, widths, 2, v, err, sizeof err) == -1);
        CHECK_STR(err, "the image file is damaged or incomplete");
    }
    free(png);

    /* a PNG header claiming 20000 x 20000 (1.2 GB of pixels), with a little IDAT */
    unsigned char bomb[256], ihdr[13] = {0}, idat[64];
    put32(ihdr, 20000);
    put32(ihdr + 4, 20000);
    ihdr[8] = 8, ihdr[9] = 2; /* 8 bits, RGB */
    unsigned char zeros[100] = {0};
    uLongf zlen = sizeof idat;
    CHECK(compress(idat, &zlen, zeros, sizeof zeros) == Z_OK);
    memcpy(bomb, "\x89PNG\r\n\x1A\n", 8);
    size_t n = 8;
    n += png_chunk(bomb + n, "IHDR", ihdr, sizeof ihdr);
    n += png_chunk(bomb + n, "IDAT", idat, zlen);
    n += png_chunk(bomb + n, "IEND", NULL, 0);
    long before = max_rss_kb();
    CHECK(image_variants(bomb, n, widths, 2, v, err, sizeof err) == -1);
    CHECK_STR(err, "the image is too large (at most 40 megapixels and 12000 pixels a side)");
    CHECK(max_rss_kb() - before < 100 * 1024); /* nowhere near 1.2 GB */

    int zero[] = {0};
    CHECK(image_variants(bomb, n, zero, 1, v, err, sizeof err) == -1);
    CHECK(image_variants(bomb, n, widths, 0, v, NULL, 0) == -1);
    g_log_remove_handler("VIPS", quiet);
}

static unsigned char *shared_jpeg;
static size_t shared_len;

static void *variants_thread(void *arg)
{
    int *ok = arg;
    int widths[] = {160, 400};
    for (int k = 0; k < 3; k++) {
        image_variant v[2];
        char err[200];
        if (image_variants(shared_jpeg, shared_len, widths, 2, v, err, sizeof err) == 0 &&
            v[0].width == 160 && v[1].width == 400 && clean(&v[0]) && clean(&v[1]))
            (*ok)++;
        image_variants_free(v, 2);
    }
    return NULL;
}

static void image_variants_from_several_threads(void)
{
    shared_jpeg = make_image("jpeg", 1200, 900, 3, 0, &shared_len);
    CHECK(shared_jpeg != NULL);
    if (!shared_jpeg) return;
    pthread_t th[4];
    int ok[4] = {0};
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&th[i], NULL, variants_thread, &ok[i]) == 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK(ok[i] == 3);
    }
    free(shared_jpeg);
}

void suite_bulletin_base(void)
{
    RUN(md_html_drops_raw_html_and_script_urls);
    RUN(md_html_links_images_and_headings);
    RUN(md_html_keeps_vietnamese_and_survives_bad_utf8);
    RUN(md_text_is_plain_and_cut_at_a_word);
    RUN(md_first_image_skips_unusable_urls);
    RUN(image_sniff_by_magic);
    RUN(image_variants_of_jpeg_and_png);
    RUN(image_variants_rotate_and_other_types);
    RUN(image_variants_refuse_bad_input);
    RUN(image_variants_from_several_threads);
}
