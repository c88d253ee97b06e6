/* test_optim.c — the optimizers: SIMD and scalar kernels give identical bits (sizes around
 * the 4-lane and 8-float unroll boundaries, NaN and Inf gradients, subnormals), one or two
 * steps against the formulas worked out by hand in double, validation naming the field,
 * limits, reset and copy_state. The golden traces run through the CLI (tests/golden). */
#include "check.h"
#include "lrplay.h"
#include "optim_kernels.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* xorshift32: the test's own deterministic inputs. */
static uint32_t xs_state = 2463534242u;
static float rnd_unit(void) {   /* [-1, 1) */
    xs_state ^= xs_state << 13; xs_state ^= xs_state >> 17; xs_state ^= xs_state << 5;
    return (float)(xs_state >> 8) / 8388608.0f - 1.0f;
}

/* Gradients with a spread of magnitudes, exact zeros of both signs and subnormals. */
static void fill_grads(float *g, size_t n) {
    for (size_t i = 0; i < n; i++) {
        float r = rnd_unit();
        switch (i % 11) {
        case 3: g[i] = 0.0f; break;
        case 5: g[i] = -0.0f; break;
        case 7: g[i] = r * 1e-39f; break;   /* subnormal: g*g underflows */
        case 8: g[i] = r * 1e3f; break;
        case 9: g[i] = r * 1e-4f; break;
        default: g[i] = r; break;
        }
    }
}

typedef struct { const char *name; lrp_optim_cfg cfg; } opt_case;

static size_t make_cases(opt_case *cs) {
    size_t k = 0;
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_ADAM); cs[k++].name = "adam";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_ADAM); cs[k].cfg.lr = 0.01; cs[k].cfg.weight_decay = 0.01;
    cs[k].cfg.amsgrad = 1; cs[k++].name = "adam+amsgrad+l2";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_ADAM); cs[k].cfg.beta1 = 0.0; cs[k].cfg.beta2 = 0.5;
    cs[k].cfg.eps = 0.0; cs[k++].name = "adam beta1=0 eps=0";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_ADAMW); cs[k].cfg.weight_decay = 0.05; cs[k++].name = "adamw";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_ADAMW); cs[k].cfg.amsgrad = 1; cs[k++].name = "adamw+amsgrad";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_KERAS_ADAM); cs[k].cfg.decay = 0.01; cs[k++].name = "keras_adam decay";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_KERAS_ADAM); cs[k].cfg.amsgrad = 1; cs[k++].name = "keras_adam+amsgrad";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_SGD); cs[k++].name = "sgd";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_SGD); cs[k].cfg.momentum = 0.9; cs[k++].name = "sgd momentum";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_SGD); cs[k].cfg.momentum = 0.8; cs[k].cfg.dampening = 0.3;
    cs[k].cfg.weight_decay = 1e-3; cs[k++].name = "sgd momentum+dampening+l2";
    lrp_optim_defaults(&cs[k].cfg, LRP_OPT_SGD); cs[k].cfg.momentum = 0.9; cs[k].cfg.nesterov = 1;
    cs[k].cfg.weight_decay = 1e-2; cs[k++].name = "sgd nesterov+l2";
    return k;
}

static lrp_optim *make(const lrp_optim_cfg *c, size_t n, lrp_kernel kern) {
    lrp_optim *o = NULL;
    char err[128];
    lrp_status st = lrp_optim_create(&o, c, n, err, sizeof err);
    CHECK_MSG(st == LRP_OK && o != NULL, "create n=%zu: %s", n, err);
    if (o) lrp_optim_set_kernel(o, kern);
    return o;
}

