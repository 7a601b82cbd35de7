import Foundation
import Logging
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaReports
import VedettaRules
import VedettaStoreSQLite
import VedettaTestSupport

/// Maintenance windows through the real stages and a real SQLite store; only the clock is moved by hand.
@Suite("Maintenance windows mute pages and re-check at their end")
struct MaintenanceMutingTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    private static let rome = TimeZone(identifier: "Europe/Rome")!

    /// A store, a muter that knows the store's windows, and a pipeline that pages `oncall`.
    private struct Lab {
        let store: SQLiteIncidentStore
        let clock: ManualWallClock
        let muter = MaintenanceMuter()
        let planner: MaintenancePlanner

        init(store: SQLiteIncidentStore, clock: ManualWallClock = ManualWallClock()) {
            self.store = store
            self.clock = clock
            self.planner = MaintenancePlanner(store: store, defaultZone: MaintenanceMutingTests.rome)
        }

        /// Plans a window on `device` from now, for `minutes`, and hands the store's windows to the muter.
        func window(_ device: String, minutes: Int) async throws -> MaintenanceWindow {
            let window = try await planner.add(
                MaintenanceRequest(
                    match: "device=\"\(device)\"", start: "now", duration: "\(minutes)m", reason: "firmware upgrade",
                    by: "alice"),
                at: clock.now)
            muter.update(MaintenanceCalendar(windows: try await store.maintenanceWindows()))
            return window
        }

        func pipeline(logger: Logger) throws -> AlertingPipeline {
            let expression = "up == 0"
            let rule = AlertRule(
                name: "DeviceDown", expression: try RuleExpression.parse(expression), expressionText: expression,
                severity: .critical, summary: "{{ $labels.device }} down",
                location: SourceLocation(file: "test.yaml", line: 1, column: 1))
            return AlertingPipeline(
                rules: [rule], log: store,
                decisions: AlertDecisions(
                    mute: MuteStage(muters: [muter]), router: BroadcastRouter(channels: ["oncall"])),
                onOutboxWritten: {}, logger: logger, now: { [clock] in clock.now })
        }

        func report(_ device: String, up: Bool) -> SampleReport {
            SampleReport(
                device: DeviceID(device), source: "snmp",
                samples: [Sample(name: "up", labels: ["device": device, "probe": "snmp"], value: up ? 1 : 0)],
                at: clock.now)
        }

        func pending() async throws -> Int { try await store.pendingNotificationCount() }
    }

    @Test("down inside a window: the incident is marked with it and pages nobody; still down at its end: one page")
    func pageAtTheEnd() async throws {
        let lab = Lab(store: try SQLiteIncidentStore.inMemory())
        let pipeline = try lab.pipeline(logger: logger)
        let window = try await lab.window("core-sw-1", minutes: 10)
        await pipeline.process(lab.report("core-sw-1", up: false))
        let open = try #require(try await lab.store.openIncidents().first)
        #expect(open.maintenanceWindowID == window.id)
        #expect(open.timeline.last?.kind == .muted)
        #expect(open.timeline.last?.detail == "maintenance #\(window.id) (firmware upgrade)")
        #expect(try await lab.pending() == 0)
        let status = try #require(await pipeline.alertStatuses().first)
        #expect(status.mutedBy?.maintenanceWindowID == window.id)

        lab.clock.advance(300)
        await pipeline.process(lab.report("core-sw-1", up: false))
        #expect(try await lab.pending() == 0)

        lab.clock.advance(301)  // 10 min 1 s after the start: the window is over
        await pipeline.process(lab.report("core-sw-1", up: false))
        #expect(try await lab.pending() == 1)
        let paged = try #require(try await lab.store.incident(id: open.id))
        #expect(paged.timeline.last?.kind == .unmuted)
        #expect(paged.timeline.last?.detail == "still failing after maintenance #\(window.id) (firmware upgrade) ended")
        #expect(await pipeline.alertStatuses().first?.mutedBy == nil)

        lab.clock.advance(60)
        await pipeline.process(lab.report("core-sw-1", up: false))
        #expect(try await lab.pending() == 1, "one page, not one per evaluation")
    }

    @Test("a device that recovers inside its window pages nobody at all, and its downtime is planned")
    func recoversInside() async throws {
        let lab = Lab(store: try SQLiteIncidentStore.inMemory())
        let pipeline = try lab.pipeline(logger: logger)
        let start = lab.clock.now
        _ = try await lab.window("pbx-1", minutes: 30)
        await pipeline.process(lab.report("pbx-1", up: false))
        lab.clock.advance(600)
        await pipeline.process(lab.report("pbx-1", up: true))
        lab.clock.advance(3600)
        await pipeline.process(lab.report("pbx-1", up: true))
        #expect(try await lab.pending() == 0)
        let incidents = try await lab.store.incidents(matching: IncidentQuery(state: .all))
        #expect(incidents.count == 1 && incidents[0].state == .restored)
        let report = ReportBuilder(settings: ReportSettings(timeZone: .gmt)).build(
            ReportRequest(
                from: start, to: start + 86_400, grouping: .device,
                devices: [ReportRequest.Device(id: "pbx-1", labels: LabelSet())]),
            spans: IncidentSpanTable(incidents.map(IncidentSpan.init)))
        let figures = try #require(report.groups.first { $0.key == "pbx-1" })
        #expect(figures.availability == 100)
        #expect(figures.incidents == 0 && figures.downtimeSeconds == 0)
        #expect(figures.plannedIncidents == 1 && figures.plannedDowntimeSeconds == 600)
    }

    @Test("after a restart inside the window the alert stays muted, and pages exactly once when the window ends")
    func restartInside() async throws {
        let lab = Lab(store: try SQLiteIncidentStore.inMemory())
        let before = try lab.pipeline(logger: logger)
        let window = try await lab.window("ivr-1", minutes: 10)
        await before.process(lab.report("ivr-1", up: false))
        #expect(try await lab.pending() == 0)

        // A new agent on the same database: it takes over the open incident, muted.
        lab.clock.advance(120)
        let after = try lab.pipeline(logger: logger)
        try await after.restoreFromStore()
        await after.process(lab.report("ivr-1", up: false))
        #expect(try await lab.pending() == 0)
        lab.clock.advance(600)
        await after.process(lab.report("ivr-1", up: false))
        await after.process(lab.report("ivr-1", up: false))
        #expect(try await lab.pending() == 1)
        let incident = try #require(try await lab.store.openIncidents().first)
        #expect(
            incident.timeline.last?.detail == "still failing after maintenance #\(window.id) (firmware upgrade) ended")
    }

    @Test("an alert that paged before the window began keeps its incident, and its restoration is still sent")
    func pagedBefore() async throws {
        let lab = Lab(store: try SQLiteIncidentStore.inMemory())
        let pipeline = try lab.pipeline(logger: logger)
        await pipeline.process(lab.report("crm-web", up: false))
        #expect(try await lab.pending() == 1)
        lab.clock.advance(60)
        _ = try await lab.window("crm-web", minutes: 30)
        await pipeline.process(lab.report("crm-web", up: false))
        lab.clock.advance(60)
        await pipeline.process(lab.report("crm-web", up: true))
        #expect(try await lab.pending() == 2, "the opening and the restoration")
        #expect(try await lab.store.incidents(matching: IncidentQuery(state: .all)).first?.maintenanceWindowID == nil)
    }

    @Test("ending a window early makes a still-firing alert page at its next evaluation")
    func endedEarly() async throws {
        let lab = Lab(store: try SQLiteIncidentStore.inMemory())
        let pipeline = try lab.pipeline(logger: logger)
        let window = try await lab.window("core-sw-2", minutes: 120)
        await pipeline.process(lab.report("core-sw-2", up: false))
        lab.clock.advance(300)
        _ = try await lab.planner.end(id: window.id, by: "bob", at: lab.clock.now)
        lab.muter.update(MaintenanceCalendar(windows: try await lab.store.maintenanceWindows()))
        lab.clock.advance(1)
        await pipeline.process(lab.report("core-sw-2", up: false))
        #expect(try await lab.pending() == 1)
    }
}
