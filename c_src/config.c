/* config.c — every config field by name, in one table per struct.
 *
 * The JSON layers (native CLI, JavaScript) and the page's links read and write configs
 * only through this file, so names, ranges, defaults and error messages are the same
 * everywhere. A field has a key, a storage type, an offset, an inclusive range, enum
 * choices, and the set of kinds (optimizer kind, scheduler kind) it applies to.
 */
#include "lrplay.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ table */
typedef enum { ST_DOUBLE, ST_LONG, ST_INT, ST_ENUM, ST_SIZE, ST_U32, ST_LONGLIST, ST_SIZELIST, ST_CHARS } storage;

typedef struct {
    const char *key;
    lrp_field_type type;
    storage st;
    size_t off;             /* value; for lists the items */
    size_t count_off;       /* lists: offset of the size_t count */
    size_t max_items;       /* lists: capacity; chars: buffer size */
    double min, max;
    const char *const *choices;
    unsigned kinds;         /* bit per kind the field applies to (ALL = every kind) */
    const char *help;
} field_def;

#define ALL 0xFFFFFFFFu
#define BIT(k) (1u << (k))

static const char *const opt_names[] = {"adam", "adamw", "sgd", "keras_adam", NULL};
static const char *const sched_names[] = {"constant", "reduce_on_plateau", "step", "multistep", "exponential",
    "cosine", "cosine_warm_restarts", "linear", "onecycle", "cyclic", "inverse_time", "lr_range", NULL};
static const char *const flavor_names[] = {"torch", "keras", NULL};
static const char *const mode_names[] = {"min", "max", NULL};
static const char *const thresh_names[] = {"rel", "abs", NULL};
static const char *const anneal_names[] = {"cos", "linear", NULL};
static const char *const cyclic_names[] = {"triangular", "triangular2", "exp_range", NULL};
static const char *const ramp_names[] = {"exp", "linear", NULL};
static const char *const interval_names[] = {"epoch", "batch", NULL};
static const char *const data_names[] = {"spiral", "circles", "xor", "gauss", "moons", "sine", "digits", NULL};
static const char *const act_names[] = {"relu", "tanh", "sigmoid", "gelu", NULL};
static const char *const monitor_names[] = {"off", "val_loss", "val_acc", NULL};
static const char *const es_mode_names[] = {"auto", "min", "max", NULL};

#define OPT_ADAMS (BIT(LRP_OPT_ADAM) | BIT(LRP_OPT_ADAMW) | BIT(LRP_OPT_KERAS_ADAM))
#define OPT_WD    (BIT(LRP_OPT_ADAM) | BIT(LRP_OPT_ADAMW) | BIT(LRP_OPT_SGD))
#define OPT_SGD   BIT(LRP_OPT_SGD)

#define F_NUM(k, s, fld, lo, hi, kinds, h) {k, LRP_FIELD_NUMBER, ST_DOUBLE, offsetof(s, fld), 0, 0, lo, hi, NULL, kinds, h}
#define F_LONG(k, s, fld, lo, hi, kinds, h) {k, LRP_FIELD_INT, ST_LONG, offsetof(s, fld), 0, 0, lo, hi, NULL, kinds, h}
#define F_SIZE(k, s, fld, lo, hi, kinds, h) {k, LRP_FIELD_INT, ST_SIZE, offsetof(s, fld), 0, 0, lo, hi, NULL, kinds, h}
#define F_BOOL(k, s, fld, kinds, h) {k, LRP_FIELD_BOOL, ST_INT, offsetof(s, fld), 0, 0, 0, 1, NULL, kinds, h}
#define F_ENUM(k, s, fld, ch, kinds, h) {k, LRP_FIELD_ENUM, ST_ENUM, offsetof(s, fld), 0, 0, 0, 0, ch, kinds, h}

static const field_def optim_fields[] = {
    F_ENUM("name", lrp_optim_cfg, kind, opt_names, ALL, "optimizer"),
    F_NUM("lr", lrp_optim_cfg, lr, 0, 1000, ALL, "learning rate"),
    F_NUM("beta1", lrp_optim_cfg, beta1, 0, 0.999999, OPT_ADAMS, "first-moment decay"),
    F_NUM("beta2", lrp_optim_cfg, beta2, 0, 0.999999, OPT_ADAMS, "second-moment decay"),
    F_NUM("eps", lrp_optim_cfg, eps, 0, 1, OPT_ADAMS, "term added to the denominator"),
    F_NUM("weight_decay", lrp_optim_cfg, weight_decay, 0, 10, OPT_WD, "weight decay (L2 for adam and sgd, decoupled for adamw)"),
    F_BOOL("amsgrad", lrp_optim_cfg, amsgrad, OPT_ADAMS, "use the running maximum of the second moment"),
    F_NUM("momentum", lrp_optim_cfg, momentum, 0, 0.9999, OPT_SGD, "momentum"),
    F_NUM("dampening", lrp_optim_cfg, dampening, 0, 1, OPT_SGD, "momentum dampening"),
    F_BOOL("nesterov", lrp_optim_cfg, nesterov, OPT_SGD, "Nesterov momentum"),
    F_NUM("decay", lrp_optim_cfg, decay, 0, 10, BIT(LRP_OPT_KERAS_ADAM), "Keras legacy decay: lr / (1 + decay * iterations)"),
};

/* Scheduler kinds as bits; the keras flavor of the plateau scheduler has a bit of its own. */
#define K_PLATEAU_KERAS 20
#define S_PT   BIT(LRP_SCHED_PLATEAU)
#define S_PK   BIT(K_PLATEAU_KERAS)
#define S_PL   (S_PT | S_PK)
#define S_STEP BIT(LRP_SCHED_STEP)
#define S_MULTI BIT(LRP_SCHED_MULTISTEP)
#define S_EXP  BIT(LRP_SCHED_EXPONENTIAL)
#define S_COS  BIT(LRP_SCHED_COSINE)
#define S_CWR  BIT(LRP_SCHED_COSINE_WARM_RESTARTS)
#define S_LIN  BIT(LRP_SCHED_LINEAR)
#define S_ONE  BIT(LRP_SCHED_ONECYCLE)
#define S_CYC  BIT(LRP_SCHED_CYCLIC)
#define S_INV  BIT(LRP_SCHED_INVERSE_TIME)
#define S_RNG  BIT(LRP_SCHED_LR_RANGE)

#define S_WARM (S_STEP | S_MULTI | S_EXP | S_COS | S_CWR)

