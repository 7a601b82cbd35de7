import Foundation
public import VedettaConfig
public import VedettaCore

/// The PostgreSQL store as configured: `store: {postgres: {url: postgres://vedetta@db.example:5432/vedetta}}`.
///
/// The password never appears in the URL that messages and logs show (``location``): it comes from
/// `password_file`, the environment variable `VEDETTA_POSTGRES_PASSWORD`, or (discouraged) the URL itself.
public struct PostgresStoreConfiguration: StoreSettings, Equatable {
    /// How the connection is protected, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, plain otherwise (libpq's default).
        case prefer
        /// TLS required, and the server's certificate verified against the system's CAs or `sslrootcert`.
        case require
    }

    /// The server's host name or address, or a directory holding its Unix socket (an absolute path).
    public var host: String
    /// The server's TCP port (also names the Unix socket, `.s.PGSQL.<port>`).
    public var port: Int
    /// The role the agent logs in as.
    public var user: String
    /// The database.
    public var database: String
    /// The password, or `nil` for none (trust, peer or certificate authentication).
    public var password: Secret?
    /// How the connection is protected.
    public var tls: TLSMode
    /// A CA bundle (PEM) to verify the server's certificate with, instead of the system's.
    public var rootCertificate: String?
    /// The most connections the agent opens to the server.
    public var poolSize: Int
    /// How the connections name themselves in `pg_stat_activity`: `vedetta` for agents and commands,
    /// `vedetta-store` for `vedetta store`, which counts the agents connected before a restore.
    public var applicationName = "vedetta"

    /// The defaults: the local server, the `vedetta` role and database, TLS when offered, 10 connections.
    public init(
        host: String = "127.0.0.1", port: Int = 5432, user: String = "vedetta", database: String = "vedetta",
        password: Secret? = nil, tls: TLSMode = .prefer, rootCertificate: String? = nil, poolSize: Int = 10
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
        self.tls = tls
        self.rootCertificate = rootCertificate
        self.poolSize = poolSize
    }

    /// Whether ``host`` names a directory holding the server's Unix socket.
    public var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// `postgres://user@host:port/database`, without the password: what messages and logs show.
    public var location: String {
        let hostPart = usesUnixSocket ? "[\(host)]" : (host.contains(":") ? "[\(host)]" : host)
        return "postgres://\(user)@\(hostPart):\(port)/\(database)"
    }
}

extension PostgresStoreConfiguration {
    /// The settings a `postgres://` URL names (`vedetta store copy --to postgres://…`), with the password from
    /// `passwordFile`'s first line, else the environment variable `VEDETTA_POSTGRES_PASSWORD`, else the URL.
    /// - Throws: ``StoreError`` `invalidInput` saying what is wrong with the URL or the file.
    public static func parse(
        url: String, passwordFile: String?, environment: [String: String]
    ) throws(StoreError) -> PostgresStoreConfiguration {
        var settings: PostgresStoreConfiguration
        do {
            settings = try PostgresURL.parse(url)
        } catch {
            throw StoreError(.invalidInput, message: error.message, operation: "read store URL")
        }
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8),
                let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
            else {
                throw StoreError(
                    .invalidInput, message: "cannot read a password from \(passwordFile)", operation: "read store URL")
            }
            settings.takePassword(fromFile: Secret(String(line)), environment: environment)
        } else {
            settings.takePassword(fromFile: nil, environment: environment)
        }
        return settings
    }

    /// Sets the password by the one order every way of naming the database follows: `password_file`'s first line
    /// (`fromFile`), else the environment variable `VEDETTA_POSTGRES_PASSWORD`, else the one the URL gave (kept).
    mutating func takePassword(fromFile: Secret?, environment: [String: String]) {
        if let fromFile {
            password = fromFile
        } else if let variable = environment[PostgresStoreReader.passwordVariable], !variable.isEmpty {
            password = Secret(variable)
        }
    }
}
