// schema.test.mjs — the generated schema files match what the core says (`lrplay schema`):
// web/js/core/schema.gen.js and the README's limits tables are never stale, and the module
// has the agreed shape. This test only reads; `npm run gen` rewrites the files. Then the
// CLI's input limits: INPUT_LIMITS is cli/limits.h, the JS library and bin/ keep no copy of
// schema knowledge, and both CLIs enforce each input limit at exactly its value.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nativeBin, root } from './native.mjs';
import { nodeCli } from './wasm-util.mjs';
import { readSchema, staleFiles, renderAll, JS_FILE, README_FILE } from '../../scripts/gen_schema.mjs';
import * as gen from '../../web/js/core/schema.gen.js';

const schema = readSchema(nativeBin);

test('the generated files are up to date (npm run gen rewrites them)', () => {
  assert.deepEqual(staleFiles(schema), [], 'stale generated files: run npm run gen');
});

test('a stale file is named', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lrp-schema-'));
  mkdirSync(path.join(dir, path.dirname(JS_FILE)), { recursive: true });
  const readme = readFileSync(path.join(root, README_FILE), 'utf8');
  const want = renderAll(schema, readme);
  writeFileSync(path.join(dir, README_FILE), want[README_FILE]);
  writeFileSync(path.join(dir, JS_FILE), want[JS_FILE].replace('"MAX_EPOCHS": 1000', '"MAX_EPOCHS": 999'));
  assert.deepEqual(staleFiles(schema, dir), [JS_FILE]);
  writeFileSync(path.join(dir, JS_FILE), want[JS_FILE]);
  writeFileSync(path.join(dir, README_FILE), readme.replace('| 20 000 |', '| 20 001 |'));
  assert.deepEqual(staleFiles(schema, dir), [README_FILE]);
});

test('the module has the agreed exports, frozen', () => {
  for (const k of ['MAX_LAYERS', 'MAX_WIDTH', 'MAX_SAMPLES', 'MAX_EPOCHS', 'MAX_BATCH', 'MAX_ITERS', 'MAX_RUNS',
    'MAX_MILESTONES', 'MAX_STEPS', 'MAX_PARAMS', 'MAX_WORK']) assert.equal(typeof gen.LIMITS[k], 'number', k);
  assert.ok(Object.isFrozen(gen.LIMITS) && Object.isFrozen(gen.OPTIMIZER.adam.lr));
  assert.deepEqual(gen.STATUS.slice(0, 2), ['LRP_OK', 'LRP_EINVAL']);
  for (const e of ['optimizer', 'schedule', 'data', 'activation', 'loss', 'flavor', 'mode', 'threshold_mode',
    'anneal_strategy', 'cyclic_mode', 'step_mode', 'interval', 'event_reason', 'field_type', 'set_mode', 'kernel'])
    assert.ok(Array.isArray(gen.ENUMS[e]) && gen.ENUMS[e].length >= 2, e);
  assert.deepEqual(Object.keys(gen.OPTIMIZER), gen.ENUMS.optimizer);
  const sched = [...gen.ENUMS.schedule];
  sched.splice(2, 0, 'reduce_on_plateau/keras');
  assert.deepEqual(Object.keys(gen.SCHEDULE), sched);
  assert.deepEqual(Object.keys(gen.DATA), gen.ENUMS.data);
  for (const spec of [...Object.values(gen.EXPERIMENT), ...Object.values(gen.RUN),
    ...Object.values(gen.OPTIMIZER).flatMap(Object.values), ...Object.values(gen.SCHEDULE).flatMap(Object.values)]) {
    assert.ok(gen.ENUMS.field_type.includes(spec.type), spec.type);
    assert.ok(spec.min <= spec.max && typeof spec.help === 'string');
    if (spec.type === 'enum') assert.ok(spec.choices.includes(spec.default));
    if (spec.type === 'number' || spec.type === 'int') assert.ok(spec.default >= spec.min && spec.default <= spec.max);
  }
});

