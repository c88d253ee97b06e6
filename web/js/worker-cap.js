// worker-cap.js — how many runs the page trains in parallel (one Web Worker each).

export const MAX_WORKERS = 6;

/**
 * navigator.hardwareConcurrency counts logical processors, and some browsers report more than
 * there are (WebKit says 4 on a 2-core machine, and rounds to fixed values for privacy). Up to
 * two, all of them; above two, half of what is reported (hyperthreads add little to this
 * arithmetic, and the page needs a core of its own); never more than MAX_WORKERS.
 */
export function workerCap(reported) {
  const n = Number.isInteger(reported) && reported > 0 ? reported : 2;
  return Math.max(1, Math.min(MAX_WORKERS, n <= 2 ? n : Math.ceil(n / 2)));
}
