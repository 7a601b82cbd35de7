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
}
