/* test_data.c — the data sets: shapes, determinism, standardization, validation
 * messages, class balance, the generators' geometry, and the digits decoded against
 * the CSV (expected values taken from data/digits.csv.gz with a separate script). */
#include "check.h"
#include "lrplay.h"
#include "data.h"
#include "rng.h"
#include <stdint.h>
#include <stdlib.h>

static const char *kind_name[LRP_DATA__COUNT] = { "spiral", "circles", "xor", "gauss", "moons", "sine", "digits", "csv",
    "iris", "wine", "breast_cancer", "diabetes" };

static lrp_dataset *make(lrp_data_kind kind, size_t samples, double noise, size_t classes, uint32_t seed) {
    if (kind == LRP_DATA_CSV) return NULL;   /* needs a file: test_csv.c */
    lrp_data_cfg c;
    CHECK(lrp_data_defaults(&c, kind) == LRP_OK);
    if (samples) c.samples = samples;
    if (noise >= 0) c.noise = noise;
    if (classes) c.classes = classes;
    lrp_dataset *d = NULL;
    char err[128];
    lrp_status st = lrp_dataset_create(&d, &c, seed, err, sizeof err);
    CHECK_MSG(st == LRP_OK && d, "%s: %s", kind_name[kind], err);
    return d;
}

static int all_finite(const float *p, size_t n) {
    for (size_t i = 0; i < n; i++) if (!isfinite(p[i])) return 0;
    return 1;
}

/* Class ids must be whole numbers in [0, k); counts[] gets train + val per class. */
static int class_ids_ok(const float *y, size_t n, size_t k, size_t *counts) {
    for (size_t i = 0; i < n; i++) {
        float v = y[i];
        if (!(v >= 0.0f && v < (float)k) || v != (float)(int)v) return 0;
        if (counts) counts[(int)v]++;
    }
    return 1;
}

static void test_defaults(void) {
    lrp_data_cfg c;
    for (int k = 0; k < LRP_DATA__COUNT; k++) {
        CHECK(lrp_data_defaults(&c, (lrp_data_kind)k) == LRP_OK);
        CHECK(c.kind == (lrp_data_kind)k);
        CHECK_NEAR(c.val_frac, 0.2, 0);
        CHECK(c.noise >= 0.0 && c.noise <= 0.2);
    }
    lrp_data_defaults(&c, LRP_DATA_SPIRAL);
    CHECK(c.samples == 600 && c.classes == 3);
    lrp_data_defaults(&c, LRP_DATA_GAUSS);
    CHECK(c.samples == 600 && c.classes == 3);
    lrp_data_defaults(&c, LRP_DATA_SINE);
    CHECK(c.samples == 300);
    lrp_data_defaults(&c, LRP_DATA_DIGITS);
    CHECK(c.samples == 1797 && c.classes == 10);
    CHECK(lrp_data_defaults(&c, LRP_DATA__COUNT) == LRP_EINVAL);
    CHECK(lrp_data_defaults(&c, (lrp_data_kind)-1) == LRP_EINVAL);
    CHECK(lrp_data_defaults(NULL, LRP_DATA_SPIRAL) == LRP_EINVAL);
}

