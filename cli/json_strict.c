/* json_strict.c — one pass over the input bytes that accepts strict RFC 8259 JSON in UTF-8 and
 * nothing else, before cJSON (which is lenient) builds a tree. It also refuses what would make
 * the two CLIs disagree or the tree huge: duplicate keys, \u0000, numbers cJSON would cut,
 * deep nesting, long lists, too many values. web/js/core/json-strict.js mirrors it step by step:
 * the same checks in the same order, so both runners report the same first problem. */
#include "json_strict.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const js_limits JS_CONFIG_LIMITS = {CLI_CONFIG_MAX_ITEMS, CLI_CONFIG_MAX_VALUES};
const js_limits JS_SPEC_LIMITS = {CLI_SPEC_MAX_ITEMS, CLI_SPEC_MAX_VALUES};

typedef struct { uint32_t off, len, pos; } jkey;     /* a decoded key: arena[off..off+len), quote at pos */
/* An open array or object; key0: the object's first key in keys[], cur: its latest key. */
typedef struct { char kind; size_t items, key0, cur; } frame;

typedef struct {
    const unsigned char *s;
    size_t len, i, values;
    const js_limits *lim;
    frame st[CLI_MAX_DEPTH];
    int depth;
    jkey *keys;
    size_t nkeys, capkeys;
    unsigned char *arena;
    size_t alen, acap;
    char *err;
    size_t errlen;
    int oom;
} parser;

static int say(parser *p, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->errlen, fmt, ap);
    va_end(ap);
    return -1;
}
static int oom(parser *p) { p->oom = 1; return say(p, "out of memory"); }
static int bad(parser *p, size_t at, const char *why) { return say(p, "not valid JSON at byte %zu: %s", at, why); }

size_t json_quote_name(char *out, size_t cap, const char *s, size_t n) {
    size_t w = 0, chars = 0, i = 0;
#define PUT(c) do { if (w + 1 < cap) out[w++] = (char)(c); } while (0)
    PUT('"');
    for (; i < n && chars < 64; chars++) {
        unsigned char c = (unsigned char)s[i];
        size_t cl = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (c == '"' || c == '\\') { PUT('\\'); PUT(c); }
        else if (c < 0x20) {
            const char *e = c == '\b' ? "\\b" : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
            char u[8];
            if (!e) { snprintf(u, sizeof u, "\\u%04x", c); e = u; }
            for (; *e; e++) PUT(*e);
        } else for (size_t k = 0; k < cl && i + k < n; k++) PUT(s[i + k]);
        i += cl;
    }
    if (i < n) { PUT('.'); PUT('.'); PUT('.'); }
    PUT('"');
#undef PUT
    out[w] = 0;
    return w;
}

/* Every key is a field name: 1 to CLI_MAX_KEY letters, digits, '_' or '.' (configs take dotted paths). */
static int name_ok(const unsigned char *k, size_t n) {
    if (n == 0 || n > CLI_MAX_KEY) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '_' || k[i] == '.')) return 0;
    return 1;
}

/* The path to the container on top of the stack, e.g. optimizer or runs[0].optimizer (its keys
 * are names: name_ok); its last four steps only ("...") when deeper. Empty at the top level. */
static void path_of(const parser *p, char *out, size_t cap) {
    int top = p->depth - 1, first = top > 4 ? top - 4 : 0;
    size_t w = 0;
    out[0] = 0;
    if (first > 0) w += (size_t)snprintf(out, cap, "...");
    for (int f = first; f < top && w + 1 < cap; f++) {
        const frame *fr = &p->st[f];
        if (fr->kind == '[') { w += (size_t)snprintf(out + w, cap - w, "[%zu]", fr->items - 1); continue; }
        const jkey *k = &p->keys[fr->cur];
        const unsigned char *kb = p->arena + k->off;
        w += (size_t)snprintf(out + w, cap - w, "%s%.*s", w > 0 ? "." : "", (int)k->len, (const char *)kb);
    }
    if (w >= cap) out[cap - 1] = 0;
}

static void skip_ws(parser *p) {
    while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r')) p->i++;
}

/* Length of the UTF-8 sequence at s[0..n): 1-4, or 0 if it is not valid UTF-8 (overlong,
 * a surrogate, past U+10FFFF, cut short). */
static size_t utf8_len(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || n < len) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
    else if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t k = 2; k < len; k++) if (s[k] < 0x80 || s[k] > 0xBF) return 0;
    return len;
}

/* Room for n more bytes in the arena. Called with 0 before each key, so that the arena exists
 * even when every key is empty: arena + off on a null arena is undefined behaviour. */
static int reserve(parser *p, size_t n) {
    if (!p->arena || p->alen + n > p->acap) {
        size_t cap = p->acap ? p->acap * 2 : 4096;
        while (cap < p->alen + n) cap *= 2;
        unsigned char *a = realloc(p->arena, cap);
        if (!a) return oom(p);
        p->arena = a;
        p->acap = cap;
    }
    return 0;
}

