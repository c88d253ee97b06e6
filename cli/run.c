/* run.c — `lrplay find` and `lrplay train`: run an experiment through a session, seed by
 * seed when it repeats (each seed exactly the single experiment with that seed), and
 * print its results as JSON (or CSV). The summaries across seeds are in repeats.c. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void write_header(jsonw *w, const lrp_experiment *e, const char *kind) {
    jw_key(w, "lrplay");
    jw_str(w, lrp_version());
    jw_key(w, "kind");
    jw_str(w, kind);
    jw_key(w, "config");
    cli_write_experiment(w, e);
}

static double *copy_doubles(const double *v, size_t n) {
    double *c = malloc((n ? n : 1) * sizeof *c);
    if (c && n) memcpy(c, v, n * sizeof *c);
    return c;
}

/* ------------------------------------------------------------------ find */
const cli_suggestion CLI_SUGGESTIONS[] = {
    {"minimum", LRP_PICK_MINIMUM}, {"steep", LRP_PICK_STEEP}, {"valley", LRP_PICK_VALLEY},
    {"slide", LRP_PICK_SLIDE}, {"gradient", LRP_PICK_GRADIENT}, {NULL, 0},
};

void cli_write_picked(jsonw *w, const double rates[LRP_PICK__COUNT], lrp_pick want) {
    jw_key(w, "picked");
    int k = lrp_pick_resolve(rates, want);
    if (k < 0) { jw_null(w); return; }
    jw_obj_begin(w);
    jw_key(w, "name"); jw_str(w, lrp_pick_name((lrp_pick)k));
    jw_key(w, "lr");   jw_num(w, rates[k]);
    jw_obj_end(w);
}

void cli_find_rates(const lrp_lrfind_result *a, double rates[LRP_PICK__COUNT]) {
    for (int k = 0; k < LRP_PICK__COUNT; k++)
        if (!lrp_lrfind_suggestion(a, (lrp_pick)k, &rates[k])) rates[k] = NAN;
}

/* The keys of one range test's `find` object (a per-seed entry adds its seed first). */
static void write_find_keys(jsonw *w, const lrp_experiment *e, const cli_find_copy *f) {
    jw_key(w, "lr");        jw_doubles(w, f->lr, f->n);
    jw_key(w, "loss");      jw_doubles(w, f->loss, f->n);
    jw_key(w, "smoothed");  jw_doubles(w, f->smoothed, f->n);
    jw_key(w, "kept");      jw_int(w, (int64_t)f->a.kept);
    jw_key(w, "diverged");  jw_bool(w, f->diverged);
    double rates[LRP_PICK__COUNT];
    cli_find_rates(&f->a, rates);
    jw_key(w, "suggestions");
    jw_obj_begin(w);
    for (const cli_suggestion *s = CLI_SUGGESTIONS; s->name; s++)
        if (rates[s->kind] == rates[s->kind]) { jw_key(w, s->name); jw_num(w, rates[s->kind]); }
    jw_obj_end(w);
    jw_key(w, "steep_range");
    if (f->a.i_lo >= 0 && f->a.i_hi >= 0 && (size_t)f->a.i_hi < f->n) {
        jw_arr_begin(w);
        jw_num(w, f->lr[f->a.i_lo]);
        jw_num(w, f->lr[f->a.i_hi]);
        jw_arr_end(w);
    } else {
        jw_null(w);
    }
    cli_write_picked(w, rates, e->find.pick);
}

void cli_write_find_seed(jsonw *w, const lrp_experiment *e, const cli_find_copy *f, int64_t seed) {
    jw_obj_begin(w);
    if (seed >= 0) { jw_key(w, "seed"); jw_int(w, seed); }
    write_find_keys(w, e, f);
    jw_obj_end(w);
}

static int find_one(const lrp_experiment *e, cli_find_copy *out, char *err, size_t n) {
    int rc = CLI_OK;
    lrp_session *s = cli_open_session(e, err, n, &rc);
    if (!s) return rc;
    lrp_status st = lrp_find_begin(s);
    if (st != LRP_OK) { snprintf(err, n, "find: %s", lrp_status_str(st)); lrp_session_destroy(s); return CLI_FAIL; }
    while (lrp_find_step(s, 1000)) {}
    lrp_find_result r;
    lrp_find_get(s, &r);
    out->n = r.n;
    out->lr = copy_doubles(r.lr, r.n);
    out->loss = copy_doubles(r.loss, r.n);
    out->smoothed = copy_doubles(r.smoothed, r.n);
    out->diverged = r.diverged;
    out->a = r.analysis;
    lrp_session_destroy(s);
    if (!out->lr || !out->loss || !out->smoothed) { snprintf(err, n, "find: out of memory"); return CLI_FAIL; }
    return CLI_OK;
}

