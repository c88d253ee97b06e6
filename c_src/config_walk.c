/* config_walk.c — walking a config in canonical order, for writing JSON and links: the
 * fields that apply to the chosen kinds, each with its path, value, table entry and
 * whether it equals the default of its kind. The order is the tables' order, with the
 * experiment's parts as in config_fields.c: version, seed, data.*, model.*, optimizer.*,
 * batch_size ... find.*, then each run's label, min_lr, optimizer.* and schedule.*. */
#include "fields.h"

#include <stdio.h>
#include <string.h>

static void fill_value(lrp_field_value *out, const lrp_field_def *f, const void *base, const void *defaults,
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
            out->list[i] = f->st == ST_LONGLIST ? (double)((const int64_t *)p)[i] : (double)((const size_t *)p)[i];
        if (defaults) {
            size_t dc = *(const size_t *)((const char *)defaults + f->count_off);
            const char *dp = (const char *)defaults + f->off;
            int same = dc == cnt;
            for (size_t i = 0; same && i < cnt; i++) {
                double d = f->st == ST_LONGLIST ? (double)((const int64_t *)dp)[i] : (double)((const size_t *)dp)[i];
                same = d == out->list[i];
            }
            out->is_default = same;
        }
        return;
    }
    out->number = lrp_field_load(base, f);
    if (f->type == LRP_FIELD_ENUM) out->str = lrp_kind_name(f->choices, (long)out->number);
    /* A kind's name is never "default": readers reset a struct to its kind's defaults on it. */
    if (defaults && strcmp(f->key, "name") != 0 && strcmp(f->key, "data.name") != 0)
        out->is_default = lrp_field_load(defaults, f) == out->number;
}

/* The i-th relevant field of a table, or NULL. */
static const lrp_field_def *nth_relevant(const lrp_table *t, unsigned bits, size_t i, size_t *count) {
    size_t k = 0;
    for (size_t j = 0; j < t->n; j++) {
        if (!(t->f[j].kinds & bits)) continue;
        if (k == i) return &t->f[j];
        k++;
    }
    *count = k;
    return NULL;
}

int lrp_optim_field(const lrp_optim_cfg *c, size_t i, lrp_field_value *out) {
    size_t cnt;
    const lrp_field_def *f = nth_relevant(&lrp_optim_table, lrp_optim_bits(c), i, &cnt);
    if (!f) return 0;
    lrp_optim_cfg d;
    lrp_optim_defaults(&d, c->kind);
    fill_value(out, f, c, &d, "");
    return 1;
}

int lrp_sched_field(const lrp_sched_cfg *c, size_t i, lrp_field_value *out) {
    size_t cnt;
    const lrp_field_def *f = nth_relevant(&lrp_sched_table, lrp_sched_bits(c), i, &cnt);
    if (!f) return 0;
    lrp_sched_cfg d;
    lrp_sched_defaults(&d, c->kind);
    fill_value(out, f, c, &d, "");
    return 1;
}

static int walk_table(const lrp_table *t, unsigned bits, const void *base, const void *defaults,
                      const char *prefix, size_t *i, lrp_field_value *out) {
    size_t cnt = 0;
    const lrp_field_def *f = nth_relevant(t, bits, *i, &cnt);
    if (f) { fill_value(out, f, base, defaults, prefix); return 1; }
    *i -= cnt;
    return 0;
}

int lrp_exp_field(const lrp_experiment *e, size_t i, lrp_field_value *out) {
    static const lrp_field_def version = {.key = "version", .type = LRP_FIELD_INT, .st = ST_INT, .min = 1, .max = 1,
        .kinds = LRP_ALL_KINDS, .help = "config format version", .def = 1};
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
    if (walk_table(&lrp_seed_table, LRP_ALL_KINDS, e, &d, "", &i, out)) return 1;
    if (walk_table(&lrp_data_table, LRP_KIND_BIT(e->data.kind), &e->data, &d.data, "", &i, out)) return 1;
    if (walk_table(&lrp_model_table, LRP_ALL_KINDS, e, &d, "", &i, out)) return 1;
    lrp_optim_cfg od;
    lrp_optim_defaults(&od, e->optim.kind);
    if (walk_table(&lrp_optim_table, lrp_optim_bits(&e->optim), &e->optim, &od, "optimizer.", &i, out)) return 1;
    if (walk_table(&lrp_tail_table, LRP_ALL_KINDS, e, &d, "", &i, out)) return 1;
    for (size_t r = 0; r < e->n_runs; r++) {
        const lrp_run_cfg *run = &e->runs[r];
        char prefix[48];
        lrp_run_cfg rd;
        lrp_run_init(&rd, &e->optim, r);
        snprintf(prefix, sizeof prefix, "runs.%zu.", r);
        if (walk_table(&lrp_run_table, LRP_ALL_KINDS, run, &rd, prefix, &i, out)) return 1;
        lrp_optim_defaults(&od, run->optim.kind);
        snprintf(prefix, sizeof prefix, "runs.%zu.optimizer.", r);
        if (walk_table(&lrp_optim_table, lrp_optim_bits(&run->optim), &run->optim, &od, prefix, &i, out)) return 1;
        lrp_sched_cfg sd;
        lrp_sched_defaults(&sd, run->sched.kind);
        snprintf(prefix, sizeof prefix, "runs.%zu.schedule.", r);
        if (walk_table(&lrp_sched_table, lrp_sched_bits(&run->sched), &run->sched, &sd, prefix, &i, out)) return 1;
    }
    return 0;
}
