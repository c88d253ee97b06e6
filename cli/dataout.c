/* dataout.c — `lrplay data` and `lrplay init`: the generated data set (train and validation
 * split) and the initial weights, so that anyone can check lrplay with their own tools.
 *
 * Every value is a float32 printed with "%.9g", which reads back to the same float32.
 * bin/lrplay.mjs writes the same bytes (web/js/core/dataout.js). The JSON:
 *   data: {"lrplay", "kind": "data", "task": "classification"|"regression", "n_in", "n_out",
 *          "n_train", "n_val", "train": {"x": [[...] per row], "y": [...]}, "val": {...}}
 *         y holds class ids (classification) or rows of n_out targets (regression);
 *   init: {"lrplay", "kind": "init", "seed", "sizes": [inputs, hidden..., outputs],
 *          "layers": [{"W": [[...] OUT rows of IN], "b": [...OUT]}, ...]}.
 * The CSV of `data --csv`: split,x0..x{n_in-1},y (or y0..y{n_out-1}), one line per row. */
#include "cli.h"

#include <math.h>
#include <stdio.h>

void cli_put_f32(float v) {
    if (isfinite(v)) printf("%.9g", (double)v);
    else fputs("null", stdout);
}

static void put_row(const float *v, size_t n) {
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        if (i) putchar(',');
        cli_put_f32(v[i]);
    }
    putchar(']');
}

static void put_split(const char *name, const float *x, const float *y, size_t rows, const lrp_data_view *v, int cls) {
    printf("\"%s\":{\"x\":[", name);
    for (size_t r = 0; r < rows; r++) {
        if (r) putchar(',');
        put_row(x + r * v->n_in, v->n_in);
    }
    fputs("],\"y\":[", stdout);
    for (size_t r = 0; r < rows; r++) {
        if (r) putchar(',');
        if (cls) cli_put_f32(y[r]);
        else put_row(y + r * v->n_out, v->n_out);
    }
    fputs("]}", stdout);
}

static void csv_split(const char *name, const float *x, const float *y, size_t rows, const lrp_data_view *v, size_t yc) {
    for (size_t r = 0; r < rows; r++) {
        fputs(name, stdout);
        for (size_t i = 0; i < v->n_in; i++) { putchar(','); cli_put_f32(x[r * v->n_in + i]); }
        for (size_t i = 0; i < yc; i++) { putchar(','); cli_put_f32(y[r * yc + i]); }
        putchar('\n');
    }
}

lrp_session *cli_open_session(const lrp_experiment *e, char *err, size_t n, int *rc) {
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

int cli_data(const lrp_experiment *e, int csv, char *err, size_t n) {
    int rc = CLI_OK;
    lrp_session *s = cli_open_session(e, err, n, &rc);
    if (!s) return rc;
    const lrp_data_view *v = lrp_session_data(s);
    int cls = v->loss == LRP_LOSS_CROSS_ENTROPY;
    size_t yc = cls ? 1 : v->n_out;
    if (csv) {
        fputs("split", stdout);
        for (size_t i = 0; i < v->n_in; i++) printf(",x%zu", i);
        if (cls) fputs(",y", stdout);
        else for (size_t i = 0; i < yc; i++) printf(",y%zu", i);
        putchar('\n');
        csv_split("train", v->x_train, v->y_train, v->n_train, v, yc);
        csv_split("val", v->x_val, v->y_val, v->n_val, v, yc);
    } else {
        printf("{\"lrplay\":\"%s\",\"kind\":\"data\",\"task\":\"%s\",\"n_in\":%zu,\"n_out\":%zu,\"n_train\":%zu,\"n_val\":%zu,",
               lrp_version(), cls ? "classification" : "regression", v->n_in, v->n_out, v->n_train, v->n_val);
        put_split("train", v->x_train, v->y_train, v->n_train, v, cls);
        putchar(',');
        put_split("val", v->x_val, v->y_val, v->n_val, v, cls);
        fputs("}\n", stdout);
    }
    lrp_session_destroy(s);
    return CLI_OK;
}

int cli_init(const lrp_experiment *e, char *err, size_t n) {
    int rc = CLI_OK;
    lrp_session *s = cli_open_session(e, err, n, &rc);
    if (!s) return rc;
    const lrp_data_view *v = lrp_session_data(s);
    size_t np, sizes[LRP_MAX_LAYERS + 2], ns = 0;
    const float *p = lrp_session_init_params(s, &np);
    sizes[ns++] = v->n_in;
    for (size_t i = 0; i < e->n_hidden; i++) sizes[ns++] = e->hidden[i];
    sizes[ns++] = v->n_out;
    printf("{\"lrplay\":\"%s\",\"kind\":\"init\",\"seed\":%lu,\"sizes\":[", lrp_version(), (unsigned long)e->seed);
    for (size_t i = 0; i < ns; i++) printf("%s%zu", i ? "," : "", sizes[i]);
    fputs("],\"layers\":[", stdout);
    for (size_t l = 0; l + 1 < ns; l++) {
        size_t IN = sizes[l], OUT = sizes[l + 1];
        printf("%s{\"W\":[", l ? "," : "");
        for (size_t o = 0; o < OUT; o++) {
            if (o) putchar(',');
            put_row(p + o * IN, IN);
        }
        fputs("],\"b\":", stdout);
        put_row(p + OUT * IN, OUT);
        putchar('}');
        p += OUT * IN + OUT;
    }
    fputs("]}\n", stdout);
    lrp_session_destroy(s);
    return CLI_OK;
}
