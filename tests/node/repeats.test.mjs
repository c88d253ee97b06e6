// Repeats over seeds and the picked rate, through every runner: the native CLI, the Node CLI on
// both WebAssembly builds, and the JavaScript API one seed at a time (as the page's workers run
// them). Every per_seed entry must equal the single-seed output of its seed, key by key; the
// summaries must agree across runners bit for bit and with values worked out here from the
// per-seed numbers; the pick must follow its documented fallback order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameBits } from './compare.mjs';
import { run } from './native.mjs';
import { runNode, FLAVORS, nativeBin } from './wasm-util.mjs';
import { loadCore, toJSON } from '../../web/js/core.js';

const BASE = {
  seed: 5, data: { name: 'moons', samples: 200 }, model: { hidden: [8] }, epochs: 5,
  find: { num_iter: 40 },
  runs: [
    { label: 'constant', optimizer: { name: 'adam', lr: 0.01 }, schedule: { name: 'constant' } },
    { label: 'plateau', optimizer: { name: 'adam', lr: 0.05 },
      schedule: { name: 'reduce_on_plateau', flavor: 'keras', factor: 0.5, patience: 0 } },
    { label: 'stops', optimizer: { name: 'sgd', lr: 0.5 }, schedule: { name: 'cosine' },
      early_stopping: { monitor: 'val_loss', patience: 0 } },
  ],
};
const R = 3;
const REPEATED = { ...BASE, repeats: R };
const FALLBACK = ['steep', 'valley', 'slide', 'gradient', 'minimum'];

