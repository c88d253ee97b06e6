// core/spec.js — the spec runner (tests/golden/README.md): one spec object in, one result
// object out, through the core's optimizer, scheduler, range-test analysis and network.
//
// The JavaScript twin of the native CLI's cli/spec.c: the same checks in the same order and the
// same messages. Functions here take `rt`, the runtime of core/abi.js.

import { LrplayError, bad, noMemory } from './errors.js';
import {
  isObject, has, member, numberArray, whole, finiteIn, setter, walkObject,
} from './config-json.js';
import { status, enumValue } from './abi.js';
import { SUGGEST, ENUMS, LIMITS, INPUT_LIMITS } from './schema.gen.js';

// The core's limits (c_src/lrplay.h) and the runner's own (cli/limits.h), never copied here.
const { MAX_WORK, MAX_LAYERS, MAX_WIDTH, MAX_SAMPLES, MAX_BATCH, MAX_PARAMS } = LIMITS;
const {
  SPEC_MAX_OUTPUT, SPEC_MAX_SCHEDULE_STEPS, SPEC_MAX_TRACE, SPEC_MAX_BASE_LR, SPEC_MAX_LRFIND_ITERS,
} = INPUT_LIMITS;
const OK = status('LRP_OK');
const ADAM = enumValue('optimizer', 'adam');
const CONSTANT = enumValue('schedule', 'constant'), PLATEAU = enumValue('schedule', 'reduce_on_plateau');
const CROSS_ENTROPY = enumValue('loss', 'cross_entropy');
/** "a, b or c" (last = ' or ') or "a, b, c" (last = ', '), as cli_enum_list writes it. */
const listOf = (names, last) => names.slice(0, -1).join(', ') + (names.length > 1 ? last : '') + names[names.length - 1];

