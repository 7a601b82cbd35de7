#!/usr/bin/env bash
# Two agents on one PostgreSQL at scale: DEVICES SNMP devices (profiles system + if-mib, every 60 s, about 100
# varbinds a poll) split between two `vedetta run` processes by lease, all answered by one real snmpd, with a
# throw-away PostgreSQL 15 (default durability) as their store. After the split and one interval of warm-up,
# measures over WINDOW seconds: each agent's CPU (% of one core) and polls, PostgreSQL's CPU (the postmaster and its
# backends), and the write rate the cluster puts on the database (commits and rows written per second).
#
# Usage (as root): Benchmarks/ClusterScale/run.sh [DEVICES] [WINDOW]   (defaults: 10000 devices, 120 s)
# Everything runs inside a network namespace created here: four interfaces and a local route for 10.77.0.0/16, so that one
# snmpd on udp:161 answers every address 10.77.x.y, and PostgreSQL on the namespace's 127.0.0.1. Every process is
# stopped by PID and the namespace removed on exit; every loop is bounded in count.
# Needs: postgresql, snmpd, curl, python3, and a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-10000}"
window="${2:-120}"
interval=60
[ "$devices" -ge 20 ] && [ "$devices" -le 20000 ] || { echo "DEVICES must be 20..20000" >&2; exit 64; }
[ "$window" -ge 60 ] && [ "$window" -le 1800 ] || { echo "WINDOW must be 60..1800 seconds" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: the benchmark creates a network namespace" >&2; exit 77; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

ns="vedetta-cluster-$$"
work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
    local status=$?
    [ "$status" -eq 0 ] || { echo "failed ($status)" >&2; tail -n 20 "$work"/agent-*.log >&2 || true; }
    for pid in "${pids[@]}"; do stop "$pid"; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Four interfaces (lo, a veth pair, a bridge), as in Benchmarks/SNMPScale: about 100 varbinds a poll.
device_namespace four-interfaces

# snmpd answering every device.
printf 'rocommunity bench 10.77.0.0/16\nsysName cluster-device\n' >"$work/snmpd.conf"
mkdir -p "$work/persist"
MIBS="" SNMP_PERSISTENT_DIR="$work/persist" SNMPCONFPATH="$work" \
    ip netns exec "$ns" /usr/sbin/snmpd -f -Lf "$work/snmpd.log" -C -c "$work/snmpd.conf" udp:161 &
pids+=("$!")

# PostgreSQL in the namespace, default durability.
bin=/usr/lib/postgresql/15/bin
mkdir -p "$work/pg" && chown postgres "$work/pg"
echo "bench-password" >"$work/pg/password" && chown postgres "$work/pg/password"
setpriv --reuid=postgres --regid=postgres --init-groups -- "$bin/initdb" -D "$work/pg/data" -U vedetta \
    --auth=scram-sha-256 --pwfile="$work/pg/password" --no-locale -E UTF8 >/dev/null
ip netns exec "$ns" setpriv --reuid=postgres --regid=postgres --init-groups -- "$bin/postgres" -D "$work/pg/data" \
    -p 5432 -k "$work/pg" -c listen_addresses=127.0.0.1 >"$work/pg/log" 2>&1 &
pg_pid=$!
pids+=("$pg_pid")
export PGPASSWORD=bench-password
for _ in $(seq 1 100); do in_ns "$bin/pg_isready" -h 127.0.0.1 -p 5432 -q && break; sleep 0.1; done
sql() { in_ns psql -h 127.0.0.1 -p 5432 -U vedetta -d "${2:-vedetta}" -X -q -A -t -c "$1"; }
sql "CREATE DATABASE vedetta" postgres

mkdir -p "$work/probes" "$work/alerts"
cp "$repo/probes/system.yaml" "$repo/probes/if-mib.yaml" "$work/probes/"
cp "$repo/alerts/network.yaml" "$work/alerts/"
for agent in a b; do
    python3 - "$work/agent-$agent.yaml" "$agent" "$devices" "$work" <<'PY'
import sys
path, agent, count, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lines = [
    "agent:", f"  name: agent-{agent}", "  default_interval: 60s", "  default_timeout: 10s",
    f"probes_dir: {work}/probes", f"alerts_dir: {work}/alerts",
    "store:", "  postgres:", "    url: postgres://vedetta@127.0.0.1:5432/vedetta?sslmode=disable",
    f"    password_file: {work}/pg/password", "devices:",
]
for i in range(count):
    lines += [
        f"  - name: dev-{i:05d}", "    labels: {site: scale}", "    snmp:",
        f"      address: 10.77.{1 + i // 250}.{1 + i % 250}:161", "      community: bench",
        "      profiles: [system, if-mib]",
    ]
open(path, "w").write("\n".join(lines) + "\n")
PY
done
declare -A port pid
port[a]=19470 port[b]=19471
for agent in a b; do
    ip netns exec "$ns" "$vedetta" run --config "$work/agent-$agent.yaml" --data "$work/data-$agent" \
        --listen "127.0.0.1:${port[$agent]}" --log-level warning >>"$work/agent-$agent.log" 2>&1 &
    pid[$agent]=$!
    pids+=("${pid[$agent]}")
done
held() { sql "SELECT count(*) FROM device_lease WHERE owner = 'agent-$1' AND expires_at > (extract(epoch from clock_timestamp()) * 1000)::bigint"; }
for _ in $(seq 1 600); do
    ha=$(held a 2>/dev/null || echo 0) hb=$(held b 2>/dev/null || echo 0)
    [ "$ha" -gt 0 ] && [ "$hb" -gt 0 ] && [ $((ha + hb)) -eq "$devices" ] && break
    sleep 0.5
done
[ $(( $(held a) + $(held b) )) -eq "$devices" ] || { echo "the agents did not split the devices" >&2; exit 70; }
echo "devices: $devices, split agent-a $(held a) / agent-b $(held b); warming up for one interval"
sleep $((interval + 15))

runs() {  # AGENT: SNMP probe runs so far, successful and failed
    in_ns curl -sf --max-time 60 "http://127.0.0.1:${port[$1]}/metrics" | awk '/^vedetta_probe_runs_total\{/ && /kind="snmp"/ {
        if (/outcome="success"/) ok += $2; else bad += $2 } END { printf "%d %d", ok, bad }'
}
pg_cpu() {  # the postmaster and its backends, in clock ticks
    local total=0 p
    for p in "$pg_pid" $(pgrep -P "$pg_pid"); do total=$((total + $(cpu_of "$p" 2>/dev/null || echo 0))); done
    echo "$total"
}
pg_writes() { sql "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'vedetta'" | tr '|' ' '; }
read -r ok_a0 bad_a0 <<<"$(runs a)"
read -r ok_b0 bad_b0 <<<"$(runs b)"
read -r commits0 rows0 <<<"$(pg_writes)"
ca0=$(cpu_of "${pid[a]}") cb0=$(cpu_of "${pid[b]}") cp0=$(pg_cpu) t0=$(now)
sleep "$window"
ca1=$(cpu_of "${pid[a]}") cb1=$(cpu_of "${pid[b]}") cp1=$(pg_cpu) t1=$(now)
read -r commits1 rows1 <<<"$(pg_writes)"
read -r ok_a1 bad_a1 <<<"$(runs a)"
read -r ok_b1 bad_b1 <<<"$(runs b)"
python3 - <<PY
tick = $(getconf CLK_TCK)
wall = $t1 - $t0
def core(c0, c1): return 100 * (c1 - c0) / tick / wall
print(f"window: {wall:.0f} s")
for name, c0, c1, ok, bad in (("agent-a", $ca0, $ca1, $ok_a1 - $ok_a0, $bad_a1 - $bad_a0),
                              ("agent-b", $cb0, $cb1, $ok_b1 - $ok_b0, $bad_b1 - $bad_b0)):
    print(f"{name}: {core(c0, c1):.1f} % of one core, {ok * 60 / wall:.0f} polls/min ({bad} failed)")
print(f"postgresql: {core($cp0, $cp1):.1f} % of one core")
print(f"writes: {($commits1 - $commits0) / wall:.1f} commits/s, {($rows1 - $rows0) / wall:.1f} rows written/s")
PY
