public import Foundation
public import VedettaConfig
import VedettaCore

/// Reads `store: {postgres: {url: URL, password_file: FILE, pool: N}}`.
///
/// The password is read, in this order, from `password_file` (its first line), the environment variable
/// `VEDETTA_POSTGRES_PASSWORD`, or the URL. A password in the URL works, but configuration files are read by many:
/// prefer the file (mode 0600, owned by the agent's user).
public struct PostgresStoreReader: StoreReader {
    /// The environment variable the password may come from.
    public static let passwordVariable = "VEDETTA_POSTGRES_PASSWORD"
    static let keys = ["url", "password_file", "pool"]

    /// `postgres`.
    public let key = "postgres"
    private let environment: [String: String]

    /// Creates the reader.
    /// - Parameter environment: Where `VEDETTA_POSTGRES_PASSWORD` is looked up; the process's by default.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Reads the `postgres:` section.
    public func readStore(_ reader: NodeReader, dataDirectory: String) -> (any StoreSettings)? {
        guard let mapping = reader.mapping(keys: Self.keys) else { return nil }
        guard let urlNode = mapping.required("url"), let text = urlNode.nonEmptyString() else { return nil }
        var settings: PostgresStoreConfiguration
        do {
            settings = try PostgresURL.parse(text)
        } catch {
            urlNode.report(error.message)
            return nil
        }
        if let pool = mapping.optional("pool") {
            guard let size = pool.int(minimum: 1) else { return nil }
            settings.poolSize = size
        }
        var fromFile: Secret?
        if let file = mapping.optional("password_file") {
            guard let secret = mapping.secret("password", fileKey: "password_file") else { return nil }
            guard let secret else {
                file.report("password_file names no file")
                return nil
            }
            fromFile = secret
        }
        settings.takePassword(fromFile: fromFile, environment: environment)
        return settings
    }

    /// None: PostgreSQL is never the default store.
    public func defaultStore(dataDirectory: String) -> (any StoreSettings)? { nil }
}
