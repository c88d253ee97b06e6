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

/* ------------------------------------------------------------------ status */
typedef enum {
    LRP_OK = 0,
    LRP_EINVAL,     /* a config or argument is invalid; err names the field */
    LRP_ENOMEM,     /* an allocation failed or its size would overflow */
    LRP_ELIMIT,     /* a size is past the documented limits */
    LRP_EDIVERGED,  /* a run stopped on a non-finite or exploding loss */
    LRP_ESTATE      /* a call out of order (e.g. stepping a finished run) */
} lrp_status;

const char *lrp_status_str(lrp_status s);
const char *lrp_version(void);
/* "sse2", "simd128" or "scalar": which kernels this build runs. */
const char *lrp_build_flavor(void);

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
#define LRP_MAX_LABEL       31       /* bytes of a run's label (UTF-8), terminator not counted */
/* Work: samples seen times parameters, summed over the range test or over all runs of a
 * training (about 15 s of WebAssembly at the limit). Validation refuses more. */
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

void lrp_optim_defaults(lrp_optim_cfg *c, lrp_opt_kind kind); /* PyTorch / Keras defaults */
lrp_status lrp_optim_validate(const lrp_optim_cfg *c, char *err, size_t errlen);

/* Optimizer state over one flat float32 buffer of n parameters: moments in the same
 * layout as the parameters. The buffers are allocated staggered so that p, g, m, v
 * never share an offset within a 4 KiB page. */
typedef struct lrp_optim lrp_optim;
lrp_status lrp_optim_create(lrp_optim **out, const lrp_optim_cfg *c, size_t n, char *err, size_t errlen);
void       lrp_optim_destroy(lrp_optim *o);
/* One update of params (n floats) from grads (n floats) at rate lr. */
void       lrp_optim_step(lrp_optim *o, float *params, const float *grads, double lr);
void       lrp_optim_reset(lrp_optim *o);                 /* zero moments and step count */
lrp_status lrp_optim_copy_state(lrp_optim *dst, const lrp_optim *src); /* same cfg and n */
long       lrp_optim_steps_taken(const lrp_optim *o);
/* Kernels: the build picks SIMD where available; tests and benchmarks may force the
 * scalar reference path (identical bits, see tests/c). */
typedef enum { LRP_KERNEL_AUTO = 0, LRP_KERNEL_SCALAR, LRP_KERNEL_SIMD } lrp_kernel;
void       lrp_optim_set_kernel(lrp_optim *o, lrp_kernel k);

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
    lrp_flavor flavor; lrp_mode mode; double factor; long patience; double threshold;
    lrp_thresh_mode threshold_mode; long cooldown; double min_lr; double eps; double min_delta;
    /* step, multistep, exponential */
    long step_size; double gamma; long milestones[LRP_MAX_MILESTONES]; size_t n_milestones;
    /* cosine, cosine_warm_restarts (0 = derive from the run length in training) */
    long T_max; double eta_min; long T_0; long T_mult;
    /* linear */
    double start_factor, end_factor; long total_iters;
    /* onecycle (max_lr 0 = the run's rate; total_steps 0 = derive from the run length) */
    double max_lr; long total_steps; double pct_start; lrp_anneal anneal_strategy;
    double div_factor, final_div_factor; int three_phase;
    /* cyclic (cyc_base_lr is the scheduler's own "base_lr"; step_size_down 0 = same as up) */
    double cyc_base_lr; long step_size_up, step_size_down; lrp_cyclic_mode cyclic_mode;
    /* inverse_time */
    double decay_rate; long decay_steps; int staircase;
    /* lr_range */
    double end_lr; long num_iter; lrp_ramp step_mode;
} lrp_sched_cfg;

void       lrp_sched_defaults(lrp_sched_cfg *c, lrp_sched_kind kind);
lrp_status lrp_sched_validate(const lrp_sched_cfg *c, char *err, size_t errlen);
/* Closed-form schedules: a pure function of the step (step 0 = the rate at set-up),
 * clamped past the end. Not for LRP_SCHED_PLATEAU (returns base_lr). */
double     lrp_sched_lr(const lrp_sched_cfg *c, double base_lr, long step);

/* ReduceLROnPlateau: an explicit state with init and step, fields by name. */
typedef struct {
    lrp_sched_cfg cfg;
    double lr;          /* current rate */
    double best;        /* best metric so far */
    long num_bad;       /* torch: num_bad_epochs; keras: wait */
    long cooldown_counter;
    long last_epoch;
} lrp_plateau;
void lrp_plateau_init(lrp_plateau *s, const lrp_sched_cfg *c, double lr);
/* Feed one epoch's metric; returns 1 when the rate was reduced. NaN counts as not better. */
int  lrp_plateau_step(lrp_plateau *s, double metric);

