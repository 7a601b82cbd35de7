#!/usr/bin/env bash
# IF-MIB polling CPU: Debian's prometheus-snmp-exporter against the Vedetta agent, side by side, in one run, against
# one real snmpd with 57 interfaces. Reports each poller's CPU (user+sys of its process, idle rate subtracted) per
# 1,000 varbinds, and the ratio exporter / Vedetta.
#
# Usage (as root): Benchmarks/SNMPExporterComparison/run.sh [SCRAPES] [POLLS]   (defaults: 200 scrapes, 60 polls)
# Everything runs inside a network namespace created here (lo + 28 veth pairs = 57 interfaces); all traffic is to
# 127.0.0.1 inside it. The namespace and every process are removed by PID on exit. Loops are bounded in count.
# Needs: `scripts/setup --bench` (prometheus-snmp-exporter, curl) and a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/Benchmarks/SNMPExporterComparison"
scrapes="${1:-200}"
polls="${2:-60}"
[ "$scrapes" -ge 10 ] && [ "$scrapes" -le 5000 ] || { echo "SCRAPES must be 10..5000" >&2; exit 64; }
[ "$polls" -ge 10 ] && [ "$polls" -le 600 ] || { echo "POLLS must be 10..600" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: the benchmark creates a network namespace" >&2; exit 77; }
exporter_bin="$(command -v prometheus-snmp-exporter)" || { echo "run scripts/setup --bench first" >&2; exit 69; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

ns="vedetta-bench-$$"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do stop "$pid"; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- the namespace: lo + 28 veth pairs = 57 interfaces -------------------------------------------------------------
ip netns add "$ns"
in_ns ip link set lo up
for i in $(seq 1 28); do
    in_ns ip link add "port$((2 * i - 1))" type veth peer name "port$((2 * i))"
    in_ns ip link set "port$((2 * i - 1))" up
    in_ns ip link set "port$((2 * i))" up
done

snmp_port=16161 exporter_port=19116 agent_port=19470 idle_port=19471   # ports are private to the namespace
community=bench
cat >"$work/snmpd.conf" <<CONF
rocommunity $community 127.0.0.1
sysName bench-switch
CONF
mkdir -p "$work/persist"
MIBS="" MIBDIRS="$work" SNMP_PERSISTENT_DIR="$work/persist" SNMPCONFPATH="$work" \
    ip netns exec "$ns" /usr/sbin/snmpd -f -Lf "$work/snmpd.log" -C -c "$work/snmpd.conf" "udp:127.0.0.1:$snmp_port" &
pids+=($!)
snmp() {  # COMMAND [OPTIONS...] OID
    local cmd="$1" oid="${*: -1}"
    shift
    in_ns env MIBS="" "$cmd" -m "" -v2c -c "$community" -t 5 -r 1 "${@:1:$#-1}" "127.0.0.1:$snmp_port" "$oid"
}
for _ in $(seq 1 100); do snmp snmpget 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break; sleep 0.1; done
if_number=$(snmp snmpget -Oqv 1.3.6.1.2.1.2.1.0)
[ "$if_number" -eq 57 ] || { echo "snmpd reports ifNumber $if_number, expected 57" >&2; exit 70; }

wait_http() {  # URL: waits up to 20 s for an HTTP answer
    for _ in $(seq 1 200); do in_ns curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "no answer from $1" >&2; exit 70
}
# utime+stime of a process, in seconds.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
walk_count() { snmp snmpbulkwalk -On -Cr25 "$1" | grep -vc "No more variables left" || true; }

# --- prometheus-snmp-exporter --------------------------------------------------------------------------------------
python3 "$here/if_mib_snmp_yml.py" "$community" >"$work/snmp.yml"
ip netns exec "$ns" "$exporter_bin" --config.file="$work/snmp.yml" --web.listen-address="127.0.0.1:$exporter_port" \
    --log.level=warn 2>"$work/exporter.log" &
exporter_pid=$!
pids+=("$exporter_pid")
scrape_url="http://127.0.0.1:$exporter_port/snmp?target=127.0.0.1:$snmp_port&module=if_mib"
wait_http "http://127.0.0.1:$exporter_port/"
in_ns curl -sf "$scrape_url" >"$work/scrape.txt"
for _ in 1 2 3; do in_ns curl -sf -o /dev/null "$scrape_url"; done   # warm-up
exporter_varbinds=$(awk '/^snmp_scrape_pdus_returned /{ print $2 }' "$work/scrape.txt")
exporter_walked=$(( $(walk_count 1.3.6.1.2.1.2) + $(walk_count 1.3.6.1.2.1.31.1.1) + 1 ))
exporter_samples=$(grep -vc '^#' "$work/scrape.txt")
# Idle rate, then SCRAPES back-to-back scrapes (one curl each).
c0=$(cpu_of "$exporter_pid"); t0=$(now); sleep 10; c1=$(cpu_of "$exporter_pid"); t1=$(now)
exporter_idle_rate=$(python3 -c "print(($c1 - $c0) / ($t1 - $t0))")
c0=$(cpu_of "$exporter_pid"); t0=$(now)
for _ in $(seq 1 "$scrapes"); do in_ns curl -sf -o /dev/null "$scrape_url"; done
c1=$(cpu_of "$exporter_pid"); t1=$(now)
exporter_cpu=$(python3 -c "print($c1 - $c0)"); exporter_wall=$(python3 -c "print($t1 - $t0)")

# --- Vedetta -------------------------------------------------------------------------------------------------------
mkdir -p "$work/probes" "$work/idle-data" "$work/poll-data"
cp "$repo/probes/if-mib.yaml" "$work/probes/"
write_config() {  # FILE INTERVAL TIMEOUT [none]: the benchmark device, or no device at all
    cat >"$1" <<YAML
agent:
  default_interval: $2
  default_timeout: $3
probes_dir: $work/probes
alerts_dir: $repo/alerts
YAML
    if [ "${4:-}" = none ]; then echo "devices: []" >>"$1"; return; fi
    cat >>"$1" <<YAML
devices:
  - name: bench-switch
    labels: {site: bench, role: switch}
    snmp:
      address: 127.0.0.1:$snmp_port
      community: $community
      max_repetitions: 25
      profiles: [if-mib]
YAML
}
runs_of() {  # PORT: completed SNMP polls, from the agent's own /metrics
    in_ns curl -sf "http://127.0.0.1:$1/metrics" |
        awk '/^vedetta_probe_runs_total\{/ && /kind="snmp"/ { n += $2 } END { printf "%d", n }'
}
wait_runs() {  # PORT COUNT: waits up to 30 s for COUNT completed polls
    for _ in $(seq 1 300); do [ "$(runs_of "$1")" -ge "$2" ] && return 0; sleep 0.1; done
    echo "vedetta on port $1 did not complete $2 polls" >&2; exit 70
}
start_agent() {  # CONFIG DATA PORT -> sets agent_pid
    ip netns exec "$ns" "$vedetta" run --config "$1" --data "$2" --listen "127.0.0.1:$3" --log-level warning \
        2>>"$work/vedetta.log" >&2 &
    agent_pid=$!
    pids+=("$agent_pid")
    wait_http "http://127.0.0.1:$3/healthz"
}
vedetta_varbinds=0
for oid in $(awk '$1 == "oid:" { print $2 }' "$work/probes/if-mib.yaml"); do
    vedetta_varbinds=$((vedetta_varbinds + $(walk_count "$oid")))
done

# Idle agent: the same configuration (rules, HTTP listener, store) without the device; same window, same two reads
# of /metrics. Its CPU rate is the idle rate.
write_config "$work/idle.yaml" 1s 900ms none
start_agent "$work/idle.yaml" "$work/idle-data" "$idle_port"
idle_pid=$agent_pid
sleep 3
c0=$(cpu_of "$idle_pid"); t0=$(now); r0=$(runs_of "$idle_port")
sleep "$polls"
r1=$(runs_of "$idle_port"); c1=$(cpu_of "$idle_pid"); t1=$(now)
vedetta_idle_rate=$(python3 -c "print(($c1 - $c0) / ($t1 - $t0))")
stop "$idle_pid"

# Polling agent: every second; the window spans POLLS seconds, the completed polls are counted from /metrics.
write_config "$work/poll.yaml" 1s 900ms
start_agent "$work/poll.yaml" "$work/poll-data" "$agent_port"
poll_pid=$agent_pid
wait_runs "$agent_port" 3
c0=$(cpu_of "$poll_pid"); t0=$(now); r0=$(runs_of "$agent_port")
sleep "$polls"
r1=$(runs_of "$agent_port"); c1=$(cpu_of "$poll_pid"); t1=$(now)
vedetta_polls=$((r1 - r0))
vedetta_cpu=$(python3 -c "print($c1 - $c0)"); vedetta_wall=$(python3 -c "print($t1 - $t0)")
failed=$(in_ns curl -sf "http://127.0.0.1:$agent_port/metrics" |
    awk '/^vedetta_probe_runs_total\{/ && /kind="snmp"/ && !/outcome="success"/ { n += $2 } END { printf "%d", n }')

python3 - <<PY
scrapes, polls = $scrapes, $vedetta_polls
ev, ew, es = $exporter_varbinds, $exporter_walked, $exporter_samples
vv = $vedetta_varbinds
e_cpu = $exporter_cpu - $exporter_idle_rate * $exporter_wall
v_cpu = $vedetta_cpu - $vedetta_idle_rate * $vedetta_wall
e_k = e_cpu / scrapes / ev * 1000
v_k = v_cpu / polls / vv * 1000
print(f"snmpd: ifNumber $if_number; exporter: {scrapes} scrapes in {$exporter_wall:.1f} s; "
      f"vedetta: {polls} polls in {$vedetta_wall:.1f} s (failed polls since start: $failed)")
print(f"exporter varbinds/scrape: {ev} (snmp_scrape_pdus_returned; snmpbulkwalk of its walks + get: {ew}), "
      f"samples/scrape: {es}")
print(f"idle CPU rate subtracted: exporter {$exporter_idle_rate:.5f} s/s, vedetta {$vedetta_idle_rate:.5f} s/s")
print(f"{'poller':<28}{'varbinds/poll':>14}{'CPU/poll (s)':>14}{'CPU per 1,000 varbinds (s)':>28}")
print(f"{'prometheus-snmp-exporter':<28}{ev:>14}{e_cpu / scrapes:>14.5f}{e_k:>28.5f}")
print(f"{'vedetta run':<28}{vv:>14}{v_cpu / polls:>14.5f}{v_k:>28.5f}")
print(f"ratio exporter/vedetta per 1,000 varbinds: {e_k / v_k:.2f}")
PY
