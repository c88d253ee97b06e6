/* test_dmath.c — the core's deterministic exp/log/cos/pow against libm (max ulp error
 * over many points), bit-exact correctly rounded values (computed with mpmath at 300
 * bits, not by this code), and the special values of C99 Annex F. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "dmath.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static double u01(void) { return (double)(rnd() >> 11) * 0x1p-53; }

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
/* Distance in ulps along the ordered doubles (both finite, or both the same inf/NaN). */
static double ulp_dist(double a, double b)
{
    if (a == b || (a != a && b != b)) return 0.0;
    if (a != a || b != b) return 1e300;
    int64_t ia = (int64_t)bits(a), ib = (int64_t)bits(b);
    if (ia < 0) ia = INT64_MIN - ia;
    if (ib < 0) ib = INT64_MIN - ib;
    if ((ia < 0) != (ib < 0)) return fabs((double)ia - (double)ib); /* far apart anyway */
    return fabs((double)(ia - ib));
}

#define N_POINTS 1000000
#define MAX_ULP 2.0 /* vs libm, which is itself within ~0.5 ulp (measured here: 1) */

typedef double (*fn1)(double);
static double sweep1(const char *what, fn1 mine, fn1 ref, double (*gen)(void))
{
    double worst = 0.0, at = 0.0;
    for (int i = 0; i < N_POINTS; i++) {
        double x = gen();
        double d = ulp_dist(mine(x), ref(x));
        if (d > worst) { worst = d; at = x; }
    }
    printf("  %-34s max %.0f ulp (at %a)\n", what, worst, at);
    CHECK_MSG(worst <= MAX_ULP, "%s: %g ulp at %a", what, worst, at);
    return worst;
}

static double g_exp_all(void) { return -745.2 + u01() * (709.8 + 745.2); }
static double g_exp_small(void) { return (u01() - 0.5) * 2.0; }
static double g_exp_sub(void) { return -745.1 + u01() * 37.0; } /* subnormal results */
static double g_log_binades(void) { return ldexp(1.0 + u01(), (int)(rnd() % 2047) - 1022); }
static double g_log_near1(void) { return 0.9 + 0.2 * u01(); }
static double g_log_subnormal(void) { double x; uint64_t b = rnd() & 0x000fffffffffffffull; memcpy(&x, &b, 8); return x; }
static double g_cos_small(void) { return (u01() - 0.5) * 20.0; }
static double g_cos_medium(void) { return u01() * 1.7e6; }
static double g_cos_1e6(void) { return 1.6e6 + u01() * 1e8; }
static double g_cos_huge(void) { return ldexp(1.0 + u01(), (int)(rnd() % 1003) + 20); }

static void sweep_pow(const char *what, double xlo, double xhi, double ylo, double yhi, int log_x, int int_y)
{
    double worst = 0.0, wx = 0.0, wy = 0.0;
    for (int i = 0; i < N_POINTS; i++) {
        double x = log_x ? ldexp(1.0 + u01(), (int)xlo + (int)(rnd() % (uint64_t)(xhi - xlo))) : xlo + u01() * (xhi - xlo);
        double y = ylo + u01() * (yhi - ylo);
        if (int_y) y = floor(y);
        double d = ulp_dist(lrp_pow(x, y), pow(x, y));
        if (d > worst) { worst = d; wx = x; wy = y; }
    }
    printf("  %-34s max %.0f ulp (at %a, %a)\n", what, worst, wx, wy);
    CHECK_MSG(worst <= MAX_ULP, "%s: %g ulp at %a %a", what, worst, wx, wy);
}

#define CHECK_HEX(got, want) CHECK_MSG(bits(got) == bits(want), "%s = %a, want %a", #got, (got), (want))
#define CHECK_NAN(got) CHECK_MSG((got) != (got), "%s = %a, want NaN", #got, (got))

