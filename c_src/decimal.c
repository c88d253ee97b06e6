/* decimal.c — decimal text to double, correctly rounded (round half to even), with no
 * help from the C library: glibc's and musl's strtod are both meant to round correctly,
 * but the core promises the same bits on every build, so it carries its own.
 *
 * Short numbers (at most 15 significant digits, a power of ten up to 1e22) take Clinger's
 * fast path: both operands are exact doubles, so one IEEE multiply or divide rounds the
 * exact value once. Everything else is done exactly with big integers: the value is
 * D * 10^E; for E >= 0 the top 64 bits of that integer and a sticky bit decide the rounding;
 * for E < 0 a 55..57-bit quotient of D * 2^s by 10^-E and its remainder do. Digits past the
 * 800th only matter as "something nonzero follows", which a trailing 1 stands for exactly:
 * halfway points between doubles have at most 767 significant digits. */
#include "csv.h"

#include <stdint.h>
#include <string.h>

#define MAX_DIGITS 800
#define LIMBS 132          /* 4224 bits: 10^(330 + 801) * 2^57 fits */

typedef struct { uint32_t d[LIMBS]; size_t n; } big;   /* little-endian limbs, n used */

static void big_small(big *b, uint32_t v) { b->d[0] = v; b->n = v ? 1 : 0; }

static void big_muladd(big *b, uint32_t m, uint32_t add) {
    uint64_t carry = add;
    for (size_t i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->d[i] * m + carry;
        b->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry && b->n < LIMBS) b->d[b->n++] = (uint32_t)carry;
}

