// tutorial-browser.test.mjs — dist/tutorial.html in Debian's Chromium (playwright-core, no
// downloaded browser): the tutorial whose figures are live, sandboxed lrplay embeds.
//   - the page: the playground's strict policy, no inline code, every figure's link opens without
//     corrections, the playground links to it;
//   - over HTTP, read like a reader does (scrolling down): frames start only when scrolled to; at
//     least 5 embeds post `ready` and their results within 60 s in total; every number the text
//     quotes equals the value in its figure's message (read here independently of the page's
//     code), and the claims the prose makes about them hold; no console error, no CSP violation,
//     no request to another host; screenshots light, dark and phone width in tests/artifacts/;
//   - every "Open in the playground" link, opened on its own and run, gives its figure's
//     results bit for bit (the JSON download against the message);
//   - from file://: the frames open the self-contained lrplay.html (Chromium gives a sandboxed
//     file:// frame no other local file) and give the same numbers; where a frame cannot start
//     at all, the page says so, keeps the links and gives the frame's place to the next figure.
// Every frame sizes itself from its `resize` messages: once they have settled (each figure brought
// into view, as Chromium renders no cross-origin frame out of view), each frame is as tall as the
// last height it posted and its own page does not scroll, at 1280 px and at phone width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST, ARTIFACTS, fileUrl, openPage, loadAndWait, useBrowser, own, noProblems as pageNoProblems,
} from '../browser-helpers/browser.mjs';
import { sameBits } from './compare.mjs';
import { parseFragment, configFromPairs } from '../../web/js/link.js';
import { fmtLr, fmtLoss } from '../../web/js/format.js';
import { embedSrc, framePage, Figure } from '../../web/js/tutorial/frames.js';
import { resolve, formatValue } from '../../web/js/tutorial/numbers.js';
import { readMessage } from '../../web/js/tutorial/messages.js';

const BUDGET_MS = 60000;
const env = useBrowser();
let session = null;   // what the HTTP run saw: {figures: [{id, expect, href}], msgs: {id: [data]}}

/** A page that records the lrplay messages its frames post and every CSP violation. */
async function open(opts) {
  const p = await openPage(env.browser, opts);
  await p.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    if (window.top !== window) return;
    window.__msgs = [];
    window.addEventListener('message', (e) => {
      const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
      const fig = frame?.closest('figure')?.id ?? null;
      window.__msgs.push({ fig, origin: e.origin, t: performance.now(), data: e.data });
    });
  });
  return p;
}

async function noProblems({ page, rec }) {
  pageNoProblems(rec);
  for (const f of page.frames()) {
    const csp = await f.evaluate(() => window.__csp).catch(() => []);
    assert.deepEqual(csp, [], `CSP violations in ${f.url()}`);
  }
}

/**
 * Brings each figure into view in turn and waits until its frame has the height of the last
 * `resize` message it posted, none has come for `quiet` ms and the frame's own page does not
 * scroll. (Chromium does not render a cross-origin frame outside the viewport, so a frame that
 * grew while scrolled away reports its new height only when it comes back into view, as it does
 * for a reader.) A timeout is not an error here: the assertions after it say what is wrong.
 */
async function framesSettled(page, { quiet = 600, timeout = 15000 } = {}) {
  const ids = await page.$$eval('figure.exp', (els) => els.filter((el) => el.querySelector('iframe')).map((el) => el.id));
  for (const id of ids) {
    await page.$eval(`#${id}`, (el) => el.scrollIntoView({ block: 'start' }));
    const frame = await (await page.$(`#${id} iframe`)).contentFrame();
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const sized = await page.evaluate(([fid, q]) => {
        const last = window.__msgs.filter((m) => m.fig === fid && m.data?.source === 'lrplay' && m.data.type === 'resize').at(-1);
        if (!last || performance.now() - last.t < q) return false;
        const want = Math.min(4000, Math.max(160, Math.round(last.data.height)));
        return Math.abs(document.querySelector(`#${fid} iframe`).getBoundingClientRect().height - want) <= 1;
      }, [id, quiet]);
      const fits = await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1).catch(() => false);
      if (sized && fits) break;
      await page.waitForTimeout(100);
    }
  }
}

