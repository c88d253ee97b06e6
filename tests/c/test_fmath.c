/* test_fmath.c — the core's float math against libm (double) and scalar vs 4-lane bits.
 * libm is used here only as the reference, never by the core. */
#include "check.h"
#include "fmath.h"
#include <float.h>
#include <stdint.h>
#include <stdlib.h>

typedef float (*f1)(float);
typedef double (*d1)(double);

static double sigmoid_d(double x) { return 1.0 / (1.0 + exp(-x)); }

/* error of got against the exact value ref, in units in the last place of float at ref */
static double ulp_err(float got, double ref) {
    if (isnan(ref)) return isnan(got) ? 0.0 : 1e9;
    if (isnan(got)) return 1e9;
    float rf = (float)ref;
    if (isinf(rf) || isinf(got)) return (got == rf) ? 0.0 : 1e9;
    double a = fabs(ref);
    int e;
    frexp(a, &e);                       /* a in [2^(e-1), 2^e) */
    double ulp = ldexp(1.0, e - 24);
    if (ulp < ldexp(1.0, -149)) ulp = ldexp(1.0, -149);
    return fabs((double)got - ref) / ulp;
}

/* Points per range: every float of the range with LRP_TEST_EXHAUSTIVE=1 in the
 * environment (minutes), else about this many, evenly spread over the bit patterns. */
static uint32_t sweep_points = 250000;

/* max ulp error over the floats in [lo, hi] (same sign), stepping bit patterns */
static double sweep(f1 f, d1 ref, float lo, float hi, uint32_t step, float *worst_x) {
    double worst = 0.0;
    uint32_t a = lrp_f2u(lo), b = lrp_f2u(hi);
    if (a > b) { uint32_t t = a; a = b; b = t; }
    if (step == 0) step = ((b - a) / sweep_points) | 1u;   /* odd: no aliasing on low bits */
    for (uint64_t u = a; u <= b; u += step) {
        float x = lrp_u2f((uint32_t)u);
        double e = ulp_err(f(x), ref((double)x));
        if (e > worst) { worst = e; *worst_x = x; }
    }
    return worst;
}

static void check_range(const char *name, f1 f, d1 ref, float lo, float hi, uint32_t step, double max_ulp) {
    float wx = 0.0f;
    double w = sweep(f, ref, lo, hi, step, &wx);
    printf("  %-8s [%-12g, %-12g] max %.3f ulp at %.9g\n", name, lo, hi, w, wx);
    CHECK_MSG(w <= max_ulp, "%s: %.3f ulp at %.9g (limit %.1f)", name, w, wx, max_ulp);
}

#if LRP_HAVE_SIMD
typedef v4f (*f4)(v4f);
/* scalar and 4-lane agree bit for bit (NaN: both NaN) on n inputs */
static long bits_mismatch(const char *name, f1 f, f4 g, const float *xs, size_t n) {
    long bad = 0;
    for (size_t i = 0; i + 4 <= n; i += 4) {
        float out[4];
        v4_store(out, g(v4_load(xs + i)));
        for (int j = 0; j < 4; j++) {
            float s = f(xs[i + j]);
            int same = (lrp_f2u(s) == lrp_f2u(out[j])) || (isnan(s) && isnan(out[j]));
            if (!same) {
                if (bad < 5) fprintf(stderr, "%s(%.9g = 0x%08x): scalar 0x%08x, v4 0x%08x\n", name,
                                     xs[i + j], lrp_f2u(xs[i + j]), lrp_f2u(s), lrp_f2u(out[j]));
                bad++;
            }
        }
    }
    return bad;
}
#endif

static uint64_t rs = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return (uint32_t)(rs >> 16); }

