/* libFuzzer target: JSON bodies through the live API (fuzz/harness.c: the real server in
 * process, as fuzz_form and fuzz_request), with the admin's API token (Authorization:
 * Bearer): libmicrohttpd, on_request, the dispatcher, body_object (UTF-8, the numbers no
 * double holds, jansson), rec_from_json, the validation and the domain's create, update and
 * transition of each record type, and the other routes that take JSON.
 *
 * An input is one byte that chooses the request, then the body (sent as application/json):
 *   op = byte & 3:  0 POST /api/v1/<type>           (create)
 *                   1 PUT /api/v1/<type>/<id>       (update; the id this process last
 *                                                    created of that type, else 1)
 *                   2 POST /api/v1/<type>/<id>/transition
 *                   3 one of others[] below
 *   byte >> 2 (mod their number): the record type, ngv_entities[] (or the route of others[]).
 * Readable seeds: '0' creates a record of the first type, '1' updates it, ...; see corpus.
 * The routes that would lock the harness out (a password, a user's role or activity, the
 * settings: the session's idle time) are not taken. A PATCH is no route (405, JSON).
 *
 * The promises checked (abort() when broken):
 *   - every request is answered, never with a server error (5xx): whatever is wrong in a
 *     body is the client's;
 *   - every answer is JSON (application/json, parsed by jansson), an object; an error's is
 *     {"error": {"code": "...", "message": "..."}};
 *   - a record created (201) comes with its "id" and Location /api/v1/<type>/<id>, and
 *     updated (200) with its "id"; a GET of it then gives back the same JSON the write
 *     answered (what the API says it stored is what it stored). Of each type one record
 *     created is kept (the next one updated), the one before deleted (204 and no body, or
 *     an answer checked as above): the database stays near the demo's;
 *   - after a write of a record of a type with a place (gates, markers, incidents), that
 *     type's GeoJSON (/api/v1/<type>.geojson) is JSON, a FeatureCollection of Features,
 *     each a Point [lon, lat] within the Earth's degrees or, a record with no place, null
 *     (RFC 7946 3.2), with an object of properties;
 *   - after a write of a project, the IATI document (/api/v1/projects.iati.xml), when it
 *     is given (200), is valid against the IATI schema the binary holds (iati_validate_file);
 *     when it is not, the answer is a JSON error of the client's kind, not a 5xx.
 * FUZZ_TRACE=1: one line per answer. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/entities.h"
#include "domain/iati.h"
#include <unistd.h>
#include "harness.h"

static const struct {
    const char *method, *path;
} others[] = {
    {"POST", "/api/v1/commitments/1/progress"},
    {"POST", "/api/v1/notifications/read"},
    {"POST", "/api/v1/names"},
    {"POST", "/api/v1/users"},
    {"POST", "/api/v1/login"},
    {"POST", "/api/v1/import/partners"}, /* a JSON body where CSV is expected */
    {"PATCH", "/api/v1/partners/1"},
};
enum { N_OTHERS = sizeof others / sizeof *others };

static int n_entities;
static long long *last_id; /* per record type: the id last created (0: none) */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    harness_no_leak_check(argc, argv);
    harness_init("fuzz_api");
    while (ngv_entities[n_entities])
        n_entities++;
    last_id = calloc((size_t)n_entities, sizeof *last_id);
    return 0;
}

/* One request with the API token; body may be NULL. */
static void api(const char *method, const char *path, const void *body, size_t len, answer *an)
{
    bytes rq = {0};
    char line[600];
    snprintf(line, sizeof line, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n",
             method, path, harness_api_token());
    bytes_puts(&rq, line);
    if (body) {
        snprintf(line, sizeof line, "Content-Type: application/json\r\nContent-Length: %zu\r\n",
                 len);
        bytes_puts(&rq, line);
    }
    bytes_puts(&rq, "\r\n");
    if (body) bytes_put(&rq, body, len);
    char what[700];
    snprintf(what, sizeof what, "%s %s", method, path);
    harness_send(&rq, what, an);
    free(rq.p);
}

static _Noreturn void broken(const char *what, const answer *an, const char *why)
{
    fprintf(stderr, "fuzz_api: %s: %s\n%s\n\n%.*s\n", what, why, an->head,
            (int)(an->body_len < 2000 ? an->body_len : 2000), an->body);
    abort();
}

/* The answer's JSON object (a new reference), after the checks every answer passes. */
static json_t *checked(const char *what, const answer *an)
{
    if (an->status >= 500) broken(what, an, "a server error");
    const char *ct = harness_header(an->head, "Content-Type");
    while (ct && *ct == ' ')
        ct++;
    if (!ct || strncasecmp(ct, "application/json", 16)) broken(what, an, "not JSON");
    json_error_t err;
    json_t *j = json_loadb(an->body, an->body_len, 0, &err);
    if (!json_is_object(j)) broken(what, an, j ? "not an object" : err.text);
    if (an->status >= 400) {
        json_t *e = json_object_get(j, "error");
        if (!json_is_string(json_object_get(e, "code")) ||
            !json_is_string(json_object_get(e, "message")))
            broken(what, an, "an error without its code and message");
    }
    return j;
}

/* After a write of a record of a type with a place (lat, lon): its GeoJSON, every record of
 * that type, parsed back: a FeatureCollection of Features, each a Point of two numbers
 * within the Earth's degrees or null (no place), with an object of properties. */
