public import Foundation
import VedettaCore
import VedettaMaintenance

/// Reads the times people type for on-call commands.
public enum OnCallTime {
    /// The instant `text` names: `now`, a local time on `zone`'s clock (`2026-12-07T08:00`), a date
    /// (`2026-12-07`, local midnight) or ISO 8601 with an offset or `Z`.
    /// - Returns: The instant, or `nil` for any other text.
    public static func instant(_ text: String, in zone: TimeZone, now: Date) -> Date? {
        if text.trimmingCharacters(in: .whitespaces).lowercased() == "now" { return now }
        return LocalDateTime.instant(typed: text, in: zone)
    }

    /// `2026-12-07T08:00 Europe/Rome`: `instant` on `zone`'s clock, for messages and audit entries.
    public static func text(_ instant: Date, in zone: TimeZone) -> String {
        "\(LocalDateTime(instant, in: zone)) \(zone.identifier)"
    }
}