static void free_finds(cli_find_copy *f, size_t R) {
    for (size_t k = 0; k < R; k++) { free(f[k].lr); free(f[k].loss); free(f[k].smoothed); }
}

int cli_find(const lrp_experiment *e, int csv, char *err, size_t n) {
    char msg[CLI_ERR];
    if (lrp_experiment_validate(e, msg, sizeof msg) != LRP_OK) { snprintf(err, n, "%s", msg); return CLI_BAD_INPUT; }
    size_t R = (size_t)e->repeats;
    cli_find_copy f[LRP_MAX_REPEATS];
    memset(f, 0, sizeof f);
    int rc = CLI_OK;
    for (size_t k = 0; k < R && rc == CLI_OK; k++) {
        lrp_experiment one;
        lrp_exp_seed_k(e, k, &one);
        rc = find_one(&one, &f[k], err, n);
    }
    if (rc != CLI_OK) { free_finds(f, R); return rc; }
    if (csv) {
        printf(R > 1 ? "seed,step,lr,loss,smoothed\n" : "step,lr,loss,smoothed\n");
        for (size_t k = 0; k < R; k++)
            for (size_t i = 0; i < f[k].n; i++) {
                if (R > 1) printf("%lu,", (unsigned long)e->seed + (unsigned long)k);
                printf("%zu,%.17g,%.17g,%.17g\n", i, f[k].lr[i], f[k].loss[i], f[k].smoothed[i]);
            }
    } else {
        jsonw w;
        jw_init(&w, stdout);
        jw_obj_begin(&w);
        write_header(&w, e, "find");
        jw_key(&w, "find");
        if (R > 1) cli_write_find_repeats(&w, e, f, R);
        else cli_write_find_seed(&w, e, &f[0], -1);
        jw_obj_end(&w);
    }
    free_finds(f, R);
    return CLI_OK;
}

/* ------------------------------------------------------------------ train */
/* A run label as a CSV field: quoted, quotes doubled, and a leading apostrophe where a
 * spreadsheet would read a formula (the page's exports and bin/lrplay.mjs do the same). */