/* ------------------------------------------------------ SIMD == scalar, bit for bit */
static void test_identity(void) {
    static const size_t sizes[] = { 1, 3, 4, 5, 7, 8, 9, 37, 1000 };
    opt_case cs[16];
    size_t ncase = make_cases(cs);
    for (size_t c = 0; c < ncase; c++) {
        for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
            size_t n = sizes[si];
            /* +1: run on p + 1, so the vector loads are not 16-byte aligned */
            float *p_s = malloc((n + 1) * sizeof(float)), *p_v = malloc((n + 1) * sizeof(float));
            float *p0 = malloc(n * sizeof(float)), *g = malloc(n * sizeof(float));
            lrp_optim *os = make(&cs[c].cfg, n, LRP_KERNEL_SCALAR);
            lrp_optim *ov = make(&cs[c].cfg, n, LRP_KERNEL_SIMD);
            if (!p_s || !p_v || !p0 || !g || !os || !ov) { CHECK(0); return; }
            for (size_t i = 0; i < n; i++) p0[i] = p_s[i + 1] = p_v[i + 1] = 2.0f * rnd_unit();
            int same = 1;
            for (int step = 0; step < 6; step++) {
                double lr = cs[c].cfg.lr * (1.0 + 0.37 * step);   /* a schedule drives the rate */
                fill_grads(g, n);
                lrp_optim_step(os, p_s + 1, g, lr);
                lrp_optim_step(ov, p_v + 1, g, lr);
                same &= memcmp(p_s + 1, p_v + 1, n * sizeof(float)) == 0;
            }
            CHECK_MSG(same, "%s n=%zu: SIMD and scalar params differ", cs[c].name, n);
            /* The steps did something (so the comparison above is not of two no-ops). */
            CHECK_MSG(memcmp(p0, p_s + 1, n * sizeof(float)) != 0, "%s n=%zu: params unchanged", cs[c].name, n);
            CHECK(lrp_optim_steps_taken(os) == 6 && lrp_optim_steps_taken(ov) == 6);
            lrp_optim_destroy(os);
            lrp_optim_destroy(ov);
            free(p_s); free(p_v); free(p0); free(g);
        }
    }
}

/* NaN and Inf gradients: the same bits in both paths, NaN only where the input was bad. */
static void test_nan(void) {
    opt_case cs[16];
    size_t ncase = make_cases(cs);
    const size_t n = 37;
    for (size_t c = 0; c < ncase; c++) {
        float ps[37], pv[37], g[37];
        lrp_optim *os = make(&cs[c].cfg, n, LRP_KERNEL_SCALAR);
        lrp_optim *ov = make(&cs[c].cfg, n, LRP_KERNEL_SIMD);
        if (!os || !ov) return;
        for (size_t i = 0; i < n; i++) ps[i] = pv[i] = rnd_unit();
        for (int step = 0; step < 4; step++) {
            for (size_t i = 0; i < n; i++) g[i] = rnd_unit();
            if (step == 1) { g[2] = NAN; g[17] = INFINITY; g[36] = NAN; g[33] = -INFINITY; }
            lrp_optim_step(os, ps, g, cs[c].cfg.lr);
            lrp_optim_step(ov, pv, g, cs[c].cfg.lr);
        }
        CHECK_BITS_EQ(ps, pv, sizeof ps);
        CHECK_MSG(isnan(ps[2]) && isnan(ps[36]), "%s: NaN gradient did not propagate", cs[c].name);
        int bad_elsewhere = 0;
        for (size_t i = 0; i < n; i++)
            if (i != 2 && i != 17 && i != 33 && i != 36 && !isfinite(ps[i])) bad_elsewhere = 1;
        CHECK_MSG(!bad_elsewhere, "%s: non-finite values leaked into other elements", cs[c].name);
        lrp_optim_destroy(os);
        lrp_optim_destroy(ov);
    }
}

/* The SIMD Adam kernel divides sqrt(v) by the bias correction through double
 * (v4_div_const): it must equal the float32 division for every v and every c it meets. */
