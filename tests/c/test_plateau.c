/* test_plateau.c — ReduceLROnPlateau, torch and keras flavors: every golden plateau case
 * (metrics copied from tests/golden/plateau-*.json, the expected rates given as the
 * epochs where they change, also copied from there), then hand-built edge cases that
 * check the state fields by name. */
#include <string.h>

#include "check.h"
#include "lrplay.h"

/* spec.metrics of tests/golden/plateau-torch-abs-cooldown.json (= plateau-torch-eps, plateau-keras-seed-example) */
static const double METRICS_A[80] = {
    2.305672, 1.921779, 1.628248, 1.324379, 1.252649, 1.070084, 0.892626, 0.816408,
    0.712229, 0.613983, 0.599998, 0.51229, 0.471571, 0.424783, 0.435269, 0.396598,
    0.397883, 0.348531, 0.358452, 0.317973, 0.361875, 0.335632, 0.334472, 0.332419,
    0.286137, 0.336971, 0.372734, 0.25988, 0.255513, 0.26091, 0.330201, 0.30792,
    0.335673, 0.324394, 0.308545, 0.310345, 0.2964, 0.327276, 0.267109, 0.288164,
    0.257959, 0.313655, 0.244, 0.240556, 0.260936, 0.310931, 0.278092, 0.327566,
    0.233865, 0.325702, 0.32437, 0.251974, 0.300132, 0.332809, 0.299638, 0.327535,
    0.369236, 0.306572, 0.290241, 0.275765, 0.318538, 0.293358, 0.294032, 0.296346,
    0.31909, 0.267677, 0.253832, 0.226761, 0.335778, 0.302064, 0.345181, 0.299631,
    0.277653, 0.314271, 0.297647, 0.262329, 0.273411, 0.352973, 0.310606, 0.312471,
};
/* spec.metrics of tests/golden/plateau-torch-default.json (= plateau-keras-default) */
static const double METRICS_B[100] = {
    2.303456, 1.945678, 1.643944, 1.384592, 1.207711, 1.040223, 0.897019, 0.799005,
    0.707439, 0.633539, 0.570955, 0.527073, 0.474071, 0.446918, 0.416799, 0.405563,
    0.381922, 0.363822, 0.346828, 0.34217, 0.336713, 0.327235, 0.337495, 0.330171,
    0.289348, 0.294586, 0.309285, 0.304811, 0.309532, 0.308228, 0.326136, 0.292939,
    0.299547, 0.323148, 0.308695, 0.308454, 0.296353, 0.284742, 0.302676, 0.30191,
    0.288397, 0.293717, 0.299729, 0.290921, 0.299319, 0.301202, 0.300558, 0.295103,
    0.306073, 0.309023, 0.253299, 0.250956, 0.273861, 0.267595, 0.286366, 0.270922,
    0.294112, 0.287492, 0.277436, 0.288611, 0.293787, 0.297198, 0.28565, 0.285219,
    0.298961, 0.292848, 0.300321, 0.30593, 0.282148, 0.301427, 0.311332, 0.296276,
    0.291279, 0.307021, 0.302124, 0.308623, 0.296273, 0.284956, 0.298715, 0.295391,
    0.30763, 0.301835, 0.283609, 0.28798, 0.308782, 0.306752, 0.29356, 0.299959,
    0.304431, 0.304664, 0.308746, 0.302551, 0.29904, 0.297402, 0.31055, 0.277485,
    0.298608, 0.300326, 0.285743, 0.303325,
};
/* spec.metrics of tests/golden/plateau-torch-max.json (= plateau-keras-max) */
static const double METRICS_C[100] = {
    0.22653, 0.362698, 0.451726, 0.536018, 0.601956, 0.655466, 0.705937, 0.736375,
    0.768286, 0.778724, 0.809024, 0.827307, 0.840459, 0.852711, 0.862977, 0.868111,
    0.871219, 0.878546, 0.878592, 0.885752, 0.887709, 0.88485, 0.889998, 0.894983,
    0.895123, 0.893706, 0.889872, 0.897888, 0.898347, 0.894641, 0.901302, 0.899619,
    0.89595, 0.897159, 0.898952, 0.897158, 0.908929, 0.896188, 0.902865, 0.905289,
    0.898855, 0.897482, 0.901333, 0.903465, 0.899812, 0.900094, 0.895247, 0.897453,
    0.899309, 0.896258, 0.917321, 0.916707, 0.909205, 0.907188, 0.908191, 0.90873,
    0.904247, 0.912415, 0.901058, 0.901112, 0.907714, 0.901639, 0.904723, 0.898712,
    0.907792, 0.903877, 0.898313, 0.896701, 0.907648, 0.902032, 0.899211, 0.90228,
    0.894902, 0.904138, 0.898955, 0.903607, 0.895405, 0.900147, 0.901302, 0.905778,
    0.894435, 0.897525, 0.897516, 0.89623, 0.898854, 0.902146, 0.90268, 0.902678,
    0.895441, 0.904875, 0.901993, 0.901075, 0.899255, 0.898085, 0.904166, 0.905769,
    0.900016, 0.895956, 0.897478, 0.899282,
};

