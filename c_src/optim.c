/* optim.c — the optimizers: Adam, AdamW, SGD (PyTorch 1.13) and Keras 2.x Adam with its
 * legacy `decay`, over one flat float32 buffer, plus their 4-lane SIMD kernels.
 *
 * A step computes its few scalars (bias corrections, step sizes) in double from the step
 * count, rounds them to float32 once, and runs one flat per-element loop: the SIMD kernel
 * below or its scalar twin in optim_scalar.c. Both produce the same float32 values in the
 * same order, so the two paths — and the native, WebAssembly and scalar builds — give
 * identical bits (one SIMD division by a per-step constant goes through double, exactly:
 * see v4_div_const). The exact semantics are written out in optim_kernels.h and follow
 * tests/golden/README.md. */
#include "lrplay.h"
#include "util.h"
#include "fields.h"
#include "optim_kernels.h"
#include "simd.h"

#include <math.h>     /* sqrt only: correctly rounded everywhere */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#  define LRP_INLINE static inline __attribute__((always_inline))
#  define LRP_RESTRICT __restrict__
#else
#  define LRP_INLINE static inline
#  define LRP_RESTRICT
#endif

struct lrp_optim {
    lrp_optim_cfg cfg;
    size_t n;
    int64_t t;                    /* steps taken since create or reset */
    lrp_kernel kernel;         /* resolved: LRP_KERNEL_SCALAR or LRP_KERNEL_SIMD */
    float *m, *v, *vmax;       /* moments (n each); sgd: m is the momentum buffer; NULL if unused */
    void *m_base, *v_base, *vmax_base;
};

/* b^e for e >= 0 by repeated squaring: IEEE double multiplies only, so every build gets
 * the same bits (no libm pow); within a few ulp of pow, far below float32 resolution. */
static double powi(double b, int64_t e) {
    double r = 1.0;
    while (e > 0) {
        if (e & 1) r *= b;
        b *= b;
        e >>= 1;
    }
    return r;
}

/* ------------------------------------------------------------ staggered allocation */
float *lrp_alloc_staggered(size_t n, unsigned slot, void **base) {
    *base = NULL;
    size_t off = (size_t)(slot % LRP_STAGGER_SLOTS) * LRP_STAGGER_BYTES;
    size_t pad = 4095u + off;    /* room to round up to a page, then step in by off */
    size_t bytes, total;
    if (!lrp_size_mad(n, sizeof(float), 0, &bytes) || !lrp_size_mad(n, sizeof(float), pad, &total)) return NULL;
    unsigned char *raw = malloc(total);
    if (!raw) return NULL;
    uintptr_t page = ((uintptr_t)raw + 4095u) & ~(uintptr_t)4095u;
    float *f = (float *)(page + off);
    memset(f, 0, bytes);
    *base = raw;
    return f;
}

/* ------------------------------------------------------------------- config */
/* PyTorch's defaults (Keras' for keras_adam), kept in the field table with the ranges. */
void lrp_optim_defaults(lrp_optim_cfg *c, lrp_opt_kind kind) {
    memset(c, 0, sizeof *c);
    lrp_table_defaults(&lrp_optim_table, c, (int)kind);
    c->kind = kind;
}

/* The fields the kind uses against the table's ranges, then the rule that relates them:
 * PyTorch's "Nesterov momentum requires a momentum and zero dampening". */
lrp_status lrp_optim_validate(const lrp_optim_cfg *c, char *err, size_t errlen) {
    if (err && errlen) err[0] = '\0';
    if (!c) { lrp_say(err, errlen, "optimizer: missing config"); return LRP_EINVAL; }
    if ((int)c->kind < 0 || c->kind >= LRP_OPT__COUNT) {
        lrp_say(err, errlen, "optimizer.name: unknown optimizer kind %d", (int)c->kind);
        return LRP_EINVAL;
    }
    lrp_status st = lrp_table_check(&lrp_optim_table, lrp_optim_bits(c), c, "optimizer.", err, errlen);
    if (st != LRP_OK) return st;
    if (c->kind == LRP_OPT_SGD && c->nesterov && !(c->momentum > 0.0 && c->dampening == 0.0)) {
        lrp_say(err, errlen, "optimizer.nesterov: requires momentum > 0 and dampening = 0");
        return LRP_EINVAL;
    }
    return LRP_OK;
}

