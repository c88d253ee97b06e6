/* test_lrfind.c — the LR-finder analysis (fastai 2.7's smoothing, stop rule and
 * suggestions): small hand-worked cases for every rule and edge, and the three golden
 * cases tests/golden/lrfind-*.json, read from golden_data.h (generated from them by
 * scripts/gen_golden_c.mjs). */
#include <string.h>

#include "check.h"
#include "golden_data.h"
#include "lrplay.h"

static int is_nan(double x) { return x != x; }

static lrp_lrfind_cfg cfg(double beta, double diverge, long num_it, long skip_end)
{
    lrp_lrfind_cfg c;
    lrp_lrfind_defaults(&c);
    c.beta = beta; c.diverge = diverge; c.num_it = num_it; c.skip_end = skip_end;
    return c;
}

static void check_none(const lrp_lrfind_result *r)
{
    CHECK(r->have == 0);
    CHECK(r->i_minimum == -1 && r->i_steep == -1 && r->i_valley == -1 && r->i_lo == -1 && r->i_hi == -1);
    CHECK(r->i_slide == -1 && r->i_gradient == -1);
    CHECK(is_nan(r->minimum) && is_nan(r->steep) && is_nan(r->valley) && is_nan(r->slide) && is_nan(r->gradient));
}

static void test_defaults(void)
{
    lrp_lrfind_cfg c;
    lrp_lrfind_defaults(&c);
    CHECK(c.beta == 0.98 && c.diverge == 4.0 && c.num_it == 100 && c.skip_end == 5);
}

static void test_tiny(void)
{
    lrp_lrfind_cfg c = cfg(0.98, 4.0, 100, 5);
    lrp_lrfind_result r;
    double lrs[4] = { 1e-3, 1e-2, 1e-1, 1.0 }, sm[4];

    /* n = 0 */
    memset(&r, 0x5a, sizeof r);
    lrp_lrfind_analyze(&c, lrs, NULL, 0, sm, &r);
    CHECK(r.kept == 0);
    check_none(&r);

    /* n = 1: the debiased average of one loss is that loss */
    double one[1] = { 2.5 };
    lrp_lrfind_analyze(&c, lrs, one, 1, sm, &r);
    CHECK(r.kept == 1);
    CHECK_NEAR(sm[0], 2.5, 1e-15);
    check_none(&r);

    /* all NaN: the first point is kept and stops the walk */
    double nans[4] = { 0.0 / 0.0, 0.0 / 0.0, 0.0 / 0.0, 0.0 / 0.0 };
    c = cfg(0.98, 4.0, 0, 0);
    lrp_lrfind_analyze(&c, lrs, nans, 4, sm, &r);
    CHECK(r.kept == 1);
    CHECK(is_nan(sm[0]) && is_nan(sm[3]));
    check_none(&r);

    /* the debiasing: beta 0.5, losses 1, 3 -> 1, 1.75/0.75 */
    double two[2] = { 1.0, 3.0 };
    c = cfg(0.5, 4.0, 0, 0);
    lrp_lrfind_analyze(&c, lrs, two, 2, sm, &r);
    CHECK_NEAR(sm[0], 1.0, 1e-15);
    CHECK_NEAR(sm[1], 1.75 / 0.75, 1e-15);
    CHECK(r.kept == 2);
}

