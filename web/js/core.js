// core.js — the lrplay core compiled to WebAssembly: our own small loader and the JavaScript API.
//
// One ES module for a page, a worker and Node. The .wasm files are standalone reactor modules
// built by build_wasm.sh (no Emscripten JS glue): we instantiate them with the few imports they
// declare and call the exported lrp_* functions on plain data.
//
//   const core = await loadCore({flavor: 'auto'});       // 'auto' | 'simd' | 'scalar'
//   core.runSpec(spec)                                    // as `lrplay spec`
//   core.defaultConfig(), core.readConfig(obj, {mode}), core.schema(config)
//   await core.find(config, {progressEvery, onProgress, signal})     // as `lrplay find`
//   await core.train(config, {runs, onEpoch, signal})                 // as `lrplay train`
//   core.configFromPairs(pairs, {base}) -> {config, notes}            // a link's key=value pairs
//   core.linkFields(config) -> [{name, type, value, isDefault}]       // what a link writes
//
// Memory: every call allocates what it needs and frees it in a finally block. Views onto the
// heap (typed arrays, DataView) are re-created whenever memory.buffer has changed, which is
// what happens after any call that grows memory.

import {
  LrplayError, readExperimentInto, writeExperiment, fieldInfos, runSpecOn, toJSON,
} from './config.js';
import { orderPairs } from './link.js';

export { LrplayError, toJSON };

// The smallest module that uses a SIMD128 instruction (as in wasm-feature-detect).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10,
  1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function simdSupported() {
  try { return WebAssembly.validate(SIMD_PROBE); } catch { return false; }
}

const IS_NODE = typeof process !== 'undefined' && !!process.versions?.node;

/* ----------------------------------------------------------------- layouts */
// Struct layouts come from the core itself (c_src/abi.c: lrp_abi_layout), never from guesses.
// Each entry: the struct's id in abi.c and its members in the same order, with a type:
// u32 (size_t, unsigned, pointers), i32 (int, long and enums on wasm32), f64 (double),
// or '*' (an embedded struct or array: offset only).
const ABI = {
  find_result: [0, 'n:u32 lr:u32 loss:u32 smoothed:u32 diverged:i32 analysis:*'],
  lrfind_result: [1, 'kept:u32 have:u32 minimum:f64 steep:f64 valley:f64 i_minimum:i32 i_steep:i32 i_valley:i32 i_lo:i32 i_hi:i32 slide:f64 gradient:f64 i_slide:i32 i_gradient:i32'],
  train_result: [2, 'epochs_done:u32 lr:u32 train_loss:u32 val_loss:u32 val_acc:u32 n_events:u32 events:u32 status:i32 diverged_epoch:i32 best_val_loss:f64 best_epoch:i32 epochs_to_target:i32'],
  event: [3, 'epoch:i32 old_lr:f64 new_lr:f64 reason:i32'],
  field_value: [4, 'name:u32 type:i32 min:f64 max:f64 choices:u32 max_items:u32 help:u32 name_buf:* number:f64 str:u32 list:* n_list:u32 is_default:i32'],
  lrfind_cfg: [5, 'beta:f64 diverge:f64 num_it:i32 skip_end:i32'],
  plateau: [6, 'lr:f64'],
  mlp_cfg: [7, 'sizes:* n_sizes:u32 act:i32 loss:i32'],
  sched_cfg: [8, 'kind:i32'],
  optim_cfg: [9, 'kind:i32 lr:f64'],
  experiment: [10, 'n_runs:u32 runs:*'],
  run_cfg: [11, 'label:*'],
  data_view: [12, 'n_train:u32 n_val:u32 n_in:u32 n_out:u32 loss:i32 x_train:u32 y_train:u32 x_val:u32 y_val:u32'],
};
const NONE = 0xFFFFFFFF;  // (size_t)-1 from lrp_abi_layout

