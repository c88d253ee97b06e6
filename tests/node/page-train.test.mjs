// page-train.test.mjs — the comparison panel of the page in Debian's Chromium: repeats over
// seeds spread over the workers (each seed's runs equal the single-seed runs key by key, the
// whole result equals `lrplay train`), median curves with min–max bands, each seed's curves
// on demand, win counts in words, early-stopping marks, warm-up fields that round-trip through
// the link, the results table's columns, and the table at phone width. Screenshots of bands
// and win counts on digits with 6 seeds go to tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  ROOT, ARTIFACTS, openPage, loadAndWait, shot, useBrowser, own, noProblems,
} from '../browser-helpers/browser.mjs';
import { embedHtml, embedParent } from '../browser-helpers/embed.mjs';
import { toJSON } from '../../web/js/core.js';
import { winSentences, closeCalls, meanSd } from '../../web/js/results.js';
import { etaText, trainJobs } from '../../web/js/train-jobs.js';
import { fmtLoss } from '../../web/js/format.js';

const env = useBrowser();

async function train(page, timeout = 240000) {
  const before = await page.evaluate(() => document.documentElement.dataset.trainDone || '');
  const t0 = Date.now();
  await page.click('#train-run');
  await page.waitForFunction((b) => (document.documentElement.dataset.trainDone || '') !== b, before, { timeout });
  return Date.now() - t0;
}

/** The comparison's JSON as the page downloads it (bytes). */
async function downloadTrain(page) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click('#dl-train-json')]);
  return fs.readFileSync(await d.path(), 'utf8');
}

/** What bin/lrplay.mjs (the Node CLI) prints for `train` of a config. */
function nodeCli(config, extra = []) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/lrplay.mjs'), 'train', ...extra, '-'], { input: JSON.stringify(config), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const texts = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent));

test('win counts, close calls, the ETA and the job order, in words and numbers', () => {
  const st = (mean, sd) => ({ best_val_loss: { n: 6, mean, sd } });
  const runs = [
    { index: 0, label: 'constant', repeats: 6, beats: [0, 1, 0], stats: st(0.12, 0.03) },
    { index: 1, label: 'plateau', repeats: 6, beats: [5, 0, 0], stats: st(0.1, 0.02) },
    { index: 2, label: 'cosine', repeats: 6, beats: [0, 0, 0], stats: st(0.5, 0.01) },
  ];
  // constant vs cosine: no wins either way (best losses all equal or non-finite): a tie on every seed.
  assert.deepEqual(winSentences(runs).map((w) => w.text), [
    'plateau beat constant on 5 of 6 seeds (constant won on 1).',
    'constant and cosine tied on all 6 seeds.',
    'plateau and cosine tied on all 6 seeds.',
  ]);
  runs[1].beats = [4, 0, 6];
  runs[0].beats = [0, 0, 6];
  assert.deepEqual(winSentences(runs).map((w) => w.text), [
    'plateau beat constant on 4 of 6 seeds (tied on 2).',
    'constant beat cosine on 6 of 6 seeds.',
    'plateau beat cosine on 6 of 6 seeds.',
  ]);
  // A gap of 0.02 within an sd of 0.03 is a close call; 0.38 and 0.4 are not.
  assert.deepEqual(closeCalls(runs).map((c) => [c.a, c.b]), [['constant', 'plateau']]);
  assert.equal(meanSd({ n: 6, mean: 0.1234567, sd: 0.01 }, (x) => x.toFixed(3)), '0.123 ± 0.010');
  assert.equal(meanSd({ n: 1, mean: 0.5, sd: null }, String), '0.5');
  assert.equal(meanSd({ n: 0, mean: null, sd: null }, String), '—');
  assert.equal(etaText(1000, 0.01), null);
  assert.equal(etaText(1000, 0.6), 'about a second left');
  assert.equal(etaText(10000, 0.25), 'about 30 s left');
  assert.equal(etaText(60000, 0.25), 'about 3 min left');
  assert.equal(etaText(1000, 1), null);
  assert.deepEqual(trainJobs(2, 3), [{ k: 0, i: 0 }, { k: 0, i: 1 }, { k: 1, i: 0 }, { k: 1, i: 1 }, { k: 2, i: 0 }, { k: 2, i: 1 }]);
});

