/* json_strict.h — the one input rule, checked on the raw bytes before cJSON sees them:
 * strict RFC 8259 JSON in UTF-8, no duplicate keys, bounded nesting, list length and value
 * count; every key a field name. web/js/core/json-strict.js is the same checker for the Node CLI, message for message. */
#ifndef LRP_JSON_STRICT_H
#define LRP_JSON_STRICT_H
#include <stddef.h>
#include "limits.h"   /* CLI_MAX_BYTES, CLI_MAX_DEPTH, CLI_MAX_NUMBER, CLI_MAX_KEY, the budgets below */

typedef struct {
    size_t max_items;   /* values in one array */
    size_t max_values;  /* values in the whole text (objects, arrays and scalars) */
} js_limits;

/* Experiment configs: CLI_CONFIG_MAX_ITEMS, CLI_CONFIG_MAX_VALUES. */
extern const js_limits JS_CONFIG_LIMITS;
/* Specs: CLI_SPEC_MAX_ITEMS, CLI_SPEC_MAX_VALUES. */
extern const js_limits JS_SPEC_LIMITS;

/* 0 when buf[0..len) obeys the rule; else -1 (-2: out of memory) and one line in err, e.g.
 * "not valid JSON at byte 7: a leading zero" or "duplicate key \"lr\" in optimizer at byte 30". */
int json_strict_check(const unsigned char *buf, size_t len, const js_limits *lim, char *err, size_t errlen);

/* s[0..n) (valid UTF-8) as a JSON string literal, cut after 64 characters ("abc..."), the way
 * messages show a name. Returns the length written (always NUL-terminated, cap >= 8). */
size_t json_quote_name(char *out, size_t cap, const char *s, size_t n);
#endif
