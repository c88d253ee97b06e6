/* test_cost.c — the cap on an experiment's time (c_src/cost.c, validate.c): the boundary
 * both ways for each family of costly configs (a wide network's epochs, batch-1 steps of a
 * tiny one, many runs, the range test), the configs of issue 10 that the old cap on
 * samples x parameters let through, and the parts of the model a cap on samples x
 * parameters alone would miss (steps, activations, validation). No timing here: the
 * benchmark (bench/bench_cost.mjs) checks the model against the clock. */
#include "check.h"
#include "lrplay.h"

#include <stdio.h>
#include <string.h>

static int has(const char *s, const char *part) { return strstr(s, part) != NULL; }

/* The defaults, no runs, then path=value pairs; runs given as a count of default runs. */
static lrp_experiment make(const char *const *pairs, size_t runs) {
    lrp_experiment e;
    char err[256], path[32];
    lrp_experiment_defaults(&e);
    lrp_exp_clear_runs(&e);
    for (size_t r = 0; r < runs; r++) {
        snprintf(path, sizeof path, "runs.%zu.label", r);
        CHECK_MSG(lrp_exp_set_string(&e, path, "run", err, sizeof err) == LRP_OK, "%s", err);
    }
    for (size_t i = 0; pairs[i]; i += 2)
        CHECK_MSG(lrp_exp_set_text(&e, pairs[i], pairs[i + 1], LRP_SET_STRICT, err, sizeof err) == LRP_OK,
                  "%s=%s: %s", pairs[i], pairs[i + 1], err);
    return e;
}

/* Admitted with `field` at `ok`, refused one above it with one line that names `field`. */
static void boundary(const char *name, const char *const *pairs, size_t runs, const char *field, long ok, const char *say) {
    lrp_experiment e = make(pairs, runs);
    char err[256], v[32];
    snprintf(v, sizeof v, "%ld", ok);
    CHECK(lrp_exp_set_text(&e, field, v, LRP_SET_STRICT, err, sizeof err) == LRP_OK);
    CHECK_MSG(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK, "%s at %s=%ld: %s", name, field, ok, err);
    lrp_cost c;
    double worst = lrp_experiment_cost(&e, &c);
    CHECK_MSG(worst <= LRP_MAX_SECONDS && worst > 0.9 * LRP_MAX_SECONDS, "%s: %g s at the boundary", name, worst);
    snprintf(v, sizeof v, "%ld", ok + 1);
    CHECK(lrp_exp_set_text(&e, field, v, LRP_SET_STRICT, err, sizeof err) == LRP_OK);
    CHECK_MSG(lrp_experiment_validate(&e, err, sizeof err) == LRP_ELIMIT, "%s at %s=%ld admitted", name, field, ok + 1);
    CHECK_MSG(strncmp(err, say, strlen(say)) == 0 && has(err, "(limit 15 s)") && !strchr(err, '\n'), "%s: %s", name, err);
}

static const char *const WIDE[] = {"data.name", "digits", "model.hidden", "512,512,512,512,512,512",
                                   "batch_size", "32", "find.num_iter", "10", NULL};
static const char *const TINY[] = {"data.name", "sine", "data.samples", "20000", "model.hidden", "1",
                                   "batch_size", "1", "find.num_iter", "10", NULL};
static const char *const MANY[] = {"data.name", "spiral", "data.samples", "20000", "model.hidden", "64,64",
                                   "batch_size", "8", "epochs", "30", "find.num_iter", "10", NULL};
static const char *const FIND[] = {"data.name", "digits", "model.hidden", "512,512,512,512,512,512",
                                   "batch_size", "32", "epochs", "1", NULL};
static const char *const FIND_VAL[] = {"data.name", "digits", "model.hidden", "512,512", "batch_size", "32",
                                       "epochs", "1", "find.use_val", "true", NULL};

