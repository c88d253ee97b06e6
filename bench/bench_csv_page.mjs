// bench_csv_page.mjs — issue 12's benchmark in the page: the 20 000 x 64 CSV (bench/csv_text.mjs,
// the bytes bench_csv.c and bench_csv.mjs read) picked with the page's file input in Debian's
// Chromium; the worker reads it for the default range test, this thread reads it for the preview.
// Prints the worker's parse, the range-test job it is part of and its share, the main thread's
// parse, and the native numbers of the same bytes (lrplay_bench --csv) side by side.
//
//   node bench/bench_csv_page.mjs [--json] [--samples N] [--native PATH | --no-native]
// Target: the parse < 10 % of the parse + range test. The page's times are wall times
// (performance.now in the worker and the page: a browser has no CPU clock); each sample is a
// fresh page, so the worker parses the file once per sample. Needs build-wasm/ (npm run build).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { csvText, ROWS, FEATURES } from './csv_text.mjs';
import { ROOT, CHROMIUM, buildDist, launch, startServer, openPage, loadAndWait } from '../tests/browser-helpers/browser.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 && i + 1 < args.length ? args[i + 1] : def; };
const SAMPLES = Math.max(1, Number(opt('--samples', 3)) || 3);
const note = (s) => { if (!json) console.log(s); else console.error(s); };
const median = (a) => { const s = [...a].sort((p, q) => p - q); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const out = [];
const emit = (c, v, unit) => out.push({ bench: 'csv_page', case: c, value: Number(v.toPrecision(6)), unit });

if (!fs.existsSync(CHROMIUM)) {
  note(`bench_csv_page: ${CHROMIUM} not found; the page numbers are left out`);
  process.exit(0);
}

function nativeNumbers() {
  if (args.includes('--no-native')) return null;
  const bin = opt('--native', path.join(ROOT, process.env.LRP_BUILD_DIR || 'build', 'lrplay_bench'));
  if (!fs.existsSync(bin)) { note(`bench_csv_page: ${path.relative(ROOT, bin)} not found; native numbers left out`); return null; }
  const r = spawnSync(bin, ['--csv', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) { note(`bench_csv_page: ${bin} --csv failed: ${r.stderr.trim()}`); return null; }
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const get = (c) => lines.find((l) => l.bench === 'csv' && l.case === c)?.value ?? NaN;
  return { parse: get('parse_ms'), load: get('load_ms'), find: get('find_ms'), share: get('load_share') };
}

const bytes = csvText();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-bench-csv-'));
const file = path.join(dir, `bench-${ROWS}x${FEATURES}.csv`);
fs.writeFileSync(file, bytes);
buildDist();
const browser = await launch();
const server = await startServer();
const worker = [], job = [], main = [];
try {
  for (let s = 0; s < SAMPLES; s++) {
    const { context, page, rec } = await openPage(browser, { allowed: (u) => u.startsWith(server.url) });
    try {
      await loadAndWait(page, server.url);
      await page.setInputFiles('#data-file', file);
      await page.waitForFunction(() => document.documentElement.dataset.dataSha, null, { timeout: 120000 });
      await page.click('#find-run');
      await page.waitForFunction(() => document.documentElement.dataset.findDone, null, { timeout: 300000 });
      const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
      if (rec.errors.length) throw new Error(`the page logged errors: ${rec.errors.join('; ')}`);
      worker.push(Number(d.parseMs));
      job.push(Number(d.parseJobMs));
      main.push(Number(d.readMs));
    } finally { await context.close(); }
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const p = median(worker), j = median(job), m = median(main), share = (100 * p) / j;
emit('page_worker/parse_ms', p, 'ms');
emit('page_worker/find_job_ms', j, 'ms');
emit('page_worker/parse_share', share, '%');
emit('page_main/parse_ms', m, 'ms');
const nat = nativeNumbers();
if (nat) {
  emit('native/parse_ms', nat.parse, 'ms');
  emit('native/load_share', nat.share, '%');
}
if (json) for (const o of out) console.log(JSON.stringify(o));
else {
  const mb = (bytes.length / 1e6).toFixed(1);
  console.log(`csv page (Chromium, median of ${SAMPLES} fresh pages): ${ROWS} x ${FEATURES} + target (${mb} MB)`);
  console.log(`  worker:      parse ${p.toFixed(1)} ms; default range-test job (parse included) ${j.toFixed(1)} ms; ` +
    `the parse is ${share.toFixed(1)} % of it (target < 10 %): ${share < 10 ? 'PASS' : 'MISS'}`);
  console.log(`  page thread: parse ${m.toFixed(1)} ms (for the preview and the config; the training does not wait for it)`);
  if (nat) {
    console.log(`  native:      parse ${nat.parse.toFixed(1)} ms, parse + target/task ${nat.load.toFixed(1)} ms; load + range test ` +
      `${nat.find.toFixed(1)} ms; ${nat.share.toFixed(1)} % (CPU time, lrplay_bench --csv)`);
  }
}
