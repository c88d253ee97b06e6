#!/usr/bin/env bash
# Runs the two fuzzers:
#   1. fuzz_cli (fuzz/fuzz_cli.c): libFuzzer over the CLI's reading of specs and configs, under
#      ASan + UBSan, from the seed corpus fuzz/corpus/ with the dictionary fuzz/lrplay.dict;
#   2. the differential fuzzer (tests/node/fuzz-diff.test.mjs): random valid configs through
#      build/lrplay, build-scalar/lrplay and bin/lrplay.mjs --flavor simd|scalar, which must
#      print the same bytes; and 300 of libFuzzer's inputs (build-fuzz/corpus) as `spec` and
#      `config` through build/lrplay and bin/lrplay.mjs, which must read them alike.
# It builds what it runs (the CMake preset fuzz: build-fuzz/; the native and WebAssembly
# builds must exist for the differential part: scripts/native.sh, scripts/build.sh).
#
#   bash scripts/fuzz.sh                 about 10 minutes each, random seeds (printed)
#   bash scripts/fuzz.sh --quick         what npm test runs: fuzz_cli for at most 20 s, seed 1
#                                        (the differential part runs in the Node suite)
#   --time S      seconds of libFuzzer (default 600)     --configs N  configs to diff (default 400)
#   --seed S      seed of both (default: random)         --no-diff / --no-libfuzzer  one of them only
# New inputs go to build-fuzz/corpus/ (kept between runs); a crash, a sanitizer report, a
# broken promise of the CLI (see fuzz/fuzz_cli.c) or an input slower than 60 s (wall clock,
# generous: a loaded machine is slow) is saved under build-fuzz/artifacts/ and fails the
# script. To keep one as a regression test, copy it to fuzz/corpus/regress-<what>.json (and for
# a CLI refusal add it to tests/bad-input.json).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0 time=600 configs=400 seed="" diff=1 lf=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --time) time=$2; shift ;;
    --configs) configs=$2; shift ;;
    --seed) seed=$2; shift ;;
    --no-diff) diff=0 ;;
    --no-libfuzzer) lf=0 ;;
    *) echo "fuzz.sh: unknown argument '$1' (use --quick, --time S, --configs N, --seed S, --no-diff, --no-libfuzzer)" >&2; exit 2 ;;
  esac
  shift
done
if [ $quick = 1 ]; then
  time=20 diff=0 seed=${seed:-1}
fi
seed=${seed:-$(( (RANDOM << 15 | RANDOM) + 1 ))}

if [ $lf = 1 ]; then
  echo "== fuzz.sh: cmake --preset fuzz"
  cmake --preset fuzz --log-level=WARNING >/dev/null
  cmake --build --preset fuzz
  mkdir -p build-fuzz/artifacts
  if [ $quick = 1 ]; then
    work=$(mktemp -d)                     # npm test: the same inputs every time
    trap 'rm -rf "$work"' EXIT
    runs=(-runs=40000)
  else
    work=build-fuzz/corpus
    mkdir -p "$work"
    runs=()
  fi
  log=build-fuzz/fuzz-cli.log
  echo "== fuzz.sh: fuzz_cli for at most ${time}s, seed $seed (log: $log)"
  set +e
  build-fuzz/fuzz_cli -seed="$seed" -max_total_time="$time" "${runs[@]}" -timeout=60 -rss_limit_mb=2048 \
    -dict=fuzz/lrplay.dict -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 \
    "$work" fuzz/corpus >"$log" 2>&1
  rc=$?
  set -e
  grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|slowest_unit_time_sec|peak_rss_mb))' "$log" | sed 's/^/fuzz_cli: /'
  if [ $rc != 0 ]; then
    grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' "$log" | tail -40 >&2
    echo "fuzz.sh: fuzz_cli failed (exit $rc, seed $seed); the input is in build-fuzz/artifacts/" >&2
    exit 1
  fi
fi

if [ $diff = 1 ]; then
  echo "== fuzz.sh: differential, $configs configs, seed $seed"
  echo "   (reproduce one: LRP_FUZZ_SEED=$seed LRP_FUZZ_ONLY=<i> node --test tests/node/fuzz-diff.test.mjs)"
  corpus=()
  [ -d build-fuzz/corpus ] && corpus=(LRP_FUZZ_CORPUS=build-fuzz/corpus)   # and libFuzzer's inputs through both readers
  env "${corpus[@]}" LRP_FUZZ_SEED=$seed LRP_FUZZ_CONFIGS=$configs node --test tests/node/fuzz-diff.test.mjs
fi
