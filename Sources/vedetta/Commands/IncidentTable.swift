import Foundation
import VedettaCore
import VedettaIncidents

/// An incident as `vedetta incidents list --json` prints it.
struct IncidentRow: Encodable {
    var id: Int64
    var state: String
    var severity: String
    var rule: String
    var device: String?
    var summary: String
    var labels: [String: String]
    var detectedAt: Date
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var restoredAt: Date?
    var timeToRestoreSeconds: Double?

    init(_ incident: Incident) {
        id = incident.id
        state = incident.state.rawValue
        severity = incident.severity.rawValue
        rule = incident.rule
        device = incident.labels["device"]
        summary = incident.summary
        labels = incident.labels.dictionary
        detectedAt = incident.detectedAt
        acknowledgedAt = incident.acknowledgedAt
        acknowledgedBy = incident.acknowledgedBy
        restoredAt = incident.restoredAt
        timeToRestoreSeconds = incident.timeToRestore?.seconds
    }

    enum CodingKeys: String, CodingKey {
        case id, state, severity, rule, device, summary, labels
        case detectedAt = "detected_at"
        case acknowledgedAt = "acknowledged_at"
        case acknowledgedBy = "acknowledged_by"
        case restoredAt = "restored_at"
        case timeToRestoreSeconds = "time_to_restore_seconds"
    }
}

/// The text table of `vedetta incidents list`.
enum IncidentTable {
    static func render(_ incidents: [Incident], now: Date) -> String {
        guard !incidents.isEmpty else { return "no incidents" }
        let header = ["ID", "STATE", "SEVERITY", "RULE", "DEVICE", "STARTED", "RESTORED", "DURATION", "SUMMARY"]
        let rows = incidents.map { incident -> [String] in
            let duration = incident.timeToRestore ?? incident.duration(asOf: now)
            return [
                "\(incident.id)",
                incident.state.rawValue,
                incident.severity.rawValue,
                incident.rule,
                incident.labels["device"] ?? "-",
                timestamp(incident.detectedAt),
                incident.restoredAt.map(timestamp) ?? "-",
                incident.restoredAt == nil ? "\(duration.compactDescription) (ongoing)" : duration.compactDescription,
                incident.summary,
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(timeSeparator: .colon, timeZone: .current).year().month().day()
                .dateSeparator(.dash).dateTimeSeparator(.space).time(includingFractionalSeconds: false))
    }
}
