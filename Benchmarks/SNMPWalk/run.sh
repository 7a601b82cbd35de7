#!/usr/bin/env bash
# SNMP walk CPU cost: `vedetta probe snmp --walk` against net-snmp's own `snmpbulkwalk`, side by side, in one run,
# against one real snmpd on 127.0.0.1 (the demo lab's "switch"). Reports client CPU (user+sys) per 1,000 varbinds.
#
# Usage: Benchmarks/SNMPWalk/run.sh [ROUNDS] [OID]      (defaults: 20 rounds, 1.3.6.1 = everything snmpd serves)
# Only loopback traffic; bounded by ROUNDS. Needs: scripts/setup, a release build (built here if missing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-20}"
oid="${2:-1.3.6.1}"
[ "$rounds" -ge 1 ] && [ "$rounds" -le 1000 ] || { echo "ROUNDS must be 1..1000" >&2; exit 64; }

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$work/snmpd.conf" <<CONF
rocommunity bench 127.0.0.1
sysName bench-switch
CONF
mkdir -p "$work/persist"
MIBS="" MIBDIRS="$work" SNMP_PERSISTENT_DIR="$work/persist" SNMPCONFPATH="$work" \
    /usr/sbin/snmpd -f -Lf "$work/snmpd.log" -C -c "$work/snmpd.conf" -p "$work/snmpd.pid" "udp:127.0.0.1:$port" &
snmpd_pid=$!
trap 'kill "$snmpd_pid" 2>/dev/null; wait "$snmpd_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    snmpget -m "" -v2c -c bench -t 1 -r 0 "127.0.0.1:$port" 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break
    sleep 0.1
done

walk_vedetta() { "$vedetta" probe snmp "127.0.0.1:$port" -c bench --walk "$1" --max-repetitions 25; }
walk_netsnmp() { MIBS="" snmpbulkwalk -m "" -v2c -c bench -On -Cr25 -t 5 -r 1 "127.0.0.1:$port" "$1"; }

# CPU seconds (user+sys) of ROUNDS runs of a command, measured by bash's `time` over the loop.
cpu_seconds() {
    local TIMEFORMAT='%U %S'
    { time (for _ in $(seq 1 "$rounds"); do "$@" >/dev/null; done); } 2>&1 | awk '{printf "%.4f", $1 + $2}'
}

varbinds_v=$(walk_vedetta "$oid" | wc -l)
varbinds_n=$(walk_netsnmp "$oid" | grep -vc "No more variables left" || true)
# Start-up cost, to separate it from the per-varbind cost: a walk of one object (sysName).
base_v=$(cpu_seconds walk_vedetta 1.3.6.1.2.1.1.5)
base_n=$(cpu_seconds walk_netsnmp 1.3.6.1.2.1.1.5)
full_v=$(cpu_seconds walk_vedetta "$oid")
full_n=$(cpu_seconds walk_netsnmp "$oid")

python3 - "$rounds" "$varbinds_v" "$varbinds_n" "$base_v" "$base_n" "$full_v" "$full_n" <<'PY'
import sys
rounds, vv, vn = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
base_v, base_n, full_v, full_n = map(float, sys.argv[4:8])
def per_k(full, base, varbinds):
    return (full - base) / rounds / varbinds * 1000
pv, pn = per_k(full_v, base_v, vv), per_k(full_n, base_n, vn)
print(f"varbinds per walk: vedetta {vv}, snmpbulkwalk {vn}; rounds: {rounds}")
print(f"{'client':<14}{'CPU/walk (s)':>14}{'start-up (s)':>14}{'CPU per 1,000 varbinds (s)':>28}")
print(f"{'vedetta':<14}{full_v/rounds:>14.4f}{base_v/rounds:>14.4f}{pv:>28.5f}")
print(f"{'snmpbulkwalk':<14}{full_n/rounds:>14.4f}{base_n/rounds:>14.4f}{pn:>28.5f}")
if pn > 0:
    print(f"ratio vedetta/snmpbulkwalk per 1,000 varbinds: {pv/pn:.2f}")
PY
