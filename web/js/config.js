// config.js — JSON <-> the core's structs, through the core's schema functions only
// (lrp_exp_set_*, lrp_exp_field, lrp_optim_*, lrp_sched_*), and the spec runner.
//
// This is the JavaScript twin of the native CLI's cli/config_json.c and cli/spec.c: the same
// walk, the same order of checks and the same messages, so that `bin/lrplay.mjs` and
// `build/lrplay` agree on every input. Functions here take `rt`, the runtime of core.js
// (heap access, allocation scopes, the exports); they never hold a heap view across a call.

const MAX_LIST = 64;                 // numbers in one config list (cli/config_json.c)
const MAX_VALUES = 100000000;        // numbers one spec may ask the runner to produce
const LRP_MAX_WORK = 1e11;           // lrplay.h: samples seen times parameters
const MAX_SCHEDULE_STEPS = 1000000;
const LRP_MAX_RUNS = 8;
const LRP_MAX_LAYERS = 6;
const LRP_MAX_WIDTH = 512;
const LRP_MAX_SAMPLES = 20000;
const LRP_MAX_BATCH = 4096;
const LRP_MAX_PARAMS = 2 ** 26;
const SET_STRICT = 0, SET_CLAMP = 1;
const FIELD_TYPES = ['number', 'int', 'bool', 'enum', 'int_list', 'string'];

/** An error in the input or from the core. `exitCode`: 2 for invalid input, 1 otherwise. */
export class LrplayError extends Error {
  constructor(message, { status = 'LRP_EINVAL', exitCode = 2 } = {}) {
    super(message);
    this.name = 'LrplayError';
    this.status = status;
    this.exitCode = exitCode;
  }
}
const bad = (msg) => new LrplayError(msg, { status: 'LRP_EINVAL', exitCode: 2 });
const fail = (msg) => new LrplayError(msg, { status: 'LRP_ENOMEM', exitCode: 1 });

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
/** cJSON_GetObjectItemCaseSensitive: a member of an object, undefined for anything else. */
const member = (o, k) => (isObject(o) && has(o, k) ? o[k] : undefined);

/** C's printf("%.17g"), for messages that match the native ones. */
export function fmtG17(x) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const P = 17;
  const [m, e] = x.toExponential(P - 1).split('e');
  const X = Number(e);
  const strip = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (X < -4 || X >= P) return `${strip(m)}e${X < 0 ? '-' : '+'}${String(Math.abs(X)).padStart(2, '0')}`;
  return strip(x.toFixed(P - 1 - X));
}

/* ------------------------------------------------------------- JSON out */
/** JSON text as the native CLI writes it: compact, one line; NaN and infinities as null;
 * -0 kept (native prints %.17g). Every number parses back to the same float64 bits. */
export function toJSON(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'null';
    return Object.is(v, -0) ? '-0' : String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + toJSON(v[i]);
    return s + ']';
  }
  let s = '{', first = true;
  for (const k of Object.keys(v)) {
    if (v[k] === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + toJSON(v[k]);
    first = false;
  }
  return s + '}';
}

/* --------------------------------------------------------- number arrays */
/** cli_number_array: finite numbers (NaN from null only where allowNull). */
function numberArray(arr, what, maxN, allowNull) {
  if (!Array.isArray(arr)) throw bad(`${what}: must be an array of numbers`);
  if (arr.length > maxN) throw bad(`${what}: has ${arr.length} values, at most ${maxN} allowed`);
  const out = new Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const it = arr[i];
    if (allowNull && it === null) { out[i] = NaN; continue; }
    if (typeof it !== 'number' || !Number.isFinite(it)) throw bad(`${what}[${i}]: must be a finite number`);
    out[i] = it;
  }
  return out;
}

function whole(v, what, lo, hi) {
  if (typeof v !== 'number' || !Number.isFinite(v) || v !== Math.floor(v)) throw bad(`${what}: must be a whole number`);
  if (v < lo || v > hi) throw bad(`${what}: ${fmtG17(v)} is out of range [${fmtG17(lo)}, ${fmtG17(hi)}]`);
  return v;
}

