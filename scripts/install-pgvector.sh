#!/usr/bin/env bash
# Install the pgvector extension into the local PostgreSQL server (idempotent).
#
# Debian bookworm ships no pgvector package, so we build pgvector from Debian
# trixie's *source* package against postgresql-server-dev-$PGV. The trixie
# source is fetched through a private apt configuration (its own sources list
# and lists dir in a temp dir); the system's /etc/apt is never modified.
# Signatures are verified with the stock debian-archive-keyring, which on
# bookworm already carries the trixie release keys.
#
# Environment knobs (all optional):
#   PGVECTOR_MIRROR   Debian mirror for the trixie source (default http://deb.debian.org/debian)
#   PGVECTOR_SUITE    suite to take the source from (default trixie)
#   PGVECTOR_BUILD_ONLY=1  build in a temp dir but do not install (for testing)
#   PGHOST / PGPORT / PGUSER  server used for the check (default 127.0.0.1 / 5432 / postgres)
set -euo pipefail

log() { echo "[install-pgvector] $*"; }
die() { echo "[install-pgvector] ERROR: $*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER
MIRROR="${PGVECTOR_MIRROR:-http://deb.debian.org/debian}"
SUITE="${PGVECTOR_SUITE:-trixie}"
BUILD_ONLY="${PGVECTOR_BUILD_ONLY:-0}"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

[ "$(id -u)" -eq 0 ] || die "must run as root (apt-get / make install)"
[ -d /etc/postgresql ] || die "no /etc/postgresql: PostgreSQL server is not installed"
PGV="$(ls /etc/postgresql | sort -V | tail -n1)"
[ -n "$PGV" ] || die "no cluster version found in /etc/postgresql"
PG_CONFIG="/usr/lib/postgresql/$PGV/bin/pg_config"
EXT_DIR="/usr/share/postgresql/$PGV/extension"
LIB_DIR="/usr/lib/postgresql/$PGV/lib"

server_up() { pg_isready -q -h "$PGHOST" -p "$PGPORT" >/dev/null 2>&1; }

vector_available() {
  if server_up; then
    [ "$(psql -X -v ON_ERROR_STOP=1 -tAc "select 1 from pg_available_extensions where name='vector'" postgres 2>/dev/null)" = "1" ] \
      && [ -f "$LIB_DIR/vector.so" ]
  else
    [ -f "$EXT_DIR/vector.control" ] && [ -f "$LIB_DIR/vector.so" ]
  fi
}

verify_sql() {
  if ! server_up; then
    log "WARNING: PostgreSQL not answering on $PGHOST:$PGPORT; checked files only (run scripts/ensure-services.sh)"
    [ -f "$EXT_DIR/vector.control" ] && [ -f "$LIB_DIR/vector.so" ] || die "vector files missing after install"
    return 0
  fi
  local db="pgvector_check_$$"
  createdb "$db"
  local out rc=0
  out="$(psql -X -v ON_ERROR_STOP=1 -tA -d "$db" \
    -c "CREATE EXTENSION IF NOT EXISTS vector" \
    -c "SELECT extversion FROM pg_extension WHERE extname='vector'" \
    -c "SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector" 2>&1)" || rc=$?
  dropdb --if-exists "$db" >/dev/null || true
  [ "$rc" -eq 0 ] || die "CREATE EXTENSION vector failed: $out"
  log "verified: CREATE EXTENSION vector works (scratch db $db, dropped): $(echo "$out" | tr '\n' ' ')"
}

if [ "$BUILD_ONLY" != "1" ] && vector_available; then
  log "pgvector already available for PostgreSQL $PGV; nothing to do"
  exit 0
fi

# ---- apt helpers: 'apt-get update' at most once per ~hour across our scripts
APT_STAMP=/tmp/.focusforge-apt-updated
apt_update() {
  if [ "${1:-}" != "force" ] && [ -f "$APT_STAMP" ] && [ -n "$(find "$APT_STAMP" -mmin -60 2>/dev/null)" ]; then
    return 0
  fi
  log "apt-get update"
  timeout 300 apt-get update -qq -o Acquire::Retries=3 -o Acquire::http::Timeout=30
  touch "$APT_STAMP"
}
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  apt_update
  log "apt-get install -y ${missing[*]}"
  local alog; alog="$(mktemp)"
  if ! timeout 600 apt-get install -y -q --no-install-recommends "${missing[@]}" >"$alog" 2>&1; then
    log "install failed; refreshing package lists and retrying"
    apt_update force
    timeout 600 apt-get install -y -q --no-install-recommends "${missing[@]}" >"$alog" 2>&1 \
      || { tail -n 40 "$alog" >&2; rm -f "$alog"; die "apt-get install ${missing[*]} failed"; }
  fi
  grep -E '^(Setting up|[0-9]+ upgraded)' "$alog" | grep -E 'upgraded|'"$(IFS='|'; echo "${missing[*]}")" || true
  rm -f "$alog"
}

