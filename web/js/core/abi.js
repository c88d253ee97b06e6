// core/abi.js — the low-level side of the core: struct layouts (read from the module itself),
// heap views, allocation scopes, strings, and the core's errors as LrplayError.
//
// Heap views (typed arrays, DataView) are re-created whenever memory.buffer has changed, which
// is what happens after any call that grows memory: never hold one across a call into the core.

import { LrplayError } from './errors.js';
import { STATUS, ENUMS } from './schema.gen.js';

/** Status names, index = lrp_status value (generated from the core's enum table). */
export { STATUS };
/** The name of a status value, for LrplayError.status. */
export const statusOf = (st) => STATUS[st] || `status ${st}`;
/** The value of a status name: status('LRP_EDIVERGED'); throws on a name the core lacks. */
export const status = (name) => valueOf(STATUS, name, 'status');
/** The C value of an enum's name, e.g. enumValue('loss', 'mse'); throws on an unknown name. */
export const enumValue = (id, name) => valueOf(ENUMS[id] ?? [], name, id);
function valueOf(names, name, what) {
  const v = names.indexOf(name);
  if (v < 0) throw new Error(`lrplay core: ${what} has no value ${name}`);
  return v;
}

/* ----------------------------------------------------------------- layouts */
// Struct layouts come from the core itself (c_src/abi.c: lrp_abi_layout), never from guesses.
// Each entry: the struct's id in abi.c and its members in the same order, with a type:
// u32 (size_t, unsigned, pointers), i32 (int and enums), i64 (int64_t: the core's step counts
// and indices, read as a Number from two 32-bit halves, no BigInt: every value is below 2^53),
// f64 (double), or '*' (an embedded struct or array: offset only).
const ABI = {
  find_result: [0, 'n:u32 lr:u32 loss:u32 smoothed:u32 diverged:i32 analysis:*'],
  lrfind_result: [1, 'kept:u32 have:u32 minimum:f64 steep:f64 valley:f64 i_minimum:i64 i_steep:i64 i_valley:i64 i_lo:i64 i_hi:i64 slide:f64 gradient:f64 i_slide:i64 i_gradient:i64'],
  train_result: [2, 'epochs_done:u32 lr:u32 train_loss:u32 val_loss:u32 val_acc:u32 n_events:u32 events:u32 status:i32 diverged_epoch:i64 best_val_loss:f64 best_epoch:i64 epochs_to_target:i64 stopped_epoch:i64 restored_epoch:i64 final_val_loss:f64 final_val_acc:f64'],
  event: [3, 'epoch:i64 old_lr:f64 new_lr:f64 reason:i32'],
  field_value: [4, 'name:u32 type:i32 min:f64 max:f64 choices:u32 max_items:u32 help:u32 name_buf:* number:f64 str:u32 list:* n_list:u32 is_default:i32'],
  lrfind_cfg: [5, 'beta:f64 diverge:f64 num_it:i64 skip_end:i64'],
  plateau: [6, 'lr:f64'],
  mlp_cfg: [7, 'sizes:* n_sizes:u32 act:i32 loss:i32'],
  sched_cfg: [8, 'kind:i32'],
  optim_cfg: [9, 'kind:i32 lr:f64'],
  experiment: [10, 'n_runs:u32 runs:*'],
  run_cfg: [11, 'label:*'],
  earlystop: [13, 'best_epoch:i64 stopped_epoch:i64'],
  earlystop_cfg: [14, 'mode:i32 min_delta:f64 patience:i64 baseline:f64 use_baseline:i32 start_from_epoch:i64'],
  stats: [15, 'n:u32 mean:f64 sd:f64 median:f64 min:f64 max:f64'],
  data_view: [12, 'n_train:u32 n_val:u32 n_in:u32 n_out:u32 loss:i32 x_train:u32 y_train:u32 x_val:u32 y_val:u32'],
  cost: [16, 'find:f64 run:f64 train:f64'],
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
      const want = t === 'f64' || t === 'i64' ? 8 : t === '*' ? sz : 4;
      if (sz !== want) throw new Error(`lrplay core: ${name}.${m} is ${sz} bytes, expected ${want}`);
      L.off[m] = off;
      L.type[m] = t;
    });
    out[name] = L;
  }
  return out;
}

const OK = status('LRP_OK');

/* ----------------------------------------------------------------- runtime */
// The runtime `rt` that the rest of the library works with: heap access, allocation, strings, errors.
export function makeRuntime(instance) {
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
    /** An int64_t as a Number: low half unsigned, high half signed (exact below 2^53). */
    i64at(p) { const d = rt.dv(); return d.getInt32(p + 4, true) * 4294967296 + d.getUint32(p, true); },
    f64at(p) { return rt.dv().getFloat64(p, true); },
    setU32(p, v) { rt.dv().setUint32(p, v, true); },
    setI32(p, v) { rt.dv().setInt32(p, v, true); },
    setI64(p, v) {
      if (!Number.isSafeInteger(v)) throw new RangeError(`setI64: ${v} is not a safe integer`);
      const d = rt.dv(), hi = Math.floor(v / 4294967296);
      d.setUint32(p, v - hi * 4294967296, true);
      d.setInt32(p + 4, hi, true);
    },
    setF64(p, v) { rt.dv().setFloat64(p, v, true); },
    /** A struct's scalar members as an object (embedded members are skipped). */
    struct(p, L) {
      const o = {};
      const d = rt.dv();
      for (const m in L.off) {
        const t = L.type[m], at = p + L.off[m];
        if (t === 'u32') o[m] = d.getUint32(at, true);
        else if (t === 'i32') o[m] = d.getInt32(at, true);
        else if (t === 'i64') o[m] = d.getInt32(at + 4, true) * 4294967296 + d.getUint32(at, true);
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
          if (!p) throw new LrplayError(`out of memory (${n} bytes)`, { status: 'LRP_ENOMEM' });
          ptrs.push(p);
          return p;
        },
        zalloc(n) { const p = this.alloc(n); rt.u8().fill(0, p, p + n); return p; },
        /** A C string. U+0000 would end it early and cut the text silently, so it goes over as
         * U+0001: a control character like it, which the core refuses wherever it stores text
         * (labels), and which matches no name, path or number, so it is refused, never cut. */
        str(s) {
          const bytes = enc.encode(String(s).replace(/\0/g, '\x01'));
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
    /** The core's words for a status ("invalid argument", ...). */
    statusName(s) { return rt.cstr(x.lrp_status_str(s)) || `status ${s}`; },
    /** Throws the core's error: its err-buffer text, or the status name when empty. */
    check(st, errPtr, prefix = '') {
      if (st === OK) return;
      const msg = (errPtr && rt.cstr(errPtr)) || rt.statusName(st);
      throw new LrplayError(prefix + msg, { status: statusOf(st) });
    },
  };
  return rt;
}
