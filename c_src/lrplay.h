/* lrplay.h — the public API of the lrplay training core.
 *
 * One name prefix (lrp_), opaque handles with create/destroy, config structs with a
 * defaults function, a status enum with a to-string function. The core does no I/O,
 * knows no JSON and keeps no globals; it never calls exit, abort or printf. Every
 * function that can fail returns an lrp_status and, where it takes one, writes a
 * one-line reason naming the field into the caller's `err` buffer.
 *
 * Who frees what: a handle made by lrp_X_create is freed by lrp_X_destroy. Pointers
 * returned by the result accessors point into the handle and stay valid until the
 * next call that changes that handle, or its destroy.
 *
 * Floating point: parameters, gradients, weights and losses are float32; learning
 * rates are double. Results do not depend on the C library's math functions: the
 * core carries its own, so native and WebAssembly builds agree bit for bit.
 */
#ifndef LRPLAY_H
#define LRPLAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LRP_VERSION "0.1.0"

/* LRP_API marks every public function: default visibility and kept by the linker, and in
 * the WebAssembly build exported from the module. The wasm link exports exactly these
 * functions (plus malloc and free for the loader); a function without LRP_API is internal. */
#if defined(__EMSCRIPTEN__)
#  include <emscripten/em_macros.h>
#  define LRP_API __attribute__((visibility("default"), used)) EMSCRIPTEN_KEEPALIVE
#elif defined(__GNUC__)
#  define LRP_API __attribute__((visibility("default"), used))
#else
#  define LRP_API
#endif

/* ------------------------------------------------------------------ status */
typedef enum {
    LRP_OK = 0,
    LRP_EINVAL,     /* a config or argument is invalid; err names the field */
    LRP_ENOMEM,     /* an allocation failed or its size would overflow */
    LRP_ELIMIT,     /* a size is past the documented limits */
    LRP_EDIVERGED,  /* a run stopped on a non-finite or exploding loss */
    LRP_ESTATE      /* a call out of order (e.g. stepping a finished run) */
} lrp_status;

LRP_API const char *lrp_status_str(lrp_status s);
LRP_API const char *lrp_version(void);
LRP_API const char *lrp_build_flavor(void);   /* "sse2", "simd128" or "scalar": this build's kernels */

/* Limits that keep every run bounded (also enforced by validation). */
#define LRP_MAX_LAYERS      6        /* hidden layers */
#define LRP_MAX_WIDTH       512      /* units in any layer, inputs included */
#define LRP_MAX_SAMPLES     20000
#define LRP_MAX_EPOCHS      1000
#define LRP_MAX_BATCH       4096
#define LRP_MAX_ITERS       10000    /* range-test iterations */
#define LRP_MAX_RUNS        8        /* schedules compared side by side */
#define LRP_MAX_MILESTONES  16
#define LRP_MAX_STEPS       10000000L /* schedule/optimizer steps in one spec */
#define LRP_MAX_PARAMS      (1u << 26) /* floats in one flat optimizer buffer */
#define LRP_MAX_LABEL       64       /* characters (Unicode code points) of a run's label */
#define LRP_MAX_LABEL_BYTES (4 * LRP_MAX_LABEL) /* its UTF-8 bytes at most, terminator not counted */
#define LRP_MAX_REPEATS     10       /* seeds an experiment repeats over */
/* Time: the estimated seconds of the range test, and of a training's runs together, in the
 * WebAssembly SIMD build on the reference machine (lrp_experiment_cost, c_src/cost.c).
 * Validation refuses more. */
#define LRP_MAX_SECONDS     15
/* Work of a `train` spec (the CLIs' replay of given batches): rows seen times parameters. */
#define LRP_MAX_WORK        1e11

/* ------------------------------------------------------------- optimizers */
typedef enum { LRP_OPT_ADAM = 0, LRP_OPT_ADAMW, LRP_OPT_SGD, LRP_OPT_KERAS_ADAM, LRP_OPT__COUNT } lrp_opt_kind;

typedef struct {
    lrp_opt_kind kind;
    double lr;            /* the rate used when no schedule drives it */
    double beta1, beta2, eps;
    double weight_decay;  /* adam: L2 added to the gradient; adamw: decoupled; sgd: L2 */
    int amsgrad;          /* adam, adamw, keras_adam */
    double momentum, dampening; int nesterov; /* sgd */
    double decay;         /* keras_adam: lr_t = lr / (1 + decay * iterations) */
} lrp_optim_cfg;