/* ------------------------------------------------------------- SIMD kernels */
#if LRP_HAVE_SIMD
typedef struct { v4f wd, keep, b1, omb1, b2, omb2, step_size, eps; v2d inv_bc2_sqrt; } adam_v4k;

/* Stores the new moments; returns the second moment the update divides by: v, or with
 * amsgrad the running maximum of v (kept in vmax). */
LRP_INLINE v4f store_moments(float *LRP_RESTRICT m, float *LRP_RESTRICT v, float *LRP_RESTRICT vmax, size_t i,
                             v4f mi, v4f vi, const int amsgrad) {
    v4_store(m + i, mi);
    v4_store(v + i, vi);
    if (!amsgrad) return vi;
    v4f vm = v4_load(vmax + i);
    vm = v4_select(v4_gt(vm, vi), vm, vi);
    v4_store(vmax + i, vm);
    return vm;
}

/* Four lanes of adam_kernel_scalar, float32 result for float32 result. The one place the
 * operations differ: sqrt(v) / bc2_sqrt is computed by v4_div_const (optim_kernels.h), an
 * exact replacement for the float division that keeps the divider free for the other
 * division and the square root, which bound this loop. */
LRP_INLINE void adam_v4(float *LRP_RESTRICT p, const float *LRP_RESTRICT g, float *LRP_RESTRICT m,
                        float *LRP_RESTRICT v, float *LRP_RESTRICT vmax, size_t i, const adam_v4k *c,
                        const int l2, const int decoupled, const int amsgrad) {
    v4f pi = v4_load(p + i), gi = v4_load(g + i);
    if (decoupled) pi = v4_mul(pi, c->keep);
    if (l2) gi = v4_add(gi, v4_mul(c->wd, pi));
    v4f mi = v4_add(v4_mul(v4_load(m + i), c->b1), v4_mul(c->omb1, gi));
    v4f vi = v4_add(v4_mul(v4_load(v + i), c->b2), v4_mul(v4_mul(c->omb2, gi), gi));
    v4f vh = store_moments(m, v, vmax, i, mi, vi, amsgrad);
    v4f denom = v4_add(v4_div_const(v4_sqrt(vh), c->inv_bc2_sqrt), c->eps);
    v4_store(p + i, v4_sub(pi, v4_div(v4_mul(c->step_size, mi), denom)));
}

/* Two vectors per iteration, then one, then the scalar twin for the last n % 4. */
LRP_INLINE void adam_simd_loop(float *p, const float *g, float *m, float *v, float *vmax, size_t n,
                               const lrp_adam_k *k, const int l2, const int decoupled, const int amsgrad) {
    adam_v4k c = {
        v4_splat(k->wd), v4_splat(k->decay_keep), v4_splat(k->b1), v4_splat(k->omb1), v4_splat(k->b2),
        v4_splat(k->omb2), v4_splat(k->step_size), v4_splat(k->eps), v2d_splat(1.0 / (double)k->bc2_sqrt)
    };
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        adam_v4(p, g, m, v, vmax, i, &c, l2, decoupled, amsgrad);
        adam_v4(p, g, m, v, vmax, i + 4, &c, l2, decoupled, amsgrad);
    }
    for (; i + 4 <= n; i += 4) adam_v4(p, g, m, v, vmax, i, &c, l2, decoupled, amsgrad);
    if (i < n) adam_kernel_scalar(p + i, g + i, m + i, v + i, amsgrad ? vmax + i : NULL, n - i, k);
}

/* One specialized loop per flag combination, so the hot loop carries no branches. */
static void adam_kernel_simd(float *p, const float *g, float *m, float *v, float *vmax, size_t n, const lrp_adam_k *k) {
    switch ((k->l2 ? 1 : 0) | (k->decoupled ? 2 : 0) | (k->amsgrad ? 4 : 0)) {
    case 0: adam_simd_loop(p, g, m, v, vmax, n, k, 0, 0, 0); break;
    case 1: adam_simd_loop(p, g, m, v, vmax, n, k, 1, 0, 0); break;
    case 2: adam_simd_loop(p, g, m, v, vmax, n, k, 0, 1, 0); break;
    case 3: adam_simd_loop(p, g, m, v, vmax, n, k, 1, 1, 0); break;
    case 4: adam_simd_loop(p, g, m, v, vmax, n, k, 0, 0, 1); break;
    case 5: adam_simd_loop(p, g, m, v, vmax, n, k, 1, 0, 1); break;
    case 6: adam_simd_loop(p, g, m, v, vmax, n, k, 0, 1, 1); break;
    default: adam_simd_loop(p, g, m, v, vmax, n, k, 1, 1, 1); break;
    }
}

