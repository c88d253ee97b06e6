// csv-link.test.mjs — the page's side of your own data, in Node (no browser): the file carried
// in a link (web/js/link/inline.js: deflate-raw + base64url, bounded both ways), a csv link's
// recorded shape, a csv link opened through the core, the CLI command with --data for any file
// name (run through bash), and the principal components of the preview (web/js/pca.js).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { root } from './native.mjs';
import { nativeBin } from './wasm-util.mjs';
import { sameBits } from './compare.mjs';
import { loadCore } from '../../web/js/core.js';
import { parseFragment, formatFragment, pairsFromFields, configFromPairs, linkFields } from '../../web/js/link.js';
import {
  INLINE, encodeInline, decodeInline, takeInline, takeShape, withInline, toBase64url, fromBase64url,
} from '../../web/js/link/inline.js';
import { commandText, experimentLink, shellWord } from '../../web/js/export.js';
import { pca2 } from '../../web/js/pca.js';

const WINE = fs.readFileSync(path.join(root, 'data/wine.csv'));
let core;
before(async () => { core = await loadCore(); });

function lcgBytes(n, seed) {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; out[i] = x >>> 24; }
  return out;
}

test('base64url: every length round-trips; other characters and impossible lengths are refused', () => {
  for (let n = 0; n < 70; n++) {
    const b = lcgBytes(n, n + 1);
    const t = toBase64url(b);
    assert.equal(t, Buffer.from(b).toString('base64url'), `length ${n}`);
    assert.deepEqual(fromBase64url(t), b);
  }
  for (const bad of ['a+b', 'ab/c', 'ab=', 'a b', 'abcde']) assert.throws(() => fromBase64url(bad), /data\.inline: not base64url/);
});

test('a small file rides in the link and comes back byte for byte; a large one does not fit', async () => {
  const t = await encodeInline(WINE);
  assert.ok(t && t.length <= INLINE.maxChars, `wine.csv: ${t?.length} characters`);
  assert.deepEqual(Buffer.from(await decodeInline(t)), WINE);
  // The same stream as zlib's raw deflate reads.
  assert.deepEqual(zlib.inflateRawSync(Buffer.from(fromBase64url(t))), WINE);
  assert.equal(await encodeInline(lcgBytes(12000, 5)), null, '12 000 random bytes do not compress to 8 KiB');
  assert.equal(await encodeInline(new Uint8Array(INLINE.maxBytes + 1)), null, 'past 1 MiB');
  assert.ok(await encodeInline(new Uint8Array(INLINE.maxBytes)), '1 MiB of zeros fits');
});

test('decoding is bounded: a deflate bomb, junk and overlong values are refused with one line', async () => {
  const bomb = toBase64url(zlib.deflateRawSync(Buffer.alloc(INLINE.maxBytes + 1)));
  assert.ok(bomb.length < 3000, 'a small value');
  await assert.rejects(decodeInline(bomb), { message: 'data.inline: more than 1 MiB once decompressed' });
  await assert.rejects(decodeInline(toBase64url(lcgBytes(300, 9))), { message: 'data.inline: not deflate-raw data' });
  await assert.rejects(decodeInline('a'.repeat(INLINE.maxChars + 1)), /longer than/);
  await assert.rejects(decodeInline('a+b'), /not base64url/);
});

test('takeInline takes the one key out of a fragment; the rest is for the link codec', () => {
  const frag = '#v=1&data.name=csv&data.sha256=ab&embed=1';
  const r = takeInline(withInline(frag, 'AAAA'));
  assert.equal(r.hash, frag);
  assert.equal(r.inline, 'AAAA');
  assert.deepEqual(r.notes, []);
  assert.equal(withInline(frag, null), frag);
  const bad = takeInline(`${frag}&data.inline=a%2Bb&data.inline=${'x'.repeat(INLINE.maxChars + 1)}`);
  assert.equal(bad.inline, null);
  assert.equal(bad.hash, frag);
  assert.equal(bad.notes.length, 2);
  assert.deepEqual(takeInline('https://x/#v=1&data.inline=QUJD'), { hash: '#v=1', inline: 'QUJD', notes: [] });
  assert.deepEqual(takeInline(undefined), { hash: '#', inline: null, notes: [] });
});

