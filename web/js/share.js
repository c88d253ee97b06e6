// share.js — the page's "Share and export" panel and the Embed dialog: copying text (with a
// fallback for where the clipboard is not allowed), downloads (JSON, CSV, PNG of a chart with an
// opaque background) and the <iframe> snippet. Text goes in with .value/.textContent only.
import {
  experimentLink, commandText, resultJSON, findCsv, trainCsv, embedSnippet, embedPageUrl, HOST_RESIZE_SNIPPET,
} from './export.js';
import { HIDE_GROUPS } from './link.js';
import { toPyTorch, toKeras } from './snippets.js';
import { colours } from './theme.js';
import { replayScript } from './core.js';

const $ = (id) => document.getElementById(id);

/** A sandboxed frame (opaque origin, not a file): downloads and the clipboard are blocked there. */
export function sandboxedFrame() {
  let framed = false;
  try { framed = window.parent !== window; } catch { framed = true; }
  return framed && self.origin === 'null' && location.protocol !== 'file:';
}

function clipboardAllowed() {
  if (!navigator.clipboard?.writeText || !window.isSecureContext) return false;
  try {
    const fp = document.permissionsPolicy || document.featurePolicy;
    if (fp?.allowsFeature && !fp.allowsFeature('clipboard-write')) return false;
  } catch { /* no policy API: try */ }
  return !sandboxedFrame();
}

const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));

/**
 * The box under the export buttons: shows what was copied (or what to copy by hand, selected,
 * when the browser does not allow copying here), or an image to save. Never throws.
 */
export class CopyBox {
  constructor() {
    this.box = $('copy-out');
    this.status = $('copy-status');
    this.text = $('copy-text');
    this.img = $('copy-img');
    this.url = null;
    $('copy-close').addEventListener('click', () => this.hide());
  }

  hide() {
    this.box.hidden = true;
    this._dropImage();
  }

  _dropImage() {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.img.hidden = true;
    this.img.removeAttribute('src');
  }

  _show(text, status, level = '') {
    this._dropImage();
    this.text.hidden = false;
    this.text.value = text;
    this.status.textContent = status;
    this.status.className = `status${level ? ` ${level}` : ''}`;
    this.box.hidden = false;
  }

  /** Copies `text`; `what` names it in the status line ("the link"). Resolves to true when copied. */
  async copy(text, what) {
    this._show(text, `Copying ${what}…`);
    let ok = false;
    if (clipboardAllowed()) {
      try { await Promise.race([navigator.clipboard.writeText(text), timeout(1500)]); ok = true; } catch { ok = false; }
    }
    if (!ok && !sandboxedFrame()) {
      try { this.text.focus(); this.text.select(); ok = document.execCommand('copy') === true; } catch { ok = false; }
    }
    if (ok) {
      this._show(text, `Copied ${what} to the clipboard.`);
    } else {
      this._show(text, `This browser does not allow copying here: ${what} is selected below; press Ctrl+C (⌘C on a Mac) to copy it.`, 'warn');
      try { this.text.focus(); this.text.select(); } catch { /* nothing more to do */ }
    }
    this.box.dataset.copied = ok ? '1' : '0';
    return ok;
  }

  /** Where downloads are blocked: the file's text to copy, or its image to save. */
  showFile(name, text) {
    this._show(text, `Downloads are not allowed in this embedded view: the text of ${name} is below.`, 'warn');
    try { this.text.focus(); this.text.select(); } catch { /* nothing more to do */ }
  }

  showImage(name, blob) {
    this._show('', `Downloads are not allowed in this embedded view: right-click the image to save ${name}.`, 'warn');
    this.text.hidden = true;
    this.url = URL.createObjectURL(blob);
    this.img.src = this.url;
    this.img.alt = name;
    this.img.hidden = false;
  }
}

