/* spec.c — `lrplay spec`: the reference-trace runner of tests/golden/README.md for the
 * kinds optimizer, schedule, lr_find_analysis and train (early_stopping: spec_earlystop.c).
 * Every problem with the input is reported as "<field>: <problem>" before anything is
 * written to stdout. */
#include "cli.h"
#include "spec.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int spec_bad(char *err, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return CLI_BAD_INPUT;
}

int spec_check_keys(const cJSON *spec, const char *const *allowed, char *err, size_t n) {
    for (const cJSON *it = spec->child; it; it = it->next) {
        int ok = strcmp(it->string, "kind") == 0 || strcmp(it->string, "name") == 0;
        for (int i = 0; !ok && allowed[i]; i++) ok = strcmp(it->string, allowed[i]) == 0;
        if (!ok) return spec_bad(err, n, "%s: unknown field", it->string);
    }
    return CLI_OK;
}

const cJSON *spec_need(const cJSON *spec, const char *key, char *err, size_t n) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(spec, key);
    if (!v || cJSON_IsNull(v)) snprintf(err, n, "%s: missing", key);
    return v && !cJSON_IsNull(v) ? v : NULL;
}

int spec_whole(const cJSON *v, const char *what, double lo, double hi, int64_t *out, char *err, size_t n) {
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble != floor(v->valuedouble)) {
        snprintf(err, n, "%s: must be a whole number", what);
        return CLI_BAD_INPUT;
    }
    if (v->valuedouble < lo || v->valuedouble > hi) {
        snprintf(err, n, "%s: %.17g is out of range [%.17g, %.17g]", what, v->valuedouble, lo, hi);
        return CLI_BAD_INPUT;
    }
    *out = (int64_t)v->valuedouble;
    return CLI_OK;
}

int spec_finite_in(const cJSON *v, const char *what, double lo, double hi, double *out, char *err, size_t n) {
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) { snprintf(err, n, "%s: must be a finite number", what); return CLI_BAD_INPUT; }
    if (v->valuedouble < lo || v->valuedouble > hi) {
        snprintf(err, n, "%s: %.17g is out of range [%.17g, %.17g]", what, v->valuedouble, lo, hi);
        return CLI_BAD_INPUT;
    }
    *out = v->valuedouble;
    return CLI_OK;
}

