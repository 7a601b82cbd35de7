#!/usr/bin/env bash
# Sample building counted in instructions: the benchmark of main.swift (one router's `if-mib` poll, 91 rows of 24
# metric columns, 3 label columns and an `info` column, made into 2,184 samples with the label sets of the poll
# before), counted by valgrind's callgrind instead of timed. The count is exact and the same on every run (hash
# seeds fixed with SWIFT_DETERMINISTIC_HASHING), where the CPU time on a shared virtual machine moves by a third.
#
# Counts 200 polls and 400 and prints the difference per poll and per sample, without the set-up; once for the
# builder alone and once with the `probe` label given as the probe runner gives it.
#
# Usage: Benchmarks/SampleBuilding/instructions.sh   (about a minute)
#   SAMPLE_BUILDING_BINARY=PATH counts another build of the benchmark (e.g. the previous commit's), as is.
# Needs valgrind (scripts/setup --bench) and a release build (built here unless SAMPLE_BUILDING_BINARY is set).
# The binary is counted with its debug information stripped (valgrind 3.19 cannot read that of a binary linking
# net-snmp); function names stay.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../lib/callgrind.sh
source "$repo/Benchmarks/lib/callgrind.sh"
prepare_binary sample-building "${SAMPLE_BUILDING_BINARY:-}"
count() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$binary" "$1" 1 $2 2>&1 >/dev/null | awk '/I *refs/ { gsub(",", "", $4); print $4 }'
}
echo "sample-building instructions: one if-mib poll of 91 interfaces, 2,184 samples"
for mode in build label; do
    short="$(count 200 "$mode")"
    long="$(count 400 "$mode")"
    [ -n "$short" ] && [ -n "$long" ] && [ "$long" -gt "$short" ] || { echo "callgrind counted nothing" >&2; exit 70; }
    python3 - "$mode" "$short" "$long" <<'PY'
import sys
mode, short, long = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per_poll = (long - short) / 200
what = "built" if mode == "build" else "built and labelled"
print(f"  {what:20s} {per_poll:12,.0f} per poll {per_poll / 2184:8.1f} per sample")
PY
done
