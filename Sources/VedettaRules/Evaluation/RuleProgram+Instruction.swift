import Foundation

extension RuleProgram {
    /// Where a leaf of an expression takes the device's series from.
    enum Source: Sendable {
        /// The series of a selector, with their values.
        case select(slot: Int)
        /// The per-second rates of a selector's counters over at most `window` seconds.
        case rate(slot: Int, window: TimeInterval)
        /// A range function's values (a ``RangeView``) for a selector's series.
        case range(view: Int, slot: Int)
    }

    /// One operation of a compiled expression. An expression is a sequence of them in postfix order: each takes
    /// its operands from the top of a stack and leaves its result there, so evaluating is one loop over an array of
    /// plain values (nothing to retain, no recursion).
    struct Instruction: Sendable {
        enum Operation: Sendable {
            case number(Double)
            case source(Source)
            case absent(slot: Int)
            case negation
            /// Between the two operands below it; `matching` is a number in ``RuleProgram/matchings``, or -1 for
            /// the default (series paired by their whole label sets).
            case binary(BinaryOperator, matching: Int)
            /// `grouping` is a number in ``RuleProgram/groupings``.
            case aggregation(AggregationOperator, grouping: Int)
            /// A source compared with a number (`x > 5`, `5 < x`) in one pass, without writing the series it drops.
            case filter(Source, ComparisonOperator, Double, numberOnLeft: Bool)
        }

        var operation: Operation
        /// The position of the first instruction of this one's subexpression: its operands are the instructions
        /// from there to this one.
        var start: Int
        /// For the first instruction of the right operand of `and`/`unless`: the position of that operator. When
        /// the left operand (then on top of the stack) has no series, the result has none either, and evaluation
        /// goes on after the operator without computing the right operand. -1 elsewhere.
        var skipTo = -1
    }
}

extension RuleExpression {
    /// Whether this is a selector, `rate(...)` or a range function: a leaf that yields series.
    var isSource: Bool {
        switch self {
        case .selector, .rate, .range: true
        default: false
        }
    }

    /// Whether this is a number.
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}