function finiteIn(v, what, lo, hi) {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${what}: must be a finite number`);
  if (v < lo || v > hi) throw bad(`${what}: ${fmtG17(v)} is out of range [${fmtG17(lo)}, ${fmtG17(hi)}]`);
  return v;
}

/* ------------------------------------------------------- setters by path */
// One setter per target (an experiment by dotted path, a bare optimizer or scheduler object by
// key), as in cli/config_json.c. Each returns the core's status and leaves its message in err.
function setter(rt, S, kind, target, mode) {
  const x = rt.x, err = S.zalloc(rt.ERRLEN), E = rt.ERRLEN;
  const call = (fn) => {
    const S2 = rt.scope();
    try {
      rt.u8()[err] = 0;
      const st = fn(S2);
      return { st, msg: rt.cstr(err) };
    } finally { S2.freeAll(); }
  };
  const m = mode === 'clamp' ? SET_CLAMP : SET_STRICT;
  if (kind === 'exp') {
    return {
      num: (k, v) => call((s) => x.lrp_exp_set_number(target, s.str(k), v, m, err, E)),
      str: (k, v) => call((s) => x.lrp_exp_set_string(target, s.str(k), s.str(v), err, E)),
      list: (k, v) => call((s) => x.lrp_exp_set_list(target, s.str(k), s.doubles(v), v.length, m, err, E)),
    };
  }
  if (kind === 'optim') {
    return {
      num: (k, v) => call((s) => x.lrp_optim_set_number(target, s.str(k), v, m, err, E)),
      str: (k, v) => call((s) => x.lrp_optim_set_string(target, s.str(k), s.str(v), err, E)),
      list: (k) => ({ st: 1, msg: `${k}: must be a single value, not a list` }),
    };
  }
  return {
    num: (k, v) => call((s) => x.lrp_sched_set_number(target, s.str(k), v, m, err, E)),
    str: (k, v) => call((s) => x.lrp_sched_set_string(target, s.str(k), s.str(v), err, E)),
    list: (k, v) => call((s) => x.lrp_sched_set_list(target, s.str(k), s.doubles(v), v.length, m, err, E)),
  };
}

// Kinds are chosen first: "name" and "flavor" reset or shape the fields that follow.
function keyRank(k) {
  const leaf = k.slice(k.lastIndexOf('.') + 1);
  return leaf === 'name' ? 0 : leaf === 'flavor' ? 1 : 2;
}

const utf8Length = (s) => new TextEncoder().encode(s).length;

/** The walk: `ctx` = {set, what, notes (clamp mode) or null (strict)}. */
function walkObject(ctx, obj, prefix, skipRuns) {
  const keys = Object.keys(obj);
  for (let rank = 0; rank <= 2; rank++) {
    for (const k of keys) {
      if (skipRuns && !prefix && k === 'runs') continue;
      const path = prefix + k;
      if (utf8Length(path) >= 256) throw bad(`${ctx.what}${prefix.slice(0, 40)}...: name too long`);
      const v = obj[k];
      if (keyRank(k) !== rank || (isObject(v) && rank !== 2)) continue;
      setValue(ctx, path, v);
    }
  }
}

function report(ctx, r) {
  if (r.st === 0) {
    if (r.msg && ctx.notes) ctx.notes.push(r.msg);
    return;
  }
  const msg = ctx.what + r.msg;
  if (ctx.notes && r.st !== 2) { ctx.notes.push(`${msg} (ignored)`); return; }
  throw new LrplayError(msg, { status: r.st === 2 ? 'LRP_ENOMEM' : 'LRP_EINVAL', exitCode: r.st === 2 ? 1 : 2 });
}

function setValue(ctx, path, v) {
  if (v === null) return;
  if (isObject(v)) { walkObject(ctx, v, `${path}.`, false); return; }
  if (typeof v === 'boolean') { report(ctx, ctx.set.num(path, v ? 1 : 0)); return; }
  if (typeof v === 'number') { report(ctx, ctx.set.num(path, v)); return; }
  if (typeof v === 'string') { report(ctx, ctx.set.str(path, v)); return; }
  if (Array.isArray(v)) {
    let vals;
    try {
      vals = numberArray(v, ctx.what + path, MAX_LIST, false);
    } catch (e) {
      if (!ctx.notes) throw e;
      ctx.notes.push(`${e.message} (ignored)`);
      return;
    }
    report(ctx, ctx.set.list(path, vals));
    return;
  }
  throw bad(`${ctx.what}${path}: unsupported value`);
}

/* ------------------------------------------------------------ experiments */
/**
 * Reads a config object into the experiment at `e` (cli_read_experiment): defaults, the
 * object's fields by dotted path ("runs" last: cleared, then runs.N.*), then validation.
 * mode 'strict' throws on any problem; 'clamp' corrects numbers, skips what it cannot use and
 * returns the notes. Returns the notes (empty in strict mode).
 */
export function readExperimentInto(rt, e, config, mode = 'strict') {
  const x = rt.x;
  x.lrp_experiment_defaults(e);
  const notes = [];
  if (config === undefined || config === null) return notes;
  if (!isObject(config)) throw bad('config: must be a JSON object');
  const S = rt.scope();
  try {
    const set = setter(rt, S, 'exp', e, mode);
    const ctx = { set, what: '', notes: mode === 'clamp' ? notes : null };
    walkObject(ctx, config, '', true);
    if (has(config, 'runs') && config.runs !== null) {
      let runs = config.runs;
      if (!Array.isArray(runs)) {
        if (!ctx.notes) throw bad('runs: must be an array of run objects');
        notes.push('runs: must be an array of run objects (ignored)');
        runs = null;
      } else if (runs.length > LRP_MAX_RUNS) {
        if (!ctx.notes) throw bad(`runs: at most ${LRP_MAX_RUNS} runs`);
        notes.push(`runs: at most ${LRP_MAX_RUNS} runs; the first ${LRP_MAX_RUNS} kept`);
        runs = runs.slice(0, LRP_MAX_RUNS);
      }
      if (runs) {
        x.lrp_exp_clear_runs(e);
        let n = 0;   // runs made so far (clamp mode skips what is not an object)
        runs.forEach((r, i) => {
          if (!isObject(r)) {
            if (!ctx.notes) throw bad(`runs[${i}]: must be an object`);
            notes.push(`runs[${i}]: must be an object (ignored)`);
            return;
          }
          // An empty object still makes a run: activate it through a field of its own.
          const act = set.num(`runs.${n}.min_lr`, 0);
          if (act.st !== 0) throw bad(act.msg);
          walkObject(ctx, r, `runs.${n}.`, false);
          n++;
        });
      }
    }
    const err = S.zalloc(rt.ERRLEN);
    const st = x.lrp_experiment_validate(e, err, rt.ERRLEN);
    if (st !== 0) rt.check(st, err);
    return notes;
  } finally { S.freeAll(); }
}

/** The canonical config object of the experiment at `e` (lrp_exp_field in order). */
export function writeExperiment(rt, e) {
  const root = {};
  forEachField(rt, (fv) => {
    const segs = fv.name.split('.');
    let node = root;
    for (let d = 0; d < segs.length - 1; d++) {
      const key = Array.isArray(node) ? Number(segs[d]) : segs[d];
      if (node[key] === undefined) node[key] = /^[0-9]/.test(segs[d + 1]) ? [] : {};
      node = node[key];
    }
    const last = segs[segs.length - 1];
    node[Array.isArray(node) ? Number(last) : last] = fv.value;
  }, (S, fvp, i) => rt.x.lrp_exp_field(e, i, fvp));
  if (root.runs === undefined) root.runs = [];   // no runs is a config too: keep it so
  return root;
}

/** Field infos of an experiment's fields (those that apply to its kinds), for the page. */
export function fieldInfos(rt, e) {
  const out = [];
  forEachField(rt, (fv) => out.push(fv), (S, fvp, i) => rt.x.lrp_exp_field(e, i, fvp));
  return out;
}

function forEachField(rt, fn, next) {
  const S = rt.scope();
  try {
    const F = rt.L.field_value;
    const fvp = S.zalloc(F.size);
    for (let i = 0; next(S, fvp, i); i++) fn(readField(rt, fvp, F));
  } finally { S.freeAll(); }
}

function readField(rt, p, F) {
  const f = rt.struct(p, F);
  const type = FIELD_TYPES[f.type] ?? `type ${f.type}`;
  const choices = [];
  if (f.choices) {
    for (let q = f.choices; ; q += 4) {
      const s = rt.u32at(q);
      if (!s) break;
      choices.push(rt.cstr(s));
    }
  }
  let value;
  switch (type) {
    case 'enum': case 'string': value = rt.cstr(f.str); break;
    case 'bool': value = f.number !== 0; break;
    case 'int': value = f.number; break;
    case 'number': value = Number.isFinite(f.number) ? f.number : null; break;
    case 'int_list': value = Array.from(rt.f64(p + F.off.list, f.n_list)); break;
    default: value = null;
  }
  const info = {
    name: rt.cstr(f.name), type, min: f.min, max: f.max, help: rt.cstr(f.help) ?? '',
    value, is_default: f.is_default !== 0,
  };
  if (type === 'enum') info.choices = choices;
  if (type === 'int_list' || type === 'string') info.max_items = f.max_items;
  return info;
}

/* --------------------------------------------------- optimizer / scheduler */
function readOptim(rt, S, obj, what, cfg) {
  if (!isObject(obj)) throw bad(`${what}: must be an object`);
  if (typeof member(obj, 'name') !== 'string') throw bad(`${what}.name: missing (adam, adamw, sgd or keras_adam)`);
  walkObject({ set: setter(rt, S, 'optim', cfg, 'strict'), what: `${what}.`, notes: null }, obj, '', false);
  const err = S.zalloc(rt.ERRLEN);
  rt.check(rt.x.lrp_optim_validate(cfg, err, rt.ERRLEN), err);
}

function readSched(rt, S, obj, what, cfg) {
  if (!isObject(obj)) throw bad(`${what}: must be an object`);
  if (typeof member(obj, 'name') !== 'string') throw bad(`${what}.name: missing`);
  walkObject({ set: setter(rt, S, 'sched', cfg, 'strict'), what: `${what}.`, notes: null }, obj, '', false);
  const err = S.zalloc(rt.ERRLEN);
  const st = rt.x.lrp_sched_validate(cfg, err, rt.ERRLEN);
  if (st !== 0) {
    const msg = rt.cstr(err);
    if (msg.startsWith('schedule.')) throw bad(`${what}.${msg.slice(9)}`);
    rt.check(st, err);
  }
}

/* ------------------------------------------------------------------ specs */
function checkKeys(spec, allowed) {
  for (const k of Object.keys(spec)) {
    if (k !== 'kind' && k !== 'name' && !allowed.includes(k)) throw bad(`${k}: unknown field`);
  }
}

function need(spec, key) {
  const v = member(spec, key);
  if (v === undefined || v === null) throw bad(`${key}: missing`);
  return v;
}

/** Runs one spec object (tests/golden/README.md) and returns the result object. */
export function runSpecOn(rt, spec) {
  if (!isObject(spec)) throw bad('spec: must hold a JSON object');
  const kind = spec.kind;
  if (typeof kind !== 'string') throw bad('kind: missing (optimizer, schedule, lr_find_analysis or train)');
  const S = rt.scope();
  try {
    if (kind === 'optimizer') return specOptimizer(rt, S, spec);
    if (kind === 'schedule') return specSchedule(rt, S, spec);
    if (kind === 'lr_find_analysis') return specLrfind(rt, S, spec);
    if (kind === 'train') return specTrain(rt, S, spec);
  } finally { S.freeAll(); }
  throw bad(`kind: unknown kind "${kind.slice(0, 60)}" (optimizer, schedule, lr_find_analysis or train)`);
}

function newOptimCfg(rt, S) {
  const c = S.zalloc(rt.L.optim_cfg.size);
  rt.x.lrp_optim_defaults(c, 0);
  return c;
}

/** lrp_optim_create; the handle goes into S's cleanup list through `handles`. */
function createOptim(rt, S, cfg, n, handles) {
  const out = S.zalloc(4), err = S.zalloc(rt.ERRLEN);
  const st = rt.x.lrp_optim_create(out, cfg, n, err, rt.ERRLEN);
  if (st !== 0) throw fail(`optimizer: ${rt.cstr(err) || 'out of memory'}`);
  const o = rt.u32at(out);
  handles.push(() => rt.x.lrp_optim_destroy(o));
  return o;
}

function withHandles(fn) {
  const handles = [];
  try { return fn(handles); } finally { while (handles.length) handles.pop()(); }
}

function specOptimizer(rt, S, spec) {
  checkKeys(spec, ['optimizer', 'params', 'grads']);
  const jo = need(spec, 'optimizer');
  const cfg = newOptimCfg(rt, S);
  readOptim(rt, S, jo, 'optimizer', cfg);
  const jp = need(spec, 'params');
  const jg = need(spec, 'grads');
  if (!Array.isArray(jg)) throw bad('grads: must be an array of arrays');
  const p64 = numberArray(jp, 'params', LRP_MAX_PARAMS, false);
  const np = p64.length, steps = jg.length;
  if (np === 0) throw bad('params: must not be empty');
  if (np * (steps + 1) > MAX_VALUES) {
    throw bad(`grads: ${steps} steps of ${np} parameters is more than the runner produces (1e8 values)`);
  }
  const lr = rt.f64at(cfg + rt.L.optim_cfg.off.lr);
  return withHandles((handles) => {
    const params = S.floats(p64);
    const grads = S.alloc(4 * np);
    const o = createOptim(rt, S, cfg, np, handles);
    const out = [];
    jg.forEach((row, k) => {
      const what = `grads[${k}]`;
      const g = numberArray(row, what, np + 1, false);
      if (g.length !== np) throw bad(`${what}: has ${g.length} values, params has ${np}`);
      rt.f32(grads, np).set(g);
      rt.x.lrp_optim_step(o, params, grads, lr);
      out.push(Array.from(rt.f32(params, np)));
    });
    return { params: out };
  });
}

function specSchedule(rt, S, spec) {
  const x = rt.x;
  checkKeys(spec, ['base_lr', 'scheduler', 'steps', 'metrics']);
  const js = need(spec, 'scheduler');
  const base = finiteIn(need(spec, 'base_lr'), 'base_lr', 0, 1e6);
  const cfg = S.zalloc(rt.L.sched_cfg.size);
  x.lrp_sched_defaults(cfg, 0);
  readSched(rt, S, js, 'scheduler', cfg);
  const hasSteps = has(spec, 'steps'), hasMetrics = has(spec, 'metrics');
  const lr = [];
  if (rt.i32at(cfg + rt.L.sched_cfg.off.kind) === 1) {   // LRP_SCHED_PLATEAU
    if (hasSteps) throw bad('steps: not used by reduce_on_plateau, which follows metrics');
    if (!hasMetrics) throw bad('metrics: missing (reduce_on_plateau needs one metric per epoch)');
    const metrics = numberArray(spec.metrics, 'metrics', MAX_SCHEDULE_STEPS, true);
    const st = S.zalloc(rt.L.plateau.size);
    const lrAt = st + rt.L.plateau.off.lr;
    x.lrp_plateau_init(st, cfg, base);
    lr.push(rt.f64at(lrAt));
    for (const m of metrics) { x.lrp_plateau_step(st, m); lr.push(rt.f64at(lrAt)); }
  } else {
    if (hasMetrics) throw bad('metrics: only reduce_on_plateau takes metrics');
    if (!hasSteps) throw bad('steps: missing');
    const steps = whole(spec.steps, 'steps', 0, MAX_SCHEDULE_STEPS);
    for (let i = 0; i <= steps; i++) lr.push(x.lrp_sched_lr(cfg, base, i));
  }
  return { lr: lr.map((v) => (Number.isFinite(v) ? v : null)) };
}

function specLrfind(rt, S, spec) {
  const x = rt.x, C = rt.L.lrfind_cfg;
  checkKeys(spec, ['lrs', 'losses', 'beta', 'diverge', 'num_it', 'skip_end']);
  const cfg = S.zalloc(C.size);
  x.lrp_lrfind_defaults(cfg);
  if (has(spec, 'beta')) rt.setF64(cfg + C.off.beta, finiteIn(spec.beta, 'beta', 0, 0.999999));
  if (has(spec, 'diverge')) rt.setF64(cfg + C.off.diverge, finiteIn(spec.diverge, 'diverge', 0, 1e300));
  if (has(spec, 'num_it')) rt.setI32(cfg + C.off.num_it, whole(spec.num_it, 'num_it', 0, 1e7));
  if (has(spec, 'skip_end')) rt.setI32(cfg + C.off.skip_end, whole(spec.skip_end, 'skip_end', 0, 1e7));
  const jl = need(spec, 'lrs');
  const jx = need(spec, 'losses');
  const LRP_MAX_ITERS = 10000;  // lrplay.h: at most as many points as a range test makes
  const lrs = numberArray(jl, 'lrs', LRP_MAX_ITERS, false);
  const losses = numberArray(jx, 'losses', LRP_MAX_ITERS, true);
  if (losses.length !== lrs.length) throw bad(`losses: has ${losses.length} values, lrs has ${lrs.length}`);
  lrs.forEach((v, i) => { if (!(v > 0)) throw bad(`lrs[${i}]: must be > 0`); });
  const n = lrs.length;
  const pl = S.doubles(lrs), px = S.doubles(losses), sm = S.alloc(8 * Math.max(1, n));
  const R = rt.L.lrfind_result, r = S.zalloc(R.size);
  x.lrp_lrfind_analyze(cfg, pl, px, n, sm, r);
  const a = rt.struct(r, R);
  const suggestions = {};
  if (a.have & 1) suggestions.minimum = a.minimum;
  if (a.have & 2) suggestions.steep = a.steep;
  if (a.have & 4) suggestions.valley = a.valley;
  if (a.have & 8) suggestions.slide = a.slide;
  if (a.have & 16) suggestions.gradient = a.gradient;
  const smoothed = a.kept ? Array.from(rt.f64(sm, a.kept), (v) => (Number.isFinite(v) ? v : null)) : [];
  return { smoothed, kept: a.kept, suggestions };
}

function readModel(jm) {
  if (!isObject(jm)) throw bad('model: must be an object');
  for (const k of Object.keys(jm)) {
    if (k !== 'sizes' && k !== 'activation' && k !== 'loss') throw bad(`model.${k}: unknown field`);
  }
  const sizes = numberArray(jm.sizes, 'model.sizes', LRP_MAX_LAYERS + 2, false);
  if (sizes.length < 2) throw bad('model.sizes: needs at least inputs and outputs');
  sizes.forEach((s, i) => {
    if (s !== Math.floor(s) || s < 1 || s > LRP_MAX_WIDTH) throw bad(`model.sizes[${i}]: must be a whole number in [1, ${LRP_MAX_WIDTH}]`);
  });
  const act = ['relu', 'tanh', 'sigmoid', 'gelu'].indexOf(typeof jm.activation === 'string' ? jm.activation : '');
  if (act < 0) throw bad('model.activation: must be one of relu, tanh, sigmoid, gelu');
  const loss = ['cross_entropy', 'mse'].indexOf(typeof jm.loss === 'string' ? jm.loss : '');
  if (loss < 0) throw bad('model.loss: must be cross_entropy or mse');
  return { sizes, act, loss };
}

function specTrain(rt, S, spec) {
  const x = rt.x;
  checkKeys(spec, ['model', 'layers', 'x', 'y', 'batches', 'optimizer', 'lrs']);
  const model = readModel(need(spec, 'model'));
  const { sizes } = model;
  const nIn = sizes[0], nOut = sizes[sizes.length - 1], ce = model.loss === 0;
  const oc = newOptimCfg(rt, S);
  readOptim(rt, S, need(spec, 'optimizer'), 'optimizer', oc);
  const jb = need(spec, 'batches');
  const jlr = need(spec, 'lrs');
  const jx = need(spec, 'x');
  const jy = need(spec, 'y');
  const jl = need(spec, 'layers');
  if (!Array.isArray(jb)) throw bad('batches: must be an array of arrays of row indices');
  const lrs = numberArray(jlr, 'lrs', 1000000, false);
  if (lrs.length !== jb.length) throw bad(`lrs: has ${lrs.length} rates, batches has ${jb.length}`);
  lrs.forEach((v, k) => { if (v < 0) throw bad(`lrs[${k}]: must be >= 0`); });

  return withHandles((handles) => {
    // the network
    const M = rt.L.mlp_cfg, mc = S.zalloc(M.size);
    sizes.forEach((s, i) => rt.setU32(mc + M.off.sizes + 4 * i, s));
    rt.setU32(mc + M.off.n_sizes, sizes.length);
    rt.setI32(mc + M.off.act, model.act);
    rt.setI32(mc + M.off.loss, model.loss);
    const out = S.zalloc(4), err = S.zalloc(rt.ERRLEN);
    const st = x.lrp_mlp_create(out, mc, LRP_MAX_BATCH, err, rt.ERRLEN);
    if (st !== 0) throw new LrplayError(rt.cstr(err) || rt.statusName(st), { status: 'LRP_EINVAL', exitCode: 2 });
    const m = rt.u32at(out);
    handles.push(() => x.lrp_mlp_destroy(m));
    const np = x.lrp_mlp_num_params(m) >>> 0;
    const rowsSeen = jb.reduce((sum, b) => sum + (Array.isArray(b) ? b.length : 0), 0);
    if (np * jb.length > MAX_VALUES || np * rowsSeen > LRP_MAX_WORK) {
      throw bad(`batches: ${rowsSeen} rows on ${np} parameters is more work than the runner does`);
    }

    // layers [{W, b}]
    const nl = sizes.length - 1;
    if (!Array.isArray(jl) || jl.length !== nl) throw bad(`layers: must be an array of ${nl} {W, b} objects`);
    const p0 = x.lrp_mlp_params(m) >>> 0;
    const layerOff = [];
    jl.forEach((jlay, l) => {
      const inN = sizes[l], outN = sizes[l + 1];
      const off = x.lrp_mlp_layer_offset(m, l) >>> 0;
      layerOff.push(off);
      const jW = member(jlay, 'W'), jbias = member(jlay, 'b');
      if (!Array.isArray(jW) || jW.length !== outN) throw bad(`layers[${l}].W: must have ${outN} rows (outputs) of ${inN} inputs`);
      jW.forEach((row, r) => {
        const what = `layers[${l}].W[${r}]`;
        const v = numberArray(row, what, inN + 1, false);
        if (v.length !== inN) throw bad(`${what}: has ${v.length} values, want ${inN}`);
        rt.f32(p0 + 4 * (off + r * inN), inN).set(v);
      });
      const what = `layers[${l}].b`;
      const v = numberArray(jbias, what, outN + 1, false);
      if (v.length !== outN) throw bad(`${what}: has ${v.length} values, want ${outN}`);
      rt.f32(p0 + 4 * (off + inN * outN), outN).set(v);
    });

    // rows
    if (!Array.isArray(jx) || !Array.isArray(jy)) throw bad('x, y: must be arrays');
    const rows = jx.length;
    if (rows === 0 || rows > LRP_MAX_SAMPLES) throw bad(`x: must have 1 to ${LRP_MAX_SAMPLES} rows`);
    if (jy.length !== rows) throw bad(`y: has ${jy.length} rows, x has ${rows}`);
    const ycols = ce ? 1 : nOut;
    const X = new Float32Array(rows * nIn), Y = new Float32Array(rows * ycols);
    jx.forEach((row, r) => {
      const what = `x[${r}]`;
      const v = numberArray(row, what, nIn + 1, false);
      if (v.length !== nIn) throw bad(`${what}: has ${v.length} values, the model takes ${nIn}`);
      X.set(v, r * nIn);
    });
    jy.forEach((row, r) => {
      const what = `y[${r}]`;
      if (ce) { Y[r] = whole(row, what, 0, nOut - 1); return; }
      const v = numberArray(row, what, nOut + 1, false);
      if (v.length !== nOut) throw bad(`${what}: has ${v.length} targets, the model has ${nOut} outputs`);
      Y.set(v, r * nOut);
    });

    const o = createOptim(rt, S, oc, np, handles);
    const xb = S.alloc(4 * LRP_MAX_BATCH * nIn), yb = S.alloc(4 * LRP_MAX_BATCH * ycols);
    const losses = [];
    jb.forEach((jbatch, k) => {
      const what = `batches[${k}]`;
      if (!Array.isArray(jbatch) || jbatch.length < 1 || jbatch.length > LRP_MAX_BATCH) {
        throw bad(`${what}: must list 1 to ${LRP_MAX_BATCH} row indices`);
      }
      const B = jbatch.length;
      const xv = rt.f32(xb, B * nIn), yv = rt.f32(yb, B * ycols);
      jbatch.forEach((ji, b) => {
        const i = whole(ji, `${what}[${b}]`, 0, rows - 1);
        xv.set(X.subarray(i * nIn, (i + 1) * nIn), b * nIn);
        yv.set(Y.subarray(i * ycols, (i + 1) * ycols), b * ycols);
      });
      losses.push(x.lrp_mlp_loss(m, xb, yb, B, 1, 0));
      x.lrp_optim_step(o, x.lrp_mlp_params(m), x.lrp_mlp_grads(m), lrs[k]);
    });

    const p = x.lrp_mlp_params(m) >>> 0;
    const layers = [];
    for (let l = 0; l < nl; l++) {
      const inN = sizes[l], outN = sizes[l + 1], off = layerOff[l];
      const W = [];
      for (let r = 0; r < outN; r++) W.push(Array.from(rt.f32(p + 4 * (off + r * inN), inN)));
      layers.push({ W, b: Array.from(rt.f32(p + 4 * (off + inN * outN), outN)) });
    }
    return { loss: losses.map((v) => (Number.isFinite(v) ? v : null)), layers };
  });
}