test('per-kind defaults come through: the C values, kind by kind', () => {
  assert.equal(gen.OPTIMIZER.sgd.lr.default, 1e-2);
  assert.equal(gen.OPTIMIZER.keras_adam.eps.default, 1e-7);
  assert.equal(gen.OPTIMIZER.adamw.weight_decay.default, 1e-2);
  assert.equal(gen.OPTIMIZER.sgd.beta1, undefined);
  assert.equal(gen.SCHEDULE.exponential.gamma.default, 0.95);
  assert.equal(gen.SCHEDULE.cyclic.gamma.default, 1);
  assert.equal(gen.SCHEDULE.step.gamma.default, 0.1);
  assert.equal(gen.SCHEDULE['reduce_on_plateau/keras'].flavor.default, 'keras');
  assert.equal(gen.SCHEDULE['reduce_on_plateau/keras'].threshold, undefined);
  assert.equal(gen.SCHEDULE.reduce_on_plateau.patience.max, 100000);
  assert.equal(gen.DATA.sine.shape.task, 'regression');
  assert.equal(gen.DATA.digits.fields['data.samples'], undefined);
  assert.equal(gen.EXPERIMENT['find.beta'].default, 0.98);
  assert.deepEqual(gen.EXPERIMENT['model.hidden'].default, [32, 32]);
});

/* ---------------------------------------------- the CLI's input limits: one C source */
// cli/limits.h's #defines, evaluated: {NAME without CLI_: value}.
function limitsHeader() {
  const text = readFileSync(path.join(root, 'cli', 'limits.h'), 'utf8');
  const out = {};
  for (const m of text.matchAll(/^#define CLI_(\w+)\s+(.+?)\s*(?:\/\*.*)?$/gm)) {
    const expr = m[2].replace(/\((?:size_t|long|unsigned)\)/g, '').replace(/(\d)(?:UL|L|u)\b/g, '$1');
    assert.match(expr, /^[\d\s.e()<+*-]+$/, `CLI_${m[1]}: ${m[2]}`);
    out[m[1]] = Function(`"use strict"; return (${expr});`)();
  }
  return out;
}

test('INPUT_LIMITS is cli/limits.h, every limit of it, value for value', () => {
  const h = limitsHeader();
  assert.ok(Object.keys(h).length >= 10, 'limits.h was read');
  assert.deepEqual({ ...gen.INPUT_LIMITS }, h);
  assert.ok(Object.isFrozen(gen.INPUT_LIMITS));
});

// What a JS file of the library or bin/ may not hold: a copy of what schema.gen.js knows.
const limitValues = () => new Set([...Object.values(gen.LIMITS), ...Object.values(gen.INPUT_LIMITS)].filter((v) => v >= 100));
export function schemaCopies(text, values = limitValues()) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\s\/\/ .*$/gm, '');
  const out = [];
  for (const m of code.matchAll(/\b(?:const|let|var)\s+(\w*MAX\w*|\w*LIMITS?)\s*=\s*[-\d(]/g)) out.push(`${m[1]} is a number written by hand`);
  for (const m of code.matchAll(/(?<![\w.$])(\d+(?:\.\d+)?(?:e\d+)?)(?:\s*(<<|\*\*)\s*(\d+))?(?![\w.])/g)) {
    const v = m[2] === '<<' ? Number(m[1]) * 2 ** Number(m[3]) : m[2] ? Number(m[1]) ** Number(m[3]) : Number(m[1]);
    if (values.has(v)) out.push(`${m[0]} is a limit's value`);
  }
  for (const m of code.matchAll(/\.(status|st|loss|reason|kind|type|mode)\)?\s*[!=]==?\s*\d/g)) out.push(`${m[0]}: an enum value by number`);
  for (const m of code.matchAll(/\.have\s*&\s*\d/g)) out.push(`${m[0]}: a suggestion bit by number`);
  for (const [id, names] of Object.entries({ ...gen.ENUMS, status: gen.STATUS })) {
    if (names.length < 2) continue;
    const q = (s) => `['"\`]${s}['"\`]`;
    if (new RegExp(`${q(names[0])}\\s*,\\s*${q(names[1])}`).test(code)) out.push(`the ${id} names, listed by hand`);
    if (code.includes(`${names[0]}, ${names[1]}`) && names.length > 2) out.push(`the ${id} names, written into a message`);
  }
  return out;
}