static void test_div_const(void) {
#if LRP_HAVE_SIMD
    double betas[] = { 0.0, 0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999999 };
    long bad = 0, total = 0;
    uint32_t vb[4];
    for (long trial = 0; trial < 300000; trial++) {
        float c;
        if (trial % 3 == 0) {   /* the values Adam uses: sqrt(1 - beta2^t) rounded to float32 */
            double b = betas[trial % 7], bt = 1.0;
            for (long t = 1 + (long)((xs_state >> 3) % 20000u); t > 0; t >>= 1, b *= b)
                if (t & 1) bt *= b;   /* b^t */
            c = (float)sqrt(1.0 - bt);
        } else {                /* any float32 in [2^-126, 1] */
            rnd_unit();
            c = lrp_u2f(0x00800000u + xs_state % (0x3f800000u - 0x00800000u + 1u));
        }
        for (int l = 0; l < 4; l++) {
            rnd_unit();
            uint32_t r = xs_state;
            switch (r % 16) {
            case 0: vb[l] = 0; break;
            case 1: vb[l] = 0x7f800000u; break;            /* +Inf */
            case 2: vb[l] = 0x7fc00000u | (r >> 12); break; /* NaN */
            case 3: vb[l] = 1u + (r >> 9); break;          /* subnormal */
            case 4: vb[l] = 0x7f7fffffu - (r >> 12); break; /* near FLT_MAX */
            default: vb[l] = r % 0x7f800000u; break;       /* any finite v >= 0 */
            }
        }
        float v[4], got[4], want[4];
        for (int l = 0; l < 4; l++) v[l] = lrp_u2f(vb[l]);
        v4f x = v4_sqrt(v4_load(v));
        v4_store(got, v4_div_const(x, v2d_splat(1.0 / (double)c)));
        v4_store(want, v4_div(x, v4_splat(c)));
        for (int l = 0; l < 4; l++) {
            total++;
            if (lrp_f2u(got[l]) != lrp_f2u(want[l]) && !(isnan(got[l]) && isnan(want[l]))) {
                if (bad++ < 5)
                    fprintf(stderr, "v4_div_const: v=%a c=%a: got %a want %a\n", v[l], c, got[l], want[l]);
            }
        }
    }
    CHECK_MSG(bad == 0, "v4_div_const differs from the float division in %ld of %ld cases", bad, total);
#endif
}

/* ------------------------------------------------------------- formulas by hand */
static void test_adam_by_hand(void) {
    const float p0[4] = { 1.0f, -2.0f, 0.5f, 0.25f };
    const float g1[4] = { 0.1f, -0.3f, 0.0f, 4.0f };
    const float g2[4] = { -0.2f, -0.1f, 0.5f, 4.0f };
    const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    for (int kern = LRP_KERNEL_SCALAR; kern <= LRP_KERNEL_SIMD; kern++) {
        lrp_optim_cfg c;
        lrp_optim_defaults(&c, LRP_OPT_ADAM);
        lrp_optim *o = make(&c, 4, (lrp_kernel)kern);
        if (!o) return;
        float p[4];
        memcpy(p, p0, sizeof p);
        lrp_optim_step(o, p, g1, lr);
        for (int i = 0; i < 4; i++) {
            /* step 1: m^ = g, v^ = g^2, so p1 = p0 - lr * g / (|g| + eps) */
            double want = p0[i] - lr * g1[i] / (fabs(g1[i]) + eps);
            CHECK_NEAR(p[i], want, 1e-6 * fabs(want));
        }
        CHECK(p[2] == p0[2]);   /* a zero gradient leaves the parameter exactly alone */
        float p1[4];
        memcpy(p1, p, sizeof p);
        lrp_optim_step(o, p, g2, 2 * lr);
        for (int i = 0; i < 4; i++) {
            double m = b1 * (1 - b1) * g1[i] + (1 - b1) * g2[i];
            double v = b2 * (1 - b2) * g1[i] * g1[i] + (1 - b2) * g2[i] * g2[i];
            double mh = m / (1 - b1 * b1), vh = v / (1 - b2 * b2);
            double want = p1[i] - 2 * lr * mh / (sqrt(vh) + eps);
            CHECK_NEAR(p[i], want, 2e-6 * fabs(want));
        }
        lrp_optim_destroy(o);
    }
}

