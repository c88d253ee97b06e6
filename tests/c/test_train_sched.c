/* test_train_sched.c — schedules and early stopping inside training: a warm-up counted in
 * the schedule's interval with T_max/T_0 derived from the rest of the run, plateau events
 * that are rates the optimizer applied (the run's floor folded in), early stopping with
 * and without restoring the best weights, and what the session refuses up front. */
#include "check.h"
#include "lrplay.h"

#include <string.h>

static void one_run(lrp_experiment *e, lrp_sched_kind kind, double lr) {
    lrp_experiment_defaults(e);
    e->data.samples = 200;
    e->epochs = 12;
    e->find.num_iter = 20;
    lrp_exp_clear_runs(e);
    e->n_runs = 1;
    lrp_run_cfg *r = &e->runs[0];
    memset(r, 0, sizeof *r);
    strcpy(r->label, "test");
    r->optim = e->optim;
    r->optim.lr = lr;
    lrp_sched_defaults(&r->sched, kind);
    lrp_earlystop_defaults(&r->early_stopping);
}

static lrp_session *open_ok(const lrp_experiment *e) {
    lrp_session *s = NULL;
    char err[256];
    CHECK_MSG(lrp_session_create(&s, e, err, sizeof err) == LRP_OK, "%s", err);
    return s;
}

static void train(lrp_session *s, lrp_train_result *r) {
    CHECK(lrp_train_begin(s, 0) == LRP_OK);
    while (lrp_train_epoch(s)) {}
    lrp_train_get(s, r);
}

static void test_warmup_in_training(void) {
    lrp_experiment e;
    lrp_train_result r;
    /* per epoch: 3 warm-up epochs from 0.1x, then cosine over the 9 epochs left */
    one_run(&e, LRP_SCHED_COSINE, 0.01);
    e.runs[0].sched.warmup = 3;
    e.runs[0].sched.warmup_start_factor = 0.1;
    lrp_session *s = open_ok(&e);
    if (!s) return;
    train(s, &r);
    lrp_sched_cfg want = e.runs[0].sched;
    want.T_max = 9;
    CHECK(r.epochs_done == 12);
    for (size_t k = 0; k < r.epochs_done; k++)
        CHECK_MSG(r.lr[k] == lrp_sched_lr(&want, 0.01, (long)k), "epoch %zu: %.17g", k, r.lr[k]);
    CHECK_NEAR(r.lr[0], 0.001, 1e-18);
    CHECK(r.lr[3] == 0.01);
    lrp_session_destroy(s);
    /* step after a warm-up: its drops are events, the warm-up's rise is not */
    one_run(&e, LRP_SCHED_STEP, 0.01);
    e.runs[0].sched.step_size = 4;
    e.runs[0].sched.gamma = 0.5;
    e.runs[0].sched.warmup = 3;
    s = open_ok(&e);
    if (!s) return;
    train(s, &r);
    CHECK(r.lr[3] == 0.01 && r.lr[6] == 0.01 && r.lr[7] == 0.005 && r.lr[11] == 0.0025);
    CHECK_MSG(r.n_events == 2, "%zu events", r.n_events);
    if (r.n_events == 2) CHECK(r.events[0].epoch == 7 && r.events[1].epoch == 11 && r.events[0].new_lr == 0.005);
    lrp_session_destroy(s);
    /* per batch: warm restarts with T_0 0 take a quarter of the batches after the warm-up */
    one_run(&e, LRP_SCHED_COSINE_WARM_RESTARTS, 0.01);
    e.runs[0].sched.interval = LRP_EVERY_BATCH;
    e.runs[0].sched.T_0 = 0;
    e.runs[0].sched.warmup = 10;
    s = open_ok(&e);
    if (!s) return;
    train(s, &r);
    const lrp_data_view *dv = lrp_session_data(s);
    long per_epoch = (long)((dv->n_train + e.batch_size - 1) / e.batch_size);
    want = e.runs[0].sched;
    want.T_0 = (12 * per_epoch - 10) / 4;
    for (size_t k = 0; k < r.epochs_done; k++)
        CHECK_MSG(r.lr[k] == lrp_sched_lr(&want, 0.01, (long)k * per_epoch), "epoch %zu", k);
    lrp_session_destroy(s);
}

/* issue 10: with min_lr on the run, plateau events under the floor were logged though
 * the optimizer never applied them. */
