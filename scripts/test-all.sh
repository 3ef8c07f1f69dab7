#!/usr/bin/env bash
# Runs every test: unit and integration (vitest), then the browser tests (Playwright on Debian's chromium).
# Ends with one line "N passed, N failed" summing all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium; install it (apt-get install chromium) or set CHROMIUM_PATH." >&2; exit 1; }
fi

[ -d node_modules ] || npm ci
mkdir -p reports
rm -f reports/vitest.json reports/e2e.json

npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
vitest_status=$?

echo "Building the app for the browser tests…"
npm run build --silent >reports/build.log 2>&1 || { cat reports/build.log; echo "0 passed, 1 failed"; exit 1; }

npx playwright test
playwright_status=$?

node scripts/summarize-tests.mjs reports/vitest.json reports/e2e.json
summary_status=$?
[ $vitest_status -eq 0 ] && [ $playwright_status -eq 0 ] && [ $summary_status -eq 0 ]
