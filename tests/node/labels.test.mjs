// labels.test.mjs — run labels on every path into the core: at most LRP_MAX_LABEL (64)
// characters, counted as Unicode code points on every runner; longer is refused, never cut;
// U+0000 is refused like every other control character, never a silent cut at the NUL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, LrplayError } from '../../web/js/core.js';
import { LIMITS, RUN, DATA } from '../../web/js/core/schema.gen.js';
import { parseFragment, configFromPairs, encodeValue } from '../../web/js/link.js';
import { run } from './native.mjs';
import { nativeBin, runNode } from './wasm-util.mjs';

let core;
before(async () => { core = await loadCore(); });

const emoji = '\u{1F39B}';                       // one character, four UTF-8 bytes, two UTF-16 units
const labels = (n, ch = 'x') => ch.repeat(n);

test('the limit is 64 characters, in the schema too', () => {
  assert.equal(LIMITS.MAX_LABEL, 64);
  assert.equal(RUN.label.maxLength, 64);
  assert.equal(RUN.label.maxItems, 256);     // bytes: 64 characters of four bytes
  // the label is the only string counted in characters: a data.* string is bounded by its bytes
  for (const f of ['data.path', 'data.sha256', 'data.target']) {
    assert.equal(DATA.csv.fields[f].maxLength, undefined, f);
    assert.ok(DATA.csv.fields[f].maxItems > 0, f);
  }
});

test('JS API: 64 characters of any width are kept whole; 65 are refused in strict mode and skipped with a note in clamp mode', () => {
  for (const ch of ['x', 'é', '€', emoji]) {
    const ok = labels(64, ch);
    assert.equal(core.readConfig({ runs: [{ label: ok }] }).config.runs[0].label, ok);
    const long = labels(65, ch);
    assert.throws(() => core.readConfig({ runs: [{ label: long }] }),
      (e) => e instanceof LrplayError && e.message === 'runs.0.label: longer than 64 characters');
    const r = core.readConfig({ runs: [{ label: long }] }, { mode: 'clamp' });
    assert.equal(r.config.runs[0].label, 'run 1');
    assert.deepEqual(r.notes, ['runs.0.label: longer than 64 characters (ignored)']);
  }
});

test('JS API: a label with U+0000 is refused like any control character, not cut at the NUL', () => {
  for (const label of ['a\0b', '\0', 'ok\0']) {
    assert.throws(() => core.readConfig({ runs: [{ label }] }),
      (e) => e instanceof LrplayError && e.message === 'runs.0.label: control characters are not allowed');
    const r = core.readConfig({ runs: [{ label }] }, { mode: 'clamp' });
    assert.equal(r.config.runs[0].label, 'run 1');
  }
  // Nor does a NUL cut any other text short: "1\0x" is not the number 1.
  const d = core.editConfig((draft) => draft.setText('epochs', '12\u00003', { mode: 'strict' }));
  assert.notEqual(d.status, 'LRP_OK');
});

test('links: a label too long or with U+0000 keeps the default label and says so', () => {
  for (const [text, why] of [[labels(65), 'longer than 64 characters'], [labels(65, emoji), 'longer than 64 characters'],
    ['a\0b', 'control characters are not allowed']]) {
    const l = parseFragment(`#v=1&runs.0.label=${encodeValue(text)}&runs.0.optimizer.lr=0.01`);
    const r = configFromPairs(core, l.pairs);
    assert.equal(r.config.runs[0].label, 'run 1');
    assert.equal(r.config.runs[0].optimizer.lr, 0.01);
    assert.ok(r.notes.some((n) => n.includes(`runs.0.label: ${why}`)), JSON.stringify(r.notes));
  }
  const ok = labels(64, emoji);
  assert.equal(configFromPairs(core, parseFragment(`#runs.0.label=${encodeValue(ok)}`).pairs).config.runs[0].label, ok);
});

test('both CLIs: 64 characters pass, 65 are refused with the same line', () => {
  for (const ch of ['x', 'é', emoji]) {
    const ok = JSON.stringify({ runs: [{ label: labels(64, ch) }] });
    const n = run(nativeBin, ['config', '-'], ok), w = runNode(['config', '-'], ok);
    assert.equal(n.status, 0, n.stderr);
    assert.equal(w.stdout, n.stdout);
    assert.equal(JSON.parse(n.stdout).runs[0].label, labels(64, ch));
    const bad = JSON.stringify({ runs: [{ label: labels(65, ch) }] });
    const nb = run(nativeBin, ['config', '-'], bad), wb = runNode(['config', '-'], bad);
    assert.equal(nb.status, 2);
    assert.equal(wb.status, 2);
    assert.equal(nb.stderr, 'lrplay: runs.0.label: longer than 64 characters\n');
    assert.equal(wb.stderr, nb.stderr);
  }
});