// Three runs on moons over 3 seeds: plateau stops early (restoring its best weights), cosine
// warms up for 2 epochs.
const FRAG = '#v=1&seed=3&repeats=3&data.name=moons&data.samples=200&model.hidden=8&epochs=14' +
  '&runs.0.label=constant&runs.0.optimizer.name=sgd&runs.0.optimizer.lr=0.1' +
  '&runs.1.label=plateau&runs.1.optimizer.name=sgd&runs.1.optimizer.lr=0.1&runs.1.schedule.name=reduce_on_plateau' +
  '&runs.1.schedule.patience=1&runs.1.early_stopping.monitor=val_loss&runs.1.early_stopping.patience=2' +
  '&runs.1.early_stopping.min_delta=0.03&runs.1.early_stopping.restore_best_weights=true' +
  '&runs.2.label=cosine&runs.2.optimizer.name=sgd&runs.2.optimizer.lr=0.1&runs.2.schedule.name=cosine&runs.2.schedule.warmup=2';

test('repeats 3: each seed equals its single-seed run, the result equals lrplay train; bands, seeds, wins, stops', async () => {
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url) });
  try {
    await loadAndWait(page, env.server.url + FRAG);
    // The link's warm-up and early-stopping fields show in the run cards and stay in the link.
    assert.equal(await page.inputValue('#run2-runs-2-schedule-warmup'), '2');
    assert.equal(await page.inputValue('#run1-runs-1-early_stopping-patience'), '2');
    assert.equal(await page.inputValue('#f-repeats'), '3');
    // Early stopping has a box of its own in each card, open where the link turns it on.
    const stopBoxes = await page.$$eval('.run details.more', (ds) => ds.filter((d) => /^Early stopping/.test(d.querySelector('summary').textContent))
      .map((d) => [d.querySelector('summary').textContent, d.open]));
    assert.deepEqual(stopBoxes, [['Early stopping: off', false], ['Early stopping: val_loss, patience 2', true], ['Early stopping: off', false]]);
    assert.equal(await page.isVisible('#run1-runs-1-early_stopping-restore_best_weights'), true);
    const hash = await page.evaluate(() => location.hash);
    for (const kv of ['repeats=3', 'runs.2.schedule.warmup=2', 'runs.1.early_stopping.monitor=val_loss', 'runs.1.early_stopping.restore_best_weights=true']) {
      assert.ok(hash.includes(kv), `the link keeps ${kv}: ${hash}`);
    }
    const ms = await train(page);
    const status = await page.textContent('#train-status');
    console.log(`page-train: 3 runs x 3 seeds in ${ms} ms; ${status}`);
    assert.match(status, /^Done in .* \(9 jobs over \d+ workers\)\.$/);
    assert.equal(Number(await page.getAttribute('#train-progress', 'value')), 1);

    // The page's JSON is the Node CLI's, byte for byte; each per_seed entry is the single-seed run.
    const json = await downloadTrain(page);
    const result = JSON.parse(json);
    const config = result.config;
    assert.equal(json, nodeCli(config), 'the page\'s results JSON = bin/lrplay.mjs train');
    const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click('#dl-train-csv')]);
    assert.equal(fs.readFileSync(await csv.path(), 'utf8'), nodeCli(config, ['--csv']), 'the page\'s CSV = bin/lrplay.mjs train --csv');
    assert.equal(result.runs.length, 3);
    for (let k = 0; k < 3; k++) {
      const single = await env.core.train({ ...config, seed: config.seed + k, repeats: 1 });
      result.runs.forEach((run, i) => {
        const { seed, ...rest } = run.per_seed[k];
        assert.equal(seed, config.seed + k);
        assert.deepEqual(Object.keys(rest), Object.keys(single.runs[i]), `run ${i} seed ${seed}: same keys`);
        for (const key of Object.keys(rest)) assert.deepEqual(rest[key], single.runs[i][key], `run ${i} seed ${seed}: ${key}`);
      });
    }

    // Median and band in both charts, one band per run; each seed's lines on demand.
    assert.equal(await page.getAttribute('#loss-chart', 'data-bands-drawn'), '3');
    assert.equal(await page.getAttribute('#lr-chart', 'data-bands-drawn'), '3');
    assert.equal(await page.getAttribute('#loss-chart', 'data-seed-lines'), '0');
    assert.equal(await page.isVisible('#train-seeds'), true);
    await page.check('#train-seeds');
    assert.equal(await page.getAttribute('#loss-chart', 'data-seed-lines'), '9');
    await page.uncheck('#train-seeds');
    assert.equal(await page.getAttribute('#loss-chart', 'data-seed-lines'), '0');
    assert.match(await page.getAttribute('#loss-chart', 'aria-label'), /medians across seeds/);

    // Early stopping: the marks are each seed's stop, as in the results.
    const stops = JSON.parse(await page.getAttribute('#loss-chart', 'data-stops'));
    const restored = JSON.parse(await page.getAttribute('#loss-chart', 'data-restored'));
    assert.deepEqual(stops, result.runs.map((r) => r.per_seed.map((p) => p.stopped_epoch)));
    assert.deepEqual(restored, result.runs.map((r) => r.per_seed.map((p) => p.restored_epoch)));
    assert.ok(stops[1].some((e) => e != null), `the plateau run stops early on some seed: ${JSON.stringify(stops)}`);
    assert.deepEqual(stops[0], [null, null, null]);
    assert.match(await page.getAttribute('#loss-chart', 'aria-label'), /plateau stopped early on \d of 3 seeds/);

    // The table: mean ± sd, the stopped column (a run stops early), no target column.
    const head = await texts(page, '#results thead th');
    assert.deepEqual(head, ['Run', 'Status', 'Best val. loss', 'Epoch of best', 'Final val. loss', 'Best accuracy', 'Stopped', 'Wall time']);
    const rows = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(rows.length, 3);
    for (const r of rows) assert.match(r[2], /^\d\.\d+ ± \d\.\d+(e-\d+)?$/, `best val. loss as mean ± sd: ${r}`);
    assert.match(rows[1][6], /^\d of 3 seeds, epoch /);
    const labels = await page.$$eval('#results tbody td[data-label]', (tds) => [...new Set(tds.map((t) => t.dataset.label))]);
    assert.deepEqual(labels, head.slice(1));

    // Win counts in words, from the result's beats.
    const wins = await texts(page, '#train-messages li.win');
    assert.deepEqual(wins, winSentences(result.runs).map((w) => w.text));
    assert.equal(wins.length, 3);
    for (const w of wins) assert.match(w, /^(\S+ beat \S+ on [1-3] of 3 seeds|\S+ and \S+ tied on all 3 seeds)/);
    const c = result.runs[0], cos = result.runs[2];
    const want = c.beats[2] >= cos.beats[0] ? `constant beat cosine on ${c.beats[2]} of 3 seeds` : `cosine beat constant on ${cos.beats[0]} of 3 seeds`;
    assert.ok(wins.some((w) => w.startsWith(want)), `${want} in ${wins}`);
    console.log(`page-train: ${wins.join(' ')}`);
    // The warning names the pairs whose gap is smaller than the spread (here constant and plateau).
    const s0 = result.runs[0].stats.best_val_loss, s1 = result.runs[1].stats.best_val_loss;
    const close = Math.abs(s0.mean - s1.mean) < Math.max(s0.sd, s1.sd);
    const warn = await texts(page, '#train-messages li.close');
    assert.equal(warn.length, close ? 1 : 0);
    if (close) assert.match(warn[0], /constant vs plateau/);
    await shot(page, '40-train-repeats.png');
    noProblems(rec);
  } finally { await context.close(); }
});

