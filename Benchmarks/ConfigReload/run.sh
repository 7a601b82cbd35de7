#!/usr/bin/env bash
# Configuration reload at scale: one `vedetta run` polling DEVICES SNMP devices every 60 s (profiles system + if-mib,
# the shipped network rules), all answered by one real snmpd, reloaded through `POST /api/v1/reload` while it polls.
# Reports, for each kind of reload, the time until the API answered (the whole reload: files read and checked,
# every part applied) and the agent's CPU for it, and whether any poll failed meanwhile.
#
# Usage (as root): Benchmarks/ConfigReload/run.sh [DEVICES] [ROUNDS]
#   (defaults: 10000 devices, 5 reloads of each kind)
# Kinds of reload, each ROUNDS times, in this order:
#   same        the files unchanged
#   devices     100 devices removed and 100 others added (a new file each round)
#   rules       one rule's threshold changed (InterfaceErrors; the rules are compiled again and every device's
#               new evaluator reads its latest poll)
# Everything runs inside a network namespace created here: `lo` with a local route for 10.77.0.0/16, so that one
# snmpd listening on udp:161 answers every address 10.77.x.y. All traffic stays in the namespace. The namespace and
# every process are removed by PID on exit; every loop is bounded in count.
# Needs: snmpd, curl, python3, and a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-10000}"
rounds="${2:-5}"
interval=60
[ "$devices" -ge 200 ] && [ "$devices" -le 20000 ] || { echo "DEVICES must be 200..20000" >&2; exit 64; }
[ "$rounds" -ge 1 ] && [ "$rounds" -le 20 ] || { echo "ROUNDS must be 1..20" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: the benchmark creates a network namespace" >&2; exit 77; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

ns="vedetta-reload-$$"
work="$(mktemp -d)"
pids=()
cleanup() {
    local status=$?
    [ "$status" -eq 0 ] || { echo "failed ($status); vedetta's log:" >&2; tail -n 30 "$work/vedetta.log" >&2 || true; }
    for pid in "${pids[@]}"; do stop "$pid"; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

device_namespace

community=bench agent_port=19470
cat >"$work/snmpd.conf" <<CONF
rocommunity $community 10.77.0.0/16
sysName reload-device
CONF
mkdir -p "$work/persist"
MIBS="" MIBDIRS="$work" SNMP_PERSISTENT_DIR="$work/persist" SNMPCONFPATH="$work" \
    ip netns exec "$ns" /usr/sbin/snmpd -f -Lf "$work/snmpd.log" -C -c "$work/snmpd.conf" udp:161 &
pids+=("$!")
for _ in $(seq 1 100); do
    in_ns env MIBS="" snmpget -m "" -v2c -c "$community" -t 1 -r 0 10.77.1.1 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break
    sleep 0.1
done

mkdir -p "$work/probes" "$work/alerts" "$work/data"
cp "$repo/probes/system.yaml" "$repo/probes/if-mib.yaml" "$work/probes/"
cp "$repo/alerts/network.yaml" "$work/alerts/"
write_config() {  # FIRST: devices FIRST .. FIRST + DEVICES - 1
    python3 - "$work/vedetta.yaml" "$1" "$devices" "$work" "$community" <<'PY'
import sys
path, first, count, work, community = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
lines = [
    "agent:", "  default_interval: 60s", "  default_timeout: 10s",
    f"probes_dir: {work}/probes", f"alerts_dir: {work}/alerts", "devices:",
]
for i in range(first, first + count):
    lines += [
        f"  - name: dev-{i:05d}", "    labels: {site: reload}", "    snmp:",
        f"      address: 10.77.{1 + i // 250}.{1 + i % 250}:161", f"      community: {community}",
        "      profiles: [system, if-mib]",
    ]
open(path, "w").write("\n".join(lines) + "\n")
PY
}
write_config 0
"$vedetta" users add bench --role admin --no-password --config "$work/vedetta.yaml" --data "$work/data" >/dev/null
token=$("$vedetta" users token bench --label reload-benchmark --config "$work/vedetta.yaml" --data "$work/data" |
    tail -n 1)
ip netns exec "$ns" "$vedetta" run --config "$work/vedetta.yaml" --data "$work/data" \
    --listen "127.0.0.1:$agent_port" --log-level notice 2>>"$work/vedetta.log" >&2 &
agent_pid=$!
pids+=("$agent_pid")
for _ in $(seq 1 600); do
    in_ns curl -sf -o /dev/null "http://127.0.0.1:$agent_port/healthz" && break
    sleep 0.1
done
failed_polls() {
    in_ns curl -sf "http://127.0.0.1:$agent_port/metrics" |
        awk '/^vedetta_probe_runs_total\{/ && /kind="snmp"/ && !/outcome="success"/ { n += $2 } END { printf "%d", n }'
}
echo "warming up: every device polled once (one interval and 15 s)..." >&2
sleep $((interval + 15))
idle=$(idle_rate "$agent_pid")   # polling's own CPU rate, in clock ticks per second
failed_before=$(failed_polls)
rss=("before $(rss_of "$agent_pid")")

reload() {  # KIND: one POST /api/v1/reload; prints "KIND wall_ms cpu_ms"
    local c0 t0 c1 t1 answer
    c0=$(cpu_of "$agent_pid"); t0=$(now)
    answer=$(in_ns curl -s -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$agent_port/api/v1/reload")
    t1=$(now); c1=$(cpu_of "$agent_pid")
    grep -q '"applied" : true' <<<"$answer" || { echo "reload refused: $answer" >&2; exit 70; }
    python3 -c "
wall = $t1 - $t0
print('$1', round(wall * 1000), round((($c1 - $c0) - $idle * wall) / $(getconf CLK_TCK) * 1000))"
}
results=()
for _ in $(seq 1 "$rounds"); do results+=("$(reload same)"); sleep 2; done
rss+=("same $(rss_of "$agent_pid")")
for round in $(seq 1 "$rounds"); do
    write_config $((round * 100))   # the first 100 gone, 100 new at the end
    results+=("$(reload devices)")
    sleep 6   # the new devices' first polls
done
rss+=("devices $(rss_of "$agent_pid")")
for round in $(seq 1 "$rounds"); do
    # InterfaceErrors' threshold: 2, 3, ... errors per second
    sed -i "s/expr: rate(ifInErrors\[5m\]) > [0-9]*$/expr: rate(ifInErrors[5m]) > $((round + 1))/" \
        "$work/alerts/network.yaml"
    results+=("$(reload rules)")
    sleep 2
done
rss+=("rules $(rss_of "$agent_pid")")
sleep 5
failed_after=$(failed_polls)

python3 - "$devices" "$rounds" "$((failed_after - failed_before))" "${rss[*]}" "${results[@]}" <<'PY'
import statistics, sys
devices, rounds, failed, rss = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
rows = {}
for line in sys.argv[5:]:
    kind, wall, cpu = line.split()
    rows.setdefault(kind, []).append((int(wall), int(cpu)))
print(f"{devices} SNMP devices polled every 60 s; {rounds} reloads of each kind (POST /api/v1/reload)")
print(f"{'reload':<10} {'answer ms (median / max)':>26} {'CPU ms above polling (median / max)':>38}")
for kind, values in rows.items():
    walls, cpus = [w for w, _ in values], [c for _, c in values]
    print(f"{kind:<10} {statistics.median(walls):>15.0f} / {max(walls):<8} {statistics.median(cpus):>24.0f} / {max(cpus)}")
print(f"polls failed during the reloads: {failed}")
print("agent RSS: " + ", ".join(f"{rss[i]} {int(rss[i + 1]) // 1024} MiB" for i in range(0, len(rss), 2)))
PY
