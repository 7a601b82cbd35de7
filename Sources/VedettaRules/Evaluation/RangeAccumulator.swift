import Foundation
import VedettaCore

/// A range function of one series, `f(x[w])`, kept up to date as samples arrive and leave the window, so that a
/// poll costs each series a few operations rather than a pass over its window.
///
/// A new sample is added to the running figures, and each sample that leaves the window is taken out of them:
/// - `sum_over_time`, `avg_over_time`: the sum of the window's values;
/// - `count_over_time`: the number of samples in the window;
/// - `increase`: the sum of the increases between consecutive samples, `changes`: the count of consecutive samples
///   that differ; a sample that leaves takes out its step to the next;
/// - `min_over_time`, `max_over_time`: the extreme and how many samples equal it; the window is scanned again only
///   when the last of those leaves;
/// - `delta` reads the window's ends; `quantile_over_time` scans the window (it has no running form).
///
/// The accumulator reads its series' column of a ``HistoryRing`` as ``Rows``; a poll the series was not in holds
/// ``HistoryRing/missing`` there and is skipped, so consecutive means consecutive among the series' own samples.
/// Where its window starts is not the accumulator's own: every accumulator of a ring with the same window has the
/// same start, which the ring keeps once for all of them (its window *group*) and gives to
/// ``update(_:leaving:wrapModulus:)``, ``recompute(_:start:wrapModulus:)`` and ``value(_:start:)``. Of the counter's
/// width, they are given where it wraps (``RuleEvaluator/wrapModulus(of:)``, 0 for a counter that does not wrap).
///
/// A poll that changes nothing in a window (one sample comes and an equal one leaves, in a run of equal samples)
/// leaves its accumulators as they are (``HistoryRing``).
/// A window with a `NaN`, and every update the ring asks for afresh (the first, and every 256th), are computed from
/// the whole window, so rounding never drifts and the result is always the one a scan would give.
///
/// A poll reads every accumulator of the device, so it is kept to 32 bytes: the function as one byte, the counts
/// in 16 bits (a window holds at most ``HistoryRing/maximumRows`` samples, so they are counted without overflow
/// checks), one figure for the function (the sum or the extreme), and no result: the ring computes it after each
/// update (``value(_:start:)``) and keeps it apart.
struct RangeAccumulator: Sendable {
    /// The function, as one byte; φ of `quantile_over_time` is kept in ``figure``, which no other use of it needs.
    private enum Kind: UInt8 {
        case avgOverTime, minOverTime, maxOverTime, sumOverTime, countOverTime, quantileOverTime, increase, delta
        case changes
    }

    /// What a ring makes an accumulator from: the function, its window, and which of the program's range views it
    /// is.
    struct Definition: Sendable {
        var function: RangeFunction
        var window: TimeInterval
        var view: Int32
    }

    /// The values of a ``HistoryRing``'s rows, by absolute row number (the ring keeps their times and where each
    /// window starts): a row of a column's current run holds the run's value, any other its cell.
    struct Rows {
        let values: UnsafeBufferPointer<Double>
        /// The ring's columns, for their runs (``HistoryRing/Column/steadySince``).
        let columns: UnsafeBufferPointer<HistoryRing.Column>
        /// The ring's row capacity less one: row `r` is at `r & mask`.
        let mask: Int
        /// The values per row.
        let stride: Int
        /// The row after the newest.
        let endRow: Int

        @inline(__always)
        func value(_ row: Int, _ column: Int) -> Double { value(row, column, run: columns[column]) }

        /// ``value(_:_:)`` with the column's record at hand: a loop over a column's rows reads it once.
        @inline(__always)
        func value(_ row: Int, _ column: Int, run: HistoryRing.Column) -> Double {
            row >= run.steadySince ? run.runValue : values[(row & mask) &* stride &+ column]
        }

    }

    /// The newest sample of the window.
    private var newest = 0.0
    /// The running sum (`sum_over_time`, `avg_over_time`, `increase`), the extreme (`min_over_time`,
    /// `max_over_time`), or φ (`quantile_over_time`).
    private var figure = 0.0
    /// The series' column in its ring (set by the ring).
    var column: Int32 = 0
    /// The ring's window group: where the window starts (see the type's documentation).
    let group: UInt16
    /// How many samples the window holds (at most ``HistoryRing/maximumRows``), the count the function keeps
    /// (changes, samples equal to the extreme), and how many samples are NaN.
    private var size: Int16 = 0
    private var count: Int16 = 0
    private var nans: Int16 = 0
    private let kind: Kind

