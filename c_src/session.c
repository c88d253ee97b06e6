/* session.c — an experiment's data, network and runs: the LR range test and scheduled
 * training, each steppable so a caller can draw progress and cancel between calls.
 *
 * Every run starts from the same initial weights (saved once) and the same batch order
 * (a fresh generator on the batch stream), so runs differ only by their optimizer and
 * schedule, and a range test never changes the training that follows it.
 *
 * Schedules step per epoch or per batch (their interval); a warm-up counts in the same
 * unit. T_max, T_0 and total_steps left at 0 derive from the run's length after the
 * warm-up: cosine anneals over the rest of the run, warm restarts take a quarter of it.
 * The run's min_lr is folded into a plateau scheduler's own min_lr (as PyTorch users
 * pass it), so the monitor never cuts under the floor and its events are rates applied.
 * Runs start from the picked rate where the pick policy says so (lrp_exp_apply_pick).
 * Early stopping (earlystop.c) watches the validation metrics after each epoch; on a
 * stop with restore_best_weights the best epoch's weights come back and the run's final
 * validation metrics are measured on them.
 */
#include "lrplay.h"
#include "fields.h"
#include "util.h"
#include "rng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STREAM_FIND = 5 };
#define EVAL_CHUNK 256

typedef struct {
    int active, done;
    int64_t i, n;                   /* iterations run, planned */
    double *lr, *loss, *smoothed;
    lrp_lrfind_cfg analysis_cfg;
    lrp_lrfind_smoother smoother; /* the analysis' smoothing and stop rule, point by point */
    int diverged;
    lrp_lrfind_result analysis;
    lrp_sched_cfg ramp;
} find_state;

typedef struct {
    int active, done;
    size_t run;
    int64_t epoch;               /* epochs finished */
    int64_t step;                /* batches taken */
    lrp_sched_cfg sched;         /* the run's schedule with run-length fields resolved */
    lrp_plateau plateau;
    double prev_lr;              /* the rate of the epoch before */
    int64_t prev_at;             /* the schedule step that epoch started at */
    double *lr, *train_loss, *val_loss, *val_acc;
    lrp_event *events; size_t n_events;
    lrp_status status;
    int64_t diverged_epoch;
    double initial_val;          /* validation loss at the initial weights */
    int floor_hit;
    int es_on;                   /* early stopping watches this run */
    lrp_earlystop es;
    int64_t snap_epoch;          /* 0-based epoch of the weights in best_params; -1 none */
    int64_t stopped_epoch, restored_epoch;  /* 1-based; -1 none */
    double final_val_loss, final_val_acc;
} train_state;

struct lrp_session {
    lrp_experiment e;
    lrp_dataset *data;
    lrp_data_view dv;
    lrp_mlp *mlp;
    size_t np, max_batch, batches_per_epoch, y_cols;
    float *init_params;
    float *best_params;          /* early stopping's copy of the best epoch's weights */
    lrp_optim *opt;
    lrp_kernel kernel;
    uint32_t *order;             /* n_train indices, reshuffled every epoch */
    size_t cursor;               /* next position in order */
    lrp_rng batch_rng;
    float *xb, *yb;              /* one gathered batch: (max_batch, n_in), (max_batch, y_cols) */
    find_state f;
    train_state t;
};

void lrp_session_destroy(lrp_session *s) {
    if (!s) return;
    lrp_dataset_destroy(s->data);
    lrp_mlp_destroy(s->mlp);
    lrp_optim_destroy(s->opt);
    free(s->init_params);
    free(s->best_params);
    free(s->order);
    free(s->xb);
    free(s->yb);
    free(s->f.lr); free(s->f.loss); free(s->f.smoothed);
    free(s->t.lr); free(s->t.train_loss); free(s->t.val_loss); free(s->t.val_acc); free(s->t.events);
    free(s);
}

/* Schedule steps in run r: batches or epochs, by the schedule's interval. */
static int64_t run_steps(const lrp_session *s, const lrp_run_cfg *rc) {
    return rc->sched.interval == LRP_EVERY_BATCH && rc->sched.kind != LRP_SCHED_PLATEAU
        ? s->e.epochs * (int64_t)s->batches_per_epoch : s->e.epochs;
}

/* Fields that mean "the run's length" or "the run's rate" when 0 (the length after the
 * warm-up, at least 1), and the run's floor folded into a plateau scheduler. */
