/* bench.h — the native benchmark's shared helpers and its sections.
 *
 * bench_main.c owns main(), the helpers and the Adam section. Another section lives in
 * its own file (e.g. bench/bench_train.c, picked up by CMake's glob) and is called from
 * main() under its #ifdef (LRP_BENCH_TRAIN: define it for the lrplay_bench target when
 * bench_train.c exists). Every section prints a readable table, or with json != 0 one
 * JSON object per line through bench_emit and nothing else on stdout. */
#ifndef LRP_BENCH_H
#define LRP_BENCH_H

#include <stddef.h>

double      bench_now(void);                        /* seconds, CLOCK_MONOTONIC */
double      bench_median(double *x, size_t n);      /* sorts x in place; n >= 1 */
/* With json: {"bench":"...","case":"...","value":v,"unit":"..."} on one line. Without: nothing
 * (the section prints its own table). */
void        bench_emit(int json, const char *bench, const char *name, double value, const char *unit);
const char *bench_verdict(int ok);                  /* "PASS" or "MISS" */
/* How many repeats of a kernel over n floats make one timing sample of about target_s
 * seconds, given one untimed run that took once_s. At least 1. */
long        bench_reps_for(double once_s, double target_s);

/* The sections. */
void bench_adam(int json);
#ifdef LRP_BENCH_TRAIN
void bench_train(int json);
#endif
#ifdef LRP_BENCH_CSV
void bench_csv(int json);   /* bench/bench_csv.c: reading a 20 000 x 64 CSV */
#endif

#endif /* LRP_BENCH_H */
