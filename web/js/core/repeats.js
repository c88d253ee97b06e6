// core/repeats.js — experiments repeated over seeds, and the picked rate: the JavaScript side
// of c_src/repeats.c and c_src/pick.c. Every number of a summary is computed by the core
// (lrp_stats_of, lrp_band, lrp_wins, lrp_max_finite, lrp_pick_resolve) and the objects are
// built in the order cli/repeats.c writes them, so `lrplay find`/`train` print the same
// JSON natively and here, and a page that aggregates what its workers return gets the
// same numbers as the command line.
//
//   aggregateFind(rt, config, perSeed)      perSeed[k]: the `find` of seed k ({seed, ...keys})
//   aggregateTrain(rt, config, perSeedRuns) perSeedRuns[k]: seed k's run objects, same runs each
//
// Layout of the results: README, "Repeats over seeds".

import { LrplayError } from './errors.js';
import { SUGGEST } from './schema.gen.js';

/** The suggestions in the order `find` prints them. */
// The suggestions in the order `find` writes them: the core's own table (lrplay schema).
export const SUGGESTIONS = Object.keys(SUGGEST);

const nz = (v) => (Number.isFinite(v) ? v : null);
const num = (v) => (typeof v === 'number' ? v : NaN);   // null (a NaN in the JSON) back to NaN
const bad = (msg) => new LrplayError(msg, { status: 'LRP_EINVAL' });

/** The pick kinds' names, index = lrp_pick value (from the core). */
export function pickNames(rt) {
  const names = [];
  for (let k = 0; k < 64; k++) {
    const s = rt.cstr(rt.x.lrp_pick_name(k));
    if (s === '?') break;
    names.push(s);
  }
  return names;
}

/** The picked {name, lr} from rates (by pick index, NaN = not given), or null. */
export function resolvePick(rt, names, rates, want) {
  const S = rt.scope();
  try {
    const k = rt.x.lrp_pick_resolve(S.doubles(rates), want);
    return k < 0 ? null : { name: names[k], lr: nz(rates[k]) };
  } finally { S.freeAll(); }
}

/** Rates by pick index from a `find` object's suggestions. */
export function ratesOf(names, suggestions) {
  return names.map((n) => num(suggestions?.[n]));
}

function statsOf(rt, values) {
  const S = rt.scope();
  try {
    const out = S.zalloc(rt.L.stats.size);
    rt.x.lrp_stats_of(S.doubles(values), values.length, out);
    const s = rt.struct(out, rt.L.stats);
    return { n: s.n, mean: nz(s.mean), sd: nz(s.sd), median: nz(s.median), min: nz(s.min), max: nz(s.max) };
  } finally { S.freeAll(); }
}

/** lrp_band over series (arrays, null = NaN) at points 0..n-1. */
function band(rt, series, n) {
  const S = rt.scope();
  try {
    const flat = series.flatMap((s) => s.map(num));
    const len = S.alloc(4 * series.length);
    series.forEach((s, k) => rt.setU32(len + 4 * k, s.length));
    const m = S.alloc(8 * n), lo = S.alloc(8 * n), hi = S.alloc(8 * n), cnt = S.alloc(4 * n);
    rt.x.lrp_band(S.doubles(flat), len, series.length, n, m, lo, hi, cnt);
    const read = (p) => Array.from(rt.f64(p, n), nz);
    const counts = [];
    for (let i = 0; i < n; i++) counts.push(rt.u32at(cnt + 4 * i));
    return { median: read(m), min: read(lo), max: read(hi), count: counts };
  } finally { S.freeAll(); }
}

function maxFinite(rt, values) {
  const S = rt.scope();
  try { return nz(rt.x.lrp_max_finite(S.doubles(values.map(num)), values.length)); } finally { S.freeAll(); }
}

/** beats[i][j]: seeds on which run i's best validation loss is below run j's (lrp_wins). */
function wins(rt, best, runs, R) {
  const S = rt.scope();
  try {
    const out = S.alloc(4 * runs * runs);
    rt.x.lrp_wins(S.doubles(best), runs, R, out);
    const b = [];
    for (let i = 0; i < runs; i++) {
      const row = [];
      for (let j = 0; j < runs; j++) row.push(rt.u32at(out + 4 * (i * runs + j)));
      b.push(row);
    }
    return b;
  } finally { S.freeAll(); }
}

