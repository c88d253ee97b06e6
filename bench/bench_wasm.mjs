#!/usr/bin/env node
// bench_wasm.mjs — the WebAssembly core in Node, side by side in one run:
//   WASM SIMD128 vs WASM scalar vs native (build/lrplay_bench --json) vs TensorFlow.js 4.22
//   (tfjs-backend-wasm and tfjs-backend-cpu), on
//   - one Adam step over N parameters (ns per parameter), and
//   - one training step (forward, backward, Adam) of a 2-32-32-2 tanh and a 64-128-128-10 relu
//     MLP on a batch of 64 (µs per step).
// Everything is timed through the exported C functions on buffers in WebAssembly memory (the
// same calls the JS API makes), with interleaved repeats and medians.
//
//   node bench/bench_wasm.mjs [--json] [--quick] [--native PATH] [--no-native] [--no-tf]
//   --json   one JSON object per line {"bench","case","value","unit"} and nothing else on stdout
//   --quick  fewer, shorter samples (a smoke run, numbers are noisier)
// Targets (reported PASS/MISS; the exit status is 0 whenever the benchmark ran):
//   WASM SIMD >= 3.5x WASM scalar on Adam for N <= 65536; WASM SIMD within 1.15x of native SIMD
//   on Adam and 1.3x on training steps; >= 8x faster than TF.js-wasm on Adam at every N and on
//   the 64-128-128-10 step, >= 10x on the 2-32-32-2 step.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadCore } from '../web/js/core.js';
import { JSON_OUT, QUICK, emitJson as emit, flag, log, nativeBinary, pad, root } from './common.mjs';

const REPEATS = QUICK ? 5 : 15;
const SAMPLE_MS = QUICK ? 8 : 25;
const WARMUP_MS = QUICK ? 150 : 400;   // long enough for V8 to tier the hot wasm up to TurboFan
const ADAM_SIZES = [4096, 65536, 1 << 20];
const MODELS = [
  { name: '2-32-32-2', sizes: [2, 32, 32, 2], act: 'tanh', target_tf: 10 },
  { name: '64-128-128-10', sizes: [64, 128, 128, 10], act: 'relu', target_tf: 8 },
];
const BATCH = 64;
const T = { simd_vs_scalar: 3.5, vs_native_adam: 1.15, vs_native_train: 1.3, vs_tf_adam: 8 };

const note = (...a) => console.error(...a);
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[n >> 1] : 0.5 * (s[n / 2 - 1] + s[n / 2]); };
const f = (v, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

/**
 * Times several implementations interleaved: each `fn(reps)` runs reps units of work and the
 * result is seconds per unit, the median of REPEATS samples of about SAMPLE_MS each.
 */
async function timeInterleaved(impls) {
  const reps = {};
  for (const [k, fn] of Object.entries(impls)) {
    const w0 = performance.now();                 // warm-up: JIT tier-up, caches
    for (let r = 1; performance.now() - w0 < WARMUP_MS; r = Math.min(2 * r, 1 << 20)) await fn(r);
    let r = 1, t = 0;
    for (;;) {                                    // calibrate: one sample ~ SAMPLE_MS
      const t0 = performance.now(); await fn(r); t = performance.now() - t0;
      if (t >= SAMPLE_MS / 4 || r >= 1 << 24) break;
      r *= 2;
    }
    reps[k] = Math.max(1, Math.round(r * SAMPLE_MS / Math.max(t, 1e-3)));
  }
  const samples = Object.fromEntries(Object.keys(impls).map((k) => [k, []]));
  for (let i = 0; i < REPEATS; i++) {
    for (const [k, fn] of Object.entries(impls)) {
      const t0 = performance.now();
      await fn(reps[k]);
      samples[k].push((performance.now() - t0) / 1000 / reps[k]);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, median(s)]));
}