function readLayouts(x) {
  if (typeof x.lrp_abi_layout !== 'function') throw new Error('lrplay core: the module has no lrp_abi_layout');
  const lay = (which, k) => x.lrp_abi_layout(which, k) >>> 0;
  const out = {};
  for (const [name, [id, spec]] of Object.entries(ABI)) {
    const members = spec.split(' ').map((m) => m.split(':'));
    const size = lay(id, 0);
    if (size === NONE) throw new Error(`lrplay core: lrp_abi_layout does not know struct ${name}`);
    if (lay(id, members.length + 1) !== NONE) throw new Error(`lrplay core: struct ${name} has more members than this loader knows`);
    const L = { size, off: {}, type: {} };
    members.forEach(([m, t], i) => {
      const off = lay(id, i + 1), sz = lay(id + 100, i + 1);
      if (off === NONE) throw new Error(`lrplay core: struct ${name} has no member ${m}`);
      const want = t === 'f64' ? 8 : t === '*' ? sz : 4;
      if (sz !== want) throw new Error(`lrplay core: ${name}.${m} is ${sz} bytes, expected ${want}`);
      L.off[m] = off;
      L.type[m] = t;
    });
    out[name] = L;
  }
  return out;
}

/* ----------------------------------------------------------------- runtime */
// The low-level side shared with config.js: heap access, allocation, strings, errors.
function makeRuntime(instance) {
  const x = instance.exports;
  const memory = x.memory;
  let buf = null, dv = null, u8 = null;
  const refresh = () => {
    if (buf !== memory.buffer) { buf = memory.buffer; dv = new DataView(buf); u8 = new Uint8Array(buf); }
  };
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const rt = {
    x,
    L: readLayouts(x),
    ERRLEN: 256,
    dv() { refresh(); return dv; },
    u8() { refresh(); return u8; },
    f32(p, n) { refresh(); return new Float32Array(buf, p, n); },
    f64(p, n) { refresh(); return new Float64Array(buf, p, n); },
    u32at(p) { return rt.dv().getUint32(p, true); },
    i32at(p) { return rt.dv().getInt32(p, true); },
    f64at(p) { return rt.dv().getFloat64(p, true); },
    setU32(p, v) { rt.dv().setUint32(p, v, true); },
    setI32(p, v) { rt.dv().setInt32(p, v, true); },
    setF64(p, v) { rt.dv().setFloat64(p, v, true); },
    /** A struct's scalar members as an object (embedded members are skipped). */
    struct(p, L) {
      const o = {};
      const d = rt.dv();
      for (const m in L.off) {
        const t = L.type[m], at = p + L.off[m];
        if (t === 'u32') o[m] = d.getUint32(at, true);
        else if (t === 'i32') o[m] = d.getInt32(at, true);
        else if (t === 'f64') o[m] = d.getFloat64(at, true);
      }
      return o;
    },
    cstr(p) {
      if (!p) return null;
      const h = rt.u8();
      let e = p;
      while (h[e] !== 0) e++;
      return dec.decode(h.subarray(p, e));
    },
    /** An allocation scope: alloc() records, freeAll() frees in reverse order. */
    scope() {
      const ptrs = [];
      return {
        alloc(n) {
          const p = x.malloc(Math.max(1, n)) >>> 0;
          if (!p) throw new LrplayError(`out of memory (${n} bytes)`, { status: 'LRP_ENOMEM', exitCode: 1 });
          ptrs.push(p);
          return p;
        },
        zalloc(n) { const p = this.alloc(n); rt.u8().fill(0, p, p + n); return p; },
        str(s) {
          const bytes = enc.encode(String(s));
          const p = this.alloc(bytes.length + 1);
          const h = rt.u8();
          h.set(bytes, p);
          h[p + bytes.length] = 0;
          return p;
        },
        doubles(arr) {
          const p = this.alloc(8 * arr.length);
          rt.f64(p, arr.length).set(arr);
          return p;
        },
        floats(arr) {
          const p = this.alloc(4 * arr.length);
          rt.f32(p, arr.length).set(arr);
          return p;
        },
        freeAll() { while (ptrs.length) x.free(ptrs.pop()); },
      };
    },
    statusName(s) { return rt.cstr(x.lrp_status_str(s)) || `status ${s}`; },
    /** Throws the core's error: its err-buffer text, or the status name when empty. */
    check(status, errPtr, prefix = '') {
      if (status === 0) return;
      const msg = (errPtr && rt.cstr(errPtr)) || rt.statusName(status);
      throw new LrplayError(prefix + msg, { status: STATUS[status] || `status ${status}`, exitCode: status === 2 ? 1 : 2 });
    },
  };
  return rt;
}

