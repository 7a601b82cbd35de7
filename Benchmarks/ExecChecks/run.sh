#!/usr/bin/env bash
# Nagios plugins as exec checks: what running one costs the agent, side by side with the same plugin run from a
# shell loop, and whether memory stays flat over 10,000 runs.
#
# Usage: Benchmarks/ExecChecks/run.sh [CHECKS_PER_MINUTE] [WINDOW] [MEMORY_RUNS]
#   (defaults: 1000 checks per minute, a 60-second window, 10000 runs for the memory phase)
# Phase 1: CHECKS_PER_MINUTE/10 devices, each with one exec check of Debian's check_dummy every 6 s
#   (= CHECKS_PER_MINUTE per minute), warmed up 15 s, then measured over WINDOW: the agent's own CPU (utime+stime)
#   and its plugins' CPU (cutime+cstime of the reaped children) per check, and the run's wall time
#   (probe_duration_seconds, spawn to reap).
# Phase 2: the same plugin run 1,000 times by a bash loop (fork + exec + wait each), its CPU (bash + plugins) and
#   wall time per run, in the same run of this script.
# Phase 3: 200 devices every 1 s until MEMORY_RUNS runs (bounded by 4 minutes): the agent's RSS after 1,000 runs
#   and then every 1,000 runs.
# No network traffic at all: the plugin answers from arguments; /metrics is scraped on 127.0.0.1. Every loop is
# bounded in count and time; every process is stopped by PID on exit.
# Needs: monitoring-plugins-basic (scripts/setup), curl, python3, and a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
per_minute="${1:-1000}"
window="${2:-60}"
memory_runs="${3:-10000}"
[ "$per_minute" -ge 100 ] && [ "$per_minute" -le 12000 ] || { echo "CHECKS_PER_MINUTE must be 100..12000" >&2; exit 64; }
[ "$window" -ge 30 ] && [ "$window" -le 600 ] || { echo "WINDOW must be 30..600 seconds" >&2; exit 64; }
[ "$memory_runs" -ge 2000 ] && [ "$memory_runs" -le 50000 ] || { echo "MEMORY_RUNS must be 2000..50000" >&2; exit 64; }
plugin=/usr/lib/nagios/plugins/check_dummy
[ -x "$plugin" ] || { echo "$plugin is missing: run scripts/setup" >&2; exit 69; }
args=(0 "OK - fine | time=0.001s;1;2;0 used=42%")

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

work="$(mktemp -d)"
pids=()
port=19480
cleanup() {
    local status=$?
    [ "$status" -eq 0 ] || { echo "failed ($status); vedetta's log:" >&2; tail -n 30 "$work/vedetta.log" >&2 || true; }
    for pid in "${pids[@]}"; do stop "$pid"; done
    rm -rf "$work"
}
trap cleanup EXIT

write_config() {  # FILE DEVICES INTERVAL
    python3 - "$1" "$2" "$3" "$plugin" "${args[@]}" <<'PY'
import json, sys
path, count, interval, plugin, *args = sys.argv[1:]
lines = ["agent:", f"  default_interval: {interval}", "  default_timeout: 900ms", "alerts_dir: alerts", "devices:"]
for i in range(int(count)):
    lines += [f"  - name: host-{i:05d}", "    exec:", f"      command: {json.dumps([plugin, *args])}"]
open(path, "w").write("\n".join(lines) + "\n")
PY
}
mkdir -p "$work/alerts"
cp "$repo/alerts/plugins.yaml" "$work/alerts/"
ticks() { awk '{ print $14 + $15, $16 + $17 }' "/proc/$1/stat"; }   # self, reaped children
rss_of() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }   # KiB
scrape() { curl -sf --max-time 30 -o "$1" "http://127.0.0.1:$port/metrics?all=1"; }
runs_in() { awk '/^vedetta_probe_runs_total\{/ && /kind="exec"/ { n += $2 } END { printf "%d", n }' "$1"; }
start_agent() {  # CONFIG DATA
    "$vedetta" run --config "$1" --data "$2" --listen "127.0.0.1:$port" --log-level warning 2>>"$work/vedetta.log" &
    agent_pid=$!
    pids+=("$agent_pid")
    for _ in $(seq 1 300); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
        kill -0 "$agent_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "vedetta did not start" >&2; exit 70
}

