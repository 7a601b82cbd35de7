import Foundation
import MemoryKit
import VedettaCore

/// The recent samples of a device's series that rules read through range functions: one ``HistoryRing`` per
/// window (most devices have two or three), and for each series its ring and column there.
///
/// Series are known by the numbers their ``SeriesTable`` gives them. Every ring takes a row on every poll, so rows
/// line up across rings and a series can move to the ring of a longer window with the samples it had.
struct SeriesHistories: Sendable {
    /// Where a series' accumulator for one range view is: its ring and position there (-1: nowhere).
    struct AccumulatorPlace: Sendable {
        var ring: Int32
        var index: Int32

        static let none = AccumulatorPlace(ring: -1, index: -1)
    }

    private var rings: [HistoryRing] = []
    /// Per series number: its ring and column (-1: not read through a range function).
    private var ringOfSeries: [Int32] = []
    private var columnOfSeries: [Int32] = []
    /// The number of every ring's next row, and when the latest row was taken.
    private var nextRow = 0
    private var latestRowTime = Date.distantPast

    /// Starts loading the rings themselves (see ``Prefetch``): where their arrays are.
    func prefetchRings() {
        Prefetch.elements(of: rings)
    }

    /// Starts loading where each ring's arrays start (``prefetchRings()`` first).
    mutating func prefetchStarts() {
        for ring in rings.indices { rings[ring].prefetchStarts() }
    }

    /// Starts loading what the next poll reads and writes in each ring (``prefetchStarts()`` first).
    mutating func prefetchElements() {
        for ring in rings.indices { rings[ring].prefetchElements() }
    }

    /// Makes room for a newly numbered series, kept nowhere yet.
    mutating func addSeries() {
        ringOfSeries.append(-1)
        columnOfSeries.append(-1)
    }

    /// Keeps series `number` for `window` seconds, with `accumulators` as its range functions (computed from the
    /// samples already held). A series kept before with a shorter window moves, with its samples.
    mutating func keep(_ number: Int, window: TimeInterval, accumulators: [RangeAccumulator.Definition]) {
        let ring = self.ring(keeping: window)
        if Int(ringOfSeries[number]) != ring { move(number, to: ring) }
        rings[ring].setAccumulators(accumulators, column: Int(columnOfSeries[number]))
    }

    /// Forgets where the latest poll's series were, before a poll with a new layout is read.
    mutating func startLayout() {
        for ring in rings.indices { rings[ring].startLayout() }
    }

    /// Notes that series `number`, if kept, is at `position` in the polls of the current layout.
    mutating func note(_ number: Int, at position: Int) {
        let ring = Int(ringOfSeries[number])
        guard ring >= 0 else { return }
        rings[ring].note(column: columnOfSeries[number], at: Int32(position))
    }

    /// Appends a poll's row to every ring, from the positions noted for its layout; a second poll at the same
    /// instant changes nothing.
    /// - Parameter changed: For a poll with the layout of the one before, the series whose sample may differ from
    ///   the poll before's (another value, bit for bit): only their columns are read. `nil`: every column is.
    mutating func record(
        _ samples: UnsafeBufferPointer<Sample>, at instant: Date, changed: UnsafeBufferPointer<Int32>?
    ) {
        guard !rings.isEmpty else { return }
        guard instant > latestRowTime else {
            // The poll's values are not taken, but the table's are: the next one is compared with them.
            for ring in rings.indices { rings[ring].needsFullPass = true }
            return
        }
        if let changed {
            ringOfSeries.withUnsafeBufferPointer { ringOfSeries in
                columnOfSeries.withUnsafeBufferPointer { columnOfSeries in
                    for ring in rings.indices {
                        let columns = ChangedColumns(
                            series: changed, ringOfSeries: ringOfSeries, columnOfSeries: columnOfSeries,
                            ring: Int32(ring))
                        rings[ring].appendRow(at: instant, from: samples, changed: columns)
                    }
                }
            }
        } else {
            for ring in rings.indices {
                rings[ring].needsFullPass = true
                rings[ring].appendRow(at: instant, from: samples)
            }
        }
        nextRow += 1
        latestRowTime = instant
    }

    /// How many rings there are (``changedSeries(of:)``).
    var ringCount: Int { rings.count }

    /// The series one of whose range functions' values changed with the latest row of ring `ring` (one ring at a
    /// time: reading them all would gather them into a new array); a series may be there more than once.
    func changedSeries(of ring: Int) -> [Int32] { rings[ring].changedSeries }

    /// Where series `number` has its accumulator for range view `view`.
    func place(of view: Int, series number: Int) -> AccumulatorPlace {
        let ring = Int(ringOfSeries[number])
        guard ring >= 0, let index = rings[ring].accumulatorIndex(of: view, column: Int(columnOfSeries[number])) else {
            return .none
        }
        return AccumulatorPlace(ring: Int32(ring), index: Int32(index))
    }

    /// The value of the accumulator at `place` at the latest poll, if it has one.
    @inline(__always)
    func value(at place: AccumulatorPlace) -> Double? {
        place.ring < 0 ? nil : rings[Int(place.ring)].accumulatorValue(at: Int(place.index))
    }

    /// How many samples series `number` has kept.
    func sampleCount(of number: Int) -> Int {
        let ring = Int(ringOfSeries[number])
        return ring < 0 ? 0 : rings[ring].sampleCount(of: Int(columnOfSeries[number]))
    }

    /// The histories of `series` only, renumbered in that order (a table dropping the series that left).
    func keeping(series: [Int]) -> SeriesHistories {
        var kept = SeriesHistories()
        var keptColumns = Array(repeating: [Int](), count: rings.count)
        for number in series {
            let ring = Int(ringOfSeries[number])
            kept.ringOfSeries.append(Int32(ring))
            kept.columnOfSeries.append(ring < 0 ? -1 : Int32(keptColumns[ring].count))
            if ring >= 0 { keptColumns[ring].append(Int(columnOfSeries[number])) }
        }
        kept.rings = rings.indices.map { rings[$0].keeping(columns: keptColumns[$0]) }
        for number in kept.ringOfSeries.indices where kept.ringOfSeries[number] >= 0 {
            kept.rings[Int(kept.ringOfSeries[number])].setSeries(
                Int32(number), of: Int(kept.columnOfSeries[number]))
        }
        kept.nextRow = nextRow
        kept.latestRowTime = latestRowTime
        return kept
    }

    /// The ring that keeps `window` seconds, made if there is none yet.
    private mutating func ring(keeping window: TimeInterval) -> Int {
        if let known = rings.firstIndex(where: { $0.window == window }) { return known }
        rings.append(HistoryRing(window: window, nextRow: nextRow))
        return rings.count - 1
    }

    /// Gives series `number` a column in `ring`, with the samples its former ring holds.
    private mutating func move(_ number: Int, to ring: Int) {
        let column = rings[ring].addColumn()
        let formerRing = Int(ringOfSeries[number])
        if formerRing >= 0 {
            let formerColumn = Int(columnOfSeries[number])
            rings[ring].copy(column: column, from: rings[formerRing], column: formerColumn)
            rings[formerRing].setAccumulators([], column: formerColumn)
        }
        ringOfSeries[number] = Int32(ring)
        columnOfSeries[number] = Int32(column)
        rings[ring].setSeries(Int32(number), of: column)
    }
}
