import Foundation
import Testing
import VedettaAlerting
import VedettaCore
import VedettaRules

/// `no_data:` on the rule source: a device that answers but stopped exporting what a rule reads.
@Suite("no_data: a table that disappears is noticed")
struct NoDataPolicyTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    private let poll: LabelSet = ["device": "core-sw", "probe": "snmp", "site": "milano"]

    private func rule(_ policy: NoDataPolicy?) throws -> AlertRule {
        AlertRule(
            name: "CiscoCPUHigh", expression: try RuleExpression.parse("cpmCPUTotal5minRev > 90"),
            expressionText: "cpmCPUTotal5minRev > 90", noData: policy, severity: .critical,
            labels: ["team": "network"], location: SourceLocation(file: "t.yaml", line: 1, column: 1))
    }

    private func report(at minutes: Double, up: Bool = true, cpu: Double?) -> SampleReport {
        var samples = [Sample(name: "up", labels: poll, value: up ? 1 : 0)]
        if let cpu {
            samples.append(
                Sample(name: "cpmCPUTotal5minRev", labels: poll.merging(["cpmCPUTotalIndex": "1"]), value: cpu))
        }
        return SampleReport(device: "core-sw", source: "snmp", samples: samples, at: t0 + minutes * 60)
    }

    private func changes(_ source: inout RuleAlertSource, _ report: SampleReport) -> [String] {
        source.evaluate(report).changes.map { change in
            switch change.kind {
            case .fired: "fired \(change.alert.ruleName)"
            case .resolved: "resolved \(change.alert.ruleName)"
            case .stillFiring: "still \(change.alert.ruleName)"
            case .flapping: "flapping \(change.alert.ruleName)"
            case .settled: "settled \(change.alert.ruleName)"
            }
        }
    }

    @Test("alert: after `after` of answered polls without the data, <rule>NoData fires; back, it resolves")
    func alert() throws {
        var source = RuleAlertSource(rules: [try rule(NoDataPolicy(state: .alert, after: .seconds(600)))])
        #expect(changes(&source, report(at: 0, cpu: 10)).isEmpty)
        #expect(changes(&source, report(at: 5, cpu: nil)).isEmpty)
        #expect(changes(&source, report(at: 8, up: false, cpu: nil)).isEmpty)
        #expect(changes(&source, report(at: 10, cpu: nil)) == ["fired CiscoCPUHighNoData"])
        let alert = try #require(source.activeAlerts.first)
        #expect(alert.severity == .warning)
        #expect(
            alert.labels == poll.merging(["team": "network", "alertname": "CiscoCPUHighNoData", "severity": "warning"]))
        #expect(alert.summary == "core-sw answers but no longer exports what CiscoCPUHigh reads (cpmCPUTotal5minRev)")
        #expect(changes(&source, report(at: 11, cpu: nil)).isEmpty)
        // A poll that fails is DeviceUnreachable's business: the no-data alert stays as it is.
        #expect(changes(&source, report(at: 12, up: false, cpu: nil)).isEmpty)
        #expect(changes(&source, report(at: 13, cpu: 20)) == ["resolved CiscoCPUHighNoData"])
    }

    @Test("ok: the rule's firing alert resolves once the data has been missing for `after`")
    func ok() throws {
        var source = RuleAlertSource(rules: [try rule(NoDataPolicy(state: .ok, after: .seconds(300)))])
        #expect(changes(&source, report(at: 0, cpu: 95)) == ["fired CiscoCPUHigh"])
        #expect(changes(&source, report(at: 4, cpu: nil)).isEmpty)
        #expect(changes(&source, report(at: 5, cpu: nil)) == ["resolved CiscoCPUHigh"])
        #expect(changes(&source, report(at: 6, cpu: nil)).isEmpty)
    }

    @Test("keep, like no policy at all, leaves a firing alert firing; a device that never had the data says nothing")
    func keepAndNever() throws {
        for policy in [NoDataPolicy(state: .keep, after: .seconds(60)), nil] {
            var source = RuleAlertSource(rules: [try rule(policy)])
            #expect(changes(&source, report(at: 0, cpu: 95)) == ["fired CiscoCPUHigh"])
            #expect(changes(&source, report(at: 30, cpu: nil)).isEmpty)
            #expect(source.activeAlerts.map(\.ruleName) == ["CiscoCPUHigh"])
        }
        var never = RuleAlertSource(rules: [try rule(NoDataPolicy(state: .alert, after: .seconds(60)))])
        for minute in 0..<30 { #expect(changes(&never, report(at: Double(minute), cpu: nil)).isEmpty) }
    }
}
