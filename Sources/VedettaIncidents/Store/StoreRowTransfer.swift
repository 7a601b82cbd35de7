public import VedettaCore

/// One value of a stored row, as stores hand rows to each other when a store is copied into another kind
/// (`vedetta store copy`): the column types both stores use.
public enum StoredValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// An integer: ids, times in milliseconds, counts, flags (0 or 1).
    case integer(Int64)
    /// Text: names, JSON documents.
    case text(String)
}

/// A table that a copy moves row by row: its name and columns, the same in every store's schema.
public struct StoredTable: Sendable, Hashable {
    /// The table's name.
    public var name: String
    /// Its columns, in the order every row lists its values.
    public var columns: [String]
    /// The columns that order its rows (its primary key), so that batches follow each other.
    public var order: [String]

    /// Creates a table description.
    public init(_ name: String, columns: [String], order: [String]) {
        self.name = name
        self.columns = columns
        self.order = order
    }
}

/// The tables a copy moves, parents before children. Derived tables (`incident_span`, `report_text`) are not
/// among them: every store rebuilds them from the incidents it receives.
public enum StoredTables {
    /// Every copied table, in an order that satisfies the foreign keys.
    public static let copied: [StoredTable] = [
        StoredTable(
            "incident",
            columns: [
                "id", "fingerprint", "rule", "severity", "device", "labels", "summary", "description", "detected_at",
                "acknowledged_at", "acknowledged_by", "restored_at", "maintenance_window_id", "origin", "opened_by",
                "category", "resolution", "ticket",
            ], order: ["id"]),
        StoredTable("incident_event", columns: ["id", "incident_id", "kind", "at", "detail", "by"], order: ["id"]),
        StoredTable(
            "outbox",
            columns: [
                "id", "incident_id", "channel", "event", "created_at", "attempts", "next_attempt_at", "last_error",
                "delivered_at", "abandoned_at", "claimed_by", "claim_expires_at", "recipient", "step", "withdrawn",
                "fallback_channel", "fallback_after",
            ], order: ["id"]),
        StoredTable(
            "escalation",
            columns: [
                "incident_id", "policy", "next_step", "next_at", "started_at", "stopped_at", "stop_reason", "group_key",
            ], order: ["incident_id"]),
        StoredTable("escalation_member", columns: ["group_id", "incident_id", "joined_at"], order: ["incident_id"]),
        StoredTable(
            "maintenance_window",
            columns: [
                "id", "name", "origin", "match", "start_local", "time_zone", "duration_ms", "rrule", "exdates",
                "reason", "created_by", "created_at", "updated_at", "adjustments", "deleted_at",
            ], order: ["id"]),
        StoredTable("maintenance_audit", columns: ["id", "window_id", "at", "action", "by", "detail"], order: ["id"]),
        StoredTable("maintenance_revision", columns: ["id", "revision"], order: ["id"]),
        StoredTable(
            "report_run", columns: ["schedule", "period_start", "period_end", "made_at", "files"],
            order: ["schedule", "period_start"]),
        StoredTable("inventory", columns: ["device", "data", "updated_at"], order: ["device"]),
        StoredTable("inventory_event", columns: ["id", "device", "at", "field", "old", "new"], order: ["id"]),
        StoredTable(
            "oncall_substitution",
            columns: [
                "id", "schedule", "substitute", "covers", "starts_at", "ends_at", "reason", "created_by", "created_at",
                "deleted_at",
            ], order: ["id"]),
        StoredTable(
            "oncall_audit", columns: ["id", "substitution_id", "at", "action", "by", "detail"], order: ["id"]),
        StoredTable(
            "access_user",
            columns: ["name", "role", "password_hash", "disabled", "created_at", "password_changed_at"],
            order: ["name"]),
        StoredTable(
            "access_token",
            columns: [
                "id", "user", "label", "secret_hash", "created_at", "expires_at", "last_used_at", "revoked_at",
            ], order: ["id"]),
        StoredTable(
            "access_session",
            columns: ["secret_hash", "user", "csrf_token", "created_at", "expires_at", "ends_at", "last_seen_at"],
            order: ["secret_hash"]),
        StoredTable(
            "audit_log", columns: ["id", "at", "actor", "via", "address", "action", "status", "detail"],
            order: ["id"]),
    ]

    /// The tables every new store already holds one row of (`maintenance_revision`): a copy replaces that row.
    public static let singletons: Set<String> = ["maintenance_revision"]
}

/// Reading a whole store as rows, and writing such rows into an empty store of another kind: what
/// `vedetta store copy` needs from each store kind. Every store implements it over the same ``StoredTables``.
public protocol StoreRowTransfer: Sendable {
    /// Reads every row of `tables` from one consistent snapshot, `batchSize` rows at a time in each table's order,
    /// handing each batch to `sink` before reading the next.
    /// - Throws: ``StoreError`` when the store cannot be read, or what `sink` throws (as a ``StoreError``).
    func exportRows(
        of tables: [StoredTable], batchSize: Int,
        to sink: @Sendable (StoredTable, [[StoredValue]]) async throws(StoreError) -> Void
    ) async throws(StoreError)

    /// How many rows each of `tables` holds (one snapshot), by table name.
    func rowCounts(of tables: [StoredTable]) async throws(StoreError) -> [String: Int]

    /// Writes `rows` (values in `table.columns` order) into `table`, in one transaction; a singleton table's row
    /// replaces the one there.
    func importRows(_ rows: [[StoredValue]], into table: StoredTable) async throws(StoreError)

    /// Makes the store ready for new rows after an import: identity counters continue after the highest id
    /// copied, so the next incident gets a new number.
    func finishImport(of tables: [StoredTable]) async throws(StoreError)
}