#define STEPS_MAX 1e7
static const field_def sched_fields[] = {
    F_ENUM("name", lrp_sched_cfg, kind, sched_names, ALL, "scheduler"),
    F_ENUM("flavor", lrp_sched_cfg, flavor, flavor_names, S_PL, "torch or keras semantics"),
    F_ENUM("interval", lrp_sched_cfg, interval, interval_names, ALL & ~S_PL, "step the schedule every epoch or every batch"),
    F_ENUM("mode", lrp_sched_cfg, mode, mode_names, S_PL, "min: lower metric is better; max: higher"),
    F_NUM("factor", lrp_sched_cfg, factor, 0, 0.999999, S_PL, "new rate = rate * factor"),
    F_LONG("patience", lrp_sched_cfg, patience, 0, 100000, S_PL, "epochs without improvement before a cut"),
    F_NUM("threshold", lrp_sched_cfg, threshold, 0, 1000, S_PT, "improvement needed to count as better"),
    F_ENUM("threshold_mode", lrp_sched_cfg, threshold_mode, thresh_names, S_PT, "rel: relative; abs: absolute"),
    F_NUM("min_delta", lrp_sched_cfg, min_delta, 0, 1000, S_PK, "improvement needed to count as better"),
    F_LONG("cooldown", lrp_sched_cfg, cooldown, 0, 100000, S_PL, "epochs to wait after a cut"),
    F_NUM("min_lr", lrp_sched_cfg, min_lr, 0, 1000, S_PL, "lower bound on the rate"),
    F_NUM("eps", lrp_sched_cfg, eps, 0, 1, S_PT, "cuts smaller than this are skipped"),
    F_LONG("step_size", lrp_sched_cfg, step_size, 1, STEPS_MAX, S_STEP, "steps between decays"),
    {"milestones", LRP_FIELD_INT_LIST, ST_LONGLIST, offsetof(lrp_sched_cfg, milestones),
        offsetof(lrp_sched_cfg, n_milestones), LRP_MAX_MILESTONES, 1, STEPS_MAX, NULL, S_MULTI,
        "steps at which the rate is multiplied by gamma (increasing)"},
    F_NUM("gamma", lrp_sched_cfg, gamma, 0, 10, S_STEP | S_MULTI | S_EXP | S_CYC, "multiplicative factor"),
    F_LONG("T_max", lrp_sched_cfg, T_max, 0, STEPS_MAX, S_COS, "half period in steps (0: the run's length after the warm-up)"),
    F_LONG("T_0", lrp_sched_cfg, T_0, 0, STEPS_MAX, S_CWR, "first restart period in steps (0: a quarter of the run's length after the warm-up)"),
    F_LONG("T_mult", lrp_sched_cfg, T_mult, 1, 1000, S_CWR, "period growth after each restart"),
    F_NUM("eta_min", lrp_sched_cfg, eta_min, 0, 1000, S_COS | S_CWR, "lowest rate"),
    F_NUM("start_factor", lrp_sched_cfg, start_factor, 1e-8, 1, S_LIN, "factor at step 0"),
    F_NUM("end_factor", lrp_sched_cfg, end_factor, 0, 1, S_LIN, "factor after total_iters"),
    F_LONG("total_iters", lrp_sched_cfg, total_iters, 0, STEPS_MAX, S_LIN, "steps of the ramp"),
    F_NUM("max_lr", lrp_sched_cfg, max_lr, 0, 1000, S_ONE | S_CYC, "peak rate (onecycle 0: the run's rate)"),
    F_LONG("total_steps", lrp_sched_cfg, total_steps, 0, STEPS_MAX, S_ONE, "length of the cycle (0: the run's length)"),
    F_NUM("pct_start", lrp_sched_cfg, pct_start, 0, 1, S_ONE, "fraction of the cycle spent rising"),
    F_ENUM("anneal_strategy", lrp_sched_cfg, anneal_strategy, anneal_names, S_ONE, "cos or linear annealing"),
    F_NUM("div_factor", lrp_sched_cfg, div_factor, 1, 1e6, S_ONE, "start rate = max_lr / div_factor"),
    F_NUM("final_div_factor", lrp_sched_cfg, final_div_factor, 1, 1e9, S_ONE, "final rate = start rate / final_div_factor"),
    F_BOOL("three_phase", lrp_sched_cfg, three_phase, S_ONE, "fastai-style three phases"),
    F_NUM("base_lr", lrp_sched_cfg, cyc_base_lr, 0, 1000, S_CYC, "lowest rate of the cycle (0: the run's rate)"),
    F_LONG("step_size_up", lrp_sched_cfg, step_size_up, 1, STEPS_MAX, S_CYC, "steps rising"),
    F_LONG("step_size_down", lrp_sched_cfg, step_size_down, 0, STEPS_MAX, S_CYC, "steps falling (0: as rising)"),
    F_ENUM("mode", lrp_sched_cfg, cyclic_mode, cyclic_names, S_CYC, "triangular, triangular2 or exp_range"),
    F_NUM("decay_rate", lrp_sched_cfg, decay_rate, 0, 1000, S_INV, "rate / (1 + decay_rate * t / decay_steps)"),
    F_LONG("decay_steps", lrp_sched_cfg, decay_steps, 1, STEPS_MAX, S_INV, "steps per decay unit"),
    F_BOOL("staircase", lrp_sched_cfg, staircase, S_INV, "floor t / decay_steps"),
    F_NUM("end_lr", lrp_sched_cfg, end_lr, 1e-12, 1e4, S_RNG, "rate at the last iteration"),
    F_LONG("num_iter", lrp_sched_cfg, num_iter, 2, STEPS_MAX, S_RNG, "iterations of the ramp"),
    F_ENUM("step_mode", lrp_sched_cfg, step_mode, ramp_names, S_RNG, "exp or linear ramp"),
    /* warm-up in front of a schedule (schedule.c) */
    F_LONG("warmup", lrp_sched_cfg, warmup, 0, STEPS_MAX, S_WARM, "steps of linear warm-up before the schedule (0: none)"),
    F_NUM("warmup_start_factor", lrp_sched_cfg, warmup_start_factor, 1e-8, 1, S_WARM, "rate at the warm-up's step 0 = rate * this"),
};

/* Data-set kinds as bits for data.classes. */
#define D_CLASSES (BIT(LRP_DATA_SPIRAL) | BIT(LRP_DATA_GAUSS))
#define D_SAMPLES (ALL & ~BIT(LRP_DATA_DIGITS))
#define D_NOISE   (ALL & ~BIT(LRP_DATA_DIGITS))

