import VedettaCore

extension RuleExpression {
    /// Parses a rule expression written in the PromQL subset described on ``RuleExpression``.
    ///
    /// ```
    /// expr        := unary (binary_op modifiers expr)*          (by precedence, see below)
    /// binary_op   := "or" | "and" | "unless" | "==" | "!=" | ">" | ">=" | "<" | "<=" | "+" | "-" | "*" | "/"
    ///              | "%" | "^"
    /// modifiers   := "bool"? (("on" | "ignoring") labels (("group_left" | "group_right") labels?)?)?
    /// unary       := ("-" | "+")* primary
    /// primary     := number | selector | "(" expr ")" | function "(" selector "[" duration "]" ")"
    ///              | "quantile_over_time" "(" number "," selector "[" duration "]" ")"
    ///              | "absent" "(" selector ")"
    ///              | aggregation grouping? "(" expr ")" grouping?
    /// function    := "rate" | "avg_over_time" | "min_over_time" | "max_over_time" | "sum_over_time"
    ///              | "count_over_time" | "increase" | "delta" | "changes"
    /// aggregation := "sum" | "avg" | "min" | "max" | "count"
    /// grouping    := ("by" | "without") labels
    /// labels      := "(" (label_name ("," label_name)* ","?)? ")"
    /// selector    := metric_name ("{" matcher ("," matcher)* ","? "}")?
    /// matcher     := label_name ("=" | "!=" | "=~" | "!~") string
    /// number      := decimal, scientific or 0x hexadecimal, "_" between digits, "Inf" or "NaN", optionally with
    ///                a unit: a duration (10m is 600) or a size (kB, MB, GB, TB, KiB, MiB, GiB, TiB, kbit, Mbit,
    ///                Gbit, Tbit)
    /// ```
    ///
    /// Precedence, loosest first, as in PromQL: `or`; `and`, `unless`; comparisons; `+`, `-`; `*`, `/`, `%`;
    /// unary minus; `^`. Every operator associates to the left except `^`. Strings are double- or single-quoted
    /// with `\"`, `\'`, `\\`, `\n` and `\t` escapes; any other backslash is kept as written, so
    /// `ifName=~"eth\d+"` works as a regular expression.
    ///
    /// Types are checked as PromQL checks them: `and`, `or`, `unless`, `on(...)` and aggregations need series;
    /// a comparison between two numbers needs `bool`; and the whole expression must be series, since a rule
    /// alerts on series. Operations between numbers alone are computed once, here.
    ///
    /// - Parameter text: The expression as written in `expr:`.
    /// - Throws: `RuleExpressionError` with the 0-based character offset of the first problem.
    /// - Returns: The parsed expression.
    public static func parse(_ text: String) throws(RuleExpressionError) -> RuleExpression {
        var parser = RuleExpressionParser(text)
        return try parser.parseAll()
    }
}

/// A hand-written precedence-climbing parser that scans characters on demand (durations and numbers need
/// context, so there is no separate token stream). Offsets count `Character`s.
struct RuleExpressionParser {
    static let functionNames = (["rate", "absent"] + RangeFunction.names).joined(separator: ", ")
    static let primaryExpectation = "expected a metric name, a number, a function or \"(\""
    private static let comparisonOperators: [ComparisonOperator] = [
        .equal, .notEqual, .greaterOrEqual, .lessOrEqual, .greater, .less,
    ]
    private static let arithmeticOperators: [ArithmeticOperator] = ArithmeticOperator.allCases

    let characters: [Character]
    var position = 0

    init(_ text: String) {
        self.characters = Array(text)
    }

    /// Parses the whole text; anything left over is an error, and so is an expression that is a number.
    mutating func parseAll() throws(RuleExpressionError) -> RuleExpression {
        skipWhitespace()
        guard !atEnd else { throw RuleExpressionError(offset: position, message: "the expression is empty") }
        let expression = try parseExpression(above: 0, after: nil)
        skipWhitespace()
        guard atEnd else {
            throw RuleExpressionError(
                offset: position,
                message: "unexpected \(nextTokenDescription); expected an operator such as \"and\", \"or\", "
                    + "\"unless\", \"+\" or a comparison")
        }
        guard !expression.isScalar else {
            throw RuleExpressionError(
                offset: 0,
                message: "the expression is a number, not series; a rule alerts on series, e.g. \"up == 0\"")
        }
        return expression
    }

    // Binary operators

