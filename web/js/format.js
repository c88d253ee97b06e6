// format.js — numbers as the page shows them. Text only; callers put it in textContent.

/** A learning rate: 3 significant digits, exponent form outside [0.01, 1000). */
export function fmtLr(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 0.01 && a < 1000) return String(Number(x.toPrecision(3)));
  const [m, e] = x.toExponential(2).split('e');
  return `${String(Number(m))}e${Number(e)}`;
}

/** A loss: 4 significant digits. */
export function fmtLoss(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

export function fmtPct(x) {
  if (x == null || !Number.isFinite(x)) return '—';
  return `${(100 * x).toFixed(1)} %`;
}

export function fmtMs(ms) {
  if (ms == null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** A value for an <input>: numbers keep full precision, lists are comma separated. */
export function toInputText(v) {
  if (Array.isArray(v)) return v.join(', ');
  if (v == null) return '';
  return String(v);
}
