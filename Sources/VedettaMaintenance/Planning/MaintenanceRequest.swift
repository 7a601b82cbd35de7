public import Foundation
import VedettaCore

/// A window as people ask for it, field by field, in the words of the CLI flags, the API's JSON and the YAML
/// files: every field is text, and every mistake is reported against its field.
public struct MaintenanceRequest: Sendable, Hashable, Codable {
    /// Label matchers: `site="milano", role=~"switch|router"`.
    public var match: String?
    /// The first start, local time in `time_zone`: `2026-12-05T22:00`, or `now`.
    public var start: String?
    /// The first end, local time in `time_zone` (instead of `duration`).
    public var end: String?
    /// How long each occurrence lasts: `2h`, `90m`, `1h30m` (instead of `end`).
    public var duration: String?
    /// IANA time zone, e.g. `Europe/Rome`; the agent's `time_zone` when absent.
    public var timeZone: String?
    /// RFC 5545 recurrence rule, e.g. `FREQ=WEEKLY;BYDAY=SU`; absent or empty for a one-off window.
    public var rrule: String?
    /// Local starts of occurrences to skip.
    public var exdates: [String]?
    /// Why: free text, usually with a ticket reference.
    public var reason: String?
    /// Who asks.
    public var by: String?

    /// Creates a request.
    public init(
        match: String? = nil, start: String? = nil, end: String? = nil, duration: String? = nil,
        timeZone: String? = nil, rrule: String? = nil, exdates: [String]? = nil, reason: String? = nil,
        by: String? = nil
    ) {
        self.match = match
        self.start = start
        self.end = end
        self.duration = duration
        self.timeZone = timeZone
        self.rrule = rrule
        self.exdates = exdates
        self.reason = reason
        self.by = by
    }

    enum CodingKeys: String, CodingKey {
        case match, start, end, duration, rrule, exdates, reason, by
        case timeZone = "time_zone"
    }

    /// The definition of a new window.
    /// - Parameters:
    ///   - defaultZone: The zone when `time_zone` is absent.
    ///   - now: The current time, for `start: now`.
    /// - Throws: ``MaintenanceError`` naming the first field at fault.
    public func definition(defaultZone: TimeZone, now: Date) throws(MaintenanceError) -> MaintenanceDefinition {
        guard let match = nonEmpty(match) else {
            throw .invalid("match", "required: label matchers such as device=\"core-sw-1\"")
        }
        guard let startText = nonEmpty(start) else {
            throw .invalid("start", "required: the first start, local time such as 2026-12-05T22:00, or now")
        }
        guard nonEmpty(reason) != nil else {
            throw .invalid("reason", "required: why, e.g. \"firmware upgrade, CHG-1234\"")
        }
        let zone = try MaintenanceFields.zone(nonEmpty(timeZone), default: defaultZone)
        return try MaintenanceFields.definition(
            scope: try MaintenanceScope.parse(match),
            start: try MaintenanceFields.start(startText, zone: zone, now: now),
            zone: zone,
            length: try MaintenanceFields.length(end: nonEmpty(end), duration: nonEmpty(duration), keeping: nil),
            rrule: nonEmpty(rrule),
            exdates: exdates ?? [],
            reason: reason ?? ""
        )
    }

    /// `old` with the fields of this request that are given (an empty `rrule` removes the recurrence).
    /// - Parameters:
    ///   - old: The window's definition now.
    ///   - now: The current time, for `start: now`.
    /// - Throws: ``MaintenanceError`` naming the first field at fault.
    public func definition(editing old: MaintenanceDefinition, now: Date) throws(MaintenanceError)
        -> MaintenanceDefinition
    {
        let oldSchedule = old.schedule
        let zone = try MaintenanceFields.zone(nonEmpty(timeZone), default: oldSchedule.zone)
        let startTime =
            try nonEmpty(start).map { text throws(MaintenanceError) in
                try MaintenanceFields.start(text, zone: zone, now: now)
            } ?? oldSchedule.start
        return try MaintenanceFields.definition(
            scope: try match.map { text throws(MaintenanceError) in try MaintenanceScope.parse(text) } ?? old.scope,
            start: startTime,
            zone: zone,
            length: try MaintenanceFields.length(
                end: nonEmpty(end), duration: nonEmpty(duration), keeping: oldSchedule.duration),
            rrule: rrule.map { $0.trimmingCharacters(in: .whitespaces) } ?? oldSchedule.recurrence.map { "\($0)" },
            exdates: exdates ?? oldSchedule.exceptions.sorted().map(\.description),
            reason: reason ?? old.reason
        )
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