LRP_API void lrp_optim_defaults(lrp_optim_cfg *c, lrp_opt_kind kind); /* PyTorch / Keras defaults */
LRP_API lrp_status lrp_optim_validate(const lrp_optim_cfg *c, char *err, size_t errlen);

/* Optimizer state over one flat float32 buffer of n parameters: moments in the same
 * layout as the parameters. The buffers are allocated staggered so that p, g, m, v
 * never share an offset within a 4 KiB page. */
typedef struct lrp_optim lrp_optim;
LRP_API lrp_status lrp_optim_create(lrp_optim **out, const lrp_optim_cfg *c, size_t n, char *err, size_t errlen);
LRP_API void       lrp_optim_destroy(lrp_optim *o);
/* One update of params (n floats) from grads (n floats) at rate lr. */
LRP_API void       lrp_optim_step(lrp_optim *o, float *params, const float *grads, double lr);
LRP_API void       lrp_optim_reset(lrp_optim *o);                 /* zero moments and step count */
LRP_API lrp_status lrp_optim_copy_state(lrp_optim *dst, const lrp_optim *src); /* same cfg and n */
LRP_API int64_t    lrp_optim_steps_taken(const lrp_optim *o);
/* Kernels: the build picks SIMD where available; tests and benchmarks may force the
 * scalar reference path (identical bits, see tests/c). */
typedef enum { LRP_KERNEL_AUTO = 0, LRP_KERNEL_SCALAR, LRP_KERNEL_SIMD } lrp_kernel;
LRP_API void       lrp_optim_set_kernel(lrp_optim *o, lrp_kernel k);

/* -------------------------------------------------------------- schedules */
typedef enum {
    LRP_SCHED_CONSTANT = 0,
    LRP_SCHED_PLATEAU,            /* reduce_on_plateau; see flavor */
    LRP_SCHED_STEP, LRP_SCHED_MULTISTEP, LRP_SCHED_EXPONENTIAL, LRP_SCHED_COSINE,
    LRP_SCHED_COSINE_WARM_RESTARTS, LRP_SCHED_LINEAR, LRP_SCHED_ONECYCLE, LRP_SCHED_CYCLIC,
    LRP_SCHED_INVERSE_TIME, LRP_SCHED_LR_RANGE,
    LRP_SCHED__COUNT
} lrp_sched_kind;

typedef enum { LRP_FLAVOR_TORCH = 0, LRP_FLAVOR_KERAS } lrp_flavor;
typedef enum { LRP_MODE_MIN = 0, LRP_MODE_MAX } lrp_mode;
typedef enum { LRP_THRESH_REL = 0, LRP_THRESH_ABS } lrp_thresh_mode;
typedef enum { LRP_ANNEAL_COS = 0, LRP_ANNEAL_LINEAR } lrp_anneal;
typedef enum { LRP_CYCLIC_TRIANGULAR = 0, LRP_CYCLIC_TRIANGULAR2, LRP_CYCLIC_EXP_RANGE } lrp_cyclic_mode;
typedef enum { LRP_RAMP_EXP = 0, LRP_RAMP_LINEAR } lrp_ramp;
typedef enum { LRP_EVERY_EPOCH = 0, LRP_EVERY_BATCH } lrp_interval;

/* One struct for every scheduler: the fields a kind does not use keep their defaults.
 * Field names follow PyTorch's (and Keras' for the keras flavor). */
