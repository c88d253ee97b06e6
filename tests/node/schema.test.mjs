// schema.test.mjs — the generated schema files match what the core says (`lrplay schema`):
// web/js/core/schema.gen.js and the README's limits table are never stale, and the module
// has the agreed shape. This test only reads; `npm run gen` rewrites the files.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nativeBin, root } from './native.mjs';
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
