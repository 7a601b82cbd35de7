#!/usr/bin/env bash
# Writes the SQL that fills an incident log created by Vedetta with INCIDENTS incidents over the year before END_MS
# across DEVICES devices (in SITES sites, four roles), each with its opened/acknowledged/restored timeline, 2 % of
# them opened in a maintenance window (half of those paged when it ended). Deterministic (no random()).
# Usage: seed.sql.sh INCIDENTS DEVICES SITES END_MS
set -euo pipefail
incidents="$1" devices="$2" sites="$3" end_ms="$4"
cat <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $incidents)
INSERT INTO incident (id, fingerprint, rule, severity, device, labels, summary, description, detected_at,
                      acknowledged_at, acknowledged_by, restored_at, maintenance_window_id, origin)
SELECT i + 1,
       'f' || (i % ($devices * 10)),
       CASE i % 10 WHEN 0 THEN 'DeviceUnreachable' WHEN 1 THEN 'InterfaceDown' WHEN 2 THEN 'HighCPU'
                   WHEN 3 THEN 'UPSOnBattery' WHEN 4 THEN 'PBXTrunkDown' WHEN 5 THEN 'DiskFull'
                   WHEN 6 THEN 'HTTPDown' WHEN 7 THEN 'CertificateExpiry' WHEN 8 THEN 'InterfaceErrors'
                   ELSE 'TemperatureHigh' END,
       CASE WHEN i % 3 = 0 THEN 'warning' ELSE 'critical' END,
       printf('dev-%05d', (i * 7919) % $devices),
       printf('{"device":"dev-%05d","role":"%s","site":"site-%02d"}', (i * 7919) % $devices,
              CASE ((i * 7919) % $devices) % 4 WHEN 0 THEN 'pbx' WHEN 1 THEN 'switch' WHEN 2 THEN 'router' ELSE 'server' END,
              ((i * 7919) % $devices) % $sites),
       'summary', '',
       $end_ms - 31536000000 + (i * 31536) % 31536000000,
       CASE WHEN i % 5 = 0 THEN NULL ELSE $end_ms - 31536000000 + (i * 31536) % 31536000000 + 60000 * (1 + i % 15) END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 'oncall' END,
       $end_ms - 31536000000 + (i * 31536) % 31536000000 + 60000 * (5 + (i * 13) % 115),
       CASE WHEN i % 50 = 7 THEN 1 + i % 20 ELSE NULL END,
       'alert'
FROM n;
INSERT INTO incident_event (incident_id, kind, at, detail) SELECT id, 'opened', detected_at, summary FROM incident;
INSERT INTO incident_event (incident_id, kind, at, detail, by)
    SELECT id, 'acknowledged', acknowledged_at, acknowledged_by, acknowledged_by FROM incident WHERE acknowledged_at IS NOT NULL;
INSERT INTO incident_event (incident_id, kind, at, detail) SELECT id, 'restored', restored_at, '' FROM incident;
INSERT INTO incident_event (incident_id, kind, at, detail)
    SELECT id, 'unmuted', detected_at + 120000, 'maintenance window ended' FROM incident
    WHERE maintenance_window_id IS NOT NULL AND id % 2 = 0;
COMMIT;
ANALYZE;
SQL