static void test_shapes(void) {
    /* csv (the caller's file) is tested in test_csv.c; the compiled-in tables as scikit-learn has them */
    static const size_t want_in[LRP_DATA__COUNT] = { 2, 2, 2, 2, 2, 1, 64, 0, 4, 13, 30, 10 };
    static const size_t want_out[LRP_DATA__COUNT] = { 3, 2, 2, 3, 2, 1, 10, 0, 3, 3, 2, 1 };
    static const size_t want_n[LRP_DATA__COUNT] = { 600, 600, 600, 600, 600, 300, 1797, 0, 150, 178, 569, 442 };
    for (int k = 0; k < LRP_DATA__COUNT; k++) {
        if (k == LRP_DATA_CSV) continue;
        int regression = k == LRP_DATA_SINE || k == LRP_DATA_DIABETES;
        lrp_dataset *d = make((lrp_data_kind)k, 0, -1, 0, 1);
        if (!d) continue;
        lrp_data_view v;
        lrp_dataset_view(d, &v);
        CHECK_MSG(v.n_in == want_in[k] && v.n_out == want_out[k], "%s: n_in %zu n_out %zu", kind_name[k], v.n_in, v.n_out);
        CHECK_MSG(v.n_train + v.n_val == want_n[k], "%s: %zu + %zu", kind_name[k], v.n_train, v.n_val);
        /* val = round(0.2 n): 120, 60, and 359 of 1797 (359.4). */
        CHECK_MSG(v.n_val == (size_t)(want_n[k] * 0.2 + 0.5), "%s: n_val %zu", kind_name[k], v.n_val);
        CHECK(v.loss == (regression ? LRP_LOSS_MSE : LRP_LOSS_CROSS_ENTROPY));
        CHECK(all_finite(v.x_train, v.n_train * v.n_in) && all_finite(v.x_val, v.n_val * v.n_in));
        CHECK(all_finite(v.y_train, v.n_train) && all_finite(v.y_val, v.n_val));
        if (!regression) {
            CHECK_MSG(class_ids_ok(v.y_train, v.n_train, v.n_out, NULL), "%s", kind_name[k]);
            CHECK_MSG(class_ids_ok(v.y_val, v.n_val, v.n_out, NULL), "%s", kind_name[k]);
        }
        /* The split is shuffled: the train labels are not in generation order. */
        if (!regression && k != LRP_DATA_XOR) {
            size_t desc = 0;
            for (size_t i = 1; i < v.n_train; i++) desc += v.y_train[i] < v.y_train[i - 1];
            CHECK_MSG(desc > v.n_train / 10, "%s: %zu descents", kind_name[k], desc);
        }
        lrp_dataset_destroy(d);
    }
    /* Sizes at the limits and odd sizes. */
    static const size_t sizes[] = { 10, 11, 13, 601, 20000 };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        lrp_data_cfg c;
        lrp_data_defaults(&c, LRP_DATA_SPIRAL);
        c.samples = sizes[s];
        c.classes = 7;
        for (int vf = 0; vf < 2; vf++) {
            c.val_frac = vf ? 0.5 : 0.05;
            lrp_dataset *d = NULL;
            CHECK(lrp_dataset_create(&d, &c, 5, NULL, 0) == LRP_OK);
            if (!d) continue;
            lrp_data_view v;
            lrp_dataset_view(d, &v);
            CHECK(v.n_train + v.n_val == sizes[s]);
            CHECK(v.n_val >= 1 && v.n_train >= 1);
            CHECK_MSG(v.n_val == (size_t)((double)sizes[s] * c.val_frac + 0.5) || v.n_val == 1, "n %zu vf %g: %zu", sizes[s], c.val_frac, v.n_val);
            lrp_dataset_destroy(d);
        }
    }
    /* The view of nothing is empty. */
    lrp_data_view v;
    memset(&v, 0xff, sizeof v);
    lrp_dataset_view(NULL, &v);
    CHECK(v.n_train == 0 && v.x_train == NULL);
    lrp_dataset_destroy(NULL);
}

static int same_bytes(const lrp_data_view *a, const lrp_data_view *b) {
    if (a->n_train != b->n_train || a->n_val != b->n_val || a->n_in != b->n_in) return 0;
    return memcmp(a->x_train, b->x_train, a->n_train * a->n_in * sizeof(float)) == 0 &&
           memcmp(a->y_train, b->y_train, a->n_train * sizeof(float)) == 0 &&
           memcmp(a->x_val, b->x_val, a->n_val * a->n_in * sizeof(float)) == 0 &&
           memcmp(a->y_val, b->y_val, a->n_val * sizeof(float)) == 0;
}

