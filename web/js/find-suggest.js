// find-suggest.js — the range test's suggestions in words: what each one marks and which library
// uses it, their values (with the median and spread over seeds when the experiment repeats), and
// the list of buttons that apply one. Text only (textContent); no numbers are computed here.
import { fmtLr } from './format.js';

/** Every suggestion the core gives, in the order `lrplay find` prints them. */
export const SUGGESTIONS = Object.freeze({
  minimum: {
    name: 'minimum / 10', short: 'min/10',
    why: 'A tenth of the rate at the lowest smoothed loss, one decade below where the loss bottoms out (fastai’s minimum, lr_min).',
  },
  steep: {
    name: 'steepest slope', short: 'steep',
    why: 'Where the smoothed loss falls fastest per decade of rate: the classic range-test rule (fastai’s steep).',
  },
  valley: {
    name: 'valley', short: 'valley',
    why: 'Halfway along the longest stretch where the smoothed loss keeps falling, well before its bottom (fastai’s valley, its default).',
  },
  slide: {
    name: 'slide', short: 'slide',
    why: 'Sliding back from the end of the curve, the first rate where the loss’s gradient stops changing by more than 0.005 over 15 points (fastai’s slide).',
  },
  gradient: {
    name: 'steepest gradient', short: 'grad',
    why: 'The most negative gradient of the smoothed loss per iteration, after the first 10 points (PyTorch Lightning’s lr_find suggestion).',
  },
});

/** What the shaded stretch means (the chart's legend and the README say the same). */
export const STEEP_STRETCH = 'Shaded: the steep fall, where the smoothed loss falls at least half as fast per decade of rate ' +
  'as at its steepest (the slope measured across five steps of the sweep). With several seeds, the band around the ' +
  'bold median runs from the lowest to the highest smoothed loss, and a bar under each suggestion’s label spans its values.';

/** "0.043 (0.028–0.076 over 6 seeds)" for a repeated range test, else "0.043". */
export function valueText(find, key) {
  const v = find?.suggestions?.[key];
  if (v == null) return null;
  const s = find.spread?.[key];
  if (!s) return fmtLr(v);
  const of = s.n === find.repeats ? `${s.n} seeds` : `${s.n} of ${find.repeats} seeds`;
  return `${fmtLr(v)} (${fmtLr(s.min)}–${fmtLr(s.max)} over ${of})`;
}

/**
 * Fills `list` (a <ul>) with one item per suggestion of `find` (null: the empty state):
 * a button that applies it (onUse(key, rate)) and the sentence that explains it. `pick` is
 * the config's find.pick: its item says it is the picked suggestion.
 */
export function renderSuggestions(list, find, { pick, onUse }) {
  list.replaceChildren();
  if (!find) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'Run the range test to get suggestions.';
    list.appendChild(li);
    return;
  }
  let shown = 0;
  for (const [key, info] of Object.entries(SUGGESTIONS)) {
    const text = valueText(find, key);
    const li = document.createElement('li');
    li.dataset.key = key;
    const b = document.createElement('button');
    b.type = 'button';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = info.name;
    const val = document.createElement('span');
    val.className = 'val';
    val.textContent = text ?? 'not given';
    b.append(name, val);
    const why = document.createElement('span');
    why.className = 'why';
    why.id = `why-${key}`;
    why.textContent = info.why;
    if (text == null) {
      b.disabled = true;
      li.classList.add('absent');
      why.textContent = `${info.why} This curve does not give one.`;
    } else {
      shown++;
      b.dataset.suggestion = key;
      b.setAttribute('aria-label', `Use the ${info.name} suggestion, ${fmtLr(find.suggestions[key])}, as the picked rate`);
      b.addEventListener('click', () => onUse(key, find.suggestions[key]));
    }
    b.setAttribute('aria-describedby', why.id);
    if (key === pick) {
      li.classList.add('chosen');
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = 'picked suggestion';
      li.append(b, tag, why);
    } else {
      li.append(b, why);
    }
    list.appendChild(li);
  }
  if (find.steep_range) {
    const li = document.createElement('li');
    li.className = 'muted range';
    li.textContent = `Steep fall between ${fmtLr(find.steep_range[0])} and ${fmtLr(find.steep_range[1])} (shaded)`;
    const why = document.createElement('span');
    why.className = 'why-inline';
    why.textContent = ': where the smoothed loss falls at least half as fast per decade of rate as at its steepest (measured across five steps)';
    li.append(why, '.');
    list.appendChild(li);
  }
  list.dataset.shown = String(shown);
}
