// run.js — describeRun: everything the snippets need from a config, checked, with defaults filled in.
// Kinds, fields, ranges and defaults all come from the core's schema (../core/schema.gen.js), so a
// field the config lacks takes the core's own default for that kind.
import { isObj, own, num, int, bool, choice } from './python.js';
import { ENUMS, OPTIMIZER, SCHEDULE, DATA, EXPERIMENT, RUN } from '../core/schema.gen.js';

// How each activation is written; every kind in ENUMS.activation has one (tests/node/schema-consumers).
export const ACTS = {
  relu: { torch: 'nn.ReLU()', keras: 'relu' },
  tanh: { torch: 'nn.Tanh()', keras: 'tanh' },
  sigmoid: { torch: 'nn.Sigmoid()', keras: 'sigmoid' },
  gelu: { torch: 'nn.GELU()', keras: 'gelu' },
};

// A kind's name the config lacks: the core's enum value 0, which is what its defaults hold
// (data spiral, optimizer adam, a run's schedule constant; checked against the core in the tests).
const defaultKind = (list) => list[0];

const clamp = (x, spec) => Math.min(spec.max, Math.max(spec.min, x));

/** A field's value from an untrusted config, or the spec's default; numbers clamped to the range. */
export function readField(spec, v) {
  switch (spec.type) {
    case 'number': return clamp(num(v, spec.default), spec);
    case 'int': return clamp(int(v, spec.default), spec);
    case 'bool': return bool(v, spec.default);
    case 'enum': return choice(v, spec.choices, spec.default);
    case 'int_list': {
      // Items that are not whole numbers in range are left out (never clamped into a new item).
      if (!Array.isArray(v)) return [...spec.default];
      return v.map((m) => int(m, NaN)).filter((m) => m >= spec.min && m <= spec.max).slice(0, spec.maxItems);
    }
    default: return typeof v === 'string' ? v : spec.default;
  }
}

/** Every field of `specs` read from `src` into `out` under its last path component. */
function readAll(specs, src, out) {
  for (const [path, spec] of Object.entries(specs)) {
    const leaf = path.slice(path.lastIndexOf('.') + 1);
    out[leaf] = readField(spec, own(src, leaf));
  }
  return out;
}

/** The schedule's fields: the plateau scheduler's depend on its flavor (the Keras one has its own). */
function readSchedule(src) {
  const name = choice(own(src, 'name'), ENUMS.schedule, defaultKind(ENUMS.schedule));
  const flavor = SCHEDULE[name].flavor ? readField(SCHEDULE[name].flavor, own(src, 'flavor')) : null;
  const specs = SCHEDULE[`${name}/${flavor}`] ?? SCHEDULE[name];
  const sched = readAll(specs, src, { name });
  // Kinds without an interval (the plateau scheduler) are checked once per epoch.
  if (!specs.interval) sched.interval = 'epoch';
  // Milestones in increasing order, as the core holds them.
  if (sched.milestones) sched.milestones.sort((a, b) => a - b);
  return sched;
}

/** Everything the snippets need from a config, checked and with defaults filled in. */
export function describeRun(config, runIndex = 0) {
  const c = isObj(config) ? config : {};
  const data = own(c, 'data') ?? {};
  const dname = choice(own(data, 'name'), ENUMS.data, defaultKind(ENUMS.data));
  const { fields: dfields, shape } = DATA[dname];
  const dval = (f) => (dfields[`data.${f}`] ? readField(dfields[`data.${f}`], own(data, f)) : null);
  const classes = dval('classes') ?? shape.n_out;
  const model = own(c, 'model') ?? {};
  const exp = (path, src) => readField(EXPERIMENT[path], own(src, path.slice(path.lastIndexOf('.') + 1)));

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
  const okind = choice(own(optSrc, 'name'), ENUMS.optimizer, defaultKind(ENUMS.optimizer));
  const opt = readAll(OPTIMIZER[okind], optSrc, { name: okind });
  const sched = readSchedule(run ? (own(run, 'schedule') ?? {}) : {});
  const es = readEarlyStopping(run ? own(run, 'early_stopping') : undefined);
  const samples = dval('samples') ?? shape.rows;
  const valFrac = dval('val_frac');
  const epochs = exp('epochs', c);
  const batchSize = exp('batch_size', c);
  const { nVal, nTrain, stepsPerEpoch } = split(samples, valFrac, batchSize);

  return {
    index, nRuns: runs.length,
    label: run && typeof own(run, 'label') === 'string' ? own(run, 'label') : null,
    minLr: run ? readField(RUN.min_lr, own(run, 'min_lr')) : 0,
    seed: exp('seed', c),
    epochs,
    batchSize,
    data: {
      name: dname, nIn: shape.n_in, task: shape.task, nOut: shape.task === 'regression' ? shape.n_out : classes,
      samples, noise: dval('noise'), valFrac, classes, nVal, nTrain,
    },
    stepsPerEpoch,
    // The run's length in schedule steps: batches or epochs by the interval (the plateau
    // scheduler: epochs), as the core's run_steps.
    runSteps: sched.interval === 'batch' && sched.name !== 'reduce_on_plateau' ? epochs * stepsPerEpoch : epochs,
    hidden: exp('model.hidden', model),
    act: exp('model.activation', model),
    opt, sched, es,
  };
}

/**
 * lrplay's split (c_src/data.c, lrp_data_split): the validation rows are rows * val_frac rounded
 * half up, at least 1 and at most rows - 1; a batch is at most the training rows.
 */
export function split(rows, valFrac, batchSize) {
  const nVal = Math.min(Math.max(Math.trunc(rows * valFrac + 0.5), 1), rows - 1);
  const nTrain = rows - nVal;
  return { nVal, nTrain, stepsPerEpoch: Math.ceil(nTrain / Math.min(batchSize, nTrain)) };
}

/** A run's early stopping (runs.N.early_stopping.*), with the core's defaults; `on` unless monitor is off. */
function readEarlyStopping(src) {
  const es = {};
  for (const [path, spec] of Object.entries(RUN)) {
    if (path.startsWith('early_stopping.')) es[path.slice('early_stopping.'.length)] = readField(spec, own(src, path.slice('early_stopping.'.length)));
  }
  es.on = es.monitor !== 'off';
  // mode auto is Keras' rule: max for an accuracy, min otherwise (c_src/earlystop.c).
  es.dir = es.mode === 'max' || (es.mode === 'auto' && es.monitor === 'val_acc') ? 'max' : 'min';
  return es;
}
