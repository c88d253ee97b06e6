/* dmath_impl.h — internal to dmath_exp.c, dmath_log.c and dmath_cos.c: bit access and
 * the exact double-double steps they share, and the one entry the files call across
 * (pow's exp of a double-double). Not part of the core's API (dmath.h is). */
#ifndef LRP_DMATH_IMPL_H
#define LRP_DMATH_IMPL_H

#include <stdint.h>
#include <string.h>

static inline uint64_t asu64(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
static inline double asdbl(uint64_t u) { double d; memcpy(&d, &u, sizeof d); return d; }
static inline uint32_t top12(double x) { return (uint32_t)(asu64(x) >> 52); }

#define D_INF asdbl(0x7ff0000000000000ull)
#define D_NAN asdbl(0x7ff8000000000000ull)

/* s + e == a + b exactly (Knuth's two-sum, no ordering needed). */
static inline void two_sum(double a, double b, double *s, double *e)
{
    double ss = a + b;
    double bb = ss - a;
    *e = (a - (ss - bb)) + (b - bb);
    *s = ss;
}

/* p + e == a * b exactly (Dekker's product; |a|, |b| well inside the normal range). */
static inline void two_prod(double a, double b, double *p, double *e)
{
    const double split = 134217729.0; /* 2^27 + 1 */
    double pp = a * b;
    double ca = split * a, cb = split * b;
    double ah = ca - (ca - a), al = a - ah;
    double bh = cb - (cb - b), bl = b - bh;
    *e = ((ah * bh - pp) + ah * bl + al * bh) + al * bl;
    *p = pp;
}

/* exp(x + xtail), |xtail| tiny next to ln2/256. x must not be NaN. (dmath_exp.c) */
double lrp_exp_core(double x, double xtail);

#endif /* LRP_DMATH_IMPL_H */
