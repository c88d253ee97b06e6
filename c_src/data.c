/* data.c — the data sets: six drawn from the seed, and the real digits.
 *
 * Classification in 2-D: spiral (CS231n's arms), circles (sklearn make_circles, factor
 * 0.5), xor (TensorFlow Playground's quadrants), gauss (blobs on a circle), moons
 * (sklearn make_moons). Regression in 1-D: sine. Real: digits (8x8 pixels, 10 classes,
 * compiled in from c_src/digits_data.h).
 *
 * A set is drawn from PCG32 stream LRP_STREAM_DATA, split into train and validation by a
 * shuffle of stream LRP_STREAM_SPLIT, and its inputs standardized with the mean and the
 * (population) standard deviation of the train split, per feature. The raw points are
 * computed in double with the core's own cosine, so every build makes the same bytes.
 * digits ignores samples and noise; only spiral and gauss read classes. */
#include "lrplay.h"
#include "util.h"
#include "data.h"
#include "fields.h"
#include "digits_data.h"
#include "csv.h"
#include "dmath.h"
#include "rng.h"
#include <math.h>     /* sqrt only: correctly rounded everywhere */
#include <stdlib.h>
#include <string.h>


struct lrp_dataset {
    lrp_data_cfg cfg;
    uint32_t seed;
    lrp_data_view view;
    float *buf;   /* x_train, y_train, x_val, y_val in one block */
};

static double dsin(double x) { return lrp_cos(x - 0.5 * LRP_PI); }

/* ------------------------------------------------------------- defaults */

/* From the field table: samples, noise and classes differ by kind there. */
lrp_status lrp_data_defaults(lrp_data_cfg *c, lrp_data_kind kind) {
    if (!c) return LRP_EINVAL;
    int known = (unsigned)kind < (unsigned)LRP_DATA__COUNT;
    if (!known) kind = LRP_DATA_SPIRAL;
    memset(c, 0, sizeof *c);
    lrp_table_defaults(&lrp_data_table, c, (int)kind);
    c->kind = kind;
    return known ? LRP_OK : LRP_EINVAL;
}

/* The fields the kind uses against the table's ranges (digits ignores samples, noise
 * and classes; only spiral and gauss read classes). */
static lrp_status validate(const lrp_data_cfg *c, char *err, size_t errlen) {
    if ((unsigned)c->kind >= (unsigned)LRP_DATA__COUNT) {
        lrp_say(err, errlen, "data.kind: unknown data set (%d)", (int)c->kind);
        return LRP_EINVAL;
    }
    lrp_status st = lrp_table_check(&lrp_data_table, LRP_KIND_BIT(c->kind), c, "", err, errlen);
    return st == LRP_OK ? lrp_data_check_table(c, err, errlen) : st;
}

/* A csv config either has no data yet (nothing recorded, or only the file's fingerprint: it
 * can be read, written and linked, not run) or records a whole shape. */
lrp_status lrp_data_check_table(const lrp_data_cfg *c, char *err, size_t errlen) {
    if (c->kind != LRP_DATA_CSV || !c->sha256[0]) return LRP_OK;
    if (c->rows == 0 && c->columns == 0 && c->outputs == 0) return LRP_OK;   /* a fingerprint only */
    if (c->rows < 2) return lrp_fail(err, errlen, LRP_EINVAL, "data.rows: at least 2 data rows are needed");
    if (c->columns < 2) return lrp_fail(err, errlen, LRP_EINVAL, "data.columns: a target and at least one feature are needed");
    if (c->outputs < 1 || (c->task == LRP_TASK_CLASSIFICATION && c->outputs < 2))
        return lrp_fail(err, errlen, LRP_EINVAL, "data.outputs: must be 1 for regression, at least 2 classes otherwise");
    if (c->task == LRP_TASK_AUTO) return lrp_fail(err, errlen, LRP_EINVAL, "data.task: a recorded shape has a task");
    return LRP_OK;
}

void lrp_data_split(size_t rows, double val_frac, size_t *n_train, size_t *n_val) {
    size_t v = (size_t)((double)rows * val_frac + 0.5);
    if (v < 1) v = 1;
    if (v > rows - 1) v = rows - 1;
    *n_val = v;
    *n_train = rows - v;
}

/* ----------------------------------------------------------- generators
 * Each fills x (n, n_in) row-major in double and y (n) with class ids or targets. */

