#!/usr/bin/env bash
# SIP OPTIONS checks: CPU per check of the release `vedetta run` against Debian's sipsak, both asking the same local
# Kamailio, one after the other in one run.
#
# Usage: Benchmarks/SIPChecks/run.sh [CHECKS] [DEVICES]
#   (defaults: 1,000 checks each; Vedetta runs them as DEVICES=50 devices with `sip: {uri: …}` every second)
# Target: Kamailio with Tests/Fixtures/sip/kamailio.cfg on udp 127.0.0.1, answering OPTIONS with 200 (not counted).
# Vedetta: the devices' checks for CHECKS / DEVICES seconds, counted by vedetta_probe_runs_total{kind="sip"}; CPU is
# user+sys of its process over the window minus its idle rate (the same devices checked hourly, over 10 s).
# sipsak: `sipsak -s sip:127.0.0.1:PORT` CHECKS times, one process per check as a Nagios-style check runs it; CPU is
# the user+sys of those processes (getrusage of the children of the Python loop that starts them), start-up
# included, since that is what each check costs. Everything is on loopback; loops are bounded; processes are
# stopped by PID on exit.
# Needs: kamailio and sipsak (scripts/setup), python3, curl, and a release build.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
checks="${1:-1000}"
devices="${2:-50}"
[ "$checks" -ge 100 ] && [ "$checks" -le 100000 ] || { echo "CHECKS must be 100..100000" >&2; exit 64; }
[ "$devices" -ge 1 ] && [ "$devices" -le 1000 ] || { echo "DEVICES must be 1..1000" >&2; exit 64; }
for tool in /usr/sbin/kamailio /usr/bin/sipsak; do
    [ -x "$tool" ] || { echo "$tool is missing: run scripts/setup" >&2; exit 69; }
done
# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
build="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
start_work

# --- the target ----------------------------------------------------------------------------------------------------
sip_port=$(free_port udp)
/usr/sbin/kamailio -f "$repo/Tests/Fixtures/sip/kamailio.cfg" -DD -E -l "udp:127.0.0.1:$sip_port" \
    -w "$work" -Y "$work" 2>"$work/kamailio.log" &
pids+=($!)
uri="sip:127.0.0.1:$sip_port"
for _ in $(seq 1 100); do /usr/bin/sipsak -s "$uri" >/dev/null 2>&1 && break; sleep 0.1; done
/usr/bin/sipsak -s "$uri" >/dev/null 2>&1 || { echo "kamailio does not answer" >&2; cat "$work/kamailio.log" >&2; exit 70; }

# --- Vedetta -------------------------------------------------------------------------------------------------------
measure_agent_checks sip "$checks" "$devices" "sip: {uri: \"$uri\"}"

# --- sipsak --------------------------------------------------------------------------------------------------------
read -r s_cpu s_ok s_wall < <(python3 - "$uri" "$checks" <<'PY'
import resource, subprocess, sys, time
uri, count = sys.argv[1], int(sys.argv[2])
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.monotonic()
ok = 0
for _ in range(count):
    ok += subprocess.run(["/usr/bin/sipsak", "-s", uri], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         timeout=10).returncode == 0
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(f"{cpu:.4f} {ok} {time.monotonic() - start:.2f}")
PY
)

python3 - <<PY
v_runs, v_failed, v_wall, v_cpu = $agent_runs, $agent_failed, $agent_wall, $agent_cpu
v_ms, s_ms = v_cpu / v_runs * 1000, $s_cpu / $checks * 1000
print(f"# SIP OPTIONS checks, build $build, $(date -u +%Y-%m-%dT%H:%MZ): {'$uri'} (Kamailio)")
print("prober|checks|failed|wall s|CPU-s (Vedetta: above idle)|CPU ms per check")
print(f"vedetta run ($devices devices, 1 s)|{v_runs}|{v_failed}|{v_wall:.1f}|{v_cpu:.3f}|{v_ms:.3f}")
print(f"sipsak, a process per check|{$checks}|{$checks - $s_ok}|{$s_wall}|{$s_cpu:.3f}|{s_ms:.3f}")
print(f"# sipsak / Vedetta per check: {s_ms / v_ms:.2f}x")
PY
