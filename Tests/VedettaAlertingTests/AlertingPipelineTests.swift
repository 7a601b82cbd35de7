import Foundation
import Logging
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules
import VedettaStoreSQLite
import VedettaTestSupport

@Suite("AlertingPipeline with a real SQLite store")
struct AlertingPipelineTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    private static func rule(_ name: String, _ expression: String, for hold: Duration = .zero) throws -> AlertRule {
        AlertRule(
            name: name,
            expression: try RuleExpression.parse(expression),
            expressionText: expression,
            holdDuration: hold,
            severity: .critical,
            summary: "{{ $labels.device }} {{ $labels.probe }} down",
            location: SourceLocation(file: "test.yaml", line: 1, column: 1)
        )
    }

    /// One probe run of `device` by probe kind `source`, with its `up` sample, at `instant`.
    private static func report(_ device: String, _ source: String, up: Bool, at instant: Date) -> SampleReport {
        let labels: LabelSet = ["device": device, "probe": source]
        return SampleReport(
            device: DeviceID(device), source: source,
            samples: [Sample(name: "up", labels: labels, value: up ? 1 : 0)], at: instant)
    }

    private func makePipeline(
        _ store: any IncidentStore,
        rules: [AlertRule],
        clock: ManualWallClock,
        muters: [any Muter] = []
    ) -> AlertingPipeline {
        AlertingPipeline(
            rules: rules,
            log: store,
            decisions: AlertDecisions(mute: MuteStage(muters: muters), router: BroadcastRouter(channels: ["oncall"])),
            onOutboxWritten: {},
            logger: logger,
            now: { clock.now }
        )
    }

    @Test("an alert that fires opens one incident with notifications; when it clears the incident is restored")
    func opensAndRestores() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = makePipeline(store, rules: [try Self.rule("Down", "up == 0")], clock: clock)
        await pipeline.process(Self.report("sw1", "snmp", up: true, at: clock.now))
        #expect(try await store.openIncidents().isEmpty)

        let wentDown = clock.now
        await pipeline.process(Self.report("sw1", "snmp", up: false, at: clock.now))
        clock.advance(30)
        await pipeline.process(Self.report("sw1", "snmp", up: false, at: clock.now))
        let open = try await store.openIncidents()
        try #require(open.count == 1)
        #expect(open[0].detectedAt == wentDown)
        #expect(open[0].summary == "sw1 snmp down")
        #expect(try await store.pendingNotificationCount() == 1)

        clock.advance(90)
        await pipeline.process(Self.report("sw1", "snmp", up: true, at: clock.now))
        let incident = try #require(try await store.incident(id: open[0].id))
        #expect(incident.state == .restored)
        #expect(incident.timeToRestore == .seconds(120))
        #expect(try await store.pendingNotificationCount() == 2)
    }

    @Test("changes from a source other than the rules (a trap, a person) enter through the same input and stages")
    func otherSourcesShareTheInput() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = makePipeline(store, rules: [], clock: clock)
        let alert = Alert(
            ruleName: "LinkDownTrap", device: "core-sw1",
            labels: ["alertname": "LinkDownTrap", "device": "core-sw1", "ifIndex": "3"], value: nil,
            state: .firing, activeSince: clock.now, firedAt: clock.now, severity: .warning,
            summary: "linkDown on core-sw1 port 3")
        await pipeline.submit([AlertChange(.fired(since: clock.now), alert: alert)])
        let open = try await store.openIncidents()
        try #require(open.count == 1)
        #expect(open[0].rule == "LinkDownTrap")
        #expect(try await store.pendingNotificationCount() == 1)

        clock.advance(60)
        await pipeline.submit([AlertChange(.resolved(at: clock.now), alert: alert)])
        #expect(try await store.incident(id: open[0].id)?.timeToRestore == .seconds(60))
        #expect(try await store.pendingNotificationCount() == 2)
    }

    @Test("an HTTP report never resolves the SNMP alert of the same device")
    func probeKindsAreSeparate() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = makePipeline(store, rules: [try Self.rule("Down", "up == 0")], clock: clock)
        await pipeline.process(Self.report("crm", "snmp", up: false, at: clock.now))
        clock.advance(10)
        await pipeline.process(Self.report("crm", "http", up: true, at: clock.now))
        let open = try await store.openIncidents()
        #expect(open.count == 1)
        #expect(open.first?.labels["probe"] == "snmp")
    }

    @Test("after a restart, a still-firing alert keeps its incident: no second incident, no second page")
    func restartDoesNotDuplicate() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let rules = [try Self.rule("Down", "up == 0")]
        let first = makePipeline(store, rules: rules, clock: clock)
        await first.process(Self.report("sw1", "snmp", up: false, at: clock.now))
        #expect(try await store.pendingNotificationCount() == 1)

        let second = makePipeline(store, rules: rules, clock: clock)
        try await second.restoreFromStore()
        #expect(await second.activeAlerts().map(\.ruleName) == ["Down"])
        clock.advance(60)
        await second.process(Self.report("sw1", "snmp", up: false, at: clock.now))
        #expect(try await store.incidents(matching: IncidentQuery(state: .all)).count == 1)
        #expect(try await store.pendingNotificationCount() == 1)

        await second.process(Self.report("sw1", "snmp", up: true, at: clock.now))
        #expect(try await store.openIncidents().isEmpty)
    }

    @Test("an open incident whose rule was removed from the configuration is restored at start-up")
    func removedRuleIsRestored() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        await makePipeline(store, rules: [try Self.rule("Old", "up == 0")], clock: clock)
            .process(Self.report("sw1", "snmp", up: false, at: clock.now))
        let renamed = makePipeline(store, rules: [try Self.rule("New", "up == 0")], clock: clock)
        try await renamed.restoreFromStore()
        #expect(try await store.openIncidents().isEmpty)
    }

    @Test("reports handled concurrently record every alert exactly once")
    func concurrentReports() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = makePipeline(store, rules: [try Self.rule("Down", "up == 0")], clock: clock)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    await pipeline.process(Self.report("device-\(index)", "snmp", up: false, at: clock.now))
                }
            }
        }
        #expect(try await store.openIncidents().count == 40)
        #expect(try await store.pendingNotificationCount() == 40)
    }
}