test('one seed: a target adds its column, regression drops accuracy; the table stacks at phone width', async () => {
  const frag = '#v=1&seed=2&data.name=sine&data.samples=120&model.hidden=8&epochs=5&target_loss=0.3' +
    '&runs.0.label=constant&runs.0.optimizer.lr=0.01&runs.1.label=cosine&runs.1.optimizer.lr=0.01&runs.1.schedule.name=cosine';
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url), viewport: { width: 375, height: 800 } });
  try {
    await loadAndWait(page, env.server.url + frag);
    await train(page);
    assert.equal(await page.isVisible('#train-seeds'), false, 'no seed toggle for one seed');
    const head = await texts(page, '#results thead th');
    assert.deepEqual(head, ['Run', 'Status', 'Best val. loss', 'Epoch of best', 'Final val. loss', 'Epochs to target', 'Wall time']);
    assert.equal(await page.getAttribute('#loss-chart', 'data-bands-drawn'), '0');
    const json = JSON.parse(await downloadTrain(page));
    const rows = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    json.runs.forEach((r, i) => assert.equal(rows[i][4], fmtLoss(r.final_val_loss)));
    assert.match((await texts(page, '#train-messages li'))[0], /come from one seed/);
    // Phone width: nothing scrolls sideways, every cell is inside the viewport.
    const fit = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const cells = [...document.querySelectorAll('#results tbody td, #results tbody th')];
      return { w, page: document.documentElement.scrollWidth, outside: cells.filter((c) => c.getBoundingClientRect().right > w + 0.5).length };
    });
    assert.ok(fit.page <= fit.w, `the page scrolls sideways: ${fit.page} > ${fit.w}`);
    assert.equal(fit.outside, 0, 'table cells past the right edge');
    await page.locator('#results-box').screenshot({ path: path.join(ARTIFACTS, '41-results-phone.png') });
    noProblems(rec);
  } finally { await context.close(); }
});

