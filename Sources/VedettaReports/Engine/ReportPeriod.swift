public import Foundation
import VedettaCore
import VedettaMaintenance

/// The period of a report: named periods (`last-week`, `last-month`…) and the instants `--from` and `--to` accept,
/// all in the report's zone so that a week starts on Monday at local midnight whatever DST does.
public struct ReportPeriod: Sendable, Hashable {
    /// The start (included).
    public var from: Date
    /// The end (excluded).
    public var to: Date

    /// Creates a period.
    ///
    /// - Parameters:
    ///   - from: The start.
    ///   - to: The end.
    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }

    /// The names ``named(_:at:in:)`` accepts.
    public static let names = ["yesterday", "last-week", "last-month", "this-week", "this-month", "last-30d"]

    /// A named period as of `now`: `yesterday`, `last-week` (Monday to Monday), `last-month`, `this-week` and
    /// `this-month` (so far), `last-30d` (the 30 days to today's midnight).
    ///
    /// - Parameters:
    ///   - name: One of ``names``.
    ///   - now: The current time.
    ///   - zone: The report's zone.
    /// - Returns: The period, or `nil` for an unknown name.
    public static func named(_ name: String, at now: Date, in zone: TimeZone) -> ReportPeriod? {
        let today = LocalDateTime(now, in: zone).at(hour: 0, minute: 0)
        let monday = today.addingDays(-(today.weekday.rawValue - 1))
        let firstOfMonth = today.addingDays(-(today.day - 1))
        func period(_ start: LocalDateTime, _ end: LocalDateTime) -> ReportPeriod {
            ReportPeriod(from: start.instant(in: zone), to: end.instant(in: zone))
        }
        switch name {
        case "yesterday": return period(today.addingDays(-1), today)
        case "last-week": return period(monday.addingDays(-7), monday)
        case "this-week": return ReportPeriod(from: monday.instant(in: zone), to: now)
        case "last-month": return period(previousMonth(of: firstOfMonth), firstOfMonth)
        case "this-month": return ReportPeriod(from: firstOfMonth.instant(in: zone), to: now)
        case "last-30d": return period(today.addingDays(-30), today)
        default: return nil
        }
    }

    /// Why a requested period cannot be made: the request field at fault and what is wrong with it.
    public struct RequestError: Error, Sendable {
        /// `period`, `from` or `to`.
        public var field: String
        /// What is wrong, e.g. `"2026-13-01" is not a time; use …`.
        public var reason: String
    }

    /// The period a person asks for, as `vedetta report` and the API take it: `named` (which wins), else `from`
    /// to `to` (default `now`), else the last 30 days.
    ///
    /// - Parameters:
    ///   - named: One of ``names``.
    ///   - from: The start, as ``instant(_:in:)`` reads it.
    ///   - to: The end, likewise.
    ///   - now: The current time.
    ///   - zone: The zone of dates and local times.
    /// - Returns: The period.
    /// - Throws: ``RequestError`` for an unknown name, a text that is no time, or a start not before the end.
    public static func requested(named: String?, from: String?, to: String?, at now: Date, in zone: TimeZone)
        throws(RequestError) -> ReportPeriod
    {
        if let named {
            guard let period = Self.named(named, at: now, in: zone) else {
                throw RequestError(
                    field: "period", reason: "\"\(named)\" is not a period; use \(names.joined(separator: ", "))")
            }
            return period
        }
        guard let from else { return Self.named("last-30d", at: now, in: zone) ?? ReportPeriod(from: now, to: now) }
        func time(_ text: String, _ field: String) throws(RequestError) -> Date {
            guard let instant = instant(text, in: zone) else {
                throw RequestError(
                    field: field,
                    reason: "\"\(text)\" is not a time; use a date (2026-12-02), a local time (2026-12-02T08:10) or "
                        + "ISO 8601, \(LocalDateTime.typedYearsText)")
            }
            return instant
        }
        let start = try time(from, "from")
        let end = try to.map { text throws(RequestError) in try time(text, "to") } ?? now
        guard start < end else { throw RequestError(field: "from", reason: "from must be before to") }
        guard end.timeIntervalSince(start) <= Self.longest.seconds else {
            throw RequestError(
                field: "to", reason: "a report covers at most \(Self.longest.compactDescription) (ten years)")
        }
        return ReportPeriod(from: start, to: end)
    }

    /// The week (Monday to Monday) or month that ended last before `now`: what a schedule reports on.
    ///
    /// - Parameters:
    ///   - every: Week or month.
    ///   - now: The current time.
    ///   - zone: The zone.
    /// - Returns: The period.
    public static func latestComplete(_ every: ReportSchedule.Every, before now: Date, in zone: TimeZone)
        -> ReportPeriod
    {
        let name = every == .week ? "last-week" : "last-month"
        return named(name, at: now, in: zone) ?? ReportPeriod(from: now, to: now)
    }

    /// The longest period a report may cover: ten years (3,653 days), days and weeks listed one by one.
    public static let longest: Duration = .seconds(3653 * 86_400)

    /// The first day of the month before the month starting at `firstOfMonth`.
    static func previousMonth(of firstOfMonth: LocalDateTime) -> LocalDateTime {
        let lastDayBefore = firstOfMonth.addingDays(-1)
        return lastDayBefore.addingDays(-(lastDayBefore.day - 1))
    }

    /// An instant as people type it: a date (`2026-11-01`, local midnight), a local date-time
    /// (`2026-11-01T08:00`, `2026-11-01 08:00`) in `zone`, or ISO 8601 with a zone (`2026-11-01T07:00:00Z`).
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - zone: The zone of dates and local times.
    /// - Returns: The instant, or `nil` when the text is none of these.
    public static func instant(_ text: String, in zone: TimeZone) -> Date? {
        LocalDateTime.instant(typed: text, in: zone)
    }
}
