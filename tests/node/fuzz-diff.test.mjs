// Differential fuzzing: random experiment configs (fuzz-configs.mjs, from the schema) through
// the four runners, which must print the same bytes — stdout, stderr and exit status — for
// `find` and `train`, as JSON or CSV:
//   build/lrplay (SIMD), build-scalar/lrplay, bin/lrplay.mjs --flavor simd and --flavor scalar.
// bin/lrplay.mjs runs in a worker thread (its own module instance, argv and exit code, as a
// process would have) to spare a Node start per call.
//
//   LRP_FUZZ_SEED=S     the seed (default 1: npm test runs the same configs every time)
//   LRP_FUZZ_CONFIGS=N  how many configs (default 16); scripts/fuzz.sh runs many more
//   LRP_FUZZ_ONLY=I     only config I of seed S (to reproduce a failure)
//   LRP_FUZZ_CORPUS=DIR also every file of DIR (e.g. the libFuzzer corpus build-fuzz/corpus, at
//                       most LRP_FUZZ_CORPUS_MAX, default 300, picked by the seed) as `spec FILE` and
//                       `config FILE` through build/lrplay and bin/lrplay.mjs: the two readers of
//                       input must accept, refuse and print alike (scripts/fuzz.sh does this)
// A failing config is written to tests/artifacts/fuzz-diff/ and named in the message.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { root, scalarBin } from './native.mjs';
import { nativeBin, nodeCli } from './wasm-util.mjs';
import { commandsFor, randomConfig, rng } from './fuzz-configs.mjs';

const SEED = Number(process.env.LRP_FUZZ_SEED ?? 1) >>> 0;
const COUNT = Number(process.env.LRP_FUZZ_CONFIGS ?? 16);
const ONLY = process.env.LRP_FUZZ_ONLY === undefined ? null : Number(process.env.LRP_FUZZ_ONLY);
const TIMEOUT_MS = 120000;

/** Config i of a seed: its own generator, so one config is reproduced alone. */
const configRng = (seed, i) => rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35));

