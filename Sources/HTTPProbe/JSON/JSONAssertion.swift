import Foundation

/// A condition on a JSON response (`json_assert`): a path, an operator and a literal, `$.status == "ok"`,
/// `$.queue.waiting < 20`, `$.version =~ "^2\\."`; or a path alone, which holds when the value exists and is not
/// `null` or `false`.
public struct JSONAssertion: Sendable, Hashable, CustomStringConvertible {
    /// The comparison.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
        case matches = "=~"
    }

    /// The value compared.
    public var path: JSONPath
    /// The comparison, `nil` for "exists and is not null or false".
    private var operation: Operator?
    private var literal: JSONValue
    /// The regular expression of `=~`, compiled once when the assertion is parsed.
    private var pattern: CompiledPattern?
    /// The assertion as written.
    public var description: String

    public static func == (lhs: JSONAssertion, rhs: JSONAssertion) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Parses an assertion.
    /// - Throws: `JSONPath.ParseError` naming the offset of the problem.
    public init(parsing text: String) throws(JSONPath.ParseError) {
        var scanner = JSONPathScanner(Array(text))
        scanner.skipSpaces()
        let pathStart = scanner.position
        try scanner.expect("$", "an assertion starts with a JSON path, e.g. $.status == \"ok\"")
        while let character = scanner.current, character != " ", character != "\t", !"=!<>".contains(character) {
            _ = try scanner.step()
        }
        let pathText = String(scanner.characters[pathStart..<scanner.position])
        self.path = try JSONPath(parsing: pathText)
        self.description = text
        self.literal = .null
        scanner.skipSpaces()
        guard !scanner.atEnd else { return }
        let operatorStart = scanner.position
        let rest = String(scanner.characters[scanner.position...])
        guard let operation = Operator.allCases.first(where: { rest.hasPrefix($0.rawValue) }) else {
            throw JSONPath.ParseError(
                offset: operatorStart, message: "expected ==, !=, <, <=, >, >= or =~ after the path")
        }
        self.operation = operation
        scanner.position += operation.rawValue.count
        scanner.skipSpaces()
        let literalStart = scanner.position
        let literalText = String(scanner.characters[scanner.position...]).trimmingCharacters(in: .whitespaces)
        guard let literal = Self.literal(literalText) else {
            throw JSONPath.ParseError(
                offset: literalStart, message: "expected a number, a \"quoted string\", true, false or null")
        }
        self.literal = literal
        switch (operation, literal) {
        case (.matches, .string(let regex)):
            guard let compiled = try? NSRegularExpression(pattern: regex) else {
                throw JSONPath.ParseError(offset: literalStart, message: "invalid regular expression \(literalText)")
            }
            self.pattern = CompiledPattern(regex: compiled)
        case (.matches, _):
            throw JSONPath.ParseError(offset: literalStart, message: "=~ needs a \"quoted\" regular expression")
        case (.less, .number), (.lessOrEqual, .number), (.greater, .number), (.greaterOrEqual, .number):
            break
        case (.less, _), (.lessOrEqual, _), (.greater, _), (.greaterOrEqual, _):
            throw JSONPath.ParseError(offset: literalStart, message: "\(operation.rawValue) compares with a number")
        default:
            break
        }
    }

    /// Whether the assertion holds in `document`, and the value it saw (`nil` when the path names nothing).
    public func check(_ document: JSONValue) -> (holds: Bool, actual: JSONValue?) {
        let actual = path.value(in: document)
        guard let operation else {
            switch actual {
            case nil, .null?, .bool(false)?: return (false, actual)
            default: return (true, actual)
            }
        }
        guard let actual else { return (false, nil) }
        switch (operation, actual, literal) {
        case (.equal, _, _): return (actual == literal, actual)
        case (.notEqual, _, _): return (actual != literal, actual)
        case (.less, .number(let value), .number(let bound)): return (value < bound, actual)
        case (.lessOrEqual, .number(let value), .number(let bound)): return (value <= bound, actual)
        case (.greater, .number(let value), .number(let bound)): return (value > bound, actual)
        case (.greaterOrEqual, .number(let value), .number(let bound)): return (value >= bound, actual)
        case (.matches, .string(let text), _):
            guard let pattern else { return (false, actual) }
            let range = NSRange(text.startIndex..., in: text)
            return (pattern.regex.firstMatch(in: text, range: range) != nil, actual)
        default:
            return (false, actual)
        }
    }

    private static func literal(_ text: String) -> JSONValue? {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        if let number = Double(text), number.isFinite { return .number(number) }
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return nil }
        return JSONValue.parse(Array(text.utf8)).flatMap { if case .string = $0 { $0 } else { nil } }
    }
}

/// A compiled regular expression: `NSRegularExpression` is immutable once made, so it is shared across threads.
private final class CompiledPattern: @unchecked Sendable {
    let regex: NSRegularExpression

    init(regex: NSRegularExpression) {
        self.regex = regex
    }
}
