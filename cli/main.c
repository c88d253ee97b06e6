/* main.c — the `lrplay` command line: spec, find, train, data, init, export, config, schema, version.
 * Exit status 0 on success, 2 on invalid input (one line on stderr naming the field,
 * nothing on stdout), 1 on other failures. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void) {
    fprintf(stderr,
        "usage: lrplay spec FILE|-\n"
        "       lrplay find CONFIG|- [--csv] [--data FILE]\n"
        "       lrplay train CONFIG|- [--csv] [--run N] [--data FILE]\n"
        "       lrplay data CONFIG|- [--csv] [--data FILE]\n"
        "       lrplay init CONFIG|- [--data FILE]\n"
        "       lrplay export CONFIG|- [--run N] [--format pytorch|keras] [--data FILE]\n"
        "       lrplay config [CONFIG|-] [--data FILE]\n"
        "       lrplay schema\n"
        "       lrplay version\n");
    return CLI_BAD_INPUT;
}

/* One line whatever the message holds: control characters (a newline from a name or a kind
 * the input gave) are printed escaped, as bin/lrplay.mjs prints them. */
static int fail(int rc, const char *err) {
    fputs("lrplay: ", stderr);
    for (const unsigned char *c = (const unsigned char *)err; *c; c++) {
        const char *e = *c == '\b' ? "\\b" : *c == '\f' ? "\\f" : *c == '\n' ? "\\n" : *c == '\r' ? "\\r" : *c == '\t' ? "\\t" : NULL;
        if (e) fputs(e, stderr);
        else if (*c < 0x20) fprintf(stderr, "\\u%04x", *c);
        else fputc(*c, stderr);
    }
    fputc('\n', stderr);
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) return usage();
    const char *cmd = argv[1];
    char err[CLI_ERR * 8] = {0};
    if (strcmp(cmd, "version") == 0) {
        printf("{\"lrplay\":\"%s\",\"flavor\":\"%s\"}\n", lrp_version(), lrp_build_flavor());
        return 0;
    }
    if (strcmp(cmd, "schema") == 0) {
        if (argc != 2) return usage();
        int st = cli_schema(err, sizeof err);
        if (st != CLI_OK) return fail(st, err);
        if (fflush(stdout) != 0) return fail(CLI_FAIL, "cannot write the output");
        return 0;
    }
    const char *file = NULL, *data_file = NULL;
    int csv = 0;
    long run = -1;
    const char *format = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0) csv = 1;
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) data_file = argv[++i];
        else if (strcmp(argv[i], "--run") == 0 && i + 1 < argc) {
            char *end;
            run = strtol(argv[++i], &end, 10);
            if (*end || run < 0) return fail(CLI_BAD_INPUT, "--run: must be a run index (0, 1, ...)");
        } else if (!file) file = argv[i];
        else return usage();
    }
    int is_spec = strcmp(cmd, "spec") == 0, is_find = strcmp(cmd, "find") == 0;
    int is_train = strcmp(cmd, "train") == 0, is_config = strcmp(cmd, "config") == 0;
    int is_data = strcmp(cmd, "data") == 0, is_init = strcmp(cmd, "init") == 0, is_export = strcmp(cmd, "export") == 0;
    if (!is_spec && !is_find && !is_train && !is_config && !is_data && !is_init && !is_export) return usage();
    if (!file && !is_config) return usage();
    if (csv && !is_find && !is_train && !is_data) return fail(CLI_BAD_INPUT, "--csv: only for find, train and data");
    if (run >= 0 && !is_train && !is_export) return fail(CLI_BAD_INPUT, "--run: only for train and export");
    if (format && !is_export) return fail(CLI_BAD_INPUT, "--format: only for export");
    if (data_file && is_spec) return fail(CLI_BAD_INPUT, "--data: only for find, train, data, init, export and config");

    int status = CLI_OK;
    cJSON *root = NULL;
    if (file) {
        root = cli_read_json(file, is_spec ? &JS_SPEC_LIMITS : &JS_CONFIG_LIMITS, err, sizeof err, &status);
        if (!root) return fail(status, err);
    }
    if (is_spec) {
        status = cli_spec(root, err, sizeof err);
    } else {
        lrp_experiment *e = malloc(sizeof *e);
        if (!e) { cJSON_Delete(root); return fail(CLI_FAIL, "out of memory"); }
        lrp_csv *table = NULL;
        if (root) status = cli_read_experiment(root, e, err, sizeof err);
        else lrp_experiment_defaults(e);
        if (status == CLI_OK) status = cli_load_data(root, data_file, !is_config, e, &table, err, sizeof err);
        if (status == CLI_OK) {
            if (is_config) {
                jsonw w;
                jw_init(&w, stdout);
                cli_write_experiment(&w, e);
            } else if (is_find) {
                status = cli_find(e, csv, err, sizeof err);
            } else if (is_data) {
                status = cli_data(e, csv, err, sizeof err);
            } else if (is_init) {
                status = cli_init(e, err, sizeof err);
            } else if (is_export) {
                status = cli_export(e, run < 0 ? 0 : run, format ? format : "pytorch", err, sizeof err);
            } else {
                status = cli_train(e, run, csv, err, sizeof err);
            }
        }
        free(e);
        lrp_csv_destroy(table);
    }
    cJSON_Delete(root);
    if (status != CLI_OK) return fail(status, err);
    if (fflush(stdout) != 0) return fail(CLI_FAIL, "cannot write the output");
    return 0;
}
