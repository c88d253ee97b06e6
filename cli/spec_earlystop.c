/* spec_earlystop.c — `lrplay spec` kind early_stopping (tests/golden/README.md): Keras'
 * EarlyStopping fed one monitored value per epoch; prints the epoch it stopped at (null
 * if it never did) and the best epoch, both 0-based. */
#include "spec.h"
#include "limits.h"

#include <stdlib.h>
#include <string.h>

/* one monitored value per epoch: as many as a schedule spec takes metrics */
#define MAX_EPOCHS CLI_SPEC_MAX_SCHEDULE_STEPS

static int read_cfg(const cJSON *jo, lrp_earlystop_cfg *c, char *err, size_t n) {
    if (!cJSON_IsObject(jo)) return spec_bad(err, n, "early_stopping: must be an object");
    lrp_earlystop_defaults(c);
    for (const cJSON *it = jo->child; it; it = it->next) {
        const char *k = it->string;
        char what[64];
        snprintf(what, sizeof what, "early_stopping.%.40s", k);
        int rc = CLI_OK;
        if (strcmp(k, "mode") == 0) {
            /* the core's names, index = lrp_es_mode (auto: no monitor named here, so min) */
            int m = cli_enum_index(cli_enum_names("es_mode"), cJSON_IsString(it) ? it->valuestring : NULL);
            if (m < 0) return spec_bad(err, n, "%s: must be min, max or auto", what);
            c->mode = (lrp_es_mode)m;
        } else if (strcmp(k, "min_delta") == 0) {
            rc = spec_finite_in(it, what, -1e300, 1e300, &c->min_delta, err, n);
        } else if (strcmp(k, "patience") == 0) {
            rc = spec_whole(it, what, 0, (double)MAX_EPOCHS, &c->patience, err, n);
        } else if (strcmp(k, "baseline") == 0) {
            c->use_baseline = !cJSON_IsNull(it);
            if (c->use_baseline) rc = spec_finite_in(it, what, -1e300, 1e300, &c->baseline, err, n);
        } else if (strcmp(k, "start_from_epoch") == 0) {
            rc = spec_whole(it, what, 0, (double)MAX_EPOCHS, &c->start_from_epoch, err, n);
        } else if (strcmp(k, "restore_best_weights") == 0) {   /* training only: no effect here */
            if (!cJSON_IsBool(it)) return spec_bad(err, n, "%s: must be true or false", what);
        } else {
            return spec_bad(err, n, "%s: unknown field", what);
        }
        if (rc) return rc;
    }
    return CLI_OK;
}

int spec_early_stopping(const cJSON *spec, char *err, size_t n) {
    static const char *const keys[] = {"early_stopping", "metrics", NULL};
    int rc = spec_check_keys(spec, keys, err, n);
    if (rc) return rc;
    const cJSON *jo = spec_need(spec, "early_stopping", err, n), *jm;
    if (!jo || !(jm = spec_need(spec, "metrics", err, n))) return CLI_BAD_INPUT;
    lrp_earlystop_cfg cfg;
    if ((rc = read_cfg(jo, &cfg, err, n))) return rc;
    double *metrics;
    size_t count;
    if ((rc = cli_number_array(jm, "metrics", MAX_EPOCHS, 1, &metrics, &count, err, n))) return rc;
    lrp_earlystop st;
    lrp_earlystop_init(&st, &cfg);
    for (size_t i = 0; i < count && !(lrp_earlystop_step(&st, metrics[i]) & LRP_ES_STOP); i++) {}
    free(metrics);
    jsonw w;
    jw_init(&w, stdout);
    jw_obj_begin(&w);
    jw_key(&w, "stopped_epoch");
    if (st.stopped_epoch >= 0) jw_int(&w, st.stopped_epoch);
    else jw_null(&w);
    jw_key(&w, "best_epoch");
    jw_int(&w, st.best_epoch);
    jw_obj_end(&w);
    return CLI_OK;
}
