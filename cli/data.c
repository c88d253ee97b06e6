/* data.c — the CSV file of a csv experiment: its path (data.path in the config, relative to
 * the current directory, or --data FILE), read with a bound and handed to the core, which
 * parses it and records its name, SHA-256 and shape in the config. */
#define _POSIX_C_SOURCE 200809L   /* fileno */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The file's bytes, at most LRP_MAX_CSV_BYTES: a bigger regular file is refused by its size
 * before any byte is read; anything else stops one byte past the limit. */
static unsigned char *read_bounded(const char *path, size_t *n, char *err, size_t errlen, int *rc) {
    *rc = CLI_BAD_INPUT;
    FILE *f = fopen(path, "rb");
    if (!f) { snprintf(err, errlen, "data: cannot open \"%s\"", path); return NULL; }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > LRP_MAX_CSV_BYTES) {
        snprintf(err, errlen, "data: \"%s\" is %llu bytes; at most %u MiB", path, (unsigned long long)sb.st_size,
                 LRP_MAX_CSV_BYTES >> 20);
        fclose(f);
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    while (buf && len <= LRP_MAX_CSV_BYTES) {
        if (len == cap) {
            size_t want = cap * 2 > (size_t)LRP_MAX_CSV_BYTES + 1 ? (size_t)LRP_MAX_CSV_BYTES + 1 : cap * 2;
            unsigned char *nb = realloc(buf, want);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap = want;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int unreadable = ferror(f);
    fclose(f);
    if (!buf) { *rc = CLI_FAIL; snprintf(err, errlen, "data: out of memory"); return NULL; }
    if (unreadable) { snprintf(err, errlen, "data: cannot open \"%s\"", path); free(buf); return NULL; }
    if (len > LRP_MAX_CSV_BYTES) {
        snprintf(err, errlen, "data: \"%s\" is more than %u MiB", path, LRP_MAX_CSV_BYTES >> 20);
        free(buf);
        return NULL;
    }
    *n = len;
    return buf;
}

int cli_load_data(const cJSON *root, const char *data_file, int required, lrp_experiment *e, lrp_csv **out,
                  char *err, size_t errlen) {
    *out = NULL;
    char msg[CLI_ERR] = {0};
    const char *path = data_file;
    if (data_file) {
        if (e->data.kind != LRP_DATA_CSV && lrp_exp_set_string(e, "data.name", "csv", msg, sizeof msg) != LRP_OK) {
            snprintf(err, errlen, "%s", msg);
            return CLI_BAD_INPUT;
        }
        if (lrp_exp_set_string(e, "data.path", data_file, msg, sizeof msg) != LRP_OK) {
            snprintf(err, errlen, "--data: %s", msg);
            return CLI_BAD_INPUT;
        }
    } else {
        if (e->data.kind != LRP_DATA_CSV) return CLI_OK;
        const cJSON *d = root ? cJSON_GetObjectItemCaseSensitive(root, "data") : NULL;
        const cJSON *p = d ? cJSON_GetObjectItemCaseSensitive(d, "path") : NULL;
        path = cJSON_IsString(p) && p->valuestring[0] ? p->valuestring : NULL;
        if (!path) {
            if (!required) return CLI_OK;
            snprintf(err, errlen, "data.path: missing: name the CSV file (or give --data FILE)");
            return CLI_BAD_INPUT;
        }
    }
    size_t n = 0;
    int rc;
    unsigned char *bytes = read_bounded(path, &n, err, errlen, &rc);
    if (!bytes) return rc;
    lrp_status st = lrp_exp_load_csv(e, bytes, n, out, msg, sizeof msg);
    free(bytes);
    if (st != LRP_OK) {
        snprintf(err, errlen, "%s", msg[0] ? msg : lrp_status_str(st));
        return st == LRP_ENOMEM ? CLI_FAIL : CLI_BAD_INPUT;
    }
    return CLI_OK;
}
