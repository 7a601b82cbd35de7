import ArgumentParser
import Foundation
import VedettaAgent
import VedettaCore
import VedettaIncidents

/// `vedetta store`: backups, checks, restores and schema upgrades of the agent's database.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Back up, check, restore, upgrade or copy the agent's database.",
        discussion: """
            The store is the one the configuration names (store:, or agent.data_dir/vedetta.sqlite), or the one in \
            --data DIR. A backup can be taken while the agent runs; a restore needs the agent stopped.
            """,
        subcommands: [
            StoreBackupCommand.self, StoreCheckCommand.self, StoreRestoreCommand.self, StoreMigrateCommand.self,
            StoreCopyCommand.self,
        ]
    )
}

/// `vedetta store backup FILE`.
struct StoreBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE while the agent runs, and check the copy.",
        discussion: """
            One consistent snapshot (SQLite's online backup): the agent keeps polling and recording meanwhile. The \
            copy is written beside FILE and renamed once it is complete and has passed PRAGMA integrity_check, so \
            FILE is never a half backup. Keep the data directory's link.key with it if acknowledgement links are \
            on (agent.public_url).
            """
    )

    @OptionGroup var location: DataLocation
    @Argument(help: "The backup file to write.")
    var file: String
    @Flag(help: "Replace FILE if it exists.")
    var force = false

    func run() async throws {
        let (store, summary) = try await storeCommand("backup") { copies throws(StoreError) in
            try await copies.backup(to: file, replacing: force)
        }
        print("backup of \(store) written to \(summary.path)")
        print(StoreText.describe(summary))
    }
}

/// `vedetta store check [FILE]`.
struct StoreCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database, or a backup of it, without changing it; exits 1 when it is damaged.",
        discussion: "Runs PRAGMA integrity_check and says what it holds and which schema migrations it has."
    )

    @OptionGroup var location: DataLocation
    @Argument(help: "A backup to check instead of the database.")
    var file: String?

    func run() async throws {
        let (_, summary) = try await storeCommand("check") { copies throws(StoreError) in
            try await copies.check(backup: file)
        }
        print(summary.path)
        print(StoreText.describe(summary))
        if !summary.isIntact { throw ExitCode(1) }
    }
}

/// `vedetta store restore FILE`.
struct StoreRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup (the agent must be stopped).",
        discussion: """
            The backup is checked first; the current database is kept beside it as vedetta.sqlite.replaced-TIME \
            (with its -wal), the backup copied into place and its schema upgraded to this version's. Refused while \
            an agent uses the database. Incidents still open in the backup are taken over by the agent when it \
            starts: it pages again only for alerts that fire anew.
            """
    )

    @OptionGroup var location: DataLocation
    @Argument(help: "The backup to restore.")
    var file: String

    func run() async throws {
        let (_, (restored, replacedAt)) = try await storeCommand("restore") { copies throws(StoreError) in
            try await copies.restore(from: file)
        }
        print("restored \(file) into \(restored.path)")
        if let replacedAt { print("the database it replaced is kept at \(replacedAt)") }
        print(StoreText.describe(restored))
    }
}

/// `vedetta store migrate`.
struct StoreMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Upgrade the database's schema to this version's (the agent also does it when it starts).",
        discussion: """
            Run it after installing a new version and before starting the agent to see the upgrade succeed on its \
            own; with --dry-run it only lists the migrations it would apply. A database written by a newer \
            version is refused.
            """
    )

    @OptionGroup var location: DataLocation
    @Flag(help: "List the migrations that would be applied; change nothing.")
    var dryRun = false

    func run() async throws {
        if dryRun {
            let (_, summary) = try await storeCommand("migrate") { copies throws(StoreError) in
                try await copies.check(backup: nil)
            }
            print(
                summary.pendingMigrations.isEmpty
                    ? "\(summary.path): up to date, nothing to apply"
                    : "\(summary.path): would apply " + summary.pendingMigrations.joined(separator: ", "))
            return
        }
        let (path, applied) = try await storeCommand("migrate") { copies throws(StoreError) in
            try await copies.upgrade()
        }
        print(
            applied.isEmpty
                ? "\(path): up to date, nothing applied" : "\(path): applied " + applied.joined(separator: ", "))
    }
}

extension DataLocation {
    /// The configured store's copies.
    func storeCopies() throws -> any StoreCopies {
        let store = try store()
        do throws(AgentError) {
            return try Agent.storeCopies(store)
        } catch {
            printError("vedetta store: \(error)")
            throw ExitCode(1)
        }
    }
}

extension HasDataLocation {
    /// Runs `body` on the configured store's copies, printing a store error as `vedetta store NAME: message` and
    /// exiting 1.
    /// - Returns: Where the store is, and what `body` returned.
    fileprivate func storeCommand<T>(_ name: String, _ body: (any StoreCopies) async throws(StoreError) -> T)
        async throws -> (store: String, result: T)
    {
        let copies = try location.storeCopies()
        do throws(StoreError) {
            return (copies.location, try await body(copies))
        } catch {
            printError("vedetta store \(name): \(error.message) (\(error.code))")
            throw ExitCode(1)
        }
    }
}

/// A command with `--config` / `--data`.
protocol HasDataLocation {
    var location: DataLocation { get }
}

extension StoreBackupCommand: HasDataLocation {}
extension StoreCheckCommand: HasDataLocation {}
extension StoreRestoreCommand: HasDataLocation {}
extension StoreMigrateCommand: HasDataLocation {}

/// How `vedetta store` describes a store or a backup.
enum StoreText {
    static func describe(_ summary: StoreSummary) -> String {
        let schema =
            summary.pendingMigrations.isEmpty
            ? "up to date (\(summary.appliedMigrations.count) migrations)"
            : "\(summary.pendingMigrations.count) migration(s) to apply when the agent starts: "
                + summary.pendingMigrations.joined(separator: ", ")
        return """
              \(summary.incidents) incidents (\(summary.openIncidents) open), \(summary.pendingNotifications) \
            notifications pending, \(summary.maintenanceWindows) maintenance windows, \(summary.users) users
              schema: \(schema)
              integrity: \(summary.integrity); \(ByteCountFormatter.string(fromByteCount: summary.bytes, countStyle: .file))
            """
    }
}
