public import Foundation
import VedettaCore
import VedettaMaintenance

/// Reads the times people type for on-call commands.
public enum OnCallTime {
    /// The instant `text` names: `now`, a local time on `zone`'s clock (`2026-12-07T08:00`), a date
    /// (`2026-12-07`, local midnight) or ISO 8601 with an offset or `Z`.
    /// - Returns: The instant, or `nil` for any other text.
    public static func instant(_ text: String, in zone: TimeZone, now: Date) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "now" { return now }
        if trimmed.count == 10, let day = LocalDateTime.parse(trimmed + "T00:00") { return day.instant(in: zone) }
        if let local = LocalDateTime.parse(trimmed) { return local.instant(in: zone) }
        return Date.parseISO8601(trimmed)
    }

    /// `2026-12-07T08:00 Europe/Rome`: `instant` on `zone`'s clock, for messages and audit entries.
    public static func text(_ instant: Date, in zone: TimeZone) -> String {
        "\(LocalDateTime(instant, in: zone)) \(zone.identifier)"
    }
}
