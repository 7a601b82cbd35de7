import Foundation
import VedettaCore

/// The recent polls of one device's series that keep the same window, for the range functions
/// (`avg_over_time(x[10m])` …): one row per poll, one column per series, in one block of memory.
///
/// A poll appends a row: its time once, and a value per column, a series missing from the poll holding
/// ``missing``. The rows older than the window are dropped, and never more than ``maximumRows`` are kept, so one
/// sample costs 8 bytes and a poll writes one contiguous row instead of one small array per series. Rows are
/// numbered from the first poll the device's table recorded, the same in every ring of the table, so that a
/// ``RangeAccumulator`` can follow its window as rows leave, and a column can move to a ring of another window.
///
/// Each column's range functions are kept up to date by its ``RangeAccumulator``s, which the ring holds sorted by
/// column: a poll updates them in one pass over one array.
struct HistoryRing: Sendable {
    /// The most polls kept, whatever the window and interval.
    static let maximumRows = 360
    /// The value of a series in a poll it was not in: a NaN whose payload no arithmetic produces. A sample that
    /// happens to carry it is recorded as the ordinary NaN.
    static let missing = Double(bitPattern: 0x7FF4_5645_4454_4100)

    /// Whether `value` is a sample rather than ``missing``.
    @inline(__always)
    static func isPresent(_ value: Double) -> Bool { value.bitPattern != missing.bitPattern }

    /// How long a sample is kept, in seconds.
    let window: TimeInterval
    /// How many columns the ring has; some may belong to series that left (``missing`` in every new row).
    private(set) var columnCount = 0
    /// The absolute number of the oldest row kept, and of the row after the newest.
    private(set) var firstRow: Int
    private(set) var endRow: Int
    /// The row times and values, `rowCapacity` rows (a power of two) of `stride` values; row `r` is at `r & mask`.
    private var times: [Date] = []
    private var values: [Double] = []
    private var rowCapacity = 0
    private var stride = 0
    /// Per column: the counter width of its latest sample, if it is a counter.
    private var widths: [CounterWidth?] = []
    /// The range functions of every column, sorted by column; those of column `c` are
    /// `accumulators[accumulatorStarts[c]..<accumulatorStarts[c + 1]]`.
    private var accumulators: [RangeAccumulator] = []
    private var accumulatorStarts: [Int32] = [0]
    /// Where each column's value is in the polls of the current layout: `samples[position]` goes to `column`.
    private var sources: [(position: Int32, column: Int32)] = []

    /// An empty ring whose next row is numbered `row`.
    init(window: TimeInterval, nextRow row: Int) {
        self.window = window
        self.firstRow = row
        self.endRow = row
    }

    /// Adds a column, empty in every row kept.
    /// - Returns: Its number.
    mutating func addColumn() -> Int {
        // Room for half as many columns again: a poll's series are added one by one, and a stride twice the
        // columns would leave a third of every row empty.
        if columnCount == stride { relayout(rowCapacity: max(rowCapacity, 4), stride: stride + max(4, stride / 2)) }
        columnCount += 1
        widths.append(nil)
        accumulatorStarts.append(accumulatorStarts[columnCount - 1])
        return columnCount - 1
    }

    /// Forgets where the columns' values are in the polls, before a poll with a new layout is read.
    mutating func startLayout() {
        sources.removeAll(keepingCapacity: true)
    }

    /// Notes that `column` takes the value at `position` of the polls of the current layout.
    mutating func note(column: Int32, at position: Int32) {
        sources.append((position, column))
    }

    /// Appends the row of a poll at `instant`: in each column the value of the sample at the position noted for it
    /// (``note(column:at:)``), in every other column ``missing``. Then updates every range function with it, and
    /// drops the rows older than the window and those beyond ``maximumRows``.
    mutating func appendRow(at instant: Date, from samples: UnsafeBufferPointer<Sample>) {
        if endRow - firstRow == rowCapacity {
            relayout(rowCapacity: max(4, rowCapacity * 2), stride: max(stride, 4))
        }
        times[slot(of: endRow)] = instant
        let (base, columnCount) = (position(row: endRow, column: 0), self.columnCount)
        values.withUnsafeMutableBufferPointer { values in
            widths.withUnsafeMutableBufferPointer { widths in
                for column in 0..<columnCount { values[base + column] = Self.missing }
                for (position, column) in sources {
                    let sample = Int(position)
                    let column = Int(column)
                    let value = samples[sample].value
                    values[base + column] = Self.isPresent(value) ? value : .nan
                    widths[column] = samples[sample].counterWidth
                }
            }
        }
        endRow += 1
        finishRow(at: instant)
    }

    /// Updates every range function with the newest row, then drops the rows older than the window at `instant`,
    /// and those beyond ``maximumRows``.
    private mutating func finishRow(at instant: Date) {
        var accumulators = self.accumulators  // moved out, so that it stays uniquely referenced
        self.accumulators = []
        withRows { rows in
            widths.withUnsafeBufferPointer { widths in
                accumulators.withUnsafeMutableBufferPointer { accumulators in
                    for index in accumulators.indices {
                        let column = Int(accumulators[index].column)
                        accumulators[index].update(rows, at: instant, width: widths[column])
                    }
                }
            }
        }
        self.accumulators = accumulators
        let cutoff = instant.addingTimeInterval(-window)
        var first = max(firstRow, endRow - Self.maximumRows)
        while first < endRow - 1, times[slot(of: first)] <= cutoff { first += 1 }
        firstRow = first
    }

