import Foundation
public import VedettaConfig
public import VedettaCore
import VedettaIncidents

/// The embedded SQLite store as configured: `store: {sqlite: {path: …}}`, or by default
/// `<agent.data_dir>/vedetta.sqlite`.
public struct SQLiteStoreConfiguration: StoreSettings {
    /// The name of the database in the data directory when no path is given.
    public static let defaultFileName = "vedetta.sqlite"

    /// The database file.
    public var path: String

    /// Creates the settings.
    /// - Parameter path: The database file.
    public init(path: String) {
        self.path = path
    }

    /// The database file.
    public var location: String { path }

    /// Opens the store.
    /// - Parameter createIfMissing: Whether a missing database is created (the agent) or an error (the CLI).
    /// - Throws: ``VedettaIncidents/StoreError`` naming the path.
    /// - Returns: The store.
    public func open(createIfMissing: Bool) throws(StoreError) -> SQLiteIncidentStore {
        try SQLiteIncidentStore(path: path, createIfMissing: createIfMissing)
    }
}

/// Reads `store: {sqlite: {path: FILE}}`; a relative path resolves against the data directory.
public struct SQLiteStoreReader: StoreReader {
    static let keys = ["path"]

    /// `sqlite`.
    public let key = "sqlite"

    /// Creates the reader.
    public init() {}

    /// Reads the `sqlite:` section.
    public func readStore(_ reader: NodeReader, dataDirectory: String) -> (any StoreSettings)? {
        guard let mapping = reader.mapping(keys: Self.keys) else { return nil }
        guard let path = mapping.optional("path") else { return defaultStore(dataDirectory: dataDirectory) }
        guard let text = path.nonEmptyString() else { return nil }
        let resolved =
            text.hasPrefix("/") ? text : URL(fileURLWithPath: dataDirectory).appendingPathComponent(text).path
        return SQLiteStoreConfiguration(path: resolved)
    }

    /// `<dataDirectory>/vedetta.sqlite`.
    public func defaultStore(dataDirectory: String) -> (any StoreSettings)? {
        SQLiteStoreConfiguration(
            path: URL(fileURLWithPath: dataDirectory).appendingPathComponent(SQLiteStoreConfiguration.defaultFileName)
                .path)
    }
}
