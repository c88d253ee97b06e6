/* repeats.c — the output of an experiment repeated over seeds (README: "Repeats over
 * seeds"): every seed's own result under per_seed, and the summaries across seeds, each
 * computed by the core (lrp_stats_of, lrp_band, lrp_wins) so that bin/lrplay.mjs and the
 * page print the same numbers. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void write_stats(jsonw *w, const char *key, const double *v, size_t n) {
    lrp_stats st;
    lrp_stats_of(v, n, &st);
    jw_key(w, key);
    jw_obj_begin(w);
    jw_key(w, "n");      jw_int(w, (int64_t)st.n);
    jw_key(w, "mean");   jw_num(w, st.mean);
    jw_key(w, "sd");     jw_num(w, st.sd);
    jw_key(w, "median"); jw_num(w, st.median);
    jw_key(w, "min");    jw_num(w, st.min);
    jw_key(w, "max");    jw_num(w, st.max);
    jw_obj_end(w);
}

static void write_counts(jsonw *w, const uint32_t *c, size_t n) {
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) jw_int(w, (int64_t)c[i]);
    jw_arr_end(w);
}

/* The band of R series (concatenated in v, lengths len) over n points. */
typedef struct { double *median, *lo, *hi; uint32_t *count; } band;

static int band_make(band *b, const double *v, const size_t *len, size_t R, size_t n) {
    size_t m = n ? n : 1;
    b->median = malloc(m * sizeof(double));
    b->lo = malloc(m * sizeof(double));
    b->hi = malloc(m * sizeof(double));
    b->count = malloc(m * sizeof(uint32_t));
    if (!b->median || !b->lo || !b->hi || !b->count) return 0;
    lrp_band(v, len, R, n, b->median, b->lo, b->hi, b->count);
    return 1;
}

static void band_free(band *b) { free(b->median); free(b->lo); free(b->hi); free(b->count); }

/* ------------------------------------------------------------------ find */
void cli_write_find_repeats(jsonw *w, const lrp_experiment *e, const cli_find_copy *f, size_t R) {
    size_t len[LRP_MAX_REPEATS], total = 0, n = f[0].n;
    for (size_t k = 0; k < R; k++) {
        len[k] = f[k].n;
        total += f[k].n;
        if (f[k].n < n) n = f[k].n;   /* the common grid: the rates every seed reached */
    }
    double *v = malloc((total ? total : 1) * sizeof *v);
    band b = {0};
    if (v) for (size_t k = 0, at = 0; k < R; at += f[k].n, k++) memcpy(v + at, f[k].smoothed, f[k].n * sizeof *v);
    int ok = v && band_make(&b, v, len, R, n);
    jw_obj_begin(w);
    jw_key(w, "repeats"); jw_int(w, (int64_t)R);
    jw_key(w, "lr");      jw_doubles(w, f[0].lr, ok ? n : 0);
    jw_key(w, "smoothed");       jw_doubles(w, b.median, ok ? n : 0);
    jw_key(w, "smoothed_min");   jw_doubles(w, b.lo, ok ? n : 0);
    jw_key(w, "smoothed_max");   jw_doubles(w, b.hi, ok ? n : 0);
    jw_key(w, "smoothed_seeds"); write_counts(w, b.count, ok ? n : 0);
    /* each suggestion over the seeds that give it */
    double per[LRP_PICK__COUNT][LRP_MAX_REPEATS], med[LRP_PICK__COUNT];
    lrp_stats st[LRP_PICK__COUNT];
    for (size_t k = 0; k < R; k++) {
        double r[LRP_PICK__COUNT];
        cli_find_rates(&f[k].a, r);
        for (int p = 0; p < LRP_PICK__COUNT; p++) per[p][k] = r[p];
    }
    for (int p = 0; p < LRP_PICK__COUNT; p++) { lrp_stats_of(per[p], R, &st[p]); med[p] = st[p].median; }
    jw_key(w, "suggestions");
    jw_obj_begin(w);
    for (const cli_suggestion *s = CLI_SUGGESTIONS; s->name; s++)
        if (st[s->kind].n) { jw_key(w, s->name); jw_num(w, med[s->kind]); }
    jw_obj_end(w);
    jw_key(w, "spread");
    jw_obj_begin(w);
    for (const cli_suggestion *s = CLI_SUGGESTIONS; s->name; s++)
        if (st[s->kind].n) write_stats(w, s->name, per[s->kind], R);
    jw_obj_end(w);
    cli_write_picked(w, med, e->find.pick);
    jw_key(w, "per_seed");
    jw_arr_begin(w);
    for (size_t k = 0; k < R; k++) cli_write_find_seed(w, e, &f[k], (int64_t)e->seed + (int64_t)k);
    jw_arr_end(w);
    jw_obj_end(w);
    band_free(&b);
    free(v);
}

