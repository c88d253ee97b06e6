/* dmath_cos.c — deterministic double-precision cos (see dmath.h).
 *
 * Only +, -, *, /, integer operations on the bit patterns and table look-ups: every
 * operation is a correctly rounded IEEE-754 double operation in round-to-nearest, so the
 * native (SSE2) and WebAssembly builds produce identical bits. No FMA is used or wanted:
 * products that must be exact are split (Dekker).
 *
 * Method: fdlibm's kernels on [-pi/4, pi/4] (coefficients by Sun Microsystems:
 * "Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at
 * SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is
 * preserved."), Cody-Waite reduction with pi/2 in three 33-bit pieces for
 * |x| < 2^20*pi/2, and above that an exact Payne-Hanek reduction: the 53-bit
 * significand times a 192-bit window of 2/pi (1280 bits tabulated), in 32-bit limbs.
 */
#include "dmath.h"
#include "dmath_impl.h"

/* the bits of 2/pi after the binary point, 32 at a time */
static const uint32_t TWO_OVER_PI[40] = {
    0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599,
    0x3c439041, 0xfe5163ab, 0xdebbc561, 0xb7246e3a, 0x424dd2e0,
    0x06492eea, 0x09d1921c, 0xfe1deb1c, 0xb129a73e, 0xe88235f5,
    0x2ebb4484, 0xe99c7026, 0xb45f7e41, 0x3991d639, 0x835339f4,
    0x9c845f8b, 0xbdf9283b, 0x1ff897ff, 0xde05980f, 0xef2f118b,
    0x5a0a6d1f, 0x6d367ecf, 0x27cb09b7, 0x4f463f66, 0x9e5fea2d,
    0x7527bac7, 0xebe5f17b, 0x3d0739f7, 0x8a5292ea, 0x6bfb5fb1,
    0x1f8d5d08, 0x56033046, 0xfc7b6bab, 0xf0cfbc20, 0x9af4361d,
};

/* ------------------------------------------------------------------- cos */
/* fdlibm's kernels on [-pi/4, pi/4]; x + y is the reduced argument. */
static double kernel_cos(double x, double y)
{
    const double C1 = 0x1.555555555554cp-5, C2 = -0x1.6c16c16c15177p-10, C3 = 0x1.a01a019cb1590p-16,
                 C4 = -0x1.27e4f809c52adp-22, C5 = 0x1.1ee9ebdb4b1c4p-29, C6 = -0x1.8fae9be8838d4p-37;
    double z = x * x;
    double w = z * z;
    double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    double hz = 0.5 * z;
    w = 1.0 - hz;
    return w + (((1.0 - w) - hz) + (z * r - x * y));
}

