#!/usr/bin/env node
// bench_page.mjs — the page's repeats spread over its workers, in headless Chromium (Debian's,
// through playwright-core): the same comparison of 3 runs on digits with 1 seed and with 4 seeds,
// timed by the page itself (wall time of the whole batch, and the workers' time summed over
// jobs). Four seeds are four times the work; spread over P workers on C cores the wall time
// should grow by about T(12)/T(3), T(j) = max(ceil(j/P), j/min(P, C)) (3x with 2 workers on 2
// cores, 2x with 6 or more on 6 or more cores; 4x would mean the seeds ran one after another).
//
//   node bench/bench_page.mjs [--json] [--quick]
//   --json   one JSON object per line {"bench","case","value","unit"} and nothing else on stdout
//   --quick  fewer epochs and one sample per case (a smoke run)
// Builds dist/ from web/ and build-wasm/ first (esbuild only).
import os from 'node:os';
import { buildDist, launch, startServer, openPage, loadAndWait } from '../tests/browser-helpers/browser.mjs';

const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const QUICK = args.includes('--quick');
const EPOCHS = QUICK ? 10 : 30;
const SAMPLES = QUICK ? 1 : 5;     // per case, interleaved; the median is reported
const RUNS = 3, SEEDS = 4;

const note = (s) => (JSON_OUT ? process.stderr : process.stdout).write(`${s}\n`);
const emit = (c, value, unit) => { if (JSON_OUT) process.stdout.write(`${JSON.stringify({ bench: 'page_repeats', case: c, value, unit })}\n`); };

const frag = (repeats) => `#v=1&seed=1&repeats=${repeats}&data.name=digits&epochs=${EPOCHS}` +
  '&runs.0.label=constant&runs.0.optimizer.lr=0.003' +
  '&runs.1.label=plateau&runs.1.optimizer.lr=0.003&runs.1.schedule.name=reduce_on_plateau' +
  '&runs.2.label=cosine&runs.2.optimizer.lr=0.003&runs.2.schedule.name=cosine';

/** Trains the page's comparison once; the page's own timings. */
async function trainOnce(page) {
  const before = await page.evaluate(() => document.documentElement.dataset.trainDone || '');
  await page.click('#train-run');
  await page.waitForFunction((b) => (document.documentElement.dataset.trainDone || '') !== b, before, { timeout: 600000 });
  return page.evaluate(() => {
    const d = document.documentElement.dataset;
    const m = /over (\d+) workers?/.exec(document.getElementById('train-status').textContent);
    return { jobs: Number(d.trainJobs), wall: Number(d.trainWallMs), worker: Number(d.trainWorkerMs), workers: m ? Number(m[1]) : null, cores: navigator.hardwareConcurrency };
  });
}

buildDist();
const browser = await launch();
const server = await startServer();
try {
  const pages = {};
  for (const r of [1, SEEDS]) {
    const { page } = await openPage(browser, { allowed: (u) => u.startsWith(server.url) });
    await loadAndWait(page, server.url + frag(r));
    pages[r] = page;
  }
  // One untimed batch each: the workers start and the wasm tiers up.
  for (const r of [1, SEEDS]) await trainOnce(pages[r]);
  // Interleaved samples; the median batch (by wall time) of each case. A shared machine's
  // load shows as worker time per job that differs between the cases.
  const got = { 1: [], [SEEDS]: [] };
  for (let s = 0; s < SAMPLES; s++) for (const r of [1, SEEDS]) got[r].push(await trainOnce(pages[r]));
  const med = (ts) => [...ts].sort((a, b) => a.wall - b.wall)[ts.length >> 1];
  const one = med(got[1]), many = med(got[SEEDS]);
  const P = many.workers ?? one.workers ?? 1;
  const ratio = many.wall / one.wall;
  // The best a batch of j equal jobs can do on P workers and C cores: whole rounds of P jobs,
  // and no faster than C cores allow.
  const C = os.cpus().length;
  const bound = (j) => Math.max(Math.ceil(j / P), j / Math.min(P, C));
  const ideal = bound(SEEDS * RUNS) / bound(RUNS);
  note(`page: repeats over the workers (headless Chromium, ${P} workers, hardwareConcurrency ${many.cores}, ` +
    `${C} cores; digits, ${RUNS} runs x ${EPOCHS} epochs, median of ${SAMPLES})`);
  note(`  1 seed  x ${RUNS} runs (${one.jobs} jobs):  ${(one.wall / 1000).toFixed(2)} s wall, ${(one.worker / 1000).toFixed(2)} s of worker time (${(one.worker / one.jobs / 1000).toFixed(2)} s a job)`);
  note(`  ${SEEDS} seeds x ${RUNS} runs (${many.jobs} jobs): ${(many.wall / 1000).toFixed(2)} s wall, ${(many.worker / 1000).toFixed(2)} s of worker time (${(many.worker / many.jobs / 1000).toFixed(2)} s a job)`);
  note(`  ratio ${ratio.toFixed(2)}x for ${SEEDS}x the work (${(many.worker / one.worker).toFixed(2)}x the worker time); ` +
    `one worker would give ${SEEDS}x, ${P} workers at best ${ideal.toFixed(2)}x; ` +
    `parallel speed-up of the ${SEEDS}-seed batch ${(many.worker / many.wall).toFixed(2)}x`);
  emit('1x3_wall', one.wall, 'ms');
  emit(`${SEEDS}x3_wall`, many.wall, 'ms');
  emit('ratio', Number(ratio.toFixed(3)), 'x');
  emit('workers', P, 'workers');
  emit(`${SEEDS}x3_speedup`, Number((many.worker / many.wall).toFixed(3)), 'x');
} finally {
  await browser.close();
  await server.close();
}
