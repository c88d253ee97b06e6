/* bench_train.c — one training step (forward, backward, Adam) of two MLPs at batch 64,
 * the scalar reference kernels against the SIMD ones, side by side in one run.
 * Targets: SIMD >= 3.5x scalar on 64-128-128-10 relu, >= 2.5x on 2-32-32-2 tanh. */
#include "bench.h"
#include "lrplay.h"
#include "rng.h"

#include <stdio.h>
#include <stdlib.h>

#define BATCH 64
#define SAMPLES 15

typedef struct { const char *name; size_t sizes[4]; lrp_act act; double target; } net;

static const net nets[] = {
    {"2-32-32-2", {2, 32, 32, 2}, LRP_ACT_TANH, 2.5},
    {"64-128-128-10", {64, 128, 128, 10}, LRP_ACT_RELU, 3.5},
};

typedef struct { lrp_mlp *m; lrp_optim *o; float *x, *y; } rig;

static int rig_make(rig *r, const net *n, lrp_kernel k) {
    lrp_mlp_cfg c = {{0}, 4, n->act, LRP_LOSS_CROSS_ENTROPY};
    for (int i = 0; i < 4; i++) c.sizes[i] = n->sizes[i];
    lrp_optim_cfg oc;
    lrp_optim_defaults(&oc, LRP_OPT_ADAM);
    if (lrp_mlp_create(&r->m, &c, BATCH, NULL, 0) != LRP_OK) return 0;
    lrp_mlp_init(r->m, 1);
    if (lrp_optim_create(&r->o, &oc, lrp_mlp_num_params(r->m), NULL, 0) != LRP_OK) return 0;
    lrp_mlp_set_kernel(r->m, k);
    lrp_optim_set_kernel(r->o, k);
    r->x = malloc(BATCH * n->sizes[0] * sizeof(float));
    r->y = malloc(BATCH * sizeof(float));
    if (!r->x || !r->y) return 0;
    lrp_rng g;
    lrp_rng_seed(&g, 7, 1);
    for (size_t i = 0; i < BATCH * n->sizes[0]; i++) r->x[i] = lrp_rng_normal(&g);
    for (size_t i = 0; i < BATCH; i++) r->y[i] = (float)lrp_rng_below(&g, (uint32_t)n->sizes[3]);
    return 1;
}

static void rig_free(rig *r) { lrp_mlp_destroy(r->m); lrp_optim_destroy(r->o); free(r->x); free(r->y); }

static void step(rig *r) {
    lrp_mlp_loss(r->m, r->x, r->y, BATCH, 1, NULL);
    lrp_optim_step(r->o, lrp_mlp_params(r->m), lrp_mlp_grads(r->m), 1e-3);
}

/* Seconds per step over `reps` steps. */
static double time_steps(rig *r, long reps) {
    double t0 = bench_now();
    for (long i = 0; i < reps; i++) step(r);
    return (bench_now() - t0) / (double)reps;
}

void bench_train(int json) {
    if (!json) {
        printf("Training step (forward + backward + Adam), batch %d, microseconds per step\n", BATCH);
        printf("%-14s %8s %10s %10s %9s %16s\n", "model", "params", "scalar", "simd", "speedup", "target");
    }
    for (size_t k = 0; k < sizeof nets / sizeof nets[0]; k++) {
        const net *n = &nets[k];
        rig sc = {0}, si = {0};
        if (!rig_make(&sc, n, LRP_KERNEL_SCALAR) || !rig_make(&si, n, LRP_KERNEL_SIMD)) {
            fprintf(stderr, "bench_train: cannot set up %s\n", n->name);
            rig_free(&sc); rig_free(&si);
            continue;
        }
        long reps = bench_reps_for(time_steps(&sc, 3), 0.05);
        double ts[SAMPLES], tv[SAMPLES], ratio[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {        /* interleaved, so drift hits both */
            ts[s] = time_steps(&sc, reps);
            tv[s] = time_steps(&si, reps * 3);
            ratio[s] = ts[s] / tv[s];
        }
        double us_s = bench_median(ts, SAMPLES) * 1e6, us_v = bench_median(tv, SAMPLES) * 1e6;
        double speedup = bench_median(ratio, SAMPLES);
        char name[64];
        snprintf(name, sizeof name, "scalar/%s", n->name);
        bench_emit(json, "train", name, us_s, "us/step");
        snprintf(name, sizeof name, "simd/%s", n->name);
        bench_emit(json, "train", name, us_v, "us/step");
        snprintf(name, sizeof name, "speedup/%s", n->name);
        bench_emit(json, "train", name, speedup, "x");
        if (!json)
            printf("%-14s %8zu %10.1f %10.1f %8.2fx   >=%.1fx %s\n", n->name, lrp_mlp_num_params(si.m), us_s, us_v,
                   speedup, n->target, bench_verdict(speedup >= n->target));
        rig_free(&sc);
        rig_free(&si);
    }
}
