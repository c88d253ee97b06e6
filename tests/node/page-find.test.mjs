// page-find.test.mjs — the range-test side of the page in Debian's Chromium (playwright-core):
// every suggestion explained, the picked suggestion (find.pick) as a selector saved in the link,
// a picked rate that only the user sets (Use this rate / Undo), a link whose numbers survive a
// range test, repeats over seeds (median, band, per-seed curves, spread; the numbers of
// `lrplay find`), the embed's find message with repeats, and the polish of the range-test side
// at phone width (labels beside their lines in at most two rows, a table as the chart's text
// alternative, roles, notes, selects, Keras Adam's decay in view, a skip link to "Train all runs").
// Screenshots go to tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, openPage, loadAndWait, useBrowser, own, noProblems,
} from '../browser-helpers/browser.mjs';
import { embedHtml, embedParent } from '../browser-helpers/embed.mjs';
import { run } from './native.mjs';
import { nativeBin } from './wasm-util.mjs';
import { sameBits } from './compare.mjs';
import { parseFragment, configFromPairs } from '../../web/js/link.js';
import { fmtLr } from '../../web/js/format.js';

const env = useBrowser();

async function sweep(page) {
  const b = await page.evaluate(() => document.documentElement.dataset.findDone || '');
  const t0 = Date.now();
  await page.click('#find-run');
  await page.waitForFunction((x) => (document.documentElement.dataset.findDone || '') !== x, b, { timeout: 120000 });
  return Date.now() - t0;
}

async function train(page) {
  const b = await page.evaluate(() => document.documentElement.dataset.trainDone || '');
  await page.click('#train-run');
  await page.waitForFunction((x) => (document.documentElement.dataset.trainDone || '') !== x, b, { timeout: 120000 });
}

/** The bytes a download button gives. */
async function grab(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click(selector)]);
  return fs.readFileSync(await d.path());
}

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

const linkConfig = (frag) => configFromPairs(env.core, parseFragment(frag).pairs).config;
const round3 = (v) => Number(v.toPrecision(3));

test('every suggestion explained; find.pick is a selector saved in the link; Use this rate and Undo', async () => {
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url) });
  try {
    await loadAndWait(page, env.server.url);
    assert.match(await page.textContent('#find .hint'), /steepest slope/, 'the hint agrees with the default pick');
    assert.equal(await page.inputValue('#f-find-pick'), 'steep');
    assert.match(await page.textContent('#find-legend'), /at least half as fast/);
    await sweep(page);
    const items = await page.$$eval('#suggest-list li[data-key]', (lis) => lis.map((li) => ({
      key: li.dataset.key, why: li.querySelector('.why').textContent, chosen: li.classList.contains('chosen'),
    })));
    assert.deepEqual(items.map((i) => i.key), ['minimum', 'steep', 'valley', 'slide', 'gradient']);
    for (const i of items) assert.match(i.why, i.key === 'gradient' ? /Lightning/ : /fastai/, `${i.key}: ${i.why}`);
    assert.deepEqual(items.filter((i) => i.chosen).map((i) => i.key), ['steep']);
    // The sweep picked nothing: no rate, nothing in the link, every run at its own rate.
    assert.equal(await page.inputValue('#pick-lr'), '');
    assert.doesNotMatch(await page.evaluate(() => location.hash), /picked_lr/);
    const policies0 = await page.$$eval('.run-policy', (ps) => ps.map((p) => p.textContent));
    for (const p of policies0) assert.match(p, /its own (rate|max_lr).*until a rate is picked/);
    const label = await page.getAttribute('#find-chart', 'aria-label');
    const steep = Number(/steepest slope ([^,]+),/.exec(label)[1]);
    assert.match(await page.textContent('#pick-candidate'), new RegExp(`Suggested rate: ${fmtLr(steep).replace('.', '\\.')}`));
    assert.match(label, /Steep fall from \S+ to \S+\./);
    const rows = await page.$$eval('#find-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.length >= 10 && rows.length <= 45, `${rows.length} table rows`);
    assert.ok(rows.some((r) => r.includes('steepest slope')), 'the table marks the suggestions');

    // Use this rate: the steep suggestion, rounded to 3 digits, in the field, the link and every run.
    await page.click('#pick-use');
    const picked = Number(await page.inputValue('#pick-lr'));
    assert.ok(picked > 0);
    assert.match(await page.evaluate(() => location.hash), /&find\.picked_lr=/);
    const policies1 = await page.$$eval('.run-policy', (ps) => ps.map((p) => p.textContent));
    assert.equal(policies1[0], `Starts from the picked rate, ${fmtLr(picked)}.`);
    assert.equal(await page.isDisabled('#run0-runs-0-optimizer-lr'), true, 'the rate the pick replaces is locked');
    assert.equal(await page.isVisible('#pick-undo'), true);
    await page.click('#pick-undo');
    assert.equal(await page.inputValue('#pick-lr'), '');
    assert.doesNotMatch(await page.evaluate(() => location.hash), /picked_lr/);
    assert.equal(await page.isVisible('#pick-undo'), false);
    assert.equal(await page.isDisabled('#run0-runs-0-optimizer-lr'), false);

    // Another suggestion: the selector goes into the link and the candidate follows, not the runs.
    await page.selectOption('#f-find-pick', 'valley');
    assert.match(await page.evaluate(() => location.hash), /&find\.pick=valley/);
    const valley = Number(/valley ([^,]+),/.exec(label)[1]);
    assert.match(await page.textContent('#pick-candidate'), new RegExp(fmtLr(valley).replace('.', '\\.')));
    assert.equal(await page.getAttribute('#suggest-list li.chosen', 'data-key'), 'valley');
    assert.doesNotMatch(await page.textContent('#find-status'), /settings have changed/, 'choosing a suggestion is not a new sweep');
    assert.equal(await page.inputValue('#pick-lr'), '');
    // A suggestion's own button uses its rate (and makes it the picked suggestion).
    await page.click('#suggest-list button[data-suggestion="slide"]');
    assert.equal(await page.inputValue('#f-find-pick'), 'slide');
    assert.ok(Number(await page.inputValue('#pick-lr')) > 0);
    await page.click('#pick-undo');
    assert.equal(await page.inputValue('#f-find-pick'), 'valley');
    assert.equal(await page.inputValue('#pick-lr'), '');
    noProblems(rec);
  } finally { await context.close(); }
});