/** Saves a file (a string or a Blob) through a temporary link; in a sandboxed frame, shows it. */
export function download(name, data, type, copyBox) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  if (sandboxedFrame()) {
    if (typeof data === 'string') copyBox.showFile(name, data);
    else copyBox.showImage(name, blob);
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A chart's canvas as a PNG with the theme's background filled in (the canvas itself is transparent). */
export function chartPng(canvas) {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  ctx.fillStyle = colours().bg || '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return new Promise((resolve, reject) => {
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be drawn as PNG'))), 'image/png');
  });
}

/** The base URL of links: this page without its fragment. */
export function pageUrl() { return location.href.split('#')[0]; }

/**
 * The "Share and export" panel. `get()` returns {config, find, train, inline, data}: the current config,
 * the last finished range test and comparison (results JSON as the CLI prints them, or null) and
 * the CSV file as a link value (link/inline.js; null when the link cannot carry it) and its table
 * (core.loadData; null without a file), which the replay download embeds.
 */
export class ExportPanel {
  constructor({ core, get, charts }) {
    this.core = core;
    this.get = get;
    this.charts = charts;     // {find(), loss(), lr()} -> canvas
    this.copyBox = new CopyBox();
    this.embed = new EmbedDialog({ core, get, copyBox: this.copyBox });
    this.runSelect = $('export-run');
    const on = (id, fn) => $(id).addEventListener('click', () => { Promise.resolve().then(fn).catch((err) => this._fail(err)); });
    on('copy-link', () => this.copyBox.copy(experimentLink(core, pageUrl(), this.get().config, {}, this.get().inline), 'the link'));
    on('embed-open', () => this.embed.open());
    on('copy-pytorch', () => this.copyBox.copy(toPyTorch(this.get().config, this._run()), 'the PyTorch code'));
    on('copy-keras', () => this.copyBox.copy(toKeras(this.get().config, this._run()), 'the Keras code'));
    on('dl-replay', () => this._replay());
    on('copy-find-cmd', () => this.copyBox.copy(commandText('find', this._resultConfig('find')), 'the command'));
    on('copy-train-cmd', () => this.copyBox.copy(commandText('train', this._resultConfig('train')), 'the command'));
    on('dl-find-json', () => this._text('lrplay-find.json', resultJSON(this._need('find')), 'application/json'));
    on('dl-find-csv', () => this._text('lrplay-find.csv', findCsv(this._need('find')), 'text/csv'));
    on('dl-train-json', () => this._text('lrplay-train.json', resultJSON(this._need('train')), 'application/json'));
    on('dl-train-csv', () => this._text('lrplay-train.csv', trainCsv(this._need('train')), 'text/csv'));
    on('dl-find-png', () => this._png('lrplay-find.png', this.charts.find()));
    on('dl-loss-png', () => this._png('lrplay-loss.png', this.charts.loss()));
    on('dl-lr-png', () => this._png('lrplay-lr.png', this.charts.lr()));
  }

  _run() { return Math.max(0, Number(this.runSelect.value) || 0); }

  // The last finished result of a kind (a new run clears it until it finishes).
  _need(kind) {
    const r = this.get()[kind];
    if (!r) throw new Error(kind === 'find' ? 'run the range test first' : 'train the runs first');
    return r;
  }

  // The command reproduces what the page shows: the config of the last result, else the current one.
  _resultConfig(kind) { return this.get()[kind]?.config ?? this.get().config; }

  _text(name, text, type) { download(name, text, type, this.copyBox); }

  // The exact replay of the chosen run (the same bytes as `lrplay export CONFIG --run N`).
  _replay() {
    const run = this._run();
    const { config, data } = this.get();   // a csv experiment replays its file (data: the table)
    const r = replayScript(this.core.dataset(config, { replay: true, data: config.data?.name === 'csv' ? data : null }), run, 'pytorch');
    download(`lrplay-replay-run${run + 1}.py`, r.text, 'text/x-python', this.copyBox);
    if (r.big && !sandboxedFrame()) {   // (a sandboxed frame shows the text instead)
      this.copyBox._show('', `The script is ${r.mb} MB: the data set and the initial weights are ` +
        'embedded. "Copy as PyTorch" gives the small version, on stand-in data.', 'warn');
      this.copyBox.text.hidden = true;
    }
  }