/* Experiment-level fields (the optimizer and the runs are tables of their own). */
static const field_def exp_fields[] = {
    {"seed", LRP_FIELD_INT, ST_U32, offsetof(lrp_experiment, seed), 0, 0, 0, 4294967295.0, NULL, ALL, "random seed: data, initial weights, batch order"},
    F_ENUM("data.name", lrp_experiment, data.kind, data_names, ALL, "data set"),
    F_SIZE("data.samples", lrp_experiment, data.samples, 10, LRP_MAX_SAMPLES, D_SAMPLES, "number of points"),
    F_NUM("data.noise", lrp_experiment, data.noise, 0, 5, D_NOISE, "noise level"),
    F_NUM("data.val_frac", lrp_experiment, data.val_frac, 0.05, 0.5, ALL, "fraction held out for validation"),
    F_SIZE("data.classes", lrp_experiment, data.classes, 2, 10, D_CLASSES, "number of classes"),
    {"model.hidden", LRP_FIELD_INT_LIST, ST_SIZELIST, offsetof(lrp_experiment, hidden),
        offsetof(lrp_experiment, n_hidden), LRP_MAX_LAYERS, 1, LRP_MAX_WIDTH, NULL, ALL, "hidden layer widths"},
    F_ENUM("model.activation", lrp_experiment, act, act_names, ALL, "hidden activation"),
};
static const field_def exp_fields_tail[] = {
    F_SIZE("batch_size", lrp_experiment, batch_size, 1, LRP_MAX_BATCH, ALL, "mini-batch size"),
    F_LONG("epochs", lrp_experiment, epochs, 1, LRP_MAX_EPOCHS, ALL, "training epochs"),
    F_NUM("target_loss", lrp_experiment, target_loss, 0, 1e6, ALL, "validation loss counted as reached (0: none)"),
    F_NUM("find.start_lr", lrp_experiment, find.start_lr, 1e-12, 1000, ALL, "range test: first rate"),
    F_NUM("find.end_lr", lrp_experiment, find.end_lr, 1e-12, 10000, ALL, "range test: last rate"),
    F_LONG("find.num_iter", lrp_experiment, find.num_iter, 5, LRP_MAX_ITERS, ALL, "range test: iterations"),
    F_ENUM("find.step_mode", lrp_experiment, find.step_mode, ramp_names, ALL, "range test: exp or linear ramp"),
    F_NUM("find.beta", lrp_experiment, find.beta, 0, 0.999, ALL, "range test: loss smoothing"),
    F_NUM("find.diverge", lrp_experiment, find.diverge, 1.01, 1e6, ALL, "range test: stop when smoothed loss > diverge * best"),
    F_BOOL("find.use_val", lrp_experiment, find.use_val, ALL, "range test: record the validation loss"),
    F_LONG("find.skip_end", lrp_experiment, find.skip_end, 0, 1000, ALL, "range test: points left out of the suggestions at the end"),
};
static const field_def run_fields[] = {
    {"label", LRP_FIELD_STRING, ST_CHARS, offsetof(lrp_run_cfg, label), 0, sizeof(((lrp_run_cfg *)0)->label), 0, 0, NULL, ALL, "name shown for the run"},
    F_NUM("min_lr", lrp_run_cfg, min_lr, 0, 1000, ALL, "floor under every rate of the run"),
    /* early stopping (earlystop.c) */
    F_ENUM("early_stopping.monitor", lrp_run_cfg, early_stopping.monitor, monitor_names, ALL, "stop the run when this stops improving (off: never)"),
    F_ENUM("early_stopping.mode", lrp_run_cfg, early_stopping.mode, es_mode_names, ALL, "min, max, or auto (max for val_acc, min for val_loss)"),
    F_NUM("early_stopping.min_delta", lrp_run_cfg, early_stopping.min_delta, 0, 1000, ALL, "least change that counts as an improvement"),
    F_LONG("early_stopping.patience", lrp_run_cfg, early_stopping.patience, 0, 100000, ALL, "epochs without improvement before the stop"),
    F_NUM("early_stopping.baseline", lrp_run_cfg, early_stopping.baseline, 0, 1e6, ALL, "value an improvement must also beat to restart the wait (0: none)"),
    F_LONG("early_stopping.start_from_epoch", lrp_run_cfg, early_stopping.start_from_epoch, 0, 100000, ALL, "epochs not watched at the start"),
    F_BOOL("early_stopping.restore_best_weights", lrp_run_cfg, early_stopping.restore_best_weights, ALL, "on a stop, end with the best epoch's weights"),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- helpers */
static unsigned optim_bits(const lrp_optim_cfg *c) { return BIT(c->kind); }
static unsigned sched_bits(const lrp_sched_cfg *c) {
    return c->kind == LRP_SCHED_PLATEAU && c->flavor == LRP_FLAVOR_KERAS ? S_PK : BIT(c->kind);
}
static unsigned data_bits(const lrp_experiment *e) { return BIT(e->data.kind); }

static const field_def *find_field(const field_def *t, size_t n, const char *key, unsigned bits, int *irrelevant) {
    *irrelevant = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(t[i].key, key) != 0) continue;
        if (t[i].kinds & bits) return &t[i];
        *irrelevant = 1;
    }
    return NULL;
}

static const char *name_of(const char *const *choices, long v) {
    for (long i = 0; choices[i]; i++) if (i == v) return choices[i];
    return "?";
}

static void store_number(void *base, const field_def *f, double v) {
    char *p = (char *)base + f->off;
    switch (f->st) {
    case ST_DOUBLE: *(double *)p = v; break;
    case ST_LONG:   *(long *)p = (long)v; break;
    case ST_INT:    *(int *)p = (int)v; break;
    case ST_ENUM:   *(int *)p = (int)v; break;
    case ST_SIZE:   *(size_t *)p = (size_t)v; break;
    case ST_U32:    *(uint32_t *)p = (uint32_t)v; break;
    default: break;
    }
}

static double load_number(const void *base, const field_def *f) {
    const char *p = (const char *)base + f->off;
    switch (f->st) {
    case ST_DOUBLE: return *(const double *)p;
    case ST_LONG:   return (double)*(const long *)p;
    case ST_INT:    return (double)*(const int *)p;
    case ST_ENUM:   return (double)*(const int *)p;
    case ST_SIZE:   return (double)*(const size_t *)p;
    case ST_U32:    return (double)*(const uint32_t *)p;
    default: return 0;
    }
}

/* Check one number against a field's type and range; in CLAMP mode a correction is
 * noted in err and the corrected value returned through *out. */
static lrp_status check_number(const field_def *f, const char *path, double v, lrp_set_mode mode,
                               double *out, char *err, size_t n) {
    if (!isfinite(v)) { lrp_say(err, n, "%s: must be a finite number", path); return LRP_EINVAL; }
    if (f->type == LRP_FIELD_BOOL) {
        if (v != 0 && v != 1) { lrp_say(err, n, "%s: must be true or false", path); return LRP_EINVAL; }
        *out = v;
        return LRP_OK;
    }
    if (f->type == LRP_FIELD_INT || f->type == LRP_FIELD_INT_LIST) {
        if (v != floor(v)) {
            if (mode == LRP_SET_STRICT) { lrp_say(err, n, "%s: must be a whole number, not %.17g", path, v); return LRP_EINVAL; }
            lrp_say(err, n, "%s: %.17g rounded down to %.17g", path, v, floor(v));
            v = floor(v);
        }
    }
    if (v < f->min || v > f->max) {
        if (mode == LRP_SET_STRICT) {
            lrp_say(err, n, "%s: %.17g is out of range [%.17g, %.17g]", path, v, f->min, f->max);
            return f->type == LRP_FIELD_NUMBER ? LRP_EINVAL : LRP_ELIMIT;
        }
        double c = v < f->min ? f->min : f->max;
        lrp_say(err, n, "%s: %.17g is out of range, set to %.17g", path, v, c);
        v = c;
    }
    *out = v;
    return LRP_OK;
}