/* Rows of group k when n rows are dealt to K groups: the first n % K get one more. */
static size_t group_size(size_t n, size_t K, size_t k) { return n / K + (k < n % K); }

/* CS231n: arm j has radii linspace(0, 1, N) and angles linspace(4j, 4(j+1), N) plus
 * noise * N(0, 1); the point is (r sin t, r cos t). */
static void gen_spiral(double *x, float *y, size_t n, size_t K, double noise, lrp_rng *r) {
    size_t row = 0;
    for (size_t j = 0; j < K; j++) {
        size_t nj = group_size(n, K, j);
        for (size_t i = 0; i < nj; i++, row++) {
            double f = nj > 1 ? (double)i / (double)(nj - 1) : 0.0;
            double t = 4.0 * (double)j + 4.0 * f + noise * (double)lrp_rng_normal(r);
            x[2 * row] = f * dsin(t);
            x[2 * row + 1] = f * lrp_cos(t);
            y[row] = (float)j;
        }
    }
}

/* sklearn make_circles(factor=0.5): n/2 points on the unit circle (class 0) and the rest
 * on the circle of radius 0.5 (class 1), evenly spaced, plus noise * N(0, 1) per axis. */
static void gen_circles(double *x, float *y, size_t n, double noise, lrp_rng *r) {
    size_t n_out = n / 2, row = 0;
    for (int k = 0; k < 2; k++) {
        size_t nk = k == 0 ? n_out : n - n_out;
        double rad = k == 0 ? 1.0 : 0.5;
        for (size_t i = 0; i < nk; i++, row++) {
            double a = 2.0 * LRP_PI * (double)i / (double)nk;
            x[2 * row] = rad * lrp_cos(a);
            x[2 * row + 1] = rad * dsin(a);
            y[row] = (float)k;
        }
    }
    for (size_t i = 0; i < 2 * n; i++) x[i] += noise * (double)lrp_rng_normal(r);
}

/* TensorFlow Playground's xor: x, y uniform in [-5, 5] pushed 0.3 away from the axes;
 * the label (1 where x y >= 0) is taken at the point moved by noise * U(-5, 5) per axis. */
static void gen_xor(double *x, float *y, size_t n, double noise, lrp_rng *r) {
    for (size_t i = 0; i < n; i++) {
        double px = -5.0 + 10.0 * (double)lrp_rng_uniform(r);
        px += px > 0.0 ? 0.3 : -0.3;
        double py = -5.0 + 10.0 * (double)lrp_rng_uniform(r);
        py += py > 0.0 ? 0.3 : -0.3;
        double nx = (-5.0 + 10.0 * (double)lrp_rng_uniform(r)) * noise;
        double ny = (-5.0 + 10.0 * (double)lrp_rng_uniform(r)) * noise;
        x[2 * i] = px;
        x[2 * i + 1] = py;
        y[i] = (px + nx) * (py + ny) >= 0.0 ? 1.0f : 0.0f;
    }
}

/* K Gaussian blobs of standard deviation noise, centered on the unit circle at angles
 * 2 pi k / K; the rows are dealt to the blobs evenly. */
static void gen_gauss(double *x, float *y, size_t n, size_t K, double noise, lrp_rng *r) {
    size_t row = 0;
    for (size_t k = 0; k < K; k++) {
        double a = 2.0 * LRP_PI * (double)k / (double)K;
        double cx = lrp_cos(a), cy = dsin(a);
        size_t nk = group_size(n, K, k);
        for (size_t i = 0; i < nk; i++, row++) {
            x[2 * row] = cx + noise * (double)lrp_rng_normal(r);
            x[2 * row + 1] = cy + noise * (double)lrp_rng_normal(r);
            y[row] = (float)k;
        }
    }
}

/* sklearn make_moons: the upper half circle (cos t, sin t), t = linspace(0, pi, n/2),
 * class 0, and the lower one (1 - cos t, 0.5 - sin t) for the rest, class 1, plus
 * noise * N(0, 1) per axis. */
