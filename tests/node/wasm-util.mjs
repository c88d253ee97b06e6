// wasm-util.mjs — helpers for the WebAssembly tests: the Node CLI (bin/lrplay.mjs) and the
// experiment configs the determinism tests run.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root, nativeBin as defaultNativeBin } from './native.mjs';

export const nodeCli = path.join(root, 'bin', 'lrplay.mjs');
export const FLAVORS = ['simd', 'scalar'];
/** The native binary (build/lrplay; LRP_NATIVE_BIN points elsewhere, e.g. a private build dir). */
export const nativeBin = process.env.LRP_NATIVE_BIN || defaultNativeBin;

/** Runs `node bin/lrplay.mjs args...` with `input` on stdin; returns {status, stdout, stderr}. */
export function runNode(args, input = '', env = {}) {
  const r = spawnSync(process.execPath, [nodeCli, ...args], {
    input, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300000,
    env: { ...process.env, LRPLAY_FLAVOR: '', ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** tests/configs/*.json as {file, config}. */
export function experimentConfigs() {
  const dir = path.join(root, 'tests', 'configs');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, config: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
}

/** A small version of the default experiment: every default run, few epochs and iterations. */
export const SMALL_DEFAULT = { epochs: 4, find: { num_iter: 40 } };
