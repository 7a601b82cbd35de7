import Foundation
import VedettaCore

/// The recent polls of one device's series that keep the same window, for the range functions
/// (`avg_over_time(x[10m])` …): one row per poll, one column per series, in one block of memory.
///
/// A poll appends a row: its time once, and a value per column, a series missing from the poll holding
/// ``missing``. The rows older than the window are dropped, and never more than ``maximumRows`` are kept, so one
/// sample costs 8 bytes, in one block instead of one small array per series. Rows are numbered from the first poll
/// the device's table recorded, the same in every ring of the table, so that a ``RangeAccumulator`` can follow its
/// window as rows leave, and a column can move to a ring of another window.
///
/// Each column's range functions are kept up to date by its ``RangeAccumulator``s, which the ring holds sorted by
/// column: a poll updates them in one pass over one array. Accumulators with the same window share where it starts
/// (a *window group*): a poll finds the rows that leave each window once, not once per series.
///
/// A column whose sample holds still from one poll to the next costs a poll nothing: its rows are written when
/// its *run* of equal samples ends (``Column/steadySince``), and a poll like the one before reads only the columns
/// whose sample changed (``appendRow(at:from:changed:)``).
///
/// A poll's row is here; a ring's columns and their range functions (given, moved, kept) in
/// `HistoryRing+Columns.swift`, its columns' runs in `HistoryRing+Runs.swift`, the hints of what a poll reads in
/// `HistoryRing+Hints.swift`. Its state is internal only so that these files share it: nothing but the ring's own
/// files writes it.
struct HistoryRing: Sendable {
    /// The most polls kept, whatever the window and interval.
    static let maximumRows = 360
    /// The value of a series in a poll it was not in: a NaN whose payload no arithmetic produces. A sample that
    /// happens to carry it is recorded as the ordinary NaN.
    static let missing = Double(bitPattern: 0x7FF4_5645_4454_4100)

    /// A result that is no value: a NaN whose payload no arithmetic produces.
    static let noResult = Double(bitPattern: 0x7FF4_5645_4454_4E00)

    /// Whether `value` is a sample rather than ``missing``.
    @inline(__always)
    static func isPresent(_ value: Double) -> Bool { value.bitPattern != missing.bitPattern }

    /// How long a sample is kept, in seconds.
    let window: TimeInterval
    /// How many columns the ring has; some may belong to series that left (``missing`` in every new row).
    private(set) var columnCount = 0
    /// The absolute number of the oldest row kept, and of the row after the newest.
    var firstRow: Int
    private(set) var endRow: Int
    /// The row times and values, `rowCapacity` rows (a power of two) of `stride` values; row `r` is at `r & mask`.
    var times: [Date] = []
    var values: [Double] = []
    var rowCapacity = 0
    var stride = 0
    /// Per column: where its latest run of equal samples started, and where its counter wraps.
    var columns: [Column] = []
    /// The range functions of every column, sorted by column; those of column `c` are
    /// `accumulators[accumulatorStarts[c]..<accumulatorStarts[c + 1]]`. `views[i]` is the program's range view of
    /// `accumulators[i]`, kept apart: only a new layout reads it.
    var accumulators: [RangeAccumulator] = []
    var accumulatorStarts: [Int32] = [0]
    var views: [Int32] = []
    /// `results[i]` is the value of `accumulators[i]` at the latest poll, or ``noResult``; kept apart, so that an
    /// accumulator stays 32 bytes and a rule reading a value reads 8.
    var results: [Double] = []
    /// The windows of the accumulators, each once, with where it starts.
    var groups: [WindowGroup] = []
    /// The series (``Column/series``) one of whose accumulators' values (``accumulatorValue(at:)``) changed with
    /// the latest row, in column order; a series may be there more than once.
    private(set) var changedSeries: [Int32] = []
    /// The columns whose range functions the newest row may have changed, in column order: those whose run of
    /// equal samples (``Column/steadySince``) started after the earliest window start. Every other column's
    /// windows lost a sample equal to the one that came (bit for bit), whenever each window lost exactly one: a
    /// quiet poll updates only the accumulators of these (``finishRow(at:)``).
    var unsteadyColumns: [Int32] = []
    /// Whether ``unsteadyColumns`` has any, kept beside it so that the hints need not read the array to know.
    var hasUnsteadyColumns = false
    /// Whether the next row is to be read for every column (after a new layout, a new or copied column, or a poll
    /// the ring did not take), not only for the columns ``appendRow(at:from:changed:)`` is told changed.
    var needsFullPass = true

