// The configs snippets-torch.test.mjs runs: each a small experiment with up to 8 runs, all of which
// lrplay trains without diverging. `feed: true` gives every run's snippet lrplay's validation
// metrics (the rates depend on them); runs with early stopping always get them. A run's `expect`
// is what the test checks lrplay's run really exercises: {stop: true} an early stop, {cuts: n}
// more than n distinct rates (the test takes `expect` out before the config goes to lrplay).

const ADAM = { name: 'adam', lr: 0.01 };
const SGD = { name: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 5e-4 };
const NESTEROV = { name: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0, nesterov: true };
const ADAMW = { name: 'adamw', lr: 0.01, weight_decay: 0.05, amsgrad: true };
const KERAS = { name: 'keras_adam', lr: 0.01, decay: 0.02 };

// spiral, 135 samples, val_frac 0.05: lrplay holds out 7 rows (6.75 rounded half up), leaving 128
// training rows, 4 batches of 32; int(135 * 0.05) = 6 would leave 129, 5 batches.
const base = (over = {}) => ({
  version: 1, seed: 7,
  data: { name: 'spiral', samples: 135, val_frac: 0.05, noise: 0.2, classes: 3 },
  model: { hidden: [8], activation: 'tanh' },
  batch_size: 32, epochs: 16,
  ...over,
});

const r = (label, optimizer, schedule = { name: 'constant' }, extra = {}) => ({ label, optimizer, schedule, ...extra });

/** The kinds that step by a count, at one interval. */
function counted(interval) {
  const s = (name, f = {}) => ({ name, interval, ...f });
  const long = interval === 'batch';   // 64 batches or 16 epochs
  return [
    r('step', ADAM, s('step', { step_size: long ? 12 : 3, gamma: 0.5 })),
    r('multistep', SGD, s('multistep', { milestones: long ? [10, 30, 31] : [2, 7, 8], gamma: 0.3 })),
    r('exponential', NESTEROV, s('exponential', { gamma: long ? 0.97 : 0.8 })),
    r('cosine T_max 0', ADAMW, s('cosine', { T_max: 0, eta_min: 1e-4 })),
    r('cosine_warm_restarts T_0 0', ADAM, s('cosine_warm_restarts', { T_0: 0, T_mult: 2, eta_min: 1e-5 })),
    r('linear', ADAM, s('linear', { start_factor: 0.25, end_factor: 0.75, total_iters: long ? 20 : 5 })),
    r('linear total_iters 0', SGD, s('linear', { start_factor: 0.5, total_iters: 0 })),
    r('inverse_time', ADAM, s('inverse_time', { decay_rate: 0.5, decay_steps: long ? 8 : 2, staircase: !long })),
  ];
}

function cycles(interval) {
  const s = (name, f = {}) => ({ name, interval, ...f });
  const long = interval === 'batch';
  return [
    r('onecycle total_steps 0', ADAM, s('onecycle', { max_lr: 0.05, total_steps: 0 })),
    r('onecycle 3-phase linear', SGD, s('onecycle', { total_steps: long ? 80 : 20, three_phase: true, anneal_strategy: 'linear', pct_start: 0.25 })),
    r('cyclic triangular2', ADAM, s('cyclic', { base_lr: 1e-3, max_lr: 0.02, step_size_up: long ? 6 : 2, mode: 'triangular2' })),
    r('cyclic exp_range', SGD, s('cyclic', { base_lr: 0, max_lr: 0.08, step_size_up: long ? 5 : 2, step_size_down: long ? 9 : 3, mode: 'exp_range', gamma: 0.99 })),
    r('cosine T_max 5 (periodic)', ADAM, s('cosine', { T_max: long ? 20 : 5 })),
    r('cosine_warm_restarts T_mult 1', SGD, s('cosine_warm_restarts', { T_0: long ? 9 : 3, T_mult: 1, eta_min: 1e-3 })),
  ];
}

function warmups(interval) {
  const s = (name, f = {}) => ({ name, interval, warmup: interval === 'batch' ? 10 : 3, ...f });
  return [
    r('warm-up, step', ADAM, s('step', { step_size: interval === 'batch' ? 8 : 2, gamma: 0.5 })),
    r('warm-up, multistep', SGD, s('multistep', { milestones: [2, 5], gamma: 0.2, warmup_start_factor: 0.1 })),
    r('warm-up, exponential', ADAMW, s('exponential', { gamma: 0.9, warmup_start_factor: 0.5 })),
    r('warm-up, cosine T_max 0', ADAM, s('cosine', { T_max: 0, eta_min: 1e-4, warmup_start_factor: 1e-3 })),
    r('warm-up, cosine_warm_restarts T_0 0', NESTEROV, s('cosine_warm_restarts', { T_0: 0, T_mult: 2 })),
    r('warm-up, keras_adam + floor', KERAS, s('cosine', { T_max: 0 }), { min_lr: 0.004 }),
  ];
}

const PLATEAU_TORCH = { name: 'reduce_on_plateau', flavor: 'torch', factor: 0.5, patience: 0, threshold: 0.05, cooldown: 0 };
const PLATEAU_KERAS = { name: 'reduce_on_plateau', flavor: 'keras', factor: 0.3, patience: 1, min_delta: 0.02, cooldown: 0 };

