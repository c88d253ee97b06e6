// fuzz-configs.mjs — random experiment configs for the differential fuzzer
// (fuzz-diff.test.mjs, scripts/fuzz.sh). Every kind, field, range and default comes from the
// generated schema (web/js/core/schema.gen.js), so a new field or kind is fuzzed without a
// change here. Each field is either left out (its default) or set to a value inside its range:
// an endpoint, the default, or a random value (random doubles carry all 17 digits). Sizes stay
// small, so one config runs in milliseconds. Rules between fields (an increasing milestone list,
// a range test whose end lies above its start, ...) are mostly kept, not always: a config the
// core refuses must be refused alike by every runner.
import { fileURLToPath } from 'node:url';
import { DATA, EXPERIMENT, LIMITS, OPTIMIZER, RUN, SCHEDULE } from '../../web/js/core/schema.gen.js';

/** A small, fast generator of uniform doubles in [0, 1) from a 32-bit seed (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),   // inclusive
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
  return r;
}

// Caps that keep a config small; the schema's own range still applies (whichever is tighter).
// Step counts (periods, milestones, warm-ups) stay near a short run's length.
const CAP = {
  'data.samples': 240, 'data.classes': 5, 'model.hidden': 12, batch_size: 64, epochs: 8,
  'find.num_iter': 40, 'find.skip_end': 12, patience: 6, cooldown: 4, start_from_epoch: 4,
  T_mult: 4, steps: 60,
};
const NUMBER_CAP = { lr: 1, max_lr: 1, base_lr: 1, eta_min: 0.01, min_lr: 0.01, decay: 0.1,
  weight_decay: 0.1, 'find.start_lr': 1e-3, 'find.end_lr': 100, 'find.diverge': 100, target_loss: 2,
  baseline: 2, min_delta: 0.5, threshold: 0.5, decay_rate: 2, gamma: 2, final_div_factor: 1e5,
  div_factor: 1e3 };
const STEP_FIELDS = /^(T_0|T_max|step_size|step_size_up|step_size_down|total_iters|total_steps|num_iter|warmup|decay_steps|milestones)$/;

const leaf = (p) => p.slice(p.lastIndexOf('.') + 1);

function capOf(path, spec) {
  const key = leaf(path);
  if (spec.type === 'number') return Math.min(spec.max, NUMBER_CAP[path] ?? NUMBER_CAP[key] ?? spec.max);
  const cap = CAP[path] ?? CAP[key] ?? (STEP_FIELDS.test(key) ? CAP.steps : spec.max);
  return Math.max(spec.min, Math.min(spec.max, cap));
}

/** A random label within the byte limit: printable ASCII with CSV's and JSON's special
 * characters, and a few multi-byte characters. */
function label(r, maxBytes) {
  const chars = ['a', 'b', 'Z', '0', ' ', '"', ',', '\\', '=', '+', '-', '@', '\'', 'é', '—', '学', '😀'];
  let s = '';
  const want = r.int(0, 12);
  for (let i = 0; i < want; i++) {
    const c = r.pick(chars);
    if (Buffer.byteLength(s + c) > maxBytes) break;
    s += c;
  }
  return s;
}

/** A value for one field spec: an endpoint, the default, or random within [min, cap]. */
export function fieldValue(r, path, spec) {
  const hi = capOf(path, spec);
  switch (spec.type) {
    case 'bool': return r.chance(0.5);
    case 'enum': return r.pick(spec.choices);
    case 'string': return label(r, spec.maxItems);
    case 'int_list': {
      const n = r.int(leaf(path) === 'hidden' ? 0 : 1, Math.min(spec.maxItems, 4));
      const lo = Math.max(spec.min, 1);
      if (leaf(path) === 'hidden') return Array.from({ length: n }, () => r.int(lo, hi));
      const set = new Set(Array.from({ length: n }, () => r.int(lo, hi)));
      const list = [...set].sort((a, b) => a - b);
      return r.chance(0.9) ? list : list.reverse();   // now and then not increasing
    }
    case 'int': {
      const u = r.next();
      if (u < 0.1) return spec.min;
      if (u < 0.15) return hi;
      if (u < 0.25 && spec.default <= hi) return spec.default;
      return r.int(spec.min, hi);
    }
    case 'number': {
      const u = r.next();
      if (u < 0.1) return spec.min;
      if (u < 0.15) return hi;
      if (u < 0.25 && spec.default <= hi) return spec.default;
      if (spec.min > 0 && hi / spec.min > 100) return spec.min * (hi / spec.min) ** r.next();  // log-uniform
      return spec.min + (hi - spec.min) * r.next();
    }
  }
  throw new Error(`fuzz-configs: ${path}: unknown field type ${spec.type}`);
}

/** Sets obj[a][b]... for a dotted path. */
function put(obj, path, v) {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {});
  o[parts[parts.length - 1]] = v;
}

