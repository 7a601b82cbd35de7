#!/usr/bin/env bash
# Store throughput under an alert storm, SQLite and PostgreSQL side by side in one run: INCIDENTS incidents opened
# at once (8 writers), their notifications claimed and delivered (2 dispatchers), then restored; see main.swift.
# SQLite: a new file (WAL, synchronous=FULL, as the agent runs it). PostgreSQL: a throw-away server started here on
# 127.0.0.1 with the default durability (fsync on, synchronous_commit on), stopped by PID on exit.
# Usage (as root, for the postgres user): Benchmarks/StoreStorm/run.sh [INCIDENTS]   (default 10000, at most 100000)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-10000}"
[ "$count" -ge 100 ] && [ "$count" -le 100000 ] || { echo "INCIDENTS must be 100..100000" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: PostgreSQL runs as the postgres user" >&2; exit 77; }
# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
start_work
chmod 755 "$work"
(cd "$repo" && swift build -c release --product store-storm >/dev/null)
storm="$repo/.build/release/store-storm"
bin=/usr/lib/postgresql/15/bin

mkdir -p "$work/pg" && chown postgres "$work/pg"
echo "bench-password" >"$work/pg/password" && chown postgres "$work/pg/password"
setpriv --reuid=postgres --regid=postgres --init-groups -- "$bin/initdb" -D "$work/pg/data" -U vedetta \
    --auth=scram-sha-256 --pwfile="$work/pg/password" --no-locale -E UTF8 >/dev/null
pg_port=$(free_port)
setpriv --reuid=postgres --regid=postgres --init-groups -- "$bin/postgres" -D "$work/pg/data" -p "$pg_port" \
    -k "$work/pg" -c listen_addresses=127.0.0.1 >"$work/pg/log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do "$bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q && break; sleep 0.1; done
export PGPASSWORD=bench-password VEDETTA_POSTGRES_PASSWORD=bench-password
psql -h 127.0.0.1 -p "$pg_port" -U vedetta -d postgres -X -q -c "CREATE DATABASE storm"

echo "== SQLite (file, WAL, synchronous=FULL): $count incidents"
"$storm" "sqlite:$work/storm.sqlite" "$count"
echo "== PostgreSQL 15 (127.0.0.1, fsync on): $count incidents"
"$storm" "postgres://vedetta@127.0.0.1:$pg_port/storm?sslmode=disable" "$count"
