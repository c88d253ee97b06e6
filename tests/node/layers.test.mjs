// layers.test.mjs — the layering of the JavaScript side, read from the import statements of every
// file under web/js/ and bin/:
//   - no import cycle;
//   - the library (web/js/core.js, web/js/core/) imports only the library: never a page module,
//     never the link codec (web/js/link.js, web/js/link/), never a package;
//   - bin/ imports only the library (and node: built-ins, and its own files), never the page;
//   - every import names a file that exists;
//   - no file under c_src/, cli/, web/js/, bin/ has more than 500 lines, unless its first lines
//     say it is generated.
// The checks are plain functions, first tried on small made-up trees (so they can fail), then on
// the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { root } from './native.mjs';

const MAX_LINES = 500;
const SOURCE = /\.(m?js|c|h)$/;

/* ------------------------------------------------------------- reading */
/** Module specifiers of one JavaScript source: static imports, re-exports, literal dynamic imports. */
export function importsOf(text) {
  const out = [];
  const stat = /^[ \t]*(?:import|export)\s+(?:[^'";]*?\sfrom\s*)?['"]([^'"\n]+)['"]/gm;
  const dyn = /\bimport\(\s*(?:\/\*[^]*?\*\/\s*)?['"]([^'"\n]+)['"]\s*\)/g;
  for (const re of [stat, dyn]) {
    for (let m; (m = re.exec(text));) out.push(m[1]);
  }
  return out;
}

function walk(dir, keep) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}

/** {file (relative, posix): [specifier, ...]} for every .js/.mjs under web/js/ and bin/. */
function repoGraph() {
  const files = [...walk(path.join(root, 'web/js'), (p) => /\.m?js$/.test(p)),
    ...walk(path.join(root, 'bin'), (p) => /\.m?js$/.test(p))];
  const g = {};
  for (const f of files) g[rel(f)] = importsOf(readFileSync(f, 'utf8'));
  return g;
}
const rel = (p) => path.relative(root, p).split(path.sep).join('/');

/* ------------------------------------------------------------- rules */
const isLibrary = (f) => f === 'web/js/core.js' || f.startsWith('web/js/core/');
const isBin = (f) => f.startsWith('bin/');
const isRelative = (s) => s.startsWith('./') || s.startsWith('../');

/**
 * The problems of an import graph {file: [specifier]} (files relative to the repository, posix
 * separators). `exists(file)` says whether a resolved file is there. Returns a list of messages.
 */
export function layerProblems(graph, exists = (f) => Object.hasOwn(graph, f)) {
  const problems = [];
  const edges = {};
  for (const [file, specs] of Object.entries(graph)) {
    edges[file] = [];
    for (const s of specs) {
      if (!isRelative(s)) {
        if (isLibrary(file)) problems.push(`${file}: the library imports "${s}" (only its own files)`);
        else if (isBin(file) && !s.startsWith('node:')) problems.push(`${file}: bin/ imports "${s}" (only the library and node: built-ins)`);
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), s));
      if (!exists(target)) { problems.push(`${file}: imports "${s}", which does not exist (${target})`); continue; }
      if (isLibrary(file) && !isLibrary(target)) problems.push(`${file}: the library imports ${target}, which is not part of it`);
      if (isBin(file) && !isLibrary(target) && !isBin(target)) problems.push(`${file}: bin/ imports ${target}, which is not the library`);
      edges[file].push(target);
    }
  }
  // Cycles: depth-first search, reporting each cycle by its path.
  const state = {};   // undefined: not seen, 1: on the stack, 2: done
  const stack = [];
  const visit = (f) => {
    state[f] = 1;
    stack.push(f);
    for (const t of edges[f] ?? []) {
      if (state[t] === 1) problems.push(`import cycle: ${[...stack.slice(stack.indexOf(t)), t].join(' -> ')}`);
      else if (state[t] === undefined) visit(t);
    }
    stack.pop();
    state[f] = 2;
  };
  for (const f of Object.keys(edges).sort()) if (state[f] === undefined) visit(f);
  return problems;
}

