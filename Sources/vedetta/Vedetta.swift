import ArgumentParser

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
        ]
    )
}
