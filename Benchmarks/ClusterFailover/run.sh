#!/usr/bin/env bash
# Fail-over between two agents on one PostgreSQL: two `vedetta run` processes share DEVICES SNMP devices (one real
# snmpd on loopback answers them all, polled every 10 s) through a throw-away PostgreSQL server started here. Each
# round kills the agent that holds the most devices with `kill -9` and measures, from the kill, the time until the
# other agent holds every device's lease and the time until it has polled every device (`up{probe="snmp"} 1` in its
# /metrics for all of them); then the killed agent is started again and the devices split again before the next
# round. Prints each round and the median and maximum over the rounds.
#
# Usage (as root, for the postgres user): Benchmarks/ClusterFailover/run.sh [DEVICES] [ROUNDS]
#   (defaults: 200 devices, 10 rounds; the agents' defaults: agent.cluster_lease 15s, a beat every 5 s)
# Everything listens on 127.0.0.1; every process is stopped by PID on exit; every loop is bounded in count.
# Needs: postgresql (initdb, postgres, psql), snmpd, curl, python3, and a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-200}"
rounds="${2:-10}"
[ "$devices" -ge 2 ] && [ "$devices" -le 5000 ] || { echo "DEVICES must be 2..5000" >&2; exit 64; }
[ "$rounds" -ge 1 ] && [ "$rounds" -le 20 ] || { echo "ROUNDS must be 1..20" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: PostgreSQL runs as the postgres user" >&2; exit 77; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
start_work
chmod 755 "$work"
bin=/usr/lib/postgresql/15/bin

# PostgreSQL: a throw-away cluster, password authentication, durability off (the data is thrown away).
mkdir -p "$work/pg" && chown postgres "$work/pg"
echo "bench-password" >"$work/pg/password" && chown postgres "$work/pg/password"
setpriv --reuid=postgres --regid=postgres --init-groups -- "$bin/initdb" -D "$work/pg/data" -U vedetta \
    --auth=scram-sha-256 --pwfile="$work/pg/password" --no-locale -E UTF8 --no-sync >/dev/null
pg_port=$(free_port)
setpriv --reuid=postgres --regid=postgres --init-groups -- "$bin/postgres" -D "$work/pg/data" -p "$pg_port" \
    -k "$work/pg" -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off >"$work/pg/log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do "$bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q && break; sleep 0.1; done
export PGPASSWORD=bench-password
sql() { psql -h 127.0.0.1 -p "$pg_port" -U vedetta -d vedetta -X -q -A -t -c "$1"; }
psql -h 127.0.0.1 -p "$pg_port" -U vedetta -d postgres -X -q -c "CREATE DATABASE vedetta"

# One snmpd answering every device.
snmp_port=$(free_port udp)
printf 'rocommunity bench 127.0.0.1\nsysName failover-device\n' >"$work/snmpd.conf"
mkdir -p "$work/persist"
MIBS="" SNMP_PERSISTENT_DIR="$work/persist" SNMPCONFPATH="$work" \
    /usr/sbin/snmpd -f -Lf "$work/snmpd.log" -C -c "$work/snmpd.conf" "udp:127.0.0.1:$snmp_port" &
pids+=("$!")

mkdir -p "$work/probes" "$work/alerts"
cp "$repo/probes/system.yaml" "$work/probes/"
for agent in a b; do
    {
        printf 'agent:\n  name: agent-%s\n  default_interval: 10s\n  default_timeout: 2s\n' "$agent"
        printf 'probes_dir: %s/probes\nalerts_dir: %s/alerts\n' "$work" "$work"
        printf 'store:\n  postgres:\n    url: postgres://vedetta@127.0.0.1:%s/vedetta?sslmode=disable\n' "$pg_port"
        printf '    password_file: %s/pg/password\ndevices:\n' "$work"
        for i in $(seq 1 "$devices"); do
            printf '  - name: dev-%04d\n    snmp: {address: 127.0.0.1:%s, community: bench, retries: 0, profiles: [system]}\n' \
                "$i" "$snmp_port"
        done
    } >"$work/agent-$agent.yaml"
done
declare -A port pid
port[a]=$(free_port)
port[b]=$(free_port)
start_agent() {  # a|b
    "$vedetta" run --config "$work/agent-$1.yaml" --data "$work/data-$1" --listen "127.0.0.1:${port[$1]}" \
        >>"$work/agent-$1.log" 2>&1 &
    pid[$1]=$!
    pids+=("${pid[$1]}")
    wait_http "http://127.0.0.1:${port[$1]}/healthz"
}
held() { sql "SELECT count(*) FROM device_lease WHERE owner = 'agent-$1' AND expires_at > (extract(epoch from clock_timestamp()) * 1000)::bigint"; }
polled() {  # a|b: how many devices have up{probe="snmp"} 1 in its /metrics
    curl -sf "http://127.0.0.1:${port[$1]}/metrics?all=1" | grep -c '^up{.*probe="snmp".*} 1$' || true
}
wait_split() {  # both agents hold devices, every device held, each polls what it holds (up to 120 s)
    for _ in $(seq 1 600); do
        local ha hb
        ha=$(held a) hb=$(held b)
        if [ "$ha" -gt 0 ] && [ "$hb" -gt 0 ] && [ $((ha + hb)) -eq "$devices" ] \
            && [ "$(polled a)" -eq "$ha" ] && [ "$(polled b)" -eq "$hb" ]; then
            return 0
        fi
        sleep 0.2
    done
    echo "the agents did not split the devices within 120 s" >&2; exit 70
}

start_agent a
start_agent b
wait_split
echo "devices: $devices, split $(held a)/$(held b); rounds: $rounds"
results="$work/results"
: >"$results"
for round in $(seq 1 "$rounds"); do
    if [ "$(held a)" -ge "$(held b)" ]; then victim=a survivor=b; else victim=b survivor=a; fi
    lost=$(held "$victim")
    t0=$(now)
    kill -9 "${pid[$victim]}"
    wait "${pid[$victim]}" 2>/dev/null || true
    t_held="" t_polled=""
    for _ in $(seq 1 600); do
        if [ -z "$t_held" ] && [ "$(held "$survivor")" -eq "$devices" ]; then t_held=$(now); fi
        if [ -n "$t_held" ] && [ "$(polled "$survivor")" -eq "$devices" ]; then t_polled=$(now); break; fi
        sleep 0.2
    done
    [ -n "$t_polled" ] || { echo "round $round: agent-$survivor did not take over within 120 s" >&2; exit 70; }
    python3 -c "print(f'round $round: killed agent-$victim ($lost devices); agent-$survivor held all after {$t_held - $t0:.1f} s, polled all after {$t_polled - $t0:.1f} s')"
    python3 -c "print($t_held - $t0, $t_polled - $t0)" >>"$results"
    start_agent "$victim"
    wait_split
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
held, polled = [r[0] for r in rows], [r[1] for r in rows]
print(f"leases held by the survivor: median {statistics.median(held):.1f} s, max {max(held):.1f} s")
print(f"every device polled by the survivor: median {statistics.median(polled):.1f} s, max {max(polled):.1f} s")
PY
