/* earlystop.c — early stopping as an explicit state: init, then one step per epoch.
 *
 * keras.callbacks.EarlyStopping.on_epoch_end (tf.keras 2.13+, Keras 3):
 *   epochs before start_from_epoch are ignored; then wait += 1; an improvement is
 *   m + |min_delta| < best (min) or m - |min_delta| > best (max) — Keras negates
 *   min_delta for min and tests monitor_op(m - min_delta, best) — with best starting at
 *   +inf / -inf; on an improvement best and best_epoch are updated and wait resets to 0
 *   only if there is no baseline or the baseline is beaten the same way; the epoch then
 *   ends. Otherwise training stops at this epoch if wait >= patience and epoch > 0.
 * A NaN metric is never an improvement (every comparison with NaN is false). mode auto
 * is Keras' rule: max when the monitored value is an accuracy, min otherwise.
 */
#include <string.h>

#include "lrplay.h"
#include "fields.h"

/* The defaults are the run table's early_stopping.* rows (config_fields.c). */
void lrp_earlystop_defaults(lrp_earlystop_cfg *c)
{
    lrp_run_cfg r;
    memset(&r, 0, sizeof r);
    lrp_table_defaults(&lrp_run_table, &r, 0);
    *c = r.early_stopping;
    c->use_baseline = 0;
}

void lrp_earlystop_init(lrp_earlystop *s, const lrp_earlystop_cfg *c)
{
    const double inf = 1.0 / 0.0;
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    if (c->mode == LRP_ES_MAX || (c->mode == LRP_ES_AUTO && c->monitor == LRP_MONITOR_VAL_ACC)) s->mode = LRP_MODE_MAX;
    else s->mode = LRP_MODE_MIN;
    if (s->cfg.min_delta < 0) s->cfg.min_delta = -s->cfg.min_delta;
    s->best = s->mode == LRP_MODE_MAX ? -inf : inf;
    s->best_epoch = 0;
    s->wait = 0;
    s->epoch = 0;
    s->stopped_epoch = -1;
}

static int is_improvement(const lrp_earlystop *s, double m, double ref)
{
    if (s->mode == LRP_MODE_MAX) return m - s->cfg.min_delta > ref;
    return m + s->cfg.min_delta < ref;
}

unsigned lrp_earlystop_step(lrp_earlystop *s, double metric)
{
    if (s->stopped_epoch >= 0) return 0;
    int64_t epoch = s->epoch++;
    if (epoch < s->cfg.start_from_epoch) return 0;
    s->wait += 1;
    if (is_improvement(s, metric, s->best)) {
        s->best = metric;
        s->best_epoch = epoch;
        if (!s->cfg.use_baseline || is_improvement(s, metric, s->cfg.baseline)) s->wait = 0;
        return LRP_ES_COUNTED | LRP_ES_IMPROVED;
    }
    if (s->wait >= s->cfg.patience && epoch > 0) {
        s->stopped_epoch = epoch;
        return LRP_ES_COUNTED | LRP_ES_STOP;
    }
    return LRP_ES_COUNTED;
}
