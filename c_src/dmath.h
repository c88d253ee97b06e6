/* dmath.h — deterministic double-precision math for the core.
 *
 * exp, log, cos and pow built from +, -, *, / and bit manipulation only (no libm, no
 * FMA, no long double), so the native and WebAssembly builds give the same bits.
 * exp in dmath_exp.c, log and pow in dmath_log.c, cos in dmath_cos.c.
 * Compile with -ffp-contract=off. Accuracy, measured against libm in tests/c/test_dmath.c:
 * about 0.5 ulp for exp, log and pow (table-driven, double-double internally) and under
 * 1 ulp for cos, with exact range reduction for every finite argument.
 *
 * Special values follow C99 Annex F: exp(-inf)=0, exp(+inf)=inf, log(0)=-inf,
 * log(x<0)=NaN, cos(+-inf)=NaN, NaN in -> NaN out, and
 *   pow(x, +-0) = 1 for any x (NaN too), pow(1, y) = 1 for any y,
 *   pow(+-0, y>0) = +0 (-0 for odd integer y and x=-0), pow(+-0, y<0) = +inf,
 *   pow(x<0, non-integer y) = NaN, pow(x<0, integer y) = +-pow(-x, y),
 *   pow(x, +-inf) and pow(+-inf, y) by the usual limits.
 */
#ifndef LRP_DMATH_H
#define LRP_DMATH_H

#define LRP_PI 3.141592653589793238462643383279502884

double lrp_exp(double x);
double lrp_log(double x);
double lrp_cos(double x);
double lrp_pow(double x, double y);

#endif /* LRP_DMATH_H */