static int choice_index(const char *const *choices, const char *s) {
    for (int i = 0; choices[i]; i++) if (strcmp(choices[i], s) == 0) return i;
    return -1;
}

static void list_choices(char *buf, size_t n, const char *const *choices) {
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; choices[i] && used + 1 < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", choices[i]);
        if (w < 0) break;
        used += (size_t)w;
    }
}

/* ----------------------------------------------- generic set on one table */
typedef struct {
    const field_def *table; size_t n;
    unsigned bits;
    const char *kind_name;  /* for "not a field of X" */
} table_ref;

static lrp_status table_set_number(table_ref t, void *base, const char *key, const char *path, double v,
                                   lrp_set_mode mode, char *err, size_t n) {
    int irrelevant;
    const field_def *f = find_field(t.table, t.n, key, t.bits, &irrelevant);
    if (err && n) err[0] = 0;
    if (!f) {
        if (irrelevant && mode == LRP_SET_CLAMP) { lrp_say(err, n, "%s: ignored (not a field of %s)", path, t.kind_name); return LRP_OK; }
        if (irrelevant) { lrp_say(err, n, "%s: not a field of %s", path, t.kind_name); return LRP_EINVAL; }
        lrp_say(err, n, "%s: unknown field", path);
        return LRP_EINVAL;
    }
    if (f->type == LRP_FIELD_ENUM) {
        char ch[256];
        list_choices(ch, sizeof ch, f->choices);
        lrp_say(err, n, "%s: must be one of %s", path, ch);
        return LRP_EINVAL;
    }
    if (f->type == LRP_FIELD_INT_LIST || f->type == LRP_FIELD_STRING) {
        lrp_say(err, n, "%s: must be %s", path, f->type == LRP_FIELD_STRING ? "a string" : "a list of whole numbers");
        return LRP_EINVAL;
    }
    double out;
    lrp_status s = check_number(f, path, v, mode, &out, err, n);
    if (s != LRP_OK) return s;
    store_number(base, f, out);
    return LRP_OK;
}

static lrp_status table_set_list(table_ref t, void *base, const char *key, const char *path, const double *v,
                                 size_t count, lrp_set_mode mode, char *err, size_t n) {
    int irrelevant;
    const field_def *f = find_field(t.table, t.n, key, t.bits, &irrelevant);
    if (err && n) err[0] = 0;
    if (!f) {
        if (irrelevant && mode == LRP_SET_CLAMP) { lrp_say(err, n, "%s: ignored (not a field of %s)", path, t.kind_name); return LRP_OK; }
        lrp_say(err, n, irrelevant ? "%s: not a field of %s" : "%s: unknown field", path, t.kind_name);
        return LRP_EINVAL;
    }
    if (f->type != LRP_FIELD_INT_LIST) { lrp_say(err, n, "%s: must be a single value, not a list", path); return LRP_EINVAL; }
    if (count > f->max_items) {
        if (mode == LRP_SET_STRICT) { lrp_say(err, n, "%s: has %zu items, at most %zu allowed", path, count, f->max_items); return LRP_ELIMIT; }
        lrp_say(err, n, "%s: only the first %zu items kept", path, f->max_items);
        count = f->max_items;
    }
    double vals[LRP_MAX_MILESTONES > LRP_MAX_LAYERS ? LRP_MAX_MILESTONES : LRP_MAX_LAYERS];
    char note[160] = {0};
    for (size_t i = 0; i < count; i++) {
        char ipath[96];
        snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
        char one[160] = {0};
        lrp_status s = check_number(f, ipath, v[i], mode, &vals[i], one, sizeof one);
        if (s != LRP_OK) { lrp_say(err, n, "%s", one); return s; }
        if (one[0] && !note[0]) memcpy(note, one, sizeof note);
    }
    char *p = (char *)base + f->off;
    for (size_t i = 0; i < count; i++) {
        if (f->st == ST_LONGLIST) ((long *)p)[i] = (long)vals[i];
        else ((size_t *)p)[i] = (size_t)vals[i];
    }
    *(size_t *)((char *)base + f->count_off) = count;
    if (note[0]) lrp_say(err, n, "%s", note);
    return LRP_OK;
}

/* Strings: enums by name; the run label as text. Enum "name" keys reset the struct to
 * that kind's defaults, done by the callers below. */
static lrp_status table_set_enum(table_ref t, void *base, const char *key, const char *path, const char *v,
                                 int *index, char *err, size_t n) {
    int irrelevant;
    const field_def *f = find_field(t.table, t.n, key, t.bits, &irrelevant);
    if (err && n) err[0] = 0;
    if (!f) {
        lrp_say(err, n, irrelevant ? "%s: not a field of %s" : "%s: unknown field", path, t.kind_name);
        return LRP_EINVAL;
    }
    if (f->type != LRP_FIELD_ENUM) {
        lrp_say(err, n, "%s: must be %s, not a string", path, f->type == LRP_FIELD_INT_LIST ? "a list" :
            f->type == LRP_FIELD_BOOL ? "true or false" : "a number");
        return LRP_EINVAL;
    }
    int i = choice_index(f->choices, v);
    if (i < 0) {
        char ch[256];
        list_choices(ch, sizeof ch, f->choices);
        lrp_say(err, n, "%s: unknown value; must be one of %s", path, ch);
        return LRP_EINVAL;
    }
    *index = i;
    if (strcmp(key, "name") != 0 && strcmp(key, "data.name") != 0) store_number(base, f, i);
    return LRP_OK;
}

typedef enum { V_NUMBER, V_STRING, V_LIST } value_kind;
typedef struct { value_kind kind; double num; const char *str; const double *list; size_t n; } value;

static lrp_status set_in_table(table_ref t, void *base, const char *key, const char *path, value v,
                               lrp_set_mode mode, int *enum_index, char *err, size_t n) {
    switch (v.kind) {
    case V_NUMBER: return table_set_number(t, base, key, path, v.num, mode, err, n);
    case V_LIST:   return table_set_list(t, base, key, path, v.list, v.n, mode, err, n);
    case V_STRING: return table_set_enum(t, base, key, path, v.str, enum_index, err, n);
    }
    return LRP_EINVAL;
}

/* ------------------------------------------------------------ optimizer */
static table_ref optim_ref(const lrp_optim_cfg *c) {
    return (table_ref){optim_fields, COUNT(optim_fields), optim_bits(c), opt_names[c->kind]};
}

/* Any value into an optimizer config; naming a kind starts from that kind's defaults. */
static lrp_status optim_set(lrp_optim_cfg *c, const char *key, const char *path, value v, lrp_set_mode mode,
                            char *err, size_t n) {
    int idx = -1;
    lrp_status s = set_in_table(optim_ref(c), c, key, path, v, mode, &idx, err, n);
    if (s == LRP_OK && idx >= 0 && strcmp(key, "name") == 0) lrp_optim_defaults(c, (lrp_opt_kind)idx);
    return s;
}

