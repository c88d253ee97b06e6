// find-table.js — the range-test chart as a table, its text alternative: at most MAX_ROWS
// points spread evenly over the kept curve, plus the point of every suggestion, with the rate,
// the (median) smoothed loss, its band over seeds or the raw loss, and which suggestions sit
// there. Written with textContent only.
import { fmtLr, fmtLoss } from './format.js';
import { SUGGESTIONS } from './find-suggest.js';

const MAX_ROWS = 40;

/** The index of the grid point nearest to rate x (log distance), or -1. */
function nearest(lr, n, x) {
  let best = -1, d = Infinity;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(Math.log(lr[i]) - Math.log(x));
    if (e < d) { d = e; best = i; }
  }
  return best;
}

/** Rows of the table for a `find` object (single seed or repeated): [{i, marks}]. */
export function tableRows(find) {
  const repeated = (find.repeats ?? 1) > 1;
  const n = repeated ? find.lr.length : Math.min(find.kept ?? find.lr.length, find.lr.length);
  if (!n) return [];
  const marks = new Map();
  for (const key of Object.keys(SUGGESTIONS)) {
    const x = find.suggestions?.[key];
    if (x == null) continue;
    const i = nearest(find.lr, n, key === 'minimum' ? x * 10 : x);   // minimum/10 is marked at the minimum
    if (i >= 0) marks.set(i, [...(marks.get(i) || []), SUGGESTIONS[key].name]);
  }
  const idx = new Set(marks.keys());
  const step = Math.max(1, (n - 1) / (MAX_ROWS - 1));
  for (let k = 0; k < MAX_ROWS; k++) idx.add(Math.min(n - 1, Math.round(k * step)));
  return [...idx].sort((a, b) => a - b).map((i) => ({ i, marks: marks.get(i) || [] }));
}

/** Fills `table` (caption, head, body) with `find`, or empties it (null). */
export function renderTable(table, find) {
  const cap = table.createCaption();
  const head = table.tHead || table.createTHead();
  const body = table.tBodies[0] || table.createTBody();
  head.replaceChildren();
  body.replaceChildren();
  if (!find) { cap.textContent = 'Range test: no curve yet.'; return; }
  const repeated = (find.repeats ?? 1) > 1;
  const cols = repeated
    ? ['Rate', `Median smoothed loss (${find.repeats} seeds)`, 'Lowest', 'Highest', 'Suggestions here']
    : ['Rate', 'Smoothed loss', 'Raw loss', 'Suggestions here'];
  const tr = head.insertRow();
  for (const c of cols) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    tr.appendChild(th);
  }
  const rows = tableRows(find);
  cap.textContent = `Range test: ${rows.length} of ${find.lr.length} points` +
    `${repeated ? `, median and band over ${find.repeats} seeds` : ''}, rates on a log scale.`;
  for (const { i, marks } of rows) {
    const r = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = fmtLr(find.lr[i]);
    r.appendChild(th);
    const vals = repeated ? [find.smoothed[i], find.smoothed_min[i], find.smoothed_max[i]] : [find.smoothed[i], find.loss[i]];
    for (const v of vals) {
      const td = r.insertCell();
      td.className = 'num';
      td.textContent = fmtLoss(v);
    }
    r.insertCell().textContent = marks.join(', ');
  }
}
