#!/usr/bin/env bash
# Install Debian's Chromium (for Playwright e2e tests) if it is not there yet.
# Idempotent; prints the browser's path. Never uses `playwright install`
# (this machine reaches no browser download host, only Debian and npm).
set -euo pipefail

log() { echo "[install-chromium] $*"; }
die() { echo "[install-chromium] ERROR: $*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive

path="$(command -v chromium || true)"
if [ -z "$path" ]; then
  [ "$(id -u)" -eq 0 ] || die "chromium is missing and we are not root; install Debian's 'chromium' package"

  # 'apt-get update' at most once per ~hour across our scripts (shared stamp).
  APT_STAMP=/tmp/.focusforge-apt-updated
  apt_update() {
    if [ "${1:-}" != "force" ] && [ -f "$APT_STAMP" ] && [ -n "$(find "$APT_STAMP" -mmin -60 2>/dev/null)" ]; then
      return 0
    fi
    log "apt-get update"
    timeout 300 apt-get update -qq -o Acquire::Retries=3 -o Acquire::http::Timeout=30
    touch "$APT_STAMP"
  }

  apt_update
  alog="$(mktemp)"
  log "apt-get install -y chromium"
  if ! timeout 900 apt-get install -y -q chromium >"$alog" 2>&1; then
    log "install failed; refreshing package lists and retrying"
    apt_update force
    timeout 900 apt-get install -y -q chromium >"$alog" 2>&1 \
      || { tail -n 40 "$alog" >&2; rm -f "$alog"; die "apt-get install chromium failed"; }
  fi
  grep -E '^[0-9]+ upgraded' "$alog" || true
  rm -f "$alog"
  path="$(command -v chromium || true)"
  [ -n "$path" ] || die "chromium still not on PATH after install"
fi

log "chromium: $path ($("$path" --version 2>/dev/null || echo 'version unknown'))"
