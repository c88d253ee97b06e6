// results.js — the results table of a comparison and the sentences that explain what happened
// (divergence, errors, which run beat which across seeds), in words. Text goes in with
// textContent only.
//
// Columns: run, status, best and final validation loss, epoch of the best, best accuracy
// (classification only), stopped epoch (when a run stops early), epochs to target (when a
// target is set), wall time. Repeated over seeds, each number is the mean ± sd across seeds
// (the `stats` of `lrplay train`), epochs the median with their range. Each cell carries its
// column's name in data-label, so a phone-width layout can stack a row (lrplay.css).
import { fmtLoss, fmtLr, fmtMs, fmtPct } from './format.js';
import { RUN_COLOURS } from './theme.js';

const finite = (v) => v != null && Number.isFinite(v);

function cell(tr, text, cls = '', label = '') {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  if (label) td.dataset.label = label;
  tr.appendChild(td);
  return td;
}

/** Why a run diverged, in words. */
export function divergedText(label, run) {
  const e = run.diverged_epoch;
  const lr = run.lr && run.lr.length ? run.lr[run.lr.length - 1] : null;
  return `“${label}” diverged${e != null ? ` in epoch ${e}` : ''}: its loss became too large or not a number` +
    `${lr != null ? ` at a rate of ${fmtLr(lr)}` : ''}, so training stopped. The rate is too high for this ` +
    'model and data; start lower (the range test\'s valley or steepest-slope suggestion is a safe start).';
}

/** The highest finite validation accuracy of a run, or null. */
export function bestAcc(run) {
  let b = null;
  for (const v of run?.val_acc || []) if (finite(v) && (b === null || v > b)) b = v;
  return b;
}

function median(values) {
  const v = values.filter(finite).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** "mean ± sd" of a stats object ({n, mean, sd}) with fmt, or a dash. */
export function meanSd(s, fmt) {
  if (!s || !s.n || !finite(s.mean)) return '—';
  return finite(s.sd) ? `${fmt(s.mean)} ± ${fmt(s.sd)}` : fmt(s.mean);
}

const pct = (x) => (finite(x) ? (100 * x).toFixed(1) : '—');
const epochsText = (values) => {
  const v = values.filter(finite);
  if (!v.length) return '—';
  const lo = Math.min(...v), hi = Math.max(...v), m = median(v);
  return lo === hi ? String(m) : `${m} (${lo}–${hi})`;
};

/**
 * The win counts of a repeated comparison in words, one sentence per pair of runs:
 * "plateau beat constant on 5 of 6 seeds". runs: the `runs` of `lrplay train` with repeats.
 */
export function winSentences(runs) {
  const out = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i], b = runs[j], R = a.repeats;
      const wa = a.beats[j], wb = b.beats[i], ties = R - wa - wb;
      const [w, l, nw, nl] = wa >= wb ? [a, b, wa, wb] : [b, a, wb, wa];
      let s = nw === 0 ? `${a.label} and ${b.label} tied on all ${R} seeds` : `${w.label} beat ${l.label} on ${nw} of ${R} seeds`;
      const rest = [];
      if (nw && nl) rest.push(`${l.label} won on ${nl}`);
      if (nw && ties) rest.push(`tied on ${ties}`);
      if (rest.length) s += ` (${rest.join(', ')})`;
      out.push({ text: `${s}.`, i: w.index, j: l.index });
    }
  }
  return out;
}

/**
 * Pairs of runs whose difference in mean best validation loss is smaller than the spread
 * across seeds (the larger of the two standard deviations): a ranking that may be luck.
 */
export function closeCalls(runs) {
  const out = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const s = runs[i].stats.best_val_loss, t = runs[j].stats.best_val_loss;
      if (!finite(s.mean) || !finite(t.mean)) continue;
      const gap = Math.abs(s.mean - t.mean), spread = Math.max(finite(s.sd) ? s.sd : 0, finite(t.sd) ? t.sd : 0);
      if (gap < spread) out.push({ a: runs[i].label, b: runs[j].label, gap, spread });
    }
  }
  return out;
}

export class ResultsTable {
  constructor(table, messages) {
    this.table = table;
    this.thead = table.querySelector('thead');
    this.tbody = table.querySelector('tbody');
    this.messages = messages;
    this.rows = [];
  }

  /**
   * One row per run, all waiting. earlyStop: some run may stop early (its column is shown);
   * repeats: seeds each run repeats over.
   */
  reset(runs, { targetLoss = 0, regression = false, earlyStop = false, repeats = 1 } = {}) {
    this.target = targetLoss;
    this.regression = regression;
    this.repeats = repeats;
    this.cols = ['Status', 'Best val. loss', 'Epoch of best', 'Final val. loss'];
    if (!regression) this.cols.push('Best accuracy');
    if (earlyStop) this.cols.push('Stopped');
    if (targetLoss) this.cols.push('Epochs to target');
    this.cols.push('Wall time');
    this.rows = runs.map((r, i) => ({ label: r.label || `run ${i + 1}`, colour: i % RUN_COLOURS, state: 'waiting', run: null, ms: null, error: null, seedsDone: 0 }));
    this.messages.replaceChildren();
    this._head();
    this._render();
  }

  running(i) { if (this.rows[i]?.state === 'waiting') this._set(i, { state: 'running' }); }
  /** Seeds of run i finished so far (repeated comparisons, before the summary). */
  seeds(i, n) { this._set(i, { state: 'running', seedsDone: n }); }
  /** Run i's result: a single-seed run object, or a repeated run ({stats, per_seed, ...}). */
  done(i, run, ms) {
    const bad = run.per_seed ? run.per_seed.every((r) => r.status === 'diverged') : run.status === 'diverged';
    this._set(i, { state: bad ? 'diverged' : 'done', run, ms });
  }

