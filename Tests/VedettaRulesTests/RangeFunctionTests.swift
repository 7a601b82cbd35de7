import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

@Suite("Range functions: *_over_time, increase, delta and changes over a short history per series")
struct RangeFunctionTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    private let port: LabelSet = ["device": "sw1", "ifIndex": "1"]

    /// Evaluates `text` after each of `values` (one poll a minute); returns the last poll's value for the port.
    private func run(_ text: String, _ values: [Double?], width: CounterWidth? = nil) throws -> [Double?] {
        let expression = try RuleExpression.parse(text)
        var evaluator = RuleEvaluator()
        return values.enumerated().map { minute, value in
            var samples = [Sample(name: "up", labels: ["device": "sw1"], value: 1)]
            if let value {
                samples.append(Sample(name: "x", labels: port, value: value, counterWidth: width))
            }
            let evaluation = evaluator.evaluate(expression, samples: samples, at: t0 + Double(minute) * 60)
            return evaluation.seriesResults.first { $0.labels == port }?.value
        }
    }

    @Test("min, max, avg, sum and count over a 3-minute window slide with the polls")
    func overTime() throws {
        let values: [Double?] = [1, 5, 3, 2, 8]
        #expect(try run("max_over_time(x[3m])", values) == [1, 5, 5, 5, 8])
        #expect(try run("min_over_time(x[3m])", values) == [1, 1, 1, 2, 2])
        #expect(try run("sum_over_time(x[3m])", values) == [1, 6, 9, 10, 13])
        #expect(try run("count_over_time(x[3m])", values) == [1, 2, 3, 3, 3])
        #expect(try run("avg_over_time(x[2m])", values) == [1, 3, 4, 2.5, 5])
    }

    @Test("delta and changes; increase sums the steps, across a 32-bit wrap and a reset")
    func counters() throws {
        #expect(try run("delta(x[10m])", [10, 12, 7]) == [nil, 2, -3])
        #expect(try run("changes(x[10m])", [1, 1, 2, 2, 1]) == [0, 0, 1, 1, 2])
        let wrap = 4_294_967_296.0
        let increase = try run(
            "increase(x[10m])", [wrap - 100, 50, 150, 20], width: CounterWidth(bits: 32))
        // 150 across the wrap, then 100, then a drop too large for a wrap: a reset, counted from zero (20).
        #expect(increase == [nil, 150, 250, 270])
    }

    @Test("a series missing from a poll has no result then, and resumes with its history when it is back")
    func gaps() throws {
        #expect(try run("max_over_time(x[5m])", [9, nil, 3, 4]) == [9, nil, 9, 9])
        #expect(try run("max_over_time(x[1m])", [9, nil, 3, 4]) == [9, nil, 3, 4])
    }

    @Test("the condition of the shipped InterfaceDown: was up within the window, now down")
    func wasUpNowDown() throws {
        let text = "x == 2 and min_over_time(x[15m]) == 1"
        // Never up (2 all along): never holds. Up then down: holds while the up sample is in the window.
        #expect(try run(text, [2, 2, 2]) == [nil, nil, nil])
        #expect(try run(text, [1, 2, 2]) == [nil, 2, 2])
    }

    @Test("range functions print back as written and refuse what they cannot take")
    func parsing() throws {
        for text in ["avg_over_time(x{a=\"b\"}[10m]) > 5", "increase(ifInErrors[1h]) > 100", "changes(x[30m]) > 4"] {
            #expect(try RuleExpression.parse(text).description == text)
        }
        #expect(throws: RuleExpressionError(offset: 16, message: "the range of max_over_time() must be greater than 0"))
        {
            try RuleExpression.parse("max_over_time(x[0s])")
        }
        #expect(throws: RuleExpressionError(offset: 14, message: #"expected ")" to close "changes(" but found ">""#)) {
            try RuleExpression.parse("changes(x[5m] > 1")
        }
    }
}
