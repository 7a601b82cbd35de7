import VedettaCore

extension RuleExpression {
    /// Parses a rule expression written in the PromQL subset described on ``RuleExpression``.
    ///
    /// ```
    /// expr     := conj ("or" conj)*
    /// conj     := term (("and" | "unless") term)*
    /// term     := primary (("==" | "!=" | ">" | ">=" | "<" | "<=") number)?
    /// primary  := selector | function "(" selector "[" duration "]" ")" | "absent" "(" selector ")" | "(" expr ")"
    /// function := "rate" | "avg_over_time" | "min_over_time" | "max_over_time" | "sum_over_time"
    ///           | "count_over_time" | "increase" | "delta" | "changes"
    /// selector := metric_name ("{" matcher ("," matcher)* ","? "}")?
    /// matcher  := label_name ("=" | "!=" | "=~" | "!~") string
    /// ```
    ///
    /// `and` and `unless` have the same precedence and associate to the left. Strings are double- or
    /// single-quoted with `\"`, `\'`, `\\`, `\n` and `\t` escapes; any other backslash is kept as written, so
    /// `ifName=~"eth\d+"` works as a regular expression.
    ///
    /// - Parameter text: The expression as written in `expr:`.
    /// - Throws: `RuleExpressionError` with the 0-based character offset of the first problem.
    /// - Returns: The parsed expression.
    public static func parse(_ text: String) throws(RuleExpressionError) -> RuleExpression {
        var parser = RuleExpressionParser(text)
        return try parser.parseAll()
    }
}

