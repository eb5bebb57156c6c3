/* The OECD DAC 5-digit sector codes, from data/dac-sectors.tsv (compiled in; see
 * data/README.md): read once, before main, into the option list the sector field uses, so
 * that every layer sees a complete description from the start. */
#include "project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char *const ngv_dac_tsv;

enum { DAC_MAX = 400 };
enum_opt dac_sectors[DAC_MAX + 1];
static const char *categories[DAC_MAX];

__attribute__((constructor)) static void dac_load(void)
{
    int n = 0;
    for (const char *s = ngv_dac_tsv; *s && n < DAC_MAX;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (*s != '#' && len > 6) {
            char *line = strndup(s, len), *f[4] = {0};
            int k = 0;
            for (char *p = line, *t; k < 4 && (t = strsep(&p, "\t"));)
                f[k++] = t;
            if (k == 4 && strlen(f[0]) == 5) {
                char *label = NULL;
                if (asprintf(&label, "%s – %s", f[0], f[3]) < 0) abort();
                dac_sectors[n] = (enum_opt){f[0], label, label};
                categories[n++] = f[2];
            } else
                free(line);
        }
        s += len + (nl ? 1 : 0);
    }
    dac_sectors[n] = (enum_opt){NULL, NULL, NULL};
}

const char *dac_category(const char *code)
{
    for (int i = 0; code && dac_sectors[i].code; i++)
        if (!strcmp(dac_sectors[i].code, code)) return categories[i];
    return NULL;
}