/** Every frame shows all of its content: its own page does not scroll. */
async function noInnerScroll(page, where) {
  const posted = await page.evaluate(() => window.__msgs.filter((m) => m.data?.type === 'resize').map((m) => `${m.fig}:${m.data.height}`).join(' '));
  for (const f of page.frames().slice(1)) {
    const [inner, outer, overflowY, wide, width] = await f.evaluate(() => [document.documentElement.scrollHeight, innerHeight,
      getComputedStyle(document.documentElement).overflowY, document.documentElement.scrollWidth, innerWidth]);
    assert.ok(inner <= outer + 1, `${where}: ${f.url().slice(0, 60)}: ${inner} px of content in a ${outer} px frame (resize messages: ${posted})`);
    assert.ok(wide <= width, `${where}: ${f.url().slice(0, 60)}: ${wide} px wide in a ${width} px frame`);
    assert.notEqual(overflowY, 'scroll', `${where}: a frame with a forced scrollbar`);
  }
}

const shape = (v) => JSON.stringify(v, (k, x) => (typeof x === 'number' ? 0 : x));
function sameResult(a, b, what) {
  assert.equal(sameBits(a, b), null, what);
  assert.equal(shape(a), shape(b), `${what}: same keys, strings and nulls`);
}

/** The value a quoted number stands for, read from the result here (not with the page's code). */
function expected(result, p) {
  const f = result.find;
  const kept = f ? f.smoothed.slice(0, f.kept) : null;
  const special = {
    'find.smoothed.first': () => f.smoothed[0],
    'find.smoothed.low': () => Math.min(...kept),
    'find.lr.low': () => f.lr[kept.indexOf(Math.min(...kept))],
    'find.smoothed.kept': () => kept[kept.length - 1],
    'find.lr.kept': () => f.lr[f.kept - 1],
  };
  if (special[p]) return special[p]();
  let m = /^runs\.(\d+)\.cuts$/.exec(p);
  if (m) return result.runs[+m[1]].events.filter((e) => e.reason === 'plateau').map((e) => e.epoch);
  m = /^runs\.(\d+)\.(\w+)\.last$/.exec(p);
  if (m) return result.runs[+m[1]][m[2]].at(-1);
  return p.split('.').reduce((v, k) => (v == null ? undefined : v[k]), result);
}
function expectedText(v, fmt) {
  if (fmt === 'lr') return fmtLr(v);
  if (fmt === 'loss') return fmtLoss(v);
  if (fmt === 'int') return String(v);
  if (fmt === 'epochs') return v.length === 0 ? 'none' : v.length === 1 ? String(v[0]) : `${v.slice(0, -1).join(', ')} and ${v.at(-1)}`;
  return String(v);
}

const cuts = (run) => run.events.filter((e) => e.reason === 'plateau').map((e) => e.epoch);
const final = (run) => run.val_loss.at(-1);

