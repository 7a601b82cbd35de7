public import Foundation

/// Instants as whole milliseconds since 1970-01-01 UTC: how the incident log stores times and how reports compute
/// with them. Conversions round to the nearest millisecond and clamp to about ±10,000 years, so an absurd date
/// never traps and differences of two instants never overflow.
public enum Milliseconds {
    /// About ±10,000 years, in milliseconds.
    private static let limit = 315_569_520_000_000.0

    /// `date` as whole milliseconds since 1970, rounded to the nearest millisecond.
    ///
    /// - Parameter date: Any date.
    /// - Returns: Milliseconds since 1970, within about ±10,000 years.
    public static func of(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return value > 0 ? Int64(limit) : -Int64(limit) }
        return Int64(min(max(value, -limit), limit))
    }

    /// The date `milliseconds` after 1970.
    ///
    /// - Parameter milliseconds: Milliseconds since 1970-01-01 UTC.
    /// - Returns: The date.
    public static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
