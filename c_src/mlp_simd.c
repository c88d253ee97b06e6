/* mlp_simd.c — the network's 4-lane SIMD kernels (see mlp_kernels.h for the operation
 * order both kernel sets follow), written with simd.h: SSE2 natively, SIMD128 under
 * Emscripten. Each kernel is the twin of the one of the same name in mlp_scalar.c, in the
 * same order, and hands the elements past the last full vector to the scalar code in the
 * same order, so both give identical bits. Nothing here without LRP_HAVE_SIMD. */
#include "mlp_kernels.h"
#include "fmath.h"
#include "simd.h"

#if LRP_HAVE_SIMD

/* stores the first n (1..4) lanes of v at p */
static inline void store_n(float *p, v4f v, size_t n) {
    if (n >= 4) { v4_store(p, v); return; }
    float t[4];
    v4_store(t, v);
    for (size_t k = 0; k < n; k++) p[k] = t[k];
}

/* NR rows x NV vectors of outputs, starting at output o: acc = b, then + x[i] * W^T[i] for
 * i = 0..IN-1. NR and NV are constants at each call, so the accumulators stay in registers. */
static inline void fwd_tile(float *y, const float *x, size_t NR, size_t NV, const float *wt,
                            const float *bp, size_t o, size_t IN, size_t OUT, size_t OUTP) {
    // y is (NR, OUT) at row stride OUT, x is (NR, IN), wt is (IN, OUTP), bp is (OUTP)
    v4f acc[2][4];
    for (size_t r = 0; r < NR; r++)
        for (size_t v = 0; v < NV; v++) acc[r][v] = v4_load(bp + o + 4 * v);
    const float *t = wt + o;
    for (size_t i = 0; i < IN; i++, t += OUTP) {
        v4f w[4];
        for (size_t v = 0; v < NV; v++) w[v] = v4_load(t + 4 * v);
        for (size_t r = 0; r < NR; r++) {
            v4f s = v4_splat(x[r * IN + i]);
            for (size_t v = 0; v < NV; v++) acc[r][v] = v4_add(acc[r][v], v4_mul(s, w[v]));
        }
    }
    for (size_t r = 0; r < NR; r++)
        for (size_t v = 0; v < NV; v++) {
            size_t at = o + 4 * v;
            if (at < OUT) store_n(y + r * OUT + at, acc[r][v], OUT - at);
        }
}

void lrp_dense_forward_simd(float *out, const float *in, const float *W, const float *b,
                            size_t B, size_t IN, size_t OUT, float *wt) {
    // out is (B, OUT), in is (B, IN), W is (OUT, IN) row-major, b is (OUT);
    // wt is scratch (IN + 1, OUTP): W^T then b, columns zero-padded to OUTP
    size_t OUTP = lrp_round4(OUT);
    /* 8 rows of W at a time: 8 read streams, short contiguous writes (a plain column
     * walk writes at a stride of OUTP floats and thrashes the cache sets) */
    for (size_t o0 = 0; o0 < OUT; o0 += 8) {
        size_t o1 = o0 + 8 < OUT ? o0 + 8 : OUT;
        for (size_t i = 0; i < IN; i++) {
            float *t = wt + i * OUTP;
            for (size_t o = o0; o < o1; o++) t[o] = W[o * IN + i];
        }
    }
    float *bp = wt + IN * OUTP;
    for (size_t o = 0; o < OUT; o++) bp[o] = b[o];
    for (size_t o = OUT; o < OUTP; o++) {
        for (size_t i = 0; i <= IN; i++) wt[i * OUTP + o] = 0.0f;
    }
    size_t r = 0;
    for (; r + 2 <= B; r += 2) {
        const float *x = in + r * IN;
        float *y = out + r * OUT;
        size_t o = 0;
        for (; o + 16 <= OUTP; o += 16) fwd_tile(y, x, 2, 4, wt, bp, o, IN, OUT, OUTP);
        for (; o < OUTP; o += 4) fwd_tile(y, x, 2, 1, wt, bp, o, IN, OUT, OUTP);
    }
    if (r < B) {
        const float *x = in + r * IN;
        float *y = out + r * OUT;
        size_t o = 0;
        for (; o + 16 <= OUTP; o += 16) fwd_tile(y, x, 1, 4, wt, bp, o, IN, OUT, OUTP);
        for (; o < OUTP; o += 4) fwd_tile(y, x, 1, 1, wt, bp, o, IN, OUT, OUTP);
    }
}

