// controls.js — form fields made from the core's schema (name, type, range, choices, help).
// Values are written with .value/.checked/textContent only, never innerHTML, so no string
// from a config can become markup. Labels are by name; every field and choice of the core's
// schema has one (tests/node/schema-consumers.test.mjs), so a new kind cannot ship unlabeled.
import { toInputText } from './format.js';

export const LABELS = Object.freeze({
  seed: 'Seed', 'data.name': 'Data set', 'data.samples': 'Samples', 'data.noise': 'Noise',
  'data.val_frac': 'Validation fraction', 'data.classes': 'Classes',
  'data.path': 'File', 'data.sha256': 'SHA-256', 'data.rows': 'Rows', 'data.columns': 'Columns',
  'data.target': 'Target column', 'data.task': 'Task', 'data.outputs': 'Outputs', 'data.header': 'Header row',
  'data.separator': 'Separator', 'data.standardize': 'Standardize',
  'model.hidden': 'Hidden layer widths', 'model.activation': 'Activation',
  batch_size: 'Batch size', epochs: 'Epochs', target_loss: 'Target val. loss',
  'find.start_lr': 'Start rate', 'find.end_lr': 'End rate', 'find.num_iter': 'Iterations',
  'find.step_mode': 'Ramp', 'find.beta': 'Smoothing β', 'find.diverge': 'Divergence factor',
  'find.use_val': 'Use the validation loss', 'find.skip_end': 'Points skipped at the end',
  repeats: 'Seeds (repeats)', 'find.pick': 'Picked suggestion', 'find.picked_lr': 'Picked rate',
  runs_from_pick: 'Runs start from the picked rate', lr_policy: 'Starting rate',
  // leaves of optimizer.* and schedule.*
  name: 'Kind', lr: 'Learning rate', beta1: 'β1', beta2: 'β2', eps: 'ε', weight_decay: 'Weight decay',
  amsgrad: 'AMSGrad', momentum: 'Momentum', dampening: 'Dampening', nesterov: 'Nesterov', decay: 'Decay',
  flavor: 'Semantics', interval: 'Step every', mode: 'Mode', factor: 'Factor', patience: 'Patience',
  threshold: 'Threshold', threshold_mode: 'Threshold mode', min_delta: 'min_delta', cooldown: 'Cooldown',
  min_lr: 'Min rate', step_size: 'Step size', milestones: 'Milestones', gamma: 'γ', T_max: 'T_max',
  eta_min: 'eta_min', T_0: 'T_0', T_mult: 'T_mult', start_factor: 'Start factor', end_factor: 'End factor',
  total_iters: 'Total iters', max_lr: 'Max rate', total_steps: 'Total steps', pct_start: 'pct_start',
  anneal_strategy: 'Annealing', div_factor: 'div_factor', final_div_factor: 'final_div_factor',
  three_phase: 'Three phases', base_lr: 'Base rate', step_size_up: 'Steps up', step_size_down: 'Steps down',
  decay_rate: 'Decay rate', decay_steps: 'Decay steps', staircase: 'Staircase', end_lr: 'End rate',
  num_iter: 'Iterations', step_mode: 'Ramp', label: 'Label',
  warmup: 'Warm-up steps', warmup_start_factor: 'Warm-up start factor', monitor: 'Early stopping on',
  baseline: 'Baseline', start_from_epoch: 'Watch from epoch', restore_best_weights: 'Restore the best weights',
});

export const CHOICE_LABELS = Object.freeze({
  adam: 'Adam', adamw: 'AdamW', sgd: 'SGD', keras_adam: 'Adam with decay (Keras)',
  constant: 'Constant', reduce_on_plateau: 'ReduceLROnPlateau', step: 'Step', multistep: 'Multi-step',
  exponential: 'Exponential', cosine: 'Cosine', cosine_warm_restarts: 'Cosine, warm restarts',
  linear: 'Linear', onecycle: 'One-cycle', cyclic: 'Cyclic', inverse_time: 'Inverse time',
  lr_range: 'Range-test ramp', torch: 'PyTorch', keras: 'Keras', exp: 'exponential',
  spiral: 'Spiral', circles: 'Circles', xor: 'XOR', gauss: 'Gaussian blobs', moons: 'Moons',
  sine: 'Sine (regression)', digits: 'Digits (8×8)', rel: 'relative', abs: 'absolute',
  off: 'off', val_loss: 'validation loss', val_acc: 'validation accuracy',
  csv: 'Your CSV file', iris: 'Iris', wine: 'Wine', breast_cancer: 'Breast cancer (Wisconsin)',
  diabetes: 'Diabetes (regression)', auto: 'auto', classification: 'classification', regression: 'regression',
  yes: 'yes', no: 'no', comma: 'comma', semicolon: 'semicolon', tab: 'tab',
  epoch: 'epoch', batch: 'batch', relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', gelu: 'GELU',
  // PyTorch's own names, as the page showed them before they had labels
  min: 'min', max: 'max', cos: 'cos', triangular: 'triangular', triangular2: 'triangular2', exp_range: 'exp_range',
  // find.pick and lr_policy
  steep: 'steepest slope', valley: 'valley', minimum: 'minimum / 10', slide: 'slide', gradient: 'gradient',
  pick: 'the picked rate', own: 'its own rate',
});