  async _png(name, canvas) { download(name, await chartPng(canvas), 'image/png', this.copyBox); }

  _fail(err) { this.copyBox._show('', `Could not export: ${err && err.message ? err.message : err}`, 'error'); }

  /** Refreshes the run picker and which exports are available. */
  sync() {
    const { config, find, train } = this.get();
    const runs = config.runs || [];
    const keep = this.runSelect.value;
    const opts = runs.map((r, i) => {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = `${i + 1}: ${r.label || `run ${i + 1}`}`;
      return o;
    });
    this.runSelect.replaceChildren(...opts);
    if (keep && Number(keep) < runs.length) this.runSelect.value = keep;
    for (const id of ['copy-pytorch', 'copy-keras', 'dl-replay']) $(id).disabled = runs.length === 0;
    for (const id of ['dl-find-json', 'dl-find-csv', 'dl-find-png']) $(id).disabled = !find;
    for (const id of ['dl-train-json', 'dl-train-csv', 'dl-loss-png', 'dl-lr-png']) $(id).disabled = !train;
    $('ex-find-help').textContent = find
      ? `The last range test: ${find.find.lr.length} points. The command runs it with the command-line tool.`
      : 'Run the range test to export its curve.';
    $('ex-train-help').textContent = train
      ? `The last comparison: ${train.runs.length} run${train.runs.length === 1 ? '' : 's'}, one curve per epoch.`
      : 'Train the runs to export their curves.';
  }
}

/** The Embed dialog: what to show, autorun, height; writes the <iframe> snippet and, with
 *  "Fit the height", the host page's five lines that size the frame to what it posts. */
export class EmbedDialog {
  constructor({ core, get, copyBox }) {
    this.core = core;
    this.get = get;
    this.dlg = $('embed-dialog');
    this.code = $('embed-code');
    this.status = $('embed-status');
    this.copyBox = copyBox;
    this.dlg.addEventListener('change', () => this.update());
    this.dlg.addEventListener('input', () => this.update());
    $('embed-close').addEventListener('click', () => this.close());
    $('embed-copy').addEventListener('click', () => { this.copy().catch(() => {}); });
  }

  view() {
    const shown = new Set([...this.dlg.querySelectorAll('input[name="show"]:checked')].map((el) => el.value));
    return { embed: true, hide: HIDE_GROUPS.filter((g) => !shown.has(g)), autorun: $('embed-autorun').checked };
  }

  snippet() {
    const src = experimentLink(this.core, embedPageUrl(pageUrl()), this.get().config, this.view(), this.get().inline);
    const frame = embedSnippet(src, { height: Number($('embed-height').value) });
    return $('embed-fit').checked ? `${frame}\n${HOST_RESIZE_SNIPPET}` : frame;
  }

  update() {
    this.code.value = this.snippet();
    this.status.textContent = '';
  }

  open() {
    this.update();
    if (typeof this.dlg.showModal === 'function') {
      if (!this.dlg.open) this.dlg.showModal();
    } else {
      this.dlg.setAttribute('open', '');
    }
    this.code.focus();
    this.code.select();
  }

  close() {
    if (typeof this.dlg.close === 'function' && this.dlg.open) this.dlg.close();
    else this.dlg.removeAttribute('open');
  }

  async copy() {
    const text = this.snippet();
    this.code.value = text;
    let ok = false;
    if (clipboardAllowed()) {
      try { await Promise.race([navigator.clipboard.writeText(text), timeout(1500)]); ok = true; } catch { ok = false; }
    }
    if (!ok && !sandboxedFrame()) {
      try { this.code.focus(); this.code.select(); ok = document.execCommand('copy') === true; } catch { ok = false; }
    }
    this.status.textContent = ok ? 'Copied the code to the clipboard.'
      : 'This browser does not allow copying here: the code is selected; press Ctrl+C (⌘C on a Mac).';
    this.status.className = `status${ok ? '' : ' warn'}`;
    if (!ok) { this.code.focus(); this.code.select(); }
    this.dlg.dataset.copied = ok ? '1' : '0';
    return ok;
  }
}
