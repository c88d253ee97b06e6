// results.js — the results table of a comparison and the sentences that explain what happened
// (divergence, errors), in words. Text goes in with textContent only.
import { fmtLoss, fmtLr, fmtMs, fmtPct } from './format.js';
import { RUN_COLOURS } from './theme.js';

function cell(tr, text, cls = '') {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
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

export class ResultsTable {
  constructor(table, messages) {
    this.tbody = table.querySelector('tbody');
    this.messages = messages;
    this.rows = [];
  }

  /** One row per run, all waiting. */
  reset(runs, { targetLoss = 0, regression = false } = {}) {
    this.target = targetLoss;
    this.regression = regression;
    this.rows = runs.map((r, i) => ({ label: r.label || `run ${i + 1}`, colour: i % RUN_COLOURS, state: 'waiting', run: null, ms: null, error: null }));
    this.messages.replaceChildren();
    this._render();
  }

  running(i) { this._set(i, { state: 'running' }); }
  done(i, run, ms) { this._set(i, { state: run.status === 'diverged' ? 'diverged' : 'done', run, ms }); }
  failed(i, message) { this._set(i, { state: 'error', error: message }); }
  cancelled(i) { if (this.rows[i] && this.rows[i].state !== 'done' && this.rows[i].state !== 'diverged') this._set(i, { state: 'cancelled' }); }

  /** A sentence under the table. level: '', 'warn' or 'error'. */
  say(text, level = '') {
    const li = document.createElement('li');
    li.textContent = text;
    if (level) li.className = level;
    this.messages.appendChild(li);
  }

  _set(i, patch) {
    if (!this.rows[i]) return;
    Object.assign(this.rows[i], patch);
    this._render();
  }

  _render() {
    const best = this.rows.reduce((b, r, i) => {
      const v = r.run?.best_val_loss;
      return v != null && Number.isFinite(v) && (b < 0 || v < this.rows[b].run.best_val_loss) ? i : b;
    }, -1);
    const trs = this.rows.map((r, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      const sw = document.createElement('span');
      sw.className = `swatch c${r.colour}`;
      sw.setAttribute('aria-hidden', 'true');
      th.append(sw, document.createTextNode(r.label));
      tr.appendChild(th);
      const run = r.run;
      let status = r.state;
      if (r.state === 'diverged') status = `diverged${run.diverged_epoch != null ? ` (epoch ${run.diverged_epoch})` : ''}`;
      if (r.state === 'done') status = 'ok';
      if (r.state === 'error') status = 'error';
      cell(tr, status, r.state === 'diverged' || r.state === 'error' ? 'diverged' : '');
      if (run) {
        const bv = run.best_val_loss;
        const bvText = bv != null ? `${fmtLoss(bv)}${run.best_epoch != null ? ` (epoch ${run.best_epoch})` : ''}` : '—';
        cell(tr, bvText, `num${i === best ? ' best-cell' : ''}`);
        const acc = run.val_acc && run.val_acc.length ? run.val_acc[run.val_acc.length - 1] : null;
        cell(tr, this.regression ? 'n/a (regression)' : fmtPct(acc), 'num');
        cell(tr, !this.target ? 'no target set' : run.epochs_to_target != null ? String(run.epochs_to_target) : 'not reached', 'num');
        cell(tr, fmtMs(r.ms), 'num');
      } else {
        for (let k = 0; k < 4; k++) cell(tr, '—', 'num');
      }
      if (i === best) tr.className = 'best';
      return tr;
    });
    this.tbody.replaceChildren(...trs);
  }
}
