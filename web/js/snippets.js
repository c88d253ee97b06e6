// snippets.js — "Copy as PyTorch" and "Copy as Keras": one run of an experiment as Python source
// that sets up the same model, optimizer and schedule. Pure JavaScript, no DOM.
//
//   toPyTorch(config, runIndex) -> string     toKeras(config, runIndex) -> string
//
// `config` is the canonical config object (core.defaultConfig() / core.readConfig(...)); fields
// it lacks take lrplay's defaults. runIndex picks config.runs[runIndex] (default 0); a config
// without runs gives the top-level optimizer with a constant rate.
//
// Safety: nothing from the config reaches the Python text except numbers (String(x), so full
// precision), booleans, names checked against fixed lists, and the run label, which is written
// only as an escaped Python string literal (never in a comment). The data itself is not exported:
// the snippets make stand-in data of the same shape, to be replaced by the user's own.

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
const ACTS = {
  relu: { torch: 'nn.ReLU()', keras: 'relu' },
  tanh: { torch: 'nn.Tanh()', keras: 'tanh' },
  sigmoid: { torch: 'nn.Sigmoid()', keras: 'sigmoid' },
  gelu: { torch: 'nn.GELU()', keras: 'gelu' },
};
const OPTIMS = ['adam', 'adamw', 'sgd', 'keras_adam'];
const SCHEDS = ['constant', 'reduce_on_plateau', 'step', 'multistep', 'exponential', 'cosine',
  'cosine_warm_restarts', 'linear', 'onecycle', 'cyclic', 'inverse_time', 'lr_range'];

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

