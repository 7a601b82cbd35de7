import VedettaConfig
public import VedettaCore
import VedettaIncidents
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
    func openStore(_ settings: any StoreSettings, create: Bool) throws(StoreError) -> (any AgentStore)?

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

    func openStore(_ settings: any StoreSettings, create: Bool) throws(StoreError) -> (any AgentStore)? {
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
