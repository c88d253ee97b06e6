// The input rule (README "Input rules"), on every runner: the native CLI (build/lrplay and the
// sanitizer build) and the Node CLI on both WebAssembly flavors must give each case of
// tests/json-input.json the same exit status and the same one-line message, byte for byte; the
// accepted cases must read the same values. Then the size limit and the memory bound, with
// inputs made here (16 MiB and more).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, nativeBin, asanBin } from './native.mjs';
import { nodeCli } from './wasm-util.mjs';
import { checkStrict, parseStrict, quoteName, oneLine, CONFIG_LIMITS, SPEC_LIMITS, MAX_BYTES } from '../../web/js/core/json-strict.js';

const cases = JSON.parse(readFileSync(path.join(root, 'tests', 'json-input.json'), 'utf8'));
const bytesOf = (c) => (c.base64 !== undefined ? Buffer.from(c.base64, 'base64') : Buffer.from(c.input, 'utf8'));

const RUNNERS = [
  ...[nativeBin, asanBin].filter(existsSync).map((bin) => ({ name: path.relative(root, bin), argv: (args) => [bin, args] })),
  ...['simd', 'scalar'].map((flavor) => ({ name: `node ${flavor}`, argv: (args) => [process.execPath, [nodeCli, ...args, '--flavor', flavor]] })),
];