static void gen_moons(double *x, float *y, size_t n, double noise, lrp_rng *r) {
    size_t n_out = n / 2, row = 0;
    for (int k = 0; k < 2; k++) {
        size_t nk = k == 0 ? n_out : n - n_out;
        for (size_t i = 0; i < nk; i++, row++) {
            double t = nk > 1 ? LRP_PI * (double)i / (double)(nk - 1) : 0.0;
            double c = lrp_cos(t), s = dsin(t);
            x[2 * row] = k == 0 ? c : 1.0 - c;
            x[2 * row + 1] = k == 0 ? s : 1.0 - s - 0.5;
            y[row] = (float)k;
        }
    }
    for (size_t i = 0; i < 2 * n; i++) x[i] += noise * (double)lrp_rng_normal(r);
}

/* y = sin(x) + noise * N(0, 1), x uniform in [-pi, pi). */
static void gen_sine(double *x, float *y, size_t n, double noise, lrp_rng *r) {
    for (size_t i = 0; i < n; i++) {
        double u = (double)lrp_rng_uniform(r);
        double xi = -LRP_PI + 2.0 * LRP_PI * u;
        x[i] = xi;
        y[i] = (float)(dsin(xi) + noise * (double)lrp_rng_normal(r));
    }
}

/* ---------------------------------------------------------------- digits */

static unsigned read_bits(size_t *pos, unsigned nbits) {
    unsigned v = 0;
    for (unsigned b = 0; b < nbits; b++, (*pos)++)
        v = (v << 1) | ((lrp_digits_bits[*pos >> 3] >> (7u - (*pos & 7u))) & 1u);
    return v;
}

int lrp_digits_decode(unsigned char *pixels, unsigned char *labels) {
    const size_t total_bits = 8 * sizeof lrp_digits_bits;
    size_t pos = 0;
    for (size_t i = 0; i < (size_t)LRP_DIGITS_N * LRP_DIGITS_IN; i++) {
        if (pos >= total_bits) return -1;
        if (read_bits(&pos, 1) == 0) { pixels[i] = 0; continue; }
        if (pos + 4 > total_bits) return -1;
        pixels[i] = (unsigned char)(1u + read_bits(&pos, 4));
    }
    if ((total_bits - pos) >= 8) return -1;   /* the stream ends in its last byte */
    for (size_t i = 0; i < LRP_DIGITS_N; i++) {
        unsigned l = (lrp_digits_labels[i >> 1] >> ((i & 1u) * 4u)) & 15u;
        if (l >= LRP_DIGITS_CLASSES) return -1;
        labels[i] = (unsigned char)l;
    }
    return 0;
}

/* ---------------------------------------------------------------- create */

/* Writes rows idx[0..m) of x (n_in wide) standardized with mean/sd into out (m, n_in), and
 * their targets (standardized with y_mean/y_sd: 0 and 1 leave class ids as they are). */
static void put_rows(float *out, float *yout, const double *x, const double *y, const uint32_t *idx,
                     size_t m, size_t n_in, const double *mean, const double *sd, double y_mean, double y_sd) {
    for (size_t i = 0; i < m; i++) {
        const double *row = x + (size_t)idx[i] * n_in;
        for (size_t f = 0; f < n_in; f++) out[i * n_in + f] = (float)((row[f] - mean[f]) / sd[f]);
        yout[i] = (float)((y[idx[i]] - y_mean) / y_sd);
    }
}

/* Mean and population sd of v[idx[i] * stride] over i < m; a constant gets sd 1 (only centered). */
static void mean_sd(const double *v, const uint32_t *idx, size_t m, size_t stride, double *mean, double *sd) {
    double s = 0.0;
    for (size_t i = 0; i < m; i++) s += v[(size_t)idx[i] * stride];
    double mu = s / (double)m;
    double var = 0.0;
    for (size_t i = 0; i < m; i++) {
        double dlt = v[(size_t)idx[i] * stride] - mu;
        var += dlt * dlt;
    }
    double s_d = sqrt(var / (double)m);
    *mean = mu;
    *sd = s_d > 1e-12 ? s_d : 1.0;
}

void lrp_data_shape(const lrp_data_cfg *c, size_t *rows, size_t *n_in, size_t *n_out) {
    if (lrp_builtin_shape(c->kind, rows, n_in, n_out, NULL)) return;
    if (c->kind == LRP_DATA_CSV) {   /* 0 x 0 until data is attached */
        *rows = c->rows;
        *n_in = c->columns ? c->columns - 1 : 0;
        *n_out = c->outputs;
        return;
    }
    int digits = c->kind == LRP_DATA_DIGITS;
    *rows = digits ? LRP_DIGITS_N : c->samples;
    *n_in = digits ? LRP_DIGITS_IN : c->kind == LRP_DATA_SINE ? 1 : 2;
    *n_out = digits ? LRP_DIGITS_CLASSES
           : c->kind == LRP_DATA_SINE ? 1
           : (c->kind == LRP_DATA_SPIRAL || c->kind == LRP_DATA_GAUSS) ? c->classes : 2;
}

