public import Foundation
public import VedettaCore

/// Evaluates alert rules against the samples of one device, one poll at a time.
///
/// Create one evaluator per device and call ``evaluate(_:samples:at:)`` for every rule after each poll of the device,
/// passing that poll's samples and time. The evaluator is a value: the only state it keeps is the previous sample of
/// every series read through `rate(...)`, so a rate needs two polls before it yields a result.
///
/// Semantics follow PromQL's instant vectors:
/// - a selector yields every sample with its name whose labels satisfy the matchers, keyed by labels without the name;
/// - a comparison keeps the series whose value compares true, with its value unchanged;
/// - `a and b` keeps the series of `a` whose full label set also appears in `b`; `a unless b` those whose does not;
/// - `rate(x[w])` is `(v2 − v1) / (t2 − t1)` for the same series when the previous sample is at most `w` old;
///   the first sample, a counter reset (`v2 < v1`) and a previous sample older than `w` yield no result.
public struct RuleEvaluator: Sendable {
    /// Rate state per metric name, then per label set.
    private var rateHistory: [String: [LabelSet: RateHistory]] = [:]

    /// Creates an evaluator with no rate history.
    public init() {}

    /// Evaluates `rule` against one poll of the device.
    ///
    /// - Parameters:
    ///   - rule: The rule to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place; must not go backwards for a series read through `rate(...)`.
    /// - Returns: ``RuleEvaluation/noData`` when no sample matches any of the rule's selectors, else the series
    ///   for which the condition holds.
    public mutating func evaluate(_ rule: AlertRule, samples: [Sample], at instant: Date) -> RuleEvaluation {
        evaluate(rule.expression, samples: samples, at: instant)
    }

    /// Evaluates an expression against one poll of the device, with the semantics described on the type.
    ///
    /// - Parameters:
    ///   - expression: The expression to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place.
    /// - Returns: ``RuleEvaluation/noData`` or the series for which the expression holds.
    public mutating func evaluate(_ expression: RuleExpression, samples: [Sample], at instant: Date) -> RuleEvaluation {
        let byName = Dictionary(grouping: samples, by: \.name)
        let hasData = expression.selectors.contains { selector in
            byName[selector.name]?.contains { selector.matches($0.labels) } ?? false
        }
        guard hasData else { return .noData }
        let vector = evaluateVector(expression, samples: byName, at: instant)
        let results = vector.map { SeriesResult(labels: $0.key, value: $0.value) }
        return .results(results.sorted { $0.labels.description < $1.labels.description })
    }

    /// Forgets all rate history, e.g. after the device's configuration changed.
    public mutating func reset() {
        rateHistory = [:]
    }

    private mutating func evaluateVector(
        _ expression: RuleExpression,
        samples: [String: [Sample]],
        at instant: Date
    ) -> [LabelSet: Double] {
        switch expression {
        case .selector(let selector):
            return Self.select(selector, from: samples)
        case .rate(let selector, let window):
            return rate(of: Self.select(selector, from: samples), name: selector.name, window: window, at: instant)
        case .comparison(let inner, let comparison, let threshold):
            return evaluateVector(inner, samples: samples, at: instant).filter { comparison.holds($0.value, threshold) }
        case .and(let lhs, let rhs):
            let left = evaluateVector(lhs, samples: samples, at: instant)
            let right = evaluateVector(rhs, samples: samples, at: instant)
            return left.filter { right[$0.key] != nil }
        case .unless(let lhs, let rhs):
            let left = evaluateVector(lhs, samples: samples, at: instant)
            let right = evaluateVector(rhs, samples: samples, at: instant)
            return left.filter { right[$0.key] == nil }
        }
    }

    private static func select(_ selector: SeriesSelector, from samples: [String: [Sample]]) -> [LabelSet: Double] {
        var vector: [LabelSet: Double] = [:]
        for sample in samples[selector.name] ?? [] where selector.matches(sample.labels) {
            vector[sample.labels] = sample.value
        }
        return vector
    }

    private mutating func rate(
        of current: [LabelSet: Double],
        name: String,
        window: Duration,
        at instant: Date
    ) -> [LabelSet: Double] {
        var histories = rateHistory[name] ?? [:]
        var rates: [LabelSet: Double] = [:]
        for (labels, value) in current {
            var history = histories[labels] ?? RateHistory(latest: RateHistory.Point(value: value, time: instant))
            history.record(value: value, at: instant, window: window)
            rates[labels] = history.rate(at: instant, window: window)
            histories[labels] = history
        }
        // Series that left the device (a removed interface) are dropped once nothing could use them any more.
        histories = histories.filter { instant.timeIntervalSince($0.value.latest.time) <= $0.value.longestWindow }
        rateHistory[name] = histories
        return rates
    }
}

/// The last two samples of one counter series.
private struct RateHistory: Sendable {
    struct Point: Sendable {
        var value: Double
        var time: Date
    }

    var latest: Point
    var previous: Point?
    /// The longest window any rule read this series with, in seconds.
    var longestWindow: TimeInterval = 0

    /// Records a sample; a second call at the same instant (another rule reading the same poll) changes nothing.
    mutating func record(value: Double, at instant: Date, window: Duration) {
        longestWindow = max(longestWindow, window.seconds)
        guard instant > latest.time else { return }
        previous = latest
        latest = Point(value: value, time: instant)
    }

    /// The per-second rate between the previous and the latest sample, or `nil` if there is no usable pair.
    func rate(at instant: Date, window: Duration) -> Double? {
        guard let previous, latest.time == instant else { return nil }
        let elapsed = latest.time.timeIntervalSince(previous.time)
        guard elapsed > 0, elapsed <= window.seconds, latest.value >= previous.value,
            latest.value.isFinite, previous.value.isFinite
        else { return nil }
        return (latest.value - previous.value) / elapsed
    }
}
