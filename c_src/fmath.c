/* fmath.c — deterministic float32 exp, log, tanh, sigmoid, erf (see fmath.h).
 *
 * Each function comes twice: lrp_Xf (scalar) and lrp_Xf4 (4 lanes, simd.h). The two
 * perform the same IEEE operations in the same order on every lane; where the scalar
 * version branches between two formulas, the 4-lane version computes both and selects,
 * which gives the same bits. Rounding to an integer uses the 1.5*2^23 trick and powers
 * of two are built by integer shifts into the exponent field: no float<->int conversion
 * instructions and no min/max instructions, whose results differ between SSE2 and
 * WebAssembly on NaN.
 *
 * The polynomial coefficients were fitted for this file (near-minimax relative error,
 * iteratively reweighted least squares in 40-digit arithmetic, then rounded to float);
 * the fitted error is far below float rounding, test_fmath measures the rest.
 */
#include "fmath.h"

/* ------------------------------------------------------------ constants */
#define MAGIC   12582912.0f            /* 1.5 * 2^23: x + MAGIC - MAGIC rounds x to an integer */
#define MAGIC_U 0x4b400000u            /* its bits */
#define LOG2E   1.44269502e+00f        /* 1/ln 2 */
#define LN2_HI  6.93145752e-01f        /* 0x3f317200: 15 significant bits, so k*LN2_HI is exact */
#define LN2_LO  1.42860677e-06f        /* ln 2 - LN2_HI */
#define SIGN_U  0x80000000u
#define ABS_U   0x7fffffffu
#define INF_U   0x7f800000u
#define QNAN_U  0x7fc00000u

/* exp: clamping the input makes overflow and underflow fall out of the scaling:
 * exp(89) overflows to +inf, exp(-104) rounds to +0. */
#define EXP_HI  89.0f
#define EXP_LO  -104.0f
/* e^r = 1 + r + r^2 Q(r) on |r| <= ln2/2; fitted relative error 3.1e-9 */
#define EXP_Q0  4.99999940e-01f
#define EXP_Q1  1.66665211e-01f
#define EXP_Q2  4.16683890e-02f
#define EXP_Q3  8.36871006e-03f
#define EXP_Q4  1.38146104e-03f

/* log: x = 2^e m, m in (sqrt(1/2), sqrt(2)], f = m - 1, s = f/(2+f), so log(1+f) = 2 atanh(s)
 * = f - f^2/2 + s (f^2/2 + R) with R = sum over k >= 1 of 2 s^2k / (2k+1) (|s| < 0.172:
 * four terms are enough) */
#define SQRT2F  1.41421354e+00f
#define LOG_R1  6.66666687e-01f        /* 2/3 */
#define LOG_R2  4.00000006e-01f        /* 2/5 */
#define LOG_R3  2.85714298e-01f        /* 2/7 */
#define LOG_R4  2.22222224e-01f        /* 2/9 */
#define FLT_MIN_NORMAL 1.17549435e-38f /* 2^-126 */
#define FLT_MIN_SUB    1.40129846e-45f /* 2^-149 */
#define FLT_MAXF       3.40282347e+38f

/* tanh of a = |x|: a < TANH_SMALL: a + a z P(z), z = a^2 (fitted relative error 4.4e-9);
 * otherwise (e^2a - 1) / (e^2a + 1) with e^2a - 1 = (2^k - 1) + 2^k y from exp's reduction;
 * a clamped at 10, where the result is exactly 1; the sign put back last. */
#define TANH_SMALL 0.625f
#define TANH_CLAMP 10.0f
#define TANH_P0 -3.33332807e-01f
#define TANH_P1  1.33314416e-01f
#define TANH_P2 -5.37397116e-02f
#define TANH_P3  2.06390787e-02f
#define TANH_P4 -5.70497848e-03f

/* erf of a = |x|: a < 1: a + a P(z), z = a^2 (fitted relative error 1.2e-9);
 * otherwise 1 - exp(M(t) - a^2), t = a - 2.5 (exact), M(a) = log(erfc a) + a^2 fitted on
 * [1, 4] (absolute error of erf 2.1e-11); a clamped at 4, where erf is 1; the sign put
 * back last. */
