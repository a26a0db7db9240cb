#!/usr/bin/env bash
# Installs the npm dependencies exactly as the committed package-lock.json says.
# npm ci refuses a lock that lacks platform-only optional packages (e.g. @next/swc-darwin-*), and this
# machine's registry does not serve those, so no lock made here can list them. Then install from the
# committed lock with npm install and prove the lock came through unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
if npm ci; then exit 0; fi
echo "install-deps: npm ci refused the lock (platform packages this registry lacks); installing from it with npm install"
rm -rf node_modules
npm install --no-audit --no-fund
git diff --exit-code -- package-lock.json
echo "install-deps: package-lock.json unchanged"
