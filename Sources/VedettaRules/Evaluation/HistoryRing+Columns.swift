import Foundation
import VedettaCore

/// A ring's columns and their range functions: giving a column its functions (computed from the rows held),
/// moving a column's samples from the ring of a shorter window, keeping some columns only, and the samples a column
/// holds; and the room the rows take.
extension HistoryRing {
    /// Where the window of `group` starts at the latest poll, computed from the rows held (-1 with no rows).
    func freshStart(of group: WindowGroup) -> Int {
        endRow > firstRow ? windowStart(group.window, at: times[slot(of: endRow - 1)], from: 0) : -1
    }

    /// The number of the window group of `window`, made if there is none yet.
    mutating func group(of window: TimeInterval) -> UInt16 {
        if let known = groups.firstIndex(where: { $0.window == window }) { return UInt16(known) }
        var group = WindowGroup(window: window)
        group.start = freshStart(of: group)
        groups.append(group)
        return UInt16(groups.count - 1)
    }

    /// Replaces the range functions of `column`, computing each from the rows already held.
    mutating func setAccumulators(_ definitions: [RangeAccumulator.Definition], column: Int) {
        // A new window may start before the others: the next row finds the unsteady columns among all of them.
        needsFullPass = true
        var new: [RangeAccumulator] = []
        for definition in definitions {
            var accumulator = RangeAccumulator(function: definition.function, group: group(of: definition.window))
            accumulator.column = Int32(column)
            new.append(accumulator)
        }
        let span = Int(accumulatorStarts[column])..<Int(accumulatorStarts[column + 1])
        accumulators.replaceSubrange(span, with: new)
        views.replaceSubrange(span, with: definitions.map(\.view))
        results.replaceSubrange(span, with: repeatElement(Self.noResult, count: new.count))
        let shift = Int32(new.count - span.count)
        for later in (column + 1)..<accumulatorStarts.count { accumulatorStarts[later] += shift }
        recompute(accumulators: span.lowerBound..<(span.lowerBound + new.count))
    }

    /// Computes the accumulators at `indices` from the rows held, with their groups' starts.
    mutating func recompute(accumulators indices: Range<Int>) {
        guard endRow > firstRow, !indices.isEmpty else { return }
        // Moved out while updated, so that they stay uniquely referenced.
        var (accumulators, results) = (self.accumulators, self.results)
        (self.accumulators, self.results) = ([], [])
        withRows { rows in
            for index in indices {
                let start = groups[Int(accumulators[index].group)].start
                guard start >= 0 else { continue }  // a window not placed yet: the next poll computes it
                let modulus = columns[Int(accumulators[index].column)].wrapModulus
                accumulators[index].recompute(rows, start: start, wrapModulus: modulus)
                results[index] = accumulators[index].value(rows, start: start) ?? Self.noResult
            }
        }
        (self.accumulators, self.results) = (accumulators, results)
    }

    /// Where the accumulator of range view `view` of `column` is, for ``accumulatorValue(at:)``; valid until the
    /// accumulators of a column are set again.
    func accumulatorIndex(of view: Int, column: Int) -> Int? {
        (Int(accumulatorStarts[column])..<Int(accumulatorStarts[column + 1])).first { views[$0] == view }
    }

    /// The samples of `column` kept, with their times, oldest first.
    func samples(of column: Int) -> [(time: Date, value: Double)] {
        (firstRow..<endRow).compactMap { row in
            let value = self.value(row: row, column: column)
            return Self.isPresent(value) ? (times[slot(of: row)], value) : nil
        }
    }

    /// How many samples the ring holds for `column`.
    func sampleCount(of column: Int) -> Int {
        (firstRow..<endRow).count { Self.isPresent(value(row: $0, column: column)) }
    }

    /// Copies the samples `column` of `other` holds into `column` of this ring, for the rows both keep (a series
    /// whose longest window changed, moving to the ring of its new window).
    mutating func copy(column: Int, from other: HistoryRing, column otherColumn: Int) {
        guard other.endRow == endRow else { return }
        if other.firstRow < firstRow {
            // This ring was made after the other kept its oldest rows: it takes them, empty in its other columns
            // (whose runs end here, so that they do not reach back into those rows).
            endRuns()
            var capacity = max(4, rowCapacity)
            while capacity < endRow - other.firstRow + 1 { capacity *= 2 }
            relayout(rowCapacity: capacity, stride: max(4, stride))
            for row in other.firstRow..<firstRow {
                times[slot(of: row)] = other.times[other.slot(of: row)]
            }
            firstRow = other.firstRow
            // The windows may now start at the older rows: each starts afresh, its accumulators computed again.
            for index in groups.indices { groups[index].start = freshStart(of: groups[index]) }
            recompute(accumulators: accumulators.indices)
        }
        for row in firstRow..<endRow {
            values[position(row: row, column: column)] = other.value(row: row, column: otherColumn)
        }
        columns[column].wrapModulus = other.columns[otherColumn].wrapModulus
        columns[column].steadySince = endRow  // every row kept is in its cells; the next row starts a run
        columns[column].runValue = Self.missing
        needsFullPass = true
    }

    /// A ring with only `columns` of this one, renumbered in that order, with their samples and range functions.
    func keeping(columns: [Int]) -> HistoryRing {
        var kept = HistoryRing(window: window, nextRow: endRow)
        kept.relayout(rowCapacity: rowCapacity, stride: max(4, columns.count))
        kept.firstRow = firstRow
        for row in firstRow..<endRow { kept.times[slot(of: row)] = times[slot(of: row)] }
        for (new, old) in columns.enumerated() {
            _ = kept.addColumn()
            kept.columns[new] = self.columns[old]
            kept.columns[new].position = -1  // placed again by the next layout
            for row in firstRow..<endRow {
                kept.values[kept.position(row: row, column: new)] = values[position(row: row, column: old)]
            }
            let span = Int(accumulatorStarts[old])..<Int(accumulatorStarts[old + 1])
            var moved = Array(accumulators[span])
            for index in moved.indices { moved[index].column = Int32(new) }
            kept.accumulators += moved
            kept.views += views[span]
            kept.results += results[span]
            kept.accumulatorStarts[new + 1] = Int32(kept.accumulators.count)
        }
        kept.groups = groups
        return kept
    }

    /// Moves the rows kept into storage of `rowCapacity` rows of `stride` values, the new room ``missing``.
    mutating func relayout(rowCapacity newCapacity: Int, stride newStride: Int) {
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
