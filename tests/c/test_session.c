/* test_session.c — the range test and scheduled training through a session: a sweep
 * leaves no trace on the training that follows, SIMD and scalar kernels agree bit for bit,
 * calls out of order are refused, and the results hold what the config asked for. */
#include "check.h"
#include "lrplay.h"

#include <stdlib.h>
#include <string.h>

typedef struct { size_t n; double *lr, *train, *val, *acc; } curve;

static curve train_run(lrp_session *s, size_t run) {
    curve c = {0};
    CHECK(lrp_train_begin(s, run) == LRP_OK);
    while (lrp_train_epoch(s)) {}
    lrp_train_result r;
    lrp_train_get(s, &r);
    c.n = r.epochs_done;
    size_t bytes = c.n * sizeof(double);
    c.lr = malloc(bytes); c.train = malloc(bytes); c.val = malloc(bytes); c.acc = malloc(bytes);
    memcpy(c.lr, r.lr, bytes); memcpy(c.train, r.train_loss, bytes);
    memcpy(c.val, r.val_loss, bytes); memcpy(c.acc, r.val_acc, bytes);
    return c;
}

static void curve_free(curve *c) { free(c->lr); free(c->train); free(c->val); free(c->acc); }

static void check_same(const curve *a, const curve *b, const char *what) {
    CHECK_MSG(a->n == b->n, "%s: %zu vs %zu epochs", what, a->n, b->n);
    if (a->n != b->n) return;
    size_t bytes = a->n * sizeof(double);
    CHECK_MSG(memcmp(a->lr, b->lr, bytes) == 0, "%s: lr differs", what);
    CHECK_MSG(memcmp(a->train, b->train, bytes) == 0, "%s: train loss differs", what);
    CHECK_MSG(memcmp(a->val, b->val, bytes) == 0, "%s: val loss differs", what);
    CHECK_MSG(memcmp(a->acc, b->acc, bytes) == 0, "%s: accuracy differs", what);
}

static void small(lrp_experiment *e) {
    lrp_experiment_defaults(e);
    e->epochs = 6;
    e->find.num_iter = 50;
    e->data.samples = 300;
}

static void test_sweep_leaves_no_trace(void) {
    lrp_experiment e;
    char err[256];
    small(&e);
    lrp_session *a, *b;
    CHECK_MSG(lrp_session_create(&a, &e, err, sizeof err) == LRP_OK, "%s", err);
    CHECK_MSG(lrp_session_create(&b, &e, err, sizeof err) == LRP_OK, "%s", err);
    for (size_t run = 0; run < e.n_runs; run++) {
        curve alone = train_run(a, run);
        CHECK(lrp_find_begin(b) == LRP_OK);
        while (lrp_find_step(b, 7)) {}
        curve after = train_run(b, run);
        check_same(&alone, &after, e.runs[run].label);
        CHECK(alone.n == (size_t)e.epochs);
        curve_free(&alone);
        curve_free(&after);
    }
    /* The same sweep twice gives the same curve. */
    lrp_find_result r1, r2;
    CHECK(lrp_find_begin(a) == LRP_OK);
    while (lrp_find_step(a, 1000)) {}
    lrp_find_get(a, &r1);
    double *copy = malloc(r1.n * sizeof(double));
    memcpy(copy, r1.smoothed, r1.n * sizeof(double));
    size_t n1 = r1.n;
    CHECK(lrp_find_begin(a) == LRP_OK);
    while (lrp_find_step(a, 3)) {}
    lrp_find_get(a, &r2);
    CHECK(r2.n == n1 && memcmp(copy, r2.smoothed, n1 * sizeof(double)) == 0);
    CHECK(r2.n == 50 && !r2.diverged);
    CHECK(r2.analysis.have & LRP_SUGGEST_VALLEY);
    CHECK(r2.lr[0] == e.find.start_lr);
    CHECK_NEAR(r2.lr[49], e.find.end_lr, 1e-12 * e.find.end_lr);
    free(copy);
    lrp_session_destroy(a);
    lrp_session_destroy(b);
}

static void test_kernels_agree(void) {
    lrp_experiment e;
    char err[256];
    small(&e);
    e.data.kind = LRP_DATA_DIGITS;
    e.act = LRP_ACT_RELU;
    e.hidden[0] = 37;   /* widths that are not multiples of 4 */
    e.hidden[1] = 13;
    e.batch_size = 30;
    lrp_session *simd, *scalar;
    CHECK_MSG(lrp_session_create(&simd, &e, err, sizeof err) == LRP_OK, "%s", err);
    CHECK_MSG(lrp_session_create(&scalar, &e, err, sizeof err) == LRP_OK, "%s", err);
    lrp_session_set_kernel(simd, LRP_KERNEL_SIMD);
    lrp_session_set_kernel(scalar, LRP_KERNEL_SCALAR);
    for (size_t run = 0; run < 3; run++) {
        curve a = train_run(simd, run), b = train_run(scalar, run);
        check_same(&a, &b, "simd vs scalar");
        curve_free(&a);
        curve_free(&b);
    }
    lrp_session_destroy(simd);
    lrp_session_destroy(scalar);
}

static void test_order_and_limits(void) {
    lrp_experiment e;
    char err[256];
    small(&e);
    lrp_session *s;
    CHECK(lrp_session_create(&s, &e, err, sizeof err) == LRP_OK);
    CHECK(lrp_find_step(s, 10) == 0);          /* not begun */
    CHECK(lrp_train_epoch(s) == 0);
    CHECK(lrp_train_begin(s, e.n_runs) != LRP_OK);
    lrp_train_result r;
    CHECK(lrp_train_begin(s, 0) == LRP_OK);
    while (lrp_train_epoch(s)) {}
    CHECK(lrp_train_epoch(s) == 0);            /* finished stays finished */
    lrp_train_get(s, &r);
    CHECK(r.epochs_done == (size_t)e.epochs && r.status == LRP_OK && r.diverged_epoch == -1);
    CHECK(r.best_epoch >= 1 && r.best_val_loss > 0);
    lrp_session_destroy(s);
    lrp_session_destroy(NULL);

    e.epochs = 0;                               /* invalid config: refused with the field */
    CHECK(lrp_session_create(&s, &e, err, sizeof err) != LRP_OK);
    CHECK_MSG(strstr(err, "epochs") != NULL, "%s", err);
    CHECK(s == NULL);
}

static void test_target_and_floor(void) {
    lrp_experiment e;
    char err[256];
    small(&e);
    e.target_loss = 5;     /* reached at once */
    e.runs[0].min_lr = 0.02;
    e.runs[0].sched.kind = LRP_SCHED_EXPONENTIAL;
    e.runs[0].sched.gamma = 0.5;
    lrp_session *s;
    CHECK_MSG(lrp_session_create(&s, &e, err, sizeof err) == LRP_OK, "%s", err);
    CHECK(lrp_train_begin(s, 0) == LRP_OK);
    while (lrp_train_epoch(s)) {}
    lrp_train_result r;
    lrp_train_get(s, &r);
    CHECK(r.epochs_to_target == 1);
    for (size_t k = 0; k < r.epochs_done; k++) CHECK(r.lr[k] >= 0.02);
    CHECK(r.n_events == 1 && r.events[0].reason == LRP_EVENT_MIN_LR);
    lrp_session_destroy(s);
}

int main(void) {
    test_sweep_leaves_no_trace();
    test_kernels_agree();
    test_order_and_limits();
    test_target_and_floor();
    return check_done("test_session");
}
