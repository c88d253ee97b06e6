// snippets/ — "Copy as PyTorch" and "Copy as Keras": one run of an experiment as Python source
// that sets up the same model, optimizer and schedule. Pure JavaScript, no DOM.
//
//   toPyTorch(config, runIndex) -> string     toKeras(config, runIndex) -> string
//   describeRun(config, runIndex) -> the run as the snippets read it
//
// `config` is the canonical config object (core.defaultConfig() / core.readConfig(...)); fields
// it lacks take the core's defaults for their kind (the schema, ../core/schema.gen.js). runIndex
// picks config.runs[runIndex] (default 0); a config without runs gives the top-level optimizer
// with a constant rate.
//
// Safety: nothing from the config reaches the Python text except numbers (String(x), so full
// precision), booleans, names checked against the schema's lists, and the run label, which is
// written only as an escaped Python string literal (never in a comment). The data itself is not
// exported: the snippets split as lrplay does (the same row counts, so the same batches per epoch)
// and load scikit-learn's digits, or make stand-in data of the same shape for the sets lrplay
// draws itself, to be replaced by the user's own.
//
// What they print is lrplay's definition: the rate in effect at the start of each epoch (the
// rate its first update applies: floored, and decayed for Keras Adam). Run under PyTorch they
// give lrplay's rates (tests/node/snippets-torch.test.mjs); warm-up is SequentialLR([LinearLR, S])
// and early stopping Keras' EarlyStopping (a callback, or the same rule in the PyTorch loop).
//
// Files: python.js (literals, readers), run.js (describeRun), common.js (shared comments),
// data.js (the data lines), earlystop.js, optimizers.js and schedules*.js (one {torch, keras}
// entry per kind), torch.js, keras.js.
export { toPyTorch } from './torch.js';
export { toKeras } from './keras.js';
export { describeRun } from './run.js';
export { pyNum, pyStr } from './python.js';
