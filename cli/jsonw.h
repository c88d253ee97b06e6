/* jsonw.h — a small streaming JSON writer for the CLI's output.
 * Numbers are written with %.17g so that every float32 and float64 value parses back to
 * the same bits (cJSON's own printer rounds to 15 digits when that is "close enough").
 * NaN and infinities are written as null. */
#ifndef LRP_JSONW_H
#define LRP_JSONW_H
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    FILE *f;
    int depth;
    int need_comma[64];
} jsonw;

void jw_init(jsonw *w, FILE *f);
void jw_obj_begin(jsonw *w);
void jw_obj_end(jsonw *w);
void jw_arr_begin(jsonw *w);
void jw_arr_end(jsonw *w);
void jw_key(jsonw *w, const char *key);     /* the next value belongs to this key */
void jw_num(jsonw *w, double v);
void jw_int(jsonw *w, int64_t v);
void jw_bool(jsonw *w, int v);
void jw_null(jsonw *w);
void jw_str(jsonw *w, const char *s);
void jw_doubles(jsonw *w, const double *v, size_t n);
void jw_floats(jsonw *w, const float *v, size_t n);
#endif
