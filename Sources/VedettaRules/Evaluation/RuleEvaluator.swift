public import Foundation
public import VedettaCore

/// Evaluates alert rules against the samples of devices, one poll at a time.
///
/// Call ``evaluate(_:samples:at:)`` for every rule after each poll of a device, passing that poll's samples and
/// time; one evaluator may serve many devices, since every sample carries a `device` label. The evaluator is a
/// value: the only state it keeps is the previous sample of every series read through `rate(...)` and the latest
/// uptime of every device, so a rate needs two polls before it yields a result.
///
/// Semantics follow PromQL's instant vectors:
/// - a selector yields every sample with its name whose labels satisfy the matchers, keyed by labels without the name;
/// - a comparison keeps the series whose value compares true, with their value unchanged (with `bool`, every series,
///   valued 0 or 1); arithmetic makes new series; between two vectors, series are paired by their labels, or by
///   `on(...)`/`ignoring(...)`, one-to-one or with `group_left`/`group_right` (``VectorOperations``);
/// - `a and b` keeps the series of `a` that have a match in `b`; `a unless b` those that have none;
///   `a or b` keeps every series of `a` and those of `b` without a match in `a`;
/// - `sum`, `avg`, `min`, `max`, `count` group the series `by` or `without` labels; they see one poll of one device;
/// - the result of a rule carries the poll's labels: a series that lost some (an aggregation, `on(...)`) gets them
///   back under its own;
/// - `f(x[w])` for a range function (`avg_over_time`, `min_over_time`, `max_over_time`, `sum_over_time`,
///   `count_over_time`, `quantile_over_time`, `increase`, `delta`, `changes`) applies `f` to each series' samples of
///   the last `w`, the poll's own included, kept in a short history per series (``SeriesHistory``); a series needs
///   two samples in the window for `increase` and `delta`;
/// - `absent(x)` yields one series valued 1 when the poll succeeded (its `up` is 1) without a sample of `x`, and an
///   earlier poll of the device had one; its labels are the poll's (those of `up`) plus `x`'s equality matchers. A
///   failed poll, or a device that never had `x`, yields no data for it, so nothing changes;
/// - `rate(x[w])` is `increase / (t2 − t1)` between the previous and the latest sample of the same series, when
///   the previous sample is at most `w` old. The first sample of a series and a previous sample older than `w`
///   yield no result.
///
/// The increase of a counter from `v1` to `v2`:
/// - `v2 ≥ v1`: `v2 − v1`;
/// - `v2 < v1` on a 32-bit counter (``Sample/counterWidth`` is 32 bits, SNMP `Counter32`): the counter wrapped,
///   and the increase is `v2 + 2^32 − v1`, provided that is at most `2^31` (half the range: a counter that would
///   have had to count more than that in one interval was reset rather than wrapped);
/// - otherwise (`v2 < v1` on a 64-bit counter, a counter of unknown width, or an implausible wrap): the counter
///   was reset, and the interval yields no result; the series starts over from `v2`.
///
/// A device that restarted resets all its counters, including 32-bit ones whose new value merely looks like a
/// wrap. When the probe says a device's counters restarted (a reboot), ``forgetRates(of:)`` drops the rate history
/// of every series of the device, so no rate is computed across it: the poll after the restart starts every
/// series over and the next one yields rates again.
public struct RuleEvaluator: Sendable {
    /// Rate state per metric name, then per label set.
    private var rateHistory: [String: [LabelSet: RateHistory]] = [:]
    /// The recent samples of every series read through a range function, per metric name, then per label set.
    private var seriesHistory: [String: [LabelSet: SeriesHistory]] = [:]
    /// The selectors of `absent(...)` that some poll has had a sample for: only those can go missing.
    private var seenAbsent: Set<SeriesSelector> = []

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
        evaluate(rule.expression, samples: SampleIndex(samples), at: instant)
    }

    /// Evaluates `rule` against one poll of the device whose samples are already indexed; evaluating many rules
    /// against one ``SampleIndex`` groups the samples once instead of once per rule.
    ///
    /// - Parameters:
    ///   - rule: The rule to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place; must not go backwards for a series read through `rate(...)`.
    /// - Returns: ``RuleEvaluation/noData`` when no sample matches any of the rule's selectors, else the series
    ///   for which the condition holds.
    public mutating func evaluate(_ rule: AlertRule, samples: SampleIndex, at instant: Date) -> RuleEvaluation {
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
        evaluate(expression, samples: SampleIndex(samples), at: instant)
    }

    /// Evaluates an expression against one poll of the device whose samples are already indexed.
    ///
    /// - Parameters:
    ///   - expression: The expression to evaluate.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place.
    /// - Returns: ``RuleEvaluation/noData`` or the series for which the expression holds.
    public mutating func evaluate(
        _ expression: RuleExpression,
        samples: SampleIndex,
        at instant: Date
    ) -> RuleEvaluation {
        let absentSelectors = expression.absentSelectors
        for selector in absentSelectors where samples[selector.name].contains(where: { selector.matches($0.labels) }) {
            seenAbsent.insert(selector)
        }
        let hasData =
            expression.selectors.contains { selector in
                samples[selector.name].contains { selector.matches($0.labels) }
            } || (samples.pollSucceeded && absentSelectors.contains { seenAbsent.contains($0) })
        guard hasData else { return .noData }
        let vector = seriesVector(expression, samples: samples, at: instant)
        let outputs = expression.outputSelector.map { Self.outputs(of: $0, in: samples, for: vector) } ?? [:]
        let results = vector.map { SeriesResult(labels: $0.key, value: $0.value, output: outputs[$0.key]) }
        return .results(results.sorted { $0.labels.description < $1.labels.description })
    }

    /// For a rule with `clear`, the series `clear` holds for and the series `expr` measures; `nil` without `clear`.
    ///
    /// - Parameters:
    ///   - rule: The rule.
    ///   - samples: Every sample of the poll.
    ///   - instant: When the poll took place (the same as for ``evaluate(_:samples:at:)-(AlertRule,SampleIndex,Date)``;
    ///     a rate read twice at one instant is recorded once).
    /// - Returns: The evaluation of `clear`.
    public mutating func evaluateClear(_ rule: AlertRule, samples: SampleIndex, at instant: Date) -> ClearEvaluation? {
        guard let clear = rule.clearExpression else { return nil }
        let cleared = seriesVector(clear, samples: samples, at: instant)
        let measured = Self.withPollLabels(measured(rule.expression, samples: samples, at: instant), of: samples)
        return ClearEvaluation(cleared: Set(cleared.keys), measured: measured)
    }

    /// The result of an expression that must be series (a rule's `expr` or `clear`), every series carrying the
    /// labels of its poll: rules run per device and probe, so a series that lost some of them (through an
    /// aggregation or `on(...)`) gets the poll's labels (`device`, `probe`, `check`, the device's labels) back,
    /// under its own. An alert always names its device, and the probe and check it came from.
    private mutating func seriesVector(_ expression: RuleExpression, samples: SampleIndex, at instant: Date)
        -> Vector
    {
        Self.withPollLabels(evaluateVector(expression, samples: samples, at: instant), of: samples)
    }

    private static func withPollLabels(_ vector: Vector, of samples: SampleIndex) -> Vector {
        guard !vector.isEmpty else { return vector }
        let pollLabels = samples.pollLabels
        func complete(_ labels: LabelSet) -> Bool { pollLabels.allSatisfy { labels[$0.name] != nil } }
        guard !vector.keys.allSatisfy(complete) else { return vector }
        var stamped: Vector = [:]
        for (labels, value) in vector {
            stamped[complete(labels) ? labels : pollLabels.merging(labels)] = value
        }
        return stamped
    }

    /// The series `expression` measures, whether or not it holds, with their values: a comparison without `bool`
    /// keeps every series it compares, with the value it would keep.
    private mutating func measured(_ expression: RuleExpression, samples: SampleIndex, at instant: Date) -> Vector {
        switch expression {
        case .binary(.comparison(_, returnsBool: false), _, _, _):
            value(of: expression, samples: samples, at: instant, filter: false).vector
        case .binary(.set(.and), let lhs, _, _), .binary(.set(.unless), let lhs, _, _):
            measured(lhs, samples: samples, at: instant)
        case .binary(.set(.or), let lhs, let rhs, _):
            measured(lhs, samples: samples, at: instant).merging(measured(rhs, samples: samples, at: instant)) {
                left, _ in left
            }
        default:
            evaluateVector(expression, samples: samples, at: instant)
        }
    }

    /// The text outputs of the leading selector's samples that made it into the result; nothing to look up (and no
    /// dictionary built) when no sample of that name carries output, which is the case for every SNMP and HTTP rule.
    private static func outputs(of selector: SeriesSelector, in samples: SampleIndex, for vector: Vector)
        -> [LabelSet: String]
    {
        guard !vector.isEmpty else { return [:] }
        var outputs: [LabelSet: String] = [:]
        for sample in samples[selector.name] {
            guard let output = sample.output, vector[sample.labels] != nil else { continue }
            outputs[sample.labels] = output
        }
        return outputs
    }

    /// Forgets all rate and range history, e.g. after the device's configuration changed.
    public mutating func reset() {
        rateHistory = [:]
        seriesHistory = [:]
    }

    /// Forgets the rate history of every series of `device`: the next poll starts each of them over.
    /// - Parameter device: The device whose series (by their `device` label) are forgotten.
    public mutating func forgetRates(of device: DeviceID) {
        for name in rateHistory.keys {
            rateHistory[name] = rateHistory[name]?.filter { $0.key["device"] != device.rawValue }
        }
    }

    private mutating func evaluateVector(_ expression: RuleExpression, samples: SampleIndex, at instant: Date)
        -> Vector
    {
        value(of: expression, samples: samples, at: instant).vector
    }

    /// Evaluates any expression to a number or series.
    /// - Parameter filter: For a comparison without `bool` at the top of `expression`, whether to drop the series
    ///   it does not hold for (see ``VectorOperations/apply(_:vector:scalar:scalarOnLeft:filter:)``).
    private mutating func value(
        of expression: RuleExpression, samples: SampleIndex, at instant: Date, filter: Bool = true
    ) -> Value {
        switch expression {
        case .number(let value):
            return .scalar(value)
        case .selector(let selector):
            return .vector(Self.select(selector, from: samples))
        case .rate(let selector, let window):
            return .vector(
                rate(of: Self.selectCounters(selector, from: samples), name: selector.name, window: window, at: instant)
            )
        case .range(let function, let selector, let window):
            return .vector(range(function, of: selector, window: window, samples: samples, at: instant))
        case .absent(let selector):
            guard samples.pollSucceeded, seenAbsent.contains(selector),
                !samples[selector.name].contains(where: { selector.matches($0.labels) })
            else { return .vector([:]) }
            return .vector([samples.pollLabels.merging(selector.equalityLabels): 1])
        case .negation(let operand):
            switch value(of: operand, samples: samples, at: instant) {
            case .scalar(let value): return .scalar(-value)
            case .vector(let vector): return .vector(vector.mapValues { -$0 })
            }
        case .aggregation(let operation, let operand, let grouping):
            let vector = evaluateVector(operand, samples: samples, at: instant)
            return .vector(VectorOperations.aggregate(operation, vector, grouping: grouping))
        case .binary(let operation, let lhs, let rhs, let matching):
            let left = value(of: lhs, samples: samples, at: instant)
            let right = value(of: rhs, samples: samples, at: instant)
            switch (left, right) {
            case (.scalar(let l), .scalar(let r)):  // the parser computes these; kept for completeness
                switch operation {
                case .arithmetic(let arithmetic): return .scalar(arithmetic.apply(l, r))
                case .comparison(let comparison, _): return .scalar(comparison.holds(l, r) ? 1 : 0)
                case .set: return .vector([:])
                }
            case (.vector(let vector), .scalar(let scalar)):
                return .vector(
                    VectorOperations.apply(
                        operation, vector: vector, scalar: scalar, scalarOnLeft: false, filter: filter)
                )
            case (.scalar(let scalar), .vector(let vector)):
                return .vector(
                    VectorOperations.apply(
                        operation, vector: vector, scalar: scalar, scalarOnLeft: true, filter: filter))
            case (.vector(let l), .vector(let r)):
                return .vector(VectorOperations.apply(operation, l, r, matching: matching, filter: filter))
            }
        }
    }

    /// Records the poll's samples of `selector` in their histories and applies `function` to each series' window.
    /// Series that left the device are forgotten once their longest window has passed.
    private mutating func range(
        _ function: RangeFunction, of selector: SeriesSelector, window: Duration, samples: SampleIndex, at instant: Date
    ) -> [LabelSet: Double] {
        var histories = seriesHistory.removeValue(forKey: selector.name) ?? [:]  // moved out: updated in place
        var vector: [LabelSet: Double] = [:]
        for sample in samples[selector.name] where selector.matches(sample.labels) {
            // Updated in place: one lookup, no removal and reinsertion.
            let value = { (history: inout SeriesHistory) -> Double? in
                history.record(sample.value, width: sample.counterWidth, at: instant, window: window)
                return function.apply(to: history.window(window, at: instant), width: history.width)
            }(&histories[sample.labels, default: SeriesHistory()])
            if let value { vector[sample.labels] = value }
        }
        if histories.count > vector.count {  // some series were not in this poll: drop those long gone
            histories = histories.filter { _, history in
                history.latestTime.map { instant.timeIntervalSince($0) <= history.longestWindow } ?? false
            }
        }
        seriesHistory[selector.name] = histories
        return vector
    }

    /// How many samples the range functions keep, over every series (for the documentation's memory figures).
    public var historySampleCount: Int {
        seriesHistory.values.reduce(0) { total, series in total + series.values.reduce(0) { $0 + $1.points.count } }
    }

    private static func select(_ selector: SeriesSelector, from samples: SampleIndex) -> [LabelSet: Double] {
        var vector: [LabelSet: Double] = [:]
        for sample in samples[selector.name] where selector.matches(sample.labels) {
            vector[sample.labels] = sample.value
        }
        return vector
    }

    private static func selectCounters(
        _ selector: SeriesSelector,
        from samples: SampleIndex
    ) -> [LabelSet: RateHistory.Point] {
        var vector: [LabelSet: RateHistory.Point] = [:]
        for sample in samples[selector.name] where selector.matches(sample.labels) {
            vector[sample.labels] = RateHistory.Point(value: sample.value, width: sample.counterWidth)
        }
        return vector
    }

    private mutating func rate(
        of current: [LabelSet: RateHistory.Point],
        name: String,
        window: Duration,
        at instant: Date
    ) -> [LabelSet: Double] {
        var histories = rateHistory.removeValue(forKey: name) ?? [:]  // moved out: updated in place, not copied
        var rates: [LabelSet: Double] = [:]
        for (labels, point) in current {
            // Updated in place: one lookup.
            rates[labels] = { (history: inout RateHistory) -> Double? in
                history.record(point, at: instant, window: window)
                return history.rate(at: instant, window: window)
            }(&histories[labels, default: RateHistory(latest: point, time: instant)])
        }
        // Series that left the device (a removed interface) are dropped once nothing could use them any more.
        if histories.count > current.count {
            histories = histories.filter { instant.timeIntervalSince($0.value.latestTime) <= $0.value.longestWindow }
        }
        rateHistory[name] = histories
        return rates
    }
}

/// What an expression evaluates to: a number or series.
enum Value {
    case scalar(Double)
    case vector(Vector)

    /// The series; none for a number (a rule's expression is never one).
    var vector: Vector {
        switch self {
        case .scalar: [:]
        case .vector(let vector): vector
        }
    }
}
