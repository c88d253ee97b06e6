/* cli.h — the command-line tool's shared pieces: JSON in (cJSON), JSON out (jsonw),
 * and the mapping between JSON objects and the core's configs by name. */
#ifndef LRP_CLI_H
#define LRP_CLI_H
#include <cjson/cJSON.h>
#include "json_strict.h"
#include "jsonw.h"
#include "lrplay.h"

#define CLI_ERR 256
/* Exit statuses: 0 ok, 1 other failure, 2 invalid input. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_BAD_INPUT = 2 };

/* Reads FILE ("-" = stdin), at most JS_MAX_BYTES, checks it against the input rule
 * (json_strict.h) within `lim`, and parses it. NULL with err on failure; *status says whether
 * it was the input's fault (2) or not (1). err needs CLI_ERR * 8 bytes. */
cJSON *cli_read_json(const char *file, const js_limits *lim, char *err, size_t errlen, int *status);

/* Experiment configs: defaults, then the object's fields by dotted path; validated. */
int  cli_read_experiment(const cJSON *root, lrp_experiment *e, char *err, size_t errlen);
void cli_write_experiment(jsonw *w, const lrp_experiment *e);

/* The optimizer and scheduler objects of specs ("name" first). `what` prefixes errors. */
int cli_read_optim(const cJSON *obj, const char *what, lrp_optim_cfg *c, char *err, size_t errlen);
int cli_read_sched(const cJSON *obj, const char *what, lrp_sched_cfg *c, char *err, size_t errlen);

/* Numbers: a finite JSON number (NaN from null only where allow_null). */
int cli_number_array(const cJSON *arr, const char *what, size_t max_n, int allow_null,
                     double **out, size_t *n, char *err, size_t errlen);

/* A csv experiment's file: --data FILE (which makes the experiment csv) or the config's
 * data.path, read from the current directory and attached (*t: the caller destroys it after
 * the run). Other experiments: nothing to do. Without a path: an error when required. */
int cli_load_data(const cJSON *root, const char *data_file, int required, lrp_experiment *e, lrp_csv **t,
                  char *err, size_t errlen);

int cli_spec(const cJSON *spec, char *err, size_t errlen);               /* lrplay spec */
int cli_find(const lrp_experiment *e, int csv, char *err, size_t errlen);  /* lrplay find */
int cli_schema(char *err, size_t errlen);                                 /* lrplay schema */
int cli_train(const lrp_experiment *e, long only_run, int csv, char *err, size_t errlen);
#endif