static void resolve_schedule(lrp_sched_cfg *c, const lrp_run_cfg *run, int64_t total) {
    int64_t rest = total - c->warmup > 0 ? total - c->warmup : 1;
    if (c->kind == LRP_SCHED_COSINE && c->T_max == 0) c->T_max = rest;
    if (c->kind == LRP_SCHED_COSINE_WARM_RESTARTS && c->T_0 == 0) c->T_0 = rest / 4 > 0 ? rest / 4 : 1;
    if (c->kind == LRP_SCHED_ONECYCLE) {
        if (c->total_steps == 0) c->total_steps = total;
        if (c->max_lr == 0) c->max_lr = run->optim.lr;
    }
    if (c->kind == LRP_SCHED_CYCLIC && c->cyc_base_lr == 0) c->cyc_base_lr = run->optim.lr;
    if (c->kind == LRP_SCHED_PLATEAU && run->min_lr > c->min_lr) c->min_lr = run->min_lr;
}

/* What the data and the run length make impossible: a schedule PyTorch would refuse over
 * this many updates (the step after the last one included, as PyTorch's loop takes it),
 * and val_acc watched on a regression set. */
static lrp_status check_runs(const lrp_session *s, char *err, size_t errlen) {
    for (size_t r = 0; r < s->e.n_runs; r++) {
        const lrp_run_cfg *rc = &s->e.runs[r];
        lrp_sched_cfg c = rc->sched;
        int64_t total = run_steps(s, rc);
        resolve_schedule(&c, rc, total);
        char msg[256];
        if (lrp_sched_check_steps(&c, total, msg, sizeof msg) != LRP_OK) {
            if (c.kind == LRP_SCHED_ONECYCLE && total > c.total_steps) /* say what the steps are */
                lrp_say(err, errlen, "runs.%zu.schedule.total_steps: %" PRId64 " is shorter than the run's %" PRId64 " %s updates; "
                        "PyTorch's OneCycleLR raises ValueError at step %" PRId64, r, c.total_steps, total,
                        c.interval == LRP_EVERY_BATCH ? "batch" : "epoch", c.total_steps + 1);
            else
                lrp_say(err, errlen, "runs.%zu.%s", r, msg);
            return LRP_EINVAL;
        }
        if (rc->early_stopping.monitor == LRP_MONITOR_VAL_ACC && s->dv.loss != LRP_LOSS_CROSS_ENTROPY) {
            lrp_say(err, errlen, "runs.%zu.early_stopping.monitor: val_acc needs a classification data set; "
                    "this one is regression (watch val_loss)", r);
            return LRP_EINVAL;
        }
    }
    return LRP_OK;
}

lrp_status lrp_session_create(lrp_session **out, const lrp_experiment *e, char *err, size_t errlen) {
    *out = NULL;
    lrp_status st = lrp_experiment_validate(e, err, errlen);
    if (st != LRP_OK) return st;
    lrp_session *s = calloc(1, sizeof *s);
    if (!s) { lrp_say(err, errlen, "session: out of memory"); return LRP_ENOMEM; }
    s->e = *e;
    lrp_exp_apply_pick(&s->e);
    if ((st = lrp_dataset_create(&s->data, &e->data, e->seed, err, errlen)) != LRP_OK) goto fail;
    lrp_dataset_view(s->data, &s->dv);
    if (s->dv.n_train == 0 || s->dv.n_val == 0) { lrp_say(err, errlen, "data.val_frac: leaves an empty split"); st = LRP_EINVAL; goto fail; }

    lrp_mlp_cfg mc;
    memset(&mc, 0, sizeof mc);
    mc.sizes[0] = s->dv.n_in;
    for (size_t i = 0; i < e->n_hidden; i++) mc.sizes[1 + i] = e->hidden[i];
    mc.sizes[1 + e->n_hidden] = s->dv.n_out;
    mc.n_sizes = e->n_hidden + 2;
    mc.act = e->act;
    mc.loss = s->dv.loss;
    s->max_batch = e->batch_size > EVAL_CHUNK ? e->batch_size : EVAL_CHUNK;
    if ((st = lrp_mlp_create(&s->mlp, &mc, s->max_batch, err, errlen)) != LRP_OK) goto fail;
    lrp_mlp_init(s->mlp, e->seed);
    s->np = lrp_mlp_num_params(s->mlp);
    s->y_cols = s->dv.loss == LRP_LOSS_CROSS_ENTROPY ? 1 : s->dv.n_out;
    size_t bs = e->batch_size < s->dv.n_train ? e->batch_size : s->dv.n_train;
    s->batches_per_epoch = (s->dv.n_train + bs - 1) / bs;

    s->init_params = malloc(s->np * sizeof(float));
    s->best_params = malloc(s->np * sizeof(float));
    s->order = malloc(s->dv.n_train * sizeof(uint32_t));
    s->xb = malloc(s->max_batch * s->dv.n_in * sizeof(float));
    s->yb = malloc(s->max_batch * s->y_cols * sizeof(float));
    if (!s->init_params || !s->best_params || !s->order || !s->xb || !s->yb) { lrp_say(err, errlen, "session: out of memory"); st = LRP_ENOMEM; goto fail; }
    memcpy(s->init_params, lrp_mlp_params(s->mlp), s->np * sizeof(float));
    if ((st = check_runs(s, err, errlen)) != LRP_OK) goto fail;
    s->kernel = LRP_KERNEL_AUTO;
    s->t.diverged_epoch = s->t.stopped_epoch = s->t.restored_epoch = -1;
    s->t.final_val_loss = s->t.final_val_acc = NAN;
    *out = s;
    return LRP_OK;
fail:
    lrp_session_destroy(s);
    return st;
}

