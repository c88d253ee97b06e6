// main.js — the page: loads the core (on this thread only for configs, schema and the data
// preview; all training runs in workers), builds the controls from the schema and wires the
// panels. The page's state is one config object (state.js); the URL fragment is that config as
// a link (link.js), read on load (and on hashchange) and rewritten with history.replaceState.
//
// Links may come from anyone: every value goes through the core in clamp mode
// (link.js configFromPairs) and reaches the page as text (textContent / .value), never as markup.
// View keys: embed=1 (compact layout for an <iframe>), hide=GROUPS, autorun=1 (run on load).
// In a frame, results are posted to the parent: {source:'lrplay', version:1, type, config?,
// result?, message?, height?} (export.js message()); 'resize' carries the document's height in
// whole px, on load and whenever it changes, so that the host can size the frame.
import workerSource from 'lrplay:worker-source';
import { loadCore } from './core.js';
import { chooseFlavor, wasmBytes } from './wasm-source.js';
import { WorkerPool, workerUrlFromSource } from './protocol.js';
import { State } from './state.js';
import { syncFields } from './controls.js';
import { RunsView } from './runs-view.js';
import { FindPanel } from './find-panel.js';
import { TrainPanel } from './train-panel.js';
import { drawPreview } from './preview.js';
import { onThemeChange } from './theme.js';
import { parseFragment, formatFragment, pairsFromFields, configFromPairs, linkFields, HIDE_GROUPS } from './link.js';
import { message } from './export.js';
import { ExportPanel } from './share.js';
import { DataPanel } from './data-panel.js';
import { takeInline, takeShape, withInline, decodeInline } from './link/inline.js';
import { LIMITS } from './core/schema.gen.js';
import { workerCap } from './worker-cap.js';

// web/guard.js (inline in the page) reports a page whose script never started: this one did.
document.documentElement.dataset.booting = '1';

const $ = (id) => document.getElementById(id);

// The data fields the data panel shows (a file's name, SHA-256 and shape; its target choice).
const DATA_PANEL = new Set(['data.path', 'data.sha256', 'data.rows', 'data.columns', 'data.outputs', 'data.target']);

// Which fields go in which box of the set-up panel.
// find.picked_lr has its own input (#pick-lr, find-panel.js).
const PICK = new Set(['find.pick', 'runs_from_pick']);
const GROUPS = {
  data: (n) => n === 'seed' || n === 'repeats' || (n.startsWith('data.') && !DATA_PANEL.has(n)),
  model: (n) => n.startsWith('model.'),
  optimizer: (n) => n.startsWith('optimizer.'),
  training: (n) => n === 'batch_size' || n === 'epochs' || n === 'target_loss',
  find: (n) => n.startsWith('find.') && !PICK.has(n) && n !== 'find.picked_lr',
  pick: (n) => PICK.has(n),
};

// What each name of the `hide` view key hides.
const HIDE_TARGETS = {
  setup: ['setup'], find: ['find'], train: ['train'], results: ['results-box', 'train-messages'], export: ['export'],
};

let framed = false;
try { framed = window.parent !== window; } catch { framed = true; }

/** Posts to the parent page, if any (an embed); the parent's origin is unknown: '*'. */
function post(type, fields) {
  if (!framed) return;
  try { window.parent.postMessage(message(type, fields), '*'); } catch { /* nobody to tell */ }
}

/** In a frame: posts {type: 'resize', height} on load and whenever the content's height changes. */
function postHeight() {
  if (!framed) return;
  let last = -1;
  const send = () => {
    // Whole px, rounded up: a fraction cut off would bring back the inner scrollbar.
    const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last || !(h > 0)) return;
    last = h;
    post('resize', { height: h });
  };
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(send);
    ro.observe(document.documentElement);
    if (document.body) ro.observe(document.body);
  } else {
    window.addEventListener('resize', send);
  }
  send();
}

function applyView(view) {
  const root = document.documentElement;
  root.classList.toggle('embed', !!view.embed);
  for (const g of HIDE_GROUPS) {
    for (const id of HIDE_TARGETS[g]) { const el = $(id); if (el) el.hidden = view.hide.includes(g); }
  }
  const toggle = $('setup-toggle'), body = $('setup-body');
  body.hidden = !!view.embed;
  toggle.setAttribute('aria-expanded', String(!body.hidden));
  toggle.textContent = body.hidden ? 'Show the settings' : 'Hide the settings';
}

/** A dismissable box of notes, each as text: `items` are {text, error}. Heading, list and
 *  Dismiss button sit inside one bordered box. */
function showNoteBox(box, heading, items) {
  box.replaceChildren();
  if (!items.length) { box.hidden = true; return; }
  const inner = document.createElement('div');
  inner.className = 'note-box';
  if (heading) {
    const p = document.createElement('p');
    p.className = 'notes-head';
    p.textContent = heading;
    inner.append(p);
  }
  const ul = document.createElement('ul');
  for (const { text, error } of items) {
    const li = document.createElement('li');
    li.textContent = text;
    if (error) li.className = 'err';
    ul.appendChild(li);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'small';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => { box.hidden = true; });
  inner.append(ul, close);
  box.append(inner);
  box.hidden = false;
}

