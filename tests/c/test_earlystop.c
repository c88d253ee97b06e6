/* test_earlystop.c — Keras EarlyStopping as an explicit state: the golden cases by hand
 * (tests/golden/early-stopping-*.json, values copied with their expected epochs) and the
 * edges: max mode, start_from_epoch, the epoch-0 rule, baseline, NaN, a stopped state. */
#include "check.h"
#include "lrplay.h"

/* tests/golden/early-stopping-min.json and -baseline.json share these 40 metrics. */
static const double METRICS[] = {2.286964, 1.933967, 1.673915, 1.410806, 1.16583, 1.035655, 0.889919,
    0.796167, 0.671629, 0.635433, 0.575378, 0.553119, 0.487769, 0.458758, 0.391758, 0.444629, 0.343211,
    0.388783, 0.348049, 0.327129, 0.273506, 0.275614, 0.298642, 0.290462, 0.323644, 0.25849, 0.295912,
    0.278862, 0.312818, 0.255429, 0.291317, 0.302722, 0.269102, 0.318711, 0.302761, 0.319472, 0.318639,
    0.279957, 0.283679, 0.295634};
#define N_METRICS (sizeof METRICS / sizeof METRICS[0])

static lrp_earlystop run(const lrp_earlystop_cfg *c, const double *m, size_t n)
{
    lrp_earlystop s;
    lrp_earlystop_init(&s, c);
    for (size_t i = 0; i < n; i++) if (lrp_earlystop_step(&s, m[i]) & LRP_ES_STOP) break;
    return s;
}

static lrp_earlystop_cfg cfg(lrp_es_mode mode, double min_delta, long patience)
{
    lrp_earlystop_cfg c;
    lrp_earlystop_defaults(&c);
    c.mode = mode;
    c.min_delta = min_delta;
    c.patience = patience;
    return c;
}

static void test_golden(void)
{
    /* early-stopping-min: min_delta 0.01, patience 3 -> stopped 23, best 20 */
    lrp_earlystop_cfg c = cfg(LRP_ES_MIN, 0.01, 3);
    lrp_earlystop s = run(&c, METRICS, N_METRICS);
    CHECK(s.stopped_epoch == 23 && s.best_epoch == 20);
    /* the sign of min_delta is ignored */
    c.min_delta = -0.01;
    s = run(&c, METRICS, N_METRICS);
    CHECK(s.stopped_epoch == 23 && s.best_epoch == 20);
    /* early-stopping-baseline: min_delta 0, patience 2, baseline 0.5 -> stopped 18, best 16 */
    c = cfg(LRP_ES_MIN, 0.0, 2);
    c.use_baseline = 1;
    c.baseline = 0.5;
    s = run(&c, METRICS, N_METRICS);
    CHECK(s.stopped_epoch == 18 && s.best_epoch == 16);
}

static void test_edges(void)
{
    /* patience 0: stops at the first epoch without improvement, never at epoch 0 */
    lrp_earlystop_cfg c = cfg(LRP_ES_MIN, 0.0, 0);
    lrp_earlystop s;
    lrp_earlystop_init(&s, &c);
    CHECK(lrp_earlystop_step(&s, 1.0) == (LRP_ES_COUNTED | LRP_ES_IMPROVED));
    CHECK(lrp_earlystop_step(&s, 2.0) == (LRP_ES_COUNTED | LRP_ES_STOP));
    CHECK(s.stopped_epoch == 1 && s.best_epoch == 0 && s.best == 1.0);
    CHECK(lrp_earlystop_step(&s, 0.5) == 0 && s.best == 1.0);     /* stopped: ignored */
    /* NaN at epoch 0 is not an improvement, and epoch 0 never stops */
    lrp_earlystop_init(&s, &c);
    CHECK(lrp_earlystop_step(&s, 0.0 / 0.0) == LRP_ES_COUNTED && s.wait == 1 && s.stopped_epoch < 0);
    CHECK(lrp_earlystop_step(&s, 0.0 / 0.0) & LRP_ES_STOP);
    /* max (auto on val_acc): an improvement must beat best + min_delta */
    c = cfg(LRP_ES_AUTO, 0.05, 1);
    c.monitor = LRP_MONITOR_VAL_ACC;
    const double acc[] = {0.5, 0.6, 0.64, 0.66, 0.7};
    s = run(&c, acc, 5);
    CHECK(s.mode == LRP_MODE_MAX && s.best_epoch == 1 && s.stopped_epoch == 2);
    /* auto on val_loss is min */
    c.monitor = LRP_MONITOR_VAL_LOSS;
    lrp_earlystop_init(&s, &c);
    CHECK(s.mode == LRP_MODE_MIN);
    /* start_from_epoch: earlier epochs are not counted at all */
    c = cfg(LRP_ES_MIN, 0.0, 1);
    c.start_from_epoch = 3;
    const double m[] = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0};
    lrp_earlystop_init(&s, &c);
    for (int i = 0; i < 3; i++) CHECK(lrp_earlystop_step(&s, m[i]) == 0);
    CHECK(s.wait == 0 && s.best_epoch == 0);
    CHECK(lrp_earlystop_step(&s, m[3]) & LRP_ES_IMPROVED);
    CHECK(s.best_epoch == 3 && s.best == 4.0);
    CHECK(lrp_earlystop_step(&s, m[4]) & LRP_ES_STOP);
    CHECK(s.stopped_epoch == 4);
    /* baseline not beaten: improvements keep best moving but the wait runs on */
    c = cfg(LRP_ES_MIN, 0.0, 3);
    c.use_baseline = 1;
    c.baseline = 0.1;
    const double slow[] = {1.0, 0.9, 0.8, 0.7, 0.6};
    s = run(&c, slow, 5);
    CHECK(s.stopped_epoch < 0 && s.best_epoch == 4 && s.wait == 5);
}

int main(void)
{
    test_golden();
    test_edges();
    return check_done("test_earlystop");
}
