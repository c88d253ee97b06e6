// page-csv.test.mjs — your own data in the page, in Debian's Chromium (playwright-core, no
// downloaded browser): a CSV dropped on the data panel (a synthetic drop event) and picked with
// the file input; the range test and the comparison on it, whose Download JSON is byte for byte
// what the native `lrplay find|train CONFIG --data FILE` prints; the link carries a small file
// (data.inline) and opens in a fresh context with the same bytes; a large file's link asks for
// the file, refuses another one and accepts the right one; every malformed file of
// tests/data-bad shows the CLI's reason on the page. No console error, nothing requested from
// outside the page's own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { ROOT, buildDist, launch, startServer, openPage, loadAndWait, shot } from '../browser-helpers/browser.mjs';
import { nativeBin } from './wasm-util.mjs';

const BAD = path.join(ROOT, 'tests/data-bad');
const WINE = path.join(ROOT, 'data/wine.csv');
const IRIS = path.join(ROOT, 'data/iris.csv');
let browser, server, tmp;

before(async () => {
  buildDist();
  browser = await launch();
  server = await startServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-page-csv-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const sha = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function open() {
  const p = await openPage(browser, { allowed: (u) => u.startsWith(server.url) });
  return p;
}

function noProblems(rec) {
  assert.deepEqual(rec.foreign, [], `requests outside the page's own files: ${rec.foreign.join(', ')}`);
  assert.deepEqual(rec.errors, [], `console or page errors:\n${rec.errors.join('\n')}`);
}

async function setField(page, selector, value) {
  await page.fill(selector, String(value));
  await page.press(selector, 'Enter');
  await page.locator(selector).blur();
}

async function waitData(page, hex) {
  await page.waitForFunction((h) => document.documentElement.dataset.dataSha === h, hex, { timeout: 30000 });
}

/** Drops `file` on the data panel as a browser does: a DragEvent with a DataTransfer. */
async function dropFile(page, file) {
  const b64 = fs.readFileSync(file).toString('base64');
  await page.evaluate(({ b64, name }) => {
    const bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'text/csv' }));
    const zone = document.getElementById('fs-data');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { b64, name: path.basename(file) });
}

async function run(page, button, flag) {
  const b = await page.evaluate((f) => document.documentElement.dataset[f] || '', flag);
  await page.click(button);
  await page.waitForFunction(([f, x]) => (document.documentElement.dataset[f] || '') !== x, [flag, b], { timeout: 120000 });
}

/** Clicks a download button; returns the file's text. */
async function grab(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click(selector)]);
  return fs.readFileSync(await d.path(), 'utf8');
}

