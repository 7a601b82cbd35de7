public import Foundation

extension LocalDateTime {
    /// The instant this wall-clock time names in `zone`, by RFC 5545 §3.3.5.
    ///
    /// A time in a spring-forward gap is read with the UTC offset in effect *before* the gap: 02:30 on the
    /// Europe/Rome spring-forward day (29 March 2026) is 02:30 CET = 01:30Z, which clocks show as 03:30 CEST.
    /// A time that happens twice at fall-back is the first (earlier) one: 02:30 on 25 October 2026 in Rome is
    /// 02:30 CEST = 00:30Z.
    /// - Parameter zone: The zone whose clocks show this time.
    /// - Returns: The instant.
    public func instant(in zone: TimeZone) -> Date {
        let wallClock = wallClockSeconds
        let offsetDayBefore = Self.offset(of: zone, atSecond: wallClock - CivilCalendar.secondsPerDay)
        let offsetDayAfter = Self.offset(of: zone, atSecond: wallClock + CivilCalendar.secondsPerDay)
        let larger = max(offsetDayBefore, offsetDayAfter)
        let smaller = min(offsetDayBefore, offsetDayAfter)
        // A larger offset gives an earlier instant: when both readings are real (fall-back), this is the first.
        if Self.offset(of: zone, atSecond: wallClock - larger) == larger {
            return Self.date(atSecond: wallClock - larger)
        }
        if Self.offset(of: zone, atSecond: wallClock - smaller) == smaller {
            return Self.date(atSecond: wallClock - smaller)
        }
        // In a gap: `wallClock - larger` lies just before the change, where the earlier offset is in effect.
        let offsetBeforeGap = Self.offset(of: zone, atSecond: wallClock - larger)
        return Self.date(atSecond: wallClock - offsetBeforeGap)
    }

    /// The wall-clock time of `instant` in `zone`, to the whole second (fractions are dropped).
    ///
    /// Instants before year 1 or after year 9999 on that clock give 0001-01-01T00:00 or 9999-12-31T23:59:59.
    /// - Parameters:
    ///   - instant: The instant.
    ///   - zone: The zone whose clocks to read.
    public init(_ instant: Date, in zone: TimeZone) {
        let utcSecond = Self.clampedSecond(instant.timeIntervalSince1970)
        let wallClock = utcSecond + zone.secondsFromGMT(for: instant)
        let first = CivilCalendar.firstDayNumber * CivilCalendar.secondsPerDay
        let last = (CivilCalendar.lastDayNumber + 1) * CivilCalendar.secondsPerDay - 1
        let clamped = min(max(wallClock, first), last)
        let dayNumber = CivilCalendar.floorDivide(clamped, CivilCalendar.secondsPerDay)
        self.init(dayNumber: dayNumber, secondOfDay: clamped - dayNumber * CivilCalendar.secondsPerDay)
    }

    /// The zone's UTC offset in seconds at a second since 1970.
    private static func offset(of zone: TimeZone, atSecond second: Int) -> Int {
        zone.secondsFromGMT(for: date(atSecond: second))
    }

    private static func date(atSecond second: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(second))
    }

    /// Whole seconds since 1970, kept a day inside years 1…9999 so that adding an offset cannot overflow.
    private static func clampedSecond(_ interval: TimeInterval) -> Int {
        let lowest = Double((CivilCalendar.firstDayNumber - 1) * CivilCalendar.secondsPerDay)
        let highest = Double((CivilCalendar.lastDayNumber + 2) * CivilCalendar.secondsPerDay)
        guard !interval.isNaN else { return Int(lowest) }
        return Int(min(max(interval.rounded(.down), lowest), highest))
    }
}