static void test_determinism(void) {
    for (int k = 0; k < LRP_DATA__COUNT; k++) {
        lrp_dataset *a = make((lrp_data_kind)k, 0, -1, 0, 42);
        lrp_dataset *b = make((lrp_data_kind)k, 0, -1, 0, 42);
        lrp_dataset *c = make((lrp_data_kind)k, 0, -1, 0, 43);
        if (!a || !b || !c) { lrp_dataset_destroy(a); lrp_dataset_destroy(b); lrp_dataset_destroy(c); continue; }
        lrp_data_view va, vb, vc;
        lrp_dataset_view(a, &va);
        lrp_dataset_view(b, &vb);
        lrp_dataset_view(c, &vc);
        CHECK_MSG(same_bytes(&va, &vb), "%s: same seed, different bytes", kind_name[k]);
        CHECK_MSG(!same_bytes(&va, &vc), "%s: different seed, same bytes", kind_name[k]);
        lrp_dataset_destroy(a);
        lrp_dataset_destroy(b);
        lrp_dataset_destroy(c);
    }
}

/* Per feature of the train split: mean ~0 and population std ~1 (or a constant 0). */
static void test_standardized(void) {
    for (int k = 0; k < LRP_DATA__COUNT; k++) {
        lrp_dataset *d = make((lrp_data_kind)k, 0, -1, 0, 7);
        if (!d) continue;
        lrp_data_view v;
        lrp_dataset_view(d, &v);
        size_t constant = 0;
        for (size_t f = 0; f < v.n_in; f++) {
            double s = 0, s2 = 0;
            for (size_t i = 0; i < v.n_train; i++) s += v.x_train[i * v.n_in + f];
            double m = s / v.n_train;
            for (size_t i = 0; i < v.n_train; i++) {
                double dl = v.x_train[i * v.n_in + f] - m;
                s2 += dl * dl;
            }
            double sd = sqrt(s2 / v.n_train);
            CHECK_MSG(fabs(m) < 1e-5, "%s feature %zu: mean %g", kind_name[k], f, m);
            if (sd == 0.0) constant++;
            else CHECK_MSG(fabs(sd - 1.0) < 1e-5, "%s feature %zu: sd %.9g", kind_name[k], f, sd);
        }
        /* Only digits has pixels that never light up in the train split (its corners). */
        if (k == LRP_DATA_DIGITS) CHECK(constant >= 1 && constant <= 4);
        else CHECK(constant == 0);
        /* The validation split uses the train statistics: near, not exactly, 0 and 1. */
        double sv = 0;
        for (size_t i = 0; i < v.n_val * v.n_in; i++) sv += v.x_val[i];
        CHECK_MSG(fabs(sv / (v.n_val * v.n_in)) < 0.3, "%s: val mean %g", kind_name[k], sv / (v.n_val * v.n_in));
        lrp_dataset_destroy(d);
    }
}

static void expect_err(lrp_data_kind kind, size_t samples, double noise, double val_frac, size_t classes, const char *msg) {
    lrp_data_cfg c;
    lrp_data_defaults(&c, kind);
    c.samples = samples;
    c.noise = noise;
    c.val_frac = val_frac;
    c.classes = classes;
    lrp_dataset *d = (lrp_dataset *)&c;   /* must be reset to NULL on failure */
    char err[128] = "x";
    lrp_status st = lrp_dataset_create(&d, &c, 1, err, sizeof err);
    if (msg) {
        CHECK_MSG((st == LRP_EINVAL || st == LRP_ELIMIT) && d == NULL, "%s: status %d", msg, (int)st);
        CHECK_MSG(strncmp(err, msg, strlen(msg)) == 0, "got \"%s\", want \"%s...\"", err, msg);
    } else {
        CHECK_MSG(st == LRP_OK && d != NULL, "%s n %zu noise %g vf %g k %zu: %s", kind_name[kind], samples, noise, val_frac, classes, err);
        CHECK(err[0] == '\0');
    }
    if (st == LRP_OK) lrp_dataset_destroy(d);
}

