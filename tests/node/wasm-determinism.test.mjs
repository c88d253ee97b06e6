// Determinism: native (build/lrplay, SSE2), WASM SIMD128 and WASM scalar produce the same
// float64 bit patterns for every number — the golden specs, the experiment configs in
// tests/configs (range test and every run), and a small default experiment. Numbers are
// compared parsed, as float64 bits (compare.mjs sameBits), never as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameBits } from './compare.mjs';
import { goldenCases, run } from './native.mjs';
import { experimentConfigs, runNode, SMALL_DEFAULT, FLAVORS, nativeBin } from './wasm-util.mjs';
import { loadCore, toJSON } from '../../web/js/core.js';

const cores = {};
async function core(flavor) {
  cores[flavor] ??= await loadCore({ flavor });
  return cores[flavor];
}

/** The JSON the JS API's result would print, parsed back (as the CLI prints it). */
const viaJson = (v) => JSON.parse(toJSON(v));

function native(args, input) {
  const r = run(nativeBin, args, input);
  assert.equal(r.status, 0, `native ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function assertSame(want, got, what) {
  const d = sameBits(want, got);
  assert.equal(d, null, `${what}: ${d}`);
  assert.deepEqual(got, want, `${what}: the structures differ`);
}

test('the builds are what they say', async () => {
  assert.equal((await core('simd')).buildFlavor, 'simd128');
  assert.equal((await core('scalar')).buildFlavor, 'scalar');
  assert.equal(native(['version']).flavor, 'sse2');
});

for (const kase of goldenCases()) {
  test(`same bits: golden ${kase.file}`, async () => {
    const want = native(['spec', '-'], JSON.stringify(kase.spec));
    for (const flavor of FLAVORS) assertSame(want, viaJson((await core(flavor)).runSpec(kase.spec)), flavor);
  });
}

const configs = [...experimentConfigs(), { file: 'default (small)', config: SMALL_DEFAULT }];
for (const { file, config } of configs) {
  test(`same bits: config ${file}: config, find, train`, async () => {
    const input = JSON.stringify(config);
    const wantConfig = native(['config', '-'], input);
    const wantFind = native(['find', '-'], input);
    const wantTrain = native(['train', '-'], input);
    for (const flavor of FLAVORS) {
      const c = await core(flavor);
      assertSame(wantConfig, viaJson(c.readConfig(config).config), `${flavor} config`);
      assertSame(wantFind, viaJson(await c.find(config)), `${flavor} find`);
      assertSame(wantTrain, viaJson(await c.train(config)), `${flavor} train`);
    }
    // the runs did something: finite losses somewhere, a range test with points
    assert.ok(wantFind.find.lr.length > 5);
    assert.ok(wantTrain.runs.length >= 1 && wantTrain.runs.every((r) => r.epochs >= 1));
  });
}

test('same bits through the Node CLI: find and train --run, JSON and CSV', () => {
  const { config } = experimentConfigs()[0];
  const input = JSON.stringify(config);
  for (const args of [['find', '-'], ['train', '-', '--run', '1']]) {
    const want = native(args, input);
    const wantCsv = run(nativeBin, [...args, '--csv'], input).stdout;
    for (const flavor of FLAVORS) {
      const r = runNode([...args, '--flavor', flavor], input);
      assert.equal(r.status, 0, r.stderr);
      assertSame(want, JSON.parse(r.stdout), `${flavor} ${args[0]}`);
      const csv = runNode([...args, '--csv', '--flavor', flavor], input);
      assert.equal(csv.status, 0, csv.stderr);
      assert.equal(csv.stdout.replace(/-nan/g, 'nan'), wantCsv.replace(/-nan/g, 'nan'), `${flavor} ${args[0]} --csv`);
    }
  }
});

test('the default config is the same everywhere', async () => {
  const want = native(['config'], '');
  for (const flavor of FLAVORS) {
    assertSame(want, viaJson((await core(flavor)).defaultConfig()), flavor);
    const r = runNode(['config', '--flavor', flavor]);
    assert.equal(r.status, 0, r.stderr);
    assertSame(want, JSON.parse(r.stdout), `${flavor} CLI`);
  }
});