/** The notes about an opened link: what was corrected or ignored, in words. */
function showLinkNotes(notes) {
  showNoteBox($('link-notes'), 'This link was corrected when it opened:', notes.map((text) => ({ text })));
}

/** Corrections of settings, and settings that cannot be used. */
function showNotes(notes) {
  showNoteBox($('notes'), null, notes.map((n) => (n.level === 'error'
    ? { text: n.text, error: true } : { text: `Corrected: ${n.text}` })));
}

async function boot() {
  const t0 = performance.now();
  const params = new URLSearchParams(location.search);
  const flavor = chooseFlavor(params.get('flavor') || 'auto');
  performance.mark('lrplay-boot');
  const bytes = await wasmBytes(flavor);
  performance.mark('lrplay-bytes');
  const core = await loadCore({ flavor, wasm: bytes.slice(0) });
  performance.mark('lrplay-core');
  const state = new State(core);
  performance.mark('lrplay-state');
  const reported = navigator.hardwareConcurrency;
  const workers = workerCap(reported);
  const pool = new WorkerPool(workerUrlFromSource(workerSource), { flavor, bytes }, workers);
  // How long the workers took to read the file (the benchmark reads these).
  pool.onParsed = (ms, jobMs) => Object.assign(document.documentElement.dataset, { parseMs: ms.toFixed(2), parseJobMs: jobMs.toFixed(2) });
  let preview = () => {}, writeLink = () => {}, syncExports = () => {};
  const dataPanel = new DataPanel({
    core, state, pool,
    onData: () => { preview(true); writeLink(); syncExports(); },
  });

  // The link: the config it holds (corrected by the core), and how to show the page. A csv
  // link carries its file (data.inline) or names it: then the data panel asks for it.
  let view = { embed: false, hide: [], autorun: false };
  const openLink = async (hash) => {
    const cut = takeInline(hash);
    const link = parseFragment(cut.hash);
    view = link.view;
    let notes = cut.notes.concat(link.notes);
    let csv = false;
    if (link.pairs.length) {
      const { pairs, shape } = takeShape(link.pairs);
      const r = configFromPairs(core, pairs);
      notes = notes.concat(r.notes);
      csv = r.config.data?.name === 'csv';
      if (csv) dataPanel.beforeLink(r.config);
      state.replace(r.config, 'link');
      if (csv) dataPanel.expect(state.config, shape);
    }
    applyView(view);
    if (csv && cut.inline && !state.data) {
      try {
        await dataPanel.useBytes(await decodeInline(cut.inline), state.config.data.path || 'data.csv');
      } catch (err) { notes = notes.concat(`${err.message}; choose the file instead`); }
    }
    showLinkNotes(notes);
  };
  const linkOpened = openLink(location.hash);

  const onChange = (name, value) => state.set(name, value);
  const onInvalid = (text) => showNotes([{ level: 'error', text }]);
  const fieldOpts = { idPrefix: 'f-', onChange, onInvalid };
  const groups = {};
  for (const el of document.querySelectorAll('.fields[data-group]')) groups[el.dataset.group] = el;

  const runsView = new RunsView($('runs'), {
    onChange, onInvalid,
    onRemove: (i) => state.edit((o) => { o.runs.splice(i, 1); }, 'remove-run'),
  });
  let exportPanel = null;
  syncExports = () => exportPanel?.sync();
  const trainPanel = new TrainPanel({
    pool, state, runsView,
    aggregate: (config, perSeedRuns) => core.aggregateTrain(config, perSeedRuns),
    onDone: (result) => { syncExports(); post('train', { config: result.config, result }); },
    onError: (text) => post('error', { message: text }),
    dataInfo: (config) => {
      const d = core.dataset(config, { data: config.data?.name === 'csv' ? state.data : null });
      const regression = d.loss !== 'cross_entropy';
      return { regression, chance: !regression && d.n_out > 1 ? Math.log(d.n_out) : null };
    },
  });
  const findPanel = new FindPanel({
    core, pool, state,
    onDone: (result) => { syncExports(); post('find', { config: result.config, result }); },
    onError: (text) => post('error', { message: text }),
  });

  $('run-add').addEventListener('click', () => state.edit((o) => {
    const n = o.runs.length;
    o.runs.push({ label: `run ${n + 1}`, optimizer: { ...o.optimizer }, schedule: { name: 'cosine' } });
  }, 'add-run'));

  let previewKey = '';
  preview = (force = false) => {
    const c = state.config;
    const key = JSON.stringify([c.seed, c.data, dataPanel.previewKey()]);
    if (key === previewKey && !force) return;
    previewKey = key;
    if (c.data?.name === 'csv' && !state.data) {
      $('preview').getContext('2d').clearRect(0, 0, $('preview').width, $('preview').height);
      $('preview-caption').textContent = 'No file yet: the preview shows its rows once you choose one.';
      return;
    }
    try {
      $('preview-caption').textContent = drawPreview($('preview'), core, c, dataPanel.previewOptions(c));
    } catch (err) {
      $('preview-caption').textContent = `No preview: ${err.message}`;
    }
  };

  exportPanel = new ExportPanel({
    core,
    get: () => ({ config: state.config, find: findPanel.full, train: trainPanel.result, inline: dataPanel.inlineFor(state.config),
      data: state.data }),
    charts: { find: () => findPanel.chart.canvas, loss: () => trainPanel.charts.loss.canvas, lr: () => trainPanel.charts.lr.canvas },
  });

  // The fragment follows the settings (replaceState: no history entry per change).
  let written = '';
  writeLink = () => {
    let frag;
    try {
      frag = withInline(formatFragment({ pairs: pairsFromFields(linkFields(core, state.config)), view }), dataPanel.inlineFor(state.config));
    } catch { return; }
    if (frag === written) return;
    written = frag;
    try { history.replaceState(history.state, '', frag); } catch { /* not allowed here (sandbox): the link stays as opened */ }
  };

  const render = (s, change) => {
    for (const [g, el] of Object.entries(groups)) syncFields(el, s.schema.filter((f) => GROUPS[g](f.name)), fieldOpts);
    runsView.sync(s);
    $('run-add').disabled = (s.config.runs || []).length >= LIMITS.MAX_RUNS;
    showNotes(s.notes);
    dataPanel.sync(s.config);
    findPanel.sync(s.config, change);
    exportPanel.sync();
    writeLink();
    if (change && !change.refused) preview();
  };
  state.subscribe(render);
  render(state, null);       // the preview and the charts come right after the page is usable
  performance.mark('lrplay-rendered');
  onThemeChange(() => preview(true));
  // A link pasted over this one (only the fragment changed: no reload).
  window.addEventListener('hashchange', () => {
    if (location.hash === written) return;
    openLink(location.hash).then(() => render(state, { why: 'link', refused: false }));
  });
  $('setup-toggle').addEventListener('click', () => {
    const body = $('setup-body');
    body.hidden = !body.hidden;
    $('setup-toggle').setAttribute('aria-expanded', String(!body.hidden));
    $('setup-toggle').textContent = body.hidden ? 'Show the settings' : 'Hide the settings';
    if (!body.hidden) preview(true);
  });

  // Skip links move the focus without touching the address: its fragment is the experiment.
  for (const a of document.querySelectorAll('a.skip, a.skip-inline')) {
    a.addEventListener('click', (e) => {
      const target = document.querySelector(a.getAttribute('href'));
      if (!target) return;
      e.preventDefault();
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    });
  }
  // A new sweep or comparison replaces the last one's results: the exports follow.
  $('find-run').addEventListener('click', () => setTimeout(syncExports, 0));
  $('train-run').addEventListener('click', () => setTimeout(syncExports, 0));
  findPanel.enable(true);
  trainPanel.enable(true);
  $('engine').textContent = `Core ${core.version}, WebAssembly ${flavor === 'simd' ? 'SIMD128' : 'scalar'} build; ` +
    `up to ${workers} run${workers > 1 ? 's' : ''} in parallel` +
    `${reported ? ` (the browser reports ${reported} logical processor${reported > 1 ? 's' : ''})` : ''}. Ready in ${Math.round(performance.now() - t0)} ms.`;
  $('version').textContent = ` ${core.version}`;
  document.documentElement.dataset.ready = '1';
  performance.mark('lrplay-interactive');
  post('ready', { config: state.config });
  // The data preview and the empty charts, right after the controls are usable.
  setTimeout(() => {
    preview();
    if (!findPanel.running) findPanel.chart.reset(state.config.find.start_lr, state.config.find.end_lr);
    if (!trainPanel.running) trainPanel.charts.reset(state.config.runs, state.config.epochs, state.config.repeats);
  }, 0);
  // Start one worker now so the first run does not wait for it.
  pool.warm().catch((err) => {
    $('engine').textContent = `The training worker could not start: ${err.message}`;
    $('engine').classList.add('error');
  });
  // autorun=1: the range test, then the comparison, as the link has them (a range test never
  // picks a rate by itself: the runs keep the rates the link gives them).
  await linkOpened;
  if (view.autorun && !(state.config.data?.name === 'csv' && !state.data)) {
    setTimeout(async () => {
      if (!view.hide.includes('find')) await findPanel.start();
      if (!view.hide.includes('train')) await trainPanel.start();
    }, 0);
  }
}

function start() {
  // The layout the link asks for (an embed's compact view) before the first height goes out.
  try { applyView(parseFragment(location.hash).view); } catch { /* boot() says what is wrong */ }
  postHeight();
  boot().catch((err) => {
    const el = $('engine');
    const why = String(err && err.message ? err.message : err).replace(/\.+$/, '');
    el.textContent = `The page could not start: ${why}. ` +
      'It needs a browser with WebAssembly and Web Workers.';
    el.classList.add('error');
    post('error', { message: `the page could not start: ${why}` });
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
