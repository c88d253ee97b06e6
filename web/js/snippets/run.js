// run.js — describeRun: everything the snippets need from a config, checked, with defaults filled in.
import { isObj, own, num, int, bool, choice } from './python.js';
import { OPTIMIZERS } from './optimizers.js';
import { SCHEDULES } from './schedules.js';

/* ---------------------------------------------------------------- schema */
const DATA = {
  spiral: { nIn: 2, classes: null, task: 'class' },
  circles: { nIn: 2, classes: 2, task: 'class' },
  xor: { nIn: 2, classes: 2, task: 'class' },
  gauss: { nIn: 2, classes: null, task: 'class' },
  moons: { nIn: 2, classes: 2, task: 'class' },
  sine: { nIn: 1, classes: null, task: 'reg' },
  digits: { nIn: 64, classes: 10, task: 'class' },
};
export const ACTS = {
  relu: { torch: 'nn.ReLU()', keras: 'relu' },
  tanh: { torch: 'nn.Tanh()', keras: 'tanh' },
  sigmoid: { torch: 'nn.Sigmoid()', keras: 'sigmoid' },
  gelu: { torch: 'nn.GELU()', keras: 'gelu' },
};
const OPTIMS = Object.keys(OPTIMIZERS);
const SCHEDS = Object.keys(SCHEDULES);

function optimDefaults(kind) {
  return {
    name: kind, lr: kind === 'sgd' ? 1e-2 : 1e-3, beta1: 0.9, beta2: 0.999,
    eps: kind === 'keras_adam' ? 1e-7 : 1e-8, weight_decay: kind === 'adamw' ? 1e-2 : 0,
    amsgrad: false, momentum: 0, dampening: 0, nesterov: false, decay: 0,
  };
}

// PyTorch's defaults (Keras' for the keras flavor); only a fallback, canonical configs carry them.
const SCHED_DEFAULTS = {
  interval: 'epoch', flavor: 'torch', mode: 'min', factor: 0.1, patience: 10, threshold: 1e-4,
  threshold_mode: 'rel', cooldown: 0, min_lr: 0, eps: 1e-8, min_delta: 1e-4,
  step_size: 10, gamma: 0.1, milestones: [], T_max: 0, eta_min: 0, T_0: 0, T_mult: 1,
  start_factor: 1 / 3, end_factor: 1, total_iters: 5,
  max_lr: 0, total_steps: 0, pct_start: 0.3, anneal_strategy: 'cos', div_factor: 25,
  final_div_factor: 1e4, three_phase: false,
  base_lr: 0, step_size_up: 2000, step_size_down: 0,
  decay_rate: 0, decay_steps: 1, staircase: false,
  end_lr: 10, num_iter: 100, step_mode: 'exp',
};

