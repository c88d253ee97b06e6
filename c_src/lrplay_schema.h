/* lrplay_schema.h — the lrplay core's config by name: every field of an experiment, an
 * optimizer and a scheduler by its dotted name, type, range and default, in one table
 * (config_fields.c). Part of the public API; included by lrplay.h. */
#ifndef LRPLAY_SCHEMA_H
#define LRPLAY_SCHEMA_H

#include "lrplay.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------ config by name (schema) */
/* Every config field has a dotted name, a type and a range, in one table. The JSON
 * layers (native CLI, JavaScript) and the page's links read and write configs only
 * through these, so they agree on names, ranges and defaults. */
typedef enum { LRP_FIELD_NUMBER = 0, LRP_FIELD_INT, LRP_FIELD_BOOL, LRP_FIELD_ENUM, LRP_FIELD_INT_LIST, LRP_FIELD_STRING } lrp_field_type;
typedef enum { LRP_SET_STRICT = 0, LRP_SET_CLAMP } lrp_set_mode;

typedef struct {
    const char *name;            /* "optimizer.lr", "runs.2.schedule.factor", ... */
    lrp_field_type type;
    double min, max;             /* inclusive range for numbers, ints and list items */
    const char *const *choices;  /* enum names, NULL-terminated */
    size_t max_items;            /* lists */
    const char *help;
} lrp_field_info;

/* Setting by path. STRICT: any problem is an error naming the path. CLAMP: numbers are
 * clamped into range and a note is written to err with LRP_OK returned (err empty when
 * nothing was corrected); unknown names and bad values are still errors. */
LRP_API lrp_status lrp_exp_set_number(lrp_experiment *e, const char *path, double v, lrp_set_mode mode, char *err, size_t errlen);
LRP_API lrp_status lrp_exp_set_string(lrp_experiment *e, const char *path, const char *v, char *err, size_t errlen);
LRP_API lrp_status lrp_exp_set_list(lrp_experiment *e, const char *path, const double *v, size_t n, lrp_set_mode mode, char *err, size_t errlen);
/* A value given as text, as links carry them: parsed by the field's type (numbers as
 * decimal text, true/false or 1/0, enum names, lists as comma-separated numbers). */
LRP_API lrp_status lrp_exp_set_text(lrp_experiment *e, const char *path, const char *text, lrp_set_mode mode, char *err, size_t errlen);
/* The same for the bare optimizer and scheduler objects of specs ("lr", "beta1", ...). */
LRP_API lrp_status lrp_optim_set_number(lrp_optim_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t errlen);
LRP_API lrp_status lrp_optim_set_string(lrp_optim_cfg *c, const char *key, const char *v, char *err, size_t errlen);
LRP_API lrp_status lrp_sched_set_number(lrp_sched_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t errlen);
LRP_API lrp_status lrp_sched_set_string(lrp_sched_cfg *c, const char *key, const char *v, char *err, size_t errlen);
LRP_API lrp_status lrp_sched_set_list(lrp_sched_cfg *c, const char *key, const double *v, size_t n, lrp_set_mode mode, char *err, size_t errlen);

/* Walking a config in canonical order, for writing JSON and links: field i of the
 * experiment (only the fields that apply to the chosen kinds). Returns 0 past the end.
 * The value is a number (ints, bools and enums too: enums give their index and the
 * name in str), a string, or a list in list/n_list. name_buf holds the path. */
typedef struct {
    lrp_field_info info;
    char name_buf[64];
    double number;
    const char *str;
    double list[LRP_MAX_MILESTONES > LRP_MAX_LAYERS ? LRP_MAX_MILESTONES : LRP_MAX_LAYERS];
    size_t n_list;
    int is_default;
} lrp_field_value;
LRP_API int lrp_exp_field(const lrp_experiment *e, size_t i, lrp_field_value *out);
LRP_API int lrp_optim_field(const lrp_optim_cfg *c, size_t i, lrp_field_value *out);
LRP_API int lrp_sched_field(const lrp_sched_cfg *c, size_t i, lrp_field_value *out);
/* The core's enums for schema writers: the i-th enum's id ("optimizer", "schedule", ...,
 * "status") and its value names, NULL-terminated, index = the C value. 0 past the end. */
LRP_API int lrp_schema_enum(size_t i, const char **id, const char *const **names);

#ifdef __cplusplus
}
#endif
#endif /* LRPLAY_SCHEMA_H */
