// tutorial/numbers.js — the numbers the tutorial quotes, read from an experiment's result (the
// `result` of a `find` or `train` message: exactly the CLI's JSON). Pure functions plus one DOM
// filler that writes text only (textContent), never markup.
//
// A quoted number is an element <span data-fig="ID" data-num="PATH" data-fmt="FMT">. PATH walks the
// result by its keys ('find.suggestions.valley', 'runs.1.best_val_loss', 'runs.0.val_loss.4') with
// a few derived steps:
//   runs.N.cuts            the epochs of the run's plateau cuts (events with reason "plateau")
//   X.first, X.last        the first and last value of the list X
//   find.smoothed.low      the lowest smoothed loss among the kept points; find.lr.low its rate
//   find.smoothed.kept     the last kept point's smoothed loss; find.lr.kept its rate
// FMT: lr, loss, int, epochs (a list of epochs in words), text.
import { fmtLr, fmtLoss } from '../format.js';

const isObj = (v) => v !== null && typeof v === 'object';

/** Index of the lowest finite smoothed loss among the kept points, or -1. */
export function lowestKept(find) {
  let best = -1;
  const n = Math.min(find.kept ?? 0, find.smoothed?.length ?? 0);
  for (let i = 0; i < n; i++) {
    const y = find.smoothed[i];
    if (Number.isFinite(y) && (best < 0 || y < find.smoothed[best])) best = i;
  }
  return best;
}

/** The value at `path` in `result`, or undefined when it is not there. */
export function resolve(result, path) {
  const keys = String(path).split('.');
  let v = result;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (!isObj(v)) return undefined;
    const find = k === 1 && keys[0] === 'find' ? result.find : null;
    if (find && (key === 'smoothed' || key === 'lr') && (keys[2] === 'low' || keys[2] === 'kept')) {
      const i = keys[2] === 'low' ? lowestKept(find) : (find.kept ?? 0) - 1;
      return i >= 0 && keys.length === 3 ? find[key][i] : undefined;
    }
    if (key === 'cuts' && Array.isArray(v.events)) {
      return k === keys.length - 1 ? v.events.filter((e) => e.reason === 'plateau').map((e) => e.epoch) : undefined;
    }
    if (Array.isArray(v) && (key === 'first' || key === 'last')) { v = v.length ? v[key === 'first' ? 0 : v.length - 1] : undefined; continue; }
    if (Array.isArray(v) && !/^\d+$/.test(key)) return undefined;
    v = Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
  }
  return v;
}

/** A list of epochs in words: "16", "16 and 21", "16, 21 and 24", "none". */
export function fmtEpochs(list) {
  if (!Array.isArray(list) || !list.length) return 'none';
  const s = list.map(String);
  return s.length === 1 ? s[0] : `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]}`;
}

/** The text of a value in a format. */
export function formatValue(v, fmt) {
  if (v === undefined || v === null) return '—';
  switch (fmt) {
    case 'lr': return fmtLr(v);
    case 'loss': return fmtLoss(v);
    case 'int': return Number.isFinite(v) ? String(Math.trunc(v)) : '—';
    case 'epochs': return fmtEpochs(v);
    default: return String(v);
  }
}

/** The value as kept in data-value: JSON (numbers in their shortest round-trip form). */
export function valueText(v) { return v === undefined ? '' : JSON.stringify(v); }

/**
 * Fills every quoted number of figure `fig` under `root` from its result, and shows or hides the
 * paragraphs that depend on a value (data-when="PATH": shown when the value exists).
 * Returns the number of slots filled.
 */
export function fillNumbers(root, fig, result) {
  let n = 0;
  for (const el of root.querySelectorAll(`[data-fig="${fig}"][data-num]`)) {
    const v = resolve(result, el.dataset.num);
    el.textContent = formatValue(v, el.dataset.fmt);
    el.dataset.value = valueText(v);
    n++;
  }
  for (const el of root.querySelectorAll(`[data-fig="${fig}"][data-when]`)) {
    const v = resolve(result, el.dataset.when);
    el.hidden = v === undefined || v === null;
  }
  return n;
}
