/* test_csv.c — the CSV reader and the tables: decimal text to double against glibc's
 * strtod (correctly rounded) on hard and random cases; SHA-256 against the FIPS 180-4
 * examples; RFC 4180 quoting, line ends, BOM, header and separator detection; the errors
 * name row and column; a compiled-in table equals the same file given as CSV, bit for bit. */
#include "check.h"
#include "lrplay.h"
#include "csv.h"
#include "data.h"
#include "rng.h"
#include <stdint.h>
#include <stdlib.h>

/* --------------------------------------------------------------- decimal */
static void one_decimal(const char *s) {
    double want = strtod(s, NULL), got = 0;
    int ok = lrp_decimal_parse(s, strlen(s), &got);
    CHECK_MSG(ok && memcmp(&want, &got, sizeof got) == 0, "%s: got %.17g want %.17g", s, got, want);
}

static void test_decimal(void) {
    static const char *const hard[] = {
        "0", "-0", "1", "0.1", "0.2", "0.3", "1e22", "1e23", "9007199254740993", "9007199254740992.5",
        "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
        "0.000000000000000000000000000000000000000000001e-280", "123456789012345678901234567890", "3.14159265358979323846264338327950288",
        "7.038531e-26", "5e-324", "1e-400", "1e400", "0.5", "1.5e-5", "+12.25", ".5", "5.", "1E5", "1e+05", "-1.0e-05",
        "8.98846567431158e307", "4.35679615e-11", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
    };
    for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) one_decimal(hard[i]);
    static const char *const bad[] = {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "nan", "inf", "1,5", " 1", "1 ", "--1", "1e5x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v;
        CHECK_MSG(!lrp_decimal_parse(bad[i], strlen(bad[i]), &v), "\"%s\" read as a number", bad[i]);
    }
    /* Random: up to 25 significant digits, exponents over the whole range, and the
     * shortest text of random doubles (which must come back exactly). */
    lrp_rng r;
    lrp_rng_seed(&r, 12345, 7);
    char buf[96];
    for (int i = 0; i < 300000; i++) {
        int nd = 1 + (int)(lrp_rng_u32(&r) % 25);
        size_t o = 0;
        if (lrp_rng_u32(&r) & 1) buf[o++] = '-';
        int dot = (int)(lrp_rng_u32(&r) % (unsigned)(nd + 1));
        for (int k = 0; k < nd; k++) {
            if (k == dot && k) buf[o++] = '.';
            buf[o++] = (char)('0' + lrp_rng_u32(&r) % 10);
        }
        int range = i % 3 == 0 ? 640 : 40;
        int ex = (int)(lrp_rng_u32(&r) % (unsigned)(2 * range + 1)) - range;
        snprintf(buf + o, sizeof buf - o, "e%d", ex);
        one_decimal(buf);
        uint64_t bits = ((uint64_t)lrp_rng_u32(&r) << 32) | lrp_rng_u32(&r);
        double d;
        memcpy(&d, &bits, sizeof d);
        if (d - d != 0) continue;
        snprintf(buf, sizeof buf, "%.17g", d);
        one_decimal(buf);
        snprintf(buf, sizeof buf, "%.9g", d);
        one_decimal(buf);
    }
}

