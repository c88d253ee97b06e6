/* spec.h — helpers shared by the spec runner's kinds (spec.c, spec_earlystop.c). Each
 * reports a problem as "<field>: <problem>" in err and returns CLI_BAD_INPUT. */
#ifndef LRP_SPEC_H
#define LRP_SPEC_H
#include "cli.h"

#define SPEC_KINDS "optimizer, schedule, lr_find_analysis, train or early_stopping"

/* Writes the reason and returns the invalid-input status. */
int spec_bad(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Only the listed top-level keys (plus "kind" and "name") are allowed. */
int spec_check_keys(const cJSON *spec, const char *const *allowed, char *err, size_t n);
/* A member that is present and not null, or NULL with "<key>: missing". */
const cJSON *spec_need(const cJSON *spec, const char *key, char *err, size_t n);
/* A whole number in [lo, hi] read from a JSON number. */
int spec_whole(const cJSON *v, const char *what, double lo, double hi, int64_t *out, char *err, size_t n);
/* A finite number in [lo, hi]. */
int spec_finite_in(const cJSON *v, const char *what, double lo, double hi, double *out, char *err, size_t n);

int spec_early_stopping(const cJSON *spec, char *err, size_t n);
#endif