void lrp_session_set_kernel(lrp_session *s, lrp_kernel k) {
    s->kernel = k;
    lrp_mlp_set_kernel(s->mlp, k);
    if (s->opt) lrp_optim_set_kernel(s->opt, k);
}

const lrp_data_view *lrp_session_data(const lrp_session *s) { return &s->dv; }
const lrp_experiment *lrp_session_experiment(const lrp_session *s) { return &s->e; }
const float *lrp_session_init_params(const lrp_session *s, size_t *n) { *n = s->np; return s->init_params; }

/* ------------------------------------------------------------ shared */
/* Back to the initial weights, a fresh optimizer and a fresh batch order (order.c replays it). */
static lrp_status reset_model(lrp_session *s, const lrp_optim_cfg *oc, uint64_t stream) {
    memcpy(lrp_mlp_params(s->mlp), s->init_params, s->np * sizeof(float));
    lrp_optim_destroy(s->opt);
    s->opt = NULL;
    lrp_status st = lrp_optim_create(&s->opt, oc, s->np, NULL, 0);
    if (st != LRP_OK) return st;
    lrp_optim_set_kernel(s->opt, s->kernel);
    lrp_rng_seed(&s->batch_rng, s->e.seed, stream);
    for (size_t i = 0; i < s->dv.n_train; i++) s->order[i] = (uint32_t)i;
    s->cursor = s->dv.n_train;   /* shuffle before the first batch */
    return LRP_OK;
}

/* Gathers the next mini-batch (a new shuffle at every epoch boundary); returns its rows. */
static size_t next_batch(lrp_session *s) {
    if (s->cursor >= s->dv.n_train) {
        lrp_rng_shuffle(&s->batch_rng, s->order, s->dv.n_train);
        s->cursor = 0;
    }
    size_t B = s->e.batch_size, left = s->dv.n_train - s->cursor;
    if (B > left) B = left;
    size_t n_in = s->dv.n_in, yc = s->y_cols;
    for (size_t r = 0; r < B; r++) {
        size_t idx = s->order[s->cursor + r];
        memcpy(s->xb + r * n_in, s->dv.x_train + idx * n_in, n_in * sizeof(float));
        memcpy(s->yb + r * yc, s->dv.y_train + idx * yc, yc * sizeof(float));
    }
    s->cursor += B;
    return B;
}

/* Mean loss (and accuracy for classification) over the validation split. */
static double evaluate(lrp_session *s, double *acc) {
    double sum = 0;
    size_t correct = 0, n = s->dv.n_val, n_in = s->dv.n_in, yc = s->y_cols;
    for (size_t at = 0; at < n; at += s->max_batch) {
        size_t B = n - at < s->max_batch ? n - at : s->max_batch;
        size_t c = 0;
        float l = lrp_mlp_loss(s->mlp, s->dv.x_val + at * n_in, s->dv.y_val + at * yc, B, 0, &c);
        sum += (double)l * (double)B;
        correct += c;
    }
    *acc = s->dv.loss == LRP_LOSS_CROSS_ENTROPY ? (double)correct / (double)n : NAN;
    return sum / (double)n;
}

