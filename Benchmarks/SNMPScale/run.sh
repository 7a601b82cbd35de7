#!/usr/bin/env bash
# SNMP polling at scale: one `vedetta run` polling DEVICES simulated devices every 60 s (profiles system + if-mib),
# all answered by one real snmpd. Reports vedetta's CPU (% of one core), memory per device, poll-latency percentiles
# and varbinds/s, snmpd's own CPU, and the extrapolation to 10,000 devices x 100 varbinds per minute.
#
# Usage (as root): Benchmarks/SNMPScale/run.sh [DEVICES] [WINDOW] [MAX_REPETITIONS]
#   (defaults: 1000 devices, a 180-second window, GETBULK max_repetitions 25 as in the device defaults)
# Everything runs inside a network namespace created here: `lo`, one veth pair and a bridge (4 interfaces), and a
# local route for 10.77.0.0/16, so that one snmpd listening on udp:161 answers every address 10.77.x.y; device i is
# 10.77.(1 + i / 250).(1 + i % 250). All traffic stays in the namespace. The namespace and every process are removed
# by PID on exit; every loop is bounded in count.
# Phases: a 10-device agent for the memory and CPU baseline (~75 s), then the DEVICES agent: a warm-up of one
# interval plus 15 s (every device polled once), then the measured window; about WINDOW + 150 s in all. After the
# window, the exposition: one /metrics?all=1 scrape (every device's samples), the /metrics summary, and 1,000
# per-device scrapes (/metrics/devices/NAME, as Prometheus with service discovery does), each with the agent's CPU.
# Needs: snmpd, the snmp tools, curl, python3, and a release build (built here if missing).
# With SCRAPE_DEVICES=1, the window also has every device's page (/metrics/devices/NAME) scraped once per interval,
# spread evenly, by one curl (keep-alive, --rate): the agent's CPU is then that of polling 10,000 devices for a
# Prometheus that scrapes each of them as a target (polls rendered as they arrive, plus the scrapes themselves).
# Profiling: with PERF_DIR=DIR set (and `perf` installed), `perf record -g` samples the agent over the window
# (DIR/window.data) and over five extra full-dump scrapes after it (DIR/full-dump.data); the figures above are
# then skewed by perf's own cost, so profile and measure in separate runs.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-1000}"
window="${2:-180}"
max_repetitions="${3:-25}"
small=10
interval=60
[ "$devices" -ge 20 ] && [ "$devices" -le 20000 ] || { echo "DEVICES must be 20..20000" >&2; exit 64; }
[ "$window" -ge 60 ] && [ "$window" -le 1800 ] || { echo "WINDOW must be 60..1800 seconds" >&2; exit 64; }
[ "$max_repetitions" -ge 1 ] && [ "$max_repetitions" -le 100 ] || { echo "MAX_REPETITIONS: 1..100" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: the benchmark creates a network namespace" >&2; exit 77; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

ns="vedetta-scale-$$"
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

# --- the namespace: 4 interfaces, every 10.77.0.0/16 address local ------------------------------------------------
device_namespace four-interfaces

community=bench agent_port=19470
cat >"$work/snmpd.conf" <<CONF
rocommunity $community 10.77.0.0/16
sysName scale-device
CONF
mkdir -p "$work/persist"
MIBS="" MIBDIRS="$work" SNMP_PERSISTENT_DIR="$work/persist" SNMPCONFPATH="$work" \
    ip netns exec "$ns" /usr/sbin/snmpd -f -Lf "$work/snmpd.log" -C -c "$work/snmpd.conf" udp:161 &
snmpd_pid=$!
pids+=("$snmpd_pid")
address() { echo "10.77.$((1 + $1 / 250)).$((1 + $1 % 250))"; }
snmp() {  # COMMAND [OPTIONS...] OID, against the last device
    local cmd="$1" oid="${*: -1}"
    shift
    in_ns env MIBS="" "$cmd" -m "" -v2c -c "$community" -t 5 -r 1 "${@:1:$#-1}" "$(address $((devices - 1)))" "$oid"
}
for _ in $(seq 1 100); do snmp snmpget 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break; sleep 0.1; done
if_number=$(snmp snmpget -Oqv 1.3.6.1.2.1.2.1.0)

# Useful varbinds per poll: the profiles' scalars the agent has, plus the rows of each column.
mkdir -p "$work/probes" "$work/alerts"
cp "$repo/probes/system.yaml" "$repo/probes/if-mib.yaml" "$work/probes/"
cp "$repo/alerts/network.yaml" "$work/alerts/"
walk_count() { snmp snmpbulkwalk -On -Cr25 "$1" | grep -vc "No more variables left" || true; }
scalars=$(awk '$1 == "oid:" { print $2 }' "$work/probes/system.yaml")
# shellcheck disable=SC2086 # one argument per OID
varbinds=$(in_ns env MIBS="" snmpget -m "" -v2c -c "$community" -On "$(address 0)" $scalars |
    grep -vc "No Such" || true)
for oid in $(awk '$1 == "oid:" { print $2 }' "$work/probes/if-mib.yaml"); do
    varbinds=$((varbinds + $(walk_count "$oid")))
done

write_config() {  # FILE COUNT
    python3 - "$1" "$2" "$work" "$community" "$max_repetitions" <<'PY'
import sys
path, count, work, community, repetitions = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
lines = [
    "agent:", "  default_interval: 60s", "  default_timeout: 10s",
    f"probes_dir: {work}/probes", f"alerts_dir: {work}/alerts", "devices:",
]
for i in range(count):
    lines += [
        f"  - name: dev-{i:05d}", "    labels: {site: scale}", "    snmp:",
        f"      address: 10.77.{1 + i // 250}.{1 + i % 250}:161", f"      community: {community}",
        f"      max_repetitions: {repetitions}", "      profiles: [system, if-mib]",
    ]
open(path, "w").write("\n".join(lines) + "\n")
PY
}
cpu_of() {  # PID: utime+stime in clock ticks; fails when the process has gone
    [ -r "/proc/$1/stat" ] || { echo "process $1 exited" >&2; exit 70; }
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}
rss_of() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }   # KiB
scrape() {  # FILE: the agent's /metrics with every device's samples
    in_ns curl -sf --max-time 60 -o "$1" "http://127.0.0.1:$agent_port/metrics?all=1"
}
summary() {  # FILE: the agent's /metrics summary (its own metrics, poll counters included). The polls are counted
             # from it up to the window's end: a scrape of device samples makes the agent render each poll as it
             # arrives for the next 10 minutes (docs/prometheus.md), which is the cost of a Prometheus scraping
             # every device, not of polling (docs/prometheus.md, "What it costs").
    in_ns curl -sf --max-time 60 -o "$1" "http://127.0.0.1:$agent_port/metrics"
}
runs_in() {  # FILE [success|failed]: SNMP probe runs counted in a scrape
    awk -v want="${2:-all}" '/^vedetta_probe_runs_total\{/ && /kind="snmp"/ {
        ok = /outcome="success"/
        if (want == "all" || (want == "success" && ok) || (want == "failed" && !ok)) n += $2
    } END { printf "%d", n }' "$1"
}
start_agent() {  # CONFIG DATA -> sets agent_pid; waits up to 60 s for /healthz
    ip netns exec "$ns" "$vedetta" run --config "$1" --data "$2" --listen "127.0.0.1:$agent_port" \
        --log-level warning 2>>"$work/vedetta.log" >&2 &
    agent_pid=$!
    pids+=("$agent_pid")
    for _ in $(seq 1 600); do
        in_ns curl -sf -o /dev/null "http://127.0.0.1:$agent_port/healthz" && return 0
        kill -0 "$agent_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "vedetta did not start:" >&2; cat "$work/vedetta.log" >&2; exit 70
}
warm_up() {  # COUNT: every device is first polled within one interval of start (stable phase offsets)
    sleep 15   # start-up done; the CPU rate over the next interval (one poll of each device) is warm_rate
    local c0 t0 runs
    c0=$(cpu_of "$agent_pid"); t0=$(now)
    sleep "$interval"
    warm_rate=$(python3 -c "print(($(cpu_of "$agent_pid") - $c0) / $(getconf CLK_TCK) / ($(now) - $t0))")
    warm_rss=$(rss_of "$agent_pid")   # before any /metrics scrape, which allocates a lot at once
    summary "$work/warm.txt"
    runs=$(runs_in "$work/warm.txt")
    [ "$runs" -ge "$1" ] || { echo "only $runs polls of $1 devices after one interval" >&2; exit 70; }
}
in_packets() { snmp snmpget -Oqv 1.3.6.1.2.1.11.1.0; }   # snmpd's snmpInPkts