/* ----------------------------------------------------------- optimizer */
static int spec_optimizer(const cJSON *spec, char *err, size_t n) {
    static const char *const keys[] = {"optimizer", "params", "grads", NULL};
    int rc = spec_check_keys(spec, keys, err, n);
    if (rc) return rc;
    const cJSON *jo = spec_need(spec, "optimizer", err, n), *jp, *jg;
    if (!jo) return CLI_BAD_INPUT;
    lrp_optim_cfg cfg;
    lrp_optim_defaults(&cfg, LRP_OPT_ADAM);
    if ((rc = cli_read_optim(jo, "optimizer", &cfg, err, n))) return rc;
    if (!(jp = spec_need(spec, "params", err, n)) || !(jg = spec_need(spec, "grads", err, n))) return CLI_BAD_INPUT;
    if (!cJSON_IsArray(jg)) return spec_bad(err, n, "grads: must be an array of arrays");
    double *p64 = NULL;
    size_t np = 0;
    if ((rc = cli_number_array(jp, "params", LRP_MAX_PARAMS, 0, &p64, &np, err, n))) return rc;
    size_t steps = (size_t)cJSON_GetArraySize(jg);
    if (np == 0) { free(p64); return spec_bad(err, n, "params: must not be empty"); }
    if ((double)np * (double)(steps + 1) > CLI_SPEC_MAX_OUTPUT) {
        free(p64);
        /* the limit is a power of ten: 1e8 */
        snprintf(err, n, "grads: %zu steps of %zu parameters is more than the runner produces (1e%.0f values)",
                 steps, np, log10(CLI_SPEC_MAX_OUTPUT));
        return CLI_BAD_INPUT;
    }
    float *params = malloc(np * sizeof *params), *grads = malloc(np * sizeof *grads);
    float *out = malloc(np * (steps ? steps : 1) * sizeof *out);
    lrp_optim *o = NULL;
    char msg[CLI_ERR] = {0};
    if (!params || !grads || !out || lrp_optim_create(&o, &cfg, np, msg, sizeof msg) != LRP_OK) {
        snprintf(err, n, "optimizer: %s", msg[0] ? msg : "out of memory");
        rc = CLI_FAIL;
        goto done;
    }
    for (size_t i = 0; i < np; i++) params[i] = (float)p64[i];
    size_t k = 0;
    for (const cJSON *row = jg->child; row; row = row->next, k++) {
        char what[32];
        snprintf(what, sizeof what, "grads[%zu]", k);
        double *g64;
        size_t ng;
        if ((rc = cli_number_array(row, what, np + 1, 0, &g64, &ng, err, n))) goto done;
        if (ng != np) {
            free(g64);
            snprintf(err, n, "%s: has %zu values, params has %zu", what, ng, np);
            rc = CLI_BAD_INPUT;
            goto done;
        }
        for (size_t i = 0; i < np; i++) grads[i] = (float)g64[i];
        free(g64);
        lrp_optim_step(o, params, grads, cfg.lr);
        memcpy(out + k * np, params, np * sizeof *params);
    }
    jsonw w;
    jw_init(&w, stdout);
    jw_obj_begin(&w);
    jw_key(&w, "params");
    jw_arr_begin(&w);
    for (k = 0; k < steps; k++) jw_floats(&w, out + k * np, np);
    jw_arr_end(&w);
    jw_obj_end(&w);
    rc = CLI_OK;
done:
    lrp_optim_destroy(o);
    free(p64); free(params); free(grads); free(out);
    return rc;
}

/* ------------------------------------------------------------ schedule */
static int spec_schedule(const cJSON *spec, char *err, size_t n) {
    static const char *const keys[] = {"base_lr", "scheduler", "steps", "metrics", NULL};
    int rc = spec_check_keys(spec, keys, err, n);
    if (rc) return rc;
    const cJSON *js = spec_need(spec, "scheduler", err, n), *jb;
    if (!js) return CLI_BAD_INPUT;
    if (!(jb = spec_need(spec, "base_lr", err, n))) return CLI_BAD_INPUT;
    double base;
    if ((rc = spec_finite_in(jb, "base_lr", 0, CLI_SPEC_MAX_BASE_LR, &base, err, n))) return rc;
    lrp_sched_cfg cfg;
    lrp_sched_defaults(&cfg, LRP_SCHED_CONSTANT);
    if ((rc = cli_read_sched(js, "scheduler", &cfg, err, n))) return rc;
    const cJSON *jsteps = cJSON_GetObjectItemCaseSensitive(spec, "steps");
    const cJSON *jm = cJSON_GetObjectItemCaseSensitive(spec, "metrics");
    double *lr = NULL, *metrics = NULL;
    size_t count = 0;
    if (cfg.kind == LRP_SCHED_PLATEAU) {
        if (jsteps) return spec_bad(err, n, "steps: not used by reduce_on_plateau, which follows metrics");
        if (!jm) return spec_bad(err, n, "metrics: missing (reduce_on_plateau needs one metric per epoch)");
        if ((rc = cli_number_array(jm, "metrics", CLI_SPEC_MAX_SCHEDULE_STEPS, 1, &metrics, &count, err, n))) return rc;
        lr = malloc((count + 1) * sizeof *lr);
        if (!lr) { free(metrics); snprintf(err, n, "metrics: out of memory"); return CLI_FAIL; }
        lrp_plateau st;
        lrp_plateau_init(&st, &cfg, base);
        lr[0] = st.lr;
        for (size_t i = 0; i < count; i++) { lrp_plateau_step(&st, metrics[i]); lr[i + 1] = st.lr; }
    } else {
        if (jm) return spec_bad(err, n, "metrics: only reduce_on_plateau takes metrics");
        if (!jsteps) return spec_bad(err, n, "steps: missing");
        int64_t steps;
        if ((rc = spec_whole(jsteps, "steps", 0, (double)CLI_SPEC_MAX_SCHEDULE_STEPS, &steps, err, n))) return rc;
        char msg[CLI_ERR];
        if (lrp_sched_check_steps(&cfg, steps, msg, sizeof msg) != LRP_OK)  /* "schedule.<field>: ..." */
            return spec_bad(err, n, "scheduler.%s", strncmp(msg, "schedule.", 9) == 0 ? msg + 9 : msg);
        count = (size_t)steps;
        lr = malloc((count + 1) * sizeof *lr);
        if (!lr) { snprintf(err, n, "steps: out of memory"); return CLI_FAIL; }
        for (size_t i = 0; i <= count; i++) lr[i] = lrp_sched_lr(&cfg, base, (int64_t)i);
    }
    jsonw w;
    jw_init(&w, stdout);
    jw_obj_begin(&w);
    jw_key(&w, "lr");
    jw_doubles(&w, lr, count + 1);
    jw_obj_end(&w);
    free(lr);
    free(metrics);
    return CLI_OK;
}

