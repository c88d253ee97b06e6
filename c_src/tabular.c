/* tabular.c — tables as data sets: a CSV file the caller parsed (lrp_csv_parse) or one of
 * the compiled-in tables (c_src/tables_data.h: Iris, Wine, Breast Cancer Wisconsin,
 * Diabetes, kept as CSV text and read by the same parser, so a built-in table and the same
 * file given as CSV make the same numbers).
 *
 * The target column is named or indexed (data.target, "" = the last column); the other
 * columns are the features and must be numbers. The task: classification when asked, or
 * with "auto" when the target is text or at most LRP_AUTO_CLASSES distinct whole numbers;
 * regression otherwise. Classes are the target's distinct values in order (numbers by value,
 * text by bytes), numbered from 0. data.c then splits and standardizes as for every set. */
#include "csv.h"
#include "fields.h"
#include "util.h"
#include "tables_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ targets */
static int all_digits(const char *s) {
    if (!*s) return 0;
    for (; *s; s++) if (*s < '0' || *s > '9') return 0;
    return 1;
}

static lrp_status find_target(const lrp_csv *t, const char *target, size_t *out, char *err, size_t errlen) {
    size_t cols = lrp_csv_columns(t);
    if (!target || !*target) { *out = cols - 1; return LRP_OK; }
    size_t hits = 0, at = 0;
    if (lrp_csv_header(t) == LRP_HEADER_YES)
        for (size_t j = 0; j < cols; j++) if (strcmp(lrp_csv_name(t, j), target) == 0) { if (!hits) at = j; hits++; }
    if (hits > 1) return lrp_fail(err, errlen, LRP_EINVAL, "data.target: %zu columns are named \"%s\"; give its 0-based index", hits, target);
    if (hits == 1) { *out = at; return LRP_OK; }
    if (all_digits(target) && strlen(target) < 6) {
        size_t j = (size_t)strtol(target, NULL, 10);
        if (j < cols) { *out = j; return LRP_OK; }
        return lrp_fail(err, errlen, LRP_EINVAL, "data.target: column %zu does not exist (the file has %zu columns, 0 to %zu)",
                        j, cols, cols - 1);
    }
    char list[160] = {0};
    size_t used = 0;
    for (size_t j = 0; j < cols && used + 24 < sizeof list; j++) {
        int w = snprintf(list + used, sizeof list - used, "%s\"%.16s\"", j ? ", " : "", lrp_csv_name(t, j));
        if (w > 0) used += (size_t)w;
        if (j + 1 < cols && used + 24 >= sizeof list) snprintf(list + used, sizeof list - used, ", ...");
    }
    return lrp_fail(err, errlen, LRP_EINVAL, "data.target: no column \"%s\" (the columns: %s)", target, list);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The target's distinct values, sorted: numbers into *nums or texts into *texts (malloc'd). */
static lrp_status distinct(const lrp_csv *t, size_t col, int numeric, double **nums, const char ***texts, size_t *k,
                           char *err, size_t errlen) {
    size_t rows = lrp_csv_rows(t), cols = lrp_csv_columns(t), m = 0;
    *nums = NULL;
    *texts = NULL;
    if (numeric) {
        double *v = malloc(rows * sizeof *v);
        if (!v) return lrp_fail(err, errlen, LRP_ENOMEM, "data: out of memory");
        for (size_t i = 0; i < rows; i++) v[i] = lrp_csv_values(t)[i * cols + col];
        qsort(v, rows, sizeof *v, cmp_double);
        for (size_t i = 0; i < rows; i++) if (m == 0 || v[i] != v[m - 1]) v[m++] = v[i];
        *nums = v;
    } else {
        const char **v = malloc(rows * sizeof *v);
        if (!v) return lrp_fail(err, errlen, LRP_ENOMEM, "data: out of memory");
        for (size_t i = 0; i < rows; i++) {
            v[i] = lrp_csv_text(t, i, col);
            if (!v[i][0]) {
                char ref[LRP_MAX_NAME + 16];
                lrp_csv_col_ref(t, col, ref, sizeof ref);
                free(v);
                return lrp_fail(err, errlen, LRP_EINVAL, "data: row %ld, %s: the target is empty", lrp_csv_line(t, i), ref);
            }
        }
        qsort(v, rows, sizeof *v, cmp_str);
        for (size_t i = 0; i < rows; i++) if (m == 0 || strcmp(v[i], v[m - 1]) != 0) v[m++] = v[i];
        *texts = v;
    }
    *k = m;
    return LRP_OK;
}

