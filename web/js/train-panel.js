// train-panel.js — "Compare schedules": every (seed, run) of the config is one job on the
// worker pool (at most the pool's size at once), streamed onto the loss and rate charts; the
// seeds' results are put together by the core (aggregateTrain), so the page's numbers are
// `lrplay train`'s, and summed up in the table. One progress bar and an estimate of the time
// left cover the whole batch.
import { CancelledError } from './protocol.js';
import { TrainCharts } from './train-charts.js';
import { ResultsTable, divergedText } from './results.js';
import { fmtLoss, fmtMs } from './format.js';
import { trainJobs, etaText } from './train-jobs.js';

const $ = (id) => document.getElementById(id);

export class TrainPanel {
  /** dataInfo(config) -> {regression, chance}: chance is the loss of a uniform guess (ln classes).
   *  aggregate(config, perSeedRuns) -> the results JSON (core.aggregateTrain).
   *  onDone(result): every run finished, with the results JSON as `lrplay train` prints it;
   *  onError(message): a run could not run. */
  constructor({ pool, state, runsView, dataInfo, aggregate, onDone = () => {}, onError = () => {} }) {
    this.pool = pool;
    this.onDone = onDone;
    this.onError = onError;
    this.aggregate = aggregate;
    this.result = null;       // the results JSON of the last finished comparison
    this.dataInfo = dataInfo;
    this.state = state;
    this.runsView = runsView;
    this.ac = null;
    this.els = {
      run: $('train-run'), cancel: $('train-cancel'), progress: $('train-progress'), status: $('train-status'),
      seeds: $('train-seeds'), seedsBox: $('train-seeds-box'),
    };
    this._charts = null;
    this.table = new ResultsTable($('results'), $('train-messages'));
    this.els.run.addEventListener('click', () => this.start());
    this.els.cancel.addEventListener('click', () => this.cancel());
    this.els.seeds?.addEventListener('change', () => this.charts.setShowSeeds(this.els.seeds.checked));
  }

  /** The charts, made on first use. */
  get charts() {
    if (!this._charts) this._charts = new TrainCharts($('loss-chart'), $('lr-chart'));
    return this._charts;
  }

  enable(on) { this.els.run.disabled = !on || !!this.ac; }

  get running() { return !!this.ac; }

  cancel() { this.ac?.abort(); }

  /** Trains every run over every seed; resolves to the results JSON (null when cancelled or a run failed). */
  async start() {
    if (this.ac) return null;
    const config = this.state.config;
    const runs = config.runs || [];
    if (!runs.length) { this._status('Add a run first.', 'warn'); return null; }
    const R = Math.max(1, config.repeats ?? 1), n = runs.length, epochs = config.epochs;
    this.result = null;
    const perSeed = Array.from({ length: R }, () => new Array(n).fill(null));
    const msOf = new Array(n).fill(0), seedsDone = new Array(n).fill(0);
    let header = null;      // {lrplay, config} of the results
    const ac = (this.ac = new AbortController());
    const jobs = trainJobs(n, R);
    const done = new Array(jobs.length).fill(0);
    const total = jobs.length * epochs;
    const t0 = performance.now();
    const parallel = Math.min(jobs.length, this.pool.max);
    const what = R > 1 ? `${n} run${n > 1 ? 's' : ''} × ${R} seeds (${jobs.length} jobs)` : `${n} run${n > 1 ? 's' : ''}`;
    const head = `Training ${what}, ${parallel} at a time`;
    let lastStatus = 0;
    const showProgress = (force = false) => {
      const f = done.reduce((a, b) => a + b, 0) / total;
      this.els.progress.value = f;
      const now = performance.now();
      if (!force && now - lastStatus < 1000) return;   // the status is read out: once a second
      lastStatus = now;
      const eta = etaText(now - t0, f);
      this._status(`${head}: ${Math.round(100 * f)} %${eta ? `, ${eta}` : ''}…`);
    };
    this.els.run.disabled = true;
    this.els.cancel.disabled = false;
    this.els.progress.value = 0;
    if (this.els.seedsBox) this.els.seedsBox.hidden = R < 2;
    this.charts.reset(runs, epochs, R);
    this.charts.showSeeds = !!this.els.seeds?.checked;
    let info = { regression: false, chance: null };
    try { info = this.dataInfo(config); } catch { /* the worker will report the problem */ }
    const chance = info.chance;
    const earlyStop = runs.some((r) => r.early_stopping?.monitor && r.early_stopping.monitor !== 'off');
    this.table.reset(runs, { targetLoss: config.target_loss, regression: info.regression, earlyStop, repeats: R });
    this.runsView.clearStates();
    this._status(`${head}…`);
    const failed = new Set();
    let nFailed = 0;
    const work = jobs.map(async ({ k, i }, j) => {
      const label = runs[i].label || `run ${i + 1}`;
      if (k === 0) this.runsView.setRunState(i, 'waiting for a worker…');
      try {
        const m = await this.pool.run({ type: 'train', config, run: i, seedIndex: k }, (ev) => {
          if (done[j] === 0) this.table.running(i);
          const p = ev.partial;
          done[j] = p.epochs;
          this.charts.update(i, p, k);
          this.runsView.setRunState(i, R > 1 ? `seed ${k + 1} of ${R}: epoch ${p.epochs} of ${epochs}` : `epoch ${p.epochs} of ${epochs}`);
          showProgress();
        }, ac.signal);
        const r = m.result.runs[0];
        perSeed[k][i] = r;
        msOf[i] += m.ms;
        seedsDone[i]++;
        header = { lrplay: m.result.lrplay, config: m.result.config };
        this.charts.update(i, r, k);
        done[j] = epochs;
        showProgress();
        if (R === 1) {
          this.table.done(i, r, m.ms);
          this._runVerdict(i, label, r, m.ms, chance);
        } else {
          this.table.seeds(i, seedsDone[i]);
          if (seedsDone[i] === R) this.runsView.setRunState(i, `${R} seeds done in ${fmtMs(msOf[i])} of worker time`);
        }
      } catch (err) {
        if (err instanceof CancelledError) {
          this.table.cancelled(i);
          this.runsView.setRunState(i, 'cancelled', 'warn');
        } else if (!failed.has(i)) {
          failed.add(i);
          nFailed++;
          this.table.failed(i, err.message);
          this.runsView.setRunState(i, 'failed', 'error');
          this.table.say(`“${label}” could not run: ${err.message}`, 'error');
          this.onError(`run ${i} (${label}) could not run: ${err.message}`);
        }
      }
    });
    await Promise.all(work);
    const ms = performance.now() - t0;
    let result = null;
    if (!ac.signal.aborted && header && perSeed.every((s) => s.every((r) => r !== null))) {
      try {
        result = this.result = this.aggregate(header.config, perSeed);
      } catch (err) {
        nFailed++;
        this.table.say(`The seeds' results could not be put together: ${err.message}`, 'error');
        this.onError(`the seeds' results could not be put together: ${err.message}`);
      }
    }
    let nDiverged = 0;
    if (result) this.charts.finish(result.runs); else this.charts.flush();
    if (result && R > 1) {
      result.runs.forEach((run, i) => {
        this.table.done(i, run, msOf[i]);
        nDiverged += this._seedsVerdict(i, run, chance) ? 1 : 0;
      });
      this.table.sayAcrossSeeds(result.runs);
    } else if (result) {
      nDiverged = result.runs.filter((r) => r.status === 'diverged').length;
      if (n > 1) {
        this.table.say(`These results come from one seed (${config.seed}): a gap between runs may be luck. ` +
          'Set “repeats” to 3 or more to see whether the ranking holds across seeds.', 'note');
      }
    }
    // The batch's timings, for the benchmark: wall time and the workers' time summed over jobs.
    const root = document.documentElement.dataset;
    root.trainJobs = String(jobs.length);
    root.trainWallMs = String(Math.round(ms));
    root.trainWorkerMs = String(Math.round(msOf.reduce((a, b) => a + b, 0)));
    if (ac.signal.aborted) this._status(`Cancelled after ${fmtMs(ms)}; finished runs are kept.`, 'warn');
    else {
      let s = `Done in ${fmtMs(ms)}${R > 1 ? ` (${jobs.length} jobs over ${parallel} workers)` : ''}.`;
      if (nDiverged) s += ` ${nDiverged} run${nDiverged > 1 ? 's' : ''} diverged (see below).`;
      if (nFailed) s += ` ${nFailed} run${nFailed > 1 ? 's' : ''} failed.`;
      this._status(s, nDiverged || nFailed ? 'warn' : '');
    }
    this.els.progress.value = ac.signal.aborted ? this.els.progress.value : 1;
    this.ac = null;
    this.els.run.disabled = false;
    this.els.cancel.disabled = true;
    if (result) this.onDone(result);
    if (!ac.signal.aborted) document.documentElement.dataset.trainDone = String(Date.now());
    return result;
  }

