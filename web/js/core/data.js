// core/data.js — the caller's own data (a CSV/TSV file's bytes) for csv experiments, read by
// the core (c_src/csv.c) so the page, the worker and the Node CLI get the native CLI's numbers.
//
//   const table = core.loadData(bytes, {name: 'wine.csv', header: 'auto', separator: 'auto'})
//   table.name, table.sha256, table.bytes, table.rows, table.header ('yes'|'no'),
//   table.separator ('comma'|'semicolon'|'tab'), table.columns: [{name, numeric}]
//   table.column(j)   Float64Array of the column's numbers (numeric columns) or its cells' text
//   table.free()      frees the core's copy (the object stays readable, it can no longer be used)
//   core.find(config, {data: table | bytes}), core.train(...), core.dataset(...),
//   core.readConfig(config, {data}) — a csv config gets the file's name, SHA-256 and shape
//   core.sha256(bytes) -> 64 hex digits
//
// Errors are LrplayError with the core's one line ("data: row 17, column \"x\": ...").

import { LrplayError } from './errors.js';
import { LIMITS, ENUMS } from './schema.gen.js';

const HEADERS = ENUMS.header;           // lrp_header
const SEPARATORS = ENUMS.separator;     // lrp_separator
const MAX_CSV_BYTES = LIMITS.MAX_CSV_BYTES;

/** Bytes as a Uint8Array (a view, not a copy, where possible). */
export function asBytes(data, what = 'data') {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`${what}: must be the file's bytes (Uint8Array or ArrayBuffer) or a table from loadData`);
}

/** The name of a file without its directories (as the core keeps data.path). */
export const baseName = (p) => String(p).replace(/^.*[/\\]/, '');

function indexOf(list, v, what) {
  const i = list.indexOf(v ?? 'auto');
  if (i < 0) throw new TypeError(`${what}: must be one of ${list.join(', ')}, not ${v}`);
  return i;
}

export function makeData(rt) {
  const x = rt.x;

  /** Copies bytes into the core's memory (S-owned) and returns the pointer. */
  function put(S, bytes) {
    const p = S.alloc(bytes.length);
    rt.u8().set(bytes, p);
    return p;
  }

  function tooBig(n) {
    return new LrplayError(`data: the file is ${n} bytes; at most ${MAX_CSV_BYTES >> 20} MiB`, { status: 'LRP_ELIMIT' });
  }

  function sha256(data) {
    const bytes = asBytes(data);
    const S = rt.scope();
    try {
      const out = S.zalloc(65);
      x.lrp_sha256_hex(put(S, bytes), bytes.length, out);
      return rt.cstr(out);
    } finally { S.freeAll(); }
  }

  /** Parses bytes; returns the core's lrp_csv pointer (the caller destroys it). */
  function parse(bytes, header, separator) {
    if (bytes.length > MAX_CSV_BYTES) throw tooBig(bytes.length);
    const S = rt.scope();
    try {
      const out = S.zalloc(4), err = S.zalloc(rt.ERRLEN);
      rt.check(x.lrp_csv_parse(out, put(S, bytes), bytes.length, header, separator, err, rt.ERRLEN), err);
      return rt.u32at(out);
    } finally { S.freeAll(); }
  }

  function loadData(data, { name = '', header = 'auto', separator = 'auto' } = {}) {
    const bytes = asBytes(data);
    let ptr = parse(bytes, indexOf(HEADERS, header, 'header'), indexOf(SEPARATORS, separator, 'separator'));
    const rows = x.lrp_csv_rows(ptr) >>> 0, ncol = x.lrp_csv_columns(ptr) >>> 0;
    const columns = [];
    for (let j = 0; j < ncol; j++) columns.push({ name: rt.cstr(x.lrp_csv_name(ptr, j)), numeric: x.lrp_csv_numeric(ptr, j) !== 0 });
    const live = () => { if (!ptr) throw new LrplayError('data: this table was freed', { status: 'LRP_ESTATE' }); return ptr; };
    return {
      name: baseName(name), bytes, rows, columns,
      sha256: rt.cstr(x.lrp_csv_sha256(ptr)),
      header: HEADERS[x.lrp_csv_header(ptr)], separator: SEPARATORS[x.lrp_csv_separator(ptr)],
      column(j) {
        const p = live();
        if (!(j >= 0 && j < ncol)) throw new RangeError(`column ${j}: the table has ${ncol} columns`);
        if (columns[j].numeric) {
          const all = rt.f64(x.lrp_csv_values(p), rows * ncol);
          const out = new Float64Array(rows);
          for (let i = 0; i < rows; i++) out[i] = all[i * ncol + j];
          return out;
        }
        const out = new Array(rows);
        for (let i = 0; i < rows; i++) out[i] = rt.cstr(x.lrp_csv_text(p, i, j));
        return out;
      },
      free() { if (ptr) { x.lrp_csv_destroy(ptr); ptr = 0; } },
      /** internal: the core's table, for attach */
      _ptr: live,
    };
  }

  /**
   * Attaches `data` (bytes or a table from loadData) to the csv experiment at e (in S's scope):
   * the core reads it as the config's data.header/data.separator say and records the file's
   * name, SHA-256 and shape. Returns a cleanup function (call it when done with e).
   */
  function attach(S, e, canonical, data) {
    const err = S.zalloc(rt.ERRLEN);
    const d = canonical.data ?? {};
    if (data && typeof data === 'object' && typeof data._ptr === 'function') {
      if (!d.path && data.name) rt.check(x.lrp_exp_set_string(e, S.str('data.path'), S.str(data.name), err, rt.ERRLEN), err);
      const same = (d.header ?? 'auto') === 'auto' || d.header === data.header;
      const sameSep = (d.separator ?? 'auto') === 'auto' || d.separator === data.separator;
      if (same && sameSep) {
        rt.check(x.lrp_exp_attach_csv(e, data._ptr(), err, rt.ERRLEN), err);
        return () => {};
      }
      data = data.bytes;   // read again as the config says
    }
    const bytes = asBytes(data);
    if (bytes.length > MAX_CSV_BYTES) throw tooBig(bytes.length);
    const S2 = rt.scope();   // the copy of the bytes goes as soon as the core has read them
    try {
      const out = S2.zalloc(4);
      rt.check(x.lrp_exp_load_csv(e, put(S2, bytes), bytes.length, out, err, rt.ERRLEN), err);
      const t = rt.u32at(out);
      return () => x.lrp_csv_destroy(t);
    } finally { S2.freeAll(); }
  }

  return { loadData, sha256, attach };
}
