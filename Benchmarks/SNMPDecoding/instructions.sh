#!/usr/bin/env bash
# SNMP answers decoded, counted in instructions: the benchmark of main.swift (one walk of a router's 27 interface
# columns of 91 rows, as the agent walks the Juniper MX960 recording that snmpsim serves: every request encoded,
# every GETBULK answer of at most 64 values decoded and added to its column), counted by valgrind's callgrind
# instead of timed. The count is exact and the same on every run, where the polling thread's CPU time on a shared
# virtual machine moves by a third. The agent itself does not run under valgrind 3.19 here; this is the part of
# its polling thread's work that grows with the values.
#
# Counts 200 walks and 400 and prints the difference per walk, per request and per value, without the set-up (the
# answers are made once, by the first walk), and the calls to malloc the same way.
#
# Usage: Benchmarks/SNMPDecoding/instructions.sh   (about a minute)
#   SNMP_DECODING_BINARY=PATH counts another build of the benchmark (e.g. the previous commit's), as is.
# Needs valgrind (scripts/setup --bench) and a release build (built here unless SNMP_DECODING_BINARY is set).
# The binary is counted with its debug information stripped (valgrind 3.19 cannot read that of a binary linking
# net-snmp); function names stay.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib/callgrind.sh
source "$repo/Benchmarks/lib/callgrind.sh"
prepare_binary snmp-decoding "${SNMP_DECODING_BINARY:-}"
# Prints the instructions of WALKS walks and their calls to malloc.
count() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$work/out.$1" \
        "$binary" "$1" 1 >"$work/stdout.$1" 2>/dev/null
    python3 - "$work/out.$1" <<'PY'
import re, sys
names, callee, mallocs, total = {}, None, 0, 0
for line in open(sys.argv[1]):
    # Function names are given once, with their number, by whichever fn= or cfn= line comes first.
    match = re.match(r"(c?)fn=\((\d+)\)(?: (.*))?", line.strip())
    if match:
        if match.group(3):
            names[match.group(2)] = match.group(3)
        if match.group(1):
            callee = names.get(match.group(2))
    elif line.startswith("calls=") and callee == "malloc":
        mallocs += int(line.split("=")[1].split()[0])
    elif line.startswith("summary:") or line.startswith("totals:"):
        total = int(line.split()[1])
print(total, mallocs)
PY
}
read -r short short_mallocs <<<"$(count 200)"
read -r long long_mallocs <<<"$(count 400)"
[ -n "$short" ] && [ -n "$long" ] && [ "$long" -gt "$short" ] || { echo "callgrind counted nothing" >&2; exit 70; }
header="$(head -1 "$work/stdout.200")"
values="$(sed -E 's/.* ([0-9]+) values a walk.*/\1/' <<<"$header")"
requests="$(sed -E 's/.* ([0-9]+) requests.*/\1/' <<<"$header")"
echo "$header"
python3 - "$short" "$long" "$short_mallocs" "$long_mallocs" "$values" "$requests" <<'PY'
import sys
short, long, short_mallocs, long_mallocs, values, requests = map(int, sys.argv[1:])
walk = (long - short) / 200
mallocs = (long_mallocs - short_mallocs) / 200
print(f"  instructions {walk:12,.0f} a walk {walk / requests:10,.0f} a request {walk / values:8.1f} a value")
print(f"  malloc calls {mallocs:12,.0f} a walk {mallocs / requests:10,.1f} a request {mallocs / values:8.2f} a value")
PY
