// replay.test.mjs — `lrplay data`, `lrplay init` and `lrplay export`: the native and the Node
// CLI write the same bytes; the numbers are float32-exact; and the exported PyTorch replay,
// run under the real torch at /usr/bin/python3, reproduces `lrplay train` for every run of the
// default experiment and of tests/configs/*.json.
//
// How far the replay tracks lrplay: the rates to 1e-12 relative over every epoch (both use the
// same formulas in double; PyTorch's chainable forms differ from lrplay's closed forms by
// ~1e-16), the train and validation losses to 1e-5 relative over the first 10 epochs (seen:
// ~1e-7 per epoch on the small configs, up to ~3e-6 by epoch 10 in the default plateau and
// cosine runs). Both train in float32, but PyTorch's matrix products, softmax and
// optimizer kernels round in another order than lrplay's, so every update differs in the last
// bits and the difference grows with training; past the first epochs a loss may drift beyond
// 1e-5 (the default plateau run: ~3e-5 by epoch 40) without anything being wrong, so later
// epochs are held to 1e-3 and the same number of epochs (early stopping, divergence).
// The Keras export is only parsed (no TensorFlow here).
//
// Skipped, with a message, only when /usr/bin/python3 has no torch (scripts/setup.sh installs
// Debian's python3-torch, so npm test runs it). Runs two Python processes at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nativeBin, root, run } from './native.mjs';
import { fmtExact } from '../../web/js/core/replay.js';

const PY = '/usr/bin/python3';
const nodeCli = path.join(root, 'bin', 'lrplay.mjs');
const configDir = path.join(root, 'tests', 'configs');
const configs = readdirSync(configDir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(configDir, f));
const EARLY = 10;   // epochs held to 1e-5 on the losses

