/* optim_kernels.h — internal: the optimizers' flat per-element kernels and the staggered
 * allocator. Not part of the public API (lrplay.h).
 *
 * Each optimizer update is one flat loop over n floats. The loop exists twice: a scalar
 * reference in optim_scalar.c (compiled without auto-vectorization) and a 4-lane SIMD
 * version in optim.c written with simd.h, whose tail (n % 4) is handed to the scalar twin.
 * Both produce the same float32 intermediate values in the same order per element, so they
 * give identical bits (tests/c/test_optim.c checks this); the SIMD Adam kernel forms one of
 * them, sqrt(v) / bc2_sqrt, by an exact route through double (v4_div_const, below). The
 * per-step scalars (bias corrections, step sizes) are computed once per step by optim.c
 * and rounded to float32 here, in these structs. p and g must not overlap each other or
 * the moment buffers.
 */
#ifndef LRP_OPTIM_KERNELS_H
#define LRP_OPTIM_KERNELS_H

#include <stddef.h>
#include "simd.h"

/* ------------------------------------------------------- staggered buffers */
/* Streams that one flat loop reads and writes side by side should not start at the same
 * offset within a 4 KiB page: a load whose address matches a pending store's in bits 0..11
 * waits on it (4K aliasing), and large mallocs are all page-aligned plus the same header.
 * lrp_alloc_staggered returns n zeroed floats starting at (slot * LRP_STAGGER_BYTES) mod
 * 4096 bytes within a page (64-byte aligned); slots 0..LRP_STAGGER_SLOTS-1 get distinct
 * offsets at least 768 bytes apart (slot is taken mod LRP_STAGGER_SLOTS). *base receives the
 * pointer to pass to free(). Returns NULL (and *base = NULL) when n floats plus the padding
 * would overflow size_t or the allocation fails. n = 0 gives a valid, empty buffer.
 * The optimizer uses slots LRP_SLOT_M, _V, _VMAX; the network should allocate its params
 * with LRP_SLOT_PARAMS and its grads with LRP_SLOT_GRADS. */
#define LRP_STAGGER_BYTES 768u
#define LRP_STAGGER_SLOTS 5u
enum { LRP_SLOT_PARAMS = 0, LRP_SLOT_GRADS = 1, LRP_SLOT_M = 2, LRP_SLOT_V = 3, LRP_SLOT_VMAX = 4 };
float *lrp_alloc_staggered(size_t n, unsigned slot, void **base);

/* ------------------------------------------------------------------ Adam */
/* torch.optim.Adam / AdamW (1.13, _single_tensor_adam[w]), per element, float32:
 *   adamw:    p = p * decay_keep                     (decay_keep = 1 - lr*wd)
 *   adam+L2:  g = g + wd * p
 *   m = m * b1 + omb1 * g
 *   v = v * b2 + (omb2 * g) * g
 *   amsgrad:  vmax = vmax > v ? vmax : v;  vh = vmax  (else vh = v)
 *   denom = sqrt(vh) / bc2_sqrt + eps
 *   p = p - (step_size * m) / denom                 (step_size = lr / bc1) */
typedef struct {
    int l2;          /* adam with weight_decay != 0 */
    int decoupled;   /* adamw with lr*weight_decay != 0 */
    int amsgrad;     /* vmax is used (non-NULL) */
    float wd, decay_keep;
    float b1, omb1, b2, omb2;
    float step_size, bc2_sqrt, eps;
} lrp_adam_k;

/* p (n), g (n), m (n), v (n), vmax (n, or NULL without amsgrad): one Adam update. */
void adam_kernel_scalar(float *p, const float *g, float *m, float *v, float *vmax, size_t n, const lrp_adam_k *k);

/* ------------------------------------------------------------------- SGD */
/* torch.optim.SGD (1.13, _single_tensor_sgd), per element, float32:
 *   L2:        d = g + wd * p                        (else d = g)
 *   momentum:  first step: buf = d;  later: buf = buf * mom + omd * d   (omd = 1 - dampening)
 *              nesterov: d = d + mom * buf;  else d = buf
 *   p = p - lr * d */
