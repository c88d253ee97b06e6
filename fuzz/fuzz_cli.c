/* fuzz_cli.c — libFuzzer target over the command-line tool's reading of input (build:
 * `cmake --preset fuzz && cmake --build --preset fuzz`; run: scripts/fuzz.sh).
 *
 * Every input is read twice, the way `lrplay spec FILE` and `lrplay config FILE` read it:
 *   spec:   the strict checker with the spec limits, cJSON, then the spec runner (every kind);
 *   config: the strict checker with the config limits, cJSON, the experiment reader and
 *           validation, the canonical writer; and when the config's work is tiny, the range
 *           test and the runs, as `lrplay find` and `lrplay train` print them.
 * The runners write to stdout, which is /dev/null here. Beyond the sanitizers, the target
 * checks what the CLI promises:
 *   - a refusal always says why (a non-empty message) and is "bad input" (2): memory does not
 *     run out here (a huge allocation is a crash under the sanitizers), and the strict checker
 *     never lets through a text cJSON then fails to parse (which the CLI reports as status 1);
 *   - `lrplay config` is a fixed point: its output reads back to a config that writes the same
 *     bytes;
 *   - a config that validates also runs (find and train do not refuse it).
 * A broken promise aborts, which libFuzzer reports as a crash with the input saved. */
#define _POSIX_C_SOURCE 200809L   /* open_memstream */
#include "cli.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sample-parameters (epochs x samples x parameters x runs, as c_src/validate.c counts them)
 * under which a config is also run: a few milliseconds under the sanitizers. */
#define FUZZ_RUN_WORK 3e6

#define CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "fuzz_cli: " __VA_ARGS__); fputc('\n', stderr); abort(); } } while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    if (!freopen("/dev/null", "w", stdout)) abort();
    return 0;
}

/* A refusal: a message, and the status (the CLI's exit code) of bad input. */
static void check_refusal(int rc, const char *err, const char *what) {
    CHECK(err[0] != 0, "%s: refused (status %d) without a message", what, rc);
    CHECK(rc == CLI_BAD_INPUT, "%s: status %d, not bad input (2): %s", what, rc, err);
}

static void fuzz_spec(const uint8_t *data, size_t size) {
    char err[CLI_ERR * 8] = {0};
    int status;
    cJSON *root = cli_parse_json(data, size, "input", &JS_SPEC_LIMITS, err, sizeof err, &status);
    if (!root) {
        check_refusal(status, err, "spec: reading");
        return;
    }
    int rc = cli_spec(root, err, sizeof err);
    if (rc != CLI_OK) check_refusal(rc, err, "spec");
    cJSON_Delete(root);
}

/* The config as `lrplay config` writes it; malloc'd text, its length in *len. */
static char *write_config(const lrp_experiment *e, size_t *len) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    CHECK(f, "open_memstream failed");
    jsonw w;
    jw_init(&w, f);
    cli_write_experiment(&w, e);
    fputc('\n', f);
    CHECK(fclose(f) == 0, "cannot write to memory");
    return buf;
}

/* Sample-parameters of the range test and of all runs (the core's own count is in
 * c_src/validate.c; this one only decides whether the fuzz target runs the config). */
static double config_work(const lrp_experiment *e) {
    size_t rows, n_in, n_out;
    lrp_data_shape(&e->data, &rows, &n_in, &n_out);
    double params = 0, in = (double)n_in;
    for (size_t i = 0; i <= e->n_hidden; i++) {
        double out = i < e->n_hidden ? (double)e->hidden[i] : (double)n_out;
        params += (in + 1) * out;
        in = out;
    }
    double batch = (double)e->batch_size < (double)rows ? (double)e->batch_size : (double)rows;
    double find = (double)e->find.num_iter * (batch + (e->find.use_val ? (double)rows : 0)) * params;
    double train = (double)e->epochs * (double)rows * params * (double)e->n_runs;
    return find > train ? find : train;
}

static void fuzz_config(const uint8_t *data, size_t size) {
    char err[CLI_ERR * 8] = {0};
    int status;
    cJSON *root = cli_parse_json(data, size, "input", &JS_CONFIG_LIMITS, err, sizeof err, &status);
    if (!root) {
        check_refusal(status, err, "config: reading");
        return;
    }
    lrp_experiment *e = malloc(sizeof *e), *back = malloc(sizeof *back);
    CHECK(e && back, "out of memory");
    int rc = cli_read_experiment(root, e, err, sizeof err);
    cJSON_Delete(root);
    if (rc != CLI_OK) {
        check_refusal(rc, err, "config");
        free(e); free(back);
        return;
    }
    /* lrplay config: canonical text that reads back to itself */
    size_t len1, len2;
    char *text1 = write_config(e, &len1);
    root = cli_parse_json((const unsigned char *)text1, len1, "output", &JS_CONFIG_LIMITS, err, sizeof err, &status);
    CHECK(root, "config: its canonical form does not read back: %s\n%s", err, text1);
    rc = cli_read_experiment(root, back, err, sizeof err);
    cJSON_Delete(root);
    CHECK(rc == CLI_OK, "config: its canonical form is refused: %s\n%s", err, text1);
    char *text2 = write_config(back, &len2);
    CHECK(len1 == len2 && memcmp(text1, text2, len1) == 0, "config: not a fixed point:\n%s\n%s", text1, text2);
    free(text1);
    free(text2);
    /* lrplay find and train of a small config; JSON or CSV as the input's length says. A csv
     * experiment runs on its file, which the CLI reads first (cli_load_data, data.path from
     * the current directory): the fuzz target reads no files, so it stops at the config. */
    if (e->data.kind != LRP_DATA_CSV && config_work(e) <= FUZZ_RUN_WORK) {
        rc = cli_find(e, (int)(size & 1), err, sizeof err);
        CHECK(rc == CLI_OK, "find refused a valid config: %s", err);
        rc = cli_train(e, (size & 2) && e->n_runs ? (long)(size % e->n_runs) : -1, (int)(size >> 2 & 1), err, sizeof err);
        CHECK(rc == CLI_OK, "train refused a valid config: %s", err);
    }
    free(e);
    free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_spec(data, size);
    fuzz_config(data, size);
    return 0;
}
