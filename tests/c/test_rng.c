/* test_rng.c — PCG32 against the reference implementation's demo output, and the
 * derived draws: bounds, uniformity, the normal's moments, shuffles as permutations. */
#include "check.h"
#include "rng.h"
#include <stdint.h>
#include <stdlib.h>

/* pcg32-demo (pcg-c-basic): pcg32_srandom_r(&rng, 42u, 54u), first six outputs. */
static const uint32_t pcg_demo[6] = {
    0xa15c02b7u, 0x7b47f409u, 0xba1d3330u, 0x83d2f293u, 0xbfa4784bu, 0xcbed606eu
};

static void test_reference(void) {
    lrp_rng r;
    lrp_rng_seed(&r, 42u, 54u);
    for (int i = 0; i < 6; i++) {
        uint32_t x = lrp_rng_u32(&r);
        CHECK_MSG(x == pcg_demo[i], "output %d: got 0x%08x want 0x%08x", i, (unsigned)x, (unsigned)pcg_demo[i]);
    }
    /* Same seed and stream: same sequence; another stream or seed: another one. */
    lrp_rng a, b, c;
    lrp_rng_seed(&a, 7u, LRP_STREAM_DATA);
    lrp_rng_seed(&b, 7u, LRP_STREAM_DATA);
    lrp_rng_seed(&c, 7u, LRP_STREAM_INIT);
    int same = 1, diff = 0;
    for (int i = 0; i < 100; i++) {
        uint32_t xa = lrp_rng_u32(&a), xb = lrp_rng_u32(&b), xc = lrp_rng_u32(&c);
        same &= xa == xb;
        diff += xa != xc;
    }
    CHECK(same);
    CHECK(diff > 90);
    lrp_rng_seed(&a, 7u, LRP_STREAM_DATA);
    lrp_rng_seed(&b, 8u, LRP_STREAM_DATA);
    CHECK(lrp_rng_u32(&a) != lrp_rng_u32(&b));
}

static void test_uniform(void) {
    lrp_rng r;
    lrp_rng_seed(&r, 42u, 54u);
    /* The first uniform is the top 24 bits of the first output, scaled by 2^-24. */
    float u0 = lrp_rng_uniform(&r);
    CHECK(u0 == (float)((double)(0xa15c02b7u >> 8) / 16777216.0));
    double sum = 0.0;
    float lo = 1.0f, hi = 0.0f;
    const int n = 100000;
    for (int i = 0; i < n; i++) {
        float u = lrp_rng_uniform(&r);
        if (u < lo) lo = u;
        if (u > hi) hi = u;
        sum += u;
    }
    CHECK(lo >= 0.0f && hi < 1.0f);
    CHECK(lo < 0.001f && hi > 0.999f);
    CHECK_NEAR(sum / n, 0.5, 0.005);
    for (int i = 0; i < 1000; i++) {
        float x = lrp_rng_uniform_in(&r, -3.0f, 2.0f);
        CHECK(x >= -3.0f && x < 2.0f);
    }
}

static void test_below(void) {
    lrp_rng r;
    /* Lemire: without rejection the result is the high word of u32 * bound. */
    lrp_rng_seed(&r, 42u, 54u);
    CHECK(lrp_rng_below(&r, 6u) == (uint32_t)(((uint64_t)0xa15c02b7u * 6u) >> 32));
    CHECK(lrp_rng_below(&r, 1000u) == (uint32_t)(((uint64_t)0x7b47f409u * 1000u) >> 32));
    CHECK(lrp_rng_below(&r, 0u) == 0u);
    CHECK(lrp_rng_below(&r, 1u) == 0u);

    static const uint32_t bounds[] = { 2u, 3u, 7u, 10u, 1000u, 0x80000001u, 0xffffffffu };
    for (size_t k = 0; k < sizeof bounds / sizeof bounds[0]; k++) {
        int ok = 1;
        for (int i = 0; i < 20000; i++) ok &= lrp_rng_below(&r, bounds[k]) < bounds[k];
        CHECK_MSG(ok, "bound %u", (unsigned)bounds[k]);
    }
    /* Every value of a small bound comes up about equally often. */
    enum { B = 7, N = 70000 };
    int count[B] = { 0 };
    for (int i = 0; i < N; i++) count[lrp_rng_below(&r, B)]++;
    for (int k = 0; k < B; k++) CHECK_MSG(abs(count[k] - N / B) < 400, "value %d: %d", k, count[k]);
    /* bound = 3 * 2^30: the high word of u32 * bound without rejection would give the
     * multiples of 3 half the time; unbiased, they are a third. */
    int mult3 = 0;
    const int nb = 30000;
    for (int i = 0; i < nb; i++) mult3 += lrp_rng_below(&r, 0xc0000000u) % 3u == 0u;
    CHECK_MSG(abs(mult3 - nb / 3) < 400, "multiples of 3: %d of %d", mult3, nb);
}