/* Four lanes of sgd_kernel_scalar. */
LRP_INLINE void sgd_v4(float *LRP_RESTRICT p, const float *LRP_RESTRICT g, float *LRP_RESTRICT buf, size_t i,
                       v4f wd, v4f mom, v4f omd, v4f lr,
                       const int l2, const int momentum, const int first, const int nesterov) {
    v4f pi = v4_load(p + i), d = v4_load(g + i);
    if (l2) d = v4_add(d, v4_mul(wd, pi));
    if (momentum) {
        v4f b = first ? d : v4_add(v4_mul(v4_load(buf + i), mom), v4_mul(omd, d));
        v4_store(buf + i, b);
        d = nesterov ? v4_add(d, v4_mul(mom, b)) : b;
    }
    v4_store(p + i, v4_sub(pi, v4_mul(lr, d)));
}

LRP_INLINE void sgd_simd_loop(float *p, const float *g, float *buf, size_t n, const lrp_sgd_k *k,
                              const int l2, const int momentum, const int first, const int nesterov) {
    v4f wd = v4_splat(k->wd), mom = v4_splat(k->mom), omd = v4_splat(k->omd), lr = v4_splat(k->lr);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        sgd_v4(p, g, buf, i, wd, mom, omd, lr, l2, momentum, first, nesterov);
        sgd_v4(p, g, buf, i + 4, wd, mom, omd, lr, l2, momentum, first, nesterov);
    }
    for (; i + 4 <= n; i += 4) sgd_v4(p, g, buf, i, wd, mom, omd, lr, l2, momentum, first, nesterov);
    if (i < n) sgd_kernel_scalar(p + i, g + i, momentum ? buf + i : NULL, n - i, k);
}

static void sgd_kernel_simd(float *p, const float *g, float *buf, size_t n, const lrp_sgd_k *k) {
    /* Specialized on momentum and nesterov (the common shapes); L2 and first stay runtime. */
    if (!k->momentum) sgd_simd_loop(p, g, buf, n, k, k->l2, 0, 0, 0);
    else if (k->nesterov) sgd_simd_loop(p, g, buf, n, k, k->l2, 1, k->first, 1);
    else sgd_simd_loop(p, g, buf, n, k, k->l2, 1, k->first, 0);
}

/* Four lanes of keras_adam_kernel_scalar. */
LRP_INLINE void kadam_v4(float *LRP_RESTRICT p, const float *LRP_RESTRICT g, float *LRP_RESTRICT m,
                         float *LRP_RESTRICT v, float *LRP_RESTRICT vmax, size_t i,
                         v4f omb1, v4f omb2, v4f alpha, v4f eps, const int amsgrad) {
    v4f gi = v4_load(g + i), m0 = v4_load(m + i), v0 = v4_load(v + i);
    v4f mi = v4_add(m0, v4_mul(v4_sub(gi, m0), omb1));
    v4f vi = v4_add(v0, v4_mul(v4_sub(v4_mul(gi, gi), v0), omb2));
    v4f vh = store_moments(m, v, vmax, i, mi, vi, amsgrad);
    v4_store(p + i, v4_sub(v4_load(p + i), v4_div(v4_mul(mi, alpha), v4_add(v4_sqrt(vh), eps))));
}

LRP_INLINE void kadam_simd_loop(float *p, const float *g, float *m, float *v, float *vmax, size_t n,
                                const lrp_kadam_k *k, const int amsgrad) {
    v4f omb1 = v4_splat(k->omb1), omb2 = v4_splat(k->omb2), alpha = v4_splat(k->alpha), eps = v4_splat(k->eps);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        kadam_v4(p, g, m, v, vmax, i, omb1, omb2, alpha, eps, amsgrad);
        kadam_v4(p, g, m, v, vmax, i + 4, omb1, omb2, alpha, eps, amsgrad);
    }
    for (; i + 4 <= n; i += 4) kadam_v4(p, g, m, v, vmax, i, omb1, omb2, alpha, eps, amsgrad);
    if (i < n) keras_adam_kernel_scalar(p + i, g + i, m + i, v + i, amsgrad ? vmax + i : NULL, n - i, k);
}

