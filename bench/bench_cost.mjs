#!/usr/bin/env node
// bench_cost.mjs — the cost model that caps an experiment's time (c_src/cost.c) against the clock.
//
// For each family of costly configs (a wide deep network, batch-1 steps of a tiny one, many
// runs, costly activations, validation-heavy splits, the range test) it times a scaled-down
// config — same shapes, fewer epochs or iterations, so each takes about a second — in
// WebAssembly SIMD (this Node) and natively (build/lrplay), and prints the time against the
// model's estimate (core.cost). The model is linear in epochs, iterations and runs, so the
// ratio carries over to the full config; the largest ratio says how far past LRP_MAX_SECONDS
// an admitted config can run. Then it times the slowest admitted config in full: the family
// with the largest ratio at the cap's boundary (the most epochs, or iterations, it admits).
//
// Load: times are CPU seconds of the process (user + system: process.cpuUsage for WASM, the
// shell's `time` for the native CLI), the minimum of --reps interleaved repeats, so time spent
// waiting for a core on a loaded machine does not count; wall seconds are printed beside them,
// with the load average.
//
//   node bench/bench_cost.mjs [--json] [--quick] [--no-full] [--reps N] [--native PATH] [--no-native]
//   --quick     2 repeats and no full-size run;  --no-full  no full-size run
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { loadCore } from '../web/js/core.js';
import { LIMITS } from '../web/js/core/schema.gen.js';
import { JSON_OUT, QUICK, emitJson, flag, log, nativeBinary, opt, pad } from './common.mjs';

const REPS = Math.max(1, Number(opt('--reps', QUICK ? 2 : 3)));
const FULL = !QUICK && !flag('--no-full');
const emit = (name, value, unit) => emitJson('cost', name, value, unit);

