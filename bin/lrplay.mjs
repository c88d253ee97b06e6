#!/usr/bin/env node
// lrplay — the command-line tool on the WebAssembly build of the core. Same arguments and the
// same JSON as the native binary (build/lrplay):
//
//   lrplay spec FILE|-                      run one spec object, print one JSON object
//   lrplay find CONFIG|- [--csv]            the LR range test of an experiment config
//   lrplay train CONFIG|- [--csv] [--run N] every run (or run N) of the experiment config
//   lrplay config [CONFIG|-]                the canonical config (defaults when no file)
//   lrplay version                          {"lrplay": VERSION, "flavor": "simd128"|"scalar"}
//
//   --flavor simd|scalar (or LRPLAY_FLAVOR) forces a build; default: SIMD when available.
// Exit status: 0 ok; 2 invalid input, with one line "lrplay: <path>: <problem>" on stderr and
// nothing on stdout; 1 any other failure.
import { readFile } from 'node:fs/promises';
import { loadCore, toJSON, findCsv, trainCsv, LrplayError } from '../web/js/core.js';

const USAGE = 'usage: lrplay spec FILE|- | find CONFIG|- [--csv] | train CONFIG|- [--csv] [--run N] | config [CONFIG|-] | version [--flavor simd|scalar]';
const MAX_INPUT = 64 << 20;
const MAX_DEPTH = 1000;   // cJSON's nesting limit: deeper input is not valid JSON natively either

class Exit extends Error {
  constructor(code, message) { super(message); this.code = code; }
}
const badInput = (msg) => new Exit(2, msg);

/** The exit status of a library error: 2 for input the core refuses (as the native CLI), else 1. */
function exitCodeOf(err) {
  return err.status === 'LRP_EINVAL' || err.status === 'LRP_ELIMIT' ? 2 : 1;
}

function parseArgs(argv) {
  const a = { cmd: null, file: null, csv: false, run: null, flavor: process.env.LRPLAY_FLAVOR || 'auto' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (s === '--csv') a.csv = true;
    else if (s === '--run' || s.startsWith('--run=')) {
      const v = s === '--run' ? argv[++i] : s.slice(6);
      if (v === undefined || !/^[0-9]+$/.test(v)) throw badInput(`--run: must be a run index (0, 1, ...), not ${v ?? 'nothing'}`);
      a.run = Number(v);
    } else if (s === '--flavor' || s.startsWith('--flavor=')) {
      const v = s === '--flavor' ? argv[++i] : s.slice(9);
      a.flavor = v;
    } else if (s.startsWith('--') && s !== '--') throw badInput(`${s}: unknown option; ${USAGE}`);
    else rest.push(s);
  }
  if (!['auto', 'simd', 'scalar'].includes(a.flavor)) throw badInput(`--flavor: must be simd or scalar, not ${a.flavor}`);
  [a.cmd, a.file] = rest;
  if (!a.cmd) throw badInput(USAGE);
  const takesFile = { spec: 'required', find: 'required', train: 'required', config: 'optional', version: 'none' }[a.cmd];
  if (!takesFile) throw badInput(`${a.cmd}: unknown command; ${USAGE}`);
  if (takesFile === 'required' && a.file === undefined) throw badInput(`${a.cmd}: missing FILE (or - for stdin); ${USAGE}`);
  if (rest.length > (takesFile === 'none' ? 1 : 2)) throw badInput(`${rest[rest.length - 1]}: unexpected argument; ${USAGE}`);
  if (a.csv && a.cmd !== 'find' && a.cmd !== 'train') throw badInput(`--csv: only for find and train`);
  if (a.run !== null && a.cmd !== 'train') throw badInput(`--run: only for train`);
  return a;
}

async function readStdin() {
  const chunks = [];
  let n = 0;
  for await (const c of process.stdin) {
    n += c.length;
    if (n > MAX_INPUT) break;
    chunks.push(c);
  }
  return { buf: Buffer.concat(chunks), tooLarge: n > MAX_INPUT };
}

/** The file's JSON object, with the native runner's messages for what is wrong with it. */
async function readJson(file) {
  let buf;
  if (file === '-') {
    const r = await readStdin();
    if (r.tooLarge) throw badInput(`${file}: larger than 64 MiB`);
    buf = r.buf;
  } else {
    try { buf = await readFile(file); } catch { throw new Exit(1, `${file}: cannot open`); }
    if (buf.length >= MAX_INPUT) throw badInput(`${file}: larger than 64 MiB`);
  }
  const text = buf.toString('utf8');
  const deep = tooDeepAt(text);
  if (deep >= 0) throw badInput(`${file}: not valid JSON (at byte ${deep})`);
  let root;
  try {
    root = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(e.message);
    const at = m ? Buffer.byteLength(text.slice(0, Number(m[1]))) : buf.length;
    throw badInput(`${file}: not valid JSON (at byte ${at})`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw badInput(`${file}: must hold a JSON object`);
  return root;
}

/** The byte offset where brackets nest deeper than MAX_DEPTH, or -1. */
function tooDeepAt(text) {
  let depth = 0, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;               // backslash: skip the escaped char
      else if (c === 34) inStr = false;
    } else if (c === 34) inStr = true;
    else if (c === 91 || c === 123) { if (++depth > MAX_DEPTH) return Buffer.byteLength(text.slice(0, i)); }
    else if (c === 93 || c === 125) depth--;
  }
  return -1;
}


async function main(argv) {
  const a = parseArgs(argv);
  const input = a.file !== undefined && a.cmd !== 'version' ? await readJson(a.file) : undefined;
  const core = await loadCore({ flavor: a.flavor });
  switch (a.cmd) {
    case 'version': return toJSON({ lrplay: core.version, flavor: core.buildFlavor }) + '\n';
    case 'spec': return toJSON(core.runSpec(input)) + '\n';
    case 'config': return toJSON(input === undefined ? core.defaultConfig() : core.readConfig(input).config) + '\n';
    case 'find': {
      const r = await core.find(input);
      return a.csv ? findCsv(r) : toJSON(r) + '\n';
    }
    case 'train': {
      if (a.run !== null) {
        const n = core.readConfig(input).config.runs?.length ?? 0;
        if (a.run >= n) throw badInput(`--run: ${a.run} is not a run of this config (it has ${n})`);
      }
      const r = await core.train(input, { runs: a.run === null ? null : [a.run] });
      return a.csv ? trainCsv(r) : toJSON(r) + '\n';
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
  process.stderr.write(`lrplay: ${String(msg).split('\n')[0]}\n`);
  process.exitCode = code;
}