/* ---------------------------------------------------------------- the WASM side */
// The same data as the native benchmark: an LCG, g in [-1, 1) away from zero, p = r/2.
function fillAdamData(g, p) {
  let x = 12345;
  for (let i = 0; i < g.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const r = Math.fround(Math.fround((x >>> 8) / 8388608) - 1);
    g[i] = r + (r < 0 ? -1e-3 : 1e-3);
    p[i] = 0.5 * r;
  }
}

function wasmAdam(core, n) {
  const { x } = core.raw;
  const rt = core.raw;
  const S = rt.scope();
  const cfg = S.zalloc(rt.L.optim_cfg.size), out = S.zalloc(4), err = S.zalloc(256);
  x.lrp_optim_defaults(cfg, 0);   // LRP_OPT_ADAM, PyTorch defaults
  const p = S.alloc(4 * n), g = S.alloc(4 * n);
  const G = new Float32Array(n), P = new Float32Array(n);
  fillAdamData(G, P);
  rt.f32(g, n).set(G);
  rt.f32(p, n).set(P);
  if (x.lrp_optim_create(out, cfg, n, err, 256) !== 0) throw new Error(rt.cstr(err));
  const o = rt.u32at(out);
  return {
    run(reps) { for (let i = 0; i < reps; i++) x.lrp_optim_step(o, p, g, 1e-3); },
    free() { x.lrp_optim_destroy(o); S.freeAll(); },
  };
}

function lcgFloats(n, seed) {
  const a = new Float32Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; a[i] = (x >>> 8) / 8388608 - 1; }
  return a;
}

/** A batch of inputs and class ids, the same for every implementation. */
function batchData(model) {
  const nIn = model.sizes[0], nOut = model.sizes[model.sizes.length - 1];
  const X = lcgFloats(BATCH * nIn, 7);
  const Y = new Float32Array(BATCH);
  for (let i = 0; i < BATCH; i++) Y[i] = i % nOut;
  return { X, Y, nIn, nOut };
}

function wasmTrain(core, model) {
  const rt = core.raw, { x } = rt;
  const S = rt.scope();
  const M = rt.L.mlp_cfg, mc = S.zalloc(M.size);
  model.sizes.forEach((s, i) => rt.setU32(mc + M.off.sizes + 4 * i, s));
  rt.setU32(mc + M.off.n_sizes, model.sizes.length);
  rt.setI32(mc + M.off.act, ['relu', 'tanh', 'sigmoid', 'gelu'].indexOf(model.act));
  rt.setI32(mc + M.off.loss, 0);   // cross-entropy
  const out = S.zalloc(4), err = S.zalloc(256);
  if (x.lrp_mlp_create(out, mc, BATCH, err, 256) !== 0) throw new Error(rt.cstr(err));
  const m = rt.u32at(out);
  x.lrp_mlp_init(m, 1);
  const np = x.lrp_mlp_num_params(m) >>> 0;
  const cfg = S.zalloc(rt.L.optim_cfg.size);
  x.lrp_optim_defaults(cfg, 0);
  if (x.lrp_optim_create(out, cfg, np, err, 256) !== 0) throw new Error(rt.cstr(err));
  const o = rt.u32at(out);
  const { X, Y } = batchData(model);
  const xb = S.floats(X), yb = S.floats(Y);
  const params = x.lrp_mlp_params(m), grads = x.lrp_mlp_grads(m);
  let last = 0;
  return {
    np,
    run(reps) {
      for (let i = 0; i < reps; i++) {
        last = x.lrp_mlp_loss(m, xb, yb, BATCH, 1, 0);
        x.lrp_optim_step(o, params, grads, 1e-3);
      }
      return last;
    },
    free() { x.lrp_optim_destroy(o); x.lrp_mlp_destroy(m); S.freeAll(); },
  };
}

