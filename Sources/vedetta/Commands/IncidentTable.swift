import Foundation
import VedettaCore
import VedettaIncidents

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

    /// A local time as the table shows it: `2026-11-23 18:56:48`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(timeSeparator: .colon, timeZone: .current).year().month().day()
                .dateSeparator(.dash).dateTimeSeparator(.space).time(includingFractionalSeconds: false))
    }
}