/** Each field of `fields` set with probability p (the rest keep their defaults). */
function someFields(r, obj, fields, p, skip = () => false) {
  for (const [path, spec] of Object.entries(fields)) {
    if (!skip(path) && r.chance(p)) put(obj, path, fieldValue(r, path, spec));
  }
}

function optimizer(r) {
  const name = r.pick(Object.keys(OPTIMIZER));
  const o = { name };
  someFields(r, o, OPTIMIZER[name], 0.5);
  if (o.nesterov && r.chance(0.9)) {   // Nesterov needs momentum and no dampening
    o.momentum = o.momentum > 0 ? o.momentum : 0.9;
    o.dampening = 0;
  }
  return o;
}

function schedule(r) {
  // lr_range is the range test's ramp: a run refuses it (now and then tried all the same)
  const kinds = Object.keys(SCHEDULE).filter((k) => k !== 'lr_range' || r.chance(0.1));
  const key = r.pick(kinds);
  const [name, flavor] = key.split('/');
  const s = { name };
  if (flavor) s.flavor = flavor;
  someFields(r, s, SCHEDULE[key], 0.5, (p) => p === 'flavor');
  return s;
}

// A csv experiment's file: one of the repository's tables (by absolute path: the runners read
// data.path from their current directory). The fields the core records from the file are set
// now and then only (a wrong one is a refusal), as is the target (most random names are unknown).
const CSV_FILES = ['iris', 'wine', 'diabetes'].map((n) => fileURLToPath(new URL(`../../data/${n}.csv`, import.meta.url)));
const RECORDED = /^data\.(path|sha256|rows|columns|outputs|target)$/;

/** One random experiment config (a plain object, as a config file holds it). */
export function randomConfig(r) {
  const dataKind = r.pick(Object.keys(DATA));
  const c = { data: { name: dataKind } };
  someFields(r, c, DATA[dataKind].fields, 0.6, (p) => RECORDED.test(p) && r.chance(0.9));
  if (dataKind === 'csv') c.data.path = r.pick(CSV_FILES);
  someFields(r, c, EXPERIMENT, 0.5);
  // the range test ends above where it starts (defaults count), now and then not
  const start = c.find?.start_lr ?? EXPERIMENT['find.start_lr'].default;
  const end = c.find?.end_lr ?? EXPERIMENT['find.end_lr'].default;
  if (start >= end && r.chance(0.9)) {
    c.find = { ...c.find, start_lr: Math.min(start, end), end_lr: Math.max(start, end) };
    if (start === end) c.find.end_lr = start * 10;
  }
  if (dataKind === 'digits') {   // 1797 rows of 64 inputs: a small network, few epochs
    c.model = { ...c.model, hidden: (c.model?.hidden ?? [8]).slice(0, 1).map((w) => Math.min(w, 8)) };
    c.epochs = Math.min(c.epochs ?? 2, 2);
    c.batch_size = Math.max(c.batch_size ?? 32, 32);
    c.find = { ...c.find, num_iter: Math.min(c.find?.num_iter ?? 20, 20) };
  } else {
    c.epochs ??= r.int(1, CAP.epochs);
    if (DATA[dataKind].fields['data.samples']) c.data.samples ??= r.int(DATA[dataKind].fields['data.samples'].min, CAP['data.samples']);
    c.model = { hidden: c.model?.hidden ?? [r.int(1, CAP['model.hidden'])], ...c.model };
    c.find = { num_iter: r.int(5, CAP['find.num_iter']), ...c.find };
  }
  if (r.chance(0.9)) {
    c.optimizer = optimizer(r);
    const nRuns = r.int(0, Math.min(3, LIMITS.MAX_RUNS));
    c.runs = Array.from({ length: nRuns }, () => {
      const run = {};
      someFields(r, run, RUN, 0.4, (p) => p.startsWith('early_stopping.'));
      if (r.chance(0.8)) run.optimizer = optimizer(r);
      if (r.chance(0.8)) run.schedule = schedule(r);
      if (r.chance(0.3)) {
        someFields(r, run, RUN, 0.6, (p) => !p.startsWith('early_stopping.'));
        if (DATA[dataKind].shape.task === 'regression' && run.early_stopping?.monitor === 'val_acc') run.early_stopping.monitor = 'val_loss';
      }
      return run;
    });
  }
  return c;
}

/** The commands one config is run with: a range test and a training, each as JSON or CSV;
 * now and then one run only. */
export function commandsFor(r, config) {
  const find = ['find', ...(r.chance(0.5) ? ['--csv'] : [])];
  const train = ['train', ...(r.chance(0.5) ? ['--csv'] : [])];
  const nRuns = config.runs?.length ?? 5;
  if (nRuns > 0 && r.chance(0.2)) train.push('--run', String(r.int(0, nRuns - 1)));
  return [find, train];
}
