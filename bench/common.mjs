// common.mjs — what the Node benchmarks (bench_cost.mjs, bench_wasm.mjs) share: the
// repository root, their command-line options, output that --json keeps off stdout, and the
// native binary they time against.
//   --json         one JSON object per line {"bench","case","value","unit"} and nothing else on stdout
//   --quick        a shorter run
//   --native PATH  the native binary (default: $LRP_BUILD_DIR or build/, then its name)
//   --no-native    leave the native columns out
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const args = process.argv.slice(2);
export const flag = (f) => args.includes(f);
export const opt = (f, d) => { const i = args.indexOf(f); return i >= 0 && i + 1 < args.length ? args[i + 1] : d; };
export const JSON_OUT = flag('--json');
export const QUICK = flag('--quick');
export const log = (...a) => { if (!JSON_OUT) console.log(...a); };
export const pad = (s, w) => String(s).padStart(w);

/** Under --json, one line {"bench","case","value","unit"} on stdout (value null when not finite). */
export function emitJson(bench, name, value, unit) {
  if (JSON_OUT) process.stdout.write(JSON.stringify({ bench, case: name, value: Number.isFinite(value) ? +value.toPrecision(6) : null, unit }) + '\n');
}

/**
 * The native binary `name` to time against (--native PATH, else $LRP_BUILD_DIR or build/), or
 * null under --no-native, or when it is missing: then `prog` says so on stderr (with `hint`).
 */
export function nativeBinary(prog, name, hint = '') {
  if (flag('--no-native')) return null;
  const bin = opt('--native', path.join(root, process.env.LRP_BUILD_DIR || 'build', name));
  if (existsSync(bin)) return bin;
  console.error(`${prog}: ${path.relative(root, bin)} not found; native columns left out${hint}`);
  return null;
}
