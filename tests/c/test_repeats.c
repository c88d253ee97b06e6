/* test_repeats.c — repeats over seeds and the picked rate: the statistics across seeds
 * (hand-worked values), the band over curves of different lengths, the wins and their
 * ties, the pick and its fallback order, the pick policy of runs, seed k of a repeated
 * experiment, and the checks on repeats (range, seed overflow, work over every seed). */
#include <math.h>
#include <string.h>

#include "check.h"
#include "lrplay.h"

static int is_nan(double x) { return x != x; }

static void test_stats(void)
{
    lrp_stats s;
    const double odd[3] = {3, 1, 2};
    lrp_stats_of(odd, 3, &s);
    CHECK(s.n == 3 && s.mean == 2 && s.median == 2 && s.min == 1 && s.max == 3);
    CHECK(s.sd == 1);                                   /* sample sd: sqrt(2 / 2) */
    const double even[4] = {4, NAN, 1, 2, };
    lrp_stats_of(even, 3, &s);                          /* NaN does not count */
    CHECK(s.n == 2 && s.median == 2.5 && s.min == 1 && s.max == 4 && s.mean == 2.5);
    CHECK_NEAR(s.sd, sqrt(4.5), 1e-15);
    const double four[4] = {0.1, 0.4, 0.3, 0.2};
    lrp_stats_of(four, 4, &s);
    CHECK(s.median == (0.2 + 0.3) / 2.0);               /* numpy's median of an even count */
    const double one[1] = {5};
    lrp_stats_of(one, 1, &s);
    CHECK(s.n == 1 && s.mean == 5 && s.median == 5 && is_nan(s.sd));
    const double none[2] = {NAN, INFINITY};
    lrp_stats_of(none, 2, &s);
    CHECK(s.n == 0 && is_nan(s.mean) && is_nan(s.median) && is_nan(s.min) && is_nan(s.max) && is_nan(s.sd));
    lrp_stats_of(none, 0, &s);
    CHECK(s.n == 0);
    const double acc[5] = {NAN, 0.5, 0.75, 0.75, -INFINITY};
    CHECK(lrp_max_finite(acc, 5) == 0.75);
    CHECK(is_nan(lrp_max_finite(none, 2)) && is_nan(lrp_max_finite(acc, 0)));
}

static void test_band(void)
{
    /* three series of lengths 3, 1, 2 */
    const double v[6] = {1, 2, 3,   5,   NAN, 4};
    const size_t len[3] = {3, 1, 2};
    double med[4], lo[4], hi[4];
    uint32_t cnt[4];
    lrp_band(v, len, 3, 4, med, lo, hi, cnt);
    CHECK(cnt[0] == 2 && med[0] == 3 && lo[0] == 1 && hi[0] == 5);   /* NaN of series 2 left out */
    CHECK(cnt[1] == 2 && med[1] == 3 && lo[1] == 2 && hi[1] == 4);
    CHECK(cnt[2] == 1 && med[2] == 3 && lo[2] == 3 && hi[2] == 3);
    CHECK(cnt[3] == 0 && is_nan(med[3]) && is_nan(lo[3]) && is_nan(hi[3]));
}

static void test_wins(void)
{
    /* runs x seeds: run 0 = {1, 2, 3, NaN}, run 1 = {2, 2, 1, NaN}, run 2 = {NaN, 3, 0.5, 1} */
    const double best[12] = {1, 2, 3, NAN,   2, 2, 1, NAN,   NAN, 3, 0.5, 1};
    uint32_t b[9];
    lrp_wins(best, 3, 4, b);
    CHECK(b[0] == 0 && b[4] == 0 && b[8] == 0);
    CHECK(b[0 * 3 + 1] == 1 && b[1 * 3 + 0] == 1);   /* seed 1 a tie, seed 3 NaN against NaN */
    CHECK(b[0 * 3 + 2] == 2 && b[2 * 3 + 0] == 2);   /* a finite value beats NaN */
    CHECK(b[1 * 3 + 2] == 2 && b[2 * 3 + 1] == 2);
}

