import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// Expressions as the evaluator runs them: compiled to postfix instructions, with `and`/`unless` skipping their
/// right side when the left has no series, comparisons with a number fused with their selector, and histories kept
/// per window.
@Suite("RuleEvaluator: compiled instructions and history rings")
struct RuleCodeTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    private let device: LabelSet = ["device": "pbx1", "probe": "snmp"]

    private func sample(_ name: String, _ value: Double, _ labels: LabelSet = [:]) -> Sample {
        Sample(name: name, labels: device.merging(labels), value: value)
    }

    private func values(_ text: String, _ samples: [Sample]) throws -> [Double] {
        var evaluator = RuleEvaluator()
        return evaluator.evaluate(try RuleExpression.parse(text), samples: samples, at: t0).seriesResults.map(\.value)
    }

    @Test("and/unless with nothing on the left give nothing, and an enclosing or still adds its right side")
    func shortCircuit() throws {
        let poll = [sample("up", 1), sample("channels", 10), sample("licence", 100)]
        #expect(try values("channels > 50 and licence", poll) == [])
        #expect(try values("channels > 50 unless licence", poll) == [])
        #expect(try values("channels > 50 and absent(missing)", poll) == [])
        #expect(try values("(channels > 50 and licence) or licence", poll) == [100])
        #expect(try values("licence or (channels > 50 unless licence)", poll) == [100])
        #expect(try values("channels < 50 and licence", poll) == [10])
        // The right side of `and` is the first instruction skipped to the operator when the left side is empty.
        var program = RuleProgram()
        let id = program.add(try RuleExpression.parse("channels > 50 and licence"))
        #expect(program.expressions[id.index].code.map(\.skipTo) == [-1, 2, -1])
    }

    @Test("and, unless and or give the same series whichever side has fewer (the smaller side is the one marked)")
    func setOperatorsEitherSideSmaller() throws {
        let ports = ["1", "2", "3", "4", "5", "6"]
        let poll =
            ports.map { sample("ifOperStatus", $0 == "2" || $0 == "5" ? 2 : 1, ["ifIndex": $0]) }
            + ports.map { sample("ifAdminStatus", $0 == "5" || $0 == "6" ? 2 : 1, ["ifIndex": $0]) }
        // Fewer on the left (two ports down) than on the right (four ports enabled), and the other way round.
        #expect(try values("ifOperStatus == 2 and ifAdminStatus == 1", poll) == [2])
        #expect(try values("ifOperStatus == 2 unless ifAdminStatus == 1", poll) == [2])
        #expect(try values("ifAdminStatus == 1 and ifOperStatus == 2", poll) == [1])
        #expect(try values("ifAdminStatus == 1 unless ifOperStatus == 2", poll).count == 3)
        var evaluator = RuleEvaluator()
        let kept = evaluator.evaluate(
            try RuleExpression.parse("ifOperStatus == 2 unless ifAdminStatus == 1"), samples: poll, at: t0)
        #expect(kept.seriesResults.map { $0.labels["ifIndex"] } == ["5"])
        // `or`: every series of the left side, and those of the right side it lacks, whichever side is smaller.
        let byPort = { (text: String) throws -> [String: Double] in
            var evaluator = RuleEvaluator()
            let results = evaluator.evaluate(try RuleExpression.parse(text), samples: poll, at: self.t0)
            return Dictionary(
                uniqueKeysWithValues: results.seriesResults.map { ($0.labels["ifIndex"] ?? "", $0.value) })
        }
        #expect(try byPort("ifOperStatus == 1 or ifAdminStatus == 2") == ["1": 1, "3": 1, "4": 1, "6": 1, "5": 2])
        #expect(try byPort("ifAdminStatus == 2 or ifOperStatus == 1") == ["5": 2, "6": 2, "1": 1, "3": 1, "4": 1])
    }

    @Test(
        "every operator of a fused comparison, the number on either side, keeps what the comparison holds for",
        arguments: ComparisonOperator.allCases)
    func fusedOperators(comparison: ComparisonOperator) throws {
        let levels: [Double] = [-1, 0, 5, 7.5, 10, .infinity, .nan]
        let poll = levels.enumerated().map { sample("level", $0.element, ["sensor": "\($0.offset)"]) }
        let kept = { (holds: (Double) -> Bool) in levels.filter(holds).map { $0.isNaN ? "NaN" : "\($0)" }.sorted() }
        let text = { (values: [Double]) in values.map { $0.isNaN ? "NaN" : "\($0)" }.sorted() }
        #expect(try text(values("level \(comparison.rawValue) 5", poll)) == kept { comparison.holds($0, 5) })
        #expect(try text(values("5 \(comparison.rawValue) level", poll)) == kept { comparison.holds(5, $0) })
    }

    @Test("a comparison with a number on either side filters in one pass; clear measures every series compared")
    func fusedFilter() throws {
        let poll = [sample("cpu", 95, ["core": "0"]), sample("cpu", 20, ["core": "1"])]
        #expect(try values("90 < cpu", poll) == [95])
        #expect(try values("cpu > 90", poll) == [95])
        #expect(try values("-cpu < -90", poll) == [-95])
        var evaluator = RuleEvaluator()
        let rule = AlertRule(
            name: "CPUHigh", expression: try RuleExpression.parse("90 < cpu"), expressionText: "",
            clearExpression: try RuleExpression.parse("cpu < 75"), severity: .warning, summary: "",
            location: SourceLocation(file: "t", line: 1, column: 1))
        let clear = evaluator.evaluateClear(rule, samples: SampleIndex(poll), at: t0)
        #expect(clear?.measured == [device.merging(["core": "0"]): 95, device.merging(["core": "1"]): 20])
        #expect(clear?.cleared == [device.merging(["core": "1"])])
    }

    @Test("a series read with a longer window after the program grew keeps the samples its former window held")
    func windowGrows() throws {
        var evaluator = RuleEvaluator()
        let short = try RuleExpression.parse("max_over_time(calls[3m]) >= 0")
        for minute in 0..<5 {
            _ = evaluator.evaluate(short, samples: [sample("calls", Double(minute))], at: t0 + Double(minute) * 60)
        }
        // The 3-minute window held minutes 2, 3 and 4; the 10-minute one starts from them, plus minute 5.
        let long = try RuleExpression.parse("count_over_time(calls[10m]) > 0")
        let counted = evaluator.evaluate(long, samples: [sample("calls", 5)], at: t0 + 300)
        #expect(counted.seriesResults.map(\.value) == [4])
        #expect(
            evaluator.evaluate(short, samples: [sample("calls", 6)], at: t0 + 360).seriesResults.map(\.value) == [6])
    }

    @Test("polls a series is missing from are gaps in its window, not samples")
    func gaps() throws {
        var evaluator = RuleEvaluator()
        let rule = try RuleExpression.parse("count_over_time(calls[10m]) > 0")
        var last = RuleEvaluation.noData
        for minute in 0..<6 {
            // `calls` is in every other poll; `up` keeps the row going.
            let samples = minute % 2 == 0 ? [sample("up", 1), sample("calls", 1)] : [sample("up", 1)]
            last = evaluator.evaluate(rule, samples: samples, at: t0 + Double(minute) * 60)
        }
        _ = last
        last = evaluator.evaluate(rule, samples: [sample("up", 1), sample("calls", 1)], at: t0 + 360)
        #expect(last.seriesResults.map(\.value) == [4])  // minutes 0, 2, 4, 6
    }
}
