// engines-browser.test.mjs — the page in three engines, one after the other, through one driver
// interface (tests/browser-helpers/engines.mjs): Chromium (playwright-core), Firefox ESR
// (puppeteer-core over WebDriver BiDi) and WebKitGTK (selenium-webdriver + WebKitWebDriver), all
// from Debian. One build of dist/ and one server for all of them. In each engine:
//   - dist/index.html and dist/lrplay.html over http and from file://: they load and sweep;
//   - the default range test and a three-run comparison whose plateau run cuts the rate;
//   - a link round trip: the page's own link, opened in a fresh page, gives the same experiment;
//   - an embed in <iframe sandbox="allow-scripts"> (the Embed dialog's snippet and the README's
//     index.html recipe) with autorun posting ready, find and train equal to the CLI's JSON, and
//     resize messages with the frame's height; an embed of a page that cannot load its core
//     posts error;
//   - no Content-Security-Policy violation (reports to the server), no console error (where the
//     driver shows the console); a screenshot per engine in tests/artifacts/.
// At the end a table of timings per engine is printed (and written to tests/artifacts/engines.txt).
//   LRP_ENGINES=firefox,webkit   run only these engines
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, buildDist, fileUrl } from '../browser-helpers/browser.mjs';
import { embedHtml, embedParent } from '../browser-helpers/embed.mjs';
import { ENGINES, availableEngines, launchEngine, artifact } from '../browser-helpers/engines.mjs';
import { serve } from '../../scripts/serve.mjs';
import { run } from './native.mjs';
import { nativeBin } from './wasm-util.mjs';
import { sameBits } from './compare.mjs';
import { loadCore } from '../../web/js/core.js';
import { parseFragment, configFromPairs } from '../../web/js/link.js';
import { workerCap } from '../../web/js/worker-cap.js';
import { EMBED_HEIGHT, HOST_RESIZE_SNIPPET } from '../../web/js/export.js';