lrp_status lrp_tab_resolve(const lrp_csv *t, const char *target, lrp_task task, lrp_tab_plan *out, char *err, size_t errlen) {
    size_t cols = lrp_csv_columns(t), rows = lrp_csv_rows(t), tc = 0;
    lrp_status st = find_target(t, target, &tc, err, errlen);
    if (st != LRP_OK) return st;
    /* Features: the first cell in file order that is not a number. */
    long worst = 0;
    size_t wcol = 0;
    for (size_t j = 0; j < cols; j++) {
        const lrp_csv_bad *b = lrp_csv_first_bad(t, j);
        if (j != tc && b->line && (!worst || b->line < worst)) { worst = b->line; wcol = j; }
    }
    if (worst) { lrp_csv_say_bad(t, wcol, err, errlen); return LRP_EINVAL; }
    if (cols - 1 > LRP_MAX_FEATURES)
        return lrp_fail(err, errlen, LRP_ELIMIT, "data: %zu feature columns; at most %d", cols - 1, LRP_MAX_FEATURES);
    int numeric = lrp_csv_numeric(t, tc);
    const lrp_csv_bad *tb = lrp_csv_first_bad(t, tc);
    if (!numeric && (tb->why == LRP_CELL_EMPTY || tb->why == LRP_CELL_NONFINITE || tb->why == LRP_CELL_RANGE ||
                     task == LRP_TASK_REGRESSION)) {
        if (task == LRP_TASK_REGRESSION && tb->why == LRP_CELL_TEXT) {
            char ref[LRP_MAX_NAME + 16];
            lrp_csv_col_ref(t, tc, ref, sizeof ref);
            return lrp_fail(err, errlen, LRP_EINVAL, "data: row %ld, %s: \"%s\" is not a number (regression needs a "
                            "numeric target)", tb->line, ref, tb->text);
        }
        if (tb->why != LRP_CELL_TEXT) { lrp_csv_say_bad(t, tc, err, errlen); return LRP_EINVAL; }
    }
    double *nums;
    const char **texts;
    size_t k;
    if ((st = distinct(t, tc, numeric, &nums, &texts, &k, err, errlen)) != LRP_OK) return st;
    int whole = 1;
    for (size_t i = 0; numeric && i < k; i++) {
        double v = nums[i];
        if (!(v >= -1e15 && v <= 1e15) || v != (double)(long long)v) whole = 0;
    }
    if (task == LRP_TASK_AUTO)
        task = !numeric || (whole && k <= LRP_AUTO_CLASSES) ? LRP_TASK_CLASSIFICATION : LRP_TASK_REGRESSION;
    char ref[LRP_MAX_NAME + 16];
    lrp_csv_col_ref(t, tc, ref, sizeof ref);
    if (task == LRP_TASK_CLASSIFICATION && k < 2) {
        char one[48];
        if (numeric) snprintf(one, sizeof one, "%.17g", nums[0]);
        else snprintf(one, sizeof one, "\"%.40s\"", texts[0]);
        st = lrp_fail(err, errlen, LRP_EINVAL, "data.target: %s has one class (%s) in all %zu rows; classification "
                      "needs at least 2", ref, one, rows);
    } else if (task == LRP_TASK_CLASSIFICATION && k > LRP_MAX_CLASSES) {
        st = lrp_fail(err, errlen, LRP_ELIMIT, "data.target: %s has %zu classes; at most %d (for a numeric target, "
                      "set data.task to regression)", ref, k, LRP_MAX_CLASSES);
    }
    free(nums);
    free(texts);
    if (st != LRP_OK) return st;
    out->target = tc;
    out->task = task;
    out->classes = task == LRP_TASK_CLASSIFICATION ? k : 1;
    return LRP_OK;
}

lrp_status lrp_tab_arrays(const lrp_csv *t, const lrp_tab_plan *p, double **xo, double **yo, char *err, size_t errlen) {
    size_t rows = lrp_csv_rows(t), cols = lrp_csv_columns(t), nx;
    const double *v = lrp_csv_values(t);
    *xo = NULL;
    *yo = NULL;
    if (!lrp_size_mad(rows, cols - 1, 0, &nx) || !lrp_size_mad(nx, sizeof(double), 0, &nx))
        return lrp_fail(err, errlen, LRP_ENOMEM, "data: size overflow");
    double *x = malloc(nx), *y = malloc(rows * sizeof *y);
    double *nums = NULL;
    const char **texts = NULL;
    size_t k = 0;
    lrp_status st = LRP_OK;
    if (!x || !y) { st = lrp_fail(err, errlen, LRP_ENOMEM, "data: out of memory"); goto done; }
    for (size_t i = 0; i < rows; i++) {
        double *row = x + i * (cols - 1);
        for (size_t j = 0, o = 0; j < cols; j++) if (j != p->target) row[o++] = v[i * cols + j];
    }
    int numeric = lrp_csv_numeric(t, p->target);
    if (p->task == LRP_TASK_REGRESSION) {
        for (size_t i = 0; i < rows; i++) y[i] = v[i * cols + p->target];
    } else {
        if ((st = distinct(t, p->target, numeric, &nums, &texts, &k, err, errlen)) != LRP_OK) goto done;
        for (size_t i = 0; i < rows; i++) {
            size_t lo = 0, hi = k;   /* the value's place among the sorted distinct ones */
            while (hi - lo > 1) {
                size_t mid = (lo + hi) / 2;
                int below = numeric ? v[i * cols + p->target] < nums[mid] : strcmp(lrp_csv_text(t, i, p->target), texts[mid]) < 0;
                if (below) hi = mid; else lo = mid;
            }
            y[i] = (double)lo;
        }
    }
done:
    free(nums);
    free(texts);
    if (st != LRP_OK) { free(x); free(y); return st; }
    *xo = x;
    *yo = y;
    return LRP_OK;
}

