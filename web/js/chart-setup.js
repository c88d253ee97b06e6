// chart-setup.js — Chart.js, only the parts the page uses, plus a small plugin that draws
// shaded x ranges and labelled vertical lines (suggestions, the pick) without any extra library.
import {
  Chart, LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale,
  Tooltip, Legend,
} from 'chart.js';
import { colours, onThemeChange } from './theme.js';
import { fmtLr } from './format.js';

// Options of the plugin, per chart: options.plugins.lrplayMarks =
//   { bands: [{from, to, colour, label}],                  shaded x ranges, label at the bottom
//     areas: [{xs, lo, hi, colour}],                       a filled band between two curves
//     lines: [{x, colour, label, dash, width, span, first}] }  vertical lines (x in data units)
// A line's label sits beside it (right of it, or left where it would not fit), never across
// it, in at most 2 rows on a narrow chart (3 on a wide one); a label that finds no room is
// left out (the page lists every value in words). `first` lines are placed first; `span`
// [min, max] draws a bar at the label's row (a suggestion's spread over seeds).
const LABEL_H = 14, ROW_H = 16;

function drawArea(ctx, x, y, { xs, lo, hi, colour }) {
  ctx.fillStyle = colour;
  let i = 0;
  const n = Math.min(xs.length, lo.length, hi.length);
  const ok = (k) => lo[k] != null && hi[k] != null && Number.isFinite(lo[k]) && Number.isFinite(hi[k]);
  while (i < n) {
    while (i < n && !ok(i)) i++;
    const a = i;
    while (i < n && ok(i)) i++;
    if (i - a < 2) continue;
    ctx.beginPath();
    for (let k = a; k < i; k++) ctx[k === a ? 'moveTo' : 'lineTo'](x.getPixelForValue(xs[k]), y.getPixelForValue(hi[k]));
    for (let k = i - 1; k >= a; k--) ctx.lineTo(x.getPixelForValue(xs[k]), y.getPixelForValue(lo[k]));
    ctx.closePath();
    ctx.fill();
  }
}

/** Where each label goes: {left, row} or null (no room), in the order of `lines`. */
export function placeLabels(lines, widths, area, maxRows) {
  const rows = [];   // per row: the [left, right] extents taken
  const free = (r, l, w) => rows[r].every(([a, b]) => l + w + 2 <= a || l >= b + 2);
  const order = lines.map((_, i) => i).sort((p, q) => (lines[q].first ? 1 : 0) - (lines[p].first ? 1 : 0) || lines[p].px - lines[q].px);
  const out = new Array(lines.length).fill(null);
  for (const i of order) {
    const l = lines[i], w = widths[i];
    const right = l.px + 3, left = l.px - 3 - w;
    const spots = [right + w <= area.right ? right : null, left >= area.left ? left : null].filter((v) => v !== null);
    for (let r = 0; r < maxRows && !out[i]; r++) {
      if (!rows[r]) rows[r] = [];
      const at = spots.find((x0) => free(r, x0, w));
      if (at !== undefined) { rows[r].push([at, at + w]); out[i] = { left: at, row: r }; }
    }
  }
  return out;
}

const marksPlugin = {
  id: 'lrplayMarks',
  beforeDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: a, scales: { x, y } } = chart;
    ctx.save();
    ctx.beginPath();
    ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
    ctx.clip();
    for (const ar of opts.areas || []) drawArea(ctx, x, y, ar);
    ctx.restore();
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
      .filter((l) => Number.isFinite(l.px) && l.px >= a.left - 0.5 && l.px <= a.right + 0.5);
    ctx.save();
    ctx.font = '600 11px system-ui, sans-serif';
    const widths = lines.map((l) => (l.label ? ctx.measureText(l.label).width + 8 : 0));
    const placed = placeLabels(lines, widths, a, a.right - a.left < 520 ? 2 : 3);
    const shown = [];
    lines.forEach((l, i) => {
      ctx.strokeStyle = l.colour;
      ctx.lineWidth = l.width || 1.5;
      ctx.setLineDash(l.dash || []);
      ctx.beginPath();
      ctx.moveTo(l.px, a.top);
      ctx.lineTo(l.px, a.bottom);
      ctx.stroke();
      const yRow = a.top + 4 + (placed[i] ? placed[i].row : 0) * ROW_H;
      if (l.span) {
        const s0 = Math.max(a.left, x.getPixelForValue(l.span[0])), s1 = Math.min(a.right, x.getPixelForValue(l.span[1]));
        if (s1 > s0) {
          const ym = yRow + LABEL_H + 3;
          ctx.setLineDash([]);
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(s0, ym); ctx.lineTo(s1, ym);
          ctx.moveTo(s0, ym - 3); ctx.lineTo(s0, ym + 3);
          ctx.moveTo(s1, ym - 3); ctx.lineTo(s1, ym + 3);
          ctx.stroke();
        }
      }
      if (!l.label || !placed[i]) return;
      const { left } = placed[i];
      ctx.setLineDash([]);
      ctx.fillStyle = opts.labelBackground || 'rgba(255,255,255,0.85)';
      ctx.fillRect(left, yRow, widths[i], LABEL_H);
      ctx.fillStyle = l.colour;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(l.label, left + 4, yRow + 1.5);
      shown.push([l.label, Math.round(l.px), Math.round(left), Math.round(left + widths[i])]);
    });
    ctx.restore();
    // What was written where (the tests check that no label covers its own line).
    chart.canvas.dataset.marks = shown.map((m) => m[0]).join('|');
    chart.canvas.dataset.markBoxes = JSON.stringify(shown);
    chart.canvas.dataset.markRows = String(Math.max(0, ...placed.filter(Boolean).map((p) => p.row + 1)));
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
