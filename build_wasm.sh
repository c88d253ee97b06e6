#!/usr/bin/env bash
# Builds the lrplay core (c_src/*.c) to WebAssembly twice from the same sources, through the
# CMake presets wasm-simd and wasm-scalar (CMakeLists.txt holds the flags, the sources and
# the rule that c_src/*_scalar.c are compiled without auto-vectorization):
#   build-wasm/lrplay-simd.wasm    -msimd128 (the kernels' SIMD128 paths)
#   build-wasm/lrplay-scalar.wasm  no SIMD (the scalar reference paths)
# Both are standalone reactor modules (--no-entry -sSTANDALONE_WASM) instantiated by our
# own small loader, web/js/core.js; Emscripten's generated JS loader is not used. They
# export exactly the functions lrplay.h marks LRP_API, plus malloc and free.
#
# Environment:
#   EMCC   the compiler (default: emcc on PATH; Debian's emscripten is installed
#          through scripts/setup.sh when missing)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
OUT=$ROOT/build-wasm

# --- the toolchain -------------------------------------------------------------------
if ! command -v "${EMCC:-emcc}" >/dev/null 2>&1; then
  echo "build_wasm: emcc not found; installing Debian's emscripten (scripts/setup.sh)"
  LRP_NO_BROWSER=1 bash scripts/setup.sh
fi
EMCC=${EMCC:-emcc}
# Debian's emscripten 3.1.6 runs its JS tools with node and needs the Debian node modules.
if [ -d /usr/share/nodejs ]; then
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
fi
mkdir -p "$OUT"

# Debian ships a prebuilt, frozen system-library cache in /usr/share/emscripten/cache.
# If a probe link fails with it (cache missing or not readable/writable for this user),
# switch to a writable cache under build-wasm/ seeded from the system one.
probe() {
  local d; d=$(mktemp -d)
  printf 'int lrp_probe(int x){return x+1;}\n' > "$d/p.c"
  "$EMCC" -O2 --no-entry -sSTANDALONE_WASM -sEXPORTED_FUNCTIONS=_lrp_probe,_malloc,_free \
    "$d/p.c" -o "$d/p.wasm" >"$d/log" 2>&1
  local rc=$?
  [ $rc = 0 ] || cat "$d/log" >&2
  rm -rf "$d"
  return $rc
}
if [ -z "${EM_CACHE:-}" ] && ! probe; then
  echo "build_wasm: the default Emscripten cache did not work; using $OUT/em-cache"
  export EM_CACHE=$OUT/em-cache
  export EM_FROZEN_CACHE=0
  if [ ! -d "$EM_CACHE" ]; then
    sys_cache=$(dirname "$(readlink -f "$(command -v "$EMCC")")")/cache
    [ -d "$sys_cache" ] || sys_cache=/usr/share/emscripten/cache
    # a tree of symlinks to the prebuilt libraries (no copy of ~750 MB); new files land here
    if [ -d "$sys_cache" ]; then cp -rs "$sys_cache" "$EM_CACHE" && rm -f "$EM_CACHE/cache.lock"
    else mkdir -p "$EM_CACHE"; fi
  fi
  probe || { echo "build_wasm: emcc cannot link a trivial module" >&2; exit 1; }
fi

# --- build ---------------------------------------------------------------------------
# Flags, sources and exports live in CMakeLists.txt (the presets wasm-simd and wasm-scalar,
# CMakePresets.json): the sources are c_src/*.c, the exports the functions lrplay.h marks
# LRP_API plus malloc and free.
EMCC_ARG=()
[ "$EMCC" = emcc ] || EMCC_ARG=(-DCMAKE_C_COMPILER="$EMCC")
for flavor in simd scalar; do
  echo "build_wasm: cmake --preset wasm-$flavor"
  cmake --preset "wasm-$flavor" --log-level=WARNING ${EMCC_ARG[@]+"${EMCC_ARG[@]}"} >/dev/null
  cmake --build --preset "wasm-$flavor"
done

# --- report --------------------------------------------------------------------------
# Sizes, the imports each module needs (the loader provides exactly these), and checks
# that each module runs, reports the kernels it was built with, and exports malloc, free
# and every function that c_src/ marks LRP_API (one declared but never defined is not
# exported: the loader would fail on it later, so it fails here), and that lrplay.h (and the
# c_src/ headers it includes) declares no function without LRP_API.
node --input-type=module -e '
import { readFileSync, readdirSync } from "node:fs";
let bad = 0;
const api = new Set();
for (const f of readdirSync("c_src").filter((n) => /\.[ch]$/.test(n)))
  for (const [, name] of readFileSync("c_src/" + f, "utf8").matchAll(/^LRP_API\b[^;{(]*?\b(lrp_\w+)\s*\(/gm)) api.add(name);
// a public declaration without LRP_API would silently stay unexported (lrplay.h and the
// headers it includes from c_src/, e.g. lrplay_data.h)
const pub = ["lrplay.h"];
for (const [, h] of readFileSync("c_src/lrplay.h", "utf8").matchAll(/^#include "(\w+\.h)"/gm)) pub.push(h);
for (const h of pub)
  for (const line of readFileSync("c_src/" + h, "utf8").split("\n"))
    if (/^[A-Za-z_][^#(]*\blrp_\w+\s*\(/.test(line) && !/^(LRP_API|typedef)\b/.test(line)) {
      console.error(`build_wasm: c_src/${h}: a public function without LRP_API: ${line}`); bad = 1;
    }
for (const [f, want] of [["simd", "simd128"], ["scalar", "scalar"]]) {
  const path = process.argv[1] + "/lrplay-" + f + ".wasm";
  const bytes = readFileSync(path);
  const m = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(m);
  const env = {};
  for (const i of imports) (env[i.module] ??= {})[i.name] = () => { throw new Error("called " + i.name); };
  const x = new WebAssembly.Instance(m, env).exports;
  x._initialize?.();
  const p = x.lrp_build_flavor(), h = new Uint8Array(x.memory.buffer);
  let e = p; while (h[e]) e++;
  const got = new TextDecoder().decode(h.subarray(p, e));
  if (got !== want) { console.error(`build_wasm: ${path}: lrp_build_flavor() is ${got}, expected ${want}`); bad = 1; }
  const fns = new Set(WebAssembly.Module.exports(m).filter((x) => x.kind === "function").map((x) => x.name));
  const missing = [...api, "malloc", "free"].filter((n) => !fns.has(n));
  const extra = [...fns].filter((n) => n.startsWith("lrp_") && !api.has(n));
  if (missing.length) { console.error(`build_wasm: ${path}: not exported (LRP_API but not defined?): ${missing.join(" ")}`); bad = 1; }
  if (extra.length) { console.error(`build_wasm: ${path}: exported without LRP_API: ${extra.join(" ")}`); bad = 1; }
  console.log(`build_wasm: ${path.replace(process.cwd() + "/", "")}  ${bytes.length} bytes` +
              ` (${(bytes.length / 1024).toFixed(1)} KiB), ${WebAssembly.Module.exports(m).length} exports` +
              ` (${api.size} LRP_API),` +
              ` flavor ${got}, imports: ${imports.map((i) => i.module + "." + i.name).join(" ") || "none"}`);
}
process.exit(bad);' "$OUT"
