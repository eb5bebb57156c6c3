/* libFuzzer target: a JSON body as the API receives it, turned into a record of each type
 * (rec_from_json). Must never crash, leak or accept a value of the wrong shape. */
#include <jansson.h>
#include <string.h>

#include "domain/entities.h"
#include "domain/records.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    json_error_t err;
    json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (!j) return 0;
    if (json_is_object(j)) {
        for (int k = 0; ngv_entities[k]; k++) {
            arena a = {0};
            record r = rec_new(&a, ngv_entities[k]);
            verrs ve = {0};
            rec_from_json(&a, &r, j, &ve);
            json_t *out = rec_to_json(&r);
            json_decref(out);
            arena_free(&a);
        }
    }
    json_decref(j);
    return 0;
}
