import ArgumentParser
import VedettaAgent

/// The `vedetta` command.
@main
struct Vedetta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vedetta",
        abstract: "Network and hardware monitoring for call centers: probes, alert rules, incidents, on-call.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, CheckCommand.self, ProbeCommand.self, DiscoverCommand.self, IncidentsCommand.self,
            MaintenanceCommand.self, OnCallCommand.self, ReportCommand.self, InventoryCommand.self, TestCommand.self,
            UsersCommand.self, StoreCommand.self,
        ]
    )

    /// Sets the process up (``ProcessSetup/prepare()``), then parses and runs the command as ArgumentParser does.
    static func main() async {
        ProcessSetup.prepare()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
