// tutorial/code.js — "PyTorch and Keras code for these runs": the playground's own snippets
// (../snippets/) for each run of the config a figure's frame reported, written as text.
import { toPyTorch, toKeras } from '../snippets.js';

/** [{label, torch, keras}] for every run of a canonical config. */
export function runSnippets(config) {
  const runs = Array.isArray(config?.runs) ? config.runs : [];
  return runs.map((run, i) => ({ label: String(run.label ?? `run ${i + 1}`), torch: toPyTorch(config, i), keras: toKeras(config, i) }));
}

/** Replaces the contents of `body` with the code of every run (textContent only). */
export function showCode(body, config) {
  const parts = [];
  for (const s of runSnippets(config)) {
    for (const [name, text] of [['PyTorch', s.torch], ['Keras', s.keras]]) {
      const h = document.createElement('h4');
      h.textContent = `${s.label} — ${name}`;
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      code.textContent = text;
      pre.append(code);
      parts.push(h, pre);
    }
  }
  if (parts.length) body.replaceChildren(...parts);
  return parts.length / 2;
}
