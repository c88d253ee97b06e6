/* run.c — `lrplay find` and `lrplay train`: run an experiment through a session and
 * print its results as JSON (or CSV). */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void write_header(jsonw *w, const lrp_experiment *e, const char *kind) {
    jw_key(w, "lrplay");
    jw_str(w, lrp_version());
    jw_key(w, "kind");
    jw_str(w, kind);
    jw_key(w, "config");
    cli_write_experiment(w, e);
}

static lrp_session *open_session(const lrp_experiment *e, char *err, size_t n, int *rc) {
    lrp_session *s = NULL;
    char msg[CLI_ERR] = {0};
    lrp_status st = lrp_session_create(&s, e, msg, sizeof msg);
    if (st != LRP_OK) {
        snprintf(err, n, "%s", msg[0] ? msg : lrp_status_str(st));
        *rc = st == LRP_ENOMEM ? CLI_FAIL : CLI_BAD_INPUT;
        return NULL;
    }
    return s;
}

static void suggestion(jsonw *w, const char *key, unsigned have, unsigned bit, double v) {
    if (!(have & bit)) return;
    jw_key(w, key);
    jw_num(w, v);
}

int cli_find(const lrp_experiment *e, int csv, char *err, size_t n) {
    int rc = CLI_OK;
    lrp_session *s = open_session(e, err, n, &rc);
    if (!s) return rc;
    lrp_status st = lrp_find_begin(s);
    if (st != LRP_OK) { snprintf(err, n, "find: %s", lrp_status_str(st)); lrp_session_destroy(s); return CLI_FAIL; }
    while (lrp_find_step(s, 1000)) {}
    lrp_find_result r;
    lrp_find_get(s, &r);
    if (csv) {
        printf("step,lr,loss,smoothed\n");
        for (size_t i = 0; i < r.n; i++) printf("%zu,%.17g,%.17g,%.17g\n", i, r.lr[i], r.loss[i], r.smoothed[i]);
        lrp_session_destroy(s);
        return CLI_OK;
    }
    jsonw w;
    jw_init(&w, stdout);
    jw_obj_begin(&w);
    write_header(&w, e, "find");
    jw_key(&w, "find");
    jw_obj_begin(&w);
    jw_key(&w, "lr");        jw_doubles(&w, r.lr, r.n);
    jw_key(&w, "loss");      jw_doubles(&w, r.loss, r.n);
    jw_key(&w, "smoothed");  jw_doubles(&w, r.smoothed, r.n);
    jw_key(&w, "kept");      jw_int(&w, (long)r.analysis.kept);
    jw_key(&w, "diverged");  jw_bool(&w, r.diverged);
    jw_key(&w, "suggestions");
    jw_obj_begin(&w);
    suggestion(&w, "minimum", r.analysis.have, LRP_SUGGEST_MINIMUM, r.analysis.minimum);
    suggestion(&w, "steep", r.analysis.have, LRP_SUGGEST_STEEP, r.analysis.steep);
    suggestion(&w, "valley", r.analysis.have, LRP_SUGGEST_VALLEY, r.analysis.valley);
    jw_obj_end(&w);
    jw_key(&w, "steep_range");
    if (r.analysis.i_lo >= 0 && r.analysis.i_hi >= 0 && (size_t)r.analysis.i_hi < r.n) {
        jw_arr_begin(&w);
        jw_num(&w, r.lr[r.analysis.i_lo]);
        jw_num(&w, r.lr[r.analysis.i_hi]);
        jw_arr_end(&w);
    } else {
        jw_null(&w);
    }
    jw_obj_end(&w);
    jw_obj_end(&w);
    lrp_session_destroy(s);
    return CLI_OK;
}

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

static const char *reason_name(lrp_event_reason r) {
    switch (r) {
    case LRP_EVENT_PLATEAU:  return "plateau";
    case LRP_EVENT_SCHEDULE: return "schedule";
    case LRP_EVENT_MIN_LR:   return "min_lr";
    }
    return "?";
}

static void opt_long(jsonw *w, const char *key, int64_t v) {
    jw_key(w, key);
    if (v >= 0) jw_int(w, v);
    else jw_null(w);
}

static void write_run(jsonw *w, const lrp_experiment *e, size_t i, const lrp_train_result *r) {
    jw_obj_begin(w);
    jw_key(w, "index");          jw_int(w, (long)i);
    jw_key(w, "label");          jw_str(w, e->runs[i].label);
    jw_key(w, "status");         jw_str(w, r->status == LRP_EDIVERGED ? "diverged" : "ok");
    opt_long(w, "diverged_epoch", r->diverged_epoch);
    jw_key(w, "epochs");         jw_int(w, (long)r->epochs_done);
    jw_key(w, "lr");             jw_doubles(w, r->lr, r->epochs_done);
    jw_key(w, "train_loss");     jw_doubles(w, r->train_loss, r->epochs_done);
    jw_key(w, "val_loss");       jw_doubles(w, r->val_loss, r->epochs_done);
    jw_key(w, "val_acc");        jw_doubles(w, r->val_acc, r->epochs_done);
    jw_key(w, "best_val_loss");  jw_num(w, r->best_val_loss);
    opt_long(w, "best_epoch", r->best_epoch);
    opt_long(w, "epochs_to_target", r->epochs_to_target);
    jw_key(w, "events");
    jw_arr_begin(w);
    for (size_t k = 0; k < r->n_events; k++) {
        jw_obj_begin(w);
        jw_key(w, "epoch");  jw_int(w, r->events[k].epoch);
        jw_key(w, "old_lr"); jw_num(w, r->events[k].old_lr);
        jw_key(w, "new_lr"); jw_num(w, r->events[k].new_lr);
        jw_key(w, "reason"); jw_str(w, reason_name(r->events[k].reason));
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

int cli_train(const lrp_experiment *e, long only_run, int csv, char *err, size_t n) {
    if (only_run >= 0 && (size_t)only_run >= e->n_runs) {
        snprintf(err, n, "--run: %ld is not a run of this config (it has %zu)", only_run, e->n_runs);
        return CLI_BAD_INPUT;
    }
    int rc = CLI_OK;
    lrp_session *s = open_session(e, err, n, &rc);
    if (!s) return rc;
    jsonw w;
    jw_init(&w, stdout);
    if (csv) printf("run,label,epoch,lr,train_loss,val_loss,val_acc\n");
    else {
        jw_obj_begin(&w);
        write_header(&w, e, "train");
        jw_key(&w, "runs");
        jw_arr_begin(&w);
    }
    for (size_t i = 0; i < e->n_runs; i++) {
        if (only_run >= 0 && (size_t)only_run != i) continue;
        lrp_status st = lrp_train_begin(s, i);
        if (st != LRP_OK) { snprintf(err, n, "runs.%zu: %s", i, lrp_status_str(st)); lrp_session_destroy(s); return CLI_FAIL; }
        while (lrp_train_epoch(s)) {}
        lrp_train_result r;
        lrp_train_get(s, &r);
        if (csv) {
            for (size_t k = 0; k < r.epochs_done; k++) {
                printf("%zu,", i);
                csv_label(e->runs[i].label);
                printf(",%zu,%.17g,%.17g,%.17g,%.17g\n", k + 1, r.lr[k], r.train_loss[k], r.val_loss[k], r.val_acc[k]);
            }
        } else {
            write_run(&w, e, i, &r);
        }
    }
    if (!csv) {
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    lrp_session_destroy(s);
    return CLI_OK;
}