# --- baseline: a small agent, same configuration otherwise --------------------------------------------------------
write_config "$work/small.yaml" "$small"
mkdir -p "$work/small-data" "$work/data"
start_agent "$work/small.yaml" "$work/small-data"
warm_up "$small"
rss_small=$warm_rss
cpu_small=$warm_rate
stop "$agent_pid"

# --- the measured agent --------------------------------------------------------------------------------------------
write_config "$work/scale.yaml" "$devices"
start_agent "$work/scale.yaml" "$work/data"
warm_up "$devices"
rss_warm=$warm_rss
# The poll counters in a scrape are as of its start (a scrape at 1,000 devices takes tens of seconds), so polls and
# snmpd's packets are counted between the starts of two scrapes, and CPU over the window between the scrapes.
m0=$(now); p0=$(in_packets)
summary "$work/start.txt"
c0=$(cpu_of "$agent_pid"); s0=$(cpu_of "$snmpd_pid"); t0=$(now)
rss_trace=()
profile() {  # NAME COMMAND...: with PERF_DIR set, perf-records the agent while COMMAND runs
    if [ -z "${PERF_DIR:-}" ]; then "${@:2}"; return; fi
    mkdir -p "$PERF_DIR"
    perf record -q -F 999 -g -p "$agent_pid" -o "$PERF_DIR/$1.data" 2>/dev/null &
    local perf_pid=$!
    "${@:2}"
    kill -INT "$perf_pid"; wait "$perf_pid" || true
}
scraper_pid=""
if [ "${SCRAPE_DEVICES:-0}" = 1 ]; then   # every device once per interval, for the window (bounded: rounds x devices)
    python3 - "$devices" $(( (window + interval - 1) / interval )) "http://127.0.0.1:$agent_port" \
        >"$work/window-urls.txt" <<'PY'