test('schemaCopies finds the copies it is there to find', () => {
  const bad = [
    'const MAX_LIST = 64;', 'const LRP_MAX_WORK = 1e11;', 'export const MAX_BYTES = 16 << 20;',
    'numberArray(x, "lrs", 1000000, false)', 'const n = 2 ** 21;', "if (t.status === 4) x();", 'v.loss === 1',
    "const REASONS = ['plateau', 'schedule', 'min_lr'];", "const S = ['LRP_OK', 'LRP_EINVAL'];",
    "throw bad('model.activation: must be one of relu, tanh, sigmoid, gelu');", 'if (a.have & 2) y();',
  ];
  for (const b of bad) assert.notDeepEqual(schemaCopies(b), [], b);
  const fine = [
    "const { MAX_LIST } = INPUT_LIMITS;", 'if (x.length > MAX_LIST) y();', '// 16 << 20: a comment',
    "const t = { relu: 'ReLU', tanh: 'tanh' };", 'const c = Buffer.alloc(1 << 20);', 'if (len === 0) z();',
  ];
  for (const f of fine) assert.deepEqual(schemaCopies(f), [], f);
});

test('the JS library and bin/ hold no copy of a limit, a status, an enum value or a kind list', () => {
  const files = [
    // generated modules are data (schema.gen.js: the schema itself; replay-templates.gen.js: Python text)
    ...readdirSync(path.join(root, 'web', 'js', 'core')).filter((f) => f.endsWith('.js') && !f.endsWith('.gen.js')).map((f) => path.join('web', 'js', 'core', f)),
    'web/js/core.js',
    ...readdirSync(path.join(root, 'bin')).filter((f) => f.endsWith('.mjs')).map((f) => path.join('bin', f)),
  ];
  assert.ok(files.length >= 9, files.join(' '));
  const found = files.flatMap((f) => schemaCopies(readFileSync(path.join(root, f), 'utf8')).map((p) => `${f}: ${p}`));
  assert.deepEqual(found, []);
});

/* ------------------------ both CLIs enforce INPUT_LIMITS: at the limit passes, one past refused */
const RUNNERS = [
  { name: 'native', argv: (args) => [nativeBin, args] },
  { name: 'node', argv: (args) => [process.execPath, [nodeCli, ...args]] },
];

/** Every runner gives the same exit status and stderr; returns that stderr. */
function sameEverywhere(cmd, input) {
  const got = RUNNERS.map((r) => {
    const [bin, argv] = r.argv([cmd, '-']);
    const p = spawnSync(bin, argv, { input, maxBuffer: 1 << 28, timeout: 300000 });
    if (p.error) throw p.error;
    return { status: p.status, stderr: p.stderr.toString('utf8') };
  });
  assert.deepEqual(got[1], got[0], `${cmd}: the runners disagree`);
  return got[0].stderr;
}

/** A JSON value holding exactly n values, no array longer than `items`. */
function nest(n, items) {
  if (n === 1) return '0';
  let per = 1;
  while (per * items < n - 1) per = per * items + 1;
  const kids = [];
  for (let left = n - 1; left > 0; left -= Math.min(per, left)) kids.push(nest(Math.min(per, left), items));
  return `[${kids.join(',')}]`;
}

