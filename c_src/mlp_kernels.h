/* mlp_kernels.h — internal: the network's layer kernels. Not part of the public API.
 *
 * Each kernel exists twice, declared here in the same order as the files define them: the
 * scalar reference (mlp_scalar.c, compiled without auto-vectorization) and a 4-lane twin
 * (mlp_simd.c, written with simd.h, only where LRP_HAVE_SIMD). Both perform
 * the same float32 operations in the same order for every output element, so they give
 * identical bits (tests/c/test_mlp.c checks it on sizes that are not multiples of 4):
 *
 *   dense forward   out[r][o]  = ((b[o] + in[r][0]*W[o][0]) + in[r][1]*W[o][1]) + ...
 *   dinp            dinp[r][i] = ((dinp[r][i] + dout[r][0]*W[0][i]) + dout[r][1]*W[1][i]) + ...
 *   dW              dW[o][i]   = ((dW[o][i] + dout[0][o]*in[0][i]) + dout[1][o]*in[1][i]) + ...
 *   db              db[o]      = ((db[o] + dout[0][o]) + dout[1][o]) + ...
 *
 * (a sum over the index in increasing order, starting from the bias or the value already
 * there); the loop nests around those chains are free to differ, and do.
 * Activations are per element, with fmath's scalar and 4-lane twins.
 */
#ifndef LRP_MLP_KERNELS_H
#define LRP_MLP_KERNELS_H

#include <stddef.h>
#include "lrplay.h"
#include "simd.h"

/* the GELU constants, as float32 (both twins use these) */
#define SQRT1_2F      7.07106769e-01f  /* 1/sqrt(2) */
#define INV_SQRT_2PIF 3.98942292e-01f  /* 1/sqrt(2 pi) */

/* n rounded up to a multiple of 4: the row stride of the SIMD forward's W^T scratch */
static inline size_t lrp_round4(size_t n) { return (n + 3) & ~(size_t)3; }

/* ------------------------------------------------------ scalar (mlp_scalar.c) */

/* out (B, OUT) = in (B, IN) @ W^T + b;  W is (OUT, IN) row-major, b is (OUT). */
void lrp_dense_forward_scalar(float *out, const float *in, const float *W, const float *b,
                              size_t B, size_t IN, size_t OUT);
/* Accumulates: dinp (B, IN) += dout (B, OUT) @ W (skipped when dinp is NULL),
 * dW (OUT, IN) += dout^T @ in (B, IN), db (OUT) += column sums of dout. */
void lrp_dense_backward_scalar(float *dinp, float *dW, float *db, const float *dout,
                               const float *in, const float *W, size_t B, size_t IN, size_t OUT);
/* out (n) = act(in (n)); out may be in. */
void lrp_act_forward_scalar(float *out, const float *in, size_t n, lrp_act act);
/* dinp (n) = dout (n) * act'(.) from the layer's input pre (n) and output post (n);
 * dinp may be dout. */
void lrp_act_backward_scalar(float *dinp, const float *dout, const float *pre, const float *post,
                             size_t n, lrp_act act);

/* -------------------------------------------------------- SIMD (mlp_simd.c) */
#if LRP_HAVE_SIMD
/* As lrp_dense_forward_scalar; wt is scratch of (IN + 1) * lrp_round4(OUT) floats. */
void lrp_dense_forward_simd(float *out, const float *in, const float *W, const float *b,
                            size_t B, size_t IN, size_t OUT, float *wt);
void lrp_dense_backward_simd(float *dinp, float *dW, float *db, const float *dout,
                             const float *in, const float *W, size_t B, size_t IN, size_t OUT);
void lrp_act_forward_simd(float *out, const float *in, size_t n, lrp_act act);
void lrp_act_backward_simd(float *dinp, const float *dout, const float *pre, const float *post,
                           size_t n, lrp_act act);
#endif

#endif /* LRP_MLP_KERNELS_H */
