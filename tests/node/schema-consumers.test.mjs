// The page modules that read configs on their own — the snippets (web/js/snippets/) and the
// controls' labels — take kinds, fields and defaults from the core's schema: every kind has a
// snippet entry and a label, and a field a config lacks takes the core's own default (asked of
// the WebAssembly core itself, not only of web/js/core/schema.gen.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../web/js/core.js';
import { ENUMS, OPTIMIZER, SCHEDULE, DATA, EXPERIMENT, RUN } from '../../web/js/core/schema.gen.js';
import { describeRun, toPyTorch, toKeras, pyNum } from '../../web/js/snippets.js';
import { OPTIMIZERS } from '../../web/js/snippets/optimizers.js';
import { SCHEDULES } from '../../web/js/snippets/schedules.js';
import { ACTS } from '../../web/js/snippets/run.js';
import { explicitLabel, CHOICE_LABELS } from '../../web/js/controls.js';

const core = await loadCore();
/** The core's canonical form of `config` (strict: the test's configs are all valid). */
const canonical = (config) => core.readConfig(config).config;

// Every scheduler variant the core knows: each kind, and the plateau scheduler in both flavors.
const SCHED_VARIANTS = ENUMS.schedule.flatMap((name) => (SCHEDULE[name].flavor
  ? SCHEDULE[name].flavor.choices.map((flavor) => ({ name, flavor })) : [{ name }]));

test('every optimizer, scheduler and activation kind of the core has a snippet entry, and no other', () => {
  assert.deepEqual(Object.keys(OPTIMIZERS).sort(), [...ENUMS.optimizer].sort());
  assert.deepEqual(Object.keys(SCHEDULES).sort(), [...ENUMS.schedule].sort());
  assert.deepEqual(Object.keys(ACTS).sort(), [...ENUMS.activation].sort());
  for (const k of Object.keys(SCHEDULE)) assert.ok(SCHEDULES[k.split('/')[0]], `schedule ${k}`);
});

test('a sparse run reads as the core reads it: every optimizer kind, its defaults', () => {
  for (const name of ENUMS.optimizer) {
    const sparse = { runs: [{ optimizer: { name } }] };
    const want = canonical(sparse).runs[0].optimizer;
    assert.deepEqual(describeRun(sparse).opt, want, `optimizer ${name}: the snippets' fallbacks are the core's defaults`);
    // and a canonical config reads back unchanged
    assert.deepEqual(describeRun(canonical(sparse)).opt, want, `optimizer ${name}: canonical`);
  }
});

test('a sparse run reads as the core reads it: every scheduler kind and flavor, its defaults', () => {
  for (const sched of SCHED_VARIANTS) {
    const sparse = { runs: [{ schedule: sched }] };
    const got = describeRun(sparse).sched;
    const what = `schedule ${JSON.stringify(sched)}`;
    let want;
    try {
      want = canonical(sparse).runs[0].schedule;
    } catch (e) {
      // The range test's ramp is no run schedule: the core's rates from the bare kind and from
      // every value the snippets filled in must be the same.
      assert.match(e.message, /not a training schedule/, what);
      const rates = (scheduler) => core.runSpec({ kind: 'schedule', base_lr: 1e-3, scheduler, steps: 400 }).lr;
      assert.deepEqual(rates(got), rates(sched), `${what}: the snippets' fallbacks are the core's defaults`);
      continue;
    }
    // Kinds without an interval field (the plateau scheduler) step per epoch; the snippets say so.
    if (!('interval' in want)) assert.equal(got.interval, 'epoch', what);
    const { interval, ...rest } = got;
    assert.deepEqual('interval' in want ? got : rest, want, `${what}: the snippets' fallbacks are the core's defaults`);
    assert.deepEqual(describeRun(canonical(sparse)).sched, got, `${what}: canonical`);
  }
});

test('a run\'s early stopping reads as the core reads it: its defaults, and each field given', () => {
  const fields = (es) => Object.fromEntries(Object.entries(es).filter(([k]) => !['on', 'dir'].includes(k)));
  for (const early_stopping of [undefined, {}, { monitor: 'val_acc' }, { monitor: 'val_loss', patience: 3, min_delta: 0.01, baseline: 0.5,
    start_from_epoch: 2, restore_best_weights: true, mode: 'max' }]) {
    const sparse = { runs: [{ ...(early_stopping ? { early_stopping } : {}) }] };
    const want = canonical(sparse).runs[0].early_stopping;
    const got = describeRun(sparse).es;
    assert.deepEqual(fields(got), want, `early_stopping ${JSON.stringify(early_stopping)}: the snippets' fallbacks are the core's defaults`);
    assert.equal(got.on, want.monitor !== 'off');
  }
});