function both(args) {
  const n = run(nativeBin, args);
  const j = spawnSync(process.execPath, [nodeCli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { n, j };
}

test('the replay templates compiled into C and JS are up to date', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'gen_replay.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('fmtExact is C\'s %.Ng: ties to even, exponent form, and %.9g reads back to the same float32', () => {
  assert.equal(fmtExact(1234566.5, 7), '1234566');     // a tie: glibc rounds to even, toPrecision up
  assert.equal(fmtExact(1234567.5, 7), '1234568');
  assert.equal(fmtExact(38580.15625, 9), '38580.1562'); // a float32 with a tie at 9 digits
  assert.equal(fmtExact(-2.5, 1), '-2');
  assert.equal(fmtExact(0.1, 17), '0.10000000000000001');
  assert.equal(fmtExact(1e-5, 9), '1e-05');
  assert.equal(fmtExact(1e-5, 17), '1.0000000000000001e-05');
  assert.equal(fmtExact(123456789012, 9), '1.23456789e+11');
  assert.equal(fmtExact(100, 9), '100');
  assert.equal(fmtExact(-0, 9), '-0');
  assert.equal(fmtExact(0.0001, 9), '0.0001');
  assert.equal(fmtExact(5e-324, 17), '4.9406564584124654e-324');
  // random float32 values (and float32 ties m/2^k): read back exactly, and agree with C's
  // printf as Python's '%.9g' does it (correctly rounded, ties to even, as glibc)
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
  const vals = [];
  for (let i = 0; i < 4000; i++) {
    u32[0] = (rnd() * 2 ** 32) >>> 0;
    if (Number.isFinite(f32[0])) vals.push(f32[0]);
    vals.push(Math.fround(Math.floor(rnd() * 2 ** 24) / 2 ** Math.floor(rnd() * 12)));
  }
  const mine = vals.map((v) => fmtExact(v, 9));
  vals.forEach((v, i) => assert.ok(Object.is(Math.fround(Number(mine[i])), v), `${v} -> ${mine[i]}`));
  const py = spawnSync(PY, ['-c', "import sys\nfor l in sys.stdin: print('%.9g' % float.fromhex(l.strip()))"],
    { input: vals.map(hex).join('\n') + '\n', encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const ref = py.stdout.trim().split('\n');
  vals.forEach((v, i) => assert.equal(mine[i], ref[i], `${v}`));
});

/** A double as C99 hex float text (exact), for Python's float.fromhex. */
function hex(v) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v);
  const neg = dv.getUint32(0) >>> 31, e = (dv.getUint32(0) >>> 20) & 0x7ff;
  const m = ((BigInt(dv.getUint32(0) & 0xfffff) << 32n) | BigInt(dv.getUint32(4))).toString(16).padStart(13, '0');
  if (e === 0 && m === '0000000000000') return neg ? '-0x0p+0' : '0x0p+0';
  return `${neg ? '-' : ''}0x${e === 0 ? '0' : '1'}.${m}p${e === 0 ? -1022 : e - 1023}`;
}

for (const cfg of configs) {
  const name = path.basename(cfg);
  test(`${name}: data, data --csv, init and export give the same bytes natively and in Node`, () => {
    const runs = JSON.parse(run(nativeBin, ['config', cfg]).stdout).runs.length;
    for (const args of [['data', cfg], ['data', cfg, '--csv'], ['init', cfg], ['export', cfg, '--run', String(runs - 1)],
      ['export', cfg, '--format', 'keras']]) {
      const { n, j } = both(args);
      assert.equal(n.status, 0, n.stderr);
      assert.equal(j.status, 0, j.stderr);
      assert.ok(n.stdout === j.stdout, `${args.join(' ')}: native and Node differ`);
    }
  });
}

test('data and init hold the split sizes and layer shapes, float32-exact', () => {
  const cfg = path.join(configDir, 'spiral-small.json');
  const d = JSON.parse(run(nativeBin, ['data', cfg]).stdout);
  assert.equal(d.kind, 'data');
  assert.equal(d.train.x.length, d.n_train);
  assert.equal(d.val.y.length, d.n_val);
  assert.equal(d.n_train + d.n_val, 300);
  for (const v of d.train.x.flat()) assert.equal(Number(fmtExact(Math.fround(v), 9)), v, 'a float32 printed with %.9g');
  const csv = run(nativeBin, ['data', cfg, '--csv']).stdout.trim().split('\n');
  assert.equal(csv[0], 'split,x0,x1,y');
  assert.equal(csv.length, 1 + d.n_train + d.n_val);
  assert.equal(csv[d.n_train + 1].split(',')[0], 'val');
  const w = JSON.parse(run(nativeBin, ['init', cfg]).stdout);
  assert.deepEqual(w.sizes, [2, 16, 16, 3]);
  assert.equal(w.layers.length, 3);
  assert.equal(w.layers[1].W.length, 16);
  assert.equal(w.layers[1].W[0].length, 16);
  assert.equal(w.layers[2].b.length, 3);
  const sine = JSON.parse(run(nativeBin, ['data', path.join(configDir, 'sine-sgd.json')]).stdout);
  assert.equal(sine.task, 'regression');
  assert.ok(Array.isArray(sine.train.y[0]), 'regression targets are rows');
});

test('export and data refuse bad arguments with one line and exit 2, natively and in Node', () => {
  const cfg = path.join(configDir, 'digits-small.json');
  for (const args of [['export', cfg, '--run', '2'], ['export', cfg, '--format', 'jax'], ['init', cfg, '--csv'],
    ['data', cfg, '--run', '0'], ['train', cfg, '--format', 'keras']]) {
    const { n, j } = both(args);
    for (const [who, r] of [['native', n], ['node', j]]) {
      assert.equal(r.status, 2, `${who} ${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '', `${who} ${args.join(' ')}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${who} ${args.join(' ')}: ${r.stderr}`);
    }
  }
});

test('the Keras export parses as Python (tf.keras is not installed here: parsed only)', () => {
  const py = spawnSync(PY, ['-c', 'import sys, ast; ast.parse(sys.stdin.read())'], {
    input: run(nativeBin, ['export', path.join(configDir, 'moons-warmup-stop.json'), '--format', 'keras']).stdout,
    encoding: 'utf8',
  });
  assert.equal(py.status, 0, py.stderr);
});

/* ------------------------------------------------------------ under torch */
const hasTorch = spawnSync(PY, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

/** Every run of a replay script (--run all: one torch import per config), one result per line. */
function python(script) {
  return new Promise((resolve, reject) => {
    const p = spawn(PY, [script, '--run', 'all'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (c) => { out += c; });
    p.stderr.on('data', (c) => { err += c; });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n').map((l) => JSON.parse(l)))
      : reject(new Error(`${script} --run all: exit ${code}: ${err}`))));
  });
}

async function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) { const i = next++; results[i] = await jobs[i](); }
  }));
  return results;
}

const rel = (a, b) => (a === b ? 0 : a === null || b === null ? Infinity : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

test('the PyTorch replay reproduces lrplay train for every run of the default experiment and tests/configs',
  { skip: hasTorch ? false : `${PY} has no torch (scripts/setup.sh installs python3-torch)`, timeout: 600000 }, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lrplay-replay-'));
    try {
      const defaults = path.join(dir, 'default.json');
      writeFileSync(defaults, run(nativeBin, ['config']).stdout);
      const cases = [], scripts = [];
      for (const cfg of [defaults, ...configs]) {
        const ref = JSON.parse(run(nativeBin, ['train', cfg]).stdout);
        const script = path.join(dir, `${path.basename(cfg, '.json')}.py`);
        writeFileSync(script, run(nativeBin, ['export', cfg]).stdout);
        scripts.push(script);
        for (const r of ref.runs) cases.push({ name: `${path.basename(cfg)} run ${r.index} (${r.label})`, at: [scripts.length - 1, r.index], ref: r });
      }
      const outs = await pool(scripts.map((s) => () => python(s)), 2);
      const lines = [];
      cases.forEach((c) => {
        const o = outs[c.at[0]][c.at[1]], r = c.ref;
        assert.equal(o.lr.length, r.epochs, `${c.name}: ${o.lr.length} epochs, lrplay ran ${r.epochs}`);
        const worst = [];
        for (let e = 0; e < r.epochs; e++) {
          const dl = rel(o.lr[e], r.lr[e]);
          assert.ok(dl <= 1e-12, `${c.name}: epoch ${e + 1} lr ${o.lr[e]} vs ${r.lr[e]}`);
          const tol = e < EARLY ? 1e-5 : 1e-3;
          for (const k of ['train_loss', 'val_loss']) {
            assert.ok(rel(o[k][e], r[k][e]) <= tol, `${c.name}: epoch ${e + 1} ${k} ${o[k][e]} vs ${r[k][e]} (${rel(o[k][e], r[k][e])})`);
          }
          if (e < EARLY) worst.push([dl, Math.max(rel(o.train_loss[e], r.train_loss[e]), rel(o.val_loss[e], r.val_loss[e]))]);
        }
        lines.push(`${c.name}: per epoch 1..${worst.length} max rel lr ${worst.map((w) => w[0].toExponential(1)).join(' ')}` +
          ` | losses ${worst.map((w) => w[1].toExponential(1)).join(' ')}`);
      });
      for (const l of lines) t.diagnostic(l);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
