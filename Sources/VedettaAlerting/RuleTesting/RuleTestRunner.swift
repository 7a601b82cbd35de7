import Foundation
public import VedettaCore
public import VedettaRules

/// Runs rule unit tests (`vedetta test rules`) through the agent's own rule sources: the input series become one
/// poll per device and check every `interval`, evaluated exactly as the agent evaluates a poll; the input
/// notifications go to the trap rules at their times; and the firing alerts are compared with the expectations at
/// their times.
public enum RuleTestRunner {
    /// One expectation that did not hold.
    public struct Failure: Sendable, CustomStringConvertible {
        /// Where the expectation is written.
        public var location: SourceLocation
        /// The test's name.
        public var test: String
        /// The rule and time: `InterfaceDown at 5m`.
        public var subject: String
        /// The alerts expected, one per line.
        public var expected: [String]
        /// The alerts that fired, one per line.
        public var got: [String]

        /// `file:line:column: test "name": InterfaceDown at 5m` and the two lists.
        public var description: String {
            func list(_ items: [String]) -> String { items.isEmpty ? " (none)" : items.map { "\n    " + $0 }.joined() }
            return "\(location): test \"\(test)\": \(subject)\n  expected:\(list(expected))\n  got:\(list(got))"
        }
    }

    /// The time of the first poll of every test (its value does not matter; templates never show it).
    static let origin = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs every test of `suite`.
    /// - Parameter suite: The tests and their rules.
    /// - Returns: The expectations that failed, in file order; empty when all passed.
    public static func run(_ suite: RuleTestSuite) -> [Failure] {
        suite.cases.flatMap { run($0, rules: suite.rules, trapRules: suite.trapRules) }
    }

    private static func run(_ test: RuleTestCase, rules: [AlertRule], trapRules: [TrapRule]) -> [Failure] {
        let interval = test.interval.seconds
        guard interval > 0 else { return [] }
        let lastPoll = test.expectations.map { Int(($0.evalTime.seconds / interval).rounded(.down)) }.max() ?? 0
        var source = RuleAlertSource(rules: rules)
        var traps = TrapAlertSource(rules: trapRules)
        var pending = test.traps.sorted { $0.at < $1.at }[...]
        var failures: [Failure] = []
        for poll in 0...lastPoll {
            let instant = origin.addingTimeInterval(Double(poll) * interval)
            // The notifications up to this poll arrive first, each at its own time; then quiet alerts expire.
            while let next = pending.first, next.at.seconds <= Double(poll) * interval {
                pending.removeFirst()
                var event = next.event
                event.receivedAt = origin.addingTimeInterval(next.at.seconds)
                _ = traps.expire(at: event.receivedAt)
                _ = traps.receive(event)
            }
            _ = traps.expire(at: instant)
            for report in reports(of: test.series, poll: poll, at: instant) {
                _ = source.evaluate(report)
            }
            let firing = source.activeAlerts.filter { $0.state == .firing } + traps.activeAlerts
            for expectation in test.expectations
            where Int((expectation.evalTime.seconds / interval).rounded(.down)) == poll {
                if let failure = check(expectation, firing: firing, test: test.name) { failures.append(failure) }
            }
        }
        return failures.sorted { $0.location < $1.location }
    }

    /// One report per device and check that has a sample at `poll`, devices in name order.
    private static func reports(of series: [RuleTestSeries], poll: Int, at instant: Date) -> [SampleReport] {
        var samples: [String: [Sample]] = [:]
        var devices: [String: DeviceID] = [:]
        for item in series {
            guard poll < item.values.count, let value = item.values[poll] else { continue }
            let source = SampleReport.source(kind: item.labels["probe"] ?? "test", check: item.labels["check"])
            let device = item.labels["device"] ?? "-"
            let key = device + "\u{0}" + source
            samples[key, default: []].append(Sample(name: item.name, labels: item.labels, value: value))
            devices[key] = DeviceID(device)
        }
        return samples.keys.sorted().compactMap { key in
            guard let device = devices[key], let list = samples[key] else { return nil }
            let source = String(key.split(separator: "\u{0}", omittingEmptySubsequences: false).last ?? "test")
            return SampleReport(device: device, source: source, samples: list, at: instant)
        }
    }

    private static func check(_ expectation: RuleTestExpectation, firing: [Alert], test: String) -> Failure? {
        let got = firing.filter { $0.ruleName == expectation.alertName }
        var unmatched = got
        var missing: [ExpectedAlert] = []
        for expected in expectation.alerts {
            if let index = unmatched.firstIndex(where: { matches($0, expected) }) {
                unmatched.remove(at: index)
            } else {
                missing.append(expected)
            }
        }
        guard !missing.isEmpty || !unmatched.isEmpty else { return nil }
        return Failure(
            location: expectation.location, test: test,
            subject: "\(expectation.alertName) at \(expectation.evalTime.compactDescription)",
            expected: expectation.alerts.map { describe($0.labels, summary: $0.summary) }.sorted(),
            got: got.map { describe(labelsWithoutName($0), summary: $0.summary) }.sorted())
    }

    private static func matches(_ alert: Alert, _ expected: ExpectedAlert) -> Bool {
        labelsWithoutName(alert) == expected.labels
            && (expected.summary.map { $0 == alert.summary } ?? true)
            && (expected.description.map { $0 == alert.description } ?? true)
    }

    private static func labelsWithoutName(_ alert: Alert) -> LabelSet {
        alert.labels.removing(["alertname"])
    }

    private static func describe(_ labels: LabelSet, summary: String?) -> String {
        "\(labels)" + (summary.map { " summary=\"\($0)\"" } ?? "")
    }
}
