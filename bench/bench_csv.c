/* bench_csv.c — reading a 20 000 x 64 CSV (plus a 10-class target column) and its share of a
 * default range test on it (100 iterations, batch 32, a 64-32-32-10 tanh MLP).
 * The text comes from an LCG with integer formatting, so bench/bench_csv.mjs makes the same
 * bytes for the WebAssembly numbers. Target: parsing < 10 % of the parse + range test.
 * Times are the process's CPU time: on a shared machine, wall time mostly measures the
 * neighbours; both sides of the share are single-threaded. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "lrplay.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROWS 20000
#define FEATURES 64
#define SAMPLES 5

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Values k / 10^4 with k in (-10^6, 10^6): "-12.3456", as bench_csv.mjs writes them. */
char *bench_csv_text(size_t *n) {
    size_t cap = (size_t)ROWS * (FEATURES + 1) * 10 + 4096, o = 0;
    char *s = malloc(cap);
    if (!s) return NULL;
    for (int j = 0; j < FEATURES; j++) o += (size_t)snprintf(s + o, cap - o, "f%d,", j);
    o += (size_t)snprintf(s + o, cap - o, "label\n");
    uint32_t x = 12345u;
    for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j <= FEATURES; j++) {
            x = x * 1664525u + 1013904223u;
            if (j == FEATURES) { o += (size_t)snprintf(s + o, cap - o, "%u\n", (x >> 8) % 10u); break; }
            long k = (long)((x >> 8) % 1999999u) - 999999;
            unsigned long a = (unsigned long)(k < 0 ? -k : k);
            o += (size_t)snprintf(s + o, cap - o, "%s%lu.%04lu,", k < 0 ? "-" : "", a / 10000, a % 10000);
        }
    }
    *n = o;
    return s;
}

void bench_csv(int json) {
    size_t n = 0;
    char *text = bench_csv_text(&n);
    if (!text) { fprintf(stderr, "bench_csv: out of memory\n"); return; }
    double parse[SAMPLES], load[SAMPLES];
    char err[256];
    for (int r = 0; r < SAMPLES; r++) {
        lrp_csv *t = NULL;
        double t0 = cpu_now();
        lrp_status st = lrp_csv_parse(&t, text, n, LRP_HEADER_AUTO, LRP_SEP_AUTO, err, sizeof err);
        parse[r] = (cpu_now() - t0) * 1e3;
        lrp_csv_destroy(t);
        if (st != LRP_OK) { fprintf(stderr, "bench_csv: %s\n", err); free(text); return; }
        static lrp_experiment e;
        lrp_experiment_defaults(&e);
        lrp_exp_set_string(&e, "data.name", "csv", err, sizeof err);
        t0 = cpu_now();
        st = lrp_exp_load_csv(&e, text, n, &t, err, sizeof err);
        load[r] = (cpu_now() - t0) * 1e3;
        lrp_csv_destroy(t);
    }
    static lrp_experiment e;
    lrp_experiment_defaults(&e);
    lrp_exp_set_string(&e, "data.name", "csv", err, sizeof err);
    lrp_csv *t = NULL;
    lrp_session *s = NULL;
    double t0 = cpu_now();
    if (lrp_exp_load_csv(&e, text, n, &t, err, sizeof err) != LRP_OK || lrp_session_create(&s, &e, err, sizeof err) != LRP_OK) {
        fprintf(stderr, "bench_csv: %s\n", err);
        lrp_csv_destroy(t);
        free(text);
        return;
    }
    lrp_find_begin(s);
    while (lrp_find_step(s, 1000)) {}
    double find_ms = (cpu_now() - t0) * 1e3;
    lrp_session_destroy(s);
    lrp_csv_destroy(t);
    double p = bench_median(parse, SAMPLES), l = bench_median(load, SAMPLES);
    double share = 100.0 * l / find_ms;
    if (json) {
        bench_emit(json, "csv", "parse_ms", p, "ms");
        bench_emit(json, "csv", "load_ms", l, "ms");
        bench_emit(json, "csv", "find_ms", find_ms, "ms");
        bench_emit(json, "csv", "load_share", share, "%");
    } else {
        printf("csv: %d x %d + target (%.1f MB): parse %.1f ms, parse + target/task %.1f ms; load + default range "
               "test %.1f ms; loading is %.1f %% of it (target < 10 %%): %s\n", ROWS, FEATURES, (double)n / 1e6, p, l,
               find_ms, share, bench_verdict(share < 10.0));
    }
    free(text);
}
