public import Foundation
import GRDB
public import VedettaCore
public import VedettaMaintenance
import VedettaStoreRows

extension SQLiteIncidentStore: MaintenanceStore {
    /// The windows that are not deleted, by number; see ``MaintenanceStore/maintenanceWindows()``.
    public func maintenanceWindows() async throws(StoreError) -> [MaintenanceWindow] {
        try await read("list maintenance windows") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM maintenance_window WHERE deleted_at IS NULL ORDER BY id")
                .map { try MaintenanceRowFormat.window($0.columns) }
        }
    }

    /// Window `id`, deleted or not; see ``MaintenanceStore/maintenanceWindow(id:)``.
    public func maintenanceWindow(id: Int64) async throws(StoreError) -> MaintenanceWindow? {
        try await read("read maintenance window") { db in
            try Self.window(db, id: id)
        }
    }

    /// Creates a window; see ``MaintenanceStore/createMaintenanceWindow(_:at:)``.
    public func createMaintenanceWindow(_ draft: MaintenanceWindowDraft, at: Date) async throws(StoreError)
        -> MaintenanceWindow
    {
        try await write("create maintenance window") { db in
            let id = try Self.insert(draft, db, at: at)
            return try Self.liveWindow(db, id: id)
        }
    }

    /// Replaces a window's definition; see ``MaintenanceStore/updateMaintenanceWindow(id:to:by:at:detail:)``.
    public func updateMaintenanceWindow(
        id: Int64, to definition: MaintenanceDefinition, by: String, at: Date, detail: String
    ) async throws(StoreError) -> MaintenanceWindow {
        try await write("edit maintenance window") { db in
            _ = try Self.liveWindow(db, id: id)
            try Self.update(db, id: id, to: definition, at: at)
            try Self.audit(db, window: id, at: at, action: .edited, by: by, detail: detail)
            return try Self.liveWindow(db, id: id)
        }
    }

    /// Moves the end of one occurrence; see ``MaintenanceStore/adjustMaintenanceOccurrence(id:_:action:by:at:detail:)``.
    public func adjustMaintenanceOccurrence(
        id: Int64, _ adjustment: OccurrenceAdjustment, action: MaintenanceAuditEntry.Action, by: String, at: Date,
        detail: String
    ) async throws(StoreError) -> MaintenanceWindow {
        try await write("adjust maintenance occurrence") { db in
            let window = try Self.liveWindow(db, id: id)
            var adjustments = window.adjustments.filter { $0.occurrenceStart != adjustment.occurrenceStart }
            adjustments.append(adjustment)
            adjustments.sort { $0.occurrenceStart < $1.occurrenceStart }
            try db.execute(
                sql: "UPDATE maintenance_window SET adjustments = ?, updated_at = ? WHERE id = ?",
                arguments: [try MaintenanceRowFormat.adjustmentsJSON(adjustments), StoredTime.milliseconds(at), id])
            try Self.audit(db, window: id, at: at, action: action, by: by, detail: detail)
            return try Self.liveWindow(db, id: id)
        }
    }

    /// Deletes a window; see ``MaintenanceStore/deleteMaintenanceWindow(id:by:at:)``.
    public func deleteMaintenanceWindow(id: Int64, by: String, at: Date) async throws(StoreError)
        -> MaintenanceWindow
    {
        try await write("delete maintenance window") { db in
            let window = try Self.liveWindow(db, id: id)
            try Self.markDeleted(db, window: window, by: by, at: at, detail: "deleted")
            return window
        }
    }

    /// The audit trail of a window; see ``MaintenanceStore/maintenanceAudit(windowID:)``.
    public func maintenanceAudit(windowID: Int64) async throws(StoreError) -> [MaintenanceAuditEntry] {
        try await read("read maintenance audit trail") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM maintenance_audit WHERE window_id = ? ORDER BY id", arguments: [windowID]
            ).map { try MaintenanceRowFormat.auditEntry($0.columns) }
        }
    }

    /// Makes the windows from files equal `drafts`; see ``MaintenanceStore/syncConfiguredMaintenance(_:at:)``.
    public func syncConfiguredMaintenance(_ drafts: [MaintenanceWindowDraft], at: Date) async throws(StoreError)
        -> MaintenanceSync
    {
        try await write("apply maintenance windows from files") { db in
            let existing = try Row.fetchAll(
                db,
                sql: "SELECT * FROM maintenance_window WHERE deleted_at IS NULL AND origin != 'runtime' ORDER BY id"
            ).map { try MaintenanceRowFormat.window($0.columns) }
            var byName: [String: MaintenanceWindow] = [:]
            for window in existing { if let name = window.name { byName[name] = window } }
            var sync = MaintenanceSync()
            var seen: Set<String> = []
            for draft in drafts {
                guard let name = draft.name else { continue }
                seen.insert(name)
                let file = MaintenanceRowFormat.originText(draft.origin)
                guard let window = byName[name] else {
                    _ = try Self.insert(draft, db, at: at)
                    sync.created += 1
                    continue
                }
                guard window.definition != draft.definition || window.origin != draft.origin else { continue }
                let detail = MaintenanceDescription.changes(from: window.definition, to: draft.definition)
                try Self.update(db, id: window.id, to: draft.definition, at: at)
                try db.execute(
                    sql: "UPDATE maintenance_window SET origin = ?, created_by = ? WHERE id = ?",
                    arguments: [file, draft.createdBy, window.id])
                try Self.audit(
                    db, window: window.id, at: at, action: .edited, by: file,
                    detail: detail.isEmpty ? "moved to \(file)" : detail)
                sync.edited += 1
            }
            for window in existing where !seen.contains(window.name ?? "") {
                let file = MaintenanceRowFormat.originText(window.origin)
                try Self.markDeleted(db, window: window, by: file, at: at, detail: "no longer in any maintenance file")
                sync.deleted += 1
            }
            return sync
        }
    }

    /// The revision counter; see ``MaintenanceStore/maintenanceRevision()``.
    public func maintenanceRevision() async throws(StoreError) -> Int64 {
        try await read("read maintenance revision") { db in
            try Int64.fetchOne(db, sql: "SELECT revision FROM maintenance_revision WHERE id = 1") ?? 0
        }
    }

    // Writes inside a transaction

    private static func insert(_ draft: MaintenanceWindowDraft, _ db: Database, at: Date) throws -> Int64 {
        var arguments = try MaintenanceRows.definitionArguments(draft.definition)
        let now = StoredTime.milliseconds(at)
        arguments["name"] = draft.name
        arguments["origin"] = MaintenanceRowFormat.originText(draft.origin)
        arguments["created_by"] = draft.createdBy
        arguments["created_at"] = now
        arguments["updated_at"] = now
        let columns = arguments.keys.sorted()
        try db.execute(
            sql: "INSERT INTO maintenance_window (\(columns.joined(separator: ", "))) VALUES ("
                + columns.map { ":\($0)" }.joined(separator: ", ") + ")",
            arguments: StatementArguments(arguments))
        let id = db.lastInsertedRowID
        try audit(
            db, window: id, at: at, action: .created, by: draft.createdBy,
            detail: MaintenanceDescription.describe(draft.definition))
        return id
    }

    private static func update(_ db: Database, id: Int64, to definition: MaintenanceDefinition, at: Date) throws {
        var arguments = try MaintenanceRows.definitionArguments(definition)
        let columns = arguments.keys.sorted()
        arguments["updated_at"] = StoredTime.milliseconds(at)
        arguments["id"] = id
        // A new schedule makes the adjustments of the old one meaningless.
        try db.execute(
            sql: "UPDATE maintenance_window SET "
                + columns.map { "\($0) = :\($0)" }.joined(separator: ", ")
                + ", adjustments = '[]', updated_at = :updated_at WHERE id = :id",
            arguments: StatementArguments(arguments))
    }

    private static func markDeleted(
        _ db: Database, window: MaintenanceWindow, by: String, at: Date, detail: String
    ) throws {
        try db.execute(
            sql: "UPDATE maintenance_window SET deleted_at = ?, updated_at = ? WHERE id = ?",
            arguments: [StoredTime.milliseconds(at), StoredTime.milliseconds(at), window.id])
        try audit(db, window: window.id, at: at, action: .deleted, by: by, detail: detail)
    }

    /// Adds an audit entry and bumps the revision: every change goes through here.
    private static func audit(
        _ db: Database, window: Int64, at: Date, action: MaintenanceAuditEntry.Action, by: String, detail: String
    ) throws {
        try db.execute(
            sql: "INSERT INTO maintenance_audit (window_id, at, action, by, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [window, StoredTime.milliseconds(at), action.rawValue, by, detail])
        try db.execute(sql: "UPDATE maintenance_revision SET revision = revision + 1 WHERE id = 1")
    }

    private static func window(_ db: Database, id: Int64) throws -> MaintenanceWindow? {
        try Row.fetchOne(db, sql: "SELECT * FROM maintenance_window WHERE id = ?", arguments: [id])
            .map { try MaintenanceRowFormat.window($0.columns) }
    }

    private static func liveWindow(_ db: Database, id: Int64) throws -> MaintenanceWindow {
        guard let window = try window(db, id: id), window.deletedAt == nil else {
            throw StoreError(
                .notFound, message: "there is no maintenance #\(id)", operation: "read maintenance window")
        }
        return window
    }
}
