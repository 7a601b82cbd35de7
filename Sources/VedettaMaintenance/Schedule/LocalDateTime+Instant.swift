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
    /// - Returns: The instant, or `nil` when the text is none of these.
    public static func instant(typed text: String, in zone: TimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 10, let day = parse(trimmed + "T00:00") { return day.instant(in: zone) }
        if let local = parse(trimmed) { return local.instant(in: zone) }
        return Date.parseISO8601(trimmed)
    }
}
