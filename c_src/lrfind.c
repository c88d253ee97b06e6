/* lrfind.c — the analysis of an LR range test, as fastai 2.7's lr_find does it (and
 * PyTorch Lightning's "gradient" suggestion beside it). tests/golden/README.md is the spec.
 *
 * smoothed[i]: the debiased moving average avg = beta*avg + (1-beta)*loss[i],
 *   smoothed[i] = avg / (1 - beta^(i+1)), for every i < n (a canonical NaN where it is
 *   not finite; once a loss is NaN every later value is NaN too).
 * kept: walking i = 0, 1, ..., point i is kept, and the walk stops after it when
 *   smoothed[i] is not finite or smoothed[i] > diverge * min(smoothed[0..i-1]).
 * The window of minimum, steep, slide and valley: the kept points from floor(num_it/10)
 *   to kept - skip_end (exclusive), cut at the first non-finite smoothed value. When the
 *   walk stopped on a non-finite value at index j it ends at min(j, num_it - skip_end)
 *   instead: fastai trains on through a NaN, drops skip_end points, then cuts at the NaN.
 *   With y = smoothed over the window (m points; m >= 2, slide m >= 16):
 *   minimum  = the rate at the lowest y, divided by 10 (i_minimum is that rate's index);
 *   steep    = lrs[i] at the most negative (y[i+1]-y[i]) / (ln lrs[i+1] - ln lrs[i]);
 *   slide    = fastai's interval slide rule (lr_diff 15, thresh 0.005, adjust_value 1) on
 *              g = np.gradient(y): r = m-1, l = r-15, s = l; while l >= 0 and
 *              |g[r] - g[l]| > 0.005: s = l, r--, l--; the rate at s;
 *   valley   = fastai's rule: lds[i] = length of the longest strictly decreasing
 *              subsequence ending at i; max_end is the first i with the largest lds (0 if
 *              every lds is 1), max_start = max_end - lds[max_end] (0 if every lds is 1);
 *              sections = (max_end - max_start)/3, idx = max_start + int(sections) +
 *              int(sections/2) clamped to the window. fastai's O(n^2) scan gives exactly
 *              this; here lds comes from the O(n log n) patience scan (tests/c/test_lrfind.c
 *              checks the two agree, ties included).
 * gradient: PyTorch Lightning's suggestion(skip_begin=10, skip_end=1), its own window:
 *   the kept smoothed values [10, kept-1), non-finite ones dropped (c values, c >= 2);
 *   lrs[10 + argmin(np.gradient(those))] (Lightning indexes lrs as if nothing was dropped).
 * np.gradient with unit spacing: g[0] = y[1]-y[0], g[m-1] = y[m-1]-y[m-2], and
 *   g[i] = (y[i+1]-y[i-1])/2 between. Ties go to the first index (argmin, torch.argmin).
 * The steep stretch the page shades, [i_lo, i_hi]: where the smoothed loss falls at least half
 *   as fast as at its steepest, the slope measured across five segments so that the
 *   step-to-step noise that moves steep does not break it up: for segment i of the window
 *   (points i, i+1) w(i) = (y[b] - y[a]) / (ln lrs[b] - ln lrs[a]) with a = max(0, i-2),
 *   b = min(m-1, i+3). From the segment k with the most negative w (the first on ties) the
 *   stretch grows left and right while w <= w(k)/2; i_lo is its first point, i_hi its last.
 *   None (-1) when no w is negative.
 * All indices are into lrs; an absent suggestion has its bit clear, its index -1 and its
 * rate NaN. If the O(n) scratch of the valley and gradient cannot be allocated, those two
 * are left out rather than failing the analysis. Only +, -, *, / and comparisons, in
 * double (and dmath's log for steep), so native and WebAssembly agree bit for bit.
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

/* np.gradient of y[0..m-1] (m >= 2) at i, unit spacing, first order at the ends. */
static double gradient_at(const double *y, size_t m, size_t i)
{
    if (i == 0) return y[1] - y[0];
    if (i == m - 1) return y[m - 1] - y[m - 2];
    return (y[i + 1] - y[i - 1]) / 2.0;
}

