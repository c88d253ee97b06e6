/* data.h — internals of the data sets (c_src/data.c) that the tests reach.
 * The public side (lrp_data_defaults, lrp_dataset_*) is in lrplay.h. */
#ifndef LRP_DATA_H
#define LRP_DATA_H
#include <stddef.h>
#include "lrplay.h"

#define LRP_DIGITS_N      1797   /* rows of the digits set */
#define LRP_DIGITS_IN     64     /* 8x8 pixels, each 0..16 */
#define LRP_DIGITS_CLASSES 10

/* Decodes the compiled-in digits set (c_src/digits_data.h) in its file order:
 * pixels is (LRP_DIGITS_N, LRP_DIGITS_IN) row-major, labels is (LRP_DIGITS_N).
 * Returns 0, or -1 if the packed stream is inconsistent (never for a good build). */
int lrp_digits_decode(unsigned char *pixels, unsigned char *labels);

/* The split of rows into train and validation rows: round(rows * val_frac), at least 1
 * and at most rows - 1 held out (rows >= 2). */
void lrp_data_split(size_t rows, double val_frac, size_t *n_train, size_t *n_val);

/* A csv config records a whole shape once data is attached (data.sha256 set), or none. */
lrp_status lrp_data_check_table(const lrp_data_cfg *c, char *err, size_t errlen);

#endif
