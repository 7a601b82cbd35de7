public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaOnCall

extension PostgresIncidentStore: SubstitutionStore {
    /// The substitutions in force that overlap a period; see
    /// ``SubstitutionStore/substitutions(schedule:endingAfter:startingBefore:)``.
    ///
    /// - Parameters:
    ///   - schedule: The schedule, or `nil` for every schedule.
    ///   - endingAfter: The substitutions listed end after this instant.
    ///   - startingBefore: They start before this one.
    /// - Returns: The substitutions not removed, by start.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func substitutions(schedule: String?, endingAfter: Date, startingBefore: Date) async throws(StoreError)
        -> [Substitution]
    {
        let after = Milliseconds.of(endingAfter)
        let before = Milliseconds.of(startingBefore)
        return try await read("list substitutions") { session in
            try await session.rows(
                """
                SELECT * FROM oncall_substitution WHERE deleted_at IS NULL
                AND (\(schedule)::TEXT IS NULL OR schedule = \(schedule)::TEXT)
                AND ends_at > \(after) AND starts_at < \(before) ORDER BY starts_at, id
                """
            ).map(Self.substitution)
        }
    }

    /// Substitution `id`, removed or not; see ``SubstitutionStore/substitution(id:)``.
    ///
    /// - Parameter id: The substitution's number.
    /// - Returns: The substitution, or `nil` when there is none.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func substitution(id: Int64) async throws(StoreError) -> Substitution? {
        try await read("read substitution") { session in
            try await session.first("SELECT * FROM oncall_substitution WHERE id = \(id)").map(Self.substitution)
        }
    }

    /// Stores a substitution with its audit entry; see ``SubstitutionStore/createSubstitution(_:at:detail:)``.
    ///
    /// - Parameters:
    ///   - draft: Who covers whom, on which schedule, when and why.
    ///   - at: When it is created.
    ///   - detail: The text of its `created` audit entry.
    /// - Returns: The substitution with its number.
    /// - Throws: ``StoreError`` when the database cannot be written (`conflict` when it does not end after it
    ///   starts).
    public func createSubstitution(_ draft: SubstitutionDraft, at: Date, detail: String) async throws(StoreError)
        -> Substitution
    {
        try await write("create substitution") { session in
            let inserted = try await session.value(
                """
                INSERT INTO oncall_substitution
                (schedule, substitute, covers, starts_at, ends_at, reason, created_by, created_at)
                VALUES (\(draft.schedule), \(draft.substitute), \(draft.covers), \(Milliseconds.of(draft.start)),
                \(Milliseconds.of(draft.end)), \(draft.reason), \(draft.createdBy), \(Milliseconds.of(at)))
                RETURNING id
                """, as: Int64.self)
            guard let id = inserted else {
                throw StoreError(
                    .query, message: "the new substitution has no number", operation: "create substitution")
            }
            try await Self.auditSubstitution(
                session, id: id, at: at, action: .created, by: draft.createdBy, detail: detail)
            return try await Self.liveSubstitution(session, id: id)
        }
    }

    /// Removes a substitution with its audit entry; see ``SubstitutionStore/deleteSubstitution(id:by:at:detail:)``.
    ///
    /// - Parameters:
    ///   - id: The substitution's number.
    ///   - by: Who removes it.
    ///   - at: When.
    ///   - detail: The text of its `deleted` audit entry.
    /// - Returns: The substitution as it was.
    /// - Throws: ``StoreError``: `notFound` for an unknown or already removed substitution.
    public func deleteSubstitution(id: Int64, by: String, at: Date, detail: String) async throws(StoreError)
        -> Substitution
    {
        try await write("remove substitution") { session in
            let substitution = try await Self.liveSubstitution(session, id: id)
            try await session.execute(
                "UPDATE oncall_substitution SET deleted_at = \(Milliseconds.of(at)) WHERE id = \(id)")
            try await Self.auditSubstitution(session, id: id, at: at, action: .deleted, by: by, detail: detail)
            return substitution
        }
    }

    /// The audit trail of a substitution, oldest first; see ``SubstitutionStore/substitutionAudit(id:)``.
    ///
    /// - Parameter id: The substitution's number.
    /// - Returns: Its audit entries.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func substitutionAudit(id: Int64) async throws(StoreError) -> [SubstitutionAuditEntry] {
        try await read("read substitution audit trail") { session in
            try await session.rows("SELECT * FROM oncall_audit WHERE substitution_id = \(id) ORDER BY id").map {
                row in
                SubstitutionAuditEntry(
                    substitutionID: try row["substitution_id", as: Int64.self],
                    at: Milliseconds.date(try row["at", as: Int64.self]),
                    action: SubstitutionAuditEntry.Action(rawValue: try row["action", as: String.self]) ?? .created,
                    by: try row["by", as: String.self],
                    detail: try row["detail", as: String.self])
            }
        }
    }

    private static func liveSubstitution(_ session: PostgresSession, id: Int64) async throws -> Substitution {
        guard
            let row = try await session.first(
                "SELECT * FROM oncall_substitution WHERE id = \(id) AND deleted_at IS NULL")
        else {
            throw StoreError(.notFound, message: "there is no substitution #\(id)", operation: "read substitution")
        }
        return try substitution(row)
    }

    private static func auditSubstitution(
        _ session: PostgresSession, id: Int64, at: Date, action: SubstitutionAuditEntry.Action, by: String,
        detail: String
    ) async throws {
        try await session.execute(
            """
            INSERT INTO oncall_audit (substitution_id, at, action, "by", detail)
            VALUES (\(id), \(Milliseconds.of(at)), \(action.rawValue), \(by), \(detail))
            """)
    }

    private static func substitution(_ row: StoredRow) throws -> Substitution {
        Substitution(
            id: try row["id", as: Int64.self],
            schedule: try row["schedule", as: String.self],
            substitute: try row["substitute", as: String.self],
            covers: try row["covers", as: String?.self],
            start: Milliseconds.date(try row["starts_at", as: Int64.self]),
            end: Milliseconds.date(try row["ends_at", as: Int64.self]),
            reason: try row["reason", as: String.self],
            createdBy: try row["created_by", as: String.self],
            createdAt: Milliseconds.date(try row["created_at", as: Int64.self]))
    }
}