static void check_geojson(const entity *e)
{
    char path[300];
    snprintf(path, sizeof path, "/api/v1/%s.geojson", e->table);
    answer an;
    api("GET", path, NULL, 0, &an);
    if (an.status != 200) broken(path, &an, "no GeoJSON");
    json_error_t err;
    json_t *j = json_loadb(an.body, an.body_len, JSON_REJECT_DUPLICATES, &err);
    if (!j) broken(path, &an, err.text);
    json_t *fs = json_object_get(j, "features");
    if (strcmp(json_string_value(json_object_get(j, "type")) ?: "", "FeatureCollection") ||
        !json_is_array(fs))
        broken(path, &an, "not a FeatureCollection");
    size_t i;
    json_t *f;
    json_array_foreach(fs, i, f)
    {
        json_t *g = json_object_get(f, "geometry"), *c = json_object_get(g, "coordinates");
        json_t *lon = json_array_get(c, 0), *lat = json_array_get(c, 1);
        bool point = !strcmp(json_string_value(json_object_get(g, "type")) ?: "", "Point") &&
                     json_array_size(c) == 2 && json_is_number(lon) && json_is_number(lat) &&
                     fabs(json_number_value(lon)) <= 180 && fabs(json_number_value(lat)) <= 90;
        if (strcmp(json_string_value(json_object_get(f, "type")) ?: "", "Feature") ||
            !(json_is_null(g) || point) || !json_is_object(json_object_get(f, "properties")))
            broken(path, &an, "a feature not a Point with properties");
    }
    json_decref(j);
    answer_free(&an);
}

/* After a write of a project: the IATI activities document, when it is given (200), is
 * valid against the IATI schema (compiled in: iati_validate_file); when it is not, that is
 * a JSON error of the client's kind (a project that breaks a rule), never a server error. */
static void check_iati(void)
{
    const char *path = "/api/v1/projects.iati.xml";
    answer an;
    api("GET", path, NULL, 0, &an);
    if (an.status != 200) {
        json_decref(checked(path, &an));
        answer_free(&an);
        return;
    }
    char tmp[] = "/tmp/fuzz_api.iati.XXXXXX";
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f || fwrite(an.body, 1, an.body_len, f) != an.body_len || fclose(f))
        harness_die("iati file", NULL);
    iati_problem pb = {0};
    int rc = iati_validate_file(tmp, &pb);
    unlink(tmp);
    if (rc) broken(path, &an, pb.rule);
    answer_free(&an);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1) return 0;
    unsigned op = data[0] & 3, which = data[0] >> 2;
    const unsigned char *body = data + 1;
    size_t len = size - 1;
    const entity *e = ngv_entities[which % (unsigned)n_entities];
    long long *last = &last_id[which % (unsigned)n_entities];
    char path[300];
    const char *method = "POST";
    if (op == 0)
        snprintf(path, sizeof path, "/api/v1/%s", e->table);
    else if (op == 1)
        method = "PUT", snprintf(path, sizeof path, "/api/v1/%s/%lld", e->table, *last ? *last : 1);
    else if (op == 2)
        snprintf(path, sizeof path, "/api/v1/%s/%lld/transition", e->table, *last ? *last : 1);
    else
        method = others[which % N_OTHERS].method,
        snprintf(path, sizeof path, "%s", others[which % N_OTHERS].path);

    char what[400];
    snprintf(what, sizeof what, "%s %s", method, path);
    answer an;
    api(method, path, body, len, &an);
    json_t *j = checked(what, &an);
    bool created = op == 0 && an.status == 201, updated = op == 1 && an.status == 200;
    if (created || updated) {
        json_t *idj = json_object_get(j, "id");
        if (!json_is_integer(idj) || json_integer_value(idj) <= 0)
            broken(what, &an, "a record written without its id");
        long long id = json_integer_value(idj);
        char self[300];
        snprintf(self, sizeof self, "/api/v1/%s/%lld", e->table, id);
        const char *loc = harness_header(an.head, "Location");
        while (loc && *loc == ' ')
            loc++;
        if (created && (!loc || strncmp(loc, self, strlen(self)) ||
                        (loc[strlen(self)] != '\r' && loc[strlen(self)] != 0)))
            broken(what, &an, "a record created without its Location");
        answer got;
        api("GET", self, NULL, 0, &got);
        json_t *back = checked(self, &got);
        if (got.status != 200 || !json_equal(back, j)) {
            char *a = json_dumps(j, JSON_SORT_KEYS), *b = json_dumps(back, JSON_SORT_KEYS);
            fprintf(stderr, "fuzz_api: %s answered\n%s\nand GET %s gives (%d)\n%s\n", what, a, self,
                    got.status, b);
            abort();
        }
        json_decref(back);
        answer_free(&got);
        if (e->geo_lat) check_geojson(e);
        if (e == &project_entity) check_iati();
        if (created) { /* the one created before of that type goes: one at most is kept */
            if (*last) {
                snprintf(self, sizeof self, "/api/v1/%s/%lld", e->table, *last);
                answer del;
                api("DELETE", self, NULL, 0, &del);
                if (del.status != 204 || del.body_len) json_decref(checked(self, &del));
                answer_free(&del);
            }
            *last = id;
        }
    }
    json_decref(j);
    answer_free(&an);
    return 0;
}
