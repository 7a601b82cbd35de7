#!/usr/bin/env bash
# SNMP trap intake: the release `vedetta run` receiving bursts of SNMPv2c linkDown traps on loopback, then Debian's
# snmptrapd receiving the same bursts, one after the other in one run. Reports, for each receiver and each rate:
# the rate the sender reached, traps sent, traps counted, kernel drops (UDP receive-buffer overflows), CPU-seconds of the receiver's process per
# 1,000 traps (user+sys, above its idle rate) and the ratio snmptrapd / Vedetta; for Vedetta also its memory.
#
# Usage: Benchmarks/TrapIntake/run.sh [COUNT] [RATES]
#   (defaults: 20,000 traps per burst, RATES=2000,10000,40000 traps per second)
# What each receiver does with a trap: Vedetta decodes it, finds its device by source address (the one device of the
# configuration, 127.0.0.1), and runs it through the shipped alerts/snmp-traps.yaml (PortDownTrap: 20 ports, so 20
# incidents and then refreshes; the webhook-less outbox only records them). snmptrapd (`-f -On -Lf FILE`,
# `disableAuthorization yes`, `authCommunity log public`) decodes it and writes it to its log file, which is how
# the traps it took are counted.
# Traffic: trap_burst.py sends only to 127.0.0.1, paced in 10 ms chunks, bounded to 1,000,000 traps and 120 s; each
# process is stopped by PID on exit.
# Needs: snmptrapd (`snmptrapd` package, installed by scripts/setup), python3, curl, and a release build.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-20000}"
rates="${2:-2000,10000,40000}"
[ "$count" -ge 1000 ] && [ "$count" -le 1000000 ] || { echo "COUNT must be 1000..1000000" >&2; exit 64; }
[[ "$rates" =~ ^[0-9]+(,[0-9]+){0,5}$ ]] || { echo "RATES: up to 6 comma-separated rates" >&2; exit 64; }
snmptrapd_bin="$(command -v snmptrapd || echo /usr/sbin/snmptrapd)"
[ -x "$snmptrapd_bin" ] || { echo "snmptrapd is missing: run scripts/setup" >&2; exit 69; }
# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
burst="$repo/Tests/Fixtures/traps/trap_burst.py"
build="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"

start_work

rcvbuf_errors() { awk '$1 == "Udp:" { if (!c) { for (i = 2; i <= NF; i++) if ($i == "RcvbufErrors") c = i; next }
    print $c; exit }' /proc/net/snmp; }
ticks=$(getconf CLK_TCK)

measure() {  # NAME PID PORT RATE COUNTER: sends a burst, waits for the counter to settle; prints a result line
    local name="$1" pid="$2" port="$3" rate="$4" counter="$5" before after c0 c1 k0 k1 idle0 idle1 t0 t1 settled
    idle0=$(cpu_of "$pid"); sleep 2; idle1=$(cpu_of "$pid")   # its idle rate, ticks per 2 s
    before=$($counter); c0=$(cpu_of "$pid"); k0=$(rcvbuf_errors); t0=$(now)
    local achieved
    achieved=$(python3 "$burst" --port "$port" --count "$count" --rate "$rate" | awk '{ printf "%d", $2 / $4 }')
    after=$before
    for _ in $(seq 1 300); do   # up to 30 s for the receiver to take what is queued
        settled=$after; sleep 0.1; after=$($counter)
        [ "$after" -ge $((before + count)) ] && break
        [ "$after" -eq "$settled" ] && [ "$after" -gt "$before" ] && sleep 0.5 && [ "$($counter)" -eq "$after" ] && break
    done
    c1=$(cpu_of "$pid"); k1=$(rcvbuf_errors); t1=$(now)
    python3 - "$name" "$rate" "$count" "$((after - before))" "$((k1 - k0))" "$((c1 - c0))" "$((idle1 - idle0))" \
        "$t0" "$t1" "$ticks" "$(rss_of "$pid")" "$achieved" <<'PY'
import sys
name, rate, sent, counted, drops, cpu, idle, t0, t1, ticks, rss, achieved = sys.argv[1:]
wall = float(t1) - float(t0)
busy = max(0.0, int(cpu) / int(ticks) - int(idle) / int(ticks) / 2 * wall)
print(f"{name}|{rate}|{achieved}|{sent}|{counted}|{drops}|{busy:.3f}|{busy / int(sent) * 1e6:.1f}|{wall:.1f}|{rss}")
PY
}

# --- Vedetta -----------------------------------------------------------------------------------------------------
vport=$(free_port udp); hport=19491
mkdir -p "$work/alerts" "$work/probes"
cp "$repo/alerts/snmp-traps.yaml" "$work/alerts/"
cat >"$work/vedetta.yaml" <<YAML
probes_dir: $work/probes
alerts_dir: $work/alerts
traps:
  listen: [udp:127.0.0.1:$vport]
  communities: [public]
devices:
  - name: sw1
    interval: 1h
    timeout: 1s
    snmp: {address: 127.0.0.1:9, community: public}
YAML
"$vedetta" run --config "$work/vedetta.yaml" --data "$work/data" --listen "127.0.0.1:$hport" --log-level warning \
    2>"$work/vedetta.log" &
vpid=$!; pids+=("$vpid")
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$hport/healthz" && break; sleep 0.1; done
vedetta_counted() {
    curl -sf "http://127.0.0.1:$hport/metrics" | awk '/^vedetta_traps_received_total\{/ { n += $2 } END { printf "%d", n }'
}
[ "$(vedetta_counted)" -ge 0 ] || { echo "vedetta did not start" >&2; cat "$work/vedetta.log" >&2; exit 70; }

# --- snmptrapd ---------------------------------------------------------------------------------------------------
sport=$(free_port udp)
printf 'disableAuthorization yes\nauthCommunity log public\ndoNotRetainNotificationLogs yes\n' >"$work/snmptrapd.conf"
: >"$work/snmptrapd.log"
MIBS="" "$snmptrapd_bin" -f -On -C -c "$work/snmptrapd.conf" -Lf "$work/snmptrapd.log" -M /nonexistent \
    "udp:127.0.0.1:$sport" 2>"$work/snmptrapd.err" &
spid=$!; pids+=("$spid")
sleep 1
kill -0 "$spid" || { echo "snmptrapd did not start" >&2; cat "$work/snmptrapd.err" >&2; exit 70; }
snmptrapd_counted() { grep -c '1.3.6.1.6.3.1.1.5.3' "$work/snmptrapd.log" || true; }

echo "# Trap intake, $count-trap bursts of SNMPv2c linkDown, build $build, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "receiver|rate/s asked|rate/s sent|sent|counted|kernel drops|CPU-s above idle|CPU µs/trap|wall s|RSS KiB"
IFS=, read -ra rate_list <<<"$rates"
results=()
for rate in "${rate_list[@]}"; do
    v=$(measure vedetta "$vpid" "$vport" "$rate" vedetta_counted); echo "$v"
    s=$(measure snmptrapd "$spid" "$sport" "$rate" snmptrapd_counted); echo "$s"
    results+=("$rate $(cut -d'|' -f8 <<<"$v") $(cut -d'|' -f8 <<<"$s")")
done
echo "# CPU per trap, snmptrapd / Vedetta:"
for line in "${results[@]}"; do
    read -r rate vus sus <<<"$line"
    python3 -c "print(f'rate $rate/s: {float(\"$sus\") / max(float(\"$vus\"), 0.01):.2f}x')"
done
