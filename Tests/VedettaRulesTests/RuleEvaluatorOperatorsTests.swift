import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

@Suite("RuleEvaluator: arithmetic, vector matching, aggregations")
struct RuleEvaluatorOperatorsTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    private let device: LabelSet = ["device": "sw1", "probe": "snmp", "site": "milano"]

    private func sample(_ name: String, _ labels: LabelSet, _ value: Double) -> Sample {
        Sample(name: name, labels: device.merging(labels), value: value)
    }

    private func port(_ index: Int, _ extra: LabelSet = [:]) -> LabelSet {
        device.merging(["ifIndex": "\(index)"]).merging(extra)
    }

    private func results(_ text: String, _ samples: [Sample]) throws -> [LabelSet: Double] {
        var evaluator = RuleEvaluator()
        let evaluation = evaluator.evaluate(try RuleExpression.parse(text), samples: samples, at: t0)
        return Dictionary(evaluation.seriesResults.map { ($0.labels, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Two ports: one at 950 Mbit/s of 1 Gbit/s, one at 10 Mbit/s of 100 Mbit/s.
    private var interfaces: [Sample] {
        [
            sample("up", [:], 1),
            sample("ifInBits", ["ifIndex": "1"], 950e6), sample("ifHighSpeed", ["ifIndex": "1"], 1000),
            sample("ifInBits", ["ifIndex": "2"], 10e6), sample("ifHighSpeed", ["ifIndex": "2"], 100),
        ]
    }

    @Test("vector op vector pairs series with the same labels; the comparison keeps the left value")
    func oneToOne() throws {
        #expect(try results("ifInBits / (ifHighSpeed * 1e6)", interfaces) == [port(1): 0.95, port(2): 0.1])
        #expect(try results("ifInBits > 0.9 * ifHighSpeed * 1Mbit", interfaces) == [port(1): 950e6])
        #expect(try results("ifInBits > bool 0.9 * ifHighSpeed * 1Mbit", interfaces) == [port(1): 1, port(2): 0])
    }

    @Test("a scalar on either side: arithmetic, filter, and the vector's value kept when the number is on the left")
    func scalars() throws {
        #expect(try results("100 - ifHighSpeed", interfaces) == [port(1): -900, port(2): 0])
        #expect(try results("500 < ifHighSpeed", interfaces) == [port(1): 1000])
        #expect(try results("-ifHighSpeed % 300", interfaces) == [port(1): -100, port(2): -100])
        #expect(try results("ifHighSpeed ^ 0.5 == 10", interfaces) == [port(2): 10])
        #expect(try results("ifHighSpeed / 0 > 1", interfaces) == [port(1): .infinity, port(2): .infinity])
    }

    @Test("series without a partner are dropped, as in PromQL")
    func unmatched() throws {
        let samples = interfaces + [sample("ifInBits", ["ifIndex": "3"], 1)]
        #expect(try results("ifInBits / ifHighSpeed", samples).count == 2)
    }

    @Test("on() and ignoring() choose the labels that pair series; one-to-one keeps only the on() labels")
    func onIgnoring() throws {
        let samples = [
            sample("errors", ["ifIndex": "1", "direction": "in"], 6),
            sample("packets", ["ifIndex": "1"], 600),
            sample("channels", ["span": "1"], 45),
            sample("licence", [:], 50),
        ]
        #expect(try results("errors / ignoring(direction) packets", samples) == [port(1): 0.01])
        // The result lost `device` with on(ifIndex); the poll's labels are put back, as every alert needs them.
        #expect(try results("errors / on(ifIndex) packets", samples) == [port(1): 0.01])
        #expect(try results("channels > on(device) 0.8 * licence", samples) == [device: 45])
    }

    @Test("group_left: many series on the left share one on the right, and copy its labels")
    func groupLeft() throws {
        let samples = [
            sample("channels", ["trunk": "a"], 30), sample("channels", ["trunk": "b"], 15),
            sample("licence", ["edition": "pro"], 50),
        ]
        #expect(
            try results("channels / on(device) group_left(edition) licence", samples) == [
                device.merging(["trunk": "a", "edition": "pro"]): 0.6,
                device.merging(["trunk": "b", "edition": "pro"]): 0.3,
            ])
        // Without group_left two series on the left for one on the right are ambiguous: nothing is paired.
        #expect(try results("channels / on(device) licence", samples).isEmpty)
        #expect(
            try results("licence > on(device) group_right sum(channels) by (device, trunk)", samples) == [
                device.merging(["trunk": "a"]): 50, device.merging(["trunk": "b"]): 50,
            ])
    }

    @Test("and, or, unless with on(): whole devices kept or dropped by a series of another shape")
    func setOperatorsWithOn() throws {
        let samples = interfaces + [sample("maintenance", [:], 1)]
        #expect(try results("ifHighSpeed unless on(device) maintenance == 1", samples).isEmpty)
        #expect(try results("ifHighSpeed and on(device) maintenance == 1", samples).count == 2)
        #expect(try results("maintenance or on(device) ifHighSpeed", samples) == [device: 1])
        #expect(try results("ifHighSpeed unless maintenance == 1", samples).count == 2)
    }

    @Test("aggregations group by the labels named, get the poll's labels back, and count, sum, average, min, max")
    func aggregations() throws {
        let samples = [
            sample("ifOperStatus", ["ifIndex": "1", "ifType": "6"], 1),
            sample("ifOperStatus", ["ifIndex": "2", "ifType": "6"], 2),
            sample("ifOperStatus", ["ifIndex": "3", "ifType": "6"], 2),
            sample("ifOperStatus", ["ifIndex": "4", "ifType": "131"], 2),
        ]
        #expect(try results("count(ifOperStatus == 2)", samples) == [device: 3])
        #expect(
            try results("count by (ifType) (ifOperStatus == 2) > 1", samples) == [device.merging(["ifType": "6"]): 2])
        #expect(
            try results("sum without (ifIndex) (ifOperStatus)", samples) == [
                device.merging(["ifType": "6"]): 5, device.merging(["ifType": "131"]): 2,
            ])
        #expect(try results("avg(ifOperStatus)", samples) == [device: 1.75])
        #expect(try results("min(ifOperStatus) by (device)", samples) == [device: 1])
        #expect(try results("max(ifOperStatus)", samples) == [device: 2])
    }

    @Test("a poll without the operands' series has no data; with them but nothing holding, empty results")
    func noData() throws {
        var evaluator = RuleEvaluator()
        let rule = try RuleExpression.parse("sum(ifInBits) / sum(ifHighSpeed) > 1e6")
        #expect(evaluator.evaluate(rule, samples: [sample("up", [:], 0)], at: t0) == .noData)
        #expect(evaluator.evaluate(rule, samples: interfaces, at: t0) == .results([]))
    }

    @Test("clear with arithmetic: a series between the thresholds is measured, so it stays firing")
    func clearMeasured() throws {
        var evaluator = RuleEvaluator()
        let rule = AlertRule(
            name: "Busy", expression: try RuleExpression.parse("ifInBits > 0.9 * ifHighSpeed * 1e6"),
            expressionText: "", clearExpression: try RuleExpression.parse("ifInBits < 0.5 * ifHighSpeed * 1e6"),
            severity: .warning, summary: "", location: SourceLocation(file: "t", line: 1, column: 1))
        let clear = evaluator.evaluateClear(rule, samples: SampleIndex(interfaces), at: t0)
        #expect(clear?.measured == [port(1): 950e6, port(2): 10e6])
        #expect(clear?.cleared == [port(2)])
    }

    @Test("quantile_over_time interpolates between ranks as Prometheus does")
    func quantileOverTime() throws {
        var evaluator = RuleEvaluator()
        let rule = try RuleExpression.parse("quantile_over_time(0.9, latency[1h]) > 0")
        var last = RuleEvaluation.noData
        for (minute, value) in [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100].enumerated() {
            last = evaluator.evaluate(
                rule, samples: [sample("latency", [:], value)], at: t0.addingTimeInterval(Double(minute) * 60))
        }
        #expect(last.seriesResults.map(\.value) == [10])  // rank 9 of 0...10
        #expect(abs(RangeFunction.quantile(0.95, of: [1, 2, 3, 4]) - 3.85) < 1e-9)
        #expect(RangeFunction.quantile(1.5, of: [1]) == .infinity)
    }
}