lrp_status lrp_optim_set_number(lrp_optim_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t n) {
    return optim_set(c, key, key, (value){V_NUMBER, v, NULL, NULL, 0}, mode, err, n);
}
lrp_status lrp_optim_set_string(lrp_optim_cfg *c, const char *key, const char *v, char *err, size_t n) {
    return optim_set(c, key, key, (value){V_STRING, 0, v, NULL, 0}, LRP_SET_STRICT, err, n);
}

/* ------------------------------------------------------------ scheduler */
static table_ref sched_ref(const lrp_sched_cfg *c) {
    return (table_ref){sched_fields, COUNT(sched_fields), sched_bits(c),
        c->kind == LRP_SCHED_PLATEAU ? (c->flavor == LRP_FLAVOR_KERAS ? "reduce_on_plateau (keras)" :
        "reduce_on_plateau (torch)") : sched_names[c->kind]};
}

/* Any value into a scheduler config; naming a kind starts from that kind's defaults. */
static lrp_status sched_set(lrp_sched_cfg *c, const char *key, const char *path, value v, lrp_set_mode mode,
                            char *err, size_t n) {
    int idx = -1;
    if (c->kind == LRP_SCHED_PLATEAU && mode == LRP_SET_STRICT && strncmp(key, "warmup", 6) == 0 &&
        (key[6] == 0 || strcmp(key + 6, "_start_factor") == 0)) {
        lrp_say(err, n, "%s: reduce_on_plateau takes no warm-up: it follows a metric, not a step count "
                "(PyTorch's SequentialLR steps ReduceLROnPlateau without its metric and fails)", path);
        return LRP_EINVAL;
    }
    lrp_status s = set_in_table(sched_ref(c), c, key, path, v, mode, &idx, err, n);
    if (s == LRP_OK && idx >= 0 && strcmp(key, "name") == 0) lrp_sched_defaults(c, (lrp_sched_kind)idx);
    return s;
}

lrp_status lrp_sched_set_number(lrp_sched_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t n) {
    return sched_set(c, key, key, (value){V_NUMBER, v, NULL, NULL, 0}, mode, err, n);
}
lrp_status lrp_sched_set_string(lrp_sched_cfg *c, const char *key, const char *v, char *err, size_t n) {
    return sched_set(c, key, key, (value){V_STRING, 0, v, NULL, 0}, LRP_SET_STRICT, err, n);
}
lrp_status lrp_sched_set_list(lrp_sched_cfg *c, const char *key, const double *v, size_t count, lrp_set_mode mode,
                              char *err, size_t n) {
    return sched_set(c, key, key, (value){V_LIST, 0, NULL, v, count}, mode, err, n);
}

/* ----------------------------------------------------------- experiment */
void lrp_exp_clear_runs(lrp_experiment *e) { e->n_runs = 0; }

static void run_init(lrp_run_cfg *r, const lrp_optim_cfg *template_optim, size_t index) {
    memset(r, 0, sizeof *r);
    snprintf(r->label, sizeof r->label, "run %zu", index + 1);
    r->optim = *template_optim;
    lrp_sched_defaults(&r->sched, LRP_SCHED_CONSTANT);
    r->min_lr = 0;
    lrp_earlystop_defaults(&r->early_stopping);
}

static void set_run(lrp_experiment *e, size_t i, const char *label, lrp_opt_kind ok, double lr, lrp_sched_kind sk) {
    lrp_run_cfg *r = &e->runs[i];
    run_init(r, &e->optim, i);
    snprintf(r->label, sizeof r->label, "%s", label);
    lrp_optim_defaults(&r->optim, ok);
    r->optim.lr = lr;
    lrp_sched_defaults(&r->sched, sk);
}

void lrp_experiment_defaults(lrp_experiment *e) {
    memset(e, 0, sizeof *e);
    e->seed = 1;
    lrp_data_defaults(&e->data, LRP_DATA_SPIRAL);
    e->n_hidden = 2;
    e->hidden[0] = 32;
    e->hidden[1] = 32;
    e->act = LRP_ACT_TANH;
    lrp_optim_defaults(&e->optim, LRP_OPT_ADAM);
    e->batch_size = 32;
    e->epochs = 40;
    e->target_loss = 0;
    e->find.start_lr = 1e-6;
    e->find.end_lr = 10;
    e->find.num_iter = 100;
    e->find.step_mode = LRP_RAMP_EXP;
    e->find.beta = 0.98;
    e->find.diverge = 4;
    e->find.use_val = 0;
    e->find.skip_end = 5;

    /* The story of the seed question: a constant rate at the pick, Adam's own decay,
     * ReduceLROnPlateau from the high end of the good range, one-cycle, cosine. */
    e->n_runs = 5;
    set_run(e, 0, "constant", LRP_OPT_ADAM, 0.01, LRP_SCHED_CONSTANT);
    set_run(e, 1, "adam decay", LRP_OPT_KERAS_ADAM, 0.01, LRP_SCHED_CONSTANT);
    e->runs[1].optim.decay = 0.01;
    set_run(e, 2, "plateau", LRP_OPT_ADAM, 0.03, LRP_SCHED_PLATEAU);
    e->runs[2].sched.flavor = LRP_FLAVOR_KERAS;
    e->runs[2].sched.factor = 0.5;
    e->runs[2].sched.patience = 3;
    e->runs[2].sched.min_delta = 1e-3;
    e->runs[2].sched.cooldown = 0;
    e->runs[2].sched.min_lr = 1e-5;
    set_run(e, 3, "one-cycle", LRP_OPT_ADAM, 0.03, LRP_SCHED_ONECYCLE);
    e->runs[3].sched.max_lr = 0.03;
    set_run(e, 4, "cosine", LRP_OPT_ADAM, 0.03, LRP_SCHED_COSINE);
}

/* "runs.N.rest" -> N and rest; returns -1 when the path is not of that form. */
static long parse_run_path(const char *path, const char **rest) {
    if (strncmp(path, "runs.", 5) != 0) return -1;
    const char *p = path + 5;
    long n = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 3) { n = n * 10 + (*p - '0'); p++; digits++; }
    if (!digits || *p != '.') return -2;
    *rest = p + 1;
    return n;
}

static lrp_status activate_run(lrp_experiment *e, long n, const char *path, char *err, size_t len) {
    if (n >= LRP_MAX_RUNS) { lrp_say(err, len, "%s: at most %d runs", path, LRP_MAX_RUNS); return LRP_ELIMIT; }
    while (e->n_runs <= (size_t)n) { run_init(&e->runs[e->n_runs], &e->optim, e->n_runs); e->n_runs++; }
    return LRP_OK;
}

static lrp_status set_label(char *dst, size_t cap, const char *path, const char *s, char *err, size_t n) {
    size_t len = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, len++)
        if (*p < 0x20 || *p == 0x7f) { lrp_say(err, n, "%s: control characters are not allowed", path); return LRP_EINVAL; }
    if (len >= cap) {
        len = cap - 1;
        while (len > 0 && (((unsigned char)s[len]) & 0xC0) == 0x80) len--;  /* keep UTF-8 whole */
        lrp_say(err, n, "%s: shortened to %zu bytes", path, len);
    }
    memcpy(dst, s, len);
    dst[len] = 0;
    return LRP_OK;
}