    /// Parses operands joined by operators that bind tighter than `precedence`.
    /// - Parameter keyword: The operator just read, for the message when no operand follows.
    private mutating func parseExpression(above precedence: Int, after keyword: String?) throws(RuleExpressionError)
        -> RuleExpression
    {
        var lhs = try parseUnary(after: keyword)
        while true {
            skipWhitespace()
            if peek("=") && !peek("==") && !peek("=~") {
                throw RuleExpressionError(offset: position, message: "\"=\" is not a comparison; use \"==\"")
            }
            let start = position
            guard let (operation, length) = peekBinaryOperator(), operation.precedence > precedence else {
                return lhs
            }
            position += length
            let symbol = String(characters[start..<position]).lowercased()
            var op = operation
            if case .comparison(let comparison, _) = operation, consumeKeyword("bool") {
                op = .comparison(comparison, returnsBool: true)
            }
            let matching = try parseMatching(for: op, symbol: symbol)
            let rhs = try parseExpression(
                above: op.isRightAssociative ? op.precedence - 1 : op.precedence, after: symbol)
            lhs = try Self.combine(op, lhs, rhs, matching: matching, symbol: symbol, at: start)
        }
    }

    /// The binary operator at the current position and its length, not consumed.
    private func peekBinaryOperator() -> (BinaryOperator, Int)? {
        if let word = peekIdentifier(allowColon: false), let operation = SetOperator(rawValue: word.lowercased()) {
            return (.set(operation), word.count)
        }
        if let comparison = Self.comparisonOperators.first(where: { peek($0.rawValue) }) {
            return (.comparison(comparison, returnsBool: false), comparison.rawValue.count)
        }
        if let arithmetic = Self.arithmeticOperators.first(where: { peek($0.rawValue) }) {
            return (.arithmetic(arithmetic), 1)
        }
        return nil
    }

    /// The optional `on(...)`/`ignoring(...)` and `group_left(...)`/`group_right(...)` after an operator.
    private mutating func parseMatching(for operation: BinaryOperator, symbol: String) throws(RuleExpressionError)
        -> VectorMatching
    {
        var matching = VectorMatching.default
        skipWhitespace()
        guard let word = peekIdentifier(allowColon: false)?.lowercased(), word == "on" || word == "ignoring" else {
            return matching
        }
        position += word.count
        let names = try parseLabelList(after: word)
        matching.labels = word == "on" ? .on(names) : .ignoring(names)
        skipWhitespace()
        let groupStart = position
        guard let group = peekIdentifier(allowColon: false)?.lowercased(),
            group == "group_left" || group == "group_right"
        else { return matching }
        if case .set = operation {
            throw RuleExpressionError(offset: groupStart, message: "\(group) is not allowed with \"\(symbol)\"")
        }
        position += group.count
        skipWhitespace()
        let include = peek("(") ? try parseLabelList(after: group) : []
        if case .on(let on) = matching.labels, let both = include.first(where: on.contains) {
            throw RuleExpressionError(
                offset: groupStart, message: "label \"\(both)\" must not be in both on(...) and \(group)(...)")
        }
        matching.cardinality = group == "group_left" ? .manyToOne(include: include) : .oneToMany(include: include)
        return matching
    }

    /// Builds `lhs op rhs`, checking the operand types as PromQL does, and computing it at once for two numbers.
    private static func combine(
        _ operation: BinaryOperator, _ lhs: RuleExpression, _ rhs: RuleExpression, matching: VectorMatching,
        symbol: String, at offset: Int
    ) throws(RuleExpressionError) -> RuleExpression {
        switch operation {
        case .set where lhs.isScalar || rhs.isScalar:
            throw RuleExpressionError(offset: offset, message: "\"\(symbol)\" needs series on both sides, not a number")
        case .comparison(_, returnsBool: false) where lhs.isScalar && rhs.isScalar:
            throw RuleExpressionError(
                offset: offset, message: "a comparison between two numbers needs \"bool\": \"\(symbol) bool\"")
        default:
            break
        }
        if matching != .default, lhs.isScalar || rhs.isScalar {
            throw RuleExpressionError(
                offset: offset, message: "on(...), ignoring(...) and group_left/right need series on both sides")
        }
        if case .number(let left) = lhs, case .number(let right) = rhs {
            switch operation {
            case .arithmetic(let arithmetic): return .number(arithmetic.apply(left, right))
            case .comparison(let comparison, _): return .number(comparison.holds(left, right) ? 1 : 0)
            case .set: break
            }
        }
        return .binary(operation, lhs, rhs, matching: matching)
    }

    // Operands

    private mutating func parseUnary(after keyword: String?) throws(RuleExpressionError) -> RuleExpression {
        skipWhitespace()
        let sign = current
        guard sign == "-" || sign == "+" else { return try parsePrimary(after: keyword) }
        position += 1
        // `-a ^ 2` is `-(a ^ 2)`: the operand takes every `^`, nothing looser.
        let operand = try parseExpression(
            above: RuleExpression.powerPrecedence - 1, after: keyword ?? String(sign ?? "-"))
        if sign == "+" { return operand }
        if case .number(let value) = operand { return .number(-value) }
        return .negation(operand)
    }

