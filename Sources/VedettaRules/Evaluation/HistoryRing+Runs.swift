import Foundation
import VedettaCore

/// A column's *runs*: while its sample holds still, bit for bit, from one poll to the next, nothing of it is read
/// or written; the rows of a run get their cells when it ends (see ``HistoryRing/Column/steadySince``).
extension HistoryRing {
    /// Ends every column's run: its rows get their cells, and the next row starts a new one.
    mutating func endRuns() {
        for column in columns.indices where columns[column].steadySince < endRow {
            writeRun(of: column)
            columns[column].steadySince = endRow
        }
        needsFullPass = true
    }

    /// What a ring keeps of `sample`: its value, or the ordinary NaN for one that carries ``missing``'s.
    @inline(__always)
    static func stored(_ sample: Sample) -> Double {
        isPresent(sample.value) ? sample.value : .nan
    }

    /// Writes the cells of the rows kept of `column`'s run, which ends (``endRuns()``).
    private mutating func writeRun(of column: Int) {
        let (run, firstRow, endRow, mask, stride) = (columns[column], firstRow, endRow, rowCapacity - 1, stride)
        values.withUnsafeMutableBufferPointer { values in
            Self.writeCells(
                of: run, column: column, rows: firstRow..<endRow, mask: mask, stride: stride, into: values)
        }
    }

    /// Writes `run`'s value into the cells of `column` in `rows` (the rows kept, up to where the run ends) from
    /// where the run started: the run ends. `mask` and `stride` place a row (``position(row:column:)``).
    @inline(__always)
    static func writeCells(
        of run: Column, column: Int, rows: Range<Int>, mask: Int, stride: Int,
        into values: UnsafeMutableBufferPointer<Double>
    ) {
        for row in max(run.steadySince, rows.lowerBound)..<rows.upperBound {
            values[(row & mask) &* stride &+ column] = run.runValue
        }
    }

    /// The sample of `column` at `row` (one of the rows kept), ``missing`` for none: its run's, or its cell's.
    func value(row: Int, column: Int) -> Double {
        let run = columns[column]
        return row >= run.steadySince ? run.runValue : values[position(row: row, column: column)]
    }
}

/// The row being appended to a ring (``HistoryRing/endRow``), on plain buffers of its values and columns: takes
/// each column's sample into its run.
struct RowWriter {
    let values: UnsafeMutableBufferPointer<Double>
    let columns: UnsafeMutableBufferPointer<HistoryRing.Column>
    let samples: UnsafeBufferPointer<Sample>
    /// The oldest row kept, the row being appended, and where a row is (``HistoryRing/position(row:column:)``).
    let firstRow: Int
    let row: Int
    let mask: Int
    let stride: Int

    /// Takes the sample of `column` at its position in the poll (``missing`` for none): the column's run goes on
    /// when it is the run's value, bit for bit; else the run's rows get their cells, and a run starts with the row.
    /// - Returns: Whether a run started.
    @inline(__always)
    func take(column: Int) -> Bool {
        let run = columns[column]
        let position = Int(run.position)
        var value = HistoryRing.missing
        if position >= 0 {
            value = HistoryRing.stored(samples[position])
            columns[column].wrapModulus = RuleEvaluator.inlineWrapModulus(of: samples[position].counterWidth)
        }
        if run.steadySince < row {
            if value.bitPattern == run.runValue.bitPattern { return false }
            HistoryRing.writeCells(
                of: run, column: column, rows: firstRow..<row, mask: mask, stride: stride, into: values)
        }
        columns[column].steadySince = row
        columns[column].runValue = value
        return true
    }
}

/// The columns of one ring whose series changed in a poll like the one before, read from the series table's list
/// of changed series (``SeriesHistories/record(_:at:changed:)``) where it is, without copying.
struct ChangedColumns: Sequence {
    /// The changed series, and per series number its ring and its column there.
    let series: UnsafeBufferPointer<Int32>
    let ringOfSeries: UnsafeBufferPointer<Int32>
    let columnOfSeries: UnsafeBufferPointer<Int32>
    /// The ring whose columns these are.
    let ring: Int32

    struct Iterator: IteratorProtocol {
        let columns: ChangedColumns
        var index = 0

        mutating func next() -> Int32? {
            while index < columns.series.count {
                let number = Int(columns.series[index])
                index += 1
                if columns.ringOfSeries[number] == columns.ring { return columns.columnOfSeries[number] }
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(columns: self) }
}
