// snippets.js — the "Copy as PyTorch" / "Copy as Keras" snippets; the code is in snippets/
// (index.js describes it). Kept so that existing imports keep working.
export { toPyTorch, toKeras, describeRun, pyNum, pyStr } from './snippets/index.js';
