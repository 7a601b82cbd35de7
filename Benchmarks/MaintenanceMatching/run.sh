#!/usr/bin/env bash
# Maintenance matching: the cost of one evaluation cycle's mute decisions, 10,000 firing alerts against 500
# recurring windows in four time zones (the snapshot of windows in progress is rebuilt each round, as after a
# window starts or ends). Pure CPU; no network. Bounded by ROUNDS.
#
# Usage: Benchmarks/MaintenanceMatching/run.sh [ALERTS] [WINDOWS] [ROUNDS]   (defaults: 10000 500 50)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
swift build -c release --product maintenance-matching >/dev/null
exec "$repo/.build/release/maintenance-matching" "${1:-10000}" "${2:-500}" "${3:-50}"