typedef struct {
    lrp_sched_kind kind;
    lrp_interval interval;       /* training only: step per epoch or per batch (plateau: epoch) */
    /* reduce_on_plateau */
    lrp_flavor flavor; lrp_mode mode; double factor; int64_t patience; double threshold;
    lrp_thresh_mode threshold_mode; int64_t cooldown; double min_lr; double eps; double min_delta;
    /* step, multistep, exponential */
    int64_t step_size; double gamma; int64_t milestones[LRP_MAX_MILESTONES]; size_t n_milestones;
    /* cosine, cosine_warm_restarts (training: T_max 0 = the run's length, T_0 0 = a quarter
     * of it, both after the warm-up; a schedule spec refuses 0) */
    int64_t T_max; double eta_min; int64_t T_0; int64_t T_mult;
    /* linear */
    double start_factor, end_factor; int64_t total_iters;
    /* onecycle (max_lr 0 = the run's rate; total_steps 0 = derive from the run length) */
    double max_lr; int64_t total_steps; double pct_start; lrp_anneal anneal_strategy;
    double div_factor, final_div_factor; int three_phase;
    /* cyclic (cyc_base_lr is the scheduler's own "base_lr"; step_size_down 0 = same as up) */
    double cyc_base_lr; int64_t step_size_up, step_size_down; lrp_cyclic_mode cyclic_mode;
    /* inverse_time */
    double decay_rate; int64_t decay_steps; int staircase;
    /* lr_range */
    double end_lr; int64_t num_iter; lrp_ramp step_mode;
    /* warm-up in front of step, multistep, exponential, cosine, cosine_warm_restarts:
     * W steps rising linearly from base*warmup_start_factor (0 = none), then the schedule
     * from its own step 0 (PyTorch SequentialLR([LinearLR, S], milestones=[W])). */
    int64_t warmup; double warmup_start_factor;
} lrp_sched_cfg;

LRP_API void       lrp_sched_defaults(lrp_sched_cfg *c, lrp_sched_kind kind);
LRP_API lrp_status lrp_sched_validate(const lrp_sched_cfg *c, char *err, size_t errlen);
/* Closed-form schedules: a pure function of the step (step 0 = the rate at set-up),
 * clamped past the end. Not for LRP_SCHED_PLATEAU (returns base_lr). */
LRP_API double     lrp_sched_lr(const lrp_sched_cfg *c, double base_lr, int64_t step);
/* Refuses what PyTorch would refuse when the schedule is evaluated at steps 0..steps
 * (a spec's steps; in training the run's updates, the step after the last one included):
 * T_max, T_0 or total_steps left at 0 (nothing derives them), onecycle stepped past
 * total_steps, or a onecycle phase of zero length that PyTorch divides by. err names
 * the field as "schedule.<field>: ..." and says what PyTorch would do. */
LRP_API lrp_status lrp_sched_check_steps(const lrp_sched_cfg *c, int64_t steps, char *err, size_t errlen);

/* ReduceLROnPlateau: an explicit state with init and step, fields by name. */
typedef struct {
    lrp_sched_cfg cfg;
    double lr;          /* current rate */
    double best;        /* best metric so far */
    int64_t num_bad;       /* torch: num_bad_epochs; keras: wait */
    int64_t cooldown_counter;
    int64_t last_epoch;
} lrp_plateau;
LRP_API void lrp_plateau_init(lrp_plateau *s, const lrp_sched_cfg *c, double lr);
/* Feed one epoch's metric; returns 1 when the rate was reduced. NaN counts as not better. */
LRP_API int  lrp_plateau_step(lrp_plateau *s, double metric);

/* ------------------------------------------------------ early stopping */
/* keras.callbacks.EarlyStopping (tf.keras 2.13+, Keras 3), an explicit state with init
 * and step, fields by name. monitor is for training (off = no early stopping); mode
 * auto means max for val_acc and min otherwise. */
typedef enum { LRP_MONITOR_OFF = 0, LRP_MONITOR_VAL_LOSS, LRP_MONITOR_VAL_ACC } lrp_monitor;
typedef enum { LRP_ES_AUTO = 0, LRP_ES_MIN, LRP_ES_MAX } lrp_es_mode;
typedef struct {
    lrp_monitor monitor;
    lrp_es_mode mode;
    double min_delta;         /* its sign is ignored, as Keras */
    int64_t patience;
    double baseline; int use_baseline; /* baseline used when use_baseline; training configs: 0 = none */
    int64_t start_from_epoch; /* epochs before it are ignored */
    int restore_best_weights; /* training: restore the best epoch's weights on a stop */
} lrp_earlystop_cfg;
LRP_API void lrp_earlystop_defaults(lrp_earlystop_cfg *c);   /* Keras' defaults, monitor off */