    /// What a ring keeps of a column besides the values of its rows: 32 bytes, read on a poll only for the columns
    /// whose sample changed, or whose range functions the poll may change.
    struct Column: Sendable {
        /// The first row of the column's current *run*: the rows from it to the newest hold one sample,
        /// ``runValue`` (equal bit for bit, a NaN too). Their cells are not written while the run lasts: a poll
        /// whose sample equals the run's writes nothing for the column, and the run's rows are written when it
        /// ends (``RowWriter/take(column:)``). ``HistoryRing/endRow`` (or later) while the column has no
        /// run yet: every row kept is then in its cells. A window of the column from that row on holds one number
        /// throughout, so a poll in which one such sample comes and one leaves changes none of its range functions
        /// (``finishRow(at:)``).
        var steadySince: Int
        /// The sample of the rows from ``steadySince`` on (``missing`` for a run of polls without one).
        var runValue = HistoryRing.missing
        /// Where the counter of its latest sample wraps (``RuleEvaluator/wrapModulus(of:)``; 0: a gauge, or a
        /// counter taken to reset when it decreases): all the range functions need of its counter width.
        var wrapModulus = 0.0
        /// The number its series has in the table that keeps the ring (-1: none given), for ``changedSeries``.
        var series: Int32 = -1
        /// Where its series' sample is in the polls of the current layout (-1: not in them).
        var position: Int32 = -1
    }

    /// The accumulators of one window: where the window starts, once for all of them.
    struct WindowGroup: Sendable {
        let window: TimeInterval
        /// The window's first row at the latest poll, or -1 before it is computed.
        var start = -1
        /// The first row at the poll before (the rows from there to `start` left the window with the latest poll).
        var previousStart = -1
        /// Whether the latest poll computed every accumulator of the group from its whole window.
        var fresh = true
        /// Counts the polls modulo 256: every 256th computes every accumulator of the group afresh.
        var updates: UInt8 = 0

        init(window: TimeInterval) { self.window = window }
    }
    /// How many columns have a place in the polls of the current layout (``Column/position``).
    private var placedColumns = 0
    /// Whether the latest poll was quiet (``finishRow(at:)``).
    private(set) var latestPollWasQuiet = false

    /// An empty ring whose next row is numbered `row`.
    init(window: TimeInterval, nextRow row: Int) {
        self.window = window
        self.firstRow = row
        self.endRow = row
    }

    /// Gives `column` the number of its series, which ``changedSeries`` lists.
    mutating func setSeries(_ series: Int32, of column: Int) {
        columns[column].series = series
    }

    /// Adds a column, empty in every row kept.
    /// - Returns: Its number.
    mutating func addColumn() -> Int {
        // Room for half as many columns again: a poll's series are added one by one, and a stride twice the
        // columns would leave a third of every row empty.
        if columnCount == stride { relayout(rowCapacity: max(rowCapacity, 4), stride: stride + max(4, stride / 2)) }
        columnCount += 1
        columns.append(Column(steadySince: endRow))
        needsFullPass = true  // its first sample starts its first run
        accumulatorStarts.append(accumulatorStarts[columnCount - 1])
        return columnCount - 1
    }

    /// Forgets where the columns' values are in the polls, before a poll with a new layout is read.
    mutating func startLayout() {
        for column in columns.indices { columns[column].position = -1 }
        placedColumns = 0
        needsFullPass = true
    }

    /// Notes that `column` takes the value at `position` of the polls of the current layout.
    mutating func note(column: Int32, at position: Int32) {
        if columns[Int(column)].position < 0 { placedColumns += 1 }
        columns[Int(column)].position = position
    }

    /// Appends the row of a poll at `instant`: in each column the value of the sample at the position noted for it
    /// (``note(column:at:)``), in every other column ``missing``. Then updates every range function with it, and
    /// drops the rows older than the window and those beyond ``maximumRows``.
    ///
    /// Unless ``needsFullPass``, only the columns in `changed` are read, those whose sample may differ from the
    /// column's run (its value is not the one of the poll before, bit for bit), each once: every other column's
    /// sample is taken to be its run's (see ``Column/steadySince``), and nothing of it is read or written.
    mutating func appendRow(
        at instant: Date, from samples: UnsafeBufferPointer<Sample>,
        changed: some Sequence<Int32> = EmptyCollection()
    ) {
        if endRow - firstRow == rowCapacity {
            relayout(rowCapacity: max(4, rowCapacity * 2), stride: max(stride, 4))
        }
        times[slot(of: endRow)] = instant
        // The windows' earliest start before the row comes: a run of equal samples that started no later keeps
        // every window of its column as it is, when each loses one sample.
        let earliestStart = groups.reduce(Int.max) { min($0, $1.start) }
        var unsteady = self.unsteadyColumns
        self.unsteadyColumns = []
        let full = needsFullPass
        needsFullPass = false
        // A ring that holds still, none of whose series changed, writes nothing but its time: its values and
        // columns are not even opened for writing (which reads their headers, not hinted for such a ring).
        if full || !unsteady.isEmpty || changed.contains(where: { _ in true }) {
            appendCells(from: samples, full: full, changed: changed, earliestStart: earliestStart, unsteady: &unsteady)
        }
        // An empty list gives its memory back: the next polls then read no array of a ring that holds still.
        unsteadyColumns = unsteady.isEmpty ? [] : unsteady
        hasUnsteadyColumns = !unsteady.isEmpty
        endRow += 1
        finishRow(at: instant)
    }

