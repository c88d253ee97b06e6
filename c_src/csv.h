/* csv.h — internals of the CSV reader (c_src/csv.c, decimal.c) and of the tables built from
 * it (c_src/tabular.c) that data.c and the tests reach. The public side is in lrplay.h. */
#ifndef LRP_CSV_H
#define LRP_CSV_H
#include "lrplay.h"
#include <stddef.h>

/* Decimal text s[0..n) ([+-]digits[.digits][(e|E)[+-]digits], nothing else) to the nearest
 * double, ties to even; overflow gives infinity. Returns 1, or 0 when s is not such a number. */
int lrp_decimal_parse(const char *s, size_t n, double *out);

/* Why a cell is not a number (the column's first such cell is kept for the message). */
typedef enum { LRP_CELL_OK = 0, LRP_CELL_TEXT, LRP_CELL_EMPTY, LRP_CELL_NONFINITE, LRP_CELL_RANGE } lrp_cell_problem;

/* The first cell of a column that is not a number: its row (the file's line) and text. */
typedef struct { long line; lrp_cell_problem why; char text[52]; } lrp_csv_bad;
const lrp_csv_bad *lrp_csv_first_bad(const lrp_csv *t, size_t col);
long lrp_csv_line(const lrp_csv *t, size_t row);   /* the file's line of data row `row` */
/* "row 17, column \"x\": \"n/a\" is not a number" for a bad cell. */
void lrp_csv_say_bad(const lrp_csv *t, size_t col, char *err, size_t errlen);
/* How a column is named in messages: column "x", or column 3 without a header. */
void lrp_csv_col_ref(const lrp_csv *t, size_t col, char *buf, size_t n);

/* tabular.c: what a table's experiment resolves to. */
typedef struct { size_t target; lrp_task task; size_t classes; } lrp_tab_plan;
lrp_status lrp_tab_resolve(const lrp_csv *t, const char *target, lrp_task task, lrp_tab_plan *out, char *err, size_t errlen);
/* The table as raw inputs x (rows, columns - 1) in double and targets y (rows): class ids,
 * or the target's value. Both malloc'd, the caller's to free. */
lrp_status lrp_tab_arrays(const lrp_csv *t, const lrp_tab_plan *p, double **x, double **y, char *err, size_t errlen);
/* Compiled-in tables: 1 and the shape for a table kind, 0 for other kinds. */
int lrp_builtin_shape(lrp_data_kind kind, size_t *rows, size_t *n_in, size_t *n_out, lrp_task *task);
/* A compiled-in table parsed and planned (target: the last column). */
lrp_status lrp_builtin_open(lrp_data_kind kind, lrp_csv **t, lrp_tab_plan *p, char *err, size_t errlen);
#endif