const STATUS = ['LRP_OK', 'LRP_EINVAL', 'LRP_ENOMEM', 'LRP_ELIMIT', 'LRP_EDIVERGED', 'LRP_ESTATE'];

/* ------------------------------------------------------------- the imports */
// Provide exactly what the module declares: the memory-growth notification (a no-op: our
// views notice the new buffer themselves) and, for anything else (WASI stubs pulled in by
// libc paths we never take), a function that throws if it is ever called.
function makeImports(module) {
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') throw new Error(`lrplay core: unsupported import ${imp.module}.${imp.name} (${imp.kind})`);
    const name = `${imp.module}.${imp.name}`;
    let fn;
    if (imp.name === 'emscripten_notify_memory_growth') fn = () => {};
    else if (imp.name === 'proc_exit') fn = (code) => { throw new Error(`lrplay core: exit(${code})`); };
    else fn = () => { throw new Error(`lrplay core: called ${name}, which the loader does not provide`); };
    (imports[imp.module] ??= {})[imp.name] = fn;
  }
  return imports;
}

/* ------------------------------------------------------------- the bytes */
async function nodeReadFile(url) {
  const fsName = 'node:fs/promises';            // not a literal: bundlers leave it alone
  const fs = await import(/* @vite-ignore */ fsName);
  return fs.readFile(url);
}

function defaultWasmUrl(flavor) {
  const base = import.meta.url;
  if (!base) throw new Error('lrplay core: no wasm given and no module URL to find build-wasm/ from');
  return new URL(`../../build-wasm/lrplay-${flavor}.wasm`, base);
}