static void test_boundaries(void) {
    boundary("wide digits", WIDE, 1, "epochs", 16, "epochs: training would take about");
    boundary("tiny batch 1, 8 runs", TINY, 8, "epochs", 194, "epochs: training would take about");
    boundary("spiral, 7 runs", MANY, 7, "epochs", 32, "epochs: training would take about");
    boundary("range test", FIND, 1, "find.num_iter", 824, "find.num_iter: the range test would take about");
    boundary("range test on validation loss", FIND_VAL, 1, "find.num_iter", 579, "find.num_iter: the range test would take about");
    /* the runs themselves: 7 fit, 8 do not */
    lrp_experiment e = make(MANY, 8);
    char err[256];
    CHECK_MSG(lrp_experiment_validate(&e, err, sizeof err) == LRP_ELIMIT && has(err, "or the runs"), "%s", err);
    e.n_runs = 7;
    CHECK_MSG(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK, "%s", err);
}

/* Issue 10: both configs sat under the old cap of 1e11 samples x parameters and took 40-60 s. */
static void test_issue_configs_refused(void) {
    char err[256];
    static const char *const wide41[] = {"data.name", "digits", "model.hidden", "512,512,512,512,512,512",
                                         "epochs", "41", "find.num_iter", "10", NULL};
    lrp_experiment e = make(wide41, 1);
    CHECK(lrp_experiment_validate(&e, err, sizeof err) == LRP_ELIMIT);
    CHECK_MSG(has(err, "epochs: training would take about 3") && has(err, "reduce epochs"), "%s", err);
    static const char *const sine1000[] = {"data.name", "sine", "data.samples", "20000", "model.hidden", "1",
                                           "batch_size", "1", "epochs", "1000", "find.num_iter", "10", NULL};
    e = make(sine1000, 8);
    CHECK(lrp_experiment_validate(&e, err, sizeof err) == LRP_ELIMIT);
    CHECK_MSG(has(err, "raise batch_size"), "%s", err);
    e.n_runs = 1;   /* one such run is about 10 s */
    CHECK_MSG(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK, "%s", err);
}

/* What samples x parameters alone does not see. */
static void test_model_terms(void) {
    lrp_experiment e = make(TINY, 1), f;
    lrp_cost a, b;
    /* the same samples in more steps cost more */
    f = e;
    f.batch_size = 64;
    lrp_experiment_cost(&e, &a);
    lrp_experiment_cost(&f, &b);
    CHECK_MSG(a.run > 5 * b.run, "batch 1 %g s, batch 64 %g s", a.run, b.run);
    /* runs add up; the range test is apart from them */
    e.n_runs = 3;
    lrp_experiment_cost(&e, &b);
    CHECK(b.train == 3 * b.run && b.run == a.run && b.find == a.find);
    CHECK(lrp_experiment_cost(&e, NULL) == (b.find > b.train ? b.find : b.train));
    /* the activation's price per unit: gelu > tanh > relu, for the same shapes */
    static const char *const units[] = {"data.name", "sine", "data.samples", "20000", "model.hidden", "512",
                                        "batch_size", "256", "epochs", "4", NULL};
    double t[LRP_ACT__COUNT];
    for (int k = 0; k < LRP_ACT__COUNT; k++) {
        e = make(units, 1);
        e.act = (lrp_act)k;
        lrp_experiment_cost(&e, &a);
        t[k] = a.run;
    }
    CHECK(t[LRP_ACT_GELU] > 2 * t[LRP_ACT_TANH] && t[LRP_ACT_TANH] > t[LRP_ACT_RELU] && t[LRP_ACT_SIGMOID] == t[LRP_ACT_TANH]);
    /* validation samples are counted, forward only: a larger split costs more, less than training */
    e = make(WIDE, 1);
    e.epochs = 2;
    e.data.val_frac = 0.05;
    lrp_experiment_cost(&e, &a);
    e.data.val_frac = 0.5;
    lrp_experiment_cost(&e, &b);
    CHECK_MSG(b.run < a.run && b.run > 0.5 * a.run, "val_frac 0.05: %g s, 0.5: %g s", a.run, b.run);
    /* the range test in validation-loss mode runs a validation pass each iteration */
    e.find.use_val = 1;
    lrp_experiment_cost(&e, &b);
    e.find.use_val = 0;
    lrp_experiment_cost(&e, &a);
    CHECK(b.find > 3 * a.find);
    /* the defaults are far inside the cap */
    lrp_experiment_defaults(&e);
    CHECK(lrp_experiment_cost(&e, NULL) < 2.0);
}

int main(void) {
    test_boundaries();
    test_issue_configs_refused();
    test_model_terms();
    return check_done("test_cost");
}
