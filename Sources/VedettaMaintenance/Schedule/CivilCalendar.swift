/// Proleptic Gregorian calendar arithmetic on plain integers, after Howard Hinnant's `days_from_civil` and
/// `civil_from_days`: a day is its number of days since 1970-01-01, so stepping and comparing dates is integer
/// arithmetic, with no `Calendar` and no allocation.
enum CivilCalendar {
    /// The first year a ``LocalDateTime`` may have.
    static let firstYear = 1
    /// The last year a ``LocalDateTime`` may have (iCalendar writes years with four digits).
    static let lastYear = 9999
    /// The day number of 0001-01-01.
    static let firstDayNumber = dayNumber(year: firstYear, month: 1, day: 1)
    /// The day number of 9999-12-31.
    static let lastDayNumber = dayNumber(year: lastYear, month: 12, day: 31)
    /// Seconds in a day without a clock change.
    static let secondsPerDay = 86_400

    /// The number of days from 1970-01-01 to a date (negative before it).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let marchBasedYear = month <= 2 ? year - 1 : year
        let era = (marchBasedYear >= 0 ? marchBasedYear : marchBasedYear - 399) / 400
        let yearOfEra = marchBasedYear - era * 400
        let marchBasedMonth = (month + 9) % 12
        let dayOfYear = (153 * marchBasedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number.
    static func date(ofDayNumber dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchBasedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchBasedMonth + 2) / 5 + 1
        let month = marchBasedMonth < 10 ? marchBasedMonth + 3 : marchBasedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The weekday of a day number (1970-01-01 was a Thursday).
    static func weekday(ofDayNumber dayNumber: Int) -> Weekday {
        let mondayBased = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: mondayBased + 1) ?? .monday
    }

    /// Whether `year` has a 29 February.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month: 28 to 31.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Floor division, for period indexes before the start.
    static func floorDivide(_ dividend: Int, _ divisor: Int) -> Int {
        let quotient = dividend / divisor
        return (dividend % divisor != 0 && (dividend < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
