import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// The evaluator's series table over many polls: series that come and go are forgotten once no window needs them,
/// and the series that stay keep their rates and histories through it.
@Suite("SeriesTable: series that come and go")
struct SeriesTableTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a thousand short-lived series are forgotten; the steady one keeps its rate and history")
    func churn() throws {
        var evaluator = RuleEvaluator()
        let rate = try RuleExpression.parse("rate(octets[5m]) > 0")
        let peak = try RuleExpression.parse("max_over_time(octets[3m]) > 0")
        let steady: LabelSet = ["device": "sw1", "ifIndex": "1"]
        for minute in 0..<1000 {
            let samples = [
                Sample(name: "up", labels: ["device": "sw1"], value: 1),
                Sample(name: "octets", labels: steady, value: Double(minute) * 600, kind: .counter),
                // A series that lives for one poll only, as an ephemeral session or VLAN would.
                Sample(name: "octets", labels: ["device": "sw1", "ifIndex": "eph\(minute)"], value: 1, kind: .counter),
            ]
            let instant = t0 + Double(minute) * 60
            let rates = evaluator.evaluate(rate, samples: samples, at: instant)
            let peaks = evaluator.evaluate(peak, samples: samples, at: instant)
            guard minute > 0 else { continue }
            #expect(rates.seriesResults.map(\.value) == [10], "minute \(minute)")
            #expect(peaks.seriesResults.first { $0.labels == steady }?.value == Double(minute) * 600)
        }
        // Without forgetting, a thousand histories would be kept; with it, at most those since the last compaction.
        #expect(evaluator.historySampleCount < 300)
    }

    @Test(
        "a series read by an expression added later: its changes are noted, so the expression is evaluated again when its value moves"
    )
    func seriesReadByALaterExpression() throws {
        var evaluator = RuleEvaluator()
        let first = try RuleExpression.parse("x > 0")
        let later = try RuleExpression.parse("y > 5")
        func poll(_ y: Double) -> [Sample] {
            [
                Sample(name: "x", labels: ["device": "sw1"], value: 1),
                Sample(name: "y", labels: ["device": "sw1"], value: y),
            ]
        }
        #expect(evaluator.evaluate(first, samples: poll(1), at: t0).seriesResults.count == 1)
        // The program grows: the poll's series are matched again, and `y` now marks a slot when it changes.
        #expect(evaluator.evaluate(later, samples: poll(1), at: t0 + 60).seriesResults.isEmpty)
        #expect(evaluator.evaluate(later, samples: poll(1), at: t0 + 120).seriesResults.isEmpty)
        #expect(evaluator.evaluate(later, samples: poll(10), at: t0 + 180).seriesResults.map(\.value) == [10])
        #expect(evaluator.evaluate(later, samples: poll(1), at: t0 + 240).seriesResults.isEmpty)
    }

    @Test("a poll of more names than a layout numbers (32,768) is read afresh each time, and its values are right")
    func manyNames() throws {
        var evaluator = RuleEvaluator()
        let expression = try RuleExpression.parse("m69999 > 5")
        func poll(_ last: Double) -> [Sample] {
            (0..<70_000).map { Sample(name: "m\($0)", labels: ["device": "sw1"], value: $0 == 69_999 ? last : 1) }
        }
        #expect(evaluator.evaluate(expression, samples: poll(1), at: t0).seriesResults.isEmpty)
        #expect(evaluator.evaluate(expression, samples: poll(10), at: t0 + 60).seriesResults.map(\.value) == [10])
        #expect(evaluator.evaluate(expression, samples: poll(1), at: t0 + 120).seriesResults.isEmpty)
    }
}

/// ``RuleEvaluator/latestPoll``: what an evaluator for other rules reads after a reload.
@Suite("RuleEvaluator: the latest poll, as the evaluator keeps it")
struct LatestPollTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    private let device: LabelSet = ["device": "sw1", "probe": "snmp"]

    private func poll(octets: Double, check: String? = nil) -> [Sample] {
        [
            Sample(name: "up", labels: device, value: 1),
            Sample(name: "load", labels: device, value: 0.5, output: check),
            Sample(
                name: "octets", labels: device.merging(["ifIndex": "1"]), value: octets, kind: .counter,
                counterWidth: CounterWidth(bits: 32)),
        ]
    }

    @Test("nil before the first poll; then every series in poll order with its labels, value and text output")
    func samples() throws {
        var evaluator = RuleEvaluator(program: RuleProgram())
        #expect(evaluator.latestPoll == nil)
        evaluator.read(poll(octets: 10, check: "OK - load 0.5"), at: t0)
        evaluator.read(poll(octets: 20, check: "WARNING - load 0.9"), at: t0 + 60)
        let latest = try #require(evaluator.latestPoll)
        #expect(latest.at == t0 + 60)
        #expect(latest.samples.map(\.seriesKey) == poll(octets: 20).map(\.seriesKey))
        #expect(latest.samples.map(\.value) == [1, 0.5, 20])
        #expect(latest.samples.map(\.output) == [nil, "WARNING - load 0.9", nil])
    }

    @Test("an evaluator that reads it has the previous point of a rate, and the next poll's width counts a wrap")
    func primesRate() throws {
        var old = RuleEvaluator()
        _ = old.evaluate(try RuleExpression.parse("up == 0"), samples: poll(octets: 4_294_967_000), at: t0)
        let latest = try #require(old.latestPoll)

        var new = RuleEvaluator()
        let rate = new.program.add(try RuleExpression.parse("rate(octets[5m]) > 0"))
        new.read(latest.samples, at: latest.at)
        #expect(new.evaluate(rate).seriesResults.isEmpty)
        // The 32-bit counter wrapped: 296 counted up to 2^32, then 304.
        new.read(poll(octets: 304), at: t0 + 60)
        #expect(new.evaluate(rate).seriesResults.map(\.value) == [600.0 / 60])
    }
}