apt_install "postgresql-server-dev-$PGV" build-essential dpkg-dev debian-archive-keyring ca-certificates
[ -x "$PG_CONFIG" ] || die "$PG_CONFIG missing after installing postgresql-server-dev-$PGV"

# ---- fetch the trixie source package through a private apt configuration
WORK="$(mktemp -d /tmp/pgvector-build.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# _apt (apt's download sandbox user) must be able to write where it downloads.
chmod 755 "$WORK"
mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial" "$WORK/src"
if id _apt >/dev/null 2>&1; then chown -R _apt "$WORK/apt/lists/partial" "$WORK/src"; fi
SIGNED=""
[ -f "$KEYRING" ] && SIGNED="[signed-by=$KEYRING] "
echo "deb-src ${SIGNED}${MIRROR} ${SUITE} main" > "$WORK/apt/sources.list"
log "private apt source: $(cat "$WORK/apt/sources.list")"

APT_OPTS=(
  -o "Dir::Etc::SourceList=$WORK/apt/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$WORK/apt/lists"
  -o "Dir::Cache=$WORK/apt/cache"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  -o "Acquire::Languages=none"
  -o "Acquire::Retries=3"
  -o "Acquire::http::Timeout=30"
)
log "apt-get update (private lists, $SUITE deb-src only)"
timeout 300 apt-get "${APT_OPTS[@]}" update -qq
log "apt-get source pgvector ($SUITE)"
(cd "$WORK/src" && timeout 300 apt-get "${APT_OPTS[@]}" source -qq pgvector)

SRC_DIR="$(find "$WORK/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
[ -n "$SRC_DIR" ] && [ -f "$SRC_DIR/Makefile" ] || die "pgvector source tree not found in $WORK/src"
# The build runs as root; make sure the (possibly _apt-owned) tree is ours.
chown -R root:root "$SRC_DIR"
log "building $(basename "$SRC_DIR") against $("$PG_CONFIG" --version)"

# OPTFLAGS= drops pgvector's default -march=native so the .so stays portable
# if this machine's disk ends up on a different CPU.
(cd "$SRC_DIR" && make -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >"$WORK/build.log" 2>&1) \
  || { tail -n 40 "$WORK/build.log" >&2; die "pgvector build failed"; }
[ -f "$SRC_DIR/vector.so" ] || die "build produced no vector.so"
log "build ok: $SRC_DIR/vector.so"

if [ "$BUILD_ONLY" = "1" ]; then
  log "PGVECTOR_BUILD_ONLY=1: not installing; temp dir will be removed"
  exit 0
fi

(cd "$SRC_DIR" && make -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install >"$WORK/install.log" 2>&1) \
  || { tail -n 40 "$WORK/install.log" >&2; die "make install failed"; }
log "installed: $LIB_DIR/vector.so, $EXT_DIR/vector.control"

verify_sql
log "done"
