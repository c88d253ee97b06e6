/* test_config.c — the config schema: setting by path (strict and clamp), runs, the
 * canonical walk, validation messages that name the field. */
#include "check.h"
#include "lrplay.h"

#include <string.h>

static int has(const char *s, const char *part) { return strstr(s, part) != NULL; }

/* Finds a field by name in the canonical walk. */
static int find_field(const lrp_experiment *e, const char *name, lrp_field_value *out) {
    for (size_t i = 0; lrp_exp_field(e, i, out); i++)
        if (strcmp(out->name_buf, name) == 0) return 1;
    return 0;
}

static void test_defaults_valid(void) {
    lrp_experiment e;
    char err[256];
    lrp_experiment_defaults(&e);
    CHECK_MSG(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK, "%s", err);
    CHECK(e.n_runs == 5);
    CHECK(e.runs[1].optim.kind == LRP_OPT_KERAS_ADAM);
    CHECK(e.runs[2].sched.kind == LRP_SCHED_PLATEAU);
}

static void test_strict_and_clamp(void) {
    lrp_experiment e;
    char err[256];
    lrp_experiment_defaults(&e);
    CHECK(lrp_exp_set_number(&e, "optimizer.lr", 0.05, LRP_SET_STRICT, err, sizeof err) == LRP_OK);
    CHECK(e.optim.lr == 0.05);
    CHECK(lrp_exp_set_number(&e, "optimizer.beta1", 1.5, LRP_SET_STRICT, err, sizeof err) != LRP_OK);
    CHECK_MSG(has(err, "optimizer.beta1"), "%s", err);
    CHECK(e.optim.beta1 == 0.9);
    CHECK(lrp_exp_set_number(&e, "optimizer.beta1", 1.5, LRP_SET_CLAMP, err, sizeof err) == LRP_OK);
    CHECK(e.optim.beta1 == 0.999999);
    CHECK_MSG(has(err, "optimizer.beta1"), "note: %s", err);
    CHECK(lrp_exp_set_number(&e, "epochs", 1e9, LRP_SET_CLAMP, err, sizeof err) == LRP_OK);
    CHECK(e.epochs == LRP_MAX_EPOCHS);
    CHECK(lrp_exp_set_number(&e, "epochs", 2.5, LRP_SET_STRICT, err, sizeof err) != LRP_OK);
    CHECK(lrp_exp_set_number(&e, "nope", 1, LRP_SET_CLAMP, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(has(err, "nope: unknown field"), "%s", err);
    CHECK(lrp_exp_set_number(&e, "optimizer.momentum", 0.9, LRP_SET_STRICT, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(has(err, "not a field of adam"), "%s", err);
    CHECK(lrp_exp_set_number(&e, "seed", 0.0 / 0.0, LRP_SET_CLAMP, err, sizeof err) == LRP_EINVAL);
    CHECK(lrp_exp_set_string(&e, "data.name", "digits", err, sizeof err) == LRP_OK);
    CHECK(e.data.kind == LRP_DATA_DIGITS);
    CHECK(lrp_exp_set_string(&e, "data.name", "mnist", err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(has(err, "spiral"), "lists the choices: %s", err);
    double hidden[] = {64, 32, 16};
    CHECK(lrp_exp_set_list(&e, "model.hidden", hidden, 3, LRP_SET_STRICT, err, sizeof err) == LRP_OK);
    CHECK(e.n_hidden == 3 && e.hidden[2] == 16);
    double wide[] = {64, 100000};
    CHECK(lrp_exp_set_list(&e, "model.hidden", wide, 2, LRP_SET_STRICT, err, sizeof err) != LRP_OK);
    CHECK_MSG(has(err, "model.hidden[1]"), "%s", err);
    CHECK(e.n_hidden == 3);
    double many[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    CHECK(lrp_exp_set_list(&e, "model.hidden", many, 12, LRP_SET_CLAMP, err, sizeof err) == LRP_OK);
    CHECK(e.n_hidden == LRP_MAX_LAYERS);
}

static void test_runs(void) {
    lrp_experiment e;
    char err[256];
    lrp_experiment_defaults(&e);
    lrp_exp_clear_runs(&e);
    CHECK(e.n_runs == 0);
    CHECK(lrp_exp_set_string(&e, "runs.1.schedule.name", "reduce_on_plateau", err, sizeof err) == LRP_OK);
    CHECK(e.n_runs == 2);
    CHECK(e.runs[0].sched.kind == LRP_SCHED_CONSTANT);
    CHECK(e.runs[1].optim.lr == e.optim.lr);            /* initialized from the template */
    CHECK(lrp_exp_set_string(&e, "runs.1.schedule.flavor", "keras", err, sizeof err) == LRP_OK);
    CHECK(lrp_exp_set_number(&e, "runs.1.schedule.min_delta", 0.01, LRP_SET_STRICT, err, sizeof err) == LRP_OK);
    CHECK(lrp_exp_set_number(&e, "runs.1.schedule.threshold", 0.01, LRP_SET_STRICT, err, sizeof err) == LRP_EINVAL);
    CHECK(lrp_exp_set_number(&e, "runs.8.min_lr", 0, LRP_SET_STRICT, err, sizeof err) != LRP_OK);
    CHECK_MSG(has(err, "runs.8"), "%s", err);
    CHECK(lrp_exp_set_number(&e, "runs.x.min_lr", 0, LRP_SET_STRICT, err, sizeof err) == LRP_EINVAL);
    CHECK(lrp_exp_set_string(&e, "runs.0.label", "hello \"world\"", err, sizeof err) == LRP_OK);
    CHECK(strcmp(e.runs[0].label, "hello \"world\"") == 0);
    CHECK(lrp_exp_set_string(&e, "runs.0.label", "bad\x01", err, sizeof err) == LRP_EINVAL);
    /* A long UTF-8 label is cut at a character boundary. */
    char longlabel[80];
    for (int i = 0; i < 26; i++) memcpy(longlabel + 3 * i, "\xe2\x82\xac", 3);
    longlabel[78] = 0;
    CHECK(lrp_exp_set_string(&e, "runs.0.label", longlabel, err, sizeof err) == LRP_OK);
    CHECK(strlen(e.runs[0].label) == 30);
    CHECK_MSG(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK, "%s", err);
    /* Validation names the run and field. */
    e.runs[1].sched.factor = 2;
    CHECK(lrp_experiment_validate(&e, err, sizeof err) != LRP_OK);
    CHECK_MSG(has(err, "runs.1.schedule.factor"), "%s", err);
}

static void test_walk(void) {
    lrp_experiment e;
    lrp_field_value fv;
    lrp_experiment_defaults(&e);
    CHECK(lrp_exp_field(&e, 0, &fv) && strcmp(fv.name_buf, "version") == 0);
    CHECK(find_field(&e, "optimizer.beta2", &fv) && fv.number == 0.999 && fv.is_default);
    CHECK(!find_field(&e, "optimizer.momentum", &fv));       /* not a field of adam */
    CHECK(find_field(&e, "runs.2.schedule.min_delta", &fv)); /* keras plateau */
    CHECK(!find_field(&e, "runs.2.schedule.threshold", &fv));
    CHECK(find_field(&e, "runs.4.schedule.T_max", &fv) && fv.info.type == LRP_FIELD_INT);
    CHECK(find_field(&e, "model.hidden", &fv) && fv.n_list == 2 && fv.list[1] == 32);
    CHECK(find_field(&e, "data.name", &fv) && strcmp(fv.str, "spiral") == 0 && !fv.is_default);
    CHECK(find_field(&e, "runs.0.optimizer.name", &fv) && strcmp(fv.str, "adam") == 0);
    /* Every field read back and set again gives the same experiment. */
    lrp_experiment copy;
    char err[256];
    lrp_experiment_defaults(&copy);
    lrp_exp_clear_runs(&copy);
    size_t n = 0;
    for (size_t i = 0; lrp_exp_field(&e, i, &fv); i++, n++) {
        lrp_status st;
        if (fv.info.type == LRP_FIELD_ENUM || fv.info.type == LRP_FIELD_STRING) st = lrp_exp_set_string(&copy, fv.name_buf, fv.str, err, sizeof err);
        else if (fv.info.type == LRP_FIELD_INT_LIST) st = lrp_exp_set_list(&copy, fv.name_buf, fv.list, fv.n_list, LRP_SET_STRICT, err, sizeof err);
        else st = lrp_exp_set_number(&copy, fv.name_buf, fv.number, LRP_SET_STRICT, err, sizeof err);
        CHECK_MSG(st == LRP_OK, "%s: %s", fv.name_buf, err);
    }
    CHECK(n > 40);
    lrp_field_value a, b;
    size_t i = 0;
    for (; lrp_exp_field(&e, i, &a); i++) {
        CHECK(lrp_exp_field(&copy, i, &b));
        CHECK_MSG(strcmp(a.name_buf, b.name_buf) == 0 && a.number == b.number, "%s", a.name_buf);
    }
    CHECK(!lrp_exp_field(&copy, i, &b));
}

static void test_spec_objects(void) {
    lrp_optim_cfg o;
    lrp_sched_cfg s;
    char err[256];
    lrp_optim_defaults(&o, LRP_OPT_ADAM);
    CHECK(lrp_optim_set_string(&o, "name", "sgd", err, sizeof err) == LRP_OK && o.kind == LRP_OPT_SGD);
    CHECK(lrp_optim_set_number(&o, "nesterov", 1, LRP_SET_STRICT, err, sizeof err) == LRP_OK && o.nesterov == 1);
    CHECK(lrp_optim_set_number(&o, "nesterov", 0.5, LRP_SET_STRICT, err, sizeof err) == LRP_EINVAL);
    lrp_sched_defaults(&s, LRP_SCHED_CONSTANT);
    CHECK(lrp_sched_set_string(&s, "name", "cyclic", err, sizeof err) == LRP_OK);
    CHECK(lrp_sched_set_string(&s, "mode", "exp_range", err, sizeof err) == LRP_OK && s.cyclic_mode == LRP_CYCLIC_EXP_RANGE);
    CHECK(lrp_sched_set_number(&s, "base_lr", 0.001, LRP_SET_STRICT, err, sizeof err) == LRP_OK && s.cyc_base_lr == 0.001);
    CHECK(lrp_sched_set_string(&s, "name", "reduce_on_plateau", err, sizeof err) == LRP_OK);
    CHECK(lrp_sched_set_string(&s, "mode", "max", err, sizeof err) == LRP_OK && s.mode == LRP_MODE_MAX);
    CHECK(lrp_sched_set_string(&s, "mode", "exp_range", err, sizeof err) == LRP_EINVAL);
    double ms[] = {10, 25};
    CHECK(lrp_sched_set_string(&s, "name", "multistep", err, sizeof err) == LRP_OK);
    CHECK(lrp_sched_set_list(&s, "milestones", ms, 2, LRP_SET_STRICT, err, sizeof err) == LRP_OK && s.n_milestones == 2);
}

int main(void) {
    test_defaults_valid();
    test_strict_and_clamp();
    test_runs();
    test_walk();
    test_spec_objects();
    return check_done("test_config");
}
