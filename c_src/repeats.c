/* repeats.c — summaries of an experiment repeated over seeds: the statistics of a value
 * across seeds, the per-point band of curves of different lengths, and the pairwise wins
 * of runs. The native CLI and the JavaScript API both call these (the page through
 * WebAssembly), so every number is computed once, here, in double and in one fixed order:
 * the same bits in every build.
 *
 * Only finite values count (a diverged seed's missing epochs, a regression's accuracy).
 * At most LRP_MAX_REPEATS values are summarized at once: an n past it reads the first
 * LRP_MAX_REPEATS. */
#include "lrplay.h"
#include "util.h"

#include <math.h>
#include <string.h>

/* The finite values of v, sorted ascending (insertion sort: at most LRP_MAX_REPEATS of
 * them, and stable, so equal values keep their order); returns how many. */
static size_t sorted_finite(const double *v, size_t n, size_t stride, double *out) {
    size_t m = 0;
    if (n > LRP_MAX_REPEATS) n = LRP_MAX_REPEATS;
    for (size_t i = 0; i < n; i++) {
        double x = v[i * stride];
        if (!lrp_is_finite(x)) continue;
        size_t j = m++;
        while (j > 0 && out[j - 1] > x) { out[j] = out[j - 1]; j--; }
        out[j] = x;
    }
    return m;
}

static double median_of(const double *s, size_t m) {
    if (m == 0) return NAN;
    return m % 2 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2.0;
}

void lrp_stats_of(const double *v, size_t n, lrp_stats *out) {
    double s[LRP_MAX_REPEATS];
    size_t m = sorted_finite(v, n, 1, s);
    out->n = m;
    out->mean = out->sd = out->median = out->min = out->max = NAN;
    if (m == 0) return;
    /* the mean and the squared deviations summed in the input's order, not the sorted one */
    double sum = 0;
    size_t lim = n > LRP_MAX_REPEATS ? LRP_MAX_REPEATS : n;
    for (size_t i = 0; i < lim; i++) if (lrp_is_finite(v[i])) sum += v[i];
    out->mean = sum / (double)m;
    if (m >= 2) {
        double ss = 0;
        for (size_t i = 0; i < lim; i++) if (lrp_is_finite(v[i])) { double d = v[i] - out->mean; ss += d * d; }
        out->sd = sqrt(ss / (double)(m - 1));   /* correctly rounded in IEEE 754: same bits everywhere */
    }
    out->median = median_of(s, m);
    out->min = s[0];
    out->max = s[m - 1];
}

void lrp_band(const double *v, const size_t *len, size_t R, size_t n,
              double *median, double *lo, double *hi, uint32_t *count) {
    if (R > LRP_MAX_REPEATS) R = LRP_MAX_REPEATS;
    size_t start[LRP_MAX_REPEATS];
    for (size_t k = 0, at = 0; k < R; k++) { start[k] = at; at += len[k]; }
    for (size_t i = 0; i < n; i++) {
        double col[LRP_MAX_REPEATS], s[LRP_MAX_REPEATS];
        size_t c = 0;
        for (size_t k = 0; k < R; k++) col[c++] = i < len[k] ? v[start[k] + i] : NAN;
        size_t m = sorted_finite(col, c, 1, s);
        median[i] = median_of(s, m);
        lo[i] = m ? s[0] : NAN;
        hi[i] = m ? s[m - 1] : NAN;
        count[i] = (uint32_t)m;
    }
}

void lrp_wins(const double *best, size_t runs, size_t R, uint32_t *beats) {
    for (size_t i = 0; i < runs; i++) {
        for (size_t j = 0; j < runs; j++) {
            uint32_t w = 0;
            for (size_t k = 0; k < R; k++) {
                double a = best[i * R + k], b = best[j * R + k];
                if (lrp_is_finite(a) && (!lrp_is_finite(b) || a < b)) w++;
            }
            beats[i * runs + j] = w;
        }
    }
}

double lrp_max_finite(const double *v, size_t n) {
    double best = NAN;
    for (size_t i = 0; i < n; i++)
        if (lrp_is_finite(v[i]) && !(best >= v[i])) best = v[i];
    return best;
}
