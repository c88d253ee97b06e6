// core/config-json.js — config objects (JSON) <-> the core's experiment struct, through the
// core's schema functions only (lrp_exp_set_*, lrp_exp_field, lrp_optim_set_*, lrp_sched_set_*).
//
// The JavaScript twin of the native CLI's cli/config_json.c: the same walk, the same order of
// checks and the same messages, so that `bin/lrplay.mjs` and `build/lrplay` agree on every input.
// Functions here take `rt`, the runtime of core/abi.js; they never hold a heap view across a call.

import { LrplayError, bad } from './errors.js';
import { fmtG17 } from './output.js';
import { status, enumValue } from './abi.js';
import { ENUMS, LIMITS, INPUT_LIMITS } from './schema.gen.js';

const { MAX_LIST, MAX_PATH } = INPUT_LIMITS;   // numbers in one config list; bytes of a path (cli/limits.h)
const { MAX_RUNS } = LIMITS;
const OK = status('LRP_OK'), EINVAL = status('LRP_EINVAL'), ENOMEM = status('LRP_ENOMEM');
const SET_MODE = { strict: enumValue('set_mode', 'strict'), clamp: enumValue('set_mode', 'clamp') };

export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
/** cJSON_GetObjectItemCaseSensitive: a member of an object, undefined for anything else. */
export const member = (o, k) => (isObject(o) && has(o, k) ? o[k] : undefined);

/* --------------------------------------------------------- number arrays */
/** cli_number_array: finite numbers (NaN from null only where allowNull). */
export function numberArray(arr, what, maxN, allowNull) {
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

export function whole(v, what, lo, hi) {
  if (typeof v !== 'number' || !Number.isFinite(v) || v !== Math.floor(v)) throw bad(`${what}: must be a whole number`);
  if (v < lo || v > hi) throw bad(`${what}: ${fmtG17(v)} is out of range [${fmtG17(lo)}, ${fmtG17(hi)}]`);
  return v;
}

export function finiteIn(v, what, lo, hi) {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${what}: must be a finite number`);
  if (v < lo || v > hi) throw bad(`${what}: ${fmtG17(v)} is out of range [${fmtG17(lo)}, ${fmtG17(hi)}]`);
  return v;
}

/* ------------------------------------------------------- setters by path */
// One setter per target (an experiment by dotted path, a bare optimizer or scheduler object by
// key), as in cli/config_json.c. Each returns the core's status and leaves its message in err.
export function setter(rt, S, kind, target, mode) {
  const x = rt.x, err = S.zalloc(rt.ERRLEN), E = rt.ERRLEN;
  const call = (fn) => {
    const S2 = rt.scope();
    try {
      rt.u8()[err] = 0;
      const st = fn(S2);
      return { st, msg: rt.cstr(err) };
    } finally { S2.freeAll(); }
  };
  const m = SET_MODE[mode];
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
      list: (k) => ({ st: EINVAL, msg: `${k}: must be a single value, not a list` }),
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
export function walkObject(ctx, obj, prefix, skipRuns) {
  const keys = Object.keys(obj);
  for (let rank = 0; rank <= 2; rank++) {
    for (const k of keys) {
      if (skipRuns && !prefix && k === 'runs') continue;
      const path = prefix + k;
      if (utf8Length(path) > MAX_PATH) throw bad(`${ctx.what}${prefix.slice(0, 40)}...: name too long`);
      const v = obj[k];
      if (keyRank(k) !== rank || (isObject(v) && rank !== 2)) continue;
      setValue(ctx, path, v);
    }
  }
}

function report(ctx, r) {
  if (r.st === OK) {
    if (r.msg && ctx.notes) ctx.notes.push(r.msg);
    return;
  }
  const msg = ctx.what + r.msg;
  if (ctx.notes && r.st !== ENOMEM) { ctx.notes.push(`${msg} (ignored)`); return; }
  throw new LrplayError(msg, { status: r.st === ENOMEM ? 'LRP_ENOMEM' : 'LRP_EINVAL' });
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
 * returns the notes. Returns the notes (empty in strict mode). {validate: false} leaves the
 * last step out (the cost of a config past the cap).
 */
export function readExperimentInto(rt, e, config, mode = 'strict', { validate = true } = {}) {
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
      } else if (runs.length > MAX_RUNS) {
        if (!ctx.notes) throw bad(`runs: at most ${MAX_RUNS} runs`);
        notes.push(`runs: at most ${MAX_RUNS} runs; the first ${MAX_RUNS} kept`);
        runs = runs.slice(0, MAX_RUNS);
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
          if (act.st !== OK) throw bad(act.msg);
          walkObject(ctx, r, `runs.${n}.`, false);
          n++;
        });
      }
    }
    if (!validate) return notes;
    const err = S.zalloc(rt.ERRLEN);
    const st = x.lrp_experiment_validate(e, err, rt.ERRLEN);
    if (st !== OK) rt.check(st, err);
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
  const type = ENUMS.field_type[f.type] ?? `type ${f.type}`;
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