/* The slope of segment i of the window: d y / d ln lr between points i and i+1. */
static double segment_slope(const double *y, const double *lrs, int64_t i)
{
    return (y[i + 1] - y[i]) / (lrp_log(lrs[i + 1]) - lrp_log(lrs[i]));
}

/* The slope around segment i of y[0..m-1] across five segments, cut at the ends. */
static double wide_slope(const double *y, const double *lrs, size_t m, size_t i)
{
    size_t a = i >= 2 ? i - 2 : 0, b = i + 3 < m ? i + 3 : m - 1;
    return (y[b] - y[a]) / (lrp_log(lrs[b]) - lrp_log(lrs[a]));
}

/* The steep stretch of y[0..m-1] (m >= 2): 1 and its points [*a, *b], or 0 if none. */
static int steep_stretch(const double *y, const double *lrs, size_t m, int64_t *a, int64_t *b)
{
    int64_t k = -1;
    double best = 0.0;
    for (size_t i = 0; i + 1 < m; i++) {
        double g = wide_slope(y, lrs, m, i);
        if (g != g) continue;
        if (k < 0 || g < best) { k = (int64_t)i; best = g; }
    }
    if (k < 0 || !(best < 0.0)) return 0;
    const double half = best / 2.0;
    int64_t first = k, last = k;
    while (first > 0 && wide_slope(y, lrs, m, (size_t)first - 1) <= half) first--;
    while (last + 2 < (int64_t)m && wide_slope(y, lrs, m, (size_t)last + 1) <= half) last++;
    *a = first;
    *b = last + 1;
    return 1;
}

/* fastai's slide on y[0..m-1] (m >= 16): the index of the suggested rate. */
static size_t slide_index(const double *y, size_t m)
{
    size_t r = m - 1, l = m - 16, s = l;
    for (;;) {
        double d = gradient_at(y, m, r) - gradient_at(y, m, l);
        if (d < 0) d = -d;
        if (!(d > 0.005)) break;   /* NaN ends the slide, as Python's comparison does */
        s = l;
        if (l == 0) break;
        r--;
        l--;
    }
    return s;
}

/* fastai's valley on y[0..m-1] (m >= 2, all finite) with scratch for m doubles: returns
 * idx. tails[k] is the largest last value of a strictly
 * decreasing subsequence of length k+1 so far (so tails is strictly decreasing), and
 * lds[i] = 1 + the number of tails above y[i]. */
static int64_t valley_index(const double *y, size_t m, double *tails)
{
    size_t len = 0, best = 1, max_end = 0;
    for (size_t i = 0; i < m; i++) {
        size_t a = 0, b = len;
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            if (tails[mid] > y[i]) a = mid + 1;
            else b = mid;
        }
        tails[a] = y[i];
        if (a == len) len++;
        if (a + 1 > best) { best = a + 1; max_end = i; }
    }
    int64_t max_start = best > 1 ? (int64_t)max_end - (int64_t)best : 0;
    double sections = (double)((int64_t)max_end - max_start) / 3.0;
    int64_t idx = max_start + (int64_t)sections + (int64_t)(sections / 2.0);
    if (idx < 0) idx = 0;
    if (idx > (int64_t)m - 1) idx = (int64_t)m - 1;
    return idx;
}

