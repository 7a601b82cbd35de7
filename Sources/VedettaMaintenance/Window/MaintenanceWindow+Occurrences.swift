public import Foundation
import VedettaCore

extension MaintenanceWindow {
    /// The occurrence in progress at `instant`, with its end as adjusted, if any.
    public func occurrence(containing instant: Date) -> Occurrence? {
        // An extended occurrence may still run after its scheduled end.
        for adjustment in adjustments where adjustment.occurrenceStart <= instant && instant < adjustment.end {
            if let scheduled = definition.schedule.occurrence(containing: adjustment.occurrenceStart) {
                return adjusted(scheduled)
            }
        }
        guard let scheduled = definition.schedule.occurrence(containing: instant) else { return nil }
        let occurrence = adjusted(scheduled)
        return instant < occurrence.end ? occurrence : nil
    }

    /// The occurrence in progress at `instant`, or else the next one, with its end as adjusted.
    public func firstOccurrence(endingAfter instant: Date) -> Occurrence? {
        guard adjustments.isEmpty else { return occurrence(containing: instant) ?? nextOccurrence(after: instant) }
        return definition.schedule.firstOccurrence(endingAfter: instant)
    }

    /// The first occurrence that starts after `instant`, with its end as adjusted.
    public func nextOccurrence(after instant: Date) -> Occurrence? {
        definition.schedule.nextOccurrence(after: instant).map(adjusted)
    }

    /// The occurrences that overlap `interval`, with their ends as adjusted, in start order.
    public func occurrences(overlapping interval: Range<Date>, limit: Int = 10_000) -> [Occurrence] {
        // Look back far enough to catch an earlier occurrence extended into the interval.
        let longest = adjustments.map { $0.end.timeIntervalSince($0.occurrenceStart) }.max() ?? 0
        let lookBack = max(longest, definition.schedule.duration.seconds)
        let widened = interval.lowerBound.addingTimeInterval(-lookBack)..<interval.upperBound
        return definition.schedule.occurrences(overlapping: widened, limit: limit)
            .map(adjusted)
            .filter { $0.start < interval.upperBound && $0.end > interval.lowerBound && $0.end > $0.start }
    }

    /// When the window is over for good (its last occurrence's end, as adjusted), or `nil` when it repeats forever.
    public var lastEnd: Date? {
        guard let scheduledEnd = definition.schedule.lastEnd else { return nil }
        let adjustedEnds = adjustments.map(\.end)
        return ([scheduledEnd] + adjustedEnds).max()
    }

    /// `occurrence` with its end as adjusted.
    func adjusted(_ occurrence: Occurrence) -> Occurrence {
        guard let adjustment = adjustments.first(where: { $0.occurrenceStart == occurrence.start }) else {
            return occurrence
        }
        var changed = occurrence
        changed.end = adjustment.end
        return changed
    }
}
