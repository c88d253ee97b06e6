/* mlp.h — internals of the network (c_src/mlp.c) that other core files use.
 * The public side (lrp_mlp_*) is in lrplay.h; tests/c/test_mlp.c checks that the count
 * below is the one lrp_mlp_create allocates. */
#ifndef LRP_MLP_H
#define LRP_MLP_H
#include <stddef.h>
#include <stdint.h>

/* Parameters of an MLP with layer sizes sizes[0..n_sizes-1] (inputs, hidden..., outputs):
 * each layer's W (OUT, IN) and b (OUT), the count lrp_mlp_create allocates. Returns 0 if
 * the count overflows size_t. */
static inline int lrp_mlp_param_count(const size_t *sizes, size_t n_sizes, size_t *out) {
    size_t np = 0;
    for (size_t l = 0; l + 1 < n_sizes; l++) {
        size_t IN = sizes[l], OUT = sizes[l + 1];
        if (IN && OUT > (SIZE_MAX - np) / (IN + 1)) return 0;
        np += OUT * (IN + 1);
    }
    *out = np;
    return 1;
}

#endif
