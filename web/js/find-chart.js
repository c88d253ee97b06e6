// find-chart.js — the range test chart: loss against learning rate on a log x axis, raw loss
// faint, smoothed loss bold, the suggestions as labelled lines, the steep stretch shaded, the
// picked rate in green. A click on the plot picks the rate under the pointer.
import { makeChart, redrawSoon, logTick } from './chart-setup.js';
import { fmtLr, fmtLoss } from './format.js';

export const SUGGESTION_NAMES = {
  steep: 'steepest slope',
  valley: 'valley',
  minimum: 'minimum / 10',
  slide: 'slide rule',
  gradient: 'steepest gradient (Lightning)',
};

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

export class FindChart {
  constructor(canvas, { onPick }) {
    this.canvas = canvas;
    this.baseLabel = canvas.getAttribute('aria-label');
    this.onPick = onPick;
    this.result = null;
    this.pick = null;
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
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? `rate ${fmtLr(items[0].parsed.x)}` : ''),
              label: (it) => `${it.dataset.label}: ${fmtLoss(it.parsed.y)}`,
            },
          },
          lrplayMarks: { bands: [], lines: [] },
        },
        onClick: (evt, _els, chart) => this._click(evt, chart),
      },
    }, (chart, c) => this._theme(chart, c));
    this._marks();
  }

  _theme(chart, c) {
    this.colours = c;
    const [raw, smooth] = chart.data.datasets;
    raw.borderColor = c.raw; raw.backgroundColor = c.raw;
    smooth.borderColor = c.accent; smooth.backgroundColor = c.accent;
    if (this.chart) this._marks();
  }

  _click(evt, chart) {
    const a = chart.chartArea;
    if (!a || evt.x < a.left || evt.x > a.right || evt.y < a.top || evt.y > a.bottom) return;
    const lr = chart.scales.x.getValueForPixel(evt.x);
    if (Number.isFinite(lr) && lr > 0) this.onPick(Number(lr.toPrecision(3)), 'chart');
  }

  /** Starts a new sweep: empty curves, the x axis from start to end rate. */
  reset(startLr, endLr) {
    this.result = null;
    const ds = this.chart.data.datasets;
    ds[0].data = []; ds[1].data = [];
    this.canvas.dataset.points = '0';
    this.canvas.setAttribute('aria-label', this.baseLabel);
    Object.assign(this.chart.options.scales.x, { min: startLr, max: endLr });
    Object.assign(this.chart.options.scales.y, { min: undefined, max: undefined });
    this._marks();
    this.chart.update('none');
  }

  /** A partial sweep ({lr, loss, smoothed}, cumulative) while it runs. */
  progress(p) {
    if (!p || !p.lr) return;
    const ds = this.chart.data.datasets;
    ds[0].data = points(p.lr, p.loss);
    if (p.smoothed) ds[1].data = points(p.lr, p.smoothed, Math.min(p.lr.length, p.smoothed.length));
    this._yRange(p.loss, p.smoothed || []);
    this._describe(p);
    redrawSoon(this.chart);
  }

  /** The finished sweep (result.find of the core). */
  show(find) {
    this.result = find;
    const ds = this.chart.data.datasets;
    ds[0].data = points(find.lr, find.loss);
    ds[1].data = points(find.lr, find.smoothed);
    this._yRange(find.loss, find.smoothed);
    this._marks();
    this._describe(find);
    this.chart.update('none');
  }

  // The chart in words, for screen readers (and the tests): points, range, suggestions.
  _describe(f) {
    const n = f.lr.length;
    this.canvas.dataset.points = String(f.loss.filter((v) => v != null && Number.isFinite(v)).length);
    let s = `${this.baseLabel}: ${n} points from rate ${fmtLr(f.lr[0])} to ${fmtLr(f.lr[n - 1])}.`;
    const sug = Object.keys(SUGGESTION_NAMES).filter((k) => f.suggestions?.[k] != null)
      .map((k) => `${SUGGESTION_NAMES[k]} ${fmtLr(f.suggestions[k])}`);
    if (sug.length) s += ` Suggestions: ${sug.join(', ')}.`;
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
    m.bands = []; m.lines = [];
    const f = this.result;
    if (f?.steep_range && f.steep_range.length === 2) {
      m.bands.push({ from: f.steep_range[0], to: f.steep_range[1], colour: c.shade, label: 'steep fall' });
    }
    for (const key of Object.keys(SUGGESTION_NAMES)) {
      const x = f?.suggestions?.[key];
      if (x != null && Number.isFinite(x)) m.lines.push({ x, colour: c.mark, dash: [5, 4], label: `${SUGGESTION_NAMES[key]}: ${fmtLr(x)}` });
    }
    if (this.pick != null && Number.isFinite(this.pick) && this.pick > 0) {
      m.lines.push({ x: this.pick, colour: c.pick, width: 2.5, label: `pick: ${fmtLr(this.pick)}` });
    }
  }
}
