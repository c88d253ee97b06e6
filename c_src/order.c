/* order.c — the batch order of a session's training runs, for callers that replay a run
 * elsewhere (lrplay export): session.c's reset_model seeds a generator on the batch stream
 * from the experiment's seed, starts from the identity and shuffles the whole training split
 * (Fisher-Yates, rng.c) at every epoch boundary; epoch k's order is that after k + 1 shuffles. */
#include "lrplay.h"
#include "rng.h"

lrp_status lrp_session_batch_order(const lrp_session *s, int64_t epoch, uint32_t *out) {
    const lrp_experiment *e = lrp_session_experiment(s);
    size_t n = lrp_session_data(s)->n_train;
    if (epoch < 0 || epoch >= e->epochs || !out) return LRP_EINVAL;
    lrp_rng r;
    lrp_rng_seed(&r, e->seed, LRP_STREAM_BATCHES);
    for (size_t i = 0; i < n; i++) out[i] = (uint32_t)i;
    for (int64_t k = 0; k <= epoch; k++) lrp_rng_shuffle(&r, out, n);
    return LRP_OK;
}
