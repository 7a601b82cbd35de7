import Foundation
import PostgresNIO
import VedettaCore

/// Brings a database's schema up to ``PostgresSchema/migrations``: each missing migration in its own transaction
/// with its row in `vedetta_migration`, under a session advisory lock so that agents starting together migrate once.
struct PostgresMigrator {
    let store: PostgresIncidentStore

    /// The migrations applied, oldest first.
    func applied() async throws(StoreError) -> [String] {
        try await store.read("read schema version") { session in
            let exists = try await session.value(
                "SELECT to_regclass('vedetta_migration') IS NOT NULL", as: Bool.self)
            guard exists == true else { return [] }
            return try await session.rows("SELECT identifier FROM vedetta_migration ORDER BY applied_at, identifier")
                .map { try $0["identifier", as: String.self] }
        }
    }

    /// Refuses a schema written by a newer Vedetta, or one that lacks migrations.
    func requireCurrent() async throws(StoreError) {
        let missing = try pending(applied: try await applied())
        guard missing.isEmpty else {
            let names = missing.map(\.identifier).joined(separator: ", ")
            throw StoreError(
                .migrationFailed,
                message: "the database lacks \(missing.count) schema migration(s) (\(names)); run vedetta store "
                    + "migrate, or start the agent, which migrates",
                operation: "check schema", database: store.location)
        }
    }

    /// Applies the missing migrations.
    /// - Returns: The identifiers applied now, oldest first.
    @discardableResult
    func migrate() async throws(StoreError) -> [String] {
        let store = self.store
        let logger = store.logger
        do {
            return try await store.client.withConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger)
                try await session.execute("SELECT pg_advisory_lock(\(PostgresIncidentStore.migrationLock))")
                do {
                    let done = try await migrateLocked(session)
                    try await session.execute("SELECT pg_advisory_unlock(\(PostgresIncidentStore.migrationLock))")
                    return done
                } catch {
                    try? await session.execute("SELECT pg_advisory_unlock(\(PostgresIncidentStore.migrationLock))")
                    throw error
                }
            }
        } catch {
            var mapped = StoreError.mapping(error, operation: "migrate schema", database: store.location)
            if mapped.code == .query || mapped.code == .conflict { mapped.code = .migrationFailed }
            throw mapped
        }
    }

    private func migrateLocked(_ session: PostgresSession) async throws -> [String] {
        try await session.execute(PostgresQuery(unsafeSQL: PostgresSchema.bookkeeping))
        let applied = try await session.rows("SELECT identifier FROM vedetta_migration")
            .map { try $0["identifier", as: String.self] }
        var done: [String] = []
        for migration in try pending(applied: applied) {
            try await session.execute("BEGIN")
            do {
                for statement in SQLScript.statements(migration.sql) {
                    try await session.execute(PostgresQuery(unsafeSQL: statement))
                }
                let now = Milliseconds.of(Date())
                try await session.execute(
                    "INSERT INTO vedetta_migration (identifier, applied_at) VALUES (\(migration.identifier), \(now))")
                try await session.execute("COMMIT")
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
            done.append(migration.identifier)
        }
        return done
    }

    /// The known migrations not in `applied`, after checking that every applied one is known.
    private func pending(applied: [String]) throws(StoreError) -> [PostgresSchema.Migration] {
        let known = Set(PostgresSchema.migrations.map(\.identifier))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw StoreError(
                .migrationFailed,
                message: "the database was upgraded by a newer Vedetta (migration \"\(unknown)\"); run that version "
                    + "or restore a backup",
                operation: "migrate schema", database: store.location)
        }
        let done = Set(applied)
        return PostgresSchema.migrations.filter { !done.contains($0.identifier) }
    }
}
