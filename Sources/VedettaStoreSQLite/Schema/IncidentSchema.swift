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
        migrator.registerMigration("v5 incident spans for reports") { db in
            try db.execute(sql: version5)
        }
        migrator.registerMigration("v6 on-call substitutions") { db in
            try db.execute(sql: OnCallSchema.version6)
        }
        migrator.registerMigration("v7 escalations") { db in
            try db.execute(sql: OnCallSchema.version7)
        }
        migrator.registerMigration("v8 users, tokens, sessions and audit log") { db in
            try db.execute(sql: AccessSchema.version8)
        }
        migrator.registerMigration("v9 index of open incidents") { db in
            // The open incidents, newest first, without scanning a year of restored ones (the wallboard and the
            // open list ask for them every second or so).
            try db.execute(sql: "CREATE INDEX incident_open ON incident(detected_at) WHERE restored_at IS NULL")
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
    /// resolution and ticket; the scheduled reports made; the devices' inventory and its changes.
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

    /// What a report reads, kept apart from the incident: one narrow row per incident, clustered by detection
    /// time, with its texts (labels, rule, category) as numbers into `report_text`. A year of a large log is a
    /// million incidents; reading these rows costs about a third of reading the incident rows with their texts.
    ///
    /// Triggers keep `incident_span` equal to what it summarizes, whoever writes the incident log (the agent, the
    /// CLI, or `sqlite3`): inserting, updating or deleting an incident rewrites its span, and an `unmuted` event
    /// sets when an incident that opened in maintenance paged. `kind` is the severity (0 info, 1 warning,
    /// 2 critical, 3 unknown) plus 4 × the origin (0 alert, 1 manual, 2 unknown).
    private static let version5 = """
        CREATE TABLE report_text (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL UNIQUE
        );
        CREATE TABLE incident_span (
            detected_at INTEGER NOT NULL,
            incident_id INTEGER NOT NULL,
            restored_at INTEGER,
            acknowledged_at INTEGER,
            paged_at INTEGER,
            maintenance_window_id INTEGER,
            labels_text INTEGER NOT NULL,
            rule_text INTEGER NOT NULL,
            category_text INTEGER,
            kind INTEGER NOT NULL,
            PRIMARY KEY (detected_at, incident_id)
        ) WITHOUT ROWID;

        \(spanTrigger("insert", on: "INSERT ON incident", replacing: false))
        \(spanTrigger("update", on: spanUpdate, replacing: true))
        CREATE TRIGGER incident_span_delete AFTER DELETE ON incident BEGIN
            DELETE FROM incident_span WHERE detected_at = OLD.detected_at AND incident_id = OLD.id;
        END;
        CREATE TRIGGER incident_span_unmuted AFTER INSERT ON incident_event WHEN NEW.kind = 'unmuted' BEGIN
            UPDATE incident_span SET paged_at = MIN(COALESCE(paged_at, NEW.at), NEW.at)
            WHERE incident_id = NEW.incident_id
            AND detected_at = (SELECT detected_at FROM incident WHERE id = NEW.incident_id)
            AND maintenance_window_id IS NOT NULL;
        END;

        INSERT OR IGNORE INTO report_text (text)
            SELECT labels FROM incident UNION SELECT rule FROM incident
            UNION SELECT category FROM incident WHERE category IS NOT NULL;
        INSERT INTO incident_span
            SELECT \(spanValues(of: "i")) FROM incident i;
        """

    /// The columns whose change rewrites an incident's span.
    private static let spanUpdate = """
        UPDATE OF detected_at, restored_at, acknowledged_at, maintenance_window_id, labels, rule, category, \
        severity, origin ON incident
        """

    /// A trigger that writes the span of the incident `NEW` (after deleting the one of `OLD` when `replacing`).
    private static func spanTrigger(_ name: String, on event: String, replacing: Bool) -> String {
        let delete =
            replacing ? "DELETE FROM incident_span WHERE detected_at = OLD.detected_at AND incident_id = OLD.id;" : ""
        return """
            CREATE TRIGGER incident_span_\(name) AFTER \(event) BEGIN
                \(delete)
                INSERT OR IGNORE INTO report_text (text) VALUES (NEW.labels), (NEW.rule);
                INSERT OR IGNORE INTO report_text (text) SELECT NEW.category WHERE NEW.category IS NOT NULL;
                INSERT INTO incident_span SELECT \(spanValues(of: "NEW"));
            END;
            """
    }

    /// The values of the span of incident `row`, in the order of `incident_span`'s columns.
    private static func spanValues(of row: String) -> String {
        """
        \(row).detected_at, \(row).id, \(row).restored_at, \(row).acknowledged_at,
        CASE WHEN \(row).maintenance_window_id IS NULL THEN NULL ELSE
            (SELECT MIN(at) FROM incident_event e WHERE e.incident_id = \(row).id AND e.kind = 'unmuted') END,
        \(row).maintenance_window_id,
        (SELECT id FROM report_text WHERE text = \(row).labels),
        (SELECT id FROM report_text WHERE text = \(row).rule),
        (SELECT id FROM report_text WHERE text = \(row).category),
        CASE \(row).severity WHEN 'info' THEN 0 WHEN 'warning' THEN 1 WHEN 'critical' THEN 2 ELSE 3 END
            + 4 * CASE \(row).origin WHEN 'alert' THEN 0 WHEN 'manual' THEN 1 ELSE 2 END
        """
    }
}
