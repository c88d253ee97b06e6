// protocol.js — the messages between the page and its training workers, and the page's side
// of them: a client per worker and a small pool.
//
// page -> worker                                worker -> page
//   {type:'init', id, flavor, wasm}               {type:'ready', id, flavor, version}
//   {type:'find', id, config, progressEvery,      {type:'progress', id, partial}
//          seedIndex?, data?}
//   {type:'train', id, config, run, seedIndex?,   {type:'epoch', id, run, partial}
//          data?}
//   {type:'cancel', id}                           {type:'result', id, result, ms, parseMs}
//                                                 {type:'cancelled', id}
//                                                 {type:'error', id, message}
// One job at a time per worker. Training and the range test run only in workers. With a
// seedIndex k (0 <= k < config.repeats) a job runs seed k only, and its result is that seed's
// own (core.find/core.train with {seedIndex}): the page runs every (seed, run) as one job and
// puts them together with core.aggregateTrain, as `lrplay train` does.
// data (csv experiments): {name, sha256, bytes: Uint8Array} — the file's bytes, copied to the
// worker with the job; the worker reads them once per file (core.loadData) and keeps the table.

export const MSG = Object.freeze({
  INIT: 'init', READY: 'ready', FIND: 'find', TRAIN: 'train', CANCEL: 'cancel',
  PROGRESS: 'progress', EPOCH: 'epoch', RESULT: 'result', CANCELLED: 'cancelled', ERROR: 'error',
});

export class CancelledError extends Error {
  constructor() { super('cancelled'); this.name = 'CancelledError'; }
}

/** A worker script URL from its source: a Blob URL works from http(s) and from file://. */
export function workerUrlFromSource(source) {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

let nextId = 1;
// How long a cancelled job may take to notice before its worker is terminated.
const CANCEL_GRACE_MS = 400;

export class WorkerClient {
  constructor(scriptUrl, wasm) {
    this.scriptUrl = scriptUrl;
    this.wasm = wasm;            // {flavor, bytes: ArrayBuffer} — copied to each worker
    this.worker = null;
    this.job = null;             // {id, resolve, reject, onEvent, timer}
    this.info = null;            // {flavor, version} once ready
    this.ready = null;
  }

  start() {
    if (this.ready) return this.ready;
    this.worker = new Worker(this.scriptUrl, { name: 'lrplay' });
    this.worker.onmessage = (e) => this._onMessage(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this._fail(new Error(e.message || 'the worker stopped unexpectedly'));
    };
    this.worker.onmessageerror = () => this._fail(new Error('a message from the worker could not be read'));
    const bytes = this.wasm.bytes.slice(0);
    this.ready = this._send({ type: MSG.INIT, flavor: this.wasm.flavor, wasm: bytes }, null, [bytes])
      .then((m) => (this.info = { flavor: m.flavor, version: m.version }));
    this.ready.catch(() => { this.ready = null; });
    return this.ready;
  }

  get busy() { return this.job !== null; }

  /** Runs one job; onEvent gets its progress/epoch messages. Resolves with the 'result' message. */
  async run(msg, onEvent) {
    await this.start();
    return this._send(msg, onEvent);
  }

  /** Asks the running job to stop; terminates the worker if it does not within the grace time. */
  cancel() {
    const job = this.job;
    if (!job || job.cancelling) return;
    job.cancelling = true;
    this.worker.postMessage({ type: MSG.CANCEL, id: job.id });
    job.timer = setTimeout(() => {
      if (this.job !== job) return;
      this.terminate();
    }, CANCEL_GRACE_MS);
  }

  terminate() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    const job = this.job;
    this.job = null;
    if (job) { clearTimeout(job.timer); job.reject(job.cancelling ? new CancelledError() : new Error('the worker was stopped')); }
  }

  _send(msg, onEvent = null, transfer = []) {
    if (this.job) return Promise.reject(new Error('this worker is busy'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      this.job = { id, resolve, reject, onEvent, timer: 0, cancelling: false };
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  _finish(fn, value) {
    const job = this.job;
    this.job = null;
    clearTimeout(job.timer);
    job[fn](value);
  }

  _fail(err) {
    if (this.job) this._finish('reject', err);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
  }

  _onMessage(m) {
    const job = this.job;
    if (!job || !m || m.id !== job.id) return; // a late message of a cancelled job
    switch (m.type) {
      case MSG.READY: this._finish('resolve', m); break;
      case MSG.RESULT:
        if (m.parseMs != null && this.onParsed) this.onParsed(m.parseMs, m.ms);
        this._finish('resolve', m);
        break;
      case MSG.CANCELLED: this._finish('reject', new CancelledError()); break;
      case MSG.ERROR: this._finish('reject', new Error(m.message || 'unknown error')); break;
      case MSG.PROGRESS: case MSG.EPOCH: if (job.onEvent && !job.cancelling) job.onEvent(m); break;
      default: break;
    }
  }
}

/** Up to `max` workers, started on demand and kept warm between jobs. */
export class WorkerPool {
  constructor(scriptUrl, wasm, max) {
    this.scriptUrl = scriptUrl;
    this.wasm = wasm;
    this.max = Math.max(1, max);
    this.clients = [];
    this.waiting = [];
    this.data = null;
  }

  /** Starts one worker ahead of time so the first job does not wait for it. */
  warm() {
    if (this.clients.length === 0) this.clients.push(new WorkerClient(this.scriptUrl, this.wasm));
    return this.clients[0].start();
  }

  async _acquire() {
    let c = this.clients.find((w) => !w.busy && !w.reserved);
    if (!c && this.clients.length < this.max) {
      c = new WorkerClient(this.scriptUrl, this.wasm);
      this.clients.push(c);
    }
    if (!c) c = await new Promise((resolve) => this.waiting.push(resolve));
    c.reserved = true;
    c.onParsed = (ms, jobMs) => this.onParsed?.(ms, jobMs);
    return c;
  }

  _release(c) {
    c.reserved = false;
    const next = this.waiting.shift();
    if (next) next(c);
  }

  /** The file of csv experiments ({name, sha256, bytes}), sent with every job; null: none. */
  setData(data) { this.data = data || null; }
  // onParsed(ms, jobMs): a worker read the file in ms, in a job of jobMs (set by the page).

  /** Runs one job on a free worker; a job still queued when `signal` aborts never starts. */
  async run(msg, onEvent, signal = null) {
    if (this.data && (msg.type === MSG.FIND || msg.type === MSG.TRAIN) && msg.config?.data?.name === 'csv') {
      msg = { ...msg, data: this.data };
    }
    const c = await this._acquire();
    try {
      if (signal?.aborted) throw new CancelledError();
      const p = c.run(msg, onEvent);
      const onAbort = () => c.cancel();
      signal?.addEventListener('abort', onAbort);
      try { return await p; } finally { signal?.removeEventListener('abort', onAbort); }
    } finally { this._release(c); }
  }
}
