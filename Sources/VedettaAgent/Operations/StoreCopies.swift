import Foundation
import Logging
import VedettaConfig
public import VedettaCore
public import VedettaIncidents
import VedettaStorePostgres
import VedettaStoreSQLite

/// Backups, checks, restores and schema upgrades of one configured store, for `vedetta store`. Each store kind
/// provides its own (``StoreFactory/copies(of:)``): an SQLite database is copied with SQLite's online backup.
public protocol StoreCopies: Sendable {
    /// Where the store is (a path or a URL without its password), for messages.
    var location: String { get }

    /// Copies the store, consistently, while the agent may be writing to it, and checks the copy.
    /// - Parameters:
    ///   - destination: The backup to write.
    ///   - replacing: Whether an existing `destination` may be replaced.
    /// - Returns: What the backup holds.
    func backup(to destination: String, replacing: Bool) async throws(StoreError) -> StoreSummary

    /// Checks the store itself (`backup` nil) or a backup of it, without changing either.
    func check(backup: String?) async throws(StoreError) -> StoreSummary

    /// Replaces the store with the backup at `backup`, after checking it, and upgrades its schema. Refused while an
    /// agent uses the store.
    /// - Returns: What the restored store holds and where the replaced one was kept (`nil` when there was none).
    func restore(from backup: String) async throws(StoreError) -> (restored: StoreSummary, replacedAt: String?)

    /// Applies the schema migrations the store lacks.
    /// - Returns: The migrations applied, oldest first.
    func upgrade() async throws(StoreError) -> [String]
}

/// The SQLite store's copies (``SQLiteStoreCopies``), with the store's lock held exclusively during a restore.
struct SQLiteCopies: StoreCopies {
    let database: String

    var location: String { database }

    func backup(to destination: String, replacing: Bool) async throws(StoreError) -> StoreSummary {
        try SQLiteStoreCopies.backup(of: database, to: destination, replacing: replacing)
    }

    func check(backup: String?) async throws(StoreError) -> StoreSummary {
        try SQLiteStoreCopies.check(backup ?? database)
    }

    func restore(from backup: String) async throws(StoreError) -> (restored: StoreSummary, replacedAt: String?) {
        // Held until the restore is over: an agent started meanwhile refuses to start rather than open a database
        // that is being replaced.
        let lock = try SQLiteStoreLock(database: database, holder: .restore)
        return try withExtendedLifetime(lock) { () throws(StoreError) in
            try SQLiteStoreCopies.restore(from: backup, to: database)
        }
    }

    func upgrade() async throws(StoreError) -> [String] {
        try SQLiteStoreCopies.upgrade(database)
    }
}

/// The PostgreSQL store's copies (``VedettaStorePostgres/PostgresStoreCopies``): `pg_dump` and `pg_restore`.
struct PostgresCopies: StoreCopies {
    let copies: PostgresStoreCopies

    var location: String { copies.location }

    func backup(to destination: String, replacing: Bool) async throws(StoreError) -> StoreSummary {
        try await copies.backup(to: destination, replacing: replacing)
    }

    func check(backup: String?) async throws(StoreError) -> StoreSummary {
        try await copies.check(backup: backup)
    }

    func restore(from backup: String) async throws(StoreError) -> (restored: StoreSummary, replacedAt: String?) {
        try await copies.restore(from: backup)
    }

    func upgrade() async throws(StoreError) -> [String] {
        try await copies.upgrade()
    }
}
