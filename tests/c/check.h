/* check.h — the C tests' only helper: report a failure and keep count; main returns
 * check_done(), which is non-zero when anything failed. */
#ifndef LRP_CHECK_H
#define LRP_CHECK_H
#include <stdio.h>
#include <string.h>
#include <math.h>

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond) do { check_count++; if (!(cond)) { check_failures++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_MSG(cond, ...) do { check_count++; if (!(cond)) { check_failures++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)
#define CHECK_NEAR(a, b, tol) do { double a_ = (a), b_ = (b); check_count++; \
    if (!(fabs(a_ - b_) <= (tol))) { check_failures++; \
    fprintf(stderr, "%s:%d: %s = %.17g, want %.17g (tol %g)\n", __FILE__, __LINE__, #a, a_, b_, (double)(tol)); } } while (0)
#define CHECK_BITS_EQ(a, b, nbytes) do { check_count++; if (memcmp((a), (b), (nbytes)) != 0) { \
    check_failures++; fprintf(stderr, "%s:%d: bits differ: %s vs %s\n", __FILE__, __LINE__, #a, #b); } } while (0)

static int check_done(const char *name) {
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures ? 1 : 0;
}
#endif
