#!/usr/bin/env bash
# Rule evaluation counted in instructions: the benchmark of run.sh (DEVICES devices x 20 rules), its evaluation
# counted by valgrind's callgrind instead of timed. The count is exact and the same on every run (hash seeds fixed
# with SWIFT_DETERMINISTIC_HASHING), where the CPU time of a cycle on a shared virtual machine moves by a third
# from one run to the next: what to compare two versions of the evaluator by, alongside run.sh's times.
#
# Counts the instructions executed inside RuleAlertSource.evaluate (the part run.sh times) for 70 cycles and for
# 130, and prints the difference per device and cycle: the steady cost of one poll with every window full, without
# the first cycles' building. The state of 100 devices stays in a real processor's caches: the instruction count is
# the work, not the waiting for memory, which only run.sh at 10,000 devices shows.
#
# What the waiting comes from is counted too, by callgrind's cache simulation: the cache lines the evaluation reads
# or writes that are not in a simulated 2 MiB second-level cache (48 KiB first level), the per-core L2 of the Xeon
# the count was first taken on (kept so that counts stay comparable; the AMD EPYC CI machine has 512 KiB). The state
# of 100 devices (7 MB) does not fit in it, so a device's lines have left it by its next poll, as at 10,000 devices
# in run.sh: the count is the lines each poll brings from further away (L3 or memory), the same on every run.
#
# Usage: Benchmarks/RuleEvaluation/instructions.sh [DEVICES] [PORTS]   (defaults: 100 24; about a minute)
#   RULE_EVALUATION_BINARY=PATH counts another build of the benchmark (e.g. the previous commit's), as is.
# Needs valgrind (scripts/setup --bench) and a release build (built here unless RULE_EVALUATION_BINARY is set).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
devices="${1:-100}"
ports="${2:-24}"
[ "$devices" -ge 1 ] && [ "$devices" -le 2000 ] || { echo "DEVICES must be 1..2000" >&2; exit 64; }
# shellcheck source=../lib/callgrind.sh
source "$repo/Benchmarks/lib/callgrind.sh"
prepare_binary rule-evaluation "${RULE_EVALUATION_BINARY:-}"
# The mangled name of RuleAlertSource.evaluate(_:) -> Outcome: callgrind counts only while inside it.
evaluate='$s15VedettaAlerting15RuleAlertSourceV8evaluateyAC7OutcomeVAA12SampleReportVF'
count() {
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$work/out.$1" \
        --cache-sim=yes --I1=32768,8,64 --D1=49152,12,64 --LL=2097152,16,64 \
        --toggle-collect="$evaluate" "$binary" "$devices" "$ports" "$1" >/dev/null 2>"$work/log.$1"
    # The output's `events:` line names the counters, its `summary:` line totals them: prints Ir, and DLmr + DLmw
    # (data reads and writes missing the simulated L2).
    awk '/^events:/ { for (i = 2; i <= NF; i++) column[$i] = i }
         /^summary:/ { print $(column["Ir"]), $(column["DLmr"]) + $(column["DLmw"]) }' "$work/out.$1"
}
read -r short short_lines <<<"$(count 70)"
read -r long long_lines <<<"$(count 130)"
[ -n "$short" ] && [ -n "$long" ] && [ "$long" -gt "$short" ] || { echo "callgrind counted nothing" >&2; exit 70; }
echo "rule-evaluation instructions: $devices devices x 20 rules, $ports ports each"
echo "  cycles 1-70:                 $short instructions, $short_lines lines beyond L2"
echo "  cycles 1-130:                $long instructions, $long_lines lines beyond L2"
echo "  per device and cycle (71-130): $(( (long - short) / (devices * 60) )) instructions," \
    "$(( (long_lines - short_lines) / (devices * 60) )) cache lines beyond L2"
