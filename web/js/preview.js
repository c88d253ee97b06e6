// preview.js — a small picture of the data set as the network sees it (standardized inputs,
// from core.dataset): 2-D points coloured by class, the 1-D regression curve, a grid of
// sample digits, or for a table (a CSV file, the built-in tables) a scatter of its first two
// principal components or of two chosen feature columns, coloured by class or target value.
import { colours } from './theme.js';
import { pca2 } from './pca.js';

const DIGIT_GRID = 4; // 4 x 4 samples

function setup(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const css = canvas.clientWidth || 240;
  const px = Math.round(css * dpr);
  if (canvas.width !== px) { canvas.width = px; canvas.height = px; }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, px, px);
  return { ctx, size: px, dpr };
}

function bounds(xs, stride, col) {
  let lo = Infinity, hi = -Infinity;
  for (let i = col; i < xs.length; i += stride) { const v = xs[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!(hi > lo)) { lo -= 1; hi += 1; }
  return [lo, hi];
}

function drawPoints(ctx, size, dpr, d, c) {
  const pad = 8 * dpr;
  const all = [d.x_train, d.x_val];
  const bx = bounds(Float32Array.from([...d.x_train, ...d.x_val]), 2, 0);
  const by = bounds(Float32Array.from([...d.x_train, ...d.x_val]), 2, 1);
  const sx = (v) => pad + ((v - bx[0]) / (bx[1] - bx[0])) * (size - 2 * pad);
  const sy = (v) => size - pad - ((v - by[0]) / (by[1] - by[0])) * (size - 2 * pad);
  const r = Math.max(1.5, 2.2 * dpr);
  all.forEach((xs, k) => {
    const ys = k === 0 ? d.y_train : d.y_val;
    for (let i = 0; i < ys.length; i++) {
      ctx.beginPath();
      ctx.arc(sx(xs[2 * i]), sy(xs[2 * i + 1]), r, 0, 2 * Math.PI);
      const col = c.runs[ys[i] % c.runs.length];
      if (k === 0) { ctx.fillStyle = col; ctx.fill(); } else { ctx.strokeStyle = col; ctx.lineWidth = dpr; ctx.stroke(); }
    }
  });
}

function drawCurve(ctx, size, dpr, d, c) {
  const pad = 8 * dpr;
  const xs = [...d.x_train, ...d.x_val], ys = [...d.y_train, ...d.y_val];
  const bx = bounds(Float32Array.from(xs), 1, 0), by = bounds(Float32Array.from(ys), 1, 0);
  ctx.fillStyle = c.accent;
  for (let i = 0; i < xs.length; i++) {
    const x = pad + ((xs[i] - bx[0]) / (bx[1] - bx[0])) * (size - 2 * pad);
    const y = size - pad - ((ys[i] - by[0]) / (by[1] - by[0])) * (size - 2 * pad);
    ctx.fillRect(x - dpr, y - dpr, 2.5 * dpr, 2.5 * dpr);
  }
}

function drawDigits(ctx, size, dpr, d, c) {
  const side = Math.round(Math.sqrt(d.n_in));       // 8
  const cellPx = size / DIGIT_GRID;
  const px = (cellPx - 6 * dpr) / side;
  const n = Math.min(DIGIT_GRID * DIGIT_GRID, d.y_train.length);
  ctx.font = `${Math.round(10 * dpr)}px system-ui, sans-serif`;
  for (let k = 0; k < n; k++) {
    const ox = (k % DIGIT_GRID) * cellPx + 3 * dpr, oy = Math.floor(k / DIGIT_GRID) * cellPx + 3 * dpr;
    const img = d.x_train.subarray(k * d.n_in, (k + 1) * d.n_in);
    let lo = Infinity, hi = -Infinity;
    for (const v of img) { if (v < lo) lo = v; if (v > hi) hi = v; }
    for (let i = 0; i < d.n_in; i++) {
      const t = hi > lo ? (img[i] - lo) / (hi - lo) : 0;
      const g = Math.round(255 * (1 - t));
      ctx.fillStyle = `rgb(${g},${g},${g})`;
      ctx.fillRect(ox + (i % side) * px, oy + Math.floor(i / side) * px, Math.ceil(px), Math.ceil(px));
    }
    ctx.fillStyle = c.accent;
    ctx.fillText(String(d.y_train[k]), ox + 1, oy + 10 * dpr);
  }
}

const TABLES = new Set(['csv', 'iris', 'wine', 'breast_cancer', 'diabetes']);

/** The two axes of a table's scatter: 'pc1', 'pc2' or a feature index; {xy, names}. */
function tableAxes(d, axes, features) {
  const n = d.x_train.length / d.n_in + d.x_val.length / d.n_in, k = d.n_in;
  const x = new Float32Array(n * k);
  x.set(d.x_train); x.set(d.x_val, d.x_train.length);
  const wantPca = axes.some((a) => a === 'pc1' || a === 'pc2');
  const p = wantPca ? pca2(x, n, k) : null;
  const name = (a) => (a === 'pc1' || a === 'pc2'
    ? `PC ${a[2]} (${Math.round(100 * p.share[a === 'pc1' ? 0 : 1])} % of the variance)`
    : features?.[a] ?? `feature ${a}`);
  const get = (a, i) => (a === 'pc1' ? p.xy[2 * i] : a === 'pc2' ? p.xy[2 * i + 1] : x[i * k + Math.min(k - 1, Number(a) || 0)]);
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) { xy[2 * i] = get(axes[0], i); xy[2 * i + 1] = get(axes[1], i); }
  return { xy, n, names: [name(axes[0]), name(axes[1])] };
}