/* ------------------------------------------------- LR-finder analysis */
typedef struct {
    double beta;        /* smoothing, fastai 0.98 */
    double diverge;     /* stop when smoothed > diverge * best */
    long num_it;        /* planned iterations: suggestions skip the first num_it/10 */
    long skip_end;      /* points dropped at the end, fastai 5 */
} lrp_lrfind_cfg;
void lrp_lrfind_defaults(lrp_lrfind_cfg *c);

enum { LRP_SUGGEST_MINIMUM = 1, LRP_SUGGEST_STEEP = 2, LRP_SUGGEST_VALLEY = 4 };
typedef struct {
    size_t kept;               /* points kept by the stop rule */
    unsigned have;             /* LRP_SUGGEST_* bits of the suggestions given */
    double minimum, steep, valley;          /* the suggested rates */
    long i_minimum, i_steep, i_valley;      /* their indices into lrs (-1 if absent) */
    long i_lo, i_hi;           /* the steep stretch [i_lo, i_hi] the page shades (-1 if none) */
} lrp_lrfind_result;

/* The smoothing and the stop rule, one point at a time: the analysis below and the
 * session's range test (which stops as it goes) share it, so they agree bit for bit. */
typedef struct {
    double beta, diverge;
    double avg, beta_pow;   /* the moving average and beta^i */
    double best;            /* the lowest smoothed value so far */
    long i;                 /* points fed */
} lrp_lrfind_smoother;
void lrp_lrfind_smoother_init(lrp_lrfind_smoother *s, const lrp_lrfind_cfg *c);
/* Feeds one loss (NaN allowed); writes its smoothed value (NaN where not finite) and
 * returns 1 when the stop rule makes this point the last one kept. */
int  lrp_lrfind_smoother_push(lrp_lrfind_smoother *s, double loss, double *smoothed);