import sys
devices, rounds, base = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for _ in range(rounds):
    for i in range(devices):
        print(f"url = \"{base}/metrics/devices/dev-{i:05d}\"\noutput = \"/dev/null\"")
PY
    in_ns curl -sf --rate "$((devices * 60 / interval))/m" -K "$work/window-urls.txt" &
    scraper_pid=$!
    pids+=("$scraper_pid")
fi
window_profile=""
if [ -n "${PERF_DIR:-}" ]; then profile window sleep "$window" & window_profile=$!; fi
for _ in $(seq 1 $((window / 15))); do   # RSS every 15 s over the window
    sleep 15
    rss_trace+=("$(rss_of "$agent_pid")")
done
sleep $((window % 15))
[ -z "$scraper_pid" ] || kill "$scraper_pid" 2>/dev/null || true
c1=$(cpu_of "$agent_pid"); s1=$(cpu_of "$snmpd_pid"); t1=$(now)
p1=$(in_packets); m1=$(now)
c2=$c1; t2=$m1
scrape "$work/end.txt"
c3=$(cpu_of "$agent_pid"); t3=$(now)
rss_scraped=$(rss_of "$agent_pid")
scrape_bytes=$(wc -c <"$work/end.txt")
# The default /metrics page (the summary), twice: the second is the one measured.
in_ns curl -sf --max-time 60 -o "$work/summary.txt" "http://127.0.0.1:$agent_port/metrics"
c4=$(cpu_of "$agent_pid"); t4=$(now)
in_ns curl -sf --max-time 60 -o "$work/summary.txt" "http://127.0.0.1:$agent_port/metrics"
c5=$(cpu_of "$agent_pid"); t5=$(now)
summary_bytes=$(wc -c <"$work/summary.txt")
# Per-device pages, as Prometheus scrapes them: 1,000 scrapes over the devices, one curl for all (keep-alive), so
# the agent's CPU per scrape is measured, not curl's start-up.
per_device=1000
python3 - "$devices" "$per_device" "http://127.0.0.1:$agent_port" >"$work/urls.txt" <<'PY'
import sys
devices, count, base = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for i in range(count):
    print(f"url = \"{base}/metrics/devices/dev-{(i * 7) % devices:05d}\"\noutput = \"/dev/null\"")
PY
c6=$(cpu_of "$agent_pid"); t6=$(now)
in_ns curl -sf --max-time 120 -K "$work/urls.txt"
c7=$(cpu_of "$agent_pid"); t7=$(now)
if [ -n "${PERF_DIR:-}" ]; then
    wait "$window_profile"   # the window's recording
    full_dumps() { for _ in 1 2 3 4 5; do scrape "$work/profiled.txt"; done; }
    profile full-dump full_dumps
fi
device_bytes=$(in_ns curl -sf "http://127.0.0.1:$agent_port/metrics/devices/dev-00000" | wc -c)

python3 - "$work/start.txt" "$work/end.txt" <<PY
import sys
hz = $(getconf CLK_TCK)
devices, small, window_s, varbinds = $devices, $small, $t1 - $t0, $varbinds
rss_trace = [$(IFS=,; echo "${rss_trace[*]}")]
def runs(path, want):
    total = 0.0
    for line in open(path):
        if line.startswith("vedetta_probe_runs_total{") and 'kind="snmp"' in line:
            ok = 'outcome="success"' in line
            if want == "all" or (want == "success") == ok:
                total += float(line.rsplit(" ", 1)[1])
    return total