/* ---------------------------------------------------- lr_find_analysis */
static int spec_lrfind(const cJSON *spec, char *err, size_t n) {
    static const char *const keys[] = {"lrs", "losses", "beta", "diverge", "num_it", "skip_end", NULL};
    int rc = spec_check_keys(spec, keys, err, n);
    if (rc) return rc;
    lrp_lrfind_cfg cfg;
    lrp_lrfind_defaults(&cfg);
    const cJSON *v;
    if ((v = cJSON_GetObjectItemCaseSensitive(spec, "beta")) && (rc = spec_finite_in(v, "beta", 0, 0.999999, &cfg.beta, err, n))) return rc;
    if ((v = cJSON_GetObjectItemCaseSensitive(spec, "diverge")) && (rc = spec_finite_in(v, "diverge", 0, 1e300, &cfg.diverge, err, n))) return rc;
    if ((v = cJSON_GetObjectItemCaseSensitive(spec, "num_it")) && (rc = spec_whole(v, "num_it", 0, CLI_SPEC_MAX_LRFIND_ITERS, &cfg.num_it, err, n))) return rc;
    if ((v = cJSON_GetObjectItemCaseSensitive(spec, "skip_end")) && (rc = spec_whole(v, "skip_end", 0, CLI_SPEC_MAX_LRFIND_ITERS, &cfg.skip_end, err, n))) return rc;
    const cJSON *jl = spec_need(spec, "lrs", err, n), *jx;
    if (!jl || !(jx = spec_need(spec, "losses", err, n))) return CLI_BAD_INPUT;
    double *lrs = NULL, *losses = NULL, *sm = NULL;
    size_t nl, nx;
    /* at most as many points as a range test makes (the valley search is O(n log n), but a
     * range test never has more) */
    if ((rc = cli_number_array(jl, "lrs", LRP_MAX_ITERS, 0, &lrs, &nl, err, n))) return rc;
    if ((rc = cli_number_array(jx, "losses", LRP_MAX_ITERS, 1, &losses, &nx, err, n))) { free(lrs); return rc; }
    rc = CLI_BAD_INPUT;
    if (nx != nl) { snprintf(err, n, "losses: has %zu values, lrs has %zu", nx, nl); goto done; }
    for (size_t i = 0; i < nl; i++)
        if (!(lrs[i] > 0)) { snprintf(err, n, "lrs[%zu]: must be > 0", i); goto done; }
    sm = malloc((nl ? nl : 1) * sizeof *sm);
    if (!sm) { snprintf(err, n, "lrs: out of memory"); rc = CLI_FAIL; goto done; }
    lrp_lrfind_result r;
    lrp_lrfind_analyze(&cfg, lrs, losses, nl, sm, &r);
    jsonw w;
    jw_init(&w, stdout);
    jw_obj_begin(&w);
    jw_key(&w, "smoothed");
    jw_doubles(&w, sm, r.kept);
    jw_key(&w, "kept");
    jw_int(&w, (int64_t)r.kept);
    jw_key(&w, "suggestions");
    cli_write_suggestions(&w, &r);
    jw_obj_end(&w);
    rc = CLI_OK;
done:
    free(lrs); free(losses); free(sm);
    return rc;
}