    /// An accumulator of `function`, in the ring's window group `group`; empty until computed.
    init(function: RangeFunction, group: UInt16) {
        self.group = group
        switch function {
        case .avgOverTime: kind = .avgOverTime
        case .minOverTime: kind = .minOverTime
        case .maxOverTime: kind = .maxOverTime
        case .sumOverTime: kind = .sumOverTime
        case .countOverTime: kind = .countOverTime
        case .quantileOverTime(let phi):
            kind = .quantileOverTime
            figure = phi
        case .increase: kind = .increase
        case .delta: kind = .delta
        case .changes: kind = .changes
        }
    }

    /// Whether the window holds a NaN: such a window is computed afresh on every update.
    var hasNaN: Bool { nans > 0 }

    /// The function's value, if the window, which starts at row `start`, holds enough samples.
    @inline(__always)
    func value(_ rows: Rows, start: Int) -> Double? {
        guard size > 0 else { return nil }
        switch kind {
        case .sumOverTime: return figure
        case .avgOverTime: return figure / Double(size)
        case .countOverTime: return Double(size)
        case .increase: return size < 2 ? nil : figure
        case .changes: return Double(count)
        case .minOverTime, .maxOverTime: return figure
        case .delta:
            return size < 2 ? nil : firstSample(rows, from: start).map { newest - $0 }
        case .quantileOverTime:
            let column = Int(self.column)
            let samples = (start..<rows.endRow).map { rows.value($0, column) }.filter(HistoryRing.isPresent)
            return RangeFunction.quantile(figure, of: samples)
        }
    }

    /// Takes in the ring's newest row (just appended), then takes out the rows `leaving` (the window now starts
    /// at its upper bound).
    @inline(__always)
    mutating func update(_ rows: Rows, leaving: Range<Int>, wrapModulus: Double) {
        let column = Int(self.column)
        let new = rows.value(rows.endRow &- 1, column)
        // The common poll: a number comes, at most one leaves, no NaN anywhere.
        if nans == 0, leaving.count <= 1, HistoryRing.isPresent(new), !new.isNaN {
            let old = leaving.isEmpty ? HistoryRing.missing : rows.value(leaving.lowerBound, column)
            if !old.isNaN || !HistoryRing.isPresent(old) {
                step(rows, new: new, old: old, next: leaving.upperBound, wrapModulus: wrapModulus)
                return
            }
        }
        if HistoryRing.isPresent(new) { add(new, wrapModulus: wrapModulus) }
        var rescan = false
        for row in leaving {
            let old = rows.value(row, column)
            if HistoryRing.isPresent(old) {
                rescan = remove(old, rows, next: row + 1, wrapModulus: wrapModulus) || rescan
            }
        }
        if rescan || nans > 0 { recompute(rows, start: leaving.upperBound, wrapModulus: wrapModulus) }
    }

    /// ``update(_:leaving:wrapModulus:)`` for a number `new` coming and `old` leaving (``HistoryRing/missing``:
    /// none), neither NaN, in a window without NaN: ``add(_:wrapModulus:)`` then ``remove(_:_:next:wrapModulus:)``
    /// in one pass over the function, which keeps its figures in registers.
    @inline(__always)
    private mutating func step(_ rows: Rows, new: Double, old: Double, next: Int, wrapModulus: Double) {
        let hasPrevious = size > 0
        let previous = newest
        let hasOld = HistoryRing.isPresent(old)
        newest = new
        if !hasOld { size &+= 1 }  // else one comes and one goes; the window keeps at least the new one
        switch kind {
        case .sumOverTime, .avgOverTime:
            figure += new  // then less the old one, in that order: the same rounding as add, then remove
            if hasOld { figure -= old }
        case .countOverTime, .delta, .quantileOverTime:
            break
        case .increase:
            if hasPrevious {
                figure += RuleEvaluator.increase(from: previous, to: new, wrapModulus: wrapModulus) ?? new
            }
            if hasOld {
                let following = firstSample(rows, from: next) ?? old
                figure -= RuleEvaluator.increase(from: old, to: following, wrapModulus: wrapModulus) ?? following
            }
        case .changes:
            if hasPrevious, previous != new { count &+= 1 }
            if hasOld, old != firstSample(rows, from: next) { count &-= 1 }
        case .minOverTime, .maxOverTime:
            if kind == .minOverTime { takeIntoExtreme(new) { $0 < $1 } } else { takeIntoExtreme(new) { $0 > $1 } }
            if hasOld, old == figure {
                count &-= 1
                if count == 0 { recompute(rows, start: next, wrapModulus: wrapModulus) }
            }
        }
    }