static lrp_status exp_set(lrp_experiment *e, const char *path, value v, lrp_set_mode mode, char *err, size_t n) {
    if (err && n) err[0] = 0;
    if (!path) { lrp_say(err, n, "(null): unknown field"); return LRP_EINVAL; }
    int idx = -1;
    const char *rest;
    if (strcmp(path, "version") == 0) {
        if (v.kind != V_NUMBER || v.num != 1) {
            if (mode == LRP_SET_CLAMP) { lrp_say(err, n, "version: only version 1 is known; read as version 1"); return LRP_OK; }
            lrp_say(err, n, "version: must be 1");
            return LRP_EINVAL;
        }
        return LRP_OK;
    }
    if (strncmp(path, "optimizer.", 10) == 0) {
        return optim_set(&e->optim, path + 10, path, v, mode, err, n);
    }
    long r = parse_run_path(path, &rest);
    if (r == -2) { lrp_say(err, n, "%s: unknown field (runs are numbered runs.0 to runs.%d)", path, LRP_MAX_RUNS - 1); return LRP_EINVAL; }
    if (r >= 0) {
        lrp_status s = activate_run(e, r, path, err, n);
        if (s != LRP_OK) return s;
        lrp_run_cfg *run = &e->runs[r];
        if (strncmp(rest, "optimizer.", 10) == 0) return optim_set(&run->optim, rest + 10, path, v, mode, err, n);
        if (strncmp(rest, "schedule.", 9) == 0) return sched_set(&run->sched, rest + 9, path, v, mode, err, n);
        if (strcmp(rest, "label") == 0) {
            if (v.kind != V_STRING) { lrp_say(err, n, "%s: must be a string", path); return LRP_EINVAL; }
            return set_label(run->label, sizeof run->label, path, v.str, err, n);
        }
        table_ref t = {run_fields + 1, COUNT(run_fields) - 1, ALL, "a run"};
        return set_in_table(t, run, rest, path, v, mode, &idx, err, n);
    }
    table_ref head = {exp_fields, COUNT(exp_fields), data_bits(e), data_names[e->data.kind]};
    table_ref tail = {exp_fields_tail, COUNT(exp_fields_tail), ALL, "the experiment"};
    int irrelevant;
    if (find_field(tail.table, tail.n, path, ALL, &irrelevant))
        return set_in_table(tail, e, path, path, v, mode, &idx, err, n);
    lrp_status s = set_in_table(head, e, path, path, v, mode, &idx, err, n);
    if (s == LRP_OK && idx >= 0 && strcmp(path, "data.name") == 0) {
        double val_frac = e->data.val_frac;
        lrp_data_defaults(&e->data, (lrp_data_kind)idx);
        if (val_frac > 0) e->data.val_frac = val_frac;
    }
    return s;
}

lrp_status lrp_exp_set_number(lrp_experiment *e, const char *path, double v, lrp_set_mode mode, char *err, size_t n) {
    value val = {V_NUMBER, v, NULL, NULL, 0};
    return exp_set(e, path, val, mode, err, n);
}
lrp_status lrp_exp_set_string(lrp_experiment *e, const char *path, const char *v, char *err, size_t n) {
    if (!v) { lrp_say(err, n, "%s: must be a string", path ? path : "(null)"); return LRP_EINVAL; }
    value val = {V_STRING, 0, v, NULL, 0};
    return exp_set(e, path, val, LRP_SET_STRICT, err, n);
}
lrp_status lrp_exp_set_list(lrp_experiment *e, const char *path, const double *v, size_t count, lrp_set_mode mode,
                            char *err, size_t n) {
    if (!v && count) { lrp_say(err, n, "%s: missing list", path ? path : "(null)"); return LRP_EINVAL; }
    value val = {V_LIST, 0, NULL, v, count};
    return exp_set(e, path, val, mode, err, n);
}

/* ------------------------------------------------------------- walking */
static void fill_value(lrp_field_value *out, const field_def *f, const void *base, const void *defaults,
                       const char *prefix) {
    memset(out, 0, sizeof *out);
    snprintf(out->name_buf, sizeof out->name_buf, "%s%s", prefix, f->key);
    out->info.name = out->name_buf;
    out->info.type = f->type;
    out->info.min = f->min;
    out->info.max = f->max;
    out->info.choices = f->choices;
    out->info.max_items = f->max_items;
    out->info.help = f->help;
    out->is_default = 0;
    if (f->type == LRP_FIELD_STRING) {
        out->str = (const char *)base + f->off;
        out->is_default = defaults && strcmp(out->str, (const char *)defaults + f->off) == 0;
        return;
    }
    if (f->type == LRP_FIELD_INT_LIST) {
        size_t cnt = *(const size_t *)((const char *)base + f->count_off);
        const char *p = (const char *)base + f->off;
        out->n_list = cnt;
        for (size_t i = 0; i < cnt; i++)
            out->list[i] = f->st == ST_LONGLIST ? (double)((const long *)p)[i] : (double)((const size_t *)p)[i];
        if (defaults) {
            size_t dc = *(const size_t *)((const char *)defaults + f->count_off);
            const char *dp = (const char *)defaults + f->off;
            int same = dc == cnt;
            for (size_t i = 0; same && i < cnt; i++) {
                double d = f->st == ST_LONGLIST ? (double)((const long *)dp)[i] : (double)((const size_t *)dp)[i];
                same = d == out->list[i];
            }
            out->is_default = same;
        }
        return;
    }
    out->number = load_number(base, f);
    if (f->type == LRP_FIELD_ENUM) out->str = name_of(f->choices, (long)out->number);
    /* A kind's name is never "default": readers reset a struct to its kind's defaults on it. */
    if (defaults && strcmp(f->key, "name") != 0 && strcmp(f->key, "data.name") != 0)
        out->is_default = load_number(defaults, f) == out->number;
}

/* The i-th relevant field of a table, or NULL. */
static const field_def *nth_relevant(const field_def *t, size_t n, unsigned bits, size_t i, size_t *count) {
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        if (!(t[j].kinds & bits)) continue;
        if (k == i) return &t[j];
        k++;
    }
    *count = k;
    return NULL;
}

int lrp_optim_field(const lrp_optim_cfg *c, size_t i, lrp_field_value *out) {
    size_t cnt;
    const field_def *f = nth_relevant(optim_fields, COUNT(optim_fields), optim_bits(c), i, &cnt);
    if (!f) return 0;
    lrp_optim_cfg d;
    lrp_optim_defaults(&d, c->kind);
    fill_value(out, f, c, &d, "");
    return 1;
}