/* A table's raw inputs and targets (tabular.c): the caller's CSV or a compiled-in table. */
static lrp_status table_arrays(const lrp_data_cfg *c, double **x, double **y, size_t *n, size_t *n_in, size_t *n_out,
                               int *regression, char *err, size_t errlen) {
    lrp_csv *own = NULL;
    const lrp_csv *t = c->csv;
    lrp_tab_plan p;
    lrp_status st;
    if (c->kind == LRP_DATA_CSV) {
        if (!t || !c->sha256[0])
            return lrp_fail(err, errlen, LRP_EINVAL, "data: no data for data.path \"%s\": the CSV file's bytes were not given", c->path);
        if (strcmp(c->sha256, lrp_csv_sha256(t)) != 0)
            return lrp_fail(err, errlen, LRP_EINVAL, "data.sha256: the data given is not the file the config names");
        st = lrp_tab_resolve(t, c->target, c->task, &p, err, errlen);
        if (st == LRP_OK && (p.classes != c->outputs || lrp_csv_rows(t) != c->rows || lrp_csv_columns(t) != c->columns))
            st = lrp_fail(err, errlen, LRP_EINVAL, "data: the recorded shape (data.rows, data.columns, data.outputs) is not the data's");
    } else {
        st = lrp_builtin_open(c->kind, &own, &p, err, errlen);
        t = own;
    }
    if (st == LRP_OK) st = lrp_tab_arrays(t, &p, x, y, err, errlen);
    if (st == LRP_OK) {
        *n = lrp_csv_rows(t);
        *n_in = lrp_csv_columns(t) - 1;
        *n_out = p.classes;
        *regression = p.task == LRP_TASK_REGRESSION;
    }
    lrp_csv_destroy(own);
    return st;
}

