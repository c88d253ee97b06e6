// links-browser.test.mjs — experiments as links in Debian's Chromium (playwright-core, no
// downloaded browser): a link opened in a fresh browser context gives the same numbers bit for
// bit; Download JSON equals what the native `lrplay find`/`train` prints for the same config;
// CSV/PNG/command/PyTorch exports; the Embed dialog; the embed inside <iframe sandbox="allow-scripts">
// with autorun posting its results to the parent; hostile links (script injection in every kind
// of field, sizes far past the limits) that must neither run code nor hang the page; and no
// Content-Security-Policy violation anywhere. Screenshots go to tests/artifacts/.
//
// One browser and one server for the whole file; every page checks that nothing was requested
// from outside the page's own files and that no console error was logged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import {
  DIST, ARTIFACTS, fileUrl, openPage, loadAndWait, shot, useBrowser, own, noProblems as pageNoProblems,
} from '../browser-helpers/browser.mjs';
import { embedHtml, embedParent } from '../browser-helpers/embed.mjs';
import { CSP } from '../../scripts/serve.mjs';
import { run } from './native.mjs';
import { nativeBin } from './wasm-util.mjs';
import { sameBits } from './compare.mjs';
import { parseFragment, configFromPairs } from '../../web/js/link.js';
import { toPyTorch } from '../../web/js/snippets.js';
import { HOST_RESIZE_SNIPPET } from '../../web/js/export.js';

const env = useBrowser();