typedef struct { int epoch; double lr; } change;

/* Runs the metrics and checks lr[k] (the rate after metrics[k-1]) against the changes:
 * bit for bit, since every golden plateau rate here is reproduced exactly. */
static void run_case(const char *name, const lrp_sched_cfg *c, double base, const double *m, int n,
                     const change *ch, int n_ch)
{
    char err[128];
    CHECK_MSG(lrp_sched_validate(c, err, sizeof err) == LRP_OK, "%s: %s", name, err);
    lrp_plateau s;
    lrp_plateau_init(&s, c, base);
    double want = base;
    int next = 0, mismatches = 0, reductions = 0;
    CHECK(s.lr == base);
    for (int k = 1; k <= n; k++) {
        int r = lrp_plateau_step(&s, m[k - 1]);
        reductions += r;
        int changed = next < n_ch && ch[next].epoch == k;
        if (changed) want = ch[next++].lr;
        if (s.lr != want || r != changed) {
            if (mismatches++ < 3)
                fprintf(stderr, "%s: lr[%d] = %.17g (reduced %d), want %.17g (%d)\n", name, k, s.lr, r, want, changed);
        }
    }
    CHECK_MSG(mismatches == 0, "%s: %d epochs differ", name, mismatches);
    CHECK_MSG(reductions == n_ch, "%s: %d reductions, want %d", name, reductions, n_ch);
    CHECK(s.last_epoch == n);
}

static lrp_sched_cfg plateau(lrp_flavor flavor, lrp_mode mode, double factor, long patience, long cooldown, double min_lr)
{
    lrp_sched_cfg c;
    lrp_sched_defaults(&c, LRP_SCHED_PLATEAU);
    c.flavor = flavor; c.mode = mode; c.factor = factor; c.patience = patience; c.cooldown = cooldown; c.min_lr = min_lr;
    return c;
}