typedef struct {
    lrp_earlystop_cfg cfg;
    lrp_mode mode;      /* resolved: min or max */
    double best;        /* +inf (min) or -inf (max) until the first improvement */
    int64_t best_epoch; /* 0-based; 0 until an improvement */
    int64_t wait;
    int64_t epoch;      /* the next epoch step() sees, 0-based */
    int64_t stopped_epoch; /* 0-based epoch it stopped at; -1 while running */
} lrp_earlystop;
LRP_API void lrp_earlystop_init(lrp_earlystop *s, const lrp_earlystop_cfg *c);
enum { LRP_ES_COUNTED = 1, LRP_ES_IMPROVED = 2, LRP_ES_STOP = 4 };
/* Feeds the monitored value at the end of the next epoch (NaN is never an improvement);
 * returns LRP_ES_* bits: the epoch counted (not before start_from_epoch), best improved,
 * training stops here. A stopped state ignores further calls (returns 0). */
LRP_API unsigned lrp_earlystop_step(lrp_earlystop *s, double metric);

/* ------------------------------------------------- LR-finder analysis */
typedef struct {
    double beta;        /* smoothing, fastai 0.98 */
    double diverge;     /* stop when smoothed > diverge * best */
    int64_t num_it;        /* planned iterations: suggestions skip the first num_it/10 */
    int64_t skip_end;      /* points dropped at the end, fastai 5 */
} lrp_lrfind_cfg;
LRP_API void lrp_lrfind_defaults(lrp_lrfind_cfg *c);

/* SLIDE: fastai's interval slide rule; GRADIENT: PyTorch Lightning's steepest gradient. */
enum { LRP_SUGGEST_MINIMUM = 1, LRP_SUGGEST_STEEP = 2, LRP_SUGGEST_VALLEY = 4, LRP_SUGGEST_SLIDE = 8, LRP_SUGGEST_GRADIENT = 16 };
typedef struct {
    size_t kept;               /* points kept by the stop rule */
    unsigned have;             /* LRP_SUGGEST_* bits of the suggestions given */
    double minimum, steep, valley;          /* the suggested rates (NaN if absent) */
    int64_t i_minimum, i_steep, i_valley;   /* their indices into lrs (-1 if absent) */
    int64_t i_lo, i_hi;        /* shaded stretch: slope over 5 segments >= half the steepest (-1: none) */
    double slide, gradient;    /* two more suggested rates (NaN if absent) */
    int64_t i_slide, i_gradient; /* their indices into lrs (-1 if absent) */
} lrp_lrfind_result;

/* Which suggestion becomes the picked rate (find.pick). The order of the names is the
 * enum's; a suggestion the analysis did not give falls back (lrp_pick_resolve). */
typedef enum { LRP_PICK_STEEP = 0, LRP_PICK_VALLEY, LRP_PICK_MINIMUM, LRP_PICK_SLIDE, LRP_PICK_GRADIENT,
               LRP_PICK__COUNT } lrp_pick;
/* The rate an analysis gives for suggestion k: 1 and *lr when it gives one, else 0. */
LRP_API int  lrp_lrfind_suggestion(const lrp_lrfind_result *a, lrp_pick k, double *lr);
/* The suggestion picked from rates[k] (NaN = not given): `want` when given, else the
 * first given of steep, valley, slide, gradient, minimum; -1 when none is. */
LRP_API int  lrp_pick_resolve(const double rates[LRP_PICK__COUNT], lrp_pick want);
LRP_API const char *lrp_pick_name(lrp_pick k);   /* "steep", ...; "?" past the end */

/* The smoothing and the stop rule, one point at a time: the analysis below and the
 * session's range test (which stops as it goes) share it, so they agree bit for bit. */
typedef struct {
    double beta, diverge;
    double avg, beta_pow;   /* the moving average and beta^i */
    double best;            /* the lowest smoothed value so far */
    int64_t i;                 /* points fed */
} lrp_lrfind_smoother;
LRP_API void lrp_lrfind_smoother_init(lrp_lrfind_smoother *s, const lrp_lrfind_cfg *c);
/* Feeds one loss (NaN allowed); writes its smoothed value (NaN where not finite) and
 * returns 1 when the stop rule makes this point the last one kept. */
LRP_API int  lrp_lrfind_smoother_push(lrp_lrfind_smoother *s, double loss, double *smoothed);

/* smoothed must hold n doubles (NaN where non-finite). losses: NaN allowed. */
LRP_API void lrp_lrfind_analyze(const lrp_lrfind_cfg *c, const double *lrs, const double *losses, size_t n,
                        double *smoothed, lrp_lrfind_result *out);

