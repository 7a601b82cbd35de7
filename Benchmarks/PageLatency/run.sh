#!/usr/bin/env bash
# Time from a device failing to its first page leaving Vedetta, on real parts: the release agent polls an HTTP
# device (a real HTTP server on 127.0.0.1) every INTERVAL seconds; a rule `up{probe="http"} == 0` without `for:`
# opens an incident; a webhook channel pages a second real HTTP server on 127.0.0.1.
#
# Usage: Benchmarks/PageLatency/run.sh [RUNS] [INTERVAL]   (defaults: 50 runs, a 5-second interval)
# Each run: wait a random 0..INTERVAL s (so the failure falls anywhere in the poll cycle), make the device answer
# 503, and time until the receiver has the OPENED page (polled every 10 ms); then make the device healthy again
# and wait for the RESTORED page before the next run. Prints p50, p90, p99 and max over the runs, and the goal
# (INTERVAL + 2 s). The probe's timeout is 1 s (500 ms for a 1-second interval). Every wait is bounded (30 s), the runs are bounded (at most 200); traffic stays on loopback;
# every process is stopped by PID on exit.
# Needs: python3, curl, and a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-50}"
interval="${2:-5}"
[ "$runs" -ge 5 ] && [ "$runs" -le 200 ] || { echo "RUNS must be 5..200" >&2; exit 64; }
[ "$interval" -ge 1 ] && [ "$interval" -le 60 ] || { echo "INTERVAL must be 1..60 seconds" >&2; exit 64; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

work="$(mktemp -d)"
pids=()
cleanup() {
    local status=$?
    [ "$status" -eq 0 ] || { echo "failed ($status); vedetta's log:" >&2; tail -n 30 "$work/vedetta.log" >&2 || true; }
    for pid in "${pids[@]}"; do stop "$pid"; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
device_port="$(free_port)"
receiver_port="$(free_port)"
agent_port="$(free_port)"
python3 -u "$repo/Tests/Fixtures/http/server.py" --port "$device_port" > "$work/device.log" 2>&1 &
pids+=($!)
python3 -u "$repo/Tests/Fixtures/http/server.py" --port "$receiver_port" > "$work/receiver.log" 2>&1 &
pids+=($!)

timeout=1s
[ "$interval" -ge 2 ] || timeout=500ms
mkdir -p "$work/alerts"
cat > "$work/alerts/page.yaml" <<YAML
rules:
  - alert: HTTPCheckDown
    expr: up{probe="http"} == 0
    flapping: false     # the runs fail and recover on purpose, dozens of times an hour
    severity: critical
    summary: "HTTP check of {{ \$labels.device }} fails"
YAML
cat > "$work/vedetta.yaml" <<YAML
agent:
  listen: 127.0.0.1:$agent_port
  data_dir: $work/data
  default_interval: ${interval}s
  default_timeout: $timeout
alerts_dir: alerts
devices:
  - name: crm-web
    http: {url: "http://127.0.0.1:$device_port/ok"}
notify:
  webhooks:
    - {name: pager, url: "http://127.0.0.1:$receiver_port/hook"}
YAML
"$vedetta" run --config "$work/vedetta.yaml" --log-level warning > "$work/vedetta.log" 2>&1 &
agent=$!
pids+=("$agent")
started=no
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$agent_port/healthz" > /dev/null && { started=yes; break; }
    kill -0 "$agent" 2> /dev/null || break
    sleep 0.1
done
[ "$started" = yes ] || { echo "the agent did not start" >&2; exit 1; }

python3 - "$runs" "$interval" "$device_port" "$receiver_port" <<'PY'
import json, random, statistics, sys, time, urllib.request

runs, interval, device, receiver = (int(a) for a in sys.argv[1:])

def call(port, method, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.read()

def pages(event):
    recorded = json.loads(call(receiver, "GET", "/_requests"))
    return sum(1 for r in recorded if json.loads(r["body"] or "{}").get("event") == event)

def wait_for(event, count, limit=30.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if pages(event) >= count:
            return time.monotonic()
        time.sleep(0.01)
    raise SystemExit(f"no {event} page #{count} within {limit:.0f} s")

time.sleep(2 * interval)   # the first polls: the device is healthy, nothing pages
latencies = []
for run in range(1, runs + 1):
    time.sleep(random.uniform(0, interval))
    started = time.monotonic()
    call(device, "POST", "/_fail/1000000")
    latencies.append(wait_for("opened", run) - started)
    call(device, "DELETE", "/_requests")     # healthy again
    wait_for("restored", run)

latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, max(0, round(p / 100 * len(latencies)) - 1))]
print(f"runs {runs}, interval {interval} s: failure to first page p50 {pct(50):.2f} s, p90 {pct(90):.2f} s, "
      f"p99 {pct(99):.2f} s, max {latencies[-1]:.2f} s, mean {statistics.mean(latencies):.2f} s "
      f"(goal: interval + 2 s = {interval + 2} s)")
print(f"the failure waits for the next poll: uniform over 0..{interval} s, mean {interval / 2:.1f} s; the rest is "
      f"the poll's own time (answer or 1 s timeout), rule evaluation, the incident and outbox write, and delivery")
PY
