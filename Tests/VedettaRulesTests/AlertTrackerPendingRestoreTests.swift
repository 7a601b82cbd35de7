import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// Pending alerts rebuilt after a restart: their `for:` counts from when they became pending.
@Suite("AlertTracker, pending alerts restored")
struct AlertTrackerPendingRestoreTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func rule(hold: Duration = .seconds(300)) throws -> AlertRule {
        AlertRule(
            name: "InterfaceDown", expression: try RuleExpression.parse("ifOperStatus == 2"),
            expressionText: "ifOperStatus == 2", holdDuration: hold, severity: .warning,
            summary: "{{ $labels.device }} {{ $labels.ifName }} is down",
            location: SourceLocation(file: "alerts/network.yaml", line: 10, column: 5))
    }

    private func port(_ name: String) -> SeriesResult {
        SeriesResult(labels: ["device": "sw1", "ifName": name], value: 2)
    }

    /// The alert a tracker holds as pending for `ifName` since `since`.
    private func pending(_ rule: AlertRule, _ name: String, since: Date) -> Alert {
        Alert(
            ruleName: rule.name, device: "sw1", labels: rule.alertLabels(for: port(name).labels), value: 2,
            state: .pending, activeSince: since, severity: .warning, summary: "saved")
    }

    @Test("a restored pending alert fires once for: has passed since it became pending, not since the restart")
    func firesByItsOriginalStart() throws {
        let rule = try rule()
        var tracker = AlertTracker()
        #expect(tracker.restore(pending: [pending(rule, "ge1", since: t0)]) == 1)
        #expect(tracker.activeAlerts.map(\.state) == [.pending])
        #expect(tracker.tracks("sw1", ruleName: rule.name))

        // 4 minutes after it became pending: still pending.
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0 + 240).isEmpty)
        // 5 minutes after: fires, with the original start.
        let updates = tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0 + 300)
        #expect(updates.map(\.transition) == [.firing(since: t0 + 300)])
        #expect(updates.first?.alert.activeSince == t0)
        #expect(updates.first?.alert.summary == "sw1 ge1 is down")
    }

    @Test("a restored pending alert whose series no longer holds is dropped without a notification")
    func droppedWhenNoLongerHolding() throws {
        let rule = try rule()
        var tracker = AlertTracker()
        tracker.restore(pending: [pending(rule, "ge1", since: t0), pending(rule, "ge2", since: t0 - 60)])
        // A device that does not answer changes nothing.
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .noData, at: t0 + 60).isEmpty)
        #expect(tracker.activeAlerts.count == 2)
        // ge2 recovered while the agent was stopped; ge1 still holds.
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0 + 120).isEmpty)
        #expect(tracker.activeAlerts.map { $0.labels["ifName"] } == ["ge1"])
        #expect(tracker.activeAlerts.map(\.activeSince) == [t0])
    }

    @Test("an alert already tracked (firing, from its open incident) is kept as it is")
    func firingAlertWins() throws {
        let rule = try rule()
        var tracker = AlertTracker()
        var firing = pending(rule, "ge1", since: t0 - 900)
        firing.firedAt = t0 - 600
        tracker.restore(firing: [firing])
        #expect(tracker.restore(pending: [pending(rule, "ge1", since: t0 - 100)]) == 0)
        #expect(tracker.firingAlerts.map(\.firedAt) == [t0 - 600])
        #expect(tracker.update(device: "sw1", rule: rule, evaluation: .results([port("ge1")]), at: t0).isEmpty)
    }
}