async function toBytesOrModule(src) {
  if (src instanceof WebAssembly.Module) return src;
  if (src instanceof ArrayBuffer) return new Uint8Array(src);
  if (ArrayBuffer.isView(src)) return new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
  if (typeof src === 'string' || src instanceof URL) {
    const url = src instanceof URL ? src : new URL(src, IS_NODE ? `file://${process.cwd()}/` : self.location.href);
    if (IS_NODE && url.protocol === 'file:') return new Uint8Array(await nodeReadFile(url));
    const res = await fetch(url);
    if (!res.ok) throw new Error(`lrplay core: could not load ${url} (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  }
  throw new TypeError('lrplay core: wasm must be an ArrayBuffer, a Uint8Array, a URL, a string or a WebAssembly.Module');
}

const moduleCache = new Map();  // default files only: flavor -> Promise<WebAssembly.Module>

async function getModule(flavor, wasm) {
  if (wasm === undefined || wasm === null) {
    if (!moduleCache.has(flavor)) {
      const p = toBytesOrModule(defaultWasmUrl(flavor)).then((b) => WebAssembly.compile(b));
      p.catch(() => moduleCache.delete(flavor));
      moduleCache.set(flavor, p);
    }
    return moduleCache.get(flavor);
  }
  const src = typeof wasm === 'function' ? await wasm(flavor) : wasm;
  const b = await toBytesOrModule(src);
  return b instanceof WebAssembly.Module ? b : WebAssembly.compile(b);
}

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
export async function loadCore({ flavor = 'auto', wasm } = {}) {
  if (!['auto', 'simd', 'scalar'].includes(flavor)) throw new TypeError(`loadCore: flavor must be auto, simd or scalar, not ${flavor}`);
  const chosen = flavor === 'auto' ? (simdSupported() ? 'simd' : 'scalar') : flavor;
  if (chosen === 'simd' && !simdSupported()) throw new Error('loadCore: this engine does not support WebAssembly SIMD');
  const module = await getModule(chosen, wasm);
  const instance = await WebAssembly.instantiate(module, makeImports(module));
  if (typeof instance.exports._initialize === 'function') instance.exports._initialize();
  return makeCore(makeRuntime(instance));
}

/* ------------------------------------------------------------- links */
const SET_CLAMP = 1;                 // LRP_SET_CLAMP
const RUN_KEY = /^runs\.[0-9]+\./;
const LINK_KEY_MAX = 256, LINK_TEXT_MAX = 4096, LINK_NOTES_MAX = 40;
/** Untrusted text inside a note: quoted, escaped, at most 40 characters. */
const shown = (s) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
function capNotes(notes) {
  if (notes.length <= LINK_NOTES_MAX) return notes;
  return [...notes.slice(0, LINK_NOTES_MAX - 1), `… and ${notes.length - LINK_NOTES_MAX + 1} more notes`];
}

/* ------------------------------------------------------------- the API */
const REASONS = ['plateau', 'schedule', 'min_lr'];
const nz = (v) => (Number.isFinite(v) ? v : null);
const idx = (v) => (v < 0 ? null : v);

function readDoubles(rt, p, n) {
  if (!n) return [];
  return Array.from(rt.f64(p, n), nz);
}

function readAnalysis(rt, p, lr) {
  const a = rt.struct(p, rt.L.lrfind_result);
  const suggestions = {};
  if (a.have & 1) suggestions.minimum = nz(a.minimum);
  if (a.have & 2) suggestions.steep = nz(a.steep);
  if (a.have & 4) suggestions.valley = nz(a.valley);
  if (a.have & 8) suggestions.slide = nz(a.slide);
  if (a.have & 16) suggestions.gradient = nz(a.gradient);
  const steepRange = a.i_lo >= 0 && a.i_hi >= 0 && a.i_hi < lr.length ? [lr[a.i_lo], lr[a.i_hi]] : null;
  return { kept: a.kept, suggestions, steepRange };
}

function readFind(rt, r) {
  const F = rt.L.find_result;
  const f = rt.struct(r, F);
  const lr = readDoubles(rt, f.lr, f.n);
  const a = readAnalysis(rt, r + F.off.analysis, lr);
  return {
    lr, loss: readDoubles(rt, f.loss, f.n), smoothed: readDoubles(rt, f.smoothed, f.n),
    kept: a.kept, diverged: f.diverged !== 0, suggestions: a.suggestions, steep_range: a.steepRange,
  };
}

function readRun(rt, r, index, label) {
  const t = rt.struct(r, rt.L.train_result);
  const n = t.epochs_done;
  const events = [];
  const E = rt.L.event;
  for (let i = 0; i < t.n_events; i++) {
    const ev = rt.struct(t.events + i * E.size, E);
    events.push({ epoch: ev.epoch, old_lr: nz(ev.old_lr), new_lr: nz(ev.new_lr), reason: REASONS[ev.reason] ?? '?' });
  }
  return {
    index, label, status: t.status === 4 ? 'diverged' : 'ok',   // LRP_EDIVERGED
    diverged_epoch: idx(t.diverged_epoch),
    epochs: n,
    lr: readDoubles(rt, t.lr, n),
    train_loss: readDoubles(rt, t.train_loss, n),
    val_loss: readDoubles(rt, t.val_loss, n),
    val_acc: readDoubles(rt, t.val_acc, n),       // null entries for regression
    best_val_loss: nz(t.best_val_loss), best_epoch: idx(t.best_epoch),
    epochs_to_target: idx(t.epochs_to_target),
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

  /** The experiment from a config object, validated, plus its canonical form. */
  function prepare(config) {
    const S = rt.scope();
    try {
      const e = S.zalloc(rt.L.experiment.size);
      readExperimentInto(rt, e, config, 'strict');
      return { S, e, canonical: writeExperiment(rt, e) };
    } catch (err) { S.freeAll(); throw err; }
  }

  async function find(config, { progressEvery = 10, onProgress = null, signal = null } = {}) {
    checkAborted(signal);
    const every = Math.max(1, Math.floor(Number(progressEvery) || 10));
    const { S, e, canonical } = prepare(config);
    let s = 0;
    try {
      s = createSession(S, e);
      const st = x.lrp_find_begin(s);
      if (st !== 0) throw new LrplayError(`find: ${rt.statusName(st)}`, { status: STATUS[st], exitCode: 1 });
      const r = S.zalloc(rt.L.find_result.size);
      for (;;) {
        const more = x.lrp_find_step(s, every);
        if (onProgress) { x.lrp_find_get(s, r); onProgress(readFind(rt, r)); }
        if (!more) break;
        await nextTask();
        checkAborted(signal);
      }
      x.lrp_find_get(s, r);
      return { lrplay: version, kind: 'find', config: canonical, find: readFind(rt, r) };
    } finally {
      if (s) x.lrp_session_destroy(s);
      S.freeAll();
    }
  }

  async function train(config, { runs = null, onEpoch = null, signal = null } = {}) {
    checkAborted(signal);
    const { S, e, canonical } = prepare(config);
    let s = 0;
    try {
      const nRuns = rt.u32at(e + rt.L.experiment.off.n_runs);
      let list;
      if (runs === null || runs === undefined) list = [...Array(nRuns).keys()];
      else list = (Array.isArray(runs) ? runs : [runs]).map(Number);
      for (const i of list) {
        if (!Number.isInteger(i) || i < 0 || i >= nRuns) {
          throw new LrplayError(`runs: ${i} is not a run of this config (it has ${nRuns})`, { status: 'LRP_EINVAL', exitCode: 2 });
        }
      }
      s = createSession(S, e);
      const r = S.zalloc(rt.L.train_result.size);
      const out = [];
      for (const i of list) {
        const label = canonical.runs?.[i]?.label ?? `run ${i + 1}`;
        const st = x.lrp_train_begin(s, i);
        if (st !== 0) throw new LrplayError(`runs.${i}: ${rt.statusName(st)}`, { status: STATUS[st], exitCode: 1 });
        for (;;) {
          const more = x.lrp_train_epoch(s);
          if (onEpoch) { x.lrp_train_get(s, r); onEpoch(i, readRun(rt, r, i, label)); }
          await nextTask();
          checkAborted(signal);
          if (!more) break;
        }
        x.lrp_train_get(s, r);
        out.push(readRun(rt, r, i, label));
      }
      return { lrplay: version, kind: 'train', config: canonical, runs: out };
    } finally {
      if (s) x.lrp_session_destroy(s);
      S.freeAll();
    }
  }

  /** The data set of a config: standardized inputs and targets, as the network sees them. */
  function dataset(config) {
    const { S, e } = prepare(config);
    let s = 0;
    try {
      s = createSession(S, e);
      const v = rt.struct(x.lrp_session_data(s), rt.L.data_view);
      const ycols = v.loss === 1 ? v.n_out : 1;
      const copy32 = (p, n) => (n ? Float32Array.from(rt.f32(p, n)) : new Float32Array(0));
      return {
        n_in: v.n_in, n_out: v.n_out, loss: v.loss === 1 ? 'mse' : 'cross_entropy',
        x_train: copy32(v.x_train, v.n_train * v.n_in), y_train: copy32(v.y_train, v.n_train * ycols),
        x_val: copy32(v.x_val, v.n_val * v.n_in), y_val: copy32(v.y_val, v.n_val * ycols),
      };
    } finally {
      if (s) x.lrp_session_destroy(s);
      S.freeAll();
    }
  }

  /**
   * A config from a link's pairs ([[key, text], ...], link.js parseFragment): starts from
   * `base` (the default config), clears its runs when a "runs.N.*" key is present, then applies
   * each pair in orderPairs order with lrp_exp_set_text in clamp mode. A pair the core refuses
   * is ignored with a note; a pair that leaves the config invalid (lrp_experiment_validate) is
   * undone (the struct is restored from a copy made before it) and tried once more at the end,
   * when the pairs after it may have made it fit. The result is always a valid config; `notes`
   * says, in words, everything that was corrected or ignored. Never throws on any input.
   */
  function configFromPairs(pairs, { base } = {}) {
    const notes = [];
    const S = rt.scope();
    try {
      const E = rt.L.experiment.size;
      const e = S.zalloc(E), snap = S.zalloc(E);
      const err = S.zalloc(rt.ERRLEN);
      // The starting point: base as given, corrected, or the defaults.
      if (base !== undefined && base !== null) {
        try { readExperimentInto(rt, e, base, 'strict'); } catch {
          try { readExperimentInto(rt, e, base, 'clamp'); } catch (e2) {
            x.lrp_experiment_defaults(e);
            notes.push(`the starting config could not be used (${e2.message}); started from the defaults`);
          }
        }
      } else {
        x.lrp_experiment_defaults(e);
      }
      const list = [];
      for (const p of orderPairs(Array.isArray(pairs) ? pairs : [])) {
        if (!Array.isArray(p) || p.length < 2) continue;
        const key = String(p[0]), text = String(p[1]);
        if (key.length > LINK_KEY_MAX || text.length > LINK_TEXT_MAX) {
          notes.push(`${shown(key)}: too long; ignored`);
          continue;
        }
        list.push([key, text]);
      }
      if (list.some(([k]) => RUN_KEY.test(k))) x.lrp_exp_clear_runs(e);
      const h = () => rt.u8();
      const save = () => h().copyWithin(snap, e, e + E);
      const restore = () => h().copyWithin(e, snap, snap + E);
      // Applies one pair; returns null, or the validation message that made it undone (its
      // notes are dropped with it: what it corrected did not happen).
      const apply = (key, text) => {
        const before = notes.length;
        save();
        const S2 = rt.scope();
        try {
          rt.u8()[err] = 0;
          const st = x.lrp_exp_set_text(e, S2.str(key), S2.str(text), SET_CLAMP, err, rt.ERRLEN);
          const msg = rt.cstr(err);
          if (st !== 0) {
            restore();
            notes.push(`${msg || `${shown(key)}: ${rt.statusName(st)}`} (ignored)`);
            return null;
          }
          if (msg) notes.push(msg);
          rt.u8()[err] = 0;
          if (x.lrp_experiment_validate(e, err, rt.ERRLEN) !== 0) {
            const why = rt.cstr(err) || 'invalid';
            restore();
            notes.length = before;
            return why;
          }
          return null;
        } finally { S2.freeAll(); }
      };
      const retry = [];
      for (const [key, text] of list) {
        const why = apply(key, text);
        if (why !== null) retry.push([key, text]);
      }
      for (const [key, text] of retry) {
        const why = apply(key, text);
        if (why !== null) {
          notes.push(`${/^[A-Za-z0-9_.]+$/.test(key) ? key : shown(key)}=${shown(text)} does not fit with the rest (${why}); ignored`);
        }
      }
      rt.u8()[err] = 0;
      if (x.lrp_experiment_validate(e, err, rt.ERRLEN) !== 0) {
        // Not reachable: every step above keeps the config valid. Keep the promise anyway.
        notes.push(`the link made an invalid config (${rt.cstr(err)}); the defaults are used`);
        x.lrp_experiment_defaults(e);
      }
      return { config: writeExperiment(rt, e), notes: capNotes(notes) };
    } finally { S.freeAll(); }
  }

  return {
    flavor, buildFlavor, version,
    configFromPairs,
    /** The field walk of a config as link.js pairsFromFields takes it. */
    linkFields(config) {
      return withExperiment(config, 'strict', (e) => fieldInfos(rt, e))
        .map((f) => ({ name: f.name, type: f.type, value: f.value, isDefault: f.is_default }));
    },
    runSpec(spec) { return runSpecOn(rt, spec); },
    defaultConfig() { return withExperiment(undefined, 'strict', (e) => writeExperiment(rt, e)); },
    readConfig(obj, { mode = 'strict' } = {}) {
      if (mode !== 'strict' && mode !== 'clamp') throw new TypeError(`readConfig: mode must be strict or clamp, not ${mode}`);
      return withExperiment(obj, mode, (e, notes) => ({ config: writeExperiment(rt, e), notes }));
    },
    schema(config) { return withExperiment(config, 'strict', (e) => fieldInfos(rt, e)); },
    find, train, dataset,
    /** Bytes of WebAssembly memory (for tests: it must stop growing). */
    memoryBytes() { return x.memory.buffer.byteLength; },
    /** The raw exports and runtime, for benchmarks and tests. */
    raw: rt,
  };
}