# --- phase 1: the agent at CHECKS_PER_MINUTE -------------------------------------------------------------------
devices=$((per_minute / 10))
write_config "$work/rate.yaml" "$devices" 6s
start_agent "$work/rate.yaml" "$work/rate-data"
sleep 15
scrape "$work/start.txt"
read -r self0 child0 < <(ticks "$agent_pid"); t0=$(now)
sleep "$window"
read -r self1 child1 < <(ticks "$agent_pid"); t1=$(now)
scrape "$work/end.txt"
runs=$(( $(runs_in "$work/end.txt") - $(runs_in "$work/start.txt") ))
grep '^probe_duration_seconds{' "$work/end.txt" | awk '{ print $2 }' >"$work/durations.txt"
failed=$(awk '/^vedetta_probe_runs_total\{/ && /kind="exec"/ && !/outcome="success"/ { n += $2 } END { printf "%d", n }' "$work/end.txt")
stop "$agent_pid"

# --- phase 2: the same plugin from a shell loop ---------------------------------------------------------------
python3 - "$plugin" "${args[@]}" >"$work/shell.txt" <<'PY'
import resource, subprocess, sys, time
plugin, *args = sys.argv[1:]
loop = 'for i in $(seq 1 1000); do "$0" "$@" >/dev/null; done'
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.monotonic()
subprocess.run(["bash", "-c", loop, plugin, *args], check=True)
wall = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(f"{cpu} {wall}")
PY
read -r shell_cpu shell_wall <"$work/shell.txt"

# --- phase 3: memory over MEMORY_RUNS runs --------------------------------------------------------------------
write_config "$work/memory.yaml" 200 1s
start_agent "$work/memory.yaml" "$work/memory-data"
memory_trace=()
next=1000
deadline=$(( $(date +%s) + 240 ))
while [ "$next" -le "$memory_runs" ] && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 0.5
    scrape "$work/memory.txt"
    done_runs=$(runs_in "$work/memory.txt")
    if [ "$done_runs" -ge "$next" ]; then
        memory_trace+=("$done_runs:$(rss_of "$agent_pid")")
        next=$((next + 1000))
    fi
done
stop "$agent_pid"

python3 - <<PY
hz = $(getconf CLK_TCK)
window = $t1 - $t0
runs, failed = $runs, $failed
self_cpu = ($self1 - $self0) / hz
plugin_cpu = ($child1 - $child0) / hz
durations = sorted(float(line) for line in open("$work/durations.txt"))
def pct(p): return durations[min(len(durations) - 1, int(p / 100 * len(durations)))]
shell_cpu, shell_wall = $shell_cpu, $shell_wall
per_check_total = (self_cpu + plugin_cpu) / runs
print(f"phase 1: {runs} exec checks in {window:.1f} s ({runs / window * 60:.0f} per minute, {failed} failed since start)")
print(f"  agent CPU (its own): {self_cpu:.2f} s = {self_cpu / window * 100:.2f} % of one core, {self_cpu / runs * 1000:.3f} ms per check")
print(f"  plugins' CPU (reaped children): {plugin_cpu:.2f} s, {plugin_cpu / runs * 1000:.3f} ms per check")
print(f"  total per check (agent + plugin): {per_check_total * 1000:.3f} ms")
print(f"  wall time per check, spawn to reap (probe_duration_seconds): p50 {pct(50) * 1000:.2f} ms, p99 {pct(99) * 1000:.2f} ms")
print(f"phase 2: bash loop, 1000 runs: {shell_cpu:.2f} s CPU = {shell_cpu:.3f} ms per run (bash + plugin), {shell_wall / 1000 * 1000:.2f} ms wall per run")
print(f"  ratio: the agent's total CPU per check is {per_check_total / (shell_cpu / 1000):.2f}x the shell loop's")
trace = [tuple(map(int, item.split(":"))) for item in "${memory_trace[*]}".split()]
print("phase 3: RSS by runs: " + ", ".join(f"{r}: {kib / 1024:.1f} MiB" for r, kib in trace))
if len(trace) >= 2:
    print(f"  from {trace[0][0]} to {trace[-1][0]} runs: {(trace[-1][1] - trace[0][1]) / 1024:+.1f} MiB")
PY
