import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig

/// `vedetta store copy --to STORE [--from STORE]`.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy everything a store holds into a new, empty store: from SQLite to PostgreSQL, or back.",
        discussion: """
            The source is the configured store (--config, --data) unless --from names another. A store is named \
            sqlite:PATH or postgres://USER@HOST:PORT/DATABASE; a PostgreSQL password comes from --password-file, \
            else VEDETTA_POSTGRES_PASSWORD, else the URL. The destination must be empty (a new SQLite file is \
            created; an empty PostgreSQL database gets its schema). The rows are read from one snapshot; stop the \
            agent first so that nothing it records afterwards is left behind, then point store: at the copy.
            """
    )

    @OptionGroup var location: DataLocation
    @Option(help: "The store to copy from (default: the configured store).")
    var from: String?
    @Option(help: "The store to copy into: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE.")
    var to: String
    @Option(help: "A file whose first line is the PostgreSQL password (for --to or --from).")
    var passwordFile: String?

    func run() async throws {
        do {
            let source = try from.map { try StoreTransfer.store(named: $0, passwordFile: passwordFile) }
            let destination = try StoreTransfer.store(named: to, passwordFile: passwordFile)
            let report = try await StoreTransfer.copy(from: try source ?? location.store(), to: destination)
            print("copied \(report.source) into \(report.destination)")
            for (table, count) in report.rows where count > 0 {
                print("  \(table): \(count) rows")
            }
        } catch let error as AgentError {
            printError("vedetta store copy: \(error.message)")
            throw ExitCode(1)
        }
    }
}
