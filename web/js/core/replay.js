// core/replay.js — the text of `lrplay data`, `lrplay init` and `lrplay export`, byte for byte
// as the native CLI writes it (cli/dataout.c, cli/export.c), from core.dataset(config,
// {replay: true}). Used by bin/lrplay.mjs and the page's "Download as PyTorch script".
//
// Numbers: float32 values with C's "%.9g" (reads back to the same float32), the config's
// numbers with "%.17g", both exact (ties to even, as glibc) through output.js's fmtG.

import { REPLAY_TEMPLATES } from './replay-templates.gen.js';
import { fmtG } from './output.js';

/** Past this many bytes a replay script is no longer a small download (cli/export.c: REPLAY_BIG). */
export const REPLAY_BIG = 2000000;

/** C's printf("%.<P>g") of a double, exactly (ties to even, as glibc): core/output.js's. */
export const fmtExact = fmtG;

const f9 = (v) => (Number.isFinite(v) ? fmtExact(v, 9) : 'null');
const row = (a, at, n) => { const o = []; for (let i = 0; i < n; i++) o.push(f9(a[at + i])); return '[' + o.join(',') + ']'; };

function split(name, xs, ys, rows, d, cls) {
  const xr = [], yr = [];
  for (let r = 0; r < rows; r++) {
    xr.push(row(xs, r * d.n_in, d.n_in));
    yr.push(cls ? f9(ys[r]) : row(ys, r * d.n_out, d.n_out));
  }
  return `"${name}":{"x":[${xr.join(',')}],"y":[${yr.join(',')}]}`;
}

/** `lrplay data [--csv]`: d = core.dataset(config, {replay: true}). */
export function dataText(d, csv = false) {
  const cls = d.loss === 'cross_entropy', yc = cls ? 1 : d.n_out;
  if (csv) {
    const head = ['split', ...Array.from({ length: d.n_in }, (_, i) => `x${i}`),
      ...(cls ? ['y'] : Array.from({ length: yc }, (_, i) => `y${i}`))];
    const lines = [head.join(',')];
    const put = (name, xs, ys, rows) => {
      for (let r = 0; r < rows; r++) {
        const f = [name];
        for (let i = 0; i < d.n_in; i++) f.push(f9(xs[r * d.n_in + i]));
        for (let i = 0; i < yc; i++) f.push(f9(ys[r * yc + i]));
        lines.push(f.join(','));
      }
    };
    put('train', d.x_train, d.y_train, d.n_train);
    put('val', d.x_val, d.y_val, d.n_val);
    return lines.join('\n') + '\n';
  }
  return `{"lrplay":"${d.version}","kind":"data","task":"${cls ? 'classification' : 'regression'}","n_in":${d.n_in},` +
    `"n_out":${d.n_out},"n_train":${d.n_train},"n_val":${d.n_val},` +
    `${split('train', d.x_train, d.y_train, d.n_train, d, cls)},${split('val', d.x_val, d.y_val, d.n_val, d, cls)}}\n`;
}

/** `lrplay init`: the initial weights, layer by layer, W (OUT rows of IN) then b. */
export function initText(d) {
  const layers = [];
  let at = 0;
  for (let l = 0; l + 1 < d.sizes.length; l++) {
    const IN = d.sizes[l], OUT = d.sizes[l + 1], W = [];
    for (let o = 0; o < OUT; o++) W.push(row(d.params, at + o * IN, IN));
    layers.push(`{"W":[${W.join(',')}],"b":${row(d.params, at + OUT * IN, OUT)}}`);
    at += OUT * IN + OUT;
  }
  return `{"lrplay":"${d.version}","kind":"init","seed":${d.seed},"sizes":[${d.sizes.join(',')}],"layers":[${layers.join(',')}]}\n`;
}

/* ------------------------------------------------------------------ export */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of 32-bit words' little-endian bytes (Float32Array or Uint32Array). */
function b64Words(arr) {
  const bytes = new Uint8Array(arr.length * 4), dv = new DataView(bytes.buffer);
  const isF = arr instanceof Float32Array;
  for (let i = 0; i < arr.length; i++) isF ? dv.setFloat32(4 * i, arr[i], true) : dv.setUint32(4 * i, arr[i], true);
  const out = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = bytes.length - i, v = (bytes[i] << 16) | (n > 1 ? bytes[i + 1] << 8 : 0) | (n > 2 ? bytes[i + 2] : 0);
    out.push(B64[(v >> 18) & 63] + B64[(v >> 12) & 63] + (n > 1 ? B64[(v >> 6) & 63] : '=') + (n > 2 ? B64[v & 63] : '='));
  }
  return out.join('');
}

/** JSON text as cli/jsonw.c writes it (compact, %.17g, its string escapes). */
function jsonw(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? fmtExact(v, 17) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') {
    return '"' + v.replace(/["\\\u0000-\u001f]/g, (c) => ({ '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ??
      '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"';
  }
  if (Array.isArray(v)) return '[' + v.map(jsonw).join(',') + ']';
  return '{' + Object.keys(v).filter((k) => v[k] !== undefined).map((k) => jsonw(k) + ':' + jsonw(v[k])).join(',') + '}';
}

/**
 * `lrplay export --run N --format pytorch|keras`: {text, big, bytes, mb}; big when the script
 * is past REPLAY_BIG bytes (the embedded data and weights; mb: its size in MB, one decimal).
 * d = core.dataset(config, {replay: true}).
 */
export function replayScript(d, run = 0, format = 'pytorch') {
  const t = REPLAY_TEMPLATES[format];
  if (!t) throw new RangeError(`--format: must be pytorch or keras, not "${format}"`);
  const runs = d.config.runs?.length ?? 0;
  if (!Number.isInteger(run) || run < 0 || run >= runs) throw new RangeError(`--run: ${run} is not a run of this config (it has ${runs})`);
  const cls = d.loss === 'cross_entropy';
  const cfg = jsonw(d.config).replace(/[\\']/g, (c) => '\\' + c);
  const parts = [
    `{"format":1,"lrplay":"${d.version}","run":${run},"task":"${cls ? 'classification' : 'regression'}","n_in":${d.n_in},` +
    `"n_out":${d.n_out},"n_train":${d.n_train},"n_val":${d.n_val},"sizes":[${d.sizes.join(',')}]`,
  ];
  let bytes = t.head.length + t.tail.length + new TextEncoder().encode(cfg).length;
  for (const [k, a] of [['x_train', d.x_train], ['y_train', d.y_train], ['x_val', d.x_val], ['y_val', d.y_val], ['params', d.params]]) {
    const b = b64Words(a);
    bytes += b.length;
    parts.push(`,"${k}":"${b}"`);
  }
  const o = b64Words(d.order0);
  bytes += o.length;
  parts.push(`,"order0":"${o}","config":${cfg}}`);
  return { text: t.head + parts.join('') + t.tail, big: bytes > REPLAY_BIG, bytes, mb: (bytes * 1e-6).toFixed(1) };
}