static void test_plateau_events_at_the_floor(void) {
    lrp_experiment e;
    lrp_train_result r;
    one_run(&e, LRP_SCHED_PLATEAU, 0.03);
    e.epochs = 20;
    e.runs[0].min_lr = 0.001;
    e.runs[0].sched.factor = 0.5;
    e.runs[0].sched.patience = 0;
    e.runs[0].sched.threshold = 0.9;   /* almost nothing counts as better: a cut each epoch */
    lrp_session *s = open_ok(&e);
    if (!s) return;
    train(s, &r);
    size_t cuts = 0;
    for (size_t i = 0; i < r.n_events; i++) {
        const lrp_event *ev = &r.events[i];
        if (ev->reason != LRP_EVENT_PLATEAU) continue;
        cuts++;
        CHECK_MSG(ev->old_lr >= 0.001 && ev->new_lr >= 0.001 && ev->new_lr < ev->old_lr,
                  "event at epoch %ld: %.17g -> %.17g", ev->epoch, ev->old_lr, ev->new_lr);
        /* the event's epoch is the last one run at the old rate */
        if (ev->epoch < (long)r.epochs_done) CHECK(r.lr[ev->epoch] == ev->new_lr && r.lr[ev->epoch - 1] == ev->old_lr);
    }
    /* 0.03 -> 0.015 -> 0.0075 -> 0.00375 -> 0.001875 -> 0.001 (floor), as PyTorch with min_lr */
    CHECK_MSG(cuts == 5, "%zu cuts", cuts);
    CHECK(r.lr[r.epochs_done - 1] == 0.001);
    lrp_session_destroy(s);
}

static void test_early_stopping(void) {
    lrp_experiment e;
    lrp_train_result plain, stop, back;
    one_run(&e, LRP_SCHED_CONSTANT, 0.01);
    lrp_session *s = open_ok(&e);
    if (!s) return;
    train(s, &plain);
    CHECK(plain.stopped_epoch == -1 && plain.restored_epoch == -1);
    CHECK(plain.final_val_loss == plain.val_loss[plain.epochs_done - 1]);
    CHECK(plain.final_val_acc == plain.val_acc[plain.epochs_done - 1]);
    double val0 = plain.val_loss[0], acc0 = plain.val_acc[0], val1 = plain.val_loss[1], acc1 = plain.val_acc[1];
    lrp_session_destroy(s);
    /* min_delta 10: only the first epoch improves; patience 1 stops after the second */
    e.runs[0].early_stopping.monitor = LRP_MONITOR_VAL_LOSS;
    e.runs[0].early_stopping.min_delta = 10;
    e.runs[0].early_stopping.patience = 1;
    s = open_ok(&e);
    if (!s) return;
    train(s, &stop);
    CHECK(stop.epochs_done == 2 && stop.stopped_epoch == 2 && stop.restored_epoch == -1);
    CHECK(stop.val_loss[1] == val1 && stop.final_val_loss == val1 && stop.final_val_acc == acc1);
    lrp_session_destroy(s);
    e.runs[0].early_stopping.restore_best_weights = 1;
    s = open_ok(&e);
    if (!s) return;
    train(s, &back);
    CHECK(back.epochs_done == 2 && back.stopped_epoch == 2 && back.restored_epoch == 1);
    CHECK(back.final_val_loss == val0 && back.final_val_acc == acc0);
    lrp_session_destroy(s);
    /* start_from_epoch past the run: never stops */
    e.runs[0].early_stopping.start_from_epoch = 100;
    s = open_ok(&e);
    if (!s) return;
    train(s, &back);
    CHECK(back.epochs_done == 12 && back.stopped_epoch == -1 && back.restored_epoch == -1);
    lrp_session_destroy(s);
}

static void expect_refused(const lrp_experiment *e, const char *want) {
    lrp_session *s = NULL;
    char err[256] = {0};
    CHECK(lrp_session_create(&s, e, err, sizeof err) == LRP_EINVAL && s == NULL);
    CHECK_MSG(strncmp(err, want, strlen(want)) == 0, "got \"%s\", want \"%s...\"", err, want);
    lrp_session_destroy(s);
}

static void test_refused_up_front(void) {
    lrp_experiment e;
    one_run(&e, LRP_SCHED_ONECYCLE, 0.01);
    e.epochs = 3;
    e.runs[0].sched.total_steps = 3;
    e.runs[0].sched.interval = LRP_EVERY_EPOCH;
    lrp_session *s = open_ok(&e);   /* 3 epoch updates in 3 steps: allowed */
    lrp_session_destroy(s);
    e.runs[0].sched.total_steps = 2;
    expect_refused(&e, "runs.0.schedule.total_steps: 2 is shorter than the run's 3 epoch updates");
    e.runs[0].sched.total_steps = 10;
    e.runs[0].sched.pct_start = 0.1;
    expect_refused(&e, "runs.0.schedule.pct_start:");
    one_run(&e, LRP_SCHED_CONSTANT, 0.01);
    e.data.kind = LRP_DATA_SINE;
    lrp_data_defaults(&e.data, LRP_DATA_SINE);
    e.runs[0].early_stopping.monitor = LRP_MONITOR_VAL_ACC;
    expect_refused(&e, "runs.0.early_stopping.monitor: val_acc needs a classification data set");
}

int main(void) {
    test_warmup_in_training();
    test_plateau_events_at_the_floor();
    test_early_stopping();
    test_refused_up_front();
    return check_done("test_train_sched");
}
