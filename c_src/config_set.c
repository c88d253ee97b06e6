/* config_set.c — setting configs by dotted name: numbers, strings (enums and labels),
 * lists and text as links carry it, strict or clamped, through the field tables of
 * config_fields.c. Naming a kind ("name", "data.name") starts that struct from the
 * kind's defaults; "runs.N.*" adds runs up to N as needed. */
#include "fields.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int choice_index(const char *const *choices, const char *s) {
    for (int i = 0; choices[i]; i++) if (strcmp(choices[i], s) == 0) return i;
    return -1;
}

static void list_choices(char *buf, size_t n, const char *const *choices) {
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; choices[i] && used + 1 < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", choices[i]);
        if (w < 0) break;
        used += (size_t)w;
    }
}

/* ----------------------------------------------- generic set on one table */
typedef struct {
    const lrp_table *table;
    unsigned bits;
    const char *kind_name;  /* for "not a field of X" */
} table_ref;

static lrp_status table_set_number(table_ref t, void *base, const char *key, const char *path, double v,
                                   lrp_set_mode mode, char *err, size_t n) {
    int irrelevant;
    const lrp_field_def *f = lrp_field_find(t.table, key, t.bits, &irrelevant);
    if (err && n) err[0] = 0;
    if (!f) {
        if (irrelevant && mode == LRP_SET_CLAMP) { lrp_say(err, n, "%s: ignored (not a field of %s)", path, t.kind_name); return LRP_OK; }
        if (irrelevant) { lrp_say(err, n, "%s: not a field of %s", path, t.kind_name); return LRP_EINVAL; }
        lrp_say(err, n, "%s: unknown field", path);
        return LRP_EINVAL;
    }
    if (f->type == LRP_FIELD_ENUM) {
        char ch[256];
        list_choices(ch, sizeof ch, f->choices);
        lrp_say(err, n, "%s: must be one of %s", path, ch);
        return LRP_EINVAL;
    }
    if (f->type == LRP_FIELD_INT_LIST || f->type == LRP_FIELD_STRING) {
        lrp_say(err, n, "%s: must be %s", path, f->type == LRP_FIELD_STRING ? "a string" : "a list of whole numbers");
        return LRP_EINVAL;
    }
    double out;
    lrp_status s = lrp_field_check_number(f, path, v, mode, &out, err, n);
    if (s != LRP_OK) return s;
    lrp_field_store(base, f, out);
    return LRP_OK;
}

static lrp_status table_set_list(table_ref t, void *base, const char *key, const char *path, const double *v,
                                 size_t count, lrp_set_mode mode, char *err, size_t n) {
    int irrelevant;
    const lrp_field_def *f = lrp_field_find(t.table, key, t.bits, &irrelevant);
    if (err && n) err[0] = 0;
    if (!f) {
        if (irrelevant && mode == LRP_SET_CLAMP) { lrp_say(err, n, "%s: ignored (not a field of %s)", path, t.kind_name); return LRP_OK; }
        lrp_say(err, n, irrelevant ? "%s: not a field of %s" : "%s: unknown field", path, t.kind_name);
        return LRP_EINVAL;
    }
    if (f->type != LRP_FIELD_INT_LIST) { lrp_say(err, n, "%s: must be a single value, not a list", path); return LRP_EINVAL; }
    if (count > f->max_items) {
        if (mode == LRP_SET_STRICT) { lrp_say(err, n, "%s: has %zu items, at most %zu allowed", path, count, f->max_items); return LRP_ELIMIT; }
        lrp_say(err, n, "%s: only the first %zu items kept", path, f->max_items);
        count = f->max_items;
    }
    double vals[LRP_MAX_MILESTONES > LRP_MAX_LAYERS ? LRP_MAX_MILESTONES : LRP_MAX_LAYERS];
    char note[160] = {0};
    for (size_t i = 0; i < count; i++) {
        char ipath[96];
        snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
        char one[160] = {0};
        lrp_status s = lrp_field_check_number(f, ipath, v[i], mode, &vals[i], one, sizeof one);
        if (s != LRP_OK) { lrp_say(err, n, "%s", one); return s; }
        if (one[0] && !note[0]) memcpy(note, one, sizeof note);
    }
    char *p = (char *)base + f->off;
    for (size_t i = 0; i < count; i++) {
        if (f->st == ST_LONGLIST) ((int64_t *)p)[i] = (int64_t)vals[i];
        else ((size_t *)p)[i] = (size_t)vals[i];
    }
    *(size_t *)((char *)base + f->count_off) = count;
    if (note[0]) lrp_say(err, n, "%s", note);
    return LRP_OK;
}