int main(void) {
    const float inf = INFINITY, nan_ = NAN;
    const char *ex = getenv("LRP_TEST_EXHAUSTIVE");
    uint32_t dense = (ex && ex[0] == '1') ? 1u : 0u;   /* 0: spread sweep_points */

    /* ---------------------------------------------------------- accuracy */
    printf("accuracy vs libm (double):\n");
    check_range("exp", lrp_expf, exp, -103.9f, -1e-8f, dense, 1.0);
    check_range("exp", lrp_expf, exp, 1e-8f, 88.72f, dense, 1.0);
    check_range("exp", lrp_expf, exp, -1e-8f, -1e-30f, dense, 1.0);
    check_range("log", lrp_logf, log, 1e-45f, 1e-30f, dense, 1.0);
    check_range("log", lrp_logf, log, 1e-30f, 3.4e38f, dense, 1.0);
    check_range("log", lrp_logf, log, 0.5f, 2.0f, dense, 1.0);
    check_range("tanh", lrp_tanhf, tanh, 1e-30f, 0.625f, dense, 1.0);
    check_range("tanh", lrp_tanhf, tanh, 0.625f, 12.0f, dense, 2.0);
    check_range("tanh", lrp_tanhf, tanh, -12.0f, -1e-30f, dense, 2.0);
    check_range("sigmoid", lrp_sigmoidf, sigmoid_d, -103.0f, -1e-30f, dense, 3.0);
    check_range("sigmoid", lrp_sigmoidf, sigmoid_d, 1e-30f, 20.0f, dense, 3.0);
    check_range("erf", lrp_erff, erf, 1e-30f, 1.0f, dense, 1.5);
    check_range("erf", lrp_erff, erf, 1.0f, 5.0f, dense, 1.5);
    check_range("erf", lrp_erff, erf, -5.0f, -1e-30f, dense, 1.5);

    /* ---------------------------------------------------- special values */
    CHECK(lrp_expf(0.0f) == 1.0f && lrp_expf(-0.0f) == 1.0f);
    CHECK(lrp_expf(1.0f) == (float)exp(1.0));
    CHECK(isinf(lrp_expf(inf)) && lrp_expf(inf) > 0);
    CHECK(isinf(lrp_expf(88.73f)) && lrp_expf(88.72f) < inf && lrp_expf(88.72f) > 3.3e38f);
    CHECK(isinf(lrp_expf(1e30f)));
    CHECK(lrp_expf(-inf) == 0.0f && !signbit(lrp_expf(-inf)));
    CHECK(lrp_expf(-1e30f) == 0.0f);
    CHECK(lrp_expf(-104.0f) == 0.0f);
    CHECK(lrp_expf(-103.0f) > 0.0f && lrp_expf(-103.0f) < FLT_MIN);   /* subnormal result */
    CHECK(ulp_err(lrp_expf(-100.0f), exp(-100.0)) <= 1.0);
    CHECK(isnan(lrp_expf(nan_)) && isnan(lrp_expf(-nan_)));

    CHECK(lrp_logf(1.0f) == 0.0f && !signbit(lrp_logf(1.0f)));
    CHECK(isinf(lrp_logf(0.0f)) && lrp_logf(0.0f) < 0);
    CHECK(isinf(lrp_logf(-0.0f)) && lrp_logf(-0.0f) < 0);
    CHECK(isnan(lrp_logf(-1.0f)) && isnan(lrp_logf(-inf)) && isnan(lrp_logf(-1e-45f)));
    CHECK(isinf(lrp_logf(inf)) && lrp_logf(inf) > 0);
    CHECK(isnan(lrp_logf(nan_)));
    CHECK(ulp_err(lrp_logf(1e-45f), log((double)1e-45f)) <= 1.0);
    CHECK(ulp_err(lrp_logf(FLT_MIN), log((double)FLT_MIN)) <= 1.0);
    CHECK(ulp_err(lrp_logf(FLT_MAX), log((double)FLT_MAX)) <= 1.0);
    CHECK(lrp_logf(2.0f) == (float)log(2.0));

    CHECK(lrp_tanhf(0.0f) == 0.0f && !signbit(lrp_tanhf(0.0f)));
    CHECK(lrp_tanhf(-0.0f) == 0.0f && signbit(lrp_tanhf(-0.0f)));
    CHECK(lrp_tanhf(inf) == 1.0f && lrp_tanhf(-inf) == -1.0f);
    CHECK(lrp_tanhf(9.1f) == 1.0f && lrp_tanhf(-9.1f) == -1.0f && lrp_tanhf(1e30f) == 1.0f);
    CHECK(lrp_tanhf(1e-30f) == 1e-30f && lrp_tanhf(1e-45f) == 1e-45f);
    CHECK(isnan(lrp_tanhf(nan_)));
    {   /* odd and bounded over a sweep */
        int odd = 1, bounded = 1;
        for (float x = 1e-6f; x < 30.0f; x *= 1.001f) {
            float t = lrp_tanhf(x);
            odd &= lrp_tanhf(-x) == -t;
            bounded &= t > 0.0f && t <= 1.0f;
        }
        CHECK(odd); CHECK(bounded);
    }

    CHECK(lrp_sigmoidf(0.0f) == 0.5f && lrp_sigmoidf(-0.0f) == 0.5f);
    CHECK(lrp_sigmoidf(inf) == 1.0f && lrp_sigmoidf(-inf) == 0.0f);
    CHECK(lrp_sigmoidf(17.0f) == 1.0f && lrp_sigmoidf(-104.0f) == 0.0f);
    CHECK(lrp_sigmoidf(-100.0f) > 0.0f && ulp_err(lrp_sigmoidf(-100.0f), sigmoid_d(-100.0)) <= 1.0);
    CHECK(isnan(lrp_sigmoidf(nan_)));
    {
        int in01 = 1;
        for (uint32_t i = 0; i < 200000; i++) {
            float x = lrp_u2f(rnd());
            float s = lrp_sigmoidf(x);
            if (!isnan(x)) in01 &= s >= 0.0f && s <= 1.0f;
        }
        CHECK(in01);
    }

    CHECK(lrp_erff(0.0f) == 0.0f && !signbit(lrp_erff(0.0f)));
    CHECK(lrp_erff(-0.0f) == 0.0f && signbit(lrp_erff(-0.0f)));
    CHECK(lrp_erff(inf) == 1.0f && lrp_erff(-inf) == -1.0f);
    CHECK(lrp_erff(3.92f) == 1.0f && lrp_erff(-100.0f) == -1.0f);
    CHECK(lrp_erff(1e-30f) > 1e-30f && ulp_err(lrp_erff(1e-30f), erf(1e-30)) <= 1.0);
    CHECK(isnan(lrp_erff(nan_)));
    {
        int odd = 1;
        for (float x = 1e-6f; x < 10.0f; x *= 1.001f) odd &= lrp_erff(-x) == -lrp_erff(x);
        CHECK(odd);
    }

    /* ------------------------------------------- scalar vs 4-lane bits */
#if LRP_HAVE_SIMD
    {
        size_t n = 0, cap = 1u << 21;
        float *xs = malloc(cap * sizeof *xs);
        CHECK(xs != NULL);
        if (!xs) return check_done("test_fmath");
        static const float edges[] = {
            0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 1.0f, -1.0f, 0.5f, -0.5f,
            FLT_MIN, -FLT_MIN, FLT_MAX, -FLT_MAX, 1e-45f, -1e-45f, FLT_EPSILON,
            88.72f, 88.7228394f, 88.73f, 89.0f, -87.3f, -103.9f, -103.97f, -104.0f, -150.0f,
            0.625f, -0.625f, 0.62499994f, 9.0f, 9.1f, 10.0f, -10.0f, 3.92f, 4.0f, -4.0f,
            0.3465736f, -0.3465736f, 1.41421354f, 0.70710677f, 0.99999994f, 1.00000012f,
            16.6f, 16.7f, 2.5f, 1e-30f, -1e-30f, 12582912.0f, -12582912.0f,
        };
        size_t ne = sizeof edges / sizeof edges[0];
        for (size_t i = 0; i < ne; i++) xs[n++] = edges[i];
        for (size_t i = 0; i < ne; i++) {              /* neighbours of the edges */
            uint32_t u = lrp_f2u(edges[i]);
            xs[n++] = lrp_u2f(u + 1); xs[n++] = lrp_u2f(u - 1);
        }
        while (n % 4) xs[n++] = 0.0f;
        while (n < cap / 2) xs[n++] = lrp_u2f(rnd());   /* any bit pattern */
        while (n < cap) {                               /* the ranges that matter, densely */
            float m = (float)(rnd() >> 8) * (1.0f / 16777216.0f);
            xs[n++] = (m - 0.5f) * 40.0f;
        }
        CHECK(bits_mismatch("exp", lrp_expf, lrp_expf4, xs, n) == 0);
        CHECK(bits_mismatch("log", lrp_logf, lrp_logf4, xs, n) == 0);
        CHECK(bits_mismatch("tanh", lrp_tanhf, lrp_tanhf4, xs, n) == 0);
        CHECK(bits_mismatch("sigmoid", lrp_sigmoidf, lrp_sigmoidf4, xs, n) == 0);
        CHECK(bits_mismatch("erf", lrp_erff, lrp_erff4, xs, n) == 0);
        /* a lane's result does not depend on its neighbours: shift the inputs by one */
        CHECK(bits_mismatch("tanh+1", lrp_tanhf, lrp_tanhf4, xs + 1, n - 4) == 0);
        CHECK(bits_mismatch("erf+2", lrp_erff, lrp_erff4, xs + 2, n - 4) == 0);
        free(xs);
    }
#else
    printf("  (no SIMD in this build: scalar only)\n");
#endif
    return check_done("test_fmath");
}
