public import Foundation

extension MaintenanceSchedule {
    /// The occurrences that overlap `interval` (they start before its end and end after its start), in start
    /// order.
    /// - Parameters:
    ///   - interval: The instants of interest.
    ///   - limit: The most occurrences to return.
    /// - Returns: Up to `limit` occurrences.
    public func occurrences(overlapping interval: Range<Date>, limit: Int = 10_000) -> [Occurrence] {
        guard limit > 0 else { return [] }
        var found: [Occurrence] = []
        var iterator = OccurrenceIterator(
            schedule: self, fromDay: searchDay(forStartsAfter: interval.lowerBound - duration.timeInterval))
        while let occurrence = iterator.next(), occurrence.start < interval.upperBound {
            guard occurrence.end > interval.lowerBound else { continue }
            found.append(occurrence)
            if found.count == limit { break }
        }
        return found
    }

    /// The occurrence in progress at `instant` (it started at or before it and ends after it), if any; when
    /// occurrences overlap, the one that started first.
    /// - Parameter instant: The instant.
    /// - Returns: The occurrence, or `nil` when the window is not open at `instant`.
    public func occurrence(containing instant: Date) -> Occurrence? {
        var iterator = OccurrenceIterator(
            schedule: self, fromDay: searchDay(forStartsAfter: instant - duration.timeInterval))
        while let occurrence = iterator.next(), occurrence.start <= instant {
            if occurrence.end > instant { return occurrence }
        }
        return nil
    }

    /// The first occurrence that has not ended at `instant`: the one in progress (it started at or before
    /// `instant`), or else the next one. One walk of the rule where ``occurrence(containing:)`` and
    /// ``nextOccurrence(after:)`` would take two.
    /// - Parameter instant: The instant.
    /// - Returns: The occurrence, or `nil` when every occurrence is over.
    public func firstOccurrence(endingAfter instant: Date) -> Occurrence? {
        var iterator = OccurrenceIterator(
            schedule: self, fromDay: searchDay(forStartsAfter: instant - duration.timeInterval))
        while let occurrence = iterator.next() {
            if occurrence.end > instant { return occurrence }
        }
        return nil
    }

    /// The first occurrence that starts after `instant` (strictly), if any.
    /// - Parameter instant: The instant.
    /// - Returns: The occurrence, or `nil` when the window has no later occurrence.
    public func nextOccurrence(after instant: Date) -> Occurrence? {
        var iterator = OccurrenceIterator(schedule: self, fromDay: searchDay(forStartsAfter: instant))
        while let occurrence = iterator.next() {
            if occurrence.start > instant { return occurrence }
        }
        return nil
    }

    /// The end of the last occurrence, or `nil` when the rule never ends.
    public var lastEnd: Date? {
        guard let rule = recurrence else {
            return start.instant(in: zone) + duration.timeInterval
        }
        let endDay: Int
        switch rule.end {
        case .never: return nil
        case .count: endDay = lastCountedStart?.dayNumber ?? start.dayNumber
        case .until(let until): endDay = LocalDateTime(until, in: zone).dayNumber + 1
        }
        // Scan back from the end in growing spans: exceptions may have removed the last few occurrences.
        var span = 400
        for _ in 0..<64 {
            let fromDay = max(endDay - span, start.dayNumber)
            var iterator = OccurrenceIterator(schedule: self, fromDay: fromDay)
            var last: Occurrence?
            while let occurrence = iterator.next() { last = occurrence }
            if let last { return last.end }
            if fromDay == start.dayNumber { break }
            span = span.multipliedReportingOverflow(by: 2).overflow ? Int.max / 2 : span * 2
        }
        return start.instant(in: zone) + duration.timeInterval
    }

    /// A local day on or before that of every occurrence starting after `instant`: the local date there, less a
    /// day for clock changes around it.
    private func searchDay(forStartsAfter instant: Date) -> Int {
        LocalDateTime(instant, in: zone).dayNumber - 1
    }
}
