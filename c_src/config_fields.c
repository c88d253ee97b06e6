/* config_fields.c — every config field by name, in one table per struct: names, types,
 * ranges, enum choices, the kinds a field applies to and its defaults (per kind where
 * they differ). The defaults functions, the validators, setting by path (config_set.c),
 * the canonical walk below and `lrplay schema` all read these tables, so names, ranges,
 * defaults and error messages are the same everywhere.
 *
 * Default values follow PyTorch 1.13 and Keras 2 (the scheduler's counts scaled down where
 * PyTorch requires a value, e.g. step_size); the experiment's are the page's first view. */
#include "fields.h"
#include "data.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ enums */
const char *const lrp_opt_names[] = {"adam", "adamw", "sgd", "keras_adam", NULL};
const char *const lrp_sched_names[] = {"constant", "reduce_on_plateau", "step", "multistep", "exponential",
    "cosine", "cosine_warm_restarts", "linear", "onecycle", "cyclic", "inverse_time", "lr_range", NULL};
const char *const lrp_data_names[] = {"spiral", "circles", "xor", "gauss", "moons", "sine", "digits", "csv", "iris",
    "wine", "breast_cancer", "diabetes", NULL};
static const char *const task_names[] = {"auto", "classification", "regression", NULL};
static const char *const header_names[] = {"auto", "yes", "no", NULL};
static const char *const separator_names[] = {"auto", "comma", "semicolon", "tab", NULL};
static const char *const flavor_names[] = {"torch", "keras", NULL};
static const char *const mode_names[] = {"min", "max", NULL};
static const char *const thresh_names[] = {"rel", "abs", NULL};
static const char *const anneal_names[] = {"cos", "linear", NULL};
static const char *const cyclic_names[] = {"triangular", "triangular2", "exp_range", NULL};
static const char *const ramp_names[] = {"exp", "linear", NULL};
static const char *const interval_names[] = {"epoch", "batch", NULL};
static const char *const act_names[] = {"relu", "tanh", "sigmoid", "gelu", NULL};
static const char *const monitor_names[] = {"off", "val_loss", "val_acc", NULL};
static const char *const es_mode_names[] = {"auto", "min", "max", NULL};
const char *const lrp_pick_names[] = {"steep", "valley", "minimum", "slide", "gradient", NULL};
static const char *const lr_policy_names[] = {"pick", "own", NULL};
/* Enums that are not fields of a table, named here so that schema writers see every name. */
static const char *const loss_names[] = {"cross_entropy", "mse", NULL};
static const char *const reason_names[] = {"plateau", "schedule", "min_lr", NULL};
static const char *const field_type_names[] = {"number", "int", "bool", "enum", "int_list", "string", NULL};
static const char *const set_mode_names[] = {"strict", "clamp", NULL};
static const char *const kernel_names[] = {"auto", "scalar", "simd", NULL};
static const char *const status_names[] = {"LRP_OK", "LRP_EINVAL", "LRP_ENOMEM", "LRP_ELIMIT", "LRP_EDIVERGED",
    "LRP_ESTATE", NULL};

static const struct { const char *id; const char *const *names; } enum_table[] = {
    {"optimizer", lrp_opt_names}, {"schedule", lrp_sched_names}, {"data", lrp_data_names}, {"activation", act_names},
    {"loss", loss_names}, {"flavor", flavor_names}, {"mode", mode_names}, {"threshold_mode", thresh_names},
    {"anneal_strategy", anneal_names}, {"cyclic_mode", cyclic_names}, {"step_mode", ramp_names},
    {"interval", interval_names}, {"event_reason", reason_names}, {"field_type", field_type_names},
    {"set_mode", set_mode_names}, {"kernel", kernel_names}, {"status", status_names},
    {"monitor", monitor_names}, {"es_mode", es_mode_names}, {"pick", lrp_pick_names}, {"lr_policy", lr_policy_names},
    {"task", task_names}, {"header", header_names}, {"separator", separator_names},
};

int lrp_schema_enum(size_t i, const char **id, const char *const **names) {
    if (i >= sizeof enum_table / sizeof enum_table[0]) return 0;
    *id = enum_table[i].id;
    *names = enum_table[i].names;
    return 1;
}

