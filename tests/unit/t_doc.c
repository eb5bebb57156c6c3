#include "t_doc.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

json_t *t_load_json(const char *path)
{
    json_error_t je;
    json_t *d = json_load_file(path, 0, &je);
    if (!d) fprintf(stderr, "    %s: %s\n", path, je.text);
    return d;
}

int t_pdf_pages(const buf *b)
{
    int n = 0;
    const char *end = b->data + b->len, *key = "/Type /Page";
    size_t klen = strlen(key);
    for (const char *p = b->data; p && p + klen <= end;) {
        p = memmem(p, (size_t)(end - p), key, klen);
        if (!p) break;
        if (p + klen >= end || p[klen] != 's') n++;
        p += klen;
    }
    return n;
}

typedef struct {
    t_draw draw;
    const json_t *doc;
    const buf *want;
    int times, same;
} job;

static void *render(void *arg)
{
    job *j = arg;
    for (int i = 0; i < j->times; i++) {
        buf b = {0};
        char err[256];
        if (j->draw(j->doc, &b, err, sizeof err) == 0 && b.len == j->want->len &&
            !memcmp(b.data, j->want->data, b.len))
            j->same++;
        buf_free(&b);
    }
    return NULL;
}

int t_same_in_threads(t_draw draw, const json_t *doc, int threads, int times)
{
    enum { MAX = 16 };
    buf want = {0};
    char err[256];
    if (threads > MAX || draw(doc, &want, err, sizeof err) != 0 || !want.len) {
        buf_free(&want);
        return 0;
    }
    pthread_t th[MAX];
    job jobs[MAX];
    int started = 0, same = 0;
    for (int i = 0; i < threads; i++) {
        jobs[i] = (job){draw, doc, &want, times, 0};
        if (pthread_create(&th[i], NULL, render, &jobs[i]) == 0)
            started = i + 1;
        else
            break;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(th[i], NULL);
        same += jobs[i].same;
    }
    buf_free(&want);
    return same;
}
