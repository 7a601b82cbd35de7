import Foundation
import VedettaCore

/// A column's *runs*: while its sample holds still, bit for bit, from one poll to the next, nothing of it is read
/// or written; the rows of a run get their cells when it ends (see ``HistoryRing/Column/steadySince``).
extension HistoryRing {
    /// Notes that the sample of `column` at the next row may differ from the column's run: its value is not the
    /// one of the poll before, bit for bit. A poll like the one before reads the samples of these columns only
    /// (``appendRow(at:from:)``); every other column's run goes on.
    mutating func noteChange(of column: Int32) {
        changedColumns.append(column)
    }

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

    /// Takes `value` as the sample of `column` at the row being appended (``endRow``): the column's run goes on
    /// when it is the run's value, bit for bit; else the run's rows get their cells, and a run starts with this
    /// row.
    /// - Returns: Whether a run started.
    @inline(__always)
    mutating func take(_ value: Double, column: Int, in samples: UnsafeBufferPointer<Sample>) -> Bool {
        let run = columns[column]
        let position = Int(run.position)
        if position >= 0 {
            columns[column].wrapModulus = RuleEvaluator.inlineWrapModulus(of: samples[position].counterWidth)
        }
        if run.steadySince < endRow, value.bitPattern == run.runValue.bitPattern { return false }
        if run.steadySince < endRow { writeRun(of: column) }
        columns[column].steadySince = endRow
        columns[column].runValue = value
        return true
    }

    /// Writes the cells of the rows kept of `column`'s run, which ends.
    private mutating func writeRun(of column: Int) {
        let run = columns[column]
        for row in max(run.steadySince, firstRow)..<endRow { values[position(row: row, column: column)] = run.runValue }
    }

    /// The sample of `column` at `row` (one of the rows kept), ``missing`` for none: its run's, or its cell's.
    func value(row: Int, column: Int) -> Double {
        let run = columns[column]
        return row >= run.steadySince ? run.runValue : values[position(row: row, column: column)]
    }
}
