/// A rule expression could not be parsed.
public struct RuleExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based character offset into the expression text where the problem is.
    public var offset: Int
    /// What is wrong, e.g. `expected a number after "=="`.
    public var message: String

    /// Creates an error.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `message (at character N)`.
    public var description: String { "\(message) (at character \(offset + 1))" }
}
