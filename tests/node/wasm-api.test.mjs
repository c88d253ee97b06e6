// The JavaScript API of web/js/core.js on the WebAssembly builds: loading, configs and the
// schema, errors, progress, cancellation, and memory that stops growing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './native.mjs';
import { sameBits } from './compare.mjs';
import { loadCore, simdSupported, LrplayError, toJSON } from '../../web/js/core.js';

const wasmPath = (f) => path.join(root, 'build-wasm', `lrplay-${f}.wasm`);
const TINY = { data: { name: 'spiral', samples: 60 }, model: { hidden: [8] }, epochs: 3, batch_size: 16,
  find: { num_iter: 12 } };
const same = (a, b, what) => assert.equal(sameBits(JSON.parse(toJSON(a)), JSON.parse(toJSON(b))), null, what);

test('loadCore: flavors and every way of passing the module', async () => {
  assert.equal(simdSupported(), true, 'Node 20 runs SIMD128');
  assert.equal((await loadCore()).flavor, 'simd');
  const scalar = await loadCore({ flavor: 'scalar' });
  assert.equal(scalar.flavor, 'scalar');
  assert.equal(scalar.buildFlavor, 'scalar');
  assert.match(scalar.version, /^\d+\.\d+\.\d+$/);
  const bytes = readFileSync(wasmPath('scalar'));
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  for (const wasm of [new Uint8Array(bytes), ab, pathToFileURL(wasmPath('scalar')), wasmPath('scalar'),
    new WebAssembly.Module(bytes), (flavor) => readFileSync(wasmPath(flavor))]) {
    const c = await loadCore({ flavor: 'scalar', wasm });
    assert.equal(c.buildFlavor, 'scalar');
  }
  // the flavor reported is the module's own, whatever was asked
  assert.equal((await loadCore({ flavor: 'simd', wasm: bytes })).flavor, 'scalar');
  await assert.rejects(loadCore({ flavor: 'mmx' }), TypeError);
  await assert.rejects(loadCore({ wasm: new Uint8Array([0, 97, 115, 109]) }));
  await assert.rejects(loadCore({ wasm: 42 }), TypeError);
});

test('configs: defaults, round trip, strict errors, clamp notes', async () => {
  const core = await loadCore();
  const d = core.defaultConfig();
  assert.equal(d.version, 1);
  assert.equal(d.data.name, 'spiral');
  assert.deepEqual(d.model.hidden, [32, 32]);
  assert.ok(Array.isArray(d.runs) && d.runs.length >= 1);
  assert.deepEqual(core.readConfig(d), { config: d, notes: [] }, 'the canonical config reads back to itself');
  assert.deepEqual(core.readConfig({}).config, d);

  const strict = (obj, re) => assert.throws(() => core.readConfig(obj), (e) => {
    assert.ok(e instanceof LrplayError, String(e));
    assert.equal(e.status, 'LRP_EINVAL');
    assert.ok(!('exitCode' in e), 'the library carries no exit codes');
    assert.match(e.message, re);
    return true;
  });
  strict({ data: { noise: 99 } }, /^data\.noise: /);
  strict({ data: { name: 'mnist' } }, /^data\.name: /);
  strict({ learning_rate: 0.1 }, /^learning_rate: unknown field/);
  strict({ runs: [{ schedule: { name: 'cosine', T_max: -1 } }] }, /^runs\.0\.schedule\.T_max: /);
  strict({ model: { hidden: [32, 'x'] } }, /^model\.hidden\[1\]: /);
  strict('spiral', /must be a JSON object/);

  const { config, notes } = core.readConfig({ data: { noise: 99 }, epochs: 2.5, learning_rate: 1, model: { hidden: [8, 100000] } },
    { mode: 'clamp' });
  assert.equal(config.data.noise, 5);
  assert.equal(config.epochs, 2);
  assert.deepEqual(config.model.hidden, [8, 512]);
  assert.equal(notes.length, 4, notes.join(' | '));
  assert.ok(notes.some((n) => n.startsWith('learning_rate')), notes.join(' | '));
  assert.throws(() => core.readConfig({}, { mode: 'lenient' }), TypeError);

  // runs: a list replaces the defaults; the first key of a run activates it
  const two = core.readConfig({ runs: [{ label: 'a' }, { schedule: { name: 'step', step_size: 3 } }] }).config;
  assert.equal(two.runs.length, 2);
  assert.equal(two.runs[0].label, 'a');
  assert.equal(two.runs[1].schedule.name, 'step');
  assert.equal(two.runs[1].schedule.step_size, 3);
});

