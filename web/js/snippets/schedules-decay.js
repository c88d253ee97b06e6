// schedules-decay.js — the schedules that only lower (or ramp) the rate, each as {torch(r), keras(r)}.
// torch(r) returns the lines that build `scheduler`; keras(r) returns {lines, native} (a Keras
// LearningRateSchedule expression), {lines, fn} (the lines of a Python lr_at(step)) or a finished
// {lines, lrArg, callbacks, helpers}. schedules.js adds what every kind shares.
import { pyNum, pyBool } from './python.js';
import { restSteps } from './common.js';

export const LS = 'torch.optim.lr_scheduler';
export const KS = 'tf.keras.optimizers.schedules';

/** A LambdaLR whose factor function has the body `body`. */
export const lambdaLR = (body) => ['def lr_factor(step):', ...body, `scheduler = ${LS}.LambdaLR(optimizer, lr_factor)`];

const done = (lines, lrArg) => ({ lines, lrArg, callbacks: [], helpers: [] });

/** T_0 0: a quarter of the run after the warm-up, at least 1 step (the core's resolve_schedule). */
const QUARTER = "a quarter of the run's length";
const quarter = (r) => `max(${restSteps(r)} // 4, 1)`;

/** The lr_range ramp's step count and position i in [0, 1] as Python. */
function ramp(s) {
  const n = Math.max(2, s.num_iter);
  return { n, i: `min(step, ${pyNum(n)} - 1) / (${pyNum(n)} - 1)` };
}

