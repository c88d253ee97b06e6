/* test_schedule.c — defaults, validation and the closed-form rates of every scheduler.
 * Every rate of the golden traces (PyTorch 1.13 / Keras) is checked, read from
 * golden_data.h (generated from tests/golden by scripts/gen_golden_c.mjs). */
#include <string.h>

#include "check.h"
#include "golden_data.h"
#include "lrplay.h"

#define RTOL 1e-9 /* for the hand-worked rates (the golden traces carry their own tol) */
#define CHECK_REL(got, want) do { double w_ = (want); CHECK_NEAR((got), w_, 1e-15 + RTOL * fabs(w_)); } while (0)

static lrp_sched_cfg make(lrp_sched_kind kind)
{
    lrp_sched_cfg c;
    lrp_sched_defaults(&c, kind);
    return c;
}

static int finite_pos(double x) { return x == x && x - x == 0.0 && x >= 0.0; }

static void test_defaults(void)
{
    lrp_sched_cfg c = make(LRP_SCHED_PLATEAU);
    CHECK(c.kind == LRP_SCHED_PLATEAU && c.flavor == LRP_FLAVOR_TORCH && c.mode == LRP_MODE_MIN);
    CHECK(c.factor == 0.1 && c.patience == 10 && c.threshold == 1e-4 && c.threshold_mode == LRP_THRESH_REL);
    CHECK(c.cooldown == 0 && c.min_lr == 0.0 && c.eps == 1e-8 && c.min_delta == 1e-4);
    CHECK(c.interval == LRP_EVERY_EPOCH);
    c = make(LRP_SCHED_STEP);
    CHECK(c.gamma == 0.1 && c.step_size >= 1 && c.interval == LRP_EVERY_EPOCH);
    c = make(LRP_SCHED_MULTISTEP);
    CHECK(c.gamma == 0.1 && c.n_milestones >= 1);
    c = make(LRP_SCHED_COSINE);
    CHECK(c.T_max == 0 && c.eta_min == 0.0);
    c = make(LRP_SCHED_COSINE_WARM_RESTARTS);
    CHECK(c.T_0 >= 1 && c.T_mult == 1 && c.eta_min == 0.0);
    c = make(LRP_SCHED_LINEAR);
    CHECK(c.start_factor == 1.0 / 3.0 && c.end_factor == 1.0 && c.total_iters == 5);
    c = make(LRP_SCHED_ONECYCLE);
    CHECK(c.pct_start == 0.3 && c.anneal_strategy == LRP_ANNEAL_COS && c.div_factor == 25.0);
    CHECK(c.final_div_factor == 1e4 && c.three_phase == 0 && c.max_lr == 0.0 && c.total_steps == 0);
    CHECK(c.interval == LRP_EVERY_BATCH);
    c = make(LRP_SCHED_CYCLIC);
    CHECK(c.step_size_up == 2000 && c.step_size_down == 0 && c.cyclic_mode == LRP_CYCLIC_TRIANGULAR);
    CHECK(c.gamma == 1.0 && c.interval == LRP_EVERY_BATCH);
    c = make(LRP_SCHED_INVERSE_TIME);
    CHECK(c.decay_steps == 1 && c.staircase == 0);
    c = make(LRP_SCHED_LR_RANGE);
    CHECK(c.end_lr == 10.0 && c.num_iter == 100 && c.step_mode == LRP_RAMP_EXP && c.interval == LRP_EVERY_BATCH);
    c = make(LRP_SCHED_CONSTANT);
    CHECK(c.interval == LRP_EVERY_EPOCH);
    /* every kind's defaults validate, and every kind is finite at step 0 */
    for (int k = 0; k < LRP_SCHED__COUNT; k++) {
        char err[128];
        c = make((lrp_sched_kind)k);
        CHECK_MSG(lrp_sched_validate(&c, err, sizeof err) == LRP_OK && err[0] == '\0', "kind %d: %s", k, err);
        CHECK_MSG(finite_pos(lrp_sched_lr(&c, 0.01, 0)), "kind %d", k);
    }
}

static void expect_invalid(const lrp_sched_cfg *c, const char *want_prefix)
{
    char err[128];
    lrp_status st = lrp_sched_validate(c, err, sizeof err);
    /* the table's statuses: EINVAL for a bad number, ELIMIT for a count out of range */
    CHECK_MSG(st == LRP_EINVAL || st == LRP_ELIMIT, "want EINVAL or ELIMIT for %s", want_prefix);
    CHECK_MSG(strncmp(err, want_prefix, strlen(want_prefix)) == 0, "err \"%s\", want prefix \"%s\"", err, want_prefix);
}

