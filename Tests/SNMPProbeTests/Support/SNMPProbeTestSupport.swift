import Foundation
import Logging
import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// Helpers shared by the SNMPProbe tests.
enum SNMPProbeTestSupport {
    /// A logger that discards everything.
    static let logger = Logger(label: "vedetta.tests.snmpprobe") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `profiles` once against the agent on 127.0.0.1:`port`, with a generous deadline.
    static func run(
        _ profiles: [SNMPProfile],
        port: Int,
        community: String,
        version: SNMPProtocolVersion = .v2c,
        device: DeviceID = "dut",
        deadline: Duration = .seconds(30),
        uptime: DeviceUptimeWatch = DeviceUptimeWatch(),
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) async -> ProbeResult {
        let engine = SNMPEngine(logger: logger)
        defer { engine.shutdown() }
        let (probe, target) = makeProbe(
            profiles, port: port, community: community, version: version, device: device, engine: engine,
            uptime: uptime, wallClock: wallClock)
        return await probe.probe(target, deadline: .now + deadline, logger: logger)
    }

    /// Runs `profiles` `times` times in a row with one probe (SNMPv2c) against the agent on 127.0.0.1:`port`.
    static func run(_ profiles: [SNMPProfile], port: Int, community: String, times: Int) async -> [ProbeResult] {
        let engine = SNMPEngine(logger: logger)
        defer { engine.shutdown() }
        let (probe, target) = makeProbe(profiles, port: port, community: community, engine: engine)
        var results: [ProbeResult] = []
        for _ in 0..<times {
            results.append(await probe.probe(target, deadline: .now + .seconds(30), logger: logger))
        }
        return results
    }

    private static func makeProbe(
        _ profiles: [SNMPProfile], port: Int, community: String, version: SNMPProtocolVersion = .v2c,
        device: DeviceID = "dut", engine: SNMPEngine, uptime: DeviceUptimeWatch = DeviceUptimeWatch(),
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) -> (SNMPProbe, Target) {
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: port, version: version, community: Secret(community), retries: 1,
            profiles: profiles.map(\.name))
        let probe = SNMPProbe(
            settings: settings, profiles: profiles, engine: engine, uptime: uptime, wallClock: wallClock)
        return (probe, Target(device: device, address: settings.address, labels: ["site": "lab"]))
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
