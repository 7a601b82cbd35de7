import Foundation
import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaRules
import VedettaTestSupport

/// The vendor and inventory profiles (cisco, juniper, asterisk, entity-mib, entity-sensor) polled by SNMPProbe
/// from snmpsim serving the hand-written recordings of `Tests/Fixtures/snmprec/`: every value equals what
/// `snmpbulkwalk -v2c -On` prints for the same agent, and the samples carry the expected labels.
@Suite(
    "Vendor profiles against recorded Cisco, Juniper and Asterisk devices",
    .tags(.snmpsim),
    .sharedSNMPSim([], extraRecordings: SNMPRecordings.vendorDevices))
struct VendorProfileRecordingTests {
    /// Polls `names` on `recording` and checks every metric against snmpbulkwalk.
    private func poll(_ names: [String], recording: String) async throws -> ProbeResult {
        let sim = try SharedSNMPSim.fixture()
        let profiles = try names.map { try TestProfiles.named($0)[0] }
        let result = await SNMPProbeTestSupport.run(
            profiles, port: sim.port, community: sim.community(for: recording))
        #expect(result.outcome == .success)
        let mismatches = try BulkWalkComparison.mismatches(
            result, profiles: profiles.filter { $0.name != "system" }, port: sim.port,
            community: sim.community(for: recording))
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        return result
    }

    @Test("cisco, entity-mib and entity-sensor on a Catalyst 2960 match snmpbulkwalk")
    func ciscoCatalyst() async throws {
        let result = try await poll(
            ["system", "if-mib", "entity-mib", "entity-sensor", "cisco"],
            recording: SNMPRecordings.ciscoCatalyst2960Name)
        #expect(result.value("sysObjectID", ["sysObjectID": "1.3.6.1.4.1.9.1.716"]) == 1)

        // CISCO-PROCESS-MIB: the row names its CPU entity.
        let cpu = ["cpmCPUTotalIndex": "1", "entPhysicalIndex": "1001"]
        #expect(result.value("cpmCPUTotal5secRev", cpu) == 9)
        #expect(result.value("cpmCPUTotal1minRev", cpu) == 7)
        #expect(result.value("cpmCPUTotal5minRev", cpu) == 6)
        #expect(result.value("cpmCPUMemoryUsed", cpu) == 86_740.0 * 1024)

        // Memory pools: classic and enhanced (composite index entPhysicalIndex.cempMemPoolIndex).
        #expect(
            result.value("ciscoMemoryPoolUsed", ["ciscoMemoryPoolType": "1", "ciscoMemoryPoolName": "Processor"])
                == 21_510_088)
        #expect(result.value("ciscoMemoryPoolFree", ["ciscoMemoryPoolName": "I/O"]) == 5_470_048)
        let io = ["entPhysicalIndex": "1001", "cempMemPoolIndex": "2", "cempMemPoolName": "I/O"]
        #expect(result.value("cempMemPoolHCFree", io) == 5_470_048)
        #expect(result.value("cempMemPoolType", io) == 3)

        // CISCO-ENVMON-MIB: state plus description.
        let sensor = [
            "ciscoEnvMonTemperatureStatusIndex": "1006", "ciscoEnvMonTemperatureStatusDescr": "SW#1, Sensor#1, GREEN",
        ]
        #expect(result.value("ciscoEnvMonTemperatureStatusValue", sensor) == 35)
        #expect(result.value("ciscoEnvMonTemperatureThreshold", sensor) == 60)
        #expect(result.value("ciscoEnvMonTemperatureState", sensor) == 1)
        #expect(result.sample("ciscoEnvMonTemperatureStatusValueRev1") == nil)  // not on this IOS
        #expect(result.value("ciscoEnvMonFanState", ["ciscoEnvMonFanStatusDescr": "Switch#1, Fan#1"]) == 1)
        #expect(result.value("ciscoEnvMonSupplyState", ["ciscoEnvMonSupplyStatusDescr": "Sw1, RPS"]) == 5)
        #expect(result.value("ciscoEnvMonSupplySource", ["ciscoEnvMonSupplyStatusIndex": "1003"]) == 2)

