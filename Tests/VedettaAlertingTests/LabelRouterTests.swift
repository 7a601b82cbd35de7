import Foundation
import Testing
import VedettaAlerting
import VedettaCore
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
}
