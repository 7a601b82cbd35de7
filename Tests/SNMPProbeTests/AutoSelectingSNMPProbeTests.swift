import Logging
import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// AutoSelectingSNMPProbe against recorded devices: the profiles follow the device's sysObjectID.
@Suite(
    "AutoSelectingSNMPProbe against recorded devices",
    .tags(.snmpsim),
    .sharedSNMPSim(
        ["recorded/linux-full-walk", "UPS/eaton-93e-80"],
        extraRecordings: [
            SNMPRecordings.apcSmartUPSName: SNMPRecordings.apcSmartUPS,
            UnknownDevice.name: UnknownDevice.recording,
        ]))
struct AutoSelectingSNMPProbeTests {
    static let unknownName = UnknownDevice.name

    /// Polls the recording `community` once with automatic selection; returns the probe and its result.
    private func poll(
        _ community: String,
        port: Int,
        selection: SNMPProfileSelection = .automatic,
        logger: Logger = SNMPProbeTestSupport.logger
    ) async throws -> (probe: AutoSelectingSNMPProbe, result: ProbeResult) {
        let engine = SNMPEngine(logger: SNMPProbeTestSupport.logger)
        defer { engine.shutdown() }
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: port, community: Secret(community), profileSelection: selection)
        let probe = AutoSelectingSNMPProbe(settings: settings, catalog: try TestProfiles.all(), engine: engine)
        let target = Target(device: "dut", address: settings.address, labels: ["site": "lab"])
        let result = await probe.probe(target, deadline: .now + .seconds(30), logger: logger)
        return (probe, result)
    }

    @Test("a Linux host (net-snmp) gets host-resources next to the generic profiles")
    func linux() async throws {
        let sim = try SharedSNMPSim.fixture()
        let (probe, result) = try await poll(sim.community(for: "recorded/linux-full-walk"), port: sim.port)
        #expect(result.outcome == .success)
        let names = try #require(probe.selectedProfileNames)
        #expect(Set(["system", "if-mib", "host-resources"]).isSubset(of: names))
        #expect(!names.contains("apc-ups") && !names.contains("ups-mib"))
        #expect(result.value("hrSystemProcesses") == 165)
        #expect(result.value("sysName", ["sysName": "tt"]) == 1)
        #expect(result.sample("ifHCInOctets", ["ifName": "eth0"]) != nil)
    }

    @Test("an APC Smart-UPS gets apc-ups; an Eaton UPS gets ups-mib")
    func upses() async throws {
        let sim = try SharedSNMPSim.fixture()
        let (apc, apcResult) = try await poll(sim.community(for: SNMPRecordings.apcSmartUPSName), port: sim.port)
        #expect(apcResult.outcome == .success)
        let apcNames = try #require(apc.selectedProfileNames)
        #expect(apcNames.contains("apc-ups") && apcNames.contains("system"))
        #expect(!apcNames.contains("host-resources"))
        #expect(apcResult.value("upsBasicIdentModel", ["upsBasicIdentModel": "Smart-UPS 1500"]) == 1)

        let (eaton, eatonResult) = try await poll(sim.community(for: "UPS/eaton-93e-80"), port: sim.port)
        #expect(eatonResult.outcome == .success)
        let eatonNames = try #require(eaton.selectedProfileNames)
        #expect(eatonNames.contains("ups-mib") && !eatonNames.contains("apc-ups"))
        #expect(eatonResult.value("upsBatteryStatus") == 2)
    }

    @Test("an unknown sysObjectID gets only the generic profiles; named profiles are added to auto")
    func unknown() async throws {
        let sim = try SharedSNMPSim.fixture()
        let catalog = try TestProfiles.all()
        let (probe, result) = try await poll(Self.unknownName, port: sim.port)
        #expect(result.outcome == .success)
        let names = try #require(probe.selectedProfileNames)
        #expect(names.contains("system"))
        #expect(names.allSatisfy { catalog[$0]?.match == .any })
        #expect(result.value("sysName", ["sysName": "widget-1"]) == 1)

        let (mixed, _) = try await poll(
            Self.unknownName, port: sim.port, selection: SNMPProfileSelection(names: ["ups-mib"], isAutomatic: true))
        #expect(mixed.selectedProfileNames?.last == "ups-mib")
    }

    @Test("the selection is logged once at info, with the sysObjectID and the profiles")
    func logsSelectionOnce() async throws {
        let sim = try SharedSNMPSim.fixture()
        let capture = LogCapture()
        let logger = capture.logger(label: "test")
        let engine = SNMPEngine(logger: SNMPProbeTestSupport.logger)
        defer { engine.shutdown() }
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: sim.port, community: Secret(Self.unknownName), profileSelection: .automatic)
        let probe = AutoSelectingSNMPProbe(settings: settings, catalog: try TestProfiles.all(), engine: engine)
        let target = Target(device: "dut", address: settings.address)
        for _ in 0..<3 {
            let result = await probe.probe(target, deadline: .now + .seconds(30), logger: logger)
            #expect(result.outcome == .success)
        }
        let selected = capture.records.filter { $0.message == "SNMP profiles selected by sysObjectID" }
        #expect(selected.count == 1)
        #expect(selected.first?.level == .info)
        #expect(selected.first?.metadata["snmp.sys_object_id"] == "1.3.6.1.4.1.99999.1.1")
        #expect(selected.first?.metadata["snmp.profiles"]?.contains("system") == true)
    }

    @Test("a device that does not answer detection fails with timeout and has no selection")
    func detectionTimeout() async throws {
        let port = try Ports.freePort()
        let engine = SNMPEngine(logger: SNMPProbeTestSupport.logger)
        defer { engine.shutdown() }
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: port, retries: 0, profileSelection: .automatic)
        let probe = AutoSelectingSNMPProbe(settings: settings, catalog: try TestProfiles.all(), engine: engine)
        let result = await probe.probe(
            Target(device: "gone", address: settings.address), deadline: .now + .seconds(1),
            logger: SNMPProbeTestSupport.logger)
        #expect(result.failureCode == .timeout)
        #expect(result.samples.isEmpty)
        #expect(probe.selectedProfileNames == nil)
    }
}

