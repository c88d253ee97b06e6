// "Copy as PyTorch" / "Copy as Keras" (web/js/snippets.js): every snippet is valid Python (python3's
// ast.parse; no torch or tensorflow needed), labels stay inside string literals, and the formulas the
// snippets spell out in Python match the golden traces (tests/golden) when run. The split, the digits,
// the Keras rates (its schedule objects restated in Python, against `lrplay train` of
// snippets-torch-table.mjs) and onecycle's refusals too; the PyTorch snippets run under real torch
// in snippets-torch.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toPyTorch, toKeras, pyStr, pyNum, describeRun } from '../../web/js/snippets.js';
import { ENUMS } from '../../web/js/core/schema.gen.js';
import { loadCore } from '../../web/js/core.js';
import { nativeBin, run as runBin } from './native.mjs';
import { TABLE } from './snippets-torch-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const golden = (name) => JSON.parse(readFileSync(path.join(root, 'tests', 'golden', `${name}.json`), 'utf8'));

/* ------------------------------------------------------- python harness */
// One python3 process checks a batch of jobs: {src, label?, markers?, fn?, n?, scale?, plateau?, steps?}.
const HARNESS = String.raw`
import ast, io, json, math, struct, sys, tokenize

def f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]

def torch_plateau(lr, metrics, mode='min', factor=0.1, patience=10, threshold=1e-4, threshold_mode='rel',
                  cooldown=0, min_lr=0.0, eps=1e-8):
    # torch.optim.lr_scheduler.ReduceLROnPlateau (1.13), one parameter group
    best = math.inf if mode == 'min' else -math.inf
    bad = cd = 0
    out = [lr]
    for a in metrics:
        if mode == 'min':
            better = a < best * (1 - threshold) if threshold_mode == 'rel' else a < best - threshold
        else:
            better = a > best * (threshold + 1) if threshold_mode == 'rel' else a > best + threshold
        if better:
            best, bad = a, 0
        else:
            bad += 1
        if cd > 0:
            cd -= 1
            bad = 0
        if bad > patience:
            new = max(lr * factor, min_lr)
            if lr - new > eps:
                lr = new
            cd, bad = cooldown, 0
        out.append(lr)
    return out

def keras_plateau(lr, metrics, monitor='val_loss', mode='min', factor=0.1, patience=10, min_delta=1e-4,
                  cooldown=0, min_lr=0.0, verbose=0):
    # tf.keras.callbacks.ReduceLROnPlateau (Keras 2.x) on_epoch_end; the rate is a float32 variable
    lr = f32(lr)
    best = math.inf if mode == 'min' else -math.inf
    wait = cdc = 0
    out = [lr]
    for a in metrics:
        if cdc > 0:
            cdc -= 1
            wait = 0
        better = a < best - min_delta if mode == 'min' else a > best + min_delta
        if better:
            best, wait = a, 0
        elif not cdc > 0:
            wait += 1
            if wait >= patience and lr > f32(min_lr):
                lr = f32(max(lr * factor, min_lr))
                cdc, wait = cooldown, 0
        out.append(lr)
    return out

class _Schedules:
    # Keras 2.x tf.keras.optimizers.schedules, restated from their documented formulas
    @staticmethod
    def ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
        def f(step):
            p = step / decay_steps
            return initial_learning_rate * decay_rate ** (math.floor(p) if staircase else p)
        return f
    @staticmethod
    def PiecewiseConstantDecay(boundaries, values):
        def f(step):
            for b, v in zip(boundaries, values):
                if step <= b:
                    return v
            return values[len(boundaries)]
        return f
    @staticmethod
    def CosineDecay(initial_learning_rate, decay_steps, alpha=0.0):
        def f(step):
            step = min(step, decay_steps)
            c = 0.5 * (1 + math.cos(math.pi * step / decay_steps))
            return initial_learning_rate * ((1 - alpha) * c + alpha)
        return f
    @staticmethod
    def CosineDecayRestarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):
        def f(step):
            cf = step / first_decay_steps
            if t_mul == 1.0:
                i = math.floor(cf)
                cf -= i
            else:
                i = math.floor(math.log(1 - cf * (1 - t_mul)) / math.log(t_mul))
                cf = (cf - (1 - t_mul ** i) / (1 - t_mul)) / t_mul ** i
            c = 0.5 * m_mul ** i * (1 + math.cos(math.pi * cf))
            return initial_learning_rate * ((1 - alpha) * c + alpha)
        return f
    @staticmethod
    def PolynomialDecay(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False):
        def f(step):
            p = min(step, decay_steps) / decay_steps
            return (initial_learning_rate - end_learning_rate) * (1 - p) ** power + end_learning_rate
        return f
    @staticmethod
    def InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
        def f(step):
            p = step / decay_steps
            return initial_learning_rate / (1 + decay_rate * (math.floor(p) if staircase else p))
        return f

class _NS:
    def __init__(self, **kw):
        self.__dict__.update(kw)

_Schedules.LearningRateSchedule = object
FAKE_TF = _NS(keras=_NS(optimizers=_NS(schedules=_Schedules)), maximum=max)

KERAS_NAMES = {'SEED', 'EPOCHS', 'BATCH_SIZE', 'N_IN', 'N_OUT', 'N', 'VAL_FRAC', 'n_val', 'n_train',
               'STEPS_PER_EPOCH', 'RUN_STEPS', 'schedule', 'WARMUP', 'WARMUP_START'}

def targets(node):
    t = node.targets[0]
    return [getattr(e, 'id', None) for e in t.elts] if isinstance(t, ast.Tuple) else [getattr(t, 'id', None)]

def keras_rates(tree):
    # The rate at the start of each epoch of a Keras snippet, from its own statements: the run's
    # numbers, the schedule, lr_at, Floor, then what sets the rate (a callback's lambda or the
    # optimizer's learning_rate) and the legacy decay. Keras' classes are the formulas above.
    keep = [n for n in tree.body if (isinstance(n, ast.Assign) and set(targets(n)) <= KERAS_NAMES)
            or (isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name in ('lr_at', 'Floor'))]
    ns = {'math': math, 'tf': FAKE_TF}
    exec(compile(ast.Module(body=keep, type_ignores=[]), '<snippet>', 'exec'), ns)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    for c in calls:
        c.name = getattr(c.func, 'attr', getattr(c.func, 'id', ''))
    ev = lambda node: eval(compile(ast.Expression(body=node), '<snippet>', 'eval'), ns)
    spe = ns['STEPS_PER_EPOCH']
    setter = None
    for c in calls:
        if c.name == 'LearningRateScheduler':
            f = ev(c.args[0])
            setter = lambda k, f=f: f(k, None)
        elif c.name == 'BatchLR':
            f = ev(c.args[0])
            setter = lambda k, f=f: f(k * spe)
    opt = [c for c in calls if c.name in ('Adam', 'AdamW', 'SGD')]
    kw = {k.arg: k.value for k in opt[0].keywords}
    if setter is None:
        lr = ev(kw['learning_rate'])
        setter = (lambda k: lr(k * spe)) if callable(lr) else (lambda k: lr)
    decay = ast.literal_eval(kw['decay']) if 'decay' in kw else 0
    es = [c for c in calls if c.name == 'EarlyStopping']
    return {'values': [setter(k) / (1 + decay * k * spe) for k in range(ns['EPOCHS'])],
            'split': [ns['n_val'], ns['n_train'], spe],
            'es': {k.arg: ast.literal_eval(k.value) for k in es[0].keywords} if es else None}

def step_calls(tree):
    # every call X.step(...) with the number of for-loops around it
    found = []
    def walk(node, depth):
        for child in ast.iter_child_nodes(node):
            d = depth + 1 if isinstance(child, ast.For) else depth
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) and child.func.attr == 'step' \
                    and isinstance(child.func.value, ast.Name):
                found.append([child.func.value.id, depth])
            walk(child, d)
    walk(tree, 0)
    return found

out = []
for j in json.load(sys.stdin):
    src = j['src']
    r = {}
    out.append(r)
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        lines = src.split('\n')
        r['error'] = '%s at line %s: %r' % (e.msg, e.lineno, lines[e.lineno - 1] if e.lineno and e.lineno <= len(lines) else '')
        continue
    try:
        if 'label' in j:
            toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
            # (f-strings are no literals; pyStr never writes one, so a label is never in one)
            lits = [ast.literal_eval(t.string) for t in toks
                    if t.type == tokenize.STRING and 'f' not in t.string[:t.string.index(t.string[-1])].lower()]
            r['label_literals'] = sum(1 for v in lits if v == j['label'])
            r['names'] = sorted({t.string for t in toks if t.type == tokenize.NAME})
            starts = [0]
            for line in src.split('\n'):
                starts.append(starts[-1] + len(line) + 1)
            spans = [(starts[t.start[0] - 1] + t.start[1], starts[t.end[0] - 1] + t.end[1])
                     for t in toks if t.type in (tokenize.STRING, tokenize.COMMENT)]
            outside = []
            for m in j.get('markers', []):
                i = src.find(m)
                while i >= 0:
                    if not any(a <= i and i + len(m) <= b for a, b in spans):
                        outside.append(m)
                    i = src.find(m, i + 1)
            r['outside'] = outside
        if 'fn' in j:
            fns = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == j['fn']]
            if len(fns) != 1:
                r['error'] = 'no single def %s' % j['fn']
                continue
            ns = {'math': math, 'EPOCHS': 40, 'STEPS_PER_EPOCH': 15}
            exec(compile(ast.Module(body=fns, type_ignores=[]), '<snippet>', 'exec'), ns)
            r['values'] = [j.get('scale', 1.0) * ns[j['fn']](k) for k in range(j['n'])]
        if 'plateau' in j:
            calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, 'attr', '') == 'ReduceLROnPlateau']
            if len(calls) != 1:
                r['error'] = 'no single ReduceLROnPlateau call'
                continue
            kw = {k.arg: ast.literal_eval(k.value) for k in calls[0].keywords}
            r['kwargs'] = kw
            sim = torch_plateau if j['plateau']['as'] == 'torch' else keras_plateau
            r['values'] = sim(j['plateau']['lr'], j['plateau']['metrics'], **kw)
        if 'schedule' in j:
            assigns = [n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], 'id', '') == 'schedule']
            if len(assigns) != 1:
                r['error'] = 'no single schedule = ...'
                continue
            f = eval(compile(ast.Expression(body=assigns[0].value), '<snippet>', 'eval'),
                     {'tf': FAKE_TF, 'max': max, 'RUN_STEPS': j['schedule']})
            r['values'] = [f(k) for k in range(j['n'])]
        if j.get('steps'):
            r['steps'] = step_calls(tree)
        if j.get('keras_rates'):
            r.update(keras_rates(tree))
        if j.get('split'):
            keep = [n for n in tree.body if isinstance(n, ast.Assign) and set(targets(n)) <= KERAS_NAMES - {'STEPS_PER_EPOCH', 'RUN_STEPS', 'schedule'}]
            ns = {}
            exec(compile(ast.Module(body=keep, type_ignores=[]), '<snippet>', 'exec'), ns)
            r['split'] = [ns['n_val'], ns['n_train']]
    except Exception as e:
        r['error'] = '%s: %s' % (type(e).__name__, e)
json.dump(out, sys.stdout)
`;