static void test_validation(void) {
    /* the field table's messages: the field, then the value and its range */
    const char *ms = "data.samples: ";
    const char *mn = "data.noise: ";
    const char *mv = "data.val_frac: ";
    const char *mc = "data.classes: ";
    expect_err(LRP_DATA_SPIRAL, 9, 0.1, 0.2, 3, "data.samples: 9 is out of range [10, 20000]");
    expect_err(LRP_DATA_CIRCLES, 600, 5.5, 0.2, 2, "data.noise: 5.5 is out of range [0, 5]");
    expect_err(LRP_DATA_GAUSS, 600, 0.1, 0.2, 11, "data.classes: 11 is out of range [2, 10]");
    expect_err(LRP_DATA_SPIRAL, 9, 0.1, 0.2, 3, ms);
    expect_err(LRP_DATA_SPIRAL, 0, 0.1, 0.2, 3, ms);
    expect_err(LRP_DATA_MOONS, 20001, 0.1, 0.2, 2, ms);
    expect_err(LRP_DATA_SINE, (size_t)-1, 0.1, 0.2, 1, ms);
    expect_err(LRP_DATA_SPIRAL, 10, 0.1, 0.2, 3, NULL);
    expect_err(LRP_DATA_SPIRAL, 20000, 0.1, 0.2, 3, NULL);
    expect_err(LRP_DATA_DIGITS, 0, 0.0, 0.2, 0, NULL);            /* digits ignores samples */
    expect_err(LRP_DATA_DIGITS, 600, 7.0, 0.2, 3, NULL);          /* ... noise and classes */
    expect_err(LRP_DATA_DIGITS, 600, 0.0, 0.6, 10, mv);
    expect_err(LRP_DATA_CIRCLES, 600, -0.001, 0.2, 2, mn);
    expect_err(LRP_DATA_CIRCLES, 600, 5.001, 0.2, 2, mn);
    expect_err(LRP_DATA_CIRCLES, 600, NAN, 0.2, 2, mn);
    expect_err(LRP_DATA_CIRCLES, 600, INFINITY, 0.2, 2, mn);
    expect_err(LRP_DATA_CIRCLES, 600, 0.0, 0.2, 2, NULL);
    expect_err(LRP_DATA_CIRCLES, 600, 5.0, 0.2, 2, NULL);
    expect_err(LRP_DATA_XOR, 600, 0.1, 0.049, 2, mv);
    expect_err(LRP_DATA_XOR, 600, 0.1, 0.501, 2, mv);
    expect_err(LRP_DATA_XOR, 600, 0.1, NAN, 2, mv);
    expect_err(LRP_DATA_XOR, 600, 0.1, 0.05, 2, NULL);
    expect_err(LRP_DATA_XOR, 600, 0.1, 0.5, 2, NULL);
    expect_err(LRP_DATA_SPIRAL, 600, 0.1, 0.2, 1, mc);
    expect_err(LRP_DATA_SPIRAL, 600, 0.1, 0.2, 11, mc);
    expect_err(LRP_DATA_GAUSS, 600, 0.1, 0.2, 0, mc);
    expect_err(LRP_DATA_GAUSS, 600, 0.1, 0.2, 2, NULL);
    expect_err(LRP_DATA_GAUSS, 600, 0.1, 0.2, 10, NULL);
    expect_err(LRP_DATA_MOONS, 600, 0.1, 0.2, 0, NULL);            /* classes fixed elsewhere: ignored */

    lrp_data_cfg c;
    lrp_data_defaults(&c, LRP_DATA_SPIRAL);
    c.kind = LRP_DATA__COUNT;
    lrp_dataset *d = NULL;
    char err[128];
    CHECK(lrp_dataset_create(&d, &c, 1, err, sizeof err) == LRP_EINVAL && d == NULL);
    CHECK(strncmp(err, "data.kind:", 10) == 0);
    CHECK(lrp_dataset_create(NULL, &c, 1, err, sizeof err) == LRP_EINVAL);
    CHECK(lrp_dataset_create(&d, NULL, 1, err, sizeof err) == LRP_EINVAL);
    /* A short buffer gets a truncated, terminated message. */
    lrp_data_defaults(&c, LRP_DATA_SPIRAL);
    c.samples = 3;
    char small[8];
    CHECK(lrp_dataset_create(&d, &c, 1, small, sizeof small) == LRP_ELIMIT);
    CHECK(strcmp(small, "data.sa") == 0);
}

