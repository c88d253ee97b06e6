/* test_util.c — the core's shared internals (c_src/util.h): the error writer, the checked
 * size arithmetic every allocation goes through, and the finiteness test. */
#include <float.h>
#include <stdint.h>

#include "check.h"
#include "util.h"

static void test_say_and_fail(void)
{
    char err[16];
    lrp_say(err, sizeof err, "%s: %d", "x", 42);
    CHECK(strcmp(err, "x: 42") == 0);
    /* truncated, always terminated */
    lrp_say(err, sizeof err, "%s", "a reason longer than the buffer");
    CHECK(strlen(err) == sizeof err - 1 && strncmp(err, "a reason longer", 15) == 0);
    /* no buffer, or an empty one: nothing written, no crash */
    lrp_say(NULL, 0, "ignored %d", 1);
    err[0] = 'q';
    lrp_say(err, 0, "ignored %d", 1);
    CHECK(err[0] == 'q');
    /* lrp_fail writes the same way and hands back the status */
    CHECK(lrp_fail(err, sizeof err, LRP_ELIMIT, "n: %zu", (size_t)7) == LRP_ELIMIT);
    CHECK(strcmp(err, "n: 7") == 0);
    CHECK(lrp_fail(NULL, 0, LRP_EINVAL, "x") == LRP_EINVAL);
}

static void test_size_mad(void)
{
    size_t out = 123;
    CHECK(lrp_size_mad(3, 4, 5, &out) && out == 17);
    CHECK(lrp_size_mad(0, 4, 5, &out) && out == 5);
    CHECK(lrp_size_mad(SIZE_MAX, 0, 5, &out) && out == 5);   /* b = 0: never overflows */
    CHECK(lrp_size_mad(SIZE_MAX, 1, 0, &out) && out == SIZE_MAX);
    CHECK(lrp_size_mad(SIZE_MAX / 2, 2, 1, &out) && out == SIZE_MAX);
    /* overflow of the product, or of the sum: 0, and *out untouched */
    out = 99;
    CHECK(!lrp_size_mad(SIZE_MAX / 2 + 1, 2, 0, &out) && out == 99);
    CHECK(!lrp_size_mad(SIZE_MAX / 2, 2, 2, &out) && out == 99);
    CHECK(!lrp_size_mad(SIZE_MAX, 1, 1, &out) && out == 99);
    CHECK(!lrp_size_mad((size_t)1 << (sizeof(size_t) * 4), (size_t)1 << (sizeof(size_t) * 4), 0, &out) && out == 99);
    CHECK(!lrp_size_mad(SIZE_MAX / sizeof(float) + 1, sizeof(float), 0, &out));
    CHECK(lrp_size_mad(SIZE_MAX / sizeof(float), sizeof(float), 0, &out));
}

static void test_is_finite(void)
{
    double zero = 0.0, inf = 1.0 / zero, nan = zero / zero;
    CHECK(lrp_is_finite(0.0) && lrp_is_finite(-0.0) && lrp_is_finite(1.5) && lrp_is_finite(-3e300));
    CHECK(lrp_is_finite(DBL_MAX) && lrp_is_finite(-DBL_MAX) && lrp_is_finite(DBL_MIN) && lrp_is_finite(4.9e-324));
    CHECK(!lrp_is_finite(inf) && !lrp_is_finite(-inf) && !lrp_is_finite(nan) && !lrp_is_finite(-nan));
    CHECK(lrp_is_finite((double)FLT_MAX) && !lrp_is_finite((double)(float)inf));
}

int main(void)
{
    test_say_and_fail();
    test_size_mad();
    test_is_finite();
    return check_done("test_util");
}
