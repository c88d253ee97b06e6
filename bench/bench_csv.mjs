// bench_csv.mjs — reading a 20 000 x 64 CSV (plus a 10-class target) in the WebAssembly core
// (Node), each flavor, and its share of a default range test on it. The native numbers are
// lrplay_bench's csv section (bench/bench_csv.c makes the same bytes from the same LCG).
//
//   node bench/bench_csv.mjs [--json]      (npm run bench runs it after bench_wasm.mjs)
// Target: loading the file (parse, target and task) < 10 % of loading + the range test.
// Times are the process's CPU time (process.cpuUsage): on a shared machine, wall time mostly
// measures the neighbours.
import { loadCore } from '../web/js/core.js';
import { csvText, ROWS, FEATURES } from './csv_text.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const SAMPLES = 5;

const performance = { now: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } };
const median = (a) => { const s = [...a].sort((p, q) => p - q); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const out = [];
const emit = (c, v, unit) => out.push({ bench: 'csv', case: c, value: Number(v.toPrecision(6)), unit });

const bytes = csvText();
for (const flavor of ['simd', 'scalar']) {
  const core = await loadCore({ flavor });
  const parse = [], load = [];
  for (let r = 0; r < SAMPLES; r++) {
    let t0 = performance.now();
    core.loadData(bytes).free();
    parse.push(performance.now() - t0);
    t0 = performance.now();
    core.readConfig({ data: { name: 'csv' } }, { data: bytes });
    load.push(performance.now() - t0);
  }
  const t0 = performance.now();
  await core.find({ data: { name: 'csv' } }, { data: bytes, progressEvery: 1000 });
  const find = performance.now() - t0;
  const p = median(parse), l = median(load);
  emit(`wasm_${flavor}/parse_ms`, p, 'ms');
  emit(`wasm_${flavor}/load_ms`, l, 'ms');
  emit(`wasm_${flavor}/find_ms`, find, 'ms');
  emit(`wasm_${flavor}/load_share`, (100 * l) / find, '%');
  if (!json) {
    console.log(`csv wasm-${flavor}: ${ROWS} x ${FEATURES} + target (${(bytes.length / 1e6).toFixed(1)} MB): parse ${p.toFixed(1)} ms, ` +
      `parse + target/task ${l.toFixed(1)} ms; load + default range test ${find.toFixed(1)} ms; loading is ` +
      `${((100 * l) / find).toFixed(1)} % of it (target < 10 %): ${(100 * l) / find < 10 ? 'PASS' : 'MISS'}`);
  }
}
if (json) for (const o of out) console.log(JSON.stringify(o));