/* ------------------------------------------------------------------ tables */
#define ALL LRP_ALL_KINDS
#define BIT(k) LRP_KIND_BIT(k)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define TABLE(a) {a, COUNT(a)}
/* Per-kind defaults: PER_KIND({kind, value}, ...). */
#define PER_KIND(...) ((const lrp_kind_value[]){__VA_ARGS__, {-1, 0}})

/* A row's offset, after a compile-time check that the member has the size its storage
 * type reads and writes: a `long` stored as ST_LONG (int64_t) would corrupt memory where
 * long is 32 bits, as on wasm32. */
#define OFF(s, fld, T) (offsetof(s, fld) + 0 * sizeof(struct { \
    _Static_assert(sizeof(((s *)0)->fld) == sizeof(T), #s "." #fld ": not the size of " #T); int ok_; }))
#define LIST_T(st_) ((st_) == ST_LONGLIST ? sizeof(int64_t) : sizeof(size_t))
#define OFF_LIST(s, fld, st_) (offsetof(s, fld) + 0 * sizeof(struct { \
    _Static_assert(sizeof(((s *)0)->fld[0]) == LIST_T(st_), #s "." #fld ": items not the size of " #st_); int ok_; }))

#define F_NUM(k, s, fld, lo, hi, d, kn, h) \
    {.key = k, .type = LRP_FIELD_NUMBER, .st = ST_DOUBLE, .off = OFF(s, fld, double), .min = lo, .max = hi, .kinds = kn, .help = h, .def = d}
#define F_NUMK(k, s, fld, lo, hi, d, pk, kn, h) \
    {.key = k, .type = LRP_FIELD_NUMBER, .st = ST_DOUBLE, .off = OFF(s, fld, double), .min = lo, .max = hi, .kinds = kn, .help = h, .def = d, .per_kind = pk}
#define F_LONG(k, s, fld, lo, hi, d, kn, h) \
    {.key = k, .type = LRP_FIELD_INT, .st = ST_LONG, .off = OFF(s, fld, int64_t), .min = lo, .max = hi, .kinds = kn, .help = h, .def = d}
#define F_SIZEK(k, s, fld, lo, hi, d, pk, kn, h) \
    {.key = k, .type = LRP_FIELD_INT, .st = ST_SIZE, .off = OFF(s, fld, size_t), .min = lo, .max = hi, .kinds = kn, .help = h, .def = d, .per_kind = pk}
#define F_BOOL(k, s, fld, d, kn, h) \
    {.key = k, .type = LRP_FIELD_BOOL, .st = ST_INT, .off = OFF(s, fld, int), .min = 0, .max = 1, .kinds = kn, .help = h, .def = d}
#define F_ENUMK(k, s, fld, ch, d, pk, kn, h) \
    {.key = k, .type = LRP_FIELD_ENUM, .st = ST_ENUM, .off = OFF(s, fld, int), .choices = ch, .kinds = kn, .help = h, .def = d, .per_kind = pk}
#define F_ENUM(k, s, fld, ch, d, kn, h) F_ENUMK(k, s, fld, ch, d, NULL, kn, h)
#define F_LIST(k, s, fld, cnt, st_, cap, lo, hi, dl, kn, h) \
    {.key = k, .type = LRP_FIELD_INT_LIST, .st = st_, .off = OFF_LIST(s, fld, st_), .count_off = offsetof(s, cnt), .max_items = cap, \
     .min = lo, .max = hi, .kinds = kn, .help = h, .def_list = dl, .def_n = COUNT(dl)}

#define OPT_ADAMS (BIT(LRP_OPT_ADAM) | BIT(LRP_OPT_ADAMW) | BIT(LRP_OPT_KERAS_ADAM))
#define OPT_WD    (BIT(LRP_OPT_ADAM) | BIT(LRP_OPT_ADAMW) | BIT(LRP_OPT_SGD))
#define OPT_SGD   BIT(LRP_OPT_SGD)

static const lrp_field_def optim_fields[] = {
    F_ENUM("name", lrp_optim_cfg, kind, lrp_opt_names, 0, ALL, "optimizer"),
    F_NUMK("lr", lrp_optim_cfg, lr, 0, 1000, 1e-3, PER_KIND({LRP_OPT_SGD, 1e-2}), ALL, "learning rate"),
    F_NUM("beta1", lrp_optim_cfg, beta1, 0, 0.999999, 0.9, OPT_ADAMS, "first-moment decay"),
    F_NUM("beta2", lrp_optim_cfg, beta2, 0, 0.999999, 0.999, OPT_ADAMS, "second-moment decay"),
    F_NUMK("eps", lrp_optim_cfg, eps, 0, 1, 1e-8, PER_KIND({LRP_OPT_KERAS_ADAM, 1e-7}), OPT_ADAMS, "term added to the denominator"),
    F_NUMK("weight_decay", lrp_optim_cfg, weight_decay, 0, 10, 0.0, PER_KIND({LRP_OPT_ADAMW, 1e-2}), OPT_WD,
           "weight decay (L2 for adam and sgd, decoupled for adamw)"),
    F_BOOL("amsgrad", lrp_optim_cfg, amsgrad, 0, OPT_ADAMS, "use the running maximum of the second moment"),
    F_NUM("momentum", lrp_optim_cfg, momentum, 0, 0.9999, 0.0, OPT_SGD, "momentum"),
    F_NUM("dampening", lrp_optim_cfg, dampening, 0, 1, 0.0, OPT_SGD, "momentum dampening"),
    F_BOOL("nesterov", lrp_optim_cfg, nesterov, 0, OPT_SGD, "Nesterov momentum"),
    F_NUM("decay", lrp_optim_cfg, decay, 0, 10, 0.0, BIT(LRP_OPT_KERAS_ADAM), "Keras legacy decay: lr / (1 + decay * iterations)"),
};

#define S_PT   BIT(LRP_SCHED_PLATEAU)
#define S_PK   BIT(LRP_KIND_PLATEAU_KERAS)
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
#define S_WARM (S_STEP | S_MULTI | S_EXP | S_COS | S_CWR)   /* kinds that take a warm-up */

#define STEPS_MAX ((double)LRP_MAX_STEPS)
/* A rate multiplier of 0 would end the run's learning; these start just above it. */
#define POSITIVE 1e-12
static const double milestones_default[] = {10, 20};
static const lrp_field_def sched_fields[] = {
    F_ENUM("name", lrp_sched_cfg, kind, lrp_sched_names, 0, ALL, "scheduler"),
    F_ENUM("flavor", lrp_sched_cfg, flavor, flavor_names, LRP_FLAVOR_TORCH, S_PL, "torch or keras semantics"),
    F_ENUMK("interval", lrp_sched_cfg, interval, interval_names, LRP_EVERY_EPOCH, PER_KIND({LRP_SCHED_ONECYCLE, LRP_EVERY_BATCH},
            {LRP_SCHED_CYCLIC, LRP_EVERY_BATCH}, {LRP_SCHED_LR_RANGE, LRP_EVERY_BATCH}), ALL & ~S_PL,
            "step the schedule every epoch or every batch"),
    F_ENUM("mode", lrp_sched_cfg, mode, mode_names, LRP_MODE_MIN, S_PL, "min: lower metric is better; max: higher"),
    F_NUM("factor", lrp_sched_cfg, factor, POSITIVE, 0.999999, 0.1, S_PL, "new rate = rate * factor"),
    F_LONG("patience", lrp_sched_cfg, patience, 0, 100000, 10, S_PL, "epochs without improvement before a cut"),
    F_NUM("threshold", lrp_sched_cfg, threshold, 0, 1000, 1e-4, S_PT, "improvement needed to count as better"),
    F_ENUM("threshold_mode", lrp_sched_cfg, threshold_mode, thresh_names, LRP_THRESH_REL, S_PT, "rel: relative; abs: absolute"),
    F_NUM("min_delta", lrp_sched_cfg, min_delta, 0, 1000, 1e-4, S_PK, "improvement needed to count as better"),
    F_LONG("cooldown", lrp_sched_cfg, cooldown, 0, 100000, 0, S_PL, "epochs to wait after a cut"),
    F_NUM("min_lr", lrp_sched_cfg, min_lr, 0, 1000, 0.0, S_PL, "lower bound on the rate"),
    F_NUM("eps", lrp_sched_cfg, eps, 0, 1, 1e-8, S_PT, "cuts smaller than this are skipped"),
    F_LONG("step_size", lrp_sched_cfg, step_size, 1, STEPS_MAX, 10, S_STEP, "steps between decays"),
    F_LIST("milestones", lrp_sched_cfg, milestones, n_milestones, ST_LONGLIST, LRP_MAX_MILESTONES, 1, STEPS_MAX,
           milestones_default, S_MULTI, "steps at which the rate is multiplied by gamma (increasing)"),
    F_NUMK("gamma", lrp_sched_cfg, gamma, POSITIVE, 10, 0.1, PER_KIND({LRP_SCHED_EXPONENTIAL, 0.95}, {LRP_SCHED_CYCLIC, 1.0}),
           S_STEP | S_MULTI | S_EXP | S_CYC, "multiplicative factor"),
    F_LONG("T_max", lrp_sched_cfg, T_max, 0, STEPS_MAX, 0, S_COS, "half period in steps (0: the run's length after the warm-up)"),
    F_LONG("T_0", lrp_sched_cfg, T_0, 0, STEPS_MAX, 10, S_CWR, "first restart period in steps (0: a quarter of the run's length after the warm-up)"),
    F_LONG("T_mult", lrp_sched_cfg, T_mult, 1, 1000, 1, S_CWR, "period growth after each restart"),
    F_NUM("eta_min", lrp_sched_cfg, eta_min, 0, 1000, 0.0, S_COS | S_CWR, "lowest rate"),
    F_NUM("start_factor", lrp_sched_cfg, start_factor, 1e-8, 1, 1.0 / 3.0, S_LIN, "factor at step 0"),
    F_NUM("end_factor", lrp_sched_cfg, end_factor, 0, 1, 1.0, S_LIN, "factor after total_iters"),
    F_LONG("total_iters", lrp_sched_cfg, total_iters, 0, STEPS_MAX, 5, S_LIN, "steps of the ramp"),
    F_NUMK("max_lr", lrp_sched_cfg, max_lr, 0, 1000, 0.0, PER_KIND({LRP_SCHED_CYCLIC, 0.006}), S_ONE | S_CYC,
           "peak rate (onecycle 0: the run's rate)"),
    F_LONG("total_steps", lrp_sched_cfg, total_steps, 0, STEPS_MAX, 0, S_ONE, "length of the cycle (0: the run's length)"),
    F_NUM("pct_start", lrp_sched_cfg, pct_start, 0, 1, 0.3, S_ONE, "fraction of the cycle spent rising"),
    F_ENUM("anneal_strategy", lrp_sched_cfg, anneal_strategy, anneal_names, LRP_ANNEAL_COS, S_ONE, "cos or linear annealing"),
    F_NUM("div_factor", lrp_sched_cfg, div_factor, 1, 1e6, 25.0, S_ONE, "start rate = max_lr / div_factor"),
    F_NUM("final_div_factor", lrp_sched_cfg, final_div_factor, 1, 1e9, 1e4, S_ONE, "final rate = start rate / final_div_factor"),
    F_BOOL("three_phase", lrp_sched_cfg, three_phase, 0, S_ONE, "fastai-style three phases"),
    /* cyclic: the CLR paper's base 0.001, max 0.006, step size 2000 */
    F_NUM("base_lr", lrp_sched_cfg, cyc_base_lr, 0, 1000, 0.001, S_CYC, "lowest rate of the cycle (0: the run's rate)"),
    F_LONG("step_size_up", lrp_sched_cfg, step_size_up, 1, STEPS_MAX, 2000, S_CYC, "steps rising"),
    F_LONG("step_size_down", lrp_sched_cfg, step_size_down, 0, STEPS_MAX, 0, S_CYC, "steps falling (0: as rising)"),
    F_ENUM("mode", lrp_sched_cfg, cyclic_mode, cyclic_names, LRP_CYCLIC_TRIANGULAR, S_CYC, "triangular, triangular2 or exp_range"),
    /* inverse_time: Keras InverseTimeDecay, its docs' example rate */
    F_NUM("decay_rate", lrp_sched_cfg, decay_rate, 0, 1000, 0.5, S_INV, "rate / (1 + decay_rate * t / decay_steps)"),
    F_LONG("decay_steps", lrp_sched_cfg, decay_steps, 1, STEPS_MAX, 1, S_INV, "steps per decay unit"),
    F_BOOL("staircase", lrp_sched_cfg, staircase, 0, S_INV, "floor t / decay_steps"),
    F_NUM("end_lr", lrp_sched_cfg, end_lr, 1e-12, 1e4, 10.0, S_RNG, "rate at the last iteration"),
    F_LONG("num_iter", lrp_sched_cfg, num_iter, 2, STEPS_MAX, 100, S_RNG, "iterations of the ramp"),
    F_ENUM("step_mode", lrp_sched_cfg, step_mode, ramp_names, LRP_RAMP_EXP, S_RNG, "exp or linear ramp"),
    /* warm-up in front of a schedule (schedule.c): PyTorch's LinearLR start_factor default */
    F_LONG("warmup", lrp_sched_cfg, warmup, 0, STEPS_MAX, 0, S_WARM, "steps of linear warm-up before the schedule (0: none)"),
    F_NUM("warmup_start_factor", lrp_sched_cfg, warmup_start_factor, 1e-8, 1, 1.0 / 3.0, S_WARM,
          "rate at the warm-up's step 0 = rate * this"),
};

#define D_CLASSES (BIT(LRP_DATA_SPIRAL) | BIT(LRP_DATA_GAUSS))
#define D_POINTS  (BIT(LRP_DATA_SPIRAL) | BIT(LRP_DATA_CIRCLES) | BIT(LRP_DATA_XOR) | BIT(LRP_DATA_GAUSS) | \
                   BIT(LRP_DATA_MOONS) | BIT(LRP_DATA_SINE))
#define D_CSV     BIT(LRP_DATA_CSV)
#define D_TABLES  (D_CSV | BIT(LRP_DATA_IRIS) | BIT(LRP_DATA_WINE) | BIT(LRP_DATA_BREAST_CANCER) | BIT(LRP_DATA_DIABETES))
#define F_CHARS(k, s, fld, kn, h) \
    {.key = k, .type = LRP_FIELD_STRING, .st = ST_CHARS, .off = offsetof(s, fld), .max_items = sizeof(((s *)0)->fld), \
     .kinds = kn, .help = h}
#define F_SIZE(k, s, fld, lo, hi, kn, h) \
    {.key = k, .type = LRP_FIELD_INT, .st = ST_SIZE, .off = OFF(s, fld, size_t), .min = lo, .max = hi, .kinds = kn, .help = h}
/* Over lrp_data_cfg; the keys carry the experiment's "data." prefix. digits' samples and
 * classes are its real counts (the fields do not apply to it, the shape reads them). */
static const lrp_field_def data_fields[] = {
    F_ENUM("data.name", lrp_data_cfg, kind, lrp_data_names, 0, ALL, "data set"),
    F_SIZEK("data.samples", lrp_data_cfg, samples, 10, LRP_MAX_SAMPLES, 600,
            PER_KIND({LRP_DATA_SINE, 300}, {LRP_DATA_DIGITS, LRP_DIGITS_N}), D_POINTS, "number of points"),
    F_NUMK("data.noise", lrp_data_cfg, noise, 0, 5, 0.1, PER_KIND({LRP_DATA_SPIRAL, 0.2}, {LRP_DATA_GAUSS, 0.2}, {LRP_DATA_DIGITS, 0.0}),
           D_POINTS, "noise level"),
    /* csv: the file (name, fingerprint, shape: recorded when the data is attached), the target and how to read it */
    F_CHARS("data.path", lrp_data_cfg, path, D_CSV, "the CSV file (the CLI reads it from the current directory; "
            "the name without directories is kept)"),
    F_CHARS("data.sha256", lrp_data_cfg, sha256, D_CSV, "SHA-256 of the file (recorded; a config that gives it "
            "refuses another file)"),
    F_SIZE("data.rows", lrp_data_cfg, rows, 0, LRP_MAX_SAMPLES, D_CSV, "data rows of the file (recorded)"),
    F_SIZE("data.columns", lrp_data_cfg, columns, 0, LRP_MAX_FEATURES + 1, D_CSV, "columns of the file (recorded)"),
    F_CHARS("data.target", lrp_data_cfg, target, D_CSV, "the target column: its name or 0-based index (empty: the last)"),
    F_ENUM("data.task", lrp_data_cfg, task, task_names, LRP_TASK_AUTO, D_CSV,
           "auto: classification for a text target or at most 20 distinct whole numbers, else regression"),
    F_SIZE("data.outputs", lrp_data_cfg, outputs, 0, LRP_MAX_CLASSES, D_CSV, "classes, or 1 for regression (recorded)"),
    F_ENUM("data.header", lrp_data_cfg, header, header_names, LRP_HEADER_AUTO, D_CSV, "is the first row a header"),
    F_ENUM("data.separator", lrp_data_cfg, separator, separator_names, LRP_SEP_AUTO, D_CSV, "the column separator"),
    F_BOOL("data.standardize", lrp_data_cfg, standardize, 1, D_TABLES,
           "standardize the inputs (and a regression target) with the train split's mean and sd"),
    F_NUM("data.val_frac", lrp_data_cfg, val_frac, 0.05, 0.5, 0.2, ALL, "fraction held out for validation"),
    F_SIZEK("data.classes", lrp_data_cfg, classes, 2, 10, 2, PER_KIND({LRP_DATA_SPIRAL, 3}, {LRP_DATA_GAUSS, 3},
            {LRP_DATA_SINE, 1}, {LRP_DATA_DIGITS, LRP_DIGITS_CLASSES}), D_CLASSES, "number of classes"),
};

/* Experiment-level fields (the data set, the optimizer and the runs have tables of their own). */
static const lrp_field_def seed_fields[] = {
    {.key = "seed", .type = LRP_FIELD_INT, .st = ST_U32, .off = OFF(lrp_experiment, seed, uint32_t), .min = 0, .max = 4294967295.0,
     .kinds = ALL, .help = "random seed: data, initial weights, batch order", .def = 1},
    F_LONG("repeats", lrp_experiment, repeats, 1, LRP_MAX_REPEATS, 1, ALL,
           "seeds to repeat over: seed, seed+1, ..., each exactly a single run with that seed"),
};
static const double hidden_default[] = {32, 32};
static const lrp_field_def model_fields[] = {
    F_LIST("model.hidden", lrp_experiment, hidden, n_hidden, ST_SIZELIST, LRP_MAX_LAYERS, 1, LRP_MAX_WIDTH,
           hidden_default, ALL, "hidden layer widths"),
    F_ENUM("model.activation", lrp_experiment, act, act_names, LRP_ACT_TANH, ALL, "hidden activation"),
};
static const lrp_field_def tail_fields[] = {
    {.key = "batch_size", .type = LRP_FIELD_INT, .st = ST_SIZE, .off = OFF(lrp_experiment, batch_size, size_t), .min = 1,
     .max = LRP_MAX_BATCH, .kinds = ALL, .help = "mini-batch size", .def = 32},
    F_LONG("epochs", lrp_experiment, epochs, 1, LRP_MAX_EPOCHS, 40, ALL, "training epochs"),
    F_NUM("target_loss", lrp_experiment, target_loss, 0, 1e6, 0.0, ALL, "validation loss counted as reached (0: none)"),
    /* the range test: fastai's lr_find (beta 0.98, stop at 4x the best, 5 points skipped at the end) */
    F_NUM("find.start_lr", lrp_experiment, find.start_lr, 1e-12, 1000, 1e-6, ALL, "range test: first rate"),
    F_NUM("find.end_lr", lrp_experiment, find.end_lr, 1e-12, 10000, 10.0, ALL, "range test: last rate"),
    F_LONG("find.num_iter", lrp_experiment, find.num_iter, 5, LRP_MAX_ITERS, 100, ALL, "range test: iterations"),
    F_ENUM("find.step_mode", lrp_experiment, find.step_mode, ramp_names, LRP_RAMP_EXP, ALL, "range test: exp or linear ramp"),
    F_NUM("find.beta", lrp_experiment, find.beta, 0, 0.999, 0.98, ALL, "range test: loss smoothing"),
    F_NUM("find.diverge", lrp_experiment, find.diverge, 1.01, 1e6, 4.0, ALL, "range test: stop when smoothed loss > diverge * best"),
    F_BOOL("find.use_val", lrp_experiment, find.use_val, 0, ALL, "range test: record the validation loss"),
    F_LONG("find.skip_end", lrp_experiment, find.skip_end, 0, 1000, 5, ALL, "range test: points left out of the suggestions at the end"),
    /* the steepest slope, the rule of the classic range-test recipe (pick.c: its fallback order) */
    F_ENUM("find.pick", lrp_experiment, find.pick, lrp_pick_names, LRP_PICK_STEEP, ALL,
           "range test: the suggestion that becomes the picked rate (absent: steep, valley, slide, gradient, minimum)"),
    F_NUM("find.picked_lr", lrp_experiment, find.picked_lr, 0, 1000, 0.0, ALL,
          "the picked rate the runs start from (0: none picked yet)"),
    F_BOOL("runs_from_pick", lrp_experiment, runs_from_pick, 1, ALL,
           "runs whose lr_policy is pick start from find.picked_lr when it is set"),
};
static const lrp_field_def run_fields[] = {
    {.key = "label", .type = LRP_FIELD_STRING, .st = ST_CHARS, .off = offsetof(lrp_run_cfg, label),
     .max_items = sizeof(((lrp_run_cfg *)0)->label), .kinds = ALL, .help = "name shown for the run"},
    F_NUM("min_lr", lrp_run_cfg, min_lr, 0, 1000, 0.0, ALL, "floor under every rate of the run"),
    F_ENUM("lr_policy", lrp_run_cfg, lr_policy, lr_policy_names, LRP_LR_PICK, ALL,
           "pick: start from the picked rate when there is one; own: always optimizer.lr"),
    /* early stopping (earlystop.c): Keras' EarlyStopping defaults, monitor off */
    F_ENUM("early_stopping.monitor", lrp_run_cfg, early_stopping.monitor, monitor_names, LRP_MONITOR_OFF, ALL,
           "stop the run when this stops improving (off: never)"),
    F_ENUM("early_stopping.mode", lrp_run_cfg, early_stopping.mode, es_mode_names, LRP_ES_AUTO, ALL,
           "min, max, or auto (max for val_acc, min for val_loss)"),
    F_NUM("early_stopping.min_delta", lrp_run_cfg, early_stopping.min_delta, 0, 1000, 0.0, ALL,
          "least change that counts as an improvement"),
    F_LONG("early_stopping.patience", lrp_run_cfg, early_stopping.patience, 0, 100000, 0, ALL,
           "epochs without improvement before the stop"),
    F_NUM("early_stopping.baseline", lrp_run_cfg, early_stopping.baseline, 0, 1e6, 0.0, ALL,
          "value an improvement must also beat to restart the wait (0: none)"),
    F_LONG("early_stopping.start_from_epoch", lrp_run_cfg, early_stopping.start_from_epoch, 0, 100000, 0, ALL,
           "epochs not watched at the start"),
    F_BOOL("early_stopping.restore_best_weights", lrp_run_cfg, early_stopping.restore_best_weights, 0, ALL,
           "on a stop, end with the best epoch's weights"),
};

const lrp_table lrp_optim_table = TABLE(optim_fields), lrp_sched_table = TABLE(sched_fields);
const lrp_table lrp_data_table = TABLE(data_fields), lrp_run_table = TABLE(run_fields);
const lrp_table lrp_seed_table = TABLE(seed_fields), lrp_model_table = TABLE(model_fields);
const lrp_table lrp_tail_table = TABLE(tail_fields);

/* ---------------------------------------------------------------- helpers */
unsigned lrp_optim_bits(const lrp_optim_cfg *c) { return BIT(c->kind); }
unsigned lrp_sched_bits(const lrp_sched_cfg *c) {
    return c->kind == LRP_SCHED_PLATEAU && c->flavor == LRP_FLAVOR_KERAS ? S_PK : BIT(c->kind);
}

const char *lrp_kind_name(const char *const *choices, long v) {
    for (long i = 0; choices[i]; i++) if (i == v) return choices[i];
    return "?";
}

const lrp_field_def *lrp_field_find(const lrp_table *t, const char *key, unsigned bits, int *irrelevant) {
    *irrelevant = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->f[i].key, key) != 0) continue;
        if (t->f[i].kinds & bits) return &t->f[i];
        *irrelevant = 1;
    }
    return NULL;
}