#define ERF_CLAMP 4.0f
#define ERF_P0  1.28379166e-01f
#define ERF_P1 -3.76126260e-01f
#define ERF_P2  1.12835854e-01f
#define ERF_P3 -2.68538110e-02f
#define ERF_P4  5.18832775e-03f
#define ERF_P5 -8.01019254e-04f
#define ERF_P6  7.85385782e-05f
#define ERF_M0 -1.55681527e+00f
#define ERF_M1 -3.52680624e-01f
#define ERF_M2  5.61081618e-02f
#define ERF_M3 -1.08534992e-02f
#define ERF_M4  2.16652267e-03f
#define ERF_M5 -4.30915272e-04f
#define ERF_M6  6.18164995e-05f
#define ERF_M7 -2.16868502e-05f

/* ================================================================ scalar */

/* e^x = 2^k (1 + y) for x in [EXP_LO, EXP_HI] (or NaN): returns y, k in [-150, 128] */
static inline float exp_reduce(float x, int32_t *k) {
    float t = x * LOG2E + MAGIC;
    float kf = t - MAGIC;                  /* round(x / ln2) */
    *k = (int32_t)(lrp_f2u(t) - MAGIC_U);
    float r = x - kf * LN2_HI;             /* exact */
    r = r - kf * LN2_LO;
    float q = EXP_Q4;
    q = q * r + EXP_Q3;
    q = q * r + EXP_Q2;
    q = q * r + EXP_Q1;
    q = q * r + EXP_Q0;
    return r + (r * r) * q;
}

/* 2^k for k in [-126, 127] */
static inline float pow2i(int32_t k) { return lrp_u2f(((uint32_t)k + 127u) << 23); }

float lrp_expf(float x) {
    x = x > EXP_HI ? EXP_HI : x;          /* NaN passes both compares unchanged */
    x = x < EXP_LO ? EXP_LO : x;
    int32_t k;
    float p = 1.0f + exp_reduce(x, &k);
    /* 2^k as 2^k1 * 2^k2, both normal for k in [-150, 128]: results near the
     * overflow and subnormal edges come out right */
    int32_t k1 = k >> 1, k2 = k - k1;
    return (p * pow2i(k1)) * pow2i(k2);
}

float lrp_logf(float x) {
    int sub = x < FLT_MIN_NORMAL;          /* subnormals (and garbage for x <= 0) */
    float xs = sub ? x * 33554432.0f : x;  /* * 2^25 */
    float bias = sub ? 152.0f : 127.0f;
    uint32_t u = lrp_f2u(xs);
    float e = lrp_u2f(MAGIC_U | ((u >> 23) & 0xffu)) - MAGIC;  /* biased exponent, exact */
    e = e - bias;
    float m = lrp_u2f((u & 0x007fffffu) | 0x3f800000u);        /* [1, 2) */
    int big = m > SQRT2F;
    m = big ? m * 0.5f : m;
    e = big ? e + 1.0f : e;
    float f = m - 1.0f;                                           /* exact */
    float s = f / (2.0f + f);
    float z = s * s;
    float hfsq = (0.5f * f) * f;
    float R = LOG_R4;
    R = R * z + LOG_R3;
    R = R * z + LOG_R2;
    R = R * z + LOG_R1;
    R = R * z;
    float r = s * (hfsq + R);
    r = r + e * LN2_LO;
    r = r - hfsq;
    r = r + f;
    r = r + e * LN2_HI;
    float ax = lrp_u2f(lrp_f2u(x) & ABS_U);
    r = x > 0.0f ? r : lrp_u2f(QNAN_U);               /* x < 0, NaN */
    r = ax < FLT_MIN_SUB ? lrp_u2f(SIGN_U | INF_U) : r; /* +-0 -> -inf */
    r = x > FLT_MAXF ? lrp_u2f(INF_U) : r;             /* +inf */
    return r;
}

float lrp_tanhf(float x) {
    uint32_t sign = lrp_f2u(x) & SIGN_U;
    float a = lrp_u2f(lrp_f2u(x) & ABS_U);   /* both formulas work on |x|; the sign goes back last */
    float r;
    if (a < TANH_SMALL) {
        float z = a * a;
        float p = TANH_P4;
        p = p * z + TANH_P3;
        p = p * z + TANH_P2;
        p = p * z + TANH_P1;
        p = p * z + TANH_P0;
        r = a + a * (z * p);
    } else {
        a = a > TANH_CLAMP ? TANH_CLAMP : a;
        int32_t k;
        float y = exp_reduce(a + a, &k);   /* e^2a = 2^k (1 + y), k in [2, 29] */
        float s = pow2i(k);
        float em1 = (s - 1.0f) + s * y;    /* e^2a - 1 */
        r = em1 / (em1 + 2.0f);
    }
    return lrp_u2f(lrp_f2u(r) | sign);
}