test('a link keeps its numbers through a range test; Use this rate changes them and Undo brings them back', async () => {
  const frag = '#v=1&seed=7&data.name=moons&data.samples=200&model.hidden=12&epochs=6&find.num_iter=60' +
    '&find.picked_lr=0.0123&runs.0.label=constant&runs.0.optimizer.lr=0.01' +
    '&runs.1.label=plateau&runs.1.optimizer.lr=0.03&runs.1.schedule.name=reduce_on_plateau&runs.1.schedule.patience=1' +
    '&runs.2.label=cosine%20own&runs.2.lr_policy=own&runs.2.optimizer.lr=0.02&runs.2.schedule.name=cosine';
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url) });
  try {
    await loadAndWait(page, env.server.url + frag);
    assert.equal(await page.inputValue('#pick-lr'), '0.0123', 'a freshly opened link shows its picked rate');
    assert.deepEqual(await page.$$eval('.run-policy', (ps) => ps.map((p) => p.textContent)), [
      'Starts from the picked rate, 0.0123.', 'Starts from the picked rate, 0.0123.',
      'Starts from its own rate, 0.02: its starting rate is its own.']);
    const hash0 = await page.evaluate(() => location.hash);
    await train(page);
    const a = await grab(page, '#dl-train-json');
    const A = JSON.parse(a);
    sameResult(A, cli('train', linkConfig(frag)), 'the page trains the link as lrplay train does');
    assert.equal(A.runs[0].lr[0], 0.0123);
    assert.equal(A.runs[2].lr[0], 0.02);

    // The range test: nothing the runs depend on moves.
    await sweep(page);
    assert.equal(await page.evaluate(() => location.hash), hash0, 'the link is the same after the range test');
    assert.equal(await page.inputValue('#pick-lr'), '0.0123');
    await train(page);
    assert.ok((await grab(page, '#dl-train-json')).equals(a), 'the same training JSON, byte for byte, after the range test');

    // Use this rate: the runs that start from the pick move; the one with its own rate does not.
    await page.click('#pick-use');
    const picked = Number(await page.inputValue('#pick-lr'));
    assert.notEqual(picked, 0.0123);
    await train(page);
    const C = JSON.parse(await grab(page, '#dl-train-json'));
    assert.equal(C.config.find.picked_lr, picked);
    assert.equal(C.runs[0].lr[0], picked);
    assert.equal(C.runs[1].lr[0], picked);
    assert.deepEqual(C.runs[2].val_loss, A.runs[2].val_loss, 'the run with its own rate is unchanged');
    assert.notDeepEqual(C.runs[0].val_loss, A.runs[0].val_loss);
    console.log(`page-find: picked ${picked} instead of 0.0123: constant's best val. loss ${A.runs[0].best_val_loss} -> ${C.runs[0].best_val_loss}`);

    // Undo: the link and the numbers are the opened link's again.
    await page.click('#pick-undo');
    assert.equal(await page.evaluate(() => location.hash), hash0);
    await train(page);
    assert.ok((await grab(page, '#dl-train-json')).equals(a), 'Undo gives back the link\'s training JSON, byte for byte');
    noProblems(rec);
  } finally { await context.close(); }
});

