/* mlp.c — the network: dense layers with one activation, softmax cross-entropy or MSE,
 * forward and backward over a batch, in the style of llm.c's train_gpt2.c.
 *
 * Parameters live in one flat buffer (W0 b0 W1 b1 ..., each W (OUT, IN) row-major as
 * nn.Linear) and the gradients in a second one with the same layout, so an optimizer
 * step is one flat loop. Activations for up to max_batch rows live in one scratch
 * block; a call with more rows is processed in chunks of max_batch.
 *
 * Kernels: the SIMD ones in mlp_simd.c and the scalar reference ones in mlp_scalar.c
 * perform the same operations in the same order per element (mlp_kernels.h), so results
 * do not depend on the kernel, the platform or the build. This file picks one per call.
 */
#include "lrplay.h"
#include "fields.h"
#include "mlp_kernels.h"
#include "optim_kernels.h"   /* lrp_alloc_staggered */
#include "fmath.h"
#include <stdio.h>
#include "rng.h"
#include "simd.h"
#include "util.h"

#include <math.h>     /* sqrtf, NAN */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIN (LRP_MAX_LAYERS + 1)   /* dense layers */

struct lrp_mlp {
    size_t sizes[LRP_MAX_LAYERS + 2];  /* inputs, hidden..., outputs */
    size_t L;                          /* dense layers: n_sizes - 1 */
    lrp_act act;
    lrp_loss loss;
    size_t max_batch;
    size_t n_params;
    size_t w_off[MAX_LIN], b_off[MAX_LIN];  /* offsets into params / grads */
    float *params, *grads;             /* (n_params) each, staggered */
    void *params_base, *grads_base;
    /* scratch, for max_batch rows */
    float *pre[MAX_LIN];               /* (max_batch, OUT_l): layer l's output before the activation */
    float *post[MAX_LIN];              /* (max_batch, OUT_l): after it (hidden layers only) */
    float *dbuf[2];                    /* (max_batch, max_width) each: gradients flowing back */
    float *wt;                         /* (max_IN + 1, max_OUTP): W^T and b, zero-padded (SIMD forward) */
    void *scratch;
    int simd;                          /* run the SIMD kernels */
};

static size_t round16(size_t n) { return (n + 15) & ~(size_t)15; }

/* ---------------------------------------------------------- kernel dispatch */
static void dense_forward(const lrp_mlp *m, float *out, const float *in, const float *W,
                          const float *b, size_t B, size_t IN, size_t OUT) {
    // out is (B, OUT), in is (B, IN), W is (OUT, IN), b is (OUT)
#if LRP_HAVE_SIMD
    if (m->simd) { lrp_dense_forward_simd(out, in, W, b, B, IN, OUT, m->wt); return; }
#endif
    (void)m;
    lrp_dense_forward_scalar(out, in, W, b, B, IN, OUT);
}

static void dense_backward(const lrp_mlp *m, float *dinp, float *dW, float *db, const float *dout,
                           const float *in, const float *W, size_t B, size_t IN, size_t OUT) {
    // dinp is (B, IN) or NULL, dW is (OUT, IN), db is (OUT), dout is (B, OUT), in is (B, IN), W is (OUT, IN)
#if LRP_HAVE_SIMD
    if (m->simd) { lrp_dense_backward_simd(dinp, dW, db, dout, in, W, B, IN, OUT); return; }
#endif
    (void)m;
    lrp_dense_backward_scalar(dinp, dW, db, dout, in, W, B, IN, OUT);
}

static void act_forward(const lrp_mlp *m, float *out, const float *in, size_t n) {
    // out and in are (n)
#if LRP_HAVE_SIMD
    if (m->simd) { lrp_act_forward_simd(out, in, n, m->act); return; }
#endif
    lrp_act_forward_scalar(out, in, n, m->act);
}

static void act_backward(const lrp_mlp *m, float *dinp, const float *dout, const float *pre,
                         const float *post, size_t n) {
    // dinp, dout, pre, post are (n)
#if LRP_HAVE_SIMD
    if (m->simd) { lrp_act_backward_simd(dinp, dout, pre, post, n, m->act); return; }
#endif
    lrp_act_backward_scalar(dinp, dout, pre, post, n, m->act);
}

