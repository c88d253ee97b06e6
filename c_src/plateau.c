/* plateau.c — ReduceLROnPlateau as an explicit state: init, then one step per epoch.
 *
 * flavor torch: torch.optim.lr_scheduler.ReduceLROnPlateau (1.13) step():
 *   better (rel: a < best*(1-threshold) / a > best*(threshold+1); abs: a < best-threshold /
 *   a > best+threshold) resets num_bad, else num_bad += 1; while cooling down the
 *   counter is decremented and num_bad forced to 0; when num_bad > patience the rate
 *   becomes max(lr*factor, min_lr) unless that changes it by eps or less, and cooldown
 *   and num_bad restart either way. So the rate drops on the (patience+1)-th bad epoch.
 * flavor keras: keras.callbacks.ReduceLROnPlateau.on_epoch_end (Keras 2.x):
 *   a cooling-down counter is decremented first (and wait reset), then better
 *   (a < best-min_delta / a > best+min_delta) resets wait; otherwise, if no longer
 *   cooling down, wait += 1 and at wait >= patience the rate is reduced when
 *   lr > float32(min_lr): new = max(float32(lr)*factor, min_lr) stored as float32 (the
 *   optimizer's rate is a float32 variable), cooldown and wait restart. A cooldown of 1
 *   therefore has no effect. Until its first reduction the rate is reported unrounded.
 * A NaN metric is never better (every comparison with NaN is false), in both flavors.
 */
#include <string.h>

#include "lrplay.h"

void lrp_plateau_init(lrp_plateau *s, const lrp_sched_cfg *c, double lr)
{
    const double inf = 1.0 / 0.0;
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    s->lr = lr;
    s->best = c->mode == LRP_MODE_MAX ? -inf : inf;
    s->num_bad = 0;
    s->cooldown_counter = 0;
    s->last_epoch = 0;
}

static int torch_is_better(const lrp_sched_cfg *c, double a, double best)
{
    if (c->mode == LRP_MODE_MAX) {
        if (c->threshold_mode == LRP_THRESH_ABS) return a > best + c->threshold;
        return a > best * (c->threshold + 1.0);
    }
    if (c->threshold_mode == LRP_THRESH_ABS) return a < best - c->threshold;
    return a < best * (1.0 - c->threshold);
}

static int torch_step(lrp_plateau *s, double metric)
{
    const lrp_sched_cfg *c = &s->cfg;
    int reduced = 0;
    if (torch_is_better(c, metric, s->best)) {
        s->best = metric;
        s->num_bad = 0;
    } else {
        s->num_bad += 1;
    }
    if (s->cooldown_counter > 0) {
        s->cooldown_counter -= 1;
        s->num_bad = 0;
    }
    if (s->num_bad > c->patience) {
        double old_lr = s->lr;
        double new_lr = old_lr * c->factor;
        if (c->min_lr > new_lr) new_lr = c->min_lr;
        if (old_lr - new_lr > c->eps) {
            s->lr = new_lr;
            reduced = 1;
        }
        s->cooldown_counter = c->cooldown;
        s->num_bad = 0;
    }
    return reduced;
}

static int keras_step(lrp_plateau *s, double metric)
{
    const lrp_sched_cfg *c = &s->cfg;
    int better = c->mode == LRP_MODE_MAX ? metric > s->best + c->min_delta : metric < s->best - c->min_delta;
    if (s->cooldown_counter > 0) {
        s->cooldown_counter -= 1;
        s->num_bad = 0;
    }
    if (better) {
        s->best = metric;
        s->num_bad = 0;
        return 0;
    }
    if (s->cooldown_counter > 0) return 0;
    s->num_bad += 1;
    if (s->num_bad < c->patience) return 0;
    float old_lr = (float)s->lr;
    if (!(old_lr > (float)c->min_lr)) return 0;
    double new_lr = (double)old_lr * c->factor; /* numpy: float32 scalar * Python float -> float64 */
    if (c->min_lr > new_lr) new_lr = c->min_lr;
    double before = s->lr;
    s->lr = (double)(float)new_lr;
    s->cooldown_counter = c->cooldown;
    s->num_bad = 0;
    return s->lr != before;
}

int lrp_plateau_step(lrp_plateau *s, double metric)
{
    s->last_epoch += 1;
    if (s->cfg.flavor == LRP_FLAVOR_KERAS) return keras_step(s, metric);
    return torch_step(s, metric);
}
