/* rng.h — PCG32 (O'Neill 2014): the one random generator of the core.
 * Seeded from the experiment's 32-bit seed with a separate stream per use, so the data,
 * the initial weights and the batch order never draw from each other's sequence. */
#ifndef LRP_RNG_H
#define LRP_RNG_H
#include <stdint.h>
#include <stddef.h>

typedef struct { uint64_t state, inc; } lrp_rng;

enum { LRP_STREAM_DATA = 1, LRP_STREAM_INIT = 2, LRP_STREAM_BATCHES = 3, LRP_STREAM_SPLIT = 4 };

void     lrp_rng_seed(lrp_rng *r, uint64_t seed, uint64_t stream);
uint32_t lrp_rng_u32(lrp_rng *r);
uint32_t lrp_rng_below(lrp_rng *r, uint32_t bound);   /* unbiased, in [0, bound) */
float    lrp_rng_uniform(lrp_rng *r);                 /* [0, 1), 24 random bits */
float    lrp_rng_uniform_in(lrp_rng *r, float lo, float hi);
float    lrp_rng_normal(lrp_rng *r);                  /* standard normal, Marsaglia polar, our own log */
void     lrp_rng_shuffle(lrp_rng *r, uint32_t *idx, size_t n); /* Fisher-Yates */
#endif
