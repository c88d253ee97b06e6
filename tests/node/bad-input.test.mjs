// Invalid input (tests/bad-input.json) through the native CLI: exit 2, one line on stderr
// naming the field, nothing on stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { asanBin, nativeBin, root, run } from './native.mjs';

const cases = JSON.parse(readFileSync(path.join(root, 'tests', 'bad-input.json'), 'utf8'));

for (const c of cases) {
  test(`bad input: ${c.name} (native, and under ASan/UBSan)`, () => {
    const r = run(nativeBin, [c.cmd, '-'], c.input);
    const a = run(asanBin, [c.cmd, '-'], c.input);
    assert.deepEqual(a, r, 'the sanitizer build answers differently');
    assert.equal(r.status, 2, `exit ${r.status}; stderr: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].includes(c.field), `"${lines[0]}" does not name ${c.field}`);
  });
}

test('a missing file exits 1 with a reason', () => {
  const r = run(nativeBin, ['spec', path.join(root, 'no-such-file.json')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot open/);
});

test('no arguments prints the usage and exits 2', () => {
  const r = run(nativeBin, []);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage/);
});