/* smoothed must hold n doubles (NaN where non-finite). losses: NaN allowed. */
void lrp_lrfind_analyze(const lrp_lrfind_cfg *c, const double *lrs, const double *losses, size_t n,
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
lrp_status lrp_mlp_create(lrp_mlp **out, const lrp_mlp_cfg *c, size_t max_batch, char *err, size_t errlen);
void       lrp_mlp_destroy(lrp_mlp *m);
size_t     lrp_mlp_num_params(const lrp_mlp *m);
float     *lrp_mlp_params(lrp_mlp *m);       /* flat, all layers: W0 b0 W1 b1 ... */
float     *lrp_mlp_grads(lrp_mlp *m);        /* same layout */
size_t     lrp_mlp_layer_offset(const lrp_mlp *m, size_t layer); /* offset of W_layer in params */
/* PyTorch's default nn.Linear init (Kaiming-uniform W, uniform b) from the given seed. */
void       lrp_mlp_init(lrp_mlp *m, uint32_t seed);
/* Forward + loss over a batch of B rows of x (B, IN). y: class ids (cross-entropy, as
 * float) or targets (B, OUT) for mse. With want_grad, zeroes and fills the grads.
 * *correct (may be NULL) gets the number of argmax hits for cross-entropy. */
float      lrp_mlp_loss(lrp_mlp *m, const float *x, const float *y, size_t B, int want_grad, size_t *correct);
void       lrp_mlp_set_kernel(lrp_mlp *m, lrp_kernel k);

/* --------------------------------------------------------------- data sets */
typedef enum {
    LRP_DATA_SPIRAL = 0, LRP_DATA_CIRCLES, LRP_DATA_XOR, LRP_DATA_GAUSS, LRP_DATA_MOONS,
    LRP_DATA_SINE, LRP_DATA_DIGITS,
    LRP_DATA_CSV,                    /* the caller's table (lrp_csv_parse, lrp_exp_attach_csv) */
    LRP_DATA_IRIS, LRP_DATA_WINE, LRP_DATA_BREAST_CANCER, LRP_DATA_DIABETES,  /* compiled-in tables */
    LRP_DATA__COUNT
} lrp_data_kind;

/* Tables (CSV files and the compiled-in ones). */
#define LRP_MAX_CSV_BYTES  (64u << 20) /* bytes of a CSV file; callers refuse bigger files unread */
#define LRP_MAX_FEATURES   512         /* feature columns (the network's inputs) */
#define LRP_MAX_CLASSES    512         /* classes of a classification target */
#define LRP_AUTO_CLASSES   20          /* task auto: a target of at most 20 distinct whole numbers is classes */
#define LRP_MAX_NAME       63          /* bytes of data.target and of a column name kept */
#define LRP_MAX_PATH       127         /* bytes of data.path (the file's name, without directories) */

typedef enum { LRP_TASK_AUTO = 0, LRP_TASK_CLASSIFICATION, LRP_TASK_REGRESSION } lrp_task;
typedef enum { LRP_HEADER_AUTO = 0, LRP_HEADER_YES, LRP_HEADER_NO } lrp_header;
typedef enum { LRP_SEP_AUTO = 0, LRP_SEP_COMMA, LRP_SEP_SEMICOLON, LRP_SEP_TAB } lrp_separator;

typedef struct lrp_csv lrp_csv;

typedef struct {
    lrp_data_kind kind;
    size_t samples;      /* ignored by digits (1 797) */
    double noise;
    double val_frac;     /* fraction held out for validation */
    size_t classes;      /* spiral and gauss: 2..10; others fixed */
    /* Tables: standardize the inputs (and a regression target) with the train split's
     * mean and sd. csv: the file's name, its fingerprint and shape (recorded when the data
     * is attached), the target column (name or 0-based index; "" = the last), the task, and
     * how the file is read. */
    int standardize;
    char path[LRP_MAX_PATH + 1];
    char sha256[65];     /* lowercase hex; "" until data is attached */
    size_t rows, columns, outputs;   /* data rows, columns in the file, network outputs */
    char target[LRP_MAX_NAME + 1];
    lrp_task task;
    lrp_header header;
    lrp_separator separator;
    const lrp_csv *csv;  /* borrowed from the caller: the parsed file (lrp_exp_attach_csv) */
} lrp_data_cfg;

typedef struct lrp_dataset lrp_dataset;
lrp_status lrp_data_defaults(lrp_data_cfg *c, lrp_data_kind kind);
/* Rows, inputs and outputs (classes, or targets) the config makes, without making it. */
void       lrp_data_shape(const lrp_data_cfg *c, size_t *rows, size_t *n_in, size_t *n_out);
lrp_status lrp_dataset_create(lrp_dataset **out, const lrp_data_cfg *c, uint32_t seed, char *err, size_t errlen);
void       lrp_dataset_destroy(lrp_dataset *d);
typedef struct {
    size_t n_train, n_val, n_in, n_out;   /* n_out: classes, or targets for regression */
    lrp_loss loss;
    const float *x_train, *y_train, *x_val, *y_val;  /* standardized inputs; y as in lrp_mlp_loss */
} lrp_data_view;
void lrp_dataset_view(const lrp_dataset *d, lrp_data_view *v);

/* ----------------------------------------------------------- CSV tables */
/* Parses the bytes of a CSV/TSV file (the core copies what it keeps; the caller frees the
 * bytes when it likes): RFC 4180 quoting, CRLF or LF, a UTF-8 BOM, a header row and the
 * separator detected or stated, blank lines skipped. Numbers are decimal text, correctly
 * rounded to double. Refuses (LRP_EINVAL / LRP_ELIMIT, one line in err naming the row and
 * column) files that are empty, binary, ragged, too big or without data rows. Cells that are
 * not numbers are kept as text: whether that is an error depends on the target chosen. */
lrp_status lrp_csv_parse(lrp_csv **out, const void *bytes, size_t n, lrp_header header, lrp_separator sep,
                         char *err, size_t errlen);
void        lrp_csv_destroy(lrp_csv *t);
size_t      lrp_csv_rows(const lrp_csv *t);          /* data rows, header excluded */
size_t      lrp_csv_columns(const lrp_csv *t);
lrp_header  lrp_csv_header(const lrp_csv *t);        /* YES or NO: what was read */
lrp_separator lrp_csv_separator(const lrp_csv *t);   /* COMMA, SEMICOLON or TAB */
const char *lrp_csv_sha256(const lrp_csv *t);        /* of the bytes, 64 lowercase hex digits */
const char *lrp_csv_name(const lrp_csv *t, size_t col);  /* header name, or the index as text */
/* 1 when every cell of the column is a finite number (then values hold them). */
int         lrp_csv_numeric(const lrp_csv *t, size_t col);
const double *lrp_csv_values(const lrp_csv *t);      /* (rows, columns) row-major; NaN where not a number */
/* A cell's text for a column that is not numeric (NULL for numeric columns). */
const char *lrp_csv_text(const lrp_csv *t, size_t row, size_t col);

/* SHA-256 (FIPS 180-4) of n bytes: 32 bytes, or 64 lowercase hex digits and a NUL. */
void lrp_sha256(const void *data, size_t n, unsigned char out[32]);
void lrp_sha256_hex(const void *data, size_t n, char out[65]);

/* ------------------------------------------------------- experiments */
typedef struct {
    char label[LRP_MAX_LABEL + 1];
    lrp_optim_cfg optim;
    lrp_sched_cfg sched;
    double min_lr;            /* floor under every rate of the run */
} lrp_run_cfg;

typedef struct {
    double start_lr, end_lr;
    long num_iter;
    lrp_ramp step_mode;
    double beta, diverge;
    int use_val;              /* validation-loss mode */
    long skip_end;
} lrp_find_cfg;

typedef struct {
    uint32_t seed;
    lrp_data_cfg data;
    size_t hidden[LRP_MAX_LAYERS]; size_t n_hidden;
    lrp_act act;
    lrp_optim_cfg optim;      /* the range test's optimizer and the template for runs */
    size_t batch_size;
    long epochs;
    double target_loss;       /* epochs-to-target in results; 0 = none */
    lrp_find_cfg find;
    lrp_run_cfg runs[LRP_MAX_RUNS]; size_t n_runs;
} lrp_experiment;

/* Defaults: the spiral set, a 2-32-32-3 tanh MLP, Adam, and five runs that tell the story:
 * constant, Keras Adam with decay, ReduceLROnPlateau, one-cycle, cosine. */
void       lrp_experiment_defaults(lrp_experiment *e);
/* Drop every run (a config that lists runs replaces the defaults: clear, then set runs.N.*). */
void       lrp_exp_clear_runs(lrp_experiment *e);
lrp_status lrp_experiment_validate(const lrp_experiment *e, char *err, size_t errlen);
/* Attaches a parsed table to a csv experiment (borrowed: keep t alive while e is used):
 * resolves data.target and data.task, checks a recorded data.sha256, records the file's
 * fingerprint and shape, then validates the experiment. */
lrp_status lrp_exp_attach_csv(lrp_experiment *e, const lrp_csv *t, char *err, size_t errlen);
/* Both steps, reading the bytes as data.header and data.separator say; *out (the caller's
 * to destroy) is the table attached. */
lrp_status lrp_exp_load_csv(lrp_experiment *e, const void *bytes, size_t n, lrp_csv **out, char *err, size_t errlen);

/* A session owns the data set, the network at its initial weights, and the scratch
 * needed to run the range test and every run of an experiment. */
typedef struct lrp_session lrp_session;
lrp_status lrp_session_create(lrp_session **out, const lrp_experiment *e, char *err, size_t errlen);
void       lrp_session_destroy(lrp_session *s);
void       lrp_session_set_kernel(lrp_session *s, lrp_kernel k);
const lrp_data_view *lrp_session_data(const lrp_session *s);

/* The LR range test, steppable so a caller can draw progress and cancel between calls.
 * The network and optimizer are restored exactly when it ends. */
lrp_status lrp_find_begin(lrp_session *s);
/* Runs up to max_iters iterations; returns 1 while more remain, 0 when finished. */
int        lrp_find_step(lrp_session *s, long max_iters);
typedef struct {
    size_t n;                   /* iterations run */
    const double *lr;           /* n rates */
    const double *loss;         /* n raw losses (NaN where non-finite) */
    const double *smoothed;     /* n smoothed losses (NaN where non-finite) */
    int diverged;               /* stopped by the divergence rule */
    lrp_lrfind_result analysis;
} lrp_find_result;
void lrp_find_get(const lrp_session *s, lrp_find_result *r);

/* Scheduled training of run i from the session's initial weights and batch order. */
lrp_status lrp_train_begin(lrp_session *s, size_t run);
/* Runs one epoch; returns 1 while more remain, 0 when finished (done or diverged). */
int        lrp_train_epoch(lrp_session *s);
typedef enum { LRP_EVENT_PLATEAU = 0, LRP_EVENT_SCHEDULE, LRP_EVENT_MIN_LR } lrp_event_reason;
typedef struct { long epoch; double old_lr, new_lr; lrp_event_reason reason; } lrp_event;
typedef struct {
    size_t epochs_done;
    const double *lr;           /* rate in effect at the start of each epoch */
    const double *train_loss;   /* mean train loss of each epoch */
    const double *val_loss;
    const double *val_acc;      /* classification; NaN for regression */
    size_t n_events; const lrp_event *events;
    lrp_status status;          /* LRP_OK or LRP_EDIVERGED */
    long diverged_epoch;        /* 1-based epoch whose loss diverged; -1 if none */
    double best_val_loss;       /* lowest val_loss (NaN if none finite) */
    long best_epoch;            /* its 1-based epoch, -1 if none */
    long epochs_to_target;      /* first 1-based epoch with val_loss <= target_loss; -1 if never or no target */
} lrp_train_result;
void lrp_train_get(const lrp_session *s, lrp_train_result *r);

/* ------------------------------------------------ config by name (schema) */
/* Every config field has a dotted name, a type and a range, in one table. The JSON
 * layers (native CLI, JavaScript) and the page's links read and write configs only
 * through these, so they agree on names, ranges and defaults. */
typedef enum { LRP_FIELD_NUMBER = 0, LRP_FIELD_INT, LRP_FIELD_BOOL, LRP_FIELD_ENUM, LRP_FIELD_INT_LIST, LRP_FIELD_STRING } lrp_field_type;
typedef enum { LRP_SET_STRICT = 0, LRP_SET_CLAMP } lrp_set_mode;

typedef struct {
    const char *name;            /* "optimizer.lr", "runs.2.schedule.factor", ... */
    lrp_field_type type;
    double min, max;             /* inclusive range for numbers, ints and list items */
    const char *const *choices;  /* enum names, NULL-terminated */
    size_t max_items;            /* lists */
    const char *help;
} lrp_field_info;

/* Setting by path. STRICT: any problem is an error naming the path. CLAMP: numbers are
 * clamped into range and a note is written to err with LRP_OK returned (err empty when
 * nothing was corrected); unknown names and bad values are still errors. */
lrp_status lrp_exp_set_number(lrp_experiment *e, const char *path, double v, lrp_set_mode mode, char *err, size_t errlen);
lrp_status lrp_exp_set_string(lrp_experiment *e, const char *path, const char *v, char *err, size_t errlen);
lrp_status lrp_exp_set_list(lrp_experiment *e, const char *path, const double *v, size_t n, lrp_set_mode mode, char *err, size_t errlen);
/* A value given as text, as links carry them: parsed by the field's type (numbers as
 * decimal text, true/false or 1/0, enum names, lists as comma-separated numbers). */
lrp_status lrp_exp_set_text(lrp_experiment *e, const char *path, const char *text, lrp_set_mode mode, char *err, size_t errlen);
/* The same for the bare optimizer and scheduler objects of specs ("lr", "beta1", ...). */
lrp_status lrp_optim_set_number(lrp_optim_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t errlen);
lrp_status lrp_optim_set_string(lrp_optim_cfg *c, const char *key, const char *v, char *err, size_t errlen);
lrp_status lrp_sched_set_number(lrp_sched_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t errlen);
lrp_status lrp_sched_set_string(lrp_sched_cfg *c, const char *key, const char *v, char *err, size_t errlen);
lrp_status lrp_sched_set_list(lrp_sched_cfg *c, const char *key, const double *v, size_t n, lrp_set_mode mode, char *err, size_t errlen);

/* Walking a config in canonical order, for writing JSON and links: field i of the
 * experiment (only the fields that apply to the chosen kinds). Returns 0 past the end.
 * The value is a number (ints, bools and enums too: enums give their index and the
 * name in str), a string, or a list in list/n_list. name_buf holds the path. */
typedef struct {
    lrp_field_info info;
    char name_buf[64];
    double number;
    const char *str;
    double list[LRP_MAX_MILESTONES > LRP_MAX_LAYERS ? LRP_MAX_MILESTONES : LRP_MAX_LAYERS];
    size_t n_list;
    int is_default;
} lrp_field_value;
int lrp_exp_field(const lrp_experiment *e, size_t i, lrp_field_value *out);
int lrp_optim_field(const lrp_optim_cfg *c, size_t i, lrp_field_value *out);
int lrp_sched_field(const lrp_sched_cfg *c, size_t i, lrp_field_value *out);
/* The core's enums for schema writers: the i-th enum's id ("optimizer", "schedule", ...,
 * "status") and its value names, NULL-terminated, index = the C value. 0 past the end. */
int lrp_schema_enum(size_t i, const char **id, const char *const **names);

#ifdef __cplusplus
}
#endif
#endif /* LRPLAY_H */