/* Lightning's gradient suggestion over the kept points, with scratch for kept doubles. */
static void gradient_suggestion(const double *lrs, const double *smoothed, size_t kept, double *v,
                                lrp_lrfind_result *out)
{
    const size_t skip_begin = 10;
    if (kept < skip_begin + 1) return;
    size_t c = 0;
    for (size_t i = skip_begin; i < kept - 1; i++)
        if (lrp_is_finite(smoothed[i])) v[c++] = smoothed[i];
    if (c < 2) return;
    size_t k = 0;
    double gbest = gradient_at(v, c, 0);
    for (size_t i = 1; i < c; i++) {
        double g = gradient_at(v, c, i);
        if (g < gbest) { gbest = g; k = i; }
    }
    out->i_gradient = (int64_t)(skip_begin + k);
    out->gradient = lrs[out->i_gradient];
    out->have |= LRP_SUGGEST_GRADIENT;
}

/* The window [*lo, *hi) of minimum, steep, slide and valley. */
static void window(const lrp_lrfind_cfg *c, const double *smoothed, size_t kept, size_t *lo, size_t *hi)
{
    int64_t num_it = c->num_it > 0 ? c->num_it : 0;
    int64_t skip = c->skip_end > 0 ? c->skip_end : 0;
    *lo = (size_t)(num_it / 10);
    *hi = kept > (size_t)skip ? kept - (size_t)skip : 0;
    if (kept > 0 && !lrp_is_finite(smoothed[kept - 1])) {
        size_t j = kept - 1;
        size_t planned = num_it > skip ? (size_t)(num_it - skip) : 0;
        *hi = j < planned ? j : planned;
    }
    for (size_t i = *lo; i < *hi; i++) {
        if (!lrp_is_finite(smoothed[i])) { *hi = i; break; }
    }
}

void lrp_lrfind_analyze(const lrp_lrfind_cfg *c, const double *lrs, const double *losses, size_t n,
                        double *smoothed, lrp_lrfind_result *out)
{
    const double nan = canonical_nan();
    memset(out, 0, sizeof *out);
    out->minimum = out->steep = out->valley = out->slide = out->gradient = nan;
    out->i_minimum = out->i_steep = out->i_valley = out->i_slide = out->i_gradient = -1;
    out->i_lo = out->i_hi = -1;

    /* debiased smoothing over every point; kept ends at the first stop */
    lrp_lrfind_smoother sm;
    lrp_lrfind_smoother_init(&sm, c);
    size_t kept = n;
    for (size_t i = 0; i < n; i++)
        if (lrp_lrfind_smoother_push(&sm, losses[i], &smoothed[i]) && kept == n) kept = i + 1;
    out->kept = kept;

    /* one scratch for the valley's tails and the gradient's finite values */
    size_t bytes;
    double *scratch = kept > 0 && lrp_size_mad(kept, sizeof *scratch, 0, &bytes) ? malloc(bytes) : NULL;
    if (scratch) gradient_suggestion(lrs, smoothed, kept, scratch, out);

    size_t lo, hi;
    window(c, smoothed, kept, &lo, &hi);
    if (hi < lo || hi - lo < 2) { free(scratch); return; }
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
        double g = segment_slope(y, lrs + lo, (int64_t)i);
        if (g != g) continue;
        if (isteep < 0 || g < gbest) { isteep = (int64_t)i; gbest = g; }
    }
    if (isteep < 0) isteep = 0;
    out->i_steep = (int64_t)lo + isteep;
    out->steep = lrs[out->i_steep];
    out->have |= LRP_SUGGEST_MINIMUM | LRP_SUGGEST_STEEP;
    int64_t a, b;
    if (steep_stretch(y, lrs + lo, m, &a, &b)) {
        out->i_lo = (int64_t)lo + a;
        out->i_hi = (int64_t)lo + b;
    }

    if (m >= 16) {
        out->i_slide = (int64_t)(lo + slide_index(y, m));
        out->slide = lrs[out->i_slide];
        out->have |= LRP_SUGGEST_SLIDE;
    }

    if (scratch) {
        out->i_valley = (int64_t)lo + valley_index(y, m, scratch);
        out->valley = lrs[out->i_valley];
        out->have |= LRP_SUGGEST_VALLEY;
    }
    free(scratch);
}