/** The claims the prose makes about each figure's numbers (they must stay true). */
const CLAIMS = {
  'fig-range': (r) => {
    const f = r.find, s = f.smoothed.slice(0, f.kept);
    const low = s.indexOf(Math.min(...s));
    const flat = f.lr.map((lr, i) => [lr, s[i]]).filter(([lr, y]) => lr <= 1e-4 && y !== undefined);
    assert.ok(flat.length > 20 && flat.every(([, y]) => Math.abs(y - s[0]) < 0.03 * s[0]), 'a flat start up to 1e-4');
    assert.ok(s[low] < 0.8 * s[0], `a steep fall: ${s[0]} to ${s[low]}`);
    assert.ok(f.lr[low] > 0.01 && f.lr[low] < 1, `the minimum around 0.1: ${f.lr[low]}`);
    assert.equal(f.diverged, true, 'the test stops on the blow-up');
    assert.ok(s.at(-1) > 2 * s[low] && f.kept > low + 5, 'the blow-up');
    const { valley, minimum, steep } = f.suggestions;
    assert.ok(valley < 0.03 && 0.03 < minimum, `0.03 lies between the valley ${valley} and minimum/10 ${minimum}`);
    assert.ok(steep > minimum && steep < f.lr[low], `steepest slope ${steep} close below the lowest point`);
  },
  'fig-pick': (r) => {
    const f = r.find;
    assert.equal(f.repeats, 6, 'six seeds');
    assert.deepEqual(f.per_seed.map((p) => p.seed), [4, 5, 6, 7, 8, 9], 'the seeds 4 to 9');
    for (const k of ['valley', 'minimum']) {
      assert.equal(f.spread[k].n, 6, `${k}: every seed gives one`);
      assert.ok(f.spread[k].max / f.spread[k].min < 2.2, `${k} stays within a factor of about two: ${f.spread[k].min}..${f.spread[k].max}`);
    }
    // The steepest slope: past the lowest point on seeds 4 and 7 (two orders above the median), on the descent on the other four.
    const past = f.per_seed.filter((p) => {
      const s = p.smoothed.slice(0, p.kept);
      return p.suggestions.steep > p.lr[s.indexOf(Math.min(...s))];
    }).map((p) => p.seed);
    assert.deepEqual(past, [4, 7], 'the seeds whose steepest slope lies past their lowest point');
    for (const i of [0, 3]) assert.ok(f.per_seed[i].suggestions.steep > 50 * f.suggestions.steep, `seed ${f.per_seed[i].seed}: far above the median`);
    assert.equal(f.spread.steep.max, f.per_seed[0].suggestions.steep);
    assert.ok(f.spread.steep.max / f.spread.steep.min > 100, 'the steepest slope spans more than two decades');
    const { valley, minimum, steep } = f.suggestions;
    assert.ok(valley < steep && steep < minimum, `the median steepest slope is sensible: ${valley} < ${steep} < ${minimum}`);
  },
  'fig-factor': ([a, b]) => {
    assert.equal(cuts(a)[0], cuts(b)[0], 'both cut first after the same epoch');
    assert.ok(cuts(a).length > cuts(b).length);
    assert.ok(Math.abs(b.lr.at(-1) - 1e-4) < 1e-9, 'factor 0.1 ends on the floor');
    assert.ok(Math.abs(b.lr[cuts(b)[1]] - 0.0003) < 1e-9, 'two cuts of 0.1 take 0.03 to 0.0003');
  },
  'fig-patience': ([a, b]) => {
    assert.ok(cuts(b)[0] > cuts(a)[0] && cuts(b).length < cuts(a).length, 'a long patience cuts later and fewer times');
    assert.ok(b.lr.at(-1) > a.lr.at(-1), 'and keeps a higher rate');
  },
  'fig-delta': ([a, b]) => assert.ok(cuts(b)[0] < cuts(a)[0], 'a larger min_delta cuts sooner'),
  'fig-decay': ([c, d, p]) => {
    assert.ok(c.val_loss[4] < d.val_loss[4], 'the constant rate learns faster at first');
    assert.ok(final(d) > final(c) && final(d) > final(p), 'Adam\'s decay ends behind');
    assert.ok(d.lr.at(-1) < 0.01 && cuts(c).length === 0 && cuts(p).length > 0);
    const spread = (r) => Math.max(...r.val_loss.slice(-10)) - Math.min(...r.val_loss.slice(-10));
    assert.ok(spread(c) > 3 * spread(p), 'the constant rate never settles; the plateau run calms down');
  },
  'fig-modern': ([cos, warm, one]) => {
    // A real warm-up: 3 epochs rising in a straight line from a tenth of 0.03, then the cosine from its top.
    assert.deepEqual(warm.lr.slice(0, 4).map((x) => +x.toPrecision(12)), [0.003, 0.012, 0.021, 0.03], 'the warm-up');
    assert.equal(cos.lr[0], 0.03);
    assert.ok(warm.lr.slice(3).every((x, i, a) => i === 0 || x < a[i - 1]), 'then the cosine falls every epoch');
    assert.ok(warm.lr.at(-1) < 0.0002 && cos.lr.at(-1) < 0.0002, 'both end near zero');
    assert.ok(Math.abs(one.lr[0] - 0.03 / 25) < 1e-12, 'one-cycle starts at the rate/25');
    // After 5 epochs: cosine ahead of the warm-up, one-cycle far behind both; by epoch 8 the warm-up has caught up.
    assert.ok(cos.val_loss[4] < warm.val_loss[4], 'the warm-up costs time at first');
    assert.ok(one.val_loss[4] > 2 * cos.val_loss[4] && one.val_loss[4] > warm.val_loss[4], 'one-cycle is far behind after 5 epochs');
    assert.ok(warm.val_loss[7] <= cos.val_loss[7], 'the warm-up run has caught up by epoch 8');
    const ends = [cos, warm, one].map(final);
    assert.ok(Math.max(...ends) < 1.25 * Math.min(...ends), `all three end close together: ${ends}`);
    for (const r of [cos, warm, one]) {
      const last5 = r.val_loss.slice(-5);
      assert.ok(Math.max(...last5) - Math.min(...last5) < 0.005, `${r.label}: the loss has stopped moving`);
    }
  },
};

