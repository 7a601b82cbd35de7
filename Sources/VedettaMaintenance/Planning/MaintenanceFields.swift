public import Foundation
import VedettaCore

/// Reads the fields of a window one by one, each mistake reported against its field: shared by the CLI, the API
/// and the files under `maintenance/`.
public enum MaintenanceFields {
    /// How long each occurrence lasts, as written.
    public enum Length: Sendable, Hashable {
        /// Until a local end time in the window's zone (the first occurrence's end).
        case end(LocalDateTime)
        /// A duration.
        case duration(Duration)
    }

    /// The time zone named `text` (IANA), or `fallback` when `text` is `nil`.
    /// - Throws: ``MaintenanceError`` (field `time_zone`) for an unknown name.
    public static func zone(_ text: String?, default fallback: TimeZone) throws(MaintenanceError) -> TimeZone {
        guard let text else { return fallback }
        guard let zone = TimeZone(identifier: text) else {
            throw .invalid("time_zone", "unknown time zone \"\(text)\"; use an IANA name such as Europe/Rome or UTC")
        }
        return zone
    }

    /// A local start: `2026-12-05T22:00`, or `now` (this second, in `zone`).
    /// - Throws: ``MaintenanceError`` (field `start`).
    public static func start(_ text: String, zone: TimeZone, now: Date) throws(MaintenanceError) -> LocalDateTime {
        if text.lowercased() == "now" {
            return LocalDateTime(Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)), in: zone)
        }
        return try localTime(text, field: "start")
    }

    /// A local date and time in `field`.
    /// - Throws: ``MaintenanceError`` naming `field`.
    public static func localTime(_ text: String, field: String) throws(MaintenanceError) -> LocalDateTime {
        guard let time = LocalDateTime.parse(text) else {
            throw .invalid(field, "\"\(text)\" is not a local date and time; write it as 2026-12-05T22:00")
        }
        guard LocalDateTime.typedYears.contains(time.year) else {
            throw .invalid(
                field,
                "\"\(text)\" is out of range; a window starts \(LocalDateTime.typedYearsText)")
        }
        return time
    }

    /// The length from `end` or `duration` (exactly one), or `keeping` when neither is given.
    /// - Throws: ``MaintenanceError`` (field `end` or `duration`).
    public static func length(end: String?, duration: String?, keeping: Duration?) throws(MaintenanceError) -> Length {
        switch (end, duration) {
        case (.some, .some):
            throw .invalid("end", "give end or duration, not both")
        case (.some(let end), nil):
            return .end(try localTime(end, field: "end"))
        case (nil, .some(let text)):
            guard let duration = Duration.parse(text), duration > .zero else {
                throw .invalid("duration", "\"\(text)\" is not a duration; write it as 2h, 90m or 1h30m")
            }
            return .duration(duration)
        case (nil, nil):
            guard let keeping else {
                throw .invalid("duration", "required: how long each occurrence lasts, e.g. 2h (or give end)")
            }
            return .duration(keeping)
        }
    }

    /// A complete definition from its parts.
    /// - Throws: ``MaintenanceError`` naming the field at fault: `end` before `start`, a bad `rrule` part, an
    ///   `exdates` entry that is not an occurrence, a start that the rule would not produce.
    public static func definition(
        scope: MaintenanceScope,
        start: LocalDateTime,
        zone: TimeZone,
        length: Length,
        rrule: String?,
        exdates: [String],
        reason: String
    ) throws(MaintenanceError) -> MaintenanceDefinition {
        let duration: Duration
        switch length {
        case .duration(let given):
            duration = given
        case .end(let end):
            let seconds = end.instant(in: zone).timeIntervalSince(start.instant(in: zone))
            guard seconds > 0 else {
                throw .invalid("end", "the end \(end) is not after the start \(start)")
            }
            duration = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        var recurrence: RecurrenceRule?
        if let rrule, !rrule.isEmpty {
            do {
                recurrence = try RecurrenceRule.parse(rrule, in: zone)
            } catch {
                throw .invalid("rrule", error.message)
            }
        }
        var exceptions: Set<LocalDateTime> = []
        for text in exdates { exceptions.insert(try localTime(text, field: "exdates")) }
        do {
            let schedule = try MaintenanceSchedule(
                start: start, zone: zone, duration: duration, recurrence: recurrence, exceptions: exceptions)
            return MaintenanceDefinition(scope: scope, schedule: schedule, reason: reason)
        } catch {
            throw .invalid(fieldName(error.field), error.message)
        }
    }

    /// The request's name for a field the schedule names.
    private static func fieldName(_ scheduleField: String) -> String {
        switch scheduleField {
        case "exdate", "exception", "exceptions": "exdates"
        case "tz", "zone": "time_zone"
        default: scheduleField
        }
    }
}
