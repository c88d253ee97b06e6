/* print_g17 — the C library's printf("%.17g") of doubles given as 16 hex digits of their bits,
 * one per line on stdin, one result per line on stdout. tests/node/format.test.mjs holds the
 * JavaScript formatter (web/js/core/output.js) to it, ties included. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        uint64_t bits;
        double x;
        if (sscanf(line, "%" SCNx64, &bits) != 1) return 2;
        memcpy(&x, &bits, sizeof x);
        printf("%.17g\n", x);
    }
    return 0;
}
