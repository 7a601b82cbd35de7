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

/// The wall clock of the counter tests, moved by hand.
private final class CounterTestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("AlertPipeline counter rates and device restarts")
struct AlertPipelineCounterTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    private func makePipeline(_ store: any IncidentStore, clock: CounterTestClock) throws -> AlertPipeline {
        let expression = "rate(ifInOctets[5m]) > 1000"
        let rule = AlertRule(
            name: "InterfaceBusy", expression: try RuleExpression.parse(expression), expressionText: expression,
            severity: .warning, summary: "{{ $labels.device }} busy",
            location: SourceLocation(file: "test.yaml", line: 1, column: 1))
        return AlertPipeline(
            rules: [rule], store: store, channelNames: ["oncall"], samples: SampleCache(), onOutboxWritten: {},
            logger: logger, now: { clock.now })
    }

    /// An SNMP report of `device` with one Counter32 and the device's uptime.
    private static func report(_ device: String, octets: Double, uptime: Duration?) -> ProbeReport {
        let labels: LabelSet = ["device": device, "probe": "snmp", "ifIndex": "1"]
        let sample = Sample(
            name: "ifInOctets", labels: labels, value: octets, kind: .counter, counterWidth: .bits32)
        return ProbeReport(
            target: Target(device: DeviceID(device), address: "127.0.0.1"),
            kind: .snmp,
            result: ProbeResult(outcome: .success, samples: [sample], deviceUptime: uptime),
            duration: .milliseconds(5),
            finishedAt: .now)
    }

    @Test("a reboot whose counter drop looks like a Counter32 wrap opens no incident; a real wrap still counts")
    func rebootIsNoSpike() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = CounterTestClock()
        let pipeline = try makePipeline(store, clock: clock)

        await pipeline.handle(Self.report("sw1", octets: 4_000_000_000, uptime: .seconds(3600)))
        clock.advance(60)
        // Rebooted: 10 s up, counter near zero. As a wrap it would be about 4.9 million octets per second.
        await pipeline.handle(Self.report("sw1", octets: 50_000, uptime: .seconds(10)))
        clock.advance(60)
        await pipeline.handle(Self.report("sw1", octets: 50_600, uptime: .seconds(70)))
        #expect(await pipeline.activeAlerts().isEmpty)
        #expect(try await store.openIncidents().isEmpty)

        // A genuine wrap on another device, 120,000 octets in a minute, fires.
        await pipeline.handle(Self.report("sw2", octets: 4_294_967_000, uptime: .seconds(3600)))
        clock.advance(60)
        await pipeline.handle(Self.report("sw2", octets: 119_704, uptime: .seconds(3660)))
        #expect(await pipeline.activeAlerts().map(\.value) == [2000])
    }

    @Test("without an uptime the same drop is taken as a wrap (what detection prevents)")
    func noUptimeNoDetection() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let clock = CounterTestClock()
        let pipeline = try makePipeline(store, clock: clock)
        await pipeline.handle(Self.report("sw1", octets: 4_000_000_000, uptime: nil))
        clock.advance(60)
        await pipeline.handle(Self.report("sw1", octets: 50_000, uptime: nil))
        #expect(await pipeline.activeAlerts().count == 1)
    }
}