/* --------------------------------------------------------------- train */
typedef struct {
    lrp_mlp_cfg mc;
    size_t n_rows, n_in, n_out;
    float *x, *y;          /* (n_rows, n_in); (n_rows) class ids or (n_rows, n_out) targets */
    float *xb, *yb;        /* one gathered batch */
    double *lrs;
    size_t n_batches;
} replay;

static int read_model(const cJSON *jm, lrp_mlp_cfg *mc, char *err, size_t n) {
    if (!cJSON_IsObject(jm)) return spec_bad(err, n, "model: must be an object");
    for (const cJSON *it = jm->child; it; it = it->next)
        if (strcmp(it->string, "sizes") && strcmp(it->string, "activation") && strcmp(it->string, "loss"))
            return spec_bad(err, n, "model.%s: unknown field", it->string);
    const cJSON *js = cJSON_GetObjectItemCaseSensitive(jm, "sizes");
    const cJSON *ja = cJSON_GetObjectItemCaseSensitive(jm, "activation");
    const cJSON *jl = cJSON_GetObjectItemCaseSensitive(jm, "loss");
    double *sizes;
    size_t ns;
    int rc = cli_number_array(js, "model.sizes", LRP_MAX_LAYERS + 2, 0, &sizes, &ns, err, n);
    if (rc) return rc;
    if (ns < 2) { free(sizes); return spec_bad(err, n, "model.sizes: needs at least inputs and outputs"); }
    for (size_t i = 0; i < ns; i++) {
        if (sizes[i] != floor(sizes[i]) || sizes[i] < 1 || sizes[i] > LRP_MAX_WIDTH) {
            snprintf(err, n, "model.sizes[%zu]: must be a whole number in [1, %d]", i, LRP_MAX_WIDTH);
            free(sizes);
            return CLI_BAD_INPUT;
        }
        mc->sizes[i] = (size_t)sizes[i];
    }
    mc->n_sizes = ns;
    free(sizes);
    /* The core's names: index = lrp_act, lrp_loss. */
    const char *const *acts = cli_enum_names("activation"), *const *losses = cli_enum_names("loss");
    char list[CLI_ERR];
    int a = cli_enum_index(acts, cJSON_IsString(ja) ? ja->valuestring : NULL);
    if (a < 0) { cli_enum_list(acts, ", ", list, sizeof list); return spec_bad(err, n, "model.activation: must be one of %s", list); }
    mc->act = (lrp_act)a;
    int l = cli_enum_index(losses, cJSON_IsString(jl) ? jl->valuestring : NULL);
    if (l < 0) { cli_enum_list(losses, " or ", list, sizeof list); return spec_bad(err, n, "model.loss: must be %s", list); }
    mc->loss = (lrp_loss)l;
    return CLI_OK;
}