static int emit(parser *p, const unsigned char *b, size_t n) {
    if (reserve(p, n)) return -1;
    memcpy(p->arena + p->alen, b, n);
    p->alen += n;
    return 0;
}

static int hex4(const unsigned char *s, size_t n, unsigned *out) {
    if (n < 4) return -1;
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + (unsigned)d;
    }
    *out = v;
    return 0;
}

/* A string at s[i] == '"'; a key's decoded bytes go to the arena. */
static int string(parser *p, int key) {
    const unsigned char *s = p->s;
    p->i++;
    for (;;) {
        size_t i = p->i;
        if (i >= p->len) return bad(p, i, "unexpected end of input");
        unsigned char c = s[i];
        if (c == '"') { p->i++; return 0; }
        if (c < 0x20) return bad(p, i, "a control character in a string");
        if (c != '\\') {
            size_t n = utf8_len(s + i, p->len - i);
            if (n == 0) return bad(p, i, "invalid UTF-8");
            if (key && emit(p, s + i, n)) return -1;
            p->i += n;
            continue;
        }
        if (i + 1 >= p->len) return bad(p, i, "unexpected end of input");
        unsigned char e = s[i + 1], one = 0;
        switch (e) {
        case '"': case '\\': case '/': one = e; break;
        case 'b': one = '\b'; break;
        case 'f': one = '\f'; break;
        case 'n': one = '\n'; break;
        case 'r': one = '\r'; break;
        case 't': one = '\t'; break;
        case 'u': break;
        default: return bad(p, i, "an invalid escape");
        }
        if (one) {
            if (key && emit(p, &one, 1)) return -1;
            p->i += 2;
            continue;
        }
        unsigned cp, lo;
        if (hex4(s + i + 2, p->len - i - 2, &cp)) return bad(p, i, "an invalid \\u escape");
        size_t used = 6;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return bad(p, i, "a lone surrogate escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 7 >= p->len || s[i + 6] != '\\' || s[i + 7] != 'u' || hex4(s + i + 8, p->len - i - 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                return bad(p, i, "a lone surrogate escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            used = 12;
        }
        if (cp == 0) return bad(p, i, "\\u0000 in a string");
        unsigned char u[4];
        size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (n == 1) u[0] = (unsigned char)cp;
        else if (n == 2) { u[0] = (unsigned char)(0xC0 | cp >> 6); u[1] = (unsigned char)(0x80 | (cp & 0x3F)); }
        else if (n == 3) { u[0] = (unsigned char)(0xE0 | cp >> 12); u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); u[2] = (unsigned char)(0x80 | (cp & 0x3F)); }
        else { u[0] = (unsigned char)(0xF0 | cp >> 18); u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F)); u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); u[3] = (unsigned char)(0x80 | (cp & 0x3F)); }
        if (key && emit(p, u, n)) return -1;
        p->i += used;
    }
}

static int digits(parser *p) {
    size_t i0 = p->i;
    while (p->i < p->len && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    return p->i > i0;
}

static int number(parser *p) {
    size_t at = p->i;
    if (p->s[p->i] == '-') p->i++;
    if (p->i < p->len && p->s[p->i] == '0' && p->i + 1 < p->len && p->s[p->i + 1] >= '0' && p->s[p->i + 1] <= '9')
        return bad(p, at, "a leading zero");
    if (!digits(p)) return bad(p, at, "a malformed number");
    if (p->i < p->len && p->s[p->i] == '.') {
        p->i++;
        if (!digits(p)) return bad(p, at, "a malformed number");
    }
    if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        if (!digits(p)) return bad(p, at, "a malformed number");
    }
    if (p->i - at > CLI_MAX_NUMBER) return say(p, "not valid JSON at byte %zu: a number longer than %d characters", at, CLI_MAX_NUMBER);
    return 0;
}

static int literal(parser *p, const char *word) {
    size_t n = strlen(word);
    if (p->len - p->i < n || memcmp(p->s + p->i, word, n) != 0) return bad(p, p->i, "unexpected character");
    p->i += n;
    return 0;
}

static uint32_t fnv1a(const unsigned char *b, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 16777619u;
    return h;
}

/* The first key of the closing object (in text order) that repeats an earlier one. */
static int no_duplicates(parser *p, size_t key0) {
    size_t m = p->nkeys - key0;
    if (m < 2) return 0;
    size_t size = 4;
    while (size < 2 * m) size *= 2;
    uint32_t *slot = calloc(size, sizeof *slot);
    if (!slot) return oom(p);
    int rc = 0;
    for (size_t j = key0; j < p->nkeys && rc == 0; j++) {
        const jkey *k = &p->keys[j];
        for (size_t h = fnv1a(p->arena + k->off, k->len) & (size - 1);; h = (h + 1) & (size - 1)) {
            if (!slot[h]) { slot[h] = (uint32_t)(j + 1); break; }
            const jkey *o = &p->keys[slot[h] - 1];
            if (o->len == k->len && memcmp(p->arena + o->off, p->arena + k->off, k->len) == 0) {
                char name[512], where[1024];
                json_quote_name(name, sizeof name, (const char *)p->arena + k->off, k->len);
                path_of(p, where, sizeof where);
                rc = where[0] ? say(p, "duplicate key %s in %s, at byte %u", name, where, (unsigned)k->pos)
                              : say(p, "duplicate key %s in the top-level object, at byte %u", name, (unsigned)k->pos);
                break;
            }
        }
    }
    free(slot);
    return rc;
}

