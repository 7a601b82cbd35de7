#!/usr/bin/env bash
# Does reloading leak? One `vedetta run` with DEVICES HTTP devices (checked every 60 s at a closed loopback port,
# so polling adds nothing new) and two rules, reloaded ROUNDS times through `POST /api/v1/reload` with the files
# unchanged, then ROUNDS times with a rule's threshold changed each time (the rules compiled again and every device's
# evaluator replaced). Prints the agent's RSS every 10 reloads.
#
# Usage: Benchmarks/ConfigReload/memory.sh [DEVICES] [ROUNDS]   (defaults: 2000 devices, 80 reloads of each kind)
# Everything is on 127.0.0.1; the agent is stopped by PID on exit; every loop is bounded in count.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-2000}"
rounds="${2:-80}"
[ "$devices" -ge 1 ] && [ "$devices" -le 20000 ] || { echo "DEVICES must be 1..20000" >&2; exit 64; }
[ "$rounds" -ge 10 ] && [ "$rounds" -le 500 ] || { echo "ROUNDS must be 10..500" >&2; exit 64; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
start_work

closed=$(free_port)   # nothing listens there: every check fails at once
port=$(free_port)
mkdir -p "$work/alerts"
python3 - "$work/vedetta.yaml" "$devices" "$closed" <<'PY'
import sys
path, count, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = ["alerts_dir: alerts", "agent:", "  default_interval: 60s", "devices:"]
for i in range(count):
    lines += [f"  - name: web-{i:05d}", f"    http: {{url: \"http://127.0.0.1:{port}/\"}}"]
open(path, "w").write("\n".join(lines) + "\n")
PY
cat >"$work/alerts/web.yaml" <<'YAML'
rules:
  - alert: SlowCheck
    expr: probe_duration_seconds > 1
    severity: info
  - alert: SlowerAndSlower
    expr: rate(probe_duration_seconds[5m]) > 100
    severity: info
YAML
"$vedetta" users add bench --role admin --no-password --config "$work/vedetta.yaml" --data "$work/data" >/dev/null
token=$("$vedetta" users token bench --label memory --config "$work/vedetta.yaml" --data "$work/data" | tail -n 1)
"$vedetta" run --config "$work/vedetta.yaml" --data "$work/data" --listen "127.0.0.1:$port" --log-level warning \
    2>>"$work/vedetta.log" &
agent_pid=$!
pids+=("$agent_pid")
wait_http "http://127.0.0.1:$port/healthz"
sleep 10   # every device checked once
echo "$devices HTTP devices; RSS after start: $(( $(rss_of "$agent_pid") / 1024 )) MiB"
reload() {
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/reload" ||
        { echo "reload failed" >&2; exit 70; }
}
for kind in same rules; do
    line="$kind:"
    for round in $(seq 1 "$rounds"); do
        if [ "$kind" = rules ]; then sed -i "s/> [0-9]*$/> $((round + 100))/" "$work/alerts/web.yaml"; fi
        reload
        if [ $((round % 10)) -eq 0 ]; then line="$line $(( $(rss_of "$agent_pid") / 1024 ))"; fi
    done
    echo "$line (MiB, every 10 reloads)"
done
