#!/usr/bin/env bash
# Builds the lrplay core (c_src/*.c) to WebAssembly twice from the same sources:
#   build-wasm/lrplay-simd.wasm    -msimd128 (the kernels' SIMD128 paths)
#   build-wasm/lrplay-scalar.wasm  no SIMD (the scalar reference paths)
# Both are standalone reactor modules (--no-entry -sSTANDALONE_WASM) instantiated by our
# own small loader, web/js/core.js; Emscripten's generated JS loader is not used.
#
# Determinism flags as in CMakeLists.txt: -O3 -ffp-contract=off -fno-fast-math, no relaxed
# SIMD; c_src/*_scalar.c are compiled without auto-vectorization.
#
# Environment:
#   LRP_WASM_LENIENT=1  skip sources that do not compile and leave missing symbols as
#                       imports that throw when called (for working against a core that
#                       is still being written). Off by default: any problem fails the build.
#   EMCC                the compiler (default: emcc on PATH; Debian's emscripten is installed
#                       through scripts/setup.sh when missing)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
OUT=$ROOT/build-wasm
LENIENT=${LRP_WASM_LENIENT:-0}

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

# --- flags ---------------------------------------------------------------------------
CFLAGS=(-O3 -std=c11 -ffp-contract=off -fno-fast-math -fno-math-errno
        -Wall -Wextra -Wshadow -Wno-unused-parameter -Ic_src)
NOVEC=(-fno-vectorize -fno-slp-vectorize)
LDFLAGS=(-O3 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH=1
         -sINITIAL_MEMORY=4194304 -sTOTAL_STACK=1048576 -sFILESYSTEM=0)

# llvm-nm lists what the objects define (Debian: llvm-14 has the versioned name only).
NM=
for t in llvm-nm llvm-nm-14 /usr/lib/llvm-14/bin/llvm-nm emnm; do
  if command -v "$t" >/dev/null 2>&1; then NM=$t; break; fi
done
[ -n "$NM" ] || { echo "build_wasm: no llvm-nm found (it comes with emscripten's llvm)" >&2; exit 1; }

mapfile -t SOURCES < <(ls c_src/*.c)
[ ${#SOURCES[@]} -gt 0 ] || { echo "build_wasm: no sources in c_src/" >&2; exit 1; }

compile_flavor() {  # $1 = simd|scalar
  local flavor=$1 objdir=$OUT/obj-$1 extra=()
  [ "$flavor" = simd ] && extra=(-msimd128)
  rm -rf "$objdir"; mkdir -p "$objdir"
  local src obj pids=()
  for src in "${SOURCES[@]}"; do
    obj=$objdir/$(basename "${src%.c}").o
    local f=("${CFLAGS[@]}" "${extra[@]}")
    case $src in *_scalar.c) f+=("${NOVEC[@]}");; esac
    ( "$EMCC" "${f[@]}" -c "$src" -o "$obj" 2>"$obj.log" || { rm -f "$obj"; exit 1; } ) &
    pids+=($!)
    # two at a time: the machines this runs on are small
    if [ ${#pids[@]} -ge "$(nproc 2>/dev/null || echo 2)" ]; then wait_some; fi
  done
  wait_some
  local failed=0
  for src in "${SOURCES[@]}"; do
    obj=$objdir/$(basename "${src%.c}").o
    if [ -s "$obj.log" ]; then cat "$obj.log" >&2; fi
    if [ ! -f "$obj" ]; then
      if [ "$LENIENT" = 1 ]; then echo "build_wasm: [$flavor] skipping $src (does not compile)" >&2
      else echo "build_wasm: [$flavor] $src does not compile" >&2; failed=1; fi
    fi
  done
  return $failed
}
wait_some() { local p; for p in "${pids[@]}"; do wait "$p" || true; done; pids=(); }

link_flavor() {  # $1 = simd|scalar
  local flavor=$1 objdir=$OUT/obj-$1
  local objs=("$objdir"/*.o)
  # Export every lrp_ function the public header declares (plus the ABI helper) that
  # the objects define; one the header declares but no source defines is an error.
  local declared defined exports missing
  declared=$(grep -oE '\blrp_[a-z0-9_]+[[:space:]]*\(' c_src/lrplay.h | tr -d '( \t' | sort -u)
  declared=$(printf '%s\nlrp_abi_layout\n' "$declared" | sort -u)
  defined=$("$NM" --defined-only -g "${objs[@]}" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u)
  exports=$(comm -12 <(echo "$declared") <(echo "$defined"))
  missing=$(comm -23 <(echo "$declared") <(echo "$defined"))
  if [ -n "$missing" ]; then
    if [ "$LENIENT" = 1 ]; then
      echo "build_wasm: [$flavor] not exported (not defined yet): $(echo $missing)" >&2
    else
      echo "build_wasm: [$flavor] declared in lrplay.h but not defined: $(echo $missing)" >&2
      return 1
    fi
  fi
  local list="_malloc,_free"
  local s; for s in $exports; do list+=",_$s"; done
  local extra=()
  [ "$LENIENT" = 1 ] && extra=(-sERROR_ON_UNDEFINED_SYMBOLS=0 -Wno-undefined)
  local flags=("${LDFLAGS[@]}" "${extra[@]}")
  [ "$flavor" = simd ] && flags+=(-msimd128)
  "$EMCC" "${flags[@]}" -sEXPORTED_FUNCTIONS="$list" "${objs[@]}" -o "$OUT/lrplay-$flavor.wasm"
}

for flavor in simd scalar; do
  compile_flavor "$flavor"
  link_flavor "$flavor"
done

# --- report --------------------------------------------------------------------------
# Sizes, the imports each module needs (the loader provides exactly these), and a check
# that each module runs and reports the kernels it was built with.
node --input-type=module -e '
import { readFileSync } from "node:fs";
let bad = 0;
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
  console.log(`build_wasm: ${path.replace(process.cwd() + "/", "")}  ${bytes.length} bytes` +
              ` (${(bytes.length / 1024).toFixed(1)} KiB), ${WebAssembly.Module.exports(m).length} exports,` +
              ` flavor ${got}, imports: ${imports.map((i) => i.module + "." + i.name).join(" ") || "none"}`);
}
process.exit(bad);' "$OUT"