/* ==================================================================== losses */
/* Softmax cross-entropy of rows of logits (B, C) against class ids y (B), as
 * nn.CrossEntropyLoss: log-softmax with the row max subtracted. Returns the sum of the
 * row losses (double); with dlogits (B, C) non-NULL writes (softmax - onehot) * inv_n.
 * A label that is not an integer in [0, C) gives a NaN row loss and a zero gradient row. */
static double cross_entropy(float *dlogits, size_t *correct, const float *logits, const float *y,
                            size_t B, size_t C, float inv_n) {
    // dlogits is (B, C) or NULL, logits is (B, C), y is (B)
    double sum = 0.0;
    for (size_t r = 0; r < B; r++) {
        const float *z = logits + r * C;
        float *d = dlogits ? dlogits + r * C : NULL;
        float label = y[r];
        int valid = label >= 0.0f && label < (float)C && (float)(size_t)label == label;
        size_t t = valid ? (size_t)label : 0;
        float mx = z[0];
        size_t arg = 0;
        for (size_t o = 1; o < C; o++) if (z[o] > mx) { mx = z[o]; arg = o; }
        float s = 0.0f;
        for (size_t o = 0; o < C; o++) {
            float e = lrp_expf(z[o] - mx);
            if (d) d[o] = e;
            s = s + e;
        }
        float lsm_t = (z[t] - mx) - lrp_logf(s);   /* log-softmax at the target */
        sum += valid ? -(double)lsm_t : (double)NAN;
        if (correct && valid && arg == t) (*correct)++;
        if (d) {
            if (!valid) { for (size_t o = 0; o < C; o++) d[o] = 0.0f; continue; }
            for (size_t o = 0; o < C; o++) d[o] = (d[o] / s) * inv_n;
            d[t] = d[t] - inv_n;
        }
    }
    return sum;
}

/* Squared error of outputs (B, C) against targets (B, C), as nn.MSELoss before the mean:
 * returns the sum of squares (double); with dout non-NULL writes scale * (out - target). */
static double mse(float *dout, const float *out, const float *target, size_t n, float scale) {
    // dout, out, target are (n)
    double sum = 0.0;
    for (size_t k = 0; k < n; k++) {
        float diff = out[k] - target[k];
        sum += (double)(diff * diff);
        if (dout) dout[k] = scale * diff;
    }
    return sum;
}