function native(args, config) {
  const r = run(nativeBin, args, JSON.stringify(config));
  assert.equal(r.status, 0, `native ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
function node(args, config, flavor) {
  const r = runNode([...args, '--flavor', flavor], JSON.stringify(config));
  assert.equal(r.status, 0, `node ${flavor} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
function same(got, want, what) {
  assert.equal(sameBits(got, want), null, what);
  assert.deepEqual(got, want, what);
  assert.deepEqual(Object.keys(got), Object.keys(want), `${what}: key order`);
}
const single = (k) => ({ ...BASE, seed: BASE.seed + k });
const withoutSeed = ({ seed, ...rest }) => rest;   // eslint-disable-line no-unused-vars

// The runners' outputs, parsed: native first.
const runners = [['native', (args, c) => native(args, c)], ...FLAVORS.map((f) => [`node ${f}`, (args, c) => node(args, c, f)])];

for (const cmd of ['find', 'train']) {
  test(`${cmd}: every per_seed entry is the single-seed output of its seed, on every runner`, () => {
    for (const [name, go] of runners) {
      const rep = JSON.parse(go([cmd, '-'], REPEATED));
      for (let k = 0; k < R; k++) {
        const one = JSON.parse(go([cmd, '-'], single(k)));
        if (cmd === 'find') {
          const entry = rep.find.per_seed[k];
          assert.equal(entry.seed, BASE.seed + k);
          same(withoutSeed(entry), one.find, `${name} find seed ${k}`);
        } else {
          rep.runs.forEach((run, i) => {
            assert.equal(run.per_seed[k].seed, BASE.seed + k);
            same(withoutSeed(run.per_seed[k]), one.runs[i], `${name} run ${i} seed ${k}`);
          });
        }
      }
    }
  });

  test(`${cmd}: the summaries agree on every runner, bit for bit, and the CSV byte for byte`, () => {
    const want = JSON.parse(native([cmd, '-'], REPEATED));
    const wantCsv = native([cmd, '-', '--csv'], REPEATED);
    assert.match(wantCsv, /^seed,/);
    for (const flavor of FLAVORS) {
      same(JSON.parse(node([cmd, '-'], REPEATED, flavor)), want, `${flavor} ${cmd}`);
      assert.equal(node([cmd, '-', '--csv'], REPEATED, flavor), wantCsv, `${flavor} ${cmd} --csv`);
    }
  });
}

test('find: the median curve, its band and each suggestion, worked out from the seeds', () => {
  const out = JSON.parse(native(['find', '-'], REPEATED)), f = out.find;
  assert.equal(f.repeats, R);
  const per = f.per_seed;
  const n = Math.min(...per.map((p) => p.lr.length));
  assert.equal(f.lr.length, n);
  const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length; return m % 2 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2; };
  for (let i = 0; i < n; i++) {
    per.forEach((p) => assert.equal(p.lr[i], f.lr[i], 'one rate grid for every seed'));
    const v = per.map((p) => p.smoothed[i]).filter((x) => x !== null);
    assert.equal(f.smoothed_seeds[i], v.length);
    assert.equal(f.smoothed[i], median(v));
    assert.equal(f.smoothed_min[i], Math.min(...v));
    assert.equal(f.smoothed_max[i], Math.max(...v));
  }
  for (const [name, s] of Object.entries(f.spread)) {
    const v = per.map((p) => p.suggestions[name]).filter((x) => x !== undefined);
    assert.equal(s.n, v.length);
    assert.equal(f.suggestions[name], median(v));
    assert.equal(s.min, Math.min(...v));
    assert.equal(s.max, Math.max(...v));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    assert.ok(Math.abs(s.mean - mean) <= 1e-15 * Math.abs(mean));
  }
  assert.equal(out.config.find.pick, 'steep', 'the default pick');
  const first = FALLBACK.find((k) => k in f.suggestions);
  assert.deepEqual(f.picked, { name: first, lr: f.suggestions[first] });
});

test('train: mean, sd, the per-epoch band and the wins, worked out from the seeds', () => {
  const out = JSON.parse(native(['train', '-'], REPEATED));
  const runs = out.runs;
  for (const run of runs) {
    assert.equal(run.repeats, R);
    const best = run.per_seed.map((s) => s.best_val_loss).filter((x) => x !== null);
    const st = run.stats.best_val_loss;
    const mean = best.reduce((a, b) => a + b, 0) / best.length;
    const sd = Math.sqrt(best.reduce((a, b) => a + (b - mean) ** 2, 0) / (best.length - 1));
    assert.equal(st.n, best.length);
    assert.ok(Math.abs(st.mean - mean) <= 1e-15 && Math.abs(st.sd - sd) <= 1e-12, `${st.mean} ${st.sd} vs ${mean} ${sd}`);
    assert.equal(st.min, Math.min(...best));
    const acc = run.per_seed.map((s) => Math.max(...s.val_acc.filter((x) => x !== null)));
    assert.equal(run.stats.best_val_acc.max, Math.max(...acc));
    assert.equal(run.stats.final_val_loss.min, Math.min(...run.per_seed.map((s) => s.final_val_loss)));
    const E = Math.max(...run.per_seed.map((s) => s.epochs));
    assert.equal(run.curves.val_loss.median.length, E);
    for (let e = 0; e < E; e++) {
      const ran = run.per_seed.filter((s) => s.epochs > e);
      assert.equal(run.curves.seeds[e], ran.length);
      assert.equal(run.curves.val_loss.min[e], Math.min(...ran.map((s) => s.val_loss[e])));
      assert.equal(run.curves.val_loss.max[e], Math.max(...ran.map((s) => s.val_loss[e])));
    }
  }
  // early stopping ends some seed early: the curves say how many seeds ran each epoch
  assert.ok(runs[2].per_seed.some((s) => s.stopped_epoch !== null), 'the early-stopped run stopped');
  assert.ok(runs[2].curves.seeds.at(-1) < R || runs[2].per_seed.every((s) => s.epochs === runs[2].per_seed[0].epochs));
  for (let i = 0; i < runs.length; i++) {
    for (let j = 0; j < runs.length; j++) {
      let w = 0;
      for (let k = 0; k < R; k++) {
        const a = runs[i].per_seed[k].best_val_loss, b = runs[j].per_seed[k].best_val_loss;
        if (a !== null && (b === null || a < b)) w++;
      }
      assert.equal(runs[i].beats[j], w, `beats[${i}][${j}]`);
    }
    assert.equal(runs[i].beats[i], 0);
  }
});

test('ties count for neither run: two identical runs beat each other on no seed', () => {
  const twin = { ...REPEATED, runs: [BASE.runs[0], { ...BASE.runs[0], label: 'twin' }] };
  const out = JSON.parse(native(['train', '-'], twin));
  assert.deepEqual(out.runs.map((r) => r.beats), [[0, 0], [0, 0]]);
});

test('the JS API: one seed at a time, then aggregated, equals the whole run (both builds)', async () => {
  const want = { find: JSON.parse(native(['find', '-'], REPEATED)), train: JSON.parse(native(['train', '-'], REPEATED)) };
  for (const flavor of FLAVORS) {
    const core = await loadCore({ flavor });
    const finds = [], trains = [];
    for (let k = R - 1; k >= 0; k--) {   // in any order, as workers finish
      finds[k] = (await core.find(REPEATED, { seedIndex: k })).find;
      trains[k] = (await core.train(REPEATED, { seedIndex: k })).runs;
    }
    same(JSON.parse(toJSON(core.aggregateFind(REPEATED, finds))), want.find, `${flavor} aggregateFind`);
    same(JSON.parse(toJSON(core.aggregateTrain(REPEATED, trains))), want.train, `${flavor} aggregateTrain`);
    // a single run of seeds x runs, as a page spreads them over workers
    const cells = [];
    for (let k = 0; k < R; k++) {
      cells[k] = [];
      for (let i = 0; i < BASE.runs.length; i++) cells[k][i] = (await core.train(REPEATED, { seedIndex: k, runs: [i] })).runs[0];
    }
    same(JSON.parse(toJSON(core.aggregateTrain(REPEATED, cells))), want.train, `${flavor} aggregateTrain by cells`);
    await assert.rejects(core.find(REPEATED, { seedIndex: R }), /seedIndex: 3 is not a seed/);
    assert.throws(() => core.aggregateFind(REPEATED, finds.slice(1)), /one result per seed \(3\)/);
    assert.throws(() => core.aggregateFind(REPEATED, [finds[1], finds[0], finds[2]]), /seed 5/);
    // one seed: the aggregate of one is today's output
    const plain = JSON.parse(native(['find', '-'], BASE));
    const one = await core.find(BASE, { seedIndex: 0 });
    assert.equal(one.find.seed, BASE.seed);
    same(JSON.parse(toJSON(core.aggregateFind(BASE, [one.find]))), plain, `${flavor} aggregate of one seed`);
  }
});

test('the pick follows find.pick, else steep, valley, slide, gradient, minimum; null with no suggestion', () => {
  for (const pick of ['steep', 'valley', 'minimum', 'slide', 'gradient']) {
    for (const config of [BASE, { ...BASE, data: { name: 'spiral', samples: 150 }, find: { num_iter: 30, skip_end: 20 } }]) {
      const f = JSON.parse(native(['find', '-'], { ...config, find: { ...config.find, pick } })).find;
      const name = [pick, ...FALLBACK].find((k) => k in f.suggestions);
      assert.deepEqual(f.picked, { name, lr: f.suggestions[name] }, `pick ${pick}`);
    }
  }
  // too few points for any suggestion: nothing to pick
  const none = JSON.parse(native(['find', '-'], { ...BASE, find: { num_iter: 6, skip_end: 6 } })).find;
  assert.deepEqual(none.suggestions, {});
  assert.equal(none.picked, null);
});

test('find reports the pick and changes no config; train starts the pick-policy runs from find.picked_lr', () => {
  const f = JSON.parse(native(['find', '-'], BASE));
  const canonical = JSON.parse(native(['config', '-'], BASE));
  assert.deepEqual(f.config, canonical, 'the range test leaves the config as it was');
  assert.equal(canonical.find.picked_lr, 0);
  const plain = JSON.parse(native(['train', '-'], BASE)).runs;
  const picked = f.find.picked.lr;
  const withPick = { ...BASE, find: { ...BASE.find, picked_lr: picked },
    runs: [BASE.runs[0], { ...BASE.runs[1], lr_policy: 'own' }, BASE.runs[2]] };
  const runs = JSON.parse(native(['train', '-'], withPick)).runs;
  assert.equal(runs[0].lr[0], picked);
  assert.equal(runs[1].lr[0], 0.05, 'lr_policy own keeps the run\'s rate');
  assert.equal(runs[2].lr[0], picked);
  assert.notDeepEqual(runs[0].val_loss, plain[0].val_loss);
  same(runs[1], plain[1], 'the own-rate run is unchanged');
  const off = JSON.parse(native(['train', '-'], { ...withPick, runs_from_pick: false })).runs;
  same(off, plain, 'runs_from_pick false: every run at its own rate');
  // one-cycle peaks at the picked rate
  const oc = { ...BASE, find: { ...BASE.find, picked_lr: 0.02 },
    runs: [{ optimizer: { name: 'adam', lr: 0.3 }, schedule: { name: 'onecycle', max_lr: 0.3 } }] };
  const top = Math.max(...JSON.parse(native(['train', '-'], oc)).runs[0].lr);
  assert.ok(top <= 0.02 && top > 0.02 / 25, `one-cycle peak ${top}`);
});
