/* config_json.c — configs between JSON objects and the core's structs, by dotted path.
 * All names, ranges and messages come from the core's schema (c_src/config_fields.c). */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cJSON *cli_read_json(const char *file, const js_limits *lim, char *err, size_t errlen, int *status) {
    FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
    *status = CLI_FAIL;
    if (!f) { snprintf(err, errlen, "%s: cannot open", file); return NULL; }
    /* One byte past the limit tells "too large" from "exactly the limit". */
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    while (buf && len <= CLI_MAX_BYTES) {
        if (len == cap) {
            size_t want = cap * 2 > CLI_MAX_BYTES + 1 ? CLI_MAX_BYTES + 1 : cap * 2;
            unsigned char *nb = realloc(buf, want);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap = want;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int unreadable = ferror(f);   /* e.g. a directory: the Node CLI says "cannot open" too */
    if (f != stdin) fclose(f);
    if (!buf) { snprintf(err, errlen, "%s: out of memory", file); return NULL; }
    if (unreadable) { snprintf(err, errlen, "%s: cannot open", file); free(buf); return NULL; }
    cJSON *root = cli_parse_json(buf, len, file, lim, err, errlen, status);
    free(buf);
    return root;
}

cJSON *cli_parse_json(const unsigned char *buf, size_t len, const char *file, const js_limits *lim,
                      char *err, size_t errlen, int *status) {
    *status = CLI_BAD_INPUT;
    cJSON *root = NULL;
    char why[CLI_ERR * 6];
    int rc;
    if (len > CLI_MAX_BYTES) snprintf(err, errlen, "%s: larger than %zu MiB", file, CLI_MAX_BYTES >> 20);
    else if ((rc = json_strict_check(buf, len, lim, why, sizeof why)) != 0) {
        snprintf(err, errlen, "%s: %s", file, why);
        if (rc == -2) *status = CLI_FAIL;
    }
    else if (!(root = cJSON_ParseWithLength((const char *)buf, len))) { snprintf(err, errlen, "%s: out of memory", file); *status = CLI_FAIL; }
    else if (!cJSON_IsObject(root)) {
        snprintf(err, errlen, "%s: must hold a JSON object", file);
        cJSON_Delete(root);
        root = NULL;
    }
    return root;
}

int cli_number_array(const cJSON *arr, const char *what, size_t max_n, int allow_null,
                     double **out, size_t *n, char *err, size_t errlen) {
    *out = NULL;
    *n = 0;
    if (!cJSON_IsArray(arr)) { snprintf(err, errlen, "%s: must be an array of numbers", what); return CLI_BAD_INPUT; }
    size_t count = (size_t)cJSON_GetArraySize(arr);
    if (count > max_n) { snprintf(err, errlen, "%s: has %zu values, at most %zu allowed", what, count, max_n); return CLI_BAD_INPUT; }
    double *v = malloc((count ? count : 1) * sizeof *v);
    if (!v) { snprintf(err, errlen, "%s: out of memory", what); return CLI_FAIL; }
    size_t i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        if (allow_null && cJSON_IsNull(it)) { v[i] = NAN; continue; }
        if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble)) {
            snprintf(err, errlen, "%s[%zu]: must be a finite number", what, i);
            free(v);
            return CLI_BAD_INPUT;
        }
        v[i] = it->valuedouble;
    }
    *out = v;
    *n = count;
    return CLI_OK;
}

/* One setter family per target: the experiment (full dotted paths), or a bare optimizer
 * or scheduler object (keys), behind one function-pointer table. */
typedef struct {
    void *target;
    lrp_status (*num)(void *t, const char *key, double v, char *err, size_t n);
    lrp_status (*str)(void *t, const char *key, const char *v, char *err, size_t n);
    lrp_status (*list)(void *t, const char *key, const double *v, size_t cnt, char *err, size_t n);
} setter;

static lrp_status exp_num(void *t, const char *k, double v, char *e, size_t n) { return lrp_exp_set_number(t, k, v, LRP_SET_STRICT, e, n); }
static lrp_status exp_str(void *t, const char *k, const char *v, char *e, size_t n) { return lrp_exp_set_string(t, k, v, e, n); }
static lrp_status exp_list(void *t, const char *k, const double *v, size_t c, char *e, size_t n) { return lrp_exp_set_list(t, k, v, c, LRP_SET_STRICT, e, n); }
static lrp_status opt_num(void *t, const char *k, double v, char *e, size_t n) { return lrp_optim_set_number(t, k, v, LRP_SET_STRICT, e, n); }
static lrp_status opt_str(void *t, const char *k, const char *v, char *e, size_t n) { return lrp_optim_set_string(t, k, v, e, n); }
static lrp_status opt_list(void *t, const char *k, const double *v, size_t c, char *e, size_t n) {
    (void)t; (void)v; (void)c;
    snprintf(e, n, "%s: must be a single value, not a list", k);
    return LRP_EINVAL;
}
static lrp_status sch_num(void *t, const char *k, double v, char *e, size_t n) { return lrp_sched_set_number(t, k, v, LRP_SET_STRICT, e, n); }
static lrp_status sch_str(void *t, const char *k, const char *v, char *e, size_t n) { return lrp_sched_set_string(t, k, v, e, n); }
static lrp_status sch_list(void *t, const char *k, const double *v, size_t c, char *e, size_t n) { return lrp_sched_set_list(t, k, v, c, LRP_SET_STRICT, e, n); }