def durations(path):
    return [float(line.rsplit(" ", 1)[1]) for line in open(path)
            if line.startswith("probe_duration_seconds{") and 'probe="snmp"' in line]
start, end = sys.argv[1], sys.argv[2]
between = $m1 - $m0   # seconds between the two scrapes' starts
polls = runs(end, "all") - runs(start, "all")
failed = runs(end, "failed") - runs(start, "failed")
poll_rate = polls / between
latencies = sorted(durations(end))   # the latest poll of every device, at the end of the window
def pct(p):
    return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]
cpu = ($c1 - $c0) / hz / window_s
snmpd_cpu = ($s1 - $s0) / hz / window_s
rate = poll_rate * varbinds
requests = ($p1 - $p0 - 1) / polls if polls else float("nan")
per_device_kib = ($rss_warm - $rss_small) / (devices - small)
goal_rate = 10_000 * 100 / 60
projected = cpu * goal_rate / rate if rate else float("nan")
# The small agent's rate is mostly fixed cost (rules, timers); the rest grows with the varbinds polled.
marginal = (cpu - $cpu_small) / (rate - rate * small / devices) if rate else float("nan")
projected_marginal = $cpu_small + marginal * goal_rate
mib = lambda kib: kib / 1024
print(f"devices {devices} (snmpd ifNumber $if_number), interval ${interval} s, max_repetitions $max_repetitions, "
      f"window {window_s:.0f} s, {varbinds} useful varbinds per poll")
print(f"polls: {polls:.0f} in {between:.0f} s ({poll_rate * 60:.0f}/min, {devices * 60 / $interval:.0f} scheduled; "
      f"failed: {failed:.0f}); varbinds/s: {rate:.0f}; SNMP requests per poll (snmpd snmpInPkts): {requests:.1f}")
if "${SCRAPE_DEVICES:-0}" == "1":
    print(f"every device's page scraped once per interval during the window (SCRAPE_DEVICES=1)")
print(f"vedetta CPU: {cpu * 100:.2f} % of one core ({$cpu_small * 100:.2f} % with {small} devices), "
      f"{cpu / rate * 1000:.4f} CPU-s per 1,000 useful varbinds; snmpd CPU: {snmpd_cpu * 100:.2f} % of one core")
print(f"vedetta RSS: {mib($rss_small):.1f} MiB at {small} devices, {mib($rss_warm):.1f} MiB at {devices} after "
      f"warm-up (per device: {per_device_kib:.1f} KiB); over the window (every 15 s, after one /metrics scrape): "
      + ", ".join(f"{mib(r):.0f}" for r in rss_trace) + " MiB")
print(f"poll latency over {len(latencies)} polls (probe_duration_seconds): p50 {pct(50) * 1000:.1f} ms, "
      f"p90 {pct(90) * 1000:.1f} ms, p99 {pct(99) * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms")
print(f"one /metrics?all=1 scrape (every device's samples) at {devices} devices (after the window): "
      f"$scrape_bytes bytes in {$t3 - $t2:.2f} s, {($c3 - $c2) / hz:.2f} CPU-s; RSS afterwards "
      f"{mib($rss_scraped):.0f} MiB")
from collections import Counter
families = Counter(line.split("{")[0].split(" ")[0] for line in open("$work/summary.txt") if not line.startswith("#"))
print("the summary's largest families: " + ", ".join(f"{name} {count}" for name, count in families.most_common(4)))
alerts = Counter(line.split('alertname="')[1].split('"')[0] + " " + line.split('alertstate="')[1].split('"')[0]
                 for line in open("$work/summary.txt") if line.startswith("ALERTS{") and 'alertstate="' in line)
if alerts:
    print("alerts in the summary: " + ", ".join(f"{name} {count}" for name, count in alerts.most_common(6)))
print(f"one /metrics scrape (the summary): $summary_bytes bytes in {($t5 - $t4) * 1000:.0f} ms, "
      f"{($c5 - $c4) / hz * 1000:.0f} ms CPU (clock ticks of {1000 / hz:.0f} ms)")
print(f"{$per_device} /metrics/devices/NAME scrapes ($device_bytes bytes each) in {$t7 - $t6:.2f} s: "
      f"{($c7 - $c6) / hz / $per_device * 1000:.3f} ms CPU per scrape")
print(f"extrapolated to 10,000 devices x 100 varbinds/min ({goal_rate:.0f} varbinds/s, goal: at most 25 % of one "
      f"core): {projected * 100:.1f} % scaling all CPU, {projected_marginal * 100:.1f} % scaling only the CPU above "
      f"the {small}-device agent; {mib($rss_small + per_device_kib * (10_000 - small)) / 1024:.2f} GiB RSS")
PY
