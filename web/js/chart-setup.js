// chart-setup.js — Chart.js, only the parts the page uses, plus a small plugin that draws
// shaded x ranges and labelled vertical lines (suggestions, the pick) without any extra library.
import {
  Chart, LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale,
  Tooltip, Legend,
} from 'chart.js';
import { colours, onThemeChange } from './theme.js';
import { fmtLr } from './format.js';

// Options of the plugin, per chart: options.plugins.lrplayMarks =
//   { bands: [{from, to, colour, label}], lines: [{x, colour, label, dash}] }   (x in data units)
const marksPlugin = {
  id: 'lrplayMarks',
  beforeDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: a, scales: { x } } = chart;
    for (const b of opts.bands || []) {
      const x0 = Math.max(a.left, x.getPixelForValue(b.from));
      const x1 = Math.min(a.right, x.getPixelForValue(b.to));
      if (!(x1 > x0)) continue;
      ctx.save();
      ctx.fillStyle = b.colour;
      ctx.fillRect(x0, a.top, x1 - x0, a.bottom - a.top);
      if (b.label) {
        ctx.fillStyle = opts.textColour || '#666';
        ctx.font = '11px system-ui, sans-serif';
        ctx.textAlign = 'left';
        ctx.fillText(b.label, x0 + 4, a.bottom - 6);
      }
      ctx.restore();
    }
  },
  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: a, scales: { x } } = chart;
    const lines = (opts.lines || [])
      .map((l) => ({ ...l, px: x.getPixelForValue(l.x) }))
      .filter((l) => Number.isFinite(l.px) && l.px >= a.left - 0.5 && l.px <= a.right + 0.5)
      .sort((p, q) => p.px - q.px);
    ctx.save();
    ctx.font = '600 11px system-ui, sans-serif';
    const rows = []; // right edge of the last label in each row, so labels do not overlap
    for (const l of lines) {
      ctx.strokeStyle = l.colour;
      ctx.lineWidth = l.width || 1.5;
      ctx.setLineDash(l.dash || []);
      ctx.beginPath();
      ctx.moveTo(l.px, a.top);
      ctx.lineTo(l.px, a.bottom);
      ctx.stroke();
      if (!l.label) continue;
      const w = ctx.measureText(l.label).width + 8;
      let left = Math.min(Math.max(l.px - w / 2, a.left), a.right - w);
      let row = rows.findIndex((r) => r < left);
      if (row < 0) { row = rows.length; rows.push(0); }
      rows[row] = left + w;
      const y = a.top + 4 + row * 16;
      ctx.setLineDash([]);
      ctx.fillStyle = opts.labelBackground || 'rgba(255,255,255,0.85)';
      ctx.fillRect(left, y, w, 14);
      ctx.fillStyle = l.colour;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(l.label, left + 4, y + 1.5);
    }
    ctx.restore();
  },
};

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale,
  Tooltip, Legend, marksPlugin);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Tick labels for a log axis: only the powers of ten. */
export function logTick(v) {
  const l = Math.log10(v);
  return Math.abs(l - Math.round(l)) < 1e-6 ? fmtLr(v) : '';
}

const live = new Set();

/** Creates a chart whose colours follow the theme: theme(chart, colours) restyles it. */
export function makeChart(canvas, config, theme) {
  const chart = new Chart(canvas, config);
  const entry = { chart, theme };
  live.add(entry);
  restyle(entry, colours());
  chart.update('none');
  return chart;
}

function restyle({ chart, theme }, c) {
  const o = chart.options;
  for (const s of Object.values(o.scales || {})) {
    s.grid = { ...(s.grid || {}), color: c.grid };
    s.ticks = { ...(s.ticks || {}), color: c.muted };
    if (s.title) s.title.color = c.fg;
    s.border = { ...(s.border || {}), color: c.line };
  }
  if (o.plugins?.legend) o.plugins.legend.labels = { ...(o.plugins.legend.labels || {}), color: c.fg };
  if (o.plugins?.lrplayMarks) {
    o.plugins.lrplayMarks.textColour = c.muted;
    o.plugins.lrplayMarks.labelBackground = c.bg;
  }
  theme?.(chart, c);
}

onThemeChange(() => {
  const c = colours();
  for (const e of live) { restyle(e, c); e.chart.update('none'); }
});

/** Coalesces redraws into one per animation frame (streaming stays cheap). */
export function redrawSoon(chart) {
  if (chart.$lrplayPending) return;
  chart.$lrplayPending = true;
  requestAnimationFrame(() => { chart.$lrplayPending = false; chart.update('none'); });
}

export { colours };
