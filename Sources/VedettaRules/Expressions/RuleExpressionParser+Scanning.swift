import Foundation
import VedettaCore

extension RuleExpressionParser {
    private static let matcherOperations: [LabelMatcher.Operation] = [
        .matchesRegex, .notMatchesRegex, .notEqual, .equal,
    ]

    /// Size units a number may end in, with their factors: decimal and binary bytes, and bits.
    static let sizeUnits: [String: Double] = [
        "kB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
        "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824, "TiB": 1_099_511_627_776,
        "kbit": 1e3, "Mbit": 1e6, "Gbit": 1e9, "Tbit": 1e12,
    ]

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

    /// The optional `{...}` after a metric name.
    mutating func parseMatchers(name: String) throws(RuleExpressionError) -> SeriesSelector {
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

    var atEnd: Bool { position >= characters.count }

    var current: Character? { atEnd ? nil : characters[position] }

    func character(at index: Int) -> Character? {
        index < characters.count ? characters[index] : nil
    }

    mutating func skipWhitespace() {
        while let character = current, character.isWhitespace { position += 1 }
    }

    func peek(_ text: String) -> Bool {
        var index = position
        for expected in text {
            guard character(at: index) == expected else { return false }
            index += 1
        }
        return true
    }

    /// Consumes `word` (any case) if it comes next as a whole identifier.
    mutating func consumeKeyword(_ word: String) -> Bool {
        skipWhitespace()
        guard peekIdentifier(allowColon: false)?.lowercased() == word else { return false }
        position += word.count
        return true
    }

    /// The identifier at the current position, not consumed: `[A-Za-z_:][A-Za-z0-9_:]*` (colons only if allowed).
    func peekIdentifier(allowColon: Bool) -> String? {
        func isStart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c == "_" || (allowColon && c == ":")) }
        guard let first = current, isStart(first) else { return nil }
        var index = position + 1
        while let c = character(at: index), isStart(c) || (c.isASCII && c.isNumber) { index += 1 }
        return String(characters[position..<index])
    }

    /// A number, `nil` (nothing consumed) if there is none: decimal or scientific (`1.5`, `.5`, `2e-3`), hexadecimal
    /// (`0x1F`), with `_` between digits (`1_000_000`), `Inf` or `NaN`, and an optional unit: a duration in seconds
    /// (`10m` is 600, `1h30m` is 5400) or a size (`1GiB`, `100Mbit`).
    mutating func scanNumber() throws(RuleExpressionError) -> Double? {
        if let word = peekIdentifier(allowColon: false), ["inf", "nan"].contains(word.lowercased()) {
            position += word.count
            return word.lowercased() == "inf" ? .infinity : .nan
        }
        let start = position
        var index = position
        func isDigit(_ c: Character?, hex: Bool = false) -> Bool {
            guard let c, c.isASCII else { return false }
            return hex ? c.isHexDigit : c.isNumber
        }
        func digits(hex: Bool = false) -> String {
            var text = ""
            while let c = character(at: index) {
                if isDigit(c, hex: hex) {
                    text.append(c)
                } else if c == "_", !text.isEmpty, isDigit(character(at: index + 1), hex: hex) {
                    // a separator between digits
                } else {
                    break
                }
                index += 1
            }
            return text
        }
        var literal: Double
        if character(at: index) == "0", let x = character(at: index + 1), x == "x" || x == "X" {
            index += 2
            let hexDigits = digits(hex: true)
            guard let value = UInt64(hexDigits, radix: 16) else {
                throw RuleExpressionError(offset: start, message: "invalid hexadecimal number")
            }
            literal = Double(value)
        } else {
            var mantissa = digits()
            if character(at: index) == ".", isDigit(character(at: index + 1)) || !mantissa.isEmpty {
                index += 1
                mantissa += "." + digits()
            }
            guard mantissa.contains(where: \.isNumber) else { return nil }
            var text = mantissa
            if let e = character(at: index), e == "e" || e == "E" {
                let exponentStart = index
                index += 1
                var exponent = "e"
                if let sign = character(at: index), sign == "+" || sign == "-" {
                    exponent.append(sign)
                    index += 1
                }
                let exponentDigits = digits()
                if exponentDigits.isEmpty { index = exponentStart } else { text += exponent + exponentDigits }
            }
            guard let value = Double(text) else {
                throw RuleExpressionError(offset: start, message: "invalid number \"\(text)\"")
            }
            literal = value
        }
        var end = index
        while let c = character(at: end), c.isLetter || c.isNumber || c == "_" || c == "." { end += 1 }
        position = end
        guard end > index else { return literal }
        let unit = String(characters[index..<end])
        if let factor = Self.sizeUnits[unit] { return literal * factor }
        // A duration: the number and its unit read together, so `1h30m` is one literal.
        let durationText = String(characters[start..<end]).replacingOccurrences(of: "_", with: "")
        if let duration = Duration.parse(durationText) { return duration.seconds }
        position = start
        throw RuleExpressionError(
            offset: start,
            message: "invalid number \"\(String(characters[start..<end]))\"; a number may end in a duration unit "
                + "(ms, s, m, h, d, w, y) or a size unit (kB, MB, GB, TB, KiB, MiB, GiB, TiB, kbit, Mbit, Gbit, Tbit)")
    }

    /// A double- or single-quoted string; `nil` (nothing consumed) if the next character is not a quote.
    mutating func scanString() throws(RuleExpressionError) -> String? {
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

    /// How the next token reads in a message: `"foo"`, `"=="`, `a string` or `the end of the expression`.
    var nextTokenDescription: String {
        guard let first = current else { return "the end of the expression" }
        if let word = peekIdentifier(allowColon: true) { return "\"\(word)\"" }
        if first == "\"" || first == "'" { return "a string" }
        for symbol in ["==", "!=", ">=", "<=", "=~", "!~"] where peek(symbol) { return "\"\(symbol)\"" }
        return "\"\(first)\""
    }

    func expected(_ what: String) -> RuleExpressionError {
        let message = what.hasPrefix("expected ") ? what : "expected " + what
        return RuleExpressionError(offset: position, message: "\(message) but found \(nextTokenDescription)")
    }
}