static void count_classes(const lrp_data_view *v, size_t *counts) {
    memset(counts, 0, 10 * sizeof *counts);
    CHECK(class_ids_ok(v->y_train, v->n_train, v->n_out, counts));
    CHECK(class_ids_ok(v->y_val, v->n_val, v->n_out, counts));
}

static void test_balance(void) {
    size_t counts[10];
    lrp_data_view v;
    /* Spiral and gauss deal the rows to the classes evenly: 100 into 7 is 15 15 14 14 14 14 14. */
    for (int k = 0; k < 2; k++) {
        lrp_dataset *d = make(k ? LRP_DATA_GAUSS : LRP_DATA_SPIRAL, 100, -1, 7, 3);
        if (!d) continue;
        lrp_dataset_view(d, &v);
        count_classes(&v, counts);
        for (size_t j = 0; j < 7; j++) CHECK_MSG(counts[j] == (j < 2 ? 15u : 14u), "class %zu: %zu", j, counts[j]);
        lrp_dataset_destroy(d);
    }
    /* Circles and moons: n/2 outer (class 0), the rest inner. */
    for (int k = 0; k < 2; k++) {
        lrp_dataset *d = make(k ? LRP_DATA_MOONS : LRP_DATA_CIRCLES, 601, -1, 0, 3);
        if (!d) continue;
        lrp_dataset_view(d, &v);
        count_classes(&v, counts);
        CHECK(counts[0] == 300 && counts[1] == 301);
        lrp_dataset_destroy(d);
    }
    /* xor: random quadrants, about half each. */
    lrp_dataset *d = make(LRP_DATA_XOR, 2000, 0.0, 0, 3);
    if (d) {
        lrp_dataset_view(d, &v);
        count_classes(&v, counts);
        CHECK_MSG(counts[0] > 900 && counts[1] > 900, "%zu %zu", counts[0], counts[1]);
        lrp_dataset_destroy(d);
    }
    /* digits: the CSV's class counts. */
    static const size_t digit_counts[10] = { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 };
    d = make(LRP_DATA_DIGITS, 0, -1, 0, 3);
    if (d) {
        lrp_dataset_view(d, &v);
        count_classes(&v, counts);
        size_t total = 0;
        for (int j = 0; j < 10; j++) { CHECK(counts[j] == digit_counts[j]); total += counts[j]; }
        CHECK(total == 1797);
        lrp_dataset_destroy(d);
    }
}