/* Fills the flat parameter buffer from layers [{W, b}] in nn.Linear layout. */
static int read_layers(const cJSON *jl, const lrp_mlp_cfg *mc, lrp_mlp *m, char *err, size_t n) {
    size_t nl = mc->n_sizes - 1;
    if (!cJSON_IsArray(jl) || (size_t)cJSON_GetArraySize(jl) != nl) {
        snprintf(err, n, "layers: must be an array of %zu {W, b} objects", nl);
        return CLI_BAD_INPUT;
    }
    float *p = lrp_mlp_params(m);
    size_t l = 0;
    for (const cJSON *jlay = jl->child; jlay; jlay = jlay->next, l++) {
        size_t in = mc->sizes[l], out = mc->sizes[l + 1];
        float *W = p + lrp_mlp_layer_offset(m, l), *b = W + in * out;
        const cJSON *jW = cJSON_GetObjectItemCaseSensitive(jlay, "W");
        const cJSON *jb = cJSON_GetObjectItemCaseSensitive(jlay, "b");
        char what[48];
        if (!cJSON_IsArray(jW) || (size_t)cJSON_GetArraySize(jW) != out) {
            snprintf(err, n, "layers[%zu].W: must have %zu rows (outputs) of %zu inputs", l, out, in);
            return CLI_BAD_INPUT;
        }
        size_t r = 0;
        for (const cJSON *row = jW->child; row; row = row->next, r++) {
            double *v;
            size_t cnt;
            snprintf(what, sizeof what, "layers[%zu].W[%zu]", l, r);
            int rc = cli_number_array(row, what, in + 1, 0, &v, &cnt, err, n);
            if (rc) return rc;
            if (cnt != in) { free(v); snprintf(err, n, "%s: has %zu values, want %zu", what, cnt, in); return CLI_BAD_INPUT; }
            for (size_t i = 0; i < in; i++) W[r * in + i] = (float)v[i];
            free(v);
        }
        double *v;
        size_t cnt;
        snprintf(what, sizeof what, "layers[%zu].b", l);
        int rc = cli_number_array(jb, what, out + 1, 0, &v, &cnt, err, n);
        if (rc) return rc;
        if (cnt != out) { free(v); snprintf(err, n, "%s: has %zu values, want %zu", what, cnt, out); return CLI_BAD_INPUT; }
        for (size_t i = 0; i < out; i++) b[i] = (float)v[i];
        free(v);
    }
    return CLI_OK;
}

static int read_rows(const cJSON *jx, const cJSON *jy, replay *rp, char *err, size_t n) {
    if (!cJSON_IsArray(jx) || !cJSON_IsArray(jy)) return spec_bad(err, n, "x, y: must be arrays");
    size_t rows = (size_t)cJSON_GetArraySize(jx);
    if (rows == 0 || rows > LRP_MAX_SAMPLES) { snprintf(err, n, "x: must have 1 to %d rows", LRP_MAX_SAMPLES); return CLI_BAD_INPUT; }
    if ((size_t)cJSON_GetArraySize(jy) != rows) { snprintf(err, n, "y: has %d rows, x has %zu", cJSON_GetArraySize(jy), rows); return CLI_BAD_INPUT; }
    int ce = rp->mc.loss == LRP_LOSS_CROSS_ENTROPY;
    size_t ycols = ce ? 1 : rp->n_out;
    rp->n_rows = rows;
    rp->x = malloc(rows * rp->n_in * sizeof(float));
    rp->y = malloc(rows * ycols * sizeof(float));
    if (!rp->x || !rp->y) { snprintf(err, n, "x: out of memory"); return CLI_FAIL; }
    size_t r = 0;
    for (const cJSON *row = jx->child; row; row = row->next, r++) {
        char what[32];
        double *v;
        size_t cnt;
        snprintf(what, sizeof what, "x[%zu]", r);
        int rc = cli_number_array(row, what, rp->n_in + 1, 0, &v, &cnt, err, n);
        if (rc) return rc;
        if (cnt != rp->n_in) { free(v); snprintf(err, n, "%s: has %zu values, the model takes %zu", what, cnt, rp->n_in); return CLI_BAD_INPUT; }
        for (size_t i = 0; i < cnt; i++) rp->x[r * rp->n_in + i] = (float)v[i];
        free(v);
    }
    r = 0;
    for (const cJSON *row = jy->child; row; row = row->next, r++) {
        char what[32];
        snprintf(what, sizeof what, "y[%zu]", r);
        if (ce) {
            int64_t cls;
            int rc = spec_whole(row, what, 0, (double)rp->n_out - 1, &cls, err, n);
            if (rc) return rc;
            rp->y[r] = (float)cls;
        } else {
            double *v;
            size_t cnt;
            int rc = cli_number_array(row, what, rp->n_out + 1, 0, &v, &cnt, err, n);
            if (rc) return rc;
            if (cnt != rp->n_out) { free(v); snprintf(err, n, "%s: has %zu targets, the model has %zu outputs", what, cnt, rp->n_out); return CLI_BAD_INPUT; }
            for (size_t i = 0; i < cnt; i++) rp->y[r * rp->n_out + i] = (float)v[i];
            free(v);
        }
    }
    return CLI_OK;
}

