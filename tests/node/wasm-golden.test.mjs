// The reference traces (tests/golden/*.json) through the Node CLI on the WebAssembly builds,
// SIMD and scalar: within each case's tolerance (the rules of compare.mjs, shared with the
// native golden test), and the same bytes from both builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCase } from './compare.mjs';
import { goldenCases } from './native.mjs';
import { runNode, FLAVORS } from './wasm-util.mjs';

for (const kase of goldenCases()) {
  test(`golden ${kase.file} (wasm)`, () => {
    const out = {};
    for (const flavor of FLAVORS) {
      const r = runNode(['spec', '-', '--flavor', flavor], JSON.stringify(kase.spec));
      assert.equal(r.status, 0, `${flavor}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      const problems = compareCase(kase, JSON.parse(r.stdout));
      assert.deepEqual(problems.slice(0, 5), [], `${flavor}: ${problems.length} values off`);
      out[flavor] = r.stdout;
    }
    assert.equal(out.scalar, out.simd, 'WASM SIMD and scalar builds print different bytes');
  });
}

test('the Node CLI reports its build', () => {
  for (const flavor of FLAVORS) {
    const r = runNode(['version', '--flavor', flavor]);
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout);
    assert.equal(v.flavor, flavor === 'simd' ? 'simd128' : 'scalar');
    assert.match(v.lrplay, /^\d+\.\d+\.\d+$/);
  }
  const env = runNode(['version'], '', { LRPLAY_FLAVOR: 'scalar' });
  assert.equal(JSON.parse(env.stdout).flavor, 'scalar', 'LRPLAY_FLAVOR is not honoured');
});
