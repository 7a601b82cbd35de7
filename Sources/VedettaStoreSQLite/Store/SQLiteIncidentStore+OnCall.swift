public import Foundation
import GRDB
public import VedettaCore
public import VedettaOnCall
import VedettaStoreRows

extension SQLiteIncidentStore: SubstitutionStore {
    /// The substitutions in force that overlap a period; see
    /// ``SubstitutionStore/substitutions(schedule:endingAfter:startingBefore:)``.
    public func substitutions(schedule: String?, endingAfter: Date, startingBefore: Date) async throws(StoreError)
        -> [Substitution]
    {
        let after = StoredTime.milliseconds(endingAfter)
        let before = StoredTime.milliseconds(startingBefore)
        return try await read("list substitutions") { db in
            let rows: [Row]
            if let schedule {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM oncall_substitution WHERE deleted_at IS NULL AND schedule = ? AND ends_at > ?
                        AND starts_at < ? ORDER BY starts_at, id
                        """, arguments: [schedule, after, before])
            } else {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM oncall_substitution WHERE deleted_at IS NULL AND ends_at > ? AND starts_at < ?
                        ORDER BY starts_at, id
                        """, arguments: [after, before])
            }
            return try rows.map(Self.substitution)
        }
    }

    /// Substitution `id`, removed or not; see ``SubstitutionStore/substitution(id:)``.
    public func substitution(id: Int64) async throws(StoreError) -> Substitution? {
        try await read("read substitution") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM oncall_substitution WHERE id = ?", arguments: [id])
                .map(Self.substitution)
        }
    }

    /// Stores a substitution with its audit entry; see ``SubstitutionStore/createSubstitution(_:at:detail:)``.
    public func createSubstitution(_ draft: SubstitutionDraft, at: Date, detail: String) async throws(StoreError)
        -> Substitution
    {
        try await write("create substitution") { db in
            try db.execute(
                sql: """
                    INSERT INTO oncall_substitution
                    (schedule, substitute, covers, starts_at, ends_at, reason, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    draft.schedule, draft.substitute, draft.covers, StoredTime.milliseconds(draft.start),
                    StoredTime.milliseconds(draft.end), draft.reason, draft.createdBy, StoredTime.milliseconds(at),
                ])
            let id = db.lastInsertedRowID
            try Self.auditSubstitution(db, id: id, at: at, action: .created, by: draft.createdBy, detail: detail)
            return try Self.liveSubstitution(db, id: id)
        }
    }

    /// Removes a substitution with its audit entry; see ``SubstitutionStore/deleteSubstitution(id:by:at:detail:)``.
    public func deleteSubstitution(id: Int64, by: String, at: Date, detail: String) async throws(StoreError)
        -> Substitution
    {
        try await write("remove substitution") { db in
            let substitution = try Self.liveSubstitution(db, id: id)
            try db.execute(
                sql: "UPDATE oncall_substitution SET deleted_at = ? WHERE id = ?",
                arguments: [StoredTime.milliseconds(at), id])
            try Self.auditSubstitution(db, id: id, at: at, action: .deleted, by: by, detail: detail)
            return substitution
        }
    }

    /// The audit trail of a substitution; see ``SubstitutionStore/substitutionAudit(id:)``.
    public func substitutionAudit(id: Int64) async throws(StoreError) -> [SubstitutionAuditEntry] {
        try await read("read substitution audit trail") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM oncall_audit WHERE substitution_id = ? ORDER BY id", arguments: [id]
            ).map { row in
                let action: String = try row.decode(String.self, forColumn: "action")
                return SubstitutionAuditEntry(
                    substitutionID: try row.decode(Int64.self, forColumn: "substitution_id"),
                    at: StoredTime.date(try row.decode(Int64.self, forColumn: "at")),
                    action: SubstitutionAuditEntry.Action(rawValue: action) ?? .created,
                    by: try row.decode(String.self, forColumn: "by"),
                    detail: try row.decode(String.self, forColumn: "detail"))
            }
        }
    }

    private static func liveSubstitution(_ db: Database, id: Int64) throws -> Substitution {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM oncall_substitution WHERE id = ? AND deleted_at IS NULL", arguments: [id])
        else {
            throw StoreError(.notFound, message: "there is no substitution #\(id)", operation: "read substitution")
        }
        return try substitution(row)
    }

    private static func auditSubstitution(
        _ db: Database, id: Int64, at: Date, action: SubstitutionAuditEntry.Action, by: String, detail: String
    ) throws {
        try db.execute(
            sql: "INSERT INTO oncall_audit (substitution_id, at, action, by, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, StoredTime.milliseconds(at), action.rawValue, by, detail])
    }

    private static func substitution(_ row: Row) throws -> Substitution {
        Substitution(
            id: try row.decode(Int64.self, forColumn: "id"),
            schedule: try row.decode(String.self, forColumn: "schedule"),
            substitute: try row.decode(String.self, forColumn: "substitute"),
            covers: try row.decode(String?.self, forColumn: "covers"),
            start: StoredTime.date(try row.decode(Int64.self, forColumn: "starts_at")),
            end: StoredTime.date(try row.decode(Int64.self, forColumn: "ends_at")),
            reason: try row.decode(String.self, forColumn: "reason"),
            createdBy: try row.decode(String.self, forColumn: "created_by"),
            createdAt: StoredTime.date(try row.decode(Int64.self, forColumn: "created_at")))
    }
}
