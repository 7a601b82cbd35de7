import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig
import VedettaMaintenance

/// `vedetta maintenance`: planned maintenance windows.
struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Plan maintenance: windows during which matching alerts page nobody.",
        discussion: """
            Windows live in the agent's database (the agent sees a change within 5 seconds) and, for standing \
            windows, in the files under maintenance/ (edit those files to change them). Times are local to the \
            window's time zone (--tz, or agent.time_zone).
            """,
        subcommands: [
            AddMaintenance.self, ListMaintenance.self, ShowMaintenance.self, EditMaintenance.self,
            EndMaintenance.self, ExtendMaintenance.self, DeleteMaintenance.self, MaintenanceFeedCommand.self,
        ]
    )
}

/// Where the windows are: the store and the files of `--config`, or the store of `--data`.
struct MaintenanceLocation: ParsableArguments {
    @Option(name: .shortAndLong, help: "The root configuration file (store, time_zone, maintenance_dir).")
    var config: String = "vedetta.yaml"
    @Option(help: "The data directory holding vedetta.sqlite (overrides the configuration).")
    var data: String?

    /// The desk, with the windows of the files applied.
    func desk(command: String) async throws -> MaintenanceDesk {
        let configuration: VedettaConfiguration?
        if data != nil, !FileManager.default.fileExists(atPath: config) {
            configuration = nil
        } else {
            do {
                configuration = try ConfigLoader.load(configFile: config, plugins: BuiltinKinds.configuration)
            } catch {
                printError(error.description)
                throw ValidationError("cannot read \(config); fix it, or pass --data DIR")
            }
        }
        guard let store = Agent.commandStore(configured: configuration?.store, dataDirectory: data) else {
            throw ValidationError("\(config) names no store")
        }
        do {
            return try await MaintenanceDesk(
                store: store, configured: configuration?.maintenance,
                defaultZone: configuration?.agent.timeZone ?? AgentConfiguration.defaultTimeZone)
        } catch {
            printError("vedetta maintenance \(command): \(error)")
            throw ExitCode(1)
        }
    }
}

/// Runs a planner call, printing a refusal as `vedetta maintenance COMMAND: field: message` (exit 1).
func refusing<T>(_ command: String, _ body: () async throws(MaintenanceError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        printError("vedetta maintenance \(command): \(error)")
        throw ExitCode(1)
    }
}

/// Who makes a change, by default the login name.
let currentUser = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