/* The generators' shapes, seen through standardization (noise 0 where it helps). */
static void test_geometry(void) {
    lrp_data_view v;
    /* circles, noise 0: the outer radius is twice the inner one. */
    lrp_dataset *d = make(LRP_DATA_CIRCLES, 1000, 0.0, 0, 9);
    if (d) {
        lrp_dataset_view(d, &v);
        double r[2] = { 0, 0 }; size_t n[2] = { 0, 0 };
        for (size_t i = 0; i < v.n_train; i++) {
            int k = (int)v.y_train[i];
            r[k] += sqrt(v.x_train[2 * i] * v.x_train[2 * i] + v.x_train[2 * i + 1] * v.x_train[2 * i + 1]);
            n[k]++;
        }
        CHECK_NEAR((r[0] / n[0]) / (r[1] / n[1]), 2.0, 0.05);
        lrp_dataset_destroy(d);
    }
    /* gauss, noise 0: every point of a class is the same point; classes differ. */
    d = make(LRP_DATA_GAUSS, 200, 0.0, 5, 9);
    if (d) {
        lrp_dataset_view(d, &v);
        float first[5][2]; int seen[5] = { 0 }; int same = 1;
        for (size_t i = 0; i < v.n_train; i++) {
            int k = (int)v.y_train[i];
            if (!seen[k]) { first[k][0] = v.x_train[2 * i]; first[k][1] = v.x_train[2 * i + 1]; seen[k] = 1; }
            same &= first[k][0] == v.x_train[2 * i] && first[k][1] == v.x_train[2 * i + 1];
        }
        CHECK(same);
        CHECK(first[0][0] != first[1][0] || first[0][1] != first[1][1]);
        lrp_dataset_destroy(d);
    }
    /* xor, noise 0: the class is the sign of x y (up to the small shift of centering). */
    d = make(LRP_DATA_XOR, 1000, 0.0, 0, 9);
    if (d) {
        lrp_dataset_view(d, &v);
        size_t agree = 0;
        for (size_t i = 0; i < v.n_train; i++)
            agree += (v.x_train[2 * i] * v.x_train[2 * i + 1] >= 0.0f) == (v.y_train[i] == 1.0f);
        CHECK_MSG(agree > v.n_train * 97 / 100, "%zu of %zu", agree, v.n_train);
        lrp_dataset_destroy(d);
    }
    /* sine, noise 0: y = sin(x) with x spread over [-pi, pi): y spans [-1, 1], and
     * y has the sign of x's raw value (x standardized is x_raw / sd minus a small mean). */
    d = make(LRP_DATA_SINE, 2000, 0.0, 0, 9);
    if (d) {
        lrp_dataset_view(d, &v);
        float lo = 2, hi = -2; size_t agree = 0;
        for (size_t i = 0; i < v.n_train; i++) {
            if (v.y_train[i] < lo) lo = v.y_train[i];
            if (v.y_train[i] > hi) hi = v.y_train[i];
            agree += (v.x_train[i] > 0.0f) == (v.y_train[i] > 0.0f);
        }
        CHECK(lo >= -1.0f && lo < -0.999f && hi <= 1.0f && hi > 0.999f);
        CHECK_MSG(agree > v.n_train * 97 / 100, "%zu of %zu", agree, v.n_train);
        lrp_dataset_destroy(d);
    }
    /* sine with noise: the residual's spread is the noise. */
    d = make(LRP_DATA_SINE, 0, 0.0, 0, 9);
    lrp_dataset *dn = make(LRP_DATA_SINE, 0, 0.5, 0, 9);
    if (d && dn) {
        lrp_data_view vn;
        lrp_dataset_view(d, &v);
        lrp_dataset_view(dn, &vn);
        /* Same seed: the same x draws, so y differs only by noise * N(0, 1). */
        double s2 = 0;
        for (size_t i = 0; i < v.n_train; i++) {
            CHECK(v.x_train[i] == vn.x_train[i]);
            double e = vn.y_train[i] - v.y_train[i];
            s2 += e * e;
        }
        CHECK_NEAR(sqrt(s2 / v.n_train), 0.5, 0.06);
    }
    lrp_dataset_destroy(d);
    lrp_dataset_destroy(dn);
    /* moons, noise 0: class 0 is the upper arc, class 1 the lower (raw y in [-0.5, 1]). */
    d = make(LRP_DATA_MOONS, 1000, 0.0, 0, 9);
    if (d) {
        lrp_dataset_view(d, &v);
        double my[2] = { 0, 0 }; size_t n[2] = { 0, 0 };
        for (size_t i = 0; i < v.n_train; i++) { int k = (int)v.y_train[i]; my[k] += v.x_train[2 * i + 1]; n[k]++; }
        CHECK(my[0] / n[0] > 0.5 && my[1] / n[1] < -0.5);
        lrp_dataset_destroy(d);
    }
    /* spiral, noise 0: each arm starts at the origin and ends on the unit circle, so the
     * spread of radii is wide; arms are rotations, so class mean radii agree. */
    d = make(LRP_DATA_SPIRAL, 3000, 0.0, 3, 9);
    if (d) {
        lrp_dataset_view(d, &v);
        double r[3] = { 0, 0, 0 }; size_t n[3] = { 0, 0, 0 };
        for (size_t i = 0; i < v.n_train; i++) {
            int k = (int)v.y_train[i];
            r[k] += sqrt(v.x_train[2 * i] * v.x_train[2 * i] + v.x_train[2 * i + 1] * v.x_train[2 * i + 1]);
            n[k]++;
        }
        CHECK_NEAR(r[0] / n[0], r[1] / n[1], 0.1);
        CHECK_NEAR(r[0] / n[0], r[2] / n[2], 0.1);
        lrp_dataset_destroy(d);
    }
}