function runNative(bin, args) {
  return new Promise((resolve, reject) => {
    if (!existsSync(bin)) return reject(new Error(`${bin} is missing: run npm test (it builds it)`));
    const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
    const out = [], err = [];
    p.stdout.on('data', (c) => out.push(c));
    p.stderr.on('data', (c) => err.push(c));
    p.on('error', reject);
    p.on('close', (status, signal) => resolve({ status: signal ? `signal ${signal}` : status,
      stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1') }));
  });
}

function runNodeCli(args) {
  return new Promise((resolve, reject) => {
    const w = new Worker(nodeCli, { argv: args, stdout: true, stderr: true, env: { ...process.env, LRPLAY_FLAVOR: '' } });
    const out = [], err = [];
    const timer = setTimeout(() => w.terminate(), TIMEOUT_MS);
    w.stdout.on('data', (c) => out.push(c));
    w.stderr.on('data', (c) => err.push(c));
    w.on('error', (e) => { clearTimeout(timer); reject(e); });
    w.on('exit', (status) => { clearTimeout(timer); resolve({ status,
      stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1') }); });
  });
}

const RUNNERS = [
  ['native simd', (args) => runNative(nativeBin, args)],
  ['native scalar', (args) => runNative(scalarBin, args)],
  ['wasm simd', (args) => runNodeCli(['--flavor', 'simd', ...args])],
  ['wasm scalar', (args) => runNodeCli(['--flavor', 'scalar', ...args])],
];

/** Where two outputs first differ, as "line N: want ... got ...". */
function firstDifference(a, b) {
  const la = a.split('\n'), lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      const cut = (s) => (s === undefined ? '(no line)' : s.length > 300 ? `${s.slice(0, 300)}...` : s);
      let c = 0;
      while (la[i] && lb[i] && la[i][c] === lb[i][c]) c++;
      return `line ${i + 1}, column ${c + 1}: ${cut(la[i])}\n  vs ${cut(lb[i])}`;
    }
  }
  return null;
}

const dir = mkdtempSync(path.join(tmpdir(), 'lrplay-fuzz-diff-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const stats = { configs: 0, ok: 0, refused: 0, calls: 0 };

const indices = ONLY === null ? Array.from({ length: COUNT }, (_, i) => i) : [ONLY];
for (const i of indices) {
  test(`fuzz-diff seed ${SEED} config ${i}: the four runners print the same bytes`, async () => {
    const r = configRng(SEED, i);
    const config = randomConfig(r);
    const file = path.join(dir, `config-${i}.json`);
    writeFileSync(file, JSON.stringify(config));
    stats.configs++;
    for (const cmd of commandsFor(r, config)) {
      const args = [...cmd.slice(0, 1), file, ...cmd.slice(1)];
      const results = await Promise.all(RUNNERS.map(([, run]) => run(args)));
      stats.calls += results.length;
      const [want] = results;
      if (cmd[0] === 'train') want.status === 0 ? stats.ok++ : stats.refused++;
      for (let k = 1; k < RUNNERS.length; k++) {
        const got = results[k];
        const diff = got.status !== want.status ? `exit ${want.status} vs ${got.status}`
          : firstDifference(want.stderr, got.stderr) ?? firstDifference(want.stdout, got.stdout);
        if (diff) {
          const saved = path.join(root, 'tests', 'artifacts', 'fuzz-diff', `seed-${SEED}-config-${i}.json`);
          mkdirSync(path.dirname(saved), { recursive: true });
          writeFileSync(saved, JSON.stringify(config, null, 1) + '\n');
          assert.fail(`${RUNNERS[0][0]} and ${RUNNERS[k][0]} differ on lrplay ${cmd.join(' ')} of ${path.relative(root, saved)} ` +
            `(LRP_FUZZ_SEED=${SEED} LRP_FUZZ_ONLY=${i}):\n  ${diff}\nstderr: ${want.stderr.trim()} | ${got.stderr.trim()}`);
        }
      }
      // every refusal is one line naming the problem, and exit 2
      if (want.status !== 0) {
        assert.equal(want.status, 2, `lrplay ${cmd.join(' ')}: exit ${want.status}: ${want.stderr}`);
        assert.equal(want.stdout, '');
        assert.equal(want.stderr.split('\n').filter(Boolean).length, 1, want.stderr);
      }
    }
  });
}

// The libFuzzer corpus through both readers of input (the same bytes: the reading and the
// messages do not depend on the flavor, which the configs above cover).
const CORPUS = process.env.LRP_FUZZ_CORPUS;
if (CORPUS && ONLY === null) {
  const pick = rng(SEED);
  const files = readdirSync(CORPUS).sort().map((f) => ({ f, key: pick.next() }))
    .sort((a, b) => a.key - b.key).slice(0, Number(process.env.LRP_FUZZ_CORPUS_MAX ?? 300)).map((x) => x.f);
  for (const f of files) {
    test(`fuzz-diff corpus ${f}: spec and config read alike natively and in Node`, async () => {
      const file = path.join(CORPUS, f);
      for (const cmd of ['spec', 'config']) {
        const [want, got] = await Promise.all([RUNNERS[0][1]([cmd, file]), RUNNERS[2][1]([cmd, file])]);
        const diff = got.status !== want.status ? `exit ${want.status} vs ${got.status}`
          : firstDifference(want.stderr, got.stderr) ?? firstDifference(want.stdout, got.stdout);
        assert.equal(diff, null, `lrplay ${cmd} ${file}: native and Node differ: ${diff}`);
      }
    });
  }
}

test('fuzz-diff: most generated configs are valid (the fuzzer runs, not only refuses)', { skip: ONLY !== null }, () => {
  console.log(`# fuzz-diff seed ${SEED}: ${stats.configs} configs, ${stats.calls} runner calls; ` +
    `train ok ${stats.ok}, refused ${stats.refused}`);
  assert.ok(stats.ok >= stats.configs * 0.5, `only ${stats.ok} of ${stats.configs} configs trained`);
});
