import Foundation
import VedettaCore
import VedettaMaintenance

/// Windows as text for the terminal.
enum MaintenanceTable {
    /// One line per window: number, state, scope, the current or next occurrence (local and UTC), length, rule,
    /// reason.
    static func render(_ windows: [MaintenanceWindowView]) -> String {
        guard !windows.isEmpty else { return "no maintenance windows\n" }
        var rows = [["ID", "STATE", "MATCH", "WHEN (LOCAL)", "WHEN (UTC)", "LENGTH", "REPEATS", "REASON"]]
        for window in windows {
            let occurrence = window.current ?? window.next.first
            rows.append([
                "#\(window.id)", window.state, window.match,
                occurrence.map { "\(local($0.startLocal)) \(window.timeZone)" } ?? "-",
                occurrence.map { utc($0.start) } ?? "-",
                window.duration, window.rrule ?? "once", window.reason,
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return
            rows.map { row in
                row.enumerated().map { column, text in
                    column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
            }.joined(separator: "\n") + "\n"
    }

    /// One window in full: its fields, its occurrences and its audit trail.
    static func detail(_ window: MaintenanceWindowView, audit: [MaintenanceAuditEntry]) -> String {
        var lines = [
            "maintenance #\(window.id)\(window.name.map { " (\($0))" } ?? ""): \(window.state)",
            "  match     \(window.match)",
            "  start     \(local(window.start)) \(window.timeZone), for \(window.duration)",
            "  repeats   \(window.rrule ?? "once")",
        ]
        if !window.exdates.isEmpty { lines.append("  except    \(window.exdates.map(local).joined(separator: ", "))") }
        lines.append("  reason    \(window.reason)")
        lines.append("  origin    \(window.origin), created by \(window.createdBy) at \(utc(window.createdAt))")
        if let current = window.current {
            lines.append("  now       \(occurrence(current, zone: window.timeZone)) (in progress)")
        }
        for (index, next) in window.next.enumerated() {
            lines.append("  \(index == 0 ? "next " : "     ")     \(occurrence(next, zone: window.timeZone))")
        }
        if !audit.isEmpty {
            lines.append("  audit")
            for entry in audit {
                lines.append("    \(utc(entry.at))  \(entry.action)  by \(entry.by): \(entry.detail)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2026-12-06 02:00–04:00 Europe/Rome (01:00Z–03:00Z)`.
    static func occurrence(_ occurrence: MaintenanceWindowView.OccurrenceView, zone: String) -> String {
        let sameDay = occurrence.startLocal.prefix(10) == occurrence.endLocal.prefix(10)
        let end = sameDay ? String(local(occurrence.endLocal).dropFirst(11)) : local(occurrence.endLocal)
        return "\(local(occurrence.startLocal))–\(end) \(zone) (\(utc(occurrence.start)) – \(utc(occurrence.end)))"
    }

    /// `2026-12-06T02:00` as `2026-12-06 02:00`.
    static func local(_ text: String) -> String {
        text.replacingOccurrences(of: "T", with: " ")
    }

    /// `2026-12-06 01:00Z` (seconds only when not zero).
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let seconds = (parts.second ?? 0) == 0 ? "" : ":\(two(parts.second))"
        return
            "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))\(seconds)Z"
    }
}

/// What the change commands print.
enum MaintenancePrinter {
    static func printChanged(_ window: MaintenanceWindow, verb: String, at now: Date, json: Bool) throws {
        let view = MaintenanceWindowView(window, at: now)
        if json {
            print(try jsonText(view))
            return
        }
        print("maintenance #\(window.id) \(verb)")
        print(MaintenanceTable.detail(view, audit: []), terminator: "")
    }
}
