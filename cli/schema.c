/* schema.c — `lrplay schema`: the whole config schema as JSON, read from the core.
 *
 * Everything here comes from the core's own tables, walked through the public API: the
 * fields that apply to each optimizer, scheduler and data-set kind with that kind's
 * default, the experiment-level and run-level fields, the enums, the status names, the
 * limits of lrplay.h and the command-line tools' input limits (cli/limits.h).
 * scripts/gen_schema.mjs turns it into web/js/core/schema.gen.js and the README's limits
 * tables, so nothing of it is written twice by hand. */
#include "cli.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The CLI's one way to a name of the core's enums (cli.h): never a list written here. */
const char *const *cli_enum_names(const char *want) {
    const char *id;
    const char *const *names;
    for (size_t i = 0; lrp_schema_enum(i, &id, &names); i++)
        if (strcmp(id, want) == 0) return names;
    static const char *const none[] = {NULL};
    return none;
}

static size_t count_names(const char *const *names);

const char *cli_enum_name(const char *id, int v) {
    const char *const *names = cli_enum_names(id);
    return v >= 0 && (size_t)v < count_names(names) ? names[v] : "?";
}

int cli_enum_index(const char *const *names, const char *name) {
    for (int i = 0; name && names[i]; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

void cli_enum_list(const char *const *names, const char *last, char *out, size_t cap) {
    size_t w = 0, n = count_names(names);
    out[0] = 0;
    for (size_t i = 0; i < n && w < cap; i++) {
        int k = snprintf(out + w, cap - w, "%s%s", i == 0 ? "" : i + 1 == n ? last : ", ", names[i]);
        if (k < 0) break;
        w += (size_t)k;
    }
}

static const char *type_name(lrp_field_type t) { return cli_enum_names("field_type")[t]; }

static size_t count_names(const char *const *names) {
    size_t n = 0;
    while (names[n]) n++;
    return n;
}

/* One field: {type, min, max, default, choices?, maxItems?, help}; the key is written by the caller. */
static void write_spec(jsonw *w, const lrp_field_value *v) {
    const lrp_field_info *f = &v->info;
    jw_obj_begin(w);
    jw_key(w, "type"); jw_str(w, type_name(f->type));
    double lo = f->min, hi = f->max;
    if (f->type == LRP_FIELD_ENUM) { lo = 0; hi = (double)count_names(f->choices) - 1; }
    if (f->type == LRP_FIELD_STRING) { lo = 0; hi = 0; }
    jw_key(w, "min"); jw_num(w, lo);
    jw_key(w, "max"); jw_num(w, hi);
    jw_key(w, "default");
    switch (f->type) {
    case LRP_FIELD_BOOL: jw_bool(w, v->number != 0); break;
    case LRP_FIELD_ENUM:
    case LRP_FIELD_STRING: jw_str(w, v->str); break;
    case LRP_FIELD_INT_LIST: jw_doubles(w, v->list, v->n_list); break;
    default: jw_num(w, v->number); break;
    }
    if (f->type == LRP_FIELD_ENUM) {
        jw_key(w, "choices");
        jw_arr_begin(w);
        for (size_t i = 0; f->choices[i]; i++) jw_str(w, f->choices[i]);
        jw_arr_end(w);
    }
    /* Lists: items; strings: the bytes a value can hold (the buffer less its terminator) and,
     * for the label, as maxLength the characters (code points) it may have (the data.* strings
     * are bounded by their bytes only). */
    if (f->type == LRP_FIELD_INT_LIST) { jw_key(w, "maxItems"); jw_int(w, (int64_t)f->max_items); }
    if (f->type == LRP_FIELD_STRING) {
        jw_key(w, "maxItems"); jw_int(w, (int64_t)f->max_items - 1);
        const char *leaf = strrchr(f->name, '.');
        if (strcmp(leaf ? leaf + 1 : f->name, "label") == 0) { jw_key(w, "maxLength"); jw_int(w, LRP_MAX_LABEL); }
    }
    jw_key(w, "help"); jw_str(w, f->help);
    jw_obj_end(w);
}

static void write_optim_kind(jsonw *w, lrp_opt_kind k) {
    lrp_optim_cfg c;
    lrp_field_value v;
    lrp_optim_defaults(&c, k);
    jw_obj_begin(w);
    for (size_t i = 0; lrp_optim_field(&c, i, &v); i++) {
        if (strcmp(v.info.name, "name") == 0) continue;  /* the kind is the key */
        jw_key(w, v.info.name);
        write_spec(w, &v);
    }
    jw_obj_end(w);
}

static void write_sched_kind(jsonw *w, lrp_sched_kind k, lrp_flavor flavor) {
    lrp_sched_cfg c;
    lrp_field_value v;
    lrp_sched_defaults(&c, k);
    c.flavor = flavor;
    jw_obj_begin(w);
    for (size_t i = 0; lrp_sched_field(&c, i, &v); i++) {
        if (strcmp(v.info.name, "name") == 0) continue;
        jw_key(w, v.info.name);
        write_spec(w, &v);
    }
    jw_obj_end(w);
}

/* Fields of experiment e whose path passes keep(), in canonical order, keyed by their
 * path less its first `strip` bytes. */
static void write_exp_fields(jsonw *w, const lrp_experiment *e, int (*keep)(const char *), size_t strip) {
    lrp_field_value v;
    jw_obj_begin(w);
    for (size_t i = 0; lrp_exp_field(e, i, &v); i++) {
        if (!keep(v.info.name)) continue;
        jw_key(w, v.info.name + strip);
        write_spec(w, &v);
    }
    jw_obj_end(w);
}

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }
static int is_data_field(const char *p) { return starts(p, "data.") && strcmp(p, "data.name") != 0; }
static int is_exp_field(const char *p) {
    return strcmp(p, "version") != 0 && !starts(p, "data.") && !starts(p, "optimizer.") && !starts(p, "runs.");
}
static int is_run_field(const char *p) {
    return strcmp(p, "runs.0.label") == 0 || strcmp(p, "runs.0.min_lr") == 0 || starts(p, "runs.0.early_stopping.");
}

static int write_data_kind(jsonw *w, lrp_experiment *e, lrp_data_kind k, char *err, size_t errlen) {
    char note[CLI_ERR];
    const char *const *kinds = cli_enum_names("data");
    if (lrp_exp_set_string(e, "data.name", kinds[k], note, sizeof note) != LRP_OK) {
        snprintf(err, errlen, "schema: %s", note);
        return CLI_FAIL;
    }
    /* The task is what the data set makes: build the default one and look (a csv set has
     * no data until a file is given: its shape is 0 and its task "auto"). */
    lrp_dataset *d = NULL;
    if (k != LRP_DATA_CSV && lrp_dataset_create(&d, &e->data, e->seed, note, sizeof note) != LRP_OK) {
        snprintf(err, errlen, "schema: data %s: %s", kinds[k], note);
        return CLI_FAIL;
    }
    lrp_data_view view;
    lrp_dataset_view(d, &view);   /* zeroes for csv */
    size_t rows, n_in, n_out;
    lrp_data_shape(&e->data, &rows, &n_in, &n_out);
    jw_obj_begin(w);
    jw_key(w, "fields");
    write_exp_fields(w, e, is_data_field, 0);
    jw_key(w, "shape");
    jw_obj_begin(w);
    jw_key(w, "rows"); jw_int(w, (int64_t)rows);
    jw_key(w, "n_in"); jw_int(w, (int64_t)n_in);
    jw_key(w, "n_out"); jw_int(w, (int64_t)n_out);
    jw_key(w, "task"); jw_str(w, k == LRP_DATA_CSV ? "auto" : view.loss == LRP_LOSS_MSE ? "regression" : "classification");
    jw_obj_end(w);
    jw_obj_end(w);
    lrp_dataset_destroy(d);
    return CLI_OK;
}

/* The range test's suggestions: their key in the output and their LRP_SUGGEST_* bit, in the
 * order they are written. The one list of them: run.c and spec.c write through it, and the
 * schema hands it to the JS runner (SUGGEST). */
static const struct { const char *name; unsigned bit; size_t off; } suggest[] = {
    {"minimum", LRP_SUGGEST_MINIMUM, offsetof(lrp_lrfind_result, minimum)},
    {"steep", LRP_SUGGEST_STEEP, offsetof(lrp_lrfind_result, steep)},
    {"valley", LRP_SUGGEST_VALLEY, offsetof(lrp_lrfind_result, valley)},
    {"slide", LRP_SUGGEST_SLIDE, offsetof(lrp_lrfind_result, slide)},
    {"gradient", LRP_SUGGEST_GRADIENT, offsetof(lrp_lrfind_result, gradient)},
};

void cli_write_suggestions(jsonw *w, const lrp_lrfind_result *r) {
    jw_obj_begin(w);
    for (size_t i = 0; i < sizeof suggest / sizeof suggest[0]; i++) {
        if (!(r->have & suggest[i].bit)) continue;
        double v;
        memcpy(&v, (const char *)r + suggest[i].off, sizeof v);
        jw_key(w, suggest[i].name);
        jw_num(w, v);
    }
    jw_obj_end(w);
}

static void write_suggest(jsonw *w) {
    jw_obj_begin(w);
    for (size_t i = 0; i < sizeof suggest / sizeof suggest[0]; i++) { jw_key(w, suggest[i].name); jw_int(w, (int64_t)suggest[i].bit); }
    jw_obj_end(w);
}

typedef struct { const char *name; double value; const char *help; } limit_row;

static void write_limit_rows(jsonw *w, const limit_row *rows, size_t n) {
    jw_obj_begin(w);
    for (size_t i = 0; i < n; i++) {
        jw_key(w, rows[i].name);
        jw_obj_begin(w);
        jw_key(w, "value"); jw_num(w, rows[i].value);
        jw_key(w, "help"); jw_str(w, rows[i].help);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

/* The command-line tools' input limits (cli/limits.h), keyed without the CLI_ prefix. */
static void write_input_limits(jsonw *w) {
    static const limit_row rows[] = {
        {"MAX_BYTES", (double)CLI_MAX_BYTES, "bytes of an input file"},
        {"MAX_DEPTH", CLI_MAX_DEPTH, "arrays and objects inside one another"},
        {"MAX_NUMBER", CLI_MAX_NUMBER, "characters in a JSON number"},
        {"MAX_KEY", CLI_MAX_KEY, "bytes of a key (a field name or dotted path)"},
        {"CONFIG_MAX_ITEMS", (double)CLI_CONFIG_MAX_ITEMS, "values in one array of a config"},
        {"CONFIG_MAX_VALUES", (double)CLI_CONFIG_MAX_VALUES, "values in a whole config"},
        {"MAX_LIST", (double)CLI_MAX_LIST, "numbers in one list field of a config"},
        {"MAX_PATH", CLI_MAX_PATH, "bytes of a dotted path made of nested keys"},
        {"SPEC_MAX_ITEMS", (double)CLI_SPEC_MAX_ITEMS, "values in one array of a spec"},
        {"SPEC_MAX_VALUES", (double)CLI_SPEC_MAX_VALUES, "values in a whole spec"},
        {"SPEC_MAX_OUTPUT", CLI_SPEC_MAX_OUTPUT, "numbers one spec may ask the runner to produce"},
        {"SPEC_MAX_SCHEDULE_STEPS", (double)CLI_SPEC_MAX_SCHEDULE_STEPS, "steps (or metrics) of a schedule spec"},
        {"SPEC_MAX_TRACE", (double)CLI_SPEC_MAX_TRACE, "lrs of a train spec (an lr_find_analysis takes MAX_ITERS)"},
        {"SPEC_MAX_BASE_LR", CLI_SPEC_MAX_BASE_LR, "base_lr of a schedule spec"},
        {"SPEC_MAX_LRFIND_ITERS", CLI_SPEC_MAX_LRFIND_ITERS, "num_it and skip_end of an lr_find_analysis spec"},
    };
    write_limit_rows(w, rows, sizeof rows / sizeof rows[0]);
}

static void write_limits(jsonw *w) {
    static const limit_row limits[] = {
        {"MAX_LAYERS", LRP_MAX_LAYERS, "hidden layers"},
        {"MAX_WIDTH", LRP_MAX_WIDTH, "units in any layer, inputs included"},
        {"MAX_SAMPLES", LRP_MAX_SAMPLES, "points in a data set"},
        {"MAX_FEATURES", LRP_MAX_FEATURES, "feature columns of a table"},
        {"MAX_CLASSES", LRP_MAX_CLASSES, "classes of a table's target"},
        {"MAX_CSV_BYTES", LRP_MAX_CSV_BYTES, "bytes of a CSV file"},
        {"MAX_NAME", LRP_MAX_NAME, "bytes of data.target"},
        {"MAX_PATH", LRP_MAX_PATH, "bytes of data.path (the file's name)"},
        {"MAX_EPOCHS", LRP_MAX_EPOCHS, "training epochs"},
        {"MAX_BATCH", LRP_MAX_BATCH, "mini-batch size"},
        {"MAX_ITERS", LRP_MAX_ITERS, "range-test iterations"},
        {"MAX_RUNS", LRP_MAX_RUNS, "schedules compared side by side"},
        {"MAX_MILESTONES", LRP_MAX_MILESTONES, "milestones of a multistep schedule"},
        {"MAX_STEPS", (double)LRP_MAX_STEPS, "schedule and optimizer steps in one spec"},
        {"MAX_PARAMS", (double)LRP_MAX_PARAMS, "floats in one flat optimizer buffer"},
        {"MAX_SECONDS", LRP_MAX_SECONDS, "estimated seconds of WebAssembly SIMD for the range test, and for all runs of a training"},
        {"MAX_WORK", LRP_MAX_WORK, "rows seen times parameters in a train spec"},
        {"MAX_LABEL", LRP_MAX_LABEL, "characters (Unicode code points) of a run's label"},
        {"MAX_REPEATS", LRP_MAX_REPEATS, "seeds an experiment repeats over"},
    };
    write_limit_rows(w, limits, sizeof limits / sizeof limits[0]);
}

int cli_schema(char *err, size_t errlen) {
    lrp_experiment *e = malloc(sizeof *e);
    if (!e) { snprintf(err, errlen, "out of memory"); return CLI_FAIL; }
    jsonw w;
    jw_init(&w, stdout);
    jw_obj_begin(&w);
    jw_key(&w, "lrplay"); jw_str(&w, lrp_version());
    jw_key(&w, "kind"); jw_str(&w, "schema");
    jw_key(&w, "limits"); write_limits(&w);
    jw_key(&w, "input_limits"); write_input_limits(&w);
    jw_key(&w, "suggest"); write_suggest(&w);

    const char *id;
    const char *const *names;
    jw_key(&w, "status");
    for (size_t i = 0; lrp_schema_enum(i, &id, &names); i++) {
        if (strcmp(id, "status") != 0) continue;
        jw_arr_begin(&w);
        for (size_t k = 0; names[k]; k++) jw_str(&w, names[k]);
        jw_arr_end(&w);
    }
    jw_key(&w, "enums");
    jw_obj_begin(&w);
    for (size_t i = 0; lrp_schema_enum(i, &id, &names); i++) {
        if (strcmp(id, "status") == 0) continue;
        jw_key(&w, id);
        jw_arr_begin(&w);
        for (size_t k = 0; names[k]; k++) jw_str(&w, names[k]);
        jw_arr_end(&w);
    }
    jw_obj_end(&w);

    const char *const *opt = cli_enum_names("optimizer"), *const *sched = cli_enum_names("schedule");
    const char *const *flavor = cli_enum_names("flavor"), *const *data = cli_enum_names("data");
    jw_key(&w, "optimizer");
    jw_obj_begin(&w);
    for (int k = 0; k < LRP_OPT__COUNT; k++) { jw_key(&w, opt[k]); write_optim_kind(&w, (lrp_opt_kind)k); }
    jw_obj_end(&w);
    jw_key(&w, "schedule");
    jw_obj_begin(&w);
    for (int k = 0; k < LRP_SCHED__COUNT; k++) {
        jw_key(&w, sched[k]);
        write_sched_kind(&w, (lrp_sched_kind)k, LRP_FLAVOR_TORCH);
        if (k == LRP_SCHED_PLATEAU) {
            char key[64];
            snprintf(key, sizeof key, "%s/%s", sched[k], flavor[LRP_FLAVOR_KERAS]);
            jw_key(&w, key);
            write_sched_kind(&w, (lrp_sched_kind)k, LRP_FLAVOR_KERAS);
        }
    }
    jw_obj_end(&w);

    int status = CLI_OK;
    jw_key(&w, "data");
    jw_obj_begin(&w);
    for (int k = 0; k < LRP_DATA__COUNT && status == CLI_OK; k++) {
        lrp_experiment_defaults(e);
        jw_key(&w, data[k]);
        status = write_data_kind(&w, e, (lrp_data_kind)k, err, errlen);
    }
    jw_obj_end(&w);

    lrp_experiment_defaults(e);
    jw_key(&w, "experiment");
    write_exp_fields(&w, e, is_exp_field, 0);
    /* A run's own fields, as a run the config adds gets them (runs.0 of a cleared list). */
    char note[CLI_ERR];
    lrp_exp_clear_runs(e);
    if (status == CLI_OK && lrp_exp_set_number(e, "runs.0.min_lr", 0, LRP_SET_STRICT, note, sizeof note) != LRP_OK) {
        snprintf(err, errlen, "schema: %s", note);
        status = CLI_FAIL;
    }
    jw_key(&w, "run");
    write_exp_fields(&w, e, is_run_field, strlen("runs.0."));
    jw_obj_end(&w);
    fputc('\n', stdout);
    free(e);
    return status;
}
