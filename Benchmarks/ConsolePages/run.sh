#!/usr/bin/env bash
# Server time of the console's pages and the API's lists with a large store: the release agent with DEVICES devices
# (ICMP to 127.0.0.1, polled every 10 minutes, labelled with 20 sites and 4 roles, each with a stored inventory as
# an SNMP device has) and an incident log seeded with INCIDENTS incidents over the past year
# (Benchmarks/ReportScale/seed.sql.sh), OPEN of them still open; plus one device with 1,000 series whose page draws
# 1,000 sparklines of 72 points.
#
# Usage: Benchmarks/ConsolePages/run.sh [DEVICES] [INCIDENTS] [REQUESTS]   (defaults: 10000 100000 200)
# For each page, REQUESTS sequential requests with an admin's API token over loopback (curl's time_total: from the
# connection to the last byte, which on loopback is the server's time plus well under a millisecond); prints
# p50, p90, p99 and max per page. Bounded: REQUESTS at most 2000, every wait at most 60 s; traffic stays on
# loopback; every process is stopped by PID on exit.
# Needs: sqlite3, curl, python3, and a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-10000}"
incidents="${2:-100000}"
requests="${3:-200}"
open=60
[ "$devices" -ge 100 ] && [ "$devices" -le 20000 ] || { echo "DEVICES must be 100..20000" >&2; exit 64; }
[ "$incidents" -ge 1000 ] && [ "$incidents" -le 1000000 ] || { echo "INCIDENTS must be 1000..1000000" >&2; exit 64; }
[ "$requests" -ge 10 ] && [ "$requests" -le 2000 ] || { echo "REQUESTS must be 10..2000" >&2; exit 64; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
start_work

port="$(free_port)"
mkdir -p "$work/alerts" "$work/data"
{
    echo "agent: {listen: 127.0.0.1:$port, data_dir: $work/data, default_interval: 600s, default_timeout: 2s,"
    echo "        history: {keep: 72s, step: 1s}}"
    echo "alerts_dir: alerts"
    echo "devices:"
    python3 - "$devices" <<'PY'
import sys
roles = ["pbx", "switch", "router", "server"]
for i in range(int(sys.argv[1])):
    print(f"  - {{name: dev-{i:05d}, labels: {{site: site-{i % 20:02d}, role: {roles[i % 4]}}}, "
          f"icmp: {{host: 127.0.0.1, packets: 1}}}}")
PY
    echo "  - {name: big-device, interval: 1s, timeout: 900ms, exec: {command: [$work/big-device.sh]}}"
} > "$work/vedetta.yaml"
# A device with 1,000 series (500 counters, 500 gauges, changing every second): its page shows 1,000 rows, each with
# a sparkline of 72 points once the agent has run for 72 s (history: 72 steps of 1 s, as full as 6 h in 5 min steps).
cat > "$work/big-device.sh" <<'SH'
#!/bin/sh
exec awk -v t="$(date +%s)" 'BEGIN { printf "OK |"; for (i = 1; i <= 500; i++) printf " p%04d_in=%dc p%04d_load=%d", i, t * 1000 * i, i, (t * 7 + i) % 100; print "" }'
SH
chmod +x "$work/big-device.sh"

# The schema comes from Vedetta itself (the admin and its token create the database); then the seed.
"$vedetta" users add bench --role admin --no-password --config "$work/vedetta.yaml" > /dev/null
token="$("$vedetta" users token bench --label benchmark --config "$work/vedetta.yaml" 2> /dev/null)"
end_ms=$(( $(date +%s) * 1000 ))
bash "$repo/Benchmarks/ReportScale/seed.sql.sh" "$incidents" "$devices" 20 "$end_ms" | sqlite3 "$work/data/vedetta.sqlite"
# Every device has a stored inventory (vendor, model, serial, firmware, two components), as SNMP devices do: the
# devices list shows each one's model.
python3 - "$devices" <<'PY' | sqlite3 "$work/data/vedetta.sqlite"
import json, sys
models = [("Cisco", "WS-C3560-24PS"), ("Juniper", "MX960"), ("ZTE", "ZXR10 5960"), ("APC", "Smart-UPS 3000")]
print("BEGIN;")
for i in range(int(sys.argv[1])):
    vendor, model = models[i % 4]
    data = {"device": f"dev-{i:05d}", "vendor": vendor, "model": model, "serial_number": f"SN{i:08d}",
            "firmware": "15.0(2)SE11", "sys_descr": f"{vendor} {model} running release 15.0(2)SE11",
            "sys_object_id": "1.3.6.1.4.1.9.1.563", "sys_name": f"dev-{i:05d}.example",
            "components": [{"name": "chassis", "serial_number": f"SN{i:08d}", "model": model},
                           {"name": "psu-1", "serial_number": f"PS{i:08d}"}]}
    text = json.dumps(data).replace("'", "''")
    print(f"INSERT INTO inventory (device, data, updated_at) VALUES ('dev-{i:05d}', '{text}', 0);")
print("COMMIT;")
PY
# The newest OPEN incidents are still open (the wallboard and the open list show them).
sqlite3 "$work/data/vedetta.sqlite" \
    "UPDATE incident SET restored_at = NULL WHERE id > $incidents - $open;
     DELETE FROM incident_event WHERE kind = 'restored' AND incident_id > $incidents - $open;"

"$vedetta" run --config "$work/vedetta.yaml" --log-level warning > "$work/vedetta.log" 2>&1 &
agent=$!
pids+=("$agent")
wait_http "http://127.0.0.1:$port/healthz"
sleep 75   # the first round of probes, and 72 s of the big device's history

echo "devices $devices, incidents $incidents ($open open), $requests requests per page, release build"
summarize() {  # PAGE: reads "code seconds" lines, prints the percentiles
    python3 -c '
import sys
page = sys.argv[1]
rows = [line.split() for line in sys.stdin]
bad = [code for code, _ in rows if code != "200"]
if bad:
    sys.exit(f"{page}: {len(bad)} answers were not 200 (first: {bad[0]})")
times = sorted(float(seconds) * 1000 for _, seconds in rows)
def pct(p):
    return times[min(len(times) - 1, max(0, round(p / 100 * len(times)) - 1))]
print(f"{page:46s} p50 {pct(50):7.1f} ms  p90 {pct(90):7.1f} ms  p99 {pct(99):7.1f} ms  max {times[-1]:7.1f} ms  (n={len(times)})")
' "$1"
}
measure() {  # PAGE COUNT PAUSE
    for _ in $(seq 1 "$2"); do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
            --max-time 60 "http://127.0.0.1:$port$1"
        sleep "$3"
    done | summarize "$1${4:-}"
}
# The wallboard is built at most once a second and shared by every screen: a request a second apart from the
# last one pays the whole build; requests within the second get the built board.
measure "/console/wallboard" $(( requests / 4 )) 1.05 " (built)"
measure "/console/wallboard" "$requests" 0 " (within 1 s)"
# The devices list's rows are built the same way: at most once a second, shared by every request.
measure "/console/devices" $(( requests / 4 )) 1.05 " (built)"
for page in "/console/devices" "/console/devices?site=site-03&role=pbx" "/console/devices/dev-00042" \
            "/console/incidents" "/console/incidents?state=all" "/console/incidents/$incidents" \
            "/console/devices/big-device" "/api/v1/devices/big-device/history" \
            "/api/v1/incidents?state=all&limit=200" "/api/v1/alerts"; do
    measure "$page" "$requests" 0
done
echo "agent RSS $(( $(rss_of "$agent") / 1024 )) MiB"