/** What the native CLI prints for `lrplay KIND cfg.json --data FILE` (FILE copied next to it). */
function cli(kind, config, file) {
  const dir = fs.mkdtempSync(path.join(tmp, 'cli-'));
  fs.copyFileSync(file, path.join(dir, path.basename(file)));
  fs.writeFileSync(path.join(dir, 'cfg.json'), JSON.stringify(config));
  const r = spawnSync(nativeBin, [kind, 'cfg.json', '--data', path.basename(file)], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// The page writes numbers with %.17g as the native CLI does: a download is the CLI's bytes.
function sameResult(text, cliText, what) {
  assert.equal(text, cliText, what);
}

async function copied(page, button) {
  await page.click(button);
  await page.waitForSelector('#copy-out:not([hidden])');
  return page.inputValue('#copy-text');
}

test('a dropped CSV: preview, range test, comparison = the CLI byte for byte; the link carries the file', async () => {
  const A = await open();
  let link;
  const out = {};
  try {
    const { page } = A;
    await loadAndWait(page, server.url);
    assert.match(await page.textContent('#data-file-box'), /never leaves the page/);
    assert.match(await page.textContent('label[for="data-file"]'), /CSV/);
    // A synthetic drop, then the file input.
    await dropFile(page, IRIS);
    await waitData(page, sha(IRIS));
    assert.match(await page.textContent('#data-summary'), /^iris\.csv: 150 rows, 5 columns/);
    assert.equal(await page.inputValue('#f-data-name'), 'csv');
    await page.setInputFiles('#data-file', WINE);
    await waitData(page, sha(WINE));
    assert.match(await page.textContent('#data-summary'), /^wine\.csv: 178 rows, 14 columns .*target "class", classification\.$/);
    assert.equal(await page.textContent('#data-classes'), 'Classes: 0 59 · 1 71 · 2 48');
    assert.equal(await page.locator('#data-table tr').count(), 2 + 5, 'the header, the types and 5 rows');
    assert.match(await page.textContent('#preview-caption'), /^13 features, 142 for training, 36 held out .* PC 1 \(\d+ % of the variance\) across, PC 2/);
    // Two chosen columns instead of the principal components.
    await page.selectOption('#data-x', '0');
    await page.selectOption('#data-y', '12');
    await page.waitForFunction(() => /alcohol across, proline up/.test(document.getElementById('preview-caption').textContent));
    await setField(page, '#f-epochs', 10);

    await run(page, '#find-run', 'findDone');
    out.find = await grab(page, '#dl-find-json');
    const cfg = JSON.parse(out.find).config;
    assert.equal(cfg.data.sha256, sha(WINE));
    sameResult(out.find, cli('find', cfg, WINE), 'Download JSON (find) = build/lrplay find cfg.json --data wine.csv');
    await run(page, '#train-run', 'trainDone');
    out.train = await grab(page, '#dl-train-json');
    sameResult(out.train, cli('train', JSON.parse(out.train).config, WINE), 'Download JSON (train) = build/lrplay train');
    // Copy as command: run in a directory holding wine.csv, it prints the same bytes.
    const cmd = await copied(page, '#copy-train-cmd');
    assert.match(cmd, /^npx lrplay train - --data wine\.csv <<'EOF'\n\{.*\}\nEOF\n$/);
    fs.copyFileSync(WINE, path.join(tmp, 'wine.csv'));
    const sh = spawnSync('bash', ['-c', cmd.replace(/^npx lrplay/, JSON.stringify(nativeBin))], { cwd: tmp, encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(sh.status, 0, sh.stderr);
    sameResult(out.train, sh.stdout, 'the command prints the downloaded results');

    link = await copied(page, '#copy-link');
    assert.equal(link, await page.evaluate(() => location.href), 'the address bar holds the same link');
    const hash = new URL(link).hash.split('&');
    for (const want of ['data.name=csv', 'data.path=wine.csv', `data.sha256=${sha(WINE)}`, 'data.rows=178', 'data.columns=14']) {
      assert.ok(hash.includes(want), `${want} in the link`);
    }
    const inline = hash.find((p) => p.startsWith('data.inline='));
    assert.ok(inline, 'the link carries the file');
    assert.ok(inline.length - 12 <= Math.ceil(8192 * 4 / 3), `data.inline is ${inline.length - 12} characters`);
    console.log(`page-csv: wine.csv (${fs.statSync(WINE).size} bytes) makes a link of ${link.length} characters`);
    await shot(page, 'page-csv-wine.png');
    noProblems(A.rec);
  } finally { await A.context.close(); }

  // A fresh context opens the link anywhere: the same file, the same bytes out.
  const B = await open();
  try {
    const { page } = B;
    await loadAndWait(page, link);
    await waitData(page, sha(WINE));
    assert.equal(await page.locator('#data-ask').isHidden(), true);
    await run(page, '#train-run', 'trainDone');
    assert.equal(await grab(page, '#dl-train-json'), out.train, 'the link gives the same comparison, byte for byte');
    // The link holds the rate picked after the range test (optimizer.lr), which the range test
    // does not use: the same curve, byte for byte.
    await run(page, '#find-run', 'findDone');
    const f2 = await grab(page, '#dl-find-json');
    const part = (t) => t.slice(t.indexOf(',"find":{"lr"'));
    assert.equal(part(f2), part(out.find), 'the link gives the same range test, byte for byte');
    assert.equal(JSON.parse(f2).config.optimizer.lr, JSON.parse(out.train).config.optimizer.lr);
    noProblems(B.rec);
  } finally { await B.context.close(); }

  // With autorun=1 (an embed), the page reads the file from the link first, then runs.
  const C = await open();
  try {
    const { page } = C;
    await loadAndWait(page, link.replace('#v=1&', '#v=1&autorun=1&'));
    await page.waitForFunction(() => document.documentElement.dataset.trainDone, null, { timeout: 120000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.dataSha), sha(WINE));
    assert.equal(await grab(page, '#dl-train-json'), out.train, 'autorun gives the same comparison, byte for byte');
    noProblems(C.rec);
  } finally { await C.context.close(); }
});

/** A CSV too large for a link: rows x 6 features and a 3-class label, from an LCG. */
function bigCsv(file, rows, seed) {
  let x = seed >>> 0;
  const lines = ['a,b,c,d,e,f,label'];
  for (let i = 0; i < rows; i++) {
    const v = [];
    for (let j = 0; j < 6; j++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; v.push(((x >>> 8) / 16777216 * 10 - 5).toFixed(4)); }
    lines.push(`${v.join(',')},${i % 3}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

test('a large file: the link names it, asks for it, refuses another file and accepts the right one', async () => {
  const big = path.join(tmp, 'big.csv'), other = path.join(tmp, 'other', 'big.csv');
  fs.mkdirSync(path.dirname(other), { recursive: true });
  bigCsv(big, 3000, 7);
  bigCsv(other, 3000, 8);
  const want = sha(big), got = sha(other);
  const A = await open();
  let link;
  try {
    const { page } = A;
    await loadAndWait(page, server.url);
    await page.setInputFiles('#data-file', big);
    await waitData(page, want);
    await page.click('#find summary');
    await setField(page, '#f-find-num_iter', 30);
    link = await copied(page, '#copy-link');
    assert.ok(!link.includes('data.inline='), 'a large file is not in the link');
    assert.ok(link.includes(`data.sha256=${want}`) && link.includes('data.rows=3000'));
    noProblems(A.rec);
  } finally { await A.context.close(); }

  const B = await open();
  try {
    const { page } = B;
    await loadAndWait(page, link);
    await page.waitForSelector('#data-ask:not([hidden])');
    assert.equal(await page.textContent('#data-ask'),
      `This link was made with big.csv, 3000 rows, sha256 ${want.slice(0, 4)}…: choose that file to run it (it is checked before anything runs).`);
    assert.equal(await page.locator('#data-info').isHidden(), true);
    await page.setInputFiles('#data-file', other);
    await page.waitForSelector('#data-error:not([hidden])');
    assert.equal(await page.textContent('#data-error'),
      `data.sha256: the config was made with a file of SHA-256 ${want.slice(0, 16)}..., this file's is ${got.slice(0, 16)}...`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.dataSha), undefined, 'the other file is not used');
    await page.setInputFiles('#data-file', big);
    await waitData(page, want);
    assert.equal(await page.locator('#data-error').isHidden(), true);
    await run(page, '#find-run', 'findDone');
    const find = await grab(page, '#dl-find-json');
    assert.equal(JSON.parse(find).config.find.num_iter, 30);
    sameResult(find, cli('find', JSON.parse(find).config, big), 'Download JSON (find) = the CLI on the same file');
    // A link of the same file pasted over this one: the page keeps the file, asks for nothing.
    await page.evaluate((h) => { location.hash = h; }, new URL(link).hash.replace('#v=1&', '#v=1&epochs=7&'));
    await page.waitForFunction(() => document.getElementById('f-epochs').value === '7');
    assert.equal(await page.locator('#data-ask').isHidden(), true);
    assert.equal(await page.locator('#data-info').isHidden(), false);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.dataSha), want);
    noProblems(B.rec);
  } finally { await B.context.close(); }
});

test('every malformed file of tests/data-bad shows the CLI\'s reason on the page, no console error', async () => {
  const cases = JSON.parse(fs.readFileSync(path.join(BAD, 'cases.json'), 'utf8'));
  assert.ok(cases.length >= 20, `${cases.length} cases`);
  const P = await open();
  try {
    const { page } = P;
    await loadAndWait(page, server.url);
    for (const [i, c] of cases.entries()) {
      // A link sets what the case sets (a target, a task, a SHA-256); a new seed makes each a new link.
      let hash = `#v=1&seed=${i + 1}&data.name=csv`;
      if (c.target !== undefined) hash += `&data.target=${encodeURIComponent(c.target)}`;
      if (c.task !== undefined) hash += `&data.task=${c.task}`;
      if (c.sha256 !== undefined) hash += `&data.sha256=${c.sha256}`;
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForFunction((s) => document.getElementById('f-seed')?.value === s && document.getElementById('data-error').hidden,
        String(i + 1), { timeout: 10000 });
      await page.setInputFiles('#data-file', path.join(BAD, c.file));
      await page.waitForSelector('#data-error:not([hidden])', { timeout: 10000 });
      assert.equal(await page.textContent('#data-error'), c.message, `${c.name ?? c.file}`);
    }
    // A file past 64 MiB (sparse: no disk) is refused by its size, as `lrplay config --data FILE` refuses it.
    const huge = path.join(tmp, 'huge.csv');
    fs.writeFileSync(huge, 'x,y\n1,2\n');
    fs.truncateSync(huge, 64 * 1024 * 1024 + 1);
    const r = spawnSync(nativeBin, ['config', '--data', 'huge.csv'], { cwd: tmp, encoding: 'utf8' });
    assert.equal(r.status, 2);
    await page.setInputFiles('#data-file', huge);
    await page.waitForFunction((m) => document.getElementById('data-error').textContent === m, r.stderr.replace(/^lrplay: /, '').trimEnd(), { timeout: 20000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.dataSha), undefined, 'no bad file was used');
    await shot(page, 'page-csv-bad.png');
    noProblems(P.rec);
  } finally { await P.context.close(); }
});
