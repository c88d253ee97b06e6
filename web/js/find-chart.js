// find-chart.js — the range test chart: loss against learning rate on a log x axis. One seed:
// raw loss faint, smoothed loss bold, the steep stretch shaded. Repeated over seeds: the median
// smoothed loss bold inside its min–max band, each seed's curve on demand, and every suggestion
// at its median with its spread over seeds as a bar. Suggestions are labelled lines (short
// labels beside the line, at most a few rows), the picked rate is the green line. A click on the
// plot picks the rate under the pointer. The canvas's aria-label says it all in words.
import { makeChart, redrawSoon, logTick } from './chart-setup.js';
import { fmtLr, fmtLoss } from './format.js';
import { SUGGESTIONS, valueText } from './find-suggest.js';

function points(lr, ys, n = lr.length) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { x: lr[i], y: ys[i] == null || !Number.isFinite(ys[i]) ? null : ys[i] };
  return out;
}

function finiteRange(arrays) {
  let lo = Infinity, hi = -Infinity;
  for (const a of arrays) for (const v of a) if (v != null && Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return lo <= hi ? [lo, hi] : null;
}

/** '#1f5fbf' (or 'rgb(...)') with alpha a, for the band's fill. */
function withAlpha(colour, a) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || '');
  if (m) return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${a})`;
  const r = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(colour || '');
  return r ? `rgba(${r[1]},${r[2]},${r[3]}, ${a})` : colour;
}

const SEED_LABEL = 'one seed (smoothed)';

export class FindChart {
  constructor(canvas, { onPick }) {
    this.canvas = canvas;
    this.baseLabel = canvas.getAttribute('aria-label');
    this.onPick = onPick;
    this.result = null;
    this.pick = null;
    this.showSeeds = false;
    this.colours = null;
    this.chart = makeChart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'loss (raw)', data: [], showLine: true, pointRadius: 0, borderWidth: 1, order: 2 },
          { label: 'loss (smoothed)', data: [], showLine: true, pointRadius: 0, borderWidth: 2.5, order: 1 },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        spanGaps: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'learning rate (log scale)' },
            ticks: { callback: logTick, autoSkip: false, maxRotation: 0 } },
          y: { type: 'linear', title: { display: true, text: 'loss' }, ticks: { includeBounds: false } },
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: { filter: (item, data) => this._inLegend(data.datasets[item.datasetIndex], item.datasetIndex) },
          },
          tooltip: {
            filter: (it) => !it.dataset.seed || this.showSeeds,
            callbacks: {
              title: (items) => (items.length ? `rate ${fmtLr(items[0].parsed.x)}` : ''),
              label: (it) => `${it.dataset.label}: ${fmtLoss(it.parsed.y)}`,
            },
          },
          lrplayMarks: { bands: [], lines: [], areas: [] },
        },
        onClick: (evt, _els, chart) => this._click(evt, chart),
      },
    }, (chart, c) => this._theme(chart, c));
    this._marks();
  }

  // The legend names the curves there are (one entry for all the seeds' curves).
  _inLegend(ds, i) {
    if (!ds.data.length) return false;
    if (!ds.seed) return true;
    return this.chart.data.datasets.findIndex((d) => d.seed && d.data.length && !d.hidden) === i;
  }

  _theme(chart, c) {
    this.colours = c;
    const [raw, smooth, ...seeds] = chart.data.datasets;
    raw.borderColor = c.raw; raw.backgroundColor = c.raw;
    smooth.borderColor = c.accent; smooth.backgroundColor = c.accent;
    for (const s of seeds) { s.borderColor = c.raw; s.backgroundColor = c.raw; }
    if (this.chart) this._marks();
  }

  _click(evt, chart) {
    const a = chart.chartArea;
    if (!a || evt.x < a.left || evt.x > a.right || evt.y < a.top || evt.y > a.bottom) return;
    const lr = chart.scales.x.getValueForPixel(evt.x);
    if (Number.isFinite(lr) && lr > 0) this.onPick(Number(lr.toPrecision(3)), 'chart');
  }

  /** `n` datasets for the seeds' curves (0 for a single seed). */
  _seedSets(n) {
    const ds = this.chart.data.datasets;
    ds.length = 2;
    for (let k = 0; k < n; k++) {
      ds.push({ label: SEED_LABEL, seed: true, data: [], showLine: true, pointRadius: 0, borderWidth: 1, order: 3,
        borderColor: this.colours?.raw, backgroundColor: this.colours?.raw });
    }
  }

  /** Starts a new sweep: empty curves, the x axis from start to end rate, `repeats` seeds. */
  reset(startLr, endLr, repeats = 1) {
    this.result = null;
    const ds = this.chart.data.datasets;
    ds[0].data = []; ds[1].data = [];
    this._seedSets(repeats > 1 ? repeats : 0);
    ds[1].label = repeats > 1 ? `median of ${repeats} seeds (smoothed)` : 'loss (smoothed)';
    this.canvas.dataset.points = '0';
    this.canvas.dataset.seeds = String(repeats);
    this.canvas.setAttribute('aria-label', this.baseLabel);
    Object.assign(this.chart.options.scales.x, { min: startLr, max: endLr });
    Object.assign(this.chart.options.scales.y, { min: undefined, max: undefined });
    this._marks();
    this.chart.update('none');
  }

  /** A partial sweep while it runs: one seed's {lr, loss, smoothed}, or an array of them (one per seed, null = not started). */
  progress(p) {
    const ds = this.chart.data.datasets;
    if (Array.isArray(p)) {
      p.forEach((s, k) => { if (s?.lr && ds[2 + k]) { ds[2 + k].data = points(s.lr, s.smoothed); ds[2 + k].hidden = false; } });
      const got = p.filter(Boolean);
      if (!got.length) return;
      this._yRange(got.flatMap((s) => s.smoothed), got.flatMap((s) => s.smoothed));
      this.canvas.dataset.points = String(Math.max(...got.map((s) => s.lr.length)));
    } else {
      if (!p || !p.lr) return;
      ds[0].data = points(p.lr, p.loss);
      if (p.smoothed) ds[1].data = points(p.lr, p.smoothed, Math.min(p.lr.length, p.smoothed.length));
      this._yRange(p.loss, p.smoothed || []);
      this._describe(p);
    }
    redrawSoon(this.chart);
  }

  /** The finished sweep (result.find of the core: single seed, or repeated with per_seed). */
  show(find) {
    this.result = find;
    const ds = this.chart.data.datasets;
    if ((find.repeats ?? 1) > 1) {
      ds[0].data = [];
      ds[1].data = points(find.lr, find.smoothed);
      this._seedSets(find.per_seed.length);
      find.per_seed.forEach((s, k) => { ds[2 + k].data = points(s.lr, s.smoothed, Math.min(s.kept, s.lr.length)); });
      this._yRange(find.smoothed_min, find.smoothed_max);
    } else {
      ds[0].data = points(find.lr, find.loss);
      ds[1].data = points(find.lr, find.smoothed);
      this._yRange(find.loss, find.smoothed);
    }
    this.setSeedsVisible(this.showSeeds, false);
    this._marks();
    this._describe(find);
    this.chart.update('none');
  }

  /** Shows or hides each seed's curve (a repeated range test). */
  setSeedsVisible(on, redraw = true) {
    this.showSeeds = !!on;
    for (const d of this.chart.data.datasets) if (d.seed) d.hidden = !this.showSeeds;
    this.canvas.dataset.seedCurves = this.showSeeds ? 'shown' : 'hidden';
    if (redraw) this.chart.update('none');
  }

  // The chart in words, for screen readers (and the tests): points, range, suggestions.
  _describe(f) {
    const n = f.lr.length;
    const R = f.repeats ?? 1;
    this.canvas.dataset.points = String(R > 1 ? n : f.loss.filter((v) => v != null && Number.isFinite(v)).length);
    let s = R > 1
      ? `${this.baseLabel}: the median smoothed loss of ${R} seeds with its lowest–highest band, ${n} points from rate ${fmtLr(f.lr[0])} to ${fmtLr(f.lr[n - 1])}.`
      : `${this.baseLabel}: ${n} points from rate ${fmtLr(f.lr[0])} to ${fmtLr(f.lr[n - 1])}.`;
    const sug = Object.keys(SUGGESTIONS).filter((k) => f.suggestions?.[k] != null)
      .map((k) => `${SUGGESTIONS[k].name} ${valueText(f, k)}`);
    if (sug.length) s += ` Suggestions${R > 1 ? ' (median, lowest–highest over seeds)' : ''}: ${sug.join(', ')}.`;
    if (f.steep_range) s += ` Steep fall from ${fmtLr(f.steep_range[0])} to ${fmtLr(f.steep_range[1])}.`;
    this.canvas.setAttribute('aria-label', s);
  }

  setPick(lr) {
    this.pick = lr;
    this._marks();
    this.chart.update('none');
  }

  // y axis: from the lowest loss to the highest smoothed loss, but at most 1.5x the first
  // smoothed loss, so the divergence tail does not flatten the part where the choice is made.
  _yRange(loss, smoothed) {
    const s = finiteRange([smoothed]);
    const r = finiteRange([loss]);
    if (!s && !r) return;
    const first = smoothed.find((v) => v != null && Number.isFinite(v));
    const lo = Math.min(s ? s[0] : Infinity, r ? r[0] : Infinity);
    let hi = s ? s[1] : r[1];
    if (first != null && first > 0) hi = Math.min(hi, 1.5 * first);
    if (!(hi > lo)) hi = lo + Math.abs(lo) * 0.1 + 1e-3;
    const pad = (hi - lo) * 0.06;
    Object.assign(this.chart.options.scales.y, { min: Math.max(0, lo - pad), max: hi + pad });
  }

  _marks() {
    const c = this.colours;
    if (!c) return;
    const m = this.chart.options.plugins.lrplayMarks;
    m.bands = []; m.lines = []; m.areas = [];
    const f = this.result;
    if (f?.steep_range && f.steep_range.length === 2) {
      m.bands.push({ from: f.steep_range[0], to: f.steep_range[1], colour: c.shade, label: 'steep fall' });
    }
    if (f && (f.repeats ?? 1) > 1) m.areas.push({ xs: f.lr, lo: f.smoothed_min, hi: f.smoothed_max, colour: withAlpha(c.accent, 0.2) });
    for (const [key, info] of Object.entries(SUGGESTIONS)) {
      const x = f?.suggestions?.[key];
      if (x == null || !Number.isFinite(x)) continue;
      const sp = f.spread?.[key];
      m.lines.push({ x, colour: c.mark, dash: [5, 4], label: info.short, span: sp && sp.n > 1 ? [sp.min, sp.max] : null });
    }
    if (this.pick != null && Number.isFinite(this.pick) && this.pick > 0) {
      m.lines.push({ x: this.pick, colour: c.pick, width: 2.5, label: `pick ${fmtLr(this.pick)}`, first: true });
    }
  }
}
