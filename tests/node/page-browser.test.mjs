// page-browser.test.mjs — the playground page in Debian's Chromium (playwright-core, no
// downloaded browser): dist/ over a local HTTP server and from file://, the single-file
// dist/lrplay.html, a sweep, a three-schedule comparison with plateau cuts, Cancel, no foreign
// request, no console error. Screenshots go to tests/artifacts/; timings are printed.
//
// All browser tests are in this one file on purpose: they share one build of dist/ and one
// browser, and node --test runs test files in parallel.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  DIST, ARTIFACTS, distSize, startServer, fileUrl, openPage, loadAndWait, shot, strictCsp, guardHash, useBrowser, own, noProblems,
} from '../browser-helpers/browser.mjs';
import { fmtLr } from '../../web/js/format.js';

const env = useBrowser({ core: false });

before(() => {
  console.log(`page: dist/ is ${distSize()} bytes (lrplay.html ${fs.statSync(path.join(DIST, 'lrplay.html')).size})`);
});

const httpOwn = () => own(env.server.url);
const fileOwn = own(`file://${DIST}/`);

// Runs the range test with the current settings; returns ms as seen from the test.
async function sweep(page) {
  const before = await page.evaluate(() => document.documentElement.dataset.findDone || '');
  const t0 = Date.now();
  await page.click('#find-run');
  await page.waitForFunction((b) => (document.documentElement.dataset.findDone || '') !== b, before, { timeout: 60000 });
  return Date.now() - t0;
}

async function train(page, timeout = 120000) {
  const before = await page.evaluate(() => document.documentElement.dataset.trainDone || '');
  const t0 = Date.now();
  await page.click('#train-run');
  await page.waitForFunction((b) => (document.documentElement.dataset.trainDone || '') !== b, before, { timeout });
  return Date.now() - t0;
}

async function setField(page, selector, value) {
  await page.fill(selector, String(value));
  await page.press(selector, 'Enter');
  await page.locator(selector).blur();
}

test('dist/ holds the page, its wasm for http and file://, and a self-contained lrplay.html', () => {
  for (const f of ['index.html', 'lrplay.js', 'css/lrplay.css', 'favicon.svg', 'lrplay-simd.wasm', 'lrplay-scalar.wasm',
    'lrplay-wasm-simd.js', 'lrplay-wasm-scalar.js', 'lrplay.html']) {
    assert.ok(fs.existsSync(path.join(DIST, f)), `dist/${f} is missing`);
  }
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  // One inline script only: the start-up guard, named by its hash in the page's policy.
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 1, 'index.html has one inline script, the start-up guard');
  assert.equal(`'sha256-${crypto.createHash('sha256').update(inline[0], 'utf8').digest('base64')}'`, guardHash());
  assert.ok(html.indexOf('<script>') < html.indexOf('<script src="lrplay.js"'), 'the guard comes first');
  assert.doesNotMatch(html, /\sstyle=/, 'index.html has an inline style attribute');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'index.html has an inline event handler');
  const single = fs.readFileSync(path.join(DIST, 'lrplay.html'), 'utf8');
  assert.doesNotMatch(single, /<(script|link|img)[^>]+(src|href)="(?!data:)[^"]+"/, 'lrplay.html refers to another file');
  // No other host is named anywhere the page loads from (licence comments aside, no URL is fetched).
  for (const f of ['index.html', 'lrplay.js', 'lrplay.html']) {
    const text = fs.readFileSync(path.join(DIST, f), 'utf8');
    assert.doesNotMatch(text, /(src|href)=["']https?:/, `${f} loads something from another host`);
  }
});

