import Foundation

/// Converts between `Date` and the stored form: `INTEGER` milliseconds since 1970-01-01 UTC.
enum StoredTime {
    /// About ±10,000 years; keeps the conversion from trapping on absurd dates.
    private static let limit = 315_569_520_000_000.0

    /// `date` as whole milliseconds since 1970, rounded to the nearest millisecond.
    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return value > 0 ? Int64(limit) : -Int64(limit) }
        return Int64(min(max(value, -limit), limit))
    }

    /// The date `milliseconds` after 1970.
    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `date` rounded to the stored precision, so values handed back equal values read later.
    static func rounded(_ date: Date) -> Date {
        self.date(milliseconds(date))
    }
}
