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
///
/// A window with a `NaN`, every 256th update, and the first update after the accumulator was made are computed
/// from the whole window, so rounding never drifts and the result is always the one a scan would give.
///
/// A poll reads every accumulator of the device, so it is kept to 64 bytes: the function as one byte, the counts in
/// 16 bits (a window holds at most ``HistoryRing/maximumRows`` samples), and "no value" as a NaN no arithmetic makes.
struct RangeAccumulator: Sendable {
    /// The function, as one byte; φ of `quantile_over_time` is kept in ``extreme``, which no other use of it needs.
    private enum Kind: UInt8 {
        case avgOverTime, minOverTime, maxOverTime, sumOverTime, countOverTime, quantileOverTime, increase, delta
        case changes
    }

    /// The stored ``value`` when there is none: a NaN whose payload no arithmetic produces.
    private static let noValue = Double(bitPattern: 0x7FF4_5645_4454_4E00)

    /// The rows of a ``HistoryRing``, by absolute row number.
    struct Rows {
        let times: UnsafeBufferPointer<Date>
        let values: UnsafeBufferPointer<Double>
        /// The ring's row capacity less one: row `r` is at `r & mask`.
        let mask: Int
        /// The values per row.
        let stride: Int
        /// The oldest row kept, and the row after the newest.
        let firstRow: Int
        let endRow: Int

        @inline(__always)
        func time(_ row: Int) -> Date { times[row & mask] }

        @inline(__always)
        func value(_ row: Int, _ column: Int) -> Double { values[(row & mask) * stride + column] }
    }

    /// The window, in seconds.
    let window: TimeInterval
    /// The absolute row of the window's oldest poll; -1 until first computed.
    private var start = -1
    /// The newest sample, the running sum, and the extreme (for `quantile_over_time`, φ).
    private var newest = 0.0
    private var sum = 0.0
    private var extreme = 0.0
    /// The function's value at the latest poll, or ``noValue``.
    private var result = RangeAccumulator.noValue
    /// Which of the program's range views this is.
    let view: Int32
    /// The series' column in its ring (set by the ring).
    var column: Int32 = 0
    /// How many samples the window holds (at most ``HistoryRing/maximumRows``), the count the function keeps
    /// (changes, samples equal to the extreme), and how many samples are NaN.
    private var size: Int16 = 0
    private var count: Int16 = 0
    private var nans: Int16 = 0
    /// Counts the updates modulo 256: every 256th computes the window afresh.
    private var updates: UInt8 = 0
    private let kind: Kind

    init(function: RangeFunction, window: TimeInterval, view: Int32) {
        self.window = window
        self.view = view
        switch function {
        case .avgOverTime: kind = .avgOverTime
        case .minOverTime: kind = .minOverTime
        case .maxOverTime: kind = .maxOverTime
        case .sumOverTime: kind = .sumOverTime
        case .countOverTime: kind = .countOverTime
        case .quantileOverTime(let phi):
            kind = .quantileOverTime
            extreme = phi
        case .increase: kind = .increase
        case .delta: kind = .delta
        case .changes: kind = .changes
        }
    }

    /// The function's value at the latest poll, if the window holds enough samples.
    var value: Double? { result.bitPattern == Self.noValue.bitPattern ? nil : result }

    /// Takes in the ring's newest row (just appended at `instant`), drops the rows that left the window, and
    /// computes the value.
    mutating func update(_ rows: Rows, at instant: Date, width: CounterWidth?) {
        updates &+= 1
        guard start >= 0, updates != 0, nans == 0 else {
            recompute(rows, at: instant, width: width)
            return
        }
        let column = Int(self.column)
        let end = rows.endRow
        let new = rows.value(end - 1, column)
        if HistoryRing.isPresent(new) { add(new, width: width) }
        let cutoff = instant.addingTimeInterval(-window)
        let oldest = max(rows.firstRow, end - HistoryRing.maximumRows)
        var rescan = false
        while start < end, start < oldest || rows.time(start) <= cutoff {
            let old = rows.value(start, column)
            start += 1
            if HistoryRing.isPresent(old) { rescan = remove(old, rows, width: width) || rescan }
        }
        if rescan || nans > 0 {
            recompute(rows, at: instant, width: width)
        } else {
            result = current(rows) ?? Self.noValue
        }
    }