    /// Writes the newest row's cells of the columns `changed` names (every column when `full`), and keeps
    /// `unsteady` (the unsteady columns, in column order) up to date; `earliestStart` is the windows' earliest start
    /// before the row came.
    private mutating func appendCells(
        from samples: UnsafeBufferPointer<Sample>, full: Bool, changed: some Sequence<Int32>, earliestStart: Int,
        unsteady: inout [Int32]
    ) {
        let (firstRow, row, mask, stride, columnCount) = (
            self.firstRow, endRow, rowCapacity - 1, self.stride, columnCount
        )
        values.withUnsafeMutableBufferPointer { values in
            columns.withUnsafeMutableBufferPointer { columns in
                let writer = RowWriter(
                    values: values, columns: columns, samples: samples, firstRow: firstRow, row: row, mask: mask,
                    stride: stride)
                if full {
                    unsteady.removeAll(keepingCapacity: true)
                    for column in 0..<columnCount
                    where writer.take(column: column) || columns[column].steadySince > earliestStart {
                        unsteady.append(Int32(column))
                    }
                    return
                }
                // The columns unsteady before stay so while their run is younger than a window (in place:
                // `removeAll(where:)` costs a generic replacement of the array's tail).
                var kept = 0
                for index in unsteady.indices where columns[Int(unsteady[index])].steadySince > earliestStart {
                    unsteady[kept] = unsteady[index]
                    kept += 1
                }
                while unsteady.count > kept { unsteady.removeLast() }
                // Those whose run starts with this row join them (those already there stay once), in column order.
                var sorted = true
                for column in changed where columns[Int(column)].position >= 0 {
                    let wasUnsteady = columns[Int(column)].steadySince > earliestStart
                    guard writer.take(column: Int(column)), !wasUnsteady else { continue }
                    sorted = sorted && (unsteady.last ?? -1) < column
                    unsteady.append(column)
                }
                if !sorted {
                    unsteady.sort()
                    var distinct = 0
                    for index in unsteady.indices where distinct == 0 || unsteady[distinct - 1] != unsteady[index] {
                        unsteady[distinct] = unsteady[index]
                        distinct += 1
                    }
                    while unsteady.count > distinct { unsteady.removeLast() }
                }
            }
        }
    }

    /// Updates every range function with the newest row, then drops the rows older than the window at `instant`,
    /// and those beyond ``maximumRows``.
    ///
    /// A quiet poll, one in which every window lost exactly one row and every column with range functions had a
    /// sample, visits only the accumulators of the ``unsteadyColumns``: each other one would find its window
    /// holding what it held. (A column without range functions is one whose series moved to the ring of a longer
    /// window: it takes no sample, and nothing reads its windows.)
    private mutating func finishRow(at instant: Date) {
        for index in groups.indices { groups[index] = advanced(groups[index], at: instant) }
        let quiet =
            groups.allSatisfy { !$0.fresh && $0.previousStart >= 0 && $0.start == $0.previousStart &+ 1 }
            && (placedColumns == columnCount || unplacedColumnsHaveNoAccumulators)
        latestPollWasQuiet = quiet
        if quiet, !hasUnsteadyColumns {
            // No window changed: every accumulator keeps its figures and value.
            if !changedSeries.isEmpty { changedSeries = [] }
        } else {
            updateAccumulators(quiet: quiet)
        }
        let cutoff = instant.addingTimeInterval(-window)
        var first = max(firstRow, endRow - Self.maximumRows)
        while first < endRow - 1, times[slot(of: first)] <= cutoff { first += 1 }
        firstRow = first
    }

