import Foundation
import GRDB
public import VedettaCore
import VedettaIncidents

/// The incident log and notification outbox in an SQLite database, through GRDB.
///
/// A file store uses a `DatabasePool` in WAL mode: readers (the API, `vedetta incidents`) never block the writer,
/// and several processes may share the file. Every write is one `IMMEDIATE` transaction, so an incident change
/// and the notifications it queues are committed together or not at all, and a crash or `kill -9` loses neither
/// half. A partial unique index keeps at most one open incident per fingerprint, even across processes.
///
/// ```swift
/// let store = try SQLiteIncidentStore(path: "/var/lib/vedetta/incidents.sqlite")
/// let opening = try await store.open(draft, at: now, notify: OutboxDraft.fanOut(to: ["ops"], event: .opened))
/// ```
public final class SQLiteIncidentStore: Sendable {
    let writer: any DatabaseWriter
    /// The database file path, or `:memory:`; reported in every error.
    public let location: String

    /// Opens the incident log at `path` and brings the schema up to date; by default creates the file and its
    /// directory when they are missing.
    ///
    /// - Parameters:
    ///   - path: The database file, e.g. `/var/lib/vedetta/incidents.sqlite`.
    ///   - createIfMissing: Whether a missing file (and directory) is created. Commands that only read the log,
    ///     or change an existing incident, pass `false`: a mistyped path is then an error, not an empty log.
    /// - Throws: ``StoreError`` with code `notFound` when the file does not exist and `createIfMissing` is false,
    ///   `unavailable` when the directory or file cannot be created or opened, `corrupt` when the file is not a
    ///   usable database, or `migrationFailed` when the schema cannot be upgraded.
    public init(path: String, createIfMissing: Bool = true) throws(StoreError) {
        guard createIfMissing || FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                .notFound,
                message: "there is no incident database at \(path); check the data directory (--data, or "
                    + "agent.data_dir in the configuration): the agent creates the database when it first runs",
                operation: "open database",
                database: path
            )
        }
        let directory = (path as NSString).deletingLastPathComponent
        if createIfMissing, !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    .unavailable,
                    message: "cannot create the directory \(directory) (\(error)); create it or choose another path",
                    operation: "open database",
                    database: path
                )
            }
        }
        var configuration = Configuration()
        configuration.label = "vedetta.incidents"
        // Another process (the CLI) may hold the write lock briefly; wait for it rather than fail.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL survives a process crash or kill -9, but may lose the last commits on
            // power loss or an OS crash. FULL fsyncs the WAL at every commit: a committed "opened" or "delivered"
            // survives anything short of disk failure, so no incident is lost and no page is sent twice. Incident
            // writes are rare (a few per alert), so the cost of one fsync per transaction does not matter.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads map the file instead of copying pages through read(2): a report over a year of a large log
            // reads a million rows. Only address space, not memory; writes still go through the WAL.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.mapping(error, operation: "open database", database: path)
        }
        try Self.migrate(pool, location: path)
        self.writer = pool
        self.location = path
    }

    private init(writer: any DatabaseWriter, location: String) {
        self.writer = writer
        self.location = location
    }

    /// Creates an empty store in memory, for tests and `--dry-run`; its content is lost when it is released.
    ///
    /// - Returns: The store, with the schema created.
    /// - Throws: ``StoreError`` when SQLite cannot create the database.
    public static func inMemory() throws(StoreError) -> SQLiteIncidentStore {
        let location = ":memory:"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: Configuration())
        } catch {
            throw StoreError.mapping(error, operation: "open database", database: location)
        }
        try migrate(queue, location: location)
        return SQLiteIncidentStore(writer: queue, location: location)
    }

    private static func migrate(_ writer: any DatabaseWriter, location: String) throws(StoreError) {
        let migrator = IncidentSchema.migrator
        do {
            if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError(
                    .migrationFailed,
                    message: "the database was upgraded by a newer Vedetta; run that version or restore a backup",
                    operation: "migrate schema",
                    database: location
                )
            }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw StoreError.mapping(error, operation: "migrate schema", database: location)
        } catch {
            var storeError = StoreError.mapping(error, operation: "migrate schema", database: location)
            storeError.code = .migrationFailed
            throw storeError
        }
    }

    /// Runs `body` in one write transaction and maps every error to a ``StoreError``.
    func write<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw StoreError.mapping(error, operation: operation, database: location)
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot) and maps every error to a ``StoreError``.
    func read<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw StoreError.mapping(error, operation: operation, database: location)
        }
    }
}