  // A single-seed run's verdict on its card and under the table.
  _runVerdict(i, label, r, ms, chance) {
    if (r.status === 'diverged') {
      this.runsView.setRunState(i, `diverged${r.diverged_epoch != null ? ` in epoch ${r.diverged_epoch}` : ''}`, 'error');
      this.table.say(divergedText(label, r), 'error');
    } else if (chance != null && r.best_val_loss != null && r.best_val_loss > chance) {
      this.runsView.setRunState(i, 'did not learn', 'warn');
      this.table.say(`“${label}” never did better than a uniform guess: its best validation loss ` +
        `${fmtLoss(r.best_val_loss)} stays above ln(classes) = ${fmtLoss(chance)}. Its rate is probably far ` +
        'too high (the weights blew up without overflowing) or far too low.', 'warn');
    } else {
      this.runsView.setRunState(i, `done in ${fmtMs(ms)}`);
    }
  }

  // A repeated run's verdict: the seeds on which it diverged or did not learn. True if any diverged.
  _seedsVerdict(i, run, chance) {
    const R = run.per_seed.length;
    const div = run.per_seed.filter((r) => r.status === 'diverged');
    const flat = run.per_seed.filter((r) => r.status !== 'diverged' && chance != null && r.best_val_loss != null && r.best_val_loss > chance);
    const seeds = (rs) => rs.map((r) => r.seed).join(', ');
    if (div.length) {
      this.runsView.setRunState(i, `diverged on ${div.length} of ${R} seeds`, 'error');
      this.table.say(`${divergedText(run.label, div[0]).replace(/^“[^”]*” diverged/, `“${run.label}” diverged on seed${div.length > 1 ? 's' : ''} ${seeds(div)}`)}`, 'error');
    } else if (flat.length) {
      this.runsView.setRunState(i, `did not learn on ${flat.length} of ${R} seeds`, 'warn');
      this.table.say(`“${run.label}” never did better than a uniform guess (ln(classes) = ${fmtLoss(chance)}) on seed` +
        `${flat.length > 1 ? 's' : ''} ${seeds(flat)}: its rate is probably far too high or far too low.`, 'warn');
    }
    return div.length > 0;
  }

  _status(text, level = '') {
    this.els.status.textContent = text;
    this.els.status.className = `status${level ? ` ${level}` : ''}`;
  }
}
