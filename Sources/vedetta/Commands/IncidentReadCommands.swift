import ArgumentParser
import Foundation
import VedettaAgent
import VedettaCore
import VedettaIncidents

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
        let incidents = try await runIncidentCommand("list") {
            try await location.desk().list(IncidentQuery(state: filter, limit: limit))
        }
        print(json ? try jsonText(incidents) : IncidentTable.render(incidents, now: Date()))
    }
}

/// `vedetta incidents show ID`.
struct ShowIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one incident: its fields, category, ticket, resolution and whole timeline."
    )

    @OptionGroup var location: DataLocation
    @Argument(help: "The incident ID.")
    var id: Int64
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let incident = try await runIncidentCommand("show") { try await location.desk().incident(id: id) }
        print(json ? try jsonText(incident) : IncidentDetail.render(incident, now: Date()))
    }
}

/// The text of `vedetta incidents show` and of the changes' confirmations.
enum IncidentDetail {
    static func render(_ incident: Incident, now: Date) -> String {
        var lines = ["incident \(incident.id) · \(incident.state.rawValue) · \(incident.severity.rawValue)"]
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append((name + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        field("rule", incident.origin == .manual ? "manual (opened by \(incident.openedBy ?? "?"))" : incident.rule)
        field("labels", incident.labels.description)
        field("summary", incident.summary)
        field("description", incident.description)
        field("detected", IncidentTable.timestamp(incident.detectedAt))
        if let acknowledged = incident.acknowledgedAt {
            field(
                "acknowledged",
                "\(IncidentTable.timestamp(acknowledged)) by \(incident.acknowledgedBy ?? "?") after "
                    + (incident.timeToAcknowledge ?? .zero).compactDescription)
        }
        if let restored = incident.restoredAt {
            field(
                "restored",
                "\(IncidentTable.timestamp(restored)) after " + (incident.timeToRestore ?? .zero).compactDescription)
        } else {
            field("ongoing for", incident.duration(asOf: now).compactDescription)
        }
        field("category", incident.category)
        field("ticket", incident.ticket)
        field("resolution", incident.resolution)
        field("maintenance", incident.maintenanceWindowID.map { "opened in window \($0)" })
        lines.append("timeline:")
        for event in incident.timeline {
            let who = event.by.map { " (\($0))" } ?? ""
            lines.append(
                "  \(IncidentTable.timestamp(event.at))  "
                    + event.kind.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + event.detail + who)
        }
        return lines.joined(separator: "\n")
    }
}
