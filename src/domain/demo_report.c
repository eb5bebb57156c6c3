/* The demo's periodic reports: the last quarter's, issued by the leader a few days after it
 * ended (its number, its frozen files), and this month's, a draft with its narrative begun. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "report.h"

static const char results[] =
    "Trong kỳ, Sở Ngoại vụ đã tham mưu Ủy ban nhân dân tỉnh triển khai các hoạt động đối "
    "ngoại theo kế hoạch năm, tập trung vào hợp tác với các tỉnh bạn của Lào và Campuchia "
    "có chung đường biên giới, xúc tiến đầu tư và vận động viện trợ.\n\n"
    "Các đoàn ra, đoàn vào được tổ chức đúng quy định, bảo đảm an ninh, an toàn, tiết kiệm "
    "và hiệu quả.";
static const char difficulties[] =
    "Một số cam kết với tỉnh bạn chậm tiến độ do thiếu kinh phí đối ứng; việc tổng hợp số "
    "liệu kim ngạch từ các cửa khẩu còn chậm, có báo cáo mà các phần không cộng đủ tổng số.";
static const char proposals[] =
    "Đề nghị Bộ Ngoại giao tiếp tục hỗ trợ tỉnh trong công tác biên giới và hợp tác với các "
    "tỉnh bạn; đề nghị các sở, ngành gửi số liệu đúng hạn để tổng hợp báo cáo.";

static int report(ctx *x, const char *period, bool narrative, long long *id, char *err,
                  size_t errlen)
{
    record r = rec_new(x->a, &report_entity);
    verrs ve = {0};
    rec_set(&r, "period", period, &ve);
    rec_set(&r, "recipients", "Ủy ban nhân dân tỉnh\nBộ Ngoại giao", &ve);
    rec_set(&r, "signer_authority", "KT. Giám đốc", &ve);
    rec_set(&r, "signer_title", "Phó Giám đốc", &ve);
    rec_set(&r, "signer_name", "Nguyễn Văn Hùng", &ve);
    rec_set(&r, "cc", "Như trên;\nBộ Ngoại giao (Vụ Địa phương);\nLãnh đạo Sở;\nLưu: VT, SNgV.",
            &ve);
    rec_set(&r, "results", results, &ve);
    if (narrative) {
        rec_set(&r, "difficulties", difficulties, &ve);
        rec_set(&r, "proposals", proposals, &ve);
    }
    if (demo_create(x, &r, err, errlen)) return -1;
    *id = r.id;
    return 0;
}

int demo_reports(ctx *x, ctx *leader, const char *today, int *n, char *err, size_t errlen)
{
    int y = atoi(today), m = atoi(today + 5), q = (m - 1) / 3; /* the last quarter: q of y */
    if (!q) q = 4, y--;
    char last[32], month[32], on[32];
    snprintf(last, sizeof last, "%04d-Q%d", y, q);
    snprintf(month, sizeof month, "%.7s", today);
    /* issued on the 5th day of the quarter after it (or today, when that is to come) */
    snprintf(on, sizeof on, "%04d-%02d-05", q == 4 ? y + 1 : y, q == 4 ? 1 : 3 * q + 1);
    if (strcmp(on, today) > 0) snprintf(on, sizeof on, "%s", today);
    long long id;
    if (report(x, last, true, &id, err, errlen) ||
        demo_step(leader, &report_entity, id, "issued", NULL, on, today, err, errlen) ||
        report(x, month, false, &id, err, errlen))
        return -1;
    *n += 2;
    return 0;
}
