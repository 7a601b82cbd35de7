/// How long each shift of a rotation lasts, on the wall clock of the schedule's zone.
///
/// Lengths are wall-clock lengths: a daily shift handed off at 08:00 is handed off at 08:00 every day, so across
/// a daylight-saving change it lasts 23 or 25 hours of real time. The same holds for shifts of N hours: 12-hour
/// shifts at 08:00 and 20:00 stay at 08:00 and 20:00.
public struct ShiftLength: Sendable, Hashable, CustomStringConvertible {
    /// The length in wall-clock seconds: a whole number of hours, at least one.
    public let wallClockSeconds: Int

    /// The longest shift: eight weeks.
    public static let maximumHours = 8 * 7 * 24

    /// A length of `hours` hours (1 to ``maximumHours``).
    public init?(hours: Int) {
        guard (1...Self.maximumHours).contains(hours) else { return nil }
        wallClockSeconds = hours * 3600
    }

    /// One day.
    public static let daily = ShiftLength(wholeHours: 24)
    /// One week.
    public static let weekly = ShiftLength(wholeHours: 168)

    private init(wholeHours: Int) {
        wallClockSeconds = wholeHours * 3600
    }

    /// Parses `daily`, `weekly`, or a number followed by `h` (hours), `d` (days) or `w` (weeks): `12h`, `2d`,
    /// `1w`.
    /// - Returns: The length, or `nil` for any other text or a length outside 1 hour to 8 weeks.
    public static func parse(_ text: String) -> ShiftLength? {
        switch text.lowercased() {
        case "daily": return .daily
        case "weekly": return .weekly
        default: break
        }
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        let hoursPerUnit: Int
        switch unit {
        case "h": hoursPerUnit = 1
        case "d": hoursPerUnit = 24
        case "w": hoursPerUnit = 168
        default: return nil
        }
        let (hours, overflow) = count.multipliedReportingOverflow(by: hoursPerUnit)
        return overflow ? nil : ShiftLength(hours: hours)
    }

    /// `daily`, `weekly`, `2w`, `3d` or `12h`.
    public var description: String {
        let hours = wallClockSeconds / 3600
        if hours == 24 { return "daily" }
        if hours == 168 { return "weekly" }
        if hours % 168 == 0 { return "\(hours / 168)w" }
        if hours % 24 == 0 { return "\(hours / 24)d" }
        return "\(hours)h"
    }
}
