import GRDB

/// The versioned schema of the incident log. Migrations are append-only: never edit a registered one, add `v2`.
///
/// Times are `INTEGER` milliseconds since 1970-01-01 UTC. Labels are a JSON object; the `device` label is copied
/// into its own column so queries by device can use an index.
enum IncidentSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 incident log and outbox") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2 outbox claims") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("v3 maintenance windows") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("v4 incident records") { db in
            try db.execute(sql: version4)
        }
        return migrator
    }

    private static let version1 = """
        CREATE TABLE incident (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            fingerprint TEXT NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            device TEXT,
            labels TEXT NOT NULL,
            summary TEXT NOT NULL,
            description TEXT NOT NULL,
            detected_at INTEGER NOT NULL,
            acknowledged_at INTEGER,
            acknowledged_by TEXT,
            restored_at INTEGER
        );
        -- One open incident per alert series, even if two processes race to open it.
        CREATE UNIQUE INDEX incident_open_fingerprint ON incident(fingerprint) WHERE restored_at IS NULL;
        CREATE INDEX incident_detected_at ON incident(detected_at);
        CREATE INDEX incident_device ON incident(device, detected_at);
        CREATE INDEX incident_rule ON incident(rule, detected_at);

        CREATE TABLE incident_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            at INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX incident_event_incident ON incident_event(incident_id, at);

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            event TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            delivered_at INTEGER,
            abandoned_at INTEGER
        );
        -- At most one notification per incident, channel and event: no duplicate page.
        CREATE UNIQUE INDEX outbox_once ON outbox(incident_id, channel, event);
        CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL AND abandoned_at IS NULL;
        """

    /// Claims: who is delivering an entry and until when (see `OutboxQueue`), so that several dispatchers on one
    /// database never deliver an entry twice. The chain of one incident and channel is found through the unique
    /// index `outbox_once` (incident_id, channel, …).
    private static let version2 = """
        ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
        ALTER TABLE outbox ADD COLUMN claim_expires_at INTEGER;
        """

    /// Maintenance windows with their audit trail, a revision counter that every change bumps (so agents notice
    /// another process's change with one read), and the window an incident opened in. A window's fields are stored
    /// as written (scope, local start, zone, rule, exceptions) and read back through the same parsers.
    private static let version3 = """
        CREATE TABLE maintenance_window (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT,
            origin TEXT NOT NULL,
            match TEXT NOT NULL,
            start_local TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            rrule TEXT,
            exdates TEXT NOT NULL DEFAULT '[]',
            reason TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            adjustments TEXT NOT NULL DEFAULT '[]',
            deleted_at INTEGER
        );
        -- Windows from files are matched by name: one live window per name.
        CREATE UNIQUE INDEX maintenance_window_name ON maintenance_window(name)
            WHERE name IS NOT NULL AND deleted_at IS NULL;

        CREATE TABLE maintenance_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            window_id INTEGER NOT NULL REFERENCES maintenance_window(id),
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            by TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX maintenance_audit_window ON maintenance_audit(window_id, id);

        CREATE TABLE maintenance_revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL
        );
        INSERT INTO maintenance_revision (id, revision) VALUES (1, 0);

        ALTER TABLE incident ADD COLUMN maintenance_window_id INTEGER;
        """

    /// What people write in the log: who did what on the timeline, manual incidents, root-cause category,
    /// resolution and ticket; the scheduled reports made; the devices' inventory and its changes. Reports read a period by `incident_active` (restored_at, detected_at): open incidents
    /// are stored with `restored_at` NULL, which SQLite sorts first, so "not restored before `from`" is two ranges.
    private static let version4 = """
        ALTER TABLE incident_event ADD COLUMN by TEXT;
        ALTER TABLE incident ADD COLUMN origin TEXT NOT NULL DEFAULT 'alert';
        ALTER TABLE incident ADD COLUMN opened_by TEXT;
        ALTER TABLE incident ADD COLUMN category TEXT;
        ALTER TABLE incident ADD COLUMN resolution TEXT;
        ALTER TABLE incident ADD COLUMN ticket TEXT;
        CREATE INDEX incident_restored_at ON incident(restored_at) WHERE restored_at IS NOT NULL;

        -- Scheduled reports made: one row per schedule and period, so each is made once across restarts.
        CREATE TABLE report_run (
            schedule TEXT NOT NULL,
            period_start INTEGER NOT NULL,
            period_end INTEGER NOT NULL,
            made_at INTEGER NOT NULL,
            files TEXT NOT NULL,
            PRIMARY KEY (schedule, period_start)
        );

        -- Each device's latest inventory (JSON), and the changes of its serial number, model and revisions.
        CREATE TABLE inventory (
            device TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE inventory_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            device TEXT NOT NULL,
            at INTEGER NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT
        );
        CREATE INDEX inventory_event_device ON inventory_event(device, id);
        """
}
