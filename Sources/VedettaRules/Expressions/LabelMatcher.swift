import Foundation
import VedettaCore

/// One label condition in a selector: `name="v"`, `name!="v"`, `name=~"re"` or `name!~"re"`.
///
/// As in PromQL, a missing label has the value `""`, and regular expressions match the whole value.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    /// The comparison.
    public enum Operation: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case notMatchesRegex = "!~"
    }

    /// The label name.
    public var name: String
    /// The comparison.
    public var operation: Operation
    /// The value or pattern.
    public var value: String
    private let pattern: AnchoredPattern?

    /// Creates a matcher.
    /// - Throws: `RuleExpressionError` when a regular expression does not compile.
    public init(name: String, operation: Operation, value: String) throws(RuleExpressionError) {
        self.name = name
        self.operation = operation
        self.value = value
        switch operation {
        case .equal, .notEqual:
            self.pattern = nil
        case .matchesRegex, .notMatchesRegex:
            do {
                self.pattern = AnchoredPattern(try NSRegularExpression(pattern: "^(?:\(value))$"), source: value)
            } catch {
                throw RuleExpressionError(offset: 0, message: "invalid regular expression \"\(value)\"")
            }
        }
    }

    /// Parses a list of matchers in the rule language's syntax, as a maintenance window's scope or a route's match
    /// is written: `site="milano", role=~"switch|router"`, optionally in braces. An empty list is valid here; the
    /// caller decides whether it may be empty.
    ///
    /// - Parameter text: The matchers.
    /// - Returns: The matchers, in the order written.
    /// - Throws: `RuleExpressionError` with the 0-based offset of the first problem.
    public static func parseList(_ text: String) throws(RuleExpressionError) -> [LabelMatcher] {
        var parser = RuleExpressionParser(text)
        return try parser.parseMatcherList()
    }

    /// Whether `labelValue` satisfies the matcher.
    public func matches(_ labelValue: String) -> Bool {
        switch operation {
        case .equal: labelValue == value
        case .notEqual: labelValue != value
        case .matchesRegex: pattern?.matches(labelValue) ?? false
        case .notMatchesRegex: !(pattern?.matches(labelValue) ?? false)
        }
    }

    /// `name="value"`, with `\\`, `"` and newlines in the value escaped so the parser reads it back.
    public var description: String { "\(name)\(operation.rawValue)\"\(PrometheusEscaping.labelValue(value))\"" }

    /// Matchers are equal when name, operation and value are.
    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.operation == rhs.operation && lhs.value == rhs.value
    }

    /// Hashes name, operation and value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(operation)
        hasher.combine(value)
    }
}

/// A compiled, immutable regular expression; NSRegularExpression is safe to share once built.
///
/// A pattern that is only literal alternatives (`pbx|ivr`, `switch|router|firewall`), the usual shape in rules,
/// routes and maintenance scopes, is matched by set membership instead, as Prometheus does: the same answer, without
/// running the regular expression engine.
private final class AnchoredPattern: @unchecked Sendable {
    let regex: NSRegularExpression
    private let literals: Set<String>?

    init(_ regex: NSRegularExpression, source: String) {
        self.regex = regex
        self.literals = Self.literalAlternatives(source)
    }

    func matches(_ text: String) -> Bool {
        if let literals { return literals.contains(text) }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The alternatives of `pattern` when each is plain text (no regular-expression syntax), else `nil`.
    private static func literalAlternatives(_ pattern: String) -> Set<String>? {
        let special: Set<Character> = ["\\", "^", "$", ".", "?", "*", "+", "(", ")", "[", "]", "{", "}"]
        guard !pattern.contains(where: { special.contains($0) }) else { return nil }
        return Set(pattern.split(separator: "|", omittingEmptySubsequences: false).map(String.init))
    }
}