static double kernel_sin(double x, double y)
{
    const double S1 = -0x1.5555555555549p-3, S2 = 0x1.111111110f8a6p-7, S3 = -0x1.a01a019c161d5p-13,
                 S4 = 0x1.71de357b1fe7dp-19, S5 = -0x1.ae5e68a2b9cebp-26, S6 = 0x1.5d93a5acfd57cp-33;
    double z = x * x;
    double w = z * z;
    double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    double v = z * x;
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* Cody-Waite: x (>= 0, < 2^20*pi/2) = n*pi/2 + y[0] + y[1]. */
static unsigned rem_pio2_medium(double x, double *y)
{
    const double toint = 0x1.8p52, invpio2 = 0x1.45f306dc9c883p-1, pio4 = 0x1.921fb54442d18p-1;
    const double pio2_1 = 0x1.921fb54400000p+0, pio2_1t = 0x1.0b4611a626331p-34;
    const double pio2_2 = 0x1.0b4611a600000p-34, pio2_2t = 0x1.3198a2e037073p-69;
    const double pio2_3 = 0x1.3198a2e000000p-69, pio2_3t = 0x1.b839a252049c1p-104;
    double fn = x * invpio2 + toint - toint;
    double r = x - fn * pio2_1;
    double w = fn * pio2_1t;
    if (r - w < -pio4) { fn -= 1.0; r = x - fn * pio2_1; w = fn * pio2_1t; }
    else if (r - w > pio4) { fn += 1.0; r = x - fn * pio2_1; w = fn * pio2_1t; }
    y[0] = r - w;
    int ex = (int)(asu64(x) >> 52);
    int ey = (int)((asu64(y[0]) >> 52) & 0x7ff);
    if (ex - ey > 16) { /* cancellation: second 33 bits of pi/2 */
        double t = r;
        w = fn * pio2_2;
        r = t - w;
        w = fn * pio2_2t - ((t - r) - w);
        y[0] = r - w;
        ey = (int)((asu64(y[0]) >> 52) & 0x7ff);
        if (ex - ey > 49) { /* and the third */
            t = r;
            w = fn * pio2_3;
            r = t - w;
            w = fn * pio2_3t - ((t - r) - w);
            y[0] = r - w;
        }
    }
    y[1] = (r - y[0]) - w;
    return (unsigned)(int32_t)fn;
}

/* Bits b_p .. b_{p+31} of 2/pi = 0.b_1 b_2 ... (zero outside the table). */
static uint32_t two_over_pi_bits(int p)
{
    if (p <= -31) return 0;
    if (p <= 0) return TWO_OVER_PI[0] >> (1 - p);
    int w = (p - 1) / 32, off = (p - 1) % 32;
    uint32_t hi = w < 40 ? TWO_OVER_PI[w] : 0;
    uint32_t lo = w + 1 < 40 ? TWO_OVER_PI[w + 1] : 0;
    return off ? (hi << off) | (lo >> (32 - off)) : hi;
}

/* Payne-Hanek: x (finite, >= 2^20) = n*pi/2 + y[0] + y[1], |y| <= pi/4.
 * x = m*2^e with m a 53-bit integer. Bits b_i of 2/pi with i < e - 1 only add
 * multiples of 4 to x*2/pi, so a window of W = 192 bits starting at b_{e-1} gives
 * x*2/pi mod 4 = m*B / 2^(W-2) with an error below 2^-137. */
static unsigned rem_pio2_large(double x, double *y)
{
    uint64_t ux = asu64(x);
    int e = (int)(ux >> 52) - 1075;
    uint64_t m = (ux & ((1ull << 52) - 1)) | (1ull << 52);
    uint32_t B[6], M[2] = { (uint32_t)m, (uint32_t)(m >> 32) }, P[8] = { 0 };
    for (int j = 0; j < 6; j++) B[j] = two_over_pi_bits(e - 1 + 32 * (5 - j)); /* B[0] least significant */
    for (int i = 0; i < 2; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 6; j++) {
            uint64_t t = (uint64_t)M[i] * B[j] + P[i + j] + carry;
            P[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        P[i + 6] = (uint32_t)carry;
    }
    /* P / 2^190: bits 190-191 are n mod 4, bits 189..30 the fraction (top-aligned in F) */
    unsigned n = P[5] >> 30;
    uint32_t F[5];
    for (int k = 0; k < 5; k++) F[k] = (P[5 - k] << 2) | (P[4 - k] >> 30);
    int neg = 0;
    if (F[0] & 0x80000000u) { /* fraction >= 1/2: use fraction - 1 */
        n += 1;
        neg = 1;
        uint64_t c = 1;
        for (int k = 4; k >= 0; k--) {
            uint64_t t = (uint64_t)(uint32_t)~F[k] + c;
            F[k] = (uint32_t)t;
            c = t >> 32;
        }
    }
    /* fraction as a double-double */
    double s = (double)F[0] * 0x1p-32, lo = 0.0, scale = 0x1p-32;
    for (int k = 1; k < 5; k++) {
        double err;
        scale *= 0x1p-32;
        two_sum(s, (double)F[k] * scale, &s, &err);
        lo += err;
    }
    double fh = s + lo;
    double fl = lo - (fh - s);
    /* times pi/2 */
    const double pio2_hi = 0x1.921fb54442d18p+0, pio2_lo = 0x1.1a62633145c07p-54;
    double ph, pe;
    two_prod(fh, pio2_hi, &ph, &pe);
    pe += fh * pio2_lo + fl * pio2_hi;
    y[0] = ph + pe;
    y[1] = pe - (y[0] - ph);
    if (neg) { y[0] = -y[0]; y[1] = -y[1]; }
    return n;
}

double lrp_cos(double x)
{
    uint64_t ux = asu64(x) & ~(1ull << 63); /* cos is even */
    uint32_t ix = (uint32_t)(ux >> 32);
    x = asdbl(ux);
    if (ix <= 0x3fe921fb) { /* |x| ~<= pi/4 */
        if (ix < 0x3e46a09e) return 1.0; /* |x| < 2^-27 * sqrt(2) */
        return kernel_cos(x, 0.0);
    }
    if (ix >= 0x7ff00000) return x - x; /* inf or NaN */
    double y[2];
    unsigned n = ix < 0x413921fb ? rem_pio2_medium(x, y) : rem_pio2_large(x, y);
    switch (n & 3) {
    case 0: return kernel_cos(y[0], y[1]);
    case 1: return -kernel_sin(y[0], y[1]);
    case 2: return -kernel_cos(y[0], y[1]);
    default: return kernel_sin(y[0], y[1]);
    }
}
