#!/usr/bin/env node
// web/build.mjs — builds the static page from web/ into dist/ with esbuild.
//
//   node web/build.mjs [--out dist] [--wasm build-wasm] [--no-minify]
//
// Outputs (all classic scripts, so the page also works opened as a file):
//   dist/index.html, dist/css/lrplay.css, dist/favicon.svg; index.html gets web/guard.js inline
//                                  (allowed by its hash: it says so in words, and tells the parent
//                                  of a frame, when the page's script never starts)
//   dist/lrplay.js                 the page: Chart.js + our modules, one IIFE; it carries the worker's
//                                  source as a string and starts it from a Blob URL
//   dist/lrplay-simd.wasm, dist/lrplay-scalar.wasm      fetched when served over http(s)
//   dist/lrplay-wasm-simd.js, dist/lrplay-wasm-scalar.js the same bytes as base64 for file://
//   dist/lrplay.html               one self-contained file: CSS, script and wasm inlined; its
//                                  Content-Security-Policy allows exactly its own inline script
//                                  and style, by sha256 hash (no 'unsafe-inline')
//   dist/tutorial.html, dist/tutorial.js, dist/css/tutorial.css
//                                  the tutorial: prose around live embeds of index.html
import * as esbuild from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const out = path.resolve(root, opt('--out', 'dist'));
const wasmDir = path.resolve(root, opt('--wasm', process.env.LRP_WASM_DIR || 'build-wasm'));
const FLAVORS = ['simd', 'scalar'];

function fail(msg) { console.error(`build-web: ${msg}`); process.exit(1); }

const wasm = {};
for (const f of FLAVORS) {
  const p = path.join(wasmDir, `lrplay-${f}.wasm`);
  if (!fs.existsSync(p)) fail(`${path.relative(root, p)} is missing (run ./build_wasm.sh first)`);
  wasm[f] = fs.readFileSync(p);
}

const common = {
  bundle: true, format: 'iife', platform: 'browser', target: ['chrome100', 'firefox100', 'safari15'],
  minify: !args.includes('--no-minify'), legalComments: 'eof', write: false, logLevel: 'warning',
  // core/loader.js finds build-wasm/ from import.meta.url only when no bytes are given; the page always gives them.
  define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': 'undefined' },
};

// 1. The worker, as one classic script held in a string.
const worker = await esbuild.build({ ...common, entryPoints: [path.join(web, 'js/worker.js')] });
const workerSource = worker.outputFiles[0].text;

// 2. The page, with the worker source behind a virtual module.
const workerPlugin = {
  name: 'lrplay-worker-source',
  setup(b) {
    b.onResolve({ filter: /^lrplay:worker-source$/ }, () => ({ path: 'worker-source', namespace: 'lrplay' }));
    b.onLoad({ filter: /.*/, namespace: 'lrplay' }, () => ({
      contents: `export default ${JSON.stringify(workerSource)};`, loader: 'js',
    }));
  },
};
const page = await esbuild.build({ ...common, entryPoints: [path.join(web, 'js/main.js')], plugins: [workerPlugin] });
const pageSource = page.outputFiles[0].text;

