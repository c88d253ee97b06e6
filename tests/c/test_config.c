/* test_config.c — the config schema: setting by path (strict and clamp), runs, the
 * canonical walk, validation messages that name the field; every default comes from the
 * field tables and every validator agrees with the tables on every range edge. */
#include "check.h"
#include "lrplay.h"
#include "fields.h"   /* the field tables: defaults and ranges come from there */
#include "data.h"
#include "mlp.h"

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
    /* Labels count characters (code points), not bytes: 64 four-byte characters fit, a 65th is
     * refused in either mode and the label stays as it was (never cut). */
    char longlabel[4 * 66];
    for (int i = 0; i < 65; i++) memcpy(longlabel + 4 * i, "\xf0\x9f\x8e\x9b", 4);
    longlabel[4 * 64] = 0;
    CHECK(lrp_exp_set_string(&e, "runs.0.label", longlabel, err, sizeof err) == LRP_OK);
    CHECK(strlen(e.runs[0].label) == 4 * 64);
    longlabel[4 * 64] = '\xf0';
    longlabel[4 * 65] = 0;
    CHECK(lrp_exp_set_string(&e, "runs.0.label", longlabel, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(has(err, "runs.0.label: longer than 64 characters"), "%s", err);
    CHECK(strlen(e.runs[0].label) == 4 * 64);
    memset(longlabel, 'x', 65);
    longlabel[65] = 0;
    CHECK(lrp_exp_set_text(&e, "runs.0.label", longlabel, LRP_SET_CLAMP, err, sizeof err) == LRP_EINVAL);
    longlabel[64] = 0;
    CHECK(lrp_exp_set_text(&e, "runs.0.label", longlabel, LRP_SET_CLAMP, err, sizeof err) == LRP_OK);
    CHECK(strcmp(e.runs[0].label, longlabel) == 0);
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

/* ------------------------------------------------ one schema: the tables */
/* Every field of table t in base equals the table's default for kind. */
static void expect_table_defaults(const lrp_table *t, const void *base, int kind, const char *what) {
    for (size_t i = 0; i < t->n; i++) {
        const lrp_field_def *f = &t->f[i];
        if (f->st == ST_CHARS || strcmp(f->key, "name") == 0 || strcmp(f->key, "data.name") == 0) continue;
        if (f->type == LRP_FIELD_INT_LIST) {
            size_t n = *(const size_t *)((const char *)base + f->count_off);
            CHECK_MSG(n == f->def_n, "%s %s: %zu items", what, f->key, n);
            for (size_t k = 0; k < n && k < f->def_n; k++) {
                const char *p = (const char *)base + f->off;
                double v = f->st == ST_LONGLIST ? (double)((const int64_t *)p)[k] : (double)((const size_t *)p)[k];
                CHECK_MSG(v == f->def_list[k], "%s %s[%zu]", what, f->key, k);
            }
            continue;
        }
        double want = lrp_table_default(t, f->key, kind), got = lrp_field_load(base, f);
        CHECK_MSG(got == want, "%s (kind %d) %s: %.17g, table says %.17g", what, kind, f->key, got, want);
    }
}

static void test_defaults_from_table(void) {
    for (int k = 0; k < LRP_OPT__COUNT; k++) {
        lrp_optim_cfg c;
        lrp_optim_defaults(&c, (lrp_opt_kind)k);
        CHECK(c.kind == (lrp_opt_kind)k);
        expect_table_defaults(&lrp_optim_table, &c, k, "optimizer");
    }
    for (int k = 0; k < LRP_SCHED__COUNT; k++) {
        lrp_sched_cfg c;
        lrp_sched_defaults(&c, (lrp_sched_kind)k);
        CHECK(c.kind == (lrp_sched_kind)k);
        expect_table_defaults(&lrp_sched_table, &c, k, "schedule");
    }
    for (int k = 0; k < LRP_DATA__COUNT; k++) {
        lrp_data_cfg c;
        CHECK(lrp_data_defaults(&c, (lrp_data_kind)k) == LRP_OK && c.kind == (lrp_data_kind)k);
        expect_table_defaults(&lrp_data_table, &c, k, "data");
    }
    lrp_experiment e;
    lrp_experiment_defaults(&e);
    expect_table_defaults(&lrp_seed_table, &e, 0, "experiment");
    expect_table_defaults(&lrp_model_table, &e, 0, "experiment");
    expect_table_defaults(&lrp_tail_table, &e, 0, "experiment");
    lrp_run_cfg r;
    lrp_run_init(&r, &e.optim, 2);
    expect_table_defaults(&lrp_run_table, &r, 0, "run");
    CHECK(strcmp(r.label, "run 3") == 0);
    /* the range test's analysis uses the experiment's find.* defaults */
    lrp_lrfind_cfg f;
    lrp_lrfind_defaults(&f);
    CHECK(f.beta == e.find.beta && f.diverge == e.find.diverge && f.num_it == e.find.num_iter && f.skip_end == e.find.skip_end);

    /* The values themselves, which the golden traces depend on (PyTorch and Keras defaults). */
    lrp_optim_cfg o;
    lrp_optim_defaults(&o, LRP_OPT_ADAM);
    CHECK(o.lr == 1e-3 && o.beta1 == 0.9 && o.beta2 == 0.999 && o.eps == 1e-8 && o.weight_decay == 0 && !o.amsgrad);
    lrp_optim_defaults(&o, LRP_OPT_ADAMW);
    CHECK(o.weight_decay == 1e-2 && o.lr == 1e-3);
    lrp_optim_defaults(&o, LRP_OPT_SGD);
    CHECK(o.lr == 1e-2 && o.momentum == 0 && o.dampening == 0 && !o.nesterov && o.beta1 == 0.9);
    lrp_optim_defaults(&o, LRP_OPT_KERAS_ADAM);
    CHECK(o.eps == 1e-7 && o.decay == 0 && o.lr == 1e-3);
    lrp_sched_cfg s;
    lrp_sched_defaults(&s, LRP_SCHED_EXPONENTIAL);
    CHECK(s.gamma == 0.95 && s.interval == LRP_EVERY_EPOCH);
    lrp_sched_defaults(&s, LRP_SCHED_CYCLIC);
    CHECK(s.gamma == 1.0 && s.max_lr == 0.006 && s.cyc_base_lr == 0.001 && s.step_size_up == 2000 && s.interval == LRP_EVERY_BATCH);
    lrp_sched_defaults(&s, LRP_SCHED_ONECYCLE);
    CHECK(s.max_lr == 0 && s.pct_start == 0.3 && s.div_factor == 25 && s.final_div_factor == 1e4 && s.interval == LRP_EVERY_BATCH);
    lrp_sched_defaults(&s, LRP_SCHED_LR_RANGE);
    CHECK(s.interval == LRP_EVERY_BATCH && s.end_lr == 10 && s.num_iter == 100);
    lrp_sched_defaults(&s, LRP_SCHED_STEP);
    CHECK(s.gamma == 0.1 && s.step_size == 10 && s.n_milestones == 2 && s.milestones[1] == 20);
    lrp_sched_defaults(&s, LRP_SCHED_PLATEAU);
    CHECK(s.factor == 0.1 && s.patience == 10 && s.threshold == 1e-4 && s.eps == 1e-8 && s.min_delta == 1e-4);
    lrp_sched_defaults(&s, LRP_SCHED_LINEAR);
    CHECK(s.start_factor == 1.0 / 3.0 && s.end_factor == 1.0 && s.total_iters == 5);
    lrp_data_cfg d;
    lrp_data_defaults(&d, LRP_DATA_DIGITS);
    CHECK(d.samples == LRP_DIGITS_N && d.noise == 0 && d.classes == LRP_DIGITS_CLASSES);
    lrp_data_defaults(&d, LRP_DATA_SINE);
    CHECK(d.samples == 300 && d.classes == 1 && d.noise == 0.1);
    lrp_data_defaults(&d, LRP_DATA_GAUSS);
    CHECK(d.samples == 600 && d.classes == 3 && d.noise == 0.2 && d.val_frac == 0.2);
    CHECK(lrp_data_defaults(&d, LRP_DATA__COUNT) == LRP_EINVAL && d.kind == LRP_DATA_SPIRAL && d.classes == 3);
    CHECK(e.seed == 1 && e.n_hidden == 2 && e.hidden[0] == 32 && e.act == LRP_ACT_TANH && e.batch_size == 32);
    CHECK(e.epochs == 40 && e.find.start_lr == 1e-6 && e.find.end_lr == 10 && e.find.num_iter == 100 && e.find.beta == 0.98);
}

/* The values at a field's edges, and just past them (ints: one step; numbers: the next double). */
static double just_past(const lrp_field_def *f, int above) {
    if (f->type == LRP_FIELD_NUMBER) return nextafter(above ? f->max : f->min, above ? INFINITY : -INFINITY);
    return above ? f->max + 1 : f->min - 1;
}

static int storable(const lrp_field_def *f, double v) {
    return !((f->st == ST_SIZE || f->st == ST_U32) && v < 0) && !(f->st == ST_U32 && v > 4294967295.0);
}

typedef lrp_status (*validator)(void *base, char *err, size_t n);
static lrp_status v_optim(void *b, char *err, size_t n) { return lrp_optim_validate(b, err, n); }
static lrp_status v_sched(void *b, char *err, size_t n) { return lrp_sched_validate(b, err, n); }
static lrp_status v_data(void *b, char *err, size_t n) {
    if (((lrp_data_cfg *)b)->kind == LRP_DATA_CSV) {   /* no data to build: the config's own checks */
        static lrp_experiment e;
        lrp_experiment_defaults(&e);
        e.data = *(lrp_data_cfg *)b;
        return lrp_experiment_validate(&e, err, n);
    }
    lrp_dataset *d = NULL;
    lrp_status s = lrp_dataset_create(&d, b, 1, err, n);
    lrp_dataset_destroy(d);
    return s;
}
static lrp_status v_exp(void *b, char *err, size_t n) { return lrp_experiment_validate(b, err, n); }

/* For every number field of t that applies to bits: the edges pass the validator, the
 * values just past them are refused by it and by the setter, naming prefix + key. */
static void expect_edges(const lrp_table *t, unsigned bits, const void *defaults, size_t size, void *scratch,
                         void *base, validator v, const char *prefix,
                         lrp_status (*set)(void *base, const char *key, double v, char *err, size_t n)) {
    char err[256], want[96];
    for (size_t i = 0; i < t->n; i++) {
        const lrp_field_def *f = &t->f[i];
        if (!(f->kinds & bits) || (f->type != LRP_FIELD_NUMBER && f->type != LRP_FIELD_INT)) continue;
        snprintf(want, sizeof want, "%s%s:", prefix, f->key);
        for (int above = 0; above < 2; above++) {
            double edge = above ? f->max : f->min, past = just_past(f, above);
            /* the range test's rates must rise: their opposite edges are a rule across fields */
            int crossed = (!strcmp(f->key, "find.start_lr") && above) || (!strcmp(f->key, "find.end_lr") && !above);
            memcpy(scratch, defaults, size);
            lrp_field_store(base, f, edge);
            lrp_status st = v(scratch, err, sizeof err);
            if (!crossed) CHECK_MSG(st == LRP_OK, "%s at %.17g: %s", want, edge, err);
            if (!storable(f, past)) continue;
            memcpy(scratch, defaults, size);
            lrp_field_store(base, f, past);
            st = v(scratch, err, sizeof err);
            CHECK_MSG(st != LRP_OK && strncmp(err, want, strlen(want)) == 0, "%s at %.17g: status %d, \"%s\"", want, past, (int)st, err);
            if (!set) continue;
            memcpy(scratch, defaults, size);
            st = set(scratch, f->key, past, err, sizeof err);
            CHECK_MSG(st != LRP_OK && strstr(err, f->key) != NULL, "set %s %.17g: status %d, \"%s\"", f->key, past, (int)st, err);
        }
    }
}

static lrp_status s_optim(void *b, const char *k, double v, char *err, size_t n) { return lrp_optim_set_number(b, k, v, LRP_SET_STRICT, err, n); }
static lrp_status s_sched(void *b, const char *k, double v, char *err, size_t n) { return lrp_sched_set_number(b, k, v, LRP_SET_STRICT, err, n); }
static lrp_status s_exp(void *b, const char *k, double v, char *err, size_t n) { return lrp_exp_set_number(b, k, v, LRP_SET_STRICT, err, n); }

static void test_validators_agree_with_table(void) {
    for (int k = 0; k < LRP_OPT__COUNT; k++) {
        lrp_optim_cfg d, c;
        lrp_optim_defaults(&d, (lrp_opt_kind)k);
        expect_edges(&lrp_optim_table, lrp_optim_bits(&d), &d, sizeof d, &c, &c, v_optim, "optimizer.", s_optim);
    }
    for (int k = 0; k <= LRP_SCHED__COUNT; k++) {   /* the last round: the keras plateau */
        lrp_sched_cfg d, c;
        lrp_sched_defaults(&d, k < LRP_SCHED__COUNT ? (lrp_sched_kind)k : LRP_SCHED_PLATEAU);
        if (k == LRP_SCHED__COUNT) d.flavor = LRP_FLAVOR_KERAS;
        expect_edges(&lrp_sched_table, lrp_sched_bits(&d), &d, sizeof d, &c, &c, v_sched, "schedule.", s_sched);
    }
    for (int k = 0; k < LRP_DATA__COUNT; k++) {
        lrp_data_cfg d, c;
        lrp_data_defaults(&d, (lrp_data_kind)k);
        expect_edges(&lrp_data_table, LRP_KIND_BIT(k), &d, sizeof d, &c, &c, v_data, "", NULL);
    }
    static lrp_experiment d, c;   /* large: not on the stack */
    lrp_experiment_defaults(&d);
    expect_edges(&lrp_seed_table, LRP_ALL_KINDS, &d, sizeof d, &c, &c, v_exp, "", s_exp);
    expect_edges(&lrp_tail_table, LRP_ALL_KINDS, &d, sizeof d, &c, &c, v_exp, "", s_exp);
    expect_edges(&lrp_run_table, LRP_ALL_KINDS, &d, sizeof d, &c, &c.runs[1], v_exp, "runs.1.", NULL);
    expect_edges(&lrp_optim_table, lrp_optim_bits(&d.runs[1].optim), &d, sizeof d, &c, &c.runs[1].optim, v_exp,
                 "runs.1.optimizer.", NULL);
    expect_edges(&lrp_sched_table, lrp_sched_bits(&d.runs[2].sched), &d, sizeof d, &c, &c.runs[2].sched, v_exp,
                 "runs.2.schedule.", NULL);

    /* The two edges the issue names, by value. */
    char err[256];
    lrp_sched_cfg s;
    lrp_sched_defaults(&s, LRP_SCHED_PLATEAU);
    s.patience = 100000;
    CHECK(lrp_sched_validate(&s, err, sizeof err) == LRP_OK);
    s.patience = 100001;
    CHECK(lrp_sched_validate(&s, err, sizeof err) != LRP_OK && strncmp(err, "schedule.patience:", 18) == 0);
    CHECK(lrp_sched_set_number(&s, "patience", 100001, LRP_SET_STRICT, err, sizeof err) != LRP_OK);
    lrp_optim_cfg o;
    lrp_optim_defaults(&o, LRP_OPT_ADAM);
    o.beta1 = 0.999999;
    CHECK(lrp_optim_validate(&o, err, sizeof err) == LRP_OK);
    o.beta1 = 0.9999995;
    CHECK(lrp_optim_validate(&o, err, sizeof err) != LRP_OK && strncmp(err, "optimizer.beta1:", 16) == 0);
    /* the rules across fields stay in the validators */
    lrp_optim_defaults(&o, LRP_OPT_SGD);
    o.nesterov = 1;
    CHECK(lrp_optim_validate(&o, err, sizeof err) == LRP_EINVAL && strncmp(err, "optimizer.nesterov:", 19) == 0);
    lrp_sched_defaults(&s, LRP_SCHED_PLATEAU);
    s.interval = LRP_EVERY_BATCH;
    CHECK(lrp_sched_validate(&s, err, sizeof err) == LRP_EINVAL && strncmp(err, "schedule.interval:", 18) == 0);
}

/* The work cap counts what the network and the data set really hold. */
static void test_work_counts(void) {
    size_t sizes[] = {2, 32, 32, 3}, np = 0;
    CHECK(lrp_mlp_param_count(sizes, 4, &np) && np == 2 * 32 + 32 + 32 * 32 + 32 + 32 * 3 + 3);
    lrp_mlp_cfg mc = {{2, 32, 32, 3}, 4, LRP_ACT_TANH, LRP_LOSS_CROSS_ENTROPY};
    lrp_mlp *m = NULL;
    char err[256];
    CHECK(lrp_mlp_create(&m, &mc, 8, err, sizeof err) == LRP_OK && lrp_mlp_num_params(m) == np);
    lrp_mlp_destroy(m);
    size_t big[] = {512, 512, 512, 512, 512, 512, 512, 512};
    lrp_mlp_cfg bc = {{512, 512, 512, 512, 512, 512, 512, 512}, 8, LRP_ACT_RELU, LRP_LOSS_MSE};
    CHECK(lrp_mlp_param_count(big, 8, &np) && lrp_mlp_create(&m, &bc, 1, err, sizeof err) == LRP_OK && lrp_mlp_num_params(m) == np);
    lrp_mlp_destroy(m);
    size_t huge[] = {(size_t)-1 / 2, (size_t)-1 / 2};
    CHECK(!lrp_mlp_param_count(huge, 2, &np));
    /* the split the cap counts is the data set's */
    lrp_data_cfg dc;
    lrp_data_defaults(&dc, LRP_DATA_MOONS);
    dc.samples = 37;
    dc.val_frac = 0.3;
    lrp_dataset *ds = NULL;
    CHECK(lrp_dataset_create(&ds, &dc, 1, err, sizeof err) == LRP_OK);
    lrp_data_view view;
    lrp_dataset_view(ds, &view);
    size_t n_train, n_val;
    lrp_data_split(37, 0.3, &n_train, &n_val);
    CHECK(view.n_train == n_train && view.n_val == n_val && n_val == 11);
    lrp_dataset_destroy(ds);
}

int main(void) {
    test_defaults_valid();
    test_strict_and_clamp();
    test_runs();
    test_walk();
    test_spec_objects();
    test_defaults_from_table();
    test_validators_agree_with_table();
    test_work_counts();
    return check_done("test_config");
}
