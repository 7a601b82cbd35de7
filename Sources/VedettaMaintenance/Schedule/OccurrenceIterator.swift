import Foundation

/// Walks a schedule's occurrences in start order: the rule's local starts, stopped by `COUNT` or `UNTIL`,
/// without the exceptions, as instants. A one-off window yields its one occurrence.
struct OccurrenceIterator: IteratorProtocol {
    private let schedule: MaintenanceSchedule
    private var starts: RecurrenceIterator?
    private var hasYieldedOneOff = false

    /// Starts at the rule's period holding `dayNumber`, so earlier periods cost nothing.
    /// - Parameters:
    ///   - schedule: The schedule.
    ///   - dayNumber: A local day on or before the first occurrence wanted.
    init(schedule: MaintenanceSchedule, fromDay dayNumber: Int) {
        self.schedule = schedule
        self.starts = schedule.recurrence.map {
            RecurrenceIterator(rule: $0, start: schedule.start, fromDay: dayNumber)
        }
    }

    /// The next occurrence, or `nil` when there are no more.
    mutating func next() -> Occurrence? {
        guard var recurring = starts else {
            guard !hasYieldedOneOff else { return nil }
            hasYieldedOneOff = true
            return occurrence(startingAt: schedule.start)
        }
        defer { starts = recurring }
        while let local = recurring.next() {
            if let last = schedule.lastCountedStart, local > last { return nil }
            let occurrence = occurrence(startingAt: local)
            if case .until(let until) = schedule.recurrence?.end, occurrence.start > until { return nil }
            if !schedule.exceptions.contains(local) { return occurrence }
        }
        return nil
    }

    private func occurrence(startingAt local: LocalDateTime) -> Occurrence {
        let start = local.instant(in: schedule.zone)
        return Occurrence(localStart: local, start: start, end: start + schedule.duration.timeInterval)
    }
}