static void test_adamw_sgd_keras_by_hand(void) {
    /* AdamW, one step: p1 = p0 (1 - lr wd) - lr g / (|g| + eps) */
    {
        lrp_optim_cfg c;
        lrp_optim_defaults(&c, LRP_OPT_ADAMW);
        c.weight_decay = 0.1;
        lrp_optim *o = make(&c, 3, LRP_KERNEL_AUTO);
        float p[3] = { 1.0f, -3.0f, 2.0f }, g[3] = { 0.5f, 0.25f, -1.0f };
        if (!o) return;
        lrp_optim_step(o, p, g, 0.1);
        const double want[3] = { 1.0 * 0.99 - 0.1, -3.0 * 0.99 - 0.1, 2.0 * 0.99 + 0.1 };
        for (int i = 0; i < 3; i++) CHECK_NEAR(p[i], want[i], 1e-6);
        lrp_optim_destroy(o);
    }
    /* SGD momentum 0.9: plain, nesterov, and dampening 0.5 (torch: the buffer starts as
     * the first gradient, undamped; dampening applies from the second step on). */
    for (int variant = 0; variant <= 2; variant++) {
        int nesterov = variant == 1;
        double damp = variant == 2 ? 0.5 : 0.0;
        lrp_optim_cfg c;
        lrp_optim_defaults(&c, LRP_OPT_SGD);
        c.momentum = 0.9;
        c.nesterov = nesterov;
        c.dampening = damp;
        lrp_optim *o = make(&c, 5, LRP_KERNEL_AUTO);
        float p[5] = { 1, 2, 3, 4, 5 }, g1[5] = { 1, -1, 0.5f, 0, 2 }, g2[5] = { 0.5f, 0.5f, -1, 1, 2 };
        if (!o) return;
        lrp_optim_step(o, p, g1, 0.1);
        lrp_optim_step(o, p, g2, 0.05);
        for (int i = 0; i < 5; i++) {
            double b1v = g1[i], b2v = 0.9 * b1v + (1 - damp) * g2[i];
            double d1 = nesterov ? g1[i] + 0.9 * b1v : b1v;
            double d2 = nesterov ? g2[i] + 0.9 * b2v : b2v;
            double want = (i + 1) - 0.1 * d1 - 0.05 * d2;
            CHECK_NEAR(p[i], want, 1e-6);
        }
        lrp_optim_destroy(o);
    }
    /* Keras Adam with decay: alpha_t = lr/(1+decay*(t-1)) sqrt(1-b2^t)/(1-b1^t),
     * p -= alpha_t m / (sqrt(v) + eps), m and v without bias correction. */
    {
        lrp_optim_cfg c;
        lrp_optim_defaults(&c, LRP_OPT_KERAS_ADAM);
        c.decay = 0.5;
        c.eps = 1e-3;   /* big enough to show where eps-hat sits */
        lrp_optim *o = make(&c, 2, LRP_KERNEL_AUTO);
        float p[2] = { 1.0f, -1.0f }, g1[2] = { 0.01f, -2.0f }, g2[2] = { 0.02f, 1.0f };
        if (!o) return;
        const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-3;
        lrp_optim_step(o, p, g1, lr);
        lrp_optim_step(o, p, g2, lr);
        for (int i = 0; i < 2; i++) {
            double m1 = (1 - b1) * g1[i], v1 = (1 - b2) * g1[i] * g1[i];
            double p1 = (i == 0 ? 1.0 : -1.0) - lr * sqrt(1 - b2) / (1 - b1) * m1 / (sqrt(v1) + eps);
            double m2 = b1 * m1 + (1 - b1) * g2[i], v2 = b2 * v1 + (1 - b2) * g2[i] * g2[i];
            double a2 = lr / (1 + 0.5) * sqrt(1 - b2 * b2) / (1 - b1 * b1);
            double want = p1 - a2 * m2 / (sqrt(v2) + eps);
            CHECK_NEAR(p[i], want, 1e-6);
        }
        lrp_optim_destroy(o);
    }
}

