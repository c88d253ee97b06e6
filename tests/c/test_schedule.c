/* test_schedule.c — defaults, validation and the closed-form rates of every scheduler.
 * Expected rates are copied by hand from the golden traces (PyTorch 1.13 / Keras), each
 * with the file and index it came from; the full traces run through the CLI. */
#include <string.h>

#include "check.h"
#include "lrplay.h"

#define RTOL 1e-9 /* the golden files' rtol */
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
    CHECK_MSG(st == LRP_EINVAL, "want EINVAL for %s", want_prefix);
    CHECK_MSG(strncmp(err, want_prefix, strlen(want_prefix)) == 0, "err \"%s\", want prefix \"%s\"", err, want_prefix);
}

static void test_validate(void)
{
    char err[128];
    lrp_sched_cfg c = make(LRP_SCHED_STEP);
    c.gamma = 0.0;
    CHECK(lrp_sched_validate(&c, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strcmp(err, "schedule.gamma: must be > 0") == 0, "%s", err);
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
    expect_invalid(&c, "schedule.milestones:");

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

static void test_golden_values(void)
{
    lrp_sched_cfg c;
    /* tests/golden/step.json: base 0.1, step_size 7, gamma 0.5 */
    c = make(LRP_SCHED_STEP); c.step_size = 7; c.gamma = 0.5;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 0), 0.1);      /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 6), 0.1);      /* lr[6] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 7), 0.05);     /* lr[7] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 40), 0.003125); /* lr[40] */

    /* tests/golden/multistep.json: base 0.1, milestones [10, 25], gamma 0.1 */
    c = make(LRP_SCHED_MULTISTEP); c.n_milestones = 2; c.milestones[0] = 10; c.milestones[1] = 25; c.gamma = 0.1;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 9), 0.1);                    /* lr[9] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 10), 0.010000000000000002);  /* lr[10] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 25), 0.0010000000000000002); /* lr[25] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 40), 0.0010000000000000002); /* lr[40] */

    /* tests/golden/exponential.json: base 0.1, gamma 0.95 */
    c = make(LRP_SCHED_EXPONENTIAL); c.gamma = 0.95;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 0), 0.1);                  /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 1), 0.095);                /* lr[1] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 4), 0.08145062499999998);  /* lr[4] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 40), 0.012851215656510309); /* lr[40] */

    /* tests/golden/cosine.json: base 0.1, T_max 30, eta_min 1e-4 (periodic past T_max) */
    c = make(LRP_SCHED_COSINE); c.T_max = 30; c.eta_min = 1e-4;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 0), 0.1);                   /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 15), 0.050050000000000025); /* lr[15] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 30), 0.0001);               /* lr[30] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 45), 0.050050000000001024); /* lr[45] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 60), 0.10000000000000206);  /* lr[60] */

    /* tests/golden/cosine-warm-restarts.json: base 0.1, T_0 10, T_mult 2, eta_min 1e-5 */
    c = make(LRP_SCHED_COSINE_WARM_RESTARTS); c.T_0 = 10; c.T_mult = 2; c.eta_min = 1e-5;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 9), 0.0024569294678237993); /* lr[9] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 10), 0.1);                  /* lr[10] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 29), 0.0006255214119460928); /* lr[29] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 30), 0.1);                  /* lr[30] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 70), 0.1);                  /* lr[70] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 80), 0.09619435722790179);  /* lr[80] */

    /* tests/golden/linear-warmup.json: base 0.1, start 0.1, end 1.0, total_iters 10 */
    c = make(LRP_SCHED_LINEAR); c.start_factor = 0.1; c.end_factor = 1.0; c.total_iters = 10;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 0), 0.010000000000000002); /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 5), 0.055000000000000014); /* lr[5] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 10), 0.10000000000000005); /* lr[10] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 40), 0.10000000000000005); /* lr[40] */

    /* tests/golden/onecycle.json: max_lr 0.1, total 100, pct 0.3, cos, div 25, final 1e4 */
    c = make(LRP_SCHED_ONECYCLE); c.max_lr = 0.1; c.total_steps = 100;
    CHECK_REL(lrp_sched_lr(&c, 0.1, 0), 0.0040000000000000036); /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 29), 0.1);                  /* lr[29] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 99), 4e-07);                /* lr[99] */
    CHECK_REL(lrp_sched_lr(&c, 0.1, 100), 5.074647154757325e-05); /* lr[100] */
    CHECK_REL(lrp_sched_lr(&c, 123.0, 29), 0.1);                /* base_lr is ignored */

    /* tests/golden/onecycle-linear-3phase.json: max 0.05, total 60, pct 0.4, linear, div 10, final 100 */
    c = make(LRP_SCHED_ONECYCLE); c.max_lr = 0.05; c.total_steps = 60; c.pct_start = 0.4;
    c.anneal_strategy = LRP_ANNEAL_LINEAR; c.div_factor = 10.0; c.final_div_factor = 100.0; c.three_phase = 1;
    CHECK_REL(lrp_sched_lr(&c, 0.05, 0), 0.005);                 /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.05, 23), 0.05);                 /* lr[23] */
    CHECK_REL(lrp_sched_lr(&c, 0.05, 46), 0.0049999999999999975); /* lr[46] */
    CHECK_REL(lrp_sched_lr(&c, 0.05, 59), 4.99999999999997e-05);  /* lr[59] */

    /* tests/golden/cyclic-triangular2.json: base 0.001, max 0.1, up 8, down null */
    c = make(LRP_SCHED_CYCLIC); c.cyc_base_lr = 0.001; c.max_lr = 0.1; c.step_size_up = 8; c.step_size_down = 0;
    c.cyclic_mode = LRP_CYCLIC_TRIANGULAR2; c.gamma = 1.0;
    CHECK_REL(lrp_sched_lr(&c, 0.001, 0), 0.001);     /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.001, 8), 0.1);       /* lr[8] */
    CHECK_REL(lrp_sched_lr(&c, 0.001, 24), 0.0505);   /* lr[24] */
    CHECK_REL(lrp_sched_lr(&c, 0.001, 60), 0.0071875); /* lr[60] */

    /* tests/golden/cyclic-exp-range.json: base 0.001, max 0.1, up 6, down 6, gamma 0.97 */
    c = make(LRP_SCHED_CYCLIC); c.cyc_base_lr = 0.001; c.max_lr = 0.1; c.step_size_up = 6; c.step_size_down = 6;
    c.cyclic_mode = LRP_CYCLIC_EXP_RANGE; c.gamma = 0.97;
    CHECK_REL(lrp_sched_lr(&c, 0.001, 1), 0.01700499999999999);  /* lr[1] */
    CHECK_REL(lrp_sched_lr(&c, 0.001, 6), 0.08346422848797098);  /* lr[6] */
    CHECK_REL(lrp_sched_lr(&c, 0.001, 12), 0.001);               /* lr[12] */
    CHECK_REL(lrp_sched_lr(&c, 0.001, 50), 0.008196157386464453); /* lr[50] */

    /* tests/golden/inverse-time.json: base 0.01, decay_rate 0.01, decay_steps 1 */
    c = make(LRP_SCHED_INVERSE_TIME); c.decay_rate = 0.01; c.decay_steps = 1;
    CHECK_REL(lrp_sched_lr(&c, 0.01, 0), 0.01);                  /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 0.01, 1), 0.009900990099009901);  /* lr[1] */
    CHECK_REL(lrp_sched_lr(&c, 0.01, 60), 0.0062499999999999995); /* lr[60] */

    /* tests/golden/lr-range-exp.json: base 1e-7, end 10, num_iter 100, exp */
    c = make(LRP_SCHED_LR_RANGE); c.end_lr = 10.0; c.num_iter = 100;
    CHECK_REL(lrp_sched_lr(&c, 1e-7, 0), 1e-07);                  /* lr[0] */
    CHECK_REL(lrp_sched_lr(&c, 1e-7, 1), 1.2045035402587822e-07); /* lr[1] */
    CHECK_REL(lrp_sched_lr(&c, 1e-7, 50), 0.0010974987654930567); /* lr[50] */
    CHECK_REL(lrp_sched_lr(&c, 1e-7, 99), 10.0);                  /* lr[99] */

    /* tests/golden/lr-range-linear.json: base 0.001, end 1.0, num_iter 50, linear */
    c = make(LRP_SCHED_LR_RANGE); c.end_lr = 1.0; c.num_iter = 50; c.step_mode = LRP_RAMP_LINEAR;
    CHECK_REL(lrp_sched_lr(&c, 0.001, 1), 0.021387755102040815); /* lr[1] */
    CHECK_REL(lrp_sched_lr(&c, 0.001, 49), 1.0);                  /* lr[49] */
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

static void expect_refused(const lrp_sched_cfg *c, long steps, const char *want_prefix)
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

int main(void)
{
    test_defaults();
    test_validate();
    test_golden_values();
    test_endpoints();
    test_warmup();
    test_check_steps();
    return check_done("test_schedule");
}