function drawTable(ctx, size, dpr, d, c, { xy, n }) {
  const pad = 8 * dpr;
  const bx = bounds(xy, 2, 0), by = bounds(xy, 2, 1);
  const nTrain = d.x_train.length / d.n_in;
  const regression = d.loss === 'mse';
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const src = i < nTrain ? d.y_train : d.y_val, j = i < nTrain ? i : i - nTrain;
    ys[i] = regression ? src[j * d.n_out] : src[j];
  }
  const [lo, hi] = regression ? bounds(ys, 1, 0) : [0, 1];
  const step = Math.max(1, Math.floor(n / 5000));
  const r = Math.max(1.2, 1.8 * dpr);
  ctx.globalAlpha = 0.75;
  for (let i = 0; i < n; i += step) {
    const px = pad + ((xy[2 * i] - bx[0]) / (bx[1] - bx[0])) * (size - 2 * pad);
    const py = size - pad - ((xy[2 * i + 1] - by[0]) / (by[1] - by[0])) * (size - 2 * pad);
    if (regression) {
      const t = (ys[i] - lo) / (hi - lo);
      ctx.fillStyle = `hsl(${Math.round(240 - 240 * t)} 70% 50%)`;
    } else ctx.fillStyle = c.runs[ys[i] % c.runs.length];
    ctx.fillRect(px - r / 2, py - r / 2, r, r);
  }
  ctx.globalAlpha = 1;
}

/**
 * Draws the data set of `config`; returns a one-line description for the caption.
 * opts: {data} the table of a csv experiment, {axes: [a, b]} of a table's scatter ('pc1',
 * 'pc2' or a feature index), {features} the feature names of a table, in the core's order.
 */
export function drawPreview(canvas, core, config, { data = null, axes = ['pc1', 'pc2'], features = null } = {}) {
  const d = core.dataset(config, { data });
  const { ctx, size, dpr } = setup(canvas);
  const c = colours();
  const nTrain = d.loss === 'mse' ? d.y_train.length / d.n_out : d.y_train.length;
  const nVal = d.loss === 'mse' ? d.y_val.length / d.n_out : d.y_val.length;
  const split = `${nTrain} for training, ${nVal} held out for validation`;
  if (d.n_in === 2) {
    drawPoints(ctx, size, dpr, d, c);
    return `${d.n_out} classes in 2-D, ${split} (filled: training, rings: validation).`;
  }
  if (TABLES.has(config.data?.name) && d.n_in > 1) {
    const t = tableAxes(d, axes, features);
    drawTable(ctx, size, dpr, d, c, t);
    const what = d.loss === 'mse' ? 'coloured by the target (blue: low, red: high)' : `coloured by class (${d.n_out} classes)`;
    return `${d.n_in} features, ${split}; ${t.names[0]} across, ${t.names[1]} up, ${what}.`;
  }
  if (d.n_in === 1) {
    drawCurve(ctx, size, dpr, d, c);
    return `Regression of one input to one target, ${split}.`;
  }
  drawDigits(ctx, size, dpr, d, c);
  return `${d.n_in}-pixel images in ${d.n_out} classes, ${split}; the first ${DIGIT_GRID * DIGIT_GRID} shown with their labels.`;
}