/* ----------------------------------------------------------- the network */
typedef enum { LRP_ACT_RELU = 0, LRP_ACT_TANH, LRP_ACT_SIGMOID, LRP_ACT_GELU, LRP_ACT__COUNT } lrp_act;
typedef enum { LRP_LOSS_CROSS_ENTROPY = 0, LRP_LOSS_MSE } lrp_loss;

typedef struct {
    size_t sizes[LRP_MAX_LAYERS + 2];  /* inputs, hidden..., outputs */
    size_t n_sizes;
    lrp_act act;
    lrp_loss loss;
} lrp_mlp_cfg;

/* An MLP with its flat parameter and gradient buffers and scratch for batches up to
 * max_batch rows. Layer l's W is (OUT, IN) row-major followed by b (OUT), as nn.Linear. */
typedef struct lrp_mlp lrp_mlp;
LRP_API lrp_status lrp_mlp_create(lrp_mlp **out, const lrp_mlp_cfg *c, size_t max_batch, char *err, size_t errlen);
LRP_API void       lrp_mlp_destroy(lrp_mlp *m);
LRP_API size_t     lrp_mlp_num_params(const lrp_mlp *m);
LRP_API float     *lrp_mlp_params(lrp_mlp *m);       /* flat, all layers: W0 b0 W1 b1 ... */
LRP_API float     *lrp_mlp_grads(lrp_mlp *m);        /* same layout */
LRP_API size_t     lrp_mlp_layer_offset(const lrp_mlp *m, size_t layer); /* offset of W_layer in params */
/* PyTorch's default nn.Linear init (Kaiming-uniform W, uniform b) from the given seed. */
LRP_API void       lrp_mlp_init(lrp_mlp *m, uint32_t seed);
/* Forward + loss over a batch of B rows of x (B, IN). y: class ids (cross-entropy, as
 * float) or targets (B, OUT) for mse. With want_grad, zeroes and fills the grads.
 * *correct (may be NULL) gets the number of argmax hits for cross-entropy. */
LRP_API float      lrp_mlp_loss(lrp_mlp *m, const float *x, const float *y, size_t B, int want_grad, size_t *correct);
LRP_API void       lrp_mlp_set_kernel(lrp_mlp *m, lrp_kernel k);

/* --------------------------------------------------------------- data sets */
/* Tables (CSV files and the compiled-in ones). */
#define LRP_MAX_CSV_BYTES  (64u << 20) /* bytes of a CSV file; callers refuse bigger files unread */
#define LRP_MAX_FEATURES   512         /* feature columns (the network's inputs) */
#define LRP_MAX_CLASSES    512         /* classes of a classification target */
#define LRP_AUTO_CLASSES   20          /* task auto: a target of at most 20 distinct whole numbers is classes */
#define LRP_MAX_NAME       63          /* bytes of data.target and of a column name kept */
#define LRP_MAX_PATH       127         /* bytes of data.path (the file's name, without directories) */

#include "lrplay_data.h"  /* lrp_data_kind, lrp_data_cfg, lrp_dataset, lrp_csv */

/* ------------------------------------------------------- experiments */
/* Where a run's starting rate comes from when the experiment has a picked rate. */
typedef enum { LRP_LR_PICK = 0, LRP_LR_OWN } lrp_lr_policy;

typedef struct {
    char label[LRP_MAX_LABEL_BYTES + 1];
    lrp_optim_cfg optim;
    lrp_sched_cfg sched;
    double min_lr;            /* floor under every rate of the run */
    lrp_lr_policy lr_policy;  /* pick: start from find.picked_lr (when set and runs_from_pick) */
    lrp_earlystop_cfg early_stopping;
} lrp_run_cfg;

typedef struct {
    double start_lr, end_lr;
    int64_t num_iter;
    lrp_ramp step_mode;
    double beta, diverge;
    int use_val;              /* validation-loss mode */
    int64_t skip_end;
    lrp_pick pick;            /* which suggestion is the picked rate */
    double picked_lr;         /* the rate the user applied (0 = none yet); runs may start from it */
} lrp_find_cfg;