function run(runner, args, input) {
  const [cmd, argv] = runner.argv(args);
  const r = spawnSync(cmd, argv, { input, maxBuffer: 1 << 28, timeout: 300000, env: { ...process.env, LRPLAY_FLAVOR: '' } });
  if (r.error && r.error.code !== 'EPIPE') throw r.error;
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Every runner: the expected status and exact stderr line; accepted input reads the same everywhere. */
function expectEverywhere(args, input, status, line) {
  let first = null;
  for (const runner of RUNNERS) {
    const r = run(runner, args, input);
    const where = `${runner.name} ${args.join(' ')}`;
    assert.equal(r.status, status, `${where}: exit ${r.status}; stderr: ${r.stderr}`);
    if (status === 0) {
      assert.equal(r.stderr, '', where);
      const out = JSON.parse(r.stdout);
      if (first === null) first = out;
      else assert.deepEqual(out, first, `${where} reads the input differently`);
    } else {
      assert.equal(r.stdout, '', where);
      assert.equal(r.stderr, `${line}\n`, where);
    }
  }
}

test('the case list covers every runner', () => {
  assert.ok(RUNNERS.length >= 2, 'the native CLI is missing: build it (scripts/native.sh)');
  assert.ok(cases.length > 50);
});

for (const c of cases) {
  test(`input rule: ${c.name}`, () => {
    assert.ok(c.status === 0 || c.line.startsWith('lrplay: '), c.line);
    assert.ok(!c.line.includes('\n'));
    expectEverywhere([c.cmd, '-'], bytesOf(c), c.status, c.line);
  });
}

test('the JS checker alone: the same problem as the CLI line, and JSON.parse values when accepted', () => {
  for (const c of cases) {
    const bytes = bytesOf(c);
    const limits = c.cmd === 'spec' ? SPEC_LIMITS : CONFIG_LIMITS;
    const problem = checkStrict(bytes, limits);
    if (problem === null) assert.deepEqual(parseStrict(bytes, limits), JSON.parse(bytes.toString('utf8')), c.name);
    else assert.equal(`lrplay: -: ${problem}`, c.line, c.name);
  }
});

test('names in messages are quoted, escaped and cut; a message is one line', () => {
  assert.equal(quoteName('a\nb'), '"a\\nb"');
  assert.equal(quoteName('x"y\\\u0001'), '"x\\"y\\\\\\u0001"');
  assert.equal(quoteName('😀'.repeat(65)), `"${'😀'.repeat(64)}..."`);
  assert.equal(oneLine('kind: unknown kind "a\nb\t\u0002"'), 'kind: unknown kind "a\\nb\\t\\u0002"');
});

const tmp = mkdtempSync(path.join(tmpdir(), 'lrplay-json-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
function file(name, bytes) {
  const f = path.join(tmp, name);
  writeFileSync(f, bytes);
  return f;
}
const padded = (text, size) => Buffer.concat([Buffer.from(text), Buffer.alloc(size - text.length, 0x20)]);

test('input size: exactly 16 MiB is read, one byte more is refused, from a file and from stdin', () => {
  assert.equal(MAX_BYTES, 16 * 1024 * 1024);
  const ok = padded('{"seed": 5}', MAX_BYTES);
  expectEverywhere(['config', file('limit.json', ok)], '', 0, '');
  expectEverywhere(['config', '-'], ok, 0, '');
  const over = padded('{"seed": 5}', MAX_BYTES + 1);
  const f = file('over.json', over);
  expectEverywhere(['config', f], '', 2, `lrplay: ${f}: larger than 16 MiB`);
  expectEverywhere(['config', '-'], over, 2, 'lrplay: -: larger than 16 MiB');
});

test('input size: the 64 MiB - 1 byte file that only Node used to read is refused everywhere', () => {
  const f = file('big.json', padded('{"seed": 5}', 64 * 1024 * 1024 - 1));
  expectEverywhere(['config', f], '', 2, `lrplay: ${f}: larger than 16 MiB`);
});

// {"model":{"hidden":[0,0,...]}} of exactly 16 MiB: refused at the 65th value of the list (a
// config) or past the value budget (a spec), before any tree is built.
const hostile = (() => {
  const head = '{"model":{"hidden":[', tail = '0]}}';
  return Buffer.from(head + '0,'.repeat((MAX_BYTES - head.length - tail.length) / 2) + tail);
})();

test('a 16 MiB list is refused as soon as it is too long', () => {
  assert.equal(hostile.length, MAX_BYTES);
  const f = file('hostile.json', hostile);
  expectEverywhere(['config', f], '', 2, `lrplay: ${f}: model.hidden: more than 64 values in a list, at byte 148`);
  expectEverywhere(['spec', f], '', 2, `lrplay: ${f}: more than 2097152 values, at byte 4194318`);
});

const timeBin = '/usr/bin/time';
test('native peak memory for the 16 MiB list stays a small multiple of the input', { skip: !existsSync(nativeBin) || !existsSync(timeBin) }, () => {
  const f = file('hostile.json', hostile);
  for (const cmd of ['config', 'train', 'spec']) {
    const r = spawnSync(timeBin, ['-v', nativeBin, cmd, f], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)[1]);
    // The input itself is 16 MiB; the old reader peaked at about 660 MB here.
    assert.ok(kb < 3 * (MAX_BYTES >> 10), `${cmd}: peak ${kb} kB`);
  }
});

// Random byte edits of a golden spec: the JS checker never accepts what JSON.parse refuses, and
// the native CLI gives every refused edit the very same line.
function rng(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const EDIT_BYTES = Buffer.from('0.-e"\\u{}[],: \n\t1', 'latin1');
test('random edits: the same verdict from both checkers', { skip: !existsSync(nativeBin) }, () => {
  const base = Buffer.from(JSON.stringify(JSON.parse(readFileSync(path.join(root, 'tests', 'golden', 'adam-default.json'), 'utf8')).spec));
  const rand = rng(9);
  let refused = 0;
  for (let k = 0; k < 150; k++) {
    let b = Buffer.from(base);
    for (let e = 1 + Math.floor(rand() * 3); e > 0; e--) {
      const at = Math.floor(rand() * (b.length + 1));
      const byte = rand() < 0.25 ? [0x00, 0x1f, 0x80, 0xC0, 0xED, 0xF4, 0xFF][Math.floor(rand() * 7)] : EDIT_BYTES[Math.floor(rand() * EDIT_BYTES.length)];
      const op = Math.floor(rand() * 3);
      b = Buffer.concat([b.subarray(0, at), op === 1 ? Buffer.alloc(0) : Buffer.from([byte]), b.subarray(op === 0 ? at : at + 1)]);
    }
    const problem = checkStrict(b, SPEC_LIMITS);
    if (problem === null) {
      assert.doesNotThrow(() => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b)), b.toString('latin1'));
      continue;
    }
    refused++;
    const r = spawnSync(nativeBin, ['spec', '-'], { input: b, encoding: 'utf8' });
    assert.equal(r.stderr, `lrplay: -: ${problem}\n`, b.toString('latin1'));
  }
  assert.ok(refused > 50, `only ${refused} edits refused`);
});

test('a directory is not a file: exit 1 and the same line everywhere', () => {
  expectEverywhere(['config', tmp], '', 1, `lrplay: ${tmp}: cannot open`);
});
