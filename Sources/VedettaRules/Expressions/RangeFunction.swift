import VedettaCore

/// A function over the recent samples of each series, `f(x[window])`: what the rule engine keeps a short history
/// of samples for.
public enum RangeFunction: Sendable, Hashable {
    /// The mean of the samples in the window.
    case avgOverTime
    /// The smallest sample in the window.
    case minOverTime
    /// The largest sample in the window.
    case maxOverTime
    /// The sum of the samples in the window.
    case sumOverTime
    /// How many samples the window holds.
    case countOverTime
    /// The φ-quantile (0 ≤ φ ≤ 1) of the samples in the window, interpolated between the two nearest ranks as
    /// Prometheus does: `quantile_over_time(0.95, http_duration_seconds[15m])`.
    case quantileOverTime(Double)
    /// How much a counter counted over the window: the sum of the increases between consecutive samples, a
    /// 32-bit wrap counted as such and a reset counted from zero.
    case increase
    /// The newest sample minus the oldest (for gauges).
    case delta
    /// How many times the value changed between consecutive samples.
    case changes

    /// The names of the functions, as written in expressions.
    public static let names = [
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "quantile_over_time",
        "increase", "delta", "changes",
    ]

    /// The function called `name` whose only argument is a range, or `nil` (`quantile_over_time` takes φ first).
    public init?(name: String) {
        switch name {
        case "avg_over_time": self = .avgOverTime
        case "min_over_time": self = .minOverTime
        case "max_over_time": self = .maxOverTime
        case "sum_over_time": self = .sumOverTime
        case "count_over_time": self = .countOverTime
        case "increase": self = .increase
        case "delta": self = .delta
        case "changes": self = .changes
        default: return nil
        }
    }

    /// The function's name, as written in expressions.
    public var name: String {
        switch self {
        case .avgOverTime: "avg_over_time"
        case .minOverTime: "min_over_time"
        case .maxOverTime: "max_over_time"
        case .sumOverTime: "sum_over_time"
        case .countOverTime: "count_over_time"
        case .quantileOverTime: "quantile_over_time"
        case .increase: "increase"
        case .delta: "delta"
        case .changes: "changes"
        }
    }

    /// Applies the function to the samples of one series in the window, oldest first: the plain definition, which
    /// the evaluator's running ``RangeAccumulator`` is tested against.
    /// - Parameters:
    ///   - values: The samples' values, oldest first.
    ///   - width: The counter's width, for `increase`.
    /// - Returns: The value, or `nil` when the window holds too few samples (none; `increase` and `delta` need two).
    func apply(to values: [Double], width: CounterWidth?) -> Double? {
        guard let first = values.first, let last = values.last else { return nil }
        switch self {
        case .avgOverTime, .sumOverTime:
            let sum = values.reduce(0, +)
            return self == .sumOverTime ? sum : sum / Double(values.count)
        case .minOverTime:
            return values.reduce(first) { $1 < $0 || $0.isNaN ? $1 : $0 }
        case .maxOverTime:
            return values.reduce(first) { $1 > $0 || $0.isNaN ? $1 : $0 }
        case .countOverTime:
            return Double(values.count)
        case .quantileOverTime(let phi):
            return Self.quantile(phi, of: values)
        case .delta:
            return values.count < 2 ? nil : last - first
        case .changes:
            return Double(zip(values, values.dropFirst()).filter { $0 != $1 }.count)
        case .increase:
            guard values.count >= 2 else { return nil }
            return zip(values, values.dropFirst()).reduce(0) { total, step in
                total + (RuleEvaluator.increase(from: step.0, to: step.1, width: width) ?? step.1)
            }
        }
    }

    /// Prometheus's quantile: rank `φ·(n−1)` in the sorted values, interpolated linearly between its neighbours;
    /// `-Inf` below 0, `+Inf` above 1, `NaN` for a `NaN` φ.
    static func quantile(_ phi: Double, of values: [Double]) -> Double {
        guard !phi.isNaN, !values.isEmpty else { return .nan }
        if phi < 0 { return -.infinity }
        if phi > 1 { return .infinity }
        let sorted = values.sorted()
        let rank = phi * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = rank - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }
}
