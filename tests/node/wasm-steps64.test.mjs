// wasm-steps64.test.mjs — step counts past 2^31 give the same bytes natively and in both
// WebAssembly builds. `long` is 32 bits on wasm32, so while the core counted steps in `long`,
// cosine_warm_restarts' second period T_0*T_mult (2 147 484 000 here) saturated in WebAssembly
// only and the rates of the late epochs differed in the last digit. The core counts in int64_t.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, scalarBin } from './native.mjs';
import { runNode, nativeBin, FLAVORS } from './wasm-util.mjs';

const cwr = (label, T_0, T_mult) => ({ label, optimizer: { name: 'sgd', lr: 0.01 },
  schedule: { name: 'cosine_warm_restarts', interval: 'batch', T_0, T_mult } });
// 4 000 batches of one sample per epoch, 600 epochs: 2.4 M steps, past both restarts below.
const CONFIG = JSON.stringify({
  seed: 3, data: { name: 'sine', samples: 5000 }, model: { hidden: [1] }, batch_size: 1, epochs: 600,
  runs: [
    cwr('the issue: T_0*T_mult = 2 147 484 000 > 2^31', 2147484, 1000),     // restarts at step 2 147 484
    cwr('a third period of 2 148 000 000, from step 2 150 148', 2148, 1000),
    cwr('T_0 at its maximum', 10000000, 1000),
  ],
});

test('2.4 M batch steps past 2^31-sized periods: native SIMD and scalar, WebAssembly SIMD and scalar, the same bytes', () => {
  const outs = {};
  for (const [name, bin] of [['native simd', nativeBin], ['native scalar', scalarBin]]) {
    for (const args of [['train', '-', '--csv'], ['train', '-']]) {
      const r = run(bin, args, CONFIG);
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      (outs[args.join(' ')] ??= []).push([name, r.stdout]);
    }
  }
  for (const flavor of FLAVORS) {
    for (const args of [['train', '-', '--csv'], ['train', '-']]) {
      const r = runNode(args, CONFIG, { LRPLAY_FLAVOR: flavor });
      assert.equal(r.status, 0, `wasm ${flavor}: ${r.stderr}`);
      (outs[args.join(' ')] ??= []).push([`wasm ${flavor}`, r.stdout]);
    }
  }
  for (const [args, list] of Object.entries(outs)) {
    const [[n0, want]] = list;
    for (const [n, got] of list.slice(1)) {
      if (got === want) continue;
      const a = want.split('\n'), b = got.split('\n');
      const i = a.findIndex((l, k) => l !== b[k]);
      assert.fail(`${args}: ${n} differs from ${n0} first at line ${i + 1}:\n  ${a[i]}\n  ${b[i]}`);
    }
  }
  // The restart really happened: the first run's rate climbs back to the base rate after epoch 537.
  const rows = outs['train - --csv'][0][1].split('\n').filter((l) => l.startsWith('0,'));
  const lr = (epoch) => Number(rows[epoch - 1].split(',')[3]);
  assert.ok(lr(537) < 1e-6 && lr(538) > 0.0099, `${lr(537)} ${lr(538)}`);
});
