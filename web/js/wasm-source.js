// wasm-source.js — where the page gets the WebAssembly bytes, once, for every worker.
//
//  1. the self-contained lrplay.html carries them inline in <script type="application/octet-stream"
//     id="lrplay-wasm-FLAVOR"> data blocks (base64; never executed);
//  2. served over http(s), dist/lrplay-FLAVOR.wasm is fetched;
//  3. opened as a file (file:// blocks fetch), or in a sandboxed <iframe> (an opaque origin: the
//     fetch would be cross-origin and fail without CORS), dist/lrplay-wasm-FLAVOR.js is loaded as
//     a classic script that leaves the base64 in self.LRPLAY_WASM. A fetch that fails for any
//     other reason falls back to it too.

// The smallest module that uses a SIMD128 instruction (as in wasm-feature-detect).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10,
  1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function simdSupported() {
  try { return WebAssembly.validate(SIMD_PROBE); } catch { return false; }
}

/** 'simd' or 'scalar': a forced choice (?flavor=scalar in the page's query) or what the browser runs. */
export function chooseFlavor(requested = 'auto') {
  if (requested === 'scalar') return 'scalar';
  if (requested === 'simd') return simdSupported() ? 'simd' : 'scalar';
  return simdSupported() ? 'simd' : 'scalar';
}

function fromBase64(b64) {
  const bin = atob(b64.trim());
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => { s.remove(); resolve(); };
    s.onerror = () => { s.remove(); reject(new Error(`could not load ${src}`)); };
    document.head.appendChild(s);
  });
}

/** The module's bytes as an ArrayBuffer. */
export async function wasmBytes(flavor) {
  const block = document.getElementById(`lrplay-wasm-${flavor}`);
  if (block) return fromBase64(block.textContent);
  const opaque = self.origin === 'null';
  if ((location.protocol === 'http:' || location.protocol === 'https:') && !opaque) {
    let res = null;
    try { res = await fetch(`lrplay-${flavor}.wasm`); } catch { res = null; }
    if (res && res.ok) return res.arrayBuffer();
  }
  if (!self.LRPLAY_WASM?.[flavor]) await loadScript(`lrplay-wasm-${flavor}.js`);
  const b64 = self.LRPLAY_WASM?.[flavor];
  if (!b64) throw new Error(`lrplay-wasm-${flavor}.js did not provide the module`);
  return fromBase64(b64);
}