test('over http: loads, sweeps, picks, compares three schedules with plateau cuts, no foreign request', async () => {
  const { context, page, rec } = await openPage(env.browser, { allowed: httpOwn() });
  try {
    const cold = await loadAndWait(page, env.server.url);
    await page.reload();
    await page.waitForSelector('html[data-ready="1"]', { timeout: 20000 });
    const tti = await page.evaluate(() => performance.getEntriesByName('lrplay-interactive')[0]?.startTime ?? NaN);
    console.log(`page: load to interactive over http: ${cold.toFixed(0)} ms (first load in a fresh browser), ${tti.toFixed(0)} ms (reload)`);
    assert.ok(Number.isFinite(tti) && tti > 0 && Number.isFinite(cold));
    await shot(page, '01-loaded.png');
    // Every control has a label.
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
      .map((el) => el.id || el.name || el.outerHTML.slice(0, 60)));
    assert.deepEqual(unlabelled, [], 'controls without a label');

    // The default sweep.
    const ms = await sweep(page);
    const status = await page.textContent('#find-status');
    console.log(`page: default sweep (${await page.inputValue('#f-find-num_iter')} iterations) took ${ms} ms; ${status}`);
    assert.match(status, /^Done in/);
    const points = Number(await page.getAttribute('#find-chart', 'data-points'));
    assert.ok(points >= 20, `the curve has ${points} points`);
    const suggestions = await page.$$eval('#suggest-list button[data-suggestion]', (bs) => bs.map((b) => b.dataset.suggestion));
    assert.ok(suggestions.length >= 2, `suggestions shown: ${suggestions}`);
    assert.ok(suggestions.includes('valley') || suggestions.includes('steep'));
    assert.equal(await page.inputValue('#pick-lr'), '', 'a range test picks no rate by itself');
    await page.click('#pick-use');
    assert.ok(Number(await page.inputValue('#pick-lr')) > 0, 'Use this rate picks one');
    await shot(page, '02-sweep.png');

    // A suggestion button picks its rate and the runs follow.
    await page.click('#suggest-list button[data-suggestion="steep"]');
    const steep = Number(await page.inputValue('#pick-lr'));
    assert.ok(steep > 0);
    assert.equal(await page.textContent('.run:nth-child(1) .run-policy'), `Starts from the picked rate, ${fmtLr(steep)}.`);

    // A click on the chart picks the rate under the pointer.
    const chart = page.locator('#find-chart');
    const box = await chart.boundingBox();
    await chart.click({ position: { x: box.width * 0.45, y: box.height * 0.5 } });
    // Chart.js handles pointer events on the next animation frame: wait for it, not a fixed time.
    await page.waitForFunction((v) => Number(document.querySelector('#pick-lr').value) !== v, steep, { timeout: 5000 })
      .catch(() => {});
    const clicked = Number(await page.inputValue('#pick-lr'));
    assert.ok(clicked > 0 && clicked !== steep, `chart click picked ${clicked}`);
    // Hover shows rate and loss (Chart.js tooltips are drawn on the canvas; see the screenshot).
    await chart.hover({ position: { x: box.width * 0.35, y: box.height * 0.5 } });
    await page.waitForTimeout(150);
    await page.locator('#find').screenshot({ path: path.join(ARTIFACTS, '02b-sweep-hover.png') });

    // Three schedules: keep constant, plateau, cosine (remove "adam decay" and "one-cycle").
    const labels = await page.$$eval('.run .run-title', (h) => h.map((x) => x.textContent));
    assert.deepEqual(labels, ['constant', 'adam decay', 'plateau', 'one-cycle', 'cosine']);
    await page.click('.run:nth-child(4) .run-head button');   // one-cycle
    await page.click('.run:nth-child(2) .run-head button');   // adam decay
    assert.deepEqual(await page.$$eval('.run .run-title', (h) => h.map((x) => x.textContent)), ['constant', 'plateau', 'cosine']);
    // Start from the steep suggestion so the plateau run has room to cut.
    await page.click('#suggest-list button[data-suggestion="steep"]');
    const tms = await train(page);
    console.log(`page: three-schedule comparison took ${tms} ms; ${await page.textContent('#train-status')}`);
    const rows = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(rows.length, 3);
    for (const r of rows) assert.ok(r[1] === 'ok' || r[1].startsWith('diverged'), `row ${r}`);
    const cuts = JSON.parse(await page.getAttribute('#lr-chart', 'data-cuts'));
    console.log(`page: rate cuts per run: ${JSON.stringify(cuts)}`);
    assert.equal(cuts.length, 3);
    assert.equal(cuts[0], 0, 'the constant run has no cut');
    assert.ok(cuts[1] >= 1, 'the plateau run shows its cuts');
    await shot(page, '03-compare.png');
    noProblems(rec);
  } finally { await context.close(); }
});