/** A page that also counts CSP violations and dialogs, and notices injected code (window.__pwned). */
async function open(opts) {
  const p = await openPage(env.browser, opts);
  p.dialogs = [];
  p.page.on('dialog', (d) => { p.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await p.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return p;
}

async function noProblems({ page, rec, dialogs }) {
  pageNoProblems(rec);
  assert.deepEqual(dialogs, [], 'dialogs were opened');
  for (const f of page.frames()) {
    const v = await f.evaluate(() => ({ csp: window.__csp, pwned: window.__pwned })).catch(() => ({ csp: [], pwned: undefined }));
    assert.deepEqual(v.csp, [], `CSP violations in ${f.url()}`);
    assert.equal(v.pwned, undefined, `injected code ran in ${f.url()}`);
  }
}

async function setField(page, selector, value) {
  await page.fill(selector, String(value));
  await page.press(selector, 'Enter');
  await page.locator(selector).blur();
}

async function sweep(page) {
  const b = await page.evaluate(() => document.documentElement.dataset.findDone || '');
  await page.click('#find-run');
  await page.waitForFunction((x) => (document.documentElement.dataset.findDone || '') !== x, b, { timeout: 90000 });
}

async function train(page) {
  const b = await page.evaluate(() => document.documentElement.dataset.trainDone || '');
  await page.click('#train-run');
  await page.waitForFunction((x) => (document.documentElement.dataset.trainDone || '') !== x, b, { timeout: 120000 });
}

/** Clicks a download button and returns the file's bytes and suggested name. */
async function grab(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click(selector)]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** The output of the native CLI for a config. */
function cli(kind, config) {
  const r = run(nativeBin, [kind, '-'], JSON.stringify(config));
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const shape = (v) => JSON.stringify(v, (k, x) => (typeof x === 'number' ? 0 : x));
function sameResult(a, b, what) {
  assert.equal(sameBits(a, b), null, what);
  assert.equal(shape(a), shape(b), `${what}: same keys, strings and nulls`);
}

/** The first pixel of a PNG (RGBA) and its size, from the file's own chunks. */
function pngFirstPixel(buf) {
  assert.equal(buf.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  let off = 8, width = 0, height = 0, depth = 0, type = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off), kind = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; type = data[9]; }
    if (kind === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  assert.equal(depth, 8);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  // The first pixel of the first row is stored as is by every filter type (nothing left or above).
  const px = type === 6 ? [...raw.subarray(1, 5)] : type === 2 ? [...raw.subarray(1, 4), 255] : null;
  assert.ok(px, `colour type ${type}`);
  return { width, height, px };
}

function parseCsv(text) {
  const lines = text.trimEnd().split('\n');
  return {
    header: lines[0],
    rows: lines.slice(1).map((line) => {
      const out = [];
      const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
      let m;
      while ((m = re.exec(line)) && m[0] !== '') {
        out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
        if (!m[2]) break;
      }
      return out;
    }),
  };
}
const num = (s) => (s === 'nan' ? null : Number(s));

test('the page carries its policy: index.html and the server agree, lrplay.html allows its inline code by hash', async () => {
  const res = await fetch(env.server.url);
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'index.html has a CSP <meta>');
  assert.equal(res.headers.get('content-security-policy'), meta[1], 'scripts/serve.mjs sends the policy the page declares');
  // The page's policy is the server's default one plus its inline start-up guard, by hash.
  const b64 = (s) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`;
  const guard = /<script>([\s\S]*?)<\/script>/.exec(html)[1];
  assert.equal(meta[1], CSP.replace("script-src 'self'", `script-src 'self' ${b64(guard)}`));
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<link'), 'the policy comes before anything it governs');
  for (const p of [meta[1], CSP]) {
    assert.doesNotMatch(p, /'unsafe-inline'|'unsafe-eval'/);
    assert.match(p, /script-src 'self' ('sha256-[A-Za-z0-9+/]+=' )?'wasm-unsafe-eval'/);
    assert.match(p, /object-src 'none'/);
    assert.match(p, /base-uri 'none'/);
  }
  const single = fs.readFileSync(path.join(DIST, 'lrplay.html'), 'utf8');
  const m2 = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(single);
  assert.ok(m2);
  assert.match(m2[1], /script-src ('sha256-[A-Za-z0-9+/]+=' ){2}'wasm-unsafe-eval'/);
  assert.match(m2[1], /style-src 'sha256-[A-Za-z0-9+/]+='/);
  assert.doesNotMatch(m2[1], /'unsafe-inline'|'unsafe-eval'|script-src[^;]*'self'|style-src[^;]*'self'/);
  // The hashes are those of the inline code: the guard and the page.
  const scripts = [...single.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 2);
  for (const sc of scripts) assert.ok(m2[1].includes(b64(sc)), 'script hash');
  const style = /<style>([\s\S]*?)<\/style>/.exec(single)[1];
  assert.ok(m2[1].includes(b64(style)), 'style hash');
  // No markup is made from data anywhere in the page's code.
  // (every file under web/js/, its subdirectories core/ and link/ too)
  const jsDir = path.join(DIST, '..', 'web', 'js');
  const jsFiles = fs.readdirSync(jsDir, { recursive: true }).filter((f) => /\.m?js$/.test(f));
  assert.ok(jsFiles.some((f) => f.startsWith(`core${path.sep}`)), 'the library files under web/js/core/ are checked');
  assert.ok(jsFiles.includes(path.join('snippets', 'index.js')), 'the walk reaches the snippets folder');
  for (const f of jsFiles) {
    const src = fs.readFileSync(path.join(jsDir, f), 'utf8');
    const markup = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|new Function|(?<![.\w])eval\(/.exec(src);
    assert.equal(markup, null, `web/js/${f} makes markup or code from text: ${markup?.[0]}`);
    const storage = /localStorage|sessionStorage|indexedDB|document\.cookie/.exec(src);
    assert.equal(storage, null, `web/js/${f} touches storage: ${storage?.[0]}`);
  }
});

test('a session: the link reopens the same experiment bit for bit; downloads equal the CLI; exports; embed dialog; no CSP violation', async () => {
  const A = await open({ allowed: own(env.server.url) });
  const out = {};
  let link;
  try {
    const { page } = A;
    await loadAndWait(page, env.server.url);
    // Set up: seed, data set, an optimizer field, a few epochs, a shorter sweep, a new run with a label.
    await setField(page, '#f-seed', 11);
    await page.selectOption('#f-data-name', 'moons');
    await setField(page, '#f-data-samples', 240);
    await setField(page, '#f-optimizer-beta1', 0.85);
    await setField(page, '#f-epochs', 6);
    await page.click('#find summary');
    await setField(page, '#f-find-num_iter', 40);
    await page.click('#run-add');
    await setField(page, '#run5-runs-5-label', 'my "step" run <6> & co');
    await page.selectOption('#run5-runs-5-schedule-name', 'step');
    await setField(page, '#run5-runs-5-schedule-step_size', 2);
    link = await page.evaluate(() => location.href);
    const hash = new URL(link).hash;
    console.log(`links: the page's link is ${link.length} characters: ${hash.slice(0, 160)}…`);
    assert.match(hash, /^#v=1&/);
    for (const want of ['seed=11', 'data.name=moons', 'data.samples=240', 'optimizer.beta1=0.85', 'epochs=6', 'find.num_iter=40',
      'runs.5.label=my%20%22step%22%20run%20%3C6%3E%20%26%20co', 'runs.5.schedule.name=step', 'runs.5.schedule.step_size=2']) {
      assert.ok(hash.split('&').includes(want), `${want} in ${hash}`);
    }
    // Copy link gives the same link.
    await page.click('#copy-link');
    await page.waitForSelector('#copy-out:not([hidden])');
    assert.equal(await page.inputValue('#copy-text'), link);
    console.log(`links: Copy link: ${await page.textContent('#copy-status')}`);

    // The range test, its downloads and the CLI.
    await sweep(page);
    const fj = await grab(page, '#dl-find-json');
    assert.equal(fj.name, 'lrplay-find.json');
    out.find = JSON.parse(fj.bytes.toString('utf8'));
    assert.equal(out.find.config.seed, 11);
    sameResult(out.find, cli('find', out.find.config), 'Download JSON (find) = build/lrplay find');
    const fc = parseCsv((await grab(page, '#dl-find-csv')).bytes.toString('utf8'));
    assert.equal(fc.header, 'step,lr,loss,smoothed');
    assert.equal(fc.rows.length, out.find.find.lr.length);
    assert.equal(sameBits(fc.rows.map((r) => r.slice(1).map(num)), out.find.find.lr.map((x, i) => [x, out.find.find.loss[i], out.find.find.smoothed[i]])), null, 'find CSV = JSON');
    const fp = pngFirstPixel((await grab(page, '#dl-find-png')).bytes);
    assert.deepEqual(fp.px, [255, 255, 255, 255], 'the PNG has an opaque (theme) background');
    assert.ok(fp.width > 300 && fp.height > 200, `PNG ${fp.width}x${fp.height}`);

    // The comparison, its downloads and the CLI.
    await train(page);
    const tj = await grab(page, '#dl-train-json');
    out.train = JSON.parse(tj.bytes.toString('utf8'));
    assert.equal(out.train.runs.length, 6);
    assert.equal(out.train.runs[5].label, 'my "step" run <6> & co');
    sameResult(out.train, cli('train', out.train.config), 'Download JSON (train) = build/lrplay train');
    const tc = parseCsv((await grab(page, '#dl-train-csv')).bytes.toString('utf8'));
    assert.equal(tc.rows.length, out.train.runs.reduce((a, r) => a + r.epochs, 0));
    let k = 0;
    for (const r of out.train.runs) {
      for (let e = 0; e < r.epochs; e++, k++) {
        assert.equal(tc.rows[k][1], r.label);
        assert.equal(sameBits(tc.rows[k].slice(3).map(num), [r.lr[e], r.train_loss[e], r.val_loss[e], r.val_acc[e]]), null, `train CSV row ${k}`);
      }
    }
    for (const id of ['#dl-loss-png', '#dl-lr-png']) {
      const g = await grab(page, id);
      assert.deepEqual(pngFirstPixel(g.bytes).px, [255, 255, 255, 255], `${g.name} is opaque`);
    }

    // Copy as command: bash runs it (with the native binary for npx lrplay) and prints the downloaded JSON.
    await page.click('#copy-train-cmd');
    const cmd = await page.inputValue('#copy-text');
    assert.match(cmd, /^npx lrplay train - <<'EOF'\n\{.*\}\nEOF\n$/);
    const sh = spawnSync('bash', ['-c', cmd.replace(/^npx lrplay/, JSON.stringify(nativeBin))], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(sh.status, 0, sh.stderr);
    sameResult(JSON.parse(sh.stdout), out.train, 'the command prints the downloaded results');

    // Copy as PyTorch / Keras for the chosen run.
    await page.selectOption('#export-run', '5');
    await page.click('#copy-pytorch');
    const py = await page.inputValue('#copy-text');
    assert.equal(py, toPyTorch(out.train.config, 5), 'the snippet of the chosen run');
    await page.click('#copy-keras');
    assert.match(await page.inputValue('#copy-text'), /keras/);
    // Download as PyTorch script: the same bytes as `lrplay export CONFIG --run 5`.
    const rp = await grab(page, '#dl-replay');
    assert.equal(rp.name, 'lrplay-replay-run6.py');
    const ex = run(nativeBin, ['export', '-', '--run', '5'], JSON.stringify(out.train.config));
    assert.equal(ex.status, 0, ex.stderr);
    assert.ok(rp.bytes.toString('utf8') === ex.stdout, 'Download as PyTorch script = build/lrplay export --run 5');
    await shot(page, '08-exports.png');
    await page.locator('#export').screenshot({ path: path.join(ARTIFACTS, '08b-export-panel.png') });

    // The Embed dialog.
    await page.click('#embed-open');
    await page.waitForSelector('#embed-dialog[open]');
    await page.uncheck('#embed-dialog input[value="export"]');
    await page.fill('#embed-height', '640');
    const code = await page.inputValue('#embed-code');
    const [frameLine, ...hostLines] = code.split('\n');
    assert.match(frameLine, /^<iframe src="[^"]+" title="[^"]+" width="100%" height="640" sandbox="allow-scripts" loading="lazy"><\/iframe>$/);
    assert.equal(hostLines.join('\n'), HOST_RESIZE_SNIPPET, 'the host snippet that applies the resize messages');
    await page.uncheck('#embed-fit');
    assert.equal(await page.inputValue('#embed-code'), frameLine, 'without "Fit the height" only the frame');
    await page.check('#embed-fit');
    const src = /src="([^"]+)"/.exec(code)[1].replace(/&amp;/g, '&');
    assert.equal(new URL(src).pathname, '/lrplay.html', 'frames get the self-contained page');
    const parsed = parseFragment(new URL(src).hash);
    assert.deepEqual(parsed.view, { embed: true, hide: ['setup', 'export'], autorun: true });
    const fromSnippet = configFromPairs(env.core, parsed.pairs);
    assert.deepEqual(fromSnippet.notes, []);
    sameResult(fromSnippet.config, out.train.config, 'the embed link holds the experiment');
    await page.locator('#embed-dialog').screenshot({ path: path.join(ARTIFACTS, '09-embed-dialog.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, '09b-embed-dialog-page.png') });
    await page.click('#embed-copy');
    assert.match(await page.textContent('#embed-status'), /Copied|Ctrl\+C/);
    await page.click('#embed-close');
    assert.equal(await page.isHidden('#embed-dialog'), true);
    await noProblems(A);
  } finally { await A.context.close(); }

  // A fresh browser context opens the link made before the sweep and does the same.
  const B = await open({ allowed: own(env.server.url) });
  try {
    const { page } = B;
    await loadAndWait(page, link);
    assert.equal(await page.isHidden('#link-notes'), true, 'a link the page wrote opens without corrections');
    assert.equal(await page.inputValue('#f-seed'), '11');
    assert.equal(await page.inputValue('#run5-runs-5-label'), 'my "step" run <6> & co');
    assert.equal(await page.evaluate(() => location.href), link, 'the link reads back as written');
    await sweep(page);
    const f2 = JSON.parse((await grab(page, '#dl-find-json')).bytes.toString('utf8'));
    sameResult(f2, out.find, 'the range test in a new browser');
    await train(page);
    const t2 = JSON.parse((await grab(page, '#dl-train-json')).bytes.toString('utf8'));
    sameResult(t2, out.train, 'the comparison in a new browser');
    console.log(`links: a new browser context reproduced ${f2.find.lr.length} range-test points and ` +
      `${t2.runs.reduce((a, r) => a + r.epochs, 0)} epochs of ${t2.runs.length} runs bit for bit`);
    // A link pasted over this one (only the fragment changes, no reload) opens too.
    await page.evaluate(() => { location.hash = '#v=1&seed=42&epochs=99999'; });
    await page.waitForFunction(() => document.getElementById('f-seed').value === '42');
    assert.equal(await page.inputValue('#f-epochs'), '1000');
    assert.match(await page.textContent('#link-notes'), /epochs: 99999 is out of range, set to 1000/);
    assert.equal(await page.$$eval('.run', (r) => r.length), 5, 'the default runs');
    await noProblems(B);
  } finally { await B.context.close(); }
});

// Payloads that would run code if any of them ever became markup or a URL.
// Labels hold at most 64 characters, so the label payloads are short (a global assignment is enough).
const pwn = (n) => `__pwned=${n}`;
const HOSTILE = [
  ['runs.0.label', `<img src=x onerror="${pwn(1)}">`],   // 31 bytes
  ['runs.1.label', `"><script>${pwn(2)}</script>`],
  ['runs.2.label', `javascript:${pwn(3)}`],
  ['runs.2.schedule.name', 'multistep'],
  ['runs.2.schedule.milestones', `<svg onload=${pwn(4)}>,2`],
  ['data.name', `<img src=x onerror=${pwn(5)}>`],
  ['batch_size', `"><svg onload=${pwn(6)}>`],
  ['runs.1.optimizer.name', `'-alert(1)-'`],
  [`<img src=x onerror=${pwn(7)}>`, '1'],
  // Sizes far past the limits: each is clamped; what does not fit the time limit with the rest
  // (LIMITS.MAX_SECONDS of the cost model) is refused. Applied in this order: 2 x 512 units
  // fit, then 1 000 epochs, 20 000 samples or 10 000 range-test iterations with them do not.
  ['model.hidden', '1e9,1000000000'],
  ['epochs', '1e9'],
  ['data.samples', '1e6'],
  ['find.num_iter', '1e12'],
];
const hostileFragment = () => '#v=1&' + HOSTILE.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') +
  `&hide=${encodeURIComponent(`<img src=x onerror=${pwn(8)}>`)},results&embed=${encodeURIComponent(`<script>${pwn(9)}</script>`)}` +
  `&autorun=javascript:${pwn(10)}`;

test('hostile links: injected markup stays text, sizes are clamped and said, and the page stays responsive', async () => {
  const H = await open({ allowed: own(env.server.url) });
  try {
    const { page } = H;
    const t0 = Date.now();
    const tti = await loadAndWait(page, env.server.url + hostileFragment());
    console.log(`links: a hostile link opened in ${Date.now() - t0} ms (interactive after ${tti.toFixed(0)} ms)`);
    await shot(page, '10-hostile-link.png');
    const notes = await page.textContent('#link-notes');
    for (const want of ['model.hidden[0]: 1000000000 is out of range, set to 512',
      'find.num_iter="1e12" does not fit with the rest (find.num_iter: the range test would take about',
      'epochs="1e9" does not fit with the rest (epochs: training would take about',
      'data.samples="1e6" does not fit with the rest (epochs: training would take about',
      'data.name: unknown value', 'batch_size: ""><svg onload=__pwned=6>" is not a number',
      'runs.2.schedule.milestones[0]: "<svg onload=__pwned=4>" is not a number',
      'hide: unknown group "<img src=x onerror=__pwned=8>"', 'embed="<script>__pwned=9</script>": must be 0 or 1',
      'autorun="javascript:__pwned=10": must be 0 or 1', '"<img src=x onerror=__pwned=7>": key with characters other than']) {
      assert.ok(notes.includes(want), `the notice says ${want}\n${notes}`);
    }
    assert.equal(await page.isVisible('#link-notes'), true);
    // hide=results was honoured, the junk around it was not.
    assert.equal(await page.isHidden('#results-box'), true);
    assert.equal(await page.isVisible('#find'), true);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), false);
    // The labels are text, exactly as given.
    const titles = await page.$$eval('.run .run-title', (h) => h.map((x) => x.textContent));
    assert.deepEqual(titles, [HOSTILE[0][1], HOSTILE[1][1], HOSTILE[2][1]]);
    assert.equal(await page.inputValue('#f-epochs'), '40');
    assert.equal(await page.inputValue('#f-data-samples'), '600');
    assert.equal(await page.inputValue('#f-model-hidden'), '512, 512');
    assert.equal(await page.inputValue('#f-find-num_iter'), '100');
    // No element came from the link: no image, svg or script beyond the page's own, no on* attribute.
    const extra = await page.evaluate(() => ({
      imgs: [...document.images].filter((i) => i.id !== 'copy-img').length,
      svgs: document.querySelectorAll('svg').length,
      scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '') || `inline ${s.textContent.length}`),
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    }));
    // (the one inline script is the page's start-up guard, as built)
    const guardLength = /<script>([\s\S]*?)<\/script>/.exec(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8'))[1].length;
    assert.deepEqual(extra, { imgs: 0, svgs: 0, scripts: [`inline ${guardLength}`, '/lrplay.js'], handlers: 0 });

    // Responsive while the largest sweep the link could get runs (2 x 512 units, clamped by the time cap).
    const frame = async () => page.evaluate(() => new Promise((r) => { const s = performance.now(); requestAnimationFrame(() => setTimeout(() => r(performance.now() - s), 0)); }));
    await page.click('#find-run');
    await page.waitForFunction(() => Number(document.getElementById('find-progress').value) > 0, null, { timeout: 60000 });
    const ms = Math.max(await frame(), await frame(), await frame());
    const typed = Date.now();
    await setField(page, '#f-seed', 3);
    const typedMs = Date.now() - typed;
    console.log(`links: while the clamped sweep runs, a frame takes at most ${ms.toFixed(0)} ms, an edit ${typedMs} ms`);
    assert.ok(ms < 500, `a frame took ${ms} ms`);
    assert.ok(typedMs < 2000, `an edit took ${typedMs} ms`);
    // The time cap now clamps the sweep to what fits 15 s, which a fast machine may finish while
    // the frames above are measured: cancel it if it still runs (Cancel itself: page-browser).
    if (await page.evaluate(() => !document.getElementById('find-cancel').disabled)) await page.click('#find-cancel');
    await page.waitForFunction(() => /^(Cancelled|Done)/.test(document.getElementById('find-status').textContent), null, { timeout: 30000 });
    const mem = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
    console.log(`links: JS heap after the hostile session: ${(mem / 1048576).toFixed(1)} MiB`);

    // Small again; train; the labels reach the results table and the exports as text.
    await setField(page, '#f-model-hidden', '8');
    await setField(page, '#f-data-samples', 200);
    await setField(page, '#f-epochs', 2);
    await train(page);
    const rows = await page.$$eval('#results tbody th', (t) => t.map((x) => x.textContent));
    assert.deepEqual(rows, [HOSTILE[0][1], HOSTILE[1][1], HOSTILE[2][1]]);
    await page.selectOption('#export-run', '1');
    await page.click('#copy-pytorch');
    assert.ok((await page.inputValue('#copy-text')).includes("'\\\"><script>__pwned=2</script>'"));
    await page.click('#embed-open');
    const code = await page.inputValue('#embed-code');
    const [frameLine, ...rest] = code.split('\n');
    assert.equal(frameLine.match(/</g).length, 2, 'the frame line holds one <iframe> and nothing else');
    assert.equal(rest.join('\n'), HOST_RESIZE_SNIPPET, 'then only the fixed host snippet');
    await page.click('#embed-close');
    const csv = (await grab(page, '#dl-train-csv')).bytes.toString('utf8');
    assert.ok(csv.includes(`,"<img src=x onerror=""${pwn(1)}"">",`));
    await noProblems(H);
  } finally { await H.context.close(); }

  // The self-contained lrplay.html, from a file, with the same link and its hashed policy.
  const F = await open({ allowed: own(`file://${DIST}/`) });
  try {
    await loadAndWait(F.page, fileUrl('lrplay.html') + hostileFragment());
    assert.match(await F.page.textContent('#link-notes'), /model\.hidden\[0\]: 1000000000 is out of range, set to 512.*epochs="1e9" does not fit/s);
    assert.deepEqual(await F.page.$$eval('.run .run-title', (h) => h.map((x) => x.textContent)), [HOSTILE[0][1], HOSTILE[1][1], HOSTILE[2][1]]);
    await noProblems(F);
  } finally { await F.context.close(); }
});

test('embedded in <iframe sandbox="allow-scripts">: autorun posts ready, find and train; the results equal the CLI', async () => {
  const frag = '#v=1&seed=5&data.name=circles&data.samples=160&model.hidden=12&epochs=8&find.num_iter=30' +
    '&runs.0.label=constant&runs.0.optimizer.lr=0.03&runs.1.label=plateau&runs.1.optimizer.lr=0.03' +
    '&runs.1.schedule.name=reduce_on_plateau&runs.1.schedule.patience=1' +
    '&runs.2.label=cosine&runs.2.optimizer.lr=0.03&runs.2.schedule.name=cosine&embed=1&hide=setup&autorun=1';
  const src = env.server.url + frag;
  // The parent: another origin, served by this test, listening for the frame's messages.
  const parent = await embedParent(embedHtml(src, { width: 900, height: 1020 }));
  const parentUrl = parent.url;
  const E = await open({ allowed: own(env.server.url, parentUrl), viewport: { width: 940, height: 1080 } });
  try {
    const { page } = E;
    const t0 = Date.now();
    await page.goto(parentUrl);
    await page.waitForFunction(() => window.msgs.some((m) => m.data.type === 'train' || m.data.type === 'error'), null, { timeout: 120000 });
    console.log(`links: the sandboxed embed loaded, swept and trained in ${Date.now() - t0} ms`);
    await page.screenshot({ path: path.join(ARTIFACTS, '11-embed-iframe.png') });
    const all = await page.evaluate(() => window.msgs);
    // resize messages come and go with the layout (tests/node/engines-browser.test.mjs checks them).
    const msgs = all.filter((m) => m.data.type !== 'resize');
    assert.ok(all.some((m) => m.data.type === 'resize'));
    assert.deepEqual(msgs.map((m) => m.data.type), ['ready', 'find', 'train']);
    for (const m of msgs) {
      assert.equal(m.origin, 'null', 'the sandboxed frame has an opaque origin');
      assert.equal(m.fromFrame, true);
      assert.equal(m.data.source, 'lrplay');
      assert.equal(m.data.version, 1);
      const keys = Object.keys(m.data);
      assert.deepEqual(keys, m.data.type === 'ready' ? ['source', 'version', 'type', 'config'] : ['source', 'version', 'type', 'config', 'result']);
    }
    const [ready, find, trained] = msgs.map((m) => m.data);
    // The frame runs exactly the link's experiment (autorun does not pick a rate).
    const want = configFromPairs(env.core, parseFragment(frag).pairs).config;
    sameResult(ready.config, want, 'ready: the link\'s config');
    sameResult(find.result, cli('find', find.config), 'the posted range test = build/lrplay find');
    sameResult(trained.result, cli('train', want), 'the posted comparison = build/lrplay train of the link');
    sameResult(find.config, want, 'find: config');
    sameResult(trained.config, want, 'train: config');
    // The layout: compact, settings hidden, charts there.
    const fr = page.frames().find((f) => f.url().startsWith(env.server.url));
    assert.ok(fr, 'the frame');
    assert.equal(await fr.evaluate(() => document.documentElement.classList.contains('embed')), true);
    assert.equal(await fr.isHidden('#setup'), true);
    assert.equal(await fr.isVisible('#find-chart'), true);
    assert.equal(await fr.isVisible('#loss-chart'), true);
    assert.equal(await fr.isHidden('.lede'), true);
    assert.equal(Number(await fr.getAttribute('#find-chart', 'data-points')) > 10, true);
    assert.equal(await fr.evaluate(() => self.origin), 'null');
    // Copying in the sandbox: no clipboard, the text is selected to copy by hand; downloads show the text.
    await fr.click('#copy-link');
    await fr.waitForSelector('#copy-out:not([hidden])');
    assert.match(await fr.textContent('#copy-status'), /does not allow copying here/);
    const copied = await fr.inputValue('#copy-text');
    assert.match(copied, /^http:\/\/127\.0\.0\.1:\d+\/#v=1&seed=5&/);
    assert.doesNotMatch(copied, /embed=|hide=|autorun=/, 'Copy link in an embed gives the full page');
    await fr.click('#dl-train-json');
    assert.match(await fr.textContent('#copy-status'), /Downloads are not allowed/);
    sameResult(JSON.parse(await fr.inputValue('#copy-text')), trained.result, 'the JSON shown in the frame');
    await noProblems(E);
    // Nothing but the page's own files, and the wasm came from the script (the fetch would fail cross-origin).
    assert.ok(E.rec.requests.some((u) => u.endsWith('/lrplay-wasm-simd.js')), E.rec.requests.join('\n'));
    assert.ok(!E.rec.requests.some((u) => u.endsWith('.wasm')));
  } finally {
    await E.context.close();
    await parent.close();
  }
});
