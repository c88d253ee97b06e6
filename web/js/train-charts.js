// train-charts.js — the comparison charts: loss per epoch (validation solid, training dashed)
// and learning rate per epoch on a log axis with a marker at every rate cut, one colour per run.
// Early stopping is marked where it stopped (×) and, with restore, at the restored epoch (○).
// A comparison repeated over seeds streams each seed's curves as thin lines, then shows each
// run's median with its min–max band across seeds (the `curves` of `lrplay train`); the
// seeds' own curves stay on demand (showSeeds).
import { makeChart, redrawSoon, logTick } from './chart-setup.js';
import { fmtLr, fmtLoss } from './format.js';
import { RUN_COLOURS } from './theme.js';

const REDRAW_MS = 200;
const REASON = { plateau: 'plateau cut', min_lr: 'floor (min_lr)', schedule: 'schedule step' };

function series(ys) {
  const out = [];
  for (let i = 0; i < (ys ? ys.length : 0); i++) {
    const y = ys[i];
    out.push({ x: i + 1, y: y == null || !Number.isFinite(y) ? null : y });
  }
  return out;
}

// Closed-form schedules change the rate every epoch; only cuts are marked (plateau, floor).
function cutEvents(events) {
  return (events || []).filter((e) => e.reason === 'plateau' || e.reason === 'min_lr');
}

function plural(n, w) { return `${n} ${w}${n === 1 ? '' : 's'}`; }

const finite = (v) => v != null && Number.isFinite(v);

/** A colour with an alpha: the theme's run colours are #rrggbb. */
function alpha(col, a) {
  return /^#[0-9a-f]{6}$/i.test(col) ? col + Math.round(a * 255).toString(16).padStart(2, '0') : col;
}

// Draws the min–max bands of a chart (chart.$bands: [{lo, hi, colour}], arrays per epoch
// from 1) under its lines; counts what it drew in the canvas's data-bands-drawn.
const bandPlugin = {
  id: 'lrplayBands',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea: a, scales: { x, y } } = chart;
    let drawn = 0;
    ctx.save();
    ctx.beginPath();
    ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
    ctx.clip();
    for (const b of chart.$bands || []) {
      // One polygon per stretch of epochs where both ends are finite.
      let seg = [];
      const flush = () => {
        if (seg.length >= 2) {
          ctx.beginPath();
          seg.forEach((i, k) => ctx[k ? 'lineTo' : 'moveTo'](x.getPixelForValue(i + 1), y.getPixelForValue(b.hi[i])));
          for (let k = seg.length - 1; k >= 0; k--) ctx.lineTo(x.getPixelForValue(seg[k] + 1), y.getPixelForValue(b.lo[seg[k]]));
          ctx.closePath();
          ctx.fillStyle = b.colour;
          ctx.fill();
          drawn++;
        }
        seg = [];
      };
      for (let i = 0; i < b.lo.length; i++) {
        if (finite(b.lo[i]) && finite(b.hi[i]) && (y.type !== 'logarithmic' || b.lo[i] > 0)) seg.push(i); else flush();
      }
      flush();
    }
    ctx.restore();
    chart.canvas.dataset.bandsDrawn = String(drawn);
  },
};

/** The early-stopping marks of one seed's run: [{kind: 'stop'|'restore', epoch}]. */
export function stopMarks(run) {
  const out = [];
  if (run?.stopped_epoch != null) out.push({ kind: 'stop', epoch: run.stopped_epoch });
  if (run?.restored_epoch != null) out.push({ kind: 'restore', epoch: run.restored_epoch });
  return out;
}

