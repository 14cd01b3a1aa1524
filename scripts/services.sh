#!/usr/bin/env bash
# Installs (when missing) and starts the real services the standalone/federated tiers and their
# test suites need: PostgreSQL 15 with pgvector, and Redis 7 (or Valkey). Idempotent; fast when
# everything is already there. Run as root (CI and the dev machines are root).
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
log() { printf '[services] %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

apt_updated=0
apt_install() {
  if [ "$apt_updated" = "0" ]; then
    $SUDO apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_ready() { pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; }

# --- PostgreSQL ------------------------------------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/$PG_MAJOR" ]; then
  log "installing postgresql-$PG_MAJOR"
  apt_install "postgresql-$PG_MAJOR" postgresql-client-common
fi
if ! pg_ready; then
  log "starting postgresql $PG_MAJOR"
  if [ ! -d "/etc/postgresql/$PG_MAJOR/main" ]; then
    $SUDO pg_createcluster "$PG_MAJOR" main -p "$PG_PORT" >/dev/null
  fi
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start || true
  for _ in $(seq 1 50); do pg_ready && break; sleep 0.2; done
fi
pg_ready || { log "postgresql did not come up on 127.0.0.1:$PG_PORT"; exit 1; }

# trust auth for local TCP connections is what this machine ships; check we can connect as postgres.
if ! psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  log "cannot connect as postgres@127.0.0.1:$PG_PORT; configure trust or set DATABASE_URL with a password"
  exit 1
fi

# --- pgvector (built from Debian's own source package; not packaged for bookworm's PG 15) -----
if [ ! -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]; then
  log "building pgvector for PostgreSQL $PG_MAJOR from Debian's source package"
  apt_install "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev
  src_list=/etc/apt/sources.list.d/mosaic-trixie-src.list
  if [ ! -f "$src_list" ]; then
    echo "deb-src http://deb.debian.org/debian trixie main" | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -qq >/dev/null
  fi
  work=$(mktemp -d)
  (
    cd "$work"
    apt-get source -qq pgvector >/dev/null 2>&1 || apt-get source pgvector
    cd pgvector-*/
    make -s PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null
    $SUDO make -s install PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null
  )
  rm -rf "$work"
  # Keep the trixie source entry out of later binary upgrades: it is deb-src only, so harmless.
fi
log "pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "/usr/share/postgresql/$PG_MAJOR/extension/vector.control")"

# --- Redis / Valkey --------------------------------------------------------------------------
redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
if ! redis_ready; then
  if ! command -v redis-server >/dev/null 2>&1 && ! command -v valkey-server >/dev/null 2>&1; then
    log "installing redis-server"
    apt_install redis-server
  fi
  server=$(command -v valkey-server || command -v redis-server)
  log "starting $(basename "$server") on 127.0.0.1:$REDIS_PORT"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO "$server" --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/mosaic.log
  for _ in $(seq 1 50); do redis_ready && break; sleep 0.2; done
fi
redis_ready || { log "redis did not come up on 127.0.0.1:$REDIS_PORT"; exit 1; }

log "ready: postgres 127.0.0.1:$PG_PORT (pgvector), redis 127.0.0.1:$REDIS_PORT"