test('schema: the fields of a config with types, ranges, choices and help', async () => {
  const core = await loadCore();
  const s = core.schema();
  const by = Object.fromEntries(s.map((f) => [f.name, f]));
  assert.equal(by['optimizer.lr'].type, 'number');
  assert.ok(by['optimizer.lr'].max > by['optimizer.lr'].min);
  assert.equal(by['data.name'].type, 'enum');
  assert.ok(by['data.name'].choices.includes('spiral') && by['data.name'].choices.includes('digits'));
  assert.equal(by['model.hidden'].type, 'int_list');
  assert.ok(by['model.hidden'].max_items >= 1);
  assert.equal(by['runs.0.label'].type, 'string');
  assert.ok(s.every((f) => typeof f.help === 'string' && f.name), 'every field has a name and help');
  // the fields follow the kinds: an sgd config has momentum, an adam one does not
  assert.equal(by['optimizer.momentum'], undefined);
  const sgd = core.schema({ optimizer: { name: 'sgd' } });
  assert.ok(sgd.some((f) => f.name === 'optimizer.momentum'));
});

test('runSpec: results and errors', async () => {
  const core = await loadCore();
  const r = core.runSpec({ kind: 'schedule', base_lr: 0.1, scheduler: { name: 'step', step_size: 2, gamma: 0.5 }, steps: 4 });
  assert.deepEqual(r.lr.map((v) => +v.toPrecision(12)), [0.1, 0.1, 0.05, 0.05, 0.025]);
  const err = (spec, re) => assert.throws(() => core.runSpec(spec), (e) => {
    assert.ok(e instanceof LrplayError);
    assert.equal(e.status, 'LRP_EINVAL');
    assert.ok(!('exitCode' in e), 'the library carries no exit codes');
    assert.match(e.message, re);
    return true;
  });
  err({}, /^kind: missing/);
  err({ kind: 'optimizer', optimizer: { name: 'adam', beta1: 1.5 }, params: [1], grads: [[1]] }, /^optimizer\.beta1: /);
  err({ kind: 'optimizer', optimizer: { name: 'adam' }, params: [1, 2], grads: [[1]] }, /^grads\[0\]: has 1 values, params has 2/);
  err({ kind: 'schedule', base_lr: 0.1, scheduler: { name: 'step', step_size: 5 }, steps: 1e12 }, /^steps: /);
  err(null, /must hold a JSON object/);
});

test('memory growth: results stay right when a call grows the heap', async () => {
  const core = await loadCore();
  const before = core.memoryBytes();
  const n = (1 << 21) + 3;   // 8 MiB per float buffer: grows memory during the call
  const r = core.runSpec({ kind: 'optimizer', optimizer: { name: 'sgd', lr: 0.5 }, params: new Array(n).fill(1), grads: [new Array(n).fill(1)] });
  assert.ok(core.memoryBytes() > before, 'the heap grew');
  assert.equal(r.params[0].length, n);
  assert.ok(r.params[0].every((v) => v === 0.5), 'every parameter took the step');
  assert.deepEqual(core.runSpec({ kind: 'optimizer', optimizer: { name: 'sgd', lr: 0.5 }, params: [1, 2], grads: [[1, 1]] }).params, [[0.5, 1.5]]);
});

test('find: progress every N iterations, and the same bits whatever N', async () => {
  const core = await loadCore();
  const seen = [];
  const r = await core.find(TINY, { progressEvery: 5, onProgress: (p) => seen.push(p.lr.length) });
  assert.equal(r.kind, 'find');
  const n = r.find.lr.length;
  assert.ok(n >= 5 && n <= 12, `${n} points`);
  assert.deepEqual(seen, Array.from({ length: Math.ceil(n / 5) }, (_, i) => Math.min(n, 5 * (i + 1))));
  same(r, await core.find(TINY, { progressEvery: 1 }), 'progressEvery changes the result');
  same(r, await core.find(TINY), 'progressEvery changes the result');
  assert.equal(r.config.find.num_iter, 12);
});