static void keras_adam_kernel_simd(float *p, const float *g, float *m, float *v, float *vmax, size_t n, const lrp_kadam_k *k) {
    if (k->amsgrad) kadam_simd_loop(p, g, m, v, vmax, n, k, 1);
    else kadam_simd_loop(p, g, m, v, vmax, n, k, 0);
}
#endif /* LRP_HAVE_SIMD */

/* ---------------------------------------------------------------- lifecycle */
static void optim_free(lrp_optim *o) {
    free(o->m_base);
    free(o->v_base);
    free(o->vmax_base);
    free(o);
}

lrp_status lrp_optim_create(lrp_optim **out, const lrp_optim_cfg *c, size_t n, char *err, size_t errlen) {
    if (err && errlen) err[0] = '\0';
    if (!out) { lrp_say(err, errlen, "optimizer: no handle to create"); return LRP_EINVAL; }
    *out = NULL;
    lrp_status st = lrp_optim_validate(c, err, errlen);
    if (st != LRP_OK) return st;
    if (n > (size_t)LRP_MAX_PARAMS) {
        lrp_say(err, errlen, "optimizer: %zu parameters is past the limit of %u", n, (unsigned)LRP_MAX_PARAMS);
        return LRP_ELIMIT;
    }
    lrp_optim *o = calloc(1, sizeof *o);
    if (!o) { lrp_say(err, errlen, "optimizer: out of memory"); return LRP_ENOMEM; }
    o->cfg = *c;
    o->n = n;
    o->t = 0;
    o->kernel = LRP_HAVE_SIMD ? LRP_KERNEL_SIMD : LRP_KERNEL_SCALAR;

    int sgd = c->kind == LRP_OPT_SGD;
    int need_m = !sgd || c->momentum != 0.0;
    int need_v = !sgd;
    int need_vmax = !sgd && c->amsgrad;
    int fail = 0;
    if (need_m && !(o->m = lrp_alloc_staggered(n, LRP_SLOT_M, &o->m_base))) fail = 1;
    if (need_v && !fail && !(o->v = lrp_alloc_staggered(n, LRP_SLOT_V, &o->v_base))) fail = 1;
    if (need_vmax && !fail && !(o->vmax = lrp_alloc_staggered(n, LRP_SLOT_VMAX, &o->vmax_base))) fail = 1;
    if (fail) {
        optim_free(o);
        lrp_say(err, errlen, "optimizer: out of memory for %zu parameters", n);
        return LRP_ENOMEM;
    }
    *out = o;
    return LRP_OK;
}

void lrp_optim_destroy(lrp_optim *o) {
    if (o) optim_free(o);
}

void lrp_optim_reset(lrp_optim *o) {
    if (!o) return;
    size_t bytes = o->n * sizeof(float);   /* checked at create */
    if (o->m) memset(o->m, 0, bytes);
    if (o->v) memset(o->v, 0, bytes);
    if (o->vmax) memset(o->vmax, 0, bytes);
    o->t = 0;
}

/* The state (step count and moments), not the config or the kernel choice. dst and src
 * must have the same kind, n and buffers (amsgrad, sgd momentum on/off): else LRP_EINVAL. */
lrp_status lrp_optim_copy_state(lrp_optim *dst, const lrp_optim *src) {
    if (!dst || !src) return LRP_EINVAL;
    if (dst == src) return LRP_OK;
    if (dst->n != src->n || dst->cfg.kind != src->cfg.kind || !dst->m != !src->m || !dst->v != !src->v ||
        !dst->vmax != !src->vmax)
        return LRP_EINVAL;
    size_t bytes = src->n * sizeof(float);
    if (src->m) memcpy(dst->m, src->m, bytes);
    if (src->v) memcpy(dst->v, src->v, bytes);
    if (src->vmax) memcpy(dst->vmax, src->vmax, bytes);
    dst->t = src->t;
    return LRP_OK;
}