/* --------------------------------------------------------- range test */
lrp_status lrp_find_begin(lrp_session *s) {
    find_state *f = &s->f;
    const lrp_find_cfg *fc = &s->e.find;
    free(f->lr); free(f->loss); free(f->smoothed);
    memset(f, 0, sizeof *f);
    size_t n = (size_t)fc->num_iter;
    f->lr = malloc(n * sizeof(double));
    f->loss = malloc(n * sizeof(double));
    f->smoothed = malloc(n * sizeof(double));
    if (!f->lr || !f->loss || !f->smoothed) return LRP_ENOMEM;
    lrp_sched_defaults(&f->ramp, LRP_SCHED_LR_RANGE);
    f->ramp.end_lr = fc->end_lr;
    f->ramp.num_iter = fc->num_iter;
    f->ramp.step_mode = fc->step_mode;
    f->n = fc->num_iter;
    lrp_lrfind_defaults(&f->analysis_cfg);
    f->analysis_cfg.beta = fc->beta;
    f->analysis_cfg.diverge = fc->diverge;
    f->analysis_cfg.num_it = fc->num_iter;
    f->analysis_cfg.skip_end = fc->skip_end;
    lrp_lrfind_smoother_init(&f->smoother, &f->analysis_cfg);
    f->analysis.i_minimum = f->analysis.i_steep = f->analysis.i_valley = -1;
    f->analysis.i_lo = f->analysis.i_hi = -1;
    lrp_status st = reset_model(s, &s->e.optim, STREAM_FIND);
    if (st != LRP_OK) return st;
    f->active = 1;
    return LRP_OK;
}

static void find_finish(lrp_session *s) {
    find_state *f = &s->f;
    /* The suggestions; the smoothed curve it writes is the one the smoother made. */
    lrp_lrfind_analyze(&f->analysis_cfg, f->lr, f->loss, (size_t)f->i, f->smoothed, &f->analysis);
    /* Restore exactly: the sweep leaves no trace on the training that follows. */
    memcpy(lrp_mlp_params(s->mlp), s->init_params, s->np * sizeof(float));
    lrp_optim_reset(s->opt);
    f->active = 0;
    f->done = 1;
}

int lrp_find_step(lrp_session *s, int64_t max_iters) {
    find_state *f = &s->f;
    if (!f->active) return 0;
    const lrp_find_cfg *fc = &s->e.find;
    for (int64_t k = 0; k < max_iters && f->i < f->n; k++) {
        int64_t i = f->i;
        double lr = lrp_sched_lr(&f->ramp, fc->start_lr, i);
        size_t B = next_batch(s);
        float loss = lrp_mlp_loss(s->mlp, s->xb, s->yb, B, 1, NULL);
        lrp_optim_step(s->opt, lrp_mlp_params(s->mlp), lrp_mlp_grads(s->mlp), lr);
        double rec = loss;
        if (fc->use_val) { double acc; rec = evaluate(s, &acc); }
        f->lr[i] = lr;
        f->loss[i] = lrp_is_finite(rec) ? rec : NAN;
        f->i = i + 1;
        if (lrp_lrfind_smoother_push(&f->smoother, f->loss[i], &f->smoothed[i])) { f->diverged = 1; break; }
    }
    if (f->diverged || f->i >= f->n) { find_finish(s); return 0; }
    return 1;
}

void lrp_find_get(const lrp_session *s, lrp_find_result *r) {
    const find_state *f = &s->f;
    memset(r, 0, sizeof *r);
    r->n = (size_t)f->i;
    r->lr = f->lr;
    r->loss = f->loss;
    r->smoothed = f->smoothed;
    r->diverged = f->diverged;
    r->analysis = f->analysis;
}

/* --------------------------------------------------------- training */
/* Schedules whose rate drops in steps the event list records (plateau cuts are recorded
 * where the monitor makes them). */
static int steps_down(lrp_sched_kind k) { return k == LRP_SCHED_STEP || k == LRP_SCHED_MULTISTEP; }

