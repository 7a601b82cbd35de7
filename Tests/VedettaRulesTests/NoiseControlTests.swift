import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// `keep_firing_for` and `clear` (hysteresis): a CPU hovering around its threshold, or a link that drops for a few
/// seconds, opens one incident, not one per crossing. Driven through the real evaluator and tracker, poll by poll.
@Suite("Noise control: keep_firing_for and clear")
struct NoiseControlTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func rule(
        expr: String, clear: String? = nil, keepFiringFor: Duration = .zero, flapping: FlappingPolicy? = nil
    ) throws -> AlertRule {
        AlertRule(
            name: "HighCPU", expression: try RuleExpression.parse(expr), expressionText: expr,
            keepFiringFor: keepFiringFor, clearExpression: try clear.map { try RuleExpression.parse($0) },
            flapping: flapping,
            severity: .critical, summary: "{{ $labels.device }} CPU {{ $value }}",
            location: SourceLocation(file: "alerts/server.yaml", line: 3, column: 5))
    }

    /// One poll of `sw1`: a CPU sample per core given, and an uptime sample so the poll always has data.
    private func poll(_ cpu: [String: Double]) -> SampleIndex {
        var samples = cpu.map { core, value in
            Sample(name: "cpu_busy_percent", labels: ["device": "sw1", "core": core], value: value)
        }
        samples.append(Sample(name: "sysUpTime", labels: ["device": "sw1"], value: 1))
        return SampleIndex(samples)
    }

    /// Feeds polls one minute apart; returns each poll's transitions as `fired`/`resolved` strings.
    private func run(_ rule: AlertRule, _ polls: [[String: Double]]) -> [[String]] {
        var evaluator = RuleEvaluator()
        var tracker = AlertTracker()
        return polls.enumerated().map { minute, cpu in
            let at = t0 + Double(minute) * 60
            let samples = poll(cpu)
            let updates = tracker.update(
                device: "sw1", rule: rule, evaluation: evaluator.evaluate(rule, samples: samples, at: at),
                clearing: evaluator.evaluateClear(rule, samples: samples, at: at), at: at)
            return updates.map { update in
                let core = update.alert.labels["core"] ?? "?"
                switch update.transition {
                case .firing: return "fired \(core)"
                case .resolved: return "resolved \(core)"
                case .pending: return "pending \(core)"
                case .flapping: return "flapping \(core)"
                case .settled: return "settled \(core)"
                }
            }
        }
    }

    @Test("without either, a CPU hovering around 90 % opens and closes an alert at every crossing")
    func withoutNoiseControl() throws {
        let polls: [[String: Double]] = [["0": 95], ["0": 88], ["0": 93], ["0": 85], ["0": 91]]
        #expect(
            run(try rule(expr: "cpu_busy_percent > 90"), polls) == [
                ["fired 0"], ["resolved 0"], ["fired 0"], ["resolved 0"], ["fired 0"],
            ])
    }

    @Test("flapping: the second resolution within an hour holds the alert firing; 15 steady minutes settle it")
    func flapping() throws {
        let rule = try rule(expr: "cpu_busy_percent > 90", flapping: .standard)
        let hovering: [[String: Double]] = [["0": 95], ["0": 85], ["0": 95], ["0": 85], ["0": 95], ["0": 85]]
        let steady = [[String: Double]](repeating: ["0": 85], count: 16)
        let transitions = run(rule, hovering + steady)
        #expect(Array(transitions.prefix(4)) == [["fired 0"], ["resolved 0"], ["fired 0"], ["flapping 0"]])
        // Minute 5 is the last change: 15 minutes later it settles and, no longer holding, resolves.
        #expect(transitions[4..<20].allSatisfy { $0.isEmpty })
        #expect(transitions[20] == ["resolved 0"])
        #expect(transitions[21].isEmpty)
    }

    @Test("flapping: an alert that settles while its condition holds keeps firing, and later resolves as usual")
    func settlesFiring() throws {
        let rule = try rule(
            expr: "cpu_busy_percent > 90",
            flapping: FlappingPolicy(
                changes: 3, window: .seconds(3600), settle: .seconds(300)))
        let hovering: [[String: Double]] = [["0": 95], ["0": 85], ["0": 95], ["0": 85], ["0": 95]]
        let steady = [[String: Double]](repeating: ["0": 97], count: 5)
        let transitions = run(rule, hovering + steady + [["0": 50]])
        #expect(transitions[3] == ["flapping 0"])
        #expect(transitions[9] == ["settled 0"])
        #expect(transitions[10] == ["resolved 0"])
        #expect(transitions[4..<9].allSatisfy { $0.isEmpty })
    }

    @Test("flapping: false (nil) pages at every crossing, as without the policy")
    func flappingOff() throws {
        let polls =
            [[String: Double]](repeating: ["0": 95], count: 1) + [
                ["0": 85], ["0": 95], ["0": 85], ["0": 95], ["0": 85],
            ]
        let rule = try rule(expr: "cpu_busy_percent > 90")
        #expect(
            run(rule, polls).map { $0.first ?? "" } == [
                "fired 0", "resolved 0", "fired 0", "resolved 0", "fired 0", "resolved 0",
            ])
    }

    @Test("clear: fires above 90, stays firing between 75 and 90, clears below 75, and does not refire below 90")
    func hysteresis() throws {
        let rule = try rule(expr: "cpu_busy_percent > 90", clear: "cpu_busy_percent < 75")
        let polls: [[String: Double]] = [["0": 95], ["0": 88], ["0": 93], ["0": 80], ["0": 70], ["0": 85], ["0": 92]]
        #expect(run(rule, polls) == [["fired 0"], [], [], [], ["resolved 0"], [], ["fired 0"]])
    }

    @Test(
        "clear: a series no longer measured resolves, another core's stays; a poll without CPU samples changes nothing")
    func hysteresisSeriesGone() throws {
        let rule = try rule(expr: "cpu_busy_percent > 90", clear: "cpu_busy_percent < 75")
        let polls: [[String: Double]] = [
            ["0": 95, "1": 96], ["0": 80, "1": 80], ["1": 80], [:], ["1": 70, "2": 10],
        ]
        #expect(run(rule, polls) == [["fired 0", "fired 1"], [], ["resolved 0"], [], ["resolved 1"]])
    }

    @Test("keep_firing_for: a dip shorter than it neither resolves nor fires again; a longer one resolves once")
    func keepFiringFor() throws {
        let rule = try rule(expr: "cpu_busy_percent > 90", keepFiringFor: .seconds(180))
        // Minutes: 0 fires; 1–2 below (a 2-minute dip); 3 above again; 4–7 below: resolved at minute 7 (3 min).
        let polls: [[String: Double]] = [
            ["0": 95], ["0": 50], ["0": 50], ["0": 95], ["0": 50], ["0": 50], ["0": 50], ["0": 50], ["0": 95],
        ]
        #expect(run(rule, polls) == [["fired 0"], [], [], [], [], [], [], ["resolved 0"], ["fired 0"]])
    }

    @Test("keep_firing_for also holds an alert whose series left the poll; a removed rule ends it at once")
    func keepFiringForMissingSeries() throws {
        let rule = try rule(expr: "cpu_busy_percent > 90", keepFiringFor: .seconds(120))
        let polls: [[String: Double]] = [["0": 95], ["1": 5], ["1": 5], ["1": 5]]
        #expect(run(rule, polls) == [["fired 0"], [], [], ["resolved 0"]])

        var evaluator = RuleEvaluator()
        var tracker = AlertTracker()
        let samples = poll(["0": 95])
        _ = tracker.update(
            device: "sw1", rule: rule, evaluation: evaluator.evaluate(rule, samples: samples, at: t0), at: t0)
        let quiet = poll(["1": 5])
        _ = tracker.update(
            device: "sw1", rule: rule, evaluation: evaluator.evaluate(rule, samples: quiet, at: t0 + 60), at: t0 + 60)
        #expect(tracker.firingAlerts.count == 1)
        let dropped = tracker.retain(ruleNames: [], devices: ["sw1"], at: t0 + 61)
        #expect(dropped.map(\.transition) == [.resolved])
        #expect(tracker.firingAlerts.isEmpty)
    }

    @Test("the state machine: quiet time counts from the first evaluation that did not hold")
    func machine() {
        var machine = AlertStateMachine(holdDuration: .zero)
        machine.keepFiringFor = .seconds(60)
        #expect(machine.observe(holds: true, value: 95, at: t0) == .firing(since: t0))
        #expect(machine.observe(holds: false, value: 50, at: t0 + 10) == nil)
        #expect(machine.quietSince == t0 + 10)
        #expect(machine.observe(holds: false, value: 50, at: t0 + 69) == nil)
        #expect(machine.observe(holds: false, value: 50, at: t0 + 70) == .resolved)
        #expect(machine.quietSince == nil && machine.state == .inactive)
        #expect(machine.end() == nil)
    }
}
