public import Foundation
import GRDB
public import VedettaCore
public import VedettaIncidents

#if canImport(Glibc)
    import Glibc
#endif

/// Backups, checks, restores and schema upgrades of the SQLite store, for `vedetta store`.
///
/// - A **backup** is SQLite's online backup: a consistent copy taken in one read transaction, so the agent keeps
///   writing meanwhile (WAL readers never block the writer). It is written beside its destination and renamed into
///   place only once it is complete and checked, so a failed backup never leaves a half file under the final name.
///   The copy is one self-contained file (rollback journal, no `-wal`), readable with the `sqlite3` shell too.
/// - A **check** opens a backup (or a database) without changing it: `PRAGMA integrity_check`, the schema
///   migrations it has against those this build knows, and what it holds.
/// - A **restore** checks the backup first, moves the current database aside (with its `-wal`, which may hold
///   committed changes), copies the backup into place and upgrades its schema; if the copy or the upgrade fails,
///   the moved files come back.
/// - An **upgrade** applies the migrations this build has and the database lacks (the agent does it when it
///   starts; `vedetta store migrate` does it beforehand, or says what it would do).
public enum SQLiteStoreCopies {
    /// Copies the database at `database` to `destination` while the agent may be writing to it, then checks the
    /// copy.
    /// - Parameters:
    ///   - database: The store's database file.
    ///   - destination: The backup file to write.
    ///   - replacing: Whether an existing file at `destination` may be replaced.
    /// - Returns: What the backup holds.
    /// - Throws: ``VedettaCore/StoreError``: `notFound` without a database, `conflict` when `destination` exists
    ///   and `replacing` is false, `corrupt` when the copy fails its check; the partial file is removed.
    public static func backup(of database: String, to destination: String, replacing: Bool) throws(StoreError)
        -> StoreSummary
    {
        let operation = "back up the store"
        try requireDatabase(at: database, operation: operation)
        if !replacing, FileManager.default.fileExists(atPath: destination) {
            throw StoreError(
                .conflict, message: "\(destination) exists; choose another file or pass --force to replace it",
                operation: operation, database: database)
        }
        let partial = destination + ".partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try? FileManager.default.removeItem(atPath: partial)
        try copyPages(from: database, to: partial, operation: operation)
        let summary = try check(partial, operation: "check the backup")
        guard summary.isIntact else {
            throw StoreError(
                .corrupt, message: "the copy failed its integrity check: \(summary.integrity)", operation: operation,
                database: database)
        }
        // rename(2) replaces an existing file atomically: FILE is the old backup or the new one, never half of one.
        guard rename(partial, destination) == 0 else {
            throw StoreError(
                .io, message: "cannot move the backup to \(destination): \(String(cString: strerror(errno)))",
                operation: operation, database: database)
        }
        var written = summary
        written.path = destination
        return written
    }

    /// Checks a database or backup without changing it.
    /// - Parameter path: The file.
    /// - Returns: What it holds, and whether it is intact.
    /// - Throws: ``VedettaCore/StoreError``: `notFound` without a file, `corrupt` when it is not an SQLite database
    ///   or not a Vedetta store.
    public static func check(_ path: String) throws(StoreError) -> StoreSummary {
        try requireDatabase(at: path, operation: "check the store")
        return try check(path, operation: "check the store")
    }