    /// Adds a sample, the window's newest, with its step from the one before.
    @inline(__always)
    private mutating func add(_ new: Double, width: CounterWidth?) {
        if new.isNaN { nans += 1 }
        let hasPrevious = size > 0
        let previous = newest
        size += 1
        newest = new
        switch kind {
        case .sumOverTime, .avgOverTime: sum += new
        case .increase:
            if hasPrevious { sum += RuleEvaluator.increase(from: previous, to: new, width: width) ?? new }
        case .changes:
            if hasPrevious, previous != new { count += 1 }
        case .minOverTime:
            if count == 0 || new < extreme || extreme.isNaN {
                extreme = new
                count = 1
            } else if new == extreme {
                count += 1
            }
        case .maxOverTime:
            if count == 0 || new > extreme || extreme.isNaN {
                extreme = new
                count = 1
            } else if new == extreme {
                count += 1
            }
        case .countOverTime, .delta, .quantileOverTime: break
        }
    }

    /// Takes out the window's oldest sample, `old` (the window now starts after it), with its step to the next.
    /// - Returns: Whether the window must be scanned again (the last sample equal to the extreme left).
    @inline(__always)
    private mutating func remove(_ old: Double, _ rows: Rows, width: CounterWidth?) -> Bool {
        if old.isNaN { nans -= 1 }
        size -= 1
        guard size > 0 else {
            (sum, count) = (0, 0)  // an empty window starts over
            return false
        }
        switch kind {
        case .sumOverTime, .avgOverTime: sum -= old
        case .increase:
            let next = firstSample(rows) ?? old
            sum -= RuleEvaluator.increase(from: old, to: next, width: width) ?? next
        case .changes:
            if old != firstSample(rows) { count -= 1 }
        case .minOverTime, .maxOverTime:
            if old == extreme {
                count -= 1
                return count == 0
            }
        case .countOverTime, .delta, .quantileOverTime: break
        }
        return false
    }

    /// The oldest sample of the window, from `start` on.
    private func firstSample(_ rows: Rows) -> Double? {
        let column = Int(self.column)
        for row in start..<rows.endRow {
            let value = rows.value(row, column)
            if HistoryRing.isPresent(value) { return value }
        }
        return nil
    }

    /// The value from the running figures.
    @inline(__always)
    private func current(_ rows: Rows) -> Double? {
        guard size > 0 else { return nil }
        switch kind {
        case .sumOverTime: return sum
        case .avgOverTime: return sum / Double(size)
        case .countOverTime: return Double(size)
        case .increase: return size < 2 ? nil : sum
        case .changes: return Double(count)
        case .minOverTime, .maxOverTime: return extreme
        case .delta: return size < 2 ? nil : firstSample(rows).map { newest - $0 }
        case .quantileOverTime:
            let column = Int(self.column)
            let samples = (start..<rows.endRow).map { rows.value($0, column) }.filter(HistoryRing.isPresent)
            return RangeFunction.quantile(extreme, of: samples)
        }
    }

    /// Computes everything from the samples in the window ending at `instant`, as
    /// ``RangeFunction/apply(to:width:)`` does.
    mutating func recompute(_ rows: Rows, at instant: Date, width: CounterWidth?) {
        let cutoff = instant.addingTimeInterval(-window)
        let end = rows.endRow
        start = max(rows.firstRow, end - HistoryRing.maximumRows)
        while start < end, rows.time(start) <= cutoff { start += 1 }
        size = 0
        sum = 0
        count = 0
        nans = 0
        let column = Int(self.column)
        for row in start..<end {
            let sample = rows.value(row, column)
            if HistoryRing.isPresent(sample) { add(sample, width: width) }
        }
        result = current(rows) ?? Self.noValue
    }
}