const IN = gen.INPUT_LIMITS;
/** {"bbb":{"bbb":...:1}}: nested keys of at most MAX_KEY bytes whose dotted path is k bytes. */
function pathOf(k) {
  const segs = [];
  for (let left = k; left > 0;) {
    const n = left > IN.MAX_KEY ? IN.MAX_KEY - 4 : left;
    segs.push('b'.repeat(n));
    left -= n + 1;
  }
  assert.equal(segs.join('.').length, k);
  return segs.reduceRight((inner, seg) => `{"${seg}":${inner}}`, '1');
}
const zeros = (k) => Array(k).fill(0).join(',');
const BOUNDARIES = [
  // [limit, command, input at the limit, input one past it, what the refusal says]
  ['MAX_LIST and CONFIG_MAX_ITEMS', 'config', (k) => `{"model":{"hidden":[${zeros(k)}]}}`, IN.MAX_LIST, /more than \d+ values in a list/],
  ['MAX_DEPTH', 'config', (k) => `{"seed":${'['.repeat(k - 1)}${']'.repeat(k - 1)}}`, IN.MAX_DEPTH, /nested deeper than/],
  ['MAX_NUMBER', 'config', (k) => `{"seed":1.${'0'.repeat(k - 2)}}`, IN.MAX_NUMBER, /a number longer than/],
  ['MAX_KEY', 'config', (k) => `{"${'a'.repeat(k)}":1}`, IN.MAX_KEY, /not a field name/],
  ['MAX_PATH', 'config', (k) => pathOf(k), IN.MAX_PATH, /name too long/],
  ['CONFIG_MAX_VALUES', 'config', (k) => `{"seed":${nest(k - 1, IN.CONFIG_MAX_ITEMS)}}`, IN.CONFIG_MAX_VALUES, /more than \d+ values, at byte/],
  ['MAX_ITERS (points of an lr_find_analysis spec)', 'spec', (k) => `{"kind":"lr_find_analysis","lrs":[${zeros(k)}],"losses":[]}`,
    gen.LIMITS.MAX_ITERS, /lrs: has \d+ values, at most/],
  ['SPEC_MAX_SCHEDULE_STEPS', 'spec', (k) => `{"kind":"schedule","base_lr":1,"scheduler":{"name":"constant"},"steps":${k}}`,
    IN.SPEC_MAX_SCHEDULE_STEPS, /steps: \d+ is out of range/],
  ['SPEC_MAX_LRFIND_ITERS', 'spec', (k) => `{"kind":"lr_find_analysis","num_it":${k},"lrs":[1],"losses":[1]}`,
    IN.SPEC_MAX_LRFIND_ITERS, /num_it: \d+ is out of range/],
  ['SPEC_MAX_BASE_LR', 'spec', (k) => `{"kind":"schedule","base_lr":${k},"scheduler":{"name":"constant"},"steps":1}`,
    IN.SPEC_MAX_BASE_LR, /base_lr: \d+ is out of range/],
  ['SPEC_MAX_OUTPUT', 'spec', (k) => `{"kind":"optimizer","optimizer":{"name":"sgd"},"params":[${zeros(IN.SPEC_MAX_OUTPUT / 50)}],"grads":[${Array(k / (IN.SPEC_MAX_OUTPUT / 50) - 1).fill('[]').join(',')}]}`,
    IN.SPEC_MAX_OUTPUT, /more than the runner produces/, IN.SPEC_MAX_OUTPUT / 50],
];

for (const [name, cmd, make, limit, refusal, step = 1] of BOUNDARIES) {
  test(`input limit ${name} = ${limit}: both CLIs take it and refuse one past it`, () => {
    const at = sameEverywhere(cmd, make(limit));
    assert.doesNotMatch(at, refusal, `at the limit: ${at}`);
    const past = sameEverywhere(cmd, make(limit + step));
    assert.match(past, refusal, `one past the limit: ${past}`);
    if (refusal.source.includes('\\d+')) assert.ok(past.includes(String(limit)) || past.includes(String(limit + step)), past);
  });
}