test('repeats: digits over 6 seeds — median, band, per-seed curves, spread; the numbers of lrplay find', async () => {
  const frag = '#v=1&data.name=digits&repeats=6';
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url), viewport: { width: 1280, height: 1000 } });
  try {
    await loadAndWait(page, env.server.url + frag);
    const ms = await sweep(page);
    console.log(`page-find: digits range test over 6 seeds took ${ms} ms; ${await page.textContent('#find-status')}`);
    assert.equal(await page.getAttribute('#find-chart', 'data-seeds'), '6');
    const page6 = JSON.parse(await grab(page, '#dl-find-json'));
    const want = cli('find', linkConfig(frag));
    sameResult(page6, want, 'the page\'s repeated range test = build/lrplay find');
    const vals = await page.$$eval('#suggest-list li[data-key] .val', (v) => v.map((x) => x.textContent));
    for (const v of vals) assert.match(v, /^\S+ \(\S+–\S+ over 6 seeds\)$/);
    for (const li of await page.$$eval('#suggest-list li[data-key]', (l) => l.map((x) => `${x.dataset.key}: ${x.querySelector('.val').textContent}`))) {
      console.log(`page-find: digits, 6 seeds: ${li}`);
    }
    assert.match(await page.getAttribute('#find-chart', 'aria-label'), /median smoothed loss of 6 seeds/);
    assert.match(await page.textContent('#find-table thead'), /Median smoothed loss \(6 seeds\)/);
    assert.equal(await page.getAttribute('#find-chart', 'data-seed-curves'), 'hidden');
    await page.locator('#find').screenshot({ path: path.join(ARTIFACTS, '21-find-digits-6-seeds-band.png') });
    await page.check('#find-seeds');
    assert.equal(await page.getAttribute('#find-chart', 'data-seed-curves'), 'shown');
    await page.locator('#find').screenshot({ path: path.join(ARTIFACTS, '22-find-digits-6-seeds-curves.png') });
    // Use this rate takes the median of the picked suggestion.
    await page.click('#pick-use');
    assert.equal(Number(await page.inputValue('#pick-lr')), round3(want.find.picked.lr));
    noProblems(rec);
  } finally { await context.close(); }
});

test('embedded: the find message of a repeated range test is lrplay find\'s JSON, seed by seed', async () => {
  const frag = '#v=1&seed=3&data.name=moons&data.samples=200&model.hidden=12&find.num_iter=40&repeats=3';
  const src = `${env.server.url}${frag}&embed=1&hide=setup,train&autorun=1`;
  const parent = await embedParent(embedHtml(src, { width: 800, height: 700 }));
  const parentUrl = parent.url;
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url, parentUrl) });
  try {
    await page.goto(parentUrl);
    await page.waitForFunction(() => window.msgs.some((m) => m.data.type === 'find' || m.data.type === 'error'), null, { timeout: 120000 });
    await page.waitForTimeout(300);
    // the frame's `resize` messages (its height) come and go with layout: the rest is ready, find
    const msgs = (await page.evaluate(() => window.msgs)).filter((m) => m.data.type !== 'resize');
    assert.deepEqual(msgs.map((m) => m.data.type), ['ready', 'find']);
    assert.ok(msgs.every((m) => m.fromFrame));
    const cfg = linkConfig(frag);
    const got = msgs[1].data.result;
    sameResult(got, cli('find', cfg), 'the posted repeated range test = build/lrplay find');
    assert.equal(got.find.per_seed.length, 3);
    got.find.per_seed.forEach((s, k) => {
      const one = cli('find', { ...cfg, seed: 3 + k, repeats: 1 }).find;
      sameResult(s, { seed: 3 + k, ...one }, `per_seed[${k}] = the single-seed lrplay find of seed ${3 + k}`);
    });
    await page.screenshot({ path: path.join(ARTIFACTS, '23-embed-find-repeats.png') });
    noProblems(rec);
  } finally {
    await context.close();
    await parent.close();
  }
});