    private mutating func parsePrimary(after keyword: String?) throws(RuleExpressionError) -> RuleExpression {
        skipWhitespace()
        let start = position
        if peek("(") {
            position += 1
            let inner = try parseExpression(above: 0, after: nil)
            skipWhitespace()
            guard peek(")") else { throw expected("\")\" to close the \"(\" at character \(start + 1)") }
            position += 1
            return inner
        }
        if let number = try scanNumber() { return .number(number) }
        guard let name = peekIdentifier(allowColon: true), !Self.isKeyword(name) else {
            if let keyword {
                throw RuleExpressionError(offset: position, message: "\(Self.primaryExpectation) after \"\(keyword)\"")
            }
            throw expected(Self.primaryExpectation)
        }
        position += name.count
        let afterName = position
        skipWhitespace()
        // Aggregations, like PromQL's keywords, are case-insensitive; function names are not.
        if let aggregation = AggregationOperator(rawValue: name.lowercased()), peek("(") || peekGroupingKeyword() {
            return try parseAggregation(aggregation)
        }
        if peek("(") {
            position += 1
            return try parseFunctionArguments(of: name, at: start)
        }
        position = afterName
        return .selector(try parseMatchers(name: name))
    }

    /// `grouping? "(" expr ")" grouping?` after an aggregation's name.
    private mutating func parseAggregation(_ operation: AggregationOperator) throws(RuleExpressionError)
        -> RuleExpression
    {
        var grouping = try parseGrouping()
        skipWhitespace()
        guard peek("(") else { throw expected("\"(\" after \"\(operation.rawValue) \(grouping.description)\"") }
        position += 1
        skipWhitespace()
        let operandStart = position
        let operand = try parseExpression(above: 0, after: nil)
        skipWhitespace()
        guard peek(")") else { throw expected("\")\" to close \"\(operation.rawValue)(\"") }
        position += 1
        if operand.isScalar {
            throw RuleExpressionError(
                offset: operandStart, message: "\(operation.rawValue)(...) aggregates series, not a number")
        }
        if grouping == .all {
            grouping = try parseGrouping()
        } else if peekGroupingKeyword() {
            throw expected("one \"by\" or \"without\" clause, not two,")
        }
        return .aggregation(operation, operand, grouping: grouping)
    }

    private mutating func peekGroupingKeyword() -> Bool {
        skipWhitespace()
        guard let word = peekIdentifier(allowColon: false)?.lowercased() else { return false }
        return word == "by" || word == "without"
    }

    /// An optional `by (...)` or `without (...)`.
    private mutating func parseGrouping() throws(RuleExpressionError) -> AggregationGrouping {
        guard peekGroupingKeyword(), let word = peekIdentifier(allowColon: false)?.lowercased() else { return .all }
        position += word.count
        let names = try parseLabelList(after: word)
        return word == "by" ? .by(names) : .without(names)
    }

    /// `"(" label ("," label)* ","? ")"`, possibly empty.
    private mutating func parseLabelList(after keyword: String) throws(RuleExpressionError) -> [String] {
        skipWhitespace()
        guard peek("(") else { throw expected("\"(\" after \"\(keyword)\"") }
        position += 1
        var names: [String] = []
        while true {
            skipWhitespace()
            if peek(")") {
                position += 1
                return names
            }
            guard let name = peekIdentifier(allowColon: false) else {
                throw expected("a label name in \(keyword)(...)")
            }
            position += name.count
            names.append(name)
            skipWhitespace()
            if peek(",") {
                position += 1
            } else if !peek(")") {
                throw expected("\",\" or \")\" after a label name")
            }
        }
    }

    /// The arguments of a function call, after its name and `(`.
    private mutating func parseFunctionArguments(of name: String, at start: Int) throws(RuleExpressionError)
        -> RuleExpression
    {
        switch name {
        case "rate":
            let (selector, window) = try parseRangeArguments(of: "rate")
            return .rate(selector, window: window)
        case "absent":
            return try parseAbsentArguments()
        case "quantile_over_time":
            skipWhitespace()
            let phiStart = position
            guard let phi = try scanNumber() else { throw expected("a quantile such as 0.95 after \"\(name)(\"") }
            guard (0...1).contains(phi) else {
                throw RuleExpressionError(offset: phiStart, message: "the quantile must be between 0 and 1")
            }
            skipWhitespace()
            guard peek(",") else { throw expected("\",\" after the quantile") }
            position += 1
            let (selector, window) = try parseRangeArguments(of: name)
            return .range(.quantileOverTime(phi), selector, window: window)
        default:
            if let function = RangeFunction(name: name) {
                let (selector, window) = try parseRangeArguments(of: name)
                return .range(function, selector, window: window)
            }
            position = start
            throw RuleExpressionError(
                offset: start, message: "unknown function \"\(name)\"; known: \(Self.functionNames)")
        }
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

    /// Whether `word` is an operator or modifier rather than a name.
    static func isKeyword(_ word: String) -> Bool {
        ["and", "unless", "or", "bool", "on", "ignoring", "group_left", "group_right", "by", "without"]
            .contains(word.lowercased())
    }
}