static void test_pick(void)
{
    lrp_lrfind_result a;
    memset(&a, 0, sizeof a);
    a.have = LRP_SUGGEST_MINIMUM | LRP_SUGGEST_STEEP | LRP_SUGGEST_VALLEY;
    a.minimum = 0.001; a.steep = 0.05; a.valley = 0.004;
    double r[LRP_PICK__COUNT];
    for (int k = 0; k < LRP_PICK__COUNT; k++) if (!lrp_lrfind_suggestion(&a, (lrp_pick)k, &r[k])) r[k] = NAN;
    CHECK(r[LRP_PICK_STEEP] == 0.05 && r[LRP_PICK_VALLEY] == 0.004 && r[LRP_PICK_MINIMUM] == 0.001);
    CHECK(lrp_pick_resolve(r, LRP_PICK_STEEP) == LRP_PICK_STEEP);
    CHECK(lrp_pick_resolve(r, LRP_PICK_VALLEY) == LRP_PICK_VALLEY);
    CHECK(lrp_pick_resolve(r, LRP_PICK_MINIMUM) == LRP_PICK_MINIMUM);
    /* the fallback order: steep, valley, slide, gradient, minimum */
    double f[LRP_PICK__COUNT] = {NAN, NAN, NAN, NAN, NAN};
    CHECK(lrp_pick_resolve(f, LRP_PICK_STEEP) == -1);
    f[LRP_PICK_MINIMUM] = 1;
    CHECK(lrp_pick_resolve(f, LRP_PICK_VALLEY) == LRP_PICK_MINIMUM);
    f[LRP_PICK_GRADIENT] = 2;
    CHECK(lrp_pick_resolve(f, LRP_PICK_VALLEY) == LRP_PICK_GRADIENT);
    f[LRP_PICK_SLIDE] = 3;
    CHECK(lrp_pick_resolve(f, LRP_PICK_STEEP) == LRP_PICK_SLIDE);
    f[LRP_PICK_VALLEY] = 4;
    CHECK(lrp_pick_resolve(f, LRP_PICK_STEEP) == LRP_PICK_VALLEY);
    CHECK(lrp_pick_resolve(f, LRP_PICK_MINIMUM) == LRP_PICK_MINIMUM);
    f[LRP_PICK_STEEP] = 5;
    CHECK(lrp_pick_resolve(f, LRP_PICK_GRADIENT) == LRP_PICK_GRADIENT);
    CHECK(lrp_pick_resolve(f, (lrp_pick)99) == LRP_PICK_STEEP);
    a.have = LRP_SUGGEST_MINIMUM | LRP_SUGGEST_STEEP;     /* valley absent */
    double lr = -1;
    CHECK(lrp_lrfind_suggestion(&a, LRP_PICK_VALLEY, &lr) == 0 && lr == -1);
    CHECK(strcmp(lrp_pick_name(LRP_PICK_STEEP), "steep") == 0 && strcmp(lrp_pick_name(LRP_PICK_GRADIENT), "gradient") == 0);
    CHECK(strcmp(lrp_pick_name(LRP_PICK__COUNT), "?") == 0);
}

static lrp_experiment small(void)
{
    lrp_experiment e;
    lrp_experiment_defaults(&e);
    e.data.samples = 120;
    e.epochs = 3;
    e.find.num_iter = 20;
    return e;
}