/* --------------------------------------------------------------- config checks */
static void test_defaults(void) {
    lrp_optim_cfg c;
    char err[128];
    lrp_optim_defaults(&c, LRP_OPT_ADAM);
    CHECK(c.kind == LRP_OPT_ADAM && c.lr == 1e-3 && c.beta1 == 0.9 && c.beta2 == 0.999 && c.eps == 1e-8);
    CHECK(c.weight_decay == 0.0 && c.amsgrad == 0);
    lrp_optim_defaults(&c, LRP_OPT_ADAMW);
    CHECK(c.kind == LRP_OPT_ADAMW && c.lr == 1e-3 && c.weight_decay == 1e-2 && c.eps == 1e-8);
    lrp_optim_defaults(&c, LRP_OPT_SGD);
    CHECK(c.kind == LRP_OPT_SGD && c.lr == 1e-2 && c.momentum == 0.0 && c.dampening == 0.0 && c.nesterov == 0);
    lrp_optim_defaults(&c, LRP_OPT_KERAS_ADAM);
    CHECK(c.kind == LRP_OPT_KERAS_ADAM && c.lr == 1e-3 && c.eps == 1e-7 && c.decay == 0.0);
    for (int k = 0; k < LRP_OPT__COUNT; k++) {
        lrp_optim_defaults(&c, (lrp_opt_kind)k);
        CHECK_MSG(lrp_optim_validate(&c, err, sizeof err) == LRP_OK, "defaults of kind %d: %s", k, err);
        CHECK(err[0] == '\0');
    }
}

static void expect_invalid(const lrp_optim_cfg *c, const char *field, int line) {
    char err[128] = "";
    lrp_status st = lrp_optim_validate(c, err, sizeof err);
    CHECK_MSG(st == LRP_EINVAL, "line %d: %s accepted", line, field);
    CHECK_MSG(strncmp(err, field, strlen(field)) == 0 && err[strlen(field)] == ':',
              "line %d: err \"%s\" does not start with \"%s:\"", line, err, field);
    lrp_optim *o = (lrp_optim *)&st;   /* create must refuse it too and clear the handle */
    CHECK(lrp_optim_create(&o, c, 10, NULL, 0) == LRP_EINVAL && o == NULL);
}
#define INVALID(kind, stmt, field) do { lrp_optim_cfg c_; lrp_optim_defaults(&c_, kind); \
    { lrp_optim_cfg *c = &c_; stmt; } expect_invalid(&c_, field, __LINE__); } while (0)

static void test_validate(void) {
    INVALID(LRP_OPT_ADAM, c->kind = LRP_OPT__COUNT, "optimizer.name");
    INVALID(LRP_OPT_ADAM, c->kind = (lrp_opt_kind)-1, "optimizer.name");
    INVALID(LRP_OPT_ADAM, c->lr = -1e-3, "optimizer.lr");
    INVALID(LRP_OPT_ADAM, c->lr = NAN, "optimizer.lr");
    INVALID(LRP_OPT_SGD, c->lr = INFINITY, "optimizer.lr");
    INVALID(LRP_OPT_ADAM, c->beta1 = 1.0, "optimizer.beta1");
    INVALID(LRP_OPT_ADAMW, c->beta1 = -0.1, "optimizer.beta1");
    INVALID(LRP_OPT_KERAS_ADAM, c->beta1 = NAN, "optimizer.beta1");
    INVALID(LRP_OPT_ADAM, c->beta2 = 1.0, "optimizer.beta2");
    INVALID(LRP_OPT_ADAM, c->eps = -1e-8, "optimizer.eps");
    INVALID(LRP_OPT_KERAS_ADAM, c->eps = INFINITY, "optimizer.eps");
    INVALID(LRP_OPT_ADAM, c->weight_decay = -0.01, "optimizer.weight_decay");
    INVALID(LRP_OPT_ADAMW, c->weight_decay = NAN, "optimizer.weight_decay");
    INVALID(LRP_OPT_SGD, c->weight_decay = -1, "optimizer.weight_decay");
    INVALID(LRP_OPT_ADAM, c->amsgrad = 2, "optimizer.amsgrad");
    INVALID(LRP_OPT_SGD, c->momentum = -0.5, "optimizer.momentum");
    INVALID(LRP_OPT_SGD, c->dampening = 1.5, "optimizer.dampening");
    INVALID(LRP_OPT_SGD, c->nesterov = 1, "optimizer.nesterov");   /* momentum 0 */
    INVALID(LRP_OPT_SGD, (c->nesterov = 1, c->momentum = 0.9, c->dampening = 0.1), "optimizer.nesterov");
    INVALID(LRP_OPT_KERAS_ADAM, c->decay = -0.1, "optimizer.decay");
    /* Fields a kind does not use are not its business; edge values that are allowed. */
    lrp_optim_cfg c;
    lrp_optim_defaults(&c, LRP_OPT_SGD);
    c.beta1 = 7.0; c.momentum = 0.9; c.nesterov = 1; c.lr = 0.0;
    CHECK(lrp_optim_validate(&c, NULL, 0) == LRP_OK);
    lrp_optim_defaults(&c, LRP_OPT_ADAM);
    c.beta1 = 0.0; c.beta2 = 0.0; c.eps = 0.0; c.momentum = -3.0;
    CHECK(lrp_optim_validate(&c, NULL, 0) == LRP_OK);
    /* err is truncated, never overrun */
    char small[8];
    memset(small, 'x', sizeof small);
    lrp_optim_defaults(&c, LRP_OPT_ADAM);
    c.beta1 = 2.0;
    CHECK(lrp_optim_validate(&c, small, 4) == LRP_EINVAL && small[3] == '\0' && small[4] == 'x');
}

