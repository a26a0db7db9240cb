#!/usr/bin/env bash
# Make sure the local PostgreSQL and Redis servers are answering; start them if
# not, then wait (bounded) until they answer. Fails clearly otherwise.
#
# Environment knobs (all optional):
#   PGHOST / PGPORT        default 127.0.0.1 / 5432
#   PG_CLUSTER             Debian cluster name (default main); version = newest in /etc/postgresql
#   REDIS_HOST / REDIS_PORT  default 127.0.0.1 / 6379
#   SERVICE_WAIT_SECONDS   how long to wait for each service (default 30)
set -euo pipefail

log() { echo "[ensure-services] $*"; }
die() { echo "[ensure-services] ERROR: $*" >&2; exit 1; }

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PG_CLUSTER="${PG_CLUSTER:-main}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
WAIT="${SERVICE_WAIT_SECONDS:-30}"

pg_up() { pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2 >/dev/null 2>&1; }
redis_up() { [ "$(timeout 3 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

# wait_for NAME CHECK_FN: poll every 0.5 s for up to $WAIT seconds.
wait_for() {
  local name="$1" check="$2" deadline=$((SECONDS + WAIT))
  until "$check"; do
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 0.5
  done
  log "$name is answering"
}

# ---------------------------------------------------------------- PostgreSQL
command -v pg_isready >/dev/null || die "pg_isready not found: PostgreSQL client tools are not installed"
if pg_up; then
  log "PostgreSQL already answering on $PGHOST:$PGPORT"
else
  rc=0; pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2 >/dev/null 2>&1 || rc=$?
  if [ "$rc" -eq 1 ]; then
    log "PostgreSQL on $PGHOST:$PGPORT is starting up (rejecting connections); waiting"
  else
    command -v pg_ctlcluster >/dev/null || die "pg_ctlcluster not found: PostgreSQL server (Debian postgresql-common) is not installed"
    [ -d /etc/postgresql ] || die "no /etc/postgresql: no PostgreSQL cluster on this machine"
    PGV="$(ls /etc/postgresql | sort -V | tail -n1)"
    [ -n "$PGV" ] && [ -d "/etc/postgresql/$PGV/$PG_CLUSTER" ] || die "no cluster $PGV/$PG_CLUSTER under /etc/postgresql"
    log "PostgreSQL not answering on $PGHOST:$PGPORT; starting cluster $PGV/$PG_CLUSTER"
    timeout 60 pg_ctlcluster --skip-systemctl-redirect "$PGV" "$PG_CLUSTER" start \
      || log "pg_ctlcluster start returned non-zero (may already be running); waiting anyway"
  fi
  wait_for "PostgreSQL ($PGHOST:$PGPORT)" pg_up \
    || die "PostgreSQL did not answer on $PGHOST:$PGPORT within ${WAIT}s (see /var/log/postgresql/)"
fi

# ---------------------------------------------------------------------- Redis
command -v redis-cli >/dev/null || die "redis-cli not found: Redis is not installed"
if redis_up; then
  log "Redis already answering on $REDIS_HOST:$REDIS_PORT"
else
  command -v redis-server >/dev/null || die "redis-server not found: Redis server is not installed"
  log "Redis not answering on $REDIS_HOST:$REDIS_PORT; starting redis-server"
  rdir=/var/lib/redis; [ -d "$rdir" ] && [ -w "$rdir" ] || rdir=/tmp
  rlog=/var/log/redis/ci-$REDIS_PORT.log; [ -d /var/log/redis ] && [ -w /var/log/redis ] || rlog=/tmp/redis-ci-$REDIS_PORT.log
  timeout 30 redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" \
    --save "" --appendonly no --dir "$rdir" --logfile "$rlog" \
    --pidfile "/tmp/redis-$REDIS_PORT.pid" \
    || die "redis-server failed to start (see $rlog)"
  wait_for "Redis ($REDIS_HOST:$REDIS_PORT)" redis_up \
    || die "Redis did not answer on $REDIS_HOST:$REDIS_PORT within ${WAIT}s (see $rlog)"
fi

log "all services up"