/* ------------------------------------------------------- the run, read */
/** Everything the snippets need from a config, checked and with defaults filled in. */
export function describeRun(config, runIndex = 0) {
  const c = isObj(config) ? config : {};
  const data = own(c, 'data') ?? {};
  const dname = choice(own(data, 'name'), Object.keys(DATA), 'spiral');
  const dinfo = DATA[dname];
  const classes = dinfo.classes ?? Math.min(10, Math.max(2, int(own(data, 'classes'), 3)));
  const model = own(c, 'model') ?? {};
  const hiddenRaw = Array.isArray(own(model, 'hidden')) ? own(model, 'hidden') : [32, 32];
  const hidden = hiddenRaw.map((h) => int(h, 0)).filter((h) => h >= 1).slice(0, 6);

  const runs = Array.isArray(own(c, 'runs')) ? own(c, 'runs') : [];
  let run = null;
  let index = null;
  if (runs.length) {
    index = runIndex == null ? 0 : runIndex;
    if (!Number.isInteger(index) || index < 0 || index >= runs.length) {
      throw new RangeError(`run ${runIndex}: the config has runs 0 to ${runs.length - 1}`);
    }
    run = isObj(runs[index]) ? runs[index] : {};
  }
  const topOpt = own(c, 'optimizer') ?? {};
  const optSrc = run ? (own(run, 'optimizer') ?? topOpt) : topOpt;
  const okind = choice(own(optSrc, 'name'), OPTIMS, 'adam');
  const od = optimDefaults(okind);
  const opt = { name: okind };
  for (const k of ['lr', 'beta1', 'beta2', 'eps', 'weight_decay', 'momentum', 'dampening', 'decay']) opt[k] = num(own(optSrc, k), od[k]);
  for (const k of ['amsgrad', 'nesterov']) opt[k] = bool(own(optSrc, k), od[k]);

  const sSrc = run ? (own(run, 'schedule') ?? {}) : {};
  const skind = choice(own(sSrc, 'name'), SCHEDS, 'constant');
  const d = SCHED_DEFAULTS;
  const sched = { name: skind };
  for (const k of ['factor', 'threshold', 'min_lr', 'eps', 'min_delta', 'gamma', 'eta_min', 'start_factor',
    'end_factor', 'max_lr', 'pct_start', 'div_factor', 'final_div_factor', 'base_lr', 'decay_rate', 'end_lr']) {
    sched[k] = num(own(sSrc, k), d[k]);
  }
  for (const k of ['patience', 'cooldown', 'step_size', 'T_max', 'T_0', 'T_mult', 'total_iters', 'total_steps',
    'step_size_up', 'step_size_down', 'decay_steps', 'num_iter']) {
    sched[k] = int(own(sSrc, k), d[k]);
  }
  sched.three_phase = bool(own(sSrc, 'three_phase'), d.three_phase);
  sched.staircase = bool(own(sSrc, 'staircase'), d.staircase);
  sched.flavor = choice(own(sSrc, 'flavor'), ['torch', 'keras'], d.flavor);
  sched.interval = skind === 'reduce_on_plateau' ? 'epoch' : choice(own(sSrc, 'interval'), ['epoch', 'batch'], d.interval);
  sched.threshold_mode = choice(own(sSrc, 'threshold_mode'), ['rel', 'abs'], d.threshold_mode);
  sched.anneal_strategy = choice(own(sSrc, 'anneal_strategy'), ['cos', 'linear'], d.anneal_strategy);
  sched.step_mode = choice(own(sSrc, 'step_mode'), ['exp', 'linear'], d.step_mode);
  sched.mode = skind === 'cyclic'
    ? choice(own(sSrc, 'mode'), ['triangular', 'triangular2', 'exp_range'], 'triangular')
    : choice(own(sSrc, 'mode'), ['min', 'max'], d.mode);
  const ms = Array.isArray(own(sSrc, 'milestones')) ? own(sSrc, 'milestones') : [];
  sched.milestones = ms.map((m) => int(m, 0)).filter((m) => m >= 1).sort((a, b) => a - b).slice(0, 16);

  return {
    index, nRuns: runs.length,
    label: run && typeof own(run, 'label') === 'string' ? own(run, 'label') : null,
    minLr: run ? Math.max(0, num(own(run, 'min_lr'), 0)) : 0,
    seed: int(own(c, 'seed'), 1),
    epochs: Math.max(1, int(own(c, 'epochs'), 40)),
    batchSize: Math.max(1, int(own(c, 'batch_size'), 32)),
    data: {
      name: dname, nIn: dinfo.nIn, task: dinfo.task, nOut: dinfo.task === 'reg' ? 1 : classes,
      samples: dname === 'digits' ? 1797 : Math.max(10, int(own(data, 'samples'), 600)),
      noise: num(own(data, 'noise'), 0.2), valFrac: num(own(data, 'val_frac'), 0.2), classes,
    },
    hidden: hidden.length ? hidden : [32],
    act: choice(own(model, 'activation'), Object.keys(ACTS), 'tanh'),
    opt, sched,
  };
}