    /// Updates the accumulators with the newest row: on a `quiet` poll those of the ``unsteadyColumns``, else all
    /// of them; and lists the series whose functions' values changed (``changedSeries``).
    private mutating func updateAccumulators(quiet: Bool) {
        // Moved out while updated, so that they stay uniquely referenced.
        var (accumulators, results) = (self.accumulators, self.results)
        (self.accumulators, self.results) = ([], [])
        let newest = endRow - 1
        var changed = self.changedSeries
        self.changedSeries = []
        changed.removeAll(keepingCapacity: true)
        let (unsteadyColumns, accumulatorStarts) = (self.unsteadyColumns, self.accumulatorStarts)
        let (mask, stride, endRow) = (rowCapacity - 1, self.stride, self.endRow)
        // The rows from the values directly (not ``withRows(_:)``): a closure of a method of `self` that reads
        // `self` would make the compiler copy the whole ring first.
        values.withUnsafeBufferPointer { values in
            columns.withUnsafeBufferPointer { columns in
                let rows = RangeAccumulator.Rows(
                    values: values, columns: columns, mask: mask, stride: stride, endRow: endRow)
                groups.withUnsafeBufferPointer { groups in
                    accumulators.withUnsafeMutableBufferPointer { accumulators in
                        results.withUnsafeMutableBufferPointer { results in
                            // Plain copies of the buffers: read through the closures' arguments, their addresses
                            // would be loaded again for every accumulator.
                            let (accumulators, results, rows) = (accumulators, results, rows)
                            // Quiet: the accumulators of each unsteady column; else all of them, as one span.
                            for span in 0..<(quiet ? unsteadyColumns.count : 1) {
                                let indices =
                                    quiet
                                    ? Int(
                                        accumulatorStarts[Int(unsteadyColumns[span])])..<Int(
                                            accumulatorStarts[Int(unsteadyColumns[span]) + 1]) : accumulators.indices
                                for index in indices {
                                    let column = Int(accumulators[index].column)
                                    let group = groups[Int(accumulators[index].group)]
                                    if group.fresh || accumulators[index].hasNaN {
                                        accumulators[index].recompute(
                                            rows, start: group.start, wrapModulus: columns[column].wrapModulus)
                                    } else if group.start == group.previousStart &+ 1,
                                        columns[column].steadySince <= group.previousStart,
                                        rows.value(newest, column) == rows.value(newest, column)
                                    {
                                        // One sample came, one left, both equal to every sample between them (the
                                        // newest present, not NaN): the window holds what it held, and its range
                                        // functions keep their figures and values.
                                        continue
                                    } else {
                                        accumulators[index].update(
                                            rows, leaving: group.previousStart..<group.start,
                                            wrapModulus: columns[column].wrapModulus)
                                    }
                                    let result = accumulators[index].value(rows, start: group.start) ?? Self.noResult
                                    if result.bitPattern != results[index].bitPattern {
                                        let series = columns[column].series
                                        if changed.last != series { changed.append(series) }
                                    }
                                    results[index] = result
                                }
                            }
                        }
                    }
                }
            }
        }
        (self.accumulators, self.results) = (accumulators, results)
        changedSeries = changed.isEmpty ? [] : changed
    }

    /// Whether every column without a place in the polls of the current layout has no accumulators (one whose
    /// series moved to the ring of a longer window). A column of a series that left the polls keeps its
    /// accumulators, for when it comes back: its windows lose samples, and those polls are not quiet.
    private var unplacedColumnsHaveNoAccumulators: Bool {
        columns.indices.allSatisfy { column in
            columns[column].position >= 0 || accumulatorStarts[column] == accumulatorStarts[column + 1]
        }
    }

    /// The window group with its start for a poll at `instant` (whose row is the newest): the rows from its
    /// former start on that are older than its window at `instant` leave it. A group whose start is not known
    /// yet, or at every 256th poll, starts afresh from the oldest row and computes its accumulators from the whole
    /// window.
    private func advanced(_ group: WindowGroup, at instant: Date) -> WindowGroup {
        var group = group
        group.updates &+= 1
        group.fresh = group.start < 0 || group.updates == 0
        group.previousStart = group.start
        group.start = windowStart(group.window, at: instant, from: group.fresh ? 0 : group.start)
        return group
    }

    /// The first row from `row` on (and not before the oldest row kept) that is inside a window of `window`
    /// seconds ending at `instant`, or ``endRow``.
    func windowStart(_ window: TimeInterval, at instant: Date, from row: Int) -> Int {
        let cutoff = instant.addingTimeInterval(-window)
        var start = max(row, firstRow, endRow - Self.maximumRows)
        while start < endRow, times[slot(of: start)] <= cutoff { start += 1 }
        return start
    }

    /// The value of the accumulator at `index` at the latest poll, if its window holds enough samples.
    @inline(__always)
    func accumulatorValue(at index: Int) -> Double? {
        let result = results[index]
        return result.bitPattern == Self.noResult.bitPattern ? nil : result
    }

    /// Where row `row` is in `times`, and its `column` in `values` (as ``RangeAccumulator/Rows`` reads them).
    func slot(of row: Int) -> Int { row & (rowCapacity - 1) }
    func position(row: Int, column: Int) -> Int { slot(of: row) * stride + column }

    /// Calls `body` with the rows as an accumulator reads them.
    func withRows(_ body: (RangeAccumulator.Rows) -> Void) {
        values.withUnsafeBufferPointer { values in
            columns.withUnsafeBufferPointer { columns in
                body(
                    RangeAccumulator.Rows(
                        values: values, columns: columns, mask: rowCapacity - 1, stride: stride, endRow: endRow))
            }
        }
    }
}
