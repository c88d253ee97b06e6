/* test_mlp.c — the network: gradients against finite differences of an independent
 * double-precision forward, SIMD vs scalar bit identity on sizes that are not multiples
 * of 4, init bounds and determinism, limits, edge cases, and the first loss of two golden
 * training replays (tests/golden, via golden_data.h from scripts/gen_golden_c.mjs). */
#include "check.h"
#include "golden_data.h"
#include "lrplay.h"
#include "rng.h"
#include "simd.h"
#include <stdint.h>
#include <stdlib.h>

/* ------------------------------------------------- double reference net */
static double ref_act(double x, lrp_act a) {
    switch (a) {
    case LRP_ACT_RELU: return x > 0 ? x : 0;
    case LRP_ACT_TANH: return tanh(x);
    case LRP_ACT_SIGMOID: return 1.0 / (1.0 + exp(-x));
    case LRP_ACT_GELU: return 0.5 * x * (1.0 + erf(x / sqrt(2.0)));
    default: return x;
    }
}

/* mean loss of the net with params p (double, lrplay's layout) on B rows */
static double ref_loss(const lrp_mlp_cfg *c, const double *p, const float *x, const float *y, size_t B) {
    double h[2][LRP_MAX_WIDTH];
    double total = 0;
    size_t L = c->n_sizes - 1, C = c->sizes[L];
    for (size_t r = 0; r < B; r++) {
        for (size_t i = 0; i < c->sizes[0]; i++) h[0][i] = x[r * c->sizes[0] + i];
        const double *q = p;
        int cur = 0;
        for (size_t l = 0; l < L; l++) {
            size_t IN = c->sizes[l], OUT = c->sizes[l + 1];
            const double *W = q, *b = q + OUT * IN;
            for (size_t o = 0; o < OUT; o++) {
                double s = b[o];
                for (size_t i = 0; i < IN; i++) s += W[o * IN + i] * h[cur][i];
                h[1 - cur][o] = l + 1 < L ? ref_act(s, c->act) : s;
            }
            q += OUT * IN + OUT;
            cur = 1 - cur;
        }
        const double *z = h[cur];
        if (c->loss == LRP_LOSS_CROSS_ENTROPY) {
            double mx = z[0], s = 0;
            for (size_t o = 1; o < C; o++) if (z[o] > mx) mx = z[o];
            for (size_t o = 0; o < C; o++) s += exp(z[o] - mx);
            total += mx + log(s) - z[(size_t)y[r]];
        } else {
            for (size_t o = 0; o < C; o++) { double d = z[o] - y[r * C + o]; total += d * d; }
        }
    }
    return c->loss == LRP_LOSS_CROSS_ENTROPY ? total / (double)B : total / (double)(B * C);
}

/* ------------------------------------------------------------- helpers */
static lrp_mlp_cfg cfg_of(const size_t *sizes, size_t n, lrp_act act, lrp_loss loss) {
    lrp_mlp_cfg c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < n; i++) c.sizes[i] = sizes[i];
    c.n_sizes = n;
    c.act = act;
    c.loss = loss;
    return c;
}

/* B rows of inputs in [-2, 2) and labels / targets for c */
static void make_batch(const lrp_mlp_cfg *c, size_t B, uint32_t seed, float *x, float *y) {
    lrp_rng r;
    lrp_rng_seed(&r, seed, 99);
    size_t IN = c->sizes[0], C = c->sizes[c->n_sizes - 1];
    for (size_t k = 0; k < B * IN; k++) x[k] = lrp_rng_uniform_in(&r, -2.0f, 2.0f);
    if (c->loss == LRP_LOSS_CROSS_ENTROPY)
        for (size_t k = 0; k < B; k++) y[k] = (float)lrp_rng_below(&r, (uint32_t)C);
    else
        for (size_t k = 0; k < B * C; k++) y[k] = lrp_rng_uniform_in(&r, -1.0f, 1.0f);
}

static const char *act_name[] = {"relu", "tanh", "sigmoid", "gelu"};
static const char *loss_name[] = {"ce", "mse"};