const H6 = [512, 512, 512, 512, 512, 512];
const run = (name = 'adam') => ({ label: 'r', optimizer: { name, lr: 0.001 }, schedule: { name: 'constant' } });
const runs = (n) => Array.from({ length: n }, () => run());
// Each family: the config timed (scaled down), and the field the boundary search raises.
const FAMILIES = [
  { name: 'digits 512x6 b32', what: 'train', grow: 'epochs', at: 1,
    config: { data: { name: 'digits' }, model: { hidden: H6, activation: 'relu' }, batch_size: 32, epochs: 1, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'digits 512x3 b1', what: 'train', grow: 'epochs', at: 1,
    config: { data: { name: 'digits' }, model: { hidden: [512, 512, 512], activation: 'relu' }, batch_size: 1, epochs: 1, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'digits 512x6 b4096 val 0.5', what: 'train', grow: 'epochs', at: 2,
    config: { data: { name: 'digits', val_frac: 0.5 }, model: { hidden: H6, activation: 'relu' }, batch_size: 4096, epochs: 2, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'sine [1] b1 8 runs', what: 'train', grow: 'epochs', at: 3,
    config: { data: { name: 'sine', samples: 20000 }, model: { hidden: [1] }, batch_size: 1, epochs: 3, find: { num_iter: 10 }, runs: runs(8) } },
  { name: 'sine [1]x6 b1', what: 'train', grow: 'epochs', at: 10,
    config: { data: { name: 'sine', samples: 20000 }, model: { hidden: [1, 1, 1, 1, 1, 1] }, batch_size: 1, epochs: 10, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'sine [1] b4096', what: 'train', grow: 'epochs', at: 300,
    config: { data: { name: 'sine', samples: 20000 }, model: { hidden: [1] }, batch_size: 4096, epochs: 300, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'spiral [16,16] b1', what: 'train', grow: 'epochs', at: 5,
    config: { data: { name: 'spiral', samples: 20000 }, model: { hidden: [16, 16] }, batch_size: 1, epochs: 5, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'sine [512] gelu b256', what: 'train', grow: 'epochs', at: 4,
    config: { data: { name: 'sine', samples: 20000 }, model: { hidden: [512], activation: 'gelu' }, batch_size: 256, epochs: 4, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'sine [512] relu b256', what: 'train', grow: 'epochs', at: 10,
    config: { data: { name: 'sine', samples: 20000 }, model: { hidden: [512], activation: 'relu' }, batch_size: 256, epochs: 10, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'spiral 64x6 gelu b64', what: 'train', grow: 'epochs', at: 2,
    config: { data: { name: 'spiral', samples: 20000 }, model: { hidden: [64, 64, 64, 64, 64, 64], activation: 'gelu' }, batch_size: 64, epochs: 2, find: { num_iter: 10 }, runs: runs(1) } },
  { name: 'spiral [64,64] b8 8 runs', what: 'train', grow: 'epochs', at: 2,
    config: { data: { name: 'spiral', samples: 20000 }, model: { hidden: [64, 64] }, batch_size: 8, epochs: 2, find: { num_iter: 10 }, runs: runs(8) } },
  { name: 'default experiment', what: 'train', grow: 'epochs', at: 40, config: {} },
  { name: 'find digits 512x6 b32', what: 'find', grow: 'find.num_iter', at: 60,
    config: { data: { name: 'digits' }, model: { hidden: H6, activation: 'relu' }, batch_size: 32, epochs: 1, find: { num_iter: 60, diverge: 1e6 }, runs: runs(1) } },
  { name: 'find digits 512x2 val', what: 'find', grow: 'find.num_iter', at: 40,
    config: { data: { name: 'digits' }, model: { hidden: [512, 512], activation: 'relu' }, batch_size: 32, epochs: 1, find: { num_iter: 40, use_val: true, diverge: 1e6 }, runs: runs(1) } },
];

function setPath(obj, dotted, v) {
  const keys = dotted.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = v;
  return obj;
}
const withValue = (cfg, field, v) => setPath(structuredClone(cfg), field, v);

/** The largest value of `field` the core admits (validation), by bisection. */
function boundary(core, fam) {
  const max = fam.grow === 'epochs' ? LIMITS.MAX_EPOCHS : LIMITS.MAX_ITERS;
  const ok = (v) => { try { core.readConfig(withValue(fam.config, fam.grow, v)); return true; } catch { return false; } };
  if (ok(max)) return max;
  let lo = 1, hi = max;
  while (hi - lo > 1) { const m = (lo + hi) >> 1; if (ok(m)) lo = m; else hi = m; }
  return lo;
}

async function timeWasm(core, cfg, what) {
  const u0 = process.cpuUsage(), w0 = performance.now();
  if (what === 'find') await core.find(cfg, { progressEvery: 1000 });
  else await core.train(cfg);
  const u = process.cpuUsage(u0);
  return { cpu: (u.user + u.system) / 1e6, wall: (performance.now() - w0) / 1000 };
}

function timeNative(bin, cfg, what) {
  if (!bin) return null;
  const w0 = performance.now();
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S"; time "$0" "$1" - >/dev/null', bin, what],
    { input: JSON.stringify(cfg), encoding: 'utf8' });
  const wall = (performance.now() - w0) / 1000;
  const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`native ${what} failed: ${r.stderr}`);
  return { cpu: +m[1] + +m[2], wall };
}

/** min CPU (and min wall) over REPS interleaved repeats of WASM and native. */
async function measure(core, bin, cfg, what, reps = REPS) {
  const best = { wasm: { cpu: Infinity, wall: Infinity }, native: bin ? { cpu: Infinity, wall: Infinity } : null };
  for (let i = 0; i < reps; i++) {
    for (const [k, t] of [['wasm', await timeWasm(core, cfg, what)], ['native', timeNative(bin, cfg, what)]]) {
      if (!t) continue;
      best[k].cpu = Math.min(best[k].cpu, t.cpu);
      best[k].wall = Math.min(best[k].wall, t.wall);
    }
  }
  return best;
}

const f = (v, d = 2) => (v == null || !Number.isFinite(v) ? 'n/a' : v.toFixed(d));
const load = () => os.loadavg().map((v) => v.toFixed(1)).join(' ');

const core = await loadCore({ flavor: 'simd' });
const bin = nativeBinary('bench_cost', 'lrplay');
const t0 = performance.now();
log(`Cost model (c_src/cost.c) against the clock: CPU seconds, min of ${REPS} interleaved repeats ` +
    `(load average ${load()} on ${os.cpus().length} cores; wall seconds in brackets)`);
log(`${'config'.padEnd(28)} ${pad('size', 10)} ${pad('estimate', 8)} ${pad('wasm-simd', 9)} ${pad('ratio', 6)} ${pad('native', 8)} ${pad('ratio', 6)}` +
    `  ${pad('[wasm', 7)} ${pad('native]', 8)}  boundary`);
let worst = null;
for (const fam of FAMILIES) {
  const cfg = core.readConfig(fam.config).config;
  const est = core.cost(cfg)[fam.what];
  const m = await measure(core, bin, cfg, fam.what);
  const rw = m.wasm.cpu / est, rn = m.native ? m.native.cpu / est : NaN;
  fam.ratio = rw;
  fam.limit = boundary(core, fam);
  if (!worst || rw > worst.ratio) worst = fam;
  const tag = fam.name.replace(/\s+/g, '_');
  emit(`estimate/${tag}`, est, 's');
  emit(`wasm_simd/${tag}`, m.wasm.cpu, 's');
  emit(`native/${tag}`, m.native?.cpu ?? NaN, 's');
  emit(`wasm_vs_estimate/${tag}`, rw, 'x');
  emit(`native_vs_estimate/${tag}`, rn, 'x');
  emit(`boundary/${tag}`, fam.limit, fam.grow);
  log(`${fam.name.padEnd(28)} ${pad(`${fam.grow === 'epochs' ? 'ep' : 'it'} ${fam.at}`, 10)} ${pad(f(est, 3), 8)} ${pad(f(m.wasm.cpu, 3), 9)} ${pad(f(rw), 6)}` +
      ` ${pad(f(m.native?.cpu, 3), 8)} ${pad(f(rn), 6)}  ${pad(`[${f(m.wasm.wall)}`, 7)} ${pad(`${f(m.native?.wall)}]`, 8)}  ${fam.grow} <= ${fam.limit}`);
}
const ratios = FAMILIES.map((x) => x.ratio);
log(`WASM SIMD / estimate: ${f(Math.min(...ratios))}x .. ${f(Math.max(...ratios))}x; at the cap (${LIMITS.MAX_SECONDS} s estimated) ` +
    `the slowest family, ${worst.name}, would take about ${f(LIMITS.MAX_SECONDS * worst.ratio, 1)} s of WASM SIMD`);
emit('wasm_vs_estimate_max', Math.max(...ratios), 'x');

if (FULL) {
  const cfg = core.readConfig(withValue(worst.config, worst.grow, worst.limit)).config;
  const est = core.cost(cfg)[worst.what];
  log(`\nThe slowest admitted config, in full: ${worst.name} with ${worst.grow} = ${worst.limit} (estimate ${f(est, 1)} s; one run each)`);
  const m = await measure(core, bin, cfg, worst.what, 1);
  emit('slowest_admitted/estimate', est, 's');
  emit('slowest_admitted/wasm_simd', m.wasm.cpu, 's');
  emit('slowest_admitted/native', m.native?.cpu ?? NaN, 's');
  log(`  WASM SIMD ${f(m.wasm.cpu, 1)} s CPU [${f(m.wasm.wall, 1)} s wall], native ${f(m.native?.cpu, 1)} s CPU [${f(m.native?.wall, 1)} s wall]; load average ${load()}`);
}
log(`\nbench_cost took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
