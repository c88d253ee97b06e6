/* csv.c — reading a CSV/TSV file's bytes into a table of doubles (and the text of the
 * columns that are not numbers), the same way on every build.
 *
 * The format is RFC 4180 with the usual slack: records end in CRLF, LF or a lone CR; a
 * field in double quotes may hold separators, line breaks and doubled quotes; a UTF-8 BOM is
 * skipped; blank lines are skipped (trailing ones are common); the separator (comma,
 * semicolon or tab) and the header row are detected unless stated. Spaces around a number
 * are ignored. Rows in messages are the file's line numbers (the header is line 1), so an
 * editor or a spreadsheet finds the cell; columns are named by their header, or by their
 * 0-based index (as data.target takes it) when there is none.
 *
 * Memory is bounded by the limits: the file is refused past LRP_MAX_CSV_BYTES, more than
 * LRP_MAX_SAMPLES data rows or LRP_MAX_FEATURES + 1 columns before anything is allocated
 * for them; the table is rows x columns doubles plus the text of non-numeric columns. */
#include "csv.h"
#include "util.h"

#include <math.h>     /* NAN */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define MAX_COLS (LRP_MAX_FEATURES + 1)

struct lrp_csv {
    size_t rows, cols;
    lrp_header header;
    lrp_separator sep;
    char sha256[65];
    char (*names)[LRP_MAX_NAME + 1];  /* cols */
    double *num;                      /* rows x cols */
    long *lines;                      /* rows: the line each data row starts on */
    lrp_csv_bad *bad;                 /* cols: line 0 = every cell a number */
    size_t **text_off;                /* cols: NULL, or rows offsets into text */
    char *text;
};

typedef struct { size_t start, len; int quoted, escapes; } field;
typedef struct { const unsigned char *p; size_t n, i; char sep; long line; } scanner;

/* ------------------------------------------------------------ checks */
/* A NUL byte or bytes that are not UTF-8: not a text file. Returns the line, or 0 when fine. */
static long binary_line(const unsigned char *p, size_t n, size_t *at) {
    long line = 1;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        size_t k = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0) { *at = i; return line; }
        if (c == '\n' || (c == '\r' && (i + 1 >= n || p[i + 1] != '\n'))) line++;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) k = 1;
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
        else { *at = i; return line; }
        if (i + k >= n) { *at = i; return line; }   /* cut short by the end of the file */
        for (size_t j = 1; j <= k; j++) {
            unsigned b = p[i + j];
            unsigned l = j == 1 ? lo : 0x80, h = j == 1 ? hi : 0xBF;
            if (b < l || b > h) { *at = i; return line; }
        }
        i += k + 1;
    }
    return 0;
}

/* ---------------------------------------------------------- scanning */
/* One field from s->i. Returns 1 when a separator follows, 0 at the end of the record,
 * -1 on a quoting error (err says where). */
static int read_field(scanner *s, field *f, size_t col, char *err, size_t errlen) {
    const unsigned char *p = s->p;
    size_t i = s->i, n = s->n;
    f->quoted = 0;
    f->escapes = 0;
    if (i < n && p[i] == '"') {
        long start_line = s->line;
        f->quoted = 1;
        f->start = ++i;
        for (;;) {
            if (i >= n) {
                lrp_say(err, errlen, "data: row %ld, column %zu: a quoted field is not closed", start_line, col);
                return -1;
            }
            if (p[i] == '"') {
                if (i + 1 < n && p[i + 1] == '"') { f->escapes++; i += 2; continue; }
                break;
            }
            if (p[i] == '\n' || (p[i] == '\r' && (i + 1 >= n || p[i + 1] != '\n'))) s->line++;
            i++;
        }
        f->len = i - f->start;
        i++;
        while (i < n && p[i] == ' ') i++;
        if (i < n && p[i] != (unsigned char)s->sep && p[i] != '\n' && p[i] != '\r') {
            lrp_say(err, errlen, "data: row %ld, column %zu: text after a closing quote (a quote inside a quoted "
                    "field is written twice)", s->line, col);
            return -1;
        }
    } else {
        f->start = i;
        while (i < n && p[i] != (unsigned char)s->sep && p[i] != '\n' && p[i] != '\r') i++;
        f->len = i - f->start;
    }
    if (i < n && p[i] == (unsigned char)s->sep) { s->i = i + 1; return 1; }
    if (i < n && p[i] == '\r') { i++; if (i < n && p[i] == '\n') i++; s->line++; }
    else if (i < n && p[i] == '\n') { i++; s->line++; }
    s->i = i;
    return 0;
}