/* Kinds are chosen first: "name" and "flavor" reset or shape the fields that follow. */
static int key_rank(const char *k) {
    const char *dot = strrchr(k, '.');
    const char *leaf = dot ? dot + 1 : k;
    if (strcmp(leaf, "name") == 0) return 0;
    if (strcmp(leaf, "flavor") == 0) return 1;
    return 2;
}

static int set_value(const setter *s, const char *path, const cJSON *v, const char *what, char *err, size_t errlen);

static int walk_object(const setter *s, const cJSON *obj, const char *prefix, const char *what, int skip_runs,
                       char *err, size_t errlen) {
    for (int rank = 0; rank <= 2; rank++) {
        for (const cJSON *it = obj->child; it; it = it->next) {
            if (!it->string) continue;
            if (skip_runs && !prefix[0] && strcmp(it->string, "runs") == 0) continue;
            char path[CLI_MAX_PATH + 1];
            int w = snprintf(path, sizeof path, "%s%s", prefix, it->string);
            if (w < 0 || (size_t)w >= sizeof path) { snprintf(err, errlen, "%s%.40s...: name too long", what, prefix); return CLI_BAD_INPUT; }
            if (key_rank(it->string) != rank || (cJSON_IsObject(it) && rank != 2)) continue;
            int rc = set_value(s, path, it, what, err, errlen);
            if (rc != CLI_OK) return rc;
        }
    }
    return CLI_OK;
}

static int report(lrp_status st, const char *what, const char *msg, char *err, size_t errlen) {
    if (st == LRP_OK) return CLI_OK;
    snprintf(err, errlen, "%s%s", what, msg);
    return st == LRP_ENOMEM ? CLI_FAIL : CLI_BAD_INPUT;
}

static int set_value(const setter *s, const char *path, const cJSON *v, const char *what, char *err, size_t errlen) {
    char msg[CLI_ERR] = {0};
    if (cJSON_IsNull(v)) return CLI_OK;
    if (cJSON_IsObject(v)) {
        char prefix[260];
        snprintf(prefix, sizeof prefix, "%s.", path);
        return walk_object(s, v, prefix, what, 0, err, errlen);
    }
    if (cJSON_IsBool(v)) return report(s->num(s->target, path, cJSON_IsTrue(v) ? 1 : 0, msg, sizeof msg), what, msg, err, errlen);
    if (cJSON_IsNumber(v)) return report(s->num(s->target, path, v->valuedouble, msg, sizeof msg), what, msg, err, errlen);
    if (cJSON_IsString(v)) return report(s->str(s->target, path, v->valuestring, msg, sizeof msg), what, msg, err, errlen);
    if (cJSON_IsArray(v)) {
        double *vals;
        size_t n;
        char full[300];
        snprintf(full, sizeof full, "%s%s", what, path);
        int rc = cli_number_array(v, full, CLI_MAX_LIST, 0, &vals, &n, err, errlen);
        if (rc != CLI_OK) return rc;
        rc = report(s->list(s->target, path, vals, n, msg, sizeof msg), what, msg, err, errlen);
        free(vals);
        return rc;
    }
    snprintf(err, errlen, "%s%s: unsupported value", what, path);
    return CLI_BAD_INPUT;
}

int cli_read_experiment(const cJSON *root, lrp_experiment *e, char *err, size_t errlen) {
    setter s = {e, exp_num, exp_str, exp_list};
    lrp_experiment_defaults(e);
    int rc = walk_object(&s, root, "", "", 1, err, errlen);
    if (rc != CLI_OK) return rc;
    const cJSON *runs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    if (runs && !cJSON_IsNull(runs)) {
        if (!cJSON_IsArray(runs)) { snprintf(err, errlen, "runs: must be an array of run objects"); return CLI_BAD_INPUT; }
        if (cJSON_GetArraySize(runs) > LRP_MAX_RUNS) { snprintf(err, errlen, "runs: at most %d runs", LRP_MAX_RUNS); return CLI_BAD_INPUT; }
        lrp_exp_clear_runs(e);
        int i = 0;
        for (const cJSON *r = runs->child; r; r = r->next, i++) {
            if (!cJSON_IsObject(r)) { snprintf(err, errlen, "runs[%d]: must be an object", i); return CLI_BAD_INPUT; }
            char prefix[32];
            snprintf(prefix, sizeof prefix, "runs.%d.", i);
            /* An empty object still makes a run: activate it through its label. */
            char msg[CLI_ERR];
            char lpath[48];
            snprintf(lpath, sizeof lpath, "runs.%d.min_lr", i);
            if (lrp_exp_set_number(e, lpath, 0, LRP_SET_STRICT, msg, sizeof msg) != LRP_OK) return report(LRP_EINVAL, "", msg, err, errlen);
            rc = walk_object(&s, r, prefix, "", 0, err, errlen);
            if (rc != CLI_OK) return rc;
        }
    }
    char msg[CLI_ERR] = {0};
    return report(lrp_experiment_validate(e, msg, sizeof msg), "", msg, err, errlen);
}