    /// Replaces the database at `database` with the backup at `backup`, after checking it. The agent must not be
    /// running on `database` (the caller makes sure of it).
    /// - Parameters:
    ///   - backup: A backup made by ``backup(of:to:replacing:)`` (or any copy of a Vedetta store).
    ///   - database: The store's database file; it need not exist.
    ///   - now: The time that names the moved-aside files.
    /// - Returns: What the restored database holds (its schema upgraded to this build's; its `integrity` is the
    ///   backup's, checked before the copy), and where the database it replaced was moved (`nil` when there was
    ///   none).
    /// - Throws: ``VedettaCore/StoreError``: `corrupt` when the backup fails its check, `migrationFailed` when it
    ///   comes from a newer Vedetta or its schema cannot be upgraded, `io` when the files cannot be moved; the
    ///   database is then left as it was.
    public static func restore(from backup: String, to database: String, at now: Date = Date()) throws(StoreError)
        -> (restored: StoreSummary, replacedAt: String?)
    {
        let operation = "restore the store"
        try requireDatabase(at: backup, operation: operation)
        let source = try check(backup, operation: "check the backup")
        guard source.isIntact else {
            throw StoreError(
                .corrupt, message: "\(backup) failed its integrity check (\(source.integrity)); nothing was changed",
                operation: operation, database: database)
        }
        let staged = database + ".restoring"
        defer { try? FileManager.default.removeItem(atPath: staged) }
        try? FileManager.default.removeItem(atPath: staged)
        try copyPages(from: backup, to: staged, operation: operation)
        let replacedAt = try moveAside(database, suffix: "replaced-" + stamp(now), operation: operation)
        do {
            try FileManager.default.moveItem(atPath: staged, toPath: database)
        } catch {
            if let replacedAt { moveBack(replacedAt, to: database) }
            throw StoreError(
                .io, message: "cannot move the restored copy into place: \(error); the database was left as it was",
                operation: operation, database: database)
        }
        do throws(StoreError) {
            try upgrade(database)
        } catch {
            // The backup passed its check but its schema could not be upgraded: put the previous database back.
            for part in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + part) }
            if let replacedAt { moveBack(replacedAt, to: database) }
            throw error
        }
        // The pages are the backup's, checked above: the restored database is not read through a second time.
        var restored = try check(database, operation: "read the restored store", integrity: false)
        restored.integrity = source.integrity
        return (restored, replacedAt)
    }

    /// Applies the schema migrations the database lacks.
    /// - Parameter database: The store's database file; it must exist.
    /// - Returns: The migrations applied, oldest first (empty when it was up to date).
    /// - Throws: ``VedettaCore/StoreError``: `notFound`, or `migrationFailed` (a newer Vedetta's database, or a
    ///   migration that failed: the database keeps its previous schema).
    @discardableResult
    public static func upgrade(_ database: String) throws(StoreError) -> [String] {
        try requireDatabase(at: database, operation: "upgrade the store")
        let before = try check(database, operation: "upgrade the store", integrity: false).appliedMigrations
        _ = try SQLiteIncidentStore(path: database, createIfMissing: false)
        let after = try check(database, operation: "upgrade the store", integrity: false).appliedMigrations
        return after.filter { !before.contains($0) }
    }

    // MARK: - Files

    private static func requireDatabase(at path: String, operation: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, message: "there is no file at \(path)", operation: operation, database: path)
        }
    }

    /// Copies every page of `source` into a new file `destination` through SQLite's backup API, as one consistent
    /// snapshot, and makes the copy a self-contained file (rollback journal).
    private static func copyPages(from source: String, to destination: String, operation: String) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let reader = try DatabaseQueue(path: source, configuration: configuration)
            let copy = try DatabaseQueue(path: destination)
            try reader.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            try reader.close()
        } catch {
            throw StoreError.mapping(error, operation: operation, database: source)
        }
    }

    /// Moves `database` and its `-wal` and `-shm` files to `database.SUFFIX` (and `…-wal`, `…-shm`, so SQLite
    /// finds the log of the moved file). Returns the new path of the database, or `nil` when there was none.
    private static func moveAside(_ database: String, suffix: String, operation: String) throws(StoreError)
        -> String?
    {
        guard FileManager.default.fileExists(atPath: database) else { return nil }
        let aside = database + "." + suffix
        var moved: [(from: String, to: String)] = []
        for part in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + part) {
            do {
                try FileManager.default.moveItem(atPath: database + part, toPath: aside + part)
                moved.append((database + part, aside + part))
            } catch {
                for file in moved.reversed() { try? FileManager.default.moveItem(atPath: file.to, toPath: file.from) }
                throw StoreError(
                    .io, message: "cannot move \(database + part) aside: \(error); nothing was changed",
                    operation: operation, database: database)
            }
        }
        return aside
    }

    private static func moveBack(_ aside: String, to database: String) {
        for part in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: aside + part) {
            try? FileManager.default.moveItem(atPath: aside + part, toPath: database + part)
        }
    }

    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    // MARK: - Checking

    /// The `integrity` of a summary read without `PRAGMA integrity_check`.
    static let integrityNotChecked = "not checked"

    /// What `path` holds; with `integrity` false, without `PRAGMA integrity_check` (which reads every page: about 5 s
    /// per million incidents), its `integrity` then being `integrityNotChecked`.
    private static func check(_ path: String, operation: String, integrity checksIntegrity: Bool = true)
        throws(StoreError) -> StoreSummary
    {
        do {
            // Not `readonly`: a WAL database without its `-shm` cannot be opened read-only. Nothing is written.
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = 1") }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let known = IncidentSchema.migrator.migrations
            return try queue.read { db in
                let integrity =
                    checksIntegrity
                    ? try String.fetchAll(db, sql: "PRAGMA integrity_check").prefix(5).joined(separator: "; ")
                    : integrityNotChecked
                guard try db.tableExists("grdb_migrations"), try db.tableExists("incident") else {
                    throw StoreError(
                        .corrupt, message: "\(path) is an SQLite database but not a Vedetta store",
                        operation: operation, database: path)
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                let unknown = applied.filter { !known.contains($0) }
                guard unknown.isEmpty else {
                    throw StoreError(
                        .migrationFailed,
                        message: "\(path) was written by a newer Vedetta (schema \(unknown.joined(separator: ", ")));"
                            + " use that version",
                        operation: operation, database: path)
                }
                let count = { (sql: String) throws -> Int in try Int.fetchOne(db, sql: sql) ?? 0 }
                return StoreSummary(
                    path: path,
                    bytes: fileSize(path),
                    incidents: try count("SELECT COUNT(*) FROM incident"),
                    openIncidents: try count("SELECT COUNT(*) FROM incident WHERE restored_at IS NULL"),
                    pendingNotifications: try count(
                        "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL"),
                    maintenanceWindows: try db.tableExists("maintenance_window")
                        ? count("SELECT COUNT(*) FROM maintenance_window") : 0,
                    users: try db.tableExists("access_user") ? count("SELECT COUNT(*) FROM access_user") : 0,
                    appliedMigrations: known.filter { applied.contains($0) },
                    pendingMigrations: known.filter { !applied.contains($0) },
                    integrity: integrity)
            }
        } catch {
            throw StoreError.mapping(error, operation: operation, database: path)
        }
    }

    private static func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
