/* util.h — internal helpers shared by the core's files (not part of lrplay.h): the one
 * error writer, the one checked size arithmetic, the one finiteness test. */
#ifndef LRP_UTIL_H
#define LRP_UTIL_H
#include <stddef.h>
#include <inttypes.h>  /* PRId64: the core's counts are int64_t */

#include "lrplay.h"

#if defined(__GNUC__)
#  define LRP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define LRP_PRINTF(f, a)
#endif

/* Writes a one-line reason into the caller's err buffer (nothing when err is NULL or
 * errlen is 0): the core's only way of saying what went wrong. */
void lrp_say(char *err, size_t errlen, const char *fmt, ...) LRP_PRINTF(3, 4);

/* lrp_say, then returns st: `return lrp_fail(err, errlen, LRP_EINVAL, "x: ...", ...)`. */
lrp_status lrp_fail(char *err, size_t errlen, lrp_status st, const char *fmt, ...) LRP_PRINTF(4, 5);

/* *out = a * b + c; returns 0 and leaves *out alone when that would overflow size_t.
 * Every size computed for an allocation goes through here (bytes: b = sizeof(T)). */
static inline int lrp_size_mad(size_t a, size_t b, size_t c, size_t *out) {
    if (b != 0 && a > (SIZE_MAX - c) / b) return 0;
    *out = a * b + c;
    return 1;
}

/* x is neither infinite nor NaN (inf - inf and NaN - NaN are NaN; any finite x - x is 0).
 * Plain arithmetic, so it holds under any math flags. */
static inline int lrp_is_finite(double x) { return x - x == 0.0; }

#endif