test('digits over 6 seeds, the default runs from the steep pick: bands and win counts (screenshots)', async () => {
  // The walk-through: digits, every run from the steepest-slope rate 0.0464, seeds 1–6
  // (20 epochs instead of 40 to keep the test short).
  const frag = '#v=1&seed=1&repeats=6&data.name=digits&epochs=20&find.picked_lr=0.0464';
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url), viewport: { width: 1280, height: 1000 } });
  try {
    await loadAndWait(page, env.server.url + frag);
    // One progress bar and the time left for the whole batch, while it runs.
    const running = page.waitForFunction(() => /^Training 5 runs × 6 seeds \(30 jobs\), \d+ at a time: \d+ %, about .+ left…$/
      .test(document.getElementById('train-status').textContent), null, { timeout: 60000 });
    const ms = await train(page);
    await running;
    console.log(`page-train: digits, 5 runs x 6 seeds x 20 epochs in ${ms} ms; ${await page.textContent('#train-status')}`);
    assert.equal(await page.getAttribute('#loss-chart', 'data-bands-drawn'), '5');
    assert.equal(await page.getAttribute('#lr-chart', 'data-bands-drawn'), '5');
    const result = JSON.parse(await downloadTrain(page));
    const wins = await texts(page, '#train-messages li.win');
    assert.deepEqual(wins, winSentences(result.runs).map((w) => w.text));
    assert.equal(wins.length, 10);
    for (const w of wins) assert.match(w, / of 6 seeds|tied on all 6 seeds/);
    console.log(`page-train: digits, 6 seeds: ${wins.join(' ')}`);
    const table = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent).join(' | ')));
    console.log(`page-train: digits table:\n  ${table.join('\n  ')}`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#train .charts-2').screenshot({ path: path.join(ARTIFACTS, '42-digits-6-seeds-bands.png') });
    await page.check('#train-seeds');
    await page.locator('#train .charts-2').screenshot({ path: path.join(ARTIFACTS, '43-digits-6-seeds-each-seed.png') });
    await page.uncheck('#train-seeds');
    await page.locator('#results-box').screenshot({ path: path.join(ARTIFACTS, '44-digits-6-seeds-table.png') });
    await page.locator('#train-messages').screenshot({ path: path.join(ARTIFACTS, '45-digits-6-seeds-wins.png') });
    noProblems(rec);
  } finally { await context.close(); }
});

test('embedded with repeats 2: the frame\'s `train` message is the JSON of bin/lrplay.mjs train', async () => {
  const frag = '#v=1&seed=7&repeats=2&data.name=circles&data.samples=160&model.hidden=8&epochs=6' +
    '&runs.0.label=constant&runs.0.optimizer.lr=0.03&runs.1.label=cosine&runs.1.optimizer.lr=0.03' +
    '&runs.1.schedule.name=cosine&runs.1.schedule.warmup=2&embed=1&hide=setup,find&autorun=1';
  const parent = await embedParent(embedHtml(env.server.url + frag, { width: 900, height: 900 }));
  const parentUrl = parent.url;
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url, parentUrl) });
  try {
    await page.goto(parentUrl);
    await page.waitForFunction(() => window.msgs.some((m) => m.data.type === 'train' || m.data.type === 'error'), null, { timeout: 120000 });
    // the frame's `resize` messages (its height) come and go with layout: the rest is ready, train
    const msgs = (await page.evaluate(() => window.msgs.map((m) => m.data))).filter((m) => m.type !== 'resize');
    assert.deepEqual(msgs.map((m) => m.type), ['ready', 'train']);
    const trained = msgs[1];
    assert.equal(trained.result.runs[0].per_seed.length, 2);
    assert.equal(toJSON(trained.result) + '\n', nodeCli(trained.config), 'the posted comparison = bin/lrplay.mjs train');
    noProblems(rec);
  } finally {
    await context.close();
    await parent.close();
  }
});
