/* fmath.h — the core's own float32 exp, log, tanh, sigmoid and erf, scalar and 4-lane.
 *
 * Results never depend on the C library: every function is built only from IEEE
 * add, sub, mul, div, compares/selects and integer bit operations (the rules of simd.h).
 * Each lrp_Xf4 performs the same operations in the same order as lrp_Xf, lane by lane,
 * so the scalar and SIMD kernels give identical bits (tests/c/test_fmath.c checks it).
 *
 * Accuracy against the exact result, max over every float of the ranges test_fmath
 * sweeps (with LRP_TEST_EXHAUSTIVE=1): exp 0.99 ulp, log 0.86, tanh 1.5, sigmoid 2.4,
 * erf 1.3. Special values:
 *   exp:     +inf for x >= 88.7228394 (and +inf), +0 for x <= -103.972084 (and -inf)
 *   log:     -inf for +-0, NaN for x < 0, +inf for +inf; subnormals handled
 *   tanh:    odd (tanh(-0) = -0), exactly +-1 for |x| > 9.011
 *   sigmoid: in [0, 1]; 1/(1+e^-x) for x >= 0, e^x/(1+e^x) below, so both tails keep
 *            their relative accuracy; exactly 1 for x > 16.636, 0 for x <= -103.972
 *   erf:     odd (erf(-0) = -0), exactly +-1 for |x| > 3.9192
 * Every function returns NaN for NaN.
 */
#ifndef LRP_FMATH_H
#define LRP_FMATH_H

#include "simd.h"

float lrp_expf(float x);
float lrp_logf(float x);
float lrp_tanhf(float x);
float lrp_sigmoidf(float x);  /* 1 / (1 + exp(-x)) */
float lrp_erff(float x);

#if LRP_HAVE_SIMD
v4f lrp_expf4(v4f x);
v4f lrp_logf4(v4f x);
v4f lrp_tanhf4(v4f x);
v4f lrp_sigmoidf4(v4f x);
v4f lrp_erff4(v4f x);
#endif

#endif /* LRP_FMATH_H */
