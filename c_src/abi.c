/* abi.c — struct layouts for callers that read the core's structs from raw memory
 * (the JavaScript loader reads results out of WebAssembly memory).
 *
 * lrp_abi_layout(which, k):
 *   k == 0          sizeof the struct `which`
 *   k >= 1          offsetof its k-th member in the lists below (1-based)
 *   which + 100     the same k gives sizeof that member instead of its offset
 * Returns (size_t)-1 for an unknown struct or a k past the end of its list, so a
 * caller can check it knows exactly as many members as the core does.
 *
 * The member lists are part of the contract with web/js/core.js (same order there).
 * No state, no allocation. */
#include <stddef.h>
#include "lrplay.h"

LRP_API size_t lrp_abi_layout(int which, size_t k);

#define LRP_ABI_MEMBER(i, T, m) case i: return want_size ? sizeof(((T *)0)->m) : offsetof(T, m)

LRP_API size_t lrp_abi_layout(int which, size_t k)
{
    int want_size = which >= 100;
    if (want_size) which -= 100;
    switch (which) {
    case 0: /* lrp_find_result */
        switch (k) {
        case 0: return sizeof(lrp_find_result);
        LRP_ABI_MEMBER(1, lrp_find_result, n);
        LRP_ABI_MEMBER(2, lrp_find_result, lr);
        LRP_ABI_MEMBER(3, lrp_find_result, loss);
        LRP_ABI_MEMBER(4, lrp_find_result, smoothed);
        LRP_ABI_MEMBER(5, lrp_find_result, diverged);
        LRP_ABI_MEMBER(6, lrp_find_result, analysis);
        }
        break;
    case 1: /* lrp_lrfind_result */
        switch (k) {
        case 0: return sizeof(lrp_lrfind_result);
        LRP_ABI_MEMBER(1, lrp_lrfind_result, kept);
        LRP_ABI_MEMBER(2, lrp_lrfind_result, have);
        LRP_ABI_MEMBER(3, lrp_lrfind_result, minimum);
        LRP_ABI_MEMBER(4, lrp_lrfind_result, steep);
        LRP_ABI_MEMBER(5, lrp_lrfind_result, valley);
        LRP_ABI_MEMBER(6, lrp_lrfind_result, i_minimum);
        LRP_ABI_MEMBER(7, lrp_lrfind_result, i_steep);
        LRP_ABI_MEMBER(8, lrp_lrfind_result, i_valley);
        LRP_ABI_MEMBER(9, lrp_lrfind_result, i_lo);
        LRP_ABI_MEMBER(10, lrp_lrfind_result, i_hi);
        LRP_ABI_MEMBER(11, lrp_lrfind_result, slide);
        LRP_ABI_MEMBER(12, lrp_lrfind_result, gradient);
        LRP_ABI_MEMBER(13, lrp_lrfind_result, i_slide);
        LRP_ABI_MEMBER(14, lrp_lrfind_result, i_gradient);
        }
        break;
    case 2: /* lrp_train_result */
        switch (k) {
        case 0: return sizeof(lrp_train_result);
        LRP_ABI_MEMBER(1, lrp_train_result, epochs_done);
        LRP_ABI_MEMBER(2, lrp_train_result, lr);
        LRP_ABI_MEMBER(3, lrp_train_result, train_loss);
        LRP_ABI_MEMBER(4, lrp_train_result, val_loss);
        LRP_ABI_MEMBER(5, lrp_train_result, val_acc);
        LRP_ABI_MEMBER(6, lrp_train_result, n_events);
        LRP_ABI_MEMBER(7, lrp_train_result, events);
        LRP_ABI_MEMBER(8, lrp_train_result, status);
        LRP_ABI_MEMBER(9, lrp_train_result, diverged_epoch);
        LRP_ABI_MEMBER(10, lrp_train_result, best_val_loss);
        LRP_ABI_MEMBER(11, lrp_train_result, best_epoch);
        LRP_ABI_MEMBER(12, lrp_train_result, epochs_to_target);
        LRP_ABI_MEMBER(13, lrp_train_result, stopped_epoch);
        LRP_ABI_MEMBER(14, lrp_train_result, restored_epoch);
        LRP_ABI_MEMBER(15, lrp_train_result, final_val_loss);
        LRP_ABI_MEMBER(16, lrp_train_result, final_val_acc);
        }
        break;
    case 3: /* lrp_event */
        switch (k) {
        case 0: return sizeof(lrp_event);
        LRP_ABI_MEMBER(1, lrp_event, epoch);
        LRP_ABI_MEMBER(2, lrp_event, old_lr);
        LRP_ABI_MEMBER(3, lrp_event, new_lr);
        LRP_ABI_MEMBER(4, lrp_event, reason);
        }
        break;
    case 4: /* lrp_field_value */
        switch (k) {
        case 0: return sizeof(lrp_field_value);
        LRP_ABI_MEMBER(1, lrp_field_value, info.name);
        LRP_ABI_MEMBER(2, lrp_field_value, info.type);
        LRP_ABI_MEMBER(3, lrp_field_value, info.min);
        LRP_ABI_MEMBER(4, lrp_field_value, info.max);
        LRP_ABI_MEMBER(5, lrp_field_value, info.choices);
        LRP_ABI_MEMBER(6, lrp_field_value, info.max_items);
        LRP_ABI_MEMBER(7, lrp_field_value, info.help);
        LRP_ABI_MEMBER(8, lrp_field_value, name_buf);
        LRP_ABI_MEMBER(9, lrp_field_value, number);
        LRP_ABI_MEMBER(10, lrp_field_value, str);
        LRP_ABI_MEMBER(11, lrp_field_value, list);
        LRP_ABI_MEMBER(12, lrp_field_value, n_list);
        LRP_ABI_MEMBER(13, lrp_field_value, is_default);
        }
        break;
    case 5: /* lrp_lrfind_cfg */
        switch (k) {
        case 0: return sizeof(lrp_lrfind_cfg);
        LRP_ABI_MEMBER(1, lrp_lrfind_cfg, beta);
        LRP_ABI_MEMBER(2, lrp_lrfind_cfg, diverge);
        LRP_ABI_MEMBER(3, lrp_lrfind_cfg, num_it);
        LRP_ABI_MEMBER(4, lrp_lrfind_cfg, skip_end);
        }
        break;
    case 6: /* lrp_plateau */
        switch (k) {
        case 0: return sizeof(lrp_plateau);
        LRP_ABI_MEMBER(1, lrp_plateau, lr);
        }
        break;
    case 13: /* lrp_earlystop */
        switch (k) {
        case 0: return sizeof(lrp_earlystop);
        LRP_ABI_MEMBER(1, lrp_earlystop, best_epoch);
        LRP_ABI_MEMBER(2, lrp_earlystop, stopped_epoch);
        }
        break;
    case 14: /* lrp_earlystop_cfg */
        switch (k) {
        case 0: return sizeof(lrp_earlystop_cfg);
        LRP_ABI_MEMBER(1, lrp_earlystop_cfg, mode);
        LRP_ABI_MEMBER(2, lrp_earlystop_cfg, min_delta);
        LRP_ABI_MEMBER(3, lrp_earlystop_cfg, patience);
        LRP_ABI_MEMBER(4, lrp_earlystop_cfg, baseline);
        LRP_ABI_MEMBER(5, lrp_earlystop_cfg, use_baseline);
        LRP_ABI_MEMBER(6, lrp_earlystop_cfg, start_from_epoch);
        }
        break;
    case 15: /* lrp_stats */
        switch (k) {
        case 0: return sizeof(lrp_stats);
        LRP_ABI_MEMBER(1, lrp_stats, n);
        LRP_ABI_MEMBER(2, lrp_stats, mean);
        LRP_ABI_MEMBER(3, lrp_stats, sd);
        LRP_ABI_MEMBER(4, lrp_stats, median);
        LRP_ABI_MEMBER(5, lrp_stats, min);
        LRP_ABI_MEMBER(6, lrp_stats, max);
        }
        break;
    case 7: /* lrp_mlp_cfg */
        switch (k) {
        case 0: return sizeof(lrp_mlp_cfg);
        LRP_ABI_MEMBER(1, lrp_mlp_cfg, sizes);
        LRP_ABI_MEMBER(2, lrp_mlp_cfg, n_sizes);
        LRP_ABI_MEMBER(3, lrp_mlp_cfg, act);
        LRP_ABI_MEMBER(4, lrp_mlp_cfg, loss);
        }
        break;
    case 8: /* lrp_sched_cfg */
        switch (k) {
        case 0: return sizeof(lrp_sched_cfg);
        LRP_ABI_MEMBER(1, lrp_sched_cfg, kind);
        }
        break;
    case 9: /* lrp_optim_cfg */
        switch (k) {
        case 0: return sizeof(lrp_optim_cfg);
        LRP_ABI_MEMBER(1, lrp_optim_cfg, kind);
        LRP_ABI_MEMBER(2, lrp_optim_cfg, lr);
        }
        break;
    case 10: /* lrp_experiment */
        switch (k) {
        case 0: return sizeof(lrp_experiment);
        LRP_ABI_MEMBER(1, lrp_experiment, n_runs);
        LRP_ABI_MEMBER(2, lrp_experiment, runs);
        }
        break;
    case 11: /* lrp_run_cfg */
        switch (k) {
        case 0: return sizeof(lrp_run_cfg);
        LRP_ABI_MEMBER(1, lrp_run_cfg, label);
        }
        break;
    case 12: /* lrp_data_view */
        switch (k) {
        case 0: return sizeof(lrp_data_view);
        LRP_ABI_MEMBER(1, lrp_data_view, n_train);
        LRP_ABI_MEMBER(2, lrp_data_view, n_val);
        LRP_ABI_MEMBER(3, lrp_data_view, n_in);
        LRP_ABI_MEMBER(4, lrp_data_view, n_out);
        LRP_ABI_MEMBER(5, lrp_data_view, loss);
        LRP_ABI_MEMBER(6, lrp_data_view, x_train);
        LRP_ABI_MEMBER(7, lrp_data_view, y_train);
        LRP_ABI_MEMBER(8, lrp_data_view, x_val);
        LRP_ABI_MEMBER(9, lrp_data_view, y_val);
        }
        break;
    case 16: /* lrp_cost */
        switch (k) {
        case 0: return sizeof(lrp_cost);
        LRP_ABI_MEMBER(1, lrp_cost, find);
        LRP_ABI_MEMBER(2, lrp_cost, run);
        LRP_ABI_MEMBER(3, lrp_cost, train);
        }
        break;
    }
    return (size_t)-1;
}