function python(jobs) {
  const p = spawnSync('python3', ['-c', HARNESS], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(p.status, 0, p.stderr);
  return JSON.parse(p.stdout);
}

/* ---------------------------------------------------------------- configs */
const SCHEDULES = {
  constant: {},
  reduce_on_plateau: { flavor: 'torch', mode: 'min', factor: 0.5, patience: 3, threshold: 1e-4, threshold_mode: 'rel', cooldown: 2, min_lr: 1e-5, eps: 1e-8 },
  step: { step_size: 10, gamma: 0.5 },
  multistep: { milestones: [10, 20, 20, 30], gamma: 0.1 },
  exponential: { gamma: 0.95 },
  cosine: { T_max: 0, eta_min: 1e-5 },
  cosine_warm_restarts: { T_0: 0, T_mult: 2, eta_min: 0 },
  linear: { start_factor: 1 / 3, end_factor: 1, total_iters: 5 },
  onecycle: { max_lr: 0, total_steps: 0, pct_start: 0.3, anneal_strategy: 'cos', div_factor: 25, final_div_factor: 1e4, three_phase: false },
  cyclic: { base_lr: 0, max_lr: 0.1, step_size_up: 20, step_size_down: 0, mode: 'triangular2', gamma: 1 },
  inverse_time: { decay_rate: 0.5, decay_steps: 10, staircase: true },
  lr_range: { end_lr: 10, num_iter: 100, step_mode: 'exp' },
};
const OPTIMIZERS = {
  adam: { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, amsgrad: false },
  adamw: { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01, amsgrad: true },
  sgd: { lr: 0.1 + 0.2, momentum: 0.9, dampening: 0.1, weight_decay: 5e-4, nesterov: false },
  keras_adam: { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-7, amsgrad: false, decay: 0.01 },
};

function config({ data = 'spiral', act = 'tanh', runs } = {}) {
  return {
    version: 1, seed: 3,
    data: { name: data, samples: 600, noise: 0.2, val_frac: 0.2, classes: 5 },
    model: { hidden: [32, 16], activation: act },
    optimizer: { name: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, amsgrad: false },
    batch_size: 32, epochs: 40, target_loss: 0,
    find: { start_lr: 1e-7, end_lr: 10, num_iter: 100, step_mode: 'exp', beta: 0.98, diverge: 4, use_val: false, skip_end: 5 },
    runs: runs ?? [{ label: 'run', min_lr: 0, optimizer: { name: 'adam', ...OPTIMIZERS.adam }, schedule: { name: 'constant', interval: 'epoch' } }],
  };
}

function run(opt, sched, extra = {}, schedOver = {}) {
  return {
    label: extra.label ?? `${opt} + ${sched}`, min_lr: extra.min_lr ?? 0,
    optimizer: { name: opt, ...OPTIMIZERS[opt] },
    schedule: { name: sched, interval: extra.interval ?? 'epoch', ...SCHEDULES[sched], ...schedOver },
    ...(extra.early_stopping ? { early_stopping: extra.early_stopping } : {}),
  };
}

const WARMUP_KINDS = ['step', 'multistep', 'exponential', 'cosine', 'cosine_warm_restarts'];
// Early stopping on some of the cases: on the accuracy with a restore, or on the loss.
const ES = (interval, minLr) => (minLr > 0 ? { monitor: 'val_acc', patience: 2, baseline: 0.5, restore_best_weights: true }
  : interval === 'batch' ? { monitor: 'val_loss', min_delta: 0.01, patience: 3, start_from_epoch: 2 } : undefined);

/** Every scheduler kind and flavor, both intervals, every optimizer kind, with and without a floor. */
function allCases() {
  const cases = [];
  for (const sched of ENUMS.schedule) {
    const variants = sched === 'reduce_on_plateau'
      ? [{}, { threshold_mode: 'abs' }, { flavor: 'keras', min_delta: 1e-3, cooldown: 1 }, { mode: 'max', cooldown: 0 }]
      : sched === 'onecycle' ? [{}, { three_phase: true, anneal_strategy: 'linear', max_lr: 0.05, total_steps: 500 }]
        : sched === 'cyclic' ? [{}, { mode: 'exp_range', gamma: 0.99, step_size_down: 7, base_lr: 1e-4 }, { mode: 'triangular' }]
          : sched === 'lr_range' ? [{}, { step_mode: 'linear' }]
            : sched === 'linear' ? [{}, { total_iters: 0 }]
              : sched === 'multistep' ? [{}, { milestones: [] }]
                : sched === 'cosine' || sched === 'cosine_warm_restarts' ? [{}, { T_max: 25, T_0: 7 }]
                  : [{}];
    if (WARMUP_KINDS.includes(sched)) variants.push({ warmup: 4, warmup_start_factor: 0.2 });
    for (const v of variants) {
      for (const opt of ENUMS.optimizer) {
        for (const interval of ENUMS.interval) {
          for (const minLr of [0, 1e-4]) {
            cases.push({ name: `${sched} ${JSON.stringify(v)} ${opt} ${interval} min_lr=${minLr}`, sched, opt, interval,
              cfg: config({ runs: [run('adam', 'constant'), run(opt, sched, { interval, min_lr: minLr, early_stopping: ES(interval, minLr) }, v)] }), index: 1 });
          }
        }
      }
    }
  }
  return cases;
}

/* ------------------------------------------------------------------ tests */
test('every scheduler and optimizer kind gives valid Python, for PyTorch and Keras', () => {
  const cases = allCases();
  const jobs = [];
  for (const c of cases) {
    jobs.push({ src: toPyTorch(c.cfg, c.index), name: `torch: ${c.name}`, steps: true, c });
    jobs.push({ src: toKeras(c.cfg, c.index), name: `keras: ${c.name}`, c });
  }
  for (const data of ENUMS.data) {
    for (const act of ENUMS.activation) {
      const cfg = config({ data, act });
      jobs.push({ src: toPyTorch(cfg), name: `torch: ${data} ${act}` });
      jobs.push({ src: toKeras(cfg), name: `keras: ${data} ${act}` });
    }
  }
  const res = python(jobs.map(({ src, steps }) => ({ src, steps })));
  let checked = 0;
  res.forEach((r, i) => {
    assert.equal(r.error, undefined, `${jobs[i].name}: ${r.error}\n${jobs[i].src}`);
    checked++;
    // Where the schedule steps: per batch (inside the batch loop), per epoch, or on the plateau metric.
    const c = jobs[i].c;
    if (!r.steps || !c) return;
    const sched = r.steps.filter(([n]) => n === 'scheduler');
    if (c.sched === 'constant') assert.equal(sched.length, 0, jobs[i].name);
    else if (c.sched === 'reduce_on_plateau') assert.deepEqual(sched, [['scheduler', 1]], jobs[i].name);
    else assert.deepEqual(sched, [['scheduler', c.interval === 'batch' ? 2 : 1]], jobs[i].name);
    const decay = r.steps.filter(([n]) => n === 'decay');
    // keras_adam at a constant rate: Keras' decay as a LambdaLR stepped after every batch.
    if (c.opt === 'keras_adam' && c.sched === 'constant' && !jobs[i].src.includes('MIN_LR')) assert.deepEqual(decay, [['decay', 2]], jobs[i].name);
    else assert.equal(decay.length, 0, jobs[i].name);
  });
  assert.equal(checked, jobs.length);
  assert.ok(checked >= 790, `${checked} snippets`);
});

test('models, losses and optimizers as configured, numbers at full precision', () => {
  const digits = toPyTorch(config({ data: 'digits', act: 'gelu' }));
  assert.match(digits, /nn\.Linear\(64, 32\), nn\.GELU\(\),/);
  assert.match(digits, /nn\.Linear\(16, 10\),\n\)/);
  assert.match(digits, /nn\.CrossEntropyLoss\(\)/);
  const sine = toPyTorch(config({ data: 'sine', act: 'relu' }));
  assert.match(sine, /nn\.Linear\(1, 32\), nn\.ReLU\(\),/);
  assert.match(sine, /nn\.Linear\(16, 1\),\n\)/);
  assert.match(sine, /nn\.MSELoss\(\)/);
  assert.match(toKeras(config({ data: 'sine' })), /MeanSquaredError\(\)/);
  assert.match(toPyTorch(config({ data: 'gauss' })), /nn\.Linear\(16, 5\),\n\)/);   // data.classes
  assert.match(toPyTorch(config({ data: 'spiral' })), /nn\.Linear\(16, 5\),\n\)/);
  assert.match(toPyTorch(config({ data: 'moons' })), /nn\.Linear\(16, 2\),\n\)/);
  assert.match(toKeras(config({ data: 'xor' })), /Dense\(2, \*\*layer_init\(16\)\)/);
  assert.match(toKeras(config({ data: 'digits' })), /tf\.keras\.Input\(shape=\(64,\)\)/);

  const sgd = config({ runs: [run('sgd', 'step')] });
  assert.match(toPyTorch(sgd), /torch\.optim\.SGD\(model\.parameters\(\), lr=0\.30000000000000004, momentum=0\.9,\n\s+dampening=0\.1, weight_decay=0\.0005, nesterov=False\)/);
  assert.match(toKeras(sgd), /tf\.keras\.optimizers\.SGD\(learning_rate=schedule, momentum=0\.9, nesterov=False\)|SGD\(learning_rate=0\.30000000000000004, momentum=0\.9, nesterov=False\)/);
  assert.match(toKeras(sgd), /no dampening/);
  assert.match(toKeras(sgd), /regularizers\.L2\(0\.0005 \/ 2\)/);
  const adamw = config({ runs: [run('adamw', 'constant')] });
  assert.match(toPyTorch(adamw), /torch\.optim\.AdamW\(model\.parameters\(\), lr=0\.001, betas=\(0\.9, 0\.999\), eps=1e-8,\n\s+weight_decay=0\.01, amsgrad=True\)/);
  assert.match(toKeras(adamw), /tf\.keras\.optimizers\.AdamW\(learning_rate=0\.001, weight_decay=0\.01, beta_1=0\.9, beta_2=0\.999, epsilon=1e-8, amsgrad=True\)/);
  const ka = config({ runs: [run('keras_adam', 'constant')] });
  assert.match(toPyTorch(ka), /LambdaLR\(optimizer, lambda it: 1 \/ \(1 \+ KERAS_DECAY \* it\)\)/);
  assert.match(toPyTorch(ka), /KERAS_DECAY = 0\.01\n/);
  assert.match(toKeras(ka), /tf\.keras\.optimizers\.legacy\.Adam\(learning_rate=0\.01, beta_1=0\.9, beta_2=0\.999, epsilon=1e-7, amsgrad=False, decay=0\.01\)/);
  // keras_adam with a schedule: the decay is applied around each update, the schedule keeps its rate.
  const kaCos = toPyTorch(config({ runs: [run('keras_adam', 'cosine', { interval: 'batch' })] }));
  assert.match(kaCos, /g\['lr'\] = applied_lr\(g\['lr'\]\)/);
  assert.match(kaCos, /lr = lr \/ \(1 \+ KERAS_DECAY \* iterations\)/);
  assert.match(kaCos, /RUN_STEPS = EPOCHS \* STEPS_PER_EPOCH /);
  assert.match(kaCos, /CosineAnnealingLR\(optimizer, T_max=RUN_STEPS, eta_min=0\.00001\)/);

  // Plateau flavors: the conversions are spelled out.
  const pk = config({ runs: [run('adam', 'reduce_on_plateau', {}, { flavor: 'keras', patience: 3, cooldown: 2, min_delta: 0.001 })] });
  const pkTorch = toPyTorch(pk);
  assert.match(pkTorch, /patience=2,/);
  assert.match(pkTorch, /threshold=0\.001, threshold_mode='abs', cooldown=1,/);
  assert.match(pkTorch, /\(patience\+1\)-th bad epoch/);
  assert.match(toKeras(pk), /ReduceLROnPlateau\(monitor='val_loss', mode='min', factor=0\.5, patience=3,/);
  const pt = config({ runs: [run('adam', 'reduce_on_plateau', {}, { threshold_mode: 'rel', threshold: 1e-4, patience: 3, cooldown: 2 })] });
  const ptKeras = toKeras(pt);
  assert.match(ptKeras, /patience=4,/);
  assert.match(ptKeras, /min_delta=0, cooldown=3,/);
  assert.match(ptKeras, /relative threshold/);
  assert.match(toPyTorch(pt), /threshold=0\.0001, threshold_mode='rel', cooldown=2, min_lr=0\.00001, eps=1e-8\)/);
});