/* ===================================================================== API */
lrp_status lrp_mlp_create(lrp_mlp **out, const lrp_mlp_cfg *c, size_t max_batch, char *err, size_t errlen) {
    if (err && errlen) err[0] = '\0';
    if (!out) return lrp_fail(err, errlen, LRP_EINVAL, "model: no handle to fill");
    *out = NULL;
    if (!c) return lrp_fail(err, errlen, LRP_EINVAL, "model: missing");
    if (c->n_sizes < 2)
        return lrp_fail(err, errlen, LRP_EINVAL, "model.sizes: %zu entries, need at least 2 (inputs and outputs)", c->n_sizes);
    if (c->n_sizes > LRP_MAX_LAYERS + 2)
        return lrp_fail(err, errlen, LRP_ELIMIT, "model.sizes: %zu entries is more than %d (%d hidden layers)",
                    c->n_sizes, LRP_MAX_LAYERS + 2, LRP_MAX_LAYERS);
    for (size_t l = 0; l < c->n_sizes; l++) {   /* every layer within model.hidden's width range */
        char path[48]; snprintf(path, sizeof path, "model.sizes[%zu]", l);
        lrp_status st = lrp_table_check_value(&lrp_model_table, "model.hidden", path, (double)c->sizes[l], err, errlen);
        if (st != LRP_OK) return st;
    }
    if ((int)c->act < 0 || c->act >= LRP_ACT__COUNT)
        return lrp_fail(err, errlen, LRP_EINVAL, "model.activation: unknown activation %d", (int)c->act);
    if (c->loss != LRP_LOSS_CROSS_ENTROPY && c->loss != LRP_LOSS_MSE)
        return lrp_fail(err, errlen, LRP_EINVAL, "model.loss: unknown loss %d", (int)c->loss);
    lrp_status st = lrp_table_check_value(&lrp_tail_table, "batch_size", "max_batch", (double)max_batch, err, errlen);
    if (st != LRP_OK) return st;

    lrp_mlp *m = calloc(1, sizeof *m);
    if (!m) return lrp_fail(err, errlen, LRP_ENOMEM, "model: out of memory");
    m->L = c->n_sizes - 1;
    for (size_t l = 0; l < c->n_sizes; l++) m->sizes[l] = c->sizes[l];
    m->act = c->act;
    m->loss = c->loss;
    m->max_batch = max_batch;
    m->simd = LRP_HAVE_SIMD;

    /* sizes, checked for overflow (the limits keep them far from it) */
    size_t np = 0, scratch = 0, max_w = 0, max_wt = 0;
    int ok = 1;
    for (size_t l = 0; l < m->L && ok; l++) {
        size_t IN = m->sizes[l], OUT = m->sizes[l + 1], t;
        m->w_off[l] = np;
        ok = lrp_size_mad(OUT, IN, np, &np);
        m->b_off[l] = np;
        ok = ok && lrp_size_mad(1, OUT, np, &np);
        ok = ok && lrp_size_mad(max_batch, OUT, 0, &t);
        size_t per = ok ? round16(t) : 0;
        ok = ok && lrp_size_mad(per, l + 1 < m->L ? 2 : 1, scratch, &scratch);   /* pre (+ post) */
        ok = ok && lrp_size_mad(IN + 1, lrp_round4(OUT), 0, &t);
        if (ok && t > max_wt) max_wt = t;
    }
    for (size_t l = 0; l < c->n_sizes; l++) if (m->sizes[l] > max_w) max_w = m->sizes[l];
    size_t dsz = 0;
    ok = ok && lrp_size_mad(max_batch, max_w, 0, &dsz);
    dsz = round16(dsz);
    ok = ok && lrp_size_mad(dsz, 2, scratch, &scratch);
    ok = ok && lrp_size_mad(1, round16(max_wt), scratch, &scratch);
    ok = ok && lrp_size_mad(scratch, 1, 16, &scratch);   /* alignment slack */
    size_t scratch_bytes = 0;
    if (!ok || np > LRP_MAX_PARAMS || !lrp_size_mad(scratch, sizeof(float), 0, &scratch_bytes)) {
        lrp_mlp_destroy(m);
        return lrp_fail(err, errlen, LRP_ENOMEM, "model: too large to allocate");
    }
    m->n_params = np;
    m->params = lrp_alloc_staggered(np, LRP_SLOT_PARAMS, &m->params_base);
    m->grads = lrp_alloc_staggered(np, LRP_SLOT_GRADS, &m->grads_base);
    m->scratch = calloc(scratch, sizeof(float));
    if (!m->params || !m->grads || !m->scratch) {
        lrp_mlp_destroy(m);
        return lrp_fail(err, errlen, LRP_ENOMEM, "model: out of memory for %zu parameters and %zu floats of scratch",
                    np, scratch);
    }
    float *p = (float *)(((uintptr_t)m->scratch + 63) & ~(uintptr_t)63);
    for (size_t l = 0; l < m->L; l++) {
        size_t per = round16(max_batch * m->sizes[l + 1]);
        m->pre[l] = p; p += per;
        if (l + 1 < m->L) { m->post[l] = p; p += per; }
    }
    m->dbuf[0] = p; p += dsz;
    m->dbuf[1] = p; p += dsz;
    m->wt = p;
    *out = m;
    return LRP_OK;
}

void lrp_mlp_destroy(lrp_mlp *m) {
    if (!m) return;
    free(m->params_base);
    free(m->grads_base);
    free(m->scratch);
    free(m);
}

size_t lrp_mlp_num_params(const lrp_mlp *m) { return m->n_params; }
float *lrp_mlp_params(lrp_mlp *m) { return m->params; }
float *lrp_mlp_grads(lrp_mlp *m) { return m->grads; }

/* Offset of layer's W in params; layer = number of dense layers gives num_params. */
size_t lrp_mlp_layer_offset(const lrp_mlp *m, size_t layer) {
    return layer < m->L ? m->w_off[layer] : m->n_params;
}

void lrp_mlp_set_kernel(lrp_mlp *m, lrp_kernel k) {
    m->simd = LRP_HAVE_SIMD && k != LRP_KERNEL_SCALAR;
}