/* ------------------------------------------------------------ sizes and memory */
static void test_sizes(void) {
    lrp_optim_cfg c;
    lrp_optim_defaults(&c, LRP_OPT_ADAM);
    c.amsgrad = 1;
    char err[128];
    lrp_optim *o = (lrp_optim *)&c;
    CHECK(lrp_optim_create(&o, &c, (size_t)LRP_MAX_PARAMS + 1, err, sizeof err) == LRP_ELIMIT && o == NULL);
    CHECK(strncmp(err, "optimizer", 9) == 0);
    CHECK(lrp_optim_create(&o, &c, SIZE_MAX, err, sizeof err) == LRP_ELIMIT && o == NULL);
    CHECK(lrp_optim_create(NULL, &c, 4, err, sizeof err) == LRP_EINVAL);
    CHECK(lrp_optim_create(&o, NULL, 4, err, sizeof err) == LRP_EINVAL && o == NULL);
    /* n = 0: a valid optimizer whose steps touch nothing. */
    for (int k = 0; k < LRP_OPT__COUNT; k++) {
        lrp_optim_defaults(&c, (lrp_opt_kind)k);
        c.momentum = k == LRP_OPT_SGD ? 0.9 : c.momentum;
        o = make(&c, 0, LRP_KERNEL_AUTO);
        if (!o) return;
        lrp_optim_step(o, NULL, NULL, 0.1);
        lrp_optim_step(o, NULL, NULL, 0.1);
        CHECK(lrp_optim_steps_taken(o) == 2);
        lrp_optim_reset(o);
        CHECK(lrp_optim_steps_taken(o) == 0);
        lrp_optim_destroy(o);
    }
    lrp_optim_destroy(NULL);
    CHECK(lrp_optim_steps_taken(NULL) == 0);

    /* The staggered allocator: zeroed, 64-byte aligned, distinct page offsets per slot. */
    void *base[LRP_STAGGER_SLOTS];
    uintptr_t off[LRP_STAGGER_SLOTS];
    for (unsigned s = 0; s < LRP_STAGGER_SLOTS; s++) {
        float *f = lrp_alloc_staggered(1u << 16, s, &base[s]);
        CHECK(f != NULL && base[s] != NULL);
        if (!f) return;
        off[s] = (uintptr_t)f % 4096u;
        CHECK((uintptr_t)f % 64u == 0);
        int zero = 1;
        for (size_t i = 0; i < (1u << 16); i++) zero &= f[i] == 0.0f;
        f[(1u << 16) - 1] = 1.0f;   /* the last float is ours (ASan would object otherwise) */
        CHECK(zero);
    }
    for (unsigned a = 0; a < LRP_STAGGER_SLOTS; a++)
        for (unsigned b = a + 1; b < LRP_STAGGER_SLOTS; b++) {
            uintptr_t d = (off[a] - off[b]) % 4096u, e = (off[b] - off[a]) % 4096u;
            CHECK_MSG(d >= 512 && e >= 512, "slots %u and %u: page offsets %u and %u", a, b,
                      (unsigned)off[a], (unsigned)off[b]);
        }
    for (unsigned s = 0; s < LRP_STAGGER_SLOTS; s++) free(base[s]);
    void *b0 = (void *)&c;
    CHECK(lrp_alloc_staggered(SIZE_MAX / 2, 0, &b0) == NULL && b0 == NULL);
    float *z = lrp_alloc_staggered(0, 3, &b0);
    CHECK(z != NULL && b0 != NULL);
    free(b0);
}

