// train-charts.js — the comparison charts: loss per epoch (validation solid, training dashed)
// and learning rate per epoch on a log axis with a marker at every rate cut, one colour per run.
import { makeChart, redrawSoon, logTick } from './chart-setup.js';
import { fmtLr, fmtLoss } from './format.js';
import { RUN_COLOURS } from './theme.js';

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

export class TrainCharts {
  constructor(lossCanvas, lrCanvas) {
    this.lrCanvas = lrCanvas;
    this.lrLabel = lrCanvas.getAttribute('aria-label');
    this.runs = [];        // [{label, colourIndex, partial}]
    this.colours = null;
    const base = (ytitle, ytype) => ({
      responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'epoch' }, min: 0.5, ticks: { precision: 0, includeBounds: false } },
        y: { type: ytype, title: { display: true, text: ytitle } },
      },
    });
    const lossOpts = base('loss', 'linear');
    lossOpts.plugins = {
      legend: { position: 'bottom', labels: { filter: (item, data) => data.datasets[item.datasetIndex].$kind === 'val' } },
      tooltip: { callbacks: { title: (it) => (it.length ? `epoch ${it[0].parsed.x}` : ''), label: (it) => `${it.dataset.label}: ${fmtLoss(it.parsed.y)}` } },
    };
    this.loss = makeChart(lossCanvas, { type: 'line', data: { datasets: [] }, options: lossOpts }, (ch, c) => this._theme(c));
    const lrOpts = base('learning rate (log scale)', 'logarithmic');
    lrOpts.scales.y.ticks = { callback: logTick, autoSkip: false };
    lrOpts.plugins = {
      legend: { position: 'bottom', labels: { filter: (item, data) => data.datasets[item.datasetIndex].$kind === 'lr' } },
      tooltip: {
        callbacks: {
          title: (it) => (it.length ? `epoch ${it[0].parsed.x}` : ''),
          label: (it) => {
            const d = it.dataset;
            if (d.$kind === 'cut') {
              const e = d.$events[it.dataIndex];
              return `${d.$run}: ${REASON[e.reason] || e.reason} ${fmtLr(e.old_lr)} → ${fmtLr(e.new_lr)}`;
            }
            return `${d.label}: ${fmtLr(it.parsed.y)}`;
          },
        },
      },
    };
    this.lr = makeChart(lrCanvas, { type: 'line', data: { datasets: [] }, options: lrOpts }, (ch, c) => this._theme(c));
  }

  /** Starts a comparison: one entry per run, in the config's order. */
  reset(runs, epochs) {
    this.runs = runs.map((r, i) => ({ label: r.label || `run ${i}`, colourIndex: i % RUN_COLOURS, partial: null }));
    // Half an epoch of room each side: a cut after the last epoch still shows.
    for (const ch of [this.loss, this.lr]) ch.options.scales.x.max = Math.max(2, epochs) + 0.5;
    this.loss.options.scales.y.max = undefined;
    this._rebuild();
  }

  /** A run's result so far (cumulative arrays lr, train_loss, val_loss, events). */
  update(runIndex, partial) {
    const r = this.runs[runIndex];
    if (!r) return;
    r.partial = partial;
    this._rebuild(false);
  }

  // The rate chart in words: the cuts of each run (also read by the tests).
  _describe() {
    const cuts = this.runs.map((r) => cutEvents(r.partial?.events));
    this.lrCanvas.dataset.cuts = JSON.stringify(cuts.map((c) => c.length));
    const parts = this.runs.map((r, i) => `${r.label}: ${plural(cuts[i].length, 'cut')}` +
      (cuts[i].length ? ` (after epochs ${cuts[i].map((e) => e.epoch).join(', ')})` : ''));
    this.lrCanvas.setAttribute('aria-label', parts.length ? `${this.lrLabel}. ${parts.join('; ')}.` : this.lrLabel);
  }

  _theme(c) {
    this.colours = c;
    this._rebuild(false, false);
  }

  _rebuild(full = true, redraw = true) {
    const c = this.colours;
    if (!c || !this.loss || !this.lr) return;
    const lossSets = [], lrSets = [], cutSets = [];
    let firstLoss = -Infinity;
    this.runs.forEach((r, i) => {
      const col = c.runs[r.colourIndex];
      const p = r.partial || {};
      const v0 = p.val_loss?.[0], t0 = p.train_loss?.[0];
      for (const v of [v0, t0]) if (v != null && Number.isFinite(v)) firstLoss = Math.max(firstLoss, v);
      lossSets.push({ $kind: 'val', label: r.label, data: series(p.val_loss), borderColor: col, backgroundColor: col, borderWidth: 2, pointRadius: 0, $run: i });
      lossSets.push({ $kind: 'train', label: `${r.label} (train)`, data: series(p.train_loss), borderColor: col, backgroundColor: col, borderWidth: 1.2, borderDash: [5, 4], pointRadius: 0, $run: i });
      lrSets.push({ $kind: 'lr', label: r.label, data: series(p.lr), borderColor: col, backgroundColor: col, borderWidth: 2, pointRadius: 0, stepped: 'middle', $run: i });
      // One marker set per run (possibly empty), after all the lines: dataset indices stay put.
      const cuts = cutEvents(p.events);
      cutSets.push({
        $kind: 'cut', $run: r.label, $events: cuts, label: `${r.label} cuts`, type: 'scatter', showLine: false,
        data: cuts.map((e) => ({ x: e.epoch + 0.5, y: e.new_lr })),   // between epoch e and e+1
        pointStyle: 'triangle', pointRotation: 180, pointRadius: 7, pointHoverRadius: 9,
        borderColor: c.fg, borderWidth: 1, backgroundColor: col,
      });
    });
    this._describe();
    this.loss.data.datasets = lossSets;
    this.lr.data.datasets = lrSets.concat(cutSets);
    // Keep diverging runs from flattening the others: cap the loss axis a little above the
    // highest first-epoch loss.
    this.loss.options.scales.y.max = Number.isFinite(firstLoss) ? firstLoss * 1.15 : undefined;
    this.loss.options.scales.y.min = 0;
    if (full || !redraw) { this.loss.update('none'); this.lr.update('none'); } else { redrawSoon(this.loss); redrawSoon(this.lr); }
  }
}
