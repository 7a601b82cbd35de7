import Logging
import SNMPKit
import SNMPProbe
import Synchronization
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// The real `PollScheduler` polling, through one `SNMPEngine`, a healthy snmpd on a 1 s interval beside dead, slow
/// and garbage-answering devices with 3 s timeouts: the healthy device must keep its schedule.
///
/// The property is counted, not timed: over the window it takes every bad device to fail three times (about 10 s),
/// the healthy device must have finished all but one of the runs that were due at least 1 s before the window
/// closed, and every one of them must have succeeded. A bad device that holds the engine for its timeout makes the
/// healthy one lose about half its runs (measured with synchronous SNMPv3 discovery: 5 of 10 succeeded).
@Suite("Polling isolation: a bad device never delays the others", .tags(.snmpd))
struct SNMPPollIsolationTests {
    static let logger = Logger(label: "vedetta.tests.isolation") { _ in SwiftLogNoOpLogHandler() }

    @Test("dead, slow and garbage-answering v2c devices do not delay a healthy device")
    func v2cFaults() async throws {
        let agent = try await SNMPAgentFixture(sysName: "healthy")
        let dead = try await UDPResponderFixture(.silent)
        let slow = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .seconds(5))
        let garbage = try await UDPResponderFixture(.garbage)
        let engine = SNMPEngine(logger: Self.logger)
        defer { engine.shutdown() }
        let profiles = try TestProfiles.named("system", "if-mib")
        let healthy = Self.device("healthy", port: agent.port, community: agent.community, profiles, engine)
        let bad = [("dead", dead.port), ("slow", slow.port), ("garbage", garbage.port)].map { name, port in
            Self.device(name, port: port, community: agent.community, profiles, engine)
        }
        try await Self.expectHealthyKeepsSchedule(healthy, beside: bad)
        #expect(dead.requestCount > 0 && slow.requestCount > 0 && garbage.requestCount > 0)
    }

    /// An SNMPv3 session must first discover the agent's engine ID. Done synchronously on the engine's one thread, as
    /// net-snmp's own session open does it, a silent v3 device would hold every other request for its whole timeout.
    @Test("a dead SNMPv3 device (engine-ID discovery never answered) does not delay a healthy device")
    func v3DeadDevice() async throws {
        let agent = try await SNMPAgentFixture(sysName: "healthy")
        let dead = try await UDPResponderFixture(.silent)
        let engine = SNMPEngine(logger: Self.logger)
        defer { engine.shutdown() }
        let profiles = try TestProfiles.named("system", "if-mib")
        let healthy = Self.device("healthy", port: agent.port, community: agent.community, profiles, engine)
        let security = SNMPv3Security(
            userName: "nobody", level: .authPriv, authProtocol: .sha, authPassword: Secret("auth-pass-1"),
            privacyProtocol: .aes, privacyPassword: Secret("priv-pass-1"))
        let deadV3 = Self.device("dead-v3", port: dead.port, community: "", profiles, engine, v3: security)
        try await Self.expectHealthyKeepsSchedule(healthy, beside: [deadV3])
        #expect(dead.requestCount > 0)
    }

    /// An SNMP device polled with `profiles` every second; bad devices get 3 s to answer, the healthy one 10 s.
    static func device(
        _ name: String,
        port: Int,
        community: String,
        _ profiles: [SNMPProfile],
        _ engine: SNMPEngine,
        v3: SNMPv3Security? = nil
    ) -> ScheduledProbe {
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: port, version: v3 == nil ? .v2c : .v3, community: Secret(community),
            retries: 1, profiles: profiles.map(\.name), v3: v3)
        return ScheduledProbe(
            target: Target(device: DeviceID(name), address: settings.address),
            probe: SNMPProbe(settings: settings, profiles: profiles, engine: engine),
            interval: .seconds(1),
            timeout: name == "healthy" ? .seconds(10) : .seconds(3))
    }

    /// Runs the scheduler until every bad device has failed three times, then checks the healthy device's runs.
    static func expectHealthyKeepsSchedule(
        _ healthy: ScheduledProbe,
        beside bad: [ScheduledProbe],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let log = ReportLog()
        let scheduler = PollScheduler(probes: [healthy] + bad, maxConcurrentProbes: 16, logger: logger) {
            log.append($0)
        }
        let started = ContinuousClock.now
        let task = Task { try await scheduler.run() }
        defer { task.cancel() }
        try await Ports.waitUntil(timeout: .seconds(90), "the bad devices did not fail three times each") {
            bad.allSatisfy { log.reports(for: $0.target.device).count >= 3 }
        }
        let windowEnd = ContinuousClock.now
        let reports = log.reports(for: healthy.target.device)
        task.cancel()
        _ = try? await task.value

        // Runs due at least a second before the window closed had ample time to finish (one takes ~0.1 s).
        var due = 0
        var next = started + healthy.phaseOffset
        while next <= windowEnd - .seconds(1) {
            due += 1
            next += healthy.interval
        }
        let succeeded = reports.filter(\.result.succeeded).count
        #expect(due >= 5, "the window is several intervals long", sourceLocation: sourceLocation)
        #expect(
            succeeded >= due - 1, "\(succeeded) healthy runs succeeded of \(due) due", sourceLocation: sourceLocation)
        let failures = reports.filter { !$0.result.succeeded }.map(\.result.outcome)
        #expect(failures.isEmpty, "healthy runs failed: \(failures)", sourceLocation: sourceLocation)
        for device in bad {
            let outcomes = log.reports(for: device.target.device).map(\.result.outcome)
            let timedOut = outcomes.allSatisfy { outcome in
                if case .failure(let failure) = outcome { return failure.code == .timeout }
                return false
            }
            #expect(timedOut, "\(device.target.device): \(outcomes)", sourceLocation: sourceLocation)
        }
    }
}

/// Collects the scheduler's reports as they arrive.
private final class ReportLog: Sendable {
    private let reports = Mutex<[ProbeReport]>([])

    func append(_ report: ProbeReport) { reports.withLock { $0.append(report) } }

    func reports(for device: DeviceID) -> [ProbeReport] {
        reports.withLock { $0.filter { $0.target.device == device } }
    }
}
