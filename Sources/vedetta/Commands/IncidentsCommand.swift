import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaIncidents

/// `vedetta incidents`: the incident log.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "Read and write the incident log: list, show, acknowledge, annotate, open and restore by hand.",
        subcommands: [
            ListIncidents.self, ShowIncident.self, AcknowledgeIncident.self, NoteIncident.self,
            CategorizeIncident.self, ResolveIncident.self, TicketIncident.self, OpenIncident.self,
            RestoreIncident.self,
        ]
    )
}

/// Where the incident log is: the store of `--data DIR`, else the store of `--config`.
struct DataLocation: ParsableArguments {
    @Option(name: .shortAndLong, help: "The root configuration file (to find the store, or agent.data_dir).")
    var config: String = "vedetta.yaml"
    @Option(
        help: """
            The data directory holding vedetta.sqlite (overrides the configuration's; a database server the \
            configuration names under store: is still the store).
            """)
    var data: String?

    /// The configuration: required without `--data`; with it, read only when the file exists.
    func configuration() throws -> VedettaConfiguration? {
        if data != nil, !FileManager.default.fileExists(atPath: config) { return nil }
        do {
            return try ConfigLoader.load(configFile: config, plugins: BuiltinKinds.configuration)
        } catch {
            printError(error.description)
            throw ValidationError("cannot read \(config) to find the incident store; pass --data DIR")
        }
    }

    func store() throws -> StoreConfiguration {
        try store(of: try configuration())
    }

    func store(of configuration: VedettaConfiguration?) throws -> StoreConfiguration {
        guard let store = Agent.commandStore(configured: configuration?.store, dataDirectory: data) else {
            throw ValidationError("\(config) names no incident store")
        }
        return store
    }

    /// The desk on the agent's store, with the configured categories and devices when the configuration was read.
    func desk() async throws -> IncidentDesk {
        try await desk(configuration: try configuration())
    }

    /// The desk, with a configuration already read.
    func desk(configuration: VedettaConfiguration?) async throws -> IncidentDesk {
        try await IncidentDesk(
            store: try store(of: configuration), policy: configuration?.incidents ?? IncidentPolicy(),
            devices: configuration?.devices)
    }
}

/// Who makes a change: `--by`, by default the login name.
struct Author: ParsableArguments {
    @Option(help: "Who is making the change (default: the login name).")
    var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
}

/// Runs `body`, printing an `AgentError` as `vedetta incidents SUBCOMMAND: message` and exiting 1.
func runIncidentCommand<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as AgentError {
        printError("vedetta incidents \(name): \(error)")
        throw ExitCode(1)
    }
}