static void test_golden(void)
{
    lrp_sched_cfg c;
    /* tests/golden/plateau-torch-abs-cooldown.json */
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MIN, 0.5, 3, 2, 1e-4);
    c.threshold = 0.01; c.threshold_mode = LRP_THRESH_ABS; c.eps = 1e-8;
    static const change a1[] = { {24, 0.05}, {32, 0.025}, {38, 0.0125}, {47, 0.00625}, {53, 0.003125}, {59, 0.0015625},
                                 {65, 0.00078125}, {71, 0.000390625}, {77, 0.0001953125} };
    run_case("plateau-torch-abs-cooldown", &c, 0.1, METRICS_A, 80, a1, 9);

    /* tests/golden/plateau-torch-eps.json */
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MIN, 0.5, 1, 0, 0.0);
    c.threshold = 0.0; c.threshold_mode = LRP_THRESH_REL; c.eps = 0.001;
    static const change a2[] = { {22, 0.005}, {24, 0.0025}, {27, 0.00125} };
    run_case("plateau-torch-eps", &c, 0.01, METRICS_A, 80, a2, 3);

    /* tests/golden/plateau-keras-seed-example.json */
    c = plateau(LRP_FLAVOR_KERAS, LRP_MODE_MIN, 0.2, 5, 1, 1e-5);
    c.min_delta = 0.01;
    static const change a3[] = { {33, 0.001999999862164259}, {38, 0.0003999999607913196}, {48, 7.99999907030724e-05},
                                 {54, 1.599999814061448e-05}, {59, 9.999999747378752e-06} };
    run_case("plateau-keras-seed-example", &c, 0.01, METRICS_A, 80, a3, 5);

    /* tests/golden/plateau-torch-default.json */
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MIN, 0.1, 10, 0, 0.0);
    static const change b1[] = { {36, 0.010000000000000002}, {49, 0.0010000000000000002}, {63, 0.00010000000000000003},
                                 {74, 1.0000000000000004e-05}, {85, 1.0000000000000004e-06}, {96, 1.0000000000000005e-07} };
    run_case("plateau-torch-default", &c, 0.1, METRICS_B, 100, b1, 6);

    /* tests/golden/plateau-keras-default.json */
    c = plateau(LRP_FLAVOR_KERAS, LRP_MODE_MIN, 0.1, 10, 0, 0.0);
    c.min_delta = 1e-4;
    static const change b2[] = { {35, 0.00010000000474974513}, {48, 1.0000000656873453e-05}, {62, 1.0000001111620804e-06},
                                 {72, 1.000000082740371e-07}, {82, 1.000000082740371e-08}, {92, 1.000000082740371e-09} };
    run_case("plateau-keras-default", &c, 0.001, METRICS_B, 100, b2, 6);

    /* tests/golden/plateau-torch-max.json */
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MAX, 0.2, 4, 1, 0.0);
    c.threshold = 0.001; c.threshold_mode = LRP_THRESH_REL; c.eps = 1e-8;
    static const change c1[] = { {36, 0.2}, {42, 0.04000000000000001}, {48, 0.008000000000000002}, {56, 0.0016000000000000005},
                                 {62, 0.00032000000000000013}, {68, 6.400000000000002e-05}, {74, 1.2800000000000006e-05},
                                 {80, 2.5600000000000013e-06}, {86, 5.120000000000002e-07}, {92, 1.0240000000000006e-07},
                                 {98, 2.0480000000000012e-08} };
    run_case("plateau-torch-max", &c, 1.0, METRICS_C, 100, c1, 11);

    /* tests/golden/plateau-keras-max.json */
    c = plateau(LRP_FLAVOR_KERAS, LRP_MODE_MAX, 0.5, 3, 0, 0.01);
    c.min_delta = 0.001;
    static const change c2[] = { {27, 0.25}, {34, 0.125}, {40, 0.0625}, {43, 0.03125}, {46, 0.015625}, {49, 0.009999999776482582} };
    run_case("plateau-keras-max", &c, 0.5, METRICS_C, 100, c2, 6);
}

static void test_torch_edges(void)
{
    lrp_plateau s;
    lrp_sched_cfg c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MIN, 0.5, 2, 0, 0.0);
    lrp_plateau_init(&s, &c, 1.0);
    CHECK(s.best == 1.0 / 0.0 && s.num_bad == 0 && s.cooldown_counter == 0 && s.last_epoch == 0);
    /* patience 2: reduce on the 3rd bad epoch */
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.best == 1.0 && s.num_bad == 0);
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.num_bad == 1);
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.num_bad == 2);
    CHECK(lrp_plateau_step(&s, 1.0) == 1 && s.lr == 0.5 && s.num_bad == 0 && s.last_epoch == 4);
    /* rel threshold: 1e-4 of best is not enough */
    CHECK(lrp_plateau_step(&s, 1.0 - 0.5e-4) == 0 && s.num_bad == 1 && s.best == 1.0);
    CHECK(lrp_plateau_step(&s, 0.9) == 0 && s.num_bad == 0 && s.best == 0.9);
    /* NaN is never better */
    CHECK(lrp_plateau_step(&s, 0.0 / 0.0) == 0 && s.num_bad == 1 && s.best == 0.9);

    /* cooldown 2: the two epochs after a reduction count no bad epochs */
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MIN, 0.5, 0, 2, 0.0);
    lrp_plateau_init(&s, &c, 1.0);
    CHECK(lrp_plateau_step(&s, 1.0) == 0);
    CHECK(lrp_plateau_step(&s, 2.0) == 1 && s.cooldown_counter == 2 && s.lr == 0.5);
    CHECK(lrp_plateau_step(&s, 2.0) == 0 && s.cooldown_counter == 1 && s.num_bad == 0);
    CHECK(lrp_plateau_step(&s, 2.0) == 0 && s.cooldown_counter == 0 && s.num_bad == 0);
    CHECK(lrp_plateau_step(&s, 2.0) == 1 && s.lr == 0.25);

    /* min_lr clamps; a change of eps or less is skipped but still restarts the counters */
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MIN, 0.1, 0, 3, 0.3);
    lrp_plateau_init(&s, &c, 1.0);
    CHECK(lrp_plateau_step(&s, 1.0) == 0);
    CHECK(lrp_plateau_step(&s, 1.0) == 1 && s.lr == 0.3);
    s.cooldown_counter = 0;
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.lr == 0.3 && s.cooldown_counter == 3 && s.num_bad == 0);
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MIN, 0.5, 0, 0, 0.0);
    c.eps = 0.5;
    lrp_plateau_init(&s, &c, 0.8);
    CHECK(lrp_plateau_step(&s, 1.0) == 0);
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.lr == 0.8); /* 0.8 - 0.4 <= eps */

    /* max mode, abs threshold */
    c = plateau(LRP_FLAVOR_TORCH, LRP_MODE_MAX, 0.5, 0, 0, 0.0);
    c.threshold_mode = LRP_THRESH_ABS; c.threshold = 0.1;
    lrp_plateau_init(&s, &c, 1.0);
    CHECK(s.best == -1.0 / 0.0);
    CHECK(lrp_plateau_step(&s, 0.5) == 0 && s.best == 0.5);
    CHECK(lrp_plateau_step(&s, 0.55) == 1 && s.best == 0.5);
    CHECK(lrp_plateau_step(&s, 0.61) == 0 && s.best == 0.61);
}