  failed(i, message) { this._set(i, { state: 'error', error: message }); }
  cancelled(i) { if (this.rows[i] && this.rows[i].state !== 'done' && this.rows[i].state !== 'diverged') this._set(i, { state: 'cancelled' }); }

  /** A sentence under the table. level: '', 'warn', 'error' or 'win'. */
  say(text, level = '') {
    const li = document.createElement('li');
    li.textContent = text;
    if (level) li.className = level;
    this.messages.appendChild(li);
  }

  /** What a repeated comparison says across seeds: who beat whom, and which gaps are noise. */
  sayAcrossSeeds(runs) {
    if (!runs.length || !runs[0].per_seed) return;
    const R = runs[0].repeats;
    if (runs.length > 1) {
      this.say(`Best validation loss, seed by seed (seeds ${runs[0].per_seed[0].seed}–${runs[0].per_seed[R - 1].seed}; lower wins):`, 'wins-head');
      for (const w of winSentences(runs)) this.say(w.text, 'win');
    }
    const close = closeCalls(runs);
    if (close.length) {
      this.say('These gaps in mean best validation loss are smaller than the spread across seeds (the larger ' +
        'standard deviation), so which run wins may be luck of the seed: ' +
        close.map((c) => `${c.a} vs ${c.b} (gap ${fmtLoss(c.gap)}, sd ${fmtLoss(c.spread)})`).join('; ') +
        '. Add seeds, or treat these runs as equal.', 'warn close');
    }
  }

  _head() {
    const tr = document.createElement('tr');
    for (const name of ['Run', ...this.cols]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      tr.appendChild(th);
    }
    this.thead.replaceChildren(tr);
    const cap = this.table.querySelector('caption');
    if (cap) {
      cap.textContent = this.repeats > 1
        ? `Results per run over ${this.repeats} seeds: mean ± standard deviation; epochs as median (lowest–highest)`
        : 'Results per run';
    }
    this.table.classList.toggle('repeated', this.repeats > 1);
  }

  /** The cells of a finished row, by column name. */
  _cells(run, ms) {
    const c = {};
    if (run.per_seed) {
      const ps = run.per_seed, R = ps.length, st = run.stats;
      const nDiv = ps.filter((r) => r.status === 'diverged').length;
      c.Status = nDiv ? `diverged on ${nDiv} of ${R} seeds` : 'ok';
      c['Best val. loss'] = meanSd(st.best_val_loss, fmtLoss);
      c['Epoch of best'] = epochsText(ps.map((r) => r.best_epoch));
      c['Final val. loss'] = meanSd(st.final_val_loss, fmtLoss);
      c['Best accuracy'] = st.best_val_acc.n ? `${meanSd(st.best_val_acc, pct)} %` : '—';
      const stopped = ps.map((r) => r.stopped_epoch).filter(finite);
      c.Stopped = stopped.length ? `${stopped.length} of ${R} seeds, epoch ${epochsText(stopped)}` : 'none';
      const reached = ps.map((r) => r.epochs_to_target).filter(finite);
      c['Epochs to target'] = reached.length ? `${epochsText(reached)} on ${reached.length} of ${R} seeds` : 'not reached';
      c['Wall time'] = `${fmtMs(ms)} over ${R} seeds`;   // the workers' time, summed over the seeds
      c.best = st.best_val_loss.mean;
    } else {
      c.Status = run.status === 'diverged' ? `diverged${run.diverged_epoch != null ? ` (epoch ${run.diverged_epoch})` : ''}` : 'ok';
      c['Best val. loss'] = fmtLoss(run.best_val_loss);
      c['Epoch of best'] = run.best_epoch != null ? String(run.best_epoch) : '—';
      c['Final val. loss'] = fmtLoss(run.final_val_loss);
      c['Best accuracy'] = fmtPct(bestAcc(run));
      c.Stopped = run.stopped_epoch != null
        ? `epoch ${run.stopped_epoch}${run.restored_epoch != null ? `, kept epoch ${run.restored_epoch}` : ''}` : 'ran all epochs';
      c['Epochs to target'] = run.epochs_to_target != null ? String(run.epochs_to_target) : 'not reached';
      c['Wall time'] = fmtMs(ms);
      c.best = run.best_val_loss;
    }
    return c;
  }

  _set(i, patch) {
    if (!this.rows[i]) return;
    Object.assign(this.rows[i], patch);
    this._render();
  }

  _render() {
    const vals = this.rows.map((r) => (r.run ? this._cells(r.run, r.ms) : null));
    const best = vals.reduce((b, v, i) => (v && finite(v.best) && (b < 0 || v.best < vals[b].best) ? i : b), -1);
    const trs = this.rows.map((r, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      const sw = document.createElement('span');
      sw.className = `swatch c${r.colour}`;
      sw.setAttribute('aria-hidden', 'true');
      th.append(sw, document.createTextNode(r.label));
      tr.appendChild(th);
      const v = vals[i];
      let status = r.state;
      if (r.state === 'running' && this.repeats > 1) status = `running (${r.seedsDone} of ${this.repeats} seeds done)`;
      if (r.state === 'error') status = 'error';
      if (v) status = v.Status;
      for (const name of this.cols) {
        if (name === 'Status') {
          cell(tr, status, r.state === 'diverged' || r.state === 'error' || (v && v.Status !== 'ok') ? 'diverged' : '', name);
        } else {
          const cls = `num${name === 'Best val. loss' && i === best ? ' best-cell' : ''}`;
          cell(tr, v ? v[name] : '—', cls, name);
        }
      }
      if (i === best) tr.className = 'best';
      return tr;
    });
    this.tbody.replaceChildren(...trs);
  }
}