float lrp_sigmoidf(float x) {
    /* e = exp(-|x|) <= 1: 1/(1+e) for x >= 0, e/(1+e) for x < 0, accurate on both tails */
    float e = lrp_expf(lrp_u2f(lrp_f2u(x) | SIGN_U));
    float num = x < 0.0f ? e : 1.0f;
    return num / (1.0f + e);
}

float lrp_erff(float x) {
    uint32_t sign = lrp_f2u(x) & SIGN_U;
    float a = lrp_u2f(lrp_f2u(x) & ABS_U);   /* both formulas work on |x|; the sign goes back last */
    float r;
    if (a < 1.0f) {
        float z = a * a;
        float p = ERF_P6;
        p = p * z + ERF_P5;
        p = p * z + ERF_P4;
        p = p * z + ERF_P3;
        p = p * z + ERF_P2;
        p = p * z + ERF_P1;
        p = p * z + ERF_P0;
        r = a + a * p;
    } else {
        a = a > ERF_CLAMP ? ERF_CLAMP : a;
        float t = a - 2.5f;
        float m = ERF_M7;
        m = m * t + ERF_M6;
        m = m * t + ERF_M5;
        m = m * t + ERF_M4;
        m = m * t + ERF_M3;
        m = m * t + ERF_M2;
        m = m * t + ERF_M1;
        m = m * t + ERF_M0;
        float e = lrp_expf(m - a * a);
        r = 1.0f - e;
    }
    return lrp_u2f(lrp_f2u(r) | sign);
}

/* ================================================================ 4 lanes */
#if LRP_HAVE_SIMD

static inline v4f v4_bits(uint32_t u) { return v4_as_float(v4i_splat((int32_t)u)); }
/* p * z + c, the Horner step */
static inline v4f v4_horner(v4f p, v4f z, float c) { return v4_add(v4_mul(p, z), v4_splat(c)); }

static inline v4f exp_reduce4(v4f x, v4i *k) {
    v4f magic = v4_splat(MAGIC);
    v4f t = v4_add(v4_mul(x, v4_splat(LOG2E)), magic);
    v4f kf = v4_sub(t, magic);
    *k = v4i_sub(v4_as_int(t), v4i_splat((int32_t)MAGIC_U));
    v4f r = v4_sub(x, v4_mul(kf, v4_splat(LN2_HI)));
    r = v4_sub(r, v4_mul(kf, v4_splat(LN2_LO)));
    v4f q = v4_splat(EXP_Q4);
    q = v4_horner(q, r, EXP_Q3);
    q = v4_horner(q, r, EXP_Q2);
    q = v4_horner(q, r, EXP_Q1);
    q = v4_horner(q, r, EXP_Q0);
    return v4_add(r, v4_mul(v4_mul(r, r), q));
}

static inline v4f pow2i4(v4i k) { return v4_as_float(v4i_shl(v4i_add(k, v4i_splat(127)), 23)); }

v4f lrp_expf4(v4f x) {
    v4f hi = v4_splat(EXP_HI), lo = v4_splat(EXP_LO);
    x = v4_select(v4_gt(x, hi), hi, x);
    x = v4_select(v4_lt(x, lo), lo, x);
    v4i k;
    v4f p = v4_add(v4_splat(1.0f), exp_reduce4(x, &k));
    v4i k1 = v4i_sar(k, 1), k2 = v4i_sub(k, k1);
    return v4_mul(v4_mul(p, pow2i4(k1)), pow2i4(k2));
}

