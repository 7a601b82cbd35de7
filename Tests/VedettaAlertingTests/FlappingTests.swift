import Foundation
import Logging
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules
import VedettaStoreSQLite
import VedettaTestSupport

/// Flapping through the real stages and a real SQLite store; only the clock is moved by hand.
@Suite("Flapping: one notification instead of one per crossing")
struct FlappingTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test("a CPU hovering at 90 %: two pages, then one flapping notice; steady again, it settles or resolves once")
    func hovering() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let rule = AlertRule(
            name: "HighCPU", expression: try RuleExpression.parse("cpu > 90"), expressionText: "cpu > 90",
            severity: .warning, summary: "{{ $labels.device }} CPU {{ $value }}",
            location: SourceLocation(file: "t.yaml", line: 1, column: 1))
        let pipeline = AlertingPipeline(
            rules: [rule], log: store, decisions: AlertDecisions(router: BroadcastRouter(channels: ["oncall"])),
            onOutboxWritten: {}, logger: logger, now: { [clock] in clock.now })
        func poll(_ cpu: Double) async {
            clock.advance(60)
            await pipeline.process(
                SampleReport(
                    device: "pbx-1", source: "snmp",
                    samples: [
                        Sample(name: "up", labels: ["device": "pbx-1", "probe": "snmp"], value: 1),
                        Sample(name: "cpu", labels: ["device": "pbx-1", "probe": "snmp"], value: cpu),
                    ], at: clock.now))
        }
        for cpu in [95.0, 85, 95, 85, 95, 85, 95, 85] { await poll(cpu) }
        let first = try await Self.pages(store, at: clock.now)
        #expect(first.sorted() == ["1 opened", "1 restored", "2 flapping", "2 opened"])
        let flapping = try #require(try await store.openIncidents().first)
        #expect(flapping.timeline.map(\.kind).contains(.flapping))
        let statuses = await pipeline.activeAlerts()
        #expect(statuses.first?.flappingSince != nil)

        // Steady above 90 for 15 minutes: settled, still firing; then it drops and resolves as usual.
        for _ in 0..<16 { await poll(97) }
        for _ in 0..<2 { await poll(50) }
        let later = try await Self.pages(store, at: clock.now)
        #expect(later == ["2 settled", "2 restored"])
        #expect(try await store.openIncidents().isEmpty)
    }

    /// The notifications queued since the last call, in the order the outbox delivers them, as `incident event`.
    private static func pages(_ store: SQLiteIncidentStore, at instant: Date) async throws -> [String] {
        var pages: [String] = []
        while true {
            let due = try await store.claimDue(by: "test", at: instant, lease: .seconds(60), limit: 100)
            guard !due.isEmpty else { break }
            for entry in due {
                pages.append("\(entry.incidentID) \(entry.event.rawValue)")
                try await store.markDelivered(entry.id, by: "test", at: instant)
            }
        }
        return pages
    }
}
