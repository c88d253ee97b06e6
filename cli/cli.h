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

/* Reads FILE ("-" = stdin), at most CLI_MAX_BYTES, checks it against the input rule
 * (json_strict.h) within `lim`, and parses it. NULL with err on failure; *status says whether
 * it was the input's fault (2) or not (1). err needs CLI_ERR * 8 bytes. */
cJSON *cli_read_json(const char *file, const js_limits *lim, char *err, size_t errlen, int *status);
/* The same for bytes already read (the file's name `file` prefixes the messages); what
 * cli_read_json does after reading, and the entry point of the fuzz target (fuzz/). */
cJSON *cli_parse_json(const unsigned char *buf, size_t len, const char *file, const js_limits *lim,
                      char *err, size_t errlen, int *status);

/* Experiment configs: defaults, then the object's fields by dotted path; validated. */
int  cli_read_experiment(const cJSON *root, lrp_experiment *e, char *err, size_t errlen);
void cli_write_experiment(jsonw *w, const lrp_experiment *e);

/* The optimizer and scheduler objects of specs ("name" first). `what` prefixes errors. */
int cli_read_optim(const cJSON *obj, const char *what, lrp_optim_cfg *c, char *err, size_t errlen);
int cli_read_sched(const cJSON *obj, const char *what, lrp_sched_cfg *c, char *err, size_t errlen);

/* Numbers: a finite JSON number (NaN from null only where allow_null). */
int cli_number_array(const cJSON *arr, const char *what, size_t max_n, int allow_null,
                     double **out, size_t *n, char *err, size_t errlen);

/* The value names of one of the core's enums (lrp_schema_enum), NULL-terminated, index = the
 * C value; an empty list for an unknown id. cli_enum_name: the name of value v, "?" if none. */
const char *const *cli_enum_names(const char *id);
const char *cli_enum_name(const char *id, int v);
/* The index of `name` in names (-1 if absent); names listed "a, b, c" with `last` before the
 * last one (", " or " or "), for messages. */
int  cli_enum_index(const char *const *names, const char *name);
void cli_enum_list(const char *const *names, const char *last, char *out, size_t cap);

/* A range test's suggestions as an object {"minimum", "steep", "valley"}: those it has. */
void cli_write_suggestions(jsonw *w, const lrp_lrfind_result *r);

/* One range test's results, kept past its session (run.c). */
typedef struct { size_t n; double *lr, *loss, *smoothed; int diverged; lrp_lrfind_result a; } cli_find_copy;
/* The suggestions in the order `find` prints them, NULL-terminated. */
typedef struct { const char *name; lrp_pick kind; } cli_suggestion;
extern const cli_suggestion CLI_SUGGESTIONS[];
void cli_find_rates(const lrp_lrfind_result *a, double rates[LRP_PICK__COUNT]);
void cli_write_picked(jsonw *w, const double rates[LRP_PICK__COUNT], lrp_pick want);
/* A range test's `find` object, or a run's object; seed >= 0 makes it a per-seed entry. */
void cli_write_find_seed(jsonw *w, const lrp_experiment *e, const cli_find_copy *f, int64_t seed);
void cli_write_run(jsonw *w, const lrp_experiment *e, size_t i, const lrp_train_result *r, int64_t seed);
/* repeats.c: the `find` object and the `runs` array of an experiment repeated over R seeds.
 * res[k * m + j] is seed k's result of run list[j]. */
void cli_write_find_repeats(jsonw *w, const lrp_experiment *e, const cli_find_copy *f, size_t R);
void cli_write_train_repeats(jsonw *w, const lrp_experiment *e, const size_t *list, size_t m,
                             const lrp_train_result *res, size_t R);
/* A csv experiment's file: --data FILE (which makes the experiment csv) or the config's
 * data.path, read from the current directory and attached (*t: the caller destroys it after
 * the run). Other experiments: nothing to do. Without a path: an error when required. */
int cli_load_data(const cJSON *root, const char *data_file, int required, lrp_experiment *e, lrp_csv **t,
                  char *err, size_t errlen);

int cli_spec(const cJSON *spec, char *err, size_t errlen);               /* lrplay spec */
int cli_find(const lrp_experiment *e, int csv, char *err, size_t errlen);  /* lrplay find */
int cli_schema(char *err, size_t errlen);                                 /* lrplay schema */
int cli_train(const lrp_experiment *e, long only_run, int csv, char *err, size_t errlen);
/* A session for e, or NULL with err and *rc (2 for a refused config, 1 out of memory). */
lrp_session *cli_open_session(const lrp_experiment *e, char *err, size_t errlen, int *rc);
void cli_put_f32(float v);                                               /* "%.9g" (null if not finite) */
int cli_data(const lrp_experiment *e, int csv, char *err, size_t errlen);  /* lrplay data */
int cli_init(const lrp_experiment *e, char *err, size_t errlen);           /* lrplay init */
/* lrplay export: the replay script of run `run` for format "pytorch" or "keras". */
int cli_export(const lrp_experiment *e, long run, const char *format, char *err, size_t errlen);
#endif
