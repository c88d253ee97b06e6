#!/usr/bin/env node
// lrplay — the command-line tool on the WebAssembly build of the core. Same arguments and the
// same JSON as the native binary (build/lrplay):
//
//   lrplay spec FILE|-                      run one spec object, print one JSON object
//   lrplay find CONFIG|- [--csv]            the LR range test of an experiment config
//   lrplay train CONFIG|- [--csv] [--run N] every run (or run N) of the experiment config
//   lrplay data CONFIG|- [--csv]            the generated data set, train and validation split
//   lrplay init CONFIG|-                    the initial weights, layer by layer
//   lrplay export CONFIG|- [--run N] [--format pytorch|keras]
//                                           a Python script that replays run N (templates/)
//   lrplay config [CONFIG|-]                the canonical config (defaults when no file)
//   --data FILE                             find, train, config: a CSV file (the experiment
//                                           becomes csv; else data.path, from the current directory)
//   lrplay version                          {"lrplay": VERSION, "flavor": "simd128"|"scalar"}
//
//   --flavor simd|scalar (or LRPLAY_FLAVOR) forces a build; default: SIMD when available.
// Exit status: 0 ok; 2 invalid input, with one line "lrplay: <path>: <problem>" on stderr and
// nothing on stdout; 1 any other failure.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadCore, toJSON, findCsv, trainCsv, LrplayError, dataText, initText, replayScript } from '../web/js/core.js';
import { LIMITS } from '../web/js/core/schema.gen.js';
import { parseStrict, oneLine, MAX_BYTES, CONFIG_LIMITS, SPEC_LIMITS } from '../web/js/core/json-strict.js';

const USAGE = 'usage: lrplay spec FILE|- | find CONFIG|- [--csv] [--data FILE] | train CONFIG|- [--csv] [--run N] [--data FILE] | ' +
  'data CONFIG|- [--csv] [--data FILE] | init CONFIG|- [--data FILE] | export CONFIG|- [--run N] [--format pytorch|keras] [--data FILE] | ' +
  'config [CONFIG|-] [--data FILE] | version [--flavor simd|scalar]';
const MAX_CSV_BYTES = LIMITS.MAX_CSV_BYTES;

class Exit extends Error {
  constructor(code, message) { super(message); this.code = code; }
}
const badInput = (msg) => new Exit(2, msg);

/** The exit status of a library error: 2 for input the core refuses (as the native CLI), else 1. */
function exitCodeOf(err) {
  return err.status === 'LRP_EINVAL' || err.status === 'LRP_ELIMIT' ? 2 : 1;
}

function parseArgs(argv) {
  const a = { cmd: null, file: null, csv: false, run: null, format: null, data: null, flavor: process.env.LRPLAY_FLAVOR || 'auto' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (s === '--csv') a.csv = true;
    else if (s === '--run' || s.startsWith('--run=')) {
      const v = s === '--run' ? argv[++i] : s.slice(6);
      if (v === undefined || !/^[0-9]+$/.test(v)) throw badInput(`--run: must be a run index (0, 1, ...), not ${v ?? 'nothing'}`);
      a.run = Number(v);
    } else if (s === '--format' || s.startsWith('--format=')) {
      const v = s === '--format' ? argv[++i] : s.slice(9);
      if (v === undefined) throw badInput(`--format: must be pytorch or keras, not nothing`);
      a.format = v;
    } else if (s === '--data' && i + 1 < argv.length) {
      a.data = argv[++i];
    } else if (s === '--flavor' || s.startsWith('--flavor=')) {
      const v = s === '--flavor' ? argv[++i] : s.slice(9);
      a.flavor = v;
    } else if (s.startsWith('--') && s !== '--') throw badInput(`${s}: unknown option; ${USAGE}`);
    else rest.push(s);
  }
  if (!['auto', 'simd', 'scalar'].includes(a.flavor)) throw badInput(`--flavor: must be simd or scalar, not ${a.flavor}`);
  [a.cmd, a.file] = rest;
  if (!a.cmd) throw badInput(USAGE);
  const takesFile = {
    spec: 'required', find: 'required', train: 'required', data: 'required', init: 'required', export: 'required',
    config: 'optional', version: 'none',
  }[a.cmd];
  if (!takesFile) throw badInput(`${a.cmd}: unknown command; ${USAGE}`);
  if (takesFile === 'required' && a.file === undefined) throw badInput(`${a.cmd}: missing FILE (or - for stdin); ${USAGE}`);
  if (rest.length > (takesFile === 'none' ? 1 : 2)) throw badInput(`${rest[rest.length - 1]}: unexpected argument; ${USAGE}`);
  if (a.csv && !['find', 'train', 'data'].includes(a.cmd)) throw badInput(`--csv: only for find, train and data`);
  if (a.run !== null && a.cmd !== 'train' && a.cmd !== 'export') throw badInput(`--run: only for train and export`);
  if (a.format !== null && a.cmd !== 'export') throw badInput(`--format: only for export`);
  if (a.data !== null && a.cmd === 'spec') throw badInput('--data: only for find, train, data, init, export and config');
  return a;
}

/**
 * The JSON object in FILE ('-': stdin) under the input rule of web/js/core/json-strict.js, with
 * the native CLI's messages. The bytes are read with a bound and checked before any decoding.
 */
