// core.js — the lrplay core compiled to WebAssembly: the public entry point of the JavaScript
// library, for a page, a worker and Node. The parts live in core/:
//
//   core/loader.js       flavor choice, the bytes, instantiation
//   core/abi.js          struct layouts, heap views, strings, the core's errors
//   core/api.js          loadCore and the API below
//   core/config-json.js  config objects <-> the experiment struct (cli/config_json.c's twin)
//   core/spec.js         the spec runner (cli/spec.c's twin)
//   core/output.js       the CLI output format: JSON text, %.17g, CSV
//   core/errors.js       LrplayError {message, status}
//
//   const core = await loadCore({flavor: 'auto'});       // 'auto' | 'simd' | 'scalar'
//   core.runSpec(spec)                                    // as `lrplay spec`
//   core.defaultConfig(), core.readConfig(obj, {mode}), core.schema(config)
//   await core.find(config, {progressEvery, onProgress, signal})     // as `lrplay find`
//   await core.train(config, {runs, onEpoch, signal})                 // as `lrplay train`
//   core.editConfig((draft) => ...)       // field-by-field text edits (links use it: link.js)
//
// The library never imports page modules (link.js, export.js, ...): they import it.

export { loadCore } from './core/api.js';
export { simdSupported } from './core/loader.js';
export { LrplayError } from './core/errors.js';
export { toJSON, toJSONShort, fmtG17, findCsv, trainCsv } from './core/output.js';
