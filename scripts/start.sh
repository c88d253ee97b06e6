#!/usr/bin/env bash
# npm start: builds the page (scripts/build.sh) and serves dist/ on 127.0.0.1, printing the URL.
#   PORT=8080 npm start    choose the port (default 8080; a taken port falls back to a free one)
#   LRP_NO_BUILD=1         serve dist/ as it is
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${LRP_NO_BUILD:-}" != 1 ]; then bash scripts/build.sh; fi
exec node scripts/serve.mjs dist --port "${PORT:-8080}"