static void test_normal(void) {
    lrp_rng r;
    lrp_rng_seed(&r, 1u, LRP_STREAM_DATA);
    const int n = 200000;
    double s1 = 0.0, s2 = 0.0, s4 = 0.0;
    int finite = 1, tails = 0;
    for (int i = 0; i < n; i++) {
        double x = lrp_rng_normal(&r);
        finite &= isfinite(x);
        s1 += x; s2 += x * x; s4 += x * x * x * x;
        tails += fabs(x) > 1.96;
    }
    CHECK(finite);
    double mean = s1 / n, var = s2 / n - mean * mean;
    CHECK_NEAR(mean, 0.0, 0.01);
    CHECK_NEAR(var, 1.0, 0.015);
    CHECK_NEAR(s4 / n, 3.0, 0.06);            /* kurtosis of a normal */
    CHECK_NEAR((double)tails / n, 0.05, 0.003);
    /* Deterministic: the same seed gives the same bits. */
    lrp_rng a, b;
    lrp_rng_seed(&a, 99u, 5u);
    lrp_rng_seed(&b, 99u, 5u);
    int same = 1;
    for (int i = 0; i < 1000; i++) {
        float xa = lrp_rng_normal(&a), xb = lrp_rng_normal(&b);
        same &= memcmp(&xa, &xb, sizeof xa) == 0;
    }
    CHECK(same);
}

static int is_permutation(const uint32_t *idx, size_t n) {
    unsigned char *seen = calloc(n ? n : 1, 1);
    if (!seen) return 0;
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        if (idx[i] >= n || seen[idx[i]]) { ok = 0; break; }
        seen[idx[i]] = 1;
    }
    free(seen);
    return ok;
}

static void test_shuffle(void) {
    lrp_rng r;
    lrp_rng_seed(&r, 3u, LRP_STREAM_BATCHES);
    static const size_t sizes[] = { 0, 1, 2, 3, 5, 17, 1000, 20000 };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);
        for (size_t i = 0; i < n; i++) idx[i] = (uint32_t)i;
        lrp_rng_shuffle(&r, idx, n);
        CHECK_MSG(is_permutation(idx, n), "n = %zu", n);
        if (n >= 1000) {
            size_t fixed = 0;
            for (size_t i = 0; i < n; i++) fixed += idx[i] == i;
            CHECK_MSG(fixed < 10, "n = %zu: %zu fixed points", n, fixed);
        }
        free(idx);
    }
    /* Every one of the 6 orders of 3 items comes up about equally often. */
    int count[6] = { 0 };
    const int trials = 60000;
    for (int t = 0; t < trials; t++) {
        uint32_t p[3] = { 0, 1, 2 };
        lrp_rng_shuffle(&r, p, 3);
        count[p[0] * 2 + (p[1] > p[2])]++;
    }
    for (int k = 0; k < 6; k++) CHECK_MSG(abs(count[k] - trials / 6) < 400, "order %d: %d", k, count[k]);
    /* Same seed, same order. */
    uint32_t a[50], b[50];
    for (uint32_t i = 0; i < 50; i++) a[i] = b[i] = i;
    lrp_rng ra, rb;
    lrp_rng_seed(&ra, 11u, LRP_STREAM_BATCHES);
    lrp_rng_seed(&rb, 11u, LRP_STREAM_BATCHES);
    lrp_rng_shuffle(&ra, a, 50);
    lrp_rng_shuffle(&rb, b, 50);
    CHECK_BITS_EQ(a, b, sizeof a);
}

int main(void) {
    test_reference();
    test_uniform();
    test_below();
    test_normal();
    test_shuffle();
    return check_done("test_rng");
}