/* ------------------------------------------------------------- reset, copy_state */
static void test_state(void) {
    opt_case cs[16];
    size_t ncase = make_cases(cs);
    const size_t n = 13;
    for (size_t c = 0; c < ncase; c++) {
        float pa[13], pb[13], pc[13], g[13];
        lrp_optim *a = make(&cs[c].cfg, n, LRP_KERNEL_AUTO);
        lrp_optim *b = make(&cs[c].cfg, n, LRP_KERNEL_SCALAR);
        if (!a || !b) return;
        for (size_t i = 0; i < n; i++) pa[i] = rnd_unit();
        for (int s = 0; s < 3; s++) { fill_grads(g, n); lrp_optim_step(a, pa, g, cs[c].cfg.lr); }
        CHECK(lrp_optim_copy_state(b, a) == LRP_OK);
        CHECK(lrp_optim_steps_taken(b) == 3);
        memcpy(pb, pa, sizeof pa);
        for (int s = 0; s < 3; s++) {
            fill_grads(g, n);
            lrp_optim_step(a, pa, g, cs[c].cfg.lr * 0.5);
            lrp_optim_step(b, pb, g, cs[c].cfg.lr * 0.5);
        }
        CHECK_MSG(memcmp(pa, pb, sizeof pa) == 0, "%s: copy_state does not reproduce", cs[c].name);
        /* reset: the same as a fresh optimizer */
        lrp_optim_reset(a);
        CHECK(lrp_optim_steps_taken(a) == 0);
        lrp_optim *f = make(&cs[c].cfg, n, LRP_KERNEL_AUTO);
        if (!f) return;
        for (size_t i = 0; i < n; i++) pc[i] = pa[i];
        for (int s = 0; s < 2; s++) {
            fill_grads(g, n);
            lrp_optim_step(a, pa, g, cs[c].cfg.lr);
            lrp_optim_step(f, pc, g, cs[c].cfg.lr);
        }
        CHECK_MSG(memcmp(pa, pc, sizeof pa) == 0, "%s: reset differs from a fresh optimizer", cs[c].name);
        lrp_optim_destroy(a);
        lrp_optim_destroy(b);
        lrp_optim_destroy(f);
    }
    /* mismatches are refused and leave dst alone */
    lrp_optim_cfg c1, c2;
    lrp_optim_defaults(&c1, LRP_OPT_ADAM);
    lrp_optim_defaults(&c2, LRP_OPT_ADAMW);
    lrp_optim *a = make(&c1, 8, LRP_KERNEL_AUTO), *b = make(&c1, 9, LRP_KERNEL_AUTO), *d = make(&c2, 8, LRP_KERNEL_AUTO);
    c1.amsgrad = 1;
    lrp_optim *e = make(&c1, 8, LRP_KERNEL_AUTO);
    if (!a || !b || !d || !e) return;
    float p[9] = { 0 }, g[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    lrp_optim_step(a, p, g, 0.1);
    CHECK(lrp_optim_copy_state(b, a) == LRP_EINVAL);
    CHECK(lrp_optim_copy_state(d, a) == LRP_EINVAL);
    CHECK(lrp_optim_copy_state(e, a) == LRP_EINVAL);
    CHECK(lrp_optim_copy_state(NULL, a) == LRP_EINVAL);
    CHECK(lrp_optim_copy_state(a, a) == LRP_OK);
    CHECK(lrp_optim_steps_taken(b) == 0 && lrp_optim_steps_taken(a) == 1);
    lrp_optim_destroy(a); lrp_optim_destroy(b); lrp_optim_destroy(d); lrp_optim_destroy(e);
}

int main(void) {
    test_identity();
    test_nan();
    test_div_const();
    test_adam_by_hand();
    test_adamw_sgd_keras_by_hand();
    test_defaults();
    test_validate();
    test_sizes();
    test_state();
    return check_done("test_optim");
}