function replaceOnce(text, from, to) {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) fail(`index.html must contain exactly one ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const cspMeta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;
/** The page's policy with its script-src and style-src directives rewritten by `edit`. */
function rewritePolicy(text, edit) {
  const m = cspMeta.exec(text);
  if (!m) fail('index.html must carry its Content-Security-Policy in a <meta http-equiv> element');
  const policy = m[1].split(';').map((d) => d.trim()).filter(Boolean).map((d) => edit(d.split(/\s+/)[0], d)).join('; ');
  if (/'unsafe-inline'|'unsafe-eval'/.test(policy)) fail('the policy must not allow unsafe-inline or unsafe-eval');
  return text.replace(cspMeta, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

// 3. Write dist/.
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'css'), { recursive: true });
const source = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
// The start-up guard (web/guard.js), inline before the page's script and allowed by its hash.
const guardJs = inlineScript(esbuild.transformSync(fs.readFileSync(path.join(web, 'guard.js'), 'utf8'),
  { minify: true, legalComments: 'none' }).code.trim());
const guardTag = `<script>${guardJs}</script>`;
let html = replaceOnce(source, '<script src="lrplay.js" defer></script>', `${guardTag}\n<script src="lrplay.js" defer></script>`);
html = rewritePolicy(html, (name, d) => (name === 'script-src' ? d.replace("'self'", `'self' ${sha(guardJs)}`) : d));
const css = fs.readFileSync(path.join(web, 'css/lrplay.css'), 'utf8');
const icon = fs.readFileSync(path.join(web, 'favicon.svg'), 'utf8');
fs.writeFileSync(path.join(out, 'index.html'), html);
fs.writeFileSync(path.join(out, 'css/lrplay.css'), css);
fs.writeFileSync(path.join(out, 'favicon.svg'), icon);
fs.writeFileSync(path.join(out, 'lrplay.js'), pageSource);
const b64 = {};
for (const f of FLAVORS) {
  b64[f] = wasm[f].toString('base64');
  fs.writeFileSync(path.join(out, `lrplay-${f}.wasm`), wasm[f]);
  fs.writeFileSync(path.join(out, `lrplay-wasm-${f}.js`),
    `(self.LRPLAY_WASM=self.LRPLAY_WASM||{})[${JSON.stringify(f)}]="${b64[f]}";\n`);
}

// 3b. The tutorial: its page, style and script (one classic script, like the playground's).
const tutorial = await esbuild.build({ ...common, entryPoints: [path.join(web, 'js/tutorial/main.js')] });
fs.writeFileSync(path.join(out, 'tutorial.html'), fs.readFileSync(path.join(web, 'tutorial.html'), 'utf8'));
fs.writeFileSync(path.join(out, 'css/tutorial.css'), fs.readFileSync(path.join(web, 'css/tutorial.css'), 'utf8'));
fs.writeFileSync(path.join(out, 'tutorial.js'), tutorial.outputFiles[0].text);

// 4. The single file. Inline code must not close its <script> or open an HTML comment.
function inlineScript(src) {
  const s = src.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  if (/<\/script/i.test(s) || s.includes('<!--')) fail('cannot inline the script safely');
  return s;
}
let single = html;
const inlineCss = `\n${css}`;
if (/<\/style/i.test(inlineCss)) fail('cannot inline the style sheet safely');
single = replaceOnce(single, '<link rel="stylesheet" href="css/lrplay.css">', `<style>${inlineCss}</style>`);
single = replaceOnce(single, '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  `<link rel="icon" href="data:image/svg+xml;base64,${Buffer.from(icon).toString('base64')}" type="image/svg+xml">`);
single = replaceOnce(single, '<script src="lrplay.js" defer></script>', '');
const blocks = FLAVORS.map((f) =>
  `<script type="application/octet-stream" id="lrplay-wasm-${f}">${b64[f]}</script>`).join('\n');
const inlineJs = inlineScript(pageSource);
single = replaceOnce(single, '</body>', `${blocks}\n<script>${inlineJs}</script>\n</body>`);
// The policy of index.html with 'self' for scripts and styles replaced by the hashes of the
// inline ones (the wasm data blocks are never executed, so no policy applies to them). No
// 'self' is left, so it works the same in an opaque origin (a sandboxed frame) in every engine.
single = rewritePolicy(single, (name, d) => {
  if (name === 'script-src') return `script-src ${sha(guardJs)} ${sha(inlineJs)} 'wasm-unsafe-eval'`;
  if (name === 'style-src') return `style-src ${sha(inlineCss)}`;
  return d;
});
fs.writeFileSync(path.join(out, 'lrplay.html'), single);

let total = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
  const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else total += fs.statSync(p).size; } };
walk(out);
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`build-web: ${path.relative(root, out)}/ ${total} bytes (lrplay.js ${kb(pageSource.length)}, ` +
  `worker ${kb(workerSource.length)}, wasm simd ${kb(wasm.simd.length)} scalar ${kb(wasm.scalar.length)}, ` +
  `lrplay.html ${kb(single.length)})`);