lrp_status lrp_train_begin(lrp_session *s, size_t run) {
    train_state *t = &s->t;
    if (run >= s->e.n_runs) return LRP_EINVAL;
    free(t->lr); free(t->train_loss); free(t->val_loss); free(t->val_acc); free(t->events);
    memset(t, 0, sizeof *t);
    size_t E = (size_t)s->e.epochs;
    t->lr = malloc(E * sizeof(double));
    t->train_loss = malloc(E * sizeof(double));
    t->val_loss = malloc(E * sizeof(double));
    t->val_acc = malloc(E * sizeof(double));
    t->events = malloc((E + 2) * sizeof(lrp_event));   /* one a epoch at most, and the floor */
    if (!t->lr || !t->train_loss || !t->val_loss || !t->val_acc || !t->events) return LRP_ENOMEM;
    const lrp_run_cfg *rc = &s->e.runs[run];
    t->run = run;
    t->sched = rc->sched;
    resolve_schedule(&t->sched, rc, run_steps(s, rc));
    if (t->sched.kind == LRP_SCHED_PLATEAU) lrp_plateau_init(&t->plateau, &t->sched, rc->optim.lr);
    t->status = LRP_OK;
    t->diverged_epoch = -1;
    t->es_on = rc->early_stopping.monitor != LRP_MONITOR_OFF;
    lrp_earlystop_cfg ec = rc->early_stopping;
    ec.use_baseline = ec.baseline != 0;   /* configs: 0 = no baseline */
    lrp_earlystop_init(&t->es, &ec);
    t->snap_epoch = t->stopped_epoch = t->restored_epoch = -1;
    t->final_val_loss = t->final_val_acc = NAN;
    lrp_status st = reset_model(s, &rc->optim, LRP_STREAM_BATCHES);
    if (st != LRP_OK) return st;
    double acc;
    t->initial_val = evaluate(s, &acc);
    t->active = 1;
    return LRP_OK;
}

/* The scheduled rate for the batch at global step `step` in epoch `epoch`, before the
 * run's min_lr floor. */
static double raw_lr(const lrp_session *s, int64_t epoch, int64_t step) {
    const train_state *t = &s->t;
    if (t->sched.kind == LRP_SCHED_PLATEAU) return t->plateau.lr;
    return lrp_sched_lr(&t->sched, s->e.runs[t->run].optim.lr, t->sched.interval == LRP_EVERY_BATCH ? step : epoch);
}

static double floored(const lrp_session *s, double lr) {
    double floor_lr = s->e.runs[s->t.run].min_lr;
    return lr < floor_lr ? floor_lr : lr;
}

/* The rate the optimizer really applies: Keras' legacy decay divides it further. */
static double effective_lr(const lrp_session *s, double lr) {
    const lrp_optim_cfg *oc = &s->e.runs[s->t.run].optim;
    if (oc->kind == LRP_OPT_KERAS_ADAM && oc->decay > 0)
        return lr / (1 + oc->decay * (double)lrp_optim_steps_taken(s->opt));
    return lr;
}

static void add_event(train_state *t, int64_t epoch, double old_lr, double new_lr, lrp_event_reason why) {
    lrp_event *ev = &t->events[t->n_events++];
    ev->epoch = epoch;
    ev->old_lr = old_lr;
    ev->new_lr = new_lr;
    ev->reason = why;
}

/* Early stopping after an epoch; returns 1 when the run stops here. Keras takes its copy
 * of the weights at the first epoch it watches and at every improvement, and restores it
 * on a stop; the final metrics are then measured on the restored weights. */
static int early_stop(lrp_session *s, double val, double acc) {
    train_state *t = &s->t;
    const lrp_earlystop_cfg *ec = &s->e.runs[t->run].early_stopping;
    int64_t e = t->epoch - 1;
    unsigned f = lrp_earlystop_step(&t->es, ec->monitor == LRP_MONITOR_VAL_ACC ? acc : val);
    float *p = lrp_mlp_params(s->mlp);
    if (ec->restore_best_weights && (f & LRP_ES_COUNTED) && (t->snap_epoch < 0 || (f & LRP_ES_IMPROVED))) {
        memcpy(s->best_params, p, s->np * sizeof(float));
        t->snap_epoch = e;
    }
    if (!(f & LRP_ES_STOP)) return 0;
    t->stopped_epoch = e + 1;
    if (ec->restore_best_weights && t->snap_epoch >= 0) {
        memcpy(p, s->best_params, s->np * sizeof(float));
        t->restored_epoch = t->snap_epoch + 1;
        double a;
        double v = evaluate(s, &a);
        t->final_val_loss = isfinite(v) ? v : NAN;
        t->final_val_acc = a;
    }
    return 1;
}

