/* test_replay_api.c — what a replay elsewhere takes from a session: the initial weights and
 * each epoch's batch order. Rebuilding two epochs of a run by hand from them (same network,
 * same optimizer, batches in that order) must give the session's own train losses bit for bit,
 * so the order is the one training uses, not a look-alike. */
#include "check.h"
#include "lrplay.h"

#include <stdlib.h>
#include <string.h>

static void test_orders_and_weights(void) {
    lrp_experiment e;
    char err[256];
    lrp_experiment_defaults(&e);
    e.data.samples = 230;     /* 184 train rows: a last batch of 24 */
    e.epochs = 3;
    e.batch_size = 32;
    lrp_exp_clear_runs(&e);
    CHECK(lrp_exp_set_string(&e, "runs.0.optimizer.name", "sgd", err, sizeof err) == LRP_OK);
    CHECK(lrp_exp_set_number(&e, "runs.0.optimizer.lr", 0.1, LRP_SET_STRICT, err, sizeof err) == LRP_OK);
    CHECK(lrp_exp_set_number(&e, "runs.0.optimizer.momentum", 0.9, LRP_SET_STRICT, err, sizeof err) == LRP_OK);
    lrp_session *s;
    CHECK_MSG(lrp_session_create(&s, &e, err, sizeof err) == LRP_OK, "%s", err);
    const lrp_data_view *v = lrp_session_data(s);
    CHECK(lrp_session_experiment(s)->seed == e.seed);

    /* the weights: a fresh network initialized from the seed */
    lrp_mlp_cfg mc = { .sizes = { v->n_in, e.hidden[0], e.hidden[1], v->n_out }, .n_sizes = 4, .act = e.act, .loss = v->loss };
    lrp_mlp *m;
    CHECK_MSG(lrp_mlp_create(&m, &mc, 256, err, sizeof err) == LRP_OK, "%s", err);
    lrp_mlp_init(m, e.seed);
    size_t np;
    const float *init = lrp_session_init_params(s, &np);
    CHECK(np == lrp_mlp_num_params(m));
    CHECK_BITS_EQ(init, lrp_mlp_params(m), np * sizeof(float));

    /* the orders: permutations, different from epoch to epoch, refused out of range */
    size_t n = v->n_train;
    uint32_t *o0 = malloc(n * sizeof *o0), *o1 = malloc(n * sizeof *o1);
    unsigned char *seen = calloc(n, 1);
    CHECK(lrp_session_batch_order(s, 0, o0) == LRP_OK);
    CHECK(lrp_session_batch_order(s, 1, o1) == LRP_OK);
    for (size_t i = 0; i < n; i++) if (o0[i] < n) seen[o0[i]]++;
    size_t once = 0;
    for (size_t i = 0; i < n; i++) once += seen[i] == 1;
    CHECK_MSG(once == n, "epoch 0's order is not a permutation (%zu of %zu)", once, n);
    CHECK(memcmp(o0, o1, n * sizeof *o0) != 0);
    CHECK(lrp_session_batch_order(s, -1, o0) == LRP_EINVAL);
    CHECK(lrp_session_batch_order(s, e.epochs, o0) == LRP_EINVAL);

    /* two epochs by hand against the session's */
    CHECK(lrp_train_begin(s, 0) == LRP_OK);
    while (lrp_train_epoch(s)) {}
    lrp_train_result r;
    lrp_train_get(s, &r);
    CHECK(r.epochs_done == 3);
    lrp_optim *opt;
    CHECK(lrp_optim_create(&opt, &e.runs[0].optim, np, err, sizeof err) == LRP_OK);
    float *xb = malloc(32 * v->n_in * sizeof(float)), *yb = malloc(32 * sizeof(float));
    for (long ep = 0; ep < 2; ep++) {
        CHECK(lrp_session_batch_order(s, ep, o0) == LRP_OK);
        double sum = 0;
        for (size_t at = 0; at < n; at += 32) {
            size_t B = n - at < 32 ? n - at : 32;
            for (size_t k = 0; k < B; k++) {
                memcpy(xb + k * v->n_in, v->x_train + o0[at + k] * v->n_in, v->n_in * sizeof(float));
                yb[k] = v->y_train[o0[at + k]];
            }
            float loss = lrp_mlp_loss(m, xb, yb, B, 1, NULL);
            lrp_optim_step(opt, lrp_mlp_params(m), lrp_mlp_grads(m), 0.1);
            sum += (double)loss * (double)B;
        }
        double mean = sum / (double)n;
        CHECK_MSG(memcmp(&mean, &r.train_loss[ep], sizeof mean) == 0, "epoch %ld: %.17g by hand, %.17g in the session",
                  ep + 1, mean, r.train_loss[ep]);
    }
    free(xb); free(yb); free(o0); free(o1); free(seen);
    lrp_optim_destroy(opt);
    lrp_mlp_destroy(m);
    lrp_session_destroy(s);
}

int main(void) {
    test_orders_and_weights();
    return check_done("test_replay_api");
}
