// find-panel.js — "Find the learning rate": runs the range test in workers — one job per seed
// when the experiment repeats over seeds, put together by the core (core.aggregateFind) into
// exactly what `lrplay find` prints — streams it onto the chart, explains every suggestion,
// and sets the picked rate (config find.picked_lr) only when the user asks: "Use this rate",
// a suggestion's button, a click on the chart or a typed rate, each undoable with one click.
// A range test never changes the runs' rates by itself, so an opened link keeps its numbers.
import { CancelledError } from './protocol.js';
import { FindChart } from './find-chart.js';
import { SUGGESTIONS, STEEP_STRETCH, renderSuggestions, valueText } from './find-suggest.js';
import { renderTable } from './find-table.js';
import { pickNames, ratesOf, resolvePick } from './core/repeats.js';
import { fmtLr, fmtMs } from './format.js';

const $ = (id) => document.getElementById(id);
const round3 = (v) => Number(v.toPrecision(3));

// Everything a sweep depends on: the config without its runs, the top-level rate (the range
// test overrides it) and the pick fields (they choose among its results, they do not change them).
function settingsKey(config) {
  const { runs, optimizer, runs_from_pick, find, ...rest } = config;
  const { lr, ...opt } = optimizer || {};
  const { pick, picked_lr, ...sweep } = find || {};
  return JSON.stringify([rest, opt, sweep]);
}

export class FindPanel {
  /** onDone(result) after a finished sweep with its results JSON (as `lrplay find` prints it);
   *  onError(message) when one failed. */
  constructor({ core, pool, state, onDone = () => {}, onError = () => {} }) {
    this.core = core;
    this.pool = pool;
    this.state = state;
    this.onDone = onDone;
    this.onError = onError;
    this.names = pickNames(core.raw);   // the core's pick kinds, for its fallback rule
    this.result = null;       // result.find of the last finished sweep
    this.full = null;         // the whole results JSON of the last finished sweep
    this.sweptKey = '';       // the settings it was made with (all but the runs and the pick)
    this.undo = null;         // {pick, picked_lr} before the last change of the picked rate
    this.ac = null;
    this.lastMs = null;
    this.els = {
      run: $('find-run'), cancel: $('find-cancel'), progress: $('find-progress'), status: $('find-status'),
      list: $('suggest-list'), pick: $('pick-lr'), set: $('pick-apply'), use: $('pick-use'), undo: $('pick-undo'),
      candidate: $('pick-candidate'), help: $('pick-help'), seeds: $('find-seeds'), seedsBox: $('find-seeds-box'),
      table: $('find-table'), legend: $('find-legend'),
    };
    this._chart = null;
    this.els.run.addEventListener('click', () => this.start());
    this.els.cancel.addEventListener('click', () => this.cancel());
    const typed = () => {
      const t = this.els.pick.value.trim();
      const v = Number(t);
      if (t === '') { this.apply(0); return; }
      if (!Number.isFinite(v) || v <= 0) {
        this.els.pick.setAttribute('aria-invalid', 'true');
        this._status('The picked rate must be a number greater than 0 (or empty for none).', 'error');
        return;
      }
      this.els.pick.removeAttribute('aria-invalid');
      this.apply(v);
    };
    this.els.pick.addEventListener('change', typed);
    this.els.set.addEventListener('click', typed);
    this.els.use.addEventListener('click', () => {
      const c = this.candidate();
      if (c) this.apply(round3(c.lr), c.name === this.state.config.find.pick ? null : c.name);
    });
    this.els.undo.addEventListener('click', () => this.undoPick());
    this.els.seeds.addEventListener('change', () => this.chart.setSeedsVisible(this.els.seeds.checked));
    this.els.legend.textContent = STEEP_STRETCH;
    renderTable(this.els.table, null);
  }

  /** The chart, made on first use (Chart.js set-up is the slowest part of the page's start). */
  get chart() {
    if (!this._chart) {
      this._chart = new FindChart($('find-chart'), { onPick: (lr) => this.apply(lr) });
      const p = this.state.config.find?.picked_lr;
      if (p > 0) this._chart.setPick(p);
    }
    return this._chart;
  }

