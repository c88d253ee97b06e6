/* validate.c — checking a whole experiment before a session runs it: every field against
 * its table's range (through the optimizer's and scheduler's own validators, which add
 * the rules that relate fields), the rules across the experiment, and the cap on time.
 * Errors name the field by its dotted path. */
#include "fields.h"
#include "data.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static lrp_status prefixed(lrp_status s, const char *prefix, char *err, size_t len) {
    if (s == LRP_OK || !err || len == 0 || !prefix[0]) return s;
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s%s", prefix, err);
    snprintf(err, len, "%s", tmp);
    return s;
}

/* Bounded time: every config the checks accept still has to finish in reasonable time, so
 * the range test and the training (all runs) are each kept within LRP_MAX_SECONDS of the
 * cost model (cost.c), which counts samples x weights, steps x parameters, per-step and
 * per-sample overheads. One line says what to lower. */
static lrp_status check_work(const lrp_experiment *e, char *err, size_t len) {
    size_t rows, n_in, n_out;
    lrp_data_shape(&e->data, &rows, &n_in, &n_out);
    if (rows < 2) return LRP_OK;   /* a csv config without its data: checked when data is attached */
    lrp_cost c;
    lrp_experiment_cost(e, &c);
    /* the estimates count every seed of a repeated experiment */
    char over[48] = "";
    if (e->repeats > 1) snprintf(over, sizeof over, " over %" PRId64 " seeds", e->repeats);
    const char *fewer = e->repeats > 1 ? ", or fewer repeats" : "";
    if (!(c.find <= LRP_MAX_SECONDS)) {
        lrp_say(err, len, "find.num_iter: the range test%s would take about %.1f s (limit %d s); reduce find.num_iter, "
            "batch_size or model.hidden%s%s", over, c.find, LRP_MAX_SECONDS,
            e->find.use_val ? ", or turn find.use_val off" : "", fewer);
        return LRP_ELIMIT;
    }
    if (!(c.train <= LRP_MAX_SECONDS)) {
        lrp_say(err, len, "epochs: training%s would take about %.1f s (limit %d s); reduce epochs, data.samples, "
            "model.hidden or the runs, or raise batch_size%s", over, c.train, LRP_MAX_SECONDS, fewer);
        return LRP_ELIMIT;
    }
    return LRP_OK;
}

lrp_status lrp_experiment_validate(const lrp_experiment *e, char *err, size_t len) {
    lrp_status s;
    if (err && len) err[0] = 0;
    if ((unsigned)e->data.kind >= LRP_DATA__COUNT) { lrp_say(err, len, "data.name: invalid value"); return LRP_EINVAL; }
    if ((s = lrp_table_check(&lrp_seed_table, LRP_ALL_KINDS, e, "", err, len)) != LRP_OK) return s;
    if ((double)e->seed + (double)(e->repeats - 1) > 4294967295.0) {
        lrp_say(err, len, "repeats: seeds %lu to %.0f pass the largest seed, 4294967295; lower seed or repeats",
                (unsigned long)e->seed, (double)e->seed + (double)(e->repeats - 1));
        return LRP_EINVAL;
    }
    if ((s = lrp_table_check(&lrp_data_table, LRP_KIND_BIT(e->data.kind), &e->data, "", err, len)) != LRP_OK) return s;
    if ((s = lrp_data_check_table(&e->data, err, len)) != LRP_OK) return s;
    if ((s = lrp_table_check(&lrp_model_table, LRP_ALL_KINDS, e, "", err, len)) != LRP_OK) return s;
    if ((unsigned)e->optim.kind >= LRP_OPT__COUNT) { lrp_say(err, len, "optimizer.name: invalid value"); return LRP_EINVAL; }
    if ((s = lrp_optim_validate(&e->optim, err, len)) != LRP_OK) return s;
    if ((s = lrp_table_check(&lrp_tail_table, LRP_ALL_KINDS, e, "", err, len)) != LRP_OK) return s;
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
        if ((s = lrp_table_check(&lrp_run_table, LRP_ALL_KINDS, run, prefix, err, len)) != LRP_OK) return s;
        if ((s = lrp_optim_validate(&run->optim, err, len)) != LRP_OK) return prefixed(s, prefix, err, len);
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
