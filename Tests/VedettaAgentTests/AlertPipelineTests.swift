import Foundation
import Logging
import Synchronization
import Testing
import VedettaCore
import VedettaIncidents
import VedettaProbes
import VedettaRules
import VedettaStoreSQLite

@testable import VedettaAgent

/// A wall clock the test moves by hand (the only fake: time).
private final class ManualWallClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("AlertPipeline with a real SQLite store")
struct AlertPipelineTests {
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

    private static func report(_ device: String, _ kind: ProbeKind, up: Bool) -> ProbeReport {
        let labels: LabelSet = ["device": device, "probe": kind.rawValue]
        let outcome: ProbeOutcome = up ? .success : .failure(ProbeFailure(.timeout, "no answer"))
        return ProbeReport(
            target: Target(device: DeviceID(device), address: "127.0.0.1"),
            kind: kind,
            result: ProbeResult(outcome: outcome, samples: [Sample(name: "up", labels: labels, value: up ? 1 : 0)]),
            duration: .milliseconds(5),
            finishedAt: .now
        )
    }

    private func makePipeline(
        _ store: any IncidentStore,
        rules: [AlertRule],
        clock: ManualWallClock
    ) -> AlertPipeline {
        AlertPipeline(
            rules: rules,
            store: store,
            channelNames: ["oncall"],
            samples: SampleCache(),
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
        await pipeline.handle(Self.report("sw1", .snmp, up: true))
        #expect(try await store.openIncidents().isEmpty)

        let wentDown = clock.now
        await pipeline.handle(Self.report("sw1", .snmp, up: false))
        clock.advance(30)
        await pipeline.handle(Self.report("sw1", .snmp, up: false))
        let open = try await store.openIncidents()
        try #require(open.count == 1)
        #expect(open[0].detectedAt == wentDown)
        #expect(open[0].summary == "sw1 snmp down")
        #expect(try await store.pendingNotificationCount() == 1)

        clock.advance(90)
        await pipeline.handle(Self.report("sw1", .snmp, up: true))
        let incident = try #require(try await store.incident(id: open[0].id))
        #expect(incident.state == .restored)
        #expect(incident.timeToRestore == .seconds(120))
        #expect(try await store.pendingNotificationCount() == 2)
    }

    @Test("an HTTP report never resolves the SNMP alert of the same device")
    func probeKindsAreSeparate() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = makePipeline(store, rules: [try Self.rule("Down", "up == 0")], clock: clock)
        await pipeline.handle(Self.report("crm", .snmp, up: false))
        clock.advance(10)
        await pipeline.handle(Self.report("crm", .http, up: true))
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
        await first.handle(Self.report("sw1", .snmp, up: false))
        #expect(try await store.pendingNotificationCount() == 1)

        let second = makePipeline(store, rules: rules, clock: clock)
        try await second.restoreFromStore()
        #expect(await second.activeAlerts().map(\.ruleName) == ["Down"])
        clock.advance(60)
        await second.handle(Self.report("sw1", .snmp, up: false))
        #expect(try await store.incidents(matching: IncidentQuery(state: .all)).count == 1)
        #expect(try await store.pendingNotificationCount() == 1)

        await second.handle(Self.report("sw1", .snmp, up: true))
        #expect(try await store.openIncidents().isEmpty)
    }

    @Test("an open incident whose rule was removed from the configuration is restored at start-up")
    func removedRuleIsRestored() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        await makePipeline(store, rules: [try Self.rule("Old", "up == 0")], clock: clock)
            .handle(Self.report("sw1", .snmp, up: false))
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
                group.addTask { await pipeline.handle(Self.report("device-\(index)", .snmp, up: false)) }
            }
        }
        #expect(try await store.openIncidents().count == 40)
        #expect(try await store.pendingNotificationCount() == 40)
    }
}
