/* lrplay_data.h: the data sets, the generated ones and CSV tables (data.c, csv.c, tabular.c,
 * sha256.c). Part of lrplay.h, which includes it after the limits: include lrplay.h. Public
 * like it: every function here is marked LRP_API and exported by the wasm build. */
#ifndef LRPLAY_DATA_H
#define LRPLAY_DATA_H
#ifndef LRPLAY_H
#error "include lrplay.h, not lrplay_data.h"
#endif

typedef enum {
    LRP_DATA_SPIRAL = 0, LRP_DATA_CIRCLES, LRP_DATA_XOR, LRP_DATA_GAUSS, LRP_DATA_MOONS,
    LRP_DATA_SINE, LRP_DATA_DIGITS,
    LRP_DATA_CSV,                    /* the caller's table (lrp_csv_parse, lrp_exp_attach_csv) */
    LRP_DATA_IRIS, LRP_DATA_WINE, LRP_DATA_BREAST_CANCER, LRP_DATA_DIABETES,  /* compiled-in tables */
    LRP_DATA__COUNT
} lrp_data_kind;

typedef enum { LRP_TASK_AUTO = 0, LRP_TASK_CLASSIFICATION, LRP_TASK_REGRESSION } lrp_task;
typedef enum { LRP_HEADER_AUTO = 0, LRP_HEADER_YES, LRP_HEADER_NO } lrp_header;
typedef enum { LRP_SEP_AUTO = 0, LRP_SEP_COMMA, LRP_SEP_SEMICOLON, LRP_SEP_TAB } lrp_separator;

typedef struct lrp_csv lrp_csv;

typedef struct {
    lrp_data_kind kind;
    size_t samples;      /* ignored by digits (1 797) */
    double noise;
    double val_frac;     /* fraction held out for validation */
    size_t classes;      /* spiral and gauss: 2..10; others fixed */
    /* Tables: standardize the inputs (and a regression target) with the train split's
     * mean and sd. csv: the file's name, its fingerprint and shape (recorded when the data
     * is attached), the target column (name or 0-based index; "" = the last), the task, and
     * how the file is read. */
    int standardize;
    char path[LRP_MAX_PATH + 1];
    char sha256[65];     /* lowercase hex; "" until data is attached */
    size_t rows, columns, outputs;   /* data rows, columns in the file, network outputs */
    char target[LRP_MAX_NAME + 1];
    lrp_task task;
    lrp_header header;
    lrp_separator separator;
    const lrp_csv *csv;  /* borrowed from the caller: the parsed file (lrp_exp_attach_csv) */
} lrp_data_cfg;

typedef struct lrp_dataset lrp_dataset;
LRP_API lrp_status lrp_data_defaults(lrp_data_cfg *c, lrp_data_kind kind);
/* Rows, inputs and outputs (classes, or targets) the config makes, without making it. */
LRP_API void       lrp_data_shape(const lrp_data_cfg *c, size_t *rows, size_t *n_in, size_t *n_out);
LRP_API lrp_status lrp_dataset_create(lrp_dataset **out, const lrp_data_cfg *c, uint32_t seed, char *err, size_t errlen);
LRP_API void       lrp_dataset_destroy(lrp_dataset *d);
typedef struct {
    size_t n_train, n_val, n_in, n_out;   /* n_out: classes, or targets for regression */
    lrp_loss loss;
    const float *x_train, *y_train, *x_val, *y_val;  /* standardized inputs; y as in lrp_mlp_loss */
} lrp_data_view;
LRP_API void lrp_dataset_view(const lrp_dataset *d, lrp_data_view *v);

/* ----------------------------------------------------------- CSV tables */
/* Parses the bytes of a CSV/TSV file (the core copies what it keeps; the caller frees the
 * bytes when it likes): RFC 4180 quoting, CRLF or LF, a UTF-8 BOM, a header row and the
 * separator detected or stated, blank lines skipped. Numbers are decimal text, correctly
 * rounded to double. Refuses (LRP_EINVAL / LRP_ELIMIT, one line in err naming the row and
 * column) files that are empty, binary, ragged, too big or without data rows. Cells that are
 * not numbers are kept as text: whether that is an error depends on the target chosen. */
LRP_API lrp_status lrp_csv_parse(lrp_csv **out, const void *bytes, size_t n, lrp_header header, lrp_separator sep,
                                 char *err, size_t errlen);
LRP_API void        lrp_csv_destroy(lrp_csv *t);
LRP_API size_t      lrp_csv_rows(const lrp_csv *t);          /* data rows, header excluded */
LRP_API size_t      lrp_csv_columns(const lrp_csv *t);
LRP_API lrp_header  lrp_csv_header(const lrp_csv *t);        /* YES or NO: what was read */
LRP_API lrp_separator lrp_csv_separator(const lrp_csv *t);   /* COMMA, SEMICOLON or TAB */
LRP_API const char *lrp_csv_sha256(const lrp_csv *t);        /* of the bytes, 64 lowercase hex digits */
LRP_API const char *lrp_csv_name(const lrp_csv *t, size_t col);  /* header name, or the index as text */
/* 1 when every cell of the column is a finite number (then values hold them). */
LRP_API int         lrp_csv_numeric(const lrp_csv *t, size_t col);
LRP_API const double *lrp_csv_values(const lrp_csv *t);      /* (rows, columns) row-major; NaN where not a number */
/* A cell's text for a column that is not numeric (NULL for numeric columns). */
LRP_API const char *lrp_csv_text(const lrp_csv *t, size_t row, size_t col);

/* SHA-256 (FIPS 180-4) of n bytes: 32 bytes, or 64 lowercase hex digits and a NUL. */
LRP_API void lrp_sha256(const void *data, size_t n, unsigned char out[32]);
LRP_API void lrp_sha256_hex(const void *data, size_t n, char out[65]);

#endif /* LRPLAY_DATA_H */
