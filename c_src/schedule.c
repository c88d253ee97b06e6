/* schedule.c — scheduler defaults, validation and the closed-form rates.
 *
 * lrp_sched_lr is a pure function of the step: step k is the rate after k scheduler
 * steps (PyTorch's last_epoch = k), so step 0 is the rate at set-up. It uses PyTorch
 * 1.13's closed forms (Keras' for inverse_time), written with the same operations in
 * the same order, so the values agree with PyTorch's chainable updates to ~1e-15
 * relative. All transcendental functions come from dmath (no libm).
 *
 * Counts that may be 0 ("derive from the run length", see lrplay.h) are the training
 * engine's to fill in; given 0 here, lrp_sched_lr treats T_max, T_0 and total_steps as 1.
 * Past the end (documented per kind below):
 *   step, multistep, exponential, inverse_time: the formula continues (no end);
 *   cosine: periodic past T_max, as PyTorch (t is reduced mod 2*T_max first, exactly);
 *   cosine_warm_restarts: restarts forever;
 *   linear: holds base*end_factor after total_iters (total_iters 0: base*start_factor
 *     for ever, as PyTorch, whose ramp of no steps never leaves its start);
 *   onecycle: PyTorch's formula up to step == total_steps (the last step it allows:
 *     the final phase's cosine is evaluated one step past its end), then held there;
 *   cyclic: cycles forever;
 *   lr_range: holds end_lr after num_iter - 1.
 * A negative step is treated as step 0.
 *
 * Warm-up (step, multistep, exponential, cosine, cosine_warm_restarts): for k < warmup
 * the rate is LinearLR's base*(f + (1 - f)*k/W) with f = warmup_start_factor, then the
 * schedule's own step k - W (PyTorch SequentialLR with milestones=[W]).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "dmath.h"
#include "lrplay.h"
#include "util.h"
#include "fields.h"

/* Defaults (PyTorch's, Keras' for the keras flavor and inverse_time) live in the field
 * table with the ranges; gamma, interval and max_lr differ by kind there. */
void lrp_sched_defaults(lrp_sched_cfg *c, lrp_sched_kind kind)
{
    memset(c, 0, sizeof *c);
    lrp_table_defaults(&lrp_sched_table, c, (int)kind);
    c->kind = kind;
}

/* The kinds that take a warm-up in front. */
static int takes_warmup(lrp_sched_kind k)
{
    return k == LRP_SCHED_STEP || k == LRP_SCHED_MULTISTEP || k == LRP_SCHED_EXPONENTIAL ||
           k == LRP_SCHED_COSINE || k == LRP_SCHED_COSINE_WARM_RESTARTS;
}

/* ------------------------------------------------------------ validation */
static lrp_status fail(char *err, size_t errlen, const char *field, const char *why)
{
    return lrp_fail(err, errlen, LRP_EINVAL, "schedule.%s: %s", field, why);
}

/* The fields the kind uses against the table's ranges, then the rules that relate them. */
lrp_status lrp_sched_validate(const lrp_sched_cfg *c, char *err, size_t errlen)
{
    if (err && errlen) err[0] = '\0';
    if ((unsigned)c->kind >= LRP_SCHED__COUNT) return fail(err, errlen, "name", "unknown scheduler");
    lrp_status st = lrp_table_check(&lrp_sched_table, lrp_sched_bits(c), c, "schedule.", err, errlen);
    if (st != LRP_OK) return st;
    if (c->kind == LRP_SCHED_PLATEAU && c->interval != LRP_EVERY_EPOCH)
        return fail(err, errlen, "interval", "reduce_on_plateau steps once per epoch");
    if (c->kind == LRP_SCHED_MULTISTEP) {
        for (size_t i = 1; i < c->n_milestones; i++)
            if (c->milestones[i] <= c->milestones[i - 1]) return fail(err, errlen, "milestones", "must be strictly increasing");
    }
    if (!takes_warmup(c->kind) && c->warmup != 0) {   /* the table checks the range where it applies */
        return fail(err, errlen, "warmup", c->kind == LRP_SCHED_PLATEAU
            ? "reduce_on_plateau takes no warm-up: it follows a metric, not a step count (PyTorch's SequentialLR "
              "steps ReduceLROnPlateau without its metric and fails)"
            : "only step, multistep, exponential, cosine and cosine_warm_restarts take a warm-up");
    }
    return LRP_OK;
}

/* ------------------------------------------------------------- the rates */
/* eta_min + (base - eta_min) * (1 + cos(pi * t / T)) / 2, PyTorch's cosine formula. */
static double cosine_at(double base_lr, double eta_min, int64_t t, int64_t T)
{
    return eta_min + (base_lr - eta_min) * (1.0 + lrp_cos(LRP_PI * (double)t / (double)T)) / 2.0;
}

