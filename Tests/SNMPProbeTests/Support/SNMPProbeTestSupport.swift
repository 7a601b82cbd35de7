import Logging
import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

extension Tag {
    /// Tests that start a real snmpd.
    @Tag static var snmpd: Self
    /// Tests that start snmpsim with recorded devices.
    @Tag static var snmpsim: Self
}

/// Starts one snmpsim for a whole suite and stops it when the suite ends, so the slow start-up (Python,
/// indexing recordings) is paid once. Tests read ``current``.
struct SharedSNMPSim: SuiteTrait, TestScoping {
    /// The running simulator of the enclosing suite.
    @TaskLocal static var current: SNMPSimFixture?

    let recordings: [String]
    let extraRecordings: [String: String]

    func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let fixture = try await SNMPSimFixture(recordings: recordings, extraRecordings: extraRecordings)
        defer { fixture.stop() }
        try await SharedSNMPSim.$current.withValue(fixture) {
            try await function()
        }
    }

    /// The suite's simulator, or a failure when the trait is missing.
    static func fixture() throws -> SNMPSimFixture {
        try #require(current, "the suite needs the .sharedSNMPSim trait")
    }
}

extension Trait where Self == SharedSNMPSim {
    /// Runs the suite against one snmpsim serving `recordings` plus `extraRecordings` (name: snmprec text).
    static func sharedSNMPSim(_ recordings: [String], extraRecordings: [String: String] = [:]) -> Self {
        SharedSNMPSim(recordings: recordings, extraRecordings: extraRecordings)
    }
}

/// Helpers shared by the SNMPProbe tests.
enum SNMPProbeTestSupport {
    /// A logger that discards everything.
    static let logger = Logger(label: "vedetta.tests.snmpprobe") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `profiles` once against the agent on 127.0.0.1:`port`, with a generous deadline.
    static func run(
        _ profiles: [SNMPProfile],
        port: Int,
        community: String,
        version: SNMPVersion = .v2c,
        device: DeviceID = "dut",
        deadline: Duration = .seconds(30)
    ) async -> ProbeResult {
        let engine = SNMPEngine(logger: logger)
        defer { engine.shutdown() }
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: port, version: version, community: Secret(community), retries: 1,
            profiles: profiles.map(\.name))
        let probe = SNMPProbe(settings: settings, profiles: profiles, engine: engine)
        let target = Target(device: device, address: settings.address, labels: ["site": "lab"])
        return await probe.probe(target, deadline: .now + deadline, logger: logger)
    }
}

extension ProbeResult {
    /// The value of the sample `name` whose labels include `labels`; `nil` when there is none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        sample(name, labels)?.value
    }

    /// The sample `name` whose labels include `labels`.
    func sample(_ name: String, _ labels: [String: String] = [:]) -> Sample? {
        samples.first { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    /// The failure code, or `nil` on success.
    var failureCode: ProbeFailure.Code? {
        if case .failure(let failure) = outcome { return failure.code }
        return nil
    }
}
