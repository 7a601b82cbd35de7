import Foundation
import Synchronization
public import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaStorePostgres
import VedettaStoreSQLite

/// Copies everything one store holds into another, empty store, of the same kind or another: `vedetta store copy`,
/// to move an installation from the embedded SQLite file to PostgreSQL (or back, or to a second server).
///
/// Rows are read from one consistent snapshot of the source and written in batches, each batch one transaction;
/// the incidents' report spans are rebuilt by the destination. The copy refuses a destination that already holds
/// anything, and ends by comparing every table's row count on both sides.
public enum StoreTransfer {
    /// What a copy moved.
    public struct Report: Sendable {
        /// Where the rows came from and went to (without passwords).
        public var source: String
        /// The destination.
        public var destination: String
        /// The rows copied, by table, in copy order.
        public var rows: [(table: String, count: Int)]
    }

    /// The rows each batch carries.
    public static let batchSize = 1_000

    /// Copies `source` into `destination`.
    /// - Parameters:
    ///   - source: The store to read; it is not changed.
    ///   - destination: The store to fill: an SQLite file that does not exist yet or is empty, or an empty
    ///     PostgreSQL database (its schema is created).
    /// - Returns: What was copied.
    /// - Throws: `AgentError` `store` when either store cannot be opened, read or written, or `invalidInput` when
    ///   the destination is the source or is not empty.
    public static func copy(from source: StoreConfiguration, to destination: StoreConfiguration)
        async throws(AgentError) -> Report
    {
        guard source.settings.location != destination.settings.location else {
            throw AgentError(.invalidInput, "the source and the destination are the same store")
        }
        let from = try await Agent.openStore(source, create: false)
        let to = try await Agent.openStore(destination, create: true)
        let tables = StoredTables.copied
        do {
            let held = try await to.rowCounts(of: tables).filter {
                $0.value > 0 && !StoredTables.singletons.contains($0.key)
            }
            guard held.isEmpty else {
                let list = held.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                throw AgentError(
                    .invalidInput,
                    "\(destination.settings.location) is not empty (\(list)); copy only into a new store")
            }
            let copied = CopiedRows()
            try await from.exportRows(of: tables, batchSize: batchSize) { table, rows throws(StoreError) in
                try await to.importRows(rows, into: table)
                copied.add(rows.count, to: table.name)
            }
            try await to.finishImport(of: tables)
            let expected = try await from.rowCounts(of: tables)
            let found = try await to.rowCounts(of: tables)
            for table in tables where expected[table.name] != found[table.name] {
                throw AgentError(
                    .store,
                    "the copy of \(table.name) holds \(found[table.name] ?? 0) rows, the source "
                        + "\(expected[table.name] ?? 0): the source changed during the copy (stop the agent) or a "
                        + "write failed; start again with a new destination")
            }
            return Report(
                source: source.settings.location, destination: destination.settings.location,
                rows: tables.map { ($0.name, copied.count(of: $0.name)) })
        } catch let error as AgentError {
            throw error
        } catch let error as StoreError {
            throw AgentError(.store, "the copy failed: \(error)", storeError: error)
        } catch {
            throw AgentError(.store, "the copy failed: \(error)")
        }
    }

    /// The store a `vedetta store copy` argument names: `sqlite:PATH` (or a path), or a `postgres://` URL whose
    /// password comes from `passwordFile`, `VEDETTA_POSTGRES_PASSWORD` or the URL.
    /// - Throws: `AgentError` `invalidInput` saying what is wrong.
    public static func store(named text: String, passwordFile: String?) throws(AgentError) -> StoreConfiguration {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            do {
                let settings = try PostgresStoreConfiguration.parse(
                    url: text, passwordFile: passwordFile, environment: ProcessInfo.processInfo.environment)
                return StoreConfiguration(kind: PostgresStoreReader().key, settings: settings)
            } catch {
                throw AgentError(.invalidInput, error.message, storeError: error)
            }
        }
        let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
        guard !path.isEmpty, !path.contains("://") else {
            throw AgentError(
                .invalidInput, "\"\(text)\" names no store: give sqlite:PATH or postgres://USER@HOST:PORT/DATABASE")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return StoreConfiguration(kind: SQLiteStoreReader().key, settings: SQLiteStoreConfiguration(path: absolute))
    }
}

/// The rows copied so far, by table (the export's sink runs one batch at a time).
private final class CopiedRows: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func add(_ count: Int, to table: String) {
        counts.withLock { $0[table, default: 0] += count }
    }

    func count(of table: String) -> Int {
        counts.withLock { $0[table] ?? 0 }
    }
}