/* dinp rows r..r+NR-1, inputs i..i+4*NV-1: acc = dinp, then + dout[o] * W[o] for o = 0..OUT-1 */
static inline void dinp_tile(float *dx, const float *d, size_t NR, size_t NV, const float *W,
                             size_t i, size_t IN, size_t OUT) {
    // dx is (NR, IN), d is (NR, OUT), W is (OUT, IN)
    v4f acc[2][4];
    for (size_t r = 0; r < NR; r++)
        for (size_t v = 0; v < NV; v++) acc[r][v] = v4_load(dx + r * IN + i + 4 * v);
    const float *w = W + i;
    for (size_t o = 0; o < OUT; o++, w += IN) {
        v4f wv[4];
        for (size_t v = 0; v < NV; v++) wv[v] = v4_load(w + 4 * v);
        for (size_t r = 0; r < NR; r++) {
            v4f s = v4_splat(d[r * OUT + o]);
            for (size_t v = 0; v < NV; v++) acc[r][v] = v4_add(acc[r][v], v4_mul(s, wv[v]));
        }
    }
    for (size_t r = 0; r < NR; r++)
        for (size_t v = 0; v < NV; v++) v4_store(dx + r * IN + i + 4 * v, acc[r][v]);
}

/* dW rows o..o+NO-1, inputs i..i+4*NV-1: acc = dW, then + dout[r][o] * in[r] for r = 0..B-1 */
static inline void dw_tile(float *dW, const float *dout, const float *in, size_t NO, size_t NV,
                           size_t o, size_t i, size_t B, size_t IN, size_t OUT) {
    // dW is (OUT, IN), dout is (B, OUT), in is (B, IN)
    v4f acc[2][4];
    for (size_t k = 0; k < NO; k++)
        for (size_t v = 0; v < NV; v++) acc[k][v] = v4_load(dW + (o + k) * IN + i + 4 * v);
    for (size_t r = 0; r < B; r++) {
        const float *x = in + r * IN + i;
        v4f xv[4];
        for (size_t v = 0; v < NV; v++) xv[v] = v4_load(x + 4 * v);
        for (size_t k = 0; k < NO; k++) {
            v4f s = v4_splat(dout[r * OUT + o + k]);
            for (size_t v = 0; v < NV; v++) acc[k][v] = v4_add(acc[k][v], v4_mul(s, xv[v]));
        }
    }
    for (size_t k = 0; k < NO; k++)
        for (size_t v = 0; v < NV; v++) v4_store(dW + (o + k) * IN + i + 4 * v, acc[k][v]);
}

/* dW column i, rows o..o+4*NV-1: acc = dW, then + dout[r][o] * in[r][i] for r = 0..B-1 */
static inline void dw_col_tile(float *dW, const float *dout, const float *in, size_t NV,
                               size_t o, size_t i, size_t B, size_t IN, size_t OUT) {
    // dW is (OUT, IN), dout is (B, OUT), in is (B, IN)
    float t[16];
    v4f acc[4];
    for (size_t k = 0; k < 4 * NV; k++) t[k] = dW[(o + k) * IN + i];
    for (size_t v = 0; v < NV; v++) acc[v] = v4_load(t + 4 * v);
    for (size_t r = 0; r < B; r++) {
        v4f s = v4_splat(in[r * IN + i]);
        const float *d = dout + r * OUT + o;
        for (size_t v = 0; v < NV; v++) acc[v] = v4_add(acc[v], v4_mul(v4_load(d + 4 * v), s));
    }
    for (size_t v = 0; v < NV; v++) v4_store(t + 4 * v, acc[v]);
    for (size_t k = 0; k < 4 * NV; k++) dW[(o + k) * IN + i] = t[k];
}

