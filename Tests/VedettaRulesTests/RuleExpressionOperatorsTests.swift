import Testing
import VedettaCore

@testable import VedettaRules

@Suite("RuleExpression.parse: arithmetic, matching, aggregations, numbers with units")
struct RuleExpressionOperatorsTests {
    private func vector(_ name: String) -> RuleExpression { .selector(SeriesSelector(name: name)) }

    @Test("arithmetic binds as in PromQL: ^ over unary minus over * / % over + - over comparisons")
    func precedence() throws {
        let a = vector("a")
        let b = vector("b")
        let c = vector("c")
        func op(_ o: ArithmeticOperator, _ l: RuleExpression, _ r: RuleExpression) -> RuleExpression {
            .binary(.arithmetic(o), l, r, matching: .default)
        }
        #expect(try RuleExpression.parse("a + b * c") == op(.add, a, op(.multiply, b, c)))
        #expect(try RuleExpression.parse("a - b - c") == op(.subtract, op(.subtract, a, b), c))
        #expect(try RuleExpression.parse("a ^ b ^ c") == op(.power, a, op(.power, b, c)))
        #expect(try RuleExpression.parse("-a ^ b") == .negation(op(.power, a, b)))
        #expect(try RuleExpression.parse("-a * b") == op(.multiply, .negation(a), b))
        #expect(
            try RuleExpression.parse("a * 8 > 0.9 * b")
                == .binary(
                    .comparison(.greater, returnsBool: false), op(.multiply, a, .number(8)),
                    op(.multiply, .number(0.9), b), matching: .default))
    }

    @Test("numbers alone are computed when parsed")
    func constantFolding() throws {
        #expect(try RuleExpression.parse("a > 10 * 60") == .comparison(vector("a"), .greater, 600))
        #expect(try RuleExpression.parse("a > -(2 ^ 2)") == .comparison(vector("a"), .greater, -4))
        #expect(try RuleExpression.parse("a > (1 > bool 0)") == .comparison(vector("a"), .greater, 1))
    }

    @Test(
        "numbers: forms, separators, hexadecimal, Inf, NaN, durations in seconds, sizes",
        arguments: [
            ("1_000_000", 1_000_000.0), ("0x1F", 31), ("2.5e3", 2500), (".5", 0.5), ("5.", 5),
            ("10m", 600), ("1h30m", 5400), ("250ms", 0.25), ("2d", 172_800),
            ("1kB", 1000), ("2MB", 2e6), ("1GiB", 1_073_741_824), ("100Mbit", 1e8), ("1Gbit", 1e9),
            ("Inf", .infinity), ("-inf", -.infinity),
        ])
    func numbers(text: String, value: Double) throws {
        #expect(try RuleExpression.parse("x > \(text)") == .comparison(vector("x"), .greater, value))
    }

    @Test("NaN is a number")
    func nan() throws {
        guard case .binary(_, _, .number(let value), _) = try RuleExpression.parse("x != NaN") else {
            Issue.record("not a comparison with a number")
            return
        }
        #expect(value.isNaN)
    }

    @Test("on, ignoring, group_left and group_right with their labels; bool after a comparison")
    func matching() throws {
        let parsed = try RuleExpression.parse("a / on(device, ifIndex) group_left(ifSpeed) b")
        #expect(
            parsed
                == .binary(
                    .arithmetic(.divide), vector("a"), vector("b"),
                    matching: VectorMatching(
                        labels: .on(["device", "ifIndex"]), cardinality: .manyToOne(include: ["ifSpeed"]))
                ))
        #expect(
            try RuleExpression.parse("a > bool ignoring(check) b")
                == .binary(
                    .comparison(.greater, returnsBool: true), vector("a"), vector("b"),
                    matching: VectorMatching(labels: .ignoring(["check"]))))
        #expect(
            try RuleExpression.parse("a * on () group_right b")
                == .binary(
                    .arithmetic(.multiply), vector("a"), vector("b"),
                    matching: VectorMatching(labels: .on([]), cardinality: .oneToMany(include: []))))
        #expect(
            try RuleExpression.parse("a unless on(device) b")
                == .binary(.set(.unless), vector("a"), vector("b"), matching: VectorMatching(labels: .on(["device"]))))
    }

    @Test("aggregations take their clause before or after the operand")
    func aggregations() throws {
        let expected = RuleExpression.aggregation(.sum, vector("x"), grouping: .by(["device"]))
        #expect(try RuleExpression.parse("sum by (device) (x)") == expected)
        #expect(try RuleExpression.parse("sum(x) by (device)") == expected)
        #expect(try RuleExpression.parse("SUM(x) BY (device)") == expected)  // keywords are case-insensitive
        #expect(
            try RuleExpression.parse("max without(ifIndex,)(x)")
                == .aggregation(.max, vector("x"), grouping: .without(["ifIndex"])))
        #expect(try RuleExpression.parse("count(x)") == .aggregation(.count, vector("x"), grouping: .all))
        #expect(try RuleExpression.parse("min") == vector("min"))  // a metric may be called like an aggregation
    }

    @Test("quantile_over_time takes φ and a range")
    func quantileOverTime() throws {
        #expect(
            try RuleExpression.parse("quantile_over_time(0.95, d[15m])")
                == .range(.quantileOverTime(0.95), SeriesSelector(name: "d"), window: .seconds(900)))
    }
}