typedef struct {
    uint32_t seed;
    int64_t repeats;          /* seeds seed .. seed+repeats-1, each exactly a single run (repeats.c) */
    lrp_data_cfg data;
    size_t hidden[LRP_MAX_LAYERS]; size_t n_hidden;
    lrp_act act;
    lrp_optim_cfg optim;      /* the range test's optimizer and the template for runs */
    size_t batch_size;
    int64_t epochs;
    double target_loss;       /* epochs-to-target in results; 0 = none */
    lrp_find_cfg find;
    int runs_from_pick;       /* runs with lr_policy pick start from find.picked_lr when it is set */
    lrp_run_cfg runs[LRP_MAX_RUNS]; size_t n_runs;
} lrp_experiment;

/* Defaults: the spiral set, a 2-32-32-3 tanh MLP, Adam, and five runs that tell the story:
 * constant, Keras Adam with decay, ReduceLROnPlateau, one-cycle, cosine. */
LRP_API void       lrp_experiment_defaults(lrp_experiment *e);
/* Drop every run (a config that lists runs replaces the defaults: clear, then set runs.N.*). */
LRP_API void       lrp_exp_clear_runs(lrp_experiment *e);
LRP_API lrp_status lrp_experiment_validate(const lrp_experiment *e, char *err, size_t errlen);
/* The starting rate of run r: find.picked_lr when it is set (> 0), runs_from_pick is on
 * and the run's lr_policy is pick; else the run's own optimizer.lr. A session applies it
 * (and, for onecycle, the same rate as max_lr: the peak fastai passes the suggestion as). */
LRP_API double     lrp_run_start_lr(const lrp_experiment *e, size_t r);
/* Seed k of a repeated experiment as the single experiment it is: seed + k, repeats 1.
 * k must be < repeats (validated: seed + repeats - 1 fits a uint32). */
LRP_API void       lrp_exp_seed_k(const lrp_experiment *e, size_t k, lrp_experiment *out);
/* Attaches a parsed table to a csv experiment (borrowed: keep t alive while e is used):
 * resolves data.target and data.task, checks a recorded data.sha256, records the file's
 * fingerprint and shape, then validates the experiment. */
LRP_API lrp_status lrp_exp_attach_csv(lrp_experiment *e, const lrp_csv *t, char *err, size_t errlen);
/* Both steps, reading the bytes as data.header and data.separator say; *out (the caller's
 * to destroy) is the table attached. */
LRP_API lrp_status lrp_exp_load_csv(lrp_experiment *e, const void *bytes, size_t n, lrp_csv **out, char *err,
                                    size_t errlen);
/* The estimated time of an experiment in seconds of the WebAssembly SIMD build on the
 * reference machine (c_src/cost.c): the range test (find), one run and all runs (train).
 * Returns the larger of find and train, which validation keeps within LRP_MAX_SECONDS;
 * parts may be NULL. */
typedef struct { double find, run, train; } lrp_cost;
LRP_API double     lrp_experiment_cost(const lrp_experiment *e, lrp_cost *parts);

/* A session owns the data set, the network at its initial weights, and the scratch
 * needed to run the range test and every run of an experiment. */
typedef struct lrp_session lrp_session;
LRP_API lrp_status lrp_session_create(lrp_session **out, const lrp_experiment *e, char *err, size_t errlen);
LRP_API void       lrp_session_destroy(lrp_session *s);
LRP_API void       lrp_session_set_kernel(lrp_session *s, lrp_kernel k);
LRP_API const lrp_data_view *lrp_session_data(const lrp_session *s);
/* The experiment as the session holds it (validated). */
LRP_API const lrp_experiment *lrp_session_experiment(const lrp_session *s);
/* The initial weights every run starts from: *n floats in lrp_mlp_params' layout. */
LRP_API const float *lrp_session_init_params(const lrp_session *s, size_t *n);
/* The order in which every run's epoch `epoch` (0-based, < epochs) takes the training rows:
 * n_train indices into the train split, batches being consecutive slices of batch_size.
 * Returns LRP_EINVAL for an epoch out of range. */
LRP_API lrp_status lrp_session_batch_order(const lrp_session *s, int64_t epoch, uint32_t *out);

/* The LR range test, steppable so a caller can draw progress and cancel between calls.
 * The network and optimizer are restored exactly when it ends. */
