// engines.mjs — one small driver interface over three browser engines, so the same page tests
// run in each (never a downloaded browser: all three come from Debian):
//   chromium  Debian chromium through playwright-core
//   firefox   Debian firefox-esr through puppeteer-core over WebDriver BiDi
//   webkit    Debian webkit2gtk-driver (WebKitWebDriver + MiniBrowser) through selenium-webdriver;
//             MiniBrowser has no headless mode, so it needs a display: scripts/test.sh runs the
//             Node tests under xvfb-run -a (Debian's xvfb) when $DISPLAY is not set.
//
//   const engine = await launchEngine('firefox');      // engine.name, engine.version
//   const page = await engine.newPage({ width, height });
//   await page.goto(url);  await page.waitFor(fn, arg, ms);  await page.waitForSelector(sel, ms);
//   await page.click(sel);  await page.fill(sel, value);  await page.evaluate(fn, arg);
//   await page.screenshot(file);  page.consoleErrors();  await page.close();  await engine.close();
//
// Content-Security-Policy violations are counted by the test server (report-uri, see
// scripts/serve.mjs `onReport`), which works the same way in every engine. Console errors are
// recorded where the driver can see them (Chromium, Firefox); WebKitWebDriver does not expose the
// console, so `consoleErrors()` is null there and the tests check the page's own error state instead.
// Messages a frame posts to its parent are recorded by the parent page itself (the tests serve it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const FIREFOX = process.env.LRP_FIREFOX || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.LRP_WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.LRP_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Which engines can run here, and why the others cannot (a missing Debian package). */
export function availableEngines() {
  const missing = {};
  if (!fs.existsSync(process.env.LRP_CHROMIUM || '/usr/bin/chromium')) missing.chromium = 'chromium is not installed';
  if (!fs.existsSync(FIREFOX)) missing.firefox = `${FIREFOX} is not installed (firefox-esr)`;
  if (!fs.existsSync(WEBKIT_DRIVER) || !fs.existsSync(MINIBROWSER)) missing.webkit = 'WebKitWebDriver/MiniBrowser are not installed (webkit2gtk-driver)';
  else if (!process.env.DISPLAY) missing.webkit = 'MiniBrowser needs a display: run under xvfb-run -a (Debian xvfb)';
  return { engines: ENGINES.filter((e) => !missing[e]), missing };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((r) => {
      const c = net.connect(port, '127.0.0.1', () => { c.destroy(); r(true); });
      c.once('error', () => r(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on port ${port} after ${ms} ms`);
}

/** A polling wait on a predicate evaluated in the page (the same in every engine). */
async function poll(page, fn, arg, ms, what) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try { last = await page.evaluate(fn, arg); } catch (e) { last = e; }
    if (last && !(last instanceof Error)) return last;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what || fn.toString().slice(0, 80)}${last instanceof Error ? `: ${last.message}` : ''}`);
    await sleep(100);
  }
}

// Helpers evaluated in the page.
function fillInPage([sel, value]) {
  const el = document.querySelector(sel);
  if (!el) throw new Error(`no element ${sel}`);
  el.focus();
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  el.blur();
  return true;
}

// evaluate(fn, arg) is the same in every engine: fn's source runs in the page with arg (JSON), and
// the value comes back as JSON in which -0, NaN and ±Infinity are tagged (the drivers' own
// serializers differ: WebDriver BiDi turns an object met twice into a reference that
// puppeteer-core drops, WebDriver classic has no -0 or NaN).
function evalSource(fn, arg) {
  return `(async () => { const v = await (${fn.toString()})(${JSON.stringify(arg ?? null)});` +
    'return JSON.stringify(v === undefined ? null : v, (k, x) => (typeof x === "number" && (Object.is(x, -0) || !Number.isFinite(x)) ? { "~n": String(x) } : x)); })()';
}
function revive(text) {
  return JSON.parse(text, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 1 && typeof x['~n'] === 'string' ? Number(x['~n']) : x));
}

/** The methods every adapter shares, built on evaluate(). */
function common(page) {
  const raw = page.rawEvaluate;
  page.evaluate = async (fn, arg) => revive(await raw(evalSource(fn, arg)));
  page.waitFor = (fn, arg, ms = 30000, what) => poll(page, fn, arg, ms, what);
  page.waitForSelector = (sel, ms = 30000) => poll(page, (s) => !!document.querySelector(s), sel, ms, sel);
  page.fill = (sel, value) => page.evaluate(fillInPage, [sel, String(value)]);
  page.text = (sel) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, sel);
  page.attr = (sel, name) => page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [sel, name]);
  return page;
}

