import Foundation
import Logging
import Synchronization
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules
import VedettaStoreSQLite
import VedettaTestSupport

/// A muter that mutes the alerts of the devices listed, while they are listed: the shape of a maintenance window,
/// switched by the test.
private final class DeviceMuter: Muter {
    private let devices = Mutex<Set<String>>([])

    func mute(_ device: String) { _ = devices.withLock { $0.insert(device) } }
    func unmute(_ device: String) { _ = devices.withLock { $0.remove(device) } }

    func muteReason(for alert: Alert, at instant: Date) -> MuteReason? {
        let muted = devices.withLock { $0.contains(alert.device.rawValue) }
        return muted ? MuteReason(kind: "maintenance", detail: "maintenance window 7 (firmware)") : nil
    }
}

/// Routes critical alerts to the pager and everything to the team chat.
private struct SeverityRouter: Router {
    func route(_ alert: Alert) -> Route {
        Route(channels: alert.severity == .critical ? ["pager", "chat"] : ["chat"])
    }
}

@Suite("Mute and route stages, with a real SQLite store")
struct MuteAndRouteTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    private static func rule(_ name: String, severity: Severity = .critical) throws -> AlertRule {
        AlertRule(
            name: name, expression: try RuleExpression.parse("up == 0"), expressionText: "up == 0",
            severity: severity, summary: "{{ $labels.device }} down",
            location: SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    private static func report(_ device: String, up: Bool, at instant: Date) -> SampleReport {
        SampleReport(
            device: DeviceID(device), source: "snmp",
            samples: [Sample(name: "up", labels: ["device": device, "probe": "snmp"], value: up ? 1 : 0)], at: instant)
    }

    private func pipeline(
        _ store: SQLiteIncidentStore, muter: DeviceMuter, clock: ManualWallClock, router: any Router
    ) throws -> AlertingPipeline {
        AlertingPipeline(
            rules: [try Self.rule("Down")], log: store,
            decisions: AlertDecisions(mute: MuteStage(muters: [muter]), router: router),
            onOutboxWritten: {}, logger: logger, now: { clock.now })
    }

    @Test("a muted alert opens its incident without paging; when the mute ends while it fires, it pages once")
    func mutedThenUnmuted() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let muter = DeviceMuter()
        muter.mute("core-sw")
        let pipeline = try pipeline(store, muter: muter, clock: clock, router: BroadcastRouter(channels: ["oncall"]))

        await pipeline.process(Self.report("core-sw", up: false, at: clock.now))
        let incident = try #require(try await store.openIncidents().first)
        #expect(try await store.pendingNotificationCount() == 0)
        #expect(incident.timeline.map(\.kind) == [.opened, .muted])
        #expect(incident.timeline.last?.detail == "maintenance window 7 (firmware)")

        clock.advance(60)
        await pipeline.process(Self.report("core-sw", up: false, at: clock.now))  // still muted: nothing
        #expect(try await store.pendingNotificationCount() == 0)

        muter.unmute("core-sw")
        clock.advance(60)
        await pipeline.process(Self.report("core-sw", up: false, at: clock.now))
        #expect(try await store.pendingNotificationCount() == 1)
        clock.advance(60)
        await pipeline.process(Self.report("core-sw", up: false, at: clock.now))
        #expect(try await store.pendingNotificationCount() == 1, "paged once")
        let paged = try #require(try await store.incident(id: incident.id))
        #expect(paged.timeline.map(\.kind) == [.opened, .muted, .unmuted])

        clock.advance(60)
        await pipeline.process(Self.report("core-sw", up: true, at: clock.now))
        #expect(try await store.pendingNotificationCount() == 2, "the restoration follows the late page")
    }

    @Test("an alert muted from start to end is recorded, and nobody hears of it")
    func mutedThroughout() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let muter = DeviceMuter()
        muter.mute("pbx-1")
        let pipeline = try pipeline(store, muter: muter, clock: clock, router: BroadcastRouter(channels: ["oncall"]))
        await pipeline.process(Self.report("pbx-1", up: false, at: clock.now))
        clock.advance(120)
        await pipeline.process(Self.report("pbx-1", up: true, at: clock.now))
        let incident = try #require(try await store.incidents(matching: IncidentQuery()).first)
        #expect(incident.state == .restored)
        #expect(incident.timeToRestore == .seconds(120))
        #expect(try await store.pendingNotificationCount() == 0)
    }

    @Test("after a restart, an incident that opened muted stays unpaged until its mute ends")
    func mutedSurvivesRestart() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let muter = DeviceMuter()
        muter.mute("ups-1")
        let router = BroadcastRouter(channels: ["oncall"])
        try await pipeline(store, muter: muter, clock: clock, router: router)
            .process(Self.report("ups-1", up: false, at: clock.now))

        let restarted = try pipeline(store, muter: muter, clock: clock, router: router)
        try await restarted.restoreFromStore()
        clock.advance(30)
        await restarted.process(Self.report("ups-1", up: false, at: clock.now))
        #expect(try await store.pendingNotificationCount() == 0)
        muter.unmute("ups-1")
        clock.advance(30)
        await restarted.process(Self.report("ups-1", up: false, at: clock.now))
        #expect(try await store.pendingNotificationCount() == 1)
    }

    @Test("routes choose the channels: a critical alert reaches pager and chat, a warning only chat")
    func routesByLabels() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = AlertingPipeline(
            rules: [try Self.rule("Down"), try Self.rule("Flaky", severity: .warning)], log: store,
            decisions: AlertDecisions(router: SeverityRouter()), onOutboxWritten: {}, logger: logger,
            now: { clock.now })
        await pipeline.process(Self.report("sw1", up: false, at: clock.now))
        let due = try await store.dueNotifications(at: clock.now + 1, limit: 10)
        let byRule = Dictionary(grouping: due) { entry in entry.incidentID }
        #expect(due.count == 3)
        let channelSets = Set(byRule.values.map { Set($0.map(\.channel)) })
        #expect(channelSets == [["pager", "chat"], ["chat"]])
    }

    @Test("a route lists each channel once, in order")
    func routeDeduplicates() {
        #expect(Route(channels: ["a", "b", "a", "c", "b"]).channels == ["a", "b", "c"])
        let alert = Alert(
            ruleName: "Down", device: "x", labels: [:], value: nil, state: .firing, activeSince: Date(),
            severity: .info)
        #expect(BroadcastRouter(channels: ["ops", "ops", "pager"]).route(alert).channels == ["ops", "pager"])
        #expect(MuteStage().muteReason(for: alert, at: Date()) == nil)
    }
}
