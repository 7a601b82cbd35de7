import Foundation

/// A `VTIMEZONE` component for an IANA zone, built from Foundation's transitions: one `STANDARD` or `DAYLIGHT`
/// observance per clock change in a range, or a single `STANDARD` observance for a zone that does not change.
struct ICalendarTimeZone {
    /// One clock change: from when, and from which offset to which.
    struct Observance: Equatable {
        /// Whether the new offset is daylight-saving time (`DAYLIGHT`) or not (`STANDARD`).
        var isDaylight: Bool
        /// The wall-clock time of the change, read with the offset before it (RFC 5545 §3.6.5).
        var localStart: LocalDateTime
        /// The UTC offset before the change, in seconds.
        var offsetFrom: Int
        /// The UTC offset after the change, in seconds.
        var offsetTo: Int
        /// The zone's abbreviation after the change, as Foundation names it.
        var name: String
    }

    /// The zone's IANA identifier: the `TZID`.
    var identifier: String
    /// The observances, in time order.
    var observances: [Observance]

    /// The most transitions read for one zone, whatever the range (two a year for two centuries).
    private static let maximumTransitions = 400

    /// The observances of `zone` for every transition in `range`; a single `STANDARD` observance when there is
    /// none.
    init(zone: TimeZone, covering range: ClosedRange<Date>) {
        identifier = zone.identifier
        observances = []
        var cursor = range.lowerBound
        while observances.count < Self.maximumTransitions,
            let transition = zone.nextDaylightSavingTimeTransition(after: cursor), transition > cursor,
            transition <= range.upperBound
        {
            let offsetFrom = zone.secondsFromGMT(for: transition - 1)
            let offsetTo = zone.secondsFromGMT(for: transition)
            observances.append(
                Observance(
                    isDaylight: zone.isDaylightSavingTime(for: transition),
                    localStart: LocalDateTime(transition + TimeInterval(offsetFrom), in: .gmt),
                    offsetFrom: offsetFrom, offsetTo: offsetTo,
                    name: zone.abbreviation(for: transition) ?? zone.identifier))
            cursor = transition
        }
        if observances.isEmpty {
            let offset = zone.secondsFromGMT(for: range.lowerBound)
            let epoch = LocalDateTime(dayNumber: 0, secondOfDay: 0)  // 1970-01-01T00:00, the usual placeholder
            observances = [
                Observance(
                    isDaylight: false, localStart: epoch, offsetFrom: offset, offsetTo: offset,
                    name: zone.abbreviation(for: range.lowerBound) ?? zone.identifier)
            ]
        }
    }

    /// The component's content lines, unfolded.
    var lines: [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(identifier)"]
        for observance in observances {
            let kind = observance.isDaylight ? "DAYLIGHT" : "STANDARD"
            lines += [
                "BEGIN:\(kind)",
                "DTSTART:\(observance.localStart.iCalendarText)",
                "TZOFFSETFROM:\(Self.utcOffset(observance.offsetFrom))",
                "TZOFFSETTO:\(Self.utcOffset(observance.offsetTo))",
                "TZNAME:\(ICalendarText.escape(observance.name))",
                "END:\(kind)",
            ]
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// A UTC-OFFSET value (RFC 5545 §3.3.14): `+0100`, `-0500`, `+0530`, with seconds only when not zero.
    static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let hours = magnitude / 3600
        let minutes = magnitude % 3600 / 60
        let rest = magnitude % 60
        let hhmm = twoDigits(hours) + twoDigits(minutes)
        return sign + hhmm + (rest == 0 ? "" : twoDigits(rest))
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
