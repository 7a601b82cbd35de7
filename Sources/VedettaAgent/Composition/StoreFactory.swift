import Logging
import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaStorePostgres
import VedettaStoreSQLite

/// Opens the incident store of one store kind: the construction half of a store kind, whose reading half is its
/// ``VedettaConfig/StoreReader``.
protocol StoreFactory: Sendable {
    /// The kind's key under `store:`.
    var key: String { get }

    /// Opens the store `settings` describe.
    /// - Parameters:
    ///   - settings: The store's settings; this kind's.
    ///   - create: Whether a missing store is created (the agent) or an error (the CLI).
    /// - Returns: The store, or `nil` when the settings are not this kind's.
    /// - Throws: `StoreError` naming the store.
    func openStore(_ settings: any StoreSettings, create: Bool) async throws(StoreError) -> (any AgentStore)?

    /// Claims the store for this agent while it runs (so that nothing replaces it meanwhile); released when the
    /// returned value is. `nil` when the kind needs no claim or the settings are not this kind's.
    /// - Throws: `StoreError` `conflict` naming the process in the way.
    func claim(_ settings: any StoreSettings) throws(StoreError) -> (any Sendable)?

    /// The backups, checks, restores and upgrades of the store, or `nil` when the settings are not this kind's.
    func copies(of settings: any StoreSettings) -> (any StoreCopies)?
}

/// The embedded SQLite store.
struct SQLiteStoreFactory: StoreFactory {
    let key = "sqlite"

    func openStore(_ settings: any StoreSettings, create: Bool) async throws(StoreError) -> (any AgentStore)? {
        guard let sqlite = settings as? SQLiteStoreConfiguration else { return nil }
        return try sqlite.open(createIfMissing: create)
    }

    /// A shared claim: agents may share a database, a restore may not replace it under them.
    func claim(_ settings: any StoreSettings) throws(StoreError) -> (any Sendable)? {
        guard let sqlite = settings as? SQLiteStoreConfiguration else { return nil }
        return try SQLiteStoreLock(database: sqlite.path, holder: .agent)
    }

    func copies(of settings: any StoreSettings) -> (any StoreCopies)? {
        (settings as? SQLiteStoreConfiguration).map { SQLiteCopies(database: $0.path) }
    }
}

/// A PostgreSQL database, shared by any number of agents and commands.
struct PostgresStoreFactory: StoreFactory {
    let key = "postgres"
    /// Where the connection pool logs what happens in the background (reconnections).
    let logger: Logger

    /// Connects and brings the schema up to date when `create` (the agent); the commands (`create` false) refuse
    /// a database whose schema is not current rather than migrate it behind the agent's back.
    func openStore(_ settings: any StoreSettings, create: Bool) async throws(StoreError) -> (any AgentStore)? {
        guard let postgres = settings as? PostgresStoreConfiguration else { return nil }
        return try await PostgresIncidentStore.open(postgres, migrate: create, logger: logger)
    }

    /// None: PostgreSQL serializes the agents' writes itself, and a restore is the database administrator's.
    func claim(_ settings: any StoreSettings) throws(StoreError) -> (any Sendable)? { nil }

    /// `pg_dump` and `pg_restore`, with the schema migrations.
    func copies(of settings: any StoreSettings) -> (any StoreCopies)? {
        (settings as? PostgresStoreConfiguration).map {
            PostgresCopies(copies: PostgresStoreCopies(settings: $0, logger: logger))
        }
    }
}
