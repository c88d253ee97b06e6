// main.js — the page: loads the core (on this thread only for configs, schema and the data
// preview; all training runs in workers), builds the controls from the schema and wires the
// panels. The page's state is one config object (state.js).
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
import { fmtLr } from './format.js';

const $ = (id) => document.getElementById(id);
const MAX_WORKERS = 8;
const MAX_RUNS = 8;       // LRP_MAX_RUNS

// Which fields go in which box of the set-up panel.
const GROUPS = {
  data: (n) => n === 'seed' || n.startsWith('data.'),
  model: (n) => n.startsWith('model.'),
  optimizer: (n) => n.startsWith('optimizer.'),
  training: (n) => n === 'batch_size' || n === 'epochs' || n === 'target_loss',
  find: (n) => n.startsWith('find.'),
};

function showNotes(notes) {
  const box = $('notes');
  box.replaceChildren();
  if (!notes.length) { box.hidden = true; return; }
  const ul = document.createElement('ul');
  for (const n of notes) {
    const li = document.createElement('li');
    li.textContent = n.level === 'error' ? n.text : `Corrected: ${n.text}`;
    if (n.level === 'error') li.className = 'err';
    ul.appendChild(li);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'small';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => { box.hidden = true; });
  box.append(ul, close);
  box.hidden = false;
}

/** The runs start from the pick: constant-rate runs at the pick, scheduled runs (which lower
 *  the rate themselves) at the high end of the good range — the "minimum / 10" suggestion, or
 *  the top of the steep stretch (at most 10x the pick) — as in the default story. */
function applyPick(state, lr, find) {
  const hiEnd = find?.suggestions?.minimum ?? (find?.steep_range ? Math.min(find.steep_range[1], 10 * lr) : null);
  const high = hiEnd != null && hiEnd > lr ? hiEnd : lr;
  const r3 = (v) => Number(v.toPrecision(3));
  state.edit((o) => {
    o.optimizer.lr = lr;
    for (const run of o.runs || []) {
      const constant = !run.schedule || run.schedule.name === 'constant';
      const v = constant ? lr : r3(high);
      run.optimizer = { ...(run.optimizer || {}), lr: v };
      if (run.schedule?.name === 'onecycle' && run.schedule.max_lr) run.schedule.max_lr = v;
    }
  }, 'pick');
  return high;
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

  const workers = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2));
  const pool = new WorkerPool(workerUrlFromSource(workerSource), { flavor, bytes }, workers);

  const onChange = (name, value) => state.set(name, value);
  const onInvalid = (text) => showNotes([{ level: 'error', text }]);
  const fieldOpts = { idPrefix: 'f-', onChange, onInvalid };
  const groups = {};
  for (const el of document.querySelectorAll('.fields[data-group]')) groups[el.dataset.group] = el;

  const runsView = new RunsView($('runs'), {
    onChange, onInvalid,
    onRemove: (i) => state.edit((o) => { o.runs.splice(i, 1); }, 'remove-run'),
  });
  const trainPanel = new TrainPanel({
    pool, state, runsView,
    dataInfo: (config) => {
      const d = core.dataset(config);
      const regression = d.loss !== 'cross_entropy';
      return { regression, chance: !regression && d.n_out > 1 ? Math.log(d.n_out) : null };
    },
  });
  const findPanel = new FindPanel({
    pool, state,
    onPick: (lr, find) => {
      const high = applyPick(state, lr, find);
      $('pick-help').textContent = high !== lr
        ? `Constant-rate runs use ${fmtLr(lr)}; runs whose schedule lowers the rate start at ${fmtLr(high)}, the high end of the good range.`
        : `Every run now starts from ${fmtLr(lr)}.`;
    },
  });

  $('run-add').addEventListener('click', () => state.edit((o) => {
    const n = o.runs.length;
    o.runs.push({ label: `run ${n + 1}`, optimizer: { ...o.optimizer }, schedule: { name: 'cosine' } });
  }, 'add-run'));

  let previewKey = '';
  const preview = (force = false) => {
    const c = state.config;
    const key = JSON.stringify([c.seed, c.data]);
    if (key === previewKey && !force) return;
    previewKey = key;
    try {
      $('preview-caption').textContent = drawPreview($('preview'), core, c);
    } catch (err) {
      $('preview-caption').textContent = `No preview: ${err.message}`;
    }
  };

  const render = (s, change) => {
    for (const [g, el] of Object.entries(groups)) syncFields(el, s.schema.filter((f) => GROUPS[g](f.name)), fieldOpts);
    runsView.sync(s);
    $('run-add').disabled = (s.config.runs || []).length >= MAX_RUNS;
    showNotes(s.notes);
    findPanel.checkStale(s.config);
    if (change && !change.refused) preview();
  };
  state.subscribe(render);
  render(state, null);       // the preview and the charts come right after the page is usable
  performance.mark('lrplay-rendered');
  onThemeChange(() => preview(true));

  findPanel.enable(true);
  trainPanel.enable(true);
  $('engine').textContent = `Core ${core.version}, WebAssembly ${flavor === 'simd' ? 'SIMD128' : 'scalar'} build; ` +
    `up to ${workers} run${workers > 1 ? 's' : ''} in parallel. Ready in ${Math.round(performance.now() - t0)} ms.`;
  $('version').textContent = ` ${core.version}`;
  document.documentElement.dataset.ready = '1';
  performance.mark('lrplay-interactive');
  // The data preview and the empty charts, right after the controls are usable.
  setTimeout(() => {
    preview();
    if (!findPanel.running) findPanel.chart.reset(state.config.find.start_lr, state.config.find.end_lr);
    if (!trainPanel.running) trainPanel.charts.reset(state.config.runs, state.config.epochs);
  }, 0);
  // Start one worker now so the first run does not wait for it.
  pool.warm().catch((err) => {
    $('engine').textContent = `The training worker could not start: ${err.message}`;
    $('engine').classList.add('error');
  });
}

function start() {
  boot().catch((err) => {
    const el = $('engine');
    const why = String(err && err.message ? err.message : err).replace(/\.+$/, '');
    el.textContent = `The page could not start: ${why}. ` +
      'It needs a browser with WebAssembly and Web Workers.';
    el.classList.add('error');
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
