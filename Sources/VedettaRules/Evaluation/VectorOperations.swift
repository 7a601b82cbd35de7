import VedettaCore

/// A vector: series (labels without the metric name) and their values.
typealias Vector = [LabelSet: Double]

/// PromQL's binary operators with `on(...)`, `ignoring(...)` or `group_*`, and aggregations, on vectors keyed by
/// label sets, for ``RuleEvaluator`` (which does everything else on columns, in `RuleEvaluator+Plan.swift`).
///
/// Where Prometheus fails the whole evaluation because a match is ambiguous (two series on the "one" side of a
/// match, or two results with the same labels), these drop the ambiguous series and keep the others: an alert rule
/// should still alert on the series it can tell apart.
enum VectorOperations {
    /// `lhs op rhs` between two vectors, their series paired by `matching`.
    /// - Parameter filter: For a comparison without `bool`, whether to drop the series it does not hold for;
    ///   `false` keeps every series with the value it would have (what `clear` needs to know is measured).
    static func apply(
        _ operation: BinaryOperator, _ lhs: Vector, _ rhs: Vector, matching: VectorMatching, filter: Bool = true
    ) -> Vector {
        if case .set(let set) = operation { return apply(set, lhs, rhs, matching: matching.labels) }
        // The "many" side is walked, the "one" side looked up; one-to-one walks the left.
        let manyOnRight = if case .oneToMany = matching.cardinality { true } else { false }
        let (many, one) = manyOnRight ? (rhs, lhs) : (lhs, rhs)
        var oneBySignature: [LabelSet: (labels: LabelSet, value: Double)] = [:]
        var ambiguous: Set<LabelSet> = []
        for (labels, value) in one {
            let signature = signature(of: labels, matching.labels)
            if oneBySignature.updateValue((labels, value), forKey: signature) != nil { ambiguous.insert(signature) }
        }
        if case .oneToOne = matching.cardinality {  // two on the left for one on the right needs group_left
            var seen: Set<LabelSet> = []
            for labels in many.keys where !seen.insert(signature(of: labels, matching.labels)).inserted {
                ambiguous.insert(signature(of: labels, matching.labels))
            }
        }
        var result: Vector = [:]
        var duplicates: Set<LabelSet> = []
        for (labels, manyValue) in many {
            let signature = signature(of: labels, matching.labels)
            guard let match = oneBySignature[signature], !ambiguous.contains(signature) else { continue }
            let (left, right) = manyOnRight ? (match.value, manyValue) : (manyValue, match.value)
            let value: Double
            switch operation {
            case .arithmetic(let arithmetic):
                value = arithmetic.apply(left, right)
            case .comparison(let comparison, let returnsBool):
                let holds = comparison.holds(left, right)
                if returnsBool {
                    value = holds ? 1 : 0
                } else {
                    guard holds || !filter else { continue }
                    value = left
                }
            case .set:
                continue
            }
            let output = resultLabels(many: labels, one: match.labels, matching: matching)
            if result.updateValue(value, forKey: output) != nil { duplicates.insert(output) }
        }
        for output in duplicates { result[output] = nil }
        return result
    }

    /// `and`, `or`, `unless`: series kept or added by whether their signature has a match on the other side.
    private static func apply(_ operation: SetOperator, _ lhs: Vector, _ rhs: Vector, matching: VectorMatching.Labels)
        -> Vector
    {
        switch operation {
        case .and:
            let signatures = Set(rhs.keys.map { signature(of: $0, matching) })
            return lhs.filter { signatures.contains(signature(of: $0.key, matching)) }
        case .unless:
            let signatures = Set(rhs.keys.map { signature(of: $0, matching) })
            return lhs.filter { !signatures.contains(signature(of: $0.key, matching)) }
        case .or:
            let signatures = Set(lhs.keys.map { signature(of: $0, matching) })
            return lhs.merging(rhs.filter { !signatures.contains(signature(of: $0.key, matching)) }) { left, _ in left }
        }
    }

    /// The labels two series are matched by.
    static func signature(of labels: LabelSet, _ matching: VectorMatching.Labels) -> LabelSet {
        switch matching {
        case .ignoring(let names): names.isEmpty ? labels : labels.removing(Set(names))
        case .on(let names): labels.keeping(Set(names))
        }
    }

    /// The labels of a result, as Prometheus gives them: the "many" side's labels (for one-to-one, only the `on`
    /// labels, or without the `ignoring` ones), plus the `group_left`/`group_right` labels from the "one" side
    /// (removed where the "one" side has none).
    private static func resultLabels(many: LabelSet, one: LabelSet, matching: VectorMatching) -> LabelSet {
        var labels = many
        if case .oneToOne = matching.cardinality {
            switch matching.labels {
            case .on(let names): labels = labels.keeping(Set(names))
            case .ignoring(let names): if !names.isEmpty { labels = labels.removing(Set(names)) }
            }
        }
        for name in matching.include { labels[name] = one[name].flatMap { $0.isEmpty ? nil : $0 } }
        return labels
    }

    /// `op grouping (vector)`: one series per group, labelled with the group's labels.
    static func aggregate(_ operation: AggregationOperator, _ vector: Vector, grouping: AggregationGrouping) -> Vector {
        var groups: [LabelSet: [Double]] = [:]
        for (labels, value) in vector {
            let key: LabelSet =
                switch grouping {
                case .all: LabelSet()
                case .by(let names): labels.keeping(Set(names))
                case .without(let names): labels.removing(Set(names))
                }
            groups[key, default: []].append(value)
        }
        return groups.mapValues(operation.apply)
    }
}
