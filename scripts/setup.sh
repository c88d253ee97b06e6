#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: Debian packages (compiler,
# CMake, cJSON, Emscripten; the three browser engines the page is tested in: chromium,
# firefox-esr, webkit2gtk-driver with its MiniBrowser, and xvfb to give MiniBrowser a display)
# and the npm packages pinned in package-lock.json (the drivers: playwright-core, puppeteer-core,
# selenium-webdriver; none of them downloads a browser).
# Safe to run again: it only installs what is not there.
#   LRP_NO_BROWSER=1   no browser at all (then the page tests cannot run)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v cc >/dev/null 2>&1 || need+=(build-essential)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
[ -f /usr/include/cjson/cJSON.h ] || need+=(libcjson-dev)
command -v emcc >/dev/null 2>&1 || need+=(emscripten)
if [ "${LRP_NO_BROWSER:-}" != 1 ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
  [ -x /usr/bin/WebKitWebDriver ] || need+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages: install from the lock file when node_modules is missing or older than it.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages from package-lock.json"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