test('train: onEpoch per epoch and run, run subsets, result shape', async () => {
  const core = await loadCore();
  const calls = [];
  const r = await core.train(TINY, { onEpoch: (i, p) => calls.push([i, p.epochs]) });
  assert.equal(r.kind, 'train');
  assert.equal(r.runs.length, r.config.runs.length);
  for (const run of r.runs) {
    assert.deepEqual(Object.keys(run), ['index', 'label', 'status', 'diverged_epoch', 'epochs', 'lr', 'train_loss',
      'val_loss', 'val_acc', 'best_val_loss', 'best_epoch', 'epochs_to_target', 'stopped_epoch', 'restored_epoch',
      'final_val_loss', 'final_val_acc', 'events']);
    assert.equal(run.lr.length, run.epochs);
    assert.ok(run.status === 'ok' || run.status === 'diverged');
  }
  const expected = r.runs.flatMap((run) => Array.from({ length: run.epochs }, (_, e) => [run.index, e + 1]));
  assert.deepEqual(calls, expected);
  const one = await core.train(TINY, { runs: [2] });
  assert.equal(one.runs.length, 1);
  same(one.runs[0], r.runs[2], 'a run alone differs from the same run among others');
  await assert.rejects(core.train(TINY, { runs: [99] }), (e) => e instanceof LrplayError && /^runs: 99 is not a run/.test(e.message));
  await assert.rejects(core.train({ epochs: 0 }), (e) => e instanceof LrplayError && /^epochs: /.test(e.message));
});

const isAbort = (e) => e && e.name === 'AbortError';

test('cancellation: an AbortSignal stops find and train with an AbortError and frees everything', async () => {
  const core = await loadCore();
  const big = { ...TINY, epochs: 200, find: { num_iter: 2000 } };
  // already aborted: nothing runs
  await assert.rejects(core.find(big, { signal: AbortSignal.abort() }), isAbort);
  // aborted from a progress callback
  let ac = new AbortController();
  let progress = 0;
  await assert.rejects(core.find(big, { progressEvery: 10, signal: ac.signal, onProgress: () => { if (++progress === 3) ac.abort(); } }), isAbort);
  assert.equal(progress, 3, 'no progress after the abort');
  // aborted from outside, by a timer, while training
  ac = new AbortController();
  let epochs = 0;
  const t0 = Date.now();
  setTimeout(() => ac.abort(), 30);
  await assert.rejects(core.train(big, { signal: ac.signal, onEpoch: () => epochs++ }), isAbort);
  assert.ok(epochs > 0 && epochs < 5 * 200, `${epochs} epochs ran`);
  assert.ok(Date.now() - t0 < 5000, 'the abort was noticed promptly');
  // the core is fine afterwards, and cancelling many times leaks nothing
  const warm = await core.find(TINY);
  const probe = heapTop(core);
  const bytes = core.memoryBytes();
  for (let i = 0; i < 200; i++) {
    const c = new AbortController();
    let k = 0;
    const job = i % 2 ? core.train(TINY, { signal: c.signal, onEpoch: () => { if (++k === 2) c.abort(); } })
      : core.find(TINY, { progressEvery: 2, signal: c.signal, onProgress: () => { if (++k === 2) c.abort(); } });
    await assert.rejects(job, isAbort);
  }
  assert.equal(core.memoryBytes(), bytes, 'memory grew across cancelled jobs');
  assert.equal(heapTop(core), probe, 'the heap top moved: something was not freed');
  same(warm, await core.find(TINY), 'results changed after cancelled jobs');
});

/** Where a fresh 1 MiB block lands: it moves up if anything below it was leaked. */
function heapTop(core) {
  const x = core.raw.x;
  const p = x.malloc(1 << 20) >>> 0;
  x.free(p);
  return p;
}

test('memory: 2 000 small sweeps, then the heap stops growing', async () => {
  const core = await loadCore();
  const cfg = { data: { name: 'moons', samples: 40 }, model: { hidden: [4] }, epochs: 1, batch_size: 8,
    find: { num_iter: 5 }, runs: [{ label: 'c' }] };
  const spec = JSON.parse(readFileSync(path.join(root, 'tests', 'golden', 'train-ce-tanh-const.json'), 'utf8')).spec;
  const round = async (i) => {
    await core.find(cfg);
    if (i % 10 === 0) {
      await core.train(cfg);
      core.runSpec(spec);
      core.readConfig(core.defaultConfig());
      core.schema();
      try { core.readConfig({ data: { noise: -1 } }); } catch { /* an error path frees too */ }
    }
  };
  for (let i = 0; i < 50; i++) await round(i);
  const bytes = core.memoryBytes();
  const top = heapTop(core);
  for (let i = 0; i < 2000; i++) await round(i);
  assert.equal(core.memoryBytes(), bytes, 'memory.buffer kept growing');
  assert.equal(heapTop(core), top, 'the heap top moved: something was not freed');
});

