// pca.js — the first two principal components of a table's features, for the data preview.
// Power iteration with deflation on the covariance X'X/n, computed as X'(Xv) so that nothing
// of size features x features is formed; at most MAX_FIT rows (evenly spaced) fit the axes,
// every row is projected. Pure JavaScript, no DOM.

const MAX_FIT = 2000;
const ITERS = 60;

/**
 * x: the rows one after another (n rows of d numbers, e.g. core.dataset's x_train then x_val).
 * Returns {xy: Float64Array(2n) (PC1, PC2 of each row), share: [s1, s2]} where s is the share
 * of the total variance each component explains (0..1).
 */
export function pca2(x, n, d) {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, n);
  const step = Math.max(1, Math.ceil(n / MAX_FIT));
  const fit = [];
  for (let i = 0; i < n; i += step) fit.push(i);
  const m = fit.length;
  const xc = new Float64Array(m * d);
  let total = 0;
  fit.forEach((i, r) => {
    for (let j = 0; j < d; j++) { const v = x[i * d + j] - mean[j]; xc[r * d + j] = v; total += v * v; }
  });
  const comps = [], vars = [];
  const t = new Float64Array(m);
  for (let k = 0; k < Math.min(2, d); k++) {
    let v = new Float64Array(d);
    for (let j = 0; j < d; j++) v[j] = 1 / Math.sqrt(d) + 1e-3 * ((j * 7919) % 13);   // fixed start
    let lambda = 0;
    for (let it = 0; it < ITERS; it++) {
      for (const c of comps) { const p = dot(c, v); for (let j = 0; j < d; j++) v[j] -= p * c[j]; }
      for (let r = 0; r < m; r++) { let s = 0; for (let j = 0; j < d; j++) s += xc[r * d + j] * v[j]; t[r] = s; }
      const w = new Float64Array(d);
      for (let r = 0; r < m; r++) { const s = t[r]; if (s) for (let j = 0; j < d; j++) w[j] += xc[r * d + j] * s; }
      const norm = Math.sqrt(dot(w, w));
      if (!(norm > 0)) break;
      for (let j = 0; j < d; j++) w[j] /= norm;
      lambda = norm;
      v = w;
    }
    comps.push(v);
    vars.push(lambda);
  }
  while (comps.length < 2) { comps.push(new Float64Array(d)); vars.push(0); }
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * comps[k][j];
      xy[2 * i + k] = s;
    }
  }
  return { xy, share: vars.map((l) => (total > 0 ? l / total : 0)) };
}

function dot(a, b) { let s = 0; for (let j = 0; j < a.length; j++) s += a[j] * b[j]; return s; }