int main(void)
{
    printf("test_dmath: max ulp distance to libm over %d points each\n", N_POINTS);
    sweep1("exp [-745.2, 709.8]", lrp_exp, exp, g_exp_all);
    sweep1("exp [-1, 1]", lrp_exp, exp, g_exp_small);
    sweep1("exp subnormal results", lrp_exp, exp, g_exp_sub);
    sweep1("log every normal binade", lrp_log, log, g_log_binades);
    sweep1("log [0.9, 1.1]", lrp_log, log, g_log_near1);
    sweep1("log subnormals", lrp_log, log, g_log_subnormal);
    sweep1("cos [-10, 10]", lrp_cos, cos, g_cos_small);
    sweep1("cos [0, 1.7e6] (Cody-Waite)", lrp_cos, cos, g_cos_medium);
    sweep1("cos [1.6e6, 1e8] (Payne-Hanek)", lrp_cos, cos, g_cos_1e6);
    sweep1("cos [2^20, 2^1023]", lrp_cos, cos, g_cos_huge);
    sweep_pow("pow x [0,2], y [-100,100]", 0.0, 2.0, -100.0, 100.0, 0, 0);
    sweep_pow("pow x 2^[-100,100], y [-10,10]", -100, 100, -10.0, 10.0, 1, 0);
    sweep_pow("pow x 2^[-1000,1000], y [-2,2]", -1000, 1000, -2.0, 2.0, 1, 0);
    sweep_pow("pow x [0,1], integer y [0,1e5]", 0.0, 1.0, 0.0, 1e5, 0, 1);
    sweep_pow("pow x [0.5,2], y [-1e3,1e3]", 0.5, 2.0, -1e3, 1e3, 0, 0);

    /* correctly rounded results (mpmath), bit for bit: these pin the bits across builds */
    CHECK_HEX(lrp_exp(1.0), 0x1.5bf0a8b145769p+1);
    CHECK_HEX(lrp_exp(-1.0), 0x1.78b56362cef38p-2);
    CHECK_HEX(lrp_exp(0.5), 0x1.a61298e1e069cp+0);
    CHECK_HEX(lrp_exp(-700.0), 0x1.14f2b0fb9307fp-1010);
    CHECK_HEX(lrp_exp(700.0), 0x1.d945df4f8ec8ep+1009);
    CHECK_HEX(lrp_exp(-740.0), 0x0.0000000000055p-1022);
    CHECK_HEX(lrp_log(2.0), 0x1.62e42fefa39efp-1);
    CHECK_HEX(lrp_log(10.0), 0x1.26bb1bbb55516p+1);
    CHECK_HEX(lrp_log(1e-300), -0x1.5963447f87fb5p+9);
    CHECK_HEX(lrp_log(0x1p-1074), -0x1.74385446d71c3p+9);
    CHECK_HEX(lrp_cos(1.0), 0x1.14a280fb5068cp-1);
    CHECK_HEX(lrp_cos(1e6), 0x1.df9df9906d32cp-1);
    CHECK_HEX(lrp_cos(1e22), 0x1.0be2cef01c8f4p-1);
    CHECK_HEX(lrp_cos(1e300), -0x1.2699022adc4c1p-1);
    CHECK_HEX(lrp_cos(0x1.921fb54442d18p+0), 0x1.1a62633145c07p-54); /* cos(RN(pi/2)) */
    CHECK_HEX(lrp_pow(2.0, 0.5), 0x1.6a09e667f3bcdp+0);
    CHECK_HEX(lrp_pow(10.0, -3.0), 0x1.0624dd2f1a9fcp-10);
    CHECK_HEX(lrp_pow(0.95, 40.0), 0x1.073161acaf34ap-3);
    CHECK_HEX(lrp_pow(10.0 / 1e-7, 1.0 / 99.0), 0x1.345a581153e37p+0);
    /* exact cases come out exact */
    CHECK_HEX(lrp_pow(0.5, 3.0), 0.125);
    CHECK_HEX(lrp_pow(2.0, 10.0), 1024.0);
    CHECK_HEX(lrp_pow(10.0, 2.0), 100.0);
    CHECK_HEX(lrp_pow(3.0, 3.0), 27.0);
    CHECK_HEX(lrp_pow(2.0, -1074.0), 0x1p-1074);
    CHECK_HEX(lrp_pow(4.0, 0.5), 2.0);
    CHECK_HEX(lrp_log(1.0), 0.0);
    CHECK_HEX(lrp_exp(0.0), 1.0);
    CHECK_HEX(lrp_cos(0.0), 1.0);

    /* special values */
    double inf = 1.0 / 0.0, nan = 0.0 / 0.0;
    CHECK_NAN(lrp_exp(nan));
    CHECK_HEX(lrp_exp(inf), inf);
    CHECK_HEX(lrp_exp(-inf), 0.0);
    CHECK_HEX(lrp_exp(-0.0), 1.0);
    CHECK_HEX(lrp_exp(1e-300), 1.0);
    CHECK_HEX(lrp_exp(710.0), inf);
    CHECK_HEX(lrp_exp(1e10), inf);
    CHECK_HEX(lrp_exp(-746.0), 0.0);
    CHECK_HEX(lrp_exp(-1e10), 0.0);
    CHECK(lrp_exp(709.78) < inf);
    CHECK_HEX(lrp_exp(-745.13), 0x1p-1074);
    CHECK_HEX(lrp_log(0.0), -inf);
    CHECK_HEX(lrp_log(-0.0), -inf);
    CHECK_NAN(lrp_log(-1.0));
    CHECK_NAN(lrp_log(-inf));
    CHECK_NAN(lrp_log(nan));
    CHECK_HEX(lrp_log(inf), inf);
    CHECK_HEX(lrp_log(0x1.fffffffffffffp+1023), 0x1.62e42fefa39efp+9);
    CHECK_NAN(lrp_cos(inf));
    CHECK_NAN(lrp_cos(-inf));
    CHECK_NAN(lrp_cos(nan));
    CHECK_HEX(lrp_cos(-1.0), lrp_cos(1.0));
    CHECK_HEX(lrp_cos(-1e22), lrp_cos(1e22));
    CHECK_HEX(lrp_cos(1e-30), 1.0);
    CHECK_HEX(lrp_pow(nan, 0.0), 1.0);
    CHECK_HEX(lrp_pow(5.0, -0.0), 1.0);
    CHECK_HEX(lrp_pow(1.0, nan), 1.0);
    CHECK_HEX(lrp_pow(1.0, inf), 1.0);
    CHECK_NAN(lrp_pow(nan, 1.0));
    CHECK_NAN(lrp_pow(2.0, nan));
    CHECK_HEX(lrp_pow(0.0, 2.0), 0.0);
    CHECK_HEX(lrp_pow(0.0, 0.5), 0.0);
    CHECK_HEX(lrp_pow(0.0, 1e-300), 0.0);
    CHECK_HEX(lrp_pow(0.0, -1.0), inf);
    CHECK_HEX(lrp_pow(-0.0, 3.0), -0.0);
    CHECK_HEX(lrp_pow(-0.0, 2.0), 0.0);
    CHECK_HEX(lrp_pow(-0.0, -3.0), -inf);
    CHECK_HEX(lrp_pow(-2.0, 3.0), -8.0);
    CHECK_HEX(lrp_pow(-2.0, 2.0), 4.0);
    CHECK_HEX(lrp_pow(-2.0, -1.0), -0.5);
    CHECK_NAN(lrp_pow(-2.0, 0.5));
    CHECK_HEX(lrp_pow(-1.0, inf), 1.0);
    CHECK_HEX(lrp_pow(2.0, inf), inf);
    CHECK_HEX(lrp_pow(2.0, -inf), 0.0);
    CHECK_HEX(lrp_pow(0.5, inf), 0.0);
    CHECK_HEX(lrp_pow(0.5, -inf), inf);
    CHECK_HEX(lrp_pow(inf, -1.0), 0.0);
    CHECK_HEX(lrp_pow(inf, 2.0), inf);
    CHECK_HEX(lrp_pow(-inf, 3.0), -inf);
    CHECK_HEX(lrp_pow(-inf, -3.0), -0.0);
    CHECK_HEX(lrp_pow(-inf, 2.0), inf);
    CHECK_HEX(lrp_pow(2.0, 1024.0), inf);
    CHECK_HEX(lrp_pow(2.0, -1075.0), 0.0);
    CHECK_HEX(lrp_pow(10.0, 308.0), pow(10.0, 308.0));
    CHECK_HEX(lrp_pow(1e300, 1e300), inf);
    CHECK_HEX(lrp_pow(1e-300, 1e300), 0.0);
    CHECK_HEX(lrp_pow(0x1p-1074, 0.5), 0x1p-537);
    CHECK_HEX(lrp_pow(0.98, 10000.0), pow(0.98, 10000.0));
    return check_done("test_dmath");
}