void lrp_dense_backward_simd(float *dinp, float *dW, float *db, const float *dout,
                             const float *in, const float *W, size_t B, size_t IN, size_t OUT) {
    // dinp is (B, IN) or NULL, dW is (OUT, IN), db is (OUT), dout is (B, OUT),
    // in is (B, IN), W is (OUT, IN); all three accumulate
    size_t IN4 = IN & ~(size_t)3, OUT4 = OUT & ~(size_t)3;
    if (dinp) {
        size_t r = 0;
        for (; r + 2 <= B; r += 2) {
            size_t i = 0;
            for (; i + 16 <= IN4; i += 16) dinp_tile(dinp + r * IN, dout + r * OUT, 2, 4, W, i, IN, OUT);
            for (; i < IN4; i += 4) dinp_tile(dinp + r * IN, dout + r * OUT, 2, 1, W, i, IN, OUT);
        }
        for (; r < B; r++) {
            size_t i = 0;
            for (; i + 16 <= IN4; i += 16) dinp_tile(dinp + r * IN, dout + r * OUT, 1, 4, W, i, IN, OUT);
            for (; i < IN4; i += 4) dinp_tile(dinp + r * IN, dout + r * OUT, 1, 1, W, i, IN, OUT);
        }
        /* inputs past the last multiple of 4: scalar, same order */
        for (r = 0; r < B && IN4 < IN; r++) {
            const float *d = dout + r * OUT;
            for (size_t i = IN4; i < IN; i++) {
                float s = dinp[r * IN + i];
                for (size_t o = 0; o < OUT; o++) s = s + d[o] * W[o * IN + i];
                dinp[r * IN + i] = s;
            }
        }
    }
    size_t o = 0;
    for (; o + 2 <= OUT; o += 2) {
        size_t i = 0;
        for (; i + 16 <= IN4; i += 16) dw_tile(dW, dout, in, 2, 4, o, i, B, IN, OUT);
        for (; i < IN4; i += 4) dw_tile(dW, dout, in, 2, 1, o, i, B, IN, OUT);
    }
    for (; o < OUT; o++) {
        size_t i = 0;
        for (; i + 16 <= IN4; i += 16) dw_tile(dW, dout, in, 1, 4, o, i, B, IN, OUT);
        for (; i < IN4; i += 4) dw_tile(dW, dout, in, 1, 1, o, i, B, IN, OUT);
    }
    /* inputs past the last multiple of 4 (all of them when IN < 4): vectorized over the
     * outputs instead, same chains */
    size_t OUT4b = OUT & ~(size_t)3;
    for (size_t i = IN4; i < IN; i++) {
        o = 0;
        for (; o + 16 <= OUT4b; o += 16) dw_col_tile(dW, dout, in, 4, o, i, B, IN, OUT);
        for (; o < OUT4b; o += 4) dw_col_tile(dW, dout, in, 1, o, i, B, IN, OUT);
        for (; o < OUT; o++) {
            float s = dW[o * IN + i];
            for (size_t r = 0; r < B; r++) s = s + dout[r * OUT + o] * in[r * IN + i];
            dW[o * IN + i] = s;
        }
    }
    for (o = 0; o < OUT4; o += 4) {
        v4f acc = v4_load(db + o);
        for (size_t r = 0; r < B; r++) acc = v4_add(acc, v4_load(dout + r * OUT + o));
        v4_store(db + o, acc);
    }
    for (o = OUT4; o < OUT; o++) {
        float s = db[o];
        for (size_t r = 0; r < B; r++) s = s + dout[r * OUT + o];
        db[o] = s;
    }
}

void lrp_act_forward_simd(float *out, const float *in, size_t n, lrp_act act) {
    // out and in are (n)
    size_t n4 = n & ~(size_t)3, i = 0;
    v4f zero = v4_splat(0.0f), one = v4_splat(1.0f), half = v4_splat(0.5f), r2 = v4_splat(SQRT1_2F);
    switch (act) {
    case LRP_ACT_RELU:
        for (; i < n4; i += 4) { v4f x = v4_load(in + i); v4_store(out + i, v4_select(v4_lt(x, zero), zero, x)); }
        break;
    case LRP_ACT_TANH:
        for (; i < n4; i += 4) v4_store(out + i, lrp_tanhf4(v4_load(in + i)));
        break;
    case LRP_ACT_SIGMOID:
        for (; i < n4; i += 4) v4_store(out + i, lrp_sigmoidf4(v4_load(in + i)));
        break;
    case LRP_ACT_GELU:
        for (; i < n4; i += 4) {
            v4f x = v4_load(in + i);
            v4_store(out + i, v4_mul(v4_mul(x, half), v4_add(one, lrp_erff4(v4_mul(x, r2)))));
        }
        break;
    default:
        break;
    }
    lrp_act_forward_scalar(out + i, in + i, n - i, act);
}

void lrp_act_backward_simd(float *dinp, const float *dout, const float *pre, const float *post,
                           size_t n, lrp_act act) {
    // dinp, dout, pre, post are (n)
    size_t n4 = n & ~(size_t)3, i = 0;
    v4f zero = v4_splat(0.0f), one = v4_splat(1.0f), half = v4_splat(0.5f);
    switch (act) {
    case LRP_ACT_RELU:
        for (; i < n4; i += 4)
            v4_store(dinp + i, v4_select(v4_gt(v4_load(post + i), zero), v4_load(dout + i), zero));
        break;
    case LRP_ACT_TANH:
        for (; i < n4; i += 4) {
            v4f y = v4_load(post + i);
            v4_store(dinp + i, v4_mul(v4_load(dout + i), v4_sub(one, v4_mul(y, y))));
        }
        break;
    case LRP_ACT_SIGMOID:
        for (; i < n4; i += 4) {
            v4f y = v4_load(post + i);
            v4_store(dinp + i, v4_mul(v4_mul(v4_load(dout + i), v4_sub(one, y)), y));
        }
        break;
    case LRP_ACT_GELU:
        for (; i < n4; i += 4) {
            v4f x = v4_load(pre + i);
            v4f cdf = v4_mul(half, v4_add(one, lrp_erff4(v4_mul(x, v4_splat(SQRT1_2F)))));
            v4f pdf = v4_mul(lrp_expf4(v4_mul(v4_mul(x, x), v4_splat(-0.5f))), v4_splat(INV_SQRT_2PIF));
            v4_store(dinp + i, v4_mul(v4_load(dout + i), v4_add(cdf, v4_mul(x, pdf))));
        }
        break;
    default:
        break;
    }
    lrp_act_backward_scalar(dinp + i, dout + i, pre + i, post + i, n - i, act);
}
#endif /* LRP_HAVE_SIMD */
