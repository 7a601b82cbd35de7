import Foundation
import VedettaCore

/// A range function of one series, `f(x[w])`, kept up to date as samples arrive and leave the window, so that a
/// poll costs each series a few operations rather than a pass over its window.
///
/// A new sample is added to the running figures, and each sample that leaves the window is taken out of them:
/// - `sum_over_time`, `avg_over_time`: the sum of the window's values;
/// - `count_over_time`: the positions alone;
/// - `increase`: the sum of the increases between consecutive samples, `changes`: the count of consecutive samples
///   that differ; a sample that leaves takes out its step to the next;
/// - `min_over_time`, `max_over_time`: the extreme and how many samples equal it; the window is scanned again only
///   when the last of those leaves;
/// - `delta` reads the window's ends; `quantile_over_time` scans the window (it has no running form).
///
/// The accumulator reads the samples of its series' ``SeriesHistory`` as a ``Window``: the history's storage and
/// the absolute position of its first element.
///
/// A window with a `NaN`, every 256th update, and the first update after the accumulator was made are computed
/// from the whole window, so rounding never drifts and the result is always the one a scan would give.
struct RangeAccumulator: Sendable {
    /// The samples of a series' history, by absolute position.
    struct Window {
        /// The history's storage.
        let points: UnsafeBufferPointer<SeriesHistory.Point>
        /// The absolute position of `points[0]`.
        let base: Int
        /// The absolute position of the oldest sample kept.
        let firstPosition: Int
        /// The absolute position after the newest sample.
        var endPosition: Int { base + points.count }

        func point(at position: Int) -> SeriesHistory.Point { points[position - base] }
    }

    /// The function.
    let function: RangeFunction
    /// The window, in seconds.
    let window: TimeInterval
    /// Which of the program's range views this is.
    let view: Int32
    /// The absolute position of the window's oldest sample in the history; -1 until first computed.
    private var start = -1
    private var sum = 0.0
    private var count = 0
    private var extreme = 0.0
    private var nans = 0
    private var updates = 0
    /// The function's value at the latest poll, if the window holds enough samples.
    private(set) var value: Double?

    init(function: RangeFunction, window: TimeInterval, view: Int32) {
        self.function = function
        self.window = window
        self.view = view
    }

    /// Takes in the sample just appended to `history` at `instant`, drops the samples that left the window, and
    /// computes the value.
    mutating func update(_ history: Window, at instant: Date, width: CounterWidth?) {
        updates &+= 1
        let end = history.endPosition
        let cutoff = instant.addingTimeInterval(-window)
        guard start >= 0, updates % 256 != 0, nans == 0 else {
            recompute(history, at: instant, width: width)
            return
        }
        add(history, at: end - 1, hasPrevious: end - 1 > start, width: width)
        let oldest = max(history.firstPosition, end - SeriesHistory.maximumPoints)
        var rescan = false
        while start < end - 1, start < oldest || history.point(at: start).time <= cutoff {
            rescan = remove(history, at: start, width: width) || rescan
            start += 1
        }
        if rescan || nans > 0 {
            recompute(history, at: instant, width: width)
        } else {
            value = current(history, end: end)
        }
    }

    /// Adds the sample at `position` (the window's newest), with its step from the one before.
    private mutating func add(_ history: Window, at position: Int, hasPrevious: Bool, width: CounterWidth?) {
        let new = history.point(at: position).value
        if new.isNaN { nans += 1 }
        let previous = hasPrevious ? history.point(at: position - 1).value : 0
        switch function {
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

    /// Takes out the window's oldest sample, at `position`, with its step to the next.
    /// - Returns: Whether the window must be scanned again (the last sample equal to the extreme left).
    private mutating func remove(_ history: Window, at position: Int, width: CounterWidth?) -> Bool {
        let old = history.point(at: position).value
        if old.isNaN { nans -= 1 }
        let next = history.point(at: position + 1).value
        switch function {
        case .sumOverTime, .avgOverTime: sum -= old
        case .increase: sum -= RuleEvaluator.increase(from: old, to: next, width: width) ?? next
        case .changes: if old != next { count -= 1 }
        case .minOverTime, .maxOverTime:
            if old == extreme {
                count -= 1
                return count == 0
            }
        case .countOverTime, .delta, .quantileOverTime: break
        }
        return false
    }

    /// The value from the running figures, for the window `start..<end`.
    private func current(_ history: Window, end: Int) -> Double? {
        let size = end - start
        guard size > 0 else { return nil }
        switch function {
        case .sumOverTime: return sum
        case .avgOverTime: return sum / Double(size)
        case .countOverTime: return Double(size)
        case .increase: return size < 2 ? nil : sum
        case .changes: return Double(count)
        case .minOverTime, .maxOverTime: return extreme
        case .delta: return size < 2 ? nil : history.point(at: end - 1).value - history.point(at: start).value
        case .quantileOverTime(let phi):
            return RangeFunction.quantile(phi, of: (start..<end).map { history.point(at: $0).value })
        }
    }

    /// Computes everything from the samples in the window ending at `instant`, as
    /// ``RangeFunction/apply(to:width:)`` does.
    mutating func recompute(_ history: Window, at instant: Date, width: CounterWidth?) {
        let cutoff = instant.addingTimeInterval(-window)
        let end = history.endPosition
        start = max(history.firstPosition, end - SeriesHistory.maximumPoints)
        while start < end - 1, history.point(at: start).time <= cutoff { start += 1 }
        if start < end, history.point(at: start).time <= cutoff { start = end }  // nothing in the window
        sum = 0
        count = 0
        nans = 0
        for position in start..<end { add(history, at: position, hasPrevious: position > start, width: width) }
        value = current(history, end: end)
    }
}