lrp_status lrp_dataset_create(lrp_dataset **out, const lrp_data_cfg *c, uint32_t seed, char *err, size_t errlen) {
    if (err && errlen) err[0] = '\0';
    if (!out || !c) { lrp_say(err, errlen, "data: missing argument"); return LRP_EINVAL; }
    *out = NULL;
    lrp_status st = validate(c, err, errlen);
    if (st != LRP_OK) return st;

    int digits = c->kind == LRP_DATA_DIGITS, table = c->kind >= LRP_DATA_CSV;
    int regression = c->kind == LRP_DATA_SINE;
    int standardize = table ? c->standardize : 1;
    size_t n, n_in, n_out;
    double *x = NULL, *y = NULL;
    float *yf = NULL;
    uint32_t *idx = NULL;
    double *stats = NULL;
    unsigned char *pix = NULL, *lab = NULL;
    lrp_dataset *d = NULL;
    if (table) {
        if ((st = table_arrays(c, &x, &y, &n, &n_in, &n_out, &regression, err, errlen)) != LRP_OK) goto done;
    } else {
        lrp_data_shape(c, &n, &n_in, &n_out);
    }

    size_t nx, nx_bytes, ny_bytes, idx_bytes, out_floats;
    size_t out_bytes;
    if (!lrp_size_mad(n, n_in, 0, &nx) || !lrp_size_mad(nx, sizeof(double), 0, &nx_bytes) ||
        !lrp_size_mad(n, sizeof(double), 0, &ny_bytes) || !lrp_size_mad(n, sizeof(uint32_t), 0, &idx_bytes) ||
        !lrp_size_mad(n, n_in + 1, 0, &out_floats) || !lrp_size_mad(out_floats, sizeof(float), 0, &out_bytes)) {
        lrp_say(err, errlen, "data: size overflow");
        st = LRP_ENOMEM;
        goto done;
    }
    d = calloc(1, sizeof *d);
    if (!table) {
        x = malloc(nx_bytes);
        y = malloc(ny_bytes);
        yf = malloc(n * sizeof(float));
    }
    idx = malloc(idx_bytes);
    stats = malloc(2 * n_in * sizeof(double));
    pix = digits ? malloc((size_t)LRP_DIGITS_N * LRP_DIGITS_IN) : NULL;
    lab = digits ? malloc(LRP_DIGITS_N) : NULL;
    if (d) d->buf = malloc(out_bytes);
    if (!d || !d->buf || !x || !y || (!table && !yf) || !idx || !stats || (digits && (!pix || !lab))) {
        lrp_say(err, errlen, "data: out of memory");
        st = LRP_ENOMEM;
        goto done;
    }

    lrp_rng rng;
    lrp_rng_seed(&rng, seed, LRP_STREAM_DATA);
    switch (c->kind) {
    case LRP_DATA_SPIRAL:  gen_spiral(x, yf, n, c->classes, c->noise, &rng); break;
    case LRP_DATA_CIRCLES: gen_circles(x, yf, n, c->noise, &rng); break;
    case LRP_DATA_XOR:     gen_xor(x, yf, n, c->noise, &rng); break;
    case LRP_DATA_GAUSS:   gen_gauss(x, yf, n, c->classes, c->noise, &rng); break;
    case LRP_DATA_MOONS:   gen_moons(x, yf, n, c->noise, &rng); break;
    case LRP_DATA_SINE:    gen_sine(x, yf, n, c->noise, &rng); break;
    case LRP_DATA_DIGITS:
        if (lrp_digits_decode(pix, lab) != 0) {
            lrp_say(err, errlen, "data: the compiled-in digits set is corrupt");
            st = LRP_EINVAL;
            goto done;
        }
        for (size_t i = 0; i < nx; i++) x[i] = (double)pix[i];
        for (size_t i = 0; i < n; i++) yf[i] = (float)lab[i];
        break;
    default: break;   /* tables: read above */
    }
    if (!table) for (size_t i = 0; i < n; i++) y[i] = (double)yf[i];

    /* Split: a seeded permutation; its first n_train rows train, the rest validate. */
    size_t n_train, n_val;
    lrp_data_split(n, c->val_frac, &n_train, &n_val);
    for (size_t i = 0; i < n; i++) idx[i] = (uint32_t)i;
    lrp_rng split;
    lrp_rng_seed(&split, seed, LRP_STREAM_SPLIT);
    lrp_rng_shuffle(&split, idx, n);

    /* Standardize with the train split's per-feature mean and population sd (and a table's
     * regression target the same way). */
    double *mean = stats, *sd = stats + n_in, y_mean = 0.0, y_sd = 1.0;
    for (size_t f = 0; f < n_in; f++) {
        if (standardize) mean_sd(x + f, idx, n_train, n_in, &mean[f], &sd[f]);
        else { mean[f] = 0.0; sd[f] = 1.0; }
    }
    if (table && regression && standardize) mean_sd(y, idx, n_train, 1, &y_mean, &y_sd);

    float *x_train = d->buf;
    float *y_train = x_train + n_train * n_in;
    float *x_val = y_train + n_train;
    float *y_val = x_val + n_val * n_in;
    put_rows(x_train, y_train, x, y, idx, n_train, n_in, mean, sd, y_mean, y_sd);
    put_rows(x_val, y_val, x, y, idx + n_train, n_val, n_in, mean, sd, y_mean, y_sd);

    d->cfg = *c;
    d->cfg.csv = NULL;
    d->seed = seed;
    d->view.n_train = n_train;
    d->view.n_val = n_val;
    d->view.n_in = n_in;
    d->view.n_out = n_out;
    d->view.loss = regression ? LRP_LOSS_MSE : LRP_LOSS_CROSS_ENTROPY;
    d->view.x_train = x_train;
    d->view.y_train = y_train;
    d->view.x_val = x_val;
    d->view.y_val = y_val;
    *out = d;
    d = NULL;
    st = LRP_OK;

done:
    free(x); free(y); free(yf); free(idx); free(stats); free(pix); free(lab);
    lrp_dataset_destroy(d);
    return st;
}

void lrp_dataset_destroy(lrp_dataset *d) {
    if (!d) return;
    free(d->buf);
    free(d);
}

void lrp_dataset_view(const lrp_dataset *d, lrp_data_view *v) {
    if (!v) return;
    if (!d) { memset(v, 0, sizeof *v); return; }
    *v = d->view;
}
