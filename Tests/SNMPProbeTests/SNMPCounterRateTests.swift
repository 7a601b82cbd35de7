import Foundation
import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaRules
import VedettaTestSupport

/// Counter wraps and device reboots end to end: snmpsim serves a recording whose `ifInOctets` (Counter32) and
/// `sysUpTime` the test changes between polls with net-snmp's `snmpset` (snmpsim's `writecache` variation module);
/// the real SNMPProbe polls it with the shipped `if-mib` profile, and the real RuleEvaluator and AlertTracker
/// evaluate the polls the way the agent's alert pipeline does: uptime first, then every rule.
@Suite("Counter rates against snmpsim", .tags(.snmpsim))
final class SNMPCounterRateTests {
    private static let recording = "counters"
    private static let device: DeviceID = "dut"
    private static let inOctets = "1.3.6.1.2.1.2.2.1.10"
    private static let sysUpTime = "1.3.6.1.2.1.1.3.0"

    private let sim: SNMPSimFixture
    private let mibs: URL
    private let profiles: [SNMPProfile]
    private let rule: AlertRule
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// The evaluator and tracker of the SNMP lane, as in the alert pipeline.
    private var evaluator = RuleEvaluator()
    private var tracker = AlertTracker()
    /// The same polls without uptimes: what rates would be without reboot detection.
    private var blindEvaluator = RuleEvaluator()
    /// The device's uptime watch, kept across polls as the agent keeps its probe.
    private let uptime = DeviceUptimeWatch()