/* The next record that is not blank into f[0..*count) (at most max; *count = max + 1 says
 * "more"). Returns 1, 0 at the end of the file, -1 on error. *line: the line it starts on. */
static int next_record(scanner *s, field *f, size_t max, size_t *count, long *line, char *err, size_t errlen) {
    for (;;) {
        if (s->i >= s->n) return 0;
        *line = s->line;
        size_t k = 0;
        field tmp;
        int more;
        do {
            field *dst = k < max ? &f[k] : &tmp;
            more = read_field(s, dst, k, err, errlen);
            if (more < 0) return -1;
            k++;
        } while (more);
        if (k == 1 && !f[0].quoted && f[0].len == 0) continue;   /* a blank line */
        *count = k > max ? max + 1 : k;
        return 1;
    }
}

/* The field's text with quotes undone, into buf (cap bytes, NUL-terminated; cut at cap
 * before a whole UTF-8 character). */
static size_t field_text(const scanner *s, const field *f, char *buf, size_t cap) {
    size_t o = 0, i = 0;
    for (; i < f->len && o + 1 < cap; i++) {
        unsigned char c = s->p[f->start + i];
        buf[o++] = (char)c;
        if (c == '"' && f->escapes) i++;
    }
    if (i < f->len) {   /* cut: drop a partial character */
        size_t lead = o;
        while (lead > 0 && (((unsigned char)buf[lead - 1]) & 0xC0) == 0x80) lead--;
        if (lead > 0) {
            unsigned c = (unsigned char)buf[lead - 1];
            size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (o - (lead - 1) < want) o = lead - 1;
        }
    }
    buf[o] = 0;
    return o;
}

/* Spaces off both ends, in place. */
static void trim_spaces(char *a) {
    size_t b = 0, m = strlen(a);
    while (b < m && a[b] == ' ') b++;
    while (m > b && a[m - 1] == ' ') m--;
    memmove(a, a + b, m - b);
    a[m - b] = 0;
}

static int is_space(unsigned char c, char sep) { return c == ' ' || (c == '\t' && sep != '\t'); }

/* The cell as a number: LRP_CELL_OK and *v, or why not. */
static lrp_cell_problem cell_number(const scanner *s, const field *f, double *v) {
    const unsigned char *a = s->p + f->start, *b = a + f->len;
    while (a < b && is_space(*a, s->sep)) a++;
    while (b > a && is_space(b[-1], s->sep)) b--;
    if (a == b) return LRP_CELL_EMPTY;
    if (f->escapes || !lrp_decimal_parse((const char *)a, (size_t)(b - a), v)) {
        static const char *const words[] = {"nan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity",
                                            "+nan", "-nan", NULL};
        size_t len = (size_t)(b - a);
        for (int w = 0; words[w]; w++) {
            if (strlen(words[w]) != len) continue;
            size_t k = 0;
            while (k < len && (a[k] | 0x20) == (unsigned char)words[w][k]) k++;
            if (k == len) return LRP_CELL_NONFINITE;
        }
        return LRP_CELL_TEXT;
    }
    if (!(*v <= 3.4028234663852886e38 && *v >= -3.4028234663852886e38)) return LRP_CELL_RANGE;
    return LRP_CELL_OK;
}

/* ------------------------------------------------------- detection */
static const char SEPS[] = {0, ',', ';', '\t'};

/* Fields per record over the first records with separator c: the count when they agree and
 * exceed 1, else 0. */
