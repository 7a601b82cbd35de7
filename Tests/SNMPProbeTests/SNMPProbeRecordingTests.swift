import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// SNMPProbe with the shipped profiles against recorded devices served by snmpsim; values are spot-checked
/// against the recordings.
@Suite(
    "SNMPProbe against recorded devices",
    .tags(.snmpsim),
    .sharedSNMPSim(
        ["recorded/linux-full-walk", "UPS/eaton-93e-80", "UPS/apc-8641"],
        extraRecordings: [SNMPRecordings.apcSmartUPSName: SNMPRecordings.apcSmartUPS]))
struct SNMPProbeRecordingTests {
    static let linux = "recorded/linux-full-walk"

    @Test("system, if-mib and host-resources on a Linux host")
    func linuxHost() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib", "host-resources"), port: sim.port,
            community: sim.community(for: Self.linux))
        #expect(result.outcome == .success)
        #expect(result.samples.allSatisfy { $0.labels["device"] == "dut" && $0.labels["site"] == "lab" })

        // system: 1.3.6.1.2.1.1.3.0|67|233425120, sysName "tt", sysObjectID .8072.3.2.10
        #expect(result.value("sysUpTime") == 233_425_120 * 0.01)
        #expect(result.value("sysName", ["sysName": "tt"]) == 1)
        #expect(result.value("sysObjectID", ["sysObjectID": "1.3.6.1.4.1.8072.3.2.10"]) == 1)
        #expect(result.sample("sysServices") == nil)  // not in the recording

        // if-mib: eth0 is ifIndex 2
        let eth0 = ["ifIndex": "2", "ifDescr": "eth0", "ifName": "eth0"]
        #expect(result.value("ifHCInOctets", eth0) == 24_167_091_249)
        #expect(result.sample("ifHCInOctets", eth0)?.kind == .counter)
        #expect(result.value("ifInOctets", eth0) == 2_692_239_107)
        #expect(result.value("ifSpeed", eth0) == 100_000_000)
        #expect(result.value("ifHighSpeed", eth0) == 100)
        #expect(result.value("ifOperStatus", ["ifIndex": "1", "ifName": "lo"]) == 1)
        #expect(result.value("ifType", ["ifIndex": "1"]) == 24)
        #expect(result.sample("ifMtu", ["ifIndex": "1"])?.labels["ifAlias"] == nil)  // empty in the recording

        // host-resources
        #expect(result.value("hrSystemProcesses") == 165)
        #expect(result.value("hrMemorySize") == 1_021_976.0 * 1024)
        let cpu = ["hrDeviceIndex": "768", "hrDeviceDescr": "GenuineIntel: Intel(R) Pentium(R) 4 CPU 3.00GHz"]
        #expect(result.value("hrProcessorLoad", cpu) == 13)
        #expect(result.value("hrProcessorLoad", ["hrDeviceIndex": "769"]) == 9)
        let root = ["hrStorageIndex": "31", "hrStorageDescr": "/"]
        #expect(result.value("hrStorageUsed", root) == 1_667_935)
        #expect(result.value("hrStorageSize", root) == 2_164_327)
        #expect(result.value("hrStorageAllocationUnits", root) == 4096)
        #expect(result.value("hrStorageType", root.merging(["hrStorageType": "1.3.6.1.2.1.25.2.1.4"]) { $1 }) == 1)
    }

    @Test("SNMPv1 skips missing scalars and walks with GETNEXT")
    func linuxHostV1() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib"), port: sim.port, community: sim.community(for: Self.linux),
            version: .v1)
        #expect(result.outcome == .success)
        #expect(result.value("sysUpTime") == 233_425_120 * 0.01)
        #expect(result.value("sysLocation", ["sysLocation": "KK12 (edit /etc/snmp/snmpd.conf)"]) == 1)
        #expect(result.value("ifOutOctets", ["ifIndex": "2", "ifName": "eth0"]) == 2_448_654_006)
        // snmpsim answers Counter64 to v1 as well; a real v1 agent would leave the ifHC* columns out.
    }

    @Test("ups-mib on an Eaton 93E (RFC 1628)")
    func eaton() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("ups-mib"), port: sim.port, community: sim.community(for: "UPS/eaton-93e-80"))
        #expect(result.outcome == .success)
        #expect(result.value("upsOutputSource") == 3)
        #expect(result.value("upsBatteryStatus") == 2)
        #expect(result.value("upsEstimatedMinutesRemaining") == 1092)
        #expect(result.value("upsEstimatedChargeRemaining") == 100)
        #expect(result.value("upsBatteryVoltage") == 5210 * 0.1)
        #expect(result.value("upsBatteryTemperature") == 25)
        #expect(result.sample("upsInputLineBads")?.kind == .counter)
        #expect(result.value("upsIdentManufacturer", ["upsIdentManufacturer": "EATON"]) == 1)
        #expect(result.value("upsIdentModel", ["upsIdentModel": "EATON 93E 80"]) == 1)
        #expect(result.value("upsInputFrequency", ["upsInputLineIndex": "1"]) == 500 * 0.1)
        #expect(result.value("upsInputVoltage", ["upsInputLineIndex": "3"]) == 233)
        #expect(result.value("upsOutputPercentLoad", ["upsOutputLineIndex": "1"]) == 21)
        #expect(result.value("upsOutputPower", ["upsOutputLineIndex": "2"]) == 3600)
        #expect(result.value("upsOutputCurrent", ["upsOutputLineIndex": "1"]) == 270 * 0.1)
        #expect(result.value("upsBypassVoltage", ["upsBypassLineIndex": "3"]) == 231)
        #expect(result.samples.filter { $0.name == "upsOutputVoltage" }.count == 3)
    }

    @Test("apc-ups on an APC Smart-UPS (PowerNet-MIB)")
    func apcSmartUPS() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "apc-ups"), port: sim.port,
            community: sim.community(for: SNMPRecordings.apcSmartUPSName))
        #expect(result.outcome == .success)
        #expect(result.value("upsBasicOutputStatus") == 2)
        #expect(result.value("upsBasicBatteryStatus") == 2)
        #expect(result.value("upsAdvBatteryCapacity") == 100)
        #expect(result.value("upsAdvBatteryRunTimeRemaining") == 324_000 * 0.01)
        #expect(result.value("upsAdvBatteryTemperature") == 27)
        #expect(result.value("upsHighPrecBatteryTemperature") == 273 * 0.1)
        #expect(result.value("upsAdvInputLineVoltage") == 231)
        #expect(result.value("upsAdvOutputLoad") == 23)
        #expect(result.value("upsBasicIdentModel", ["upsBasicIdentModel": "Smart-UPS 1500"]) == 1)
        #expect(result.value("sysName", ["sysName": "ups-rack-a1"]) == 1)
    }

    @Test("a device without the profile's objects answers, and yields no samples for them")
    func absentObjects() async throws {
        let sim = try SharedSNMPSim.fixture()
        // An APC rack PDU: PowerNet-MIB, but no upsObjects subtree.
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("apc-ups", "ups-mib"), port: sim.port, community: sim.community(for: "UPS/apc-8641"))
        #expect(result.outcome == .success)
        #expect(result.samples.isEmpty)
    }

    @Test("a wrong community is a timeout failure within the deadline")
    func wrongCommunity() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib"), port: sim.port, community: "no-such-recording",
            deadline: .seconds(2))
        #expect(result.failureCode == .timeout)
        #expect(result.samples.isEmpty)
    }
}