    init() async throws {
        // Two interfaces whose ifInOctets are writable Counter32s, and a writable sysUpTime.
        let text = """
            1.3.6.1.2.1.1.3.0|67:writecache|value=360000
            1.3.6.1.2.1.1.5.0|4|dut
            1.3.6.1.2.1.2.2.1.1.1|2|1
            1.3.6.1.2.1.2.2.1.1.2|2|2
            1.3.6.1.2.1.2.2.1.2.1|4|eth0
            1.3.6.1.2.1.2.2.1.2.2|4|eth1
            1.3.6.1.2.1.2.2.1.10.1|65:writecache|value=0
            1.3.6.1.2.1.2.2.1.10.2|65:writecache|value=0

            """
        sim = try await SNMPSimFixture(recordings: [], extraRecordings: [Self.recording: text])
        // snmpset needs the column's type to send a Counter32 (its command line has no letter for one): a
        // one-object MIB declares ifInOctets' OID as a writable Counter32.
        mibs = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-counter-mib")
        try """
        VEDETTA-COUNTER-TEST-MIB DEFINITIONS ::= BEGIN
        testInOctets OBJECT-TYPE
            SYNTAX Counter32
            MAX-ACCESS read-write
            STATUS current
            DESCRIPTION "ifInOctets, declared writable so that snmpset sends a Counter32."
            ::= { iso 3 6 1 2 1 2 2 1 10 }
        END

        """.write(to: mibs.appendingPathComponent("VEDETTA-COUNTER-TEST-MIB.txt"), atomically: true, encoding: .utf8)
        profiles = try TestProfiles.named("if-mib")
        let expression = "rate(ifInOctets[5m]) > 1000"
        rule = AlertRule(
            name: "InterfaceBusy", expression: try RuleExpression.parse(expression), expressionText: expression,
            severity: .warning, summary: "{{ $labels.ifDescr }} busy",
            location: SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    deinit {
        try? FileManager.default.removeItem(at: mibs)
    }

    /// What one poll gave.
    private struct Poll {
        /// Whether the probe said the device's counters restarted.
        var restarted: Bool
        /// `rate(ifInOctets[5m])` by ifDescr.
        var rates: [String: Double]
        /// The same rates from an evaluator that never saw an uptime.
        var blindRates: [String: Double]
        var updates: [AlertUpdate]
    }

    /// Sets the device's uptime (in hundredths of a second) and both interfaces' ifInOctets with `snmpset`.
    private func set(uptimeTicks: UInt32, eth0: UInt32, eth1: UInt32) throws {
        let executable = try RepositoryPaths.executable(
            "snmpset", candidates: ["/usr/bin/snmpset", "/usr/local/bin/snmpset"])
        let output = try ToolRunner.run(
            executable,
            [
                "-v2c", "-c", Self.recording, "-t", "5", "-r", "2", "-M", mibs.path, "-m", "VEDETTA-COUNTER-TEST-MIB",
                "127.0.0.1:\(sim.port)",
                Self.sysUpTime, "t", "\(uptimeTicks)",
                Self.inOctets + ".1", "=", "\(eth0)",
                Self.inOctets + ".2", "=", "\(eth1)",
            ],
            environment: ["MIBDIRS": mibs.path])
        try #require(
            output.status == 0, "snmpset failed: \(output.standardError)\nsnmpsim:\n\(sim.output)")
    }

    /// Polls the device with the real probe and evaluates the rule `seconds` after `t0`, as the pipeline does.
    private func poll(at seconds: TimeInterval) async throws -> Poll {
        let instant = t0 + seconds
        let result = await SNMPProbeTestSupport.run(
            profiles, port: sim.port, community: Self.recording, device: Self.device, uptime: uptime,
            wallClock: { instant })
        try #require(result.outcome == .success, "poll failed: \(result.outcome)\nsnmpsim:\n\(sim.output)")
        if result.countersRestarted { evaluator.forgetRates(of: Self.device) }
        let evaluation = evaluator.evaluate(rule, samples: result.samples, at: instant)
        let updates = tracker.update(device: Self.device, rule: rule, evaluation: evaluation, at: instant)
        let rate = try RuleExpression.parse("rate(ifInOctets[5m])")
        return Poll(
            restarted: result.countersRestarted,
            rates: Self.byInterface(evaluator.evaluate(rate, samples: result.samples, at: instant)),
            blindRates: Self.byInterface(blindEvaluator.evaluate(rate, samples: result.samples, at: instant)),
            updates: updates)
    }

    private static func byInterface(_ evaluation: RuleEvaluation) -> [String: Double] {
        var rates: [String: Double] = [:]
        for series in evaluation.seriesResults { rates[series.labels["ifDescr"] ?? "?"] = series.value }
        return rates
    }

    @Test("a Counter32 wrap gives the right rate; a reboot gives no spike and no alert, then rates resume")
    func wrapAndReboot() async throws {
        // Up for an hour; eth0 296 octets short of wrapping.
        try set(uptimeTicks: 360_000, eth0: 4_294_967_000, eth1: 4_000_000_000)
        let first = await SNMPProbeTestSupport.run(
            profiles, port: sim.port, community: Self.recording, device: Self.device)
        let eth0 = try #require(first.sample("ifInOctets", ["ifDescr": "eth0"]))
        #expect(eth0.value == 4_294_967_000)
        #expect(eth0.kind == .counter)
        #expect(eth0.counterWidth == .bits32)
        let p1 = try await poll(at: 0)
        #expect(!p1.restarted && p1.rates.isEmpty && p1.updates.isEmpty)

        // A minute later eth0 counted 120,000 octets across the wrap: 2,000 B/s, and the alert fires.
        try set(uptimeTicks: 366_000, eth0: 119_704, eth1: 4_000_000_600)
        let p2 = try await poll(at: 60)
        #expect(!p2.restarted)
        #expect(p2.rates == ["eth0": 2000, "eth1": 10])
        #expect(p2.updates.map(\.alert.summary) == ["eth0 busy"])
        #expect(p2.updates.first?.transition == .firing(since: t0 + 60))

        // Quiet again: the alert resolves.
        try set(uptimeTicks: 372_000, eth0: 120_304, eth1: 4_000_001_200)
        let p3 = try await poll(at: 120)
        #expect(p3.rates == ["eth0": 10, "eth1": 10])
        #expect(p3.updates.map(\.transition) == [.resolved])

        // Reboot: up for 15 s, both counters restarted. eth1's fall looks like a plausible Counter32 wrap;
        // without the uptime it would read as about 4.9 million B/s and fire.
        try set(uptimeTicks: 1500, eth0: 5000, eth1: 50_000)
        let p4 = try await poll(at: 180)
        #expect(p4.restarted)  // the uptime went backwards
        #expect(p4.rates.isEmpty)
        #expect(p4.updates.isEmpty)
        #expect((p4.blindRates["eth1"] ?? 0) > 4_000_000)

        // The next poll has rates again, from the values after the reboot.
        try set(uptimeTicks: 7500, eth0: 5600, eth1: 50_600)
        let p5 = try await poll(at: 240)
        #expect(!p5.restarted)
        #expect(p5.rates == ["eth0": 10, "eth1": 10])
        #expect(p5.updates.isEmpty)

        // Rebooted again between two polls 5 minutes apart: the uptime (4 min) is larger than before but behind
        // the wall clock. eth1 counted up past its old value after the reboot; still no rate, no alert.
        try set(uptimeTicks: 24_000, eth0: 6000, eth1: 3_000_000_000)
        let p6 = try await poll(at: 540)
        #expect(p6.restarted)  // the uptime grew, but less than the wall clock
        #expect(p6.rates.isEmpty)
        #expect(p6.updates.isEmpty)
        #expect((p6.blindRates["eth1"] ?? 0) > 1000)
    }
}
