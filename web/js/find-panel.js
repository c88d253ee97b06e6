// find-panel.js — "Find the learning rate": runs the range test in a worker, streams it onto
// the chart, lists the suggestions and lets the user pick a rate (suggestion, chart click or typing).
import { CancelledError } from './protocol.js';
import { FindChart, SUGGESTION_NAMES } from './find-chart.js';
import { fmtLr, fmtMs } from './format.js';

const $ = (id) => document.getElementById(id);

// Everything a sweep depends on: the config without its runs (and without the top-level rate,
// which the range test overrides and a pick sets).
function settingsKey(config) {
  const { runs, optimizer, ...rest } = config;
  const { lr, ...opt } = optimizer || {};
  return JSON.stringify([rest, opt]);
}

export class FindPanel {
  /** onPick(lr, find) is called when the user picks a rate; onDone(result) after a finished
   *  sweep with its results JSON (as `lrplay find` prints it); onError(message) when one failed. */
  constructor({ pool, state, onPick, onDone = () => {}, onError = () => {} }) {
    this.pool = pool;
    this.state = state;
    this.onPick = onPick;
    this.onDone = onDone;
    this.onError = onError;
    this.result = null;       // result.find of the last finished sweep
    this.full = null;         // the whole results JSON of the last finished sweep
    this.sweptKey = '';       // the settings it was made with (all but the runs)
    this.ac = null;
    this.lastMs = null;
    this.els = {
      run: $('find-run'), cancel: $('find-cancel'), progress: $('find-progress'), status: $('find-status'),
      list: $('suggest-list'), pick: $('pick-lr'), apply: $('pick-apply'),
    };
    this._chart = null;
    this.els.run.addEventListener('click', () => this.start());
    this.els.cancel.addEventListener('click', () => this.cancel());
    const typed = () => {
      const v = Number(this.els.pick.value);
      if (this.els.pick.value.trim() === '' || !Number.isFinite(v) || v <= 0) {
        this.els.pick.setAttribute('aria-invalid', 'true');
        this._status('The picked rate must be a number greater than 0.', 'error');
        return;
      }
      this.els.pick.removeAttribute('aria-invalid');
      this.pick(v, false);
    };
    this.els.pick.addEventListener('change', typed);
    this.els.apply.addEventListener('click', typed);
  }

  /** The chart, made on first use (Chart.js set-up is the slowest part of the page's start). */
  get chart() {
    if (!this._chart) this._chart = new FindChart($('find-chart'), { onPick: (lr) => this.pick(lr) });
    return this._chart;
  }

  enable(on) { this.els.run.disabled = !on || !!this.ac; }

  get running() { return !!this.ac; }

  /** Runs the range test; resolves to its results JSON (null when cancelled or failed).
   *  autoPick: pick the first suggestion afterwards (not when the page runs it on its own). */
  async start({ autoPick = true } = {}) {
    if (this.ac) return null;
    const config = this.state.config;
    const f = config.find;
    this.sweptKey = settingsKey(config);
    this.ac = new AbortController();
    this.result = null;
    this.full = null;
    this.stale = false;
    this.els.run.disabled = true;
    this.els.cancel.disabled = false;
    this.els.progress.value = 0;
    this.chart.reset(f.start_lr, f.end_lr);
    this._suggestions(null);
    this._status(`Sweeping the rate from ${fmtLr(f.start_lr)} to ${fmtLr(f.end_lr)}…`);
    const every = Math.max(1, Math.round(f.num_iter / 40));
    const t0 = performance.now();
    try {
      const m = await this.pool.run({ type: 'find', config, progressEvery: every }, (ev) => {
        const p = ev.partial;
        this.chart.progress(p);
        this.els.progress.value = Math.min(1, p.lr.length / f.num_iter);
      }, this.ac.signal);
      const find = m.result.find;
      this.lastMs = performance.now() - t0;
      this.result = find;
      this.full = m.result;
      this.els.progress.value = 1;
      this.chart.show(find);
      this._suggestions(find);
      this._status(this._summary(find, f), find.suggestions && Object.keys(find.suggestions).length ? '' : 'warn');
      const first = find.suggestions?.valley ?? find.suggestions?.steep ?? find.suggestions?.minimum;
      if (first != null && autoPick) this.pick(first);
      document.documentElement.dataset.findDone = String(Date.now());
      this.onDone(m.result);
      return m.result;
    } catch (err) {
      if (err instanceof CancelledError) {
        this._status('Cancelled. The curve so far is kept; run the test again for suggestions.', 'warn');
      } else {
        this._status(`The range test failed: ${err.message}`, 'error');
        this.onError(`the range test failed: ${err.message}`);
      }
      return null;
    } finally {
      this.ac = null;
      this.els.run.disabled = false;
      this.els.cancel.disabled = true;
    }
  }

  cancel() { this.ac?.abort(); }

  /** Says so when the settings changed after the last sweep (its suggestions may no longer hold). */
  checkStale(config) {
    if (!this.result || this.ac || this.stale) return;
    if (settingsKey(config) !== this.sweptKey) {
      this.stale = true;
      this._status(`${this.els.status.textContent} The settings have changed since: run the test again for fresh suggestions.`, 'warn');
    }
  }

  /** Picks a rate; suggestions and chart clicks are rounded to 3 significant digits. */
  pick(rate, round = true) {
    const lr = round ? Number(rate.toPrecision(3)) : rate;
    this.els.pick.value = String(lr);
    this.els.pick.removeAttribute('aria-invalid');
    this.chart.setPick(lr);
    this.onPick(lr, this.result);
  }

  _summary(find, f) {
    const n = find.lr.length;
    let s = `Done in ${fmtMs(this.lastMs)}: ${n} iterations`;
    if (find.diverged) {
      s += `; stopped at a rate of ${fmtLr(find.lr[n - 1])} because the smoothed loss grew past ${f.diverge}× its best — the rate is too high from there on.`;
    } else {
      s += n < f.num_iter ? '.' : ', up to the end rate.';
    }
    if (!find.suggestions || Object.keys(find.suggestions).length === 0) {
      s += ' No suggestion could be made: the loss never fell steadily. Try a wider range, more iterations or less smoothing.';
    }
    return s;
  }

  _suggestions(find) {
    const list = this.els.list;
    list.replaceChildren();
    if (!find) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'Run the range test to get suggestions.';
      list.appendChild(li);
      return;
    }
    for (const key of Object.keys(SUGGESTION_NAMES)) {
      const v = find.suggestions?.[key];
      if (v == null) continue;
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.suggestion = key;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = SUGGESTION_NAMES[key];
      const val = document.createElement('span');
      val.className = 'val';
      val.textContent = fmtLr(v);
      b.append(name, val);
      b.setAttribute('aria-label', `Pick the ${SUGGESTION_NAMES[key]} suggestion, ${fmtLr(v)}`);
      b.addEventListener('click', () => this.pick(v));
      li.appendChild(b);
      list.appendChild(li);
    }
    if (find.steep_range) {
      const li = document.createElement('li');
      li.className = 'muted range';
      li.textContent = `Steep fall between ${fmtLr(find.steep_range[0])} and ${fmtLr(find.steep_range[1])} (shaded).`;
      list.appendChild(li);
    }
  }

  _status(text, level = '') {
    this.els.status.textContent = text;
    this.els.status.className = `status${level ? ` ${level}` : ''}`;
  }
}
