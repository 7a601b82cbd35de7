import Foundation

/// The operator of a binary expression, grouped as PromQL groups them: arithmetic, comparison and set operators.
public enum BinaryOperator: Sendable, Hashable {
    /// `+`, `-`, `*`, `/`, `%`, `^`: a new value from both sides.
    case arithmetic(ArithmeticOperator)
    /// `==`, `!=`, `>`, `>=`, `<`, `<=`: a filter, or with `bool` a 0/1 value.
    case comparison(ComparisonOperator, returnsBool: Bool)
    /// `and`, `or`, `unless`: set operations on series, by labels.
    case set(SetOperator)

    /// The operator as written: `+`, `>`, `> bool`, `and`.
    public var symbol: String {
        switch self {
        case .arithmetic(let operation): operation.rawValue
        case .comparison(let comparison, let returnsBool):
            returnsBool ? comparison.rawValue + " bool" : comparison.rawValue
        case .set(let operation): operation.rawValue
        }
    }

    /// How tightly the operator binds, PromQL's order from loosest to tightest: `or`; `and` and `unless`;
    /// comparisons; `+` and `-`; `*`, `/` and `%`; `^`.
    var precedence: Int {
        switch self {
        case .set(.or): 1
        case .set: 2
        case .comparison: 3
        case .arithmetic(.add), .arithmetic(.subtract): 4
        case .arithmetic(.multiply), .arithmetic(.divide), .arithmetic(.modulo): 5
        case .arithmetic(.power): 7
        }
    }

    /// `^` associates to the right (`2 ^ 3 ^ 2` is `2 ^ 9`); every other operator to the left.
    var isRightAssociative: Bool { self == .arithmetic(.power) }
}

/// An arithmetic operator.
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case power = "^"

    /// Applies the operator with IEEE 754 semantics, as Prometheus does: `x / 0` is `±Inf` (or `NaN` for `0 / 0`).
    public func apply(_ lhs: Double, _ rhs: Double) -> Double {
        switch self {
        case .add: lhs + rhs
        case .subtract: lhs - rhs
        case .multiply: lhs * rhs
        case .divide: lhs / rhs
        case .modulo: fmod(lhs, rhs)
        case .power: pow(lhs, rhs)
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

/// A set operator on series, matched by labels.
public enum SetOperator: String, Sendable, Hashable, CaseIterable {
    /// The left side's series that have a match on the right.
    case and
    /// Every series of the left side, and those of the right side without a match on the left.
    case or
    /// The left side's series that have no match on the right.
    case unless
}