LRP_API lrp_status lrp_find_begin(lrp_session *s);
/* Runs up to max_iters iterations; returns 1 while more remain, 0 when finished. */
LRP_API int        lrp_find_step(lrp_session *s, int64_t max_iters);
typedef struct {
    size_t n;                   /* iterations run */
    const double *lr;           /* n rates */
    const double *loss;         /* n raw losses (NaN where non-finite) */
    const double *smoothed;     /* n smoothed losses (NaN where non-finite) */
    int diverged;               /* stopped by the divergence rule */
    lrp_lrfind_result analysis;
} lrp_find_result;
LRP_API void lrp_find_get(const lrp_session *s, lrp_find_result *r);

/* Scheduled training of run i from the session's initial weights and batch order. */
LRP_API lrp_status lrp_train_begin(lrp_session *s, size_t run);
/* Runs one epoch; returns 1 while more remain, 0 when finished (done or diverged). */
LRP_API int        lrp_train_epoch(lrp_session *s);
typedef enum { LRP_EVENT_PLATEAU = 0, LRP_EVENT_SCHEDULE, LRP_EVENT_MIN_LR } lrp_event_reason;
typedef struct { int64_t epoch; double old_lr, new_lr; lrp_event_reason reason; } lrp_event;
typedef struct {
    size_t epochs_done;
    const double *lr;           /* rate in effect at the start of each epoch */
    const double *train_loss;   /* mean train loss of each epoch */
    const double *val_loss;
    const double *val_acc;      /* classification; NaN for regression */
    size_t n_events; const lrp_event *events;
    lrp_status status;          /* LRP_OK or LRP_EDIVERGED */
    int64_t diverged_epoch;        /* 1-based epoch whose loss diverged; -1 if none */
    double best_val_loss;       /* lowest val_loss (NaN if none finite) */
    int64_t best_epoch;         /* its 1-based epoch, -1 if none */
    int64_t epochs_to_target;   /* first 1-based epoch with val_loss <= target_loss; -1 if never or no target */
    int64_t stopped_epoch;      /* 1-based epoch early stopping ended the run after; -1 if it did not */
    int64_t restored_epoch;     /* 1-based epoch whose weights were restored on that stop; -1 if none */
    double final_val_loss;      /* validation metrics of the weights the run ends with: the */
    double final_val_acc;       /* restored epoch's, else the last epoch's (NaN if none) */
} lrp_train_result;
LRP_API void lrp_train_get(const lrp_session *s, lrp_train_result *r);

/* ------------------------------------------------------ repeats over seeds */
/* Summaries across seeds (repeats.c), each a pure function of its inputs, computed in
 * double in a fixed order so native and WebAssembly builds agree bit for bit. Only the
 * finite values count; n is how many there were. median: the middle one, or the mean of
 * the two middle ones (numpy's); sd: the sample standard deviation (n - 1), NaN when
 * n < 2; every field NaN when n == 0. Values across seeds are read up to LRP_MAX_REPEATS
 * (a larger n or R reads the first LRP_MAX_REPEATS). */
typedef struct { size_t n; double mean, sd, median, min, max; } lrp_stats;
LRP_API void lrp_stats_of(const double *v, size_t n, lrp_stats *out);
/* The largest finite value of v[0..n-1] (any n), NaN when none is: a seed's best accuracy. */
LRP_API double lrp_max_finite(const double *v, size_t n);
/* A band over R series given one after another in v: series k has len[k] values and
 * starts at sum(len[0..k-1]). For i < n: median[i], lo[i], hi[i] over the finite values
 * series[k][i] of the series long enough (NaN when none), count[i] how many there were. */
LRP_API void lrp_band(const double *v, const size_t *len, size_t R, size_t n,
              double *median, double *lo, double *hi, uint32_t *count);
/* Wins on a score where lower is better (best validation loss): best holds runs x R
 * values, run i's seeds at best[i*R .. i*R+R-1]. beats[i*runs + j] = seeds on which run
 * i's value is finite and below run j's, or finite where j's is not (NaN: no finite
 * validation loss). Equal values and two NaNs are ties: counted for neither. */
LRP_API void lrp_wins(const double *best, size_t runs, size_t R, uint32_t *beats);

/* Config by name (the schema): lrplay_schema.h, included below. */

#ifdef __cplusplus
}
#endif
#include "lrplay_schema.h"
#endif /* LRPLAY_H */
