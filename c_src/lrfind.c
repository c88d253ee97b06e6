/* lrfind.c — the analysis of an LR range test, as fastai 2.7's lr_find does it.
 *
 * smoothed[i]: the debiased moving average avg = beta*avg + (1-beta)*loss[i],
 *   smoothed[i] = avg / (1 - beta^(i+1)), for every i < n (a canonical NaN where it is
 *   not finite; once a loss is NaN every later value is NaN too).
 * kept: walking i = 0, 1, ..., point i is kept, and the walk stops after it when
 *   smoothed[i] is not finite or smoothed[i] > diverge * min(smoothed[0..i-1]).
 * Suggestions look at the kept points from floor(num_it/10) to kept - skip_end
 *   (exclusive), cut at the first non-finite smoothed value; with fewer than 2 points
 *   there none is given (have = 0, every index -1). With y = smoothed, over that range:
 *   minimum = the rate at the lowest y, divided by 10 (i_minimum is that rate's index);
 *   steep   = lrs[i] at the most negative (y[i+1]-y[i]) / (ln lrs[i+1] - ln lrs[i]);
 *   valley  = fastai's rule: lds[i] = length of the longest strictly decreasing
 *             subsequence ending at i (O(n^2)); max_end moves to i whenever
 *             lds[max_end] < lds[i] inside the inner loop and max_start = max_end -
 *             lds[max_end]; sections = (max_end - max_start)/3, idx = max_start +
 *             int(sections) + int(sections/2) clamped to the range.
 *   Ties go to the first index (torch.argmin). The first of equal minima wins.
 * The steep stretch the page shades, [i_lo, i_hi], is the valley's decreasing run
 *   [max_start, max_end] clamped to the range (max_start can be one before it).
 * All indices are into lrs. If the O(n) scratch for the valley cannot be allocated, the
 * valley is left out (its bit clear) rather than failing the analysis.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dmath.h"
#include "lrplay.h"
#include "util.h"
#include "fields.h"

/* fastai's values, the experiment's find.* defaults in the field table. */
void lrp_lrfind_defaults(lrp_lrfind_cfg *c)
{
    c->beta = lrp_table_default(&lrp_tail_table, "find.beta", 0);
    c->diverge = lrp_table_default(&lrp_tail_table, "find.diverge", 0);
    c->num_it = (int64_t)lrp_table_default(&lrp_tail_table, "find.num_iter", 0);
    c->skip_end = (int64_t)lrp_table_default(&lrp_tail_table, "find.skip_end", 0);
}

static double canonical_nan(void)
{
    uint64_t u = 0x7ff8000000000000ull;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

void lrp_lrfind_smoother_init(lrp_lrfind_smoother *s, const lrp_lrfind_cfg *c)
{
    s->beta = c->beta;
    s->diverge = c->diverge;
    s->avg = 0.0;
    s->beta_pow = 1.0;
    s->best = 0.0;
    s->i = 0;
}

int lrp_lrfind_smoother_push(lrp_lrfind_smoother *s, double loss, double *smoothed)
{
    s->avg = s->beta * s->avg + (1.0 - s->beta) * loss;
    s->beta_pow *= s->beta;
    double v = s->avg / (1.0 - s->beta_pow);
    int finite = lrp_is_finite(v);
    *smoothed = finite ? v : canonical_nan();
    int stop = !finite || (s->i > 0 && v > s->diverge * s->best);
    if (finite && (s->i == 0 || v < s->best)) s->best = v;
    s->i++;
    return stop;
}

/* fastai's valley on y[0..m-1] (m >= 2); returns idx and the run [*run_lo, *run_hi],
 * or -1 when the scratch cannot be allocated. */
static int64_t valley_index(const double *y, size_t m, int64_t *run_lo, int64_t *run_hi)
{
    size_t bytes;
    if (!lrp_size_mad(m, sizeof(uint32_t), 0, &bytes)) return -1;
    uint32_t *lds = malloc(bytes);
    if (!lds) return -1;
    size_t max_start_plus1 = 1, max_end = 0; /* max_start may be -1: kept shifted by one */
    for (size_t i = 0; i < m; i++) lds[i] = 1;
    for (size_t i = 1; i < m; i++) {
        for (size_t j = 0; j < i; j++) {
            if (y[i] < y[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
            if (lds[max_end] < lds[i]) {
                max_end = i;
                max_start_plus1 = max_end + 1 - lds[max_end];
            }
        }
    }
    int64_t max_start = (int64_t)max_start_plus1 - 1;
    free(lds);
    double sections = (double)((int64_t)max_end - max_start) / 3.0;
    int64_t idx = max_start + (int64_t)sections + (int64_t)(sections / 2.0);
    if (idx < 0) idx = 0;
    if (idx > (int64_t)m - 1) idx = (int64_t)m - 1;
    *run_lo = max_start < 0 ? 0 : max_start;
    *run_hi = (int64_t)max_end;
    return idx;
}

void lrp_lrfind_analyze(const lrp_lrfind_cfg *c, const double *lrs, const double *losses, size_t n,
                        double *smoothed, lrp_lrfind_result *out)
{
    const double nan = canonical_nan();
    memset(out, 0, sizeof *out);
    out->minimum = out->steep = out->valley = nan;
    out->i_minimum = out->i_steep = out->i_valley = -1;
    out->i_lo = out->i_hi = -1;

    /* debiased smoothing over every point; kept ends at the first stop */
    lrp_lrfind_smoother sm;
    lrp_lrfind_smoother_init(&sm, c);
    size_t kept = n;
    for (size_t i = 0; i < n; i++)
        if (lrp_lrfind_smoother_push(&sm, losses[i], &smoothed[i]) && kept == n) kept = i + 1;
    out->kept = kept;

    /* the range the suggestions look at: [lo, hi) */
    size_t lo = c->num_it > 0 ? (size_t)(c->num_it / 10) : 0;
    size_t skip = c->skip_end > 0 ? (size_t)c->skip_end : 0;
    size_t hi = kept > skip ? kept - skip : 0;
    for (size_t i = lo; i < hi; i++) {
        if (!lrp_is_finite(smoothed[i])) { hi = i; break; }
    }
    if (hi < lo || hi - lo < 2) return;
    const double *y = smoothed + lo;
    size_t m = hi - lo;

    size_t imin = 0;
    for (size_t i = 1; i < m; i++)
        if (y[i] < y[imin]) imin = i;
    out->i_minimum = (int64_t)(lo + imin);
    out->minimum = lrs[lo + imin] / 10.0;

    int64_t isteep = -1;
    double gbest = 0.0;
    for (size_t i = 0; i + 1 < m; i++) {
        double g = (y[i + 1] - y[i]) / (lrp_log(lrs[lo + i + 1]) - lrp_log(lrs[lo + i]));
        if (g != g) continue;
        if (isteep < 0 || g < gbest) { isteep = (int64_t)i; gbest = g; }
    }
    if (isteep < 0) isteep = 0;
    out->i_steep = (int64_t)lo + isteep;
    out->steep = lrs[out->i_steep];
    out->have = LRP_SUGGEST_MINIMUM | LRP_SUGGEST_STEEP;

    int64_t run_lo, run_hi;
    int64_t iv = valley_index(y, m, &run_lo, &run_hi);
    if (iv >= 0) {
        out->i_valley = (int64_t)lo + iv;
        out->valley = lrs[out->i_valley];
        out->i_lo = (int64_t)lo + run_lo;
        out->i_hi = (int64_t)lo + run_hi;
        out->have |= LRP_SUGGEST_VALLEY;
    }
}
