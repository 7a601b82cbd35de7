import Foundation
import Testing
import VedettaAlerting
import VedettaCore
import VedettaRules

/// Pending alerts handed from one run of the rule source to the next, as the agent does across a restart.
@Suite("Pending alerts taken over by the next run")
struct PendingAlertAdoptionTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    private let poll: LabelSet = ["device": "core-sw", "probe": "snmp", "site": "milano"]

    private func rules(hold: Duration = .seconds(600)) throws -> [AlertRule] {
        [
            AlertRule(
                name: "CPUHigh", expression: try RuleExpression.parse("cpu > 90"), expressionText: "cpu > 90",
                holdDuration: hold, severity: .critical, location: SourceLocation(file: "t.yaml", line: 1, column: 1)),
            AlertRule(
                name: "CPUNow", expression: try RuleExpression.parse("cpu > 90"), expressionText: "cpu > 90",
                severity: .warning, location: SourceLocation(file: "t.yaml", line: 5, column: 1)),
        ]
    }

    private func report(at minutes: Double, cpu: Double, device: DeviceID = "core-sw") -> SampleReport {
        let labels = poll.merging(["device": device.rawValue])
        return SampleReport(
            device: device, source: "snmp", samples: [Sample(name: "cpu", labels: labels, value: cpu)],
            at: t0 + minutes * 60)
    }

    private func fired(_ source: inout RuleAlertSource, _ report: SampleReport) -> [String] {
        source.evaluate(report).changes.compactMap { change in
            if case .fired = change.kind { change.alert.ruleName } else { nil }
        }
    }

    @Test("a pending alert taken over fires 10 minutes after it became pending, counted across the restart")
    func firesOnTime() throws {
        var before = RuleAlertSource(rules: try rules())
        #expect(fired(&before, report(at: 0, cpu: 95)) == ["CPUNow"])
        #expect(fired(&before, report(at: 3, cpu: 96)).isEmpty)
        let saved = before.pendingAlerts
        #expect(saved.map(\.alert.ruleName) == ["CPUHigh"])
        #expect(saved.map(\.source) == ["snmp"])
        #expect(saved.map(\.alert.activeSince) == [t0])

        // The next run (no incident adopted here: CPUNow fires anew); CPUHigh's pending alert is taken over.
        var after = RuleAlertSource(rules: try rules())
        #expect(after.adoptPending(saved, devices: ["core-sw"]) == 1)
        #expect(after.activeAlerts.map(\.state) == [.pending])
        #expect(fired(&after, report(at: 6, cpu: 97)) == ["CPUNow"])
        #expect(fired(&after, report(at: 10, cpu: 97)) == ["CPUHigh"])
        #expect(after.activeAlerts.first { $0.ruleName == "CPUHigh" }?.activeSince == t0)
    }

    @Test("alerts of removed devices, and of rules that are gone or lost their for:, are not taken over")
    func filtered() throws {
        var before = RuleAlertSource(rules: try rules())
        _ = before.evaluate(report(at: 0, cpu: 95))
        _ = before.evaluate(report(at: 0, cpu: 95, device: "edge-sw"))
        let saved = before.pendingAlerts
        #expect(saved.map(\.alert.device) == ["core-sw", "edge-sw"])

        var removedDevice = RuleAlertSource(rules: try rules())
        #expect(removedDevice.adoptPending(saved, devices: ["core-sw"]) == 1)
        var noHold = RuleAlertSource(rules: try rules(hold: .zero))
        #expect(noHold.adoptPending(saved, devices: ["core-sw", "edge-sw"]) == 0)
        var renamed = RuleAlertSource(rules: try rules().filter { $0.name != "CPUHigh" })
        #expect(renamed.adoptPending(saved, devices: ["core-sw", "edge-sw"]) == 0)
        #expect(renamed.activeAlerts.isEmpty)
    }
}