/* The digits decoded in file order against values read from data/digits.csv.gz. */
static void test_digits(void) {
    static const unsigned char row0[65] = {
        0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
        0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0, 0 };
    static const unsigned char row1000[65] = {
        0, 0, 1, 14, 2, 0, 0, 0, 0, 0, 0, 16, 5, 0, 0, 0, 0, 0, 0, 14, 10, 0, 0, 0, 0, 0, 0, 11, 16, 1, 0, 0,
        0, 0, 0, 3, 14, 6, 0, 0, 0, 0, 0, 0, 8, 12, 0, 0, 0, 0, 10, 14, 13, 16, 8, 3, 0, 0, 2, 11, 12, 15, 16, 15, 1 };
    static const unsigned char row_last[65] = {
        0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16, 16, 10, 0, 0,
        0, 0, 12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8, 0, 0, 1, 8, 12, 14, 12, 1, 0, 8 };
    unsigned char *pix = malloc(LRP_DIGITS_N * LRP_DIGITS_IN), lab[LRP_DIGITS_N];
    if (!pix) { CHECK(0); return; }
    CHECK(lrp_digits_decode(pix, lab) == 0);
    CHECK_BITS_EQ(pix, row0, 64);
    CHECK(lab[0] == row0[64]);
    CHECK_BITS_EQ(pix + 1000 * 64, row1000, 64);
    CHECK(lab[1000] == row1000[64]);
    CHECK_BITS_EQ(pix + (LRP_DIGITS_N - 1) * 64, row_last, 64);
    CHECK(lab[LRP_DIGITS_N - 1] == row_last[64]);
    /* FNV-1a over all pixels in order, then all labels: 0x569b6da1 from the CSV. */
    uint32_t h = 0x811c9dc5u;
    size_t zeros = 0, max = 0;
    for (size_t i = 0; i < LRP_DIGITS_N * LRP_DIGITS_IN; i++) {
        h = (h ^ pix[i]) * 0x01000193u;
        zeros += pix[i] == 0;
        if (pix[i] > max) max = pix[i];
    }
    for (size_t i = 0; i < LRP_DIGITS_N; i++) h = (h ^ lab[i]) * 0x01000193u;
    CHECK_MSG(h == 0x569b6da1u, "fnv1a 0x%08x", (unsigned)h);
    CHECK(zeros == 56272 && max == 16);

    /* The set is those rows split by the documented shuffle (stream LRP_STREAM_SPLIT,
     * the permutation's first n_train rows train) and standardized with the train
     * split's mean and population sd: rebuild it here and compare bit for bit. */
    const uint32_t seed = 11;
    lrp_dataset *d = make(LRP_DATA_DIGITS, 0, -1, 0, seed);
    uint32_t *idx = malloc(LRP_DIGITS_N * sizeof *idx);
    if (d && idx) {
        lrp_data_view v;
        lrp_dataset_view(d, &v);
        CHECK(v.n_in == 64 && v.n_out == 10 && v.n_train == 1438 && v.n_val == 359);
        for (uint32_t i = 0; i < LRP_DIGITS_N; i++) idx[i] = i;
        lrp_rng r;
        lrp_rng_seed(&r, seed, LRP_STREAM_SPLIT);
        lrp_rng_shuffle(&r, idx, LRP_DIGITS_N);
        double mean[64], sd[64];
        for (int f = 0; f < 64; f++) {
            double s = 0, s2 = 0;
            for (size_t i = 0; i < v.n_train; i++) s += pix[idx[i] * 64 + f];
            mean[f] = s / v.n_train;
            for (size_t i = 0; i < v.n_train; i++) s2 += (pix[idx[i] * 64 + f] - mean[f]) * (pix[idx[i] * 64 + f] - mean[f]);
            sd[f] = sqrt(s2 / v.n_train);
            if (sd[f] == 0) sd[f] = 1;
        }
        int same = 1;
        for (size_t i = 0; i < LRP_DIGITS_N; i++) {
            const float *x = i < v.n_train ? v.x_train + i * 64 : v.x_val + (i - v.n_train) * 64;
            float y = i < v.n_train ? v.y_train[i] : v.y_val[i - v.n_train];
            same &= y == (float)lab[idx[i]];
            for (int f = 0; f < 64; f++) same &= x[f] == (float)((pix[idx[i] * 64 + f] - mean[f]) / sd[f]);
            if (idx[i] == 0) {   /* row 0 of the CSV, wherever the shuffle put it */
                int row_ok = y == (float)row0[64];
                for (int f = 0; f < 64; f++) row_ok &= x[f] == (float)((row0[f] - mean[f]) / sd[f]);
                CHECK(row_ok);
            }
        }
        CHECK(same);
    }
    lrp_dataset_destroy(d);
    free(idx);
    free(pix);
}

