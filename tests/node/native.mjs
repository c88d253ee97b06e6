// native.mjs — runs the native `lrplay` binaries built by CMake (build/ and build-scalar/).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const nativeBin = path.join(root, 'build', 'lrplay');
export const scalarBin = path.join(root, 'build-scalar', 'lrplay');
// AddressSanitizer + UndefinedBehaviorSanitizer build (npm test makes it).
export const asanBin = path.join(root, 'build-asan', 'lrplay');
export const goldenDir = path.join(root, 'tests', 'golden');

export function goldenCases() {
  return readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(path.join(goldenDir, f), 'utf8')) }));
}

// Runs `bin args...` with `input` on stdin; returns {status, stdout, stderr}.
export function run(bin, args, input = '') {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm test (it builds it)`);
  const r = spawnSync(bin, args, { input, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