// ---- Chromium (playwright-core) -------------------------------------------------------------
async function chromiumEngine() {
  const { launch } = await import('./browser.mjs');
  const browser = await launch();
  return {
    name: 'chromium', version: browser.version(),
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, serviceWorkers: 'block' });
      const p = await context.newPage();
      const errors = [];
      p.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      p.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') errors.push(`worker console: ${m.text()}`); }));
      return common({
        goto: (url) => p.goto(url, { waitUntil: 'load' }),
        rawEvaluate: (src) => p.evaluate(src),
        click: (sel) => p.click(sel),
        screenshot: (file) => p.screenshot({ path: file, fullPage: true }),
        consoleErrors: () => errors,
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}

// ---- Firefox (puppeteer-core over WebDriver BiDi) -------------------------------------------
async function firefoxEngine() {
  process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox', protocol: 'webDriverBiDi', executablePath: FIREFOX, headless: true,
    extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false },
  });
  const version = await browser.version();
  return {
    name: 'firefox', version,
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.createBrowserContext();
      const p = await context.newPage();
      await p.setViewport({ width, height });
      const errors = [];
      p.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      return common({
        goto: (url) => p.goto(url, { waitUntil: 'load' }),
        rawEvaluate: (src) => p.evaluate(src),
        click: (sel) => p.click(sel),
        screenshot: (file) => p.screenshot({ path: file, fullPage: true }),
        consoleErrors: () => errors,
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}

// ---- WebKit (WebKitWebDriver + MiniBrowser through selenium-webdriver) ----------------------
async function webkitEngine() {
  const { Builder, By } = await import('selenium-webdriver');
  if (!process.env.DISPLAY) throw new Error('webkit: MiniBrowser needs a display: run the tests under xvfb-run -a');
  const port = await freePort();
  const driverProc = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  const stopAll = () => { driverProc.kill(); };
  try {
    await waitPort(port, 10000);
  } catch (e) { stopAll(); throw e; }
  const sessions = new Set();
  const newDriver = () => new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  }).build();
  // One session to learn the version; pages get their own session (a fresh browser each: no shared state).
  const probe = await newDriver();
  const caps = await probe.getCapabilities();
  const version = `WebKitGTK ${caps.get('browserVersion')}`;
  await probe.quit();
  return {
    name: 'webkit', version,
    async newPage({ width = 1280, height = 900 } = {}) {
      const d = await newDriver();
      sessions.add(d);
      await d.manage().window().setRect({ x: 0, y: 0, width, height });
      // selenium runs a function body: the expression's promise reports through the callback.
      const rawEvaluate = (src) => d.executeAsyncScript(
        `const done = arguments[arguments.length - 1]; (${src})` +
        '.then((v) => done({ ok: v }), (e) => done({ err: String(e && e.message || e) }));')
        .then((r) => { if (r && 'err' in r) throw new Error(r.err); return r?.ok; });
      return common({
        goto: async (url) => { await d.get(url); },
        rawEvaluate,
        click: async (sel) => {
          const el = await d.findElement(By.css(sel));
          await d.executeScript('arguments[0].scrollIntoView({block: "center"})', el);
          await el.click();
        },
        screenshot: async (file) => fs.writeFileSync(file, Buffer.from(await d.takeScreenshot(), 'base64')),
        consoleErrors: () => null,
        close: async () => { sessions.delete(d); await d.quit(); },
      });
    },
    async close() {
      for (const d of sessions) await d.quit().catch(() => {});
      stopAll();
    },
  };
}

/** Starts one engine by name. */
export async function launchEngine(name) {
  if (name === 'chromium') return chromiumEngine();
  if (name === 'firefox') return firefoxEngine();
  if (name === 'webkit') return webkitEngine();
  throw new Error(`unknown engine ${name}`);
}

export function artifact(name) {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