void lrp_field_store(void *base, const lrp_field_def *f, double v) {
    char *p = (char *)base + f->off;
    switch (f->st) {
    case ST_DOUBLE: *(double *)p = v; break;
    case ST_LONG:   *(int64_t *)p = (int64_t)v; break;
    case ST_INT:    *(int *)p = (int)v; break;
    case ST_ENUM:   *(int *)p = (int)v; break;
    case ST_SIZE:   *(size_t *)p = (size_t)v; break;
    case ST_U32:    *(uint32_t *)p = (uint32_t)v; break;
    default: break;
    }
}

double lrp_field_load(const void *base, const lrp_field_def *f) {
    const char *p = (const char *)base + f->off;
    switch (f->st) {
    case ST_DOUBLE: return *(const double *)p;
    case ST_LONG:   return (double)*(const int64_t *)p;
    case ST_INT:    return (double)*(const int *)p;
    case ST_ENUM:   return (double)*(const int *)p;
    case ST_SIZE:   return (double)*(const size_t *)p;
    case ST_U32:    return (double)*(const uint32_t *)p;
    default: return 0;
    }
}

/* ---------------------------------------------------------------- defaults */
static double default_for(const lrp_field_def *f, int kind) {
    for (const lrp_kind_value *k = f->per_kind; k && k->kind >= 0; k++)
        if (k->kind == kind) return k->value;
    return f->def;
}