int lrp_train_epoch(lrp_session *s) {
    train_state *t = &s->t;
    if (!t->active) return 0;
    const lrp_run_cfg *rc = &s->e.runs[t->run];
    int64_t e = t->epoch;
    double raw = raw_lr(s, e, t->step), start_lr = floored(s, raw);
    t->lr[e] = effective_lr(s, start_lr);
    /* Events carry the last epoch run at the old rate: a step of a stepwise schedule is
     * seen here, a plateau cut where it happens (below), and the floor once. */
    int64_t at = t->sched.interval == LRP_EVERY_BATCH ? t->step : e;
    if (e > 0 && steps_down(t->sched.kind) && t->prev_at >= t->sched.warmup && start_lr != t->prev_lr)
        add_event(t, e, t->prev_lr, start_lr, LRP_EVENT_SCHEDULE);   /* the warm-up's rise is no step */
    if (!t->floor_hit && raw < rc->min_lr) {
        t->floor_hit = 1;
        add_event(t, e, raw, rc->min_lr, LRP_EVENT_MIN_LR);
    }
    double sum = 0;
    size_t seen = 0;
    int bad = 0;
    for (size_t b = 0; b < s->batches_per_epoch; b++) {
        double lr = floored(s, raw_lr(s, e, t->step));
        size_t B = next_batch(s);
        float loss = lrp_mlp_loss(s->mlp, s->xb, s->yb, B, 1, NULL);
        if (!lrp_is_finite(loss)) { bad = 1; break; }
        lrp_optim_step(s->opt, lrp_mlp_params(s->mlp), lrp_mlp_grads(s->mlp), lr);
        sum += (double)loss * (double)B;
        seen += B;
        t->step++;
    }
    double acc = NAN, val = NAN;
    if (!bad) val = evaluate(s, &acc);
    t->train_loss[e] = bad ? NAN : sum / (double)seen;
    t->val_loss[e] = lrp_is_finite(val) ? val : NAN;
    t->val_acc[e] = acc;
    t->epoch = e + 1;
    t->final_val_loss = t->val_loss[e];
    t->final_val_acc = acc;
    /* Diverged: a non-finite loss, or a validation loss a hundred times the untrained one. */
    if (bad || !lrp_is_finite(val) || val > 100 * t->initial_val) {
        t->status = LRP_EDIVERGED;
        t->diverged_epoch = e + 1;
        t->active = 0;
        t->done = 1;
        return 0;
    }
    t->prev_lr = start_lr;
    t->prev_at = at;
    if (t->es_on && early_stop(s, val, acc)) { t->active = 0; t->done = 1; return 0; }
    if (t->sched.kind == LRP_SCHED_PLATEAU) {
        /* the rates the optimizer applies, floor included: a cut it never sees is no event */
        double old = floored(s, t->plateau.lr);
        lrp_plateau_step(&t->plateau, val);
        double now = floored(s, t->plateau.lr);
        if (now != old) add_event(t, e + 1, old, now, LRP_EVENT_PLATEAU);
    }
    if (t->epoch >= s->e.epochs) { t->active = 0; t->done = 1; return 0; }
    return 1;
}

void lrp_train_get(const lrp_session *s, lrp_train_result *r) {
    const train_state *t = &s->t;
    memset(r, 0, sizeof *r);
    r->epochs_done = (size_t)t->epoch;
    r->lr = t->lr;
    r->train_loss = t->train_loss;
    r->val_loss = t->val_loss;
    r->val_acc = t->val_acc;
    r->n_events = t->n_events;
    r->events = t->events;
    r->status = t->status;
    r->diverged_epoch = t->diverged_epoch;
    r->best_val_loss = NAN;
    r->best_epoch = -1;
    r->epochs_to_target = -1;
    r->stopped_epoch = t->stopped_epoch;
    r->restored_epoch = t->restored_epoch;
    r->final_val_loss = t->final_val_loss;
    r->final_val_acc = t->final_val_acc;
    for (size_t k = 0; k < r->epochs_done; k++) {
        double v = t->val_loss[k];
        if (lrp_is_finite(v) && (r->best_epoch < 0 || v < r->best_val_loss)) { r->best_val_loss = v; r->best_epoch = (int64_t)k + 1; }
        if (s->e.target_loss > 0 && r->epochs_to_target < 0 && lrp_is_finite(v) && v <= s->e.target_loss)
            r->epochs_to_target = (int64_t)k + 1;
    }
}
