import VedettaCore

extension RuleExpression: CustomStringConvertible {
    /// The expression in canonical PromQL notation; ``RuleExpression/parse(_:)`` reads it back to an equal value.
    ///
    /// Parentheses are written only where precedence needs them: `(a and b) > 1`, `a and (b unless c)`,
    /// `(a + b) * 2`.
    public var description: String {
        switch self {
        case .number(let value):
            Self.format(value)
        case .selector(let selector):
            selector.description
        case .rate(let selector, let window):
            "rate(\(selector)[\(window.compactDescription)])"
        case .range(.quantileOverTime(let phi), let selector, let window):
            "quantile_over_time(\(Self.format(phi)), \(selector)[\(window.compactDescription)])"
        case .range(let function, let selector, let window):
            "\(function.name)(\(selector)[\(window.compactDescription)])"
        case .absent(let selector):
            "absent(\(selector))"
        case .negation(let operand):
            "-" + operand.parenthesized(if: operand.precedence < Self.powerPrecedence)
        case .aggregation(let operation, let operand, .all):
            "\(operation.rawValue)(\(operand))"
        case .aggregation(let operation, let operand, let grouping):
            "\(operation.rawValue) \(grouping.description)(\(operand))"
        case .binary(let operation, let lhs, let rhs, let matching):
            binaryDescription(operation, lhs, rhs, matching)
        }
    }

    private func binaryDescription(
        _ operation: BinaryOperator, _ lhs: RuleExpression, _ rhs: RuleExpression, _ matching: VectorMatching
    ) -> String {
        let own = operation.precedence
        let leftNeedsParentheses = operation.isRightAssociative ? lhs.precedence <= own : lhs.precedence < own
        let rightNeedsParentheses = operation.isRightAssociative ? rhs.precedence < own : rhs.precedence <= own
        return lhs.parenthesized(if: leftNeedsParentheses) + " " + operation.symbol + matching.description + " "
            + rhs.parenthesized(if: rightNeedsParentheses)
    }

    /// The precedence of unary minus: between `*` and `^`, so `-a ^ 2` is `-(a ^ 2)`.
    static let unaryPrecedence = 6
    /// The precedence of `^`.
    static let powerPrecedence = 7

    /// How tightly the expression holds together when printed: its operator's precedence, or more than any
    /// operator for a selector, a function call or a positive number.
    private var precedence: Int {
        switch self {
        case .binary(let operation, _, _, _): operation.precedence
        case .negation: Self.unaryPrecedence
        case .number(let value) where value.sign == .minus && !value.isNaN: Self.unaryPrecedence
        case .number, .selector, .rate, .range, .absent, .aggregation: 8
        }
    }

    private func parenthesized(if needed: Bool) -> String { needed ? "(\(description))" : description }

    /// `2`, `0.5`, `1e+20`, `Inf`, `NaN`: integers without a fraction, everything else as Swift prints a `Double`.
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Inf" : "Inf" }
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