test('the tutorial page: strict policy, no inline code, links that open without corrections, linked from the playground', () => {
  for (const f of ['tutorial.html', 'tutorial.js', 'css/tutorial.css']) assert.ok(fs.existsSync(path.join(DIST, f)), `dist/${f} is missing`);
  const html = fs.readFileSync(path.join(DIST, 'tutorial.html'), 'utf8');
  const playground = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = (text) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(text)?.[1];
  // The same policy as the playground, less the hash that allows the playground's own inline
  // start-up guard: the tutorial has no inline code to allow.
  const noHashes = (policy) => policy.replace(/ 'sha256-[A-Za-z0-9+/=]+'/g, '');
  assert.match(csp(playground), /'sha256-/, 'the playground allows its guard by hash');
  assert.equal(csp(html), noHashes(csp(playground)), 'the same policy as the playground');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'an inline script');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'inline style');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'an inline event handler');
  assert.doesNotMatch(html, /(src|href)=["'](https?:)?\/\//, 'something from another host');
  assert.match(playground, /<a href="tutorial\.html">/, 'the playground links to the tutorial');
  const figs = [...html.matchAll(/<figure class="exp" id="([\w-]+)" data-expect="(\w+)" data-hide="([\w,]+)"[^]*?<a class="open-link" href="([^"]+)"/g)];
  assert.ok(figs.length >= 5, `${figs.length} figures`);
  for (const [, id, expect, hide, href] of figs) {
    const link = href.replace(/&amp;/g, '&');
    assert.match(link, /^index\.html#v=1&/, id);
    const parsed = parseFragment(link.slice(link.indexOf('#')));
    assert.deepEqual(parsed.notes, [], `${id}: the link reads without notes`);
    assert.deepEqual(configFromPairs(env.core, parsed.pairs).notes, [], `${id}: the link opens without corrections`);
    assert.deepEqual(parsed.view, { embed: false, hide: [], autorun: false }, `${id}: the open link is the full page`);
    const frame = parseFragment(embedSrc(link, hide).split('#')[1]);
    assert.deepEqual(frame.pairs, parsed.pairs, `${id}: the frame runs the link's experiment`);
    assert.deepEqual(frame.view, { embed: true, hide: hide.split(','), autorun: true });
    assert.ok(frame.view.hide.includes(expect === 'find' ? 'train' : 'find'), `${id}: only the ${expect} chart`);
  }
  // The page's quoted numbers name figures that exist.
  const ids = new Set(figs.map((f) => f[1].replace(/^fig-/, '')));
  for (const [, fig] of html.matchAll(/data-fig="([\w-]+)"/g)) assert.ok(ids.has(fig), `data-fig="${fig}"`);
});

test('the message reader takes only lrplay messages of a known shape', () => {
  assert.equal(readMessage(null), null);
  assert.equal(readMessage({ source: 'other', version: 1, type: 'ready' }), null);
  assert.equal(readMessage({ source: 'lrplay', version: 2, type: 'ready' }), null);
  assert.equal(readMessage({ source: 'lrplay', version: 1, type: 'train', result: { kind: 'find' } }), null);
  assert.equal(readMessage({ source: 'lrplay', version: 1, type: 'resize', height: 'x' }), null);
  assert.deepEqual(readMessage({ source: 'lrplay', version: 1, type: 'resize', height: 500 }), { type: 'resize', height: 500 });
  assert.equal(readMessage({ source: 'lrplay', version: 1, type: 'error', message: '<b>x</b>' }).message, '<b>x</b>');
});

test('quoted numbers: paths that are not in a result give a dash, never a wrong number', () => {
  const r = { kind: 'train', runs: [{ val_loss: [0.5, 0.25], lr: [], events: [{ epoch: 3, reason: 'plateau' }, { epoch: 5, reason: 'min_lr' }] }] };
  assert.deepEqual(resolve(r, 'runs.0.cuts'), [3]);
  assert.equal(resolve(r, 'runs.0.val_loss.last'), 0.25);
  assert.equal(resolve(r, 'runs.0.lr.last'), undefined);
  assert.equal(resolve(r, 'runs.1.best_val_loss'), undefined);
  assert.equal(resolve(r, 'runs.0.val_loss.x'), undefined);
  assert.equal(resolve(r, 'find.suggestions.valley'), undefined);
  assert.equal(resolve(r, 'runs.length'), undefined, 'no property of an array but its items');
  assert.equal(formatValue(undefined, 'lr'), '—');
  assert.equal(formatValue([], 'epochs'), 'none');
  assert.equal(formatValue([16, 21, 24], 'epochs'), '16, 21 and 24');
  assert.equal(formatValue([19], 'epochs'), '19');
  assert.equal(embedSrc('index.html', 'setup'), 'index.html#v=1&embed=1&hide=setup&autorun=1');
  assert.equal(framePage('index.html#v=1&seed=3', 'file:'), 'lrplay.html#v=1&seed=3');
  assert.equal(framePage('index.html#v=1&seed=3', 'http:'), 'index.html#v=1&seed=3');
});

test('a frame keeps the height its box reserved while it runs, then takes the last height it posted', () => {
  const part = (extra = {}) => ({ dataset: {}, style: {}, textContent: '', classList: { add() {}, remove() {}, toggle() {} }, ...extra });
  const box = part({ clientHeight: 600 });
  const parts = { '.frame-box': box, '.exp-status': part(), 'a.open-link': part() };
  const fig = new Figure(part({ id: 'fig-x', dataset: { expect: 'find' }, querySelector: (sel) => parts[sel] ?? null }));
  fig.frame = { style: {} };   // as start() leaves it, without a document
  fig.reserved = 600;
  fig.setState('running');
  const height = (h) => { fig.receive({ type: 'resize', height: h }); return fig.frame.style.height; };
  assert.equal(height(420), '600px', 'the short loading layout does not shrink the box');
  assert.equal(height(700), '700px', 'a taller frame grows at once');
  assert.equal(height(520), '600px');
  assert.equal(fig.receive({ type: 'find' }), true, 'the results finish the figure');
  assert.equal(fig.frame.style.height, '520px', 'finished: the last height it posted');
  assert.equal(height(450), '450px', 'and every later one');
  assert.equal(fig.el.dataset.height, '450');
});

test('over http: figures start on scroll; ≥5 embeds post ready and results within 60 s; the text quotes their numbers', async () => {
  const P = await open({ allowed: own(env.server.url), viewport: { width: 1280, height: 900 } });
  const { page } = P;
  try {
    const t0 = Date.now();
    await page.goto(`${env.server.url}tutorial.html`, { waitUntil: 'load' });
    await page.waitForSelector('html[data-tutorial="ready"]');
    const figures = await page.$$eval('figure.exp', (els) => els.map((el) => ({
      id: el.id, expect: el.dataset.expect.split(','), href: el.querySelector('a.open-link').getAttribute('href'),
    })));
    assert.ok(figures.length >= 5);
    // Far below the fold nothing has started.
    const last = figures.at(-1).id;
    assert.equal(await page.$eval(`#${last}`, (el) => el.dataset.state), 'idle');
    assert.equal(await page.$$eval(`#${last} iframe`, (f) => f.length), 0, 'the last figure has no frame before it is scrolled to');

    // Read down the page: each figure comes into view in turn.
    for (const f of figures) {
      await page.$eval(`#${f.id}`, (el) => el.scrollIntoView({ block: 'center' }));
      await page.waitForFunction((id) => document.getElementById(id).dataset.state !== 'idle', f.id, { timeout: 5000 });
      await page.waitForTimeout(400);
    }
    await page.waitForFunction(() => [...document.querySelectorAll('figure.exp')]
      .every((el) => ['done', 'error', 'blocked'].includes(el.dataset.state)), null, { timeout: BUDGET_MS + 30000 });
    const total = Date.now() - t0;
    const msgs = await page.evaluate(() => window.__msgs);
    const byFig = {};
    for (const m of msgs) {
      if (!m.data || m.data.source !== 'lrplay') continue;
      assert.ok(m.fig, 'every lrplay message comes from one of the page\'s frames');
      assert.equal(m.origin, 'null', 'from a sandboxed frame');
      (byFig[m.fig] ||= []).push(m);
    }
    const states = await page.$$eval('figure.exp', (els) => els.map((el) => `${el.id}: ${el.dataset.state} (${el.querySelector('.exp-status').textContent})`));
    let complete = 0;
    for (const f of figures) {
      const types = (byFig[f.id] || []).map((m) => m.data.type).filter((t) => t !== 'resize');
      assert.deepEqual(types, ['ready', ...f.expect], `${f.id}: messages ${types}; ${states.join('; ')}`);
      complete++;
    }
    const lastResult = Math.max(...Object.values(byFig).flat().filter((m) => m.data.type !== 'resize').map((m) => m.t));
    console.log(`tutorial: ${complete} embeds posted ready and results ${Math.round(lastResult)} ms after navigation ` +
      `(${total} ms as seen by the test, scrolling included)`);
    assert.ok(complete >= 5 && lastResult < BUDGET_MS, `${complete} embeds in ${Math.round(lastResult)} ms`);
    for (const f of figures) {
      const ready = byFig[f.id].find((m) => m.data.type === 'ready').data;
      sameResult(ready.config, configFromPairs(env.core, parseFragment(f.href.slice(f.href.indexOf('#'))).pairs).config, `${f.id}: the frame runs its link`);
    }

    // Every quoted number equals its figure's message; every claim of the prose holds.
    const slots = await page.$$eval('[data-num]', (els) => els.map((el) => ({
      fig: el.dataset.fig, num: el.dataset.num, fmt: el.dataset.fmt, text: el.textContent, value: el.dataset.value,
    })));
    assert.ok(slots.length >= 40, `${slots.length} quoted numbers`);
    for (const s of slots) {
      const m = byFig[`fig-${s.fig}`].find((x) => x.data.type === 'find' || x.data.type === 'train');
      const v = expected(m.data.result, s.num);
      if (v === undefined) {   // a value the core does not give (yet): the text says so and is hidden
        assert.equal(s.text, '—', `${s.fig} ${s.num}`);
        continue;
      }
      assert.equal(s.value, JSON.stringify(v), `${s.fig} ${s.num}: the value`);
      assert.equal(s.text, expectedText(v, s.fmt), `${s.fig} ${s.num}: the text`);
    }
    for (const f of figures) {
      const m = byFig[f.id].find((x) => x.data.type === f.expect[0]).data.result;
      CLAIMS[f.id]?.(f.expect[0] === 'find' ? m : m.runs);
    }
    const slide = byFig['fig-range'].find((x) => x.data.type === 'find').data.result.find.suggestions.slide;
    assert.equal(await page.isVisible('.when-slide'), slide !== undefined, 'slide is mentioned only when the test gives it');
    // The code under a training figure is the playground's snippet for each run.
    assert.ok((await page.textContent('#fig-factor .code-body')).includes('ReduceLROnPlateau'));
    assert.equal(await page.$$eval('#fig-modern .code-body pre', (p) => p.length), 6);
    // Every frame sizes itself from its `resize` messages: once they have settled, each is as tall
    // as the last height it posted, and no frame scrolls inside.
    await framesSettled(page);
    const resized = await page.evaluate(() => window.__msgs.filter((m) => m.data?.type === 'resize'));
    for (const f of figures) {
      const sizes = resized.filter((m) => m.fig === f.id).map((m) => m.data.height);
      assert.ok(sizes.length, `${f.id}: the frame posted its height`);
      const h = await page.$eval(`#${f.id} iframe`, (el) => el.getBoundingClientRect().height);
      assert.ok(Math.abs(h - Math.min(4000, Math.max(160, Math.round(sizes.at(-1))))) <= 1, `${f.id}: ${h} px, posted ${sizes.join(', ')}`);
    }
    await noInnerScroll(page, '1280 px');
    // Screenshots: light, dark, phone width. Chromium paints frames only inside the viewport, so
    // the viewport is made as tall as the page for each.
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const whole = async (width, name) => {
      await page.setViewportSize({ width, height: 900 });
      await framesSettled(page);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width, height });
      await framesSettled(page);
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
    };
    await whole(1280, 'tutorial-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await whole(1280, 'tutorial-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways at phone width by ${overflow} px`);
    // The prose stays inside its column (its padding included); figures and code may use the width.
    const wide = await page.evaluate(() => [...document.querySelectorAll('main > section *')]
      .filter((el) => !el.closest('figure, pre'))
      .filter((el) => {
        const col = el.closest('section');
        const right = col.getBoundingClientRect().right - parseFloat(getComputedStyle(col).paddingRight);
        return el.getBoundingClientRect().right > right + 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()} ${el.textContent.slice(0, 50)}`));
    assert.deepEqual(wide, [], 'prose runs past its column at phone width');
    // At phone width every frame shows all of its content (its own page does not scroll).
    await framesSettled(page);
    await noInnerScroll(page, '390 px');
    await whole(390, 'tutorial-phone.png');
    // Only the page's own frames are heard: a message from elsewhere changes nothing; a frame's
    // `resize` sizes that frame.
    const before = await page.textContent('#fig-pick [data-num="find.suggestions.valley"]');
    await page.evaluate(() => window.postMessage({ source: 'lrplay', version: 1, type: 'find',
      result: { kind: 'find', find: { suggestions: { valley: 123 } } } }, '*'));
    const pick = page.frames().find((fr) => fr.parentFrame() === page.mainFrame() && fr.url().includes('seed=4'));
    await pick.evaluate(() => parent.postMessage({ source: 'lrplay', version: 1, type: 'resize', height: 612 }, '*'));
    // (one predicate: the frame's own next `resize`, if any, may follow)
    await page.waitForFunction(() => document.getElementById('fig-pick').dataset.height === '612' &&
      document.querySelector('#fig-pick iframe').getBoundingClientRect().height === 612, null, { timeout: 5000 });
    assert.equal(await page.textContent('#fig-pick [data-num="find.suggestions.valley"]'), before);
    await noProblems(P);
    session = { figures, byFig };
  } finally { await P.context.close(); }
});

