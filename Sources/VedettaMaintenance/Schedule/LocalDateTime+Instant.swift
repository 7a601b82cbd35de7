public import Foundation
import VedettaCore

extension LocalDateTime {
    /// An instant as people type it: a date (`2026-11-01`, local midnight), a local date-time
    /// (`2026-11-01T08:00`, `2026-11-01 08:00`) in `zone`, or ISO 8601 with a zone (`2026-11-01T07:00:00Z`). The
    /// one reading of typed times that reports, on-call and the CLI share.
    ///
    /// - Parameters:
    ///   - text: The text; surrounding spaces are ignored.
    ///   - zone: The zone of dates and local times.
    /// - Returns: The instant, or `nil` when the text is none of these or falls outside ``typedYears``.
    public static func instant(typed text: String, in zone: TimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let instant: Date?
        if trimmed.count == 10, let day = parse(trimmed + "T00:00") {
            instant = day.instant(in: zone)
        } else if let local = parse(trimmed) {
            instant = local.instant(in: zone)
        } else {
            instant = Date.parseISO8601(trimmed)
        }
        guard let instant, isTypable(instant) else { return nil }
        return instant
    }

    /// The years a typed time (and a maintenance window's start) may fall in: 1970 to 2999. Nothing Vedetta
    /// watches happened before 1970, and a shift, window or report period near the end of the calendar (9999)
    /// would run past it.
    public static let typedYears = 1970...2999

    /// ``typedYears`` as refusals say it: `from 1970 to 2999`.
    public static var typedYearsText: String { "from \(typedYears.lowerBound) to \(typedYears.upperBound)" }

    /// Whether `instant` falls in ``typedYears`` (in UTC).
    public static func isTypable(_ instant: Date) -> Bool {
        typedYears.contains(LocalDateTime(instant, in: .gmt).year)
    }
}
