import Foundation
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules

/// One alert and the channels `notify.routes` must give it.
struct RoutingCase: CustomTestStringConvertible, Sendable {
    let name: String
    let rule: String
    let severity: Severity
    let labels: [String: String]
    let channels: [String]

    var testDescription: String { name }
}

@Suite("Label routes: first match wins, continue tries the next, the catch-all takes the rest")
struct LabelRouterTests {
    private static func matchers(_ text: String) -> [LabelMatcher] {
        (try? LabelMatcher.parseList(text)) ?? []
    }

    private static let router = LabelRouter(rules: [
        .init(matchers: matchers(#"severity="critical""#), channels: ["noc-sms"], continues: true),
        .init(matchers: matchers(#"team="applications""#), channels: ["app-mail", "app-chat"]),
        .init(matchers: matchers(#"site=~"roma|napoli""#), channels: ["south-mail"]),
        .init(matchers: matchers(#"alertname="UPSOnBattery""#), channels: ["facilities"]),
        .init(matchers: [], channels: ["noc-mail"]),
    ])

    static let cases: [RoutingCase] = [
        RoutingCase(
            name: "a critical application alert pages by SMS, then goes to the application team",
            rule: "HTTPCheckDown", severity: .critical, labels: ["team": "applications"],
            channels: ["noc-sms", "app-mail", "app-chat"]),
        RoutingCase(
            name: "a warning of the application team goes to the team only", rule: "HTTPSlow", severity: .warning,
            labels: ["team": "applications", "site": "roma"], channels: ["app-mail", "app-chat"]),
        RoutingCase(
            name: "a site matched by a regular expression", rule: "InterfaceDown", severity: .warning,
            labels: ["site": "napoli"], channels: ["south-mail"]),
        RoutingCase(
            name: "the rule's name is the label alertname", rule: "UPSOnBattery", severity: .warning, labels: [:],
            channels: ["facilities"]),
        RoutingCase(
            name: "a critical alert nobody else takes: SMS, then the catch-all", rule: "DeviceUnreachable",
            severity: .critical, labels: ["site": "milano"], channels: ["noc-sms", "noc-mail"]),
        RoutingCase(
            name: "anything else: the catch-all", rule: "DiskFull", severity: .info, labels: ["site": "milano"],
            channels: ["noc-mail"]),
    ]

    @Test("each alert gets its channels", arguments: cases)
    func routes(_ testCase: RoutingCase) {
        let alert = Alert(
            ruleName: testCase.rule, device: "dev", labels: LabelSet(testCase.labels), value: 1, state: .firing,
            activeSince: Date(timeIntervalSince1970: 0), severity: testCase.severity)
        #expect(Self.router.route(alert).channels == testCase.channels)
    }

    @Test("the first route naming a policy gives the escalation; group_by makes the group key of the opening")
    func escalationAndGroup() throws {
        let router = LabelRouter(rules: [
            .init(matchers: Self.matchers(#"severity="critical""#), channels: ["noc-room"], continues: true),
            .init(
                matchers: Self.matchers(#"role="switch""#), channels: [],
                escalation: RouteEscalation(policy: "noc", groupBy: ["device", "site"], groupWait: .seconds(20)),
                continues: true),
            .init(matchers: [], channels: [], escalation: "everything"),
        ])
        var decisions = AlertDecisions(router: router)
        let alert = Alert(
            ruleName: "InterfaceDown", device: "sw-12",
            labels: ["device": "sw-12", "role": "switch", "site": "milano"],
            value: 1, state: .firing, activeSince: Date(timeIntervalSince1970: 0), severity: .critical)
        #expect(router.route(alert).channels == ["noc-room"])
        #expect(router.route(alert).escalation?.policy == "noc")
        let change = AlertChange(.fired(since: Date(timeIntervalSince1970: 0)), alert: alert)
        guard case .open(_, _, let notify, let escalation?, nil) = decisions.decide(change, at: Date()) else {
            Issue.record("expected an opening with an escalation")
            return
        }
        #expect(notify.map(\.channel) == ["noc-room"])
        #expect(
            escalation
                == EscalationStart(policy: "noc", groupKey: "noc|device=sw-12,site=milano", groupWait: .seconds(20)))
        // Without group_by: alone, at once.
        let server = Alert(
            ruleName: "DiskFull", device: "crm-01", labels: ["device": "crm-01"], value: 1, state: .firing,
            activeSince: Date(timeIntervalSince1970: 0), severity: .warning)
        guard
            case .open(_, _, _, let alone?, nil) = decisions.decide(
                AlertChange(.fired(since: Date(timeIntervalSince1970: 0)), alert: server), at: Date())
        else {
            Issue.record("expected an opening with an escalation")
            return
        }
        #expect(alone == EscalationStart(policy: "everything"))
    }
}