/* A text field (data.path, data.target, data.sha256): no control characters, no more than
 * the buffer holds. data.path keeps the file's name only; data.sha256 is "" or 64 hex digits. */
static lrp_status set_chars(const lrp_field_def *f, void *base, const char *path, const char *v, char *err, size_t n) {
    const char *s = v;
    if (strcmp(f->key, "data.path") == 0)
        for (const char *q = v; *q; q++) if (*q == '/' || *q == '\\') s = q + 1;
    size_t len = strlen(s);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) { lrp_say(err, n, "%s: control characters are not allowed", path); return LRP_EINVAL; }
    if (len >= f->max_items) { lrp_say(err, n, "%s: longer than %zu bytes", path, f->max_items - 1); return LRP_ELIMIT; }
    char *dst = (char *)base + f->off;
    if (strcmp(f->key, "data.sha256") == 0) {
        int hex = len == 64;
        for (size_t i = 0; hex && i < len; i++) hex = (s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f');
        if (len && !hex) { lrp_say(err, n, "%s: must be 64 hex digits", path); return LRP_EINVAL; }
        for (size_t i = 0; i < len; i++) dst[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] | 0x20 : s[i]);
        dst[len] = 0;
        return LRP_OK;
    }
    memcpy(dst, s, len + 1);
    return LRP_OK;
}

/* Strings: enums by name; the run label as text. Enum "name" keys reset the struct to
 * that kind's defaults, done by the callers below. */
static lrp_status table_set_enum(table_ref t, void *base, const char *key, const char *path, const char *v,
                                 int *index, char *err, size_t n) {
    int irrelevant;
    const lrp_field_def *f = lrp_field_find(t.table, key, t.bits, &irrelevant);
    if (err && n) err[0] = 0;
    if (!f) {
        lrp_say(err, n, irrelevant ? "%s: not a field of %s" : "%s: unknown field", path, t.kind_name);
        return LRP_EINVAL;
    }
    if (f->type == LRP_FIELD_STRING && f->st == ST_CHARS) return set_chars(f, base, path, v, err, n);
    if (f->type != LRP_FIELD_ENUM) {
        lrp_say(err, n, "%s: must be %s, not a string", path, f->type == LRP_FIELD_INT_LIST ? "a list" :
            f->type == LRP_FIELD_BOOL ? "true or false" : "a number");
        return LRP_EINVAL;
    }
    int i = choice_index(f->choices, v);
    if (i < 0) {
        char ch[256];
        list_choices(ch, sizeof ch, f->choices);
        lrp_say(err, n, "%s: unknown value; must be one of %s", path, ch);
        return LRP_EINVAL;
    }
    *index = i;
    if (strcmp(key, "name") != 0 && strcmp(key, "data.name") != 0) lrp_field_store(base, f, i);
    return LRP_OK;
}

typedef enum { V_NUMBER, V_STRING, V_LIST } value_kind;
typedef struct { value_kind kind; double num; const char *str; const double *list; size_t n; } value;

static lrp_status set_in_table(table_ref t, void *base, const char *key, const char *path, value v,
                               lrp_set_mode mode, int *enum_index, char *err, size_t n) {
    switch (v.kind) {
    case V_NUMBER: return table_set_number(t, base, key, path, v.num, mode, err, n);
    case V_LIST:   return table_set_list(t, base, key, path, v.list, v.n, mode, err, n);
    case V_STRING: return table_set_enum(t, base, key, path, v.str, enum_index, err, n);
    }
    return LRP_EINVAL;
}

/* ------------------------------------------------------------ optimizer */
static table_ref optim_ref(const lrp_optim_cfg *c) {
    return (table_ref){&lrp_optim_table, lrp_optim_bits(c), lrp_opt_names[c->kind]};
}

/* Any value into an optimizer config; naming a kind starts from that kind's defaults. */
static lrp_status optim_set(lrp_optim_cfg *c, const char *key, const char *path, value v, lrp_set_mode mode,
                            char *err, size_t n) {
    int idx = -1;
    lrp_status s = set_in_table(optim_ref(c), c, key, path, v, mode, &idx, err, n);
    if (s == LRP_OK && idx >= 0 && strcmp(key, "name") == 0) lrp_optim_defaults(c, (lrp_opt_kind)idx);
    return s;
}

