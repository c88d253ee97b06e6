// embed.test.mjs — the embed's pure parts (no browser): the resize message, the host's five
// lines that apply it, the page that frames get, the default height, the worker cap, and the
// README's examples (the moons link's plateau run does cut the rate, by the native CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import {
  message, embedSnippet, embedPageUrl, HOST_RESIZE_SNIPPET, EMBED_HEIGHT, MESSAGE_TYPES,
} from '../../web/js/export.js';
import { workerCap, MAX_WORKERS } from '../../web/js/worker-cap.js';
import { loadCore } from '../../web/js/core.js';
import { parseFragment, configFromPairs } from '../../web/js/link.js';
import { run } from './native.mjs';
import { nativeBin } from './wasm-util.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('resize: {source, version, type, height} in whole px, nothing else', () => {
  assert.ok(MESSAGE_TYPES.includes('resize'));
  assert.deepEqual(message('resize', { height: 1042 }), { source: 'lrplay', version: 1, type: 'resize', height: 1042 });
  for (const bad of [10.5, -1, NaN, '100', null]) assert.throws(() => message('resize', { height: bad }), TypeError, String(bad));
});

test('the host snippet is five lines and sizes the frame that sent a resize, and only that one', () => {
  const lines = HOST_RESIZE_SNIPPET.split('\n');
  assert.equal(lines.length, 5);
  assert.equal(lines[0], '<script>');
  assert.equal(lines[4], '</script>');
  // Run its code against a fake page with two frames.
  const frames = [{ contentWindow: {}, style: {} }, { contentWindow: {}, style: {} }];
  let listener = null;
  const sandbox = {
    addEventListener: (type, fn) => { assert.equal(type, 'message'); listener = fn; },
    document: { querySelectorAll: (sel) => { assert.equal(sel, 'iframe'); return frames; } },
  };
  vm.runInNewContext(lines.slice(1, 4).join('\n'), sandbox);
  listener({ source: frames[1].contentWindow, data: message('resize', { height: 987 }) });
  assert.equal(frames[1].style.height, '987px');
  assert.equal(frames[0].style.height, undefined);
  listener({ source: frames[0].contentWindow, data: message('ready', { config: {} }) });
  listener({ source: frames[0].contentWindow, data: { source: 'other', type: 'resize', height: 5 } });
  listener({ source: {}, data: message('resize', { height: 5 }) });
  listener({ source: frames[0].contentWindow, data: null });
  assert.equal(frames[0].style.height, undefined, 'only lrplay resize messages of a known frame count');
  listener({ source: frames[0].contentWindow, data: message('resize', { height: 1e9 }) });
  assert.equal(frames[0].style.height, '10000px', 'a frame cannot make itself endless');
});

test('frames get the self-contained lrplay.html next to the page; the default height', () => {
  assert.equal(embedPageUrl('https://x.org/lrplay/'), 'https://x.org/lrplay/lrplay.html');
  assert.equal(embedPageUrl('https://x.org/lrplay/index.html?flavor=scalar#v=1'), 'https://x.org/lrplay/lrplay.html?flavor=scalar');
  assert.equal(embedPageUrl('https://x.org/lrplay/lrplay.html'), 'https://x.org/lrplay/lrplay.html');
  assert.equal(embedPageUrl('file:///d/dist/index.html'), 'file:///d/dist/lrplay.html');
  assert.equal(embedPageUrl('https://x.org/other.html'), 'https://x.org/other.html');
  assert.match(embedSnippet('x'), new RegExp(`height="${EMBED_HEIGHT}"`));
  const html = fs.readFileSync(path.join(ROOT, 'web/index.html'), 'utf8');
  assert.match(html, new RegExp(`id="embed-height"[^>]*value="${EMBED_HEIGHT}"`), 'the Embed dialog starts at the default height');
});

test('the worker cap: all of up to two processors, half of more, at most MAX_WORKERS', () => {
  assert.deepEqual([1, 2, 3, 4, 8, 12, 16, 64].map(workerCap), [1, 2, 2, 2, 4, 6, 6, 6]);
  assert.equal(MAX_WORKERS, 6);
  for (const bad of [undefined, 0, -3, 2.5, NaN]) assert.equal(workerCap(bad), 2, String(bad));
});

test("the README's moons link: the plateau run cuts the rate (lrplay train)", async () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const links = readme.match(/^http:\/\/127\.0\.0\.1:8080\/#v=1&\S*data\.name=moons\S*$/gm);
  assert.ok(links && links.length === 1, 'the README shows one moons link');
  const core = await loadCore();
  const { config, notes } = configFromPairs(core, parseFragment(new URL(links[0]).hash).pairs);
  assert.deepEqual(notes, []);
  const r = run(nativeBin, ['train', '-'], JSON.stringify(config));
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const plateau = out.runs.find((x) => x.label === 'plateau');
  assert.ok(plateau, 'a run named plateau');
  const cuts = plateau.events.filter((e) => e.reason === 'plateau');
  assert.ok(cuts.length >= 1, 'the plateau run cuts the rate');
  assert.ok(cuts.every((e) => e.new_lr < e.old_lr));
  // The embed example in the README shows the same experiment (as an embed of lrplay.html).
  const embed = /<iframe src="([^"]+)"/.exec(readme);
  assert.ok(embed, 'the README has an embed example');
  const src = embed[1].replace(/&amp;/g, '&');
  assert.match(src, /\/lrplay\.html#/);
  const e = configFromPairs(core, parseFragment(new URL(src).hash).pairs);
  assert.deepEqual(e.notes, []);
  assert.deepEqual(e.config, config, 'the embed example is the moons experiment');
});
