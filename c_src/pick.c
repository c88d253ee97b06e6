/* pick.c — which range-test suggestion becomes the picked rate (find.pick).
 *
 * The suggestions an analysis gives are mapped to the pick kinds by one table below:
 * the kind, the LRP_SUGGEST_* bit that says it was given and where its rate sits in
 * lrp_lrfind_result. A suggestion added to the analysis gets a row here and nothing else.
 * slide and gradient are pick kinds already (configs and links may name them); until
 * the analysis gives them they fall back like any suggestion that is absent.
 *
 * Fallback: the suggestion asked for when the analysis gives it, else the first given
 * of steep, valley, slide, gradient, minimum: the steepest fall first (the rule the
 * classic range-test recipe states), then fastai's and Lightning's points on the fall,
 * and minimum/10, the most conservative, last. */
#include "fields.h"

#include <stddef.h>

static const struct { lrp_pick kind; unsigned bit; size_t off; } suggestion_map[] = {
    {LRP_PICK_STEEP, LRP_SUGGEST_STEEP, offsetof(lrp_lrfind_result, steep)},
    {LRP_PICK_VALLEY, LRP_SUGGEST_VALLEY, offsetof(lrp_lrfind_result, valley)},
    {LRP_PICK_MINIMUM, LRP_SUGGEST_MINIMUM, offsetof(lrp_lrfind_result, minimum)},
    {LRP_PICK_SLIDE, LRP_SUGGEST_SLIDE, offsetof(lrp_lrfind_result, slide)},
    {LRP_PICK_GRADIENT, LRP_SUGGEST_GRADIENT, offsetof(lrp_lrfind_result, gradient)},
};

static const lrp_pick fallback_order[] = {
    LRP_PICK_STEEP, LRP_PICK_VALLEY, LRP_PICK_SLIDE, LRP_PICK_GRADIENT, LRP_PICK_MINIMUM,
};

int lrp_lrfind_suggestion(const lrp_lrfind_result *a, lrp_pick k, double *lr) {
    for (size_t i = 0; i < sizeof suggestion_map / sizeof suggestion_map[0]; i++) {
        if (suggestion_map[i].kind != k) continue;
        if (!(a->have & suggestion_map[i].bit)) return 0;
        *lr = *(const double *)((const char *)a + suggestion_map[i].off);
        return 1;
    }
    return 0;
}

/* A rate is given when it is a number (NaN marks "not given"). */
static int given(const double *rates, long k) { return k >= 0 && k < LRP_PICK__COUNT && rates[k] == rates[k]; }

int lrp_pick_resolve(const double rates[LRP_PICK__COUNT], lrp_pick want) {
    if (given(rates, (long)want)) return (int)want;
    for (size_t i = 0; i < sizeof fallback_order / sizeof fallback_order[0]; i++)
        if (given(rates, (long)fallback_order[i])) return (int)fallback_order[i];
    return -1;
}

const char *lrp_pick_name(lrp_pick k) {
    return (unsigned)k < LRP_PICK__COUNT ? lrp_pick_names[k] : "?";
}