test('experiment, data and run fields a config lacks take the core\'s defaults', () => {
  const bare = canonical({ runs: [{}] });
  const r = describeRun({ runs: [{}] });
  assert.equal(r.data.name, bare.data.name);
  assert.equal(r.opt.name, bare.runs[0].optimizer.name);
  assert.equal(r.sched.name, bare.runs[0].schedule.name);
  assert.equal(r.seed, bare.seed);
  assert.equal(r.epochs, bare.epochs);
  assert.equal(r.batchSize, bare.batch_size);
  assert.deepEqual(r.hidden, bare.model.hidden);
  assert.equal(r.act, bare.model.activation);
  assert.equal(r.minLr, bare.runs[0].min_lr);
  assert.equal(describeRun({}).opt.name, canonical({}).optimizer.name, 'no runs: the top-level optimizer');
  for (const name of ENUMS.data) {
    const d = canonical({ data: { name } }).data;
    const got = describeRun({ data: { name } }).data;
    assert.equal(got.valFrac, d.val_frac, name);
    if ('samples' in d) assert.equal(got.samples, d.samples, `${name}: samples`);
    if ('noise' in d) assert.equal(got.noise, d.noise, `${name}: noise`);
    if ('classes' in d) assert.equal(got.nOut, d.classes, `${name}: classes`);
    assert.equal(got.nIn, DATA[name].shape.n_in, name);
  }
});

test('the snippets write the core\'s defaults for a sparse run (fixed: T_0, milestones, gamma, cyclic, noise)', () => {
  const core0 = (sched) => canonical({ runs: [{ schedule: sched }] }).runs[0].schedule;
  const cyc = core0({ name: 'cyclic' });
  const torchCyc = toPyTorch({ runs: [{ schedule: { name: 'cyclic' } }] });
  assert.ok(torchCyc.includes(`CyclicLR(optimizer, base_lr=${pyNum(cyc.base_lr)}, max_lr=${pyNum(cyc.max_lr)},`), torchCyc);
  assert.ok(torchCyc.includes(`gamma=${pyNum(cyc.gamma)},`) && torchCyc.includes('scheduler.step()  # per batch'));
  const ms = core0({ name: 'multistep' });
  assert.ok(toPyTorch({ runs: [{ schedule: { name: 'multistep' } }] })
    .includes(`milestones=[${ms.milestones.join(', ')}]`));
  assert.ok(toPyTorch({ runs: [{ schedule: { name: 'exponential' } }] })
    .includes(`ExponentialLR(optimizer, gamma=${pyNum(core0({ name: 'exponential' }).gamma)})`));
  assert.ok(toKeras({ runs: [{ schedule: { name: 'cosine_warm_restarts' } }] })
    .includes(`first_decay_steps=${pyNum(core0({ name: 'cosine_warm_restarts' }).T_0)},`));
  assert.ok(toKeras({ runs: [{ schedule: { name: 'inverse_time' } }] })
    .includes(`decay_rate=${pyNum(core0({ name: 'inverse_time' }).decay_rate)},`));
  const moons = canonical({ data: { name: 'moons' } }).data;
  assert.ok(toPyTorch({ data: { name: 'moons' } }).includes(`noise ${pyNum(moons.noise)},`));
  // no hidden layers is a linear model in the core, and in the snippets
  assert.deepEqual(canonical({ model: { hidden: [] } }).model.hidden, []);
  assert.match(toPyTorch({ model: { hidden: [] } }), /model = nn\.Sequential\(\n {4}nn\.Linear\(2, 3\),\n\)/);
});

test('every field and every choice of the schema has a label on the page', () => {
  const fields = [
    'data.name', ...Object.keys(EXPERIMENT), ...Object.values(DATA).flatMap((d) => Object.keys(d.fields)),
    'optimizer.name', ...Object.values(OPTIMIZER).flatMap((k) => Object.keys(k).map((f) => `optimizer.${f}`)),
    ...Object.keys(RUN).map((f) => `runs.0.${f}`), 'runs.0.optimizer.name', 'runs.0.schedule.name',
    ...Object.values(SCHEDULE).flatMap((k) => Object.keys(k).map((f) => `runs.0.schedule.${f}`)),
  ];
  for (const f of fields) assert.ok(explicitLabel(f), `${f} has no label in web/js/controls.js`);
  const specs = [EXPERIMENT, RUN, ...Object.values(DATA).map((d) => d.fields), ...Object.values(OPTIMIZER),
    ...Object.values(SCHEDULE)].flatMap((o) => Object.values(o));
  const choices = [...ENUMS.optimizer, ...ENUMS.schedule, ...ENUMS.data, ...specs.flatMap((s) => s.choices ?? [])];
  assert.ok(choices.includes('exp_range') && choices.includes('keras'));
  for (const c of choices) assert.ok(CHOICE_LABELS[c], `choice ${c} has no label in web/js/controls.js`);
  // and the check can fail
  assert.equal(explicitLabel('runs.0.schedule.not_a_field'), null);
});
