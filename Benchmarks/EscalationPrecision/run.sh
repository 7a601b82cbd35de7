#!/usr/bin/env bash
# Escalation timer precision (docs/performance.md): the agent's Escalator on a SQLite file, on the wall clock.
# Usage: Benchmarks/EscalationPrecision/run.sh [INCIDENTS] [STEPS] [WAIT_SECONDS] [SPREAD_SECONDS]
# Builds the release benchmark once; bounded: SPREAD + STEPS × WAIT + 5 seconds of running.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
swift build -c release --product escalation-precision >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$repo/.build/release/escalation-precision" "$work/bench.sqlite" "${1:-200}" "${2:-3}" "${3:-2}" "${4:-5}"