static size_t consistent_fields(const unsigned char *p, size_t n, char c, field *f) {
    scanner s = {p, n, 0, c, 1};
    size_t want = 0, k;
    long line;
    for (int r = 0; r < 10; r++) {
        int got = next_record(&s, f, MAX_COLS + 1, &k, &line, NULL, 0);
        if (got < 0) return 0;
        if (got == 0) break;
        if (r == 0) want = k;
        else if (k != want) return 0;
    }
    return want > 1 ? want : 0;
}

static lrp_separator detect_sep(const unsigned char *p, size_t n, field *f) {
    if (consistent_fields(p, n, '\t', f)) return LRP_SEP_TAB;
    if (consistent_fields(p, n, ';', f)) return LRP_SEP_SEMICOLON;
    return LRP_SEP_COMMA;
}

/* A header: some column's first cell is not a number while its second is (with only one
 * record: any cell that is not a number). */
static int detect_header(const scanner *s0, field *f) {
    scanner s = *s0;
    size_t k1, k2;
    long line;
    if (next_record(&s, f, MAX_COLS, &k1, &line, NULL, 0) != 1) return 0;
    if (k1 > MAX_COLS) return 0;
    field *g = f + MAX_COLS + 1;
    int second = next_record(&s, g, MAX_COLS, &k2, &line, NULL, 0) == 1;
    for (size_t j = 0; j < k1; j++) {
        double v;
        int first_num = cell_number(&s, &f[j], &v) == LRP_CELL_OK;
        if (first_num) continue;
        if (!second) return 1;
        if (j < k2 && cell_number(&s, &g[j], &v) == LRP_CELL_OK) return 1;
    }
    return 0;
}

/* --------------------------------------------------------------- parse */
void lrp_csv_destroy(lrp_csv *t) {
    if (!t) return;
    if (t->text_off) for (size_t j = 0; j < t->cols; j++) free(t->text_off[j]);
    free(t->text_off);
    free(t->text);
    free(t->names);
    free(t->num);
    free(t->lines);
    free(t->bad);
    free(t);
}

static lrp_status fail(lrp_csv *t, field *f, lrp_status st) {
    lrp_csv_destroy(t);
    free(f);
    return st;
}