static void test_validate(void)
{
    char err[128];
    lrp_sched_cfg c = make(LRP_SCHED_STEP);
    c.gamma = 0.0;
    CHECK(lrp_sched_validate(&c, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strcmp(err, "schedule.gamma: 0 is out of range [9.9999999999999998e-13, 10]") == 0, "%s", err);
    c.gamma = 0.0 / 0.0;
    expect_invalid(&c, "schedule.gamma:");
    c = make(LRP_SCHED_STEP); c.step_size = 0;
    expect_invalid(&c, "schedule.step_size:");
    c = make(LRP_SCHED_EXPONENTIAL); c.gamma = -0.5;
    expect_invalid(&c, "schedule.gamma:");
    c = make(LRP_SCHED_EXPONENTIAL); c.gamma = 1.0 / 0.0;
    expect_invalid(&c, "schedule.gamma:");

    c = make(LRP_SCHED_MULTISTEP);
    c.n_milestones = 3; c.milestones[0] = 5; c.milestones[1] = 5; c.milestones[2] = 9;
    expect_invalid(&c, "schedule.milestones:");
    lrp_sched_validate(&c, err, sizeof err);
    CHECK_MSG(strcmp(err, "schedule.milestones: must be strictly increasing") == 0, "%s", err);
    c.milestones[1] = 4;
    expect_invalid(&c, "schedule.milestones:");
    c.milestones[1] = 7;
    CHECK(lrp_sched_validate(&c, err, sizeof err) == LRP_OK);
    c.n_milestones = 0; /* an empty list is allowed: a constant rate */
    CHECK(lrp_sched_validate(&c, err, sizeof err) == LRP_OK);
    CHECK_REL(lrp_sched_lr(&c, 0.1, 100), 0.1);
    c.n_milestones = LRP_MAX_MILESTONES + 1;
    expect_invalid(&c, "schedule.milestones:");
    c.n_milestones = 1; c.milestones[0] = 0;
    expect_invalid(&c, "schedule.milestones[0]:");

    c = make(LRP_SCHED_COSINE); c.T_max = -1;
    expect_invalid(&c, "schedule.T_max:");
    c.T_max = 0; /* 0 = derive from the run length */
    CHECK(lrp_sched_validate(&c, err, sizeof err) == LRP_OK);
    c.T_max = LRP_MAX_STEPS + 1;
    expect_invalid(&c, "schedule.T_max:");
    c = make(LRP_SCHED_COSINE); c.eta_min = -1e-3;
    expect_invalid(&c, "schedule.eta_min:");
    c = make(LRP_SCHED_COSINE_WARM_RESTARTS); c.T_mult = 0;
    expect_invalid(&c, "schedule.T_mult:");
    c = make(LRP_SCHED_COSINE_WARM_RESTARTS); c.T_0 = -3;
    expect_invalid(&c, "schedule.T_0:");
    c = make(LRP_SCHED_LINEAR); c.start_factor = 0.0;
    expect_invalid(&c, "schedule.start_factor:");
    c = make(LRP_SCHED_LINEAR); c.end_factor = 1.5;
    expect_invalid(&c, "schedule.end_factor:");
    c = make(LRP_SCHED_LINEAR); c.total_iters = -1;
    expect_invalid(&c, "schedule.total_iters:");
    c = make(LRP_SCHED_ONECYCLE); c.pct_start = 1.5;
    expect_invalid(&c, "schedule.pct_start:");
    c = make(LRP_SCHED_ONECYCLE); c.div_factor = 0.0;
    expect_invalid(&c, "schedule.div_factor:");
    c = make(LRP_SCHED_ONECYCLE); c.total_steps = -1;
    expect_invalid(&c, "schedule.total_steps:");
    c = make(LRP_SCHED_ONECYCLE); c.anneal_strategy = (lrp_anneal)7;
    expect_invalid(&c, "schedule.anneal_strategy:");
    c = make(LRP_SCHED_CYCLIC); c.step_size_up = 0;
    expect_invalid(&c, "schedule.step_size_up:");
    c = make(LRP_SCHED_CYCLIC); c.cyc_base_lr = -1.0;
    expect_invalid(&c, "schedule.base_lr:");
    c = make(LRP_SCHED_CYCLIC); c.cyclic_mode = (lrp_cyclic_mode)9;
    expect_invalid(&c, "schedule.mode:");
    c = make(LRP_SCHED_INVERSE_TIME); c.decay_steps = 0;
    expect_invalid(&c, "schedule.decay_steps:");
    c = make(LRP_SCHED_INVERSE_TIME); c.decay_rate = -0.1;
    expect_invalid(&c, "schedule.decay_rate:");
    c = make(LRP_SCHED_LR_RANGE); c.num_iter = 1;
    expect_invalid(&c, "schedule.num_iter:");
    c = make(LRP_SCHED_LR_RANGE); c.num_iter = LRP_MAX_STEPS + 1;
    expect_invalid(&c, "schedule.num_iter:");
    c = make(LRP_SCHED_LR_RANGE); c.end_lr = 0.0;
    expect_invalid(&c, "schedule.end_lr:");
    c = make(LRP_SCHED_PLATEAU); c.factor = 1.0;
    expect_invalid(&c, "schedule.factor:");
    c = make(LRP_SCHED_PLATEAU); c.patience = -1;
    expect_invalid(&c, "schedule.patience:");
    c = make(LRP_SCHED_PLATEAU); c.interval = LRP_EVERY_BATCH;
    expect_invalid(&c, "schedule.interval:");
    c = make(LRP_SCHED_PLATEAU); c.flavor = LRP_FLAVOR_KERAS; c.min_delta = -1.0;
    expect_invalid(&c, "schedule.min_delta:");
    c = make(LRP_SCHED_PLATEAU); c.threshold_mode = (lrp_thresh_mode)3;
    expect_invalid(&c, "schedule.threshold_mode:");
    c = make(LRP_SCHED_CONSTANT); c.kind = LRP_SCHED__COUNT;
    expect_invalid(&c, "schedule.name:");
    /* a field another kind uses is not checked */
    c = make(LRP_SCHED_COSINE); c.gamma = -1.0;
    CHECK(lrp_sched_validate(&c, err, sizeof err) == LRP_OK);
    /* a tiny or missing err buffer is safe */
    c = make(LRP_SCHED_STEP); c.gamma = 0.0;
    char small[8];
    memset(small, 'x', sizeof small);
    CHECK(lrp_sched_validate(&c, small, sizeof small) == LRP_EINVAL);
    CHECK(memchr(small, '\0', sizeof small) != NULL);
    CHECK(lrp_sched_validate(&c, NULL, 0) == LRP_EINVAL);
}

/* Every rate of a golden trace: lr[k] == lrp_sched_lr(c, base, k) within the case's tol. */
static void golden_trace(const char *name, const lrp_sched_cfg *c, double base, const double *lr, long n,
                         double rtol, double atol)
{
    char err[128];
    CHECK_MSG(lrp_sched_validate(c, err, sizeof err) == LRP_OK, "%s: %s", name, err);
    long bad = 0;
    for (long k = 0; k < n; k++) {
        double got = lrp_sched_lr(c, base, k);
        if (!(fabs(got - lr[k]) <= atol + rtol * fabs(lr[k])) && bad++ < 3)
            fprintf(stderr, "%s: lr[%ld] = %.17g, want %.17g\n", name, k, got, lr[k]);
    }
    CHECK_MSG(bad == 0, "%s: %ld of %ld rates differ", name, bad, n);
}
#define GOLDEN_TRACE(CASE, c) \
    golden_trace(#CASE, &(c), GOLDEN_##CASE##_SPEC_BASE_LR, GOLDEN_##CASE##_EXPECT_LR, GOLDEN_##CASE##_EXPECT_LR_N, \
                 GOLDEN_##CASE##_TOL_RTOL, GOLDEN_##CASE##_TOL_ATOL)

static void test_golden_values(void)
{
    lrp_sched_cfg c;
    c = make(LRP_SCHED_STEP);
    c.step_size = GOLDEN_STEP_SPEC_SCHEDULER_STEP_SIZE; c.gamma = GOLDEN_STEP_SPEC_SCHEDULER_GAMMA;
    GOLDEN_TRACE(STEP, c);

    c = make(LRP_SCHED_MULTISTEP);
    c.n_milestones = GOLDEN_MULTISTEP_SPEC_SCHEDULER_MILESTONES_N;
    for (size_t i = 0; i < c.n_milestones; i++) c.milestones[i] = (long)GOLDEN_MULTISTEP_SPEC_SCHEDULER_MILESTONES[i];
    c.gamma = GOLDEN_MULTISTEP_SPEC_SCHEDULER_GAMMA;
    GOLDEN_TRACE(MULTISTEP, c);

    c = make(LRP_SCHED_EXPONENTIAL);
    c.gamma = GOLDEN_EXPONENTIAL_SPEC_SCHEDULER_GAMMA;
    GOLDEN_TRACE(EXPONENTIAL, c);

    c = make(LRP_SCHED_COSINE); /* periodic past T_max */
    c.T_max = GOLDEN_COSINE_SPEC_SCHEDULER_T_MAX; c.eta_min = GOLDEN_COSINE_SPEC_SCHEDULER_ETA_MIN;
    GOLDEN_TRACE(COSINE, c);

    c = make(LRP_SCHED_COSINE_WARM_RESTARTS);
    c.T_0 = GOLDEN_COSINE_WARM_RESTARTS_SPEC_SCHEDULER_T_0; c.T_mult = GOLDEN_COSINE_WARM_RESTARTS_SPEC_SCHEDULER_T_MULT;
    c.eta_min = GOLDEN_COSINE_WARM_RESTARTS_SPEC_SCHEDULER_ETA_MIN;
    GOLDEN_TRACE(COSINE_WARM_RESTARTS, c);

    c = make(LRP_SCHED_LINEAR);
    c.start_factor = GOLDEN_LINEAR_WARMUP_SPEC_SCHEDULER_START_FACTOR;
    c.end_factor = GOLDEN_LINEAR_WARMUP_SPEC_SCHEDULER_END_FACTOR;
    c.total_iters = GOLDEN_LINEAR_WARMUP_SPEC_SCHEDULER_TOTAL_ITERS;
    GOLDEN_TRACE(LINEAR_WARMUP, c);

    c = make(LRP_SCHED_ONECYCLE); /* anneal_strategy cos */
    c.max_lr = GOLDEN_ONECYCLE_SPEC_SCHEDULER_MAX_LR; c.total_steps = GOLDEN_ONECYCLE_SPEC_SCHEDULER_TOTAL_STEPS;
    c.pct_start = GOLDEN_ONECYCLE_SPEC_SCHEDULER_PCT_START; c.div_factor = GOLDEN_ONECYCLE_SPEC_SCHEDULER_DIV_FACTOR;
    c.final_div_factor = GOLDEN_ONECYCLE_SPEC_SCHEDULER_FINAL_DIV_FACTOR;
    c.three_phase = GOLDEN_ONECYCLE_SPEC_SCHEDULER_THREE_PHASE;
    GOLDEN_TRACE(ONECYCLE, c);
    CHECK_REL(lrp_sched_lr(&c, 123.0, 29), GOLDEN_ONECYCLE_EXPECT_LR[29]); /* base_lr is ignored */

    c = make(LRP_SCHED_ONECYCLE);
    c.max_lr = GOLDEN_ONECYCLE_LINEAR_3PHASE_SPEC_SCHEDULER_MAX_LR;
    c.total_steps = GOLDEN_ONECYCLE_LINEAR_3PHASE_SPEC_SCHEDULER_TOTAL_STEPS;
    c.pct_start = GOLDEN_ONECYCLE_LINEAR_3PHASE_SPEC_SCHEDULER_PCT_START; c.anneal_strategy = LRP_ANNEAL_LINEAR;
    c.div_factor = GOLDEN_ONECYCLE_LINEAR_3PHASE_SPEC_SCHEDULER_DIV_FACTOR;
    c.final_div_factor = GOLDEN_ONECYCLE_LINEAR_3PHASE_SPEC_SCHEDULER_FINAL_DIV_FACTOR;
    c.three_phase = GOLDEN_ONECYCLE_LINEAR_3PHASE_SPEC_SCHEDULER_THREE_PHASE;
    GOLDEN_TRACE(ONECYCLE_LINEAR_3PHASE, c);

    c = make(LRP_SCHED_CYCLIC); /* step_size_down null: 0, equal to up */
    c.cyc_base_lr = GOLDEN_CYCLIC_TRIANGULAR2_SPEC_SCHEDULER_BASE_LR; c.max_lr = GOLDEN_CYCLIC_TRIANGULAR2_SPEC_SCHEDULER_MAX_LR;
    c.step_size_up = GOLDEN_CYCLIC_TRIANGULAR2_SPEC_SCHEDULER_STEP_SIZE_UP; c.step_size_down = 0;
    c.cyclic_mode = LRP_CYCLIC_TRIANGULAR2; c.gamma = GOLDEN_CYCLIC_TRIANGULAR2_SPEC_SCHEDULER_GAMMA;
    GOLDEN_TRACE(CYCLIC_TRIANGULAR2, c);

    c = make(LRP_SCHED_CYCLIC);
    c.cyc_base_lr = GOLDEN_CYCLIC_EXP_RANGE_SPEC_SCHEDULER_BASE_LR; c.max_lr = GOLDEN_CYCLIC_EXP_RANGE_SPEC_SCHEDULER_MAX_LR;
    c.step_size_up = GOLDEN_CYCLIC_EXP_RANGE_SPEC_SCHEDULER_STEP_SIZE_UP;
    c.step_size_down = GOLDEN_CYCLIC_EXP_RANGE_SPEC_SCHEDULER_STEP_SIZE_DOWN;
    c.cyclic_mode = LRP_CYCLIC_EXP_RANGE; c.gamma = GOLDEN_CYCLIC_EXP_RANGE_SPEC_SCHEDULER_GAMMA;
    GOLDEN_TRACE(CYCLIC_EXP_RANGE, c);

    c = make(LRP_SCHED_INVERSE_TIME);
    c.decay_rate = GOLDEN_INVERSE_TIME_SPEC_SCHEDULER_DECAY_RATE; c.decay_steps = GOLDEN_INVERSE_TIME_SPEC_SCHEDULER_DECAY_STEPS;
    c.staircase = GOLDEN_INVERSE_TIME_SPEC_SCHEDULER_STAIRCASE;
    GOLDEN_TRACE(INVERSE_TIME, c);

    c = make(LRP_SCHED_LR_RANGE); /* step_mode exp */
    c.end_lr = GOLDEN_LR_RANGE_EXP_SPEC_SCHEDULER_END_LR; c.num_iter = GOLDEN_LR_RANGE_EXP_SPEC_SCHEDULER_NUM_ITER;
    GOLDEN_TRACE(LR_RANGE_EXP, c);

    c = make(LRP_SCHED_LR_RANGE);
    c.end_lr = GOLDEN_LR_RANGE_LINEAR_SPEC_SCHEDULER_END_LR; c.num_iter = GOLDEN_LR_RANGE_LINEAR_SPEC_SCHEDULER_NUM_ITER;
    c.step_mode = LRP_RAMP_LINEAR;
    GOLDEN_TRACE(LR_RANGE_LINEAR, c);
}

static void test_endpoints(void)
{
    lrp_sched_cfg c;
    const double base = 0.1;
    /* constant and plateau: base_lr at every step */
    c = make(LRP_SCHED_CONSTANT);
    CHECK(lrp_sched_lr(&c, base, 0) == base && lrp_sched_lr(&c, base, 1000000) == base);
    c = make(LRP_SCHED_PLATEAU);
    CHECK(lrp_sched_lr(&c, base, 0) == base && lrp_sched_lr(&c, base, 57) == base);

    /* a negative step is step 0, for every kind */
    for (int k = 0; k < LRP_SCHED__COUNT; k++) {
        c = make((lrp_sched_kind)k);
        CHECK_MSG(lrp_sched_lr(&c, base, -5) == lrp_sched_lr(&c, base, 0), "kind %d", k);
    }

    /* cosine: base at 0, eta_min at T_max, periodic after */
    c = make(LRP_SCHED_COSINE); c.T_max = 10; c.eta_min = 0.001;
    CHECK_REL(lrp_sched_lr(&c, base, 0), base);
    CHECK_REL(lrp_sched_lr(&c, base, 10), 0.001);
    CHECK_REL(lrp_sched_lr(&c, base, 20), base);
    CHECK_REL(lrp_sched_lr(&c, base, 13), lrp_sched_lr(&c, base, 7));
    CHECK_REL(lrp_sched_lr(&c, base, 10000000 + 3), lrp_sched_lr(&c, base, 3));
    /* T_max 0 (to be derived by the trainer) does not divide by zero: treated as 1 */
    c.T_max = 0;
    CHECK_REL(lrp_sched_lr(&c, base, 0), base);
    CHECK_REL(lrp_sched_lr(&c, base, 1), 0.001);
    CHECK_REL(lrp_sched_lr(&c, base, 2), base);

    /* warm restarts: T_0 0 treated as 1; T_mult 1 restarts every T_0; huge steps stay in range */
    c = make(LRP_SCHED_COSINE_WARM_RESTARTS); c.T_0 = 0;
    CHECK_REL(lrp_sched_lr(&c, base, 5), base);
    c.T_0 = 4; c.T_mult = 1;
    CHECK_REL(lrp_sched_lr(&c, base, 4), base);
    CHECK_REL(lrp_sched_lr(&c, base, 6), lrp_sched_lr(&c, base, 2));
    c.T_mult = 3; c.eta_min = 0.0;
    double v = lrp_sched_lr(&c, base, LRP_MAX_STEPS);
    CHECK(finite_pos(v) && v <= base);
    c.T_mult = 1000; c.T_0 = LRP_MAX_STEPS;
    v = lrp_sched_lr(&c, base, 0x7fffffffL);
    CHECK(finite_pos(v) && v <= base);

    /* linear: start, end, holds after total_iters */
    c = make(LRP_SCHED_LINEAR);
    CHECK_REL(lrp_sched_lr(&c, base, 0), base / 3.0);
    CHECK_REL(lrp_sched_lr(&c, base, 5), base);
    CHECK_REL(lrp_sched_lr(&c, base, 500), base);
    c.total_iters = 0; c.end_factor = 0.5; /* no ramp: PyTorch holds start_factor for ever */
    CHECK(lrp_sched_validate(&c, NULL, 0) == LRP_OK);
    CHECK_REL(lrp_sched_lr(&c, base, 0), base / 3.0);
    CHECK_REL(lrp_sched_lr(&c, base, 9), base / 3.0);

    /* onecycle: start max/div, peak, last step max/div/final_div, held past total_steps */
    c = make(LRP_SCHED_ONECYCLE); c.total_steps = 50;
    CHECK_REL(lrp_sched_lr(&c, base, 0), base / 25.0); /* max_lr 0 = the run's rate */
    CHECK_REL(lrp_sched_lr(&c, base, 14), base);       /* end of warm-up: 0.3*50 - 1 */
    CHECK_REL(lrp_sched_lr(&c, base, 49), base / 25.0 / 1e4);
    CHECK(lrp_sched_lr(&c, base, 51) == lrp_sched_lr(&c, base, 50));
    CHECK(lrp_sched_lr(&c, base, 100000) == lrp_sched_lr(&c, base, 50));
    /* total_steps 0 (derived by the trainer) and degenerate phases stay finite */
    c.total_steps = 0;
    CHECK(finite_pos(lrp_sched_lr(&c, base, 0)) && finite_pos(lrp_sched_lr(&c, base, 3)));
    c.total_steps = 10; c.pct_start = 0.1; /* phase 1 ends at step 0: 0/0 in PyTorch */
    CHECK_REL(lrp_sched_lr(&c, base, 0), base / 25.0);
    CHECK(finite_pos(lrp_sched_lr(&c, base, 1)));
    c.three_phase = 1;
    for (long s = 0; s <= 12; s++) CHECK_MSG(finite_pos(lrp_sched_lr(&c, base, s)), "step %ld", s);
    c.pct_start = 0.0;
    for (long s = 0; s <= 12; s++) CHECK_MSG(finite_pos(lrp_sched_lr(&c, base, s)), "step %ld", s);

    /* cyclic: 0 base = the run's rate; 0 down = up; periodic */
    c = make(LRP_SCHED_CYCLIC); c.cyc_base_lr = 0.0; c.max_lr = 1.0; c.step_size_up = 4;
    CHECK_REL(lrp_sched_lr(&c, base, 0), base);
    CHECK_REL(lrp_sched_lr(&c, base, 4), 1.0);
    CHECK_REL(lrp_sched_lr(&c, base, 8), base);
    CHECK_REL(lrp_sched_lr(&c, base, 8 * 1000 + 2), lrp_sched_lr(&c, base, 2));
    c.step_size_down = 12; /* asymmetric: top at 4, bottom at 16 */
    CHECK_REL(lrp_sched_lr(&c, base, 4), 1.0);
    CHECK_REL(lrp_sched_lr(&c, base, 10), 0.55);
    CHECK_REL(lrp_sched_lr(&c, base, 16), base);
    CHECK(finite_pos(lrp_sched_lr(&c, base, LRP_MAX_STEPS)));

    /* inverse_time staircase */
    c = make(LRP_SCHED_INVERSE_TIME); c.decay_rate = 1.0; c.decay_steps = 10; c.staircase = 1;
    CHECK_REL(lrp_sched_lr(&c, base, 9), base);
    CHECK_REL(lrp_sched_lr(&c, base, 10), base / 2.0);
    c.staircase = 0;
    CHECK_REL(lrp_sched_lr(&c, base, 5), base / 1.5);

    /* lr_range: start, end, held past num_iter - 1 */
    c = make(LRP_SCHED_LR_RANGE); c.end_lr = 10.0; c.num_iter = 5;
    CHECK_REL(lrp_sched_lr(&c, 1e-3, 0), 1e-3);
    CHECK_REL(lrp_sched_lr(&c, 1e-3, 2), 0.1);
    CHECK_REL(lrp_sched_lr(&c, 1e-3, 4), 10.0);
    CHECK_REL(lrp_sched_lr(&c, 1e-3, 400), 10.0);
    c.num_iter = 1; /* invalid, but no division by zero */
    CHECK_REL(lrp_sched_lr(&c, 1e-3, 3), 1e-3);

    /* exponential far past any sensible end: underflows to 0, never NaN */
    c = make(LRP_SCHED_EXPONENTIAL);
    CHECK(lrp_sched_lr(&c, base, LRP_MAX_STEPS) == 0.0);
    /* step: step_size 1 is exponential on integers */
    c = make(LRP_SCHED_STEP); c.step_size = 1; c.gamma = 0.5;
    CHECK(lrp_sched_lr(&c, 1.0, 10) == 1.0 / 1024.0);

    /* purity: the same value whatever was asked before */
    c = make(LRP_SCHED_ONECYCLE); c.total_steps = 30;
    double a = lrp_sched_lr(&c, base, 17);
    for (long s = 29; s >= 0; s--) (void)lrp_sched_lr(&c, base, s);
    CHECK(lrp_sched_lr(&c, base, 17) == a);
}

/* Warm-up in front of a schedule, and linear with total_iters 0. */
static void test_warmup(void)
{
    /* tests/golden/warmup-step.json: base 0.05, step 10 x 0.5, warmup 3 from 0.1 */
    lrp_sched_cfg c = make(LRP_SCHED_STEP);
    c.step_size = 10; c.gamma = 0.5; c.warmup = 3; c.warmup_start_factor = 0.1;
    CHECK_REL(lrp_sched_lr(&c, 0.05, 0), 0.005000000000000001);   /* [0] */
    CHECK_REL(lrp_sched_lr(&c, 0.05, 1), 0.02);                   /* [1] */
    CHECK_REL(lrp_sched_lr(&c, 0.05, 2), 0.035);                  /* [2] */
    CHECK(lrp_sched_lr(&c, 0.05, 3) == 0.05);                     /* [3]: the schedule's step 0 */
    CHECK(lrp_sched_lr(&c, 0.05, 12) == 0.05);                    /* [12] */
    CHECK(lrp_sched_lr(&c, 0.05, 13) == 0.025);                   /* [13] */
    CHECK(lrp_sched_lr(&c, 0.05, 40) == 0.00625);                 /* [40] */
    /* tests/golden/warmup-cosine.json: base 0.1, T_max 45, warmup 5 from 0.01 */
    c = make(LRP_SCHED_COSINE);
    c.T_max = 45; c.warmup = 5; c.warmup_start_factor = 0.01;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 0), 0.001);                   /* [0] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 3), 0.060399999999999995);    /* [3] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 5), 0.1);                     /* [5] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 6), 0.09987820251299122);     /* [6] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 50), 0.0);                    /* [50] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 60), 0.011697777844051634);   /* [60] */
    /* warm-up 0 is no warm-up; start factor 1 is a flat warm-up */
    c.warmup = 0;
    CHECK(lrp_sched_lr(&c, 0.1, 0) == 0.1);
    c.warmup = 4; c.warmup_start_factor = 1.0;
    CHECK(lrp_sched_lr(&c, 0.1, 2) == 0.1 && lrp_sched_lr(&c, 0.1, 4) == 0.1);
    /* exponential takes one too; kinds without a warm-up refuse it in validation */
    c = make(LRP_SCHED_EXPONENTIAL); c.warmup = 2; c.warmup_start_factor = 0.5;
    CHECK(lrp_sched_validate(&c, NULL, 0) == LRP_OK);
    CHECK_REL(lrp_sched_lr(&c, 1.0, 1), 0.75);
    c.warmup_start_factor = 0.0;
    expect_invalid(&c, "schedule.warmup_start_factor:");
    c = make(LRP_SCHED_PLATEAU); c.warmup = 3;
    expect_invalid(&c, "schedule.warmup: reduce_on_plateau takes no warm-up");
    c = make(LRP_SCHED_ONECYCLE); c.warmup = 3;
    expect_invalid(&c, "schedule.warmup:");
    /* tests/golden/linear-zero-iters.json: base 0.01, start 0.5, total_iters 0: held */
    c = make(LRP_SCHED_LINEAR); c.start_factor = 0.5; c.end_factor = 1.0; c.total_iters = 0;
    CHECK_REL(lrp_sched_lr(&c, 0.01, 0), 0.005);
    CHECK_REL(lrp_sched_lr(&c, 0.01, 6), 0.005);
}

