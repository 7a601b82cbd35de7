/// An aggregation operator: `sum`, `avg`, `min`, `max`, `count`, as in PromQL.
public enum AggregationOperator: String, Sendable, Hashable, CaseIterable {
    case sum
    case avg
    case min
    case max
    case count

    /// Aggregates the values of one group (at least one).
    func apply(_ values: [Double]) -> Double {
        switch self {
        case .sum: values.reduce(0, +)
        case .avg: values.reduce(0, +) / Double(values.count)
        case .min: values.lazy.filter { !$0.isNaN }.min() ?? .nan  // NaN loses to any number, as in PromQL
        case .max: values.lazy.filter { !$0.isNaN }.max() ?? .nan
        case .count: Double(values.count)
        }
    }
}

/// Which series an aggregation puts together.
public enum AggregationGrouping: Sendable, Hashable {
    /// One group for everything (no clause).
    case all
    /// One group per combination of these labels' values: `by (ifType)`.
    case by([String])
    /// One group per combination of all other labels' values: `without (ifIndex)`.
    case without([String])

    /// The clause as written before the operand, `by (a, b) ` or `without (c) `, or `""`.
    var description: String {
        switch self {
        case .all: ""
        case .by(let names): "by (" + names.joined(separator: ", ") + ") "
        case .without(let names): "without (" + names.joined(separator: ", ") + ") "
        }
    }
}