    /// Takes `new` into the running extreme and the count of samples equal to it; `beats(a, b)` tells whether `a`
    /// is more extreme than `b` (`<` for the minimum).
    @inline(__always)
    private mutating func takeIntoExtreme(_ new: Double, beats: (Double, Double) -> Bool) {
        if count == 0 || beats(new, figure) || figure.isNaN {
            figure = new
            count = 1
        } else if new == figure {
            count &+= 1
        }
    }

    /// Adds a sample, the window's newest, with its step from the one before.
    @inline(__always)
    private mutating func add(_ new: Double, wrapModulus: Double) {
        if new.isNaN { nans &+= 1 }
        let hasPrevious = size > 0
        let previous = newest
        size &+= 1
        newest = new
        switch kind {
        case .sumOverTime, .avgOverTime: figure += new
        case .increase:
            if hasPrevious {
                figure += RuleEvaluator.increase(from: previous, to: new, wrapModulus: wrapModulus) ?? new
            }
        case .changes:
            if hasPrevious, previous != new { count &+= 1 }
        case .minOverTime: takeIntoExtreme(new) { $0 < $1 }
        case .maxOverTime: takeIntoExtreme(new) { $0 > $1 }
        case .countOverTime, .delta, .quantileOverTime: break
        }
    }

    /// Takes out the window's oldest sample, `old` (the window now starts at row `next`), with its step to the
    /// next sample.
    /// - Returns: Whether the window must be scanned again (the last sample equal to the extreme left).
    @inline(__always)
    private mutating func remove(_ old: Double, _ rows: Rows, next: Int, wrapModulus: Double) -> Bool {
        if old.isNaN { nans &-= 1 }
        size &-= 1
        guard size > 0 else {
            clearFigures()  // an empty window starts over
            return false
        }
        switch kind {
        case .sumOverTime, .avgOverTime: figure -= old
        case .increase:
            let following = firstSample(rows, from: next) ?? old
            figure -= RuleEvaluator.increase(from: old, to: following, wrapModulus: wrapModulus) ?? following
        case .changes:
            if old != firstSample(rows, from: next) { count &-= 1 }
        case .minOverTime, .maxOverTime:
            if old == figure {
                count &-= 1
                return count == 0
            }
        case .countOverTime, .delta, .quantileOverTime: break
        }
        return false
    }

    /// The running figures of an empty window; φ of `quantile_over_time` stays.
    @inline(__always)
    private mutating func clearFigures() {
        if kind != .quantileOverTime { figure = 0 }
        count = 0
    }

    /// The oldest sample of the window from row `start` on.
    private func firstSample(_ rows: Rows, from start: Int) -> Double? {
        let column = Int(self.column)
        let run = rows.columns[column]
        for row in start..<rows.endRow {
            let value = rows.value(row, column, run: run)
            if HistoryRing.isPresent(value) { return value }
        }
        return nil
    }

    /// Computes everything from the samples of the window that starts at row `start`, as
    /// ``RangeFunction/apply(to:width:)`` does.
    mutating func recompute(_ rows: Rows, start: Int, wrapModulus: Double) {
        size = 0
        nans = 0
        clearFigures()
        let column = Int(self.column)
        let run = rows.columns[column]
        for row in start..<rows.endRow {
            let sample = rows.value(row, column, run: run)
            if HistoryRing.isPresent(sample) { add(sample, wrapModulus: wrapModulus) }
        }
    }
}
