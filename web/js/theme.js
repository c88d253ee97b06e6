// theme.js — the colours of the current theme, read from the CSS custom properties
// (web/css/lrplay.css), so the charts follow prefers-color-scheme like the rest of the page.

const NAMES = ['fg', 'muted', 'line', 'grid', 'accent', 'shade', 'raw', 'mark', 'pick', 'bg', 'err', 'warn'];
export const RUN_COLOURS = 8;

export function colours() {
  const cs = getComputedStyle(document.documentElement);
  const c = {};
  for (const n of NAMES) c[n] = cs.getPropertyValue(`--${n}`).trim();
  c.runs = [];
  for (let i = 0; i < RUN_COLOURS; i++) c.runs.push(cs.getPropertyValue(`--run${i}`).trim());
  return c;
}

/** Calls fn() whenever the system theme flips. */
export function onThemeChange(fn) {
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  if (mq?.addEventListener) mq.addEventListener('change', () => fn());
}
