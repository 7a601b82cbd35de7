import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

@Suite("RuleEvaluator: absent() notices a series a device stopped exporting")
struct RuleEvaluatorAbsentTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    private let poll: LabelSet = ["device": "ups-1", "probe": "snmp", "site": "milano"]

    private func samples(up: Bool, runtime: Double?) -> [Sample] {
        var samples = [Sample(name: "up", labels: poll, value: up ? 1 : 0)]
        if let runtime {
            samples.append(Sample(name: "upsEstimatedMinutesRemaining", labels: poll, value: runtime))
        }
        return samples
    }

    @Test("once seen, a missing series yields one series valued 1 with the poll's labels and the equality matchers")
    func missingAfterSeen() throws {
        let expression = try RuleExpression.parse(#"absent(upsEstimatedMinutesRemaining{probe="snmp"})"#)
        var evaluator = RuleEvaluator()
        #expect(evaluator.evaluate(expression, samples: samples(up: true, runtime: 42), at: t0) == .results([]))
        let missing = evaluator.evaluate(expression, samples: samples(up: true, runtime: nil), at: t0 + 60)
        #expect(missing == .results([SeriesResult(labels: poll, value: 1)]))
        #expect(evaluator.evaluate(expression, samples: samples(up: true, runtime: 40), at: t0 + 120) == .results([]))
    }

    @Test("a failed poll, or a device that never had the series, says nothing: no data")
    func noDataWhenUnknown() throws {
        let expression = try RuleExpression.parse("absent(upsEstimatedMinutesRemaining)")
        var never = RuleEvaluator()
        #expect(never.evaluate(expression, samples: samples(up: true, runtime: nil), at: t0) == .noData)
        var seen = RuleEvaluator()
        _ = seen.evaluate(expression, samples: samples(up: true, runtime: 42), at: t0)
        #expect(seen.evaluate(expression, samples: samples(up: false, runtime: nil), at: t0 + 60) == .noData)
    }

    @Test("absent() combines with the other operators: missing unless the device is known to lack a battery")
    func combined() throws {
        let expression = try RuleExpression.parse("absent(upsEstimatedMinutesRemaining) unless battery_absent == 1")
        var evaluator = RuleEvaluator()
        _ = evaluator.evaluate(expression, samples: samples(up: true, runtime: 42), at: t0)
        let flagged = samples(up: true, runtime: nil) + [Sample(name: "battery_absent", labels: poll, value: 1)]
        #expect(evaluator.evaluate(expression, samples: flagged, at: t0 + 60) == .results([]))
    }
}