/// A hand-written recursive-descent parser that scans characters on demand (durations and numbers need
/// context, so there is no separate token stream). Offsets count `Character`s.
struct RuleExpressionParser {
    private static let comparisonOperators: [ComparisonOperator] = [
        .equal, .notEqual, .greaterOrEqual, .lessOrEqual, .greater, .less,
    ]
    private static let matcherOperations: [LabelMatcher.Operation] = [
        .matchesRegex, .notMatchesRegex, .notEqual, .equal,
    ]
    private static let functionNames = (["rate", "absent"] + RangeFunction.allCases.map(\.rawValue))
        .joined(separator: ", ")
    private static let primaryExpectation = "expected a metric name, \"rate(\", \"absent(\" or \"(\""

    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        self.characters = Array(text)
    }

    /// Parses the whole text; anything left over is an error.
    mutating func parseAll() throws(RuleExpressionError) -> RuleExpression {
        skipWhitespace()
        guard !atEnd else { throw RuleExpressionError(offset: position, message: "the expression is empty") }
        let expression = try parseExpression()
        skipWhitespace()
        guard atEnd else { throw unexpectedAfterExpression(expression) }
        return expression
    }

    /// Parses the whole text as a list of label matchers, `name="v", other=~"re"`, optionally in braces.
    mutating func parseMatcherList() throws(RuleExpressionError) -> [LabelMatcher] {
        skipWhitespace()
        let braced = peek("{")
        if braced { position += 1 }
        var matchers: [LabelMatcher] = []
        while true {
            skipWhitespace()
            if braced, peek("}") {
                position += 1
                break
            }
            if !braced, atEnd { break }
            matchers.append(try parseMatcher())
            skipWhitespace()
            if peek(",") {
                position += 1
            } else if braced, !peek("}") {
                throw expected("\",\" or \"}\" after a label matcher")
            } else if !braced, !atEnd {
                throw expected("\",\" between label matchers")
            }
        }
        skipWhitespace()
        guard atEnd else { throw expected("the end after the label matchers") }
        return matchers
    }

    // Grammar

    /// `or` binds loosest, as in PromQL: `a and b or c` is `(a and b) or c`.
    private mutating func parseExpression() throws(RuleExpressionError) -> RuleExpression {
        var lhs = try parseConjunction(after: nil)
        while true {
            skipWhitespace()
            let start = position
            guard let word = peekIdentifier(allowColon: false)?.lowercased(), word == "or" else { return lhs }
            position = start + word.count
            lhs = .or(lhs, try parseConjunction(after: word))
        }
    }

    private mutating func parseConjunction(after keyword: String?) throws(RuleExpressionError) -> RuleExpression {
        var lhs = try parseTerm(after: keyword)
        while true {
            skipWhitespace()
            let start = position
            guard let word = peekIdentifier(allowColon: false)?.lowercased(), word == "and" || word == "unless"
            else { return lhs }
            position = start + word.count
            let rhs = try parseTerm(after: word)
            lhs = word == "and" ? .and(lhs, rhs) : .unless(lhs, rhs)
        }
    }

    private mutating func parseTerm(after keyword: String?) throws(RuleExpressionError) -> RuleExpression {
        let primary = try parsePrimary(after: keyword)
        skipWhitespace()
        if peek("=") && !peek("==") && !peek("=~") {
            throw RuleExpressionError(offset: position, message: "\"=\" is not a comparison; use \"==\"")
        }
        guard let comparison = Self.comparisonOperators.first(where: { peek($0.rawValue) }) else { return primary }
        position += comparison.rawValue.count
        skipWhitespace()
        guard let threshold = try scanNumber() else {
            throw RuleExpressionError(offset: position, message: "expected a number after \"\(comparison.rawValue)\"")
        }
        return .comparison(primary, comparison, threshold)
    }

    private mutating func parsePrimary(after keyword: String?) throws(RuleExpressionError) -> RuleExpression {
        skipWhitespace()
        let start = position
        if peek("(") {
            position += 1
            let inner = try parseExpression()
            skipWhitespace()
            guard peek(")") else { throw expected("\")\" to close the \"(\" at character \(start + 1)") }
            position += 1
            return inner
        }
        guard let name = peekIdentifier(allowColon: true), !Self.isKeyword(name) else {
            if let keyword {
                throw RuleExpressionError(offset: position, message: "\(Self.primaryExpectation) after \"\(keyword)\"")
            }
            throw expected(Self.primaryExpectation)
        }
        position += name.count
        let afterName = position
        skipWhitespace()
        if peek("(") {
            position += 1
            switch name {
            case "rate": return try parseRateArguments()
            case "absent": return try parseAbsentArguments()
            default:
                if let function = RangeFunction(rawValue: name) {
                    let (selector, window) = try parseRangeArguments(of: name)
                    return .range(function, selector, window: window)
                }
                position = start
                throw RuleExpressionError(
                    offset: start, message: "unknown function \"\(name)\"; known: \(Self.functionNames)")
            }
        }
        position = afterName
        return .selector(try parseMatchers(name: name))
    }

    /// `selector ")"` after `absent(`.
    private mutating func parseAbsentArguments() throws(RuleExpressionError) -> RuleExpression {
        skipWhitespace()
        guard let name = peekIdentifier(allowColon: true), !Self.isKeyword(name) else {
            throw expected("a metric name after \"absent(\"")
        }
        let nameStart = position
        position += name.count
        let selector = try parseMatchers(name: name)
        skipWhitespace()
        if peek("(") {
            throw RuleExpressionError(
                offset: nameStart,
                message: "absent() takes a selector such as absent(upsBatteryRuntime), not \"\(name)(...)\"")
        }
        guard peek(")") else { throw expected("\")\" to close \"absent(\"") }
        position += 1
        return .absent(selector)
    }

    /// `selector "[" duration "]" ")"` after `rate(`.
    private mutating func parseRateArguments() throws(RuleExpressionError) -> RuleExpression {
        let (selector, window) = try parseRangeArguments(of: "rate")
        return .rate(selector, window: window)
    }

    /// `selector "[" duration "]" ")"` after the name of a function over a range and its `(`.
    private mutating func parseRangeArguments(of function: String) throws(RuleExpressionError)
        -> (SeriesSelector, Duration)
    {
        skipWhitespace()
        guard let name = peekIdentifier(allowColon: true), !Self.isKeyword(name) else {
            throw expected("a metric name after \"\(function)(\"")
        }
        position += name.count
        let selector = try parseMatchers(name: name)
        skipWhitespace()
        guard peek("[") else { throw expected("a range such as \"[5m]\" after \"\(selector)\"") }
        position += 1
        skipWhitespace()
        let durationStart = position
        while let character = current, character.isLetter || character.isNumber || character == "." {
            position += 1
        }
        let durationText = String(characters[durationStart..<position])
        guard !durationText.isEmpty else { throw expected("a duration such as \"5m\" after \"[\"") }
        guard let window = Duration.parse(durationText) else {
            throw RuleExpressionError(
                offset: durationStart,
                message: "invalid duration \"\(durationText)\"; use a number with a unit such as 30s, 5m or 1h"
            )
        }
        guard window > .zero else {
            throw RuleExpressionError(
                offset: durationStart, message: "the range of \(function)() must be greater than 0")
        }
        skipWhitespace()
        guard peek("]") else { throw RuleExpressionError(offset: position, message: "expected \"]\" after range") }
        position += 1
        skipWhitespace()
        guard peek(")") else { throw expected("\")\" to close \"\(function)(\"") }
        position += 1
        return (selector, window)
    }

    /// The optional `{...}` after a metric name.
    private mutating func parseMatchers(name: String) throws(RuleExpressionError) -> SeriesSelector {
        skipWhitespace()
        guard peek("{") else { return SeriesSelector(name: name) }
        position += 1
        var matchers: [LabelMatcher] = []
        while true {
            skipWhitespace()
            if peek("}") {
                position += 1
                return SeriesSelector(name: name, matchers: matchers)
            }
            matchers.append(try parseMatcher())
            skipWhitespace()
            if peek(",") {
                position += 1
            } else if !peek("}") {
                throw expected("\",\" or \"}\" after a label matcher")
            }
        }
    }

    private mutating func parseMatcher() throws(RuleExpressionError) -> LabelMatcher {
        guard let label = peekIdentifier(allowColon: false) else { throw expected("a label name") }
        position += label.count
        skipWhitespace()
        guard let operation = Self.matcherOperations.first(where: { peek($0.rawValue) }) else {
            throw expected("\"=\", \"!=\", \"=~\" or \"!~\" after label \"\(label)\"")
        }
        position += operation.rawValue.count
        skipWhitespace()
        let valueStart = position
        guard let value = try scanString() else {
            throw expected("a quoted string after \"\(label)\(operation.rawValue)\"")
        }
        do {
            return try LabelMatcher(name: label, operation: operation, value: value)
        } catch {
            throw RuleExpressionError(offset: valueStart, message: error.message)
        }
    }

    // Scanning

    private var atEnd: Bool { position >= characters.count }

    private var current: Character? { atEnd ? nil : characters[position] }

    private func character(at index: Int) -> Character? {
        index < characters.count ? characters[index] : nil
    }

    private mutating func skipWhitespace() {
        while let character = current, character.isWhitespace { position += 1 }
    }

    private func peek(_ text: String) -> Bool {
        var index = position
        for expected in text {
            guard character(at: index) == expected else { return false }
            index += 1
        }
        return true
    }

    /// The identifier at the current position, not consumed: `[A-Za-z_:][A-Za-z0-9_:]*` (colons only if allowed).
    private func peekIdentifier(allowColon: Bool) -> String? {
        func isStart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c == "_" || (allowColon && c == ":")) }
        guard let first = current, isStart(first) else { return nil }
        var index = position + 1
        while let c = character(at: index), isStart(c) || (c.isASCII && c.isNumber) { index += 1 }
        return String(characters[position..<index])
    }

    /// A decimal or scientific number with an optional leading `-`; `nil` (nothing consumed) if there is none.
    private mutating func scanNumber() throws(RuleExpressionError) -> Double? {
        let start = position
        var index = position
        func digits() -> Int {
            let from = index
            while let c = character(at: index), c.isASCII, c.isNumber { index += 1 }
            return index - from
        }
        if character(at: index) == "-" { index += 1 }
        var mantissaDigits = digits()
        if character(at: index) == "." {
            index += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return nil }
        if let e = character(at: index), e == "e" || e == "E" {
            let exponentStart = index
            index += 1
            if let sign = character(at: index), sign == "+" || sign == "-" { index += 1 }
            if digits() == 0 { index = exponentStart }
        }
        var end = index
        while let c = character(at: end), c.isLetter || c.isNumber || c == "_" || c == "." { end += 1 }
        let text = String(characters[start..<end])
        guard end == index, let value = Double(text) else {
            throw RuleExpressionError(offset: start, message: "invalid number \"\(text)\"")
        }
        position = index
        return value
    }

    /// A double- or single-quoted string; `nil` (nothing consumed) if the next character is not a quote.
    private mutating func scanString() throws(RuleExpressionError) -> String? {
        guard let quote = current, quote == "\"" || quote == "'" else { return nil }
        let start = position
        var index = position + 1
        var value = ""
        while let c = character(at: index) {
            index += 1
            if c == quote {
                position = index
                return value
            }
            guard c == "\\", let escaped = character(at: index) else {
                value.append(c)
                continue
            }
            index += 1
            switch escaped {
            case "\"", "'", "\\": value.append(escaped)
            case "n": value.append("\n")
            case "t": value.append("\t")
            default: value += "\\" + String(escaped)
            }
        }
        throw RuleExpressionError(offset: start, message: "unterminated string")
    }

    // Errors

    private static func isKeyword(_ word: String) -> Bool {
        let lowered = word.lowercased()
        return lowered == "and" || lowered == "unless" || lowered == "or"
    }

    /// How the next token reads in a message: `"foo"`, `"=="`, `a string` or `the end of the expression`.
    private var nextTokenDescription: String {
        guard let first = current else { return "the end of the expression" }
        if let word = peekIdentifier(allowColon: true) { return "\"\(word)\"" }
        if first == "\"" || first == "'" { return "a string" }
        for symbol in ["==", "!=", ">=", "<=", "=~", "!~"] where peek(symbol) { return "\"\(symbol)\"" }
        return "\"\(first)\""
    }

    private func expected(_ what: String) -> RuleExpressionError {
        let message = what.hasPrefix("expected ") ? what : "expected " + what
        return RuleExpressionError(offset: position, message: "\(message) but found \(nextTokenDescription)")
    }

    private func unexpectedAfterExpression(_ expression: RuleExpression) -> RuleExpressionError {
        var lastTermIsComparison: Bool {
            switch expression {
            case .comparison: true
            case .and(_, let rhs), .unless(_, let rhs), .or(_, let rhs):
                if case .comparison = rhs { true } else { false }
            default: false
            }
        }
        let allowed =
            lastTermIsComparison ? "\"and\", \"or\" or \"unless\"" : "\"and\", \"or\", \"unless\" or a comparison"
        return RuleExpressionError(offset: position, message: "unexpected \(nextTokenDescription); expected \(allowed)")
    }
}