static void expect_refused(const lrp_sched_cfg *c, int64_t steps, const char *want_prefix)
{
    char err[256];
    CHECK_MSG(lrp_sched_check_steps(c, steps, err, sizeof err) == LRP_EINVAL, "want %s", want_prefix);
    CHECK_MSG(strncmp(err, want_prefix, strlen(want_prefix)) == 0, "got \"%s\", want prefix \"%s\"", err, want_prefix);
}

/* What PyTorch refuses when a schedule runs for a number of steps. */
static void test_check_steps(void)
{
    char err[256];
    lrp_sched_cfg c = make(LRP_SCHED_COSINE);
    expect_refused(&c, 10, "schedule.T_max: 0 means the run's length");
    c.T_max = 5;
    CHECK(lrp_sched_check_steps(&c, 100, err, sizeof err) == LRP_OK && err[0] == '\0');
    c = make(LRP_SCHED_COSINE_WARM_RESTARTS); c.T_0 = 0;
    expect_refused(&c, 10, "schedule.T_0:");
    c = make(LRP_SCHED_ONECYCLE);
    expect_refused(&c, 10, "schedule.total_steps: 0 means");
    c.total_steps = 100;
    CHECK(lrp_sched_check_steps(&c, 100, NULL, 0) == LRP_OK);   /* step == total_steps is allowed */
    expect_refused(&c, 101, "schedule.total_steps: 100 is shorter than the 101 steps");
    /* pct_start * total_steps = 1: float(0.1 * 10) - 1 == 0 */
    c.total_steps = 10; c.pct_start = 0.1;
    expect_refused(&c, 5, "schedule.pct_start: pct_start * total_steps = 1");
    c.three_phase = 1;
    expect_refused(&c, 5, "schedule.pct_start:");
    /* an ordinary cycle: the first phase ends at step 2 */
    c.three_phase = 0; c.pct_start = 0.3; c.total_steps = 10;
    CHECK(lrp_sched_check_steps(&c, 10, NULL, 0) == LRP_OK);
    /* pct_start 1 (two phases): the last phase has no steps, reached only at step T */
    c.pct_start = 1.0;
    CHECK(lrp_sched_check_steps(&c, 9, NULL, 0) == LRP_OK);
    expect_refused(&c, 10, "schedule.pct_start: leaves the last phase no steps");
    /* three phases, pct_start 0.75 of 2 steps: 2*0.75*2 - 2 == 2 - 1, same */
    c.pct_start = 0.75; c.three_phase = 1; c.total_steps = 2;
    CHECK(lrp_sched_check_steps(&c, 1, NULL, 0) == LRP_OK);
    expect_refused(&c, 2, "schedule.pct_start: leaves the last phase no steps");
    /* the golden onecycle cases pass */
    c = make(LRP_SCHED_ONECYCLE); c.max_lr = 0.1; c.total_steps = 100;
    CHECK(lrp_sched_check_steps(&c, 100, NULL, 0) == LRP_OK);
}

