public import Foundation
import VedettaCore
public import VedettaMaintenance

/// The hours the service is expected to be up for the business, e.g. Monday to Saturday 08:00–21:00 in
/// Europe/Rome, except public holidays. Reports give availability within these hours as well as around the clock.
///
/// Hours are wall-clock times in the calendar's zone, so 08:00 stays 08:00 across a DST change (the day of the
/// change is an hour shorter or longer only when its business hours span 02:00–03:00).
public struct BusinessCalendar: Sendable, Hashable {
    /// One span of business hours on a day: minutes since local midnight, `[start, end)`; `end` may be 1440.
    public struct Hours: Sendable, Hashable, CustomStringConvertible {
        /// The first minute, 0–1439.
        public var start: Int
        /// The minute after the last, 1–1440.
        public var end: Int

        /// Creates hours; `nil` unless `0 ≤ start < end ≤ 1440`.
        ///
        /// - Parameters:
        ///   - start: Minutes since midnight.
        ///   - end: Minutes since midnight, after `start`.
        public init?(start: Int, end: Int) {
            guard 0 <= start, start < end, end <= 1440 else { return nil }
            self.start = start
            self.end = end
        }

        /// Parses `08:00-21:00` (`24:00` for midnight at the end).
        ///
        /// - Parameter text: The text.
        /// - Returns: The hours, or `nil` for another shape or an empty span.
        public static func parse(_ text: String) -> Hours? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let start = minutes(parts[0]), let end = minutes(parts[1]) else { return nil }
            return Hours(start: start, end: end)
        }

        private static func minutes(_ text: Substring) -> Int? {
            let fields = text.trimmingCharacters(in: .whitespaces).split(
                separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 2, fields[0].count == 2, fields[1].count == 2, let hour = Int(fields[0]),
                let minute = Int(fields[1]), (0...24).contains(hour), (0...59).contains(minute),
                hour < 24 || minute == 0
            else { return nil }
            return hour * 60 + minute
        }

        /// `08:00-21:00`.
        public var description: String {
            func clock(_ minutes: Int) -> String {
                let hour = minutes / 60
                let minute = minutes % 60
                return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
            }
            return clock(start) + "-" + clock(end)
        }
    }

    /// A public holiday: one date, or the same month and day every year.
    public enum Holiday: Sendable, Hashable, CustomStringConvertible {
        /// One date.
        case date(year: Int, month: Int, day: Int)
        /// Every year on this month and day (`12-25`).
        case yearly(month: Int, day: Int)

        /// Parses `2026-04-06` or `12-25`.
        ///
        /// - Parameter text: The text.
        /// - Returns: The holiday, or `nil` when it names no real date.
        public static func parse(_ text: String) -> Holiday? {
            let fields = text.trimmingCharacters(in: .whitespaces).split(
                separator: "-", omittingEmptySubsequences: false)
            let numbers = fields.compactMap { Int($0) }
            guard numbers.count == fields.count else { return nil }
            switch numbers.count {
            case 3 where fields[0].count == 4 && fields[1].count == 2 && fields[2].count == 2:
                guard LocalDateTime(year: numbers[0], month: numbers[1], day: numbers[2]) != nil else { return nil }
                return .date(year: numbers[0], month: numbers[1], day: numbers[2])
            case 2 where fields[0].count == 2 && fields[1].count == 2:
                // 2024 is a leap year, so 02-29 is accepted (and applies in leap years only).
                guard LocalDateTime(year: 2024, month: numbers[0], day: numbers[1]) != nil else { return nil }
                return .yearly(month: numbers[0], day: numbers[1])
            default:
                return nil
            }
        }

        func falls(on day: LocalDateTime) -> Bool {
            switch self {
            case .date(let year, let month, let date): day.year == year && day.month == month && day.day == date
            case .yearly(let month, let date): day.month == month && day.day == date
            }
        }

        /// `2026-04-06` or `12-25`.
        public var description: String {
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            switch self {
            case .date(let year, let month, let day): return "\(year)-\(two(month))-\(two(day))"
            case .yearly(let month, let day): return "\(two(month))-\(two(day))"
            }
        }
    }

    /// The zone the hours are in.
    public var timeZone: TimeZone
    /// The business hours of each weekday; a day without an entry has none.
    public var hours: [Weekday: [Hours]]
    /// The days without business hours whatever the weekday.
    public var holidays: [Holiday]

    /// Creates a calendar.
    ///
    /// - Parameters:
    ///   - timeZone: The zone the hours are in.
    ///   - hours: The business hours of each weekday.
    ///   - holidays: Public holidays.
    public init(timeZone: TimeZone, hours: [Weekday: [Hours]], holidays: [Holiday] = []) {
        self.timeZone = timeZone
        self.hours = hours
        self.holidays = holidays
    }

    /// The business hours within `[from, to)`, as instants (milliseconds since 1970).
    ///
    /// - Parameters:
    ///   - from: The start.
    ///   - to: The end.
    /// - Returns: The intervals.
    public func intervals(from: Int64, to: Int64) -> IntervalSet {
        guard from < to else { return IntervalSet() }
        let first = LocalDateTime(Date(timeIntervalSince1970: Double(from) / 1000), in: timeZone).at(hour: 0, minute: 0)
        var ranges: [Range<Int64>] = []
        var day = first.addingDays(-1)  // a day's hours may end after `from` even if the day began before it
        while true {
            let dayStart = Milliseconds.of(day.instant(in: timeZone))
            if dayStart >= to { break }
            if !holidays.contains(where: { $0.falls(on: day) }) {
                for span in hours[day.weekday] ?? [] {
                    let start = Milliseconds.of(instant(of: day, minute: span.start))
                    let end = Milliseconds.of(instant(of: day, minute: span.end))
                    if start < end { ranges.append(max(start, from)..<max(min(end, to), max(start, from))) }
                }
            }
            let next = day.addingDays(1)
            if next == day { break }  // the end of the calendar
            day = next
        }
        return IntervalSet(ranges)
    }

    private func instant(of day: LocalDateTime, minute: Int) -> Date {
        minute >= 1440
            ? day.addingDays(1).instant(in: timeZone)
            : day.at(hour: minute / 60, minute: minute % 60).instant(in: timeZone)
    }
}
