import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

@Suite("AlertTracker")
struct AlertTrackerTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func rule(
        _ name: String = "InterfaceDown",
        hold: Duration = .seconds(60),
        severity: Severity = .warning
    ) throws -> AlertRule {
        AlertRule(
            name: name,
            expression: try RuleExpression.parse("ifOperStatus == 2"),
            expressionText: "ifOperStatus == 2",
            holdDuration: hold,
            severity: severity,
            summary: "{{ $labels.device }} {{ $labels.ifName }} is down",
            description: "status {{ $value }}, team {{ $labels.team }}",
            labels: ["team": "network"],
            location: SourceLocation(file: "alerts/network.yaml", line: 10, column: 5)
        )
    }

    private func port(_ name: String, device: String = "sw1") -> SeriesResult {
        SeriesResult(labels: ["device": device, "ifName": name], value: 2)
    }

    @Test("alert labels are series labels plus rule labels, alertname and severity")
    func alertLabels() throws {
        let labels = try rule(severity: .critical).alertLabels(for: ["device": "sw1", "team": "x", "severity": "y"])
        #expect(labels == ["device": "sw1", "team": "network", "alertname": "InterfaceDown", "severity": "critical"])
    }

    @Test("a series fires after the hold duration with rendered summary and description")
    func firing() throws {
        var tracker = AlertTracker()
        let rule = try rule()
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0).isEmpty)
        #expect(tracker.firingAlerts.isEmpty)
        #expect(tracker.activeAlerts.map(\.state) == [.pending])
        let updates = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0 + 60)
        let expected = Alert(
            ruleName: "InterfaceDown",
            device: "sw1",
            labels: [
                "device": "sw1", "ifName": "ge1", "team": "network", "alertname": "InterfaceDown",
                "severity": "warning",
            ],
            value: 2,
            state: .firing,
            activeSince: t0,
            firedAt: t0 + 60,
            severity: .warning,
            summary: "sw1 ge1 is down",
            description: "status 2, team network"
        )
        #expect(updates == [AlertUpdate(transition: .firing(since: t0 + 60), alert: expected)])
        #expect(tracker.firingAlerts == [expected])
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0 + 90).isEmpty)
    }

    @Test("a firing series missing from the results is resolved; a pending one is dropped silently")
    func resolution() throws {
        var tracker = AlertTracker()
        let rule = try rule()
        _ = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0)
        _ = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0 + 60)
        _ = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1"), port("ge2")]), at: t0 + 90)
        #expect(tracker.activeAlerts.map(\.state) == [.firing, .pending])

        let updates = tracker.update(device: "sw1", rule: rule, evaluation: .results([]), at: t0 + 120)
        #expect(updates.count == 1)
        #expect(updates.first?.transition == .resolved)
        #expect(updates.first?.alert.state == .resolved)
        #expect(updates.first?.alert.resolvedAt == t0 + 120)
        #expect(updates.first?.alert.firedAt == t0 + 60)
        #expect(updates.first?.alert.labels["ifName"] == "ge1")
        #expect(tracker.activeAlerts.isEmpty)
    }

    @Test("noData leaves the device's alerts for the rule untouched")
    func noData() throws {
        var tracker = AlertTracker()
        let rule = try rule(hold: .zero)
        _ = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0)
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .noData, at: t0 + 60).isEmpty)
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .noData, at: t0 + 600).isEmpty)
        #expect(tracker.firingAlerts.map(\.firedAt) == [t0])
        let updates = tracker.update(device: "sw1", rule: rule, evaluation: .results([]), at: t0 + 660)
        #expect(updates.map(\.transition) == [.resolved])
    }

    @Test("results for one device or rule never resolve the alerts of another")
    func scopes() throws {
        var tracker = AlertTracker()
        let down = try rule(hold: .zero)
        let other = try rule("Other", hold: .zero)
        _ = tracker.update(device: "sw1", rule: down, evaluation: .results([port("ge1")]), at: t0)
        _ = tracker.update(device: "sw2", rule: down, evaluation: .results([port("ge1", device: "sw2")]), at: t0)
        _ = tracker.update(device: "sw1", rule: other, evaluation: .results([port("ge1")]), at: t0)
        #expect(tracker.firingAlerts.count == 3)
        let updates = tracker.update(device: "sw2", rule: down, evaluation: .results([]), at: t0 + 60)
        #expect(updates.map(\.alert.device) == ["sw2"])
        let rest = #"device="sw1",ifName="ge1",severity="warning",team="network"}"#
        #expect(
            tracker.firingAlerts.map(\.key.description) == [
                #"InterfaceDown{alertname="InterfaceDown","# + rest,
                #"Other{alertname="Other","# + rest,
            ])
    }

    @Test("value and summary follow the latest evaluation while firing")
    func valueUpdates() throws {
        var tracker = AlertTracker()
        var rule = try rule(hold: .zero)
        rule.summary = "errors {{ $value }}"
        _ = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0)
        var later = port("ge1")
        later.value = 7.5
        _ = tracker.update(device: "sw1", rule: rule, evaluation: .results([later]), at: t0 + 30)
        #expect(tracker.firingAlerts.map(\.summary) == ["errors 7.5"])
        #expect(tracker.firingAlerts.map(\.value) == [7.5])
        #expect(tracker.firingAlerts.map(\.firedAt) == [t0])
    }

    @Test("restored alerts stay firing while they hold and resolve when their series is gone")
    func restore() throws {
        var tracker = AlertTracker()
        let rule = try rule()
        let labels = rule.alertLabels(for: port("ge1").labels)
        let restored = [
            Alert(
                ruleName: rule.name, device: "sw1", labels: labels, value: nil, state: .firing,
                activeSince: t0 - 120, firedAt: t0 - 60, severity: .warning, summary: "from the incident"),
            Alert(
                ruleName: rule.name, device: "sw1", labels: rule.alertLabels(for: port("ge2").labels), value: 2,
                state: .pending, activeSince: t0 - 30, severity: .warning),
        ]
        tracker.restore(firing: restored)
        #expect(tracker.firingAlerts.map(\.firedAt) == [t0 - 60, t0 - 30])
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .noData, at: t0).isEmpty)

        let updates = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0 + 30)
        #expect(updates.map(\.transition) == [.resolved])
        #expect(updates.map { $0.alert.labels["ifName"] } == ["ge2"])
        #expect(tracker.firingAlerts.map(\.firedAt) == [t0 - 60])
        #expect(tracker.firingAlerts.map(\.activeSince) == [t0 - 120])
        #expect(tracker.firingAlerts.map(\.summary) == ["sw1 ge1 is down"])
    }

    @Test("retain resolves the firing alerts of removed rules and devices and drops pending ones")
    func retain() throws {
        var tracker = AlertTracker()
        let kept = try rule(hold: .zero)
        let removed = try rule("Removed", hold: .zero)
        let pending = try rule("Pending", hold: .seconds(600))
        for device: DeviceID in ["sw1", "sw2"] {
            let results = RuleEvaluation.results([port("ge1", device: device.rawValue)])
            for rule in [kept, removed, pending] {
                _ = tracker.update(device: device, rule: rule, evaluation: results, at: t0)
            }
        }
        let updates = tracker.retain(ruleNames: ["InterfaceDown", "Pending"], devices: ["sw1"], at: t0 + 10)
        #expect(updates.map(\.transition) == [.resolved, .resolved, .resolved])
        #expect(
            updates.map { "\($0.alert.ruleName)@\($0.alert.device)" } == [
                "InterfaceDown@sw2", "Removed@sw1", "Removed@sw2",
            ])
        #expect(
            tracker.activeAlerts.map { "\($0.ruleName)@\($0.device):\($0.state)" } == [
                "InterfaceDown@sw1:firing", "Pending@sw1:pending",
            ])
    }

    @Test("a changed severity is a new alert: the old one resolves, the new one fires")
    func severityChange() throws {
        var tracker = AlertTracker()
        _ = tracker.update(device: "sw1", rule: try rule(hold: .zero), evaluation: .results([port("ge1")]), at: t0)
        let critical = try rule(hold: .zero, severity: .critical)
        let updates = tracker.update(device: "sw1", rule: critical, evaluation: .results([port("ge1")]), at: t0 + 30)
        #expect(Set(updates.map(\.transition)) == [.resolved, .firing(since: t0 + 30)])
        #expect(tracker.firingAlerts.map(\.severity) == [.critical])
    }
}