test('a csv link opens as the same config once its file is given, with no note', async () => {
  const table = core.loadData(WINE, { name: 'wine.csv' });
  try {
    const config = core.readConfig({ seed: 5, data: { name: 'csv', path: 'wine.csv', val_frac: 0.25 }, epochs: 3 }, { data: table }).config;
    const inline = await encodeInline(WINE);
    const url = experimentLink(core, 'https://example.org/lrplay/', config, {}, inline);
    const cut = takeInline(url);
    assert.equal(cut.inline, inline);
    const link = parseFragment(cut.hash);
    assert.deepEqual(link.notes, []);
    const { pairs, shape } = takeShape(link.pairs);
    assert.deepEqual(shape, { rows: 178, columns: 14, outputs: 3 });
    const opened = configFromPairs(core, pairs);
    assert.deepEqual(opened.notes, [], 'no pair of a csv link is refused');
    assert.equal(opened.config.data.sha256, table.sha256);
    const back = core.readConfig(opened.config, { data: await decodeInline(cut.inline) }).config;
    assert.deepEqual(back, config);
    // Another file is refused by the core with the line the page shows.
    assert.throws(() => core.readConfig(opened.config, { data: Buffer.from('x,y\n1,0\n2,1\n3,0\n') }),
      { message: new RegExp(`^data\\.sha256: the config was made with a file of SHA-256 ${table.sha256.slice(0, 16)}\\.\\.\\., this file's is `) });
    // Without the file, the link still writes what it read.
    assert.equal(formatFragment({ pairs: pairsFromFields(linkFields(core, opened.config)) }).includes(`data.sha256=${table.sha256}`), true);
  } finally { table.free(); }
});

test('Copy as command: --data names the file, quoted for the shell whatever its name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-csv-link-'));
  try {
    for (const name of ['wine.csv', "it's a file.csv", '$(touch pwned).csv', '-rf.csv', 'ünï 🎛.csv', 'a;b`id`.csv']) {
      fs.writeFileSync(path.join(dir, name), WINE);
      const config = core.readConfig({ data: { name: 'csv', path: name }, epochs: 2, find: { num_iter: 12 }, runs: [{ label: 'one' }] },
        { data: WINE }).config;
      for (const kind of ['find', 'train']) {
        const cmd = commandText(kind, config, { program: JSON.stringify(nativeBin) });
        assert.ok(cmd.includes(` ${kind} - --data ${shellWord(name)} <<'EOF'\n`), cmd.split('\n')[0]);
        const r = spawnSync('bash', ['-c', cmd], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
        assert.equal(r.status, 0, `${name}: ${r.stderr}`);
        const got = JSON.parse(r.stdout).config;
        assert.equal(sameBits(got, config), null, `${name}: the config the shell passed`);
        assert.equal(got.data.path, name);
      }
    }
    assert.ok(!fs.existsSync(path.join(dir, 'pwned')), 'nothing in a file name ran');
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  assert.equal(shellWord('wine.csv'), 'wine.csv');
  assert.equal(shellWord('-x'), './-x');
  assert.match(commandText('find', core.defaultConfig()), /^npx lrplay find - <<'EOF'\n/, 'no --data for the built-in data sets');
});

test('pca2: the principal axes of a stretched, rotated cloud, and their shares of the variance', () => {
  const n = 3000, d = 3;
  const x = new Float32Array(n * d);
  let s = 7;
  const gauss = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0; const u = (s + 1) / 4294967297;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0; const v = (s + 1) / 4294967297;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const c = Math.SQRT1_2;
  for (let i = 0; i < n; i++) {
    const a = 5 * gauss(), b = 2 * gauss(), e = 0.5 * gauss();
    // a along (1, 1, 0)/√2, b along (1, -1, 0)/√2, e along z; shifted by (3, -1, 2)
    x[i * d] = c * (a + b) + 3; x[i * d + 1] = c * (a - b) - 1; x[i * d + 2] = e + 2;
  }
  const { xy, share } = pca2(x, n, d);
  assert.ok(Math.abs(share[0] - 25 / 29.25) < 0.03 && Math.abs(share[1] - 4 / 29.25) < 0.02, `shares ${share}`);
  // PC 1 of a row is ±(x0 + x1 - mean)/√2, PC 2 ±(x0 - x1 - mean)/√2.
  let m0 = 0, m1 = 0;
  for (let i = 0; i < n; i++) { m0 += x[i * d]; m1 += x[i * d + 1]; }
  m0 /= n; m1 /= n;
  const sign = [Math.sign(xy[0] * ((x[0] - m0) + (x[1] - m1))), Math.sign(xy[1] * ((x[0] - m0) - (x[1] - m1)))];
  for (let i = 0; i < n; i += 97) {
    const p1 = c * ((x[i * d] - m0) + (x[i * d + 1] - m1)), p2 = c * ((x[i * d] - m0) - (x[i * d + 1] - m1));
    assert.ok(Math.abs(xy[2 * i] - sign[0] * p1) < 0.05 * (1 + Math.abs(p1)), `row ${i}: PC 1`);
    assert.ok(Math.abs(xy[2 * i + 1] - sign[1] * p2) < 0.05 * (1 + Math.abs(p2)) + 0.1, `row ${i}: PC 2`);
  }
  // One feature: PC 2 is all zeros, its share 0.
  const one = pca2(Float32Array.from([1, 2, 3, 4]), 4, 1);
  assert.deepEqual([...one.xy].filter((_, i) => i % 2 === 1), [0, 0, 0, 0]);
  assert.equal(one.share[1], 0);
});
