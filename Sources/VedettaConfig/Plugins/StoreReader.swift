/// Reads one kind of incident store: the section under its key in `store:` (`sqlite:`).
public protocol StoreReader: Sendable {
    /// The key under `store:`, e.g. `sqlite`.
    var key: String { get }

    /// Reads the store's section.
    /// - Parameters:
    ///   - reader: The section's mapping.
    ///   - dataDirectory: The agent's data directory (`agent.data_dir`), for relative paths.
    /// - Returns: The settings, or `nil` when a problem was reported.
    func readStore(_ reader: NodeReader, dataDirectory: String) -> (any StoreSettings)?

    /// The settings when `store:` is absent, or `nil` when this kind needs to be configured.
    /// - Parameter dataDirectory: The agent's data directory.
    func defaultStore(dataDirectory: String) -> (any StoreSettings)?
}

/// The validated settings of the incident store.
public protocol StoreSettings: Sendable {
    /// Where the store is, for logs and messages (a file path, a database URL without its password).
    var location: String { get }
}

/// The configured store: its kind and the kind's settings.
public struct StoreConfiguration: Sendable {
    /// The kind's key, e.g. `sqlite`.
    public var kind: String
    /// The settings.
    public var settings: any StoreSettings

    /// Creates a store configuration.
    public init(kind: String, settings: any StoreSettings) {
        self.kind = kind
        self.settings = settings
    }
}
