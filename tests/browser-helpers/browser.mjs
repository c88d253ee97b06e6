// browser.mjs — what the page tests share: building dist/, the local server, Debian's Chromium
// through playwright-core (never a downloaded browser), and a page wrapper that records every
// request, console error and page error; `useBrowser()` sets all that up for a test file.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { loadCore } from '../../web/js/core.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');
export const CHROMIUM = process.env.LRP_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

/**
 * Builds dist/ from web/ and the current build-wasm/*.wasm (or $LRP_WASM_DIR; fast: esbuild
 * only), unless dist/ is newer than all of them already (npm test builds it once; every page
 * test file shares that build).
 */
export function buildDist() {
  const wasm = [];
  for (const f of ['simd', 'scalar']) {
    const p = path.join(process.env.LRP_WASM_DIR || path.join(ROOT, 'build-wasm'), `lrplay-${f}.wasm`);
    if (!fs.existsSync(p)) throw new Error(`${path.relative(ROOT, p)} is missing: run ./build_wasm.sh (or npm run build) first`);
    wasm.push(p);
  }
  const stamp = path.join(DIST, 'lrplay.html');
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs > Math.max(newest(path.join(ROOT, 'web')), ...wasm.map(newest))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'web/build.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

export function distSize() {
  let total = 0;
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else total += fs.statSync(p).size; } };
  walk(DIST);
  return total;
}

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install chromium, or scripts/setup.sh)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function startServer(headers = {}) { return serve({ root: DIST, port: 0, host: '127.0.0.1', headers }); }

// The strict policy the page is meant to run under (no unsafe-inline, no unsafe-eval): its own
// files, and its one inline start-up guard by the hash that dist/index.html's policy names.
export function guardHash() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const m = /script-src 'self' ('sha256-[A-Za-z0-9+/]+=')/.exec(html);
  if (!m) throw new Error('dist/index.html does not name its start-up guard by hash');
  return m[1];
}
export function strictCsp() {
  return ["default-src 'none'", `script-src 'self' ${guardHash()} 'wasm-unsafe-eval'`, 'worker-src blob:',
    "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'",
    "frame-ancestors 'none'"].join('; ');
}

export function fileUrl(name) { return pathToFileURL(path.join(DIST, name)).href; }

/**
 * Opens a page that records requests, console errors and page errors.
 * `allowed(url)` says which request URLs are the page's own.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', allowed }) {
  const context = await browser.newContext({ viewport, colorScheme, serviceWorkers: 'block' });
  const page = await context.newPage();
  const rec = { requests: [], foreign: [], errors: [] };
  const onRequest = (r) => {
    const u = r.url();
    rec.requests.push(u);
    if (!(u.startsWith('blob:') || u.startsWith('data:') || allowed(u))) rec.foreign.push(u);
  };
  context.on('request', onRequest);
  page.on('console', (m) => { if (m.type() === 'error') rec.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => rec.errors.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => {
    w.on('console', (m) => { if (m.type() === 'error') rec.errors.push(`worker console: ${m.text()}`); });
  });
  page.on('crash', () => rec.errors.push('page crashed'));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, rec };
}

/** Loads url and waits until the page says it is interactive; returns ms from navigation start. */
export async function loadAndWait(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="1"]', { timeout: 20000 });
  return page.evaluate(() => performance.getEntriesByName('lrplay-interactive')[0]?.startTime ?? NaN);
}

export async function shot(page, name, opts = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true, ...opts });
  return file;
}

/**
 * A test file's browser, server (of dist/) and, unless `core: false`, its core: built, launched
 * and loaded before its tests, closed after them. Read them as .browser, .server and .core.
 */
export function useBrowser({ core: withCore = true } = {}) {
  let browser, server, core;
  before(async () => {
    buildDist();
    browser = await launch();
    server = await startServer();
    if (withCore) core = await loadCore();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return { get browser() { return browser; }, get server() { return server; }, get core() { return core; } };
}

/** A request filter for openPage: URLs under any of `bases` are the page's own. */
export const own = (...bases) => (u) => bases.some((b) => u.startsWith(b));

/** No request outside the page's own files, no console or page error (rec from openPage). */
export function noProblems(rec) {
  assert.deepEqual(rec.foreign, [], `requests outside the page's own files: ${rec.foreign.join(', ')}`);
  assert.deepEqual(rec.errors, [], `console or page errors:\n${rec.errors.join('\n')}`);
}
