// core/output.js — the output format of the command-line tools, in one place: JSON text as the
// native CLI writes it (numbers that read back to the same float64 bits), C's "%.17g", and the
// CSV of `lrplay find --csv` / `lrplay train --csv`. Used by bin/lrplay.mjs and by the page's
// downloads (export.js), so that both hand out the same bytes as build/lrplay.

/** C's printf("%.17g"), for messages and CSV that match the native ones. */
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
  const repeated = result.runs.length > 0 && Array.isArray(result.runs[0].per_seed);
  let out = repeated ? 'seed,run,label,epoch,lr,train_loss,val_loss,val_acc\n' : 'run,label,epoch,lr,train_loss,val_loss,val_acc\n';
  const R = repeated ? result.runs[0].per_seed.length : 1;
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
