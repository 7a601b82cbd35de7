#!/usr/bin/env bash
# HTTP checks: CPU per check of the release `vedetta run` against Debian's prometheus-blackbox-exporter (module
# http_2xx), both probing the same local HTTP server, one after the other in one run.
#
# Usage: Benchmarks/HTTPChecks/run.sh [CHECKS] [DEVICES]
#   (defaults: 1,000 checks each; Vedetta runs them as DEVICES=50 devices with `http: {url: …}` every second)
# Target: Tests/Fixtures/http/server.py on 127.0.0.1, answering `GET /ok` with 200 "ok" (its CPU is not counted).
# Vedetta: the devices' checks for CHECKS / DEVICES seconds; checks counted by vedetta_probe_runs_total{kind="http"}.
# blackbox_exporter 0.23 (`modules: {http_2xx: {prober: http, timeout: 5s}}`): CHECKS probes
# `/probe?module=http_2xx&target=…` sent by one Python client (its CPU is not counted either), twice: back to back,
# then DEVICES a second evenly spaced (the rate Vedetta checks at, and how a Prometheus scraping DEVICES targets every
# second sends them).
# CPU: user+sys of the prober's process (/proc/PID/stat) over the measured window, minus its idle rate over the
# same time (each measured for 10 s with nothing to do). Every connection is on loopback; every loop is bounded in
# count; each process is stopped by PID on exit.
# Needs: prometheus-blackbox-exporter (`scripts/setup --bench`), python3, curl, and a release build.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
checks="${1:-1000}"
devices="${2:-50}"
[ "$checks" -ge 100 ] && [ "$checks" -le 100000 ] || { echo "CHECKS must be 100..100000" >&2; exit 64; }
[ "$devices" -ge 1 ] && [ "$devices" -le 1000 ] || { echo "DEVICES must be 1..1000" >&2; exit 64; }
blackbox="$(command -v prometheus-blackbox-exporter)" ||
    { echo "prometheus-blackbox-exporter is missing: run scripts/setup --bench" >&2; exit 69; }
# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
build="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"

start_work

ticks=$(getconf CLK_TCK)

# --- the target ----------------------------------------------------------------------------------------------------
target_port=$(free_port)
python3 -u "$repo/Tests/Fixtures/http/server.py" --port "$target_port" 2>/dev/null &
pids+=($!)
target="http://127.0.0.1:$target_port/ok"
wait_http "$target"

# --- Vedetta -------------------------------------------------------------------------------------------------------
measure_agent_checks http "$checks" "$devices" "http: {url: \"$target\"}"

# --- blackbox_exporter ---------------------------------------------------------------------------------------------
bb_port=$(free_port)
printf 'modules:\n  http_2xx:\n    prober: http\n    timeout: 5s\n' >"$work/blackbox.yml"
"$blackbox" --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$bb_port" 2>"$work/blackbox.log" &
bpid=$!; pids+=("$bpid")
wait_http "http://127.0.0.1:$bb_port/metrics"
probe_url="http://127.0.0.1:$bb_port/probe?module=http_2xx&target=$target"
curl -sf "$probe_url" | grep -q '^probe_success 1' || { echo "blackbox probe fails" >&2; exit 70; }
bidle=$(idle_rate "$bpid")
# blackbox_run RATE: CHECKS probes, back to back (RATE 0) or RATE a second evenly spaced, as a Prometheus scraping
# RATE targets every second sends them. Sets bok (successful probes), bwall (s) and bcpu (ticks).
blackbox_run() {
    local c0 t0 c1 t1
    c0=$(cpu_of "$bpid"); t0=$(now)
    bok=$(python3 - "$probe_url" "$checks" "$1" <<'PY'
import sys, time, urllib.request
url, count, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
ok, start = 0, time.monotonic()
for i in range(count):
    if rate > 0:
        time.sleep(max(0.0, start + i / rate - time.monotonic()))
    with urllib.request.urlopen(url, timeout=10) as response:
        ok += b"\nprobe_success 1" in response.read()
print(ok)
PY
)
    c1=$(cpu_of "$bpid"); t1=$(now)
    bwall=$(python3 -c "print($t1 - $t0)"); bcpu=$((c1 - c0))
}
blackbox_run 0
bok0=$bok bwall0=$bwall bcpu0=$bcpu
blackbox_run "$devices"
bok1=$bok bwall1=$bwall bcpu1=$bcpu

python3 - <<PY
ticks = $ticks
v_runs, v_failed, v_wall, v_cpu = $agent_runs, $agent_failed, $agent_wall, $agent_cpu
v_ms = v_cpu / v_runs * 1000
print(f"# HTTP checks, build $build, $(date -u +%Y-%m-%dT%H:%MZ): GET {'$target'}")
print("prober|checks|failed|wall s|CPU-s above idle|CPU ms per check|ratio to Vedetta")
print(f"vedetta run ($devices devices, 1 s)|{v_runs}|{v_failed}|{v_wall:.1f}|{v_cpu:.3f}|{v_ms:.3f}|")
for label, ok, wall, cpu in [("back to back", $bok0, $bwall0, $bcpu0), ("$devices a second", $bok1, $bwall1, $bcpu1)]:
    b_cpu = max(0.0, cpu / ticks - $bidle / ticks * wall)
    b_ms = b_cpu / $checks * 1000
    print(f"blackbox_exporter http_2xx, {label}|{$checks}|{$checks - ok}|{wall:.1f}|{b_cpu:.3f}|{b_ms:.3f}|{b_ms / v_ms:.2f}x")
PY
