public import Foundation

/// When a maintenance window happens: its first start (on the wall clock of its zone), how long each occurrence
/// lasts, and, for a recurring window, its rule and the starts it skips (`EXDATE`).
///
/// The initializer validates. Setting a property afterwards does not validate again: build a new schedule with
/// ``init(start:zone:duration:recurrence:exceptions:)`` to check a change.
public struct MaintenanceSchedule: Sendable, Hashable {
    /// The longest a window may last.
    public static let maximumDuration = Duration.seconds(31 * 86_400)

    /// The first start, on the wall clock of ``zone``. For a recurring window, the rule's first occurrence.
    public var start: LocalDateTime { didSet { refreshLastCountedStart() } }
    /// The zone whose wall clock ``start``, the rule and the exceptions are written in.
    public var zone: TimeZone
    /// How long each occurrence lasts, in real time.
    public var duration: Duration
    /// How the window repeats; `nil` for a one-off window.
    public var recurrence: RecurrenceRule? { didSet { refreshLastCountedStart() } }
    /// Local starts the window skips (`EXDATE`), each an occurrence of the rule.
    public var exceptions: Set<LocalDateTime>

    /// The local start of the last occurrence a `COUNT` allows (`nil` without `COUNT`): counted once here, so
    /// that queries can skip straight to the periods they need.
    private(set) var lastCountedStart: LocalDateTime?

    /// Creates a schedule, if it is consistent.
    /// - Parameters:
    ///   - start: The first start, on the wall clock of `zone`; for a recurring window, an occurrence of its rule.
    ///   - zone: The window's zone.
    ///   - duration: How long each occurrence lasts: more than zero and at most 31 days.
    ///   - recurrence: How the window repeats, or `nil` for a one-off window.
    ///   - exceptions: Occurrences to skip; each must be an occurrence of the rule.
    /// - Throws: ``ScheduleError`` with field `duration` (zero, negative or too long), `start` (not an occurrence
    ///   of the rule), `rrule` (`UNTIL` before the start, or a `COUNT` not reached within a century) or `exdate`
    ///   (an exception that is not an occurrence, exceptions without a rule, or exceptions that remove every
    ///   occurrence).
    public init(
        start: LocalDateTime, zone: TimeZone, duration: Duration, recurrence: RecurrenceRule? = nil,
        exceptions: Set<LocalDateTime> = []
    ) throws(ScheduleError) {
        guard duration > .zero else {
            throw ScheduleError(field: "duration", message: "a window must last longer than zero")
        }
        guard duration <= Self.maximumDuration else {
            throw ScheduleError(
                field: "duration", message: "a window may last at most 31 days (split a longer one into several)")
        }
        self.start = start
        self.zone = zone
        self.duration = duration
        self.recurrence = recurrence
        self.exceptions = exceptions
        self.lastCountedStart = nil
        guard refreshLastCountedStart() else {
            throw .rule(
                "COUNT needs occurrences more than 100 years after the start (or after the year 9999): lower it, "
                    + "or leave COUNT out for a window without end")
        }
        try validateRecurrence()
    }

    /// The zone with an IANA identifier, for the `tz` of a window.
    /// - Parameter identifier: e.g. `Europe/Rome`, `America/New_York`, `UTC`.
    /// - Returns: The zone.
    /// - Throws: ``ScheduleError`` (field `tz`) when Foundation does not know the identifier.
    public static func timeZone(identifier: String) throws(ScheduleError) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else {
            throw ScheduleError(
                field: "tz",
                message: "\"\(identifier)\" is not a known IANA time zone (e.g. Europe/Rome, America/New_York, UTC)")
        }
        return zone
    }

    /// How far after the start a `COUNT` may reach: about a century.
    static let countHorizonInDays = 36_525

    /// Counts the rule's occurrences from the start, for at most ``countHorizonInDays``.
    /// - Returns: Whether `COUNT` was reached within that horizon (`true` without `COUNT`).
    @discardableResult
    private mutating func refreshLastCountedStart() -> Bool {
        guard let rule = recurrence, case .count(let count) = rule.end else {
            lastCountedStart = nil
            return true
        }
        var starts = RecurrenceIterator(
            rule: rule, start: start, fromDay: start.dayNumber, throughDay: start.dayNumber + Self.countHorizonInDays)
        var last: LocalDateTime?
        var counted = 0
        while counted < count, let next = starts.next() {
            last = next
            counted += 1
        }
        lastCountedStart = last
        return counted == count
    }

    private func validateRecurrence() throws(ScheduleError) {
        guard let rule = recurrence else {
            if !exceptions.isEmpty {
                throw ScheduleError(
                    field: "exdate", message: "exceptions need a recurring window (add an RRULE or drop the EXDATE)")
            }
            return
        }
        var starts = RecurrenceIterator(rule: rule, start: start, fromDay: start.dayNumber)
        let first = starts.next()
        guard first == start else { throw Self.startMismatch(start, rule: rule, firstOccurrence: first) }
        if case .until(let until) = rule.end, start.instant(in: zone) > until {
            throw .rule(
                "UNTIL \(LocalDateTime(until, in: .gmt).iCalendarText)Z is before the start \(start) "
                    + "(\(start.instant(in: zone).formatted(.iso8601))): the window would never happen")
        }
        for exception in exceptions.sorted() where !isOccurrence(exception) {
            throw ScheduleError(field: "exdate", message: "exception \(exception) is not an occurrence of the window")
        }
        if rule.end != .never {
            var occurrences = OccurrenceIterator(schedule: self, fromDay: start.dayNumber)
            guard occurrences.next() != nil else {
                throw ScheduleError(field: "exdate", message: "the exceptions remove every occurrence of the window")
            }
        }
    }

    /// Whether the rule (with its `COUNT` or `UNTIL`) produces `local`.
    private func isOccurrence(_ local: LocalDateTime) -> Bool {
        guard let rule = recurrence, local >= start else { return false }
        var starts = RecurrenceIterator(rule: rule, start: start, fromDay: local.dayNumber)
        while let candidate = starts.next(), candidate <= local {
            guard candidate == local else { continue }
            if let lastCountedStart, local > lastCountedStart { return false }
            if case .until(let until) = rule.end, local.instant(in: zone) > until { return false }
            return true
        }
        return false
    }

    private static func startMismatch(
        _ start: LocalDateTime, rule: RecurrenceRule, firstOccurrence: LocalDateTime?
    ) -> ScheduleError {
        let ruleWeekdays = Set(rule.byDay.map(\.weekday))
        if !ruleWeekdays.isEmpty, !ruleWeekdays.contains(start.weekday) {
            let days = rule.byDay.map(\.description).joined(separator: ",")
            return ScheduleError(
                field: "start",
                message: "the start \(start) is a \(start.weekday.name), but the rule repeats on \(days): "
                    + "start the window on its first occurrence")
        }
        let suggestion = firstOccurrence.map { " (\($0))" } ?? ""
        return ScheduleError(
            field: "start",
            message: "the start \(start) is not an occurrence of \(rule): start the window on its first occurrence"
                + suggestion)
    }
}
