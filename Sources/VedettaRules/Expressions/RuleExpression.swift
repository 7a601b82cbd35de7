public import VedettaCore

/// A parsed alert condition, a small PromQL subset that Prometheus users read without a manual:
///
/// ```
/// up{probe="snmp"} == 0
/// ifOperStatus == 2 and ifAdminStatus == 1
/// rate(ifInErrors[5m]) > 10
/// http_duration_seconds{phase="total"} > 2 unless maintenance == 1
/// absent(upsBatteryRuntime)
/// ```
///
/// Parse text with ``parse(_:)``; evaluate with ``RuleEvaluator``.
public indirect enum RuleExpression: Sendable, Hashable {
    /// The latest samples matching a selector: `name{label="value"}`.
    case selector(SeriesSelector)
    /// Per-second rate of a counter between its last two samples no further apart than `window`.
    case rate(SeriesSelector, window: Duration)
    /// A function of each series' samples within `window`, the latest included: `max_over_time(x[10m])`,
    /// `increase(x[1h])`, `changes(x[30m])`.
    case range(RangeFunction, SeriesSelector, window: Duration)
    /// One series, valued 1, when a poll that succeeded has no sample matching the selector although an earlier
    /// poll of the device had one: the device stopped exporting it. Its labels are the poll's own (`device`,
    /// `probe`, `check` and the device's labels) plus the selector's equality matchers.
    case absent(SeriesSelector)
    /// Series of `lhs` whose value compares true with `threshold`; the value is kept.
    case comparison(RuleExpression, ComparisonOperator, Double)
    /// Series of `lhs` that have a series with the same labels in `rhs` (PromQL `and`).
    case and(RuleExpression, RuleExpression)
    /// Series of `lhs` that have no series with the same labels in `rhs` (PromQL `unless`).
    case unless(RuleExpression, RuleExpression)
    /// Every series of `lhs`, and those of `rhs` whose labels are not among them (PromQL `or`).
    case or(RuleExpression, RuleExpression)

    /// Every selector the expression reads, for no-data detection and documentation; not those inside
    /// `absent(...)`, whose missing samples are the point (see ``absentSelectors``).
    public var selectors: [SeriesSelector] {
        switch self {
        case .selector(let selector), .rate(let selector, _), .range(_, let selector, _): [selector]
        case .absent: []
        case .comparison(let inner, _, _): inner.selectors
        case .and(let lhs, let rhs), .unless(let lhs, let rhs), .or(let lhs, let rhs): lhs.selectors + rhs.selectors
        }
    }

    /// The selectors inside `absent(...)`.
    public var absentSelectors: [SeriesSelector] {
        switch self {
        case .selector, .rate, .range: []
        case .absent(let selector): [selector]
        case .comparison(let inner, _, _): inner.absentSelectors
        case .and(let lhs, let rhs), .unless(let lhs, let rhs), .or(let lhs, let rhs):
            lhs.absentSelectors + rhs.absentSelectors
        }
    }

    /// The selector of the left-most operand: the series whose value (and output) a result carries.
    public var leadingSelector: SeriesSelector {
        switch self {
        case .selector(let selector), .rate(let selector, _), .range(_, let selector, _), .absent(let selector):
            selector
        case .comparison(let inner, _, _): inner.leadingSelector
        case .and(let lhs, _), .unless(let lhs, _), .or(let lhs, _): lhs.leadingSelector
        }
    }
}

/// A comparison operator.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    /// Applies the operator.
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .equal: lhs == rhs
        case .notEqual: lhs != rhs
        case .greater: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .less: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        }
    }
}

/// `name{matchers}`: selects series by metric name and labels.
public struct SeriesSelector: Sendable, Hashable, CustomStringConvertible {
    /// The metric name.
    public var name: String
    /// Label conditions, all of which must hold.
    public var matchers: [LabelMatcher]

    /// Creates a selector.
    public init(name: String, matchers: [LabelMatcher] = []) {
        self.name = name
        self.matchers = matchers
    }

    /// Whether a series with `labels` is selected (the name is checked by the caller).
    public func matches(_ labels: LabelSet) -> Bool {
        matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }

    /// The labels a series must have to be selected, from the `=` matchers: what `absent(...)` reports.
    public var equalityLabels: LabelSet {
        var labels = LabelSet()
        for matcher in matchers where matcher.operation == .equal { labels[matcher.name] = matcher.value }
        return labels
    }

    /// The selector in PromQL notation.
    public var description: String {
        matchers.isEmpty ? name : name + "{" + matchers.map(\.description).joined(separator: ",") + "}"
    }
}
