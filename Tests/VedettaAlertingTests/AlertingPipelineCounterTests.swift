import Foundation
import Logging
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules
import VedettaStoreSQLite
import VedettaTestSupport

@Suite("AlertingPipeline counter rates and device restarts")
struct AlertingPipelineCounterTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    private func makePipeline(_ store: any IncidentStore, clock: ManualWallClock) throws -> AlertingPipeline {
        let expression = "rate(ifInOctets[5m]) > 1000"
        let rule = AlertRule(
            name: "InterfaceBusy", expression: try RuleExpression.parse(expression), expressionText: expression,
            severity: .warning, summary: "{{ $labels.device }} busy",
            location: SourceLocation(file: "test.yaml", line: 1, column: 1))
        return AlertingPipeline(
            rules: [rule], log: store, decisions: AlertDecisions(router: BroadcastRouter(channels: ["oncall"])),
            onOutboxWritten: {}, logger: logger, now: { clock.now })
    }

    /// An SNMP report of `device` with one Counter32, saying whether the probe saw the device restart.
    private static func report(_ device: String, octets: Double, restarted: Bool, at instant: Date) -> SampleReport {
        let labels: LabelSet = ["device": device, "probe": "snmp", "ifIndex": "1"]
        let sample = Sample(
            name: "ifInOctets", labels: labels, value: octets, kind: .counter, counterWidth: .bits32)
        return SampleReport(
            device: DeviceID(device), source: "snmp", samples: [sample], countersRestarted: restarted, at: instant)
    }

    @Test("a restart whose counter drop looks like a Counter32 wrap opens no incident; a real wrap still counts")
    func rebootIsNoSpike() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = try makePipeline(store, clock: clock)

        await pipeline.process(Self.report("sw1", octets: 4_000_000_000, restarted: false, at: clock.now))
        clock.advance(60)
        // Rebooted (the probe says so), counter near zero. As a wrap it would be about 4.9 million octets per second.
        await pipeline.process(Self.report("sw1", octets: 50_000, restarted: true, at: clock.now))
        clock.advance(60)
        await pipeline.process(Self.report("sw1", octets: 50_600, restarted: false, at: clock.now))
        #expect(await pipeline.activeAlerts().isEmpty)
        #expect(try await store.openIncidents().isEmpty)

        // A genuine wrap on another device, 120,000 octets in a minute, fires.
        await pipeline.process(Self.report("sw2", octets: 4_294_967_000, restarted: false, at: clock.now))
        clock.advance(60)
        await pipeline.process(Self.report("sw2", octets: 119_704, restarted: false, at: clock.now))
        #expect(await pipeline.activeAlerts().map(\.value) == [2000])
    }

    @Test("without the restart the same drop is taken as a wrap (what detection prevents)")
    func noRestartNoDetection() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = ManualWallClock()
        let pipeline = try makePipeline(store, clock: clock)
        await pipeline.process(Self.report("sw1", octets: 4_000_000_000, restarted: false, at: clock.now))
        clock.advance(60)
        await pipeline.process(Self.report("sw1", octets: 50_000, restarted: false, at: clock.now))
        #expect(await pipeline.activeAlerts().count == 1)
    }
}