lrp_status lrp_optim_set_number(lrp_optim_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t n) {
    return optim_set(c, key, key, (value){V_NUMBER, v, NULL, NULL, 0}, mode, err, n);
}
lrp_status lrp_optim_set_string(lrp_optim_cfg *c, const char *key, const char *v, char *err, size_t n) {
    return optim_set(c, key, key, (value){V_STRING, 0, v, NULL, 0}, LRP_SET_STRICT, err, n);
}

/* ------------------------------------------------------------ scheduler */
static table_ref sched_ref(const lrp_sched_cfg *c) {
    return (table_ref){&lrp_sched_table, lrp_sched_bits(c),
        c->kind == LRP_SCHED_PLATEAU ? (c->flavor == LRP_FLAVOR_KERAS ? "reduce_on_plateau (keras)" :
        "reduce_on_plateau (torch)") : lrp_sched_names[c->kind]};
}

/* Any value into a scheduler config; naming a kind starts from that kind's defaults. */
static lrp_status sched_set(lrp_sched_cfg *c, const char *key, const char *path, value v, lrp_set_mode mode,
                            char *err, size_t n) {
    int idx = -1;
    if (c->kind == LRP_SCHED_PLATEAU && mode == LRP_SET_STRICT && strncmp(key, "warmup", 6) == 0 &&
        (key[6] == 0 || strcmp(key + 6, "_start_factor") == 0)) {
        lrp_say(err, n, "%s: reduce_on_plateau takes no warm-up: it follows a metric, not a step count "
                "(PyTorch's SequentialLR steps ReduceLROnPlateau without its metric and fails)", path);
        return LRP_EINVAL;
    }
    lrp_status s = set_in_table(sched_ref(c), c, key, path, v, mode, &idx, err, n);
    if (s == LRP_OK && idx >= 0 && strcmp(key, "name") == 0) lrp_sched_defaults(c, (lrp_sched_kind)idx);
    return s;
}

lrp_status lrp_sched_set_number(lrp_sched_cfg *c, const char *key, double v, lrp_set_mode mode, char *err, size_t n) {
    return sched_set(c, key, key, (value){V_NUMBER, v, NULL, NULL, 0}, mode, err, n);
}
lrp_status lrp_sched_set_string(lrp_sched_cfg *c, const char *key, const char *v, char *err, size_t n) {
    return sched_set(c, key, key, (value){V_STRING, 0, v, NULL, 0}, LRP_SET_STRICT, err, n);
}
lrp_status lrp_sched_set_list(lrp_sched_cfg *c, const char *key, const double *v, size_t count, lrp_set_mode mode,
                              char *err, size_t n) {
    return sched_set(c, key, key, (value){V_LIST, 0, NULL, v, count}, mode, err, n);
}

/* The experiment-level table (seed, model.*, batch_size ... find.*) that holds path, or NULL. */
static const lrp_table *exp_table(const char *path) {
    const lrp_table *parts[] = {&lrp_seed_table, &lrp_model_table, &lrp_tail_table};
    int irrelevant;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (lrp_field_find(parts[i], path, LRP_ALL_KINDS, &irrelevant)) return parts[i];
    return NULL;
}

/* "runs.N.rest" -> N and rest; returns -1 when the path is not of that form. */
static long parse_run_path(const char *path, const char **rest) {
    if (strncmp(path, "runs.", 5) != 0) return -1;
    const char *p = path + 5;
    long n = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 3) { n = n * 10 + (*p - '0'); p++; digits++; }
    if (!digits || *p != '.') return -2;
    *rest = p + 1;
    return n;
}

static lrp_status activate_run(lrp_experiment *e, long n, const char *path, char *err, size_t len) {
    if (n >= LRP_MAX_RUNS) { lrp_say(err, len, "%s: at most %d runs", path, LRP_MAX_RUNS); return LRP_ELIMIT; }
    while (e->n_runs <= (size_t)n) { lrp_run_init(&e->runs[e->n_runs], &e->optim, e->n_runs); e->n_runs++; }
    return LRP_OK;
}

