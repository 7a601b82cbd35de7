#!/usr/bin/env bash
# The console's recent history at scale: DEVICES devices × SERIES series, one poll a minute in simulated time,
# through the real RecentHistory. Reports CPU per sample recorded, memory per series kept, and the time to read one
# device's history. Pure CPU; no network. Bounded by CYCLES.
#
# Usage: Benchmarks/RecentHistory/run.sh [DEVICES] [SERIES] [CYCLES] [MAX_SERIES]
#        (defaults: 10000 100 20, and every series kept, to measure the memory of each)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
swift build -c release --product recent-history >/dev/null
exec "$repo/.build/release/recent-history" "${1:-10000}" "${2:-100}" "${3:-20}" ${4:+"$4"}
