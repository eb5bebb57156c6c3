/* What is special to border trade beyond its description (trade.c). */
#ifndef NGV_TRADE_H
#define NGV_TRADE_H
#include "entities.h"

/* The part of a total its parts do not explain: total minus the parts given (NULL ones are
 * not given), exactly, in decimal, at the finest scale of the figures ("68.2" - "18.7" -
 * "9.5" is "40.0"); NULL when they add up or no part is given. Figures as parse_number
 * writes them. */
const char *trade_difference(arena *a, const char *total, const char *const parts[], int n);
/* An active ISO 4217 code ("USD", "VND", "LAK"). */
bool currency_known(const char *code);
#endif