/* ----------------------------------------------------------------- native */
function nativeNumbers() {
  const bin = nativeBinary('bench_wasm', 'lrplay_bench', ' (npm run bench builds it)');
  if (!bin) return null;
  note(`bench_wasm: running ${path.relative(root, bin)} --json for the native numbers`);
  const r = spawnSync(bin, ['--json'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) { note(`bench_wasm: ${bin} failed: ${r.stderr}`); return null; }
  return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

const TO_US = { ns: 1e-3, us: 1, 'µs': 1, ms: 1e3, s: 1e6 };
/** Native µs per training step of a model, from whatever the train section calls its cases. */
function nativeTrainUs(lines, model) {
  if (!lines) return NaN;
  for (const l of lines) {
    if (l.bench !== 'train' || !String(l.case).includes(model.name) || /scalar|speedup|target|ratio/.test(l.case)) continue;
    const unit = String(l.unit).split('/')[0];
    if (unit in TO_US) return l.value * TO_US[unit];
  }
  return NaN;
}

/* ------------------------------------------------------------------ TF.js */
let tf = null;
// TF.js with its gradients: the packages' CommonJS entry points leave the gradient functions
// out (they live in tfjs-core's ES modules, which Node cannot load from a CommonJS package),
// so bundle core + gradients + both backends once with esbuild, as an application would.
async function loadTf() {
  if (flag('--no-tf')) return null;
  const out = path.join(os.tmpdir(), `lrplay-bench-tfjs-${process.pid}.cjs`);
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      stdin: {
        contents: `export * as tf from '@tensorflow/tfjs-core';
          import '@tensorflow/tfjs-core/dist/register_all_gradients';
          import '@tensorflow/tfjs-backend-cpu';
          export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';`,
        resolveDir: root,
      },
      bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: out, logLevel: 'error',
    });
    const mod = createRequire(import.meta.url)(out);
    tf = mod.tf;
    mod.setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
    tf.enableProdMode();   // no debug checks (and no "install tfjs-node" banner)
    return tf;
  } catch (e) {
    note(`bench_wasm: TensorFlow.js not available (${e.message}); its columns left out (npm ci installs it)`);
    tf = null;
    return null;
  } finally {
    rmSync(out, { force: true });
  }
}