/* ------------------------------------------------------------ built-in */
static const lrp_builtin_table *builtin(lrp_data_kind kind) {
    for (size_t i = 0; i < sizeof lrp_builtin_tables / sizeof lrp_builtin_tables[0]; i++)
        if (lrp_builtin_tables[i].kind == kind) return &lrp_builtin_tables[i];
    return NULL;
}

int lrp_builtin_shape(lrp_data_kind kind, size_t *rows, size_t *n_in, size_t *n_out, lrp_task *task) {
    const lrp_builtin_table *b = builtin(kind);
    if (!b) return 0;
    *rows = b->rows;
    *n_in = b->columns - 1;
    *n_out = b->task == LRP_TASK_REGRESSION ? 1 : b->classes;
    if (task) *task = b->task;
    return 1;
}

lrp_status lrp_builtin_open(lrp_data_kind kind, lrp_csv **t, lrp_tab_plan *p, char *err, size_t errlen) {
    const lrp_builtin_table *b = builtin(kind);
    if (!b) return lrp_fail(err, errlen, LRP_EINVAL, "data.name: not a built-in table");
    lrp_status st = lrp_csv_parse(t, b->csv, b->csv_len, LRP_HEADER_YES, LRP_SEP_COMMA, err, errlen);
    if (st == LRP_OK) st = lrp_tab_resolve(*t, "", b->task, p, err, errlen);
    if (st == LRP_OK && (lrp_csv_rows(*t) != b->rows || p->classes != (b->task == LRP_TASK_REGRESSION ? 1 : b->classes)))
        st = lrp_fail(err, errlen, LRP_EINVAL, "data: the compiled-in table is corrupt");
    if (st != LRP_OK) { lrp_csv_destroy(*t); *t = NULL; }
    return st;
}

/* ------------------------------------------------------------- attach */
lrp_status lrp_exp_attach_csv(lrp_experiment *e, const lrp_csv *t, char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    if (!e || !t) return lrp_fail(err, errlen, LRP_EINVAL, "data: missing argument");
    lrp_data_cfg *c = &e->data;
    if (c->kind != LRP_DATA_CSV) return lrp_fail(err, errlen, LRP_EINVAL, "data.name: data is given for a csv experiment only");
    if (c->header != LRP_HEADER_AUTO && c->header != lrp_csv_header(t))
        return lrp_fail(err, errlen, LRP_EINVAL, "data.header: the table was read with a different header setting");
    if (c->separator != LRP_SEP_AUTO && c->separator != lrp_csv_separator(t))
        return lrp_fail(err, errlen, LRP_EINVAL, "data.separator: the table was read with a different separator");
    const char *sha = lrp_csv_sha256(t);
    if (c->sha256[0] && strcmp(c->sha256, sha) != 0)
        return lrp_fail(err, errlen, LRP_EINVAL, "data.sha256: the config was made with a file of SHA-256 %.16s..., "
                        "this file's is %.16s...", c->sha256, sha);
    lrp_tab_plan p;
    lrp_status st = lrp_tab_resolve(t, c->target, c->task, &p, err, errlen);
    if (st != LRP_OK) return st;
    lrp_data_cfg keep = *c;
    memcpy(c->sha256, sha, sizeof c->sha256);
    c->rows = lrp_csv_rows(t);
    c->columns = lrp_csv_columns(t);
    c->outputs = p.classes;
    c->task = p.task;
    c->header = lrp_csv_header(t);
    c->separator = lrp_csv_separator(t);
    /* The target as the canonical config records it: its name when that finds it again. */
    const char *name = lrp_csv_name(t, p.target);
    size_t same = 0;
    for (size_t j = 0; j < c->columns; j++) same += strcmp(lrp_csv_name(t, j), name) == 0;
    if (c->header == LRP_HEADER_YES && same == 1 && name[0] && !all_digits(name)) snprintf(c->target, sizeof c->target, "%s", name);
    else snprintf(c->target, sizeof c->target, "%zu", p.target);
    c->csv = t;
    st = lrp_experiment_validate(e, err, errlen);
    if (st != LRP_OK) *c = keep;
    return st;
}

lrp_status lrp_exp_load_csv(lrp_experiment *e, const void *bytes, size_t n, lrp_csv **out, char *err, size_t errlen) {
    if (!e || !out) return lrp_fail(err, errlen, LRP_EINVAL, "data: missing argument");
    *out = NULL;
    if (e->data.kind != LRP_DATA_CSV) return lrp_fail(err, errlen, LRP_EINVAL, "data.name: data is given for a csv experiment only");
    lrp_csv *t = NULL;
    lrp_status st = lrp_csv_parse(&t, bytes, n, e->data.header, e->data.separator, err, errlen);
    if (st == LRP_OK) st = lrp_exp_attach_csv(e, t, err, errlen);
    if (st != LRP_OK) { lrp_csv_destroy(t); return st; }
    *out = t;
    return LRP_OK;
}
