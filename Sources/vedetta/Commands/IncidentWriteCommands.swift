import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaIncidents

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
    @OptionGroup var author: Author

    func run() async throws {
        let by = author.by
        let result = try await runIncidentCommand("ack") { try await location.desk().acknowledge(id: id, by: by) }
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

/// The shared body of `note`, `categorize`, `resolution` and `ticket`.
private func annotate(
    _ location: DataLocation, id: Int64, _ annotation: IncidentAnnotation, by: String, command: String
) async throws {
    let incident = try await runIncidentCommand(command) {
        try await location.desk().annotate(id: id, [annotation], by: by)
    }
    print("incident \(incident.id): \(annotation.fieldName) recorded by \(by)")
}

/// `vedetta incidents note ID TEXT`.
struct NoteIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to an incident's timeline (who and when are recorded).")

    @OptionGroup var location: DataLocation
    @Argument(help: "The incident ID.")
    var id: Int64
    @Argument(help: "The note.")
    var text: String
    @OptionGroup var author: Author

    func run() async throws {
        try await annotate(location, id: id, .note(text), by: author.by, command: "note")
    }
}

/// `vedetta incidents categorize ID CATEGORY`.
struct CategorizeIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categorize",
        abstract: "Set an incident's root-cause category, one of incidents.categories.",
        discussion: "The defaults: \(IncidentPolicy.defaultCategories.joined(separator: ", ")).")

    @OptionGroup var location: DataLocation
    @Argument(help: "The incident ID.")
    var id: Int64
    @Argument(help: "The category.")
    var category: String
    @OptionGroup var author: Author

    func run() async throws {
        try await annotate(location, id: id, .category(category), by: author.by, command: "categorize")
    }
}

/// `vedetta incidents resolution ID TEXT`.
struct ResolveIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolution", abstract: "Record what was done to restore service.")

    @OptionGroup var location: DataLocation
    @Argument(help: "The incident ID.")
    var id: Int64
    @Argument(help: "What was done.")
    var text: String
    @OptionGroup var author: Author

    func run() async throws {
        try await annotate(location, id: id, .resolution(text), by: author.by, command: "resolution")
    }
}

/// `vedetta incidents ticket ID REFERENCE`.
struct TicketIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Link an external ticket (carrier, vendor, service desk) to an incident.")

    @OptionGroup var location: DataLocation
    @Argument(help: "The incident ID.")
    var id: Int64
    @Argument(help: "The ticket reference.")
    var reference: String
    @OptionGroup var author: Author

    func run() async throws {
        try await annotate(location, id: id, .ticket(reference), by: author.by, command: "ticket")
    }
}

/// `vedetta incidents open --summary TEXT (--device NAME | --label K=V…)`.
struct OpenIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a manual incident: an outage reported by phone or noticed by people.",
        discussion: """
            Name the device (--device), or labels (--label site=milano) for every device that has them: reports count \
            the outage against those devices. Nobody is paged. Restore it with `vedetta incidents restore ID`.
            """
    )

    @OptionGroup var location: DataLocation
    @Option(help: "The one-line summary.")
    var summary: String
    @Option(help: "A longer description.")
    var description: String = ""
    @Option(help: "The affected device.")
    var device: String?
    @Option(name: .customLong("label"), help: "A label NAME=VALUE the affected devices have (repeatable).")
    var labels: [String] = []
    @Option(help: "critical, warning or info.")
    var severity: String = "critical"
    @Option(help: "When the outage began: a local time (2026-12-02T08:10) or ISO 8601 (default: now).")
    var at: String?
    @Option(help: "The root-cause category, if known.")
    var category: String?
    @Option(help: "An external ticket reference.")
    var ticket: String?
    @OptionGroup var author: Author

    func run() async throws {
        guard let severity = Severity(rawValue: severity) else {
            throw ValidationError("unknown --severity \"\(self.severity)\"; use critical, warning or info")
        }
        var pairs: [String: String] = [:]
        for label in labels {
            let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("invalid --label \"\(label)\"; use NAME=VALUE, e.g. site=milano")
            }
            pairs[parts[0]] = parts[1]
        }
        if let device { pairs["device"] = device }
        guard !pairs.isEmpty else {
            throw ValidationError("name the affected --device, or --label site=… and the like")
        }
        let configuration = try location.configuration()
        let desk = try await runIncidentCommand("open") { try await location.desk(configuration: configuration) }
        let zone = configuration?.agent.timeZone ?? .current
        let start = try at.map { try parseTime($0, option: "--at", zone: zone) }
        let draft = ManualIncidentDraft(
            summary: summary, description: description, severity: severity, labels: LabelSet(pairs),
            openedBy: author.by, category: category, ticket: ticket)
        let incident = try await runIncidentCommand("open") { try await desk.openManually(draft, at: start) }
        print("incident \(incident.id) opened by \(author.by) at \(IncidentTable.timestamp(incident.detectedAt))")
    }
}

/// `vedetta incidents restore ID`.
struct RestoreIncident: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a manual incident: service is back. (Alerts' incidents restore when the alert clears.)"
    )

    @OptionGroup var location: DataLocation
    @Argument(help: "The incident ID.")
    var id: Int64
    @Option(help: "When service came back: a local time (2026-12-02T09:40) or ISO 8601 (default: now).")
    var at: String?
    @OptionGroup var author: Author

    func run() async throws {
        let configuration = try location.configuration()
        let zone = configuration?.agent.timeZone ?? .current
        let end = try at.map { try parseTime($0, option: "--at", zone: zone) }
        let by = author.by
        let incident = try await runIncidentCommand("restore") {
            try await location.desk(configuration: configuration).restoreManually(id: id, by: by, at: end)
        }
        print(
            "incident \(incident.id) restored by \(by) after "
                + (incident.timeToRestore ?? .zero).compactDescription)
    }
}
