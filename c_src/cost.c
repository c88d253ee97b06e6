/* cost.c — how long an experiment takes: a model of what the session's loops do per
 * sample, per optimizer step and per epoch (session.c), in seconds of the WebAssembly SIMD
 * build on the reference machine (Node 20, one core of a 2-core x86-64 box).
 *
 * Training, per run and epoch: every training sample goes forward and backward through
 * the network (a multiply-add per weight each way), every validation sample forward only
 * (plus one validation pass at the initial weights); each hidden unit applies the
 * activation to every sample; each optimizer step zeroes the gradients, transposes the
 * weights for the SIMD forward kernel and updates every parameter (as does each validation
 * chunk's transpose), and pays a fixed cost per call and per layer. The range test is
 * num_iter such steps, with a validation pass each in validation-loss mode.
 *
 * The constants are fitted by bench/bench_cost.mjs (npm run bench), which times the
 * extreme configs in WebAssembly SIMD and natively and prints measured against estimated.
 * They assume the costliest optimizer (Adam) and schedule, so a run with SGD is faster. */
#include "lrplay.h"
#include "data.h"
#include "mlp.h"

#include <math.h>

#define COST_EPOCH      2.0e-4    /* per epoch of a run: the caller's loop, the validation setup */
#define COST_MAC_TRAIN  3.2e-10   /* per training sample and weight: forward and backward */
#define COST_MAC_EVAL   1.7e-10   /* per validation sample and weight: forward */
#define COST_STEP       2.8e-7    /* per step: batch, schedule, the optimizer's fixed part */
#define COST_STEP_LAYER 1.3e-7    /* per step and dense layer: the kernels' calls */
#define COST_SAMPLE     2.5e-8    /* per sample: gathering, the loss row */
/* per sample and hidden unit, by activation (relu, tanh, sigmoid, gelu) */
static const double cost_unit[LRP_ACT__COUNT] = {2.4e-9, 4.7e-9, 4.7e-9, 2.3e-8};
/* per step (or validation chunk) and parameter, by activation: relu's exact zero gradients
 * (a unit off for the batch, a dead unit) let the optimizer's moments decay geometrically
 * into subnormal floats, which x86 computes far more slowly and WebAssembly cannot flush;
 * measured at batch 1 on digits 512x3 (3x the tanh time) */
static const double cost_step_param[LRP_ACT__COUNT] = {1.0e-8, 2.9e-9, 2.9e-9, 2.9e-9};

typedef struct {
    double weights, params, units, layers;  /* the network */
    double n_train, n_val, batch, batches, chunks;  /* per epoch: steps and validation chunks */
    double per_unit, step_param;
} cost_shape;

/* Seconds of train_s training samples, eval_s validation samples and steps optimizer steps
 * (validation chunks included). */
static double pass(const cost_shape *c, double train_s, double eval_s, double steps) {
    double per_sample = COST_SAMPLE + c->per_unit * c->units;
    return train_s * (COST_MAC_TRAIN * c->weights + per_sample) + eval_s * (COST_MAC_EVAL * c->weights + per_sample)
        + steps * (c->step_param * c->params + COST_STEP + COST_STEP_LAYER * c->layers);
}

double lrp_experiment_cost(const lrp_experiment *e, lrp_cost *parts) {
    size_t rows, n_in, n_out, n_train, n_val, sizes[LRP_MAX_LAYERS + 2], np;
    cost_shape c = {0};
    lrp_data_shape(&e->data, &rows, &n_in, &n_out);
    lrp_data_split(rows, e->data.val_frac, &n_train, &n_val);
    size_t n_sizes = (e->n_hidden < LRP_MAX_LAYERS ? e->n_hidden : LRP_MAX_LAYERS) + 2;
    sizes[0] = n_in;
    for (size_t i = 0; i + 2 < n_sizes; i++) { sizes[i + 1] = e->hidden[i]; c.units += (double)e->hidden[i]; }
    sizes[n_sizes - 1] = n_out;
    if (!lrp_mlp_param_count(sizes, n_sizes, &np)) {
        if (parts) parts->find = parts->run = parts->train = HUGE_VAL;
        return HUGE_VAL;
    }
    for (size_t l = 0; l + 1 < n_sizes; l++) c.weights += (double)sizes[l] * (double)sizes[l + 1];
    c.params = (double)np;
    c.layers = (double)(n_sizes - 1);
    lrp_act act = (unsigned)e->act < LRP_ACT__COUNT ? e->act : LRP_ACT_GELU;
    c.per_unit = cost_unit[act];
    c.step_param = cost_step_param[act];
    c.n_train = (double)n_train;
    c.n_val = (double)n_val;
    c.batch = (double)(e->batch_size < n_train ? e->batch_size : n_train);
    if (c.batch < 1) c.batch = 1;
    c.batches = ceil(c.n_train / c.batch);
    double eval_batch = (double)(e->batch_size > 256 ? e->batch_size : 256);   /* session.c's EVAL_CHUNK */
    c.chunks = ceil(c.n_val / eval_batch);

    double it = (double)e->find.num_iter, E = (double)e->epochs;
    double find = e->find.use_val ? pass(&c, it * c.batch, it * c.n_val, it * (1 + c.chunks))
                                  : pass(&c, it * c.batch, 0, it);
    double run = E * COST_EPOCH + pass(&c, E * c.n_train, (E + 1) * c.n_val, E * c.batches + (E + 1) * c.chunks);
    /* a repeated experiment runs the range test and every run once per seed */
    double seeds = (double)(e->repeats > 1 ? e->repeats : 1);
    find *= seeds;
    double train = run * (double)(e->n_runs ? e->n_runs : 1) * seeds;
    if (parts) { parts->find = find; parts->run = run; parts->train = train; }
    return find > train ? find : train;
}