export const TABLE = [
  {
    name: 'optimizers, constant and floors',
    config: base({
      runs: [
        r('adam', { name: 'adam', lr: 0.003, beta1: 0.8, beta2: 0.99, eps: 1e-6 }),
        r('adamw amsgrad', ADAMW),
        r('sgd momentum dampening', SGD),
        r('sgd nesterov', NESTEROV),
        r('keras_adam decay', KERAS),
        r('keras_adam decay, per-batch exponential', KERAS, { name: 'exponential', interval: 'batch', gamma: 0.99 }),
        r('keras_adam decay + floor', KERAS, { name: 'constant' }, { min_lr: 0.009 }),
        r('floor under exponential', ADAM, { name: 'exponential', gamma: 0.7 }, { min_lr: 5e-4 }),
      ],
    }),
  },
  { name: 'counted schedules per epoch', config: base({ runs: counted('epoch') }) },
  { name: 'counted schedules per batch', config: base({ runs: counted('batch') }) },
  { name: 'cycles per epoch', config: base({ runs: cycles('epoch') }) },
  { name: 'cycles per batch', config: base({ runs: cycles('batch') }) },
  { name: 'warm-up per epoch', config: base({ runs: warmups('epoch') }) },
  { name: 'warm-up per batch', config: base({ runs: warmups('batch') }) },
  {
    name: 'plateau, both flavors (fed lrplay\'s val_loss)',
    feed: true,
    config: base({
      epochs: 24,
      runs: [
        r('torch rel', ADAM, PLATEAU_TORCH, { expect: { cuts: 2 } }),
        r('torch abs, cooldown 2', SGD, { ...PLATEAU_TORCH, threshold_mode: 'abs', threshold: 0.01, cooldown: 2 }, { expect: { cuts: 1 } }),
        r('torch, floor folded in', ADAM, PLATEAU_TORCH, { min_lr: 0.002, expect: { cuts: 1 } }),
        r('torch, eps skips small cuts', ADAM, { ...PLATEAU_TORCH, factor: 0.9, eps: 5e-4 }, { expect: { cuts: 1 } }),
        r('keras', ADAM, PLATEAU_KERAS, { expect: { cuts: 1 } }),
        r('keras cooldown 1, floor', SGD, { ...PLATEAU_KERAS, cooldown: 1, min_lr: 1e-3 }, { min_lr: 0.004, expect: { cuts: 1 } }),
        r('keras, keras_adam decay', KERAS, { ...PLATEAU_KERAS, patience: 0 }, { expect: { cuts: 1 } }),
        r('torch, rate under the floor', { name: 'adam', lr: 1e-3 }, PLATEAU_TORCH, { min_lr: 0.002 }),
      ],
    }),
  },
  {
    name: 'early stopping (fed lrplay\'s val_loss and val_acc)',
    config: base({
      epochs: 30,
      runs: [
        r('val_loss, min_delta', ADAM, undefined, { early_stopping: { monitor: 'val_loss', min_delta: 0.01, patience: 2 }, expect: { stop: true } }),
        r('val_loss, restore', SGD, { name: 'cosine', T_max: 0 }, { early_stopping: { monitor: 'val_loss', min_delta: 0.005, patience: 1, restore_best_weights: true }, expect: { stop: true } }),
        r('val_acc, baseline, start_from_epoch', ADAM, undefined, { early_stopping: { monitor: 'val_acc', patience: 1, baseline: 0.9, start_from_epoch: 3 }, expect: { stop: true } }),
        r('mode max on val_loss', ADAM, { name: 'step', step_size: 4, gamma: 0.5 }, { early_stopping: { monitor: 'val_loss', mode: 'max', patience: 3 }, expect: { stop: true } }),
        r('plateau + early stopping', ADAM, PLATEAU_TORCH, { early_stopping: { monitor: 'val_loss', min_delta: 0.002, patience: 4 }, expect: { stop: true } }),
        r('warm-up + early stopping, per batch', KERAS, { name: 'exponential', interval: 'batch', gamma: 0.98, warmup: 6 }, { early_stopping: { monitor: 'val_acc', patience: 2, restore_best_weights: true }, expect: { stop: true } }),
        r('never stops (patience 100)', ADAM, undefined, { early_stopping: { monitor: 'val_loss', patience: 100 } }),
      ],
    }),
  },
  {
    name: 'digits (scikit-learn\'s load_digits)',
    config: base({
      data: { name: 'digits', val_frac: 0.25 }, model: { hidden: [16], activation: 'relu' }, batch_size: 128, epochs: 6,
      runs: [
        r('onecycle per batch', ADAM, { name: 'onecycle', max_lr: 0.01 }),
        r('cosine warm restarts per batch', SGD, { name: 'cosine_warm_restarts', interval: 'batch', T_0: 0 }),
      ],
    }),
  },
  {
    name: 'sine regression, batch larger than the data',
    config: base({
      data: { name: 'sine', samples: 90, val_frac: 0.15, noise: 0.1 }, model: { hidden: [8], activation: 'gelu' }, batch_size: 500, epochs: 12,
      runs: [
        r('cyclic per batch', SGD, { name: 'cyclic', interval: 'batch', base_lr: 1e-3, max_lr: 0.03, step_size_up: 3 }),
        r('cosine per batch, T_max 0', ADAM, { name: 'cosine', interval: 'batch', T_max: 0 }),
      ],
    }),
  },
];
