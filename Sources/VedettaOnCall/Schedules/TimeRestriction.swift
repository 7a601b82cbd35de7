public import VedettaMaintenance

/// The part of the week a rotation layer covers: on some weekdays, from one time of day to another, on the
/// schedule's wall clock. A `to` at or before `from` runs past midnight into the next day (a night layer:
/// `from: "20:00"`, `to: "08:00"`); `from` equal to `to` is the whole day.
public struct TimeRestriction: Sendable, Hashable, CustomStringConvertible {
    /// The days on which the period starts.
    public var days: Set<Weekday>
    /// The start, in minutes after midnight (0 to 1439).
    public var fromMinute: Int
    /// The end, in minutes after midnight (0 to 1439); at or before ``fromMinute`` it is on the next day.
    public var toMinute: Int

    /// Creates a restriction, if the minutes are times of day.
    public init?(days: Set<Weekday>, fromMinute: Int, toMinute: Int) {
        guard !days.isEmpty, (0..<1440).contains(fromMinute), (0..<1440).contains(toMinute) else { return nil }
        self.days = days
        self.fromMinute = fromMinute
        self.toMinute = toMinute
    }

    /// How long each period lasts on the wall clock, in seconds.
    public var wallClockSeconds: Int {
        let minutes = toMinute > fromMinute ? toMinute - fromMinute : toMinute + 1440 - fromMinute
        return minutes * 60
    }

    /// Parses a time of day `HH:MM` (00:00 to 23:59; `24:00` is read as midnight at the end of the day).
    /// - Returns: Minutes after midnight, or `nil`.
    public static func minute(of text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]),
            let minute = Int(parts[1])
        else { return nil }
        if hour == 24, minute == 0 { return 0 }
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    /// `MO,TU,WE,TH,FR 08:00-18:00`.
    public var description: String {
        let codes = days.sorted().map(\.code).joined(separator: ",")
        return "\(codes) \(Self.clock(fromMinute))-\(Self.clock(toMinute))"
    }

    private static func clock(_ minute: Int) -> String {
        let hour = minute / 60
        let rest = minute % 60
        return (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
    }
}