    /// Replaces the range functions of `column`, computing each from the rows already held.
    mutating func setAccumulators(_ new: [RangeAccumulator], column: Int) {
        var new = new
        for index in new.indices { new[index].column = Int32(column) }
        let span = Int(accumulatorStarts[column])..<Int(accumulatorStarts[column + 1])
        if endRow > firstRow {
            let latest = times[slot(of: endRow - 1)]
            withRows { rows in
                for index in new.indices { new[index].recompute(rows, at: latest, width: widths[column]) }
            }
        }
        accumulators.replaceSubrange(span, with: new)
        let shift = Int32(new.count - span.count)
        for later in (column + 1)..<accumulatorStarts.count { accumulatorStarts[later] += shift }
    }

    /// Where the accumulator of range view `view` of `column` is, for ``accumulatorValue(at:)``; valid until the
    /// accumulators of a column are set again.
    func accumulatorIndex(of view: Int, column: Int) -> Int? {
        (Int(accumulatorStarts[column])..<Int(accumulatorStarts[column + 1])).first { accumulators[$0].view == view }
    }

    /// The value of the accumulator at `index` at the latest poll, if its window holds enough samples.
    @inline(__always)
    func accumulatorValue(at index: Int) -> Double? { accumulators[index].value }

    /// The samples of `column` kept, with their times, oldest first.
    func samples(of column: Int) -> [(time: Date, value: Double)] {
        (firstRow..<endRow).compactMap { row in
            let value = values[position(row: row, column: column)]
            return Self.isPresent(value) ? (times[slot(of: row)], value) : nil
        }
    }

    /// How many samples the ring holds for `column`.
    func sampleCount(of column: Int) -> Int {
        (firstRow..<endRow).count { Self.isPresent(values[position(row: $0, column: column)]) }
    }

    /// Copies the samples `column` of `other` holds into `column` of this ring, for the rows both keep (a series
    /// whose longest window changed, moving to the ring of its new window).
    mutating func copy(column: Int, from other: HistoryRing, column otherColumn: Int) {
        guard other.endRow == endRow else { return }
        if other.firstRow < firstRow {
            // This ring was made after the other kept its oldest rows: it takes them, empty in its other columns.
            var capacity = max(4, rowCapacity)
            while capacity < endRow - other.firstRow + 1 { capacity *= 2 }
            relayout(rowCapacity: capacity, stride: max(4, stride))
            for row in other.firstRow..<firstRow {
                times[slot(of: row)] = other.times[other.slot(of: row)]
            }
            firstRow = other.firstRow
        }
        for row in firstRow..<endRow {
            values[position(row: row, column: column)] = other.values[other.position(row: row, column: otherColumn)]
        }
        widths[column] = other.widths[otherColumn]
    }

    /// A ring with only `columns` of this one, renumbered in that order, with their samples and range functions.
    func keeping(columns: [Int]) -> HistoryRing {
        var kept = HistoryRing(window: window, nextRow: endRow)
        kept.relayout(rowCapacity: rowCapacity, stride: max(4, columns.count))
        kept.firstRow = firstRow
        for row in firstRow..<endRow { kept.times[slot(of: row)] = times[slot(of: row)] }
        for (new, old) in columns.enumerated() {
            _ = kept.addColumn()
            kept.widths[new] = widths[old]
            for row in firstRow..<endRow {
                kept.values[kept.position(row: row, column: new)] = values[position(row: row, column: old)]
            }
            var moved = Array(accumulators[Int(accumulatorStarts[old])..<Int(accumulatorStarts[old + 1])])
            for index in moved.indices { moved[index].column = Int32(new) }
            kept.accumulators += moved
            kept.accumulatorStarts[new + 1] = Int32(kept.accumulators.count)
        }
        return kept
    }

    /// Where row `row` is in `times`, and its `column` in `values` (as ``RangeAccumulator/Rows`` reads them).
    private func slot(of row: Int) -> Int { row & (rowCapacity - 1) }
    private func position(row: Int, column: Int) -> Int { slot(of: row) * stride + column }

    /// Calls `body` with the rows as an accumulator reads them.
    private func withRows(_ body: (RangeAccumulator.Rows) -> Void) {
        times.withUnsafeBufferPointer { times in
            values.withUnsafeBufferPointer { values in
                body(
                    RangeAccumulator.Rows(
                        times: times, values: values, mask: rowCapacity - 1, stride: stride, firstRow: firstRow,
                        endRow: endRow))
            }
        }
    }

    /// Moves the rows kept into storage of `rowCapacity` rows of `stride` values, the new room ``missing``.
    private mutating func relayout(rowCapacity newCapacity: Int, stride newStride: Int) {
        var newTimes = [Date](repeating: .distantPast, count: newCapacity)
        var newValues = [Double](repeating: Self.missing, count: newCapacity * newStride)
        for row in firstRow..<endRow {
            let old = slot(of: row)
            let new = row & (newCapacity - 1)
            newTimes[new] = times[old]
            for column in 0..<columnCount { newValues[new * newStride + column] = values[old * stride + column] }
        }
        times = newTimes
        values = newValues
        rowCapacity = newCapacity
        stride = newStride
    }
}