test('every "Open in the playground" link reproduces its figure\'s results bit for bit', async (t) => {
  if (!session) { t.skip('needs the http run'); return; }
  for (const f of session.figures) {
    const P = await open({ allowed: own(env.server.url) });
    try {
      const { page } = P;
      await loadAndWait(page, env.server.url + f.href);
      const kind = f.expect[0];
      const key = kind === 'find' ? 'findDone' : 'trainDone';
      const b = await page.evaluate((k) => document.documentElement.dataset[k] || '', key);
      await page.click(`#${kind}-run`);
      await page.waitForFunction(([k, x]) => (document.documentElement.dataset[k] || '') !== x, [key, b], { timeout: 60000 });
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click(`#dl-${kind}-json`)]);
      const got = JSON.parse(fs.readFileSync(await d.path(), 'utf8'));
      const want = session.byFig[f.id].find((m) => m.data.type === kind).data.result;
      sameResult(got, want, `${f.id}: the full page gives the figure's ${kind} results`);
      await noProblems(P);
    } finally { await P.context.close(); }
  }
});

test('from file://: the frames open the self-contained lrplay.html and give the same numbers', async () => {
  const P = await open({ allowed: own(`file://${DIST}/`) });
  const { page } = P;
  try {
    await page.goto(fileUrl('tutorial.html'), { waitUntil: 'load' });
    await page.waitForSelector('html[data-tutorial="ready"]');
    await page.$eval('#fig-range', (el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(() => ['done', 'blocked', 'error'].includes(document.getElementById('fig-range').dataset.state), null, { timeout: 60000 });
    const state = await page.$eval('#fig-range', (el) => el.dataset.state);
    // Chromium refuses a sandboxed file:// frame every other local file: lrplay.html needs none.
    assert.equal(state, 'done', await page.textContent('#fig-range .exp-status'));
    assert.match(await page.$eval('#fig-range iframe', (f) => f.src), /\/lrplay\.html#v=1&.*&embed=1&hide=setup,train,export&autorun=1$/);
    assert.equal(await page.isVisible('#file-note'), false);
    const msgs = (await page.evaluate(() => window.__msgs)).filter((m) => m.data?.source === 'lrplay' && m.data.type !== 'resize');
    assert.deepEqual(msgs.map((m) => [m.fig, m.data.type]), [['fig-range', 'ready'], ['fig-range', 'find']]);
    const valley = msgs[1].data.result.find.suggestions.valley;
    assert.equal(await page.textContent('#fig-range [data-num="find.suggestions.valley"]'), fmtLr(valley));
    if (session) sameResult(msgs[1].data.result, session.byFig['fig-range'].find((m) => m.data.type === 'find').data.result, 'file:// = http');
    await noProblems(P);
  } finally { await P.context.close(); }
});

test('from file://, where a frame cannot start: the page says so and keeps the links', async () => {
  // A copy of dist/ without lrplay.html: the frames' page cannot load, as in a browser that blocks them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-tutorial-'));
  const P = await open({ allowed: () => true });
  const { page } = P;
  try {
    fs.cpSync(DIST, dir, { recursive: true, filter: (src) => path.basename(src) !== 'lrplay.html' });
    await page.goto(pathToFileURL(path.join(dir, 'tutorial.html')).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-tutorial="ready"]');
    assert.equal(await page.isVisible('#file-note'), false);
    await page.$eval('#fig-range', (el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(() => document.getElementById('fig-range').dataset.state === 'blocked', null, { timeout: 30000 });
    assert.equal(await page.isVisible('#file-note'), true);
    assert.match(await page.textContent('#fig-range .frame-box'), /did not start/);
    assert.equal(await page.$$eval('#fig-range iframe', (f) => f.length), 0, 'the dead frame is gone');
    assert.equal(await page.isVisible('#fig-range a.open-link'), true);
    assert.match(await page.getAttribute('#fig-range a.open-link', 'href'), /^index\.html#v=1&/);
    // Its place goes to the next figure.
    await page.$eval('#fig-factor', (el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(() => document.getElementById('fig-factor').dataset.state !== 'queued' &&
      document.getElementById('fig-factor').dataset.state !== 'idle', null, { timeout: 30000 });
  } finally {
    await P.context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