static uint32_t fnv1a(uint32_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x01000193u;
    return h;
}

/* Bit pins: FNV-1a of every set's bytes (defaults, seed 1), recorded from the native
 * build. They are not reference values; they hold the native, WebAssembly and scalar
 * builds to the same bytes, and flag any change of a generator. */
static void test_pins(void) {
    static const uint32_t pin[LRP_DATA__COUNT] = {
        0xa4cf1bf5u, 0x7f25a8cdu, 0x909f2642u, 0x34df7c38u, 0x39b0e9c6u, 0xfd8a0bb0u, 0xf8f2b27au, 0 /* csv */,
        0x6d9047f1u, 0xa1669858u, 0x60c9e6afu, 0x48ed28beu };
    for (int k = 0; k < LRP_DATA__COUNT; k++) {
        lrp_dataset *d = make((lrp_data_kind)k, 0, -1, 0, 1);
        if (!d) continue;
        lrp_data_view v;
        lrp_dataset_view(d, &v);
        uint32_t h = 0x811c9dc5u;
        h = fnv1a(h, v.x_train, v.n_train * v.n_in * sizeof(float));
        h = fnv1a(h, v.y_train, v.n_train * sizeof(float));
        h = fnv1a(h, v.x_val, v.n_val * v.n_in * sizeof(float));
        h = fnv1a(h, v.y_val, v.n_val * sizeof(float));
        CHECK_MSG(h == pin[k], "%s: 0x%08xu", kind_name[k], (unsigned)h);
        lrp_dataset_destroy(d);
    }
}

int main(void) {
    test_defaults();
    test_shapes();
    test_determinism();
    test_standardized();
    test_validation();
    test_balance();
    test_geometry();
    test_digits();
    test_pins();
    return check_done("test_data");
}
