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
        abstract: "Read the incident log.",
        subcommands: [ListIncidents.self, AcknowledgeIncident.self]
    )
}

/// Where the incident log is: the store of `--data DIR`, else the store of `--config`.
struct DataLocation: ParsableArguments {
    @Option(name: .shortAndLong, help: "The root configuration file (to find the store, or agent.data_dir).")
    var config: String = "vedetta.yaml"
    @Option(help: "The data directory holding vedetta.sqlite (overrides the configuration).")
    var data: String?

    func store() throws -> StoreConfiguration {
        if let data, let store = Agent.defaultStore(dataDirectory: data) { return store }
        let configuration: VedettaConfiguration
        do {
            configuration = try ConfigLoader.load(configFile: config, plugins: BuiltinKinds.configuration)
        } catch {
            printError(error.description)
            throw ValidationError("cannot read \(config) to find the incident store; pass --data DIR")
        }
        guard let store = configuration.store else { throw ValidationError("\(config) names no incident store") }
        return store
    }
}

/// `vedetta incidents list`.
struct ListIncidents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List incidents, newest first, with start, end and time to restore."
    )

    @OptionGroup var location: DataLocation
    @Option(help: "open (not restored), unacknowledged, acknowledged, restored or all.")
    var state: String = "all"
    @Option(help: "At most this many incidents (1 to 1000).")
    var limit: Int = IncidentQuery.defaultLimit
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        guard let filter = IncidentQuery.StateFilter(rawValue: state) else {
            throw ValidationError("unknown --state \"\(state)\"; use \(IncidentQuery.StateFilter.names)")
        }
        guard (1...IncidentQuery.maximumLimit).contains(limit) else {
            throw ValidationError("--limit must be from 1 to \(IncidentQuery.maximumLimit)")
        }
        let query = IncidentQuery(state: filter, limit: limit)
        let incidents: [Incident]
        do {
            incidents = try await IncidentLog.list(store: try location.store(), query: query)
        } catch let error as AgentError {
            printError("vedetta incidents: \(error)")
            throw ExitCode(1)
        }
        if json {
            print(try jsonText(incidents))
        } else {
            print(IncidentTable.render(incidents, now: Date()))
        }
    }
}

/// `vedetta incidents ack ID --by NAME`.
struct AcknowledgeIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge an open incident: someone is on it.",
        discussion: """
            An incident keeps its first acknowledgement. When it was already acknowledged, says by whom and when; \
            exits 0 when that was you (--by), 1 when it was somebody else.
            """
    )

    @OptionGroup var location: DataLocation
    @Argument(help: "The incident ID.")
    var id: Int64
    @Option(help: "Who is acknowledging.")
    var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    func run() async throws {
        let result: IncidentAcknowledgement
        do {
            result = try await IncidentLog.acknowledge(store: try location.store(), id: id, by: by)
        } catch let error as AgentError {
            printError("vedetta incidents ack: \(error)")
            throw ExitCode(1)
        }
        let incident = result.incident
        let first = incident.acknowledgedBy ?? "unknown"
        let when = incident.acknowledgedAt.map(IncidentTable.timestamp) ?? "an unknown time"
        switch result {
        case .recorded:
            print("incident \(incident.id) acknowledged by \(first) at \(when)")
        case .alreadyAcknowledged where first == by:
            print("incident \(incident.id) was already acknowledged by \(first) at \(when); nothing changed")
        case .alreadyAcknowledged:
            printError(
                "vedetta incidents ack: incident \(incident.id) was already acknowledged by \(first) at \(when); "
                    + "\(by)'s acknowledgement was not recorded")
            throw ExitCode(1)
        }
    }
}
