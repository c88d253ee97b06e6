/* limits.h — the command-line tools' own input limits: how much JSON, how deep, how long a
 * list, how much work one spec may ask for. The core's limits (the size of a network, a data
 * set, a training) stay in c_src/lrplay.h; these bound what the runners read before the core
 * sees it. `lrplay schema` prints them as "input_limits" (cli/schema.c) and
 * scripts/gen_schema.mjs writes them into web/js/core/schema.gen.js as INPUT_LIMITS, which is
 * where bin/lrplay.mjs and web/js/core/ read them: change a value here, then `npm run gen`. */
#ifndef LRP_CLI_LIMITS_H
#define LRP_CLI_LIMITS_H
#include <stddef.h>

/* Any input file (a config or a spec), checked on the raw bytes. */
#define CLI_MAX_BYTES          ((size_t)16 << 20)  /* an input file: at most 16 MiB */
#define CLI_MAX_DEPTH          64                  /* arrays and objects inside one another */
#define CLI_MAX_NUMBER         63                  /* characters in a number (cJSON 1.7.15 cuts longer ones) */
#define CLI_MAX_KEY            64                  /* bytes of a key: a field name or a dotted path */

/* Experiment configs: every list of a config is short (model.hidden, milestones, runs). */
#define CLI_CONFIG_MAX_ITEMS   ((size_t)64)        /* values in one array of a config */
#define CLI_CONFIG_MAX_VALUES  ((size_t)65536)     /* values in a whole config */
#define CLI_MAX_LIST           ((size_t)64)        /* numbers in one list field of a config */
#define CLI_MAX_PATH           255                 /* bytes of a dotted path made of nested keys */

/* Specs carry data (params, grads, metrics, x, y): one budget for the whole text, and bounds
 * on the work one spec asks the runner to do. */
#define CLI_SPEC_MAX_ITEMS     ((size_t)1 << 21)   /* values in one array of a spec */
#define CLI_SPEC_MAX_VALUES    ((size_t)1 << 21)   /* values in a whole spec */
#define CLI_SPEC_MAX_OUTPUT    100000000.0         /* numbers one spec may ask the runner to produce */
#define CLI_SPEC_MAX_SCHEDULE_STEPS 1000000L       /* steps (or metrics) of a schedule spec */
#define CLI_SPEC_MAX_TRACE     ((size_t)1000000)   /* lrs of a train spec (an lr_find_analysis takes MAX_ITERS) */
#define CLI_SPEC_MAX_BASE_LR   1e6                 /* base_lr of a schedule spec */
#define CLI_SPEC_MAX_LRFIND_ITERS 1e7              /* num_it and skip_end of an lr_find_analysis spec */
#endif