/** The label written for a field (a path such as 'runs.0.schedule.gamma'), or null if it has none. */
export function explicitLabel(name) {
  if (LABELS[name]) return LABELS[name];
  if (/^runs\.\d+\.min_lr$/.test(name)) return 'Floor rate';
  const leaf = name.slice(name.lastIndexOf('.') + 1);
  if (leaf === 'name' && /optimizer\.name$/.test(name)) return 'Optimizer';
  if (leaf === 'name' && /schedule\.name$/.test(name)) return 'Schedule';
  return LABELS[leaf] || null;
}

export function labelFor(name) {
  return explicitLabel(name) ?? name.slice(name.lastIndexOf('.') + 1).replace(/_/g, ' ');
}

// Characters of a choice label that a select in a narrow grid column (about 110 px) shows whole.
const WIDE_CHOICE = 11;

const idOf = (prefix, name) => `${prefix}${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function parseValue(info, input) {
  switch (info.type) {
    case 'bool': return { ok: true, value: input.checked };
    case 'enum': case 'string': return { ok: true, value: input.value };
    case 'int_list': {
      const parts = input.value.split(/[\s,;]+/).filter(Boolean);
      const nums = parts.map(Number);
      if (nums.some((n) => !Number.isFinite(n))) return { ok: false, message: 'must be whole numbers separated by commas' };
      return { ok: true, value: nums };
    }
    default: {
      const t = input.value.trim();
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) return { ok: false, message: 'must be a number' };
      return { ok: true, value: n };
    }
  }
}

function buildField(info, { idPrefix, onChange, onInvalid }) {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.name = info.name;
  const id = idOf(idPrefix, info.name);
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelFor(info.name);
  let input;
  if (info.type === 'enum') {
    input = document.createElement('select');
    for (const c of info.choices) {
      const o = document.createElement('option');
      o.value = c;
      o.textContent = CHOICE_LABELS[c] || c;
      input.appendChild(o);
    }
    // A choice longer than a narrow column shows ("Adam with decay (Keras)") gets the whole row.
    if (Math.max(...info.choices.map((c) => (CHOICE_LABELS[c] || c).length)) > WIDE_CHOICE) wrap.classList.add('wide-choice');
  } else {
    input = document.createElement('input');
    if (info.type === 'bool') { input.type = 'checkbox'; wrap.classList.add('check'); }
    else if (info.type === 'int_list' || info.type === 'string') {
      input.type = 'text';
      if (info.type === 'int_list') { input.inputMode = 'numeric'; input.placeholder = 'none'; }
      if (info.type === 'int_list' && info.name.endsWith('model.hidden')) wrap.classList.add('wide');
    } else {
      input.type = 'number';
      input.step = info.type === 'int' ? '1' : 'any';
      if (Number.isFinite(info.min)) input.min = String(info.min);
      if (Number.isFinite(info.max) && info.max < 1e15) input.max = String(info.max);
      input.inputMode = info.type === 'int' ? 'numeric' : 'decimal';
    }
  }
  input.id = id;
  input.name = info.name;
  if (info.help) {
    const help = document.createElement('span');
    help.className = 'sr-only';
    help.id = `${id}-help`;
    help.textContent = rangeText(info);
    input.setAttribute('aria-describedby', help.id);
    input.title = rangeText(info);
    wrap.append(help);
  }
  input.addEventListener('change', () => {
    const r = parseValue(info, input);
    if (!r.ok) {
      input.setAttribute('aria-invalid', 'true');
      onInvalid(`${labelFor(info.name)} (${info.name}) ${r.message}.`);
      return;
    }
    input.removeAttribute('aria-invalid');
    onChange(info.name, r.value);
  });
  if (info.type === 'bool') wrap.prepend(input, label); else wrap.prepend(label, input);
  return wrap;
}

function rangeText(info) {
  let s = info.help || '';
  if ((info.type === 'number' || info.type === 'int') && Number.isFinite(info.min) && Number.isFinite(info.max)) {
    s += ` (${info.min} to ${info.max})`;
  }
  return s;
}

function setInputValue(input, info) {
  if (info.type === 'bool') input.checked = !!info.value;
  else {
    const t = toInputText(info.value);
    if (input.value !== t) input.value = t;
  }
  input.removeAttribute('aria-invalid');
}

const signature = (infos) => infos.map((f) => `${f.name}:${f.type}:${(f.choices || []).join('|')}`).join(',');

/**
 * Shows `infos` in `container`: builds the fields when the set of fields changed (a kind
 * changed), otherwise only refreshes the values. Focus stays on the same field.
 */
export function syncFields(container, infos, opts) {
  const sig = signature(infos);
  if (container.dataset.sig !== sig) {
    const focused = document.activeElement?.name;
    container.replaceChildren(...infos.map((f) => buildField(f, opts)));
    container.dataset.sig = sig;
    if (focused) container.querySelector(`[name="${CSS.escape(focused)}"]`)?.focus();
  }
  for (const f of infos) {
    const input = container.querySelector(`[name="${CSS.escape(f.name)}"]`);
    if (input) setInputValue(input, f);
  }
}
