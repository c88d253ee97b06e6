// Invalid input through the Node CLI on the WebAssembly build: exit 2, one line on stderr naming
// the field, nothing on stdout — and the same line as the native CLI prints (JSON syntax errors
// included: both read input through the same strict checker). Then random corruptions of the golden specs
// through the JS API: every one is either run or refused as invalid input, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { goldenCases, root, run } from './native.mjs';
import { runNode, nativeBin, experimentConfigs } from './wasm-util.mjs';
import { loadCore, LrplayError, toJSON } from '../../web/js/core.js';
import { sameBits } from './compare.mjs';

const cases = JSON.parse(readFileSync(path.join(root, 'tests', 'bad-input.json'), 'utf8'));
const haveNative = existsSync(nativeBin);
// The library's errors carry the core's status, no exit code; the CLIs exit 2 on refused input.
const BAD_INPUT = ['LRP_EINVAL', 'LRP_ELIMIT'];
const exitStatus = (e) => (BAD_INPUT.includes(e.status) ? 2 : 1);

for (const c of cases) {
  test(`bad input: ${c.name} (wasm)`, () => {
    const r = runNode([c.cmd, '-'], c.input);
    assert.equal(r.status, 2, `exit ${r.status}; stderr: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].startsWith('lrplay: '), lines[0]);
    assert.ok(lines[0].includes(c.field), `"${lines[0]}" does not name ${c.field}`);
    if (haveNative) {
      const n = run(nativeBin, [c.cmd, '-'], c.input);
      assert.equal(lines[0], n.stderr.trim(), 'the native CLI says it differently');
    }
  });
}

test('CLI usage errors exit 2 with one line', () => {
  for (const args of [[], ['frobnicate'], ['spec'], ['version', '--flavor', 'mmx'], ['spec', '-', '--bogus'],
    ['train', '-', '--run', 'x'], ['find', '-', '--run', '1']]) {
    const r = runNode(args, '{}');
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
  }
});

test('--run past the last run exits 2 and names --run', () => {
  const r = runNode(['train', '-', '--run', '9'], '{"epochs": 1}');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^lrplay: --run: 9 is not a run of this config/);
  if (haveNative) assert.equal(r.stderr, run(nativeBin, ['train', '-', '--run', '9'], '{"epochs": 1}').stderr);
});

test('a missing file exits 1 with a reason', () => {
  const r = runNode(['spec', path.join(root, 'no-such-file.json')]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /cannot open/);
});

// A small deterministic generator (mulberry32) for the corruptions.
function rng(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const JUNK = [null, -1, 0, 2.5, 1e308, -1e308, 1e-320, 'x', '', [], [[]], {}, true, 4097, 2 ** 31, [1e9], 'adam'];

/** Every path into a JSON value (objects and arrays), sampled. */
function paths(v, pre = [], out = []) {
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      out.push([...pre, k]);
      if (out.length < 4000) paths(v[k], [...pre, k], out);
    }
  }
  return out;
}

function corrupt(spec, rand) {
  const s = structuredClone(spec);
  const ps = paths(s);
  const p = ps[Math.floor(rand() * ps.length)];
  let node = s;
  for (const k of p.slice(0, -1)) node = node[k];
  const last = p[p.length - 1];
  if (rand() < 0.15 && !Array.isArray(node)) delete node[last];
  else node[last] = structuredClone(JUNK[Math.floor(rand() * JUNK.length)]);
  return s;
}

test('corrupted specs are run or refused with exit status 2, never crash', async () => {
  const core = await loadCore({ flavor: 'simd' });
  const rand = rng(12345);
  const golden = goldenCases();
  let refused = 0, ran = 0;
  for (let i = 0; i < 400; i++) {
    const kase = golden[i % golden.length];
    const spec = corrupt(kase.spec, rand);
    try {
      core.runSpec(spec);
      ran++;
    } catch (e) {
      assert.ok(e instanceof LrplayError, `${kase.file} #${i}: ${e && e.stack}`);
      assert.ok(BAD_INPUT.includes(e.status) && !('exitCode' in e), `${kase.file} #${i}: ${e.status} ${e.message}`);
      assert.ok(!e.message.includes('\n') && e.message.length > 3, e.message);
      refused++;
    }
  }
  assert.ok(refused > 100 && ran > 10, `refused ${refused}, ran ${ran}`);
  // and the core still works afterwards
  assert.equal(core.runSpec(golden[0].spec) !== null, true);
});

test('corrupted specs: the JS runner and the native one agree (status, message, numbers)', { skip: !haveNative }, async () => {
  const core = await loadCore({ flavor: 'simd' });
  const rand = rng(4242);
  const golden = goldenCases();
  for (let i = 0; i < 150; i++) {
    const kase = golden[(i * 7) % golden.length];
    const spec = corrupt(kase.spec, rand);
    const n = run(nativeBin, ['spec', '-'], JSON.stringify(spec));
    let js;
    try { js = { status: 0, out: JSON.parse(toJSON(core.runSpec(spec))) }; } catch (e) { js = { status: e instanceof LrplayError ? exitStatus(e) : 'crash', err: `lrplay: ${e.message}` }; }
    assert.equal(js.status, n.status, `${kase.file} #${i}: native ${n.status} (${n.stderr.trim()}), JS ${js.status} (${js.err})`);
    if (n.status === 0) assert.equal(sameBits(JSON.parse(n.stdout), js.out), null, `${kase.file} #${i}`);
    else assert.equal(js.err, n.stderr.trim(), `${kase.file} #${i}`);
  }
});

test('corrupted configs are read or refused (strict), and read with notes or refused (clamp)', async () => {
  const core = await loadCore({ flavor: 'scalar' });
  const rand = rng(777);
  const base = [core.defaultConfig(), ...experimentConfigs().map((c) => c.config)];
  let ok = 0, refused = 0, clampOk = 0;
  for (let i = 0; i < 600; i++) {
    const cfg = corrupt(base[i % base.length], rand);
    try { core.readConfig(cfg); ok++; } catch (e) {
      assert.ok(e instanceof LrplayError, `#${i}: ${e && e.stack}`);
      assert.ok(BAD_INPUT.includes(e.status), `${e.status} ${e.message}`);
      refused++;
    }
    try {
      const r = core.readConfig(cfg, { mode: 'clamp' });
      assert.ok(Array.isArray(r.notes));
      core.readConfig(r.config);   // what clamp mode returns is a valid config
      clampOk++;
    } catch (e) {
      assert.ok(e instanceof LrplayError, `#${i} clamp: ${e && e.stack}`);
    }
  }
  assert.ok(ok > 30 && refused > 100 && clampOk > ok, `ok ${ok}, refused ${refused}, clamp ok ${clampOk}`);
});