static void csv_label(const char *s) {
    putchar('"');
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r') putchar('\'');
    for (; *s; s++) {
        if (*s == '"') putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void opt_long(jsonw *w, const char *key, int64_t v) {
    jw_key(w, key);
    if (v >= 0) jw_int(w, v);
    else jw_null(w);
}

/* One run's object; seed >= 0 writes a per-seed entry: its seed, then the same keys. */
void cli_write_run(jsonw *w, const lrp_experiment *e, size_t i, const lrp_train_result *r, int64_t seed) {
    jw_obj_begin(w);
    if (seed >= 0) { jw_key(w, "seed"); jw_int(w, seed); }
    jw_key(w, "index");          jw_int(w, (int64_t)i);
    jw_key(w, "label");          jw_str(w, e->runs[i].label);
    jw_key(w, "status");         jw_str(w, r->status == LRP_EDIVERGED ? "diverged" : "ok");
    opt_long(w, "diverged_epoch", r->diverged_epoch);
    jw_key(w, "epochs");         jw_int(w, (int64_t)r->epochs_done);
    jw_key(w, "lr");             jw_doubles(w, r->lr, r->epochs_done);
    jw_key(w, "train_loss");     jw_doubles(w, r->train_loss, r->epochs_done);
    jw_key(w, "val_loss");       jw_doubles(w, r->val_loss, r->epochs_done);
    jw_key(w, "val_acc");        jw_doubles(w, r->val_acc, r->epochs_done);
    jw_key(w, "best_val_loss");  jw_num(w, r->best_val_loss);
    opt_long(w, "best_epoch", r->best_epoch);
    opt_long(w, "epochs_to_target", r->epochs_to_target);
    opt_long(w, "stopped_epoch", r->stopped_epoch);
    opt_long(w, "restored_epoch", r->restored_epoch);
    jw_key(w, "final_val_loss"); jw_num(w, r->final_val_loss);
    jw_key(w, "final_val_acc");  jw_num(w, r->final_val_acc);
    jw_key(w, "events");
    jw_arr_begin(w);
    for (size_t k = 0; k < r->n_events; k++) {
        jw_obj_begin(w);
        jw_key(w, "epoch");  jw_int(w, r->events[k].epoch);
        jw_key(w, "old_lr"); jw_num(w, r->events[k].old_lr);
        jw_key(w, "new_lr"); jw_num(w, r->events[k].new_lr);
        jw_key(w, "reason"); jw_str(w, cli_enum_name("event_reason", (int)r->events[k].reason));
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

/* A result that outlives its session: the arrays copied. */
static int keep_run(const lrp_train_result *r, lrp_train_result *out) {
    size_t E = r->epochs_done;
    *out = *r;
    out->lr = copy_doubles(r->lr, E);
    out->train_loss = copy_doubles(r->train_loss, E);
    out->val_loss = copy_doubles(r->val_loss, E);
    out->val_acc = copy_doubles(r->val_acc, E);
    lrp_event *ev = malloc((r->n_events ? r->n_events : 1) * sizeof *ev);
    if (ev && r->n_events) memcpy(ev, r->events, r->n_events * sizeof *ev);
    out->events = ev;
    return out->lr && out->train_loss && out->val_loss && out->val_acc && ev;
}

static void free_runs(lrp_train_result *r, size_t count) {
    for (size_t i = 0; i < count; i++) {
        free((void *)r[i].lr); free((void *)r[i].train_loss); free((void *)r[i].val_loss);
        free((void *)r[i].val_acc); free((void *)r[i].events);
    }
}

int cli_train(const lrp_experiment *e, long only_run, int csv, char *err, size_t n) {
    if (only_run >= 0 && (size_t)only_run >= e->n_runs) {
        snprintf(err, n, "--run: %ld is not a run of this config (it has %zu)", only_run, e->n_runs);
        return CLI_BAD_INPUT;
    }
    char msg[CLI_ERR];
    if (lrp_experiment_validate(e, msg, sizeof msg) != LRP_OK) { snprintf(err, n, "%s", msg); return CLI_BAD_INPUT; }
    size_t R = (size_t)e->repeats, list[LRP_MAX_RUNS], m = 0;
    for (size_t i = 0; i < e->n_runs; i++) if (only_run < 0 || (size_t)only_run == i) list[m++] = i;
    /* res[k * m + j]: seed k, run list[j] */
    lrp_train_result *res = calloc(R * m + 1, sizeof *res);
    if (!res) { snprintf(err, n, "train: out of memory"); return CLI_FAIL; }
    size_t kept = 0;
    int rc = CLI_OK;
    for (size_t k = 0; k < R && rc == CLI_OK; k++) {
        lrp_experiment one;
        lrp_exp_seed_k(e, k, &one);
        lrp_session *s = cli_open_session(&one, err, n, &rc);
        if (!s) break;
        for (size_t j = 0; j < m && rc == CLI_OK; j++) {
            lrp_status st = lrp_train_begin(s, list[j]);
            if (st != LRP_OK) { snprintf(err, n, "runs.%zu: %s", list[j], lrp_status_str(st)); rc = CLI_FAIL; break; }
            while (lrp_train_epoch(s)) {}
            lrp_train_result r;
            lrp_train_get(s, &r);
            int ok = keep_run(&r, &res[kept++]);
            if (!ok) { snprintf(err, n, "train: out of memory"); rc = CLI_FAIL; }
        }
        lrp_session_destroy(s);
    }
    if (rc == CLI_OK && csv) {
        printf(R > 1 ? "seed,run,label,epoch,lr,train_loss,val_loss,val_acc\n" : "run,label,epoch,lr,train_loss,val_loss,val_acc\n");
        for (size_t k = 0; k < R; k++)
            for (size_t j = 0; j < m; j++) {
                const lrp_train_result *r = &res[k * m + j];
                for (size_t q = 0; q < r->epochs_done; q++) {
                    if (R > 1) printf("%lu,", (unsigned long)e->seed + (unsigned long)k);
                    printf("%zu,", list[j]);
                    csv_label(e->runs[list[j]].label);
                    printf(",%zu,%.17g,%.17g,%.17g,%.17g\n", q + 1, r->lr[q], r->train_loss[q], r->val_loss[q], r->val_acc[q]);
                }
            }
    } else if (rc == CLI_OK) {
        jsonw w;
        jw_init(&w, stdout);
        jw_obj_begin(&w);
        write_header(&w, e, "train");
        jw_key(&w, "runs");
        if (R > 1) cli_write_train_repeats(&w, e, list, m, res, R);
        else {
            jw_arr_begin(&w);
            for (size_t j = 0; j < m; j++) cli_write_run(&w, e, list[j], &res[j], -1);
            jw_arr_end(&w);
        }
        jw_obj_end(&w);
    }
    free_runs(res, kept);
    free(res);
    return rc;
}
