import VedettaCore

/// A function over the recent samples of each series, `f(x[window])`: what the rule engine keeps a short history
/// of samples for.
public enum RangeFunction: String, Sendable, Hashable, CaseIterable {
    /// The mean of the samples in the window.
    case avgOverTime = "avg_over_time"
    /// The smallest sample in the window.
    case minOverTime = "min_over_time"
    /// The largest sample in the window.
    case maxOverTime = "max_over_time"
    /// The sum of the samples in the window.
    case sumOverTime = "sum_over_time"
    /// How many samples the window holds.
    case countOverTime = "count_over_time"
    /// How much a counter counted over the window: the sum of the increases between consecutive samples, a
    /// 32-bit wrap counted as such and a reset counted from zero.
    case increase
    /// The newest sample minus the oldest (for gauges).
    case delta
    /// How many times the value changed between consecutive samples.
    case changes

    /// Applies the function to the samples of one series in the window, oldest first.
    /// - Parameters:
    ///   - points: The samples, oldest first; at least one.
    ///   - width: The counter's width, for `increase`.
    /// - Returns: The value, or `nil` when the window holds too few samples (`increase` and `delta` need two).
    func apply(to points: ArraySlice<SeriesHistory.Point>, width: CounterWidth?) -> Double? {
        guard let first = points.first, let last = points.last else { return nil }
        switch self {
        case .avgOverTime: return points.reduce(0) { $0 + $1.value } / Double(points.count)
        case .minOverTime: return points.lazy.map(\.value).min()
        case .maxOverTime: return points.lazy.map(\.value).max()
        case .sumOverTime: return points.reduce(0) { $0 + $1.value }
        case .countOverTime: return Double(points.count)
        case .delta: return points.count < 2 ? nil : last.value - first.value
        case .changes:
            return Double(zip(points, points.dropFirst()).count { $0.value != $1.value })
        case .increase:
            guard points.count >= 2 else { return nil }
            return zip(points, points.dropFirst()).reduce(0) { total, pair in
                total + (RuleEvaluator.increase(from: pair.0.value, to: pair.1.value, width: width) ?? pair.1.value)
            }
        }
    }
}