test('phone width: labels beside their lines in two rows, a table for the chart, roles, notes, selects, decay, few Tabs', async () => {
  const { context, page, rec } = await openPage(env.browser, { allowed: own(env.server.url), viewport: { width: 390, height: 844 } });
  try {
    await loadAndWait(page, env.server.url);
    await sweep(page);
    await page.click('#pick-use');
    const rows = Number(await page.getAttribute('#find-chart', 'data-mark-rows'));
    const boxes = JSON.parse(await page.getAttribute('#find-chart', 'data-mark-boxes'));
    const h = (await page.locator('#find-chart').boundingBox()).height;
    console.log(`page-find: phone-width chart ${Math.round(h)} px high, ${boxes.length} labels in ${rows} rows: ${boxes.map((b) => b[0]).join(', ')}`);
    assert.ok(rows >= 1 && rows <= 2, `${rows} rows of labels`);
    assert.ok(4 + rows * 16 < h / 6, 'the labels take less than a sixth of the chart');
    for (const [label, px, l, r] of boxes) assert.ok(px <= l || px >= r, `“${label}” covers its line (${px} in ${l}..${r})`);
    await page.evaluate(() => document.getElementById('find').scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, '24-find-phone.png') });

    // The chart's text alternative: its description and the table.
    assert.equal(await page.getAttribute('#find-chart', 'aria-describedby'), 'find-legend');
    await page.click('.find-table-box summary');
    assert.ok(await page.isVisible('#find-table'));
    // Every aria-labelledby sits on an element with a role.
    const roleless = await page.$$eval('[aria-labelledby]', (els) => els.filter((el) => !el.getAttribute('role') &&
      !['SECTION', 'ARTICLE', 'DIALOG', 'FIELDSET', 'TABLE', 'NAV', 'FORM', 'FIGURE', 'ASIDE'].includes(el.tagName))
      .map((el) => el.id || el.className));
    assert.deepEqual(roleless, []);

    // Tabs from the range test to "Train all runs", through the skip link.
    await page.focus('#find-run');
    let presses = 0;
    for (; presses < 200; presses++) {
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.className);
      if (id === 'train-run') break;
      await page.keyboard.press(id === 'skip-inline' ? 'Enter' : 'Tab');
    }
    console.log(`page-find: ${presses} key presses from "Run the range test" to "Train all runs" (after a sweep)`);
    assert.ok(presses <= 20, `${presses} key presses`);

    // Keras Adam's decay is in view; no select cuts its choice off.
    assert.equal(await page.isVisible('#run1-runs-1-optimizer-decay'), true);
    const cut = await page.$$eval('#runs select, #setup select, #find select', (sels) => {
      const ctx = document.createElement('canvas').getContext('2d');
      return sels.filter((s) => s.offsetParent).map((s) => {
        ctx.font = getComputedStyle(s).font;
        return { id: s.id, text: s.selectedOptions[0].text, need: ctx.measureText(s.selectedOptions[0].text).width + 28, have: s.clientWidth };
      }).filter((x) => x.need > x.have);
    });
    assert.deepEqual(cut, [], 'selects too narrow for their choice');

    // Digits: no correction note for a field the user never touched; a note's Dismiss sits in its box.
    await page.selectOption('#f-data-name', 'digits');
    assert.equal(await page.isHidden('#notes'), true, await page.textContent('#notes'));
    await page.fill('#f-data-val_frac', '0.9');
    await page.press('#f-data-val_frac', 'Enter');
    await page.waitForSelector('#notes:not([hidden])');
    const box = await page.locator('#notes .note-box').boundingBox();
    const btn = await page.locator('#notes button').boundingBox();
    assert.ok(btn.x >= box.x && btn.y >= box.y && btn.x + btn.width <= box.x + box.width && btn.y + btn.height <= box.y + box.height,
      'the Dismiss button sits inside the box');
    noProblems(rec);
  } finally { await context.close(); }
});
