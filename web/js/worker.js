// worker.js — the training worker: loads the core from the bytes the page sends and runs the
// range test or one training run per job (one seed of a repeated experiment when the job names
// its seedIndex), streaming progress back. Protocol: protocol.js.
// Bundled as a classic script and started from a Blob URL (works from file:// too).
import { loadCore } from './core.js';

let core = null;
const jobs = new Map(); // id -> AbortController
let table = null;       // the last file of a csv experiment, read once: {sha256, t}
let parseMs = null;     // ms the last job spent reading its file (null: it was read before)

/** The table of a job's file ({name, sha256, bytes}), read again only for another file. */
function tableOf(data) {
  if (!data) return null;
  if (table && table.sha256 === data.sha256) return table.t;
  if (table) { table.t.free(); table = null; }
  const t0 = performance.now();
  const t = core.loadData(data.bytes, { name: data.name });
  table = { sha256: t.sha256, t };
  parseMs = performance.now() - t0;
  return t;
}

function post(m) { self.postMessage(m); }

// Words for the page, never a stack trace.
function describe(err) {
  if (err && typeof err.message === 'string' && err.message) return err.message;
  return String(err || 'unknown error');
}

/** One cancellable job: its result, or 'cancelled' when a cancel message aborted it. */
async function runJob(m, start) {
  const ac = new AbortController();
  jobs.set(m.id, ac);
  const t0 = performance.now();
  parseMs = null;
  const result = await start(ac.signal);
  if (ac.signal.aborted) { post({ type: 'cancelled', id: m.id }); return; }
  post({ type: 'result', id: m.id, result, ms: performance.now() - t0, parseMs });
}

async function handle(m) {
  switch (m.type) {
    case 'init': {
      core = await loadCore({ flavor: m.flavor, wasm: m.wasm });
      post({ type: 'ready', id: m.id, flavor: core.flavor, version: core.version });
      return;
    }
    case 'find':
      return runJob(m, (signal) => core.find(m.config, {
        data: tableOf(m.data),
        progressEvery: m.progressEvery || 10,
        signal,
        seedIndex: m.seedIndex ?? null,   // one seed of a repeated experiment (core.aggregateFind joins them)
        onProgress: (partial) => post({ type: 'progress', id: m.id, partial }),
      }));
    case 'train':
      return runJob(m, (signal) => core.train(m.config, {
        data: tableOf(m.data),
        runs: [m.run],
        signal,
        seedIndex: m.seedIndex ?? null,
        onEpoch: (run, partial) => post({ type: 'epoch', id: m.id, run, partial }),
      }));
    case 'cancel':
      jobs.get(m.id)?.abort();
      return;
    default:
      post({ type: 'error', id: m.id, message: `unknown message type "${m.type}"` });
  }
}

self.onmessage = (e) => {
  const m = e.data || {};
  if (m.type !== 'init' && m.type !== 'cancel' && !core) {
    post({ type: 'error', id: m.id, message: 'the training core is not loaded' });
    return;
  }
  handle(m).catch((err) => {
    const ac = jobs.get(m.id);
    if (ac?.signal.aborted || err?.name === 'AbortError') post({ type: 'cancelled', id: m.id });
    else post({ type: 'error', id: m.id, message: describe(err) });
  }).finally(() => {
    if (m.type !== 'cancel') jobs.delete(m.id);
  });
};
