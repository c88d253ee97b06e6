/* test_mlp.c — the network: gradients against finite differences of an independent
 * double-precision forward, SIMD vs scalar bit identity on sizes that are not multiples
 * of 4, init bounds and determinism, limits, edge cases, and the first loss of two golden
 * training replays (tests/golden). */
#include "check.h"
#include "lrplay.h"
#include "rng.h"
#include "simd.h"
#include <stdint.h>
#include <stdlib.h>

/* ----------------------------------------------------------- golden data */
/* Generated from tests/golden/train-*.json (spec.layers, the rows of spec.batches[0],
 * expect.loss[0]); the full replays run through the CLI. */
/* train-ce-tanh-const.json: sizes [2, 8, 3], tanh, cross_entropy; batch 0 (16 rows); expected loss 0.899130642 */
static const float GT_P[] = {
    0.364346087, -0.312101543, -0.137080774, 0.331893951, -0.665696383, 0.42406413, -0.145469755,
    0.359736234, 0.0982998535, -0.0865810886, 0.196123779, 0.0348828398, 0.258255303,
    -0.27556023, -0.0515542775, -0.0636589378, 0.10249085, -0.0028247661, 0.618129194,
    0.220044643, -0.263330966, -0.427065164, -0.11852216, -0.305003911, -0.113295659,
    0.0169287026, 0.210762978, 0.192169234, -0.34561643, 0.219174981, 0.0987700447, 0.335364997,
    0.233366385, -0.322135806, -0.336161524, -0.170530155, 0.310459375, -0.0588910319,
    0.15130651, -0.164300293, 0.34691295, -0.149587885, 0.265138447, 0.00418665726, -0.186258093,
    0.181731686, -0.187673256, 0.103981711, -0.102091089, -0.038761612, -0.339902014,
};
static const float GT_X[] = {
    1.27971637, -2.9611187, 1.90938985, 0.514002383, 2.20079041, -0.313916594, 1.94823861,
    1.29483652, 0.147858068, -0.427601725, 2.921278, 0.163790271, -1.32809746, 2.06374955,
    -0.0713591576, 1.29125476, 0.785327911, -1.4369415, 0.41075623, 1.68126142, 0.433506072,
    1.44943309, 0.970872641, -1.91690028, -0.585203111, -2.03893447, 0.569513559, -1.60665405,
    0.606972098, -2.09477806, 1.75097132, 1.13852203,
};
static const float GT_Y[] = {
    1, 0, 1, 2, 1, 2, 0, 2, 0, 0, 0, 1, 1, 1, 1, 2,
};
#define GT_LOSS0 0.899130642
#define GT_B 16
/* train-mse-sigmoid.json: sizes [3, 12, 2], sigmoid, mse; batch 0 (20 rows); expected loss 0.589751959 */
static const float GS_P[] = {
    -0.572427154, -0.455449253, -0.247287795, -0.546225488, -0.0327769108, -0.507933974,
    0.313923627, 0.281399786, 0.10902822, 0.447858274, -0.0565441512, 0.345821977, -0.404328912,
    -0.113774009, -0.514792144, -0.0468747877, -0.374578804, 0.518671691, 0.401049018,
    0.432846695, 0.171254128, -0.329369396, 0.518812716, -0.56336838, -0.368491262, -0.360595465,
    -0.239317805, 0.115122095, -0.437336713, -0.444795489, -0.276112407, 0.352382153,
    -0.416428775, -0.517823279, -0.500394344, -0.284105539, -0.151697695, -0.57235682,
    -0.270308226, 0.0111068552, 0.095172815, -0.082768321, -0.0654629767, -0.375609249,
    0.295779973, -0.139086515, -0.394744068, -0.139039993, -0.0403295159, 0.266910672,
    0.150445387, -0.116563439, -0.0409548618, 0.255093366, 0.185455516, 0.0719766542,
    -0.10355249, 0.240199909, 0.123677179, -0.128568679, 0.204860926, 0.0205746647, -0.213491589,
    -0.127951592, -0.216200218, -0.239095122, 0.00705716154, -0.206873387, 0.153849766,
    0.129102528, 0.0620968565, 0.237858504, -0.130948842, 0.00430479506,
};
static const float GS_X[] = {
    1.49106026, 0.25967139, 1.85926223, -1.40283024, 1.31453705, 1.62570584, 1.97415459,
    -1.9579711, 0.763648629, 0.784864008, -0.829117, -1.99403965, 0.853732944, 1.15508461,
    -1.94393301, 1.68570983, 0.251688272, 0.975640833, 0.521457553, 1.48881078, -1.6872927,
    -1.32783318, 0.46446532, 1.60762656, -0.440385938, -0.442052692, -0.401413113, -0.335593611,
    -1.74706614, -1.89687788, -1.45749557, -1.92871714, -0.506569028, 0.32864815, -1.62348545,
    -0.267492235, 1.53407049, -1.5072335, -1.14855373, -1.13313699, -1.57462621, 1.21805882,
    0.575090051, -1.73980212, -1.95731294, -0.909125865, 1.51055074, -1.85420418, 1.50291657,
    1.33597064, 0.826033771, -0.70092994, -1.77904809, -1.06039894, -0.00474619865, 0.438416243,
    0.244122982, -1.14453208, 1.43456769, -1.49298012,
};
static const float GS_Y[] = {
    -0.451460332, -0.994762182, 0.999442816, 0.568087459, 0.703160048, 0.97823143, -0.892699361,
    -0.861538649, 0.064839147, 0.874733031, 0.226569057, -0.697172821, 0.317389637, 0.969449282,
    0.677426696, 0.9849931, -0.959113121, -0.280055314, 0.743269801, -0.161346778, 0.68250829,
    -0.246251673, -0.999964178, -0.533158481, -0.900847077, -0.12141642, -0.996713877,
    -0.470365018, -0.0195663925, -0.851881623, -0.949857295, -0.250095844, -0.499765784,
    -0.998873591, 0.388298482, -0.565645278, 0.627075434, 0.994281292, -0.933102012,
    -0.201554283,
};
#define GS_LOSS0 0.589751959
#define GS_B 20

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