const wanted = (process.env.LRP_ENGINES || ENGINES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
const { missing } = availableEngines();

let server, broken, brokenDir, parent, core;
const reports = [];        // CSP violation reports from every page served by `server`
const timings = {};        // engine -> {what: ms}

before(async () => {
  buildDist();
  server = await serve({ root: DIST, port: 0, onReport: (r) => reports.push(r) });
  // A copy of dist/ that cannot load its core: no WebAssembly files, and lrplay.html's inline
  // module is not WebAssembly (the frame of a WebKit sandbox ends up there).
  brokenDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-broken-'));
  fs.cpSync(DIST, brokenDir, { recursive: true });
  for (const f of fs.readdirSync(brokenDir)) if (/wasm/.test(f)) fs.rmSync(path.join(brokenDir, f));
  const single = path.join(brokenDir, 'lrplay.html');
  fs.writeFileSync(single, fs.readFileSync(single, 'utf8')
    .replace(/(<script type="application\/octet-stream" id="lrplay-wasm-\w+">)[^<]*/g, '$1AAAAAAAA'));
  broken = await serve({ root: brokenDir, port: 0 });
  // The parent page of an embed (another origin) for ?src=<frame URL>&h=<its height>, with the host snippet.
  parent = await embedParent((q) => embedHtml(q.get('src'), { height: Number(q.get('h') || EMBED_HEIGHT), extra: HOST_RESIZE_SNIPPET }));
  core = await loadCore();
});

after(async () => {
  await server?.close();
  await broken?.close();
  await parent?.close();
  if (brokenDir) fs.rmSync(brokenDir, { recursive: true, force: true });
  const rows = Object.entries(timings);
  if (!rows.length) return;
  const cols = ['version', 'load to ready (http)', 'default range test', 'three-run comparison', 'embed: ready', 'embed: find', 'embed: train'];
  const fmt = (v) => (typeof v === 'number' ? `${Math.round(v)} ms` : String(v ?? '-'));
  const table = [['engine', ...cols], ...rows.map(([e, t]) => [e, ...cols.map((c) => fmt(t[c]))])];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const text = table.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  text.splice(1, 0, `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  console.log(`engines: timings per engine\n${text.join('\n')}`);
  fs.writeFileSync(artifact('engines.txt'), `${text.join('\n')}\n`);
});

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

/** Waits until the page is interactive, or fails with what the page says went wrong. */
async function ready(page, ms = 30000) {
  await page.waitFor(() => document.documentElement.dataset.ready === '1' || document.querySelector('#engine.error'), null, ms, 'the page to be ready');
  const bad = await page.evaluate(() => (document.querySelector('#engine.error') ? document.getElementById('engine').textContent : ''));
  assert.equal(bad, '', 'the page could not start');
}
const interactiveMs = (page) => page.evaluate(() => performance.getEntriesByName('lrplay-interactive')[0]?.startTime ?? null);

async function sweep(page) {
  const b = await page.evaluate(() => document.documentElement.dataset.findDone || '');
  const t0 = Date.now();
  await page.click('#find-run');
  await page.waitFor((x) => (document.documentElement.dataset.findDone || '') !== x, b, 90000, 'the range test');
  return Date.now() - t0;
}

async function train(page) {
  const b = await page.evaluate(() => document.documentElement.dataset.trainDone || '');
  const t0 = Date.now();
  await page.click('#train-run');
  await page.waitFor((x) => (document.documentElement.dataset.trainDone || '') !== x, b, 180000, 'the comparison');
  return Date.now() - t0;
}

/** No CSP report since `mark`, no console error, and the page shows no start-up error. */
async function clean(page, mark, { engineText = true } = {}) {
  const got = reports.slice(mark);
  assert.deepEqual(got, [], `Content-Security-Policy violations: ${JSON.stringify(got)}`);
  const errors = page.consoleErrors();
  if (errors) assert.deepEqual(errors, [], `console errors:\n${errors.join('\n')}`);
  if (engineText) assert.equal(await page.evaluate(() => document.getElementById('engine').classList.contains('error')), false);
}

/** Messages the parent page has recorded, once one of `until` types arrived. */
async function frameMessages(page, until, ms = 180000) {
  await page.waitFor((u) => window.msgs.some((m) => u.includes(m.data.type)), until, ms, `a ${until.join('/')} message`);
  return page.evaluate(() => window.msgs);
}

for (const name of ENGINES) {
  const skip = !wanted.includes(name) ? `not in LRP_ENGINES=${process.env.LRP_ENGINES}` : false;
  describe(name, { skip, concurrency: 1 }, () => {
    let engine;
    const t = {};
    before(async () => {
      if (missing[name]) throw new Error(`${name}: ${missing[name]} (scripts/setup.sh installs it)`);
      engine = await launchEngine(name);
      t.version = engine.version;
      timings[name] = t;
      console.log(`engines: ${name} ${engine.version}`);
    });
    after(async () => { await engine?.close(); });

    test(`${name}: over http, index.html loads, sweeps, and compares three schedules with a plateau cut`, async () => {
      const page = await engine.newPage();
      const mark = reports.length;
      try {
        await page.goto(server.url);
        await ready(page);
        t['load to ready (http)'] = await interactiveMs(page);
        const engineText = await page.text('#engine');
        assert.match(engineText, /WebAssembly SIMD128 build/, 'SIMD128 everywhere');
        // The worker cap follows what the browser reports, and the page says both.
        const hc = await page.evaluate(() => navigator.hardwareConcurrency);
        const n = workerCap(hc);
        assert.match(engineText, new RegExp(`up to ${n} runs? in parallel \\(the browser reports ${hc} logical`));
        assert.ok(n <= Math.max(2, Math.ceil(hc / 2)));
        console.log(`engines: ${name}: ${engineText}`);

        t['default range test'] = await sweep(page);
        assert.match(await page.text('#find-status'), /^Done in/);
        assert.ok(Number(await page.attr('#find-chart', 'data-points')) >= 20);
        assert.ok(await page.evaluate(() => document.querySelectorAll('#suggest-list button[data-suggestion]').length >= 2));

        // Three schedules: constant, plateau, cosine, from the steep suggestion.
        await page.click('.run:nth-child(4) .run-head button');   // one-cycle
        await page.click('.run:nth-child(2) .run-head button');   // adam decay
        assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.run .run-title')].map((h) => h.textContent)),
          ['constant', 'plateau', 'cosine']);
        await page.click('#suggest-list button[data-suggestion="steep"]');
        t['three-run comparison'] = await train(page);
        assert.match(await page.text('#train-status'), /^Done in/);
        const rows = await page.evaluate(() => [...document.querySelectorAll('#results tbody tr')].map((tr) => tr.children[1].textContent));
        assert.equal(rows.length, 3);
        const cuts = JSON.parse(await page.attr('#lr-chart', 'data-cuts'));
        assert.equal(cuts[0], 0);
        assert.ok(cuts[1] >= 1, `the plateau run cuts the rate: ${cuts}`);
        await page.screenshot(artifact(`engine-${name}-compare.png`));
        await clean(page, mark);
      } finally { await page.close(); }
    });

    test(`${name}: dist/lrplay.html over http, under its own policy`, async () => {
      const page = await engine.newPage();
      const mark = reports.length;
      try {
        await page.goto(`${server.url}lrplay.html`);
        await ready(page);
        await sweep(page);
        assert.match(await page.text('#find-status'), /^Done in/);
        await clean(page, mark);
      } finally { await page.close(); }
    });

    test(`${name}: from file://, dist/index.html and dist/lrplay.html load and sweep`, async () => {
      for (const file of ['index.html', 'lrplay.html']) {
        const page = await engine.newPage();
        try {
          await page.goto(fileUrl(file));
          await ready(page);
          await sweep(page);
          assert.match(await page.text('#find-status'), /^Done in/, file);
          if (file === 'index.html') await page.screenshot(artifact(`engine-${name}-file.png`));
          await clean(page, reports.length);
        } finally { await page.close(); }
      }
    });

    test(`${name}: link round trip: the page's link opens the same experiment with the same numbers`, async () => {
      const a = await engine.newPage();
      let link, label;
      try {
        await a.goto(server.url);
        await ready(a);
        await a.fill('#f-seed', 7);
        await a.evaluate(() => { const s = document.getElementById('f-data-name'); s.value = 'moons'; s.dispatchEvent(new Event('change', { bubbles: true })); });
        await a.fill('#f-epochs', 6);
        await a.waitFor(() => /seed=7/.test(location.hash) && /data\.name=moons/.test(location.hash), null, 5000, 'the link to follow the settings');
        link = await a.evaluate(() => location.href);
        await sweep(a);
        label = await a.attr('#find-chart', 'aria-label');
      } finally { await a.close(); }
      const b = await engine.newPage();
      const mark = reports.length;
      try {
        await b.goto(link);
        await ready(b);
        assert.equal(await b.evaluate(() => location.href), link, 'the link is rewritten to itself');
        assert.equal(await b.evaluate(() => document.getElementById('f-seed').value), '7');
        assert.equal(await b.evaluate(() => document.getElementById('f-data-name').value), 'moons');
        assert.equal(await b.evaluate(() => document.getElementById('link-notes').hidden), true);
        await sweep(b);
        assert.equal(await b.attr('#find-chart', 'aria-label'), label, 'the same suggestions, digit for digit');
        await clean(b, mark);
      } finally { await b.close(); }
    });

    const FRAG = '#v=1&seed=5&data.name=circles&data.samples=160&model.hidden=12&epochs=8&find.num_iter=30' +
      '&runs.0.label=constant&runs.0.optimizer.lr=0.03&runs.1.label=plateau&runs.1.optimizer.lr=0.03' +
      '&runs.1.schedule.name=reduce_on_plateau&runs.1.schedule.patience=1' +
      '&runs.2.label=cosine&runs.2.optimizer.lr=0.03&runs.2.schedule.name=cosine&embed=1&hide=setup&autorun=1';
    const want = () => configFromPairs(core, parseFragment(FRAG).pairs).config;

    function checkRun(msgs, what) {
      const types = msgs.map((m) => m.data.type).filter((x) => x !== 'resize');
      assert.deepEqual(types, ['ready', 'find', 'train'], `${what}: ${JSON.stringify(msgs.filter((m) => m.data.type === 'error'))}`);
      for (const m of msgs) {
        assert.equal(m.origin, 'null', 'the sandboxed frame has an opaque origin');
        assert.equal(m.fromFrame, true);
        assert.equal(m.data.version, 1);
      }
      const by = Object.fromEntries(msgs.filter((m) => m.data.type !== 'resize').map((m) => [m.data.type, m]));
      sameResult(by.ready.data.config, want(), `${what}: ready carries the link's config`);
      sameResult(by.find.data.result, cli('find', by.find.data.config), `${what}: the posted range test = lrplay find`);
      sameResult(by.train.data.result, cli('train', want()), `${what}: the posted comparison = lrplay train`);
      // resize: whole px, never the same height twice in a row, the first before the results.
      const sizes = msgs.filter((m) => m.data.type === 'resize').map((m) => m.data.height);
      assert.ok(sizes.length >= 1, `${what}: the frame posts its height`);
      for (const h of sizes) assert.ok(Number.isInteger(h) && h > 100, `height ${h}`);
      for (let i = 1; i < sizes.length; i++) assert.notEqual(sizes[i], sizes[i - 1], 'the same height twice');
      assert.deepEqual(Object.keys(msgs.find((m) => m.data.type === 'resize').data), ['source', 'version', 'type', 'height']);
      return { by, sizes };
    }

    test(`${name}: sandboxed embed of the Embed dialog's lrplay.html: autorun posts ready, find, train (= the CLI) and its height`, async () => {
      const page = await engine.newPage({ width: 940, height: 1200 });
      const mark = reports.length;
      try {
        const src = `${server.url}lrplay.html${FRAG}`;
        await page.goto(`${parent.url}?src=${encodeURIComponent(src)}`);
        await frameMessages(page, ['train', 'error']);
        // The charts may still settle after the train message and post a last height: wait until
        // the frame is as tall as the last height it posted, then read every message.
        await page.waitFor(() => {
          const rs = window.msgs.filter((m) => m.data.type === 'resize');
          const f = document.querySelector('iframe');
          return rs.length > 0 && !!f && Math.abs(f.getBoundingClientRect().height - (rs[rs.length - 1].data.height + 2)) < 0.5;
        }, null, 20000, 'the frame at the last height it posted');
        const msgs = await page.evaluate(() => window.msgs);
        const { by, sizes } = checkRun(msgs, 'lrplay.html');
        t['embed: ready'] = by.ready.t;
        t['embed: find'] = by.find.t;
        t['embed: train'] = by.train.t;
        const last = sizes[sizes.length - 1];
        console.log(`engines: ${name}: embed heights posted: ${sizes.join(', ')}`);
        assert.ok(last <= EMBED_HEIGHT, `the finished embed (${last} px) fits the default height (${EMBED_HEIGHT} px)`);
        // The README's host snippet (in the parent page) gave the frame the height it posted last.
        assert.equal(await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height), last + 2, 'the frame (and its 1px border) is as tall as it asked');
        await page.screenshot(artifact(`engine-${name}-embed.png`));
        assert.deepEqual(reports.slice(mark), [], 'CSP violations');
      } finally { await page.close(); }
    });

    test(`${name}: the README's recipe (index.html) works sandboxed too`, async () => {
      const page = await engine.newPage({ width: 940, height: 1200 });
      const mark = reports.length;
      try {
        await page.goto(`${parent.url}?src=${encodeURIComponent(server.url + FRAG)}`);
        const msgs = await frameMessages(page, ['train', 'error']);
        checkRun(msgs, 'index.html');
        // WebKit does not let 'self' match the page's own files in the frame's opaque origin: the
        // page's inline guard moves the frame to lrplay.html. The only violations allowed are
        // those of that first attempt, for the page's own files.
        const got = reports.slice(mark).map((r) => r['csp-report'] || r);
        for (const r of got) {
          assert.match(String(r['document-uri']), new RegExp(`^${server.url.replace(/[.]/g, '\\.')}(index\\.html)?(#|$)`), JSON.stringify(r));
          assert.match(String(r['blocked-uri']), new RegExp(`^${server.url.replace(/[.]/g, '\\.')}(lrplay\\.js|css/lrplay\\.css)$`), JSON.stringify(r));
        }
        if (name !== 'webkit') assert.deepEqual(got, [], 'no violation outside WebKit');
        else console.log(`engines: webkit: the index.html frame's first attempt was blocked ${got.length} time(s); it continued as lrplay.html`);
      } finally { await page.close(); }
    });

    test(`${name}: an embed of a page that cannot load its core posts error with a message`, async () => {
      const page = await engine.newPage({ width: 940, height: 900 });
      try {
        await page.goto(`${parent.url}?src=${encodeURIComponent(broken.url + FRAG)}&h=600`);
        const msgs = await frameMessages(page, ['error', 'train'], 60000);
        const err = msgs.find((m) => m.data.type === 'error');
        assert.ok(err, `an error message: ${JSON.stringify(msgs.map((m) => m.data.type))}`);
        assert.equal(err.fromFrame, true);
        assert.match(err.data.message, /^the page could not start: \S/);
        assert.deepEqual(Object.keys(err.data), ['source', 'version', 'type', 'message']);
        assert.ok(!msgs.some((m) => m.data.type === 'ready'));
        console.log(`engines: ${name}: the broken embed posted: ${err.data.message}`);
      } finally { await page.close(); }
    });
  });
}