/* --------------------------------------------------- optimizer / scheduler */
function readOptim(rt, S, obj, what, cfg) {
  if (!isObject(obj)) throw bad(`${what}: must be an object`);
  if (typeof member(obj, 'name') !== 'string') throw bad(`${what}.name: missing (${listOf(ENUMS.optimizer, ' or ')})`);
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
  if (st !== OK) {
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
  if (typeof kind !== 'string') throw bad(`kind: missing (${SPEC_KINDS})`);
  const S = rt.scope();
  try {
    if (kind === 'optimizer') return specOptimizer(rt, S, spec);
    if (kind === 'schedule') return specSchedule(rt, S, spec);
    if (kind === 'lr_find_analysis') return specLrfind(rt, S, spec);
    if (kind === 'train') return specTrain(rt, S, spec);
    if (kind === 'early_stopping') return specEarlyStopping(rt, S, spec);
  } finally { S.freeAll(); }
  throw bad(`kind: unknown kind "${kind.slice(0, 60)}" (${SPEC_KINDS})`);
}
const SPEC_KINDS = 'optimizer, schedule, lr_find_analysis, train or early_stopping';

/** cli/spec_earlystop.c: Keras EarlyStopping over one value per epoch. */
function specEarlyStopping(rt, S, spec) {
  const x = rt.x, C = rt.L.earlystop_cfg, MAX_EPOCHS = SPEC_MAX_SCHEDULE_STEPS;  // one value per epoch
  checkKeys(spec, ['early_stopping', 'metrics']);
  const jo = need(spec, 'early_stopping');
  const jm = need(spec, 'metrics');
  if (!isObject(jo)) throw bad('early_stopping: must be an object');
  const cfg = S.zalloc(C.size);
  x.lrp_earlystop_defaults(cfg);
  for (const [k, v] of Object.entries(jo)) {
    const what = `early_stopping.${k.slice(0, 40)}`;
    if (k === 'mode') {
      const m = ENUMS.es_mode.indexOf(typeof v === 'string' ? v : '');
      if (m < 0) throw bad(`${what}: must be min, max or auto`);
      rt.setI32(cfg + C.off.mode, m);
    } else if (k === 'min_delta') rt.setF64(cfg + C.off.min_delta, finiteIn(v, what, -1e300, 1e300));
    else if (k === 'patience') rt.setI64(cfg + C.off.patience, whole(v, what, 0, MAX_EPOCHS));
    else if (k === 'baseline') {
      rt.setI32(cfg + C.off.use_baseline, v === null ? 0 : 1);
      if (v !== null) rt.setF64(cfg + C.off.baseline, finiteIn(v, what, -1e300, 1e300));
    } else if (k === 'start_from_epoch') rt.setI64(cfg + C.off.start_from_epoch, whole(v, what, 0, MAX_EPOCHS));
    else if (k === 'restore_best_weights') {   // training only: no effect here
      if (typeof v !== 'boolean') throw bad(`${what}: must be true or false`);
    } else throw bad(`${what}: unknown field`);
  }
  const metrics = numberArray(jm, 'metrics', MAX_EPOCHS, true);
  const E = rt.L.earlystop, st = S.zalloc(E.size);
  x.lrp_earlystop_init(st, cfg);
  for (const m of metrics) if (x.lrp_earlystop_step(st, m) & 4) break;   // LRP_ES_STOP
  const r = rt.struct(st, E);
  return { stopped_epoch: r.stopped_epoch >= 0 ? r.stopped_epoch : null, best_epoch: r.best_epoch };
}

function newOptimCfg(rt, S) {
  const c = S.zalloc(rt.L.optim_cfg.size);
  rt.x.lrp_optim_defaults(c, ADAM);
  return c;
}

/** lrp_optim_create; the handle goes into S's cleanup list through `handles`. */
function createOptim(rt, S, cfg, n, handles) {
  const out = S.zalloc(4), err = S.zalloc(rt.ERRLEN);
  const st = rt.x.lrp_optim_create(out, cfg, n, err, rt.ERRLEN);
  if (st !== OK) throw noMemory(`optimizer: ${rt.cstr(err) || 'out of memory'}`);
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
  const p64 = numberArray(jp, 'params', MAX_PARAMS, false);
  const np = p64.length, steps = jg.length;
  if (np === 0) throw bad('params: must not be empty');
  if (np * (steps + 1) > SPEC_MAX_OUTPUT) {
    throw bad(`grads: ${steps} steps of ${np} parameters is more than the runner produces (1e${Math.log10(SPEC_MAX_OUTPUT)} values)`);
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
  const base = finiteIn(need(spec, 'base_lr'), 'base_lr', 0, SPEC_MAX_BASE_LR);
  const cfg = S.zalloc(rt.L.sched_cfg.size);
  x.lrp_sched_defaults(cfg, CONSTANT);
  readSched(rt, S, js, 'scheduler', cfg);
  const hasSteps = has(spec, 'steps'), hasMetrics = has(spec, 'metrics');
  const lr = [];
  if (rt.i32at(cfg + rt.L.sched_cfg.off.kind) === PLATEAU) {
    if (hasSteps) throw bad('steps: not used by reduce_on_plateau, which follows metrics');
    if (!hasMetrics) throw bad('metrics: missing (reduce_on_plateau needs one metric per epoch)');
    const metrics = numberArray(spec.metrics, 'metrics', SPEC_MAX_SCHEDULE_STEPS, true);
    const st = S.zalloc(rt.L.plateau.size);
    const lrAt = st + rt.L.plateau.off.lr;
    x.lrp_plateau_init(st, cfg, base);
    lr.push(rt.f64at(lrAt));
    for (const m of metrics) { x.lrp_plateau_step(st, m); lr.push(rt.f64at(lrAt)); }
  } else {
    if (hasMetrics) throw bad('metrics: only reduce_on_plateau takes metrics');
    if (!hasSteps) throw bad('steps: missing');
    const steps = whole(spec.steps, 'steps', 0, SPEC_MAX_SCHEDULE_STEPS);
    const err = S.zalloc(rt.ERRLEN);
    if (x.lrp_sched_check_steps(cfg, BigInt(steps), err, rt.ERRLEN) !== 0) {   // int64_t steps; "schedule.<field>: ..."
      const msg = rt.cstr(err);
      throw bad(`scheduler.${msg.startsWith('schedule.') ? msg.slice(9) : msg}`);
    }
    for (let i = 0; i <= steps; i++) lr.push(x.lrp_sched_lr(cfg, base, BigInt(i)));   // int64_t step
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
  if (has(spec, 'num_it')) rt.setI64(cfg + C.off.num_it, whole(spec.num_it, 'num_it', 0, SPEC_MAX_LRFIND_ITERS));
  if (has(spec, 'skip_end')) rt.setI64(cfg + C.off.skip_end, whole(spec.skip_end, 'skip_end', 0, SPEC_MAX_LRFIND_ITERS));
  const jl = need(spec, 'lrs');
  const jx = need(spec, 'losses');
  // at most as many points as a range test makes
  const lrs = numberArray(jl, 'lrs', LIMITS.MAX_ITERS, false);
  const losses = numberArray(jx, 'losses', LIMITS.MAX_ITERS, true);
  if (losses.length !== lrs.length) throw bad(`losses: has ${losses.length} values, lrs has ${lrs.length}`);
  lrs.forEach((v, i) => { if (!(v > 0)) throw bad(`lrs[${i}]: must be > 0`); });
  const n = lrs.length;
  const pl = S.doubles(lrs), px = S.doubles(losses), sm = S.alloc(8 * Math.max(1, n));
  const R = rt.L.lrfind_result, r = S.zalloc(R.size);
  x.lrp_lrfind_analyze(cfg, pl, px, n, sm, r);
  const a = rt.struct(r, R);
  const suggestions = {};
  for (const [name, bit] of Object.entries(SUGGEST)) if (a.have & bit) suggestions[name] = a[name];
  const smoothed = a.kept ? Array.from(rt.f64(sm, a.kept), (v) => (Number.isFinite(v) ? v : null)) : [];
  return { smoothed, kept: a.kept, suggestions };
}

function readModel(jm) {
  if (!isObject(jm)) throw bad('model: must be an object');
  for (const k of Object.keys(jm)) {
    if (k !== 'sizes' && k !== 'activation' && k !== 'loss') throw bad(`model.${k}: unknown field`);
  }
  const sizes = numberArray(jm.sizes, 'model.sizes', MAX_LAYERS + 2, false);
  if (sizes.length < 2) throw bad('model.sizes: needs at least inputs and outputs');
  sizes.forEach((s, i) => {
    if (s !== Math.floor(s) || s < 1 || s > MAX_WIDTH) throw bad(`model.sizes[${i}]: must be a whole number in [1, ${MAX_WIDTH}]`);
  });
  const act = ENUMS.activation.indexOf(typeof jm.activation === 'string' ? jm.activation : '');
  if (act < 0) throw bad(`model.activation: must be one of ${listOf(ENUMS.activation, ', ')}`);
  const loss = ENUMS.loss.indexOf(typeof jm.loss === 'string' ? jm.loss : '');
  if (loss < 0) throw bad(`model.loss: must be ${listOf(ENUMS.loss, ' or ')}`);
  return { sizes, act, loss };
}

function specTrain(rt, S, spec) {
  const x = rt.x;
  checkKeys(spec, ['model', 'layers', 'x', 'y', 'batches', 'optimizer', 'lrs']);
  const model = readModel(need(spec, 'model'));
  const { sizes } = model;
  const nIn = sizes[0], nOut = sizes[sizes.length - 1], ce = model.loss === CROSS_ENTROPY;
  const oc = newOptimCfg(rt, S);
  readOptim(rt, S, need(spec, 'optimizer'), 'optimizer', oc);
  const jb = need(spec, 'batches');
  const jlr = need(spec, 'lrs');
  const jx = need(spec, 'x');
  const jy = need(spec, 'y');
  const jl = need(spec, 'layers');
  if (!Array.isArray(jb)) throw bad('batches: must be an array of arrays of row indices');
  const lrs = numberArray(jlr, 'lrs', SPEC_MAX_TRACE, false);
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
    const st = x.lrp_mlp_create(out, mc, MAX_BATCH, err, rt.ERRLEN);
    if (st !== OK) throw new LrplayError(rt.cstr(err) || rt.statusName(st), { status: 'LRP_EINVAL' });
    const m = rt.u32at(out);
    handles.push(() => x.lrp_mlp_destroy(m));
    const np = x.lrp_mlp_num_params(m) >>> 0;
    const rowsSeen = jb.reduce((sum, b) => sum + (Array.isArray(b) ? b.length : 0), 0);
    if (np * jb.length > SPEC_MAX_OUTPUT || np * rowsSeen > MAX_WORK) {
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
    if (rows === 0 || rows > MAX_SAMPLES) throw bad(`x: must have 1 to ${MAX_SAMPLES} rows`);
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
    const xb = S.alloc(4 * MAX_BATCH * nIn), yb = S.alloc(4 * MAX_BATCH * ycols);
    const losses = [];
    jb.forEach((jbatch, k) => {
      const what = `batches[${k}]`;
      if (!Array.isArray(jbatch) || jbatch.length < 1 || jbatch.length > MAX_BATCH) {
        throw bad(`${what}: must list 1 to ${MAX_BATCH} row indices`);
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
