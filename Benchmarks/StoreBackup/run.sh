#!/usr/bin/env bash
# How long `vedetta store backup`, `check` and `restore` take on a large store: INCIDENTS incidents over one year
# across DEVICES devices (Vedetta's own schema, seeded by Benchmarks/ReportScale's generator: incidents, their
# timelines and outbox rows, and the report spans the triggers write). Prints each command's wall time and CPU
# (user+sys, GNU time) and the sizes. The database is written to a temporary directory and removed. No network.
#
# Usage: Benchmarks/StoreBackup/run.sh [INCIDENTS] [DEVICES]   (defaults: 1000000 10000)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
incidents="${1:-1000000}" devices="${2:-10000}"
[ "$incidents" -ge 1 ] && [ "$incidents" -le 5000000 ] || { echo "INCIDENTS must be 1..5000000" >&2; exit 64; }
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: run scripts/setup" >&2; exit 69; }
[ -x /usr/bin/time ] || { echo "GNU time missing (apt-get install time)" >&2; exit 69; }
vedetta="${VEDETTA_BINARY:-$repo/.build/release/vedetta}"
cd "$repo"
[ -x "$vedetta" ] || swift build -c release --product vedetta >/dev/null
swift build -c release --product report-scale >/dev/null 2>&1
work="$(mktemp -d /tmp/vedetta-store-backup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data" "$work/restored"
end_ms=1796083200000  # 2026-12-01T00:00Z
"$repo/.build/release/report-scale" "$work/data/vedetta.sqlite" "$devices" 50 "$end_ms" 1 --create >/dev/null
"$repo/Benchmarks/ReportScale/seed.sql.sh" "$incidents" "$devices" 50 "$end_ms" | sqlite3 "$work/data/vedetta.sqlite" \
    >/dev/null
echo "store: $incidents incidents, $(du -h "$work/data/vedetta.sqlite" | cut -f1)"
timed() {  # LABEL COMMAND...: runs it, prints wall time and CPU
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "${@:2}" >"$work/out.txt" 2>"$work/err.txt" ||
        { echo "$1 failed: $(cat "$work/err.txt")" >&2; exit 70; }
    read -r wall user sys <"$work/time.txt"
    printf '%-8s wall %6.2f s, CPU %6.2f s   %s\n' "$1" "$wall" "$(echo "$user + $sys" | bc)" \
        "$(grep -m1 'incidents' "$work/out.txt" | sed 's/^ *//')"
}
timed backup "$vedetta" store backup "$work/backup.sqlite" --data "$work/data"
echo "backup: $(du -h "$work/backup.sqlite" | cut -f1)"
timed check "$vedetta" store check "$work/backup.sqlite" --data "$work/data"
timed restore "$vedetta" store restore "$work/backup.sqlite" --data "$work/restored"
