import Foundation
import MemoryKit

/// What a ring hints before a poll (see ``Prefetch``): in two waves, where its arrays start, then what the poll
/// reads of them.
extension HistoryRing {
    /// Starts loading the first line of each array the next poll reads or writes (see ``Prefetch``). Mutating
    /// only so that it is called in place: a copy of the ring would retain its arrays, waiting for the very memory
    /// it hints.
    mutating func prefetchStarts() {
        Prefetch.start(of: times)
        Prefetch.start(of: groups)
        // A ring whose columns all held still reads nothing else on a quiet poll.
        guard hasUnsteadyColumns else { return }
        Prefetch.start(of: values)
        Prefetch.start(of: accumulators)
        Prefetch.start(of: results)
        Prefetch.start(of: columns)
        Prefetch.start(of: unsteadyColumns)
        Prefetch.start(of: accumulatorStarts)
        Prefetch.start(of: changedSeries)
    }

    /// Starts loading the rest of what the next poll reads and writes: the row times where each window starts,
    /// the newest row's time, and for the columns unsteady at the latest poll (a quiet poll reads only those, and
    /// the columns that change tend to change again) their columns, the cells of the rows leaving their windows,
    /// and their accumulators and results. Mutating for the reason ``prefetchStarts()`` is.
    mutating func prefetchElements() {
        guard rowCapacity > 0 else { return }
        Prefetch.element(at: slot(of: endRow), of: times)
        for group in groups where group.start >= 0 { Prefetch.element(at: slot(of: group.start), of: times) }
        // From the first unsteady column to the last (the list is in column order): a few ranges, whatever the
        // number of columns.
        guard let first = unsteadyColumns.first.map(Int.init), let last = unsteadyColumns.last.map(Int.init) else {
            return
        }
        Prefetch.elements(of: columns, in: first..<(last + 1))
        Prefetch.elements(of: unsteadyColumns)
        for group in groups where group.start >= 0 {
            let row = position(row: group.start, column: 0)
            Prefetch.elements(of: values, in: (row + first)..<(row + last + 1))
        }
        let span = Int(accumulatorStarts[first])..<Int(accumulatorStarts[last + 1])
        Prefetch.elements(of: accumulators, in: span)
        Prefetch.elements(of: results, in: span)
    }
}
