/* fields.h — internal: the config field tables (c_src/config_fields.c) and what the rest
 * of the core reads from them. Not part of lrplay.h.
 *
 * The tables are the one place that knows every field's name, type, range, enum choices,
 * the kinds it applies to, and its default (per kind where it depends on the kind). The
 * defaults functions (optim.c, schedule.c, data.c, experiment.c, lrfind.c) fill their
 * structs from here, and the validators check ranges here, keeping only the rules that
 * relate fields to each other. */
#ifndef LRP_FIELDS_H
#define LRP_FIELDS_H
#include "lrplay.h"
#include <stddef.h>

/* ST_LONG and ST_LONGLIST store int64_t (step counts: fixed width, 64 bits on every target). */
typedef enum { ST_DOUBLE, ST_LONG, ST_INT, ST_ENUM, ST_SIZE, ST_U32, ST_LONGLIST, ST_SIZELIST, ST_CHARS } lrp_storage;

/* A default that differs for one kind; lists of them end with kind -1. */
typedef struct { int kind; double value; } lrp_kind_value;

typedef struct {
    const char *key;
    lrp_field_type type;
    lrp_storage st;
    size_t off;             /* value; for lists the items */
    size_t count_off;       /* lists: offset of the size_t count */
    size_t max_items;       /* lists: capacity; chars: buffer size */
    double min, max;        /* inclusive */
    const char *const *choices;
    unsigned kinds;         /* bit per kind the field applies to (LRP_ALL_KINDS = every kind) */
    const char *help;
    double def;             /* the default (enums: the index) ... */
    const lrp_kind_value *per_kind; /* ... unless the kind has its own (NULL: none) */
    const double *def_list; size_t def_n; /* lists: the default items */
} lrp_field_def;

typedef struct { const lrp_field_def *f; size_t n; } lrp_table;

/* The tables, each over one struct: the optimizer, the scheduler, the data set, the run's
 * own fields (lrp_run_cfg), and the experiment-level fields in three parts around the data
 * set and the optimizer: seed | data.* | model.* | optimizer.* | batch_size ... find.*. */
extern const lrp_table lrp_optim_table, lrp_sched_table, lrp_data_table, lrp_run_table;
extern const lrp_table lrp_seed_table, lrp_model_table, lrp_tail_table;

#define LRP_ALL_KINDS 0xFFFFFFFFu
#define LRP_KIND_BIT(k) (1u << (k))
/* The keras flavor of the plateau scheduler has a kind bit of its own. */
#define LRP_KIND_PLATEAU_KERAS 20

unsigned lrp_optim_bits(const lrp_optim_cfg *c);
unsigned lrp_sched_bits(const lrp_sched_cfg *c);
const char *lrp_kind_name(const char *const *choices, long v);
extern const char *const lrp_opt_names[], *const lrp_sched_names[], *const lrp_data_names[];
extern const char *const lrp_pick_names[];

/* Every field of table t (whether the kind uses it or not) to its default for `kind`;
 * name fields get 0 (the caller sets the kind). */
void   lrp_table_defaults(const lrp_table *t, void *base, int kind);
/* The default of one number field for a kind (0 for an unknown key). */
double lrp_table_default(const lrp_table *t, const char *key, int kind);

const lrp_field_def *lrp_field_find(const lrp_table *t, const char *key, unsigned bits, int *irrelevant);
double lrp_field_load(const void *base, const lrp_field_def *f);
void   lrp_field_store(void *base, const lrp_field_def *f, double v);
/* One number against a field's type and range. STRICT: an error naming path (EINVAL for
 * numbers, ELIMIT for counts). CLAMP: the corrected value and a note in err. */
lrp_status lrp_field_check_number(const lrp_field_def *f, const char *path, double v, lrp_set_mode mode,
                                  double *out, char *err, size_t n);
/* Every field of t that applies to `bits`, as stored at base, against its range; errors
 * name prefix + key. */
lrp_status lrp_table_check(const lrp_table *t, unsigned bits, const void *base, const char *prefix,
                           char *err, size_t len);
/* v against the range of field `key` of t, the error naming `path`. */
lrp_status lrp_table_check_value(const lrp_table *t, const char *key, const char *path, double v,
                                 char *err, size_t len);

/* experiment.c: a run as a config that adds it gets it ("run N", the template optimizer,
 * a constant schedule). */
void lrp_run_init(lrp_run_cfg *r, const lrp_optim_cfg *template_optim, size_t index);
/* The pick policy applied: every run that follows the pick gets find.picked_lr as its
 * optimizer.lr (a onecycle as its max_lr too: fastai passes the suggestion as lr_max). */
void lrp_exp_apply_pick(lrp_experiment *e);
#endif