typedef struct {
    int l2;          /* weight_decay != 0 */
    int momentum;    /* momentum != 0: buf is used (non-NULL) */
    int first;       /* the first step since create/reset: buf = d */
    int nesterov;
    float wd, mom, omd, lr;
} lrp_sgd_k;

/* p (n), g (n), buf (n, or NULL without momentum): one SGD update. */
void sgd_kernel_scalar(float *p, const float *g, float *buf, size_t n, const lrp_sgd_k *k);

/* ------------------------------------------------------------ Keras Adam */
/* Keras 2.x Adam (training_ops ApplyAdam / ApplyAdamWithAmsgrad), per element, float32:
 *   m = m + (g - m) * omb1                           (omb1 = 1 - b1 in float32)
 *   v = v + (g * g - v) * omb2
 *   amsgrad:  vmax = vmax > v ? vmax : v;  vh = vmax  (else vh = v)
 *   p = p - (m * alpha) / (sqrt(vh) + eps)           (alpha = lr_t*sqrt(1-b2^t)/(1-b1^t)) */
typedef struct {
    int amsgrad;
    float omb1, omb2, alpha, eps;
} lrp_kadam_k;

void keras_adam_kernel_scalar(float *p, const float *g, float *m, float *v, float *vmax, size_t n, const lrp_kadam_k *k);

/* -------------------------------------------- exact division by a constant */
#if LRP_HAVE_SIMD
/* v4_div_const(x, v2d_splat(1.0 / (double)c)) == v4_div(x, v4_splat(c)), bit for bit, for
 * every x = sqrt(v) with v a float32 >= 0, +Inf or NaN, and every float32 c in [2^-126, 1]:
 * the quotient is formed in double as x * RN(1/c) and rounded once to float32.
 *
 * Why it is exact: in double, q = (x/c)(1 + e) with |e| <= 2^-53 + 2^-53 + 2^-106 (one
 * rounding for 1/c, one for the product; float->double is exact). Let y = x/c, with y in
 * [2^E, 2^(E+1)). A float32 rounding boundary there is mu = (2K+1) 2^(E-24). Writing
 * c = C 2^b (C an integer < 2^24), x - mu c is a multiple of 2^(E+b-24), and it is never
 * 0: that would need the odd part of (2K+1)C, which is > 2^24, to equal the odd part of
 * x's 24-bit significand. So |y - mu| >= 2^(E+b-24)/c > 2^(E-48) > 2^-49 |y|, more than
 * the 2^-52 |y| between q and y: q and y round to the same float32. x = sqrt(v) is 0 or
 * >= 2^-75 and c <= 1, so y is never a float32 subnormal (where the spacing argument
 * changes), and x <= 2^64 with c >= 2^-126 keeps q far inside the double range. Inf and
 * NaN pass through the multiply as they pass through the division. The float<->double
 * conversions are exact (up) and correctly rounded (down) in SSE2 and WebAssembly alike.
 * tests/c/test_optim.c checks this against v4_div over a million (x, c) pairs. */
#  if defined(__wasm_simd128__)
typedef v128_t v2d;   /* 2 x float64 */
static inline v2d v2d_splat(double r) { return wasm_f64x2_splat(r); }
static inline v4f v4_div_const(v4f x, v2d rcp) {
    v128_t lo = wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(x), rcp);
    v128_t hi = wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x, x, 2, 3, 2, 3)), rcp);
    return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
}
#  else
typedef __m128d v2d;  /* 2 x float64 */
static inline v2d v2d_splat(double r) { return _mm_set1_pd(r); }
static inline v4f v4_div_const(v4f x, v2d rcp) {
    __m128d lo = _mm_mul_pd(_mm_cvtps_pd(x), rcp);
    __m128d hi = _mm_mul_pd(_mm_cvtps_pd(_mm_movehl_ps(x, x)), rcp);
    return _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi));
}
#  endif
#endif /* LRP_HAVE_SIMD */

#endif /* LRP_OPTIM_KERNELS_H */
