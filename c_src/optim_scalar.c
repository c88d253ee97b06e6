/* optim_scalar.c — the scalar reference kernels of the optimizers (see optim_kernels.h).
 *
 * Compiled without auto-vectorization (CMakeLists.txt): these loops are the benchmark's
 * scalar baseline, the kernels of the scalar build, and the tail of every SIMD loop. The
 * SIMD twins in optim.c perform exactly these float32 operations in this order. */
#include "optim_kernels.h"
#include <math.h>   /* sqrtf only: correctly rounded everywhere */

/* Stores the new moments; returns the second moment the update divides by: v, or with
 * amsgrad the running maximum of v (kept in vmax). The SIMD twin is in optim.c. */
static inline float store_moments(float *m, float *v, float *vmax, size_t i, float mi, float vi, int amsgrad) {
    m[i] = mi;
    v[i] = vi;
    if (!amsgrad) return vi;
    float vm = vmax[i] > vi ? vmax[i] : vi;
    vmax[i] = vm;
    return vm;
}

void adam_kernel_scalar(float *p, const float *g, float *m, float *v, float *vmax, size_t n, const lrp_adam_k *k) {
    const int l2 = k->l2, decoupled = k->decoupled, amsgrad = k->amsgrad;
    const float wd = k->wd, keep = k->decay_keep;
    const float b1 = k->b1, omb1 = k->omb1, b2 = k->b2, omb2 = k->omb2;
    const float step_size = k->step_size, bc2_sqrt = k->bc2_sqrt, eps = k->eps;
    for (size_t i = 0; i < n; i++) {
        float pi = p[i], gi = g[i];
        if (decoupled) pi = pi * keep;
        if (l2) gi = gi + wd * pi;
        float mi = m[i] * b1 + omb1 * gi;
        float vi = v[i] * b2 + (omb2 * gi) * gi;
        float vh = store_moments(m, v, vmax, i, mi, vi, amsgrad);
        float denom = sqrtf(vh) / bc2_sqrt + eps;
        p[i] = pi - (step_size * mi) / denom;
    }
}

void sgd_kernel_scalar(float *p, const float *g, float *buf, size_t n, const lrp_sgd_k *k) {
    const int l2 = k->l2, momentum = k->momentum, first = k->first, nesterov = k->nesterov;
    const float wd = k->wd, mom = k->mom, omd = k->omd, lr = k->lr;
    for (size_t i = 0; i < n; i++) {
        float pi = p[i], d = g[i];
        if (l2) d = d + wd * pi;
        if (momentum) {
            float b = first ? d : buf[i] * mom + omd * d;
            buf[i] = b;
            d = nesterov ? d + mom * b : b;
        }
        p[i] = pi - lr * d;
    }
}

void keras_adam_kernel_scalar(float *p, const float *g, float *m, float *v, float *vmax, size_t n, const lrp_kadam_k *k) {
    const int amsgrad = k->amsgrad;
    const float omb1 = k->omb1, omb2 = k->omb2, alpha = k->alpha, eps = k->eps;
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        float mi = m[i] + (gi - m[i]) * omb1;
        float vi = v[i] + (gi * gi - v[i]) * omb2;
        float vh = store_moments(m, v, vmax, i, mi, vi, amsgrad);
        p[i] = p[i] - (mi * alpha) / (sqrtf(vh) + eps);
    }
}
