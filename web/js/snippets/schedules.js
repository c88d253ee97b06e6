// schedules.js — every scheduler kind as one entry {torch(r), keras(r), steps?} (see
// schedules-decay.js for the contract), and what all kinds share: the interval comment, where the
// torch scheduler steps, and the Keras wiring (a schedule object or a callback, and the run's floor).
import { pyNum } from './python.js';
import { intervalComment, unitWord } from './common.js';
import { DECAY_SCHEDULES, LS } from './schedules-decay.js';
import { PLATEAU_SCHEDULES } from './schedules-plateau.js';
import { CYCLE_SCHEDULES } from './schedules-cycles.js';

export const SCHEDULES = { ...DECAY_SCHEDULES, ...PLATEAU_SCHEDULES, ...CYCLE_SCHEDULES };

/**
 * The torch scheduler's lines and where it steps: {lines, where}, where is null (no scheduler),
 * 'plateau' (on the validation loss), 'epoch' or 'batch'.
 */
export function torchScheduler(r) {
  const s = r.sched;
  const kind = SCHEDULES[s.name];
  const lines = kind.torch(r);
  if (kind.steps === 'never') return { lines, where: null };
  if (kind.steps === 'plateau') return { lines, where: 'plateau', stepLines: kind.torchStep(r) };
  const head = [intervalComment(r), `# Schedule: ${s.name}.`];
  if (!(s.warmup > 0)) return { lines: [...head, ...lines], where: s.interval };
  // Warm-up: the kind's scheduler runs after a LinearLR, as the core (c_src/schedule.c).
  const at = lines.findIndex((l) => l.startsWith('scheduler = '));
  const main = [...lines.slice(0, at), lines[at].replace(/^scheduler = /, 'after_warmup = '), ...lines.slice(at + 1)];
  return {
    lines: [...head, ...main,
      `# Warm-up: the first ${pyNum(s.warmup)} ${unitWord(r)} rise linearly from lr * ${pyNum(s.warmup_start_factor)} to lr (LinearLR); then the`,
      '# schedule above runs from its own step 0 (SequentialLR restarts it at the milestone).',
      `warmup = ${LS}.LinearLR(optimizer, start_factor=${pyNum(s.warmup_start_factor)}, end_factor=1.0, total_iters=${pyNum(s.warmup)})`,
      `scheduler = ${LS}.SequentialLR(optimizer, [warmup, after_warmup], milestones=[${pyNum(s.warmup)}])`],
    where: s.interval,
  };
}

const FLOOR_SCHEDULE = [
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
];

const BATCH_CALLBACK = [
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
];

/** A kind's Keras schedule behind a warm-up: a Python lr_at(step) (c_src/schedule.c's rule). */
function kerasWarmup(r, k) {
  const s = r.sched;
  const lines = [...k.lines];
  let after = k.lrArg;   // a kind that came out as a constant rate
  if (k.native !== undefined) {
    lines.push(`schedule = ${k.native}`);
    after = 'float(schedule(step - WARMUP))';
  }
  return {
    lines,
    fn: [
      `WARMUP, WARMUP_START = ${pyNum(s.warmup)}, ${pyNum(s.warmup_start_factor)}`,
      '',
      'def lr_at(step):',
      `    """A linear warm-up over the first WARMUP ${unitWord(r)} from lr * WARMUP_START to lr (PyTorch's LinearLR),`,
      "    then the schedule from its own step 0 (PyTorch's SequentialLR), as lrplay.\"\"\"",
      '    if step < WARMUP:',
      `        return ${pyNum(r.opt.lr)} * (WARMUP_START + (1 - WARMUP_START) * step / WARMUP)`,
      `    return ${after}`,
    ],
  };
}

/** {lines, lrArg, callbacks: [python exprs], helpers: [lines]} for the run's schedule in Keras. */
export function kerasSchedule(r) {
  const s = r.sched;
  let k = SCHEDULES[s.name].keras(r);
  if (s.warmup > 0) k = kerasWarmup(r, k);
  if (k.native === undefined && k.fn === undefined) return k;
  const batch = s.interval === 'batch';
  const floor = r.minLr > 0;
  const floorNote = `# The run's min_lr (${pyNum(r.minLr)}) is lrplay's floor under every rate of the run.`;
  const L = [intervalComment(r), `# Schedule: ${s.name}.`, ...k.lines];
  const helpers = [];
  const callbacks = [];
  let lrArg = pyNum(r.opt.lr);
  if (k.native !== undefined) {
    L.push(`schedule = ${k.native}`);
    if (batch) {
      L.push('# Keras schedules count optimizer updates (batches), as lrplay\'s interval=batch.');
      if (floor) {
        helpers.push(...FLOOR_SCHEDULE);
        L.push(floorNote);
        lrArg = `Floor(schedule, ${pyNum(r.minLr)})`;
      } else {
        lrArg = 'schedule';
      }
    } else {
      L.push('# interval=epoch: the schedule is evaluated at the epoch number, at the start of every epoch.');
      if (floor) L.push(floorNote);
      callbacks.push(`tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: ${floor ? 'max(' : ''}float(schedule(epoch))${floor ? `, ${pyNum(r.minLr)}))` : ')'}`);
    }
    return { lines: L, lrArg, callbacks, helpers };
  }
  // No Keras schedule object: a Python function of the step, set by a callback.
  L.push(...k.fn);
  if (floor) L.push(floorNote);
  const f = floor ? `max(lr_at(STEP), ${pyNum(r.minLr)})` : 'lr_at(STEP)';
  if (batch) {
    helpers.push(...BATCH_CALLBACK);
    callbacks.push(`BatchLR(lambda step: ${f.replace('STEP', 'step')})`);
  } else {
    callbacks.push(`tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: ${f.replace('STEP', 'epoch')})`);
  }
  return { lines: L, lrArg, callbacks, helpers };
}
