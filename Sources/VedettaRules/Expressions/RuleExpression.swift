public import VedettaCore

/// A parsed alert condition, a PromQL subset that Prometheus users read without a manual:
///
/// ```
/// up{probe="snmp"} == 0
/// ifOperStatus == 2 and ifAdminStatus == 1
/// rate(ifInErrors[5m]) > 10
/// rate(ifHCInOctets[5m]) * 8 > 0.9 * ifHighSpeed * 1e6
/// sum without (ifIndex) (rate(ifInErrors[5m])) > 100
/// http_duration_seconds{phase="total"} > 2 unless maintenance == 1
/// absent(upsBatteryRuntime)
/// ```
///
/// Parse text with ``parse(_:)``; evaluate with ``RuleEvaluator``. An expression is either a *vector* (series
/// with labels and values) or a *scalar* (a plain number); a rule's expression is always a vector.
public indirect enum RuleExpression: Sendable, Hashable {
    /// A number: `90`, `1e6`, `10m` (600, in seconds), `1GiB`.
    case number(Double)
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
    /// `-x`: the operand with its sign changed.
    case negation(RuleExpression)
    /// `lhs op rhs`, with the series of two vectors paired by `matching`.
    case binary(BinaryOperator, RuleExpression, RuleExpression, matching: VectorMatching)
    /// `op by (labels) (operand)`: the operand's series grouped and aggregated.
    case aggregation(AggregationOperator, RuleExpression, grouping: AggregationGrouping)

    /// `lhs op threshold`: the series of `lhs` whose value compares true with a number.
    public static func comparison(_ lhs: RuleExpression, _ comparison: ComparisonOperator, _ threshold: Double)
        -> RuleExpression
    {
        .binary(.comparison(comparison, returnsBool: false), lhs, .number(threshold), matching: .default)
    }

    /// `lhs and rhs`: the series of `lhs` that have a series with the same labels in `rhs`.
    public static func and(_ lhs: RuleExpression, _ rhs: RuleExpression) -> RuleExpression {
        .binary(.set(.and), lhs, rhs, matching: .default)
    }

    /// `lhs unless rhs`: the series of `lhs` that have no series with the same labels in `rhs`.
    public static func unless(_ lhs: RuleExpression, _ rhs: RuleExpression) -> RuleExpression {
        .binary(.set(.unless), lhs, rhs, matching: .default)
    }

    /// `lhs or rhs`: every series of `lhs`, and those of `rhs` whose labels are not among them.
    public static func or(_ lhs: RuleExpression, _ rhs: RuleExpression) -> RuleExpression {
        .binary(.set(.or), lhs, rhs, matching: .default)
    }

    /// Whether the expression yields a plain number rather than series.
    public var isScalar: Bool {
        switch self {
        case .number: true
        case .negation(let operand): operand.isScalar
        case .binary(_, let lhs, let rhs, _): lhs.isScalar && rhs.isScalar
        case .selector, .rate, .range, .absent, .aggregation: false
        }
    }

    /// Every selector the expression reads, for no-data detection and documentation; not those inside
    /// `absent(...)`, whose missing samples are the point (see ``absentSelectors``).
    public var selectors: [SeriesSelector] {
        switch self {
        case .selector(let selector), .rate(let selector, _), .range(_, let selector, _): [selector]
        case .absent, .number: []
        case .negation(let operand), .aggregation(_, let operand, _): operand.selectors
        case .binary(_, let lhs, let rhs, _): lhs.selectors + rhs.selectors
        }
    }

    /// The selectors inside `absent(...)`.
    public var absentSelectors: [SeriesSelector] {
        switch self {
        case .selector, .rate, .range, .number: []
        case .absent(let selector): [selector]
        case .negation(let operand), .aggregation(_, let operand, _): operand.absentSelectors
        case .binary(_, let lhs, let rhs, _): lhs.absentSelectors + rhs.absentSelectors
        }
    }

    /// The selector whose samples' text output a result carries: that of the left-most vector operand, when the
    /// result's series are that selector's own (not made by arithmetic or an aggregation).
    public var outputSelector: SeriesSelector? {
        switch self {
        case .selector(let selector), .rate(let selector, _), .range(_, let selector, _), .absent(let selector):
            selector
        case .number, .negation, .aggregation, .binary(.arithmetic, _, _, _): nil
        case .binary(.comparison(_, let returnsBool), let lhs, let rhs, _):
            returnsBool ? nil : (lhs.isScalar ? rhs.outputSelector : lhs.outputSelector)
        case .binary(.set, let lhs, _, _): lhs.outputSelector
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
