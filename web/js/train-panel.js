// train-panel.js — "Compare schedules": every run of the config in its own worker (at most
// the pool's size at once), streamed onto the loss and rate charts, summed up in the table.
import { CancelledError } from './protocol.js';
import { TrainCharts } from './train-charts.js';
import { ResultsTable, divergedText } from './results.js';
import { fmtLoss, fmtMs } from './format.js';
import { trainResult } from './export.js';

const $ = (id) => document.getElementById(id);

export class TrainPanel {
  /** dataInfo(config) -> {regression, chance}: chance is the loss of a uniform guess (ln classes).
   *  onDone(result): every run finished, with the results JSON as `lrplay train` prints it;
   *  onError(message): a run could not run. */
  constructor({ pool, state, runsView, dataInfo, onDone = () => {}, onError = () => {} }) {
    this.pool = pool;
    this.onDone = onDone;
    this.onError = onError;
    this.result = null;       // the results JSON of the last finished comparison
    this.dataInfo = dataInfo;
    this.state = state;
    this.runsView = runsView;
    this.ac = null;
    this.els = { run: $('train-run'), cancel: $('train-cancel'), progress: $('train-progress'), status: $('train-status') };
    this._charts = null;
    this.table = new ResultsTable($('results'), $('train-messages'));
    this.els.run.addEventListener('click', () => this.start());
    this.els.cancel.addEventListener('click', () => this.cancel());
  }

  /** The charts, made on first use. */
  get charts() {
    if (!this._charts) this._charts = new TrainCharts($('loss-chart'), $('lr-chart'));
    return this._charts;
  }

  enable(on) { this.els.run.disabled = !on || !!this.ac; }

  get running() { return !!this.ac; }

  cancel() { this.ac?.abort(); }

  /** Trains every run; resolves to the results JSON (null when cancelled or a run failed). */
  async start() {
    if (this.ac) return null;
    const config = this.state.config;
    const runs = config.runs || [];
    if (!runs.length) { this._status('Add a run first.', 'warn'); return null; }
    this.result = null;
    const finished = new Array(runs.length).fill(null);
    let header = null;      // {lrplay, config} of the results
    const ac = (this.ac = new AbortController());
    const epochs = config.epochs;
    const done = new Array(runs.length).fill(0);
    const showProgress = () => { this.els.progress.value = done.reduce((a, b) => a + b, 0) / (runs.length * epochs); };
    this.els.run.disabled = true;
    this.els.cancel.disabled = false;
    this.els.progress.value = 0;
    this.charts.reset(runs, epochs);
    let info = { regression: false, chance: null };
    try { info = this.dataInfo(config); } catch { /* the worker will report the problem */ }
    const chance = info.chance;
    this.table.reset(runs, { targetLoss: config.target_loss, regression: info.regression });
    this.runsView.clearStates();
    const parallel = Math.min(runs.length, this.pool.max);
    this._status(`Training ${runs.length} run${runs.length > 1 ? 's' : ''}, ${parallel} at a time…`);
    const t0 = performance.now();
    let nDiverged = 0, nFailed = 0;
    const jobs = runs.map(async (run, i) => {
      const label = run.label || `run ${i + 1}`;
      this.runsView.setRunState(i, 'waiting for a worker…');
      try {
        const m = await this.pool.run({ type: 'train', config, run: i }, (ev) => {
          if (done[i] === 0) { this.table.running(i); }
          const p = ev.partial;
          done[i] = p.epochs;
          this.charts.update(i, p);
          this.runsView.setRunState(i, `epoch ${p.epochs} of ${epochs}`);
          showProgress();
        }, ac.signal);
        const r = m.result.runs[0];
        finished[i] = r;
        header = { lrplay: m.result.lrplay, config: m.result.config };
        this.charts.update(i, r);
        this.table.done(i, r, m.ms);
        done[i] = epochs;
        showProgress();
        if (r.status === 'diverged') {
          nDiverged++;
          this.runsView.setRunState(i, `diverged${r.diverged_epoch != null ? ` in epoch ${r.diverged_epoch}` : ''}`, 'error');
          this.table.say(divergedText(label, r), 'error');
        } else if (chance != null && r.best_val_loss != null && r.best_val_loss > chance) {
          this.runsView.setRunState(i, 'did not learn', 'warn');
          this.table.say(`“${label}” never did better than a uniform guess: its best validation loss ` +
            `${fmtLoss(r.best_val_loss)} stays above ln(classes) = ${fmtLoss(chance)}. Its rate is probably far ` +
            'too high (the weights blew up without overflowing) or far too low.', 'warn');
        } else {
          this.runsView.setRunState(i, `done in ${fmtMs(m.ms)}`);
        }
      } catch (err) {
        if (err instanceof CancelledError) {
          this.table.cancelled(i);
          this.runsView.setRunState(i, 'cancelled', 'warn');
        } else {
          nFailed++;
          this.table.failed(i, err.message);
          this.runsView.setRunState(i, 'failed', 'error');
          this.table.say(`“${label}” could not run: ${err.message}`, 'error');
          this.onError(`run ${i} (${label}) could not run: ${err.message}`);
        }
      }
    });
    await Promise.all(jobs);
    const ms = performance.now() - t0;
    let result = null;
    if (!ac.signal.aborted && header && finished.every((r) => r !== null)) {
      result = this.result = trainResult(header.lrplay, header.config, finished);
    }
    if (ac.signal.aborted) this._status(`Cancelled after ${fmtMs(ms)}; finished runs are kept.`, 'warn');
    else {
      let s = `Done in ${fmtMs(ms)}.`;
      if (nDiverged) s += ` ${nDiverged} run${nDiverged > 1 ? 's' : ''} diverged (see below).`;
      if (nFailed) s += ` ${nFailed} run${nFailed > 1 ? 's' : ''} failed.`;
      this._status(s, nDiverged || nFailed ? 'warn' : '');
    }
    this.ac = null;
    this.els.run.disabled = false;
    this.els.cancel.disabled = true;
    if (result) this.onDone(result);
    if (!ac.signal.aborted) document.documentElement.dataset.trainDone = String(Date.now());
    return result;
  }

  _status(text, level = '') {
    this.els.status.textContent = text;
    this.els.status.className = `status${level ? ` ${level}` : ''}`;
  }
}