int lrp_sched_field(const lrp_sched_cfg *c, size_t i, lrp_field_value *out) {
    size_t cnt;
    const field_def *f = nth_relevant(sched_fields, COUNT(sched_fields), sched_bits(c), i, &cnt);
    if (!f) return 0;
    lrp_sched_cfg d;
    lrp_sched_defaults(&d, c->kind);
    fill_value(out, f, c, &d, "");
    return 1;
}

static int walk_table(const field_def *t, size_t n, unsigned bits, const void *base, const void *defaults,
                      const char *prefix, size_t *i, lrp_field_value *out) {
    size_t cnt = 0;
    const field_def *f = nth_relevant(t, n, bits, *i, &cnt);
    if (f) { fill_value(out, f, base, defaults, prefix); return 1; }
    *i -= cnt;
    return 0;
}

int lrp_exp_field(const lrp_experiment *e, size_t i, lrp_field_value *out) {
    static const field_def version = {"version", LRP_FIELD_INT, ST_INT, 0, 0, 0, 1, 1, NULL, ALL, "config format version"};
    if (i == 0) {
        int one = 1;
        fill_value(out, &version, &one, &one, "");
        out->is_default = 0;
        return 1;
    }
    i -= 1;
    lrp_experiment d;
    lrp_experiment_defaults(&d);
    lrp_data_defaults(&d.data, e->data.kind);
    if (walk_table(exp_fields, COUNT(exp_fields), data_bits(e), e, &d, "", &i, out)) return 1;
    lrp_optim_cfg od;
    lrp_optim_defaults(&od, e->optim.kind);
    if (walk_table(optim_fields, COUNT(optim_fields), optim_bits(&e->optim), &e->optim, &od, "optimizer.", &i, out)) return 1;
    if (walk_table(exp_fields_tail, COUNT(exp_fields_tail), ALL, e, &d, "", &i, out)) return 1;
    for (size_t r = 0; r < e->n_runs; r++) {
        const lrp_run_cfg *run = &e->runs[r];
        char prefix[48];
        lrp_run_cfg rd;
        run_init(&rd, &e->optim, r);
        snprintf(prefix, sizeof prefix, "runs.%zu.", r);
        if (walk_table(run_fields, COUNT(run_fields), ALL, run, &rd, prefix, &i, out)) return 1;
        lrp_optim_defaults(&od, run->optim.kind);
        snprintf(prefix, sizeof prefix, "runs.%zu.optimizer.", r);
        if (walk_table(optim_fields, COUNT(optim_fields), optim_bits(&run->optim), &run->optim, &od, prefix, &i, out)) return 1;
        lrp_sched_cfg sd;
        lrp_sched_defaults(&sd, run->sched.kind);
        snprintf(prefix, sizeof prefix, "runs.%zu.schedule.", r);
        if (walk_table(sched_fields, COUNT(sched_fields), sched_bits(&run->sched), &run->sched, &sd, prefix, &i, out)) return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ validation */
static lrp_status check_table(const field_def *t, size_t n, unsigned bits, const void *base, const char *prefix,
                              char *err, size_t len) {
    for (size_t j = 0; j < n; j++) {
        const field_def *f = &t[j];
        if (!(f->kinds & bits)) continue;
        char path[96];
        snprintf(path, sizeof path, "%s%s", prefix, f->key);
        if (f->type == LRP_FIELD_NUMBER || f->type == LRP_FIELD_INT || f->type == LRP_FIELD_BOOL) {
            double out;
            lrp_status s = check_number(f, path, load_number(base, f), LRP_SET_STRICT, &out, err, len);
            if (s != LRP_OK) return s;
        } else if (f->type == LRP_FIELD_INT_LIST) {
            size_t cnt = *(const size_t *)((const char *)base + f->count_off);
            if (cnt > f->max_items) { lrp_say(err, len, "%s: at most %zu items", path, f->max_items); return LRP_ELIMIT; }
            const char *p = (const char *)base + f->off;
            for (size_t i = 0; i < cnt; i++) {
                double v = f->st == ST_LONGLIST ? (double)((const long *)p)[i] : (double)((const size_t *)p)[i];
                char ip[128];
                snprintf(ip, sizeof ip, "%s[%zu]", path, i);
                double out;
                lrp_status s = check_number(f, ip, v, LRP_SET_STRICT, &out, err, len);
                if (s != LRP_OK) return s;
            }
        } else if (f->type == LRP_FIELD_ENUM) {
            double v = load_number(base, f);
            long k = 0;
            while (f->choices[k]) k++;
            if (v < 0 || v >= (double)k) { lrp_say(err, len, "%s: invalid value", path); return LRP_EINVAL; }
        }
    }
    return LRP_OK;
}

static lrp_status prefixed(lrp_status s, const char *prefix, char *err, size_t len) {
    if (s == LRP_OK || !err || len == 0 || !prefix[0]) return s;
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s%s", prefix, err);
    snprintf(err, len, "%s", tmp);
    return s;
}

/* Bounded work: every config the checks above accept still has to finish in reasonable
 * time, so the samples seen times the parameters are capped (LRP_MAX_WORK). */
static lrp_status check_work(const lrp_experiment *e, char *err, size_t len) {
    size_t rows, n_in, n_out;
    lrp_data_shape(&e->data, &rows, &n_in, &n_out);
    double params = 0, prev = (double)n_in;
    for (size_t i = 0; i <= e->n_hidden; i++) {
        double w = i < e->n_hidden ? (double)e->hidden[i] : (double)n_out;
        params += prev * w + w;
        prev = w;
    }
    double n_val = floor((double)rows * e->data.val_frac + 0.5), n_train = (double)rows - n_val;
    double batch = (double)e->batch_size < n_train ? (double)e->batch_size : n_train;
    double find = (double)e->find.num_iter * (batch + (e->find.use_val ? n_val : 0)) * params;
    if (find > LRP_MAX_WORK) {
        lrp_say(err, len, "find.num_iter: %ld iterations of %.0f samples on %.0f parameters is more work than lrplay "
            "does (%.3g sample-parameters, at most %.3g); lower find.num_iter, batch_size or model.hidden",
            e->find.num_iter, batch + (e->find.use_val ? n_val : 0), params, find, LRP_MAX_WORK);
        return LRP_ELIMIT;
    }
    double train = (double)e->epochs * (double)rows * params * (double)(e->n_runs ? e->n_runs : 1);
    if (train > LRP_MAX_WORK) {
        lrp_say(err, len, "epochs: %ld epochs of %.0f samples on %.0f parameters in %zu runs is more work than lrplay "
            "does (%.3g sample-parameters, at most %.3g); lower epochs, data.samples, model.hidden or the runs",
            e->epochs, (double)rows, params, e->n_runs, train, LRP_MAX_WORK);
        return LRP_ELIMIT;
    }
    return LRP_OK;
}

lrp_status lrp_experiment_validate(const lrp_experiment *e, char *err, size_t len) {
    lrp_status s;
    if (err && len) err[0] = 0;
    if ((unsigned)e->data.kind >= LRP_DATA__COUNT) { lrp_say(err, len, "data.name: invalid value"); return LRP_EINVAL; }
    if ((s = check_table(exp_fields, COUNT(exp_fields), data_bits(e), e, "", err, len)) != LRP_OK) return s;
    if ((unsigned)e->optim.kind >= LRP_OPT__COUNT) { lrp_say(err, len, "optimizer.name: invalid value"); return LRP_EINVAL; }
    if ((s = check_table(optim_fields, COUNT(optim_fields), optim_bits(&e->optim), &e->optim, "optimizer.", err, len)) != LRP_OK) return s;
    if ((s = prefixed(lrp_optim_validate(&e->optim, err, len), "", err, len)) != LRP_OK) return s;
    if ((s = check_table(exp_fields_tail, COUNT(exp_fields_tail), ALL, e, "", err, len)) != LRP_OK) return s;
    if (!(e->find.start_lr < e->find.end_lr)) {
        lrp_say(err, len, "find.end_lr: must be greater than find.start_lr (%.17g)", e->find.start_lr);
        return LRP_EINVAL;
    }
    if (e->n_runs > LRP_MAX_RUNS) { lrp_say(err, len, "runs: at most %d runs", LRP_MAX_RUNS); return LRP_ELIMIT; }
    if ((s = check_work(e, err, len)) != LRP_OK) return s;
    for (size_t r = 0; r < e->n_runs; r++) {
        const lrp_run_cfg *run = &e->runs[r];
        char prefix[48];
        snprintf(prefix, sizeof prefix, "runs.%zu.", r);
        if ((unsigned)run->optim.kind >= LRP_OPT__COUNT || (unsigned)run->sched.kind >= LRP_SCHED__COUNT) {
            lrp_say(err, len, "%sname: invalid value", prefix);
            return LRP_EINVAL;
        }
        if (memchr(run->label, 0, sizeof run->label) == NULL) { lrp_say(err, len, "%slabel: not terminated", prefix); return LRP_EINVAL; }
        if ((s = check_table(run_fields + 1, COUNT(run_fields) - 1, ALL, run, prefix, err, len)) != LRP_OK) return s;
        snprintf(prefix, sizeof prefix, "runs.%zu.optimizer.", r);
        if ((s = check_table(optim_fields, COUNT(optim_fields), optim_bits(&run->optim), &run->optim, prefix, err, len)) != LRP_OK) return s;
        if ((s = lrp_optim_validate(&run->optim, err, len)) != LRP_OK) {
            snprintf(prefix, sizeof prefix, "runs.%zu.", r);
            return prefixed(s, prefix, err, len);
        }
        snprintf(prefix, sizeof prefix, "runs.%zu.schedule.", r);
        if ((s = check_table(sched_fields, COUNT(sched_fields), sched_bits(&run->sched), &run->sched, prefix, err, len)) != LRP_OK) return s;
        if ((s = lrp_sched_validate(&run->sched, err, len)) != LRP_OK) {
            snprintf(prefix, sizeof prefix, "runs.%zu.", r);
            return prefixed(s, prefix, err, len);
        }
        if (run->sched.kind == LRP_SCHED_LR_RANGE) {
            lrp_say(err, len, "runs.%zu.schedule.name: lr_range is the range test's ramp, not a training schedule", r);
            return LRP_EINVAL;
        }
    }
    return LRP_OK;
}

/* ------------------------------------------------------------- as text */
/* The type a path names, looked up without changing anything. */
static const field_def *field_at(const lrp_experiment *e, const char *path) {
    int irrelevant;
    const char *rest;
    if (strncmp(path, "optimizer.", 10) == 0)
        return find_field(optim_fields, COUNT(optim_fields), path + 10, ALL, &irrelevant);
    long r = parse_run_path(path, &rest);
    if (r >= 0) {
        if (strncmp(rest, "optimizer.", 10) == 0) return find_field(optim_fields, COUNT(optim_fields), rest + 10, ALL, &irrelevant);
        if (strncmp(rest, "schedule.", 9) == 0) {
            /* "mode" is an enum for both plateau and cyclic: any schedule field of that name will do. */
            return find_field(sched_fields, COUNT(sched_fields), rest + 9, ALL, &irrelevant);
        }
        return find_field(run_fields, COUNT(run_fields), rest, ALL, &irrelevant);
    }
    const field_def *f = find_field(exp_fields_tail, COUNT(exp_fields_tail), path, ALL, &irrelevant);
    if (f) return f;
    (void)e;
    return find_field(exp_fields, COUNT(exp_fields), path, ALL, &irrelevant);
}

static int parse_double(const char *s, double *out) {
    if (!*s || *s == ' ' || *s == '\t') return 0;
    char *end;
    double v = strtod(s, &end);
    if (*end) return 0;
    *out = v;
    return 1;
}

lrp_status lrp_exp_set_text(lrp_experiment *e, const char *path, const char *text, lrp_set_mode mode, char *err, size_t n) {
    if (err && n) err[0] = 0;
    if (!path || !text) { lrp_say(err, n, "%s: missing value", path ? path : "(null)"); return LRP_EINVAL; }
    if (strcmp(path, "version") == 0) {
        double v;
        if (!parse_double(text, &v)) v = -1;
        return lrp_exp_set_number(e, path, v, mode, err, n);
    }
    const field_def *f = field_at(e, path);
    if (!f) { lrp_say(err, n, "%s: unknown field", path); return LRP_EINVAL; }
    switch (f->type) {
    case LRP_FIELD_STRING:
    case LRP_FIELD_ENUM:
        return lrp_exp_set_string(e, path, text, err, n);
    case LRP_FIELD_BOOL: {
        double v = -1;
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0) v = 1;
        else if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0) v = 0;
        if (v < 0) { lrp_say(err, n, "%s: must be true or false", path); return LRP_EINVAL; }
        return lrp_exp_set_number(e, path, v, mode, err, n);
    }
    case LRP_FIELD_NUMBER:
    case LRP_FIELD_INT: {
        double v;
        if (!parse_double(text, &v)) { lrp_say(err, n, "%s: \"%.40s\" is not a number", path, text); return LRP_EINVAL; }
        return lrp_exp_set_number(e, path, v, mode, err, n);
    }
    case LRP_FIELD_INT_LIST: {
        double vals[64];
        size_t count = 0;
        char item[64];
        const char *p = text;
        if (*p) {
            for (;;) {
                const char *comma = strchr(p, ',');
                size_t len = comma ? (size_t)(comma - p) : strlen(p);
                if (len >= sizeof item || count >= 64) { lrp_say(err, n, "%s: too long a list", path); return LRP_ELIMIT; }
                memcpy(item, p, len);
                item[len] = 0;
                if (!parse_double(item, &vals[count])) { lrp_say(err, n, "%s[%zu]: \"%.40s\" is not a number", path, count, item); return LRP_EINVAL; }
                count++;
                if (!comma) break;
                p = comma + 1;
            }
        }
        return lrp_exp_set_list(e, path, vals, count, mode, err, n);
    }
    }
    return LRP_EINVAL;
}