void lrp_table_defaults(const lrp_table *t, void *base, int kind) {
    for (size_t i = 0; i < t->n; i++) {
        const lrp_field_def *f = &t->f[i];
        if (f->st == ST_CHARS) continue;  /* labels depend on the run's index: lrp_run_init */
        if (f->type == LRP_FIELD_INT_LIST) {
            char *p = (char *)base + f->off;
            for (size_t k = 0; k < f->def_n; k++) {
                if (f->st == ST_LONGLIST) ((int64_t *)p)[k] = (int64_t)f->def_list[k];
                else ((size_t *)p)[k] = (size_t)f->def_list[k];
            }
            *(size_t *)((char *)base + f->count_off) = f->def_n;
            continue;
        }
        lrp_field_store(base, f, default_for(f, kind));
    }
}

double lrp_table_default(const lrp_table *t, const char *key, int kind) {
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->f[i].key, key) == 0) return default_for(&t->f[i], kind);
    return 0;
}

/* ---------------------------------------------------------------- ranges */
lrp_status lrp_field_check_number(const lrp_field_def *f, const char *path, double v, lrp_set_mode mode,
                                  double *out, char *err, size_t n) {
    if (!lrp_is_finite(v)) { lrp_say(err, n, "%s: must be a finite number", path); return LRP_EINVAL; }
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

lrp_status lrp_table_check(const lrp_table *t, unsigned bits, const void *base, const char *prefix,
                           char *err, size_t len) {
    for (size_t j = 0; j < t->n; j++) {
        const lrp_field_def *f = &t->f[j];
        if (!(f->kinds & bits)) continue;
        char path[96];
        snprintf(path, sizeof path, "%s%s", prefix, f->key);
        if (f->type == LRP_FIELD_NUMBER || f->type == LRP_FIELD_INT || f->type == LRP_FIELD_BOOL) {
            double out;
            lrp_status s = lrp_field_check_number(f, path, lrp_field_load(base, f), LRP_SET_STRICT, &out, err, len);
            if (s != LRP_OK) return s;
        } else if (f->type == LRP_FIELD_INT_LIST) {
            size_t cnt = *(const size_t *)((const char *)base + f->count_off);
            if (cnt > f->max_items) { lrp_say(err, len, "%s: at most %zu items", path, f->max_items); return LRP_ELIMIT; }
            const char *p = (const char *)base + f->off;
            for (size_t i = 0; i < cnt; i++) {
                double v = f->st == ST_LONGLIST ? (double)((const int64_t *)p)[i] : (double)((const size_t *)p)[i];
                char ip[128];
                snprintf(ip, sizeof ip, "%s[%zu]", path, i);
                double out;
                lrp_status s = lrp_field_check_number(f, ip, v, LRP_SET_STRICT, &out, err, len);
                if (s != LRP_OK) return s;
            }
        } else if (f->type == LRP_FIELD_ENUM) {
            double v = lrp_field_load(base, f);
            long k = 0;
            while (f->choices[k]) k++;
            if (v < 0 || v >= (double)k) { lrp_say(err, len, "%s: invalid value", path); return LRP_EINVAL; }
        }
    }
    return LRP_OK;
}

lrp_status lrp_table_check_value(const lrp_table *t, const char *key, const char *path, double v,
                                 char *err, size_t len) {
    int irrelevant;
    const lrp_field_def *f = lrp_field_find(t, key, ALL, &irrelevant);
    if (!f) { lrp_say(err, len, "%s: unknown field", key); return LRP_EINVAL; }
    double out;
    return lrp_field_check_number(f, path, v, LRP_SET_STRICT, &out, err, len);
}
