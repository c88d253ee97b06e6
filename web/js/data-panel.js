// data-panel.js — your own data: a CSV/TSV file picked or dropped on the data panel, read by
// the core on this thread (core.loadData, for the preview and the canonical config) and by each
// training worker from the same bytes (protocol.js). The file never leaves the page.
//
// Shows: the file's shape, its first rows with the column types, the target choice, the class
// counts (classification) or a histogram of the target (regression), and the axes of the preview.
// A link made with a file either carries it (link/inline.js) or names it: then the panel asks for
// that file, and the core refuses any other (data.sha256). Every refusal is the core's one line,
// shown here as text.
import { encodeInline } from './link/inline.js';
import { oneLine } from './core/json-strict.js';

const $ = (id) => document.getElementById(id);
const MAX_BYTES = 64 * 1024 * 1024;   // LRP_MAX_CSV_BYTES
const PREVIEW_ROWS = 5;
const HIST_BINS = 20;
// What a new file keeps of the data settings of the last one.
const KEEP = ['target', 'task', 'header', 'separator', 'standardize', 'val_frac'];

const short = (sha) => `${sha.slice(0, 4)}…`;
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };

export class DataPanel {
  /** state: State; pool: WorkerPool; onData(): the file changed (redraw the preview). */
  constructor({ core, state, pool, onData = () => {} }) {
    Object.assign(this, { core, state, pool, onData });
    this.table = null;      // the accepted file's table (in this thread's core)
    this.inline = null;     // the file as a link value, or null when it is too large for a link
    this.expected = null;   // {path, sha256, rows}: the file a link was made with
    this.linked = false;    // the data settings came from a link: a file is read as they say
    this.axes = ['pc1', 'pc2'];
    const input = $('data-file');
    input.addEventListener('change', () => { if (input.files?.[0]) this.loadFile(input.files[0]); input.value = ''; });
    const zone = $('fs-data');
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('drop-over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('drop-over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('drop-over');
      const f = e.dataTransfer?.files?.[0];
      if (f) this.loadFile(f);
    });
    // A file dropped beside the panel must not make the browser leave the page to show it.
    for (const t of ['dragover', 'drop']) {
      window.addEventListener(t, (e) => { if (e.dataTransfer?.types?.includes('Files')) e.preventDefault(); });
    }
    $('data-target').addEventListener('change', (e) => this.state.set('data.target', e.target.value));
    for (const [k, id] of [[0, 'data-x'], [1, 'data-y']]) {
      $(id).addEventListener('change', (e) => {
        const v = e.target.value;
        this.axes[k] = v.startsWith('pc') ? v : Number(v);
        this.onData();
      });
    }
    $('data-other').addEventListener('click', () => { this.expected = null; this.linked = false; this.sync(this.state.config); });
  }

  /** Options of the preview for `config`: the table, the axes and the feature names. */
  previewOptions(config) {
    if (config.data?.name !== 'csv' || !this.table) return {};
    const t = this.target(config);
    return { data: this.table, axes: this.axes, features: this.table.columns.filter((_, j) => j !== t).map((c) => c.name) };
  }

  /** The key that changes when the preview must be drawn again. */
  previewKey() { return `${this.table?.sha256 ?? ''}:${this.axes.join(',')}`; }

  /** The link value of the data of `config`, when it is this file and small enough. */
  inlineFor(config) {
    return config.data?.name === 'csv' && this.table && config.data.sha256 === this.table.sha256 ? this.inline : null;
  }

  /** Before a csv link's config replaces the state: the file goes, unless it is the link's. */
  beforeLink(config) {
    if (!(this.table && config.data?.sha256 === this.table.sha256)) this.drop();
  }

  /**
   * A link opened on a csv config: the file it was made with is needed (unless it carries it, or
   * it is the file the page has already); shape: {rows} as the link records it.
   */
  expect(config, shape = {}) {
    const d = config.data ?? {};
    if (this.table && d.sha256 === this.table.sha256) {
      this.expected = null;
      this.linked = false;
      this.sync(config);
      return;
    }
    this.drop();
    this.expected = d.sha256 ? { path: d.path || 'a CSV file', sha256: d.sha256, rows: shape.rows } : null;
    this.linked = true;
    this.error(null);
    this.sync(config);
  }

  /** Forgets the file. */
  drop() {
    if (this.table) this.table.free();
    this.table = null;
    this.inline = null;
    this.state.data = null;
    this.pool.setData(null);
    delete document.documentElement.dataset.dataSha;
  }

  async loadFile(file) {
    // Refused by its size before it is read, in the words of the CLI given the file's name.
    if (file.size > MAX_BYTES) { this.error(`data: "${file.name}" is ${file.size} bytes; at most ${MAX_BYTES >> 20} MiB`); return false; }
    let bytes;
    try { bytes = new Uint8Array(await file.arrayBuffer()); } catch { this.error(`data: cannot read "${file.name}"`); return false; }
    return this.useBytes(bytes, file.name);
  }

  /**
   * Reads `bytes` as the file `name`; when the core accepts it with the current settings, it
   * becomes the data of the experiment. Returns true when accepted; else shows the core's line.
   */
  async useBytes(bytes, name) {
    const c = this.state.config;
    const d = c.data ?? {};
    const csv = d.name === 'csv';
    let table;
    const t0 = performance.now();
    try {
      table = this.core.loadData(bytes, { name, header: csv ? d.header : 'auto', separator: csv ? d.separator : 'auto' });
    } catch (err) { this.error(err.message); return false; }
    document.documentElement.dataset.readMs = (performance.now() - t0).toFixed(2);   // for the benchmark
    let data;
    if (this.linked) data = { ...d, name: 'csv' };       // as the link has it: the core checks data.sha256
    else {
      data = { name: 'csv', path: table.name };
      for (const k of csv ? KEEP : ['val_frac']) if (d[k] !== undefined) data[k] = d[k];
      if (data.target !== undefined && this.columnIndex(table, data.target) < 0) delete data.target;
    }
    try {
      this.state.useData(table, { ...c, data });
    } catch (err) {
      table.free();
      this.error(err.message);
      return false;
    }
    if (this.table && this.table !== table) this.table.free();
    this.table = table;
    this.expected = null;
    this.linked = false;
    this.inline = null;
    this.pool.setData({ name: table.name, sha256: table.sha256, bytes });
    this.error(null);
    this.sync(this.state.config);
    this.onData();
    this.inline = await encodeInline(bytes);
    if (this.table === table) {
      document.documentElement.dataset.dataSha = table.sha256;
      this.onData('inline');
    }
    return true;
  }

  columnIndex(table, target) {
    const s = String(target);
    const byName = table.columns.findIndex((col) => col.name === s);
    if (byName >= 0) return byName;
    return /^[0-9]+$/.test(s) && Number(s) < table.columns.length ? Number(s) : -1;
  }

  /** The target column's index in the table (the canonical config names it). */
  target(config) {
    const t = config.data?.target;
    const i = t === undefined || t === '' ? -1 : this.columnIndex(this.table, t);
    return i >= 0 ? i : this.table.columns.length - 1;
  }

  error(text) {
    const e = $('data-error');
    e.textContent = text ? oneLine(text) : '';
    e.hidden = !text;
  }

  /** Shows what the panel knows for `config` (called on every change of the settings). */
  sync(config) {
    const csv = config.data?.name === 'csv';
    const have = csv && !!this.table && config.data.sha256 === this.table.sha256;
    $('data-info').hidden = !have;
    const ask = $('data-ask');
    if (csv && !have) {
      const x = this.expected;
      ask.textContent = x
        ? `This link was made with ${x.path}, ${x.rows ?? 'its'} rows, sha256 ${short(x.sha256)}: choose that file to run it (it is checked before anything runs).`
        : 'Choose a CSV file (or drop one here) to run the experiment on it.';
      ask.hidden = false;
      $('data-other').hidden = !x;
    } else { ask.hidden = true; $('data-other').hidden = true; }
    if (have) this.showTable(config);
  }

  showTable(config) {
    const t = this.table, d = config.data, ti = this.target(config);
    $('data-summary').textContent = `${t.name}: ${t.rows} rows, ${t.columns.length} columns ` +
      `(${t.separator}-separated, ${t.header === 'yes' ? 'with' : 'without'} a header row), sha256 ${short(t.sha256)}; ` +
      `target "${t.columns[ti].name}", ${d.task}.`;
    // The first rows, with the column types.
    if (this.cache?.table !== t) this.cache = { table: t, cols: t.columns.map((c, j) => t.column(j).slice(0, PREVIEW_ROWS)), target: new Map() };
    const cols = this.cache.cols;
    if (!this.cache.target.has(ti)) this.cache.target.set(ti, t.column(ti));
    const head = el('tr'), types = el('tr');
    t.columns.forEach((c, j) => {
      head.append(el('th', c.name, j === ti ? 'target' : null));
      types.append(el('td', c.numeric ? 'number' : 'text', 'muted'));
    });
    const rows = [head, types];
    for (let i = 0; i < Math.min(PREVIEW_ROWS, t.rows); i++) {
      const tr = el('tr');
      cols.forEach((col) => tr.append(el('td', String(col[i]))));
      rows.push(tr);
    }
    $('data-table').replaceChildren(...rows);
    // The target choice.
    const sel = $('data-target');
    const names = t.columns.map((c) => c.name);
    if (sel.dataset.cols !== JSON.stringify(names)) {
      sel.replaceChildren(...names.map((n, j) => { const o = el('option', n); o.value = String(j); return o; }));
      sel.dataset.cols = JSON.stringify(names);
    }
    sel.value = String(ti);
    for (const id of ['data-x', 'data-y']) {
      const s = $(id);
      const feats = names.filter((_, j) => j !== ti);
      const sig = JSON.stringify(feats);
      if (s.dataset.cols !== sig) {
        const opts = [['pc1', 'PC 1'], ['pc2', 'PC 2'], ...feats.map((n, k) => [String(k), n])];
        s.replaceChildren(...opts.map(([v, n]) => { const o = el('option', n); o.value = v; return o; }));
        s.dataset.cols = sig;
        this.axes = ['pc1', 'pc2'];
      }
    }
    $('data-x').value = String(this.axes[0]);
    $('data-y').value = String(this.axes[1]);
    this.showTarget(this.cache.target.get(ti), d.task === 'regression');
  }

  /** Class counts, or a histogram of a numeric target. */
  showTarget(values, regression) {
    const list = $('data-classes'), canvas = $('data-hist');
    canvas.hidden = !regression;
    if (!regression) {
      const counts = new Map();
      for (const v of values) { const k = String(v); counts.set(k, (counts.get(k) || 0) + 1); }
      const sorted = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      list.textContent = `Classes: ${sorted.map(([k, n]) => `${k} ${n}`).join(' · ')}`;
      return;
    }
    let lo = Infinity, hi = -Infinity;
    for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
    const bins = new Array(HIST_BINS).fill(0);
    for (const v of values) bins[hi > lo ? Math.min(HIST_BINS - 1, Math.floor(((v - lo) / (hi - lo)) * HIST_BINS)) : 0]++;
    const dpr = window.devicePixelRatio || 1, w = 240 * dpr, h = 60 * dpr;
    canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, w, h);
    ctx.fillStyle = getComputedStyle(canvas).color || '#447';
    const top = Math.max(...bins);
    bins.forEach((n, k) => {
      const bh = top ? (n / top) * (h - 2) : 0;
      ctx.fillRect((k * w) / HIST_BINS + 1, h - bh, w / HIST_BINS - 2, bh);
    });
    list.textContent = `Target: ${lo} to ${hi}, in ${HIST_BINS} bins:`;
    canvas.setAttribute('aria-label', `Histogram of the target, ${lo} to ${hi}, ${HIST_BINS} bins`);
  }
}