lrp_status lrp_csv_parse(lrp_csv **out, const void *bytes, size_t n, lrp_header header, lrp_separator sep,
                         char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    if (!out || (!bytes && n)) return lrp_fail(err, errlen, LRP_EINVAL, "data: missing argument");
    *out = NULL;
    if (n > LRP_MAX_CSV_BYTES)
        return lrp_fail(err, errlen, LRP_ELIMIT, "data: the file is %zu bytes; at most %u MiB", n, LRP_MAX_CSV_BYTES >> 20);
    const unsigned char *p = bytes;
    size_t at = 0;
    long bl = binary_line(p, n, &at);
    if (bl) return lrp_fail(err, errlen, LRP_EINVAL, "data: row %ld: %s at byte %zu; this is not a UTF-8 text file",
                            bl, p[at] == 0 ? "a NUL byte" : "bytes that are not UTF-8", at);
    size_t skip = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
    field *f = malloc(2 * (MAX_COLS + 1) * sizeof *f);
    lrp_csv *t = calloc(1, sizeof *t);
    if (!f || !t) { lrp_say(err, errlen, "data: out of memory"); return fail(t, f, LRP_ENOMEM); }
    lrp_sha256_hex(p, n, t->sha256);
    if ((unsigned)sep > LRP_SEP_TAB || (unsigned)header > LRP_HEADER_NO) {
        lrp_say(err, errlen, "data: unknown header or separator setting");
        return fail(t, f, LRP_EINVAL);
    }
    t->sep = sep == LRP_SEP_AUTO ? detect_sep(p + skip, n - skip, f) : sep;
    scanner s0 = {p + skip, n - skip, 0, SEPS[t->sep], 1};
    t->header = header != LRP_HEADER_AUTO ? header : detect_header(&s0, f) ? LRP_HEADER_YES : LRP_HEADER_NO;

    /* One pass: shape, names and numbers (storage grows with the rows, up to the limit). */
    scanner s = s0;
    size_t k, cols = 0, rows = 0, cap = 0;
    long line;
    int got, first = 1, texts = 0;
    while ((got = next_record(&s, f, MAX_COLS, &k, &line, err, errlen)) == 1) {
        if (cols == 0) {
            if (k > MAX_COLS) {
                lrp_say(err, errlen, "data: row %ld has more than %d columns (at most %d features and the target)",
                        line, MAX_COLS, LRP_MAX_FEATURES);
                return fail(t, f, LRP_ELIMIT);
            }
            if (k < 2) {
                lrp_say(err, errlen, "data: row %ld has one column; a table needs a target and at least one feature "
                        "(separators: comma, semicolon or tab)", line);
                return fail(t, f, LRP_EINVAL);
            }
            cols = k;
            t->cols = cols;
            t->names = calloc(cols, sizeof *t->names);
            t->bad = calloc(cols, sizeof *t->bad);
            t->text_off = calloc(cols, sizeof *t->text_off);
            if (!t->names || !t->bad || !t->text_off) { lrp_say(err, errlen, "data: out of memory"); return fail(t, f, LRP_ENOMEM); }
        } else if (k != cols) {
            lrp_say(err, errlen, "data: row %ld has %s%zu columns, the first row %zu", line, k > MAX_COLS ? "over " : "",
                    k > MAX_COLS ? (size_t)MAX_COLS : k, cols);
            return fail(t, f, LRP_EINVAL);
        }
        if (first && t->header == LRP_HEADER_YES) {
            for (size_t j = 0; j < cols; j++) {
                field_text(&s, &f[j], t->names[j], sizeof t->names[j]);
                trim_spaces(t->names[j]);
            }
            first = 0;
            continue;
        }
        first = 0;
        if (rows == LRP_MAX_SAMPLES) {
            lrp_say(err, errlen, "data: row %ld: more than %d data rows", line, LRP_MAX_SAMPLES);
            return fail(t, f, LRP_ELIMIT);
        }
        if (rows == cap) {   /* cols <= 513 and rows <= 20 000: no overflow */
            cap = cap ? (2 * cap > LRP_MAX_SAMPLES ? LRP_MAX_SAMPLES : 2 * cap) : 64;
            double *num = realloc(t->num, cap * cols * sizeof *num);
            if (num) t->num = num;
            long *lines = realloc(t->lines, cap * sizeof *lines);
            if (lines) t->lines = lines;
            if (!num || !lines) { lrp_say(err, errlen, "data: out of memory"); return fail(t, f, LRP_ENOMEM); }
        }
        t->lines[rows] = line;
        double *row = t->num + rows * cols;
        for (size_t j = 0; j < cols; j++) {
            double v = 0;
            lrp_cell_problem why = cell_number(&s, &f[j], &v);
            if (why != LRP_CELL_OK) {
                v = (double)NAN;
                if (t->bad[j].line == 0) {
                    t->bad[j].line = line;
                    t->bad[j].why = why;
                    field_text(&s, &f[j], t->bad[j].text, 41);
                    trim_spaces(t->bad[j].text);
                    if (f[j].len > 40) memcpy(t->bad[j].text + strlen(t->bad[j].text), "...", 4);
                    texts = 1;
                }
            }
            row[j] = v;
        }
        rows++;
    }
    if (got < 0) return fail(t, f, LRP_EINVAL);
    if (cols == 0) { lrp_say(err, errlen, "data: the file is empty"); return fail(t, f, LRP_EINVAL); }
    if (rows == 0) { lrp_say(err, errlen, "data: a header row and no data rows"); return fail(t, f, LRP_EINVAL); }
    if (rows < 2) { lrp_say(err, errlen, "data: one data row; at least 2 are needed (to train and to validate)"); return fail(t, f, LRP_EINVAL); }
    t->rows = rows;
    size_t r;
    if (t->header == LRP_HEADER_NO) for (size_t j = 0; j < cols; j++) snprintf(t->names[j], sizeof t->names[j], "%zu", j);

    /* Pass 3: the text of the columns that are not all numbers (one may be the target). */
    if (texts) {
        t->text = malloc(n + rows * cols + 1);
        if (!t->text) { lrp_say(err, errlen, "data: out of memory"); return fail(t, f, LRP_ENOMEM); }
        for (size_t j = 0; j < cols; j++) {
            if (!t->bad[j].line) continue;
            if (!(t->text_off[j] = malloc(rows * sizeof(size_t)))) { lrp_say(err, errlen, "data: out of memory"); return fail(t, f, LRP_ENOMEM); }
        }
        s = s0;
        size_t used = 0;
        r = 0;
        first = t->header == LRP_HEADER_YES;
        while (next_record(&s, f, MAX_COLS, &k, &line, NULL, 0) == 1) {
            if (first) { first = 0; continue; }
            for (size_t j = 0; j < cols; j++) {
                if (!t->text_off[j]) continue;
                t->text_off[j][r] = used;
                char *dst = t->text + used;
                field_text(&s, &f[j], dst, f[j].len + 1);
                trim_spaces(dst);
                used += strlen(dst) + 1;
            }
            r++;
        }
    }
    free(f);
    *out = t;
    return LRP_OK;
}