async function readInput(file, cmd) {
  const chunks = [];
  let n = 0;
  try {
    if (file === '-') {
      for await (const c of process.stdin) {
        chunks.push(c);
        if ((n += c.length) > MAX_BYTES) break;
      }
    } else {
      const fh = await open(file, 'r');
      try {
        for (let got = 1; got > 0 && n <= MAX_BYTES; n += got) {
          const c = Buffer.alloc(Math.min(1 << 20, MAX_BYTES + 1 - n));
          got = (await fh.read(c, 0, c.length, null)).bytesRead;
          chunks.push(c.subarray(0, got));
        }
      } finally { await fh.close(); }
    }
  } catch { throw new Exit(1, `${file}: cannot open`); }
  let root;
  try { root = parseStrict(Buffer.concat(chunks), cmd === 'spec' ? SPEC_LIMITS : CONFIG_LIMITS, file); }
  catch (e) { throw badInput(e.message); }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw badInput(`${file}: must hold a JSON object`);
  return root;
}

/** A CSV file's bytes, at most MAX_CSV_BYTES: a bigger file is refused by its size, unread. */
async function readData(path) {
  let fh;
  try { fh = await open(path, 'r'); } catch { throw badInput(`data: cannot open "${path}"`); }
  try {
    const st = await fh.stat();
    if (st.isFile() && st.size > MAX_CSV_BYTES) throw badInput(`data: "${path}" is ${st.size} bytes; at most ${MAX_CSV_BYTES >> 20} MiB`);
    const chunks = [];
    let n = 0;
    for (let got = 1; got > 0 && n <= MAX_CSV_BYTES; n += got) {
      const c = Buffer.alloc(Math.min(1 << 20, MAX_CSV_BYTES + 1 - n));
      try { got = (await fh.read(c, 0, c.length, null)).bytesRead; } catch { throw badInput(`data: cannot open "${path}"`); }
      chunks.push(c.subarray(0, got));
    }
    if (n > MAX_CSV_BYTES) throw badInput(`data: "${path}" is more than ${MAX_CSV_BYTES >> 20} MiB`);
    return new Uint8Array(Buffer.concat(chunks));
  } finally { await fh.close(); }
}

/**
 * The config and the data of a csv experiment, as the native CLI finds them: --data FILE makes
 * the experiment csv (its other data fields but val_frac dropped); else data.path of a csv config,
 * relative to the current directory. The config is checked before the file is read.
 */
async function withData(core, a, input, required) {
  let config = input;
  if (a.data !== null) {
    const d = input?.data && typeof input.data === 'object' ? input.data : {};
    core.readConfig(input);
    const keep = d.name === 'csv' ? d : (d.val_frac !== undefined ? { val_frac: d.val_frac } : {});
    config = { ...(input ?? {}), data: { ...keep, name: 'csv', path: basename(a.data) } };
  }
  const canonical = core.readConfig(config).config;
  if (canonical.data?.name !== 'csv') return { config, data: null };
  const path = a.data ?? (typeof input?.data?.path === 'string' && input.data.path !== '' ? input.data.path : null);
  if (path === null) {
    if (!required) return { config, data: null };
    throw badInput('data.path: missing: name the CSV file (or give --data FILE)');
  }
  return { config, data: await readData(path) };
}

async function main(argv) {
  const a = parseArgs(argv);
  const input = a.file !== undefined && a.cmd !== 'version' ? await readInput(a.file, a.cmd) : undefined;
  const core = await loadCore({ flavor: a.flavor });
  switch (a.cmd) {
    case 'version': return toJSON({ lrplay: core.version, flavor: core.buildFlavor }) + '\n';
    case 'spec': return toJSON(core.runSpec(input)) + '\n';
    case 'config': {
      if (input === undefined && a.data === null) return toJSON(core.defaultConfig()) + '\n';
      const { config, data } = await withData(core, a, input, false);
      return toJSON(core.readConfig(config, { data }).config) + '\n';
    }
    case 'find': {
      const { config, data } = await withData(core, a, input, true);
      const r = await core.find(config, { data });
      return a.csv ? findCsv(r) : toJSON(r) + '\n';
    }
    case 'train': {
      const { config, data } = await withData(core, a, input, true);
      if (a.run !== null) {
        const n = core.readConfig(config).config.runs?.length ?? 0;
        if (a.run >= n) throw badInput(`--run: ${a.run} is not a run of this config (it has ${n})`);
      }
      const r = await core.train(config, { runs: a.run === null ? null : [a.run], data });
      return a.csv ? trainCsv(r) : toJSON(r) + '\n';
    }
    case 'data': case 'init': {
      const { config, data } = await withData(core, a, input, true);
      const d = core.dataset(config, { replay: true, data });
      return a.cmd === 'data' ? dataText(d, a.csv) : initText(d);
    }
    case 'export': {
      const { config, data } = await withData(core, a, input, true);
      const format = a.format ?? 'pytorch';
      if (format !== 'pytorch' && format !== 'keras') throw badInput(`--format: must be pytorch or keras, not "${format}"`);
      const n = core.readConfig(config).config.runs?.length ?? 0;
      const run = a.run ?? 0;
      if (run >= n) throw badInput(`--run: ${run} is not a run of this config (it has ${n})`);
      const r = replayScript(core.dataset(config, { replay: true, data }), run, format);
      if (r.big) {
        process.stderr.write(`lrplay: note: the script is ${r.mb} MB, most of it the embedded data and weights; ` +
          'the page\'s "Copy as PyTorch" snippet is the small version (stand-in data)\n');
      }
      return r.text;
    }
  }
  throw badInput(USAGE);
}

try {
  const out = await main(process.argv.slice(2));
  process.stdout.write(out);
} catch (e) {
  let code = 1, msg;
  if (e instanceof Exit) { code = e.code; msg = e.message; }
  else if (e instanceof LrplayError) { code = exitCodeOf(e); msg = e.message; }
  else msg = `internal error: ${e && e.message ? e.message : String(e)}`;
  process.stderr.write(`lrplay: ${oneLine(msg)}\n`);
  process.exitCode = code;
}
