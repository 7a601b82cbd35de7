/// A wall-clock date and time without a zone, as people write it: `2026-12-05T22:00`.
///
/// Years run from 1 to 9999 (the four digits iCalendar writes). Only real calendar dates and times exist:
/// there is no 30 February and no hour 24. Whether the time exists *in a zone* (it may fall in a daylight-saving
/// gap) is a separate question, answered by ``instant(in:)``.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 28…31.
    public let day: Int
    /// The hour, 0 to 23.
    public let hour: Int
    /// The minute, 0 to 59.
    public let minute: Int
    /// The second, 0 to 59.
    public let second: Int

    /// Creates a date-time, if it is a real calendar date and time of day.
    /// - Parameters:
    ///   - year: 1 to 9999.
    ///   - month: 1 to 12.
    ///   - day: 1 to the length of the month (29 February only in leap years).
    ///   - hour: 0 to 23.
    ///   - minute: 0 to 59.
    ///   - second: 0 to 59 (no leap seconds).
    /// - Returns: `nil` when a field is out of range, e.g. 30 February or hour 24.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (CivilCalendar.firstYear...CivilCalendar.lastYear).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Creates a date-time from a day number and a second of that day, both already known to be in range.
    init(dayNumber: Int, secondOfDay: Int) {
        let date = CivilCalendar.date(ofDayNumber: dayNumber)
        self.year = date.year
        self.month = date.month
        self.day = date.day
        self.hour = secondOfDay / 3600
        self.minute = secondOfDay % 3600 / 60
        self.second = secondOfDay % 60
    }

    /// `2026-12-05T22:00`, with seconds only when they are not zero: `2026-12-05T22:00:30`.
    public var description: String {
        let date = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        let time = "\(Self.pad(hour, 2)):\(Self.pad(minute, 2))"
        return second == 0 ? "\(date)T\(time)" : "\(date)T\(time):\(Self.pad(second, 2))"
    }

    /// The iCalendar form of RFC 5545 §3.3.5, always with seconds: `20261205T220000`.
    var iCalendarText: String {
        "\(Self.pad(year, 4))\(Self.pad(month, 2))\(Self.pad(day, 2))T"
            + "\(Self.pad(hour, 2))\(Self.pad(minute, 2))\(Self.pad(second, 2))"
    }

    /// The day of the week.
    public var weekday: Weekday { CivilCalendar.weekday(ofDayNumber: dayNumber) }

    /// The same time of day `days` days later (earlier when negative), on the civil calendar: across a DST change
    /// the wall-clock time stays and the elapsed time is 23 or 25 hours.
    ///
    /// - Parameter days: How many days to move.
    /// - Returns: The date-time, clamped to the years 1–9999.
    public func addingDays(_ days: Int) -> LocalDateTime {
        let target = min(max(dayNumber + days, CivilCalendar.firstDayNumber), CivilCalendar.lastDayNumber)
        return onDay(target)
    }

    /// The same date at `hour:minute` (0:00 when the values are out of range).
    ///
    /// - Parameters:
    ///   - hour: 0–23.
    ///   - minute: 0–59.
    /// - Returns: The date-time.
    public func at(hour: Int, minute: Int) -> LocalDateTime {
        let valid = (0...23).contains(hour) && (0...59).contains(minute)
        return LocalDateTime(dayNumber: dayNumber, secondOfDay: valid ? hour * 3600 + minute * 60 : 0)
    }

    /// Days since 1970-01-01.
    var dayNumber: Int { CivilCalendar.dayNumber(year: year, month: month, day: day) }

    /// Seconds since midnight.
    var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// Seconds since 1970-01-01T00:00 on this wall clock, as if it were UTC: the difference of two of them is
    /// the time between them on the wall clock, whatever the clock changes in between.
    public var wallClockSeconds: Int { dayNumber * CivilCalendar.secondsPerDay + secondOfDay }

    /// The wall-clock time `seconds` later (earlier when negative): 08:00 plus 24 hours is 08:00 the next day,
    /// even across a daylight-saving change, when 23 or 25 hours pass in real time.
    ///
    /// - Parameter seconds: How far to move on the wall clock.
    /// - Returns: The date-time, clamped to the years 1–9999.
    public func addingWallClockSeconds(_ seconds: Int) -> LocalDateTime {
        let first = CivilCalendar.firstDayNumber * CivilCalendar.secondsPerDay
        let last = (CivilCalendar.lastDayNumber + 1) * CivilCalendar.secondsPerDay - 1
        let (sum, overflow) = wallClockSeconds.addingReportingOverflow(seconds)
        let target = overflow ? (seconds < 0 ? first : last) : min(max(sum, first), last)
        let day = CivilCalendar.floorDivide(target, CivilCalendar.secondsPerDay)
        return LocalDateTime(dayNumber: day, secondOfDay: target - day * CivilCalendar.secondsPerDay)
    }

    /// The same time of day on another date.
    func onDay(_ dayNumber: Int) -> LocalDateTime {
        LocalDateTime(dayNumber: dayNumber, secondOfDay: secondOfDay)
    }

    /// Orders by date, then time of day.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
