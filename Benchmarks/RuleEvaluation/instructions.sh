#!/usr/bin/env bash
# Rule evaluation counted in instructions: the benchmark of run.sh (DEVICES devices x 20 rules), its evaluation
# counted by valgrind's callgrind instead of timed. The count is exact and the same on every run (hash seeds fixed
# with SWIFT_DETERMINISTIC_HASHING), where the CPU time of a cycle on a shared virtual machine moves by a third
# from one run to the next: what to compare two versions of the evaluator by, alongside run.sh's times.
#
# Counts the instructions executed inside RuleAlertSource.evaluate (the part run.sh times) for 70 cycles and for
# 130, and prints the difference per device and cycle: the steady cost of one poll with every window full, without
# the first cycles' building. The state of 100 devices stays in the processor's caches: the count is the work, not
# the waiting for memory, which only run.sh at 10,000 devices shows.
#
# Usage: Benchmarks/RuleEvaluation/instructions.sh [DEVICES] [PORTS]   (defaults: 100 24; about a minute)
#   RULE_EVALUATION_BINARY=PATH counts another build of the benchmark (e.g. the previous commit's), as is.
# Needs valgrind (scripts/setup --bench) and a release build (built here unless RULE_EVALUATION_BINARY is set).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-100}"
ports="${2:-24}"
[ "$devices" -ge 1 ] && [ "$devices" -le 2000 ] || { echo "DEVICES must be 1..2000" >&2; exit 64; }
command -v valgrind >/dev/null || { echo "valgrind not found: run scripts/setup --bench" >&2; exit 69; }
binary="${RULE_EVALUATION_BINARY:-}"
if [ -z "$binary" ]; then
    (cd "$repo" && swift build -c release --product rule-evaluation >/dev/null)
    binary="$repo/.build/release/rule-evaluation"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The mangled name of RuleAlertSource.evaluate(_:) -> Outcome: callgrind counts only while inside it.
evaluate='$s15VedettaAlerting15RuleAlertSourceV8evaluateyAC7OutcomeVAA12SampleReportVF'
count() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$work/out.$1" \
        --toggle-collect="$evaluate" "$binary" "$devices" "$ports" "$1" >/dev/null 2>"$work/log.$1"
    callgrind_annotate "$work/out.$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
short="$(count 70)"
long="$(count 130)"
[ -n "$short" ] && [ -n "$long" ] && [ "$long" -gt "$short" ] || { echo "callgrind counted nothing" >&2; exit 70; }
echo "rule-evaluation instructions: $devices devices x 20 rules, $ports ports each"
echo "  cycles 1-70:                 $short"
echo "  cycles 1-130:                $long"
echo "  per device and cycle (71-130): $(( (long - short) / (devices * 60) ))"