int cli_read_optim(const cJSON *obj, const char *what, lrp_optim_cfg *c, char *err, size_t errlen) {
    setter s = {c, opt_num, opt_str, opt_list};
    if (!cJSON_IsObject(obj)) { snprintf(err, errlen, "%s: must be an object", what); return CLI_BAD_INPUT; }
    if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, "name"))) {
        char kinds[CLI_ERR];
        cli_enum_list(cli_enum_names("optimizer"), " or ", kinds, sizeof kinds);
        snprintf(err, errlen, "%s.name: missing (%s)", what, kinds);
        return CLI_BAD_INPUT;
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s.", what);
    int rc = walk_object(&s, obj, "", prefix, 0, err, errlen);
    if (rc != CLI_OK) return rc;
    char msg[CLI_ERR] = {0};
    lrp_status st = lrp_optim_validate(c, msg, sizeof msg);
    return report(st, "", msg, err, errlen);
}

int cli_read_sched(const cJSON *obj, const char *what, lrp_sched_cfg *c, char *err, size_t errlen) {
    setter s = {c, sch_num, sch_str, sch_list};
    if (!cJSON_IsObject(obj)) { snprintf(err, errlen, "%s: must be an object", what); return CLI_BAD_INPUT; }
    if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, "name"))) { snprintf(err, errlen, "%s.name: missing", what); return CLI_BAD_INPUT; }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s.", what);
    int rc = walk_object(&s, obj, "", prefix, 0, err, errlen);
    if (rc != CLI_OK) return rc;
    char msg[CLI_ERR] = {0};
    lrp_status st = lrp_sched_validate(c, msg, sizeof msg);
    if (st != LRP_OK && strncmp(msg, "schedule.", 9) == 0) {
        snprintf(err, errlen, "%s.%s", what, msg + 9);
        return CLI_BAD_INPUT;
    }
    return report(st, "", msg, err, errlen);
}

/* Writing: the core walks the fields in canonical order; dotted names become nested
 * objects, and the numeric segment after "runs" an array index. */
static void write_value(jsonw *w, const lrp_field_value *fv) {
    switch (fv->info.type) {
    case LRP_FIELD_ENUM:   jw_str(w, fv->str); break;
    case LRP_FIELD_STRING: jw_str(w, fv->str); break;
    case LRP_FIELD_BOOL:   jw_bool(w, fv->number != 0); break;
    case LRP_FIELD_INT:    jw_int(w, (int64_t)fv->number); break;
    case LRP_FIELD_NUMBER: jw_num(w, fv->number); break;
    case LRP_FIELD_INT_LIST:
        jw_arr_begin(w);
        for (size_t i = 0; i < fv->n_list; i++) jw_int(w, (int64_t)fv->list[i]);
        jw_arr_end(w);
        break;
    }
}

/* The containers open while writing: a path segment each, object or array. */
typedef struct { char seg[8][48]; int is_array[8]; int depth; } open_path;

static int split(const char *name, char seg[8][48]) {
    int n = 0;
    const char *p = name;
    while (*p && n < 8) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (len >= 48) len = 47;
        memcpy(seg[n], p, len);
        seg[n][len] = 0;
        n++;
        if (!dot) break;
        p = dot + 1;
    }
    return n;
}

static int is_index(const char *s) { return s[0] >= '0' && s[0] <= '9'; }

static void close_to(jsonw *w, open_path *op, int keep) {
    while (op->depth > keep) {
        op->depth--;
        if (op->is_array[op->depth]) jw_arr_end(w);
        else jw_obj_end(w);
    }
}

void cli_write_experiment(jsonw *w, const lrp_experiment *e) {
    lrp_field_value fv;
    open_path op;
    op.depth = 0;
    jw_obj_begin(w);
    for (size_t i = 0; lrp_exp_field(e, i, &fv); i++) {
        char seg[8][48];
        int n = split(fv.name_buf, seg);
        int common = 0;
        while (common < op.depth && common < n - 1 && strcmp(op.seg[common], seg[common]) == 0) common++;
        close_to(w, &op, common);
        for (int d = common; d < n - 1; d++) {
            int array = d + 1 < n - 1 && is_index(seg[d + 1]);
            if (!is_index(seg[d])) jw_key(w, seg[d]);
            if (array) jw_arr_begin(w);
            else jw_obj_begin(w);
            memcpy(op.seg[d], seg[d], 48);
            op.is_array[d] = array;
            op.depth = d + 1;
        }
        jw_key(w, seg[n - 1]);
        write_value(w, &fv);
    }
    close_to(w, &op, 0);
    if (e->n_runs == 0) {   /* no runs is a config too: write it so it reads back */
        jw_key(w, "runs");
        jw_arr_begin(w);
        jw_arr_end(w);
    }
    jw_obj_end(w);
}
