/* bench_main.c — the native benchmark: `npm run bench` (scripts/bench.sh), or
 * build/lrplay_bench [--json].
 *
 * Section "adam": one Adam step over N = 4096, 65536, 1M and 16M parameters, the scalar
 * reference kernel and the SIMD kernel side by side in one run (interleaved repeats, the
 * median of each), the SIMD speedup, and the SIMD kernel's effective bandwidth (28 bytes
 * per parameter: loads of p, g, m, v and stores of p, m, v) against two ceilings measured
 * in the same run: "memory", a kernel with exactly Adam's loads and stores but trivial
 * arithmetic, and "sqrt+div", the same plus Adam's packed square root and packed division
 * per four parameters. The slower of the two binds: Adam cannot beat it.
 * Targets: SIMD >= 3.5x scalar for N <= 65536; >= 90% of the binding ceiling at 16M. A miss
 * is reported, not an error: the exit status is 0 whenever the benchmark ran. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "lrplay.h"
#include "optim_kernels.h"
#include "simd.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------ helpers */
double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *x, size_t n) {
    qsort(x, n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

void bench_emit(int json, const char *bench, const char *name, double value, const char *unit) {
    if (!json) return;
    printf("{\"bench\":\"%s\",\"case\":\"%s\",\"value\":%.6g,\"unit\":\"%s\"}\n", bench, name, value, unit);
}

const char *bench_verdict(int ok) { return ok ? "PASS" : "MISS"; }

long bench_reps_for(double once_s, double target_s) {
    if (!(once_s > 0.0)) return 1;
    double r = target_s / once_s;
    return r < 1.0 ? 1 : r > 1e9 ? 1000000000L : (long)r;
}

/* --------------------------------------------------------------- adam section */
#define ADAM_BYTES_PER_PARAM 28.0   /* 4 loads + 3 stores of float32 */
#define ADAM_REPEATS 21             /* interleaved samples per kernel; the median is reported */
#define ADAM_SAMPLE_FLOATS (1u << 22) /* floats per timing sample: K steps of N */
#define TARGET_SPEEDUP 3.5
#define TARGET_CEILING 0.90   /* of the binding (slower) ceiling */

/* The bandwidth ceiling: Adam's loads (p, g, m, v) and stores (p, m, v), in the same
 * vector width and unrolling as the SIMD Adam kernel, with arithmetic that costs nothing
 * next to the memory traffic (and keeps every value bounded). */
__attribute__((noinline))
static void ceiling_kernel(float *p, const float *g, float *m, float *v, size_t n) {
    size_t i = 0;
#if LRP_HAVE_SIMD
    const v4f h = v4_splat(0.5f);
    for (; i + 8 <= n; i += 8) {
        v4f p0 = v4_load(p + i), g0 = v4_load(g + i), m0 = v4_load(m + i), v0 = v4_load(v + i);
        v4f p1 = v4_load(p + i + 4), g1 = v4_load(g + i + 4), m1 = v4_load(m + i + 4), v1 = v4_load(v + i + 4);
        v4_store(m + i, v4_add(v4_mul(m0, h), g0));
        v4_store(v + i, v4_add(v4_mul(v0, h), g0));
        v4_store(p + i, v4_add(v4_mul(p0, h), g0));
        v4_store(m + i + 4, v4_add(v4_mul(m1, h), g1));
        v4_store(v + i + 4, v4_add(v4_mul(v1, h), g1));
        v4_store(p + i + 4, v4_add(v4_mul(p1, h), g1));
    }
#endif
    for (; i < n; i++) {
        float gi = g[i];
        m[i] = m[i] * 0.5f + gi;
        v[i] = v[i] * 0.5f + gi;
        p[i] = p[i] * 0.5f + gi;
    }
}

/* The compute ceiling: the memory ceiling's loads, stores and trivial arithmetic plus what
 * bounds Adam's arithmetic, one packed square root and one packed division per four
 * parameters (Adam's other division, by bc2_sqrt, is a multiply: v4_div_const). Every
 * operand stays a normal float: v is kept in [1, 2] (it tends to 2), so sqrt(v) >= 1 and
 * |m / sqrt(v)| <= |m| < 2. v must start in [1, 2]. */
__attribute__((noinline))
static void ceiling_sqrt_div_kernel(float *p, const float *g, float *m, float *v, size_t n) {
    size_t i = 0;
#if LRP_HAVE_SIMD
    const v4f h = v4_splat(0.5f), one = v4_splat(1.0f);
    for (; i + 8 <= n; i += 8) {
        v4f p0 = v4_load(p + i), g0 = v4_load(g + i), m0 = v4_load(m + i), v0 = v4_load(v + i);
        v4f p1 = v4_load(p + i + 4), g1 = v4_load(g + i + 4), m1 = v4_load(m + i + 4), v1 = v4_load(v + i + 4);
        v4_store(m + i, v4_add(v4_mul(m0, h), g0));
        v4_store(v + i, v4_add(v4_mul(v0, h), one));
        v4_store(p + i, v4_add(v4_mul(p0, h), v4_div(m0, v4_sqrt(v0))));
        v4_store(m + i + 4, v4_add(v4_mul(m1, h), g1));
        v4_store(v + i + 4, v4_add(v4_mul(v1, h), one));
        v4_store(p + i + 4, v4_add(v4_mul(p1, h), v4_div(m1, v4_sqrt(v1))));
    }
#endif
    for (; i < n; i++) {
        float mi = m[i], vi = v[i];
        m[i] = mi * 0.5f + g[i];
        v[i] = vi * 0.5f + 1.0f;
        p[i] = p[i] * 0.5f + mi / sqrtf(vi);
    }
}

typedef struct {
    size_t n;
    double scalar_ns, simd_ns, ceil_ns, sqdiv_ns;   /* per parameter per step, medians */
} adam_row;

static double time_optim(lrp_optim *o, float *p, const float *g, long k) {
    double t0 = bench_now();
    for (long s = 0; s < k; s++) lrp_optim_step(o, p, g, 1e-3);
    return bench_now() - t0;
}

typedef void (*ceiling_fn)(float *p, const float *g, float *m, float *v, size_t n);

static double time_ceiling(ceiling_fn f, float *p, const float *g, float *m, float *v, size_t n, long k) {
    double t0 = bench_now();
    for (long s = 0; s < k; s++) f(p, g, m, v, n);
    return bench_now() - t0;
}

/* Returns 0 when a buffer could not be allocated. */
static int adam_measure(size_t n, adam_row *row) {
    void *pb = NULL, *gb = NULL, *mb = NULL, *vb = NULL, *smb = NULL, *svb = NULL;
    float *p = lrp_alloc_staggered(n, LRP_SLOT_PARAMS, &pb);
    float *g = lrp_alloc_staggered(n, LRP_SLOT_GRADS, &gb);
    float *cm = lrp_alloc_staggered(n, LRP_SLOT_M, &mb);
    float *cv = lrp_alloc_staggered(n, LRP_SLOT_V, &vb);
    float *sm = lrp_alloc_staggered(n, LRP_SLOT_M, &smb);   /* the sqrt+div ceiling's moments */
    float *sv = lrp_alloc_staggered(n, LRP_SLOT_V, &svb);
    lrp_optim *os = NULL, *ov = NULL;
    lrp_optim_cfg cfg;
    lrp_optim_defaults(&cfg, LRP_OPT_ADAM);
    char err[128];
    int ok = p && g && cm && cv && sm && sv && lrp_optim_create(&os, &cfg, n, err, sizeof err) == LRP_OK &&
             lrp_optim_create(&ov, &cfg, n, err, sizeof err) == LRP_OK;
    if (ok) {
        lrp_optim_set_kernel(os, LRP_KERNEL_SCALAR);
        lrp_optim_set_kernel(ov, LRP_KERNEL_SIMD);
        uint32_t x = 12345u;
        for (size_t i = 0; i < n; i++) {   /* g in [-1, 1), bounded away from subnormals */
            x = x * 1664525u + 1013904223u;
            float r = (float)(x >> 8) / 8388608.0f - 1.0f;
            g[i] = r + (r < 0 ? -1e-3f : 1e-3f);
            p[i] = 0.5f * r;
            sm[i] = r;
            sv[i] = 1.5f + 0.5f * r;
        }
        long k = n >= ADAM_SAMPLE_FLOATS ? 1 : (long)(ADAM_SAMPLE_FLOATS / n);
        double ts[ADAM_REPEATS], tv[ADAM_REPEATS], tc[ADAM_REPEATS], tq[ADAM_REPEATS];
        time_optim(os, p, g, k);            /* warm-up: caches, TLB, clocks */
        time_optim(ov, p, g, k);
        time_ceiling(ceiling_kernel, p, g, cm, cv, n, k);
        time_ceiling(ceiling_sqrt_div_kernel, p, g, sm, sv, n, k);
        for (int r = 0; r < ADAM_REPEATS; r++) {
            ts[r] = time_optim(os, p, g, k);
            tv[r] = time_optim(ov, p, g, k);
            tc[r] = time_ceiling(ceiling_kernel, p, g, cm, cv, n, k);
            tq[r] = time_ceiling(ceiling_sqrt_div_kernel, p, g, sm, sv, n, k);
        }
        double per = 1e9 / ((double)k * (double)n);
        row->n = n;
        row->scalar_ns = bench_median(ts, ADAM_REPEATS) * per;
        row->simd_ns = bench_median(tv, ADAM_REPEATS) * per;
        row->ceil_ns = bench_median(tc, ADAM_REPEATS) * per;
        row->sqdiv_ns = bench_median(tq, ADAM_REPEATS) * per;
    }
    lrp_optim_destroy(os);
    lrp_optim_destroy(ov);
    free(pb); free(gb); free(mb); free(vb); free(smb); free(svb);
    return ok;
}

void bench_adam(int json) {
    static const size_t sizes[] = { 4096, 65536, 1u << 20, 1u << 24 };
    const size_t nsizes = sizeof sizes / sizeof sizes[0];
    if (!json) {
        printf("Adam step, %s kernels vs scalar reference: ns per parameter, median of %d interleaved repeats\n",
               LRP_SIMD_NAME, ADAM_REPEATS);
        if (!LRP_HAVE_SIMD) printf("(scalar build: the SIMD column runs the scalar kernel too)\n");
        printf("%10s %9s %9s %8s %13s %9s %9s %7s %9s %7s %11s\n", "N", "scalar", "simd", "speedup", "target",
               "simd GB/s", "mem GB/s", "of mem", "sq+div", "of it", "target");
    }
    for (size_t s = 0; s < nsizes; s++) {
        size_t n = sizes[s];
        adam_row row;
        char name[64];
        if (!adam_measure(n, &row)) {
            fprintf(stderr, "bench adam: could not allocate buffers for N = %zu\n", n);
            continue;
        }
        double speedup = row.scalar_ns / row.simd_ns;
        double bw = ADAM_BYTES_PER_PARAM / row.simd_ns;    /* bytes per ns = GB/s */
        double ceil_bw = ADAM_BYTES_PER_PARAM / row.ceil_ns;
        double sqdiv_bw = ADAM_BYTES_PER_PARAM / row.sqdiv_ns;
        double frac = bw / ceil_bw, sqdiv_frac = bw / sqdiv_bw;
        double bind_frac = sqdiv_bw < ceil_bw ? sqdiv_frac : frac;   /* of the slower ceiling */
        int want_speedup = n <= 65536, want_ceiling = n >= (1u << 24);
        if (json) {
            snprintf(name, sizeof name, "scalar/%zu", n);     bench_emit(1, "adam", name, row.scalar_ns, "ns/param");
            snprintf(name, sizeof name, "simd/%zu", n);       bench_emit(1, "adam", name, row.simd_ns, "ns/param");
            snprintf(name, sizeof name, "speedup/%zu", n);    bench_emit(1, "adam", name, speedup, "x");
            snprintf(name, sizeof name, "simd_bw/%zu", n);    bench_emit(1, "adam", name, bw, "GB/s");
            snprintf(name, sizeof name, "ceiling_bw/%zu", n); bench_emit(1, "adam", name, ceil_bw, "GB/s");
            snprintf(name, sizeof name, "of_ceiling/%zu", n); bench_emit(1, "adam", name, 100.0 * frac, "%");
            snprintf(name, sizeof name, "sqrt_div_ceiling_bw/%zu", n); bench_emit(1, "adam", name, sqdiv_bw, "GB/s");
            snprintf(name, sizeof name, "of_sqrt_div_ceiling/%zu", n); bench_emit(1, "adam", name, 100.0 * sqdiv_frac, "%");
            snprintf(name, sizeof name, "of_binding_ceiling/%zu", n); bench_emit(1, "adam", name, 100.0 * bind_frac, "%");
            if (want_speedup) {
                snprintf(name, sizeof name, "speedup_target_met/%zu", n);
                bench_emit(1, "adam", name, speedup >= TARGET_SPEEDUP, "bool");
            }
            if (want_ceiling) {
                snprintf(name, sizeof name, "ceiling_target_met/%zu", n);
                bench_emit(1, "adam", name, bind_frac >= TARGET_CEILING, "bool");
            }
        } else {
            char t1[32] = "", t2[32] = "";
            if (want_speedup) snprintf(t1, sizeof t1, ">=%.1fx %s", TARGET_SPEEDUP, bench_verdict(speedup >= TARGET_SPEEDUP));
            if (want_ceiling) snprintf(t2, sizeof t2, ">=%.0f%% %s", 100.0 * TARGET_CEILING, bench_verdict(bind_frac >= TARGET_CEILING));
            printf("%10zu %9.3f %9.3f %7.2fx %13s %9.1f %9.1f %6.1f%% %9.1f %6.1f%% %11s\n", n, row.scalar_ns, row.simd_ns,
                   speedup, t1, bw, ceil_bw, 100.0 * frac, sqdiv_bw, 100.0 * sqdiv_frac, t2);
            fflush(stdout);
        }
    }
    if (!json)
        printf("GB/s count %.0f bytes per parameter (loads of p, g, m, v; stores of p, m, v). Two ceilings, timed\n"
               "in the same run: mem, a kernel with exactly those loads and stores and trivial arithmetic; sq+div,\n"
               "the same plus Adam's packed sqrt and packed divide per four parameters. The target is a share of\n"
               "the slower (binding) ceiling.\n",
               ADAM_BYTES_PER_PARAM);
}

/* ------------------------------------------------------------------- main */
int main(int argc, char **argv) {
    int json = 0, csv_only = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--csv") == 0) csv_only = 1;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: lrplay_bench [--json] [--csv]\n"
                   "  Times one Adam step (scalar vs %s kernels) for N = 4096 .. 16M parameters.\n"
                   "  --json  one JSON object per line: {\"bench\",\"case\",\"value\",\"unit\"}\n"
                   "  --csv   only the CSV section (bench/bench_csv_page.mjs runs it for its native numbers)\n", LRP_SIMD_NAME);
            return 0;
        } else {
            fprintf(stderr, "lrplay_bench: unknown argument '%s' (try --help)\n", argv[i]);
            return 2;
        }
    }
    double t0 = bench_now();
#ifdef LRP_BENCH_CSV
    if (csv_only) { bench_csv(json); return 0; }
#else
    if (csv_only) { fprintf(stderr, "lrplay_bench: built without the CSV section\n"); return 2; }
#endif
    bench_adam(json);
#ifdef LRP_BENCH_TRAIN
    if (!json) printf("\n");
    bench_train(json);
#endif
#ifdef LRP_BENCH_CSV
    if (!json) printf("\n");
    bench_csv(json);
#endif
    if (!json) printf("\nbenchmark took %.1f s\n", bench_now() - t0);
    return 0;
}