  enable(on) { this.els.run.disabled = !on || !!this.ac; }

  get running() { return !!this.ac; }

  /** The suggestion the config's find.pick takes from the last sweep ({name, lr}, the core's
   *  fallback when that one is absent), or null. */
  candidate() {
    if (!this.result) return null;
    const want = Math.max(0, this.names.indexOf(this.state.config.find?.pick));
    return resolvePick(this.core.raw, this.names, ratesOf(this.names, this.result.suggestions), want);
  }

  /** Sets the picked rate (0: none) and, with `kind`, find.pick; one click undoes it. */
  apply(lr, kind = null) {
    const f = this.state.config.find;
    const before = { pick: f.pick, picked_lr: f.picked_lr };
    const ok = this.state.edit((o) => {
      o.find.picked_lr = lr;
      if (kind) o.find.pick = kind;
    }, 'pick');
    if (ok && (before.pick !== this.state.config.find.pick || before.picked_lr !== this.state.config.find.picked_lr)) {
      this.undo = before;
      this.sync(this.state.config);
    }
  }

  undoPick() {
    const u = this.undo;
    if (!u) return;
    this.undo = null;
    this.state.edit((o) => { o.find.pick = u.pick; o.find.picked_lr = u.picked_lr; }, 'undo-pick');
    this.sync(this.state.config);
    this.els.use.focus();
  }

  /** Shows the config's pick: the picked rate, the suggestion it would take, the undo. */
  sync(config, change = null) {
    if (change?.why === 'link') this.undo = null;   // an opened link starts a new history
    const f = config.find || {};
    const picked = f.picked_lr > 0 ? f.picked_lr : null;
    const text = picked ? String(picked) : '';
    if (this.els.pick.value !== text && document.activeElement !== this.els.pick) this.els.pick.value = text;
    this.els.pick.removeAttribute('aria-invalid');
    if (this._chart && this._chart.pick !== picked) this._chart.setPick(picked);
    const c = this.candidate();
    const name = SUGGESTIONS[f.pick]?.name ?? f.pick;
    if (!this.result) this.els.candidate.textContent = `Picked suggestion: ${name}. Run the range test to get its rate.`;
    else if (!c) this.els.candidate.textContent = 'This range test gave no suggestion to use.';
    else {
      const fell = c.name !== f.pick ? ` (${name} is not given here, so ${SUGGESTIONS[c.name].name})` : '';
      this.els.candidate.textContent = `Suggested rate${fell}: ${valueText(this.result, c.name)}.`;
    }
    this.els.use.disabled = !c || round3(c.lr) === picked;
    this.els.undo.hidden = !this.undo;
    this.els.help.textContent = this._pickHelp(config, picked);
    if (this.result && (this._listed?.find !== this.result || this._listed.pick !== f.pick)) {
      // Rebuilt only when the sweep or the picked suggestion changed: focus stays on its button.
      const focused = document.activeElement?.closest?.('#suggest-list li')?.dataset.key;
      renderSuggestions(this.els.list, this.result, { pick: f.pick, onUse: (k, v) => this.apply(round3(v), k) });
      this._listed = { find: this.result, pick: f.pick };
      if (focused) this.els.list.querySelector(`li[data-key="${focused}"] button`)?.focus();
    }
    this.checkStale(config);
  }

  _pickHelp(config, picked) {
    const runs = config.runs || [];
    const fromPick = runs.filter((r) => (r.lr_policy ?? 'pick') === 'pick').length;
    if (!config.runs_from_pick) return 'The runs start from their own rates: “Runs start from the picked rate” is off.';
    if (!picked) return 'No rate picked yet: every run starts from its own rate. Use a suggestion, click the chart or type a rate.';
    return `${fromPick} of ${runs.length} run${runs.length === 1 ? '' : 's'} start from ${fmtLr(picked)}` +
      `${fromPick < runs.length ? '; the others keep their own rate' : ''}. Suggestions are applied rounded to 3 digits.`;
  }

