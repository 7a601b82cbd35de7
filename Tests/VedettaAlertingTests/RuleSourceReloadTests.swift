import Foundation
import Testing
import VedettaAlerting
import VedettaCore
import VedettaRules

/// ``RuleAlertSource/reconfigure(rules:devices:at:)``: what a configuration reload keeps of the alert state.
@Suite("Rule source: a reload keeps the state that still applies")
struct RuleSourceReloadTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func rule(_ name: String, _ text: String, hold: Duration = .zero, line: Int = 1) throws -> AlertRule {
        AlertRule(
            name: name, expression: try RuleExpression.parse(text), expressionText: text, holdDuration: hold,
            severity: .critical, location: SourceLocation(file: "rules.yaml", line: line, column: 3))
    }

    private func cpuHigh(line: Int = 1) throws -> AlertRule {
        try rule("CPUHigh", "cpu > 90", hold: .seconds(600), line: line)
    }

    private func report(_ device: String, at minutes: Double, up: Double = 1, cpu: Double = 95, errors: Double = 0)
        -> SampleReport
    {
        let labels: LabelSet = ["device": LabelSet.Value(device), "probe": "snmp"]
        return SampleReport(
            device: DeviceID(device), source: "snmp",
            samples: [
                Sample(name: "up", labels: labels, value: up), Sample(name: "cpu", labels: labels, value: cpu),
                Sample(name: "ifInErrors", labels: labels, value: errors, kind: .counter),
            ],
            at: t0 + minutes * 60)
    }

    private func words(_ changes: [AlertChange]) -> [String] {
        changes.map { change in
            let device = change.alert.device.rawValue
            switch change.kind {
            case .fired: return "fired \(change.alert.ruleName) \(device)"
            case .resolved: return "resolved \(change.alert.ruleName) \(device)"
            default: return "\(change.kind) \(change.alert.ruleName) \(device)"
            }
        }
    }

    @Test("same rules: a for: hold and the counters' rates carry on; a removed device's firing alert resolves")
    func sameRules() throws {
        let rules = [
            try cpuHigh(), try rule("ErrorsRising", "rate(ifInErrors[5m]) > 1"), try rule("Down", "up == 0"),
        ]
        var source = RuleAlertSource(rules: rules)
        #expect(words(source.evaluate(report("core-sw", at: 0)).changes).isEmpty)  // CPUHigh pending
        #expect(words(source.evaluate(report("edge-sw", at: 0, up: 0)).changes) == ["fired Down edge-sw"])

        let resolved = source.reconfigure(rules: rules, devices: ["core-sw"], at: t0 + 30)
        #expect(words(resolved) == ["resolved Down edge-sw"])
        #expect(resolved.first?.alert.resolvedAt == t0 + 30)
        #expect(!source.activeAlerts.contains { $0.device == "edge-sw" })

        // The rate has its previous point (600 errors in a minute): it fires at the first poll after the reload.
        #expect(words(source.evaluate(report("core-sw", at: 1, errors: 600)).changes) == ["fired ErrorsRising core-sw"])
        // The hold began before the reload: CPUHigh fires ten minutes after the first poll, not after the reload.
        #expect(
            words(source.evaluate(report("core-sw", at: 10, errors: 600)).changes).contains("fired CPUHigh core-sw"))
    }

    @Test(
        "changed rules: a removed rule's alert resolves, a kept rule's hold stays, a moved rule is the same rule, and rates carry on"
    )
    func changedRules() throws {
        var source = RuleAlertSource(rules: [try cpuHigh(), try rule("Down", "up == 0")])
        #expect(words(source.evaluate(report("core-sw", at: 0, up: 0)).changes) == ["fired Down core-sw"])

        // CPUHigh is now written further down the file; Down is gone; ErrorsRising is new.
        let next = [try cpuHigh(line: 40), try rule("ErrorsRising", "rate(ifInErrors[5m]) > 1")]
        #expect(words(source.reconfigure(rules: next, devices: ["core-sw"], at: t0 + 30)) == ["resolved Down core-sw"])
        #expect(source.activeAlerts.map(\.ruleName) == ["CPUHigh"])
        #expect(source.activeAlerts.first?.activeSince == t0)

        // The rules were compiled again, and the new evaluator read the latest poll (0 errors at minute 0): the rate
        // has its previous point at the first poll after the reload.
        #expect(words(source.evaluate(report("core-sw", at: 1, errors: 600)).changes) == ["fired ErrorsRising core-sw"])
        #expect(
            words(source.evaluate(report("core-sw", at: 10, errors: 600)).changes).contains("fired CPUHigh core-sw"))
    }

    @Test("without rules nothing is evaluated, but a reload that brings rules primes them with the last poll")
    func fromNoRules() throws {
        var source = RuleAlertSource(rules: [])
        #expect(source.evaluate(report("core-sw", at: 0, up: 0)).changes.isEmpty)
        #expect(source.evaluate(report("core-sw", at: 1, errors: 0)).condition == nil)
        #expect(source.activeAlerts.isEmpty)

        let rules = [try rule("ErrorsRising", "rate(ifInErrors[5m]) > 1")]
        #expect(source.reconfigure(rules: rules, devices: ["core-sw"], at: t0 + 90).isEmpty)
        // The rate has the poll before the reload as its first point: 600 errors in a minute fire at once.
        #expect(words(source.evaluate(report("core-sw", at: 2, errors: 600)).changes) == ["fired ErrorsRising core-sw"])
    }

    @Test("a rule moved in its file has the same definition; one with another threshold does not")
    func sameDefinition() throws {
        #expect(try cpuHigh().hasSameDefinition(as: try cpuHigh(line: 99)))
        #expect(try !cpuHigh().hasSameDefinition(as: try rule("CPUHigh", "cpu > 80", hold: .seconds(600))))
    }
}
