#!/usr/bin/env node
// gen_golden_c.mjs — writes tests/c/golden_data.h, the numbers of the golden cases
// (tests/golden/*.json) that the C unit tests read, so no test holds a hand-made copy.
//
//   node scripts/gen_golden_c.mjs              regenerate tests/c/golden_data.h
//   node scripts/gen_golden_c.mjs --check      exit 1 if the committed header is out of date
//   --out FILE                                 write (or check) FILE instead
//
// Only the cases listed in CASES are read, and only the listed parts of each: a new case
// file in tests/golden changes nothing here until a C test asks for it.
//
// A part is a dotted path into the case ("spec.metrics", "spec.batches.0"). What it
// names becomes, under the name GOLDEN_<CASE>_<PATH> (upper case, other characters '_'):
//   a number or boolean   #define NAME value (booleans 1/0)
//   an array              static const double NAME[] (or float with ':float' after the
//                         path), flattened row-major at any depth, objects in key order
//                         (so spec.layers is W0 b0 W1 b1 ..., the network's layout);
//                         null elements are NAN; #define NAME_N its length
//   an object             each member in turn, as above (strings and nulls skipped:
//                         the tests spell enum names themselves)
// Numbers are written with JavaScript's shortest round-trip form, which a C compiler reads
// back to the same double; a float array converts those doubles to float32 as the CLI does.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GOLDEN = join(ROOT, 'tests', 'golden');
const DEFAULT_OUT = join(ROOT, 'tests', 'c', 'golden_data.h');

const SCHEDULE = ['spec.base_lr', 'spec.scheduler', 'expect.lr', 'tol'];
const PLATEAU = ['spec.base_lr', 'spec.scheduler', 'spec.metrics', 'expect.lr'];
const LRFIND = ['spec', 'expect', 'tol'];
const TRAIN = ['spec.model.sizes', 'spec.layers:float', 'spec.x:float', 'spec.y:float', 'spec.batches.0', 'expect.loss', 'tol'];

// case name (tests/golden/NAME.json) -> the parts the C tests read
export const CASES = {
  // tests/c/test_schedule.c: every closed-form scheduler's whole trace
  'step': SCHEDULE,
  'multistep': SCHEDULE,
  'exponential': SCHEDULE,
  'cosine': SCHEDULE,
  'cosine-warm-restarts': SCHEDULE,
  'linear-warmup': SCHEDULE,
  'onecycle': SCHEDULE,
  'onecycle-linear-3phase': SCHEDULE,
  'cyclic-triangular2': SCHEDULE,
  'cyclic-exp-range': SCHEDULE,
  'inverse-time': SCHEDULE,
  'lr-range-exp': SCHEDULE,
  'lr-range-linear': SCHEDULE,
  // tests/c/test_plateau.c: both flavors of ReduceLROnPlateau, bit for bit
  'plateau-torch-abs-cooldown': PLATEAU,
  'plateau-torch-eps': PLATEAU,
  'plateau-keras-seed-example': PLATEAU,
  'plateau-torch-default': PLATEAU,
  'plateau-keras-default': PLATEAU,
  'plateau-torch-max': PLATEAU,
  'plateau-keras-max': PLATEAU,
  // tests/c/test_lrfind.c: the range test's analysis
  'lrfind-clean': LRFIND,
  'lrfind-noisy': LRFIND,
  'lrfind-nan': LRFIND,
  // tests/c/test_mlp.c: the first loss of two training replays
  'train-ce-tanh-const': TRAIN,
  'train-mse-sigmoid': TRAIN,
};

class GenError extends Error {}

function cName(...parts) {
  return 'GOLDEN_' + parts.join('_').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

function cNumber(v, where) {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new GenError(`${where}: ${JSON.stringify(v)} is not a finite number`);
  if (Object.is(v, -0)) return '-0.0';
  return String(v);
}

function flatten(v, where, out = []) {
  if (v === null) out.push('NAN');
  else if (typeof v === 'boolean') out.push(v ? '1' : '0');
  else if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${where}[${i}]`, out));
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) flatten(x, `${where}.${k}`, out);
  else out.push(cNumber(v, where));
  return out;
}

function cArray(type, name, values) {
  const lines = [];
  let line = '   ';
  for (const v of values) {
    const s = ` ${v},`;
    if (line.length + s.length > 100) { lines.push(line); line = '   '; }
    line += s;
  }
  if (line.trim()) lines.push(line);
  return `#define ${name}_N ${values.length}\nstatic const ${type} ${name}[${values.length}] = {\n${lines.join('\n')}\n};\n`;
}

function emit(caseName, path, value, type, where) {
  const name = cName(caseName, path);
  if (value === null || typeof value === 'string') return '';
  if (typeof value === 'boolean') return `#define ${name} ${value ? 1 : 0}\n`;
  if (typeof value === 'number') {
    const s = cNumber(value, where);
    return `#define ${name} ${s.startsWith('-') ? `(${s})` : s}\n`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new GenError(`${where}: an empty array (C has no empty arrays)`);
    return cArray(type, name, flatten(value, where));
  }
  return Object.entries(value).map(([k, v]) => emit(caseName, `${path}.${k}`, v, type, `${where}.${k}`)).join('');
}

function lookup(obj, path, where) {
  let v = obj;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !(key in v)) throw new GenError(`${where}: no ${path}`);
    v = v[key];
  }
  return v;
}

export function render(goldenDir = GOLDEN) {
  const blocks = [];
  for (const [caseName, parts] of Object.entries(CASES)) {
    const file = join(goldenDir, `${caseName}.json`);
    let data;
    try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new GenError(`${file}: ${e.message}`); }
    let block = `/* ---- ${caseName}.json */\n`;
    for (const part of parts) {
      const [path, type = 'double'] = part.split(':');
      if (type !== 'double' && type !== 'float') throw new GenError(`${caseName}: ${part}: unknown type ${type}`);
      block += emit(caseName, path, lookup(data, path, `${caseName}.json`), type, `${caseName}.json ${path}`);
    }
    blocks.push(block);
  }
  return `/* golden_data.h — GENERATED by scripts/gen_golden_c.mjs from tests/golden: do not edit.
 * Regenerate with: node scripts/gen_golden_c.mjs (tests/node/golden-c.test.mjs fails when
 * this file is stale). The cases and parts are listed in the generator; names are
 * GOLDEN_<CASE>_<PATH>, arrays with a _N length; null elements are NAN. */
#ifndef LRP_GOLDEN_DATA_H
#define LRP_GOLDEN_DATA_H

#include <math.h> /* NAN */

${blocks.join('\n')}
#endif /* LRP_GOLDEN_DATA_H */
`;
}

function main(argv) {
  const check = argv.includes('--check');
  const at = argv.indexOf('--out');
  const out = at >= 0 ? argv[at + 1] : DEFAULT_OUT;
  if (!out) throw new GenError('--out needs a file name');
  const text = render();
  const shown = relative(process.cwd(), out) || out;
  if (check) {
    let old = '';
    try { old = readFileSync(out, 'utf8'); } catch { /* missing counts as stale */ }
    if (old !== text) {
      console.error(`gen_golden_c: ${shown} is out of date: run node scripts/gen_golden_c.mjs`);
      return 1;
    }
    console.log(`gen_golden_c: ${shown} is up to date`);
    return 0;
  }
  writeFileSync(out, text);
  console.log(`gen_golden_c: wrote ${shown} (${Buffer.byteLength(text)} bytes)`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof GenError)) throw e;
    console.error(`gen_golden_c: ${e.message}`);
    process.exitCode = 1;
  }
}
