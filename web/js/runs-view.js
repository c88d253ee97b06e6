// runs-view.js — the run editor: one card per config run (runs.N.*), with its schedule, its
// optimizer, the rate it starts from (its own, or the picked rate: runs_from_pick, lr_policy,
// find.picked_lr), its early stopping and a line for its state while training. Cards are coloured
// like its chart lines.
import { syncFields } from './controls.js';
import { RUN_COLOURS } from './theme.js';
import { fmtLr } from './format.js';

// Fields shown first, in this order; the optimizer's finer knobs go into a <details>. Keras
// Adam's `decay` is a schedule in all but name: it stays in view.
const FIRST = ['label', 'schedule.name', 'optimizer.name', 'lr_policy', 'optimizer.lr', 'optimizer.decay'];

/** How run `run` of `config` starts: {fromPick, text}. The core applies the same rule
 *  (README, "The picked rate"): with runs_from_pick, a run whose lr_policy is pick starts
 *  from find.picked_lr when it is set (and a one-cycle run's max_lr with it). */
export function startPolicy(config, run) {
  const picked = config.find?.picked_lr > 0 ? config.find.picked_lr : 0;
  const onecycle = run.schedule?.name === 'onecycle';
  const own = onecycle ? `Peaks at its own max_lr, ${fmtLr(run.schedule.max_lr)}` : `Starts from its own rate, ${fmtLr(run.optimizer?.lr)}`;
  if (!config.runs_from_pick) return { fromPick: false, text: `${own} (runs do not start from the picked rate).` };
  if ((run.lr_policy ?? 'pick') === 'own') return { fromPick: false, text: `${own}: its starting rate is its own.` };
  if (!picked) return { fromPick: false, text: `${own} until a rate is picked.` };
  return { fromPick: true, text: onecycle ? `Peaks at the picked rate, ${fmtLr(picked)} (its max_lr).` : `Starts from the picked rate, ${fmtLr(picked)}.` };
}

const rank = (leaf) => {
  const i = FIRST.indexOf(leaf);
  if (i >= 0) return i;
  if (leaf.startsWith('schedule.')) return 10;
  if (leaf === 'min_lr') return 20;
  return 30;
};

export class RunsView {
  constructor(container, { onChange, onInvalid, onRemove }) {
    this.container = container;
    this.opts = { onChange, onInvalid };
    this.onRemove = onRemove;
    this.cards = [];
  }

  sync(state) {
    const runs = state.config.runs || [];
    while (this.cards.length > runs.length) this.cards.pop().root.remove();
    while (this.cards.length < runs.length) this.cards.push(this._card(this.cards.length));
    runs.forEach((run, i) => {
      const c = this.cards[i];
      const infos = state.fields(`runs.${i}.`).map((f) => ({ ...f, leaf: f.name.slice(`runs.${i}.`.length) }));
      const main = infos.filter((f) => rank(f.leaf) < 30).sort((a, b) => rank(a.leaf) - rank(b.leaf));
      const stop = infos.filter((f) => f.leaf.startsWith('early_stopping.'));
      const more = infos.filter((f) => rank(f.leaf) >= 30 && !f.leaf.startsWith('early_stopping.'));
      syncFields(c.main, main, { idPrefix: `run${i}-`, ...this.opts });
      syncFields(c.more, more, { idPrefix: `run${i}-`, ...this.opts });
      syncFields(c.stop, stop, { idPrefix: `run${i}-`, ...this.opts });
      c.moreBox.hidden = more.length === 0;
      c.stopBox.hidden = stop.length === 0;
      const es = run.early_stopping;
      const on = !!es && es.monitor && es.monitor !== 'off';
      c.stopSum.textContent = on ? `Early stopping: ${es.monitor}, patience ${es.patience}` : 'Early stopping: off';
      if (on && !c.stopSeen) c.stopBox.open = true;   // a link that turns it on shows it, once
      c.stopSeen = c.stopSeen || on;
      const pol = startPolicy(state.config, run);
      c.policy.textContent = pol.text;
      c.policy.className = `run-policy${pol.fromPick ? ' pick' : ' own'}`;
      c.root.dataset.startsFrom = pol.fromPick ? 'pick' : 'own';
      // The rate fields the picked rate replaces cannot be edited while it applies.
      for (const name of ['optimizer.lr', 'schedule.max_lr']) {
        const input = c.main.querySelector(`[name="runs.${i}.${name}"]`) || c.more.querySelector(`[name="runs.${i}.${name}"]`);
        if (!input) continue;
        input.disabled = pol.fromPick && (name === 'optimizer.lr' || run.schedule?.name === 'onecycle');
        input.title = input.disabled ? 'The run starts from the picked rate: set its starting rate to “its own rate” to edit this.' : '';
      }
      c.title.textContent = run.label || `run ${i + 1}`;
      c.remove.setAttribute('aria-label', `Remove the run “${run.label || i + 1}”`);
      c.remove.disabled = runs.length <= 1;
    });
  }

  /** Status text under a run's card ('' clears it). level: '', 'warn' or 'error'. */
  setRunState(i, text, level = '') {
    const c = this.cards[i];
    if (!c) return;
    c.state.textContent = text;
    c.state.className = `run-state${level ? ` ${level}` : ''}`;
  }

  clearStates() { this.cards.forEach((_, i) => this.setRunState(i, '')); }

  _card(i) {
    const root = document.createElement('article');
    root.className = `run c${i % RUN_COLOURS}`;
    const head = document.createElement('div');
    head.className = 'run-head';
    const sw = document.createElement('span');
    sw.className = `swatch c${i % RUN_COLOURS}`;
    sw.setAttribute('aria-hidden', 'true');
    const title = document.createElement('h3');
    title.className = 'run-title';
    title.id = `run${i}-title`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'small';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => this.onRemove(i));
    head.append(sw, title, remove);
    const main = document.createElement('div');
    main.className = 'fields';
    const moreBox = document.createElement('details');
    moreBox.className = 'more';
    const sum = document.createElement('summary');
    sum.textContent = 'Optimizer details';
    const more = document.createElement('div');
    more.className = 'fields';
    moreBox.append(sum, more);
    // Early stopping (runs.N.early_stopping.*) in a box of its own, its state in the summary.
    const stopBox = document.createElement('details');
    stopBox.className = 'more';
    const stopSum = document.createElement('summary');
    const stop = document.createElement('div');
    stop.className = 'fields';
    stopBox.append(stopSum, stop);
    const policy = document.createElement('p');
    policy.className = 'run-policy';
    const state = document.createElement('p');
    state.className = 'run-state';
    state.setAttribute('aria-live', 'polite');
    root.setAttribute('aria-labelledby', title.id);
    root.append(head, main, policy, moreBox, stopBox, state);
    this.container.appendChild(root);
    return { root, title, remove, main, more, moreBox, policy, stop, stopBox, stopSum, stopSeen: false, state };
  }
}