/* OneCycleLR.get_lr for step s <= total_steps T. */
static double onecycle_at(const lrp_sched_cfg *c, double base_lr, int64_t s, int64_t T)
{
    double max_lr = c->max_lr > 0.0 ? c->max_lr : base_lr;
    double initial = max_lr / c->div_factor;
    double min_lr = initial / c->final_div_factor;
    double end[3], lo[3], hi[3];
    int n;
    end[0] = c->pct_start * (double)T - 1.0; lo[0] = initial; hi[0] = max_lr;
    if (c->three_phase) {
        end[1] = 2.0 * c->pct_start * (double)T - 2.0; lo[1] = max_lr; hi[1] = initial;
        end[2] = (double)(T - 1); lo[2] = initial; hi[2] = min_lr;
        n = 3;
    } else {
        end[1] = (double)(T - 1); lo[1] = max_lr; hi[1] = min_lr;
        n = 2;
    }
    double start = 0.0, x = (double)s;
    for (int i = 0; i < n; i++) {
        if (x <= end[i] || i == n - 1) {
            double den = end[i] - start, num = x - start;
            /* a zero-length phase (pct_start*T == 1 at step 0) would be 0/0 in PyTorch */
            double pct = den != 0.0 ? num / den : (num > 0.0 ? 1.0 : 0.0);
            if (c->anneal_strategy == LRP_ANNEAL_COS) {
                double cos_out = lrp_cos(LRP_PI * pct) + 1.0;
                return hi[i] + (lo[i] - hi[i]) / 2.0 * cos_out;
            }
            return (hi[i] - lo[i]) * pct + lo[i];
        }
        start = end[i];
    }
    return initial; /* not reached */
}

/* CyclicLR.get_lr. */
static double cyclic_at(const lrp_sched_cfg *c, double base_lr, int64_t step)
{
    double lo = c->cyc_base_lr > 0.0 ? c->cyc_base_lr : base_lr;
    double hi = c->max_lr > 0.0 ? c->max_lr : base_lr;
    double up = (double)(c->step_size_up >= 1 ? c->step_size_up : 1);
    double down = c->step_size_down >= 1 ? (double)c->step_size_down : up;
    double total = up + down;
    double ratio = up / total;
    double t = (double)step;
    double cycle = (double)(int64_t)(1.0 + t / total); /* floor: the argument is >= 1 */
    double x = 1.0 + t / total - cycle;
    double scale = x <= ratio ? x / ratio : (x - 1.0) / (ratio - 1.0);
    double height = (hi - lo) * scale;
    switch (c->cyclic_mode) {
    case LRP_CYCLIC_TRIANGULAR2: return lo + height * (1.0 / lrp_pow(2.0, cycle - 1.0));
    case LRP_CYCLIC_EXP_RANGE:   return lo + height * lrp_pow(c->gamma, t);
    default:                     return lo + height * 1.0;
    }
}

