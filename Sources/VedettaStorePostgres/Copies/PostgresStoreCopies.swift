import Foundation
public import Logging
import PostgresNIO
public import VedettaCore
public import VedettaIncidents

/// Backups, checks, restores and schema upgrades of a PostgreSQL store, for `vedetta store`.
///
/// A backup is PostgreSQL's own: `pg_dump --format=custom`, one consistent snapshot taken while agents write, then
/// read back with `pg_restore --list` so that a truncated file is refused at once. A restore is `pg_restore
/// --clean --if-exists` into the configured database, refused while an agent is connected to it. The password
/// reaches the tools through their environment (`PGPASSWORD`), never their command line.
public struct PostgresStoreCopies: Sendable {
    /// The store's settings.
    public let settings: PostgresStoreConfiguration
    let logger: Logger

    /// Creates the copies of the store `settings` names.
    public init(settings: PostgresStoreConfiguration, logger: Logger) {
        var settings = settings
        settings.applicationName = "vedetta-store"
        self.settings = settings
        self.logger = logger
    }

    /// The database's URL without its password.
    public var location: String { settings.location }

    /// Writes a `pg_dump` custom-format archive of the database to `destination` (through a temporary file
    /// renamed once complete and readable), and describes the database it was taken from.
    /// - Throws: ``StoreError`` `conflict` when `destination` exists and `replacing` is false; `unavailable` when
    ///   `pg_dump` is missing or fails.
    public func backup(to destination: String, replacing: Bool) async throws(StoreError) -> StoreSummary {
        if !replacing, FileManager.default.fileExists(atPath: destination) {
            throw StoreError(
                .conflict, message: "\(destination) exists; choose another file or pass --force",
                operation: "back up", database: location)
        }
        let partial = destination + ".partial"
        try runTool("pg_dump", ["--format=custom", "--no-owner", "--file=\(partial)"] + connectionArguments())
        do {
            try runTool("pg_restore", ["--list", partial], connect: false)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        do {
            if FileManager.default.fileExists(atPath: destination) {
                try FileManager.default.removeItem(atPath: destination)
            }
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            throw StoreError(
                .io, message: "cannot move the backup into place at \(destination): \(error)",
                operation: "back up", database: location)
        }
        var summary = try await check(backup: nil)
        summary.path = destination
        return summary
    }

    /// Describes the database (`backup` nil): what it holds, its migrations, its size. A `pg_dump` archive is
    /// checked by `pg_restore --list` instead (its integrity is `ok` when pg_restore can read it) and described by
    /// its size only: its rows are seen once restored.
    public func check(backup: String?) async throws(StoreError) -> StoreSummary {
        if let backup {
            try runTool("pg_restore", ["--list", backup], connect: false)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int64) ?? 0
            return StoreSummary(
                path: backup, bytes: bytes, incidents: 0, openIncidents: 0, pendingNotifications: 0,
                maintenanceWindows: 0, users: 0, appliedMigrations: [], pendingMigrations: [],
                integrity: "ok")
        }
        let store = try await PostgresIncidentStore.open(settings, migrate: false, allowOutdated: true, logger: logger)
        return try await store.summary()
    }

    /// Replaces the database's content with the archive at `backup` and brings its schema up to date; refused
    /// while an agent (a connection named `vedetta`) is connected to the database.
    public func restore(from backup: String) async throws(StoreError) -> (
        restored: StoreSummary, replacedAt: String?
    ) {
        try runTool("pg_restore", ["--list", backup], connect: false)
        let store = try await PostgresIncidentStore.open(settings, migrate: false, allowOutdated: true, logger: logger)
        let agents = try await store.otherAgentConnections()
        guard agents == 0 else {
            throw StoreError(
                .conflict,
                message: "\(agents) Vedetta connection(s) use the database; stop every agent first",
                operation: "restore", database: location)
        }
        try runTool(
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", backup]
                + connectionArguments(option: "--dbname"))
        _ = try await PostgresIncidentStore.migrate(settings, logger: logger)
        let restored = try await PostgresIncidentStore.open(settings, migrate: false, logger: logger)
        return (try await restored.summary(), nil)
    }

    /// Applies the migrations the database lacks.
    /// - Returns: Their identifiers, oldest first.
    public func upgrade() async throws(StoreError) -> [String] {
        try await PostgresIncidentStore.migrate(settings, logger: logger)
    }

    private func connectionArguments(option: String = "--dbname") -> [String] {
        [
            "--host=\(settings.host)", "--port=\(settings.port)", "--username=\(settings.user)", "--no-password",
            "\(option)=\(settings.database)",
        ]
    }

    /// Runs a PostgreSQL client program to completion.
    /// - Throws: ``StoreError`` `unavailable` with what the program printed when it fails or cannot start.
    private func runTool(_ name: String, _ arguments: [String], connect: Bool = true) throws(StoreError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        var environment = ProcessInfo.processInfo.environment
        if connect, let password = settings.password { environment["PGPASSWORD"] = password.reveal() }
        if connect, settings.tls != .prefer { environment["PGSSLMODE"] = settings.tls.rawValue }
        if connect, let root = settings.rootCertificate { environment["PGSSLROOTCERT"] = root }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw StoreError(
                .unavailable, message: "cannot run \(name) (\(error)); install postgresql-client",
                operation: name, database: location)
        }
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StoreError(
                .unavailable,
                message: "\(name) exited \(process.terminationStatus): "
                    + said.trimmingCharacters(in: .whitespacesAndNewlines),
                operation: name, database: location)
        }
    }
}
