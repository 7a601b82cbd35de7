/// Which series a fused comparison with a number keeps: those it holds for, or all of them (what `clear` measures).
struct SeriesFilter {
    var comparison: ComparisonOperator
    var number: Double
    var numberOnLeft: Bool
    var keepsAll: Bool

    /// Keeps every series.
    static let all = SeriesFilter(comparison: .equal, number: 0, numberOnLeft: false, keepsAll: true)

    /// The comparison written with the series' value on the left: `5 < x` is `x > 5`.
    var valueOnLeft: (ComparisonOperator, Double) {
        guard numberOnLeft else { return (comparison, number) }
        switch comparison {
        case .equal, .notEqual: return (comparison, number)
        case .greater: return (.less, number)
        case .greaterOrEqual: return (.lessOrEqual, number)
        case .less: return (.greater, number)
        case .lessOrEqual: return (.greaterOrEqual, number)
        }
    }
}

/// A comparison of a series' value with a number, one type per operator: a loop over series generic over it is
/// compiled once per operator, with the comparison inlined instead of chosen for every series. As in PromQL, a
/// comparison with NaN holds only for `!=`.
protocol SeriesPredicate {
    func keeps(_ value: Double) -> Bool
}

/// Every series (what `clear` measures).
struct KeepsAll: SeriesPredicate {
    @inline(__always) func keeps(_ value: Double) -> Bool { true }
}

/// `x == number`.
struct Equal: SeriesPredicate {
    let number: Double
    @inline(__always) func keeps(_ value: Double) -> Bool { value == number }
}

/// `x != number`.
struct NotEqual: SeriesPredicate {
    let number: Double
    @inline(__always) func keeps(_ value: Double) -> Bool { value != number }
}

/// `x > number`.
struct Greater: SeriesPredicate {
    let number: Double
    @inline(__always) func keeps(_ value: Double) -> Bool { value > number }
}

/// `x >= number`.
struct GreaterOrEqual: SeriesPredicate {
    let number: Double
    @inline(__always) func keeps(_ value: Double) -> Bool { value >= number }
}

/// `x < number`.
struct Less: SeriesPredicate {
    let number: Double
    @inline(__always) func keeps(_ value: Double) -> Bool { value < number }
}

/// `x <= number`.
struct LessOrEqual: SeriesPredicate {
    let number: Double
    @inline(__always) func keeps(_ value: Double) -> Bool { value <= number }
}
