#!/usr/bin/env bash
# The /metrics summary with many active alerts: what one scrape costs the agent when DEVICES devices each have two
# alerts (one firing, one pending), as after a site-wide outage. Prometheus scrapes the summary every interval
# whatever happens, so its cost must stay small when everything is down.
#
# Usage: Benchmarks/SummaryAlerts/run.sh [DEVICES] [SCRAPES]   (defaults: 5000 devices, 20 scrapes)
# The release `vedetta run` (or VEDETTA_BINARY) gets DEVICES HTTP devices pointing at a loopback port where nothing
# listens, checked once an hour (so only the first check runs: every device is down within seconds, and no check
# runs during the measurement), and two rules on `up == 0`: DeviceDown (fires at once) and DeviceDownLong (`for: 1h`,
# pending). When the summary holds 2 x DEVICES ALERTS series, SCRAPES scrapes of /metrics are made one after
# another; each one's agent CPU is read from /proc/PID/stat (clock ticks of 10 ms). Prints min / median / max per
# scrape and the summary's size. Everything is on 127.0.0.1; the agent is stopped by PID on exit.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-5000}"
scrapes="${2:-20}"
[ "$devices" -ge 1 ] && [ "$devices" -le 20000 ] || { echo "DEVICES must be 1..20000" >&2; exit 64; }
[ "$scrapes" -ge 1 ] && [ "$scrapes" -le 200 ] || { echo "SCRAPES must be 1..200" >&2; exit 64; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
start_work

closed=$(free_port)   # nothing listens there: every check is refused at once
port=$(free_port)
mkdir -p "$work/alerts" "$work/probes"
python3 - "$devices" "$closed" "$work" >"$work/vedetta.yaml" <<'PY'
import sys
devices, closed, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print(f"agent:\n  default_interval: 1h\n  default_timeout: 2s\nprobes_dir: {work}/probes\nalerts_dir: {work}/alerts\ndevices:")
for i in range(devices):
    print(f"  - name: dev-{i:05d}\n    labels: {{site: site-{i % 20:02d}, role: pbx}}\n"
          f"    http: {{url: \"http://127.0.0.1:{closed}/health/{i}\"}}")
PY
cat >"$work/alerts/down.yaml" <<'YAML'
rules:
  - alert: DeviceDown
    expr: up == 0
    severity: critical
    summary: "{{ $labels.device }} is down"
    description: "{{ $labels.device }} at {{ $labels.site }} does not answer"
  - alert: DeviceDownLong
    expr: up == 0
    for: 1h
    severity: warning
    summary: "{{ $labels.device }} has been down for an hour"
YAML
"$vedetta" check --config "$work/vedetta.yaml" >/dev/null
"$vedetta" run --config "$work/vedetta.yaml" --data "$work/data" --listen "127.0.0.1:$port" --log-level warning \
    2>>"$work/vedetta.log" &
agent=$!
pids+=("$agent")
wait_http "http://127.0.0.1:$port/healthz"
want=$((devices * 2))
for _ in $(seq 1 600); do   # up to 60 s for every device's first check
    have=$(curl -sf "http://127.0.0.1:$port/metrics" | grep -c '^ALERTS{' || true)
    [ "$have" -ge "$want" ] && break
    sleep 0.1
done
[ "$have" -ge "$want" ] || { echo "only $have of $want alerts after 60 s" >&2; exit 70; }

ticks=()
for _ in $(seq 1 "$scrapes"); do
    c0=$(cpu_of "$agent")
    curl -sf -o "$work/summary.txt" "http://127.0.0.1:$port/metrics"
    c1=$(cpu_of "$agent")
    ticks+=($((c1 - c0)))
done
bytes=$(wc -c <"$work/summary.txt")
python3 - "$(getconf CLK_TCK)" "$devices" "$want" "$bytes" "${ticks[@]}" <<'PY'
import statistics, sys
hz, devices, alerts, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ms = sorted(int(t) * 1000 / hz for t in sys.argv[5:])
print(f"{devices} devices, {alerts} ALERTS series, summary {size / 1e6:.2f} MB; agent CPU per /metrics scrape over "
      f"{len(ms)} scrapes: min {ms[0]:.0f} ms, median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms "
      f"({statistics.median(ms) * 1000 / alerts:.1f} us per alert)")
PY
