// core/loader.js — getting the WebAssembly module running: the flavor choice (SIMD128 or
// scalar), the bytes (given, fetched, or read from build-wasm/ in Node), and the instance with
// exactly the imports it declares. The .wasm files are standalone reactor modules built by
// build_wasm.sh (no Emscripten JS glue).

// The smallest module that uses a SIMD128 instruction (as in wasm-feature-detect).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10,
  1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function simdSupported() {
  try { return WebAssembly.validate(SIMD_PROBE); } catch { return false; }
}

const IS_NODE = typeof process !== 'undefined' && !!process.versions?.node;

/* ------------------------------------------------------------- the imports */
// Provide exactly what the module declares: the memory-growth notification (a no-op: our
// views notice the new buffer themselves) and, for anything else (WASI stubs pulled in by
// libc paths we never take), a function that throws if it is ever called.
function makeImports(module) {
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') throw new Error(`lrplay core: unsupported import ${imp.module}.${imp.name} (${imp.kind})`);
    const name = `${imp.module}.${imp.name}`;
    let fn;
    if (imp.name === 'emscripten_notify_memory_growth') fn = () => {};
    else if (imp.name === 'proc_exit') fn = (code) => { throw new Error(`lrplay core: exit(${code})`); };
    else fn = () => { throw new Error(`lrplay core: called ${name}, which the loader does not provide`); };
    (imports[imp.module] ??= {})[imp.name] = fn;
  }
  return imports;
}

/* ------------------------------------------------------------- the bytes */
async function nodeReadFile(url) {
  const fsName = 'node:fs/promises';            // not a literal: bundlers leave it alone
  const fs = await import(/* @vite-ignore */ fsName);
  return fs.readFile(url);
}

function defaultWasmUrl(flavor) {
  const base = import.meta.url;
  if (!base) throw new Error('lrplay core: no wasm given and no module URL to find build-wasm/ from');
  return new URL(`../../../build-wasm/lrplay-${flavor}.wasm`, base);
}

async function toBytesOrModule(src) {
  if (src instanceof WebAssembly.Module) return src;
  if (src instanceof ArrayBuffer) return new Uint8Array(src);
  if (ArrayBuffer.isView(src)) return new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
  if (typeof src === 'string' || src instanceof URL) {
    const url = src instanceof URL ? src : new URL(src, IS_NODE ? `file://${process.cwd()}/` : self.location.href);
    if (IS_NODE && url.protocol === 'file:') return new Uint8Array(await nodeReadFile(url));
    const res = await fetch(url);
    if (!res.ok) throw new Error(`lrplay core: could not load ${url} (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  }
  throw new TypeError('lrplay core: wasm must be an ArrayBuffer, a Uint8Array, a URL, a string or a WebAssembly.Module');
}

const moduleCache = new Map();  // default files only: flavor -> Promise<WebAssembly.Module>

async function getModule(flavor, wasm) {
  if (wasm === undefined || wasm === null) {
    if (!moduleCache.has(flavor)) {
      const p = toBytesOrModule(defaultWasmUrl(flavor)).then((b) => WebAssembly.compile(b));
      p.catch(() => moduleCache.delete(flavor));
      moduleCache.set(flavor, p);
    }
    return moduleCache.get(flavor);
  }
  const src = typeof wasm === 'function' ? await wasm(flavor) : wasm;
  const b = await toBytesOrModule(src);
  return b instanceof WebAssembly.Module ? b : WebAssembly.compile(b);
}

/**
 * The instance of the chosen flavor, initialized. `flavor`: 'auto' picks SIMD when the engine
 * validates a SIMD128 module; `wasm`: see loadCore (core/api.js).
 */
export async function instantiate({ flavor = 'auto', wasm } = {}) {
  if (!['auto', 'simd', 'scalar'].includes(flavor)) throw new TypeError(`loadCore: flavor must be auto, simd or scalar, not ${flavor}`);
  const chosen = flavor === 'auto' ? (simdSupported() ? 'simd' : 'scalar') : flavor;
  if (chosen === 'simd' && !simdSupported()) throw new Error('loadCore: this engine does not support WebAssembly SIMD');
  const module = await getModule(chosen, wasm);
  const instance = await WebAssembly.instantiate(module, makeImports(module));
  if (typeof instance.exports._initialize === 'function') instance.exports._initialize();
  return instance;
}