/* ------------------------------------------------------- Python literals */
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o, k) => (isObj(o) && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** A number as a Python literal: full precision; non-finite values as float('...'). */
export function pyNum(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return "float('nan')";
  if (x === Infinity) return "float('inf')";
  if (x === -Infinity) return "float('-inf')";
  return String(x);
}

/** A string as a Python literal: single-quoted, only printable ASCII left as is. */
export function pyStr(s) {
  let out = "'";
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xff) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

const pyBool = (b) => (b ? 'True' : 'False');

function num(v, dflt) { return typeof v === 'number' && Number.isFinite(v) ? v : dflt; }
function int(v, dflt) { return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : dflt; }
function bool(v, dflt) { return v === true || v === 1 ? true : v === false || v === 0 ? false : dflt; }
function choice(v, list, dflt) { return typeof v === 'string' && list.includes(v) ? v : dflt; }

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

/* --------------------------------------------------------------- helpers */
function header(r, framework) {
  const L = [];
  const which = r.index == null ? 'the top-level optimizer at a constant rate (the config has no runs)'
    : `run ${r.index} of ${r.nRuns} (runs are numbered from 0)`;
  L.push(`# lrplay experiment as ${framework}: ${which}.`);
  L.push('# Generated by lrplay (a learning-rate playground). Check the comments where the two libraries differ.');
  if (r.label !== null) L.push(`RUN_LABEL = ${pyStr(r.label)}`);
  return L;
}

function dataComment(r) {
  const d = r.data;
  const what = d.name === 'digits' ? '1797 8x8 digit images, 64 inputs, 10 classes'
    : d.task === 'reg' ? `${d.samples} points, noise ${pyNum(d.noise)}, regression of one target`
      : `${d.samples} points, noise ${pyNum(d.noise)}, ${d.nOut} classes`;
  return [
    `# Data: lrplay's "${d.name}" set (${what}; ${pyNum(d.valFrac)} held out for validation).`,
    '# lrplay draws it with its own seeded generator: replace the stand-in data below with yours',
    '# (inputs standardized, as lrplay does).',
  ];
}

/** The run's length in scheduler steps, as a Python expression. */
const runSteps = (r) => (r.sched.interval === 'batch' ? 'EPOCHS * STEPS_PER_EPOCH' : 'EPOCHS');
const unitWord = (r) => (r.sched.interval === 'batch' ? 'batch' : 'epoch');

/** Plateau parameters converted between flavors (see the comments the callers write). */
function plateauParams(s, target, minLrFloor) {
  const fromKeras = s.flavor === 'keras';
  const minLr = Math.max(s.min_lr, minLrFloor);
  if (target === 'torch') {
    if (!fromKeras) {
      return { mode: s.mode, factor: s.factor, patience: s.patience, threshold: s.threshold,
        threshold_mode: s.threshold_mode, cooldown: s.cooldown, min_lr: minLr, eps: s.eps, converted: false };
    }
    return { mode: s.mode, factor: s.factor, patience: Math.max(s.patience - 1, 0), threshold: s.min_delta,
      threshold_mode: 'abs', cooldown: Math.max(s.cooldown - 1, 0), min_lr: minLr, eps: 0, converted: true };
  }
  if (fromKeras) {
    return { mode: s.mode, factor: s.factor, patience: s.patience, min_delta: s.min_delta, cooldown: s.cooldown,
      min_lr: minLr, converted: false };
  }
  return { mode: s.mode, factor: s.factor, patience: s.patience + 1,
    min_delta: s.threshold_mode === 'abs' ? s.threshold : 0,
    cooldown: s.cooldown > 0 ? s.cooldown + 1 : 0, min_lr: minLr, converted: true };
}

/** Python source of lr_at(step) for the schedules both libraries lack as objects (literals inline). */
function lrAtFunction(r, lrExpr) {
  const s = r.sched;
  const L = [];
  if (s.name === 'onecycle') {
    const maxLr = s.max_lr > 0 ? pyNum(s.max_lr) : lrExpr;
    const total = s.total_steps > 0 ? pyNum(s.total_steps) : runSteps(r);
    L.push('def lr_at(step):');
    L.push('    """torch.optim.lr_scheduler.OneCycleLR (without momentum cycling) at a given step."""');
    L.push(`    max_lr = ${maxLr}${s.max_lr > 0 ? '' : '  # 0 in lrplay: the run\'s rate'}`);
    L.push(`    total_steps = ${total}${s.total_steps > 0 ? '' : '  # 0 in lrplay: the run\'s length'}`);
    L.push(`    pct_start = ${pyNum(s.pct_start)}`);
    L.push(`    initial = max_lr / ${pyNum(s.div_factor)}  # div_factor`);
    L.push(`    low = initial / ${pyNum(s.final_div_factor)}  # final_div_factor`);
    if (s.three_phase) {
      L.push('    phases = [(float(pct_start * total_steps) - 1, initial, max_lr),');
      L.push('              (float(2 * pct_start * total_steps) - 2, max_lr, initial),');
      L.push('              (total_steps - 1, initial, low)]  # three_phase=True');
    } else {
      L.push('    phases = [(float(pct_start * total_steps) - 1, initial, max_lr),');
      L.push('              (total_steps - 1, max_lr, low)]');
    }
    L.push('    start = 0');
    L.push('    for i, (end, a, b) in enumerate(phases):');
    L.push('        if step <= end or i == len(phases) - 1:');
    L.push('            pct = (step - start) / (end - start)');
    if (s.anneal_strategy === 'linear') L.push('            return (b - a) * pct + a  # anneal_strategy=\'linear\'');
    else L.push('            return b + (a - b) / 2.0 * (math.cos(math.pi * pct) + 1)  # anneal_strategy=\'cos\'');
    L.push('        start = end');
  } else if (s.name === 'cyclic') {
    const up = Math.max(1, s.step_size_up);
    const down = s.step_size_down > 0 ? s.step_size_down : up;
    L.push('def lr_at(step):');
    L.push(`    """torch.optim.lr_scheduler.CyclicLR (mode='${s.mode}', without momentum cycling) at a given step."""`);
    L.push(`    base_lr = ${s.base_lr > 0 ? pyNum(s.base_lr) : `${lrExpr}  # 0 in lrplay: the run's rate`}`);
    L.push(`    max_lr = ${s.max_lr > 0 ? pyNum(s.max_lr) : `${lrExpr}  # 0 in lrplay: the run's rate`}`);
    L.push(`    total = ${pyNum(up)} + ${pyNum(down)}  # step_size_up + step_size_down${s.step_size_down > 0 ? '' : ' (0 in lrplay: as up)'}`);
    L.push(`    ratio = ${pyNum(up)} / total`);
    L.push('    cycle = math.floor(1 + step / total)');
    L.push('    x = 1.0 + step / total - cycle');
    L.push('    scale = x / ratio if x <= ratio else (x - 1) / (ratio - 1)');
    const f = s.mode === 'triangular' ? '1.0' : s.mode === 'triangular2' ? '1 / (2.0 ** (cycle - 1))' : `${pyNum(s.gamma)} ** step  # gamma`;
    L.push(`    return base_lr + (max_lr - base_lr) * scale * ${f}`);
  } else if (s.name === 'lr_range') {
    const n = Math.max(2, s.num_iter);
    L.push('def lr_at(step):');
    L.push('    """lrplay\'s range-test ramp from the run\'s rate to end_lr over num_iter steps, then held."""');
    L.push(`    i = min(step, ${pyNum(n)} - 1) / (${pyNum(n)} - 1)  # num_iter`);
    if (s.step_mode === 'linear') L.push(`    return ${lrExpr} + i * (${pyNum(s.end_lr)} - ${lrExpr})  # step_mode='linear', end_lr`);
    else L.push(`    return ${lrExpr} * (${pyNum(s.end_lr)} / ${lrExpr}) ** i  # step_mode='exp', end_lr`);
  } else {
    return null;
  }
  return L;
}

function intervalComment(r) {
  return r.sched.interval === 'batch'
    ? '# lrplay steps this schedule after every batch (interval=batch): its step counts are batches.'
    : '# lrplay steps this schedule after every epoch (interval=epoch): its step counts are epochs.';
}

/* ---------------------------------------------------------------- PyTorch */
function torchOptimizer(r) {
  const o = r.opt;
  const L = [];
  const betas = `betas=(${pyNum(o.beta1)}, ${pyNum(o.beta2)})`;
  if (o.name === 'adam' || o.name === 'adamw') {
    const cls = o.name === 'adam' ? 'Adam' : 'AdamW';
    if (o.name === 'adam') L.push('# Adam: weight_decay is L2 added to the gradient.');
    else L.push('# AdamW: decoupled weight decay (p *= 1 - lr * weight_decay before the update).');
    L.push(`optimizer = torch.optim.${cls}(model.parameters(), lr=${pyNum(o.lr)}, ${betas}, eps=${pyNum(o.eps)},`);
    L.push(`                             weight_decay=${pyNum(o.weight_decay)}, amsgrad=${pyBool(o.amsgrad)})`);
  } else if (o.name === 'sgd') {
    L.push('# SGD: weight_decay is L2 added to the gradient.');
    L.push(`optimizer = torch.optim.SGD(model.parameters(), lr=${pyNum(o.lr)}, momentum=${pyNum(o.momentum)},`);
    L.push(`                            dampening=${pyNum(o.dampening)}, weight_decay=${pyNum(o.weight_decay)}, nesterov=${pyBool(o.nesterov)})`);
  } else {
    L.push('# keras_adam: Keras 2.x Adam with its legacy `decay` (lr_t = lr / (1 + decay * iterations), iterations =');
    L.push('# updates already made), rebuilt as torch Adam plus that decay applied per batch (below).');
    L.push('# Keras adds its epsilon ("epsilon hat") to sqrt(v) before bias correction, torch adds eps to');
    L.push('# sqrt(v_hat) after it: Keras epsilon e matches torch eps = e / sqrt(1 - beta2**t), which is');
    L.push('# not a constant; the difference only matters while sqrt(v) is as small as eps.');
    L.push(`optimizer = torch.optim.Adam(model.parameters(), lr=${pyNum(o.lr)}, ${betas}, eps=${pyNum(o.eps)},`);
    L.push(`                             weight_decay=0, amsgrad=${pyBool(o.amsgrad)})`);
    L.push(`KERAS_DECAY = ${pyNum(o.decay)}`);
  }
  return L;
}

/** The scheduler construction and where it steps: {lines, stepBatch, stepEpoch, stepPlateau}. */
function torchScheduler(r) {
  const s = r.sched;
  const L = [];
  const LS = 'torch.optim.lr_scheduler';
  const lr = pyNum(r.opt.lr);
  let where = s.interval;
  const lambda = (bodyLines) => {
    L.push('def lr_factor(step):');
    L.push(...bodyLines);
    L.push(`scheduler = ${LS}.LambdaLR(optimizer, lr_factor)`);
  };
  switch (s.name) {
    case 'constant':
      L.push('# Schedule: constant (no scheduler).');
      return { lines: L, where: null };
    case 'reduce_on_plateau': {
      const p = plateauParams(s, 'torch', r.minLr);
      if (p.converted) {
        L.push('# Schedule: Keras-flavor ReduceLROnPlateau rebuilt with torch\'s ReduceLROnPlateau, stepped on the');
        L.push('# validation loss after every epoch. Conversions:');
        L.push(`# - Keras reduces when wait >= patience (${pyNum(s.patience)}); torch on the (patience+1)-th bad epoch,`);
        L.push(`#   so torch patience = ${pyNum(p.patience)}.`);
        L.push(`# - Keras decrements its cooldown before checking it (cooldown=1 has no effect): Keras cooldown ${pyNum(s.cooldown)}`);
        L.push(`#   is torch cooldown ${pyNum(p.cooldown)}.`);
        L.push(`# - Keras min_delta (${pyNum(s.min_delta)}) is an absolute improvement: threshold_mode='abs', threshold=min_delta.`);
        L.push('# - Keras reduces while lr > min_lr, however small the cut: eps=0 (torch skips cuts smaller than eps).');
        L.push('# Remaining difference: Keras keeps the rate as a float32 variable.');
      } else {
        L.push('# Schedule: torch ReduceLROnPlateau on the validation loss after every epoch. It reduces on the');
        L.push('# (patience+1)-th epoch without improvement; threshold_mode=\'rel\': better if loss < best * (1 - threshold)');
        L.push('# (mode=\'min\'), \'abs\': loss < best - threshold; cooldown epochs after a cut are ignored;');
        L.push('# a cut smaller than eps is skipped.');
      }
      if (r.minLr > 0) L.push(`# The run's floor (min_lr ${pyNum(r.minLr)}) is folded into the scheduler's min_lr.`);
      L.push(`scheduler = ${LS}.ReduceLROnPlateau(optimizer, mode=${pyStr(p.mode)}, factor=${pyNum(p.factor)}, patience=${pyNum(p.patience)},`);
      L.push(`    threshold=${pyNum(p.threshold)}, threshold_mode=${pyStr(p.threshold_mode)}, cooldown=${pyNum(p.cooldown)}, min_lr=${pyNum(p.min_lr)}, eps=${pyNum(p.eps)})`);
      return { lines: L, where: 'plateau' };
    }
    case 'step':
      L.push(`scheduler = ${LS}.StepLR(optimizer, step_size=${pyNum(s.step_size)}, gamma=${pyNum(s.gamma)})`);
      break;
    case 'multistep':
      L.push(`scheduler = ${LS}.MultiStepLR(optimizer, milestones=[${s.milestones.map(pyNum).join(', ')}], gamma=${pyNum(s.gamma)})`);
      break;
    case 'exponential':
      L.push(`scheduler = ${LS}.ExponentialLR(optimizer, gamma=${pyNum(s.gamma)})`);
      break;
    case 'cosine':
      L.push(`scheduler = ${LS}.CosineAnnealingLR(optimizer, T_max=${s.T_max > 0 ? pyNum(s.T_max) : runSteps(r)}, eta_min=${pyNum(s.eta_min)})${s.T_max > 0 ? '' : "  # T_max 0 in lrplay: the run's length"}`);
      break;
    case 'cosine_warm_restarts':
      L.push(`scheduler = ${LS}.CosineAnnealingWarmRestarts(optimizer, T_0=${s.T_0 > 0 ? pyNum(s.T_0) : `max(1, ${runSteps(r)} // 4)`}, T_mult=${pyNum(s.T_mult)}, eta_min=${pyNum(s.eta_min)})${s.T_0 > 0 ? '' : "  # T_0 0 in lrplay: the run's length / 4"}`);
      break;
    case 'linear':
      L.push(`scheduler = ${LS}.LinearLR(optimizer, start_factor=${pyNum(s.start_factor)}, end_factor=${pyNum(s.end_factor)}, total_iters=${pyNum(s.total_iters)})`);
      break;
    case 'onecycle':
      L.push('# OneCycleLR ignores the optimizer\'s lr: it starts at max_lr / div_factor. No momentum cycling, as lrplay.');
      L.push(`scheduler = ${LS}.OneCycleLR(optimizer, max_lr=${s.max_lr > 0 ? pyNum(s.max_lr) : lr}, total_steps=${s.total_steps > 0 ? pyNum(s.total_steps) : runSteps(r)},`);
      L.push(`    pct_start=${pyNum(s.pct_start)}, anneal_strategy=${pyStr(s.anneal_strategy)}, div_factor=${pyNum(s.div_factor)},`);
      L.push(`    final_div_factor=${pyNum(s.final_div_factor)}, three_phase=${pyBool(s.three_phase)}, cycle_momentum=False)`);
      if (!(s.max_lr > 0) || !(s.total_steps > 0)) L.push("# (max_lr 0 in lrplay: the run's rate; total_steps 0: the run's length)");
      break;
    case 'cyclic':
      L.push('# CyclicLR sets the rate to its own base_lr at once. No momentum cycling, as lrplay.');
      L.push(`scheduler = ${LS}.CyclicLR(optimizer, base_lr=${s.base_lr > 0 ? pyNum(s.base_lr) : lr}, max_lr=${s.max_lr > 0 ? pyNum(s.max_lr) : lr},`);
      L.push(`    step_size_up=${pyNum(Math.max(1, s.step_size_up))}, step_size_down=${s.step_size_down > 0 ? pyNum(s.step_size_down) : 'None'}, mode=${pyStr(s.mode)}, gamma=${pyNum(s.gamma)},`);
      L.push('    cycle_momentum=False)');
      if (!(s.base_lr > 0) || !(s.max_lr > 0)) L.push("# (base_lr or max_lr 0 in lrplay: the run's rate)");
      break;
    case 'inverse_time':
      L.push('# inverse_time (Keras InverseTimeDecay): lr / (1 + decay_rate * t / decay_steps), t / decay_steps floored');
      L.push('# when staircase. PyTorch has no such class: a LambdaLR gives the factor.');
      lambda([`    t = step ${s.staircase ? '//' : '/'} ${pyNum(s.decay_steps)}  # decay_steps${s.staircase ? ', staircase' : ''}`,
        `    return 1 / (1 + ${pyNum(s.decay_rate)} * t)  # decay_rate`]);
      break;
    case 'lr_range': {
      const n = Math.max(2, s.num_iter);
      L.push('# lr_range: lrplay\'s range-test ramp (not a training schedule) as a LambdaLR factor of the run\'s rate.');
      const i = `min(step, ${pyNum(n)} - 1) / (${pyNum(n)} - 1)`;
      lambda(s.step_mode === 'linear'
        ? [`    return 1 + ${i} * (${pyNum(s.end_lr)} / ${lr} - 1)  # step_mode='linear', end_lr`]
        : [`    return (${pyNum(s.end_lr)} / ${lr}) ** (${i})  # step_mode='exp', end_lr`]);
      break;
    }
    default:
      break;
  }
  L.unshift(intervalComment(r), `# Schedule: ${s.name}.`);
  return { lines: L, where };
}

/**
 * Returns the PyTorch snippet for one run of the config.
 * @param {object} config canonical lrplay config
 * @param {number} [runIndex=0]
 */
export function toPyTorch(config, runIndex = 0) {
  const r = describeRun(config, runIndex);
  const d = r.data;
  const cls = d.task === 'class';
  const L = header(r, 'PyTorch');
  L.push('import math', '', 'import torch', 'from torch import nn', '');
  L.push(`SEED = ${pyNum(r.seed)}`, `EPOCHS = ${pyNum(r.epochs)}`, `BATCH_SIZE = ${pyNum(r.batchSize)}`);
  L.push('torch.manual_seed(SEED)', '');
  L.push(...dataComment(r));
  L.push(`N_IN, N_OUT = ${d.nIn}, ${d.nOut}`);
  L.push(`n_val = int(${pyNum(d.samples)} * ${pyNum(d.valFrac)})`);
  L.push(`n_train = ${pyNum(d.samples)} - n_val`);
  L.push('X_train, X_val = torch.randn(n_train, N_IN), torch.randn(n_val, N_IN)');
  if (cls) L.push('y_train, y_val = torch.randint(0, N_OUT, (n_train,)), torch.randint(0, N_OUT, (n_val,))');
  else L.push('y_train, y_val = torch.sin(X_train), torch.sin(X_val)');
  L.push('train_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(X_train, y_train),');
  L.push('                                           batch_size=BATCH_SIZE, shuffle=True)');
  L.push('STEPS_PER_EPOCH = len(train_loader)', '');

  const sizes = [d.nIn, ...r.hidden, d.nOut];
  L.push(`# Model: ${sizes.join('-')} MLP, ${r.act} between layers, PyTorch's default nn.Linear init (as lrplay).`);
  L.push('model = nn.Sequential(');
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    L.push(`    nn.Linear(${sizes[i]}, ${sizes[i + 1]}),${last ? '' : ` ${ACTS[r.act].torch},`}`);
  }
  L.push(')');
  L.push(cls ? 'loss_fn = nn.CrossEntropyLoss()' : 'loss_fn = nn.MSELoss()', '');

  L.push(...torchOptimizer(r));
  const sch = torchScheduler(r);
  L.push('', ...sch.lines);

  // How each update's rate is formed: the scheduler's rate, floored at the run's min_lr, then
  // Keras' legacy decay. A LambdaLR does the decay alone when there is nothing else to combine.
  const keras = r.opt.name === 'keras_adam';
  const floor = r.minLr > 0 && sch.where !== 'plateau';
  const decayLambda = keras && sch.where === null && !floor;
  const wrap = (keras && !decayLambda) || floor;
  if (decayLambda) {
    L.push('# Keras\' legacy decay, stepped after every batch: rate of update k = lr / (1 + decay * k).');
    L.push('decay = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda it: 1 / (1 + KERAS_DECAY * it))');
  }
  if (wrap) {
    L.push('');
    if (floor) L.push(`MIN_LR = ${pyNum(r.minLr)}  # lrplay: floor under every rate of the run`);
    L.push('iterations = 0  # updates made so far');
    L.push('');
    L.push('def optimizer_step():');
    L.push('    """One update at the rate lrplay uses; the scheduler keeps its own rate."""');
    L.push('    global iterations');
    L.push("    scheduled = [g['lr'] for g in optimizer.param_groups]");
    L.push('    for g in optimizer.param_groups:');
    if (floor) L.push("        g['lr'] = max(g['lr'], MIN_LR)");
    if (keras) L.push("        g['lr'] = g['lr'] / (1 + KERAS_DECAY * iterations)  # Keras' legacy decay, per update");
    L.push('    optimizer.step()');
    L.push('    for g, lr in zip(optimizer.param_groups, scheduled):');
    L.push("        g['lr'] = lr");
    L.push('    iterations += 1');
  }
  L.push('');
  L.push('for epoch in range(EPOCHS):');
  L.push('    model.train()');
  L.push('    for xb, yb in train_loader:');
  L.push('        optimizer.zero_grad()');
  L.push('        loss = loss_fn(model(xb), yb)');
  L.push('        loss.backward()');
  L.push(wrap ? '        optimizer_step()' : '        optimizer.step()');
  if (decayLambda) L.push('        decay.step()');
  if (sch.where === 'batch') L.push('        scheduler.step()  # per batch');
  L.push('    model.eval()');
  L.push('    with torch.no_grad():');
  L.push('        out = model(X_val)');
  L.push('        val_loss = loss_fn(out, y_val).item()');
  if (cls) L.push('        val_acc = (out.argmax(1) == y_val).float().mean().item()');
  if (sch.where === 'epoch') L.push('    scheduler.step()  # per epoch');
  if (sch.where === 'plateau') L.push('    scheduler.step(val_loss)  # per epoch, on the validation loss');
  L.push(`    print(epoch + 1, optimizer.param_groups[0]['lr'], val_loss${cls ? ', val_acc' : ''})`);
  return `${L.join('\n')}\n`;
}

/* ------------------------------------------------------------------ Keras */
function kerasOptimizer(r, lrArg) {
  const o = r.opt;
  const L = [];
  const common = `beta_1=${pyNum(o.beta1)}, beta_2=${pyNum(o.beta2)}, epsilon=${pyNum(o.eps)}, amsgrad=${pyBool(o.amsgrad)}`;
  const epsNote = '# Keras adds epsilon to sqrt(v) before bias correction ("epsilon hat"); torch adds eps after it.';
  if (o.name === 'adam') {
    if (o.weight_decay !== 0) L.push('# torch Adam: weight_decay is L2 added to the gradient; here the L2 regularizers on the layers (above).');
    L.push(epsNote);
    L.push(`optimizer = tf.keras.optimizers.Adam(learning_rate=${lrArg}, ${common})`);
  } else if (o.name === 'adamw') {
    L.push('# AdamW: decoupled weight decay (p -= lr * weight_decay * p), as torch.optim.AdamW.');
    L.push(epsNote);
    L.push(`optimizer = tf.keras.optimizers.AdamW(learning_rate=${lrArg}, weight_decay=${pyNum(o.weight_decay)}, ${common})`);
  } else if (o.name === 'sgd') {
    L.push('# torch SGD: b = momentum * b + (1 - dampening) * g; p -= lr * b. Keras: v = momentum * v - lr * g; p += v:');
    L.push('# the same while the rate is constant; after a rate change torch applies the new rate to the whole buffer.');
    if (o.dampening !== 0) L.push(`# Keras has no dampening (torch dampening=${pyNum(o.dampening)} is not reproduced).`);
    if (o.weight_decay !== 0) L.push('# torch weight_decay (L2 added to the gradient) is the L2 regularizers on the layers (above).');
    L.push(`optimizer = tf.keras.optimizers.SGD(learning_rate=${lrArg}, momentum=${pyNum(o.momentum)}, nesterov=${pyBool(o.nesterov)})`);
  } else {
    L.push('# keras_adam: Keras 2.x Adam with the legacy decay: lr_t = lr / (1 + decay * iterations), applied by');
    L.push('# the optimizer on top of whatever sets its rate. TF >= 2.11 keeps it in tf.keras.optimizers.legacy.');
    L.push(`optimizer = tf.keras.optimizers.legacy.Adam(learning_rate=${lrArg}, ${common}, decay=${pyNum(o.decay)})`);
  }
  return L;
}

/** {lines, lrArg, callbacks: [python exprs], helpers: [lines]} for the run's schedule in Keras. */
function kerasSchedule(r) {
  const s = r.sched;
  const lr = pyNum(r.opt.lr);
  const L = [];
  const KS = 'tf.keras.optimizers.schedules';
  const batch = s.interval === 'batch';
  const floor = r.minLr > 0;
  let native = null;  // a LearningRateSchedule expression
  switch (s.name) {
    case 'constant':
      L.push('# Schedule: constant.');
      if (floor && r.opt.lr < r.minLr) L.push(`# The run's floor min_lr=${pyNum(r.minLr)} is above the rate: lrplay trains at min_lr.`);
      return { lines: L, lrArg: floor ? pyNum(Math.max(r.opt.lr, r.minLr)) : lr, callbacks: [], helpers: [] };
    case 'reduce_on_plateau': {
      const p = plateauParams(s, 'keras', r.minLr);
      if (p.converted) {
        L.push('# Schedule: torch-flavor ReduceLROnPlateau rebuilt with the Keras callback (monitors val_loss every epoch).');
        L.push(`# - torch reduces on the (patience+1)-th bad epoch, Keras when wait >= patience: patience ${pyNum(s.patience)} -> ${pyNum(p.patience)}.`);
        L.push(`# - Keras decrements its cooldown before checking it (cooldown=1 has no effect): torch cooldown ${pyNum(s.cooldown)} -> ${pyNum(p.cooldown)}.`);
        if (s.threshold_mode === 'abs') L.push(`# - threshold_mode='abs': min_delta = threshold (${pyNum(s.threshold)}).`);
        else L.push(`# - torch's relative threshold (${pyNum(s.threshold)}: better if loss < best * (1 - threshold)) has no Keras equivalent; min_delta is absolute, set to 0 here.`);
        L.push('# Remaining differences: torch skips cuts smaller than eps; Keras keeps the rate as float32 and reduces');
        L.push('# only while lr > min_lr.');
      } else {
        L.push('# Schedule: Keras ReduceLROnPlateau (monitors val_loss every epoch): better if loss < best - min_delta;');
        L.push('# it reduces when wait >= patience; cooldown is decremented before it is checked (cooldown=1 has no effect).');
      }
      if (floor) L.push(`# The run's floor (min_lr ${pyNum(r.minLr)}) is folded into the callback's min_lr.`);
      const cb = `tf.keras.callbacks.ReduceLROnPlateau(monitor='val_loss', mode=${pyStr(p.mode)}, factor=${pyNum(p.factor)}, patience=${pyNum(p.patience)},\n`
        + `                                         min_delta=${pyNum(p.min_delta)}, cooldown=${pyNum(p.cooldown)}, min_lr=${pyNum(p.min_lr)}, verbose=1)`;
      return { lines: L, lrArg: lr, callbacks: [cb], helpers: [] };
    }
    case 'step':
      L.push('# torch StepLR: lr * gamma ** (step // step_size).');
      native = `${KS}.ExponentialDecay(${lr}, decay_steps=${pyNum(s.step_size)}, decay_rate=${pyNum(s.gamma)}, staircase=True)`;
      break;
    case 'multistep': {
      // Repeated milestones multiply by gamma once per repeat (as torch's MultiStepLR).
      const b = [], k = [];
      let count = 0;
      for (let i = 0; i < s.milestones.length; i++) {
        count++;
        if (i + 1 === s.milestones.length || s.milestones[i + 1] !== s.milestones[i]) { b.push(s.milestones[i]); k.push(count); }
      }
      if (!b.length) {
        L.push('# torch MultiStepLR with no milestones: a constant rate.');
        return { lines: L, lrArg: lr, callbacks: [], helpers: [] };
      }
      L.push('# torch MultiStepLR: the rate is multiplied by gamma at each milestone step. PiecewiseConstantDecay keeps');
      L.push('# values[i] while step <= boundaries[i], so the boundaries are the milestones minus one.');
      native = `${KS}.PiecewiseConstantDecay(boundaries=[${b.map((m) => pyNum(m - 1)).join(', ')}],\n`
        + `    values=[${[0, ...k].map((e) => `${lr} * ${pyNum(s.gamma)} ** ${pyNum(e)}`).join(', ')}])`;
      break;
    }
    case 'exponential':
      L.push('# torch ExponentialLR: lr * gamma ** step.');
      native = `${KS}.ExponentialDecay(${lr}, decay_steps=1, decay_rate=${pyNum(s.gamma)}, staircase=True)`;
      break;
    case 'cosine':
      L.push('# torch CosineAnnealingLR: eta_min + (lr - eta_min) * (1 + cos(pi * step / T_max)) / 2. Keras CosineDecay');
      L.push('# holds its floor after decay_steps where torch rises again; lrplay follows torch (alpha = eta_min / lr).');
      if (!(s.T_max > 0)) L.push("# T_max 0 in lrplay: the run's length.");
      native = `${KS}.CosineDecay(${lr}, decay_steps=${s.T_max > 0 ? pyNum(s.T_max) : 'RUN_STEPS'}, alpha=${pyNum(s.eta_min)} / ${lr})`;
      break;
    case 'cosine_warm_restarts':
      L.push('# torch CosineAnnealingWarmRestarts (T_0, T_mult, eta_min) is Keras CosineDecayRestarts with');
      L.push('# first_decay_steps=T_0, t_mul=T_mult, m_mul=1 and alpha = eta_min / lr.');
      if (!(s.T_0 > 0)) L.push("# T_0 0 in lrplay: the run's length / 4.");
      native = `${KS}.CosineDecayRestarts(${lr}, first_decay_steps=${s.T_0 > 0 ? pyNum(s.T_0) : 'max(1, RUN_STEPS // 4)'}, t_mul=${pyNum(s.T_mult)},\n`
        + `    m_mul=1.0, alpha=${pyNum(s.eta_min)} / ${lr})`;
      break;
    case 'linear':
      L.push('# torch LinearLR: lr * (start_factor + (end_factor - start_factor) * min(step, total_iters) / total_iters),');
      L.push('# which is PolynomialDecay with power=1.');
      if (s.total_iters > 0) {
        native = `${KS}.PolynomialDecay(${lr} * ${pyNum(s.start_factor)}, decay_steps=${pyNum(s.total_iters)},\n`
          + `    end_learning_rate=${lr} * ${pyNum(s.end_factor)}, power=1.0)`;
      } else {
        L.push('# total_iters=0: torch stays at start_factor.');
        return { lines: L, lrArg: `${lr} * ${pyNum(s.start_factor)}`, callbacks: [], helpers: [] };
      }
      break;
    case 'inverse_time':
      L.push('# Keras InverseTimeDecay: lr / (1 + decay_rate * step / decay_steps), floored step / decay_steps when staircase.');
      native = `${KS}.InverseTimeDecay(${lr}, decay_steps=${pyNum(s.decay_steps)}, decay_rate=${pyNum(s.decay_rate)}, staircase=${pyBool(s.staircase)})`;
      break;
    default:
      break;
  }
  L.unshift(intervalComment(r), `# Schedule: ${s.name}.`);
  const helpers = [];
  const callbacks = [];
  let lrArg = lr;
  if (native) {
    L.push(`schedule = ${native}`);
    if (batch) {
      L.push('# Keras schedules count optimizer updates (batches), as lrplay\'s interval=batch.');
      if (floor) {
        helpers.push(
          'class Floor(tf.keras.optimizers.schedules.LearningRateSchedule):',
          '    """A schedule held at or above a floor (lrplay: the run\'s min_lr)."""',
          '',
          '    def __init__(self, inner, floor):',
          '        self.inner, self.floor = inner, floor',
          '',
          '    def __call__(self, step):',
          '        return tf.maximum(self.inner(step), self.floor)',
          '',
          '    def get_config(self):',
          "        return {'floor': self.floor}",
          '',
        );
        L.push(`# The run's min_lr (${pyNum(r.minLr)}) is lrplay's floor under every rate of the run.`);
        lrArg = `Floor(schedule, ${pyNum(r.minLr)})`;
      } else {
        lrArg = 'schedule';
      }
    } else {
      L.push('# interval=epoch: the schedule is evaluated at the epoch number, at the start of every epoch.');
      if (floor) L.push(`# The run's min_lr (${pyNum(r.minLr)}) is lrplay's floor under every rate of the run.`);
      callbacks.push(`tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: ${floor ? 'max(' : ''}float(schedule(epoch))${floor ? `, ${pyNum(r.minLr)}))` : ')'}`);
    }
    return { lines: L, lrArg, callbacks, helpers };
  }
  // No Keras schedule object: a Python function of the step.
  const fn = lrAtFunction(r, lr);
  if (s.name === 'onecycle' || s.name === 'cyclic') L.push(`# Keras has no ${s.name === 'onecycle' ? 'OneCycleLR' : 'CyclicLR'}: the torch formula as a function, set by a callback.`);
  L.push(...fn);
  if (floor) L.push(`# The run's min_lr (${pyNum(r.minLr)}) is lrplay's floor under every rate of the run.`);
  const f = floor ? `max(lr_at(STEP), ${pyNum(r.minLr)})` : 'lr_at(STEP)';
  if (batch) {
    helpers.push(
      'class BatchLR(tf.keras.callbacks.Callback):',
      '    """Sets the rate before every batch from a function of the global batch index (interval=batch)."""',
      '',
      '    def __init__(self, fn):',
      '        super().__init__()',
      '        self.fn, self.step = fn, 0',
      '',
      '    def on_train_batch_begin(self, batch, logs=None):',
      '        tf.keras.backend.set_value(self.model.optimizer.learning_rate, self.fn(self.step))',
      '        self.step += 1',
      '',
    );
    callbacks.push(`BatchLR(lambda step: ${f.replace('STEP', 'step')})`);
  } else {
    callbacks.push(`tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: ${f.replace('STEP', 'epoch')})`);
  }
  return { lines: L, lrArg, callbacks, helpers };
}

/**
 * Returns the Keras (tf.keras, Keras 2.x) snippet for one run of the config.
 * @param {object} config canonical lrplay config
 * @param {number} [runIndex=0]
 */
export function toKeras(config, runIndex = 0) {
  const r = describeRun(config, runIndex);
  const d = r.data;
  const cls = d.task === 'class';
  const L = header(r, 'Keras (tf.keras 2.x)');
  L.push('import math', '', 'import numpy as np', 'import tensorflow as tf', '');
  L.push(`SEED = ${pyNum(r.seed)}`, `EPOCHS = ${pyNum(r.epochs)}`, `BATCH_SIZE = ${pyNum(r.batchSize)}`);
  L.push('tf.keras.utils.set_random_seed(SEED)', '');
  L.push(...dataComment(r));
  L.push(`N_IN, N_OUT = ${d.nIn}, ${d.nOut}`);
  L.push(`n_val = int(${pyNum(d.samples)} * ${pyNum(d.valFrac)})`);
  L.push(`n_train = ${pyNum(d.samples)} - n_val`);
  L.push('rng = np.random.default_rng(SEED)');
  L.push("x_train = rng.standard_normal((n_train, N_IN)).astype('float32')");
  L.push("x_val = rng.standard_normal((n_val, N_IN)).astype('float32')");
  if (cls) L.push('y_train, y_val = rng.integers(0, N_OUT, n_train), rng.integers(0, N_OUT, n_val)');
  else L.push('y_train, y_val = np.sin(x_train), np.sin(x_val)');
  L.push('STEPS_PER_EPOCH = math.ceil(n_train / BATCH_SIZE)');
  L.push(`RUN_STEPS = ${runSteps(r)}  # the run's length in schedule steps (${unitWord(r)}s)`, '');

  const o = r.opt;
  const l2 = (o.name === 'adam' || o.name === 'sgd') && o.weight_decay > 0;
  L.push('def layer_init(fan_in):');
  L.push('    """PyTorch\'s default nn.Linear init, as lrplay: W and b uniform in +-1/sqrt(fan_in)."""');
  L.push('    bound = 1 / math.sqrt(fan_in)');
  L.push("    args = dict(kernel_initializer=tf.keras.initializers.VarianceScaling(1 / 3, 'fan_in', 'uniform'),");
  L.push('                bias_initializer=tf.keras.initializers.RandomUniform(-bound, bound))');
  if (l2) {
    L.push(`    # torch weight_decay=${pyNum(o.weight_decay)} adds wd * p to the gradient: an L2 penalty of wd / 2 * sum(p ** 2).`);
    L.push('    # (Keras adds the penalty to the reported loss; torch does not.)');
    L.push(`    args.update(kernel_regularizer=tf.keras.regularizers.L2(${pyNum(o.weight_decay)} / 2),`);
    L.push(`                bias_regularizer=tf.keras.regularizers.L2(${pyNum(o.weight_decay)} / 2))`);
  }
  L.push('    return args', '');

  const sizes = [d.nIn, ...r.hidden, d.nOut];
  L.push(`# Model: ${sizes.join('-')} MLP, ${r.act} between layers, linear outputs.`);
  L.push('model = tf.keras.Sequential([');
  L.push(`    tf.keras.Input(shape=(${d.nIn},)),`);
  for (let i = 1; i < sizes.length; i++) {
    const last = i + 1 === sizes.length;
    L.push(`    tf.keras.layers.Dense(${sizes[i]}, ${last ? '' : `activation=${pyStr(ACTS[r.act].keras)}, `}**layer_init(${sizes[i - 1]})),`);
  }
  L.push('])', '');

  const sch = kerasSchedule(r);
  if (sch.helpers.length) L.push(...sch.helpers, '');
  L.push(...sch.lines, '');
  L.push(...kerasOptimizer(r, sch.lrArg));
  if (cls) {
    L.push('model.compile(optimizer=optimizer, loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),');
    L.push("              metrics=['accuracy'])");
  } else {
    L.push('model.compile(optimizer=optimizer, loss=tf.keras.losses.MeanSquaredError())');
  }
  L.push('');
  if (sch.callbacks.length) {
    L.push('callbacks = [');
    for (const cb of sch.callbacks) L.push(`    ${cb.split('\n').join('\n    ')},`);
    L.push(']');
  } else {
    L.push('callbacks = []');
  }
  L.push('history = model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=True,');
  L.push('                    validation_data=(x_val, y_val), callbacks=callbacks)');
  return `${L.join('\n')}\n`;
}