test('dataset: the standardized points of a config', async () => {
  const core = await loadCore();
  const d = core.dataset({ data: { name: 'spiral', samples: 100, classes: 3, val_frac: 0.2 } });
  assert.equal(d.n_in, 2);
  assert.equal(d.n_out, 3);
  assert.equal(d.loss, 'cross_entropy');
  assert.equal(d.x_train.length / 2 + d.x_val.length / 2, 100);
  assert.equal(d.y_train.length, d.x_train.length / 2);
  assert.ok(d.y_train.every((y) => y >= 0 && y < 3 && Number.isInteger(y)));
});

test('editConfig: text edits field by field, refused or invalid edits undone, nothing leaked', async () => {
  const core = await loadCore();
  const d0 = core.defaultConfig();
  const probe = heapTop(core);
  const r = core.editConfig((d) => {
    const out = {};
    out.start = d.config();
    out.ok = d.setText('epochs', '7');
    out.strictRefused = d.setText('epochs', '1e9');                 // strict: out of range
    out.clamped = d.setText('epochs', '1e9', { mode: 'clamp' });     // clamp: corrected
    out.unknown = d.setText('nope', '1', { mode: 'clamp' });
    out.notNumber = d.setText('data.noise', 'abc', { mode: 'clamp' });
    out.afterRefusals = d.config();
    out.invalid = d.setText('find.start_lr', '20', { mode: 'clamp', keepValid: true });
    out.afterInvalid = d.config();
    d.clearRuns();
    out.noRuns = d.config().runs.length;
    out.label = d.setText('runs.1.label', 'second');
    out.runs = d.config().runs.map((x) => x.label);
    out.valid = d.validate();
    d.setText('find.start_lr', '20');                                  // without keepValid: kept, invalid
    out.nowInvalid = d.validate();
    d.reset();
    out.reset = d.config();
    assert.throws(() => d.read({ epochs: 0 }), (e) => e instanceof LrplayError && e.status === 'LRP_EINVAL' && /^epochs: /.test(e.message));
    out.readNotes = d.read({ epochs: 1e9 }, 'clamp');
    out.read = d.config().epochs;
    return out;
  });
  assert.deepEqual(r.start, d0);
  assert.deepEqual(r.ok, { status: 'LRP_OK', statusText: 'ok', message: '', invalid: null });
  assert.equal(r.strictRefused.status, 'LRP_ELIMIT');
  assert.equal(r.strictRefused.statusText, 'over a size limit');
  assert.match(r.strictRefused.message, /^epochs: /);
  assert.equal(r.clamped.status, 'LRP_OK');
  assert.match(r.clamped.message, /epochs: 1000000000 is out of range, set to 1000/);
  assert.equal(r.unknown.status, 'LRP_EINVAL');
  assert.equal(r.unknown.message, 'nope: unknown field');
  assert.match(r.notNumber.message, /data\.noise: "abc" is not a number/);
  assert.equal(r.afterRefusals.epochs, 1000);
  assert.equal(r.afterRefusals.data.noise, d0.data.noise, 'a refused edit changed the config');
  assert.equal(r.invalid.status, 'LRP_OK');
  assert.match(r.invalid.invalid, /find\.end_lr: must be greater than find\.start_lr/);
  assert.deepEqual(r.afterInvalid, r.afterRefusals, 'an edit that made the config invalid was not undone');
  assert.equal(r.noRuns, 0);
  assert.deepEqual(r.runs, ['run 1', 'second']);
  assert.equal(r.valid, null);
  assert.match(r.nowInvalid, /find\.end_lr/);
  assert.deepEqual(r.reset, d0);
  assert.match(r.readNotes.join('\n'), /epochs/);
  assert.equal(r.read, 1000);
  assert.throws(() => core.editConfig((d) => d.setText('epochs', '1', { mode: 'loose' })), TypeError);
  assert.equal(heapTop(core), probe, 'editConfig leaked');
});