/* nn.Linear's reset_parameters: kaiming_uniform_(W, a=sqrt(5)) is U(-1/sqrt(IN), 1/sqrt(IN)),
 * and b ~ U(-1/sqrt(IN), 1/sqrt(IN)); layer by layer, W (row-major) then b. */
void lrp_mlp_init(lrp_mlp *m, uint32_t seed) {
    lrp_rng r;
    lrp_rng_seed(&r, seed, LRP_STREAM_INIT);
    for (size_t l = 0; l < m->L; l++) {
        size_t IN = m->sizes[l], OUT = m->sizes[l + 1];
        float bound = 1.0f / sqrtf((float)IN);
        float *W = m->params + m->w_off[l], *b = m->params + m->b_off[l];
        for (size_t k = 0; k < OUT * IN; k++) W[k] = lrp_rng_uniform_in(&r, -bound, bound);
        for (size_t o = 0; o < OUT; o++) b[o] = lrp_rng_uniform_in(&r, -bound, bound);
    }
}

/* Forward, loss and (with grads) backward of rows [0, B) of x, B <= max_batch, adding the
 * gradients (already scaled for the whole call) into m->grads. Returns the loss sum. */
static double run_chunk(lrp_mlp *m, const float *x, const float *y, size_t B, int want_grad,
                        size_t *correct, float inv_n) {
    // x is (B, sizes[0]); y is (B) class ids or (B, sizes[L]) targets
    size_t L = m->L;
    const float *in = x;
    for (size_t l = 0; l < L; l++) {
        size_t IN = m->sizes[l], OUT = m->sizes[l + 1];
        dense_forward(m, m->pre[l], in, m->params + m->w_off[l], m->params + m->b_off[l], B, IN, OUT);
        if (l + 1 < L) {
            act_forward(m, m->post[l], m->pre[l], B * OUT);
            in = m->post[l];
        }
    }
    size_t C = m->sizes[L];
    float *dlogits = want_grad ? m->dbuf[0] : NULL;
    double sum = m->loss == LRP_LOSS_CROSS_ENTROPY
        ? cross_entropy(dlogits, correct, m->pre[L - 1], y, B, C, inv_n)
        : mse(dlogits, m->pre[L - 1], y, B * C, inv_n);
    if (!want_grad) return sum;

    int cur = 0;
    for (size_t l = L; l-- > 0;) {
        size_t IN = m->sizes[l], OUT = m->sizes[l + 1];
        const float *inp = l == 0 ? x : m->post[l - 1];
        float *dinp = l == 0 ? NULL : m->dbuf[1 - cur];
        if (dinp) memset(dinp, 0, B * IN * sizeof(float));
        dense_backward(m, dinp, m->grads + m->w_off[l], m->grads + m->b_off[l], m->dbuf[cur],
                       inp, m->params + m->w_off[l], B, IN, OUT);
        if (dinp) {
            act_backward(m, dinp, dinp, m->pre[l - 1], m->post[l - 1], B * IN);
            cur = 1 - cur;
        }
    }
    return sum;
}

float lrp_mlp_loss(lrp_mlp *m, const float *x, const float *y, size_t B, int want_grad, size_t *correct) {
    if (correct) *correct = 0;
    if (want_grad) memset(m->grads, 0, m->n_params * sizeof(float));   /* zero-grad */
    if (B == 0) return NAN;
    size_t IN = m->sizes[0], C = m->sizes[m->L];
    size_t ycols = m->loss == LRP_LOSS_CROSS_ENTROPY ? 1 : C;
    /* gradient scale of the mean: torch's 1/B for cross-entropy, 2/(B*C) for MSE */
    double denom = m->loss == LRP_LOSS_CROSS_ENTROPY ? (double)B : (double)B * (double)C;
    float inv_n = m->loss == LRP_LOSS_CROSS_ENTROPY ? 1.0f / (float)B : (float)(2.0 / denom);
    double sum = 0.0;
    for (size_t at = 0; at < B; at += m->max_batch) {
        size_t n = B - at < m->max_batch ? B - at : m->max_batch;
        sum += run_chunk(m, x + at * IN, y + at * ycols, n, want_grad, correct, inv_n);
    }
    return (float)(sum / denom);
}