/* ------------------------------------------------------------ access */
size_t lrp_csv_rows(const lrp_csv *t) { return t ? t->rows : 0; }
size_t lrp_csv_columns(const lrp_csv *t) { return t ? t->cols : 0; }
lrp_header lrp_csv_header(const lrp_csv *t) { return t ? t->header : LRP_HEADER_AUTO; }
lrp_separator lrp_csv_separator(const lrp_csv *t) { return t ? t->sep : LRP_SEP_AUTO; }
const char *lrp_csv_sha256(const lrp_csv *t) { return t ? t->sha256 : ""; }
const char *lrp_csv_name(const lrp_csv *t, size_t col) { return t && col < t->cols ? t->names[col] : NULL; }
int lrp_csv_numeric(const lrp_csv *t, size_t col) { return t && col < t->cols && t->bad[col].line == 0; }
const double *lrp_csv_values(const lrp_csv *t) { return t ? t->num : NULL; }
const char *lrp_csv_text(const lrp_csv *t, size_t row, size_t col) {
    if (!t || row >= t->rows || col >= t->cols || !t->text_off[col]) return NULL;
    return t->text + t->text_off[col][row];
}
const lrp_csv_bad *lrp_csv_first_bad(const lrp_csv *t, size_t col) { return &t->bad[col]; }
long lrp_csv_line(const lrp_csv *t, size_t row) { return t->lines[row]; }

void lrp_csv_col_ref(const lrp_csv *t, size_t col, char *buf, size_t n) {
    if (t->header == LRP_HEADER_YES) snprintf(buf, n, "column \"%s\"", t->names[col]);
    else snprintf(buf, n, "column %zu", col);
}

void lrp_csv_say_bad(const lrp_csv *t, size_t col, char *err, size_t errlen) {
    const lrp_csv_bad *b = &t->bad[col];
    char ref[LRP_MAX_NAME + 16];
    lrp_csv_col_ref(t, col, ref, sizeof ref);
    switch (b->why) {
    case LRP_CELL_EMPTY: lrp_say(err, errlen, "data: row %ld, %s: the cell is empty", b->line, ref); break;
    case LRP_CELL_NONFINITE: lrp_say(err, errlen, "data: row %ld, %s: \"%s\" is not a finite number", b->line, ref, b->text); break;
    case LRP_CELL_RANGE: lrp_say(err, errlen, "data: row %ld, %s: \"%s\" is out of range (float32: at most 3.4e38 in size)", b->line, ref, b->text); break;
    default: lrp_say(err, errlen, "data: row %ld, %s: \"%s\" is not a number", b->line, ref, b->text); break;
    }
}