export class TrainCharts {
  constructor(lossCanvas, lrCanvas) {
    this.lossCanvas = lossCanvas;
    this.lrCanvas = lrCanvas;
    this.lossLabel = lossCanvas.getAttribute('aria-label');
    this.lrLabel = lrCanvas.getAttribute('aria-label');
    this.runs = [];        // [{label, colourIndex, seeds: [partial per seed], agg: aggregated run|null}]
    this.repeats = 1;
    this.showSeeds = false;
    this.colours = null;
    this._timer = 0;
    const base = (ytitle, ytype) => ({
      responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'epoch' }, min: 0.5, ticks: { precision: 0, includeBounds: false } },
        y: { type: ytype, title: { display: true, text: ytitle } },
      },
    });
    const markLabel = (d, it) => {
      const m = d.$marks[it.dataIndex];
      return `${d.$run}${m.seed != null ? ` (seed ${m.seed})` : ''}: ${m.kind === 'stop' ? 'early stop after' : 'weights restored from'} epoch ${m.epoch}`;
    };
    const lossOpts = base('loss', 'linear');
    lossOpts.plugins = {
      legend: { position: 'bottom', labels: { filter: (item, data) => data.datasets[item.datasetIndex].$kind === 'val' } },
      tooltip: {
        filter: (it) => it.dataset.$kind !== 'seed',
        callbacks: {
          title: (it) => (it.length ? `epoch ${it[0].parsed.x}` : ''),
          label: (it) => (it.dataset.$kind === 'stop' ? markLabel(it.dataset, it) : `${it.dataset.label}: ${fmtLoss(it.parsed.y)}`),
        },
      },
    };
    this.loss = makeChart(lossCanvas, { type: 'line', data: { datasets: [] }, options: lossOpts, plugins: [bandPlugin] }, (ch, c) => this._theme(c));
    const lrOpts = base('learning rate (log scale)', 'logarithmic');
    lrOpts.scales.y.ticks = { callback: logTick, autoSkip: false };
    lrOpts.plugins = {
      legend: { position: 'bottom', labels: { filter: (item, data) => data.datasets[item.datasetIndex].$kind === 'lr' } },
      tooltip: {
        filter: (it) => it.dataset.$kind !== 'seed',
        callbacks: {
          title: (it) => (it.length ? `epoch ${it[0].parsed.x}` : ''),
          label: (it) => {
            const d = it.dataset;
            if (d.$kind === 'cut') {
              const e = d.$events[it.dataIndex];
              return `${d.$run}: ${REASON[e.reason] || e.reason} ${fmtLr(e.old_lr)} → ${fmtLr(e.new_lr)}`;
            }
            if (d.$kind === 'stop') return markLabel(d, it);
            return `${d.label}: ${fmtLr(it.parsed.y)}`;
          },
        },
      },
    };
    this.lr = makeChart(lrCanvas, { type: 'line', data: { datasets: [] }, options: lrOpts, plugins: [bandPlugin] }, (ch, c) => this._theme(c));
  }

  /** Starts a comparison: one entry per run, in the config's order, each over `repeats` seeds. */
  reset(runs, epochs, repeats = 1) {
    clearTimeout(this._timer);
    this._timer = 0;
    this.repeats = Math.max(1, repeats | 0);
    this.runs = runs.map((r, i) => ({ label: r.label || `run ${i}`, colourIndex: i % RUN_COLOURS, seeds: [], agg: null }));
    // Half an epoch of room each side: a cut after the last epoch still shows.
    for (const ch of [this.loss, this.lr]) ch.options.scales.x.max = Math.max(2, epochs) + 0.5;
    this.loss.options.scales.y.max = undefined;
    this._rebuild();
  }

  /** A run's result so far for seed `seedIndex` (cumulative arrays lr, train_loss, val_loss, events). */
  update(runIndex, partial, seedIndex = 0) {
    const r = this.runs[runIndex];
    if (!r) return;
    r.seeds[seedIndex] = partial;
    // Epochs stream in from every worker: redraw at most every REDRAW_MS, so that drawing
    // does not take a core from the training.
    if (!this._timer) this._timer = setTimeout(() => { this._timer = 0; this._rebuild(false); }, REDRAW_MS);
  }

  /** Draws what update() has not drawn yet, now. */
  flush() {
    if (!this._timer) return;
    clearTimeout(this._timer);
    this._timer = 0;
    this._rebuild();
  }

  /** The finished comparison (`runs` of the results JSON): medians and bands when repeated. */
  finish(runs) {
    clearTimeout(this._timer);
    this._timer = 0;
    for (const run of runs || []) {
      const r = this.runs[run.index];
      if (!r) continue;
      r.agg = run.per_seed ? run : null;
      if (run.per_seed) r.seeds = run.per_seed; else r.seeds = [run];
    }
    this._rebuild();
  }

  /** Shows or hides every seed's own curves under the medians. */
  setShowSeeds(on) {
    this.showSeeds = !!on;
    this._rebuild();
  }

  // The charts in words: the cuts and the early stops of each run (also read by the tests).
  _describe() {
    const cuts = this.runs.map((r) => cutEvents(r.seeds[0]?.events));
    this.lrCanvas.dataset.cuts = JSON.stringify(cuts.map((c) => c.length));
    const parts = this.runs.map((r, i) => `${r.label}: ${plural(cuts[i].length, 'cut')}` +
      (cuts[i].length ? ` (after epochs ${cuts[i].map((e) => e.epoch).join(', ')})` : ''));
    this.lrCanvas.setAttribute('aria-label', parts.length ? `${this.lrLabel}. ${parts.join('; ')}.` : this.lrLabel);
    const stops = this.runs.map((r) => r.seeds.map((p) => p?.stopped_epoch ?? null));
    this.lossCanvas.dataset.stops = JSON.stringify(stops);
    this.lossCanvas.dataset.restored = JSON.stringify(this.runs.map((r) => r.seeds.map((p) => p?.restored_epoch ?? null)));
    const said = this.runs.map((r, i) => {
      const s = stops[i].filter((e) => e != null);
      if (!s.length) return null;
      return this.repeats > 1 ? `${r.label} stopped early on ${s.length} of ${this.repeats} seeds (after epochs ${s.join(', ')})`
        : `${r.label} stopped early after epoch ${s[0]}`;
    }).filter(Boolean);
    const med = this.runs.some((r) => r.agg) ? ' Lines are medians across seeds, shaded bands the range from the lowest to the highest seed.' : '';
    this.lossCanvas.setAttribute('aria-label', `${this.lossLabel}.${med}${said.length ? ` ${said.join('; ')}.` : ''}`);
  }

  _theme(c) {
    this.colours = c;
    this._rebuild(false, false);
  }

  // The lines of one run: its median when aggregated, else its single seed.
  _lines(r, i, col, out) {
    const one = r.agg ? null : (this.repeats > 1 ? null : r.seeds[0] || {});
    const src = r.agg
      ? { val_loss: r.agg.curves.val_loss.median, train_loss: r.agg.curves.train_loss.median, lr: r.agg.curves.lr.median }
      : one;
    const name = r.agg ? `${r.label} (median)` : r.label;
    out.loss.push({ $kind: 'val', label: r.label, data: series(src?.val_loss), borderColor: col, backgroundColor: col, borderWidth: 2, pointRadius: 0, $run: i });
    out.loss.push({ $kind: 'train', label: `${name} (train)`, data: series(src?.train_loss), borderColor: col, backgroundColor: col, borderWidth: 1.2, borderDash: [5, 4], pointRadius: 0, $run: i });
    out.lr.push({ $kind: 'lr', label: r.label, data: series(src?.lr), borderColor: col, backgroundColor: col, borderWidth: 2, pointRadius: 0, stepped: 'middle', $run: i });
    if (r.agg) {
      out.lossBands.push({ lo: r.agg.curves.val_loss.min, hi: r.agg.curves.val_loss.max, colour: alpha(col, 0.2) });
      out.lrBands.push({ lo: r.agg.curves.lr.min, hi: r.agg.curves.lr.max, colour: alpha(col, 0.16) });
    }
  }

  _rebuild(full = true, redraw = true) {
    const c = this.colours;
    if (!c || !this.loss || !this.lr) return;
    const out = { loss: [], lr: [], lossBands: [], lrBands: [] };
    const seedSets = { loss: [], lr: [] }, cutSets = [], stopSets = { loss: [], lr: [] };
    let firstLoss = -Infinity;
    const many = this.repeats > 1;
    this.runs.forEach((r, i) => {
      const col = c.runs[r.colourIndex];
      for (const p of r.seeds) {
        for (const v of [p?.val_loss?.[0], p?.train_loss?.[0]]) if (finite(v)) firstLoss = Math.max(firstLoss, v);
      }
      this._lines(r, i, col, out);
      // Each seed's own curves: while a repeated comparison streams, or on demand.
      if (many && (!r.agg || this.showSeeds)) {
        r.seeds.forEach((p, k) => {
          if (!p) return;
          const thin = { borderColor: alpha(col, 0.55), backgroundColor: col, borderWidth: 1, pointRadius: 0, $run: i, $kind: 'seed' };
          seedSets.loss.push({ ...thin, label: `${r.label} seed ${p.seed ?? k}`, data: series(p.val_loss) });
          seedSets.lr.push({ ...thin, label: `${r.label} seed ${p.seed ?? k}`, data: series(p.lr), stepped: 'middle' });
        });
      }
      // Cut markers: of the single seed, or of every seed when they are shown.
      const cutSeeds = !many ? r.seeds.slice(0, 1) : (!r.agg || this.showSeeds ? r.seeds : []);
      const cuts = [];
      for (const p of cutSeeds) for (const e of cutEvents(p?.events)) cuts.push(e);
      // One marker set per run (possibly empty), after all the lines: dataset indices stay put.
      cutSets.push({
        $kind: 'cut', $run: r.label, $events: cuts, label: `${r.label} cuts`, type: 'scatter', showLine: false,
        data: cuts.map((e) => ({ x: e.epoch + 0.5, y: e.new_lr })),   // between epoch e and e+1
        pointStyle: 'triangle', pointRotation: 180, pointRadius: 7, pointHoverRadius: 9,
        borderColor: c.fg, borderWidth: 1, backgroundColor: col,
      });
      // Early stopping: × where each seed stopped, ○ at the epoch whose weights it kept.
      const marks = [];
      r.seeds.forEach((p, k) => { for (const m of stopMarks(p)) marks.push({ ...m, seed: many ? (p.seed ?? k) : null, p }); });
      for (const key of ['loss', 'lr']) {
        const ys = key === 'loss' ? 'val_loss' : 'lr';
        const pts = marks.map((m) => ({ x: m.epoch, y: m.p[ys]?.[m.epoch - 1] ?? null }));
        stopSets[key].push({
          $kind: 'stop', $run: r.label, $marks: marks, label: `${r.label} early stop`, type: 'scatter', showLine: false,
          data: pts, pointStyle: marks.map((m) => (m.kind === 'stop' ? 'crossRot' : 'circle')),
          pointRadius: 7, pointHoverRadius: 9, borderWidth: 2.5, borderColor: col, backgroundColor: alpha(col, 0),
        });
      }
    });
    this._describe();
    this.lossCanvas.dataset.seedLines = String(seedSets.loss.length);
    this.loss.$bands = out.lossBands;
    this.lr.$bands = out.lrBands;
    this.loss.data.datasets = out.loss.concat(seedSets.loss, stopSets.loss);
    this.lr.data.datasets = out.lr.concat(seedSets.lr, cutSets, stopSets.lr);
    // Keep diverging runs from flattening the others: cap the loss axis a little above the
    // highest first-epoch loss.
    this.loss.options.scales.y.max = Number.isFinite(firstLoss) ? firstLoss * 1.15 : undefined;
    this.loss.options.scales.y.min = 0;
    if (full || !redraw) { this.loss.update('none'); this.lr.update('none'); } else { redrawSoon(this.loss); redrawSoon(this.lr); }
  }
}
