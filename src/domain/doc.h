/* A document the department issues (a periodic report) as one JSON value, and the formats
 * drawn from it: PDF in the layout of Decree 30/2020/NĐ-CP (doc_pdf.c), DOCX (doc_docx.c),
 * XLSX with native charts (doc_xlsx.c) and the HTML page (web/ui_report.c). A report that
 * is issued is frozen as this value and the files drawn from it, so that it is reproduced
 * byte for byte whatever the data becomes.
 *
 * Every text is plain text (no markup: each format escapes it); every key below is present
 * unless marked optional.
 *
 *   {
 *     "lang": "vi",                                  the document's language
 *     "date": "2027-01-05",                          the day it is dated (the files' metadata)
 *     "parent": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",   the parent body, upper case ("" = none)
 *     "issuer": "SỞ NGOẠI VỤ",                       the issuing body, upper case
 *     "motto1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Quốc hiệu
 *     "motto2": "Độc lập - Tự do - Hạnh phúc",        Tiêu ngữ
 *     "number": "Số: 07/BC-SNgV",                    a draft: "Số:      /BC-SNgV"
 *     "place_date": "Quảng Ngãi, ngày 05 tháng 01 năm 2027",
 *     "type": "BÁO CÁO",                             the type of document, upper case
 *     "summary": "Công tác đối ngoại quý I năm 2019", the summary line (trích yếu)
 *     "draft": true,                                 not issued yet: each format marks it
 *     "to": ["Ủy ban nhân dân tỉnh", ...],           Kính gửi: (may be empty)
 *     "blocks": [ ... ],                             the body, in order, each one of
 *        {"k": "h1", "text": "I. KẾT QUẢ CÔNG TÁC ĐỐI NGOẠI"}   upper case bold heading
 *        {"k": "h2", "text": "1. Đoàn ra, đoàn vào"}           bold heading
 *        {"k": "p",  "text": "..."}     a paragraph: justified, first-line indent; a "\n" in it
 *                                       is a line break
 *        {"k": "table",
 *         "sheet": "Đoàn",              the XLSX sheet's name (at most 31 characters, unique)
 *         "title": "Bảng 1. Đoàn ra, đoàn vào theo quốc gia",
 *         "cols": [{"label": "Quốc gia", "type": "text"}, ...]
 *                  type: "text", "int" (a count), "num" (2 decimals), "money" (0 decimals,
 *                  thousands separated), "pct" (a share, 0.25 shown 25 %), "date"
 *         "rows": [["Lào", 3, 1250000, "2019-03-01"], ...]
 *                  a text or date cell is a string (dates "YYYY-MM-DD"), a number cell a
 *                  number; null is an empty cell
 *         "total": ["Tổng số", 12, ...]  optional: a last row, bold
 *         "chart": {"type": "column" | "bar" | "pie", "cat": 0, "vals": [1, 2]}
 *                  optional: a chart of columns vals (numbers) against column cat, drawn in
 *                  the XLSX beside its table (the other formats show the table only)
 *         "empty": "Không có đoàn nào trong kỳ."  optional: said instead of a table with no
 *                  rows (the sheet still has its header)
 *        }
 *     "sign": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Nguyễn Văn A"}
 *             authority may be "" (the head signs himself: the title alone)
 *     "cc": ["Như trên;", "UBND tỉnh (b/c);", "Lưu: VT, NV."]   Nơi nhận, each "- …"
 *   }
 *
 * Each function writes the whole file into out (appended) and returns 0, or -1 with a
 * message in err. The same document gives the same bytes (nothing is taken from the clock:
 * dates in the files' metadata come from "date"). */
#ifndef NGV_DOC_H
#define NGV_DOC_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"

#define DOC_PDF_CTYPE "application/pdf"
#define DOC_DOCX_CTYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define DOC_XLSX_CTYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* What every format shares (doc.c): the column types, in this order; a column's type from
 * its name ("money"), or -1; whether it holds numbers (aligned right); a date "YYYY-MM-DD"
 * that is a real day (years 1 to 9999), its parts into y, m, d (each may be NULL); and a
 * cell as every format shows it, Vietnamese style, into out: int 1.234, num 1.234,50, money
 * 1.234, pct 0.946 as "94,6 %" (one decimal), date "2019-03-01" as "01/03/2019", text as it
 * is; null (or a value of the wrong kind) as "". Numbers round as printf does, never "-0".
 * Returns out. */
enum { DOC_TEXT, DOC_INT, DOC_NUM, DOC_MONEY, DOC_PCT, DOC_DATE, DOC_NTYPES };
int doc_col_type(const char *name);
bool doc_type_numeric(int type);
bool doc_date(const char *s, int *y, int *m, int *d);
const char *doc_cell_text(const json_t *cell, int type, char *out, size_t n);

int doc_pdf(const json_t *doc, buf *out, char *err, size_t errlen);
/* Gives back what doc_pdf keeps for the life of the process (its font maps and fonts), when
 * no call is under way: at the end of a process (app_close), so that a leak checker sees only
 * leaks. The next doc_pdf starts again. */
void doc_pdf_release(void);
int doc_docx(const json_t *doc, buf *out, char *err, size_t errlen);
int doc_xlsx(const json_t *doc, buf *out, char *err, size_t errlen);
#endif