/* A label is refused, never cut: past LRP_MAX_LABEL characters (code points: the UTF-8 bytes
 * that do not continue a sequence) or with a control character. (U+0000 cannot reach here in
 * a C string; the readers refuse it before: the JSON rule, and the JavaScript side passes it
 * on as a control character the core refuses.) */
static lrp_status set_label(char *dst, size_t cap, const char *path, const char *s, char *err, size_t n) {
    size_t len = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, len++) {
        if (*p < 0x20 || *p == 0x7f) { lrp_say(err, n, "%s: control characters are not allowed", path); return LRP_EINVAL; }
        chars += (*p & 0xC0) != 0x80;
    }
    if (chars > LRP_MAX_LABEL || len >= cap) {
        lrp_say(err, n, "%s: longer than %d characters", path, LRP_MAX_LABEL);
        return LRP_EINVAL;
    }
    memcpy(dst, s, len);
    dst[len] = 0;
    return LRP_OK;
}

static lrp_status exp_set(lrp_experiment *e, const char *path, value v, lrp_set_mode mode, char *err, size_t n) {
    if (err && n) err[0] = 0;
    if (!path) { lrp_say(err, n, "(null): unknown field"); return LRP_EINVAL; }
    int idx = -1;
    const char *rest;
    if (strcmp(path, "version") == 0) {
        if (v.kind != V_NUMBER || v.num != 1) {
            if (mode == LRP_SET_CLAMP) { lrp_say(err, n, "version: only version 1 is known; read as version 1"); return LRP_OK; }
            lrp_say(err, n, "version: must be 1");
            return LRP_EINVAL;
        }
        return LRP_OK;
    }
    if (strncmp(path, "optimizer.", 10) == 0) {
        return optim_set(&e->optim, path + 10, path, v, mode, err, n);
    }
    long r = parse_run_path(path, &rest);
    if (r == -2) { lrp_say(err, n, "%s: unknown field (runs are numbered runs.0 to runs.%d)", path, LRP_MAX_RUNS - 1); return LRP_EINVAL; }
    if (r >= 0) {
        lrp_status s = activate_run(e, r, path, err, n);
        if (s != LRP_OK) return s;
        lrp_run_cfg *run = &e->runs[r];
        if (strncmp(rest, "optimizer.", 10) == 0) return optim_set(&run->optim, rest + 10, path, v, mode, err, n);
        if (strncmp(rest, "schedule.", 9) == 0) return sched_set(&run->sched, rest + 9, path, v, mode, err, n);
        if (strcmp(rest, "label") == 0) {
            if (v.kind != V_STRING) { lrp_say(err, n, "%s: must be a string", path); return LRP_EINVAL; }
            return set_label(run->label, sizeof run->label, path, v.str, err, n);
        }
        table_ref t = {&lrp_run_table, LRP_ALL_KINDS, "a run"};
        return set_in_table(t, run, rest, path, v, mode, &idx, err, n);
    }
    if (strncmp(path, "data.", 5) == 0) {
        table_ref data = {&lrp_data_table, LRP_KIND_BIT(e->data.kind), lrp_kind_name(lrp_data_names, e->data.kind)};
        lrp_status s = set_in_table(data, &e->data, path, path, v, mode, &idx, err, n);
        if (s == LRP_OK && idx >= 0 && strcmp(path, "data.name") == 0) {
            double val_frac = e->data.val_frac;
            lrp_data_defaults(&e->data, (lrp_data_kind)idx);
            if (val_frac > 0) e->data.val_frac = val_frac;
        }
        return s;
    }
    const lrp_table *t = exp_table(path);
    return set_in_table((table_ref){t ? t : &lrp_tail_table, LRP_ALL_KINDS, "the experiment"}, e, path, path, v, mode, &idx, err, n);
}

lrp_status lrp_exp_set_number(lrp_experiment *e, const char *path, double v, lrp_set_mode mode, char *err, size_t n) {
    value val = {V_NUMBER, v, NULL, NULL, 0};
    return exp_set(e, path, val, mode, err, n);
}
lrp_status lrp_exp_set_string(lrp_experiment *e, const char *path, const char *v, char *err, size_t n) {
    if (!v) { lrp_say(err, n, "%s: must be a string", path ? path : "(null)"); return LRP_EINVAL; }
    value val = {V_STRING, 0, v, NULL, 0};
    return exp_set(e, path, val, LRP_SET_STRICT, err, n);
}
lrp_status lrp_exp_set_list(lrp_experiment *e, const char *path, const double *v, size_t count, lrp_set_mode mode,
                            char *err, size_t n) {
    if (!v && count) { lrp_say(err, n, "%s: missing list", path ? path : "(null)"); return LRP_EINVAL; }
    value val = {V_LIST, 0, NULL, v, count};
    return exp_set(e, path, val, mode, err, n);
}

