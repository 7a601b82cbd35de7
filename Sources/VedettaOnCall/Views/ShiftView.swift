public import Foundation
import VedettaMaintenance

/// A shift as the API and the CLI show it: the person's full name, and the times also on the schedule's clock.
public struct ShiftView: Sendable, Hashable, Encodable {
    /// The shift.
    public var shift: Shift
    /// The person's full name.
    public var personName: String
    /// The start on the schedule's clock, e.g. `2026-12-07T08:00`.
    public var localStart: String
    /// The end on the schedule's clock.
    public var localEnd: String
    /// The schedule's zone.
    public var timeZone: String

    /// The view of `shift`, with names from `roster` and local times in `zone`.
    public init(_ shift: Shift, roster: OnCallRoster, zone: TimeZone) {
        self.shift = shift
        personName = roster.person(shift.person)?.fullName ?? shift.person
        localStart = LocalDateTime(shift.start, in: zone).description
        localEnd = LocalDateTime(shift.end, in: zone).description
        timeZone = zone.identifier
    }

    /// The views of `shifts`, each on its schedule's clock (UTC for an unknown schedule).
    public static func views(_ shifts: [Shift], roster: OnCallRoster) -> [ShiftView] {
        shifts.map { ShiftView($0, roster: roster, zone: roster.schedule($0.schedule)?.zone ?? .gmt) }
    }

    enum CodingKeys: String, CodingKey {
        case schedule, person, start, end, layer, substitution, covers
        case personName = "person_name"
        case localStart = "local_start"
        case localEnd = "local_end"
        case timeZone = "time_zone"
    }

    /// Encodes the shift's fields flat, with the view's.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shift.schedule, forKey: .schedule)
        try container.encode(shift.person, forKey: .person)
        try container.encode(personName, forKey: .personName)
        try container.encode(shift.start, forKey: .start)
        try container.encode(shift.end, forKey: .end)
        try container.encode(localStart, forKey: .localStart)
        try container.encode(localEnd, forKey: .localEnd)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(shift.layer, forKey: .layer)
        try container.encode(shift.substitution, forKey: .substitution)
        try container.encode(shift.covers, forKey: .covers)
    }
}

/// Who is on call for one schedule, as the API and the CLI show it: `shift` is `null` when nobody is.
public struct OnCallNowView: Sendable, Hashable, Encodable {
    /// The schedule's name.
    public var schedule: String
    /// The shift holding the instant asked about.
    public var shift: ShiftView?
    /// Since when its person is on call without a break (`null` when beyond 60 days).
    public var since: Date?
    /// Until when its person is on call without a break (`null` when no hand-off comes within 60 days).
    public var until: Date?
    /// ``until`` on the schedule's clock.
    public var localUntil: String?

    /// The view of `now`.
    public init(_ now: OnCallNow, roster: OnCallRoster) {
        schedule = now.schedule.name
        shift = now.shift.map { ShiftView($0, roster: roster, zone: now.schedule.zone) }
        since = now.since
        until = now.until
        localUntil = now.until.map { LocalDateTime($0, in: now.schedule.zone).description }
    }

    /// Encodes `shift`, `since` and `until` as `null` when nobody is on call.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schedule, forKey: .schedule)
        try container.encode(shift, forKey: .shift)
        try container.encode(since, forKey: .since)
        try container.encode(until, forKey: .until)
        try container.encode(localUntil, forKey: .localUntil)
    }

    enum CodingKeys: String, CodingKey {
        case schedule, shift, since, until
        case localUntil = "local_until"
    }
}