/* the first batch of two golden training replays, from their initial weights */
static void test_golden_first_loss(void) {
    struct { const char *name; const size_t *sizes; size_t ns; lrp_act act; lrp_loss loss;
             const float *p; size_t np; const float *x, *y; size_t B; double want; } g[] = {
        {"train-ce-tanh-const", (const size_t[]){2, 8, 3}, 3, LRP_ACT_TANH, LRP_LOSS_CROSS_ENTROPY,
         GT_P, sizeof GT_P / sizeof(float), GT_X, GT_Y, GT_B, GT_LOSS0},
        {"train-mse-sigmoid", (const size_t[]){3, 12, 2}, 3, LRP_ACT_SIGMOID, LRP_LOSS_MSE,
         GS_P, sizeof GS_P / sizeof(float), GS_X, GS_Y, GS_B, GS_LOSS0},
    };
    for (size_t i = 0; i < 2; i++)
        for (int k = 0; k < 2; k++) {
            lrp_mlp_cfg c = cfg_of(g[i].sizes, g[i].ns, g[i].act, g[i].loss);
            lrp_mlp *m = NULL;
            char err[128];
            CHECK(lrp_mlp_create(&m, &c, g[i].B, err, sizeof err) == LRP_OK);
            if (!m) continue;
            lrp_mlp_set_kernel(m, k ? LRP_KERNEL_SCALAR : LRP_KERNEL_AUTO);
            CHECK(lrp_mlp_num_params(m) == g[i].np);
            memcpy(lrp_mlp_params(m), g[i].p, g[i].np * sizeof(float));
            float l = lrp_mlp_loss(m, g[i].x, g[i].y, g[i].B, 1, NULL);
            double rel = fabs(l - g[i].want) / fmax(fabs(g[i].want), 1e-3);
            if (!k) printf("  golden %s loss[0]: %.9g, want %.9g (rel %.2e)\n", g[i].name, l, g[i].want, rel);
            CHECK_MSG(rel <= 1e-4, "%s: loss %.9g, want %.9g", g[i].name, l, g[i].want);
            lrp_mlp_destroy(m);
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
