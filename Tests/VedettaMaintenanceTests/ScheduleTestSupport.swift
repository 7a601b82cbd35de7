import Foundation

@testable import VedettaMaintenance

/// Zones, instants and local times written the way the tests read them.
enum TestZones {
    static let rome = TimeZone(identifier: "Europe/Rome")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    static let utc = TimeZone.gmt
}

/// An instant written in ISO 8601 UTC: `2026-03-29T01:00:00Z` (seconds optional: `2026-03-29T01:00Z`).
func utc(_ text: String) -> Date {
    let full = text.count == 17 ? text.replacingOccurrences(of: "Z", with: ":00Z") : text
    return try! Date.ISO8601FormatStyle().parse(full)
}

/// A local date-time written `2026-12-05T22:00`.
func local(_ text: String) -> LocalDateTime {
    LocalDateTime.parse(text)!
}

/// The starts of `occurrences` as ISO 8601 UTC, minutes precision: `2026-03-29T01:00Z`.
func utcStarts(_ occurrences: [Occurrence]) -> [String] {
    occurrences.map { utcText($0.start) }
}

/// An instant as ISO 8601 UTC, minutes precision (seconds when not zero).
func utcText(_ instant: Date) -> String {
    let text = instant.formatted(Date.ISO8601FormatStyle())
    return text.hasSuffix(":00Z") ? String(text.dropLast(4)) + "Z" : text
}

/// A schedule that must be valid.
func schedule(
    _ start: String, _ zone: TimeZone, hours: Int, rule: String? = nil, exceptions: [String] = []
) throws -> MaintenanceSchedule {
    try MaintenanceSchedule(
        start: local(start), zone: zone, duration: .seconds(hours * 3600),
        recurrence: rule.map { try RecurrenceRule.parse($0, in: zone) },
        exceptions: Set(exceptions.map(local)))
}
