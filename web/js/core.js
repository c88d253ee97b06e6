// core.js — the lrplay core compiled to WebAssembly: the public entry point of the JavaScript
// library, for a page, a worker and Node. The parts live in core/:
//
//   core/loader.js       flavor choice, the bytes, instantiation
//   core/abi.js          struct layouts, heap views, strings, the core's errors
//   core/api.js          loadCore and the API below
//   core/config-json.js  config objects <-> the experiment struct (cli/config_json.c's twin)
//   core/spec.js         the spec runner (cli/spec.c's twin)
//   core/repeats.js      repeats over seeds and the picked rate (c_src/repeats.c, pick.c)
//   core/output.js       the CLI output format: JSON text, %.17g, CSV
//   core/replay.js       the text of lrplay data / init / export (replay scripts)
//   core/data.js         CSV/TSV files as tables for csv experiments (c_src/csv.c)
//   core/errors.js       LrplayError {message, status}
//
//   const core = await loadCore({flavor: 'auto'});       // 'auto' | 'simd' | 'scalar'
//   core.runSpec(spec)                                    // as `lrplay spec`
//   core.defaultConfig(), core.readConfig(obj, {mode}), core.schema(config)
//   await core.find(config, {progressEvery, onProgress, signal, seedIndex, data})   // as `lrplay find`
//   await core.train(config, {runs, onEpoch, signal, seedIndex, data})              // as `lrplay train`
//   core.aggregateFind(config, perSeed, {data}), core.aggregateTrain(config, perSeedRuns, {data})
//       // a repeated experiment from its seeds run apart ({seedIndex: k}): see core/repeats.js
//   core.dataset(config, {replay, data})  // the data set (+ weights, batch order: replay.js)
//   core.loadData(bytes, {name, header, separator}), core.sha256(bytes)
//       // a csv experiment's file as a table; `data` above is such a table or the bytes (core/data.js)
//   core.editConfig((draft) => ...)       // field-by-field text edits (links use it: link.js)
//
// The library never imports page modules (link.js, export.js, ...): they import it.

export { loadCore } from './core/api.js';
export { simdSupported } from './core/loader.js';
export { LrplayError } from './core/errors.js';
export { toJSON, toJSONShort, fmtG17, findCsv, trainCsv } from './core/output.js';
export { dataText, initText, replayScript, fmtExact, REPLAY_BIG } from './core/replay.js';