@Suite("AutoSelectingSNMPProbe detects again after the device failed", .tags(.snmpsim))
struct AutoSelectingSNMPProbeOutageTests {
    @Test("the selection is dropped when a poll fails and detected again when the device is back")
    func redetectAfterFailure() async throws {
        let sim = try await SNMPSimFixture(
            recordings: [],
            extraRecordings: [UnknownDevice.name: UnknownDevice.recording])
        defer { sim.stop() }
        let engine = SNMPEngine(logger: SNMPProbeTestSupport.logger)
        defer { engine.shutdown() }
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: sim.port, community: Secret(UnknownDevice.name),
            retries: 0, profileSelection: .automatic)
        let probe = AutoSelectingSNMPProbe(settings: settings, catalog: try TestProfiles.all(), engine: engine)
        let target = Target(device: "dut", address: settings.address)
        let logger = SNMPProbeTestSupport.logger

        #expect(await probe.probe(target, deadline: .now + .seconds(30), logger: logger).outcome == .success)
        #expect(probe.selectedProfileNames != nil)

        sim.stop()
        let down = await probe.probe(target, deadline: .now + .seconds(2), logger: logger)
        #expect(down.failureCode == .timeout)
        #expect(probe.selectedProfileNames == nil)

        try await sim.start()
        #expect(await probe.probe(target, deadline: .now + .seconds(30), logger: logger).outcome == .success)
        #expect(probe.selectedProfileNames?.contains("system") == true)
    }
}

/// A device of a vendor no profile knows.
enum UnknownDevice {
    /// The recording's name and community.
    static let name = "vedetta/unknown-device"
    /// sysDescr, sysObjectID under an unassigned enterprise number, sysUpTime and sysName.
    static let recording = """
        1.3.6.1.2.1.1.1.0|4|Acme Widget 3000
        1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.99999.1.1
        1.3.6.1.2.1.1.3.0|67|4200
        1.3.6.1.2.1.1.5.0|4|widget-1
        """
}
