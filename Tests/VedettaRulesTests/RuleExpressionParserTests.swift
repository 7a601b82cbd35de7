import Testing
import VedettaCore

@testable import VedettaRules

@Suite("RuleExpression.parse")
struct RuleExpressionParserTests {
    private func selector(_ name: String, _ matchers: [(String, LabelMatcher.Operation, String)] = []) throws
        -> SeriesSelector
    {
        SeriesSelector(
            name: name, matchers: try matchers.map { try LabelMatcher(name: $0.0, operation: $0.1, value: $0.2) })
    }

    @Test("a bare metric name is a selector")
    func bareSelector() throws {
        #expect(try RuleExpression.parse("up") == .selector(try selector("up")))
        #expect(try RuleExpression.parse("  node:load_1m  ") == .selector(try selector("node:load_1m")))
    }

    @Test("matchers take all four operations, both quote styles and a trailing comma")
    func matchers() throws {
        let parsed = try RuleExpression.parse(#"up{probe="snmp", device!='sw1', ifName=~"eth.*",x!~"lo",}"#)
        let expected = try selector(
            "up",
            [
                ("probe", .equal, "snmp"), ("device", .notEqual, "sw1"), ("ifName", .matchesRegex, "eth.*"),
                ("x", .notMatchesRegex, "lo"),
            ]
        )
        #expect(parsed == .selector(expected))
        #expect(try RuleExpression.parse("up{}") == .selector(try selector("up")))
    }

    @Test("string escapes: quotes and backslashes; other backslashes stay for regexes")
    func escapes() throws {
        let parsed = try RuleExpression.parse(#"m{a="say \"hi\"", b='it\'s', c="back\\slash", d=~"eth\d+"}"#)
        let expected = try selector(
            "m",
            [
                ("a", .equal, #"say "hi""#), ("b", .equal, "it's"), ("c", .equal, #"back\slash"#),
                ("d", .matchesRegex, #"eth\d+"#),
            ]
        )
        #expect(parsed == .selector(expected))
    }

    @Test(
        "comparisons with each operator and number forms",
        arguments: [
            ("up == 0", ComparisonOperator.equal, 0.0),
            ("up != 1", .notEqual, 1),
            ("up > 2.5", .greater, 2.5),
            ("up>=-1", .greaterOrEqual, -1),
            ("up < 1e3", .less, 1000),
            ("up <= .5", .lessOrEqual, 0.5),
            ("up == 2E-2", .equal, 0.02),
        ])
    func comparisons(text: String, comparison: ComparisonOperator, threshold: Double) throws {
        #expect(try RuleExpression.parse(text) == .comparison(.selector(try selector("up")), comparison, threshold))
    }

    @Test("rate takes a selector and a range")
    func rate() throws {
        let parsed = try RuleExpression.parse(#"rate( ifInErrors{device="sw1"} [ 1h30m ] ) > 10"#)
        let expected = RuleExpression.comparison(
            .rate(try selector("ifInErrors", [("device", .equal, "sw1")]), window: .seconds(5400)),
            .greater,
            10
        )
        #expect(parsed == expected)
    }

    @Test("comparison binds tighter than and/unless, which associate to the left")
    func precedence() throws {
        let a = RuleExpression.comparison(.selector(try selector("a")), .equal, 2)
        let b = RuleExpression.comparison(.selector(try selector("b")), .equal, 1)
        let c = RuleExpression.selector(try selector("c"))
        #expect(try RuleExpression.parse("a == 2 and b == 1 unless c") == .unless(.and(a, b), c))
        #expect(try RuleExpression.parse("a == 2 AND (b == 1 unless c)") == .and(a, .unless(b, c)))
        #expect(
            try RuleExpression.parse("(a and c) > 1") == .comparison(.and(.selector(try selector("a")), c), .greater, 1)
        )
    }

    @Test(
        "description is canonical and parses back to the same expression",
        arguments: [
            "up",
            #"up{probe="snmp"} == 0"#,
            "ifOperStatus == 2 and ifAdminStatus == 1",
            "rate(ifInErrors[5m]) > 0.5",
            "a unless (b and c)",
            "(a and b) >= 3",
            "a > 1 < 5",
            "(a + b) * 2 > on(device) group_left(ifSpeed) c",
            "-a ^ 2 + -3",
            "(-a) ^ 2",
            "2 ^ 3 ^ a",
            "(2 ^ a) ^ 3",
            "a - (b - c)",
            "a / b % 4 >= bool 1",
            "sum by (device, ifType) (rate(x[5m])) > 10",
            "count without (ifIndex) (a == 2) > 3",
            "avg(a) or b",
            "quantile_over_time(0.95, http_duration_seconds[15m]) > 2",
            "a unless ignoring(check) b",
            "a * on() group_right b",
            "a > Inf",
            #"m{a="q\"uote",r=~"eth\\d+"}"#,
        ])
    func roundTrip(text: String) throws {
        let parsed = try RuleExpression.parse(text)
        #expect(parsed.description == text)
        #expect(try RuleExpression.parse(parsed.description) == parsed)
    }

    @Test("or binds looser than and/unless, groups from the left, and prints back with the parentheses it needs")
    func or() throws {
        let loose = try RuleExpression.parse("a == 1 and b or c unless d")
        guard case .binary(.set(.or), .binary(.set(.and), _, _, _), .binary(.set(.unless), _, _, _), _) = loose else {
            Issue.record("parsed as \(loose)")
            return
        }
        for text in ["a and (b or c)", "a or b or c", "a or (b or c)", "(a or b) == 1", "(a or b) unless c"] {
            #expect(try RuleExpression.parse(text).description == text)
        }
        #expect(try RuleExpression.parse("(a or b) or c").description == "a or b or c")
        #expect(try RuleExpression.parse("a or b").selectors.map(\.name) == ["a", "b"])
    }

    @Test("absent(selector) parses, prints back, and keeps its selector out of the data selectors")
    func absent() throws {
        let parsed = try RuleExpression.parse(#"absent(upsBatteryRuntime{ups="1"}) unless up == 0"#)
        #expect(parsed.description == #"absent(upsBatteryRuntime{ups="1"}) unless up == 0"#)
        #expect(parsed.selectors.map(\.name) == ["up"])
        #expect(parsed.absentSelectors.map(\.name) == ["upsBatteryRuntime"])
    }

    @Test("selectors lists every selector read by the expression")
    func selectorsProperty() throws {
        let parsed = try RuleExpression.parse("a == 1 and rate(b[1m]) > 0 unless c")
        #expect(parsed.selectors.map(\.name) == ["a", "b", "c"])
    }

    @Test(
        "errors carry the offset of the problem",
        arguments: [
            ("", 0, "the expression is empty"),
            ("   ", 3, "the expression is empty"),
            ("up >", 4, #"expected a metric name, a number, a function or "(" after ">""#),
            (
                "up == 5q", 6,
                #"invalid number "5q"; a number may end in a duration unit (ms, s, m, h, d, w, y) or a size unit "#
                    + "(kB, MB, GB, TB, KiB, MiB, GiB, TiB, kbit, Mbit, Gbit, Tbit)"
            ),
            ("1 > bool 0", 0, #"the expression is a number, not series; a rule alerts on series, e.g. "up == 0""#),
            ("up and 1", 3, #""and" needs series on both sides, not a number"#),
            ("1 < 2 and up", 2, #"a comparison between two numbers needs "bool": "< bool""#),
            ("up * on(device) 2", 3, "on(...), ignoring(...) and group_left/right need series on both sides"),
            ("a and on(x) group_left b", 12, #"group_left is not allowed with "and""#),
            ("a * on(x) group_left(x) b", 10, #"label "x" must not be in both on(...) and group_left(...)"#),
            ("sum(1)", 4, "sum(...) aggregates series, not a number"),
            ("sum by (a) (x) by (b)", 15, #"expected one "by" or "without" clause, not two, but found "by""#),
            ("sum by a (x)", 7, #"expected "(" after "by" but found "a""#),
            ("quantile_over_time(2, x[5m])", 19, "the quantile must be between 0 and 1"),
            (
                "quantile_over_time(x[5m])", 19,
                #"expected a quantile such as 0.95 after "quantile_over_time(" but found "x""#
            ),
            (
                "rat(x[5m])", 0,
                #"unknown function "rat"; known: rate, absent, avg_over_time, min_over_time, max_over_time, "#
                    + "sum_over_time, count_over_time, quantile_over_time, increase, delta, changes"
            ),
            ("absent(x", 8, #"expected ")" to close "absent(" but found the end of the expression"#),
            (
                "absent(rate(x[5m]))", 7,
                #"absent() takes a selector such as absent(upsBatteryRuntime), not "rate(...)""#
            ),
            ("absent()", 7, #"expected a metric name after "absent(" but found ")""#),
            (#"up{probe="snmp}"#, 9, "unterminated string"),
            ("rate(x[5m) > 1", 9, #"expected "]" after range"#),
            ("rate(x[5x]) > 1", 7, #"invalid duration "5x"; use a number with a unit such as 30s, 5m or 1h"#),
            ("rate(x[]) > 1", 7, #"expected a duration such as "5m" after "[" but found "]""#),
            ("rate(x[0s]) > 1", 7, "the range of rate() must be greater than 0"),
            ("rate(x) > 1", 6, #"expected a range such as "[5m]" after "x" but found ")""#),
            ("rate(x[5m] > 1", 11, #"expected ")" to close "rate(" but found ">""#),
            ("rate([5m])", 5, #"expected a metric name after "rate(" but found "[""#),
            ("up and", 6, #"expected a metric name, a number, a function or "(" after "and""#),
            ("== 1", 0, #"expected a metric name, a number, a function or "(" but found "==""#),
            ("and == 1", 0, #"expected a metric name, a number, a function or "(" but found "and""#),
            ("(up == 1", 8, #"expected ")" to close the "(" at character 1 but found the end of the expression"#),
            ("up = 1", 3, #""=" is not a comparison; use "==""#),
            (
                "up == 1 xor down", 8,
                #"unexpected "xor"; expected an operator such as "and", "or", "unless", "+" or a comparison"#
            ),
            ("up or", 5, #"expected a metric name, a number, a function or "(" after "or""#),
            (
                "up down", 3,
                #"unexpected "down"; expected an operator such as "and", "or", "unless", "+" or a comparison"#
            ),
            ("up)", 2, #"unexpected ")"; expected an operator such as "and", "or", "unless", "+" or a comparison"#),
            ("up{1=\"a\"}", 3, #"expected a label name but found "1""#),
            ("up{a \"x\"}", 5, #"expected "=", "!=", "=~" or "!~" after label "a" but found a string"#),
            ("up{a=x}", 5, #"expected a quoted string after "a=" but found "x""#),
            (#"up{a="x" b="y"}"#, 9, #"expected "," or "}" after a label matcher but found "b""#),
            (#"up{a=~"("}"#, 6, #"invalid regular expression "(""#),
        ])
    func errors(text: String, offset: Int, message: String) {
        #expect(throws: RuleExpressionError(offset: offset, message: message)) {
            try RuleExpression.parse(text)
        }
    }

    @Test("the error description counts characters from 1")
    func errorDescription() {
        let error = RuleExpressionError(offset: 4, message: #"expected a number after ">""#)
        #expect(error.description == #"expected a number after ">" (at character 5)"#)
    }
}
