/* The QR code of a text as inline SVG (libqrencode makes the matrix; one path of unit
 * squares, a quiet zone of 4 modules): the otpauth:// address an authenticator app scans. */
#include <qrencode.h>

#include "../base/html.h"
#include "routes.h"

void html_qr_svg(buf *o, const char *text, const char *label)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) return;
    int w = q->width, size = w + 8;
    html_printf(o,
                "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\" "
                "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
                "<path fill=\"#000\" d=\"",
                size, size, size * 5, size * 5, label, size, size);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            if (q->data[y * w + x] & 1) html_printf(o, "M%d %dh1v1h-1z", x + 4, y + 4);
    buf_puts(o, "\"/></svg>");
    QRcode_free(q);
}
