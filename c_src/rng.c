/* rng.c — PCG32 (M. E. O'Neill, "PCG: A Family of Simple Fast Space-Efficient
 * Statistically Good Algorithms for Random Number Generation", 2014): the XSH-RR
 * output over a 64-bit LCG, exactly as pcg32_random_r / pcg32_srandom_r of the
 * reference C implementation, so the reference demo's numbers are ours too.
 *
 * Everything derived from it uses integer arithmetic or correctly rounded float
 * operations (and the core's own logarithm), so every build draws the same bits. */
#include "rng.h"
#include "fmath.h"
#include <math.h>   /* sqrtf only: correctly rounded everywhere */

#define PCG32_MULT 6364136223846793005ULL

uint32_t lrp_rng_u32(lrp_rng *r) {
    uint64_t old = r->state;
    r->state = old * PCG32_MULT + r->inc;
    uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = (uint32_t)(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((0u - rot) & 31u));
}

/* pcg32_srandom_r(rng, initstate = seed, initseq = stream). */
void lrp_rng_seed(lrp_rng *r, uint64_t seed, uint64_t stream) {
    r->state = 0u;
    r->inc = (stream << 1u) | 1u;
    (void)lrp_rng_u32(r);
    r->state += seed;
    (void)lrp_rng_u32(r);
}

/* Lemire's nearly-divisionless method ("Fast Random Integer Generation in an
 * Interval", 2019): unbiased, one multiply in the common case. bound 0 gives 0. */
uint32_t lrp_rng_below(lrp_rng *r, uint32_t bound) {
    if (bound == 0) return 0;
    uint64_t m = (uint64_t)lrp_rng_u32(r) * bound;
    uint32_t low = (uint32_t)m;
    if (low < bound) {
        uint32_t threshold = (0u - bound) % bound;   /* 2^32 mod bound */
        while (low < threshold) {
            m = (uint64_t)lrp_rng_u32(r) * bound;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

/* The top 24 bits scaled by 2^-24: exact in float, in [0, 1 - 2^-24]. */
float lrp_rng_uniform(lrp_rng *r) {
    return (float)(lrp_rng_u32(r) >> 8) * (1.0f / 16777216.0f);
}

float lrp_rng_uniform_in(lrp_rng *r, float lo, float hi) {
    return lo + (hi - lo) * lrp_rng_uniform(r);
}

/* Marsaglia's polar method. The second variate of each accepted pair is dropped so
 * the generator state stays just (state, inc). */
float lrp_rng_normal(lrp_rng *r) {
    float u, v, s;
    do {
        u = 2.0f * lrp_rng_uniform(r) - 1.0f;
        v = 2.0f * lrp_rng_uniform(r) - 1.0f;
        s = u * u + v * v;
    } while (s >= 1.0f || s == 0.0f);
    return u * sqrtf(-2.0f * lrp_logf(s) / s);
}

/* Fisher-Yates, from the back: idx[i] swaps with a uniform idx[j], j in [0, i].
 * Index arrays hold uint32_t, so n is at most 2^32 (callers stay far below). */
void lrp_rng_shuffle(lrp_rng *r, uint32_t *idx, size_t n) {
    if (n < 2) return;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = lrp_rng_below(r, (uint32_t)(i + 1));
        uint32_t t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
}