/** Files (relative path -> text) over MAX_LINES lines whose first 5 lines do not say "generated". */
export function oversized(files) {
  const out = [];
  for (const [f, text] of Object.entries(files)) {
    const lines = text.split('\n');
    const n = lines.length - (text.endsWith('\n') ? 1 : 0);
    if (n > MAX_LINES && !/\bgenerated\b/i.test(lines.slice(0, 5).join('\n'))) out.push(`${f}: ${n} lines (at most ${MAX_LINES})`);
  }
  return out;
}

/* ------------------------------------------------------------- the checks, on made-up trees */
test('importsOf: static, multi-line, re-exports, side effects and literal dynamic imports', () => {
  const src = [
    "import { a } from './a.js';",
    'import {\n  b,\n  c,\n} from "./b.js";',
    "import * as d from '../d.js';",
    "import './side.js';",
    "export { e } from './e.js';",
    "export * from './f.js';",
    "const g = await import('./g.js');",
    "const h = await import(/* @vite-ignore */ name);",    // not a literal: not followed
    "const s = 'import x from \"./not-an-import.js\"';",    // inside a string, not at a line start
    "// import { z } from './commented.js'",                 // a comment
  ].join('\n');
  assert.deepEqual(importsOf(src), ['./a.js', './b.js', '../d.js', './side.js', './e.js', './f.js', './g.js']);
});

test('layerProblems: finds cycles, a library that imports the page or links, bin importing the page', () => {
  assert.deepEqual(layerProblems({
    'web/js/core.js': ['./core/api.js'], 'web/js/core/api.js': ['./abi.js'], 'web/js/core/abi.js': [],
    'web/js/link.js': ['./core.js'], 'bin/lrplay.mjs': ['../web/js/core.js', 'node:fs'],
  }), []);
  const p = (g) => layerProblems(g).join('\n');
  assert.match(p({ 'web/js/a.js': ['./b.js'], 'web/js/b.js': ['./c.js'], 'web/js/c.js': ['./a.js'] }),
    /import cycle: web\/js\/a\.js -> web\/js\/b\.js -> web\/js\/c\.js -> web\/js\/a\.js/);
  assert.match(p({ 'web/js/core.js': ['./link.js'], 'web/js/link.js': [] }), /library imports web\/js\/link\.js/);
  assert.match(p({ 'web/js/core/api.js': ['../link/config.js'], 'web/js/link/config.js': [] }), /library imports web\/js\/link\/config\.js/);
  assert.match(p({ 'web/js/core/api.js': ['../export.js'], 'web/js/export.js': [] }), /library imports web\/js\/export\.js/);
  assert.match(p({ 'web/js/core/api.js': ['node:fs'] }), /library imports "node:fs"/);
  assert.match(p({ 'bin/lrplay.mjs': ['../web/js/export.js'], 'web/js/export.js': [] }), /bin\/ imports web\/js\/export\.js/);
  assert.match(p({ 'bin/lrplay.mjs': ['chart.js'] }), /bin\/ imports "chart\.js"/);
  assert.match(p({ 'web/js/main.js': ['./gone.js'] }), /does not exist/);
});

test('oversized: counts lines, lets generated files through', () => {
  const big = 'x\n'.repeat(501);
  assert.deepEqual(oversized({ 'a.js': 'x\n'.repeat(500), 'b.js': big, 'c.js': `// generated by tools/gen.mjs; do not edit\n${big}` }),
    ['b.js: 501 lines (at most 500)']);
});

/* ------------------------------------------------------------- the repository */
test('the repository: no import cycle, the library and bin/ import only what they may', () => {
  const g = repoGraph();
  assert.ok(Object.keys(g).length > 20 && g['web/js/core.js'] && g['bin/lrplay.mjs'], 'the files were found');
  assert.ok(g['bin/lrplay.mjs'].includes('../web/js/core.js'), 'bin/lrplay.mjs was read');
  const problems = layerProblems(g, (f) => existsSync(path.join(root, f)));
  assert.deepEqual(problems, []);
});

test(`the repository: no file under c_src/, cli/, web/js/, bin/ over ${MAX_LINES} lines (generated files aside)`, () => {
  const files = {};
  for (const d of ['c_src', 'cli', 'web/js', 'bin']) {
    for (const f of walk(path.join(root, d), (p) => SOURCE.test(p))) files[rel(f)] = readFileSync(f, 'utf8');
  }
  assert.ok(Object.keys(files).length > 30, 'the files were found');
  assert.deepEqual(oversized(files), []);
});
