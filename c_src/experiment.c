/* experiment.c — the experiment's defaults and the run template.
 *
 * Every field's default comes from the field tables (config_fields.c); what is decided
 * here is the story the default runs tell, what a run that a config adds starts from, the
 * pick policy (which runs start from the picked rate) and seed k of a repeated experiment. */
#include "fields.h"

#include <stdio.h>
#include <string.h>

void lrp_exp_clear_runs(lrp_experiment *e) { e->n_runs = 0; }

void lrp_run_init(lrp_run_cfg *r, const lrp_optim_cfg *template_optim, size_t index) {
    memset(r, 0, sizeof *r);
    lrp_table_defaults(&lrp_run_table, r, 0);
    snprintf(r->label, sizeof r->label, "run %zu", index + 1);
    r->optim = *template_optim;
    lrp_sched_defaults(&r->sched, LRP_SCHED_CONSTANT);
}

static void set_run(lrp_experiment *e, size_t i, const char *label, lrp_opt_kind ok, double lr, lrp_sched_kind sk) {
    lrp_run_cfg *r = &e->runs[i];
    lrp_run_init(r, &e->optim, i);
    snprintf(r->label, sizeof r->label, "%s", label);
    lrp_optim_defaults(&r->optim, ok);
    r->optim.lr = lr;
    lrp_sched_defaults(&r->sched, sk);
}

void lrp_experiment_defaults(lrp_experiment *e) {
    memset(e, 0, sizeof *e);
    lrp_table_defaults(&lrp_seed_table, e, 0);
    lrp_data_defaults(&e->data, LRP_DATA_SPIRAL);
    lrp_table_defaults(&lrp_model_table, e, 0);
    lrp_optim_defaults(&e->optim, LRP_OPT_ADAM);
    lrp_table_defaults(&lrp_tail_table, e, 0);

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

static int follows_pick(const lrp_experiment *e, size_t r) {
    return e->runs_from_pick && e->runs[r].lr_policy == LRP_LR_PICK && e->find.picked_lr > 0;
}

double lrp_run_start_lr(const lrp_experiment *e, size_t r) {
    return follows_pick(e, r) ? e->find.picked_lr : e->runs[r].optim.lr;
}

void lrp_exp_seed_k(const lrp_experiment *e, size_t k, lrp_experiment *out) {
    *out = *e;
    out->seed = e->seed + (uint32_t)k;
    out->repeats = 1;
}

void lrp_exp_apply_pick(lrp_experiment *e) {
    for (size_t r = 0; r < e->n_runs; r++) {
        lrp_run_cfg *rc = &e->runs[r];
        if (!follows_pick(e, r)) continue;
        rc->optim.lr = e->find.picked_lr;
        if (rc->sched.kind == LRP_SCHED_ONECYCLE) rc->sched.max_lr = e->find.picked_lr;
    }
}