static void test_keras_edges(void)
{
    lrp_plateau s;
    lrp_sched_cfg c = plateau(LRP_FLAVOR_KERAS, LRP_MODE_MIN, 0.5, 2, 0, 0.0);
    c.min_delta = 0.0;
    lrp_plateau_init(&s, &c, 1.0);
    /* patience 2: reduce when wait reaches 2, i.e. on the 2nd bad epoch */
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.best == 1.0);
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.num_bad == 1);
    CHECK(lrp_plateau_step(&s, 1.0) == 1 && s.lr == 0.5 && s.num_bad == 0);
    /* NaN is never better */
    CHECK(lrp_plateau_step(&s, 0.0 / 0.0) == 0 && s.num_bad == 1 && s.best == 1.0);

    /* cooldown 1 has no effect: identical rates to cooldown 0 */
    static const double m[12] = { 3, 2, 2, 2, 2, 2, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5 };
    lrp_sched_cfg c0 = plateau(LRP_FLAVOR_KERAS, LRP_MODE_MIN, 0.5, 1, 0, 0.0);
    lrp_sched_cfg c1 = c0, c2 = c0;
    c1.cooldown = 1;
    c2.cooldown = 2;
    lrp_plateau s0, s1, s2;
    lrp_plateau_init(&s0, &c0, 1.0);
    lrp_plateau_init(&s1, &c1, 1.0);
    lrp_plateau_init(&s2, &c2, 1.0);
    int same01 = 1, same02 = 1;
    for (int k = 0; k < 12; k++) {
        lrp_plateau_step(&s0, m[k]);
        lrp_plateau_step(&s1, m[k]);
        lrp_plateau_step(&s2, m[k]);
        same01 &= s0.lr == s1.lr;
        same02 &= s0.lr == s2.lr;
    }
    CHECK(same01);
    CHECK(!same02); /* cooldown 2 does delay */

    /* the rate is float32 after a reduction; the min_lr test is in float32 */
    c = plateau(LRP_FLAVOR_KERAS, LRP_MODE_MIN, 0.2, 0, 0, 1e-5);
    lrp_plateau_init(&s, &c, 0.01);
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.lr == 0.01); /* better than inf; unrounded until reduced */
    CHECK(lrp_plateau_step(&s, 1.0) == 1);
    CHECK(s.lr == 0.001999999862164259); /* plateau-keras-seed-example.json lr[33] */
    c = plateau(LRP_FLAVOR_KERAS, LRP_MODE_MIN, 0.5, 0, 0, 0.01);
    lrp_plateau_init(&s, &c, 0.015625);
    CHECK(lrp_plateau_step(&s, 1.0) == 0);
    CHECK(lrp_plateau_step(&s, 1.0) == 1 && s.lr == (double)0.01f && s.num_bad == 0);
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.lr == (double)0.01f); /* float32(0.01) is not > float32(min_lr) */
    CHECK(lrp_plateau_step(&s, 1.0) == 0 && s.num_bad == 2);         /* wait keeps counting at the floor */
}

int main(void)
{
    test_golden();
    test_torch_edges();
    test_keras_edges();
    return check_done("test_plateau");
}