/* --------------------------------------------------------------- sha256 */
static void test_sha256(void) {
    char hex[65];
    lrp_sha256_hex("abc", 3, hex);
    CHECK(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
    lrp_sha256_hex("", 0, hex);
    CHECK(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    lrp_sha256_hex(two, strlen(two), hex);
    CHECK(strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0);
    char *m = malloc(1000000);
    memset(m, 'a', 1000000);
    lrp_sha256_hex(m, 1000000, hex);
    CHECK(strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0);
    free(m);
    /* 55, 56 and 64 bytes: the padding's edge cases. */
    static const char *const want[] = {"9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"};
    static const size_t len[] = {55, 56, 64};
    char a[64];
    memset(a, 'a', sizeof a);
    for (int i = 0; i < 3; i++) {
        lrp_sha256_hex(a, len[i], hex);
        CHECK_MSG(strcmp(hex, want[i]) == 0, "%zu bytes: %s", len[i], hex);
    }
}

/* --------------------------------------------------------------- parsing */
static lrp_csv *parse(const char *s, lrp_header h, lrp_separator sep, char *err) {
    lrp_csv *t = NULL;
    lrp_status st = lrp_csv_parse(&t, s, strlen(s), h, sep, err, 256);
    CHECK_MSG(st == LRP_OK, "%s", err);
    return t;
}

static void test_parse(void) {
    char err[256];
    lrp_csv *t = parse("\xEF\xBB\xBF" "a,\"b \"\"q\"\"\",c\r\n1, 2 ,\"3\"\r\n\r\n4,5e1,-6\r\n\r\n\n", LRP_HEADER_AUTO, LRP_SEP_AUTO, err);
    if (t) {
        CHECK(lrp_csv_rows(t) == 2 && lrp_csv_columns(t) == 3 && lrp_csv_header(t) == LRP_HEADER_YES);
        CHECK(lrp_csv_separator(t) == LRP_SEP_COMMA);
        CHECK(strcmp(lrp_csv_name(t, 0), "a") == 0 && strcmp(lrp_csv_name(t, 1), "b \"q\"") == 0);
        const double *v = lrp_csv_values(t);
        CHECK(v[0] == 1 && v[1] == 2 && v[2] == 3 && v[3] == 4 && v[4] == 50 && v[5] == -6);
        CHECK(lrp_csv_line(t, 1) == 4);
        lrp_csv_destroy(t);
    }
    /* Semicolons (decimal commas stay text), tabs, lone CR, no header, a quoted line break. */
    t = parse("x;y;z\n1,5;2;a\n3;4;b\n", LRP_HEADER_AUTO, LRP_SEP_AUTO, err);
    if (t) { CHECK(lrp_csv_separator(t) == LRP_SEP_SEMICOLON && !lrp_csv_numeric(t, 0) && lrp_csv_numeric(t, 1)); lrp_csv_destroy(t); }
    t = parse("1\t2\t\"x\ny\"\r3\t4\tz", LRP_HEADER_AUTO, LRP_SEP_AUTO, err);
    if (t) {
        CHECK(lrp_csv_separator(t) == LRP_SEP_TAB && lrp_csv_header(t) == LRP_HEADER_NO && lrp_csv_rows(t) == 2);
        CHECK(strcmp(lrp_csv_text(t, 0, 2), "x\ny") == 0 && strcmp(lrp_csv_name(t, 2), "2") == 0 && lrp_csv_line(t, 1) == 3);
        lrp_csv_destroy(t);
    }
    t = parse("1,2\n3,4\n5,6\n", LRP_HEADER_YES, LRP_SEP_COMMA, err);   /* stated: numbers as names */
    if (t) { CHECK(lrp_csv_rows(t) == 2 && strcmp(lrp_csv_name(t, 1), "2") == 0); lrp_csv_destroy(t); }
    /* The errors: one line naming the row (the file's line) and the column. */
    static const struct { const char *csv; lrp_status st; const char *msg; } bad[] = {
        {"", LRP_EINVAL, "data: the file is empty"},
        {"\n\n", LRP_EINVAL, "data: the file is empty"},
        {"a,b\n", LRP_EINVAL, "data: a header row and no data rows"},
        {"a,b\n1,2\n", LRP_EINVAL, "data: one data row; at least 2 are needed (to train and to validate)"},
        {"a,b\n1,2\n3\n", LRP_EINVAL, "data: row 3 has 1 columns, the first row 2"},
        {"a,b\n1,\"2\n3,4\n", LRP_EINVAL, "data: row 2, column 1: a quoted field is not closed"},
        {"a,b\n1,\"2\"x\n3,4\n", LRP_EINVAL, "data: row 2, column 1: text after a closing quote (a quote inside a quoted field is written twice)"},
        {"a,b\n1,2\0\n", LRP_EINVAL, NULL},
        {"a,b\n1,\xff\n3,4\n", LRP_EINVAL, "data: row 2: bytes that are not UTF-8 at byte 6; this is not a UTF-8 text file"},
        {"abc\n1\n2\n", LRP_EINVAL, "data: row 1 has one column; a table needs a target and at least one feature (separators: comma, semicolon or tab)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lrp_csv *b = NULL;
        lrp_status st = lrp_csv_parse(&b, bad[i].csv, strlen(bad[i].csv), LRP_HEADER_AUTO, LRP_SEP_AUTO, err, sizeof err);
        CHECK_MSG(st == bad[i].st && !b && (!bad[i].msg || strcmp(err, bad[i].msg) == 0), "case %zu: %d \"%s\"", i, (int)st, err);
        lrp_csv_destroy(b);
    }
    lrp_csv *b = NULL;
    CHECK(lrp_csv_parse(&b, "a,b\n1,2\0\n", 9, LRP_HEADER_AUTO, LRP_SEP_AUTO, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strcmp(err, "data: row 2: a NUL byte at byte 7; this is not a UTF-8 text file") == 0, "%s", err);
    /* Limits: rows and columns, refused before anything is allocated for them. */
    size_t cap = 21000 * 4 + 16;
    char *big = malloc(cap);
    size_t o = 0;
    o += (size_t)snprintf(big + o, cap - o, "a,b\n");
    for (int i = 0; i < 20001; i++) o += (size_t)snprintf(big + o, cap - o, "1,2\n");
    CHECK(lrp_csv_parse(&b, big, o, LRP_HEADER_AUTO, LRP_SEP_AUTO, err, sizeof err) == LRP_ELIMIT);
    CHECK_MSG(strcmp(err, "data: row 20002: more than 20000 data rows") == 0, "%s", err);
    o = 0;
    for (int i = 0; i < 514; i++) big[o++] = '1', big[o++] = i < 513 ? ',' : '\n';
    CHECK(lrp_csv_parse(&b, big, o, LRP_HEADER_AUTO, LRP_SEP_AUTO, err, sizeof err) == LRP_ELIMIT);
    CHECK_MSG(strstr(err, "data: row 1 has more than 513 columns") == err, "%s", err);
    CHECK(lrp_csv_parse(&b, big, (size_t)LRP_MAX_CSV_BYTES + 1, LRP_HEADER_AUTO, LRP_SEP_AUTO, err, sizeof err) == LRP_ELIMIT);
    free(big);
}

/* ------------------------------------------------------- experiments */
static lrp_status load(lrp_experiment *e, const char *csv, const char *target, lrp_csv **t, char *err) {
    lrp_experiment_defaults(e);
    CHECK(lrp_exp_set_string(e, "data.name", "csv", err, 256) == LRP_OK);
    CHECK(lrp_exp_set_string(e, "data.path", "/some/dir/f.csv", err, 256) == LRP_OK);
    if (target) CHECK(lrp_exp_set_string(e, "data.target", target, err, 256) == LRP_OK);
    return lrp_exp_load_csv(e, csv, strlen(csv), t, err, 256);
}

static void test_targets(void) {
    static lrp_experiment e;
    char err[256];
    lrp_csv *t = NULL;
    CHECK(load(&e, "x,y,label\n1,2,b\n3,4,a\n5,6,b\n", NULL, &t, err) == LRP_OK);
    CHECK(strcmp(e.data.path, "f.csv") == 0 && strcmp(e.data.target, "label") == 0);
    CHECK(e.data.task == LRP_TASK_CLASSIFICATION && e.data.outputs == 2 && e.data.rows == 3 && e.data.columns == 3);
    CHECK(strlen(e.data.sha256) == 64);
    lrp_csv_destroy(t);
    static const struct { const char *csv, *target, *msg; } bad[] = {
        {"x,y\n1,2\n3,4\n", "z", "data.target: no column \"z\" (the columns: \"x\", \"y\")"},
        {"x,y\n1,2\n3,4\n", "5", "data.target: column 5 does not exist (the file has 2 columns, 0 to 1)"},
        {"x,y\n1,2\nn/a,4\n", "y", "data: row 3, column \"x\": \"n/a\" is not a number"},
        {"x,y\n1,2\nNaN,4\n", "y", "data: row 3, column \"x\": \"NaN\" is not a finite number"},
        {"x,y\n1,2\n-inf,4\n", "y", "data: row 3, column \"x\": \"-inf\" is not a finite number"},
        {"x,y\n1,2\n1e39,4\n", "y", "data: row 3, column \"x\": \"1e39\" is out of range (float32: at most 3.4e38 in size)"},
        {"x,y\n1,2\n ,4\n", "y", "data: row 3, column \"x\": the cell is empty"},
        {"x,y\n1,a\n3,\n", "y", "data: row 3, column \"y\": the target is empty"},
        {"x,y\n1,2\n3,\n", "y", "data: row 3, column \"y\": the cell is empty"},
        {"x,y\n1,a\n3,a\n", "y", "data.target: column \"y\" has one class (\"a\") in all 2 rows; classification needs at least 2"},
        {"x,y\n1,a\n3,b\n", "y", NULL},
        {"1,2\n3,x\n", "0", "data: row 2, column 1: \"x\" is not a number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lrp_status st = load(&e, bad[i].csv, bad[i].target, &t, err);
        if (!bad[i].msg) { CHECK_MSG(st == LRP_OK, "case %zu: %s", i, err); lrp_csv_destroy(t); continue; }
        CHECK_MSG(st != LRP_OK && !t && strcmp(err, bad[i].msg) == 0, "case %zu: \"%s\"", i, err);
    }
    /* auto: 20 distinct whole numbers are classes, 21 a regression target; regression asked of text refused. */
    char csv[2048];
    for (int k = 20; k <= 21; k++) {
        size_t o = (size_t)snprintf(csv, sizeof csv, "x,y\n");
        for (int i = 0; i < 40; i++) o += (size_t)snprintf(csv + o, sizeof csv - o, "%d,%d\n", i, i % k);
        CHECK(load(&e, csv, NULL, &t, err) == LRP_OK);
        CHECK(e.data.task == (k == 20 ? LRP_TASK_CLASSIFICATION : LRP_TASK_REGRESSION));
        CHECK(e.data.outputs == (k == 20 ? 20u : 1u));
        lrp_csv_destroy(t);
    }
    lrp_experiment_defaults(&e);
    lrp_exp_set_string(&e, "data.name", "csv", err, sizeof err);
    lrp_exp_set_string(&e, "data.task", "regression", err, sizeof err);
    CHECK(lrp_exp_load_csv(&e, "x,y\n1,a\n2,b\n", 12, &t, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strcmp(err, "data: row 2, column \"y\": \"a\" is not a number (regression needs a numeric target)") == 0, "%s", err);
    /* A recorded fingerprint refuses another file; without data a csv config validates but does not run. */
    lrp_experiment_defaults(&e);
    lrp_exp_set_string(&e, "data.name", "csv", err, sizeof err);
    CHECK(lrp_experiment_validate(&e, err, sizeof err) == LRP_OK);
    lrp_session *s = NULL;
    CHECK(lrp_session_create(&s, &e, err, sizeof err) == LRP_EINVAL && !s);
    CHECK_MSG(strstr(err, "the CSV file's bytes were not given") != NULL, "%s", err);
    lrp_exp_set_string(&e, "data.sha256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", err, sizeof err);
    CHECK(e.data.sha256[0] == 'e');
    CHECK(lrp_exp_load_csv(&e, "x,y\n1,2\n3,4\n", 12, &t, err, sizeof err) == LRP_EINVAL);
    CHECK_MSG(strstr(err, "data.sha256: the config was made with a file of SHA-256 e3b0c44298fc1c14") == err, "%s", err);
    CHECK(lrp_exp_set_string(&e, "data.sha256", "12", err, sizeof err) == LRP_EINVAL);
}

/* The compiled-in tables and the same text given as CSV make the same bytes. */
static void test_builtin_equals_csv(void) {
    static const struct { lrp_data_kind kind; const char *file; } tables[] = {
        {LRP_DATA_IRIS, "iris.csv"}, {LRP_DATA_WINE, "wine.csv"}, {LRP_DATA_BREAST_CANCER, "breast_cancer.csv"},
        {LRP_DATA_DIABETES, "diabetes.csv"}};
    char err[256];
    for (size_t i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/data/%s", LRP_SOURCE_DIR, tables[i].file);
        FILE *f = fopen(path, "rb");
        CHECK_MSG(f != NULL, "%s", path);
        if (!f) continue;
        static char buf[1 << 18];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        static lrp_experiment e;
        lrp_experiment_defaults(&e);
        lrp_exp_set_string(&e, "data.name", "csv", err, sizeof err);
        lrp_exp_set_string(&e, "data.task", tables[i].kind == LRP_DATA_DIABETES ? "regression" : "classification", err, sizeof err);
        lrp_csv *t = NULL;
        CHECK_MSG(lrp_exp_load_csv(&e, buf, n, &t, err, sizeof err) == LRP_OK, "%s: %s", tables[i].file, err);
        lrp_dataset *a = NULL, *b = NULL;
        lrp_data_cfg bc;
        lrp_data_defaults(&bc, tables[i].kind);
        CHECK(lrp_dataset_create(&a, &e.data, 9, err, sizeof err) == LRP_OK);
        CHECK(lrp_dataset_create(&b, &bc, 9, err, sizeof err) == LRP_OK);
        if (a && b) {
            lrp_data_view va, vb;
            lrp_dataset_view(a, &va);
            lrp_dataset_view(b, &vb);
            CHECK(va.n_train == vb.n_train && va.n_val == vb.n_val && va.n_in == vb.n_in && va.n_out == vb.n_out && va.loss == vb.loss);
            CHECK_BITS_EQ(va.x_train, vb.x_train, va.n_train * va.n_in * sizeof(float));
            CHECK_BITS_EQ(va.y_train, vb.y_train, va.n_train * sizeof(float));
            CHECK_BITS_EQ(va.x_val, vb.x_val, va.n_val * va.n_in * sizeof(float));
            CHECK_BITS_EQ(va.y_val, vb.y_val, va.n_val * sizeof(float));
        }
        lrp_dataset_destroy(a);
        lrp_dataset_destroy(b);
        lrp_csv_destroy(t);
    }
}

/* Random edits of a small file (quotes, separators, line ends, NUL, bytes past ASCII, cuts):
 * every one is read or refused with a message, never a crash or a leak (the ASan build runs
 * this too), and what is read can be attached and built into a data set. */
static void test_fuzz(void) {
    static const char base[] = "a,\"b c\",label\r\n1.5,2,x\r\n-3,4e2,y\r\n5,\"6\",x\r\n7,8,z\n";
    static const char alphabet[] = {',', ';', '\t', '"', '\r', '\n', ' ', '0', '9', '.', 'e', '-', 'x', '\0', (char)0xC3,
                                    (char)0xA9, (char)0xFF};
    lrp_rng r;
    lrp_rng_seed(&r, 99, 3);
    char buf[128], err[256];
    size_t ok = 0;
    for (int it = 0; it < 20000; it++) {
        size_t n = sizeof base - 1;
        memcpy(buf, base, n);
        int edits = 1 + (int)lrp_rng_below(&r, 4);
        for (int k = 0; k < edits; k++) {
            size_t at = lrp_rng_below(&r, (uint32_t)n + 1);
            char c = alphabet[lrp_rng_below(&r, sizeof alphabet)];
            switch (lrp_rng_below(&r, 3)) {
            case 0: if (at < n) buf[at] = c; break;
            case 1: if (n + 1 < sizeof buf) { memmove(buf + at + 1, buf + at, n - at); buf[at] = c; n++; } break;
            default: if (at < n) { memmove(buf + at, buf + at + 1, n - at - 1); n--; } break;
            }
        }
        lrp_csv *t = NULL;
        err[0] = 0;
        lrp_status st = lrp_csv_parse(&t, buf, n, LRP_HEADER_AUTO, LRP_SEP_AUTO, err, sizeof err);
        CHECK_MSG((st == LRP_OK) == (t != NULL) && (st == LRP_OK || (err[0] && !strchr(err, '\n'))), "it %d: %d %s", it, (int)st, err);
        if (!t) continue;
        static lrp_experiment e;
        lrp_experiment_defaults(&e);
        lrp_exp_set_string(&e, "data.name", "csv", err, sizeof err);
        if (lrp_exp_attach_csv(&e, t, err, sizeof err) == LRP_OK) {
            lrp_dataset *d = NULL;
            CHECK_MSG(lrp_dataset_create(&d, &e.data, 1, err, sizeof err) == LRP_OK, "it %d: %s", it, err);
            lrp_dataset_destroy(d);
            ok++;
        } else {
            CHECK_MSG(err[0], "it %d: attach without a message", it);
        }
        lrp_csv_destroy(t);
    }
    CHECK_MSG(ok > 1000, "only %zu of the edited files could be used", ok);
}

int main(void) {
    test_decimal();
    test_sha256();
    test_parse();
    test_targets();
    test_builtin_equals_csv();
    test_fuzz();
    return check_done("test_csv");
}
