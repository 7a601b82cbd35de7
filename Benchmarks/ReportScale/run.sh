#!/usr/bin/env bash
# KPI report over one year of 1,000,000 incidents across 10,000 devices, grouped by site (50 sites), from SQLite:
# the read of the incidents (and of the previous year, for the changes) and the computation, timed apart; then
# the upgrade of the same log from schema v4 (before the report spans). The database is written once to a
# temporary directory (Vedetta's own schema, filled by sqlite3: its triggers write the report spans) and removed.
# No network. Bounded by ROUNDS.
#
# Usage: Benchmarks/ReportScale/run.sh [INCIDENTS] [DEVICES] [SITES] [ROUNDS]   (defaults: 1000000 10000 50 3)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/Benchmarks/ReportScale"
incidents="${1:-1000000}" devices="${2:-10000}" sites="${3:-50}" rounds="${4:-3}"
[ "$incidents" -ge 1 ] && [ "$incidents" -le 5000000 ] || { echo "INCIDENTS must be 1..5000000" >&2; exit 64; }
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: run scripts/setup" >&2; exit 69; }
cd "$repo"
swift build -c release --product report-scale >/dev/null
work="$(mktemp -d /tmp/vedetta-report-scale.XXXXXX)"
trap 'rm -rf "$work"' EXIT
end_ms=1796083200000  # 2026-12-01T00:00Z
"$repo/.build/release/report-scale" "$work/vedetta.sqlite" "$devices" "$sites" "$end_ms" 1 --create
start=$(date +%s)
"$here/seed.sql.sh" "$incidents" "$devices" "$sites" "$end_ms" | sqlite3 "$work/vedetta.sqlite"
echo "seeded $incidents incidents in $(( $(date +%s) - start )) s ($(du -h "$work/vedetta.sqlite" | cut -f1))"
"$repo/.build/release/report-scale" "$work/vedetta.sqlite" "$devices" "$sites" "$end_ms" "$rounds"
# The upgrade of the same log as an earlier version left it (schema v4, before the report spans).
cp "$work/vedetta.sqlite" "$work/v4.sqlite"
sqlite3 "$work/v4.sqlite" "DROP TRIGGER incident_span_insert; DROP TRIGGER incident_span_update;
  DROP TRIGGER incident_span_delete; DROP TRIGGER incident_span_unmuted; DROP TABLE incident_span;
  DROP TABLE report_text; DELETE FROM grdb_migrations WHERE identifier LIKE 'v5 %'; VACUUM;"
"$repo/.build/release/report-scale" "$work/v4.sqlite" "$devices" "$sites" "$end_ms" 1 --open