static void test_stop_rule(void)
{
    lrp_lrfind_result r;
    double lrs[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, sm[8];
    /* beta 0: smoothed == loss. 2.1 > 4 * min(1, 0.5): stop after index 2 */
    lrp_lrfind_cfg c = cfg(0.0, 4.0, 0, 0);
    double l1[8] = { 1.0, 0.5, 2.1, 0.1, 0.1, 0.1, 0.1, 0.1 };
    lrp_lrfind_analyze(&c, lrs, l1, 8, sm, &r);
    CHECK(r.kept == 3);
    /* exactly 4x the best is not past it */
    double l2[8] = { 1.0, 0.5, 2.0, 0.4, 3.0, 0.1, 0.1, 0.1 };
    lrp_lrfind_analyze(&c, lrs, l2, 8, sm, &r);
    CHECK(r.kept == 5);
    /* the point itself is never compared with itself: a first huge loss is kept */
    double l3[8] = { 100.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 };
    lrp_lrfind_analyze(&c, lrs, l3, 8, sm, &r);
    CHECK(r.kept == 8);
    /* a NaN or inf loss is kept and stops the walk */
    double l4[8] = { 1.0, 0.9, 0.8, 1.0 / 0.0, 0.5, 0.4, 0.3, 0.2 };
    lrp_lrfind_analyze(&c, lrs, l4, 8, sm, &r);
    CHECK(r.kept == 4);
    CHECK(is_nan(sm[3]));
    double l5[8] = { 1.0, 0.9, 0.8, 0.7, 0.0 / 0.0, 0.4, 0.3, 0.2 };
    lrp_lrfind_analyze(&c, lrs, l5, 8, sm, &r);
    CHECK(r.kept == 5);
    /* with smoothing, every value after a NaN loss is NaN */
    c = cfg(0.98, 4.0, 0, 0);
    lrp_lrfind_analyze(&c, lrs, l5, 8, sm, &r);
    CHECK(r.kept == 5 && is_nan(sm[4]) && is_nan(sm[7]) && !is_nan(sm[3]));
    /* NaN at the end of the kept range with skip_end 0: cut there (num_it 8: the
     * window's planned end, num_it - skip_end, is past the NaN) */
    c = cfg(0.0, 4.0, 8, 0);
    lrp_lrfind_analyze(&c, lrs, l5, 8, sm, &r);
    CHECK(r.have == (LRP_SUGGEST_MINIMUM | LRP_SUGGEST_STEEP | LRP_SUGGEST_VALLEY));
    CHECK(r.i_minimum == 3); /* the NaN at index 4 is out */
    double l6[2] = { 1.0, 0.0 / 0.0 }; /* one finite point left after the cut: nothing */
    lrp_lrfind_analyze(&c, lrs, l6, 2, sm, &r);
    CHECK(r.kept == 2);
    check_none(&r);
}

static void test_suggestions(void)
{
    /* lrs = e^i so the slope is the loss difference; beta 0 so smoothed == loss.
     * num_it 20 -> from index 2; skip_end 3 of 12 -> to index 9 (exclusive):
     * y = 4, 3, 3.5, 2, 1, 1.5, 2.5 at indices 2..8 */
    double lrs[12], sm[12];
    for (int i = 0; i < 12; i++) lrs[i] = exp((double)i);
    double loss[12] = { 5, 5, 4, 3, 3.5, 2, 1, 1.5, 2.5, 0.3, 0.3, 0.3 };
    lrp_lrfind_cfg c = cfg(0.0, 4.0, 20, 3);
    lrp_lrfind_result r;
    lrp_lrfind_analyze(&c, lrs, loss, 12, sm, &r);
    CHECK(r.kept == 12);
    CHECK(r.have == (LRP_SUGGEST_MINIMUM | LRP_SUGGEST_STEEP | LRP_SUGGEST_VALLEY));
    CHECK(r.i_minimum == 6 && r.minimum == lrs[6] / 10.0);  /* the lowest, 1 (0.3 is skipped) */
    CHECK(r.i_steep == 4 && r.steep == lrs[4]);              /* 3.5 -> 2: slope -1.5 */
    /* valley: the longest decreasing run ends at y=1 (local 4) with length 4, so
     * max_start = 0, sections = 4/3, idx = 0 + 1 + 0 */
    CHECK(r.i_valley == 3 && r.valley == lrs[3]);
    /* the steep stretch: slopes across five segments (cut at the ends) from index 2 are
     * -2/3, -3/4, -1/2, -1/10, -1/4, +1/6; from -3/4 it grows while <= -3/8: points 2..5 */
    CHECK(r.i_lo == 2 && r.i_hi == 5);

    /* ties go to the first index */
    double tie[6] = { 3, 1, 1, 2, 9, 9 };
    c = cfg(0.0, 100.0, 0, 2);
    lrp_lrfind_analyze(&c, lrs, tie, 6, sm, &r);
    CHECK(r.i_minimum == 1);
    double flat[6] = { 3, 2, 1, 3, 2, 1 }; /* slopes -1, -1, +2, -1, -1: the first -1 */
    c = cfg(0.0, 100.0, 0, 0);
    lrp_lrfind_analyze(&c, lrs, flat, 6, sm, &r);
    CHECK(r.i_steep == 0);

    /* fewer than 2 points in the range: no suggestion at all */
    c = cfg(0.0, 4.0, 50, 1); /* from 5 to 7 - 1 = 6: one point */
    lrp_lrfind_analyze(&c, lrs, loss, 7, sm, &r);
    CHECK(r.kept == 7);
    check_none(&r);
    c = cfg(0.0, 4.0, 0, 20); /* skip_end past everything */
    lrp_lrfind_analyze(&c, lrs, loss, 12, sm, &r);
    check_none(&r);
}

static void test_valley_clamp(void)
{
    /* two decreasing points: lds = 1, 2, max_end 1, max_start = 1 - 2 = -1,
     * sections = 2/3, idx = -1 + 0 + 0 -> clamped to 0 */
    double lrs[2] = { 1e-3, 1e-2 }, loss[2] = { 2.0, 1.0 }, sm[2];
    lrp_lrfind_cfg c = cfg(0.0, 4.0, 0, 0);
    lrp_lrfind_result r;
    lrp_lrfind_analyze(&c, lrs, loss, 2, sm, &r);
    CHECK(r.kept == 2 && (r.have & LRP_SUGGEST_VALLEY));
    CHECK(r.i_valley == 0 && r.valley == 1e-3);
    CHECK(r.i_lo == 0 && r.i_hi == 1); /* the one falling segment */
    CHECK(r.i_minimum == 1 && r.minimum == 1e-3);
    CHECK(r.i_steep == 0);
    /* the same with the range starting at 3: indices are into lrs */
    double lrs6[6] = { 1, 2, 3, 4, 5, 6 }, loss6[6] = { 9, 9, 9, 2, 1, 1 }, sm6[6];
    c = cfg(0.0, 100.0, 30, 1);
    lrp_lrfind_analyze(&c, lrs6, loss6, 6, sm6, &r);
    CHECK(r.i_valley == 3 && r.i_lo == 3 && r.i_hi == 4 && r.i_minimum == 4); /* the window's one segment */
    /* never decreasing: max_end stays 0, idx 0 */
    double up[4] = { 1, 2, 3, 3.5 }, lrs4[4] = { 1, 2, 3, 4 }, sm4[4];
    c = cfg(0.0, 100.0, 0, 0);
    lrp_lrfind_analyze(&c, lrs4, up, 4, sm4, &r);
    CHECK(r.i_valley == 0 && r.i_lo == -1 && r.i_hi == -1); /* no fall: no steep stretch */
}

/* beta 0 (smoothed == loss), no divergence stop: the suggestions of hand-made curves */
static void analyze_raw(long num_it, long skip_end, const double *lrs, const double *loss, size_t n,
                        double *sm, lrp_lrfind_result *r)
{
    lrp_lrfind_cfg c = cfg(0.0, 1e300, num_it, skip_end);
    lrp_lrfind_analyze(&c, lrs, loss, n, sm, r);
}

/* The steep stretch: where the slope d loss / d ln lr across five segments (points i-2 and
 * i+3 around segment i, cut at the window's ends) is at most half its most negative value.
 * lrs = e^i, so that slope is the loss difference over the number of segments. */
static void test_steep_stretch(void)
{
    double lrs[40], loss[40], sm[40];
    lrp_lrfind_result r;
    for (int i = 0; i < 40; i++) lrs[i] = exp((double)i);
    /* flat at 10 to point 9, a fall of 1 per segment to 0 at point 19, flat after: the
     * windows of segments 9..18 hold at least 3 falling segments (-3/5 <= -1/2): exactly
     * the fall (steep is one of its ten equal segment slopes) */
    for (int i = 0; i < 30; i++) loss[i] = i <= 9 ? 10.0 : (i >= 19 ? 0.0 : 19.0 - i);
    analyze_raw(0, 0, lrs, loss, 30, sm, &r);
    CHECK(r.i_steep >= 9 && r.i_steep <= 18 && r.i_lo == 9 && r.i_hi == 19);
    /* a one-point dip in the flat part moves steep (segment slope -3) but not the stretch:
     * the widest window it drops is -3/5, which is not contiguous with the fall */
    loss[25] = -3.0;
    analyze_raw(0, 0, lrs, loss, 30, sm, &r);
    CHECK(r.i_steep == 24 && r.i_lo == 9 && r.i_hi == 19);
    loss[25] = 0.0;
    /* the window starts at num_it/10 = 12: windows are cut there, the stretch starts there */
    analyze_raw(120, 0, lrs, loss, 30, sm, &r);
    CHECK(r.i_lo == 12 && r.i_hi == 19);
    /* ... and ends at kept - skip_end: the fall runs into the end (points 9..16 kept) */
    analyze_raw(0, 0, lrs, loss, 17, sm, &r);
    CHECK(r.i_lo == 9 && r.i_hi == 16);
    /* flat or rising: a steep suggestion (the least rise) but no stretch */
    double flat[8] = { 2, 2, 2, 2, 2, 2.5, 3, 4 };
    analyze_raw(0, 0, lrs, flat, 8, sm, &r);
    CHECK((r.have & LRP_SUGGEST_STEEP) && r.i_lo == -1 && r.i_hi == -1);
    /* two points that fall: the one segment */
    double two[2] = { 2, 1 };
    analyze_raw(0, 0, lrs, two, 2, sm, &r);
    CHECK(r.i_lo == 0 && r.i_hi == 1);
}

static void test_slide(void)
{
    double lrs[64], loss[64], sm[64];
    lrp_lrfind_result r;
    for (int i = 0; i < 64; i++) lrs[i] = (double)(i + 1);

    /* 15 points in the window: no slide; 16: the slide starts (and, flat, stays) at the
     * window's first point, lrs[-16] */
    for (int i = 0; i < 64; i++) loss[i] = 2.0;
    analyze_raw(0, 0, lrs, loss, 15, sm, &r);
    CHECK((r.have & LRP_SUGGEST_SLIDE) == 0 && r.i_slide == -1 && is_nan(r.slide));
    CHECK(r.have & LRP_SUGGEST_VALLEY);
    analyze_raw(0, 0, lrs, loss, 16, sm, &r);
    CHECK((r.have & LRP_SUGGEST_SLIDE) && r.i_slide == 0 && r.slide == lrs[0]);
    /* the window starts at num_it/10 = 3 and ends 2 before the 21 points: 16 points */
    analyze_raw(30, 2, lrs, loss, 21, sm, &r);
    CHECK(r.i_slide == 3 && r.slide == lrs[3]);
    analyze_raw(30, 3, lrs, loss, 21, sm, &r); /* 15 points */
    CHECK((r.have & LRP_SUGGEST_SLIDE) == 0 && (r.have & LRP_SUGGEST_MINIMUM));

    /* a steep fall then flat, after 3 points skipped (num_it 30): window y[k] = 5 - 0.1k
     * for k <= 20, then 3. np.gradient: -0.1 up to k = 19, -0.05 at 20, 0 after. From
     * r = 29, l = 14 the gradients differ (0 vs -0.1) until r = 19, l = 4 (both -0.1):
     * the last l that slid is 5. */
    loss[0] = 9.0; loss[1] = 8.0; loss[2] = 7.0;
    for (int k = 0; k < 30; k++) loss[3 + k] = k <= 20 ? 5.0 - 0.1 * k : 3.0;
    analyze_raw(30, 0, lrs, loss, 33, sm, &r);
    CHECK(r.i_slide == 3 + 5 && r.slide == lrs[8]);
    /* the same with the fall slower than the threshold: no slide at all, s = l = m-16 */
    for (int k = 0; k < 30; k++) loss[3 + k] = k <= 20 ? 5.0 - 0.001 * k : 5.0 - 0.02;
    analyze_raw(30, 0, lrs, loss, 33, sm, &r);
    CHECK(r.i_slide == 3 + 14);
    /* flat, then a fall over the last 15 points: every r in the fall meets an l in the
     * flat part (or at 14, -0.1 against -0.2), so the slide runs to l = 0 */
    for (int k = 0; k < 30; k++) loss[3 + k] = k <= 14 ? 5.0 : 5.0 - 0.2 * (k - 14);
    analyze_raw(30, 0, lrs, loss, 33, sm, &r);
    CHECK(r.i_slide == 3 + 0);
}

static void test_nan_window(void)
{
    /* falling losses, so the minimum sits on the window's last point */
    double lrs[40], loss[40], sm[40];
    lrp_lrfind_result r;
    for (int i = 0; i < 40; i++) { lrs[i] = (double)(i + 1); loss[i] = 10.0 - 0.1 * i; }
    analyze_raw(40, 5, lrs, loss, 40, sm, &r); /* no NaN: kept 40, window [4, 35) */
    CHECK(r.kept == 40 && r.i_minimum == 34);
    loss[30] = 0.0 / 0.0; /* stops the walk at j = 30: the window ends at min(30, 40 - 5) */
    analyze_raw(40, 5, lrs, loss, 40, sm, &r);
    CHECK(r.kept == 31 && r.i_minimum == 29);
    CHECK((r.have & LRP_SUGGEST_SLIDE) && r.i_slide == 29 - 15); /* a straight line: no slide */
    analyze_raw(33, 5, lrs, loss, 40, sm, &r); /* min(30, 28) */
    CHECK(r.kept == 31 && r.i_minimum == 27);
    analyze_raw(33, 40, lrs, loss, 40, sm, &r); /* num_it - skip_end < 0: nothing */
    CHECK((r.have & (LRP_SUGGEST_MINIMUM | LRP_SUGGEST_SLIDE | LRP_SUGGEST_VALLEY)) == 0);
    CHECK(r.have & LRP_SUGGEST_GRADIENT); /* its window is its own */
    /* an inf loss stops the walk too (smoothed is NaN there) */
    loss[30] = 1.0 / 0.0;
    analyze_raw(40, 5, lrs, loss, 40, sm, &r);
    CHECK(r.kept == 31 && r.i_minimum == 29);
}

static void test_gradient(void)
{
    /* window [10, kept-1) whatever num_it and skip_end say: y = 5 but 4 at 14, so
     * np.gradient is -0.5 at 13 and +0.5 at 15 */
    double lrs[20], loss[20], sm[20];
    lrp_lrfind_result r;
    for (int i = 0; i < 20; i++) { lrs[i] = (double)(i + 1); loss[i] = 5.0; }
    loss[14] = 4.0;
    analyze_raw(0, 0, lrs, loss, 20, sm, &r);
    CHECK((r.have & LRP_SUGGEST_GRADIENT) && r.i_gradient == 13 && r.gradient == lrs[13]);
    analyze_raw(100, 15, lrs, loss, 20, sm, &r); /* minimum's window is empty, not this one */
    CHECK(r.have == LRP_SUGGEST_GRADIENT && r.i_gradient == 13);
    /* the last kept point is never in it: a drop there counts for nothing */
    loss[14] = 5.0; loss[19] = 1.0;
    analyze_raw(0, 0, lrs, loss, 20, sm, &r);
    CHECK(r.i_gradient == 10); /* all gradients 0: the first */
    /* one-sided at the window's end: y[18] - y[17] = -2 at 18 beats (3 - 5)/2 = -1 at 17 */
    loss[19] = 5.0; loss[18] = 3.0;
    analyze_raw(0, 0, lrs, loss, 20, sm, &r);
    CHECK(r.i_gradient == 18);
    /* 12 kept points: one value in [10, 11): absent; 13: two values, a tie, the first */
    for (int i = 0; i < 20; i++) loss[i] = 5.0 - 0.01 * i;
    analyze_raw(0, 0, lrs, loss, 12, sm, &r);
    CHECK((r.have & LRP_SUGGEST_GRADIENT) == 0 && r.i_gradient == -1 && is_nan(r.gradient));
    analyze_raw(0, 0, lrs, loss, 13, sm, &r);
    CHECK((r.have & LRP_SUGGEST_GRADIENT) && r.i_gradient == 10);
    analyze_raw(0, 0, lrs, loss, 10, sm, &r);
    CHECK((r.have & LRP_SUGGEST_GRADIENT) == 0);
}

/* fastai's valley exactly as fastai writes it (O(n^2), the max_end update inside the
 * inner loop): the reference for the O(n log n) one in lrfind.c. */
static long valley_reference(const double *y, long n, long *max_start_out, long *max_end_out)
{
    static long lds[4096];
    long max_start = 0, max_end = 0;
    for (long i = 0; i < n; i++) lds[i] = 1;
    for (long i = 1; i < n; i++) {
        for (long j = 0; j < i; j++) {
            if (y[i] < y[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
            if (lds[max_end] < lds[i]) {
                max_end = i;
                max_start = max_end - lds[max_end];
            }
        }
    }
    double sections = (double)(max_end - max_start) / 3.0;
    long idx = max_start + (long)sections + (long)(sections / 2.0);
    if (idx < 0) idx = 0;
    if (idx > n - 1) idx = n - 1;
    *max_start_out = max_start;
    *max_end_out = max_end;
    return idx;
}

static void test_valley_matches_reference(void)
{
    static double lrs[4096], loss[4096], sm[4096];
    for (int i = 0; i < 4096; i++) lrs[i] = (double)(i + 1);
    uint32_t seed = 20261201u;
    int mismatches = 0, cases = 0;
    const long levels[] = { 2, 3, 5, 50, 1000000 };
    for (int t = 0; t < 2000; t++) {
        seed = seed * 1664525u + 1013904223u;
        long n = 2 + (long)(t < 1950 ? (seed >> 8) % 120 : (seed >> 8) % 2000);
        long k = levels[t % 5];
        int shape = t % 7;
        for (long i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            double v = 1.0 + (double)((seed >> 8) % (uint32_t)k);
            if (shape == 1) v += (double)(n - i);          /* falling, with ties and bumps */
            else if (shape == 2) v = 1.0 + (double)(n - i); /* strictly falling */
            else if (shape == 3) v = 1.0 + (double)i;       /* rising: every lds is 1 */
            else if (shape == 4) v = 7.0;                   /* flat */
            else if (shape == 5) v = 1.0 + (double)((i % 9) == 0 ? 0 : 9 - i % 9); /* sawtooth */
            loss[i] = v;
        }
        lrp_lrfind_result r;
        analyze_raw(0, 0, lrs, loss, (size_t)n, sm, &r);
        long ms, me;
        long idx = valley_reference(loss, n, &ms, &me);
        cases++;
        if (!(r.have & LRP_SUGGEST_VALLEY) || r.i_valley != idx) {
            if (mismatches++ < 5)
                fprintf(stderr, "valley case %d (n %ld, shape %d): got %ld, want %ld (run [%ld, %ld])\n",
                        t, n, shape, r.i_valley, idx, ms, me);
        }
    }
    CHECK(cases == 2000 && mismatches == 0);
}

/* A golden case end to end: every kept smoothed value within rtol/atol (NaN where the
 * case has null), the count kept, and the five suggestions as the same points. */
static void golden_case(const char *name, const double *lrs, const double *losses, size_t n,
                        double beta, double diverge, long num_it, long skip_end,
                        const double *want_sm, size_t kept, double minimum, double steep, double valley,
                        double slide, double gradient, double rtol, double atol, double srtol)
{
    double sm[200];
    CHECK_MSG(n <= 200, "%s: %zu points", name, n);
    if (n > 200) return;
    lrp_lrfind_cfg c = cfg(beta, diverge, num_it, skip_end);
    lrp_lrfind_result r;
    lrp_lrfind_analyze(&c, lrs, losses, n, sm, &r);
    CHECK_MSG(r.kept == kept, "%s: kept %zu, want %zu", name, r.kept, kept);
    size_t bad = 0;
    for (size_t i = 0; i < kept && i < r.kept; i++) {
        int ok = is_nan(want_sm[i]) ? is_nan(sm[i]) : fabs(sm[i] - want_sm[i]) <= atol + rtol * fabs(want_sm[i]);
        if (!ok && bad++ < 3) fprintf(stderr, "%s: smoothed[%zu] = %.17g, want %.17g\n", name, i, sm[i], want_sm[i]);
    }
    CHECK_MSG(bad == 0, "%s: %zu smoothed values differ", name, bad);
    CHECK_MSG(r.have == (LRP_SUGGEST_MINIMUM | LRP_SUGGEST_STEEP | LRP_SUGGEST_VALLEY | LRP_SUGGEST_SLIDE |
                         LRP_SUGGEST_GRADIENT), "%s: suggestions %u", name, r.have);
    CHECK_MSG(fabs(r.minimum - minimum) <= srtol * minimum, "%s: minimum %.17g, want %.17g", name, r.minimum, minimum);
    CHECK_MSG(fabs(r.steep - steep) <= srtol * steep, "%s: steep %.17g, want %.17g", name, r.steep, steep);
    CHECK_MSG(fabs(r.valley - valley) <= srtol * valley, "%s: valley %.17g, want %.17g", name, r.valley, valley);
    CHECK_MSG(fabs(r.slide - slide) <= srtol * slide, "%s: slide %.17g, want %.17g", name, r.slide, slide);
    CHECK_MSG(fabs(r.gradient - gradient) <= srtol * gradient, "%s: gradient %.17g, want %.17g", name, r.gradient, gradient);
    CHECK(r.i_lo >= num_it / 10 && r.i_lo < r.i_hi && r.i_hi < (long)kept);  /* fastai's NaN window may end past kept - skip_end */
}
#define GOLDEN_CASE(CASE) \
    golden_case(#CASE, GOLDEN_##CASE##_SPEC_LRS, GOLDEN_##CASE##_SPEC_LOSSES, GOLDEN_##CASE##_SPEC_LRS_N, \
                GOLDEN_##CASE##_SPEC_BETA, GOLDEN_##CASE##_SPEC_DIVERGE, GOLDEN_##CASE##_SPEC_NUM_IT, \
                GOLDEN_##CASE##_SPEC_SKIP_END, GOLDEN_##CASE##_EXPECT_SMOOTHED, GOLDEN_##CASE##_EXPECT_KEPT, \
                GOLDEN_##CASE##_EXPECT_SUGGESTIONS_MINIMUM, GOLDEN_##CASE##_EXPECT_SUGGESTIONS_STEEP, \
                GOLDEN_##CASE##_EXPECT_SUGGESTIONS_VALLEY, GOLDEN_##CASE##_EXPECT_SUGGESTIONS_SLIDE, \
                GOLDEN_##CASE##_EXPECT_SUGGESTIONS_GRADIENT, GOLDEN_##CASE##_TOL_RTOL, GOLDEN_##CASE##_TOL_ATOL, \
                GOLDEN_##CASE##_TOL_SUGGESTION_RTOL)

static void test_golden(void)
{
    CHECK(GOLDEN_LRFIND_CLEAN_SPEC_LOSSES_N == GOLDEN_LRFIND_CLEAN_SPEC_LRS_N);
    CHECK(GOLDEN_LRFIND_NOISY_SPEC_LOSSES_N == GOLDEN_LRFIND_NOISY_SPEC_LRS_N);
    CHECK(GOLDEN_LRFIND_NAN_SPEC_LOSSES_N == GOLDEN_LRFIND_NAN_SPEC_LRS_N);
    CHECK(GOLDEN_LRFIND_CLEAN_EXPECT_SMOOTHED_N == GOLDEN_LRFIND_CLEAN_EXPECT_KEPT);
    GOLDEN_CASE(LRFIND_CLEAN);
    GOLDEN_CASE(LRFIND_NOISY);
    GOLDEN_CASE(LRFIND_NAN);   /* NaN losses, and a null (NaN) smoothed value */
    /* the indices behind lrfind-clean's suggestions, worked out by hand */
    double sm[GOLDEN_LRFIND_CLEAN_SPEC_LRS_N];
    lrp_lrfind_cfg c = cfg(GOLDEN_LRFIND_CLEAN_SPEC_BETA, GOLDEN_LRFIND_CLEAN_SPEC_DIVERGE,
                           GOLDEN_LRFIND_CLEAN_SPEC_NUM_IT, GOLDEN_LRFIND_CLEAN_SPEC_SKIP_END);
    lrp_lrfind_result r;
    lrp_lrfind_analyze(&c, GOLDEN_LRFIND_CLEAN_SPEC_LRS, GOLDEN_LRFIND_CLEAN_SPEC_LOSSES, GOLDEN_LRFIND_CLEAN_SPEC_LRS_N, sm, &r);
    CHECK(r.i_minimum == 79 && r.i_steep == 62 && r.i_valley == 43);
    CHECK(r.i_slide == 59 && r.i_gradient == 63);
}

int main(void)
{
    test_defaults();
    test_tiny();
    test_stop_rule();
    test_suggestions();
    test_valley_clamp();
    test_slide();
    test_nan_window();
    test_gradient();
    test_steep_stretch();
    test_valley_matches_reference();
    test_golden();
    return check_done("test_lrfind");
}
