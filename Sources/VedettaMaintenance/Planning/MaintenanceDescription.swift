import Foundation
import VedettaCore

/// Windows and their changes in words, for the audit trail.
public enum MaintenanceDescription {
    /// The whole definition: `match device="core-sw-1"; from 2026-12-05T22:00 Europe/Rome for 2h; FREQ=…; reason …`.
    public static func describe(_ definition: MaintenanceDefinition) -> String {
        let schedule = definition.schedule
        var parts = [
            "match \(definition.scope)",
            "from \(schedule.start) \(schedule.zone.identifier) for \(schedule.duration.compactDescription)",
        ]
        if let rule = schedule.recurrence { parts.append("repeat \(rule)") }
        if !schedule.exceptions.isEmpty {
            parts.append("except \(schedule.exceptions.sorted().map(\.description).joined(separator: ", "))")
        }
        parts.append("reason \"\(definition.reason)\"")
        return parts.joined(separator: "; ")
    }

    /// What changed between two definitions, field by field: `start: 2026-12-05T22:00 → 2026-12-05T23:00`.
    public static func changes(from old: MaintenanceDefinition, to new: MaintenanceDefinition) -> String {
        var changes: [String] = []
        func note(_ field: String, _ before: String, _ after: String) {
            if before != after { changes.append("\(field): \(before) → \(after)") }
        }
        let (was, now) = (old.schedule, new.schedule)
        note("match", old.scope.description, new.scope.description)
        note("start", was.start.description, now.start.description)
        note("time_zone", was.zone.identifier, now.zone.identifier)
        note("duration", was.duration.compactDescription, now.duration.compactDescription)
        note("rrule", was.recurrence.map { "\($0)" } ?? "none", now.recurrence.map { "\($0)" } ?? "none")
        note(
            "exdates", was.exceptions.sorted().map(\.description).joined(separator: ", "),
            now.exceptions.sorted().map(\.description).joined(separator: ", "))
        note("reason", "\"\(old.reason)\"", "\"\(new.reason)\"")
        return changes.joined(separator: "; ")
    }
}
