// train-jobs.js — the batch of a comparison: which (seed, run) jobs, in which order, and the
// time left, in words. Pure JavaScript (tested in Node).

/** The jobs of a comparison: seed-major, so the first seed's curves complete first. */
export function trainJobs(nRuns, repeats) {
  const jobs = [];
  for (let k = 0; k < repeats; k++) for (let i = 0; i < nRuns; i++) jobs.push({ k, i });
  return jobs;
}

/** "about 12 s left" from the elapsed time and the fraction done (null while too early to say). */
export function etaText(elapsedMs, fraction) {
  if (!(fraction > 0.02) || fraction >= 1) return null;
  const left = (elapsedMs * (1 - fraction)) / fraction;
  if (left < 1000) return 'about a second left';
  if (left < 90000) return `about ${Math.round(left / 1000)} s left`;
  return `about ${Math.round(left / 60000)} min left`;
}
