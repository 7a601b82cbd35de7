import Foundation
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules

@Suite("Trap rules: a notification opens, its clearing notification or a quiet period resolves")
struct TrapAlertSourceTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let location = SourceLocation(file: "traps.yaml", line: 1, column: 1)

    static func portDown() throws -> TrapRule {
        TrapRule(
            name: "PortDownTrap", trap: try TrapPattern.parse("linkDown{ifAdminStatus!=\"down\"}"),
            clear: try TrapPattern.parse("linkUp"), matchOn: ["ifIndex"], resolveAfter: .seconds(3600),
            severity: .warning, summary: "{{ $labels.device }} port {{ $labels.ifIndex }} {{ $labels.ifDescr }} down",
            labels: ["team": "network"], location: location)
    }

    static func event(_ trap: String, ifIndex: UInt32, admin: Int64 = 1, at offset: TimeInterval) -> TrapEvent {
        TrapEvent(
            device: DeviceID("sw1"), deviceLabels: ["site": "milano", "role": "switch"],
            trapOID: TrapCatalog.notificationOID(trap) ?? OID([]),
            variables: [
                .init(oid: OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 1, ifIndex]), text: "\(ifIndex)", integer: Int64(ifIndex)),
                .init(oid: OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 7, ifIndex]), text: "\(admin)", integer: admin),
                .init(oid: OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 2, ifIndex]), text: "Gi0/\(ifIndex)"),
            ],
            receivedAt: t0.addingTimeInterval(offset))
    }

    @Test(
        "linkDown fires once per port with the device's labels, repeats change nothing, and only the same port's linkUp resolves it"
    )
    func clearByMatchingPort() throws {
        var source = TrapAlertSource(rules: [try Self.portDown()])
        let fired = source.receive(Self.event("linkDown", ifIndex: 3, at: 0))
        try #require(fired.count == 1)
        #expect(fired[0].kind == .fired(since: Self.t0))
        #expect(
            fired[0].alert.labels.dictionary == [
                "alertname": "PortDownTrap", "device": "sw1", "ifIndex": "3", "probe": "trap", "severity": "warning",
                "team": "network", "trap": "linkDown", "site": "milano", "role": "switch",
            ])
        #expect(fired[0].alert.summary == "sw1 port 3 Gi0/3 down")
        #expect(source.receive(Self.event("linkDown", ifIndex: 3, at: 10)).isEmpty)
        #expect(source.receive(Self.event("linkDown", ifIndex: 4, at: 20)).count == 1)
        #expect(source.activeAlerts.count == 2)

        let cleared = source.receive(Self.event("linkUp", ifIndex: 4, at: 30))
        #expect(cleared.map(\.kind) == [.resolved(at: Self.t0.addingTimeInterval(30))])
        #expect(cleared.first?.alert.labels["ifIndex"] == "4")
        #expect(source.activeAlerts.map { $0.labels["ifIndex"] } == ["3"])
    }

    @Test("a port an operator shut down does not fire")
    func adminDownIgnored() throws {
        var source = TrapAlertSource(rules: [try Self.portDown()])
        #expect(source.receive(Self.event("linkDown", ifIndex: 3, admin: 2, at: 0)).isEmpty)
    }

    @Test("without its clearing notification an alert resolves resolve_after past the last notification")
    func quietPeriodResolves() throws {
        var source = TrapAlertSource(rules: [try Self.portDown()])
        _ = source.receive(Self.event("linkDown", ifIndex: 3, at: 0))
        _ = source.receive(Self.event("linkDown", ifIndex: 3, at: 1800))  // a repeat keeps it open longer
        #expect(source.nextExpiry == Self.t0.addingTimeInterval(5400))
        #expect(source.expire(at: Self.t0.addingTimeInterval(3601)).isEmpty)
        let expired = source.expire(at: Self.t0.addingTimeInterval(5400))
        #expect(expired.map(\.kind) == [.resolved(at: Self.t0.addingTimeInterval(5400))])
        #expect(source.activeAlerts.isEmpty)
        #expect(source.nextExpiry == nil)
    }

    @Test("after a restart, open incidents of trap rules are taken over and the others passed on")
    func adoption() throws {
        var source = TrapAlertSource(rules: [try Self.portDown()])
        let alert = try #require(source.receive(Self.event("linkDown", ifIndex: 3, at: 0)).first?.alert)
        let trapIncident = Incident(
            id: 1, fingerprint: alert.fingerprint, rule: "PortDownTrap", severity: .warning, labels: alert.labels,
            summary: alert.summary, detectedAt: Self.t0)
        let polled = Incident(
            id: 2, fingerprint: "x", rule: "DeviceUnreachable", severity: .critical,
            labels: ["device": "sw1", "probe": "snmp"], detectedAt: Self.t0)

        var restarted = TrapAlertSource(rules: [try Self.portDown()])
        let others = restarted.adopt([trapIncident, polled], at: Self.t0.addingTimeInterval(60))
        #expect(others.map(\.id) == [2])
        #expect(restarted.activeAlerts.map(\.fingerprint) == [alert.fingerprint])
        // The port's linkUp resolves the adopted incident's alert.
        let cleared = restarted.receive(Self.event("linkUp", ifIndex: 3, at: 120))
        #expect(cleared.map(\.fingerprint) == [alert.fingerprint])
    }
}
