#!/usr/bin/env bash
# Rule evaluation at scale: DEVICES devices × 20 rules (rates, range functions over the in-memory history, and,
# or, unless, clear, absent), one poll a minute each in simulated time, through the real RuleAlertSource. Reports
# the CPU of one full cycle (every device evaluated once) and the memory the state and histories take. Pure CPU;
# no network. Bounded by CYCLES; figures are steady once the longest window (1 h) is full, after 61 cycles.
#
# Usage: Benchmarks/RuleEvaluation/run.sh [DEVICES] [PORTS] [CYCLES]   (defaults: 10000 24 70)
#   RULE_EVALUATION_RESTLESS=1: every series but the statuses changes on every poll (see main.swift).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
swift build -c release --product rule-evaluation >/dev/null
exec "$repo/.build/release/rule-evaluation" "${1:-10000}" "${2:-24}" "${3:-70}"
