// core/api.js — the JavaScript API over the running core: configs, the range test, training,
// the data set, the spec runner, and text edits of an experiment. See core.js for the overview.
//
// Memory: every call allocates what it needs and frees it in a finally block.

import { LrplayError } from './errors.js';
import { makeRuntime, statusOf, status, enumValue } from './abi.js';
import { SUGGEST, ENUMS } from './schema.gen.js';
import { instantiate } from './loader.js';
import { readExperimentInto, writeExperiment, fieldInfos } from './config-json.js';
import { runSpecOn } from './spec.js';
import { SUGGESTIONS, pickNames, ratesOf, resolvePick, aggregateFind, aggregateTrain } from './repeats.js';
import { makeData } from './data.js';

// The core's enum values this file passes or tests, by name (schema.gen.js).
const OK = status('LRP_OK'), DIVERGED = status('LRP_EDIVERGED');
const SET_MODE = { strict: enumValue('set_mode', 'strict'), clamp: enumValue('set_mode', 'clamp') };
const MSE = enumValue('loss', 'mse');

/* ---------------------------------------------------------- scheduling */
// A macrotask, so that messages (a worker's cancel) are handled between steps.
function nextTask() {
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  if (typeof MessageChannel === 'function') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { ch.port1.close(); r(); };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

function abortError() {
  if (typeof DOMException === 'function') return new DOMException('The operation was aborted', 'AbortError');
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}
function checkAborted(signal) { if (signal?.aborted) throw abortError(); }

/* ------------------------------------------------------------- loading */
/**
 * Loads and instantiates the core.
 * @param {object} [opts]
 * @param {'auto'|'simd'|'scalar'} [opts.flavor='auto'] which build; 'auto' picks SIMD when the
 *   engine validates a SIMD128 module.
 * @param {ArrayBuffer|Uint8Array|URL|string|WebAssembly.Module|function} [opts.wasm] the module for
 *   the chosen flavor (or a function flavor -> one of those); default: build-wasm/lrplay-FLAVOR.wasm
 *   next to this repository (Node reads it from disk, a page fetches it).
 */
export async function loadCore(opts = {}) {
  return makeCore(makeRuntime(await instantiate(opts ?? {})));
}

/* ------------------------------------------------------------- results */
const nz = (v) => (Number.isFinite(v) ? v : null);
const idx = (v) => (v < 0 ? null : v);

function readDoubles(rt, p, n) {
  if (!n) return [];
  return Array.from(rt.f64(p, n), nz);
}

// The analysis at p as `find` prints it: the suggestions through the core's pick mapping
// (c_src/pick.c), in the printed order, and the picked rate for pick kind `want`.
function readAnalysis(rt, p, lr, pk) {
  const a = rt.struct(p, rt.L.lrfind_result);
  const S = rt.scope();
  const rates = [];
  try {
    const out = S.alloc(8);
    for (let k = 0; k < pk.names.length; k++) rates.push(rt.x.lrp_lrfind_suggestion(p, k, out) ? rt.f64at(out) : NaN);
  } finally { S.freeAll(); }
  const suggestions = {};
  for (const name of SUGGESTIONS) {
    const k = pk.names.indexOf(name);
    if (k >= 0 && !Number.isNaN(rates[k])) suggestions[name] = nz(rates[k]);
  }
  const steepRange = a.i_lo >= 0 && a.i_hi >= 0 && a.i_hi < lr.length ? [lr[a.i_lo], lr[a.i_hi]] : null;
  return { kept: a.kept, suggestions, steepRange, picked: resolvePick(rt, pk.names, ratesOf(pk.names, suggestions), pk.want) };
}

function readFind(rt, r, pk) {
  const F = rt.L.find_result;
  const f = rt.struct(r, F);
  const lr = readDoubles(rt, f.lr, f.n);
  const a = readAnalysis(rt, r + F.off.analysis, lr, pk);
  return {
    lr, loss: readDoubles(rt, f.loss, f.n), smoothed: readDoubles(rt, f.smoothed, f.n),
    kept: a.kept, diverged: f.diverged !== 0, suggestions: a.suggestions, steep_range: a.steepRange,
    picked: a.picked,
  };
}

function readRun(rt, r, index, label) {
  const t = rt.struct(r, rt.L.train_result);
  const n = t.epochs_done;
  const events = [];
  const E = rt.L.event;
  for (let i = 0; i < t.n_events; i++) {
    const ev = rt.struct(t.events + i * E.size, E);
    events.push({ epoch: ev.epoch, old_lr: nz(ev.old_lr), new_lr: nz(ev.new_lr), reason: ENUMS.event_reason[ev.reason] ?? '?' });
  }
  return {
    index, label, status: t.status === DIVERGED ? 'diverged' : 'ok',
    diverged_epoch: idx(t.diverged_epoch),
    epochs: n,
    lr: readDoubles(rt, t.lr, n),
    train_loss: readDoubles(rt, t.train_loss, n),
    val_loss: readDoubles(rt, t.val_loss, n),
    val_acc: readDoubles(rt, t.val_acc, n),       // null entries for regression
    best_val_loss: nz(t.best_val_loss), best_epoch: idx(t.best_epoch),
    epochs_to_target: idx(t.epochs_to_target),
    stopped_epoch: idx(t.stopped_epoch), restored_epoch: idx(t.restored_epoch),
    final_val_loss: nz(t.final_val_loss), final_val_acc: nz(t.final_val_acc),
    events,
  };
}

function makeCore(rt) {
  const x = rt.x;
  const version = rt.cstr(x.lrp_version());
  const buildFlavor = rt.cstr(x.lrp_build_flavor());
  const flavor = buildFlavor === 'scalar' ? 'scalar' : 'simd';

  /** Runs fn(e, notes) on an experiment read from `config` (defaults when undefined). */
  function withExperiment(config, mode, fn) {
    const S = rt.scope();
    try {
      const e = S.zalloc(rt.L.experiment.size);
      const notes = readExperimentInto(rt, e, config, mode);
      return fn(e, notes, S);
    } finally { S.freeAll(); }
  }

  function createSession(S, e) {
    const out = S.zalloc(4), err = S.zalloc(rt.ERRLEN);
    rt.check(x.lrp_session_create(out, e, err, rt.ERRLEN), err);
    return rt.u32at(out);
  }

  const tables = makeData(rt);

  /**
   * The experiment from a config object, validated, plus its canonical form; `data` (the
   * file's bytes or a table from loadData) is attached to a csv experiment. done() frees it all.
   */
  function prepare(config, data = null, mode = 'strict') {
    const S = rt.scope();
    let detach = () => {};
    try {
      const e = S.zalloc(rt.L.experiment.size);
      const notes = readExperimentInto(rt, e, config, mode);
      if (data !== null && data !== undefined) detach = tables.attach(S, e, writeExperiment(rt, e), data);
      const done = () => { detach(); S.freeAll(); };
      return { S, e, notes, canonical: writeExperiment(rt, e), done };
    } catch (err) { detach(); S.freeAll(); throw err; }
  }

  /* ------------------------------------------------------- seeds */
  const picks = pickNames(rt);
  const pickOf = (canonical) => ({ names: picks, want: Math.max(0, picks.indexOf(canonical.find?.pick)) });

  /** The seeds to run: every one of the experiment's repeats, or only seedIndex. */
  function seedList(canonical, seedIndex) {
    const R = canonical.repeats ?? 1;
    if (seedIndex === undefined || seedIndex === null) return { ks: [...Array(R).keys()], one: false };
    if (!Number.isInteger(seedIndex) || seedIndex < 0 || seedIndex >= R) {
      throw new LrplayError(`seedIndex: ${seedIndex} is not a seed of this config (it repeats over ${R})`, { status: 'LRP_EINVAL' });
    }
    return { ks: [seedIndex], one: true };
  }

  /** Seed k's own experiment (lrp_exp_seed_k: seed + k, one repeat) in scope S. */
  function seedExperiment(S, e, k) {
    const one = S.zalloc(rt.L.experiment.size);
    x.lrp_exp_seed_k(e, k, one);
    return one;
  }

  async function findSeed(S, e, k, every, pk, onProgress, signal) {
    let s = 0;
    try {
      s = createSession(S, seedExperiment(S, e, k));
      const st = x.lrp_find_begin(s);
      if (st !== OK) throw new LrplayError(`find: ${rt.statusName(st)}`, { status: statusOf(st) });
      const r = S.zalloc(rt.L.find_result.size);
      for (;;) {
        const more = x.lrp_find_step(s, BigInt(every));   // int64_t max_iters
        if (onProgress) { x.lrp_find_get(s, r); onProgress(readFind(rt, r, pk), k); }
        if (!more) break;
        await nextTask();
        checkAborted(signal);
      }
      x.lrp_find_get(s, r);
      return readFind(rt, r, pk);
    } finally {
      if (s) x.lrp_session_destroy(s);
    }
  }

  /**
   * The range test, as `lrplay find`: every seed of a repeated experiment (config.repeats), or
   * with seedIndex k only seed k, whose result's `find` is then {seed, ...} as per_seed[k].
   * onProgress(partialFind, k) after every progressEvery iterations of seed k.
   */
  async function find(config, { progressEvery = 10, onProgress = null, signal = null, seedIndex = null, data = null } = {}) {
    checkAborted(signal);
    const every = Math.max(1, Math.floor(Number(progressEvery) || 10));
    const { S, e, canonical, done } = prepare(config, data);
    try {
      const { ks, one } = seedList(canonical, seedIndex);
      const pk = pickOf(canonical);
      const per = [];
      for (const k of ks) per.push({ seed: canonical.seed + k, ...(await findSeed(S, e, k, every, pk, onProgress, signal)) });
      const f = one ? per[0] : aggregateFind(rt, canonical, per, pk.names, pk.want);
      return { lrplay: version, kind: 'find', config: canonical, find: f };
    } finally { done(); }
  }

  async function trainSeed(S, e, k, list, canonical, onEpoch, signal) {
    let s = 0;
    try {
      s = createSession(S, seedExperiment(S, e, k));
      const r = S.zalloc(rt.L.train_result.size);
      const out = [];
      for (const i of list) {
        const label = canonical.runs?.[i]?.label ?? `run ${i + 1}`;
        const st = x.lrp_train_begin(s, i);
        if (st !== 0) throw new LrplayError(`runs.${i}: ${rt.statusName(st)}`, { status: statusOf(st) });
        for (;;) {
          const more = x.lrp_train_epoch(s);
          if (onEpoch) { x.lrp_train_get(s, r); onEpoch(i, readRun(rt, r, i, label), k); }
          await nextTask();
          checkAborted(signal);
          if (!more) break;
        }
        x.lrp_train_get(s, r);
        out.push(readRun(rt, r, i, label));
      }
      return out;
    } finally {
      if (s) x.lrp_session_destroy(s);
    }
  }

  /**
   * Training, as `lrplay train`: the runs listed (default all) for every seed, or with seedIndex
   * k for seed k only, whose `runs` are then {seed, ...} entries as runs[i].per_seed[k].
   * onEpoch(runIndex, partialRun, k) after every epoch.
   */
  async function train(config, { runs = null, onEpoch = null, signal = null, seedIndex = null, data = null } = {}) {
    checkAborted(signal);
    const { S, e, canonical, done } = prepare(config, data);
    try {
      const nRuns = rt.u32at(e + rt.L.experiment.off.n_runs);
      let list;
      if (runs === null || runs === undefined) list = [...Array(nRuns).keys()];
      else list = (Array.isArray(runs) ? runs : [runs]).map(Number);
      for (const i of list) {
        if (!Number.isInteger(i) || i < 0 || i >= nRuns) {
          throw new LrplayError(`runs: ${i} is not a run of this config (it has ${nRuns})`, { status: 'LRP_EINVAL' });
        }
      }
      const { ks, one } = seedList(canonical, seedIndex);
      const per = [];
      for (const k of ks) {
        const got = await trainSeed(S, e, k, list, canonical, onEpoch, signal);
        per.push(got.map((r) => ({ seed: canonical.seed + k, ...r })));
      }
      return { lrplay: version, kind: 'train', config: canonical, runs: one ? per[0] : aggregateTrain(rt, canonical, per) };
    } finally { done(); }
  }

  /** The canonical config of `config` (validated; a csv config with its `data` attached), for the aggregates. */
  const canonicalOf = (config, data = null) => { const p = prepare(config, data); p.done(); return p.canonical; };

  /** The data set of a config: standardized inputs and targets, as the network sees them. With
   * `replay`, also what a replay needs (lrplay data / init / export): the initial weights
   * (`params`, lrp_mlp_params' layout), epoch 0's batch order (`order0`), the layer sizes, the
   * split sizes, the canonical config and the version. `data`: a csv experiment's file (bytes or a
   * table from loadData). */
  function dataset(config, { replay = false, data = null } = {}) {
    const { S, e, canonical, done } = prepare(config, data);
    let s = 0;
    try {
      s = createSession(S, e);
      const v = rt.struct(x.lrp_session_data(s), rt.L.data_view);
      const ycols = v.loss === MSE ? v.n_out : 1;
      const copy32 = (p, n) => (n ? Float32Array.from(rt.f32(p, n)) : new Float32Array(0));
      const out = {
        n_in: v.n_in, n_out: v.n_out, loss: ENUMS.loss[v.loss],
        x_train: copy32(v.x_train, v.n_train * v.n_in), y_train: copy32(v.y_train, v.n_train * ycols),
        x_val: copy32(v.x_val, v.n_val * v.n_in), y_val: copy32(v.y_val, v.n_val * ycols),
      };
      if (!replay) return out;
      const np = S.zalloc(4), ord = S.zalloc(4 * Math.max(1, v.n_train));
      const p = x.lrp_session_init_params(s, np);
      out.params = copy32(p, rt.u32at(np));
      rt.check(x.lrp_session_batch_order(s, 0n, ord), 0);
      out.order0 = Uint32Array.from(new Uint32Array(rt.u8().buffer, ord, v.n_train));
      out.sizes = [v.n_in, ...canonical.model.hidden, v.n_out];
      Object.assign(out, { n_train: v.n_train, n_val: v.n_val, config: canonical, version, seed: canonical.seed });
      return out;
    } finally {
      if (s) x.lrp_session_destroy(s);
      done();
    }
  }


  /**
   * Edits an experiment field by field, from text (what a link or a form holds). fn(draft) runs
   * on an experiment in the core's memory (the defaults to start with), freed when fn returns;
   * returns what fn returns. The draft:
   *   read(config, mode='strict')  the experiment of a config object, as readConfig reads it
   *                                (throws LrplayError); returns the notes (clamp mode)
   *   reset()                      the defaults
   *   clearRuns()                  no runs; setting "runs.N.*" then makes runs 0..N
   *   setText(path, text, {mode='strict', keepValid=false}) -> {status, statusText, message, invalid}
   *       lrp_exp_set_text: the field parses the text by its type; mode 'clamp' corrects numbers.
   *       `status` is the status name ('LRP_OK', ...), `statusText` the core's words for it,
   *       `message` what the core said (a refusal, or what clamp mode corrected; '' when nothing).
   *       A refused set leaves the experiment as it was. With keepValid, a set that leaves it
   *       invalid (lrp_experiment_validate) is undone too and `invalid` holds the reason (else null).
   *   validate()                   null when the experiment is valid, else the core's message
   *   config()                     the canonical config object
   */
  function editConfig(fn) {
    const S = rt.scope();
    try {
      const E = rt.L.experiment.size;
      const e = S.zalloc(E), snap = S.zalloc(E), err = S.zalloc(rt.ERRLEN);
      x.lrp_experiment_defaults(e);
      const save = () => rt.u8().copyWithin(snap, e, e + E);
      const restore = () => rt.u8().copyWithin(e, snap, snap + E);
      const validate = () => {
        rt.u8()[err] = 0;
        return x.lrp_experiment_validate(e, err, rt.ERRLEN) === OK ? null : rt.cstr(err) || 'invalid';
      };
      const draft = {
        read(config, mode = 'strict') {
          if (mode !== 'strict' && mode !== 'clamp') throw new TypeError(`read: mode must be strict or clamp, not ${mode}`);
          return readExperimentInto(rt, e, config, mode);
        },
        reset() { x.lrp_experiment_defaults(e); },
        clearRuns() { x.lrp_exp_clear_runs(e); },
        setText(path, text, { mode = 'strict', keepValid = false } = {}) {
          if (mode !== 'strict' && mode !== 'clamp') throw new TypeError(`setText: mode must be strict or clamp, not ${mode}`);
          save();
          const S2 = rt.scope();
          try {
            rt.u8()[err] = 0;
            const st = x.lrp_exp_set_text(e, S2.str(path), S2.str(text), SET_MODE[mode], err, rt.ERRLEN);
            const r = { status: statusOf(st), statusText: rt.statusName(st), message: rt.cstr(err) ?? '', invalid: null };
            if (st !== OK) restore();
            else if (keepValid) {
              r.invalid = validate();
              if (r.invalid !== null) restore();
            }
            return r;
          } finally { S2.freeAll(); }
        },
        validate,
        config() { return writeExperiment(rt, e); },
      };
      return fn(draft);
    } finally { S.freeAll(); }
  }

  return {
    flavor, buildFlavor, version,
    runSpec(spec) { return runSpecOn(rt, spec); },
    defaultConfig() { return withExperiment(undefined, 'strict', (e) => writeExperiment(rt, e)); },
    /** The canonical config; with `data`, a csv config records the file's name, SHA-256 and shape. */
    readConfig(obj, { mode = 'strict', data = null } = {}) {
      if (mode !== 'strict' && mode !== 'clamp') throw new TypeError(`readConfig: mode must be strict or clamp, not ${mode}`);
      const { notes, canonical, done } = prepare(obj, data, mode);
      done();
      return { config: canonical, notes };
    },
    /**
     * The estimated time of a config (lrp_experiment_cost, c_src/cost.c), in seconds of the
     * WebAssembly SIMD build on the reference machine: {find, run, train} (the range test, one
     * run, all runs), also for a config past the cap, which validation refuses (a find or train
     * over LIMITS.MAX_SECONDS); every field is read strictly.
     */
    cost(config) {
      const S = rt.scope();
      try {
        const e = S.zalloc(rt.L.experiment.size), p = S.zalloc(rt.L.cost.size);
        readExperimentInto(rt, e, config, 'strict', { validate: false });
        x.lrp_experiment_cost(e, p);
        const at = (m) => rt.f64(p + rt.L.cost.off[m], 1)[0];
        return { find: at('find'), run: at('run'), train: at('train') };
      } finally { S.freeAll(); }
    },
    /** The caller's CSV/TSV bytes as a table (see core/data.js); free() it when done. */
    loadData: tables.loadData,
    /** SHA-256 of bytes, 64 lowercase hex digits (the core's, as data.sha256 records it). */
    sha256: tables.sha256,
    /** The field walk of a config (lrp_exp_field): the fields that apply to its kinds, in order. */
    schema(config) { return withExperiment(config, 'strict', (e) => fieldInfos(rt, e)); },
    editConfig,
    find, train, dataset,
    /**
     * The result of a repeated experiment from its seeds' results, each computed apart (the
     * page's workers: find/train with {seedIndex}): the same object `find`/`train` return
     * without seedIndex, number for number. perSeed[k] is seed k's `find` object;
     * perSeedRuns[k] seed k's `runs` array (the same runs, in the same order, for every seed).
     * `data`: a csv experiment's file, as its seeds ran with (the config then records it).
     */
    aggregateFind(config, perSeed, { data = null } = {}) {
      const canonical = canonicalOf(config, data), pk = pickOf(canonical);
      return { lrplay: version, kind: 'find', config: canonical, find: aggregateFind(rt, canonical, perSeed, pk.names, pk.want) };
    },
    aggregateTrain(config, perSeedRuns, { data = null } = {}) {
      const canonical = canonicalOf(config, data);
      return { lrplay: version, kind: 'train', config: canonical, runs: aggregateTrain(rt, canonical, perSeedRuns) };
    },
    /** Bytes of WebAssembly memory (for tests: it must stop growing). */
    memoryBytes() { return x.memory.buffer.byteLength; },
    /** The raw exports and runtime, for benchmarks and tests. */
    raw: rt,
  };
}