int64_t lrp_optim_steps_taken(const lrp_optim *o) { return o ? o->t : 0; }

/* LRP_KERNEL_SIMD in a build without SIMD runs the scalar kernels (same bits anyway). */
void lrp_optim_set_kernel(lrp_optim *o, lrp_kernel k) {
    if (!o) return;
    o->kernel = (k == LRP_KERNEL_SCALAR || !LRP_HAVE_SIMD) ? LRP_KERNEL_SCALAR : LRP_KERNEL_SIMD;
}

/* --------------------------------------------------------------------- step */
void lrp_optim_step(lrp_optim *o, float *params, const float *grads, double lr) {
    if (!o) return;
    const lrp_optim_cfg *c = &o->cfg;
    int64_t t = ++o->t;
    size_t n = o->n;
    int simd = LRP_HAVE_SIMD && o->kernel == LRP_KERNEL_SIMD;
    (void)simd;   /* unused in a scalar build */
    if (n == 0) return;

    if (c->kind == LRP_OPT_SGD) {
        lrp_sgd_k k;
        k.l2 = c->weight_decay != 0.0;
        k.momentum = c->momentum != 0.0;
        k.first = t == 1;
        k.nesterov = c->nesterov != 0;
        k.wd = (float)c->weight_decay;
        k.mom = (float)c->momentum;
        k.omd = (float)(1.0 - c->dampening);
        k.lr = (float)lr;
#if LRP_HAVE_SIMD
        if (simd) { sgd_kernel_simd(params, grads, o->m, n, &k); return; }
#endif
        sgd_kernel_scalar(params, grads, o->m, n, &k);
        return;
    }

    if (c->kind == LRP_OPT_KERAS_ADAM) {
        /* Keras computes these scalars in float32 (its hyperparameters are float32
         * variables): lr_t = lr / (1 + decay * iterations), iterations = the updates already
         * made; alpha = lr_t * sqrt(1 - b2^t) / (1 - b1^t) as in TF's ApplyAdam kernel. The
         * float32 powers are rounded once from the double ones: powf's correctly rounded
         * value except in near-ties (this matches the golden case bit for bit). */
        float b1f = (float)c->beta1, b2f = (float)c->beta2;
        float b1p = (float)powi((double)b1f, t), b2p = (float)powi((double)b2f, t);
        float lr_t = (float)lr / (1.0f + (float)c->decay * (float)(t - 1));
        float alpha = lr_t * sqrtf(1.0f - b2p) / (1.0f - b1p);
        lrp_kadam_k k;
        k.amsgrad = c->amsgrad != 0;
        k.omb1 = 1.0f - b1f;
        k.omb2 = 1.0f - b2f;
        k.alpha = alpha;
        k.eps = (float)c->eps;
#if LRP_HAVE_SIMD
        if (simd) { keras_adam_kernel_simd(params, grads, o->m, o->v, o->vmax, n, &k); return; }
#endif
        keras_adam_kernel_scalar(params, grads, o->m, o->v, o->vmax, n, &k);
        return;
    }

    /* Adam, AdamW: torch 1.13 _single_tensor_adam[w], scalars in double like Python's. */
    double bc1 = 1.0 - powi(c->beta1, t);
    double bc2 = 1.0 - powi(c->beta2, t);
    int adamw = c->kind == LRP_OPT_ADAMW;
    lrp_adam_k k;
    k.l2 = !adamw && c->weight_decay != 0.0;
    k.decoupled = adamw && c->weight_decay != 0.0;   /* p * 1.0f would change nothing */
    k.amsgrad = c->amsgrad != 0;
    k.wd = (float)c->weight_decay;
    k.decay_keep = (float)(1.0 - lr * c->weight_decay);
    k.b1 = (float)c->beta1;
    k.omb1 = (float)(1.0 - c->beta1);
    k.b2 = (float)c->beta2;
    k.omb2 = (float)(1.0 - c->beta2);
    k.step_size = (float)(lr / bc1);
    k.bc2_sqrt = (float)sqrt(bc2);
    k.eps = (float)c->eps;
#if LRP_HAVE_SIMD
    if (simd) { adam_kernel_simd(params, grads, o->m, o->v, o->vmax, n, &k); return; }
#endif
    adam_kernel_scalar(params, grads, o->m, o->v, o->vmax, n, &k);
}