function checkSeeds(config, perSeed, what) {
  const R = config.repeats ?? 1;
  if (!Array.isArray(perSeed) || perSeed.length !== R) {
    throw bad(`${what}: needs one result per seed (${R}), not ${Array.isArray(perSeed) ? perSeed.length : typeof perSeed}`);
  }
  return R;
}

function checkSeed(config, entry, k, what) {
  const want = (config.seed ?? 1) + k;
  if (!entry || entry.seed !== want) throw bad(`${what}[${k}]: must be the result of seed ${want} (seedIndex ${k})`);
}

const withoutSeed = ({ seed, ...rest }) => rest;   // eslint-disable-line no-unused-vars

/** The `find` object of a repeated experiment from each seed's, as cli/repeats.c writes it. */
export function aggregateFind(rt, config, perSeed, names, want) {
  const R = checkSeeds(config, perSeed, 'find');
  perSeed.forEach((f, k) => checkSeed(config, f, k, 'find'));
  if (R === 1) return withoutSeed(perSeed[0]);
  const n = Math.min(...perSeed.map((f) => f.lr.length));
  const b = band(rt, perSeed.map((f) => f.smoothed), n);
  const per = names.map((name) => perSeed.map((f) => num(f.suggestions?.[name])));
  const stats = per.map((v) => statsOf(rt, v));
  const suggestions = {}, spread = {};
  for (const name of SUGGESTIONS) {
    const k = names.indexOf(name);
    if (k >= 0 && stats[k].n) suggestions[name] = stats[k].median;
  }
  for (const name of SUGGESTIONS) {
    const k = names.indexOf(name);
    if (k >= 0 && stats[k].n) spread[name] = stats[k];
  }
  return {
    repeats: R, lr: perSeed[0].lr.slice(0, n),
    smoothed: b.median, smoothed_min: b.min, smoothed_max: b.max, smoothed_seeds: b.count,
    suggestions, spread,
    picked: resolvePick(rt, names, stats.map((s) => num(s.median)), want),
    per_seed: perSeed,
  };
}

/** The `runs` array of a repeated experiment from each seed's runs, as cli/repeats.c writes it. */
export function aggregateTrain(rt, config, perSeedRuns) {
  const R = checkSeeds(config, perSeedRuns, 'runs');
  const m = perSeedRuns[0]?.length ?? 0;
  perSeedRuns.forEach((runs, k) => {
    if (!Array.isArray(runs) || runs.length !== m) throw bad(`runs[${k}]: every seed needs the same runs (${m})`);
    runs.forEach((r, j) => {
      checkSeed(config, r, k, `runs[${k}]`);
      if (r.index !== perSeedRuns[0][j].index) throw bad(`runs[${k}][${j}]: run ${r.index}, want run ${perSeedRuns[0][j].index}`);
    });
  });
  if (R === 1) return perSeedRuns[0].map(withoutSeed);
  const best = [];
  for (let j = 0; j < m; j++) for (let k = 0; k < R; k++) best.push(num(perSeedRuns[k][j].best_val_loss));
  const beats = wins(rt, best, m, R);
  const out = [];
  for (let j = 0; j < m; j++) {
    const seeds = perSeedRuns.map((runs) => runs[j]);
    const n = Math.max(0, ...seeds.map((r) => r.epochs));
    const curve = (key) => {
      const b = band(rt, seeds.map((r) => r[key]), n);
      return { b, obj: { median: b.median, min: b.min, max: b.max } };
    };
    const lr = curve('lr');
    out.push({
      index: seeds[0].index, label: seeds[0].label, repeats: R,
      stats: {
        best_val_loss: statsOf(rt, best.slice(j * R, j * R + R)),
        final_val_loss: statsOf(rt, seeds.map((r) => num(r.final_val_loss))),
        best_val_acc: statsOf(rt, seeds.map((r) => maxFinite(rt, r.val_acc) ?? NaN)),
      },
      curves: {
        lr: lr.obj, train_loss: curve('train_loss').obj, val_loss: curve('val_loss').obj, val_acc: curve('val_acc').obj,
        seeds: lr.b.count,
      },
      beats: beats[j],
      per_seed: seeds,
    });
  }
  return out;
}
