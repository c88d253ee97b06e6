/* jsonw.c — see jsonw.h. */
#include "jsonw.h"

#include <inttypes.h>
#include <math.h>

void jw_init(jsonw *w, FILE *f) { w->f = f; w->depth = 0; w->need_comma[0] = 0; }

/* Before any value: a comma if this container already holds one. After a key the
 * comma was written by jw_key, so need_comma is cleared there and set again here. */
static void before_value(jsonw *w) {
    if (w->need_comma[w->depth]) fputc(',', w->f);
    w->need_comma[w->depth] = 1;
}

static void open(jsonw *w, char c) {
    before_value(w);
    fputc(c, w->f);
    if (w->depth < 63) w->depth++;
    w->need_comma[w->depth] = 0;
}

static void close_(jsonw *w, char c) {
    fputc(c, w->f);
    if (w->depth > 0) w->depth--;
    if (w->depth == 0) fputc('\n', w->f);
}

void jw_obj_begin(jsonw *w) { open(w, '{'); }
void jw_obj_end(jsonw *w) { close_(w, '}'); }
void jw_arr_begin(jsonw *w) { open(w, '['); }
void jw_arr_end(jsonw *w) { close_(w, ']'); }

static void write_string(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':  fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20) fprintf(f, "\\u%04x", *p);
            else fputc(*p, f);
        }
    }
    fputc('"', f);
}

void jw_key(jsonw *w, const char *key) {
    before_value(w);
    write_string(w->f, key);
    fputc(':', w->f);
    w->need_comma[w->depth] = 0;   /* the value that follows takes no comma */
}

static void after_keyed_value(jsonw *w) { w->need_comma[w->depth] = 1; }

void jw_num(jsonw *w, double v) {
    before_value(w);
    if (isfinite(v)) fprintf(w->f, "%.17g", v);
    else fputs("null", w->f);
    after_keyed_value(w);
}
void jw_int(jsonw *w, int64_t v) { before_value(w); fprintf(w->f, "%" PRId64, v); after_keyed_value(w); }
void jw_bool(jsonw *w, int v) { before_value(w); fputs(v ? "true" : "false", w->f); after_keyed_value(w); }
void jw_null(jsonw *w) { before_value(w); fputs("null", w->f); after_keyed_value(w); }
void jw_str(jsonw *w, const char *s) { before_value(w); write_string(w->f, s); after_keyed_value(w); }

void jw_doubles(jsonw *w, const double *v, size_t n) {
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) jw_num(w, v[i]);
    jw_arr_end(w);
}
void jw_floats(jsonw *w, const float *v, size_t n) {
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) jw_num(w, (double)v[i]);
    jw_arr_end(w);
}
