import Foundation
public import Logging
import NIOSSL
import PostgresNIO
public import VedettaCore

/// Everything the agent stores (incidents and their timelines, the outbox, escalations, maintenance windows,
/// substitutions, reports made, inventory, users and the audit log) in a PostgreSQL database, through PostgresNIO.
///
/// Several agents may share one database. Every write is one transaction that first takes a transaction-level
/// advisory lock (``writeLock``): writes are serialized across all agents, exactly as SQLite's single writer
/// serializes them, so an incident change and the notifications it queues are committed together or not at all,
/// and the read-then-write steps (is an incident open for this alert? which outbox entries are due?) see no other
/// writer in between. Reads run in `REPEATABLE READ READ ONLY` transactions: one consistent snapshot, never
/// blocked by a writer. A partial unique index keeps at most one open incident per fingerprint, whatever writes.
///
/// ```swift
/// let store = try await PostgresIncidentStore.open(settings, logger: logger)
/// let opening = try await store.open(draft, at: now, notify: OutboxDraft.fanOut(to: ["ops"], event: .opened))
/// ```
public final class PostgresIncidentStore: Sendable {
    /// The key of the advisory lock every write transaction takes (`pg_advisory_xact_lock`): "vedetta" in ASCII.
    static let writeLock: Int64 = 0x7665_6465_7474_61
    /// The key of the advisory lock held while the schema is migrated, so that two agents starting together
    /// migrate once.
    static let migrationLock: Int64 = 0x7665_6465_7474_6D

    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger
    /// The database's URL without its password; reported in every error.
    public let location: String

    private init(client: PostgresClient, runner: Task<Void, Never>, logger: Logger, location: String) {
        self.client = client
        self.runner = runner
        self.logger = logger
        self.location = location
    }

    deinit {
        runner.cancel()
    }

    /// Connects to the database, checks it can be used, and brings the schema up to date (unless `migrate` is
    /// false, when an out-of-date schema is an error naming `vedetta store migrate`).
    ///
    /// - Parameters:
    ///   - settings: The server, database, role and password.
    ///   - migrate: Whether missing migrations are applied (the agent, `vedetta store migrate`) or refused.
    ///   - logger: Where the connection pool logs its background events.
    /// - Returns: The store, its connection pool running until the store is released.
    /// - Throws: ``StoreError`` `unavailable` when the server cannot be reached or refuses the role, `notFound`
    ///   when the database does not exist, `migrationFailed` when the schema cannot be brought up to date.
    public static func open(
        _ settings: PostgresStoreConfiguration, migrate: Bool = true, logger: Logger
    ) async throws(StoreError) -> PostgresIncidentStore {
        try await open(settings, migrate: migrate, allowOutdated: false, logger: logger)
    }

    /// Connects and migrates as ``open(_:migrate:logger:)``; with `allowOutdated`, a schema that lacks migrations is
    /// accepted as it is (`vedetta store check` describes it, the store's operations may fail on it).
    static func open(
        _ settings: PostgresStoreConfiguration, migrate: Bool, allowOutdated: Bool, logger: Logger
    ) async throws(StoreError) -> PostgresIncidentStore {
        let configuration: PostgresClient.Configuration
        do {
            configuration = try clientConfiguration(settings)
            try await checkReachable(settings, logger: logger)
        } catch {
            throw StoreError.mapping(error, operation: "open database", database: settings.location)
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        let store = PostgresIncidentStore(client: client, runner: runner, logger: logger, location: settings.location)
        let migrator = PostgresMigrator(store: store)
        if migrate {
            try await migrator.migrate()
        } else if !allowOutdated {
            try await migrator.requireCurrent()
        }
        return store
    }

    private static func clientConfiguration(_ settings: PostgresStoreConfiguration) throws
        -> PostgresClient.Configuration
    {
        var configuration: PostgresClient.Configuration
        if settings.usesUnixSocket {
            configuration = .init(
                unixSocketPath: "\(settings.host)/.s.PGSQL.\(settings.port)", username: settings.user,
                password: settings.password?.reveal(), database: settings.database)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch (settings.tls, tlsConfiguration(settings)) {
                case (.require, let tlsConfiguration?): .require(tlsConfiguration)
                case (_, let tlsConfiguration?): .prefer(tlsConfiguration)
                case (_, nil): .disable
                }
            configuration = .init(
                host: settings.host, port: settings.port, username: settings.user,
                password: settings.password?.reveal(), database: settings.database, tls: tls)
        }
        configuration.options.maximumConnections = settings.poolSize
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", settings.applicationName)]
        return configuration
    }

    /// The TLS settings of `settings`, `nil` when TLS is off.
    private static func tlsConfiguration(_ settings: PostgresStoreConfiguration) -> TLSConfiguration? {
        guard !settings.usesUnixSocket, settings.tls != .disable else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let root = settings.rootCertificate {
            configuration.trustRoots = .file(root)
        }
        return configuration
    }

    /// Opens one connection outside the pool and closes it: the pool retries a refused connection for ever, so
    /// a server that is down, a wrong password or a missing database would only show as a pool that never
    /// answers. Here the server's own error comes back at once (or after the 5 s connect timeout).
    private static func checkReachable(_ settings: PostgresStoreConfiguration, logger: Logger) async throws {
        var configuration: PostgresConnection.Configuration
        if settings.usesUnixSocket {
            configuration = .init(
                unixSocketPath: "\(settings.host)/.s.PGSQL.\(settings.port)", username: settings.user,
                password: settings.password?.reveal(), database: settings.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            if let tlsConfiguration = tlsConfiguration(settings) {
                let context = try NIOSSLContext(configuration: tlsConfiguration)
                tls = settings.tls == .require ? .require(context) : .prefer(context)
            } else {
                tls = .disable
            }
            configuration = .init(
                host: settings.host, port: settings.port, username: settings.user,
                password: settings.password?.reveal(), database: settings.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", settings.applicationName)]
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            _ = try await connection.query("SELECT 1", logger: logger).collect()
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    /// Runs `body` in one write transaction, after the store's write lock, and maps every error to a
    /// ``StoreError``. A serialization failure or deadlock (which the lock makes unlikely) is retried twice.
    func write<T: Sendable>(
        _ operation: String,
        _ body: @Sendable (PostgresSession) async throws -> T
    ) async throws(StoreError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await transaction(begin: "BEGIN", lock: true, body)
            } catch {
                let mapped = StoreError.mapping(error, operation: operation, database: location)
                if attempt < 3, let psql = error as? PSQLError, let state = psql.serverInfo?[.sqlState],
                    ["40001", "40P01"].contains(state)
                {
                    continue
                }
                throw mapped
            }
        }
    }

    /// Runs `body` in one read-only transaction (a consistent snapshot) and maps every error to a ``StoreError``.
    func read<T: Sendable>(
        _ operation: String,
        _ body: @Sendable (PostgresSession) async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lock: false, body)
        } catch {
            throw StoreError.mapping(error, operation: operation, database: location)
        }
    }

    private func transaction<T: Sendable>(
        begin: String, lock: Bool, _ body: @Sendable (PostgresSession) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        return try await client.withConnection { connection in
            let session = PostgresSession(connection: connection, logger: logger)
            try await session.execute(PostgresQuery(unsafeSQL: begin))
            do {
                if lock { try await session.execute("SELECT pg_advisory_xact_lock(\(Self.writeLock))") }
                let result = try await body(session)
                try await session.execute("COMMIT")
                return result
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
        }
    }
}