static void test_policy(void)
{
    lrp_experiment e = small();
    CHECK(e.repeats == 1 && e.runs_from_pick == 1 && e.find.picked_lr == 0 && e.find.pick == LRP_PICK_STEEP);
    CHECK(e.runs[0].lr_policy == LRP_LR_PICK);
    CHECK(lrp_run_start_lr(&e, 0) == e.runs[0].optim.lr);          /* nothing picked: the run's own */
    e.find.picked_lr = 0.005;
    e.runs[2].lr_policy = LRP_LR_OWN;
    CHECK(lrp_run_start_lr(&e, 0) == 0.005 && lrp_run_start_lr(&e, 2) == e.runs[2].optim.lr);
    e.runs_from_pick = 0;
    CHECK(lrp_run_start_lr(&e, 0) == e.runs[0].optim.lr);
    e.runs_from_pick = 1;

    /* a session trains each run from its start rate; one-cycle peaks at it */
    lrp_session *s = NULL;
    char err[256];
    CHECK(lrp_session_create(&s, &e, err, sizeof err) == LRP_OK);
    lrp_train_result r;
    CHECK(lrp_train_begin(s, 0) == LRP_OK);
    while (lrp_train_epoch(s)) {}
    lrp_train_get(s, &r);
    CHECK(r.lr[0] == 0.005 && r.lr[2] == 0.005);
    CHECK(lrp_train_begin(s, 2) == LRP_OK);                       /* own: plateau from 0.03 */
    while (lrp_train_epoch(s)) {}
    lrp_train_get(s, &r);
    CHECK(r.lr[0] == 0.03);
    CHECK(lrp_train_begin(s, 3) == LRP_OK);                       /* one-cycle: max 0.005 */
    lrp_train_get(s, &r);
    while (lrp_train_epoch(s)) {}
    lrp_train_get(s, &r);
    double top = 0;
    for (size_t k = 0; k < r.epochs_done; k++) if (r.lr[k] > top) top = r.lr[k];
    CHECK(top <= 0.005 && top > 0.005 / 25 - 1e-12);
    lrp_session_destroy(s);
}

static void test_seed_k_and_checks(void)
{
    lrp_experiment e = small(), one;
    char err[512];
    e.repeats = 4;
    e.seed = 7;
    CHECK(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK);
    lrp_exp_seed_k(&e, 3, &one);
    CHECK(one.seed == 10 && one.repeats == 1 && one.n_runs == e.n_runs && one.epochs == e.epochs);

    e.repeats = 11;
    CHECK(lrp_experiment_validate(&e, err, sizeof err) != LRP_OK && strstr(err, "repeats") != NULL);
    e.repeats = 0;
    CHECK(lrp_experiment_validate(&e, err, sizeof err) != LRP_OK && strstr(err, "repeats") != NULL);
    e.repeats = 2;
    e.seed = 4294967295u;
    CHECK(lrp_experiment_validate(&e, err, sizeof err) == LRP_EINVAL && strstr(err, "repeats: seeds 4294967295") == err);
    e.repeats = 1;
    CHECK(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK);

    /* the time cap counts every seed: a training between half the cap and the cap with one
     * seed is over it with two (epochs found from the core's own estimate) */
    lrp_experiment w = small();
    lrp_cost c;
    w.data.samples = 20000;
    int64_t ep = 0;
    for (int64_t k = 1; k <= LRP_MAX_EPOCHS && !ep; k++) {
        w.epochs = k;
        lrp_experiment_cost(&w, &c);
        if (c.train > 0.55 * LRP_MAX_SECONDS && c.train < LRP_MAX_SECONDS) ep = k;
    }
    CHECK(ep > 0);
    w.epochs = ep;
    CHECK(lrp_experiment_validate(&w, err, sizeof err) == LRP_OK);
    w.repeats = 2;
    CHECK(lrp_experiment_validate(&w, err, sizeof err) == LRP_ELIMIT);
    CHECK(strstr(err, "epochs: ") == err && strstr(err, "over 2 seeds") && strstr(err, "or fewer repeats"));
    /* the range test too */
    w.repeats = 1;
    w.epochs = 1;
    w.data.samples = 600;
    w.hidden[0] = w.hidden[1] = 512;
    w.batch_size = 4096;
    int64_t it = 0;
    for (int64_t k = 5; k <= LRP_MAX_ITERS && !it; k++) {
        w.find.num_iter = k;
        lrp_experiment_cost(&w, &c);
        if (c.find > 0.55 * LRP_MAX_SECONDS && c.find < LRP_MAX_SECONDS) it = k;
    }
    CHECK(it > 0 && c.train * 2 < LRP_MAX_SECONDS);
    w.find.num_iter = it;
    CHECK(lrp_experiment_validate(&w, err, sizeof err) == LRP_OK);
    w.repeats = 2;
    CHECK(lrp_experiment_validate(&w, err, sizeof err) == LRP_ELIMIT);
    CHECK(strstr(err, "find.num_iter: ") == err && strstr(err, "over 2 seeds"));
}

int main(void)
{
    test_stats();
    test_band();
    test_wins();
    test_pick();
    test_policy();
    test_seed_k_and_checks();
    return check_done("test_repeats");
}