export const DECAY_SCHEDULES = {
  constant: {
    steps: 'never',
    torch: () => ['# Schedule: constant (no scheduler).'],
    keras: (r) => {
      const floor = r.minLr > 0;
      const L = ['# Schedule: constant.'];
      if (floor && r.opt.lr < r.minLr) L.push(`# The run's floor min_lr=${pyNum(r.minLr)} is above the rate: lrplay trains at min_lr.`);
      return done(L, floor ? pyNum(Math.max(r.opt.lr, r.minLr)) : pyNum(r.opt.lr));
    },
  },
  step: {
    torch: ({ sched: s }) => [`scheduler = ${LS}.StepLR(optimizer, step_size=${pyNum(s.step_size)}, gamma=${pyNum(s.gamma)})`],
    keras: ({ sched: s, opt }) => ({
      lines: ['# torch StepLR: lr * gamma ** (step // step_size).'],
      native: `${KS}.ExponentialDecay(${pyNum(opt.lr)}, decay_steps=${pyNum(s.step_size)}, decay_rate=${pyNum(s.gamma)}, staircase=True)`,
    }),
  },
  multistep: {
    torch: ({ sched: s }) => [`scheduler = ${LS}.MultiStepLR(optimizer, milestones=[${s.milestones.map(pyNum).join(', ')}], gamma=${pyNum(s.gamma)})`],
    keras: ({ sched: s, opt, minLr }) => {
      const lr = pyNum(opt.lr);
      // Repeated milestones multiply by gamma once per repeat (as torch's MultiStepLR).
      const b = [], k = [];
      let count = 0;
      for (let i = 0; i < s.milestones.length; i++) {
        count++;
        if (i + 1 === s.milestones.length || s.milestones[i + 1] !== s.milestones[i]) { b.push(s.milestones[i]); k.push(count); }
      }
      if (!b.length) return done(['# torch MultiStepLR with no milestones: a constant rate (the run\'s floor under it).'], pyNum(Math.max(opt.lr, minLr)));
      return {
        lines: ['# torch MultiStepLR: the rate is multiplied by gamma at each milestone step. PiecewiseConstantDecay keeps',
          '# values[i] while step <= boundaries[i], so the boundaries are the milestones minus one.'],
        native: `${KS}.PiecewiseConstantDecay(boundaries=[${b.map((m) => pyNum(m - 1)).join(', ')}],\n`
          + `    values=[${[0, ...k].map((e) => `${lr} * ${pyNum(s.gamma)} ** ${pyNum(e)}`).join(', ')}])`,
      };
    },
  },
  exponential: {
    torch: ({ sched: s }) => [`scheduler = ${LS}.ExponentialLR(optimizer, gamma=${pyNum(s.gamma)})`],
    keras: ({ sched: s, opt }) => ({
      lines: ['# torch ExponentialLR: lr * gamma ** step.'],
      native: `${KS}.ExponentialDecay(${pyNum(opt.lr)}, decay_steps=1, decay_rate=${pyNum(s.gamma)}, staircase=True)`,
    }),
  },
  cosine: {
    torch: (r) => {
      const s = r.sched;
      return [`scheduler = ${LS}.CosineAnnealingLR(optimizer, T_max=${s.T_max > 0 ? pyNum(s.T_max) : restSteps(r)}, eta_min=${pyNum(s.eta_min)})${s.T_max > 0 ? '' : `  # T_max 0 in lrplay: the run's length${s.warmup > 0 ? ' after the warm-up' : ''}`}`];
    },
    keras: (r) => {
      const { sched: s, opt } = r;
      const lr = pyNum(opt.lr);
      const L = ['# torch CosineAnnealingLR: eta_min + (lr - eta_min) * (1 + cos(pi * step / T_max)) / 2. Keras CosineDecay',
        '# holds its floor after decay_steps where torch rises again; lrplay follows torch (alpha = eta_min / lr).'];
      if (!(s.T_max > 0)) L.push(`# T_max 0 in lrplay: the run's length${s.warmup > 0 ? ' after the warm-up' : ''}.`);
      return { lines: L, native: `${KS}.CosineDecay(${lr}, decay_steps=${s.T_max > 0 ? pyNum(s.T_max) : restSteps(r)}, alpha=${pyNum(s.eta_min)} / ${lr})` };
    },
  },
  cosine_warm_restarts: {
    torch: (r) => {
      const s = r.sched;
      return [`scheduler = ${LS}.CosineAnnealingWarmRestarts(optimizer, T_0=${s.T_0 > 0 ? pyNum(s.T_0) : quarter(r)}, T_mult=${pyNum(s.T_mult)}, eta_min=${pyNum(s.eta_min)})${s.T_0 > 0 ? '' : `  # T_0 0 in lrplay: ${QUARTER}${s.warmup > 0 ? ' after the warm-up' : ''}`}`];
    },
    keras: (r) => {
      const { sched: s, opt } = r;
      const lr = pyNum(opt.lr);
      const L = ['# torch CosineAnnealingWarmRestarts (T_0, T_mult, eta_min) is Keras CosineDecayRestarts with',
        '# first_decay_steps=T_0, t_mul=T_mult, m_mul=1 and alpha = eta_min / lr.'];
      if (!(s.T_0 > 0)) L.push(`# T_0 0 in lrplay: ${QUARTER}${s.warmup > 0 ? ' after the warm-up' : ''}.`);
      return {
        lines: L,
        native: `${KS}.CosineDecayRestarts(${lr}, first_decay_steps=${s.T_0 > 0 ? pyNum(s.T_0) : quarter(r)}, t_mul=${pyNum(s.T_mult)},\n`
          + `    m_mul=1.0, alpha=${pyNum(s.eta_min)} / ${lr})`,
      };
    },
  },
  linear: {
    torch: ({ sched: s }) => [`scheduler = ${LS}.LinearLR(optimizer, start_factor=${pyNum(s.start_factor)}, end_factor=${pyNum(s.end_factor)}, total_iters=${pyNum(s.total_iters)})`],
    keras: ({ sched: s, opt }) => {
      const lr = pyNum(opt.lr);
      const L = ['# torch LinearLR: lr * (start_factor + (end_factor - start_factor) * min(step, total_iters) / total_iters),',
        '# which is PolynomialDecay with power=1.'];
      if (!(s.total_iters > 0)) return done([...L, '# total_iters=0: torch stays at start_factor.'], `${lr} * ${pyNum(s.start_factor)}`);
      return {
        lines: L,
        native: `${KS}.PolynomialDecay(${lr} * ${pyNum(s.start_factor)}, decay_steps=${pyNum(s.total_iters)},\n`
          + `    end_learning_rate=${lr} * ${pyNum(s.end_factor)}, power=1.0)`,
      };
    },
  },
  inverse_time: {
    torch: ({ sched: s }) => [
      '# inverse_time (Keras InverseTimeDecay): lr / (1 + decay_rate * t / decay_steps), t / decay_steps floored',
      '# when staircase. PyTorch has no such class: a LambdaLR gives the factor.',
      ...lambdaLR([`    t = step ${s.staircase ? '//' : '/'} ${pyNum(s.decay_steps)}  # decay_steps${s.staircase ? ', staircase' : ''}`,
        `    return 1 / (1 + ${pyNum(s.decay_rate)} * t)  # decay_rate`]),
    ],
    keras: ({ sched: s, opt }) => ({
      lines: ['# Keras InverseTimeDecay: lr / (1 + decay_rate * step / decay_steps), floored step / decay_steps when staircase.'],
      native: `${KS}.InverseTimeDecay(${pyNum(opt.lr)}, decay_steps=${pyNum(s.decay_steps)}, decay_rate=${pyNum(s.decay_rate)}, staircase=${pyBool(s.staircase)})`,
    }),
  },
  lr_range: {
    torch: ({ sched: s, opt }) => {
      const lr = pyNum(opt.lr);
      const { i } = ramp(s);
      return [
        '# lr_range: lrplay\'s range-test ramp (not a training schedule) as a LambdaLR factor of the run\'s rate.',
        ...lambdaLR(s.step_mode === 'linear'
          ? [`    return 1 + ${i} * (${pyNum(s.end_lr)} / ${lr} - 1)  # step_mode='linear', end_lr`]
          : [`    return (${pyNum(s.end_lr)} / ${lr}) ** (${i})  # step_mode='exp', end_lr`]),
      ];
    },
    keras: ({ sched: s, opt }) => {
      const lr = pyNum(opt.lr);
      const { n } = ramp(s);
      return {
        lines: [],
        fn: [
          'def lr_at(step):',
          '    """lrplay\'s range-test ramp from the run\'s rate to end_lr over num_iter steps, then held."""',
          `    i = min(step, ${pyNum(n)} - 1) / (${pyNum(n)} - 1)  # num_iter`,
          s.step_mode === 'linear' ? `    return ${lr} + i * (${pyNum(s.end_lr)} - ${lr})  # step_mode='linear', end_lr`
            : `    return ${lr} * (${pyNum(s.end_lr)} / ${lr}) ** i  # step_mode='exp', end_lr`,
        ],
      };
    },
  },
};