async function tfBackend(name) {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} did not start`);
  await tf.ready();
}

/** TF.js: the same Adam step (lr 1e-3, betas 0.9/0.999, eps 1e-8) on N parameters. */
function tfAdam(n) {
  const G = new Float32Array(n), P = new Float32Array(n);
  fillAdamData(G, P);
  const v = tf.variable(tf.tensor1d(P));
  const g = tf.tensor1d(G);
  const optim = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const grads = { [v.name]: g };
  return {
    run(reps) { for (let i = 0; i < reps; i++) optim.applyGradients(grads); v.dataSync(); },
    free() { optim.dispose(); v.dispose(); g.dispose(); },
  };
}

/** TF.js: the same training step — forward, softmax cross-entropy (mean), backward, Adam. */
function tfTrain(model) {
  const { X, Y, nIn, nOut } = batchData(model);
  const xs = tf.tensor2d(X, [BATCH, nIn]);
  const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Y, 'int32'), nOut), 'float32'));
  const vars = [];
  for (let l = 0; l + 1 < model.sizes.length; l++) {
    const i = model.sizes[l], o = model.sizes[l + 1], b = 1 / Math.sqrt(i);
    vars.push(tf.variable(tf.randomUniform([i, o], -b, b, 'float32', 1 + l)), tf.variable(tf.randomUniform([o], -b, b, 'float32', 11 + l)));
  }
  const act = model.act === 'relu' ? tf.relu : tf.tanh;
  const optim = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  const loss = () => {
    let h = xs;
    for (let l = 0; l < vars.length; l += 2) {
      h = tf.add(tf.matMul(h, vars[l]), vars[l + 1]);
      if (l + 2 < vars.length) h = act(h);
    }
    return tf.losses.softmaxCrossEntropy(ys, h);
  };
  return {
    run(reps) {
      let c = null;
      for (let i = 0; i < reps; i++) { if (c) c.dispose(); c = optim.minimize(loss, true, vars); }
      const v = c.dataSync()[0];
      c.dispose();
      return v;
    },
    free() { optim.dispose(); vars.forEach((v) => v.dispose()); xs.dispose(); ys.dispose(); },
  };
}

async function timeTf(make) {
  const out = {};
  for (const backend of ['wasm', 'cpu']) {
    await tfBackend(backend);
    const job = make();
    try { out[backend] = (await timeInterleaved({ tf: (r) => job.run(r) })).tf; } finally { job.free(); }
  }
  return out;
}

/* ------------------------------------------------------------------- main */
const t0 = performance.now();
const simd = await loadCore({ flavor: 'simd' });
const scalar = await loadCore({ flavor: 'scalar' });
const native = nativeNumbers();
await loadTf();

log(`Adam step: ns per parameter, median of ${REPEATS} interleaved repeats (WASM in Node ${process.versions.node}; ` +
    `native ${native ? 'build/lrplay_bench' : 'n/a'}; TF.js ${tf ? tf.version_core : 'n/a'})`);
log(`${pad('N', 9)} ${pad('wasm-scl', 9)} ${pad('wasm-simd', 9)} ${pad('native', 9)} ${pad('tf-wasm', 9)} ${pad('tf-cpu', 9)}` +
    ` ${pad('simd/scl', 14)} ${pad('simd/native', 17)} ${pad('tf-wasm/simd', 16)}`);
for (const n of ADAM_SIZES) {
  const a = wasmAdam(simd, n), b = wasmAdam(scalar, n);
  let t;
  try { t = await timeInterleaved({ simd: (r) => a.run(r), scalar: (r) => b.run(r) }); } finally { a.free(); b.free(); }
  const ns = (s) => s * 1e9 / n;
  const simdNs = ns(t.simd), scalarNs = ns(t.scalar);
  const nat = native?.find((l) => l.bench === 'adam' && l.case === `simd/${n}`)?.value ?? NaN;
  const tfs = tf ? await timeTf(() => tfAdam(n)) : {};
  const tfw = ns(tfs.wasm ?? NaN), tfc = ns(tfs.cpu ?? NaN);
  const speed = scalarNs / simdNs, vsNat = simdNs / nat, vsTf = tfw / simdNs;
  const okSpeed = n > 65536 || speed >= T.simd_vs_scalar;
  emit('wasm_adam', `wasm_scalar/${n}`, scalarNs, 'ns/param');
  emit('wasm_adam', `wasm_simd/${n}`, simdNs, 'ns/param');
  emit('wasm_adam', `native_simd/${n}`, nat, 'ns/param');
  emit('wasm_adam', `tfjs_wasm/${n}`, tfw, 'ns/param');
  emit('wasm_adam', `tfjs_cpu/${n}`, tfc, 'ns/param');
  emit('wasm_adam', `simd_vs_scalar/${n}`, speed, 'x');
  emit('wasm_adam', `simd_vs_native/${n}`, vsNat, 'x');
  emit('wasm_adam', `tfjs_wasm_vs_simd/${n}`, vsTf, 'x');
  if (n <= 65536) emit('wasm_adam', `simd_vs_scalar_target_met/${n}`, +(speed >= T.simd_vs_scalar), 'bool');
  if (Number.isFinite(vsNat)) emit('wasm_adam', `simd_vs_native_target_met/${n}`, +(vsNat <= T.vs_native_adam), 'bool');
  if (Number.isFinite(vsTf)) emit('wasm_adam', `tfjs_wasm_target_met/${n}`, +(vsTf >= T.vs_tf_adam), 'bool');
  log(`${pad(n, 9)} ${pad(f(scalarNs), 9)} ${pad(f(simdNs), 9)} ${pad(f(nat), 9)} ${pad(f(tfw), 9)} ${pad(f(tfc), 9)}` +
      ` ${pad(`${f(speed, 2)}x ${n <= 65536 ? verdict(okSpeed) : '    '}`, 14)}` +
      ` ${pad(Number.isFinite(vsNat) ? `${f(vsNat, 2)}x ${verdict(vsNat <= T.vs_native_adam)}` : 'n/a', 17)}` +
      ` ${pad(Number.isFinite(vsTf) ? `${f(vsTf, 1)}x ${verdict(vsTf >= T.vs_tf_adam)}` : 'n/a', 16)}`);
}
log(`targets: simd/scl >= ${T.simd_vs_scalar}x for N <= 65536; simd/native <= ${T.vs_native_adam}x; tf-wasm/simd >= ${T.vs_tf_adam}x`);

log(`\nTraining step (forward + backward + Adam, batch ${BATCH}): µs per step, median of ${REPEATS} interleaved repeats`);
log(`${pad('model', 14)} ${pad('params', 7)} ${pad('wasm-scl', 9)} ${pad('wasm-simd', 9)} ${pad('native', 9)} ${pad('tf-wasm', 9)} ${pad('tf-cpu', 9)}` +
    ` ${pad('simd/scl', 9)} ${pad('simd/native', 17)} ${pad('tf-wasm/simd', 16)}`);
for (const model of MODELS) {
  const a = wasmTrain(simd, model), b = wasmTrain(scalar, model);
  const np = a.np;
  let t;
  try { t = await timeInterleaved({ simd: (r) => a.run(r), scalar: (r) => b.run(r) }); } finally { a.free(); b.free(); }
  const us = (s) => s * 1e6;
  const simdUs = us(t.simd), scalarUs = us(t.scalar);
  const nat = nativeTrainUs(native, model);
  const tfs = tf ? await timeTf(() => tfTrain(model)) : {};
  const tfw = us(tfs.wasm ?? NaN), tfc = us(tfs.cpu ?? NaN);
  const speed = scalarUs / simdUs, vsNat = simdUs / nat, vsTf = tfw / simdUs;
  const c = `${model.name}-${model.act}/b${BATCH}`;
  emit('wasm_train', `wasm_scalar/${c}`, scalarUs, 'us/step');
  emit('wasm_train', `wasm_simd/${c}`, simdUs, 'us/step');
  emit('wasm_train', `native_simd/${c}`, nat, 'us/step');
  emit('wasm_train', `tfjs_wasm/${c}`, tfw, 'us/step');
  emit('wasm_train', `tfjs_cpu/${c}`, tfc, 'us/step');
  emit('wasm_train', `simd_vs_scalar/${c}`, speed, 'x');
  emit('wasm_train', `simd_vs_native/${c}`, vsNat, 'x');
  emit('wasm_train', `tfjs_wasm_vs_simd/${c}`, vsTf, 'x');
  if (Number.isFinite(vsNat)) emit('wasm_train', `simd_vs_native_target_met/${c}`, +(vsNat <= T.vs_native_train), 'bool');
  if (Number.isFinite(vsTf)) emit('wasm_train', `tfjs_wasm_target_met/${c}`, +(vsTf >= model.target_tf), 'bool');
  log(`${pad(`${model.name} ${model.act}`, 14)} ${pad(np, 7)} ${pad(f(scalarUs, 1), 9)} ${pad(f(simdUs, 1), 9)} ${pad(f(nat, 1), 9)}` +
      ` ${pad(f(tfw, 1), 9)} ${pad(f(tfc, 1), 9)} ${pad(`${f(speed, 2)}x`, 9)}` +
      ` ${pad(Number.isFinite(vsNat) ? `${f(vsNat, 2)}x ${verdict(vsNat <= T.vs_native_train)}` : 'n/a', 17)}` +
      ` ${pad(Number.isFinite(vsTf) ? `${f(vsTf, 1)}x ${verdict(vsTf >= model.target_tf)}` : 'n/a', 16)}`);
}
log(`targets: simd/native <= ${T.vs_native_train}x; tf-wasm/simd >= ${MODELS.map((m) => `${m.target_tf}x (${m.name})`).join(', ')}`);
log(`\nbench_wasm took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
