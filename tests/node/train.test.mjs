// The training core through the native CLI: range tests and scheduled training on the
// built-in data sets — suggestions where the loss falls, divergence, plateau cuts with
// cooldown, determinism across runs and between the SIMD and scalar builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { asanBin, nativeBin, root, run, scalarBin } from './native.mjs';

const configDir = path.join(root, 'tests', 'configs');
const configs = readdirSync(configDir).filter((f) => f.endsWith('.json')).sort();

function cli(bin, cmd, config, extra = []) {
  const r = run(bin, [cmd, '-', ...extra], JSON.stringify(config));
  assert.equal(r.status, 0, r.stderr);
  return cmd === 'find' || cmd === 'train' || cmd === 'config' ? JSON.parse(r.stdout) : r.stdout;
}

// The smoothed loss falls through index i: a least-squares slope over i-3..i+3 (against
// log rate) below zero.
function fallingAt(find, i) {
  const lo = Math.max(0, i - 3), hi = Math.min(find.kept - 1, i + 3);
  const xs = [], ys = [];
  for (let k = lo; k <= hi; k++) { xs.push(Math.log(find.lr[k])); ys.push(find.smoothed[k]); }
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0, den = 0;
  xs.forEach((x, k) => { num += (x - mx) * (ys[k] - my); den += (x - mx) ** 2; });
  return num / den;
}

for (const name of ['spiral', 'digits']) {
  test(`range test on ${name}: the suggestions sit where the loss is falling`, () => {
    const out = cli(nativeBin, 'find', { data: { name }, find: { start_lr: 1e-6, end_lr: 10, num_iter: 100 } });
    const f = out.find;
    assert.ok(f.kept >= 30, `kept ${f.kept}`);
    for (const key of ['steep', 'valley']) {
      const lr = f.suggestions[key];
      assert.ok(lr > 0, `${key} missing`);
      const i = f.lr.indexOf(lr);
      assert.ok(i >= 0, `${key} is not one of the swept rates`);
      const slope = fallingAt(f, i);
      assert.ok(slope < 0, `${name}: smoothed loss not falling at ${key} = ${lr} (slope ${slope})`);
      assert.ok(f.smoothed[i] < f.smoothed[0], `${name}: loss at ${key} is not below the start`);
    }
    const [lo, hi] = f.steep_range;
    assert.ok(lo < hi && lo >= f.lr[0] && hi <= f.lr[f.kept - 1], `steep_range ${lo}..${hi}`);
  });
}

test('a sweep to lr 100 diverges and stops early, reporting it', () => {
  const out = cli(nativeBin, 'find', { find: { start_lr: 1e-4, end_lr: 100, num_iter: 200 } });
  assert.equal(out.find.diverged, true);
  assert.ok(out.find.lr.length < 200, `ran ${out.find.lr.length} of 200`);
  const last = out.find.smoothed.at(-1);
  const best = Math.min(...out.find.smoothed.slice(0, -1).filter((x) => x !== null));
  assert.ok(last === null || last > 4 * best, 'stopped without meeting the divergence rule');
});

test('training at a huge constant rate ends with status diverged', () => {
  const out = cli(nativeBin, 'train', {
    epochs: 30, runs: [{ label: 'boom', optimizer: { name: 'sgd', lr: 1000, momentum: 0.9 } }],
  });
  const r = out.runs[0];
  assert.equal(r.status, 'diverged');
  assert.ok(r.diverged_epoch >= 1 && r.diverged_epoch <= 30);
  assert.equal(r.epochs, r.diverged_epoch);
});

test('a plateau triggers several reductions, honouring cooldown and min_lr', () => {
  const sched = { name: 'reduce_on_plateau', flavor: 'torch', factor: 0.5, patience: 1, threshold: 0.05,
    cooldown: 2, min_lr: 0.002 };
  const out = cli(nativeBin, 'train', { epochs: 40, runs: [{ label: 'p', optimizer: { name: 'adam', lr: 0.05 }, schedule: sched }] });
  const r = out.runs[0];
  const cuts = r.events.filter((e) => e.reason === 'plateau');
  assert.ok(cuts.length >= 3, `only ${cuts.length} cuts`);
  for (let k = 1; k < cuts.length; k++) {
    // After a cut: cooldown epochs ignored, then patience+1 bad epochs before the next.
    assert.ok(cuts[k].epoch - cuts[k - 1].epoch >= sched.cooldown + sched.patience + 1,
      `cuts at epochs ${cuts[k - 1].epoch} and ${cuts[k].epoch}`);
    assert.equal(cuts[k].old_lr, cuts[k - 1].new_lr);
  }
  for (const c of cuts) {
    assert.equal(c.new_lr, Math.max(c.old_lr * 0.5, sched.min_lr));
    // The new rate is in effect from the next epoch on.
    assert.equal(r.lr[c.epoch], c.new_lr);
  }
  assert.ok(Math.min(...r.lr) >= sched.min_lr);
});

for (const file of configs) {
  test(`${file}: same config, same bytes — twice, SIMD vs scalar, and under ASan/UBSan`, () => {
    const config = JSON.parse(readFileSync(path.join(configDir, file), 'utf8'));
    for (const cmd of ['find', 'train']) {
      const a = run(nativeBin, [cmd, '-'], JSON.stringify(config));
      const b = run(nativeBin, [cmd, '-'], JSON.stringify(config));
      const s = run(scalarBin, [cmd, '-'], JSON.stringify(config));
      assert.equal(a.status, 0, a.stderr);
      assert.equal(a.stdout, b.stdout, `${cmd}: two runs differ`);
      assert.equal(a.stdout, s.stdout, `${cmd}: SIMD and scalar builds differ`);
      const z = run(asanBin, [cmd, '-'], JSON.stringify(config));
      assert.deepEqual(z, a, `${cmd}: the sanitizer build answers differently`);
    }
  });
}

test('the printed config reads back to the same config', () => {
  for (const file of configs) {
    const config = JSON.parse(readFileSync(path.join(configDir, file), 'utf8'));
    const canon = cli(nativeBin, 'config', config);
    assert.deepEqual(cli(nativeBin, 'config', canon), canon, file);
  }
});

test('--run N trains one run; --csv prints a table', () => {
  const config = JSON.parse(readFileSync(path.join(configDir, 'digits-small.json'), 'utf8'));
  const all = cli(nativeBin, 'train', config);
  const one = cli(nativeBin, 'train', config, ['--run', '1']);
  assert.equal(one.runs.length, 1);
  assert.deepEqual(one.runs[0], all.runs[1], 'a run alone differs from the same run among others');
  const csv = run(nativeBin, ['find', '-', '--csv'], JSON.stringify(config)).stdout.trim().split('\n');
  assert.equal(csv[0], 'step,lr,loss,smoothed');
  assert.equal(csv.length - 1, cli(nativeBin, 'find', config).find.lr.length);
});
