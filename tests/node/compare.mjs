// compare.mjs — checks a runner's output against a golden case's `expect` within its
// `tol`, by the rules of tests/golden/README.md. Returns a list of problems (empty = pass).
export function compareCase(kase, got) {
  const { spec, expect, tol } = kase;
  const problems = [];
  const near = (path, g, w, rtol, atol) => {
    if (w === null) { if (g !== null) problems.push(`${path}: got ${g}, want null`); return; }
    if (typeof g !== 'number' || !(Math.abs(g - w) <= atol + rtol * Math.abs(w))) {
      problems.push(`${path}: got ${g}, want ${w} (rtol ${rtol}, atol ${atol})`);
    }
  };
  const arrays = (path, g, w, fn) => {
    if (!Array.isArray(g) || g.length !== w.length) {
      problems.push(`${path}: got ${Array.isArray(g) ? g.length + ' values' : typeof g}, want ${w.length}`);
      return;
    }
    w.forEach((wv, i) => fn(`${path}[${i}]`, g[i], wv));
  };
  switch (spec.kind) {
    case 'optimizer':
      arrays('params', got.params, expect.params, (p, g, w) =>
        arrays(p, g, w, (q, gv, wv) => near(q, gv, wv, tol.rtol, tol.atol)));
      break;
    case 'schedule':
      arrays('lr', got.lr, expect.lr, (p, g, w) => near(p, g, w, tol.rtol, tol.atol));
      break;
    case 'lr_find_analysis': {
      arrays('smoothed', got.smoothed, expect.smoothed, (p, g, w) => near(p, g, w, tol.rtol, tol.atol));
      if (got.kept !== expect.kept) problems.push(`kept: got ${got.kept}, want ${expect.kept}`);
      const gs = got.suggestions || {}, ws = expect.suggestions || {};
      for (const k of new Set([...Object.keys(gs), ...Object.keys(ws)])) {
        if (!(k in ws)) problems.push(`suggestions.${k}: got ${gs[k]}, want none`);
        else if (!(k in gs)) problems.push(`suggestions.${k}: missing, want ${ws[k]}`);
        else near(`suggestions.${k}`, gs[k], ws[k], tol.suggestion_rtol, 0);
      }
      break;
    }
    case 'train': {
      arrays('loss', got.loss, expect.loss, (p, g, w) => {
        if (!(Math.abs(g - w) <= tol.loss_rtol * Math.max(Math.abs(w), 1e-3))) problems.push(`${p}: got ${g}, want ${w}`);
      });
      arrays('layers', got.layers, expect.layers, (p, g, w) => {
        arrays(`${p}.W`, g.W, w.W, (q, gr, wr) => arrays(q, gr, wr, (r, gv, wv) => near(r, gv, wv, 0, tol.weights_atol)));
        arrays(`${p}.b`, g.b, w.b, (q, gv, wv) => near(q, gv, wv, 0, tol.weights_atol));
      });
      break;
    }
    case 'early_stopping':   // exact
      for (const k of ['stopped_epoch', 'best_epoch']) {
        if (got[k] !== expect[k]) problems.push(`${k}: got ${got[k]}, want ${expect[k]}`);
      }
      break;
    default:
      problems.push(`unknown kind ${spec.kind}`);
  }
  return problems;
}

// Every number of a parsed JSON value, in order, for bit-for-bit comparisons.
export function numbersOf(value, out = []) {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => numbersOf(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => numbersOf(v, out));
  else if (value === null) out.push(null);
  return out;
}

// Same float64 bits for every number (and nulls in the same places)?
export function sameBits(a, b) {
  const x = numbersOf(a), y = numbersOf(b);
  if (x.length !== y.length) return `different number counts: ${x.length} vs ${y.length}`;
  const dv = new DataView(new ArrayBuffer(16));
  for (let i = 0; i < x.length; i++) {
    if (x[i] === null || y[i] === null) {
      if (x[i] !== y[i]) return `value ${i}: ${x[i]} vs ${y[i]}`;
      continue;
    }
    dv.setFloat64(0, x[i]);
    dv.setFloat64(8, y[i]);
    if (dv.getBigUint64(0) !== dv.getBigUint64(8)) return `value ${i}: ${x[i]} vs ${y[i]}`;
  }
  return null;
}