static int value(parser *p);

static int open_container(parser *p, char kind) {
    if (p->depth == CLI_MAX_DEPTH) return say(p, "JSON nested deeper than %d levels, at byte %zu", CLI_MAX_DEPTH, p->i);
    frame *f = &p->st[p->depth++];
    f->kind = kind;
    f->items = 0;
    f->key0 = p->nkeys;
    f->cur = 0;
    p->i++;
    skip_ws(p);
    return 0;
}

/* After a member or an element: ',' (more follow, 1), the closing bracket (0) or an error. */
static int next(parser *p, char close) {
    skip_ws(p);
    if (p->i >= p->len) return bad(p, p->i, "unexpected end of input");
    if (p->s[p->i] == ',') { p->i++; return 1; }
    if (p->s[p->i] == close) { p->i++; return 0; }
    return bad(p, p->i, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
}

static int object(parser *p) {
    if (open_container(p, '{')) return -1;
    frame *f = &p->st[p->depth - 1];
    int more = 1;
    if (p->i < p->len && p->s[p->i] == '}') { p->i++; more = 0; }
    while (more == 1) {
        skip_ws(p);
        if (p->i >= p->len) return bad(p, p->i, "unexpected end of input");
        if (p->s[p->i] != '"') return bad(p, p->i, "expected a string key");
        if (p->nkeys == p->capkeys) {
            size_t cap = p->capkeys ? p->capkeys * 2 : 64;
            jkey *k = realloc(p->keys, cap * sizeof *k);
            if (!k) return oom(p);
            p->keys = k;
            p->capkeys = cap;
        }
        if (reserve(p, 0)) return -1;
        jkey *k = &p->keys[p->nkeys];
        k->off = (uint32_t)p->alen;
        k->pos = (uint32_t)p->i;
        if (string(p, 1)) return -1;
        k->len = (uint32_t)(p->alen - k->off);
        if (!name_ok(p->arena + k->off, k->len)) {
            char name[512], where[1024];
            json_quote_name(name, sizeof name, (const char *)p->arena + k->off, k->len);
            path_of(p, where, sizeof where);
            return say(p, "%s%s%s: not a field name, at byte %u", where, where[0] ? "." : "", name, (unsigned)k->pos);
        }
        f->cur = p->nkeys++;
        f->items++;
        skip_ws(p);
        if (p->i >= p->len) return bad(p, p->i, "unexpected end of input");
        if (p->s[p->i] != ':') return bad(p, p->i, "expected ':'");
        p->i++;
        if (value(p)) return -1;
        if ((more = next(p, '}')) < 0) return -1;
    }
    if (no_duplicates(p, f->key0)) return -1;
    if (p->nkeys > f->key0) p->alen = p->keys[f->key0].off;
    p->nkeys = f->key0;
    p->depth--;
    return 0;
}

static int array(parser *p) {
    if (open_container(p, '[')) return -1;
    frame *f = &p->st[p->depth - 1];
    int more = 1;
    if (p->i < p->len && p->s[p->i] == ']') { p->i++; more = 0; }
    while (more == 1) {
        skip_ws(p);
        if (++f->items > p->lim->max_items) {
            char where[1024];
            path_of(p, where, sizeof where);
            return say(p, "%s: more than %zu values in a list, at byte %zu", where[0] ? where : "the top level", p->lim->max_items, p->i);
        }
        if (value(p)) return -1;
        if ((more = next(p, ']')) < 0) return -1;
    }
    p->depth--;
    return 0;
}

static int value(parser *p) {
    skip_ws(p);
    if (p->i >= p->len) return bad(p, p->i, "unexpected end of input");
    if (++p->values > p->lim->max_values) return say(p, "more than %zu values, at byte %zu", p->lim->max_values, p->i);
    unsigned char c = p->s[p->i];
    if (c == '{') return object(p);
    if (c == '[') return array(p);
    if (c == '"') return string(p, 0);
    if (c == '-' || (c >= '0' && c <= '9')) return number(p);
    if (c == 't') return literal(p, "true");
    if (c == 'f') return literal(p, "false");
    if (c == 'n') return literal(p, "null");
    return bad(p, p->i, "unexpected character");
}

int json_strict_check(const unsigned char *buf, size_t len, const js_limits *lim, char *err, size_t errlen) {
    parser p = {0};
    p.s = buf;
    p.len = len;
    p.lim = lim;
    p.err = err;
    p.errlen = errlen;
    int rc;
    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) rc = bad(&p, 0, "a byte order mark");
    else if ((rc = value(&p)) == 0) {
        skip_ws(&p);
        if (p.i < p.len) rc = bad(&p, p.i, "trailing data after the value");
    }
    free(p.keys);
    free(p.arena);
    return p.oom ? -2 : rc;
}