static void big_pow10(big *b, long e) {   /* b *= 10^e */
    for (; e >= 9; e -= 9) big_muladd(b, 1000000000u, 0);
    static const uint32_t p[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    if (e > 0) big_muladd(b, p[e], 0);
}

static void big_shl(big *b, size_t bits) {
    size_t limbs = bits / 32, r = bits % 32;
    if (b->n == 0) return;
    size_t n = b->n + limbs + 1;
    if (n > LIMBS) n = LIMBS;
    for (size_t i = n; i-- > 0;) {
        uint64_t hi = i >= limbs && i - limbs < b->n ? b->d[i - limbs] : 0;
        uint64_t lo = r && i >= limbs + 1 && i - limbs - 1 < b->n ? b->d[i - limbs - 1] : 0;
        b->d[i] = (uint32_t)((hi << r) | (r ? lo >> (32 - r) : 0));
    }
    b->n = n;
    while (b->n && b->d[b->n - 1] == 0) b->n--;
}

static void big_shr1(big *b) {
    for (size_t i = 0; i < b->n; i++) b->d[i] = (b->d[i] >> 1) | (i + 1 < b->n ? b->d[i + 1] << 31 : 0);
    while (b->n && b->d[b->n - 1] == 0) b->n--;
}

static size_t big_bits(const big *b) {
    if (b->n == 0) return 0;
    uint32_t top = b->d[b->n - 1];
    size_t k = 0;
    while (top) { k++; top >>= 1; }
    return (b->n - 1) * 32 + k;
}

static int big_cmp(const big *a, const big *b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (size_t i = a->n; i-- > 0;) if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static void big_sub(big *a, const big *b) {   /* a -= b, a >= b */
    int64_t borrow = 0;
    for (size_t i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = t < 0;
        a->d[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    }
    while (a->n && a->d[a->n - 1] == 0) a->n--;
}

static int bit_at(const big *b, size_t i) { return (int)((b->d[i / 32] >> (i % 32)) & 1u); }

static int bitlen64(uint64_t q) { int k = 0; while (q) { k++; q >>= 1; } return k; }

/* The double nearest to (q + a sticky fraction) * 2^e2, q > 0, half to even, subnormals
 * rounded once at their own precision. */
static double make_double(uint64_t q, long e2, int sticky, int neg) {
    long bits = bitlen64(q), lead = bits - 1 + e2;
    uint64_t out;
    if (lead > 1023) out = 0x7FF0000000000000ull;
    else {
        long keep = lead < -1022 ? 53 - (-1022 - lead) : 53;
        uint64_t m;
        if (keep < 0) m = 0;
        else {
            long shift = bits - keep;
            if (shift <= 0) m = q << -shift;
            else {
                m = shift >= 64 ? 0 : q >> shift;
                uint64_t rem = shift >= 64 ? q : q & ((1ull << shift) - 1);
                uint64_t half = shift > 64 ? 0 : 1ull << (shift - 1);
                int up = shift > 64 ? 0 : (rem > half || (rem == half && (sticky || (m & 1))));
                m += (uint64_t)up;
            }
        }
        if (m == 0) out = 0;
        else if (keep < 53) out = m;   /* subnormal (a carry into 2^52 makes the smallest normal) */
        else {
            long e = lead;
            if (m >> 53) { m >>= 1; e++; }
            out = e > 1023 ? 0x7FF0000000000000ull : ((uint64_t)(e + 1023) << 52) | (m & 0xFFFFFFFFFFFFFull);
        }
    }
    if (neg) out |= 0x8000000000000000ull;
    double d;
    memcpy(&d, &out, sizeof d);
    return d;
}

static double slow_path(const char *dig, size_t nd, long e, int neg) {
    big x;
    big_small(&x, 0);
    for (size_t i = 0; i < nd; i++) {
        if (x.n == 0) big_small(&x, (uint32_t)(dig[i] - '0'));
        else big_muladd(&x, 10, (uint32_t)(dig[i] - '0'));
    }
    if (e >= 0) {
        big_pow10(&x, e);
        size_t bl = big_bits(&x);
        if (bl <= 64) {
            uint64_t q = 0;
            for (size_t i = x.n; i-- > 0;) q = (q << 32) | x.d[i];
            return make_double(q, 0, 0, neg);
        }
        uint64_t q = 0;
        for (size_t i = 0; i < 64; i++) q = (q << 1) | (uint64_t)bit_at(&x, bl - 1 - i);
        int sticky = 0;
        for (size_t i = 0; i < bl - 64 && !sticky; i++) sticky = bit_at(&x, i);
        return make_double(q, (long)(bl - 64), sticky, neg);
    }
    big p;
    big_small(&p, 1);
    big_pow10(&p, -e);
    long s = 56 + (long)big_bits(&p) - (long)big_bits(&x);
    if (s > 0) big_shl(&x, (size_t)s);
    else if (s < 0) big_shl(&p, (size_t)-s);
    /* Binary long division, 57 quotient bits at most. */
    big_shl(&p, 57);
    uint64_t q = 0;
    for (int j = 57; j >= 0; j--) {
        if (big_cmp(&x, &p) >= 0) { big_sub(&x, &p); q |= 1ull << j; }
        big_shr1(&p);
    }
    return make_double(q, -s, x.n != 0, neg);
}

static const double p10[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The common case in one scan: at most 15 significant digits and a power of ten up to 1e22.
 * Returns 0 (nothing decided) for anything else, which the full parse below then reads. */
static int fast_parse(const char *s, size_t n, double *out) {
    size_t i = 0;
    int neg = 0, dot = 0, nd = 0, seen = 0;
    uint64_t m = 0;
    long e = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    for (; i < n; i++) {
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d < 10) {
            seen = 1;
            if (nd == 0 && d == 0) { if (dot) e--; continue; }
            if (nd == 15) return 0;
            m = m * 10 + d;
            nd++;
            if (dot) e--;
        } else if (s[i] == '.' && !dot) dot = 1;
        else break;
    }
    if (!seen) return 0;
    if (i < n) {
        if (s[i] != 'e' && s[i] != 'E') return 0;
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        if (i == n) return 0;
        long ev = 0;
        for (; i < n; i++) {
            unsigned d = (unsigned)(unsigned char)s[i] - '0';
            if (d >= 10 || ev > 1000) return 0;
            ev = ev * 10 + d;
        }
        e += eneg ? -ev : ev;
    }
    if (m == 0) { *out = neg ? -0.0 : 0.0; return 1; }
    if (e < -22 || e > 22) return 0;
    double v = (double)m;   /* exact: m < 10^15 */
    v = e >= 0 ? v * p10[e] : v / p10[-e];
    *out = neg ? -v : v;
    return 1;
}

int lrp_decimal_parse(const char *s, size_t n, double *out) {
    if (fast_parse(s, n, out)) return 1;
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    char dig[MAX_DIGITS + 1];
    size_t nd = 0, seen = 0;
    long e = 0;
    int truncated = 0, dot = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && !dot) { dot = 1; continue; }
        if (c < '0' || c > '9') break;
        seen++;
        if (nd == 0 && c == '0') { if (dot) e--; continue; }       /* leading zeros */
        if (nd < MAX_DIGITS) { dig[nd++] = c; if (dot) e--; }
        else { if (c != '0') truncated = 1; if (!dot) e++; }
    }
    if (seen == 0) return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        size_t start = i;
        long ev = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) if (ev < 100000) ev = ev * 10 + (s[i] - '0');
        if (i == start) return 0;
        e += eneg ? -ev : ev;
    }
    if (i != n) return 0;
    if (truncated) { dig[nd++] = '1'; e--; }
    while (nd > 0 && dig[nd - 1] == '0') { nd--; e++; }   /* trailing zeros into the exponent */
    if (nd == 0) { *out = neg ? -0.0 : 0.0; return 1; }
    if ((long)nd + e > 310) { *out = make_double(1, 2000, 0, neg); return 1; }   /* infinity */
    if ((long)nd + e < -330) { *out = neg ? -0.0 : 0.0; return 1; }
    if (nd <= 15 && e >= -22 && e <= 22) {
        double d = 0;
        for (size_t k = 0; k < nd; k++) d = d * 10 + (dig[k] - '0');   /* exact: < 10^15 */
        d = e >= 0 ? d * p10[e] : d / p10[-e];
        *out = neg ? -d : d;
        return 1;
    }
    *out = slow_path(dig, nd, e, neg);
    return 1;
}