double lrp_sched_lr(const lrp_sched_cfg *c, double base_lr, int64_t step)
{
    if (step < 0) step = 0;
    if (c->warmup > 0 && takes_warmup(c->kind)) {
        if (step < c->warmup) {
            double f = c->warmup_start_factor;
            return base_lr * (f + (1.0 - f) * (double)step / (double)c->warmup);
        }
        step -= c->warmup;
    }
    switch (c->kind) {
    case LRP_SCHED_STEP: {
        int64_t ss = c->step_size >= 1 ? c->step_size : 1;
        return base_lr * lrp_pow(c->gamma, (double)(step / ss));
    }
    case LRP_SCHED_MULTISTEP: {
        size_t n = c->n_milestones < LRP_MAX_MILESTONES ? c->n_milestones : LRP_MAX_MILESTONES;
        int64_t passed = 0; /* bisect_right(milestones, step) */
        for (size_t i = 0; i < n; i++) passed += c->milestones[i] <= step;
        return base_lr * lrp_pow(c->gamma, (double)passed);
    }
    case LRP_SCHED_EXPONENTIAL:
        return base_lr * lrp_pow(c->gamma, (double)step);
    case LRP_SCHED_COSINE: {
        int64_t T = c->T_max >= 1 ? c->T_max : 1;
        int64_t period = T <= INT64_MAX / 2 ? 2 * T : INT64_MAX;
        return cosine_at(base_lr, c->eta_min, step % period, T);
    }
    case LRP_SCHED_COSINE_WARM_RESTARTS: {
        int64_t Ti = c->T_0 >= 1 ? c->T_0 : 1;
        int64_t mult = c->T_mult >= 1 ? c->T_mult : 1;
        int64_t t = step;
        if (mult == 1) {
            t = step % Ti;
        } else {
            while (t >= Ti) { /* SGDR: cycles of T_0, T_0*T_mult, T_0*T_mult^2, ... */
                t -= Ti;
                Ti = Ti <= INT64_MAX / mult ? Ti * mult : INT64_MAX;
            }
        }
        return cosine_at(base_lr, c->eta_min, t, Ti);
    }
    case LRP_SCHED_LINEAR: {
        int64_t n = c->total_iters;
        if (n < 1) return base_lr * c->start_factor; /* a ramp of no steps never leaves its start */
        int64_t t = step < n ? step : n;
        return base_lr * (c->start_factor + (c->end_factor - c->start_factor) * (double)t / (double)n);
    }
    case LRP_SCHED_ONECYCLE: {
        int64_t T = c->total_steps >= 1 ? c->total_steps : 1;
        return onecycle_at(c, base_lr, step < T ? step : T, T);
    }
    case LRP_SCHED_CYCLIC:
        return cyclic_at(c, base_lr, step);
    case LRP_SCHED_INVERSE_TIME: {
        int64_t ds = c->decay_steps >= 1 ? c->decay_steps : 1;
        double p = c->staircase ? (double)(step / ds) : (double)step / (double)ds;
        return base_lr / (1.0 + c->decay_rate * p);
    }
    case LRP_SCHED_LR_RANGE: {
        int64_t n = c->num_iter;
        if (n < 2) return base_lr;
        int64_t i = step < n - 1 ? step : n - 1;
        double frac = (double)i / (double)(n - 1);
        if (c->step_mode == LRP_RAMP_LINEAR) return base_lr + frac * (c->end_lr - base_lr);
        return base_lr * lrp_pow(c->end_lr / base_lr, frac);
    }
    case LRP_SCHED_CONSTANT:
    case LRP_SCHED_PLATEAU:
    default:
        return base_lr;
    }
}

/* ------------------------------------------------ what PyTorch refuses */
lrp_status lrp_sched_check_steps(const lrp_sched_cfg *c, int64_t steps, char *err, size_t errlen)
{
    char why[200];
    if (err && errlen) err[0] = '\0';
    switch (c->kind) {
    case LRP_SCHED_COSINE:
        if (c->T_max == 0)
            return fail(err, errlen, "T_max", "0 means the run's length and there is no run to take it from; "
                        "PyTorch's CosineAnnealingLR with T_max=0 divides by zero at its first step");
        break;
    case LRP_SCHED_COSINE_WARM_RESTARTS:
        if (c->T_0 == 0)
            return fail(err, errlen, "T_0", "0 means a quarter of the run and there is no run to take it from; "
                        "PyTorch's CosineAnnealingWarmRestarts raises ValueError for T_0=0");
        break;
    case LRP_SCHED_ONECYCLE: {
        int64_t T = c->total_steps;
        if (T == 0)
            return fail(err, errlen, "total_steps", "0 means the run's length and there is no run to take it from; "
                        "PyTorch's OneCycleLR raises ValueError for total_steps=0");
        if (steps > T) {
            snprintf(why, sizeof why, "%" PRId64 " is shorter than the %" PRId64 " steps asked for; PyTorch's OneCycleLR raises "
                     "ValueError at step %" PRId64, T, steps, T + 1);
            return fail(err, errlen, "total_steps", why);
        }
        /* The phase ends as torch computes them; a phase that is reached with zero length
         * is a ZeroDivisionError in PyTorch. The first is reached at step 0; the last (from
         * the previous end to T - 1) only at step T. A middle one of zero length never is. */
        double end0 = (double)(c->pct_start * (double)T) - 1.0;
        double prev_end = c->three_phase ? (double)(2.0 * c->pct_start * (double)T) - 2.0 : end0;
        if (end0 - 0.0 == 0.0)
            return fail(err, errlen, "pct_start", "pct_start * total_steps = 1 leaves the warm-up phase no steps "
                        "(float(pct_start * total_steps) - 1 == 0); PyTorch's OneCycleLR divides by zero at step 0");
        if (steps >= T && (double)(T - 1) - prev_end == 0.0) {
            snprintf(why, sizeof why, "leaves the last phase no steps (it ends where the one before does, at step "
                     "%" PRId64 "); PyTorch's OneCycleLR divides by zero at step %" PRId64, T - 1, T);
            return fail(err, errlen, "pct_start", why);
        }
        break;
    }
    default:
        break;
    }
    return LRP_OK;
}
