#!/usr/bin/env bash
# The quick start: installs what is missing, builds, applies migrations and serves on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (first run takes a few minutes)…"
  npm ci --no-audit --no-fund
fi
echo "Building…"
npm run build --silent
npm run serve --silent