        // ENTITY-MIB inventory.
        let chassis = ["entPhysicalIndex": "1001", "entPhysicalName": "1"]
        #expect(result.value("entPhysicalClass", chassis) == 3)
        #expect(
            result.value("entPhysicalSerialNum", chassis.merging(["entPhysicalSerialNum": "FOC1234X5YZ"]) { $1 }) == 1)
        #expect(
            result.value("entPhysicalSoftwareRev", chassis.merging(["entPhysicalSoftwareRev": "15.0(2)SE11"]) { $1 })
                == 1)
        #expect(result.sample("entPhysicalMfgName", chassis)?.labels["entPhysicalMfgName"] ?? "" == "")
        let sfp = ["entPhysicalIndex": "1007", "entPhysicalName": "GigabitEthernet0/1"]
        #expect(result.value("entPhysicalModelName", sfp.merging(["entPhysicalModelName": "GLC-LH-SMD"]) { $1 }) == 1)
        #expect(result.value("entPhysicalIsFRU", sfp) == 1)
        #expect(result.value("entPhysicalContainedIn", sfp) == 1006)
        #expect(result.samples.filter { $0.name == "entPhysicalClass" }.count == 10)

        // ENTITY-SENSOR-MIB, joined with the entity's name and description.
        let module = [
            "entPhysicalIndex": "1008", "entPhysicalName": "Gi0/1 Module Temperature Sensor",
            "entPhysicalDescr": "GigabitEthernet0/1 Module Temperature Sensor", "entPhySensorUnitsDisplay": "celsius",
        ]
        #expect(try reading(result, module) == 32.5)
        #expect(result.value("entPhySensorType", module) == 8)
        #expect(result.value("entPhySensorOperStatus", module) == 1)
        let volts = ["entPhysicalName": "Switch 1 - 3.3V Sensor", "entPhySensorUnitsDisplay": "volts"]
        #expect(result.value("entPhySensorValue", volts) == 3312)
        #expect(try reading(result, volts) == 3.312)
        #expect(try reading(result, ["entPhysicalIndex": "1004"]) == 35)

        // IF-MIB on the same device: 64-bit counter past 2^32, the 32-bit one wrapped.
        let uplink = ["ifIndex": "10101", "ifName": "Gi0/1", "ifAlias": "uplink core-sw-1 Gi1/0/24"]
        #expect(result.value("ifHCInOctets", uplink) == 9_876_543_210_123)
        #expect(result.value("ifInOctets", uplink) == Double(9_876_543_210_123 % (1 << 32)))
        #expect(result.value("ifOperStatus", ["ifName": "Fa0/2"]) == 2)
        #expect(result.sample("ifMtu", ["ifName": "Fa0/2"])?.labels["ifAlias"] == nil)  // empty alias
    }

    @Test("a probe's next polls take the label sets of its first, and give what a new probe gives")
    func repeatedPolls() async throws {
        let sim = try SharedSNMPSim.fixture()
        let profiles = try TestProfiles.named("system", "if-mib", "entity-mib", "entity-sensor", "cisco")
        let community = sim.community(for: SNMPRecordings.ciscoCatalyst2960Name)
        let polls = await SNMPProbeTestSupport.run(profiles, port: sim.port, community: community, times: 3)
        let fresh = await SNMPProbeTestSupport.run(profiles, port: sim.port, community: community)
        for (number, poll) in (polls + [fresh]).enumerated() {
            #expect(poll.outcome == .success, "poll \(number)")
            #expect(poll.samples.count > 100, "poll \(number)")
            #expect(
                poll.samples.filter { $0.name != "sysUpTime" } == polls[0].samples.filter { $0.name != "sysUpTime" },
                "poll \(number)")
        }
        let serials = polls[2].samples.filter { $0.name == "entPhysicalSerialNum" }
        #expect(serials.contains { $0.labels["entPhysicalSerialNum"] == "FOC1234X5YZ" })
    }

    @Test("juniper, entity-mib and entity-sensor on an MX104 match snmpbulkwalk; the 4-part index is decoded")
    func juniperMX() async throws {
        let result = try await poll(
            ["system", "if-mib", "entity-mib", "entity-sensor", "juniper"], recording: SNMPRecordings.juniperMX104Name)
        #expect(result.value("jnxBoxDescr", ["jnxBoxDescr": "Juniper MX104 Internet Backbone Router"]) == 1)
        #expect(result.value("jnxBoxSerialNo", ["jnxBoxSerialNo": "JN12AB34CDEF"]) == 1)

        let pem1 = [
            "jnxOperatingContentsIndex": "2", "jnxOperatingL1Index": "2", "jnxOperatingL2Index": "0",
            "jnxOperatingL3Index": "0", "jnxOperatingDescr": "PEM 1",
        ]
        #expect(result.value("jnxOperatingState", pem1) == 6)
        let fan = ["jnxOperatingContentsIndex": "4", "jnxOperatingL1Index": "1", "jnxOperatingL2Index": "2"]
        #expect(result.sample("jnxOperatingState", fan)?.labels["jnxOperatingDescr"] == "Fan Tray 0 Fan 2")
        let engine = [
            "jnxOperatingContentsIndex": "9", "jnxOperatingL1Index": "1", "jnxOperatingDescr": "Routing Engine 0",
        ]
        #expect(result.value("jnxOperatingState", engine) == 2)
        #expect(result.value("jnxOperatingTemp", engine) == 41)
        #expect(result.value("jnxOperatingCPU", engine) == 6)
        #expect(result.value("jnxOperatingBuffer", engine) == 39)
        #expect(result.value("jnxOperatingMemory", engine) == 4096.0 * 1_048_576)
        #expect(result.value("jnxOperatingUpTime", engine) == 287_650_000 * 0.01)
        #expect(result.value("jnxOperating5MinAvgCPU", engine) == 6)
        #expect(result.samples.filter { $0.name == "jnxOperatingState" }.count == 10)

        #expect(result.value("entPhysicalClass", ["entPhysicalName": "PEM 1"]) == 6)
        #expect(
            result.value("entPhysicalMfgName", ["entPhysicalIndex": "1", "entPhysicalMfgName": "Juniper Networks"]) == 1
        )
        #expect(result.value("entPhySensorOperStatus", ["entPhysicalName": "PEM 1 Temperature"]) == 2)
        let fanSpeed = ["entPhysicalName": "Fan Tray 0 Fan 1", "entPhySensorUnitsDisplay": "rpm"]
        #expect(result.value("entPhySensorType", fanSpeed) == 10)
        #expect(try reading(result, fanSpeed) == 5160)

        let core = ["ifName": "xe-2/0/0", "ifAlias": "core: edge-r2 xe-2/0/0"]
        #expect(result.value("ifHCInOctets", core) == 987_654_321_098_765)
        #expect(result.value("ifSpeed", core) == 4_294_967_295)  // saturated: 10 Gb/s
        #expect(result.value("ifHighSpeed", core) == 10_000)
        #expect(result.value("ifType", ["ifName": "xe-2/0/0.0"]) == 53)
    }

    @Test("asterisk on a PBX matches snmpbulkwalk: calls, channels, channels per technology")
    func asteriskPBX() async throws {
        let result = try await poll(["system", "if-mib", "asterisk"], recording: SNMPRecordings.asteriskPBXName)
        #expect(result.value("astVersionString", ["astVersionString": "20.5.2"]) == 1)
        #expect(result.value("astConfigUpTime") == 98_765_400 * 0.01)
        #expect(result.value("astConfigReloadTime") == 4_321_000 * 0.01)
        #expect(result.value("astConfigCallsActive") == 3)
        #expect(result.value("astConfigCallsProcessed") == 18_342)
        #expect(result.sample("astConfigCallsProcessed")?.kind == .counter)
        #expect(result.value("astNumChannels") == 6)
        #expect(result.value("astNumChanBridge") == 4)
        #expect(result.value("astNumModules") == 212)
        #expect(result.value("astNumChanTypes") == 5)
        #expect(result.value("astChanTypeChannels", ["astChanTypeName": "PJSIP", "astChanTypeIndex": "2"]) == 4)
        #expect(
            result.value("astChanTypeChannels", ["astChanTypeDesc": "Inter Asterisk eXchange Driver (Ver 2)"]) == 2)
        #expect(result.samples.filter { $0.name == "astChanTypeChannels" }.count == 5)
        #expect(result.value("sysObjectID", ["sysObjectID": "1.3.6.1.4.1.8072.3.2.10"]) == 1)
    }

    @Test("vendor profiles on a device of another vendor yield no samples")
    func otherVendor() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("cisco", "juniper", "entity-mib", "entity-sensor"), port: sim.port,
            community: sim.community(for: SNMPRecordings.asteriskPBXName))
        #expect(result.outcome == .success)
        #expect(result.samples.isEmpty)
        let juniper = await SNMPProbeTestSupport.run(
            try TestProfiles.named("cisco", "asterisk"), port: sim.port,
            community: sim.community(for: SNMPRecordings.juniperMX104Name))
        #expect(juniper.outcome == .success)
        #expect(juniper.samples.isEmpty)
    }

    @Test(
        "profiles: auto selects the vendor profiles by sysObjectID",
        arguments: [
            (SNMPRecordings.ciscoCatalyst2960Name, ["cisco", "entity-mib", "entity-sensor", "if-mib", "system"]),
            (SNMPRecordings.juniperMX104Name, ["entity-mib", "entity-sensor", "if-mib", "juniper", "system"]),
            // net-snmp's sysObjectID: a Linux host; asterisk must be named in the device's profiles.
            (SNMPRecordings.asteriskPBXName, ["host-resources", "if-mib", "system"]),
        ])
    func automaticSelection(recording: String, expected: [String]) async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPProbeTestSupport.logger)
        defer { engine.shutdown() }
        let settings = SNMPDeviceConfiguration(
            host: "127.0.0.1", port: sim.port, community: Secret(sim.community(for: recording)),
            profileSelection: .automatic)
        let probe = AutoSelectingSNMPProbe(settings: settings, catalog: try TestProfiles.all(), engine: engine)
        let result = await probe.probe(
            Target(device: "dut", address: settings.address), deadline: .now + .seconds(30),
            logger: SNMPProbeTestSupport.logger)
        #expect(result.outcome == .success)
        #expect(probe.selectedProfileNames?.sorted() == expected)
    }

    @Test("alerts/hardware.yaml fires for the Juniper's failed power supply and stays quiet on the healthy Cisco")
    func hardwareAlerts() async throws {
        let sim = try SharedSNMPSim.fixture()
        let vendor = try TestProfiles.named("entity-sensor", "cisco", "juniper")
        let juniper = await SNMPProbeTestSupport.run(
            vendor, port: sim.port, community: sim.community(for: SNMPRecordings.juniperMX104Name))
        let cisco = await SNMPProbeTestSupport.run(
            vendor, port: sim.port, community: sim.community(for: SNMPRecordings.ciscoCatalyst2960Name))
        let names = [
            "CiscoCPUHigh", "CiscoFanFailed", "CiscoPowerSupplyFailed", "JuniperComponentDown", "EntitySensorFailed",
            "EntityTemperatureHigh",
        ]
        var firing: [String: [String]] = [:]
        for name in names {
            let rule = try TestRules.named(name)
            for (device, result) in [("juniper", juniper), ("cisco", cisco)] {
                var evaluator = RuleEvaluator()
                let holding = evaluator.evaluate(rule, samples: result.samples, at: Date()).seriesResults
                for series in holding {
                    firing[name, default: []].append("\(device) \(series.labels["jnxOperatingDescr"] ?? "")")
                }
            }
        }
        // PEM 1 is down; the Cisco's RPS bay (state 5 notPresent) and the PEM's unavailable sensor are not alerts.
        #expect(firing == ["JuniperComponentDown": ["juniper PEM 1"]])

        // The conditions hold on a failing device: a Cisco fan in state 3 (critical), a 75 °C sensor.
        var failing = cisco.samples
        for index in failing.indices {
            if failing[index].name == "ciscoEnvMonFanState" { failing[index].value = 3 }
            if failing[index].name == "entPhySensorValue", failing[index].labels["entPhysicalIndex"] == "1004" {
                failing[index].value = 75
            }
        }
        var evaluator = RuleEvaluator()
        let fan = evaluator.evaluate(try TestRules.named("CiscoFanFailed"), samples: failing, at: Date())
        #expect(fan.seriesResults.map(\.value) == [3])
        let hot = evaluator.evaluate(try TestRules.named("EntityTemperatureHigh"), samples: failing, at: Date())
        #expect(hot.seriesResults.map { $0.labels["entPhysicalName"] } == ["Switch 1 - Temp Sensor 0"])
    }

    /// The measurement of an entity sensor as docs/probes/snmp.md says to read it:
    /// value × 1000^(scale − 9) ÷ 10^precision (precision 1...9).
    private func reading(_ result: ProbeResult, _ labels: [String: String]) throws -> Double {
        let value = try #require(result.value("entPhySensorValue", labels))
        let scale = try #require(result.value("entPhySensorScale", labels))
        let precision = try #require(result.value("entPhySensorPrecision", labels))
        let exponent = 3 * (Int(scale) - 9) - max(Int(precision), 0)
        let measurement = exponent >= 0 ? value * pow10(exponent) : value / pow10(-exponent)
        return (measurement * 1_000_000).rounded() / 1_000_000
    }

    private func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}
