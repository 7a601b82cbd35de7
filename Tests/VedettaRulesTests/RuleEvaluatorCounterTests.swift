import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// `rate(...)` across counter wraps, resets and device restarts.
@Suite("RuleEvaluator counters")
struct RuleEvaluatorCounterTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    private let twoTo32 = 4_294_967_296.0

    private func counter(
        _ value: Double,
        width: CounterWidth?,
        device: String = "sw1",
        index: String = "1"
    ) -> Sample {
        Sample(
            name: "ifInOctets", labels: ["device": device, "ifIndex": index], value: value, kind: .counter,
            counterWidth: width)
    }

    /// The rates of `rate(ifInOctets[5m])` at `t0 + seconds`, by `device/ifIndex`.
    private func rates(
        _ samples: [Sample],
        at seconds: TimeInterval,
        with evaluator: inout RuleEvaluator
    ) throws -> [String: Double] {
        let evaluation = evaluator.evaluate(
            try RuleExpression.parse("rate(ifInOctets[5m])"), samples: samples, at: t0 + seconds)
        var result: [String: Double] = [:]
        for series in evaluation.seriesResults {
            result["\(series.labels["device"] ?? "")/\(series.labels["ifIndex"] ?? "")"] = series.value
        }
        return result
    }

    @Test(
        "a counter that goes up gives (v2 - v1) / (t2 - t1), whatever its width",
        arguments: [
            CounterWidth.bits32, .bits64, nil,
        ])
    func normalIncrease(width: CounterWidth?) throws {
        var evaluator = RuleEvaluator()
        #expect(try rates([counter(1000, width: width)], at: 0, with: &evaluator).isEmpty)
        #expect(try rates([counter(7000, width: width)], at: 60, with: &evaluator) == ["sw1/1": 100])
        #expect(try rates([counter(7000, width: width)], at: 120, with: &evaluator) == ["sw1/1": 0])
    }

    @Test("a Counter32 that wrapped gives the increase across the wrap")
    func wrap32() throws {
        var evaluator = RuleEvaluator()
        _ = try rates([counter(4_294_967_000, width: .bits32)], at: 0, with: &evaluator)
        // 296 to reach 2^32, then 304 more: 600 octets in 60 s.
        #expect(try rates([counter(304, width: .bits32)], at: 60, with: &evaluator) == ["sw1/1": 10])
        #expect(try rates([counter(904, width: .bits32)], at: 120, with: &evaluator) == ["sw1/1": 10])
    }

    @Test("a wrap of exactly half the range is still a wrap; more than half is a reset")
    func wrapPlausibilityLimit() throws {
        var evaluator = RuleEvaluator()
        _ = try rates([counter(twoTo32 / 2 + 10, width: .bits32, index: "1")], at: 0, with: &evaluator)
        _ = try rates([counter(twoTo32 / 2 + 10, width: .bits32, index: "2")], at: 0, with: &evaluator)
        let next = [counter(10, width: .bits32, index: "1"), counter(11, width: .bits32, index: "2")]
        #expect(try rates(next, at: 60, with: &evaluator) == ["sw1/1": twoTo32 / 2 / 60])
    }

    @Test("a Counter32 that went down by a little was reset, not wrapped: no rate, then rates from the new value")
    func implausibleWrap() throws {
        var evaluator = RuleEvaluator()
        _ = try rates([counter(1_000_000, width: .bits32)], at: 0, with: &evaluator)
        // As a wrap this would be 2^32 - 999,000 octets in a minute: a reset.
        #expect(try rates([counter(1000, width: .bits32)], at: 60, with: &evaluator).isEmpty)
        #expect(try rates([counter(7000, width: .bits32)], at: 120, with: &evaluator) == ["sw1/1": 100])
    }

    @Test(
        "a Counter64 or a counter of unknown width that went down was reset",
        arguments: [
            CounterWidth.bits64, nil,
        ])
    func decreaseIsReset(width: CounterWidth?) throws {
        var evaluator = RuleEvaluator()
        // 18,446,744,073,709,549,568 (2^64 − 2^11) is near 2^64: still no wrap for a 64-bit counter.
        _ = try rates([counter(18_446_744_073_709_549_568, width: width)], at: 0, with: &evaluator)
        #expect(try rates([counter(500, width: width)], at: 60, with: &evaluator).isEmpty)
        #expect(try rates([counter(6500, width: width)], at: 120, with: &evaluator) == ["sw1/1": 100])
    }

    @Test("a scaled Counter32 wraps at 2^32 times its scale")
    func scaledWrap() throws {
        var evaluator = RuleEvaluator()
        let width = CounterWidth.bits32.scaled(by: 8)  // octets exported as bits
        _ = try rates([counter((twoTo32 - 100) * 8, width: width)], at: 0, with: &evaluator)
        #expect(try rates([counter(500 * 8, width: width)], at: 60, with: &evaluator) == ["sw1/1": 80])
    }

    @Test("the increase of a counter by width")
    func increase() {
        #expect(RuleEvaluator.increase(from: 10, to: 25, width: nil) == 15)
        #expect(RuleEvaluator.increase(from: 4_294_967_295, to: 0, width: .bits32) == 1)
        #expect(RuleEvaluator.increase(from: 4_294_967_295, to: 0, width: .bits64) == nil)
        #expect(RuleEvaluator.increase(from: 4_294_967_295, to: 0, width: nil) == nil)
        #expect(RuleEvaluator.increase(from: 5, to: 4, width: .bits32) == nil)
        #expect(RuleEvaluator.increase(from: .nan, to: 4, width: .bits32) == nil)
        #expect(RuleEvaluator.increase(from: 10, to: .infinity, width: .bits32) == nil)
        #expect(RuleEvaluator.increase(from: 100, to: 50, width: CounterWidth(bits: 32, scale: 0)) == nil)
    }

    @Test("after a restart the device's rates are forgotten: no rate across it, rates again on the next poll")
    func forgetRatesAcrossRestart() throws {
        var evaluator = RuleEvaluator()
        let before = [counter(1000, width: .bits64, index: "1"), counter(4_294_960_000, width: .bits32, index: "2")]
        _ = try rates(before, at: 0, with: &evaluator)

        // The probe says the device restarted: both counters counted from zero. One is now higher than before,
        // the other looks like a plausible wrap; neither is a rate.
        evaluator.forgetRates(of: "sw1")
        let after = [counter(900_000, width: .bits64, index: "1"), counter(20_000, width: .bits32, index: "2")]
        #expect(try rates(after, at: 300, with: &evaluator).isEmpty)

        let next = [counter(906_000, width: .bits64, index: "1"), counter(26_000, width: .bits32, index: "2")]
        #expect(try rates(next, at: 360, with: &evaluator) == ["sw1/1": 100, "sw1/2": 100])
    }

    @Test("a restart forgets only the restarted device's series")
    func restartIsPerDevice() throws {
        var evaluator = RuleEvaluator()
        _ = try rates(
            [counter(0, width: .bits64, device: "sw1"), counter(0, width: .bits64, device: "sw2")], at: 0,
            with: &evaluator)
        evaluator.forgetRates(of: "sw1")
        let next = [counter(60, width: .bits64, device: "sw1"), counter(600, width: .bits64, device: "sw2")]
        #expect(try rates(next, at: 60, with: &evaluator) == ["sw2/1": 10])
    }

    @Test("a series that appears starts with no rate; one that disappears leaves the results")
    func seriesAppearAndDisappear() throws {
        var evaluator = RuleEvaluator()
        _ = try rates([counter(0, width: .bits64, index: "1")], at: 0, with: &evaluator)
        let withNewPort = [counter(600, width: .bits64, index: "1"), counter(5000, width: .bits64, index: "2")]
        #expect(try rates(withNewPort, at: 60, with: &evaluator) == ["sw1/1": 10])
        let portRemoved = [counter(1200, width: .bits64, index: "1")]
        #expect(try rates(portRemoved, at: 120, with: &evaluator) == ["sw1/1": 10])
        // Back within the window: the rate spans the gap.
        let portBack = [counter(1800, width: .bits64, index: "1"), counter(17_000, width: .bits64, index: "2")]
        #expect(try rates(portBack, at: 180, with: &evaluator) == ["sw1/1": 10, "sw1/2": 100])
    }

    @Test("forgetting a device's rates starts its series over")
    func forgetRates() throws {
        var evaluator = RuleEvaluator()
        _ = try rates(
            [counter(0, width: .bits64, device: "sw1"), counter(0, width: .bits64, device: "sw2")], at: 0,
            with: &evaluator)
        evaluator.forgetRates(of: "sw2")
        let next = [counter(60, width: .bits64, device: "sw1"), counter(60, width: .bits64, device: "sw2")]
        #expect(try rates(next, at: 60, with: &evaluator) == ["sw1/1": 1])
    }
}
