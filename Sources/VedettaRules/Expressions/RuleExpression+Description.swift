import VedettaCore

extension RuleExpression: CustomStringConvertible {
    /// The expression in canonical PromQL notation; ``RuleExpression/parse(_:)`` reads it back to an equal value.
    ///
    /// Parentheses are written only where precedence needs them: `(a and b) > 1`, `a and (b unless c)`.
    public var description: String {
        switch self {
        case .selector(let selector):
            selector.description
        case .rate(let selector, let window):
            "rate(\(selector)[\(window.compactDescription)])"
        case .range(let function, let selector, let window):
            "\(function.rawValue)(\(selector)[\(window.compactDescription)])"
        case .absent(let selector):
            "absent(\(selector))"
        case .comparison(let inner, let comparison, let threshold):
            "\(inner.operandDescription) \(comparison.rawValue) \(Self.format(threshold))"
        case .and(let lhs, let rhs):
            "\(lhs.conjunctionOperandDescription) and \(rhs.rightOperandDescription)"
        case .unless(let lhs, let rhs):
            "\(lhs.conjunctionOperandDescription) unless \(rhs.rightOperandDescription)"
        case .or(let lhs, let rhs):
            "\(lhs) or \(rhs.orRightOperandDescription)"
        }
    }

    /// A comparison's left side: anything but a selector or rate needs parentheses.
    private var operandDescription: String {
        switch self {
        case .selector, .rate, .range, .absent: description
        case .comparison, .and, .unless, .or: "(\(description))"
        }
    }

    /// The right side of `and`/`unless`: a nested `and`/`unless` needs parentheses (left associativity), and an
    /// `or` (lower precedence).
    private var rightOperandDescription: String {
        switch self {
        case .and, .unless, .or: "(\(description))"
        case .selector, .rate, .range, .absent, .comparison: description
        }
    }

    /// The left side of `and`/`unless`: an `or` needs parentheses (lower precedence).
    private var conjunctionOperandDescription: String {
        if case .or = self { "(\(description))" } else { description }
    }

    /// The right side of `or`: a nested `or` needs parentheses (left associativity).
    private var orRightOperandDescription: String {
        if case .or = self { "(\(description))" } else { description }
    }

    /// `2`, `0.5`, `1e+20`: integers without a fraction, everything else as Swift prints a `Double`.
    static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }
}