static void write_layers(jsonw *w, lrp_mlp *m, const lrp_mlp_cfg *mc) {
    const float *p = lrp_mlp_params(m);
    jw_arr_begin(w);
    for (size_t l = 0; l + 1 < mc->n_sizes; l++) {
        size_t in = mc->sizes[l], out = mc->sizes[l + 1];
        const float *W = p + lrp_mlp_layer_offset(m, l);
        jw_obj_begin(w);
        jw_key(w, "W");
        jw_arr_begin(w);
        for (size_t r = 0; r < out; r++) jw_floats(w, W + r * in, in);
        jw_arr_end(w);
        jw_key(w, "b");
        jw_floats(w, W + in * out, out);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static int spec_train(const cJSON *spec, char *err, size_t n) {
    static const char *const keys[] = {"model", "layers", "x", "y", "batches", "optimizer", "lrs", NULL};
    int rc = spec_check_keys(spec, keys, err, n);
    if (rc) return rc;
    replay rp;
    memset(&rp, 0, sizeof rp);
    const cJSON *jm = spec_need(spec, "model", err, n);
    if (!jm) return CLI_BAD_INPUT;
    if ((rc = read_model(jm, &rp.mc, err, n))) return rc;
    rp.n_in = rp.mc.sizes[0];
    rp.n_out = rp.mc.sizes[rp.mc.n_sizes - 1];
    const cJSON *jo = spec_need(spec, "optimizer", err, n);
    if (!jo) return CLI_BAD_INPUT;
    lrp_optim_cfg oc;
    lrp_optim_defaults(&oc, LRP_OPT_ADAM);
    if ((rc = cli_read_optim(jo, "optimizer", &oc, err, n))) return rc;
    const cJSON *jb = spec_need(spec, "batches", err, n), *jlr, *jx, *jy, *jl;
    if (!jb || !(jlr = spec_need(spec, "lrs", err, n)) || !(jx = spec_need(spec, "x", err, n)) ||
        !(jy = spec_need(spec, "y", err, n)) || !(jl = spec_need(spec, "layers", err, n))) return CLI_BAD_INPUT;
    if (!cJSON_IsArray(jb)) return spec_bad(err, n, "batches: must be an array of arrays of row indices");
    lrp_mlp *m = NULL;
    lrp_optim *o = NULL;
    float *losses = NULL;
    char msg[CLI_ERR] = {0};
    size_t nlr;
    if ((rc = cli_number_array(jlr, "lrs", CLI_SPEC_MAX_TRACE, 0, &rp.lrs, &nlr, err, n))) goto done;
    rp.n_batches = (size_t)cJSON_GetArraySize(jb);
    rc = CLI_BAD_INPUT;
    if (nlr != rp.n_batches) { snprintf(err, n, "lrs: has %zu rates, batches has %zu", nlr, rp.n_batches); goto done; }
    for (size_t k = 0; k < nlr; k++)
        if (rp.lrs[k] < 0) { snprintf(err, n, "lrs[%zu]: must be >= 0", k); goto done; }
    if (lrp_mlp_create(&m, &rp.mc, LRP_MAX_BATCH, msg, sizeof msg) != LRP_OK) { snprintf(err, n, "%s", msg); goto done; }
    size_t np = lrp_mlp_num_params(m);
    double rows_seen = 0;
    for (const cJSON *jbatch = jb->child; jbatch; jbatch = jbatch->next) rows_seen += cJSON_GetArraySize(jbatch);
    if ((double)np * (double)rp.n_batches > CLI_SPEC_MAX_OUTPUT || (double)np * rows_seen > LRP_MAX_WORK) {
        snprintf(err, n, "batches: %.0f rows on %zu parameters is more work than the runner does", rows_seen, np);
        goto done;
    }
    if ((rc = read_layers(jl, &rp.mc, m, err, n))) goto done;
    if ((rc = read_rows(jx, jy, &rp, err, n))) goto done;
    rc = CLI_FAIL;
    if (lrp_optim_create(&o, &oc, np, msg, sizeof msg) != LRP_OK) { snprintf(err, n, "optimizer: %s", msg); goto done; }
    size_t ycols = rp.mc.loss == LRP_LOSS_CROSS_ENTROPY ? 1 : rp.n_out;
    rp.xb = malloc((size_t)LRP_MAX_BATCH * rp.n_in * sizeof(float));
    rp.yb = malloc((size_t)LRP_MAX_BATCH * ycols * sizeof(float));
    losses = malloc((rp.n_batches ? rp.n_batches : 1) * sizeof *losses);
    if (!rp.xb || !rp.yb || !losses) { snprintf(err, n, "batches: out of memory"); goto done; }
    size_t k = 0;
    for (const cJSON *jbatch = jb->child; jbatch; jbatch = jbatch->next, k++) {
        char what[32];
        snprintf(what, sizeof what, "batches[%zu]", k);
        rc = CLI_BAD_INPUT;
        if (!cJSON_IsArray(jbatch) || cJSON_GetArraySize(jbatch) < 1 || cJSON_GetArraySize(jbatch) > LRP_MAX_BATCH) {
            snprintf(err, n, "%s: must list 1 to %d row indices", what, LRP_MAX_BATCH);
            goto done;
        }
        size_t B = 0;
        for (const cJSON *ji = jbatch->child; ji; ji = ji->next, B++) {
            int64_t idx;
            char iw[48];
            snprintf(iw, sizeof iw, "%s[%zu]", what, B);
            if ((rc = spec_whole(ji, iw, 0, (double)rp.n_rows - 1, &idx, err, n))) goto done;
            memcpy(rp.xb + B * rp.n_in, rp.x + (size_t)idx * rp.n_in, rp.n_in * sizeof(float));
            memcpy(rp.yb + B * ycols, rp.y + (size_t)idx * ycols, ycols * sizeof(float));
        }
        losses[k] = lrp_mlp_loss(m, rp.xb, rp.yb, B, 1, NULL);
        lrp_optim_step(o, lrp_mlp_params(m), lrp_mlp_grads(m), rp.lrs[k]);
    }
    jsonw w;
    jw_init(&w, stdout);
    jw_obj_begin(&w);
    jw_key(&w, "loss");
    jw_floats(&w, losses, rp.n_batches);
    jw_key(&w, "layers");
    write_layers(&w, m, &rp.mc);
    jw_obj_end(&w);
    rc = CLI_OK;
done:
    lrp_mlp_destroy(m);
    lrp_optim_destroy(o);
    free(rp.x); free(rp.y); free(rp.xb); free(rp.yb); free(rp.lrs); free(losses);
    return rc;
}

int cli_spec(const cJSON *spec, char *err, size_t n) {
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(spec, "kind");
    if (!cJSON_IsString(kind)) return spec_bad(err, n, "kind: missing (" SPEC_KINDS ")");
    const char *k = kind->valuestring;
    if (strcmp(k, "optimizer") == 0) return spec_optimizer(spec, err, n);
    if (strcmp(k, "schedule") == 0) return spec_schedule(spec, err, n);
    if (strcmp(k, "lr_find_analysis") == 0) return spec_lrfind(spec, err, n);
    if (strcmp(k, "train") == 0) return spec_train(spec, err, n);
    if (strcmp(k, "early_stopping") == 0) return spec_early_stopping(spec, err, n);
    return spec_bad(err, n, "kind: unknown kind \"%.60s\" (" SPEC_KINDS ")", k);
}