/* Steps and periods past 2^31 (int64_t on every target: a 32-bit long saturated T_0*T_mult in
 * WebAssembly only). Second period 2 147 484 000 steps: its middle is half the base rate; the
 * third period (2.1e12 steps) starts past 2^32. */
static void test_steps64(void)
{
    lrp_sched_cfg c = make(LRP_SCHED_COSINE_WARM_RESTARTS);
    c.T_0 = 2147484; c.T_mult = 1000; c.eta_min = 0;
    const double base = 0.1;
    const int64_t second = (int64_t)2147484 * 1000;
    CHECK(lrp_sched_lr(&c, base, c.T_0) == base);
    double mid = lrp_sched_lr(&c, base, c.T_0 + second / 2);
    CHECK_MSG(fabs(mid - base / 2) < 1e-15, "mid-period rate %.17g", mid);
    CHECK(lrp_sched_lr(&c, base, c.T_0 + second) == base);
    CHECK(c.T_0 + second > (int64_t)1 << 31);
    double late = lrp_sched_lr(&c, base, c.T_0 + second + ((int64_t)1 << 32));
    CHECK_MSG(late < base && late > base * 0.99, "rate in the third period %.17g", late);
}

int main(void)
{
    test_steps64();
    test_defaults();
    test_validate();
    test_golden_values();
    test_endpoints();
    test_warmup();
    test_check_steps();
    return check_done("test_schedule");
}