test('run selection: default run 0, out-of-range runs refused, configs without runs', () => {
  const cfg = config({ runs: [run('adam', 'constant', { label: 'first' }), run('sgd', 'step', { label: 'second' })] });
  assert.match(toPyTorch(cfg), /RUN_LABEL = 'first'/);
  assert.match(toKeras(cfg, 1), /RUN_LABEL = 'second'/);
  assert.throws(() => toPyTorch(cfg, 2), RangeError);
  assert.throws(() => toKeras(cfg, -1), RangeError);
  assert.throws(() => toKeras(cfg, 0.5), RangeError);
  const none = { ...cfg, runs: [], optimizer: { name: 'sgd', lr: 0.05, momentum: 0.5 } };
  const src = toPyTorch(none);
  assert.match(src, /torch\.optim\.SGD\(model\.parameters\(\), lr=0\.05, momentum=0\.5/);
  assert.doesNotMatch(src, /RUN_LABEL/);
  const res = python([{ src }, { src: toKeras(none) }, { src: toPyTorch(undefined) }, { src: toKeras('junk') }]);
  for (const r of res) assert.equal(r.error, undefined, r.error);
  assert.equal(describeRun(undefined).data.name, 'spiral');
});

const HOSTILE = ["'''\"\n)import os#", 'a\\', '\\\'); import os #', '"""\r\nimport os', 'x\u2028import os\u2029',
  '\u202Eimport os', 'é😀\u0000import os\t\x7f', '\uD800import os', "f'{__import__(\"os\")}'"];

test('hostile labels stay inside a string literal', () => {
  const jobs = [];
  for (const label of HOSTILE) {
    for (const [opt, sched] of [['adam', 'constant'], ['keras_adam', 'onecycle'], ['sgd', 'reduce_on_plateau']]) {
      const cfg = config({ runs: [run(opt, sched, { label })] });
      for (const src of [toPyTorch(cfg), toKeras(cfg)]) {
        const expect = label.replace(/[\uD800-\uDFFF]/g, (c) => c);  // python keeps a lone surrogate as is
        jobs.push({ src, label: expect, markers: ['import os', '__import__'] });
      }
    }
  }
  const res = python(jobs);
  res.forEach((r, i) => {
    const where = `label ${JSON.stringify(jobs[i].label)}`;
    assert.equal(r.error, undefined, `${where}: ${r.error}`);
    assert.equal(r.label_literals, 1, `${where}: the label is one string literal`);
    assert.deepEqual(r.outside, [], `${where}: label text outside a string or comment`);
    assert.ok(!r.names.includes('os') && !r.names.includes('__import__'), where);
  });
  assert.equal(pyStr("'''\"\n)import os#"), "'\\'\\'\\'\\\"\\n)import os#'");
});

test('hostile values in the config never reach the Python text', () => {
  const evil = '0); import os #';
  const cfg = config({
    runs: [{
      label: 'x', min_lr: evil,
      optimizer: { name: 'sgd', lr: evil, momentum: { toString: () => evil }, nesterov: evil },
      schedule: { name: 'multistep', interval: evil, milestones: [evil, 5, NaN, Infinity, -3, 2.7], gamma: [evil] },
    }],
  });
  cfg.data = { name: evil, samples: evil, classes: evil };
  cfg.model = { hidden: [evil, 8], activation: evil };
  cfg.seed = evil;
  const srcs = [toPyTorch(cfg), toKeras(cfg)];
  for (const s of srcs) assert.ok(!s.includes('import os'), s);
  assert.match(srcs[0], /MultiStepLR\(optimizer, milestones=\[2, 5\], gamma=0\.1\)/);
  const res = python(srcs.map((src) => ({ src })));
  for (const r of res) assert.equal(r.error, undefined, r.error);
  assert.equal(pyNum(NaN), "float('nan')");
  assert.equal(pyNum(-Infinity), "float('-inf')");
  assert.equal(pyNum(1e21), '1e+21');
  assert.equal(pyNum(5e-324), '5e-324');
});

/* ----------------------------------------- the Python formulas, run */
function near(got, want, rtol, atol, where) {
  assert.equal(got.length, want.length, where);
  got.forEach((g, i) => {
    assert.ok(Math.abs(g - want[i]) <= atol + rtol * Math.abs(want[i]), `${where}[${i}]: ${g} vs ${want[i]}`);
  });
}

function goldenRun(name, interval = 'batch') {
  const g = golden(name);
  const s = { ...g.spec.scheduler };
  if (s.step_size_down === null) s.step_size_down = 0;
  const cfg = config({ runs: [{ label: name, min_lr: 0, optimizer: { name: 'adam', ...OPTIMIZERS.adam, lr: g.spec.base_lr }, schedule: { ...s, interval } }] });
  return { g, cfg, n: g.expect.lr.length };
}

test('the Python schedule functions the snippets carry reproduce the golden traces', () => {
  const jobs = [];
  const meta = [];
  // Keras has no OneCycleLR / CyclicLR / range ramp: lr_at(step) carries the formula.
  for (const name of ['onecycle', 'onecycle-linear-3phase', 'cyclic-exp-range', 'cyclic-triangular2', 'lr-range-exp', 'lr-range-linear']) {
    const { g, cfg, n } = goldenRun(name);
    jobs.push({ src: toKeras(cfg), fn: 'lr_at', n });
    meta.push({ name: `keras ${name}`, g });
  }
  // PyTorch has no InverseTimeDecay / range ramp: LambdaLR(lr_factor) times the run's rate.
  for (const name of ['inverse-time', 'lr-range-exp', 'lr-range-linear']) {
    const { g, cfg, n } = goldenRun(name);
    jobs.push({ src: toPyTorch(cfg), fn: 'lr_factor', n, scale: g.spec.base_lr });
    meta.push({ name: `torch ${name}`, g });
  }
  const res = python(jobs);
  res.forEach((r, i) => {
    assert.equal(r.error, undefined, `${meta[i].name}: ${r.error}`);
    near(r.values, meta[i].g.expect.lr, Math.max(meta[i].g.tol.rtol, 1e-12), meta[i].g.tol.atol, meta[i].name);
  });
});

test('Keras schedule objects the snippets build reproduce the golden (torch) traces', () => {
  const jobs = [];
  const meta = [];
  for (const name of ['step', 'multistep', 'exponential', 'cosine', 'cosine-warm-restarts', 'linear-warmup', 'inverse-time']) {
    const { g, cfg, n } = goldenRun(name);
    // Keras' CosineDecay holds its floor past decay_steps where torch's rises again (said in the snippet).
    const upto = name === 'cosine' ? g.spec.scheduler.T_max + 1 : n;
    jobs.push({ src: toKeras(cfg), schedule: 1000, n: upto });
    meta.push({ name, want: g.expect.lr.slice(0, upto), tol: g.tol });
  }
  const res = python(jobs);
  res.forEach((r, i) => {
    assert.equal(r.error, undefined, `${meta[i].name}: ${r.error}`);
    near(r.values, meta[i].want, 1e-12, 1e-15, `keras ${meta[i].name}`);
  });
});

test('plateau flavors converted: torch settings from a Keras run (and back) give the same rates', () => {
  const jobs = [];
  const meta = [];
  // Keras-flavor golden traces, exported to PyTorch, simulated with torch's rules.
  for (const name of ['plateau-keras-default', 'plateau-keras-max', 'plateau-keras-seed-example']) {
    const { g, cfg } = goldenRun(name, 'epoch');
    jobs.push({ src: toPyTorch(cfg), plateau: { as: 'torch', lr: g.spec.base_lr, metrics: g.spec.metrics } });
    meta.push({ name, g, upto: g.expect.lr.length });
  }
  // Torch-flavor traces (absolute thresholds; eps only until it starts skipping cuts), exported to Keras.
  for (const name of ['plateau-torch-abs-cooldown', 'plateau-torch-eps']) {
    const { g, cfg } = goldenRun(name, 'epoch');
    const s = g.spec.scheduler;
    let upto = g.expect.lr.length;
    const k = g.expect.lr.findIndex((lr) => lr - lr * s.factor <= s.eps);
    if (k >= 0) upto = k + 1;
    jobs.push({ src: toKeras(cfg), plateau: { as: 'keras', lr: g.spec.base_lr, metrics: g.spec.metrics } });
    meta.push({ name, g, upto });
  }
  const res = python(jobs);
  res.forEach((r, i) => {
    const { name, g, upto } = meta[i];
    assert.equal(r.error, undefined, `${name}: ${r.error}`);
    assert.ok(upto > 20, `${name}: compared ${upto} epochs`);
    assert.ok(new Set(g.expect.lr.slice(0, upto)).size > 1 || name === 'plateau-keras-default', `${name}: the trace has cuts`);
    // Keras keeps the rate as float32: compare at float32 precision.
    near(r.values.slice(0, upto), g.expect.lr.slice(0, upto), 1e-6, 1e-12, `${name} (${JSON.stringify(r.kwargs)})`);
  });
});

/* ------------------------------------------- issue 10: what real PyTorch found */
test('both snippets split the data as lrplay: rows × val_frac rounded half up (spiral 135 × 0.05: 7 rows)', async () => {
  const core = await loadCore();
  const cases = [['spiral', 135, 0.05], ['moons', 30, 0.5], ['gauss', 50, 0.05], ['sine', 10, 0.35], ['xor', 101, 0.25],
    ['circles', 1000, 0.123], ['digits', 0, 0.25], ['digits', 0, 0.05]];
  const jobs = [];
  const want = [];
  for (const [name, samples, valFrac] of cases) {
    const cfg = { data: { name, val_frac: valFrac, ...(samples ? { samples } : {}) }, batch_size: 32 };
    const d = core.dataset(cfg);
    const w = [d.y_val.length, d.y_train.length];
    for (const src of [toPyTorch(cfg), toKeras(cfg)]) { jobs.push({ src, split: true }); want.push({ w, what: `${name} ${samples} × ${valFrac}` }); }
  }
  assert.deepEqual(want[0].w, [7, 128], 'the case from the issue');
  python(jobs).forEach((r, i) => {
    assert.equal(r.error, undefined, r.error);
    assert.deepEqual(r.split, want[i].w, `${want[i].what}: [n_val, n_train]`);
  });
});

test('digits: both snippets train on scikit-learn\'s load_digits, not stand-in data', () => {
  const cfg = config({ data: 'digits' });
  for (const src of [toPyTorch(cfg), toKeras(cfg)]) {
    assert.match(src, /^from sklearn\.datasets import load_digits$/m);
    assert.match(src, /^X, y = load_digits\(return_X_y=True\)$/m);
    assert.match(src, /scikit-learn's load_digits/);
    assert.doesNotMatch(src, /randn|standard_normal|randint|rng\.integers/);
  }
  assert.doesNotMatch(toPyTorch(config({ data: 'moons' })), /sklearn/);
});

test('Keras snippets set lrplay\'s rates: warm-up, T_0/T_max after it, floors, decay, cycles; early stopping as configured', () => {
  const jobs = [];
  const meta = [];
  for (const c of TABLE) {
    const config0 = { ...c.config, runs: c.config.runs.map(({ expect, ...rc }) => rc) };
    const res = runBin(nativeBin, ['train', '-'], JSON.stringify(config0));
    assert.equal(res.status, 0, res.stderr);
    const runs = JSON.parse(res.stdout).runs;
    config0.runs.forEach((rc, i) => {
      // Keras' ReduceLROnPlateau is a callback on real metrics; its conversion is checked above.
      // CosineDecay holds its floor past decay_steps where torch's cosine rises again (said in the snippet).
      if (rc.schedule?.name === 'reduce_on_plateau' || /periodic/.test(rc.label)) return;
      jobs.push({ src: toKeras(config0, i), keras_rates: true });
      meta.push({ where: `${c.name} / ${rc.label}`, lrplay: runs[i], es: rc.early_stopping });
    });
  }
  assert.ok(jobs.length >= 45, `${jobs.length} runs`);
  python(jobs).forEach((r, i) => {
    const { where, lrplay, es } = meta[i];
    assert.equal(r.error, undefined, `${where}: ${r.error}\n${jobs[i].src}`);
    near(r.values.slice(0, lrplay.epochs), lrplay.lr, 1e-12, 0, where);
    if (!es) { assert.equal(r.es, null, where); return; }
    assert.deepEqual(r.es, {
      monitor: es.monitor === 'val_acc' ? 'val_accuracy' : 'val_loss',
      mode: es.mode === 'max' || (es.mode !== 'min' && es.monitor === 'val_acc') ? 'max' : 'min',
      min_delta: es.min_delta ?? 0, patience: es.patience ?? 0, baseline: es.baseline || null,
      start_from_epoch: es.start_from_epoch ?? 0, restore_best_weights: es.restore_best_weights ?? false, verbose: 1,
    }, where);
  });
});

test('the rate reported for each epoch is the one its first update applies (Keras Adam: decayed)', () => {
  const cfg = config({ runs: [run('keras_adam', 'cosine', { min_lr: 1e-4 })] });
  const torch = toPyTorch(cfg);
  // taken before the epoch's first update, through the same function the updates use
  assert.match(torch, /for epoch in range\(EPOCHS\):\n {4}lr = applied_lr\(optimizer\.param_groups\[0\]\['lr'\]\)\n/);
  assert.match(torch, /lr = lr \/ \(1 \+ KERAS_DECAY \* iterations\)/);
  assert.ok(torch.indexOf("history[k].append(v)") < torch.indexOf('scheduler.step()  # per epoch'));
  const keras = toKeras(cfg);
  assert.match(keras, /lr \/= 1 \+ 0\.01 \* int\(opt\.iterations\.numpy\(\)\)/);
  assert.match(keras, /callbacks = \[\n(.*\n)*? {4}rates,\n\]/, 'the rates are read after every callback that sets them');
});

test('onecycle: a run lrplay refuses says so in both snippets; total_steps 0 is the run\'s length', () => {
  // 40 epochs of 15 batches (480 training rows of 600, batches of 32): 600 batch updates.
  const short = config({ runs: [run('adam', 'onecycle', { interval: 'batch' }, { total_steps: 599 })] });
  const res = runBin(nativeBin, ['train', '-'], JSON.stringify(short));
  assert.equal(res.status, 2);
  assert.match(res.stderr, /total_steps: 599 is shorter than the run's 600 batch updates/);
  for (const src of [toPyTorch(short), toKeras(short)]) {
    assert.match(src, /# lrplay refuses this run: total_steps 599 is shorter than its 600 batch updates,\n# and PyTorch's OneCycleLR raises ValueError at step 600\./);
  }
  for (const total of [0, 600]) {
    const ok = config({ runs: [run('adam', 'onecycle', { interval: 'batch' }, { total_steps: total })] });
    assert.equal(runBin(nativeBin, ['train', '-'], JSON.stringify({ ...ok, epochs: 1, runs: ok.runs.map((r) => ({ ...r, schedule: { ...r.schedule, total_steps: total && 15 } })) })).status, 0);
    assert.doesNotMatch(toPyTorch(ok), /refuses/);
    assert.match(toPyTorch(ok), total ? /total_steps=600,/ : /total_steps=RUN_STEPS,/);
  }
  const pct = config({ runs: [run('adam', 'onecycle', { interval: 'epoch' }, { total_steps: 40, pct_start: 0.025 })] });
  assert.equal(runBin(nativeBin, ['train', '-'], JSON.stringify(pct)).status, 2);
  assert.match(toKeras(pct), /lrplay refuses this run: pct_start \* total_steps = 1/);
});