v4f lrp_logf4(v4f x) {
    v4f sub = v4_lt(x, v4_splat(FLT_MIN_NORMAL));
    v4f xs = v4_select(sub, v4_mul(x, v4_splat(33554432.0f)), x);
    v4f bias = v4_select(sub, v4_splat(152.0f), v4_splat(127.0f));
    v4i u = v4_as_int(xs);
    v4f eb = v4_and(v4_as_float(v4i_sar(u, 23)), v4_bits(0xffu));
    v4f e = v4_sub(v4_or(eb, v4_bits(MAGIC_U)), v4_splat(MAGIC));
    e = v4_sub(e, bias);
    v4f m = v4_or(v4_and(xs, v4_bits(0x007fffffu)), v4_bits(0x3f800000u));
    v4f big = v4_gt(m, v4_splat(SQRT2F));
    m = v4_select(big, v4_mul(m, v4_splat(0.5f)), m);
    e = v4_select(big, v4_add(e, v4_splat(1.0f)), e);
    v4f f = v4_sub(m, v4_splat(1.0f));
    v4f s = v4_div(f, v4_add(v4_splat(2.0f), f));
    v4f z = v4_mul(s, s);
    v4f hfsq = v4_mul(v4_mul(v4_splat(0.5f), f), f);
    v4f R = v4_splat(LOG_R4);
    R = v4_horner(R, z, LOG_R3);
    R = v4_horner(R, z, LOG_R2);
    R = v4_horner(R, z, LOG_R1);
    R = v4_mul(R, z);
    v4f r = v4_mul(s, v4_add(hfsq, R));
    r = v4_add(r, v4_mul(e, v4_splat(LN2_LO)));
    r = v4_sub(r, hfsq);
    r = v4_add(r, f);
    r = v4_add(r, v4_mul(e, v4_splat(LN2_HI)));
    v4f ax = v4_and(x, v4_bits(ABS_U));
    r = v4_select(v4_gt(x, v4_splat(0.0f)), r, v4_bits(QNAN_U));
    r = v4_select(v4_lt(ax, v4_splat(FLT_MIN_SUB)), v4_bits(SIGN_U | INF_U), r);
    r = v4_select(v4_gt(x, v4_splat(FLT_MAXF)), v4_bits(INF_U), r);
    return r;
}

v4f lrp_tanhf4(v4f x) {
    v4f sign = v4_and(x, v4_bits(SIGN_U));
    v4f a = v4_and(x, v4_bits(ABS_U));
    v4f small_mask = v4_lt(a, v4_splat(TANH_SMALL));
    /* small */
    v4f z = v4_mul(a, a);
    v4f p = v4_splat(TANH_P4);
    p = v4_horner(p, z, TANH_P3);
    p = v4_horner(p, z, TANH_P2);
    p = v4_horner(p, z, TANH_P1);
    p = v4_horner(p, z, TANH_P0);
    v4f small = v4_add(a, v4_mul(a, v4_mul(z, p)));
    /* large */
    v4f clamp = v4_splat(TANH_CLAMP);
    v4f ac = v4_select(v4_gt(a, clamp), clamp, a);
    v4i k;
    v4f y = exp_reduce4(v4_add(ac, ac), &k);
    v4f s = pow2i4(k);
    v4f em1 = v4_add(v4_sub(s, v4_splat(1.0f)), v4_mul(s, y));
    v4f large = v4_div(em1, v4_add(em1, v4_splat(2.0f)));
    return v4_or(v4_select(small_mask, small, large), sign);
}

v4f lrp_sigmoidf4(v4f x) {
    v4f e = lrp_expf4(v4_or(x, v4_bits(SIGN_U)));
    v4f one = v4_splat(1.0f);
    v4f num = v4_select(v4_lt(x, v4_splat(0.0f)), e, one);
    return v4_div(num, v4_add(one, e));
}

v4f lrp_erff4(v4f x) {
    v4f sign = v4_and(x, v4_bits(SIGN_U));
    v4f a = v4_and(x, v4_bits(ABS_U));
    v4f small_mask = v4_lt(a, v4_splat(1.0f));
    /* small */
    v4f z = v4_mul(a, a);
    v4f p = v4_splat(ERF_P6);
    p = v4_horner(p, z, ERF_P5);
    p = v4_horner(p, z, ERF_P4);
    p = v4_horner(p, z, ERF_P3);
    p = v4_horner(p, z, ERF_P2);
    p = v4_horner(p, z, ERF_P1);
    p = v4_horner(p, z, ERF_P0);
    v4f small = v4_add(a, v4_mul(a, p));
    /* large */
    v4f clamp = v4_splat(ERF_CLAMP);
    v4f ac = v4_select(v4_gt(a, clamp), clamp, a);
    v4f t = v4_sub(ac, v4_splat(2.5f));
    v4f m = v4_splat(ERF_M7);
    m = v4_horner(m, t, ERF_M6);
    m = v4_horner(m, t, ERF_M5);
    m = v4_horner(m, t, ERF_M4);
    m = v4_horner(m, t, ERF_M3);
    m = v4_horner(m, t, ERF_M2);
    m = v4_horner(m, t, ERF_M1);
    m = v4_horner(m, t, ERF_M0);
    v4f e = lrp_expf4(v4_sub(m, v4_mul(ac, ac)));
    v4f large = v4_sub(v4_splat(1.0f), e);
    return v4_or(v4_select(small_mask, small, large), sign);
}

#endif /* LRP_HAVE_SIMD */
