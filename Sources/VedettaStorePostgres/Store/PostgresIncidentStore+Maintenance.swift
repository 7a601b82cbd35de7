public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaMaintenance
import VedettaStoreRows

extension PostgresIncidentStore: MaintenanceStore {
    /// The windows that are not deleted, by number; see ``MaintenanceStore/maintenanceWindows()``.
    ///
    /// - Returns: The live windows.
    /// - Throws: ``StoreError`` when the database cannot be read, `corrupt` for a row the parsers refuse.
    public func maintenanceWindows() async throws(StoreError) -> [MaintenanceWindow] {
        try await read("list maintenance windows") { session in
            try await session.rows("SELECT * FROM maintenance_window WHERE deleted_at IS NULL ORDER BY id")
                .map(MaintenanceRowFormat.window)
        }
    }

    /// Window `id`, deleted or not; see ``MaintenanceStore/maintenanceWindow(id:)``.
    ///
    /// - Parameter id: The window's number.
    /// - Returns: The window, or `nil` when there is none.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func maintenanceWindow(id: Int64) async throws(StoreError) -> MaintenanceWindow? {
        try await read("read maintenance window") { session in
            try await Self.window(session, id: id)
        }
    }

    /// Creates a window; see ``MaintenanceStore/createMaintenanceWindow(_:at:)``.
    ///
    /// - Parameters:
    ///   - draft: The window's definition, author, name and origin.
    ///   - at: When it is created.
    /// - Returns: The window with its number.
    /// - Throws: ``StoreError`` when the database cannot be written (`conflict` for a taken name).
    public func createMaintenanceWindow(_ draft: MaintenanceWindowDraft, at: Date) async throws(StoreError)
        -> MaintenanceWindow
    {
        try await write("create maintenance window") { session in
            let id = try await Self.insert(draft, session, at: at)
            return try await Self.liveWindow(session, id: id)
        }
    }

    /// Replaces a window's definition; see ``MaintenanceStore/updateMaintenanceWindow(id:to:by:at:detail:)``.
    ///
    /// - Parameters:
    ///   - id: The window's number.
    ///   - definition: The new definition; the adjustments of the old schedule are dropped.
    ///   - by: Who edits it.
    ///   - at: When.
    ///   - detail: The audit entry's text.
    /// - Returns: The window as edited.
    /// - Throws: ``StoreError``: `notFound` for an unknown or deleted window.
    public func updateMaintenanceWindow(
        id: Int64, to definition: MaintenanceDefinition, by: String, at: Date, detail: String
    ) async throws(StoreError) -> MaintenanceWindow {
        try await write("edit maintenance window") { session in
            _ = try await Self.liveWindow(session, id: id)
            try await Self.update(session, id: id, to: definition, at: at)
            try await Self.audit(session, window: id, at: at, action: .edited, by: by, detail: detail)
            return try await Self.liveWindow(session, id: id)
        }
    }

    /// Moves the end of one occurrence; see
    /// ``MaintenanceStore/adjustMaintenanceOccurrence(id:_:action:by:at:detail:)``.
    ///
    /// - Parameters:
    ///   - id: The window's number.
    ///   - adjustment: The occurrence and its new end; replaces an earlier adjustment of the same occurrence.
    ///   - action: The audit action (extended, ended early).
    ///   - by: Who adjusts it.
    ///   - at: When.
    ///   - detail: The audit entry's text.
    /// - Returns: The window as adjusted.
    /// - Throws: ``StoreError``: `notFound` for an unknown or deleted window.
    public func adjustMaintenanceOccurrence(
        id: Int64, _ adjustment: OccurrenceAdjustment, action: MaintenanceAuditEntry.Action, by: String, at: Date,
        detail: String
    ) async throws(StoreError) -> MaintenanceWindow {
        try await write("adjust maintenance occurrence") { session in
            let window = try await Self.liveWindow(session, id: id)
            var adjustments = window.adjustments.filter { $0.occurrenceStart != adjustment.occurrenceStart }
            adjustments.append(adjustment)
            adjustments.sort { $0.occurrenceStart < $1.occurrenceStart }
            let text = try MaintenanceRowFormat.adjustmentsJSON(adjustments)
            try await session.execute(
                "UPDATE maintenance_window SET adjustments = \(text), updated_at = \(Milliseconds.of(at)) WHERE id = \(id)"
            )
            try await Self.audit(session, window: id, at: at, action: action, by: by, detail: detail)
            return try await Self.liveWindow(session, id: id)
        }
    }

    /// Deletes a window (kept, marked deleted); see ``MaintenanceStore/deleteMaintenanceWindow(id:by:at:)``.
    ///
    /// - Parameters:
    ///   - id: The window's number.
    ///   - by: Who deletes it.
    ///   - at: When.
    /// - Returns: The window as it was.
    /// - Throws: ``StoreError``: `notFound` for an unknown or already deleted window.
    public func deleteMaintenanceWindow(id: Int64, by: String, at: Date) async throws(StoreError)
        -> MaintenanceWindow
    {
        try await write("delete maintenance window") { session in
            let window = try await Self.liveWindow(session, id: id)
            try await Self.markDeleted(session, window: window, by: by, at: at, detail: "deleted")
            return window
        }
    }

    /// The audit trail of a window, oldest first; see ``MaintenanceStore/maintenanceAudit(windowID:)``.
    ///
    /// - Parameter windowID: The window's number.
    /// - Returns: Its audit entries.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func maintenanceAudit(windowID: Int64) async throws(StoreError) -> [MaintenanceAuditEntry] {
        try await read("read maintenance audit trail") { session in
            try await session.rows("SELECT * FROM maintenance_audit WHERE window_id = \(windowID) ORDER BY id")
                .map(MaintenanceRowFormat.auditEntry)
        }
    }

    /// Makes the windows from files equal `drafts`, matched by name; see
    /// ``MaintenanceStore/syncConfiguredMaintenance(_:at:)``.
    ///
    /// - Parameters:
    ///   - drafts: The windows the maintenance files define now.
    ///   - at: When they were read.
    /// - Returns: How many windows were created, edited and deleted.
    /// - Throws: ``StoreError`` when the database cannot be written.
    public func syncConfiguredMaintenance(_ drafts: [MaintenanceWindowDraft], at: Date) async throws(StoreError)
        -> MaintenanceSync
    {
        try await write("apply maintenance windows from files") { session in
            let existing = try await session.rows(
                "SELECT * FROM maintenance_window WHERE deleted_at IS NULL AND origin <> 'runtime' ORDER BY id"
            ).map(MaintenanceRowFormat.window)
            var byName: [String: MaintenanceWindow] = [:]
            for window in existing { if let name = window.name { byName[name] = window } }
            var sync = MaintenanceSync()
            var seen: Set<String> = []
            for draft in drafts {
                guard let name = draft.name else { continue }
                seen.insert(name)
                let file = MaintenanceRowFormat.originText(draft.origin)
                guard let window = byName[name] else {
                    _ = try await Self.insert(draft, session, at: at)
                    sync.created += 1
                    continue
                }
                guard window.definition != draft.definition || window.origin != draft.origin else { continue }
                let detail = MaintenanceDescription.changes(from: window.definition, to: draft.definition)
                try await Self.update(session, id: window.id, to: draft.definition, at: at)
                try await session.execute(
                    "UPDATE maintenance_window SET origin = \(file), created_by = \(draft.createdBy) WHERE id = \(window.id)"
                )
                try await Self.audit(
                    session, window: window.id, at: at, action: .edited, by: file,
                    detail: detail.isEmpty ? "moved to \(file)" : detail)
                sync.edited += 1
            }
            for window in existing where !seen.contains(window.name ?? "") {
                let file = MaintenanceRowFormat.originText(window.origin)
                try await Self.markDeleted(
                    session, window: window, by: file, at: at, detail: "no longer in any maintenance file")
                sync.deleted += 1
            }
            return sync
        }
    }

    /// The revision counter, bumped by every change; see ``MaintenanceStore/maintenanceRevision()``.
    ///
    /// - Returns: The revision.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func maintenanceRevision() async throws(StoreError) -> Int64 {
        try await read("read maintenance revision") { session in
            try await session.value("SELECT revision FROM maintenance_revision WHERE id = 1", as: Int64.self) ?? 0
        }
    }

    // Writes inside a transaction

    private static func insert(_ draft: MaintenanceWindowDraft, _ session: PostgresSession, at: Date) async throws
        -> Int64
    {
        let columns = try MaintenanceRowFormat.definitionColumns(draft.definition)
        let now = Milliseconds.of(at)
        let origin = MaintenanceRowFormat.originText(draft.origin)
        let inserted = try await session.value(
            """
            INSERT INTO maintenance_window (name, origin, match, start_local, time_zone, duration_ms, rrule, exdates,
            reason, created_by, created_at, updated_at)
            VALUES (\(draft.name), \(origin), \(columns.match), \(columns.startLocal), \(columns.timeZone),
            \(columns.durationMilliseconds), \(columns.rrule), \(columns.exdates), \(columns.reason),
            \(draft.createdBy), \(now), \(now))
            RETURNING id
            """, as: Int64.self)
        guard let id = inserted else {
            throw StoreError(
                .query, message: "the new maintenance window has no number", operation: "create maintenance window")
        }
        try await audit(
            session, window: id, at: at, action: .created, by: draft.createdBy,
            detail: MaintenanceDescription.describe(draft.definition))
        return id
    }

    private static func update(
        _ session: PostgresSession, id: Int64, to definition: MaintenanceDefinition, at: Date
    ) async throws {
        let columns = try MaintenanceRowFormat.definitionColumns(definition)
        // A new schedule makes the adjustments of the old one meaningless.
        try await session.execute(
            """
            UPDATE maintenance_window SET match = \(columns.match), start_local = \(columns.startLocal),
            time_zone = \(columns.timeZone), duration_ms = \(columns.durationMilliseconds), rrule = \(columns.rrule),
            exdates = \(columns.exdates), reason = \(columns.reason), adjustments = '[]',
            updated_at = \(Milliseconds.of(at))
            WHERE id = \(id)
            """)
    }

    private static func markDeleted(
        _ session: PostgresSession, window: MaintenanceWindow, by: String, at: Date, detail: String
    ) async throws {
        let now = Milliseconds.of(at)
        try await session.execute(
            "UPDATE maintenance_window SET deleted_at = \(now), updated_at = \(now) WHERE id = \(window.id)")
        try await audit(session, window: window.id, at: at, action: .deleted, by: by, detail: detail)
    }

    /// Adds an audit entry and bumps the revision: every change goes through here.
    private static func audit(
        _ session: PostgresSession, window: Int64, at: Date, action: MaintenanceAuditEntry.Action, by: String,
        detail: String
    ) async throws {
        try await session.execute(
            """
            INSERT INTO maintenance_audit (window_id, at, action, "by", detail)
            VALUES (\(window), \(Milliseconds.of(at)), \(action.rawValue), \(by), \(detail))
            """)
        try await session.execute("UPDATE maintenance_revision SET revision = revision + 1 WHERE id = 1")
    }

    private static func window(_ session: PostgresSession, id: Int64) async throws -> MaintenanceWindow? {
        try await session.first("SELECT * FROM maintenance_window WHERE id = \(id)").map(MaintenanceRowFormat.window)
    }

    private static func liveWindow(_ session: PostgresSession, id: Int64) async throws -> MaintenanceWindow {
        guard let window = try await window(session, id: id), window.deletedAt == nil else {
            throw StoreError(
                .notFound, message: "there is no maintenance #\(id)", operation: "read maintenance window")
        }
        return window
    }
}