  /** Runs the range test (every seed); resolves to its results JSON (null when cancelled or failed). */
  async start() {
    if (this.ac) return null;
    const config = this.state.config;
    const f = config.find;
    const R = config.repeats ?? 1;
    this.sweptKey = settingsKey(config);
    const ac = (this.ac = new AbortController());
    this.result = null;
    this.full = null;
    this.stale = false;
    this.els.run.disabled = true;
    this.els.cancel.disabled = false;
    this.els.progress.value = 0;
    this.els.seedsBox.hidden = true;
    this.chart.reset(f.start_lr, f.end_lr, R);
    renderSuggestions(this.els.list, null, {});
    this._listed = null;
    renderTable(this.els.table, null);
    this.sync(config);
    const workers = Math.min(R, this.pool.max);
    this._status(`Sweeping the rate from ${fmtLr(f.start_lr)} to ${fmtLr(f.end_lr)}` +
      `${R > 1 ? ` for ${R} seeds, ${workers} at a time` : ''}…`);
    const every = Math.max(1, Math.round(f.num_iter / 40));
    const t0 = performance.now();
    const partial = new Array(R).fill(null);
    let failure = null;
    try {
      const jobs = [...Array(R).keys()].map((k) => this.pool.run(
        { type: 'find', config, progressEvery: every, seedIndex: R > 1 ? k : null },
        (ev) => {
          partial[k] = ev.partial;
          this.chart.progress(R > 1 ? partial : ev.partial);
          const done = partial.reduce((a, p) => a + (p ? p.lr.length : 0), 0);
          this.els.progress.value = Math.min(1, done / (R * f.num_iter));
        }, ac.signal,
      ).catch((err) => {
        if (!(err instanceof CancelledError) && !failure) { failure = err; ac.abort(); }
        throw err;
      }));
      const settled = await Promise.allSettled(jobs);
      if (failure) throw failure;
      if (settled.some((s) => s.status === 'rejected')) throw new CancelledError();
      const msgs = settled.map((s) => s.value);
      const result = R > 1 ? this.core.aggregateFind(config, msgs.map((m) => m.result.find)) : msgs[0].result;
      return this._finish(result, f, performance.now() - t0);
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

  _finish(result, f, ms) {
    const find = result.find;
    this.lastMs = ms;
    this.result = find;
    this.full = result;
    this.els.progress.value = 1;
    this.chart.show(find);
    const repeated = (find.repeats ?? 1) > 1;
    this.els.seedsBox.hidden = !repeated;
    if (repeated) this.chart.setSeedsVisible(this.els.seeds.checked);
    renderTable(this.els.table, find);
    const given = find.suggestions && Object.keys(find.suggestions).length;
    this._status(this._summary(find, f), given ? '' : 'warn');
    this.sync(this.state.config);
    document.documentElement.dataset.findDone = String(Date.now());
    this.onDone(result);
    return result;
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

  _summary(find, f) {
    const R = find.repeats ?? 1;
    const seeds = R > 1 ? find.per_seed : [find];
    const n = Math.max(...seeds.map((s) => s.lr.length));
    let s = `Done in ${fmtMs(this.lastMs)}: ${R > 1 ? `${R} seeds × ` : ''}${n} iterations`;
    const div = seeds.filter((x) => x.diverged);
    if (R === 1 && find.diverged) {
      s += `; stopped at a rate of ${fmtLr(find.lr[n - 1])} because the smoothed loss grew past ${f.diverge}× its best — the rate is too high from there on.`;
    } else if (div.length) {
      s += `; ${div.length} of ${R} seeds stopped early because the smoothed loss grew past ${f.diverge}× its best. ` +
        `The median curve covers the ${find.lr.length} rates every seed reached.`;
    } else {
      s += n < f.num_iter ? '.' : ', up to the end rate.';
    }
    if (R > 1) s += ' Bold: the median smoothed loss; band: its lowest to highest over the seeds.';
    if (!find.suggestions || Object.keys(find.suggestions).length === 0) {
      s += ' No suggestion could be made: the loss never fell steadily. Try a wider range, more iterations or less smoothing.';
    }
    return s;
  }

  _status(text, level = '') {
    this.els.status.textContent = text;
    this.els.status.className = `status${level ? ` ${level}` : ''}`;
  }
}
