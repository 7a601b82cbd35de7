public import Foundation

/// How a maintenance window repeats: a subset of the RFC 5545 `RRULE`.
///
/// Supported: `FREQ=DAILY|WEEKLY|MONTHLY`, `INTERVAL`, `BYDAY` (with ordinals such as `1SU` or `-1FR` only for
/// `FREQ=MONTHLY`), `BYMONTHDAY` (1…31 and -31…-1), and either `COUNT` or `UNTIL`. `WKST` is accepted only as
/// `MO`, the default: weeks start on Monday.
public struct RecurrenceRule: Sendable, Hashable, CustomStringConvertible {
    /// The unit the rule repeats in.
    public enum Frequency: String, Sendable, Hashable {
        /// Every `INTERVAL` days.
        case daily = "DAILY"
        /// Every `INTERVAL` weeks (Monday to Sunday).
        case weekly = "WEEKLY"
        /// Every `INTERVAL` months.
        case monthly = "MONTHLY"
    }

    /// One `BYDAY` entry: a weekday, with an ordinal for "the nth such weekday of the month".
    public struct DayRule: Sendable, Hashable, CustomStringConvertible {
        /// 1…5 for the first to fifth, -1…-5 for the last to fifth-from-last; `nil` for every such weekday.
        public var ordinal: Int?
        /// The weekday.
        public var weekday: Weekday

        /// Creates an entry.
        /// - Parameters:
        ///   - ordinal: 1…5 or -1…-5, or `nil` for every such weekday.
        ///   - weekday: The weekday.
        public init(ordinal: Int? = nil, weekday: Weekday) {
            self.ordinal = ordinal
            self.weekday = weekday
        }

        /// The RRULE form: `SU`, `1SU`, `-1FR`.
        public var description: String { (ordinal.map(String.init) ?? "") + weekday.code }
    }

    /// When the rule stops.
    public enum End: Sendable, Hashable {
        /// It repeats for ever.
        case never
        /// After this many occurrences, counting the start as the first.
        case count(Int)
        /// With the last occurrence that starts at or before this instant.
        case until(Date)
    }

    /// The unit the rule repeats in.
    public var frequency: Frequency
    /// Every how many units (1 or more).
    public var interval: Int
    /// `BYDAY`: the weekdays (a filter for DAILY, the days of each week for WEEKLY, the days of each month for
    /// MONTHLY).
    public var byDay: [DayRule]
    /// `BYMONTHDAY`: days of the month, negative counting from the month's end (-1 is the last day).
    public var byMonthDay: [Int]
    /// When the rule stops.
    public var end: End

    /// Creates a rule, checking it as ``parse(_:in:)`` does.
    ///
    /// `byDay` and `byMonthDay` are put in canonical order (Monday first; days ascending, then the negative
    /// ones from -1), without repeats.
    /// - Parameters:
    ///   - frequency: The unit the rule repeats in.
    ///   - interval: Every how many units, at least 1.
    ///   - byDay: Weekdays; ordinals need `.monthly`.
    ///   - byMonthDay: Days of the month, 1…31 or -31…-1.
    ///   - end: When the rule stops; a count must be at least 1.
    /// - Throws: ``ScheduleError`` (field `rrule`) naming the part at fault.
    public init(
        frequency: Frequency, interval: Int = 1, byDay: [DayRule] = [], byMonthDay: [Int] = [], end: End = .never
    ) throws(ScheduleError) {
        guard interval >= 1 else { throw .rule("INTERVAL must be a whole number of at least 1") }
        for rule in byDay {
            guard let ordinal = rule.ordinal else { continue }
            guard (1...5).contains(abs(ordinal)) else {
                throw .rule("BYDAY: \"\(rule)\" has an ordinal outside 1…5 and -5…-1 (the nth weekday of a month)")
            }
            guard frequency == .monthly else { throw .rule("BYDAY ordinals (1SU, -1FR) need FREQ=MONTHLY") }
        }
        for day in byMonthDay where day == 0 || abs(day) > 31 {
            throw .rule("BYMONTHDAY: \"\(day)\" \(Self.notADayOfTheMonth)")
        }
        if case .count(let count) = end, count < 1 {
            throw .rule("COUNT must be a whole number of at least 1")
        }
        self.frequency = frequency
        self.interval = interval
        self.byDay = Self.canonical(byDay)
        self.byMonthDay = Self.canonical(byMonthDay)
        self.end = end
    }

    /// The canonical RRULE text, without the `RRULE:` prefix: `FREQ`, then `INTERVAL` (only when above 1),
    /// `BYDAY`, `BYMONTHDAY`, and `COUNT` or `UNTIL`. `UNTIL` is always UTC, `yyyyMMddTHHmmssZ`, as RFC 5545
    /// requires when `DTSTART` has a `TZID`.
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval > 1 { parts.append("INTERVAL=\(interval)") }
        if !byDay.isEmpty { parts.append("BYDAY=" + Self.canonical(byDay).map(\.description).joined(separator: ",")) }
        if !byMonthDay.isEmpty {
            parts.append("BYMONTHDAY=" + Self.canonical(byMonthDay).map(String.init).joined(separator: ","))
        }
        switch end {
        case .never: break
        case .count(let count): parts.append("COUNT=\(count)")
        case .until(let until): parts.append("UNTIL=\(LocalDateTime(until, in: .gmt).iCalendarText)Z")
        }
        return parts.joined(separator: ";")
    }

    /// The end of a `BYMONTHDAY` message: what a day of the month may be.
    static let notADayOfTheMonth = "is not a day of the month (use 1 to 31, or -1 to -31 to count from the month's end)"

    /// Weekdays Monday first, every-such-weekday before ordinals, ordinals ascending; no repeats.
    private static func canonical(_ rules: [DayRule]) -> [DayRule] {
        var seen = Set<DayRule>()
        return rules.filter { seen.insert($0).inserted }.sorted {
            ($0.weekday, $0.ordinal ?? Int.min) < ($1.weekday, $1.ordinal ?? Int.min)
        }
    }

    /// Days ascending, then negative days from -1 down; no repeats.
    private static func canonical(_ days: [Int]) -> [Int] {
        let unique = Set(days)
        return unique.filter { $0 > 0 }.sorted() + unique.filter { $0 < 0 }.sorted(by: >)
    }
}