/* ------------------------------------------------------------- the tests */
static void test_limits(void) {
    char err[128];
    lrp_mlp *m = (lrp_mlp *)&err;   /* must come back NULL on failure */
    size_t s[] = {3, 5, 900, 2};
    lrp_mlp_cfg c = cfg_of(s, 4, LRP_ACT_TANH, LRP_LOSS_CROSS_ENTROPY);
    CHECK(lrp_mlp_create(&m, &c, 8, err, sizeof err) == LRP_ELIMIT && m == NULL);
    CHECK_MSG(strcmp(err, "model.sizes[2]: 900 is out of range [1, 512]") == 0, "%s", err);
    c.sizes[2] = 0;   /* widths are model.hidden's range, a count: ELIMIT */
    CHECK(lrp_mlp_create(&m, &c, 8, err, sizeof err) == LRP_ELIMIT && m == NULL);
    CHECK_MSG(strstr(err, "model.sizes[2]") != NULL, "%s", err);
    c.sizes[2] = 7;
    c.n_sizes = 1;
    CHECK(lrp_mlp_create(&m, &c, 8, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strncmp(err, "model.sizes:", 12) == 0, "%s", err);
    c.n_sizes = LRP_MAX_LAYERS + 3;
    for (size_t i = 0; i < c.n_sizes && i < LRP_MAX_LAYERS + 2; i++) c.sizes[i] = 4;
    CHECK(lrp_mlp_create(&m, &c, 8, err, sizeof err) == LRP_ELIMIT);
    CHECK_MSG(strncmp(err, "model.sizes:", 12) == 0, "%s", err);
    c = cfg_of(s, 2, LRP_ACT__COUNT, LRP_LOSS_CROSS_ENTROPY);
    CHECK(lrp_mlp_create(&m, &c, 8, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strncmp(err, "model.activation:", 17) == 0, "%s", err);
    c = cfg_of(s, 2, LRP_ACT_RELU, (lrp_loss)5);
    CHECK(lrp_mlp_create(&m, &c, 8, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strncmp(err, "model.loss:", 11) == 0, "%s", err);
    c = cfg_of(s, 2, LRP_ACT_RELU, LRP_LOSS_MSE);
    CHECK(lrp_mlp_create(&m, &c, 0, err, sizeof err) == LRP_ELIMIT);
    CHECK_MSG(strcmp(err, "max_batch: 0 is out of range [1, 4096]") == 0, "%s", err);
    CHECK(lrp_mlp_create(&m, &c, LRP_MAX_BATCH + 1, err, sizeof err) == LRP_ELIMIT);
    CHECK_MSG(strcmp(err, "max_batch: 4097 is out of range [1, 4096]") == 0, "%s", err);
    CHECK(lrp_mlp_create(&m, NULL, 8, err, sizeof err) == LRP_EINVAL);
    CHECK(lrp_mlp_create(NULL, &c, 8, err, sizeof err) == LRP_EINVAL);
    /* a small or absent err buffer is fine */
    char tiny[6];
    c.sizes[0] = 513;
    CHECK(lrp_mlp_create(&m, &c, 8, tiny, sizeof tiny) == LRP_ELIMIT && strlen(tiny) == 5);
    CHECK(lrp_mlp_create(&m, &c, 8, NULL, 0) == LRP_ELIMIT);
    /* the largest allowed shape */
    lrp_mlp_cfg big;
    memset(&big, 0, sizeof big);
    big.n_sizes = LRP_MAX_LAYERS + 2;
    for (size_t i = 0; i < big.n_sizes; i++) big.sizes[i] = LRP_MAX_WIDTH;
    err[0] = 'x';
    CHECK(lrp_mlp_create(&m, &big, 16, err, sizeof err) == LRP_OK && m != NULL && err[0] == '\0');
    if (m) {
        CHECK(lrp_mlp_num_params(m) == (size_t)(LRP_MAX_LAYERS + 1) * (512 * 512 + 512));
        lrp_mlp_destroy(m);
    }
    lrp_mlp_destroy(NULL);
}

static void test_layout_and_init(void) {
    size_t s[] = {3, 5, 7, 2};
    lrp_mlp_cfg c = cfg_of(s, 4, LRP_ACT_TANH, LRP_LOSS_CROSS_ENTROPY);
    lrp_mlp *a = NULL, *b = NULL;
    char err[128];
    CHECK(lrp_mlp_create(&a, &c, 4, err, sizeof err) == LRP_OK);
    CHECK(lrp_mlp_create(&b, &c, 9, err, sizeof err) == LRP_OK);
    if (!a || !b) return;
    CHECK(lrp_mlp_num_params(a) == 78);
    CHECK(lrp_mlp_layer_offset(a, 0) == 0 && lrp_mlp_layer_offset(a, 1) == 20);
    CHECK(lrp_mlp_layer_offset(a, 2) == 62 && lrp_mlp_layer_offset(a, 3) == 78);
    lrp_mlp_init(a, 42);
    lrp_mlp_init(b, 42);
    size_t n = lrp_mlp_num_params(a);
    CHECK_BITS_EQ(lrp_mlp_params(a), lrp_mlp_params(b), n * sizeof(float));
    float keep[78];
    memcpy(keep, lrp_mlp_params(a), sizeof keep);
    lrp_mlp_init(b, 43);
    CHECK(memcmp(keep, lrp_mlp_params(b), sizeof keep) != 0);
    lrp_mlp_init(b, 42);
    CHECK_BITS_EQ(keep, lrp_mlp_params(b), sizeof keep);
    lrp_mlp_destroy(a);
    lrp_mlp_destroy(b);

    /* bounds per layer, and the draws fill the range: U(-1/sqrt(IN), 1/sqrt(IN)) */
    size_t s2[] = {64, 128, 10, 1};
    c = cfg_of(s2, 4, LRP_ACT_RELU, LRP_LOSS_MSE);
    CHECK(lrp_mlp_create(&a, &c, 1, err, sizeof err) == LRP_OK);
    if (!a) return;
    lrp_mlp_init(a, 7);
    const float *p = lrp_mlp_params(a);
    for (size_t l = 0; l < 3; l++) {
        size_t IN = s2[l], OUT = s2[l + 1];
        double bound = 1.0 / sqrt((double)IN), mx = 0, mean = 0;
        const float *w = p + lrp_mlp_layer_offset(a, l);
        int inside = 1;
        for (size_t k = 0; k < OUT * IN + OUT; k++) {
            inside &= fabs(w[k]) <= bound * (1 + 1e-7);
            if (fabs(w[k]) > mx) mx = fabs(w[k]);
            mean += w[k];
        }
        mean /= (double)(OUT * IN + OUT);
        CHECK_MSG(inside, "layer %zu: a weight outside +-%g", l, bound);
        if (OUT * IN >= 100) {
            CHECK_MSG(mx > 0.95 * bound, "layer %zu: max |w| %g, bound %g", l, mx, bound);
            CHECK_MSG(fabs(mean) < 0.1 * bound, "layer %zu: mean %g", l, mean);
        }
    }
    lrp_mlp_destroy(a);
}

/* grads against central differences of the double reference, and the loss against it */
static void test_gradcheck(void) {
    size_t s[] = {3, 5, 4, 3};
    for (int act = 0; act < LRP_ACT__COUNT; act++)
        for (int loss = 0; loss < 2; loss++) {
            lrp_mlp_cfg c = cfg_of(s, 4, (lrp_act)act, (lrp_loss)loss);
            lrp_mlp *m = NULL;
            char err[128];
            CHECK(lrp_mlp_create(&m, &c, 8, err, sizeof err) == LRP_OK);
            if (!m) continue;
            lrp_mlp_init(m, 3 + (uint32_t)act);
            size_t B = 5, n = lrp_mlp_num_params(m);
            float x[5 * 3], y[5 * 3];
            make_batch(&c, B, 11, x, y);
            float l = lrp_mlp_loss(m, x, y, B, 1, NULL);
            double *p = malloc(n * sizeof *p);
            for (size_t k = 0; k < n; k++) p[k] = lrp_mlp_params(m)[k];
            double lref = ref_loss(&c, p, x, y, B);
            CHECK_MSG(fabs(l - lref) <= 2e-6 * fabs(lref) + 1e-7, "%s/%s: loss %.9g, reference %.9g",
                      act_name[act], loss_name[loss], l, lref);
            double worst = 0;
            size_t worst_k = 0;
            for (size_t k = 0; k < n; k++) {
                double keep = p[k], h = 1e-5;
                p[k] = keep + h;
                double lp = ref_loss(&c, p, x, y, B);
                p[k] = keep - h;
                double lm = ref_loss(&c, p, x, y, B);
                p[k] = keep;
                double fd = (lp - lm) / (2 * h), g = lrp_mlp_grads(m)[k];
                double e = fabs(g - fd) / (1e-3 + fabs(fd));
                if (e > worst) { worst = e; worst_k = k; }
            }
            printf("  gradcheck %-7s %-3s: loss %.7f, max rel grad error %.2e (param %zu)\n",
                   act_name[act], loss_name[loss], l, worst, worst_k);
            CHECK_MSG(worst < 1e-3, "%s/%s: grad error %.3g at param %zu", act_name[act], loss_name[loss],
                      worst, worst_k);
            free(p);
            lrp_mlp_destroy(m);
        }
}

/* hand-computed values: a linear layer, MSE and cross-entropy */
static void test_by_hand(void) {
    char err[128];
    lrp_mlp *m = NULL;
    size_t s[] = {1, 1};
    lrp_mlp_cfg c = cfg_of(s, 2, LRP_ACT_RELU, LRP_LOSS_MSE);
    CHECK(lrp_mlp_create(&m, &c, 2, err, sizeof err) == LRP_OK);
    if (m) {
        float *p = lrp_mlp_params(m), *g = lrp_mlp_grads(m);
        p[0] = 2.0f; p[1] = 1.0f;                 /* y = 2x + 1 */
        float x[2] = {1.0f, 2.0f}, t[2] = {3.0f, 4.0f};
        CHECK(lrp_mlp_loss(m, x, t, 2, 1, NULL) == 0.5f);     /* (0^2 + 1^2) / 2 */
        CHECK(g[0] == 2.0f && g[1] == 1.0f);      /* dW = sum (2/2)(out-t) x, db = sum (2/2)(out-t) */
        CHECK(lrp_mlp_loss(m, x, t, 2, 1, NULL) == 0.5f);
        CHECK(g[0] == 2.0f && g[1] == 1.0f);      /* zeroed, not accumulated */
        g[0] = 9.0f;
        CHECK(lrp_mlp_loss(m, x, t, 2, 0, NULL) == 0.5f);
        CHECK(g[0] == 9.0f);                      /* without want_grad the grads are untouched */
        size_t cor = 7;
        CHECK(isnan(lrp_mlp_loss(m, x, t, 0, 1, &cor)) && cor == 0 && g[0] == 0.0f && g[1] == 0.0f);
        lrp_mlp_destroy(m);
    }
    size_t s2[] = {2, 3};
    c = cfg_of(s2, 2, LRP_ACT_RELU, LRP_LOSS_CROSS_ENTROPY);
    CHECK(lrp_mlp_create(&m, &c, 4, err, sizeof err) == LRP_OK);
    if (m) {
        float *p = lrp_mlp_params(m);
        const float W[6] = {1, 0, 0, 1, 1, 1}, b[3] = {0, 0, -1};
        memcpy(p, W, sizeof W);
        memcpy(p + 6, b, sizeof b);
        /* logits: (2,0,1), (0,3,2), (1,1,1) */
        float x[6] = {2, 0, 0, 3, 1, 1};
        float y[3] = {0, 2, 1};
        size_t cor = 0;
        float l = lrp_mlp_loss(m, x, y, 3, 1, &cor);
        double l0 = log(exp(2.0) + 1 + exp(1.0)) - 2, l1 = log(1 + exp(3.0) + exp(2.0)) - 2, l2 = log(3.0);
        CHECK_NEAR(l, (l0 + l1 + l2) / 3, 3e-7);
        CHECK(cor == 1);    /* row 0 right; row 1 argmax 1; row 2 a tie -> first index 0 */
        const float *g = lrp_mlp_grads(m);
        /* db[o] = mean over rows of softmax - onehot */
        double e0 = exp(2.0) + 1 + exp(1.0), e1 = 1 + exp(3.0) + exp(2.0);
        double db0 = (exp(2.0) / e0 - 1 + 1 / e1 + 1.0 / 3) / 3;
        CHECK_NEAR(g[6], db0, 1e-7);
        /* a label out of range or not an integer: NaN loss, zero gradient row, no crash */
        float bad[3] = {0, 3, 1};
        CHECK(isnan(lrp_mlp_loss(m, x, bad, 3, 1, &cor)));
        CHECK(cor == 1);
        int finite = 1;
        for (size_t k = 0; k < 9; k++) finite &= isfinite(g[k]);
        CHECK(finite);
        bad[1] = 1.5f;
        CHECK(isnan(lrp_mlp_loss(m, x, bad, 3, 0, NULL)));
        bad[1] = NAN;
        CHECK(isnan(lrp_mlp_loss(m, x, bad, 3, 0, NULL)));
        bad[1] = -1.0f;
        CHECK(isnan(lrp_mlp_loss(m, x, bad, 3, 0, NULL)));
        /* non-finite inputs give a non-finite loss, never a crash */
        x[0] = NAN;
        CHECK(isnan(lrp_mlp_loss(m, x, y, 3, 1, NULL)));
        lrp_mlp_destroy(m);
    }
}

/* run one configuration: loss, correct count and grads */
static int run_once(const lrp_mlp_cfg *c, size_t maxb, lrp_kernel k, const float *x, const float *y,
                    size_t B, float *loss, size_t *correct, float *grads) {
    lrp_mlp *m = NULL;
    char err[128];
    if (lrp_mlp_create(&m, c, maxb, err, sizeof err) != LRP_OK) return 0;
    lrp_mlp_set_kernel(m, k);
    lrp_mlp_init(m, 5);
    *loss = lrp_mlp_loss(m, x, y, B, 1, correct);
    memcpy(grads, lrp_mlp_grads(m), lrp_mlp_num_params(m) * sizeof(float));
    lrp_mlp_destroy(m);
    return 1;
}

/* SIMD and scalar kernels give identical bits, whatever the sizes; chunking is harmless */
static void test_kernels_agree(void) {
    static const size_t shapes[][6] = {
        {4, 3, 5, 7, 2}, {4, 3, 5, 7, 3}, {4, 17, 33, 19, 6}, {4, 2, 32, 32, 2},
        {2, 1, 1}, {3, 5, 16, 1}, {5, 7, 3, 2, 9, 4}, {3, 64, 20, 10},
    };
    static const size_t Bs[] = {1, 3, 13, 37};
    size_t nshape = sizeof shapes / sizeof shapes[0];
    float *x = malloc(37 * 64 * sizeof(float)), *y = malloc(37 * 10 * sizeof(float));
    float *ga = malloc(4000 * sizeof(float)), *gb = malloc(4000 * sizeof(float));
    long cases = 0, mismatches = 0;
    for (size_t si = 0; si < nshape; si++) {
        size_t ns = shapes[si][0];
        for (int act = 0; act < LRP_ACT__COUNT; act++)
            for (int loss = 0; loss < 2; loss++)
                for (size_t bi = 0; bi < 4; bi++) {
                    lrp_mlp_cfg c = cfg_of(shapes[si] + 1, ns, (lrp_act)act, (lrp_loss)loss);
                    size_t B = Bs[bi], np = 0;
                    for (size_t l = 0; l + 1 < ns; l++) np += c.sizes[l + 1] * (c.sizes[l] + 1);
                    make_batch(&c, B, (uint32_t)(si * 100 + bi), x, y);
                    float la, lb;
                    size_t ca = 0, cb = 0;
                    size_t maxb = B > 16 ? 16 : B;    /* 37 rows run as 16 + 16 + 5 */
                    int ok = run_once(&c, maxb, LRP_KERNEL_SCALAR, x, y, B, &la, &ca, ga) &&
                             run_once(&c, maxb, LRP_KERNEL_AUTO, x, y, B, &lb, &cb, gb);
                    CHECK(ok);
                    cases++;
                    if (!ok) continue;
                    int same = lrp_f2u(la) == lrp_f2u(lb) && ca == cb &&
                               memcmp(ga, gb, np * sizeof(float)) == 0 && isfinite(la);
                    if (!same) {
                        mismatches++;
                        fprintf(stderr, "kernels differ: shape %zu %s/%s B=%zu: loss %.9g vs %.9g\n", si,
                                act_name[act], loss_name[loss], B, la, lb);
                    }
                    if (B == 37) {   /* chunked vs one chunk: same math, other sum order */
                        float lc = NAN, gc_first;
                        size_t cc = 0;
                        CHECK(run_once(&c, 37, LRP_KERNEL_AUTO, x, y, B, &lc, &cc, gb));
                        gc_first = gb[0];
                        CHECK_MSG(fabs(lc - la) <= 1e-5 * fabs(la) && cc == ca, "chunked loss %.9g vs %.9g", la, lc);
                        CHECK_NEAR(gc_first, ga[0], 1e-5);
                    }
                }
    }
    printf("  SIMD vs scalar: %ld cases, %ld differ (%s)\n", cases, mismatches, lrp_build_flavor());
    CHECK(mismatches == 0);
    free(x); free(y); free(ga); free(gb);
}

/* the first batch of two golden training replays, from their initial weights
 * (tests/golden/train-*.json, read from golden_data.h: the full replays run through the CLI) */
typedef struct {
    const char *name;
    const double *sizes; size_t ns;
    lrp_act act; lrp_loss loss;
    const float *p; size_t np;         /* spec.layers, flattened: W0 b0 W1 b1 ... */
    const float *x, *y; size_t rows;   /* spec.x (rows, sizes[0]); spec.y (rows) or (rows, sizes[-1]) */
    const double *batch; size_t B;     /* spec.batches[0] */
    double want, rtol;                 /* expect.loss[0], tol.loss_rtol */
} golden_train;
#define GOLDEN_TRAIN(CASE, act, loss) \
    {#CASE, GOLDEN_##CASE##_SPEC_MODEL_SIZES, GOLDEN_##CASE##_SPEC_MODEL_SIZES_N, act, loss, \
     GOLDEN_##CASE##_SPEC_LAYERS, GOLDEN_##CASE##_SPEC_LAYERS_N, GOLDEN_##CASE##_SPEC_X, GOLDEN_##CASE##_SPEC_Y, \
     GOLDEN_##CASE##_SPEC_Y_N, GOLDEN_##CASE##_SPEC_BATCHES_0, GOLDEN_##CASE##_SPEC_BATCHES_0_N, \
     GOLDEN_##CASE##_EXPECT_LOSS[0], GOLDEN_##CASE##_TOL_LOSS_RTOL}

static void test_golden_first_loss(void) {
    const golden_train g[] = {
        GOLDEN_TRAIN(TRAIN_CE_TANH_CONST, LRP_ACT_TANH, LRP_LOSS_CROSS_ENTROPY),
        GOLDEN_TRAIN(TRAIN_MSE_SIGMOID, LRP_ACT_SIGMOID, LRP_LOSS_MSE),
    };
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++) {
        size_t sizes[LRP_MAX_LAYERS + 2];
        for (size_t l = 0; l < g[i].ns; l++) sizes[l] = (size_t)g[i].sizes[l];
        size_t n_in = sizes[0], ycols = g[i].loss == LRP_LOSS_MSE ? sizes[g[i].ns - 1] : 1;
        CHECK_MSG(g[i].y && g[i].rows % ycols == 0, "%s: y shape", g[i].name);
        size_t rows = g[i].rows / ycols;
        /* the rows of batch 0, gathered as the runner does */
        float *x = malloc(g[i].B * n_in * sizeof(float)), *y = malloc(g[i].B * ycols * sizeof(float));
        CHECK(x && y);
        if (!x || !y) { free(x); free(y); continue; }
        for (size_t r = 0; r < g[i].B; r++) {
            size_t row = (size_t)g[i].batch[r];
            CHECK_MSG(row < rows, "%s: batch row %zu of %zu", g[i].name, row, rows);
            if (row >= rows) row = 0;
            memcpy(x + r * n_in, g[i].x + row * n_in, n_in * sizeof(float));
            memcpy(y + r * ycols, g[i].y + row * ycols, ycols * sizeof(float));
        }
        for (int k = 0; k < 2; k++) {
            lrp_mlp_cfg c = cfg_of(sizes, g[i].ns, g[i].act, g[i].loss);
            lrp_mlp *m = NULL;
            char err[128];
            CHECK(lrp_mlp_create(&m, &c, g[i].B, err, sizeof err) == LRP_OK);
            if (!m) continue;
            lrp_mlp_set_kernel(m, k ? LRP_KERNEL_SCALAR : LRP_KERNEL_AUTO);
            CHECK(lrp_mlp_num_params(m) == g[i].np);
            memcpy(lrp_mlp_params(m), g[i].p, g[i].np * sizeof(float));
            float l = lrp_mlp_loss(m, x, y, g[i].B, 1, NULL);
            double rel = fabs(l - g[i].want) / fmax(fabs(g[i].want), 1e-3);
            if (!k) printf("  golden %s loss[0]: %.9g, want %.9g (rel %.2e)\n", g[i].name, l, g[i].want, rel);
            CHECK_MSG(rel <= g[i].rtol, "%s: loss %.9g, want %.9g", g[i].name, l, g[i].want);
            lrp_mlp_destroy(m);
        }
        free(x);
        free(y);
    }
}

int main(void) {
    test_limits();
    test_layout_and_init();
    test_by_hand();
    test_gradcheck();
    test_kernels_agree();
    test_golden_first_loss();
    return check_done("test_mlp");
}
