#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: Debian packages (compiler,
# CMake, cJSON, Emscripten, clang with libFuzzer; the three browser engines the page is tested in: chromium,
# firefox-esr, webkit2gtk-driver with its MiniBrowser, and xvfb to give MiniBrowser a display)
# and the npm packages pinned in package-lock.json (the drivers: playwright-core, puppeteer-core,
# selenium-webdriver; none of them downloads a browser), and PyTorch with NumPy and scikit-learn
# for the /usr/bin/python3 the snippet and replay tests run.
# Safe to run again: it only installs what is not there.
#   LRP_NO_BROWSER=1   no browser at all (then the page tests cannot run)
#   LRP_NO_TORCH=1     no PyTorch (tests/node/snippets-torch.test.mjs then skips itself)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cc >/dev/null 2>&1 || need+=(build-essential)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
[ -f /usr/include/cjson/cJSON.h ] || need+=(libcjson-dev)
command -v emcc >/dev/null 2>&1 || need+=(emscripten)
# clang with libFuzzer for the fuzz target (scripts/fuzz.sh): a one-line target must link
command -v clang >/dev/null 2>&1 || need+=(clang)
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return 0; }\n' |
  clang -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1 || need+=(libclang-rt-dev)
if [ "${LRP_NO_BROWSER:-}" != 1 ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
  [ -x /usr/bin/WebKitWebDriver ] || need+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
fi
# Debian's own interpreter, called by path: a python3 earlier on PATH may be another one.
if [ "${LRP_NO_TORCH:-}" != 1 ]; then
  for m in torch:python3-torch numpy:python3-numpy sklearn:python3-sklearn; do
    /usr/bin/python3 -c "import ${m%%:*}" >/dev/null 2>&1 || need+=("${m#*:}")
  done
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages: install from the lock file when node_modules is missing or older than it.
# A node_modules that is a symbolic link is an install shared with other checkouts: npm ci
# would empty the folder it points to (every checkout's) before reinstalling, so it is left
# alone, with a note when it looks older than this lock file.
if [ -L node_modules ]; then
  if [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: node_modules links to a shared install older than package-lock.json; not reinstalling it" >&2
  fi
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages from package-lock.json"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
