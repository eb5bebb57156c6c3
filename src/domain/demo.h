#ifndef NGV_DEMO_H
#define NGV_DEMO_H
#include "ctx.h"
/* Loads the demo data set (province profile, partner provinces and agencies, contacts)
 * into an empty database. Returns the number of records created, or -1 with err. */
int demo_load(ctx *x, char *err, size_t errlen);
#endif
