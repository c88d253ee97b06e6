// The reference traces (PyTorch 1.13, Keras 2.x, fastai) through the native `lrplay spec`,
// SIMD and scalar builds: within each case's tolerance, and the same bytes from both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCase } from './compare.mjs';
import { asanBin, goldenCases, nativeBin, scalarBin, run } from './native.mjs';

for (const kase of goldenCases()) {
  test(`golden ${kase.file} (native)`, () => {
    const simd = run(nativeBin, ['spec', '-'], JSON.stringify(kase.spec));
    assert.equal(simd.status, 0, simd.stderr);
    assert.equal(simd.stderr, '');
    const problems = compareCase(kase, JSON.parse(simd.stdout));
    assert.deepEqual(problems.slice(0, 5), [], `${problems.length} values off`);
    const scalar = run(scalarBin, ['spec', '-'], JSON.stringify(kase.spec));
    assert.equal(scalar.status, 0, scalar.stderr);
    assert.equal(scalar.stdout, simd.stdout, 'SIMD and scalar builds print different bytes');
    const asan = run(asanBin, ['spec', '-'], JSON.stringify(kase.spec));
    assert.deepEqual(asan, simd, 'the ASan/UBSan build answers differently');
  });
}
