/* mlp_scalar.c — the network's scalar reference kernels (see mlp_kernels.h for the
 * operation order both kernel sets follow). Compiled without auto-vectorization: this
 * is what "scalar" means in the benchmarks, and the SIMD kernels' tails call into it. */
#include "mlp_kernels.h"
#include "fmath.h"

void lrp_dense_forward_scalar(float *out, const float *in, const float *W, const float *b,
                              size_t B, size_t IN, size_t OUT) {
    // out is (B, OUT), in is (B, IN), W is (OUT, IN) row-major, b is (OUT)
    for (size_t r = 0; r < B; r++) {
        const float *x = in + r * IN;
        float *y = out + r * OUT;
        for (size_t o = 0; o < OUT; o++) {
            const float *w = W + o * IN;
            float s = b[o];
            for (size_t i = 0; i < IN; i++) s = s + x[i] * w[i];
            y[o] = s;
        }
    }
}

void lrp_dense_backward_scalar(float *dinp, float *dW, float *db, const float *dout,
                               const float *in, const float *W, size_t B, size_t IN, size_t OUT) {
    // dinp is (B, IN) or NULL, dW is (OUT, IN), db is (OUT), dout is (B, OUT),
    // in is (B, IN), W is (OUT, IN)
    for (size_t r = 0; r < B; r++) {
        const float *d = dout + r * OUT;
        const float *x = in + r * IN;
        float *dx = dinp ? dinp + r * IN : NULL;
        for (size_t o = 0; o < OUT; o++) {
            float g = d[o];
            const float *w = W + o * IN;
            float *dw = dW + o * IN;
            if (dx) for (size_t i = 0; i < IN; i++) dx[i] = dx[i] + g * w[i];
            for (size_t i = 0; i < IN; i++) dw[i] = dw[i] + g * x[i];
            db[o] = db[o] + g;
        }
    }
}

void lrp_act_forward_scalar(float *out, const float *in, size_t n, lrp_act act) {
    // out and in are (n)
    switch (act) {
    case LRP_ACT_RELU:
        /* A mask, not `x < 0 ? 0 : x`: clang 14 turns that into WebAssembly's f32.max,
         * which maps -0 to +0 where the SIMD select and SSE keep -0. */
        for (size_t i = 0; i < n; i++) {
            float x = in[i];
            uint32_t keep = x < 0.0f ? 0u : 0xffffffffu;
            out[i] = lrp_u2f(lrp_f2u(x) & keep);
        }
        break;
    case LRP_ACT_TANH:
        for (size_t i = 0; i < n; i++) out[i] = lrp_tanhf(in[i]);
        break;
    case LRP_ACT_SIGMOID:
        for (size_t i = 0; i < n; i++) out[i] = lrp_sigmoidf(in[i]);
        break;
    case LRP_ACT_GELU:   /* exact GELU, as torch: x * 0.5 * (1 + erf(x / sqrt 2)) */
        for (size_t i = 0; i < n; i++) {
            float x = in[i];
            out[i] = (x * 0.5f) * (1.0f + lrp_erff(x * SQRT1_2F));
        }
        break;
    default:
        for (size_t i = 0; i < n; i++) out[i] = in[i];
        break;
    }
}

void lrp_act_backward_scalar(float *dinp, const float *dout, const float *pre, const float *post,
                             size_t n, lrp_act act) {
    // dinp, dout, pre, post are (n)
    switch (act) {
    case LRP_ACT_RELU:
        for (size_t i = 0; i < n; i++) dinp[i] = post[i] > 0.0f ? dout[i] : 0.0f;
        break;
    case LRP_ACT_TANH:
        for (size_t i = 0; i < n; i++) { float y = post[i]; dinp[i] = dout[i] * (1.0f - y * y); }
        break;
    case LRP_ACT_SIGMOID:
        for (size_t i = 0; i < n; i++) { float y = post[i]; dinp[i] = (dout[i] * (1.0f - y)) * y; }
        break;
    case LRP_ACT_GELU:   /* d/dx = Phi(x) + x phi(x) */
        for (size_t i = 0; i < n; i++) {
            float x = pre[i];
            float cdf = 0.5f * (1.0f + lrp_erff(x * SQRT1_2F));
            float pdf = lrp_expf((x * x) * -0.5f) * INV_SQRT_2PIF;
            dinp[i] = dout[i] * (cdf + x * pdf);
        }
        break;
    default:
        for (size_t i = 0; i < n; i++) dinp[i] = dout[i];
        break;
    }
}
