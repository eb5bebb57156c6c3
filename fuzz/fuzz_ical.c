/* libFuzzer target: the iCalendar feed (calendar_ical, the calendar's .ics and the
 * subscriptions' feeds), fed with texts as records and settings hold them (any valid UTF-8 a
 * user typed): three events' titles, a status, the feed's name and its base address. An input
 * is one byte that chooses the language (byte & 0x80: English), then up to 6 texts, one a
 * line ("\n"; a part "\\n" stands for a line break inside a text), as stored (harness_texts);
 * inputs that are not valid UTF-8 or hold a control character rec_validate refuses are left
 * out (no stored text does). The promises checked (abort()
 * when broken): the writer accepts every text (returns 0: texts are plain text, never
 * markup); the feed is valid UTF-8, its lines ended by CRLF (no other CR or LF) and folded at 75
 * octets, parsed back by libical into a VCALENDAR with one VEVENT per event whose SUMMARY is the
 * title. Split from fuzz_writers, whose PDF, DOCX and XLSX make it a hundred times slower. The
 * database of fuzz/harness.c gives the reference titles the feed's descriptions show. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/app.h"
#include "domain/calendar.h"
#include "domain/entities.h"
#include "domain/records.h"
#include "harness.h"
#include "store/store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    harness_init("fuzz_ical");
    return 0;
}

static void broken(const char *promise, const buf *out)
{
    fprintf(stderr, "fuzz_ical: %s (%zu bytes)\n%.*s\n", promise, out->len,
            (int)(out->len < 2000 ? out->len : 2000), out->data ? out->data : "");
    abort();
}

/* s without its control characters but for the tab and the line break, into out */
static const char *visible(const char *s, char *out, size_t cap)
{
    size_t m = 0;
    for (; *s && m < cap - 1; s++)
        if (((unsigned char)*s >= 0x20 && *s != 0x7f) || *s == '\n' || *s == '\t') out[m++] = *s;
    out[m] = 0;
    return out;
}

static void check_ical(const buf *out, int nev, const char *const *titles)
{
    if (!utf8_valid(out->data, out->len)) broken("not UTF-8", out);
    for (size_t i = 0, start = 0; i < out->len; i++) {
        if (out->data[i] == '\n' && (i == 0 || out->data[i - 1] != '\r')) broken("a bare LF", out);
        if (out->data[i] == '\r' && (i + 1 == out->len || out->data[i + 1] != '\n'))
            broken("a CR not ending a line", out);
        if (out->data[i] == '\n') {
            if (i - 1 - start > 75) broken("a line longer than 75 octets", out);
            start = i + 1;
        }
    }
    if (out->len < 2 || out->data[out->len - 1] != '\n') broken("not ended by CRLF", out);
    icalcomponent *c = icalparser_parse_string(buf_cstr((buf *)out));
    if (!c || icalcomponent_isa(c) != ICAL_VCALENDAR_COMPONENT) broken("no VCALENDAR", out);
    if (icalcomponent_count_components(c, ICAL_VEVENT_COMPONENT) != nev)
        broken("not one VEVENT per event", out);
    int k = 0;
    for (icalcomponent *v = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT); v;
         v = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT), k++) {
        const char *s = icalcomponent_get_summary(v);
        /* libical reads an empty SUMMARY as none, and drops some of the control characters
         * RFC 5545 does not allow in a text (CR, backspace) but not others: compared
         * without them */
        char got[4096], want[4096];
        if (strcmp(visible(s ? s : "", got, sizeof got), visible(titles[k], want, sizeof want))) {
            fprintf(stderr, "SUMMARY \"%s\", title \"%s\"\n", s ? s : "(none)", titles[k]);
            broken("a SUMMARY that is not the title", out);
        }
    }
    icalcomponent_free(c);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1 || !utf8_valid((const char *)data + 1, size - 1)) return 0;
    const char *lang = data[0] & 0x80 ? "en" : "vi";
    arena a = {0};
    const char *p[6];
    if (!harness_texts(&a, (const char *)data + 1, size - 1, p, 6)) {
        arena_free(&a);
        return 0;
    }
    buf out = {0};
    store *st = harness_store();
    conn *c = store_acquire(st);
    ctx x = app_cli_ctx(c, &a);
    x.lang = lang;
    record r = rec_new(&a, &delegation_entity);
    r.id = 1, r.version = 3, r.updated_at = "2026-12-01T08:00:00Z";
    rec_set(&r, "direction", "outbound", NULL);
    rec_set(&r, "country", "LA", NULL);
    rec_set(&r, "partner_ids", "1", NULL);
    rec_set(&r, "status", "planned", NULL);
    cal_event ev[3] = {
        {CAL_DELEGATION, &r, 1, p[0], "2026-12-01", "2026-12-03", "planned", false, false},
        {CAL_DELEGATION, &r, 2, p[1], "2026-12-02", "2026-12-02", "proposed", true, false},
        {CAL_DELEGATION, &r, 3, p[2], "2026-12-31", "2027-01-02", p[3], false, true},
    };
    cal_feed f = {.name = p[4], .base_url = p[5], .now = 1796200000};
    if (calendar_ical(&x, ev, 3, &f, &out) != 0) broken("refused", &out);
    store_release(st, c);
    check_ical(&out, 3, (const char *const[]){p[0], p[1], p[2]});
    buf_free(&out);
    arena_free(&a);
    return 0;
}