/* ------------------------------------------------------------- as text */
/* The type a path names, looked up without changing anything. */
static const lrp_field_def *field_at(const char *path) {
    int irrelevant;
    const char *rest;
    if (strncmp(path, "optimizer.", 10) == 0) return lrp_field_find(&lrp_optim_table, path + 10, LRP_ALL_KINDS, &irrelevant);
    long r = parse_run_path(path, &rest);
    if (r >= 0) {
        if (strncmp(rest, "optimizer.", 10) == 0) return lrp_field_find(&lrp_optim_table, rest + 10, LRP_ALL_KINDS, &irrelevant);
        /* "mode" is an enum for both plateau and cyclic: any schedule field of that name will do. */
        if (strncmp(rest, "schedule.", 9) == 0) return lrp_field_find(&lrp_sched_table, rest + 9, LRP_ALL_KINDS, &irrelevant);
        return lrp_field_find(&lrp_run_table, rest, LRP_ALL_KINDS, &irrelevant);
    }
    if (strncmp(path, "data.", 5) == 0) return lrp_field_find(&lrp_data_table, path, LRP_ALL_KINDS, &irrelevant);
    const lrp_table *t = exp_table(path);
    return t ? lrp_field_find(t, path, LRP_ALL_KINDS, &irrelevant) : NULL;
}

static int parse_double(const char *s, double *out) {
    if (!*s || *s == ' ' || *s == '\t') return 0;
    char *end;
    double v = strtod(s, &end);
    if (*end) return 0;
    *out = v;
    return 1;
}

lrp_status lrp_exp_set_text(lrp_experiment *e, const char *path, const char *text, lrp_set_mode mode, char *err, size_t n) {
    if (err && n) err[0] = 0;
    if (!path || !text) { lrp_say(err, n, "%s: missing value", path ? path : "(null)"); return LRP_EINVAL; }
    if (strcmp(path, "version") == 0) {
        double v;
        if (!parse_double(text, &v)) v = -1;
        return lrp_exp_set_number(e, path, v, mode, err, n);
    }
    const lrp_field_def *f = field_at(path);
    if (!f) { lrp_say(err, n, "%s: unknown field", path); return LRP_EINVAL; }
    switch (f->type) {
    case LRP_FIELD_STRING:
    case LRP_FIELD_ENUM:
        return lrp_exp_set_string(e, path, text, err, n);
    case LRP_FIELD_BOOL: {
        double v = -1;
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0) v = 1;
        else if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0) v = 0;
        if (v < 0) { lrp_say(err, n, "%s: must be true or false", path); return LRP_EINVAL; }
        return lrp_exp_set_number(e, path, v, mode, err, n);
    }
    case LRP_FIELD_NUMBER:
    case LRP_FIELD_INT: {
        double v;
        if (!parse_double(text, &v)) { lrp_say(err, n, "%s: \"%.40s\" is not a number", path, text); return LRP_EINVAL; }
        return lrp_exp_set_number(e, path, v, mode, err, n);
    }
    case LRP_FIELD_INT_LIST: {
        double vals[64];
        size_t count = 0;
        char item[64];
        const char *p = text;
        if (*p) {
            for (;;) {
                const char *comma = strchr(p, ',');
                size_t len = comma ? (size_t)(comma - p) : strlen(p);
                if (len >= sizeof item || count >= 64) { lrp_say(err, n, "%s: too long a list", path); return LRP_ELIMIT; }
                memcpy(item, p, len);
                item[len] = 0;
                if (!parse_double(item, &vals[count])) { lrp_say(err, n, "%s[%zu]: \"%.40s\" is not a number", path, count, item); return LRP_EINVAL; }
                count++;
                if (!comma) break;
                p = comma + 1;
            }
        }
        return lrp_exp_set_list(e, path, vals, count, mode, err, n);
    }
    }
    return LRP_EINVAL;
}