/* ------------------------------------------------------------------ train */
/* The band of one per-epoch series of run j across the seeds. */
static void write_curve(jsonw *w, const char *key, const lrp_train_result *res, size_t m, size_t j, size_t R,
                        size_t off, double *v, uint32_t *seeds_out, size_t *n_out) {
    size_t len[LRP_MAX_REPEATS], at = 0, n = 0;
    for (size_t k = 0; k < R; k++) {
        const lrp_train_result *r = &res[k * m + j];
        const double *series = *(const double *const *)((const char *)r + off);
        len[k] = r->epochs_done;
        memcpy(v + at, series, len[k] * sizeof *v);
        at += len[k];
        if (len[k] > n) n = len[k];   /* every epoch some seed ran */
    }
    band b;
    jw_key(w, key);
    if (!band_make(&b, v, len, R, n)) { band_free(&b); jw_null(w); return; }
    jw_obj_begin(w);
    jw_key(w, "median"); jw_doubles(w, b.median, n);
    jw_key(w, "min");    jw_doubles(w, b.lo, n);
    jw_key(w, "max");    jw_doubles(w, b.hi, n);
    jw_obj_end(w);
    if (seeds_out) { memcpy(seeds_out, b.count, n * sizeof *seeds_out); *n_out = n; }
    band_free(&b);
}

void cli_write_train_repeats(jsonw *w, const lrp_experiment *e, const size_t *list, size_t m,
                             const lrp_train_result *res, size_t R) {
    double best[LRP_MAX_RUNS * LRP_MAX_REPEATS] = {0};
    uint32_t beats[LRP_MAX_RUNS * LRP_MAX_RUNS];
    for (size_t j = 0; j < m; j++)
        for (size_t k = 0; k < R; k++) best[j * R + k] = res[k * m + j].best_val_loss;
    lrp_wins(best, m, R, beats);
    size_t most = 1;
    for (size_t i = 0; i < R * m; i++) if (res[i].epochs_done > most) most = res[i].epochs_done;
    double *v = malloc(most * R * sizeof *v);
    uint32_t *seeds = malloc(most * sizeof *seeds);
    jw_arr_begin(w);
    for (size_t j = 0; j < m; j++) {
        size_t i = list[j];
        double fin[LRP_MAX_REPEATS], acc[LRP_MAX_REPEATS];
        for (size_t k = 0; k < R; k++) {
            const lrp_train_result *r = &res[k * m + j];
            fin[k] = r->final_val_loss;
            acc[k] = lrp_max_finite(r->val_acc, r->epochs_done);
        }
        jw_obj_begin(w);
        jw_key(w, "index");   jw_int(w, (int64_t)i);
        jw_key(w, "label");   jw_str(w, e->runs[i].label);
        jw_key(w, "repeats"); jw_int(w, (int64_t)R);
        jw_key(w, "stats");
        jw_obj_begin(w);
        write_stats(w, "best_val_loss", best + j * R, R);
        write_stats(w, "final_val_loss", fin, R);
        write_stats(w, "best_val_acc", acc, R);
        jw_obj_end(w);
        jw_key(w, "curves");
        jw_obj_begin(w);
        size_t n = 0;
        if (v && seeds) {
            write_curve(w, "lr", res, m, j, R, offsetof(lrp_train_result, lr), v, seeds, &n);
            write_curve(w, "train_loss", res, m, j, R, offsetof(lrp_train_result, train_loss), v, NULL, NULL);
            write_curve(w, "val_loss", res, m, j, R, offsetof(lrp_train_result, val_loss), v, NULL, NULL);
            write_curve(w, "val_acc", res, m, j, R, offsetof(lrp_train_result, val_acc), v, NULL, NULL);
        }
        jw_key(w, "seeds"); write_counts(w, seeds, n);
        jw_obj_end(w);
        jw_key(w, "beats");
        jw_arr_begin(w);
        for (size_t q = 0; q < m; q++) jw_int(w, (int64_t)beats[j * m + q]);
        jw_arr_end(w);
        jw_key(w, "per_seed");
        jw_arr_begin(w);
        for (size_t k = 0; k < R; k++) cli_write_run(w, e, i, &res[k * m + j], (int64_t)e->seed + (int64_t)k);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    free(v);
    free(seeds);
}
