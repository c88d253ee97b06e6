// core/output.js — the output format of the command-line tools, in one place: JSON text as the
// native CLI writes it (numbers that read back to the same float64 bits), C's "%.17g", and the
// CSV of `lrplay find --csv` / `lrplay train --csv`. Used by bin/lrplay.mjs and by the page's
// downloads (export.js), so that both hand out the same bytes as build/lrplay.

// C's printf("%.17g") exactly as glibc and musl print it: the double's exact decimal
// expansion rounded half to even at 17 significant digits. Number.prototype.toExponential
// is exact except at a tie, which it rounds up (ECMA-262: "pick the larger n"), so ties
// (the exact expansion ends in a 5 at digit 18) are decided here on the exact digits.
const F64 = new DataView(new ArrayBuffer(8));
const pow5 = [1n];
function fivePow(k) {
  while (pow5.length <= k) pow5.push(pow5[pow5.length - 1] * 5n);
  return pow5[k];
}
/** The exact decimal digits of |x| (x finite, non-zero) and the exponent of the first. */
function exactDigits(x) {
  F64.setFloat64(0, x);
  const hi = F64.getUint32(0), lo = F64.getUint32(4);
  const be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2 = be - 1075;
  if (be === 0) e2 = -1074; else m |= 1n << 52n;
  const digits = e2 >= 0 ? (m << BigInt(e2)).toString() : (m * fivePow(-e2)).toString();
  const frac = e2 >= 0 ? 0 : -e2;            // value = digits × 10^-frac
  return { digits, exp: digits.length - 1 - frac };
}
/** P significant digits of |x| rounded half to even (glibc's printf), and the decimal exponent. */
function roundP(x, P) {
  const { digits, exp } = exactDigits(x);
  if (digits.length <= P) return { d: digits.padEnd(P, '0'), exp };
  let head = digits.slice(0, P);
  const r = digits.charCodeAt(P) - 48, tail = digits.slice(P + 1);
  const up = r > 5 || (r === 5 && (/[1-9]/.test(tail) || (head.charCodeAt(P - 1) - 48) % 2 === 1));
  if (!up) return { d: head, exp };
  head = (BigInt(head) + 1n).toString();
  return head.length > P ? { d: head.slice(0, P), exp: exp + 1 } : { d: head, exp };
}

/** %g's layout of P significant digits d (a string) with decimal exponent X. */
function layoutG(neg, d, X, P) {
  const strip = (t) => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);
  let s;
  if (X < -4 || X >= P) {
    s = `${strip(`${d[0]}.${d.slice(1)}`)}e${X < 0 ? '-' : '+'}${String(Math.abs(X)).padStart(2, '0')}`;
  } else if (X >= 0) {
    s = strip(`${d.slice(0, X + 1)}.${d.slice(X + 1)}`);
  } else {
    s = strip(`0.${'0'.repeat(-X - 1)}${d}`);
  }
  return neg ? `-${s}` : s;
}
function special(x) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return null;
}

/** C's printf("%.<P>g") of a double, exactly, for any precision P >= 1: always from the exact
 * digits. The replay writer uses it for float32 values (%.9g); the tests hold fmtG17 to it. */
export function fmtG(x, P) {
  const sp = special(x);
  if (sp !== null) return sp;
  const { d, exp } = roundP(Math.abs(x), P);
  return layoutG(x < 0, d, exp, P);
}

/** C's printf("%.17g"), for messages, CSV and JSON that match the native ones byte for byte. */
export function fmtG17(x) {
  const sp = special(x);
  if (sp !== null) return sp;
  const a = Math.abs(x);
  if (a.toExponential(17)[18] === '5') return fmtG(x, 17);   // maybe a tie at digit 17: the exact digits decide
  const [m, e] = a.toExponential(16).split('e');   // no tie: toExponential rounds exactly
  return layoutG(x < 0, m[0] + m.slice(2), Number(e), 17);
}

/** The same, always from the exact digits (no shortcut): the reference the tests hold fmtG17 to. */
export const fmtG17Exact = (x) => fmtG(x, 17);

/** JSON text as the native CLI writes it, byte for byte: compact, one line; numbers with
 * %.17g (so every number parses back to the same float64 bits; -0 kept); NaN and infinities
 * as null. `num` changes how finite numbers are written (toJSONShort: JavaScript's shortest). */
export function toJSON(v, num = fmtG17) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'null';
    return Object.is(v, -0) ? '-0' : num(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + toJSON(v[i], num);
    return s + ']';
  }
  let s = '{', first = true;
  for (const k of Object.keys(v)) {
    if (v[k] === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + toJSON(v[k], num);
    first = false;
  }
  return s + '}';
}

/** The same JSON with the shortest numbers that read back to the same bits (0.1, not
 * 0.10000000000000001): for text a person reads and pastes, such as the page's shell command. */
export function toJSONShort(v) { return toJSON(v, String); }

// CSV as the CLI writes it: numbers with %.17g (nan for a missing value), labels quoted.
const g = (v) => fmtG17(v === null || v === undefined ? NaN : v);
// Labels are quoted; one that a spreadsheet would read as a formula gets a leading
// apostrophe (OWASP's advice against CSV injection). The native CLI (cli/run.c) writes the same.
function csvLabel(s) {
  const t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${t.replace(/"/g, '""')}"`;
}

/** The CSV of a `find` result: step,lr,loss,smoothed; a repeated experiment's starts with seed
 * and has every seed's rows, seed by seed. */
export function findCsv(result) {
  const f = result.find;
  const seeds = f.per_seed ?? [f];
  let out = f.per_seed ? 'seed,step,lr,loss,smoothed\n' : 'step,lr,loss,smoothed\n';
  for (const s of seeds) {
    const pre = f.per_seed ? `${s.seed},` : '';
    for (let i = 0; i < s.lr.length; i++) out += `${pre}${i},${g(s.lr[i])},${g(s.loss[i])},${g(s.smoothed[i])}\n`;
  }
  return out;
}

/** The CSV of a `train` result: one row per run and epoch; a repeated experiment's starts with
 * seed and has every seed's rows, seed by seed, each with its runs in order. */
export function trainCsv(result) {
  // repeated over seeds: the runs carry per_seed; with no runs, the config says (as lrplay train does)
  const repeated = result.runs.length > 0 ? Array.isArray(result.runs[0].per_seed) : (result.config?.repeats ?? 1) > 1;
  let out = repeated ? 'seed,run,label,epoch,lr,train_loss,val_loss,val_acc\n' : 'run,label,epoch,lr,train_loss,val_loss,val_acc\n';
  const R = repeated && result.runs.length > 0 ? result.runs[0].per_seed.length : 1;
  for (let k = 0; k < R; k++) {
    for (const agg of result.runs) {
      const run = repeated ? agg.per_seed[k] : agg;
      const pre = repeated ? `${run.seed},` : '';
      for (let e = 0; e < run.epochs; e++) {
        out += `${pre}${run.index},${csvLabel(run.label)},${e + 1},${g(run.lr[e])},${g(run.train_loss[e])},` +
          `${g(run.val_loss[e])},${g(run.val_acc[e])}\n`;
      }
    }
  }
  return out;
}