test('Cancel stops a long sweep and a long comparison; the page stays usable', async () => {
  const { context, page, rec } = await openPage(env.browser, { allowed: httpOwn() });
  try {
    await loadAndWait(page, env.server.url);
    // A heavy set-up so that both jobs run for a minute unless cancelled.
    await page.selectOption('#f-data-name', 'digits');
    await setField(page, '#f-model-hidden', '256, 256');
    await setField(page, '#f-batch_size', 256);
    await page.click('#find summary');
    await setField(page, '#f-find-num_iter', 10000);
    await setField(page, '#f-find-diverge', 1000000);
    await page.click('#find-run');
    await page.waitForFunction(() => Number(document.getElementById('find-progress').value) > 0.01, null, { timeout: 20000 });
    // The page answers while the worker runs.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const frameMs = Date.now() - t0;
    assert.ok(frameMs < 500, `a frame took ${frameMs} ms during the sweep`);
    await page.click('#find-cancel');
    await page.waitForFunction(() => /^Cancelled/.test(document.getElementById('find-status').textContent), null, { timeout: 3000 });
    assert.equal(await page.isDisabled('#find-run'), false);
    assert.ok(await page.evaluate(() => document.getElementById('find-progress').value) < 1);
    await shot(page, '04-find-cancelled.png');

    await setField(page, '#f-epochs', 1000);
    await page.click('#train-run');
    await page.waitForFunction(() => Number(document.getElementById('train-progress').value) > 0.001, null, { timeout: 20000 });
    await page.click('#train-cancel');
    await page.waitForFunction(() => /^Cancelled/.test(document.getElementById('train-status').textContent), null, { timeout: 3000 });
    const states = await page.$$eval('#results tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
    assert.ok(states.includes('cancelled'), `states after cancel: ${states}`);
    // And it runs again afterwards.
    await setField(page, '#f-epochs', 5);
    await train(page);
    assert.match(await page.textContent('#train-status'), /^Done in/);
    noProblems(rec);
  } finally { await context.close(); }
});

test('invalid settings and divergence are explained in words', async () => {
  const { context, page, rec } = await openPage(env.browser, { allowed: httpOwn() });
  try {
    await loadAndWait(page, env.server.url);
    await setField(page, '#f-data-noise', 99);
    await page.waitForSelector('#notes:not([hidden])');
    const note = await page.textContent('#notes');
    assert.match(note, /data\.noise/);
    assert.equal(await page.inputValue('#f-data-noise'), '5');
    await setField(page, '#f-data-noise', 0.2);
    assert.equal(await page.isHidden('#notes'), true, 'the notes go away once nothing is corrected');
    // A rate far too high: Adam's weights blow up without overflowing (the page says the run never
    // beat a uniform guess); plain SGD on ReLU overflows and the core stops the run (diverged).
    await setField(page, '#f-epochs', 5);
    await setField(page, '#pick-lr', 50);
    await page.selectOption('#f-model-activation', 'relu');
    await page.selectOption('#run4-runs-4-optimizer-name', 'sgd');
    await page.selectOption('#run4-runs-4-lr_policy', 'own');   // its own rate, not the picked 50
    await setField(page, '#run4-runs-4-optimizer-lr', 100);
    await train(page);
    const msgs = await page.textContent('#train-messages');
    assert.match(msgs, /“cosine” diverged in epoch \d+/);
    assert.match(msgs, /never did better than a uniform guess/);
    assert.doesNotMatch(msgs, /\.js:\d+|Error:/);
    const status = await page.$$eval('#results tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
    assert.ok(status[4].startsWith('diverged'), `statuses ${status}`);
    assert.equal(await page.textContent('.run:nth-child(5) .run-state'), 'diverged in epoch 1');
    await shot(page, '05-diverged.png');
    noProblems(rec);
  } finally { await context.close(); }
});

test('from file://: dist/index.html and the single lrplay.html both sweep', async () => {
  for (const name of ['index.html', 'lrplay.html']) {
    const { context, page, rec } = await openPage(env.browser, { allowed: fileOwn });
    try {
      const tti = await loadAndWait(page, fileUrl(name));
      console.log(`page: load to interactive from file://${name}: ${tti.toFixed(0)} ms`);
      const ms = await sweep(page);
      console.log(`page: default sweep from file://${name}: ${ms} ms`);
      assert.match(await page.textContent('#find-status'), /^Done in/);
      assert.ok(await page.$('#suggest-list button[data-suggestion]'));
      if (name === 'lrplay.html') {
        assert.deepEqual(rec.requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !u.endsWith('/lrplay.html')), [],
          'the single file loads nothing else');
      }
      await shot(page, `06-file-${name.replace('.html', '')}.png`);
      noProblems(rec);
    } finally { await context.close(); }
  }
});

test('over http: the server serves every page of dist/, lrplay.html under its own hashed policy', async () => {
  const res = await fetch(`${env.server.url}lrplay.html`);
  const policy = res.headers.get('content-security-policy');
  assert.match(policy, /script-src 'sha256-/, 'lrplay.html is served with the policy it declares');
  const { context, page, rec } = await openPage(env.browser, { allowed: httpOwn() });
  try {
    const tti = await loadAndWait(page, `${env.server.url}lrplay.html`);
    console.log(`page: load to interactive over http, lrplay.html: ${tti.toFixed(0)} ms`);
    await sweep(page);
    assert.match(await page.textContent('#find-status'), /^Done in/);
    noProblems(rec);
  } finally { await context.close(); }
});

test('phone width and dark theme', async () => {
  const { context, page, rec } = await openPage(env.browser, { allowed: httpOwn(), viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  try {
    await loadAndWait(page, env.server.url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than a phone`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(255, 255, 255)', 'dark theme follows the system');
    await sweep(page);
    assert.doesNotMatch(await page.textContent('#find-status'), /changed/);
    await setField(page, '#f-seed', 2);
    assert.match(await page.textContent('#find-status'), /settings have changed/);
    await page.evaluate(() => document.getElementById('find').scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, '07-phone-dark.png') });
    noProblems(rec);
  } finally { await context.close(); }
});

test('runs under a strict Content-Security-Policy (no unsafe-inline, no unsafe-eval)', async () => {
  const strict = await startServer({ 'Content-Security-Policy': strictCsp() });
  const { context, page, rec } = await openPage(env.browser, { allowed: own(strict.url) });
  try {
    await loadAndWait(page, strict.url);
    await setField(page, '#f-epochs', 5);
    await sweep(page);
    await train(page);
    assert.match(await page.textContent('#train-status'), /^Done in/);
    noProblems(rec);
  } finally { await context.close(); await strict.close(); }
});

test('?flavor=scalar runs the scalar build and suggests the same rates as SIMD', async () => {
  const texts = {};
  for (const flavor of ['simd', 'scalar']) {
    const { context, page, rec } = await openPage(env.browser, { allowed: httpOwn() });
    try {
      await loadAndWait(page, `${env.server.url}?flavor=${flavor}`);
      assert.match(await page.textContent('#engine'), flavor === 'simd' ? /SIMD128/ : /scalar/);
      await sweep(page);
      texts[flavor] = await page.getAttribute('#find-chart', 'aria-label');
      noProblems(rec);
    } finally { await context.close(); }
  }
  assert.match(texts.simd, /Suggestions: /);
  assert.equal(texts.scalar, texts.simd);
});

test('a page that cannot start says why in words: no WebAssembly, or its script blocked', async () => {
  // No WebAssembly at all: the page's own start-up catches it.
  let { context, page } = await openPage(env.browser, { allowed: httpOwn() });
  try {
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(env.server.url);
    await page.waitForSelector('#engine.error', { timeout: 20000 });
    assert.match(await page.textContent('#engine'), /^The page could not start: .*WebAssembly/);
    assert.equal(await page.getAttribute('html', 'data-ready'), null);
  } finally { await context.close(); }
  // lrplay.js blocked (a host policy that allows only the guard): the inline guard says so.
  const blocked = await startServer({ 'Content-Security-Policy': `script-src ${guardHash()}` });
  ({ context, page } = await openPage(env.browser, { allowed: own(blocked.url) }));
  try {
    await page.goto(blocked.url);
    await page.waitForSelector('#engine.error', { timeout: 20000 });
    assert.match(await page.textContent('#engine'), /^The page could not start: its script \(lrplay\.js\) was blocked or could not be loaded\./);
    await shot(page, '12-could-not-start.png');
  } finally { await context.close(); await blocked.close(); }
});
