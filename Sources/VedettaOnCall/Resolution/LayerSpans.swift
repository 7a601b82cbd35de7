import Foundation
import VedettaMaintenance

/// One person's time in one layer: a shift of the rotation, cut to the layer's restrictions.
struct LayerSpan: Equatable {
    var start: Date
    var end: Date
    var person: String
}

extension RotationLayer {
    /// The layer's spans that overlap `from..<to`, cut to that period, in time order.
    func spans(in zone: TimeZone, from: Date, to: Date) -> [LayerSpan] {
        guard !participants.isEmpty, from < to else { return [] }
        let length = length.wallClockSeconds
        let layerEnd = end?.instant(in: zone) ?? .distantFuture
        let fromWall = LocalDateTime(from, in: zone).wallClockSeconds
        // One shift of margin: a clock change can move the shift holding `from` by an hour either way.
        var index = max(0, Self.floorDivide(fromWall - start.wallClockSeconds, length) - 1)
        var shifts: [LayerSpan] = []
        while true {
            let shiftStart = start.addingWallClockSeconds(index * length).instant(in: zone)
            guard shiftStart < to, shiftStart < layerEnd else { break }
            let shiftEnd = min(start.addingWallClockSeconds((index + 1) * length).instant(in: zone), layerEnd)
            let span = LayerSpan(
                start: max(shiftStart, from), end: min(shiftEnd, to), person: participants[index % participants.count])
            if span.start < span.end { shifts.append(span) }
            index += 1
        }
        guard !restrictions.isEmpty else { return shifts }
        return Self.intersect(shifts, with: restrictionPeriods(in: zone, from: from, to: to))
    }

    /// The periods the restrictions allow that overlap `from..<to`, merged and in time order.
    private func restrictionPeriods(in zone: TimeZone, from: Date, to: Date) -> [Range<Date>] {
        var periods: [Range<Date>] = []
        // A period starting the day before `from` may run past midnight into it.
        var day = LocalDateTime(from, in: zone).at(hour: 0, minute: 0).addingDays(-1)
        let lastDay = LocalDateTime(to, in: zone).at(hour: 0, minute: 0)
        while day <= lastDay {
            for restriction in restrictions where restriction.days.contains(day.weekday) {
                let localStart = day.at(hour: restriction.fromMinute / 60, minute: restriction.fromMinute % 60)
                let start = localStart.instant(in: zone)
                let end = localStart.addingWallClockSeconds(restriction.wallClockSeconds).instant(in: zone)
                if start < end, end > from, start < to { periods.append(max(start, from)..<min(end, to)) }
            }
            let next = day.addingDays(1)
            if next == day { break }  // the end of the calendar (9999-12-31): the day cannot move on
            day = next
        }
        periods.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Date>] = []
        for period in periods {
            if let last = merged.last, period.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, period.upperBound)
            } else {
                merged.append(period)
            }
        }
        return merged
    }

    /// The parts of `spans` inside `periods`; both sorted and each without overlaps.
    private static func intersect(_ spans: [LayerSpan], with periods: [Range<Date>]) -> [LayerSpan] {
        var result: [LayerSpan] = []
        var first = 0
        for span in spans {
            while first < periods.count, periods[first].upperBound <= span.start { first += 1 }
            var index = first
            while index < periods.count, periods[index].lowerBound < span.end {
                let start = max(span.start, periods[index].lowerBound)
                let end = min(span.end, periods[index].upperBound)
                if start < end { result.append(LayerSpan(start: start, end: end, person: span.person)) }
                index += 1
            }
        }
        return result
    }

    private static func floorDivide(_ dividend: Int, _ divisor: Int) -> Int {
        let quotient = dividend / divisor
        return dividend % divisor != 0 && (dividend < 0) != (divisor < 0) ? quotient - 1 : quotient
    }
}
