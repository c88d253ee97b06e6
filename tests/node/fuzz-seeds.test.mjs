// The libFuzzer target's seed corpus and dictionary (fuzz/) are what scripts/gen_fuzz.mjs
// makes of the schema, the golden specs, the configs and the bad inputs: a new field, kind,
// golden case or bad input reaches the fuzzer, or this test says to regenerate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, DICT, root, schemaNames, staleFiles } from '../../scripts/gen_fuzz.mjs';

test('fuzz/lrplay.dict and the generated seeds in fuzz/corpus are fresh', () => {
  const stale = staleFiles().map(([f, why]) => `${f}: ${why}`);
  assert.deepEqual(stale, [], 'run node scripts/gen_fuzz.mjs');
});

test('the dictionary holds every field name, kind and enum value of the schema, quoted', () => {
  const dict = readFileSync(path.join(root, DICT), 'utf8');
  const entries = new Set(dict.split('\n').filter((l) => l.startsWith('"')));
  const names = [...schemaNames()];
  assert.ok(names.length > 100, `only ${names.length} names`);
  for (const n of ['lr', 'T_0', 'reduce_on_plateau', 'keras', 'early_stopping', 'restore_best_weights', 'samples']) {
    assert.ok(names.includes(n), `the schema's names lack ${n}`);
  }
  for (const n of names) {
    const entry = `"${JSON.stringify(n).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    assert.ok(entries.has(entry), `${DICT} lacks ${entry}`);
  }
});

test('every seed is a JSON text the CLIs read, except the bad inputs', () => {
  const files = readdirSync(path.join(root, CORPUS));
  assert.ok(files.some((f) => f.startsWith('regress-')), 'the regression inputs are kept');
  for (const f of files.filter((x) => /^(golden|config)-/.test(x))) {
    const v = JSON.parse(readFileSync(path.join(root, CORPUS, f), 'utf8'));
    assert.equal(typeof v, 'object', f);
  }
});
