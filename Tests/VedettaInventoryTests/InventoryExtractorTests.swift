import Foundation
import Testing
import VedettaCore
import VedettaInventory

@Suite("InventoryExtractor: the facts of one poll")
struct InventoryExtractorTests {
    private let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the chassis of ENTITY-MIB gives serial, model and revisions; every serial is a component")
    func entityChassis() throws {
        let samples = [
            info("sysDescr", "Cisco IOS Software, C3560 Software, Version 12.2(25)SEE2"),
            info("sysObjectID", "1.3.6.1.4.1.9.1.617"),
            info("sysName", "sw-milano"),
            Sample(name: "sysUpTime", labels: ["device": "d"], value: 86_400, kind: .gauge),
            entity("1001", "entPhysicalClass", 9), entity("1001", "entPhysicalContainedIn", 1),
            info("entPhysicalSerialNum", "MODULE1", ["entPhysicalIndex": "1001", "entPhysicalName": "module 1"]),
            entity("1", "entPhysicalClass", 3), entity("1", "entPhysicalContainedIn", 0),
            info("entPhysicalSerialNum", "FOC1234X5YZ", ["entPhysicalIndex": "1", "entPhysicalName": "chassis"]),
            info("entPhysicalModelName", "WS-C3560-24PS-S", ["entPhysicalIndex": "1", "entPhysicalName": "chassis"]),
            info("entPhysicalSoftwareRev", "12.2(25)SEE2", ["entPhysicalIndex": "1", "entPhysicalName": "chassis"]),
            info("entPhysicalFirmwareRev", " ", ["entPhysicalIndex": "1", "entPhysicalName": "chassis"]),
        ]
        let inventory = try #require(InventoryExtractor.inventory(of: "sw-milano", samples: samples, at: at))
        #expect(inventory.serialNumber == "FOC1234X5YZ")
        #expect(inventory.model == "WS-C3560-24PS-S")
        #expect(inventory.software == "12.2(25)SEE2")
        #expect(inventory.firmware == nil, "blank is nothing")
        #expect(inventory.vendor == "Cisco", "from the enterprise number")
        #expect(inventory.sysName == "sw-milano")
        #expect(inventory.uptimeSeconds == 86_400)
        #expect(inventory.lastPoll == at)
        #expect(inventory.components.map(\.serialNumber) == ["FOC1234X5YZ", "MODULE1"])
        #expect(inventory.components.first?.name == "chassis")
    }

    @Test("without ENTITY-MIB, vendor objects: Juniper's box serial, UPS-MIB's manufacturer and model")
    func vendorObjects() throws {
        let juniper = try #require(
            InventoryExtractor.inventory(
                of: "r1",
                samples: [
                    info("sysObjectID", "1.3.6.1.4.1.2636.1.1.1.2.21"), info("jnxBoxSerialNo", "JN11F7072AFA"),
                    info("jnxBoxDescr", "Juniper MX960 Internet Backbone Router"),
                ], at: at))
        #expect(juniper.serialNumber == "JN11F7072AFA")
        #expect(juniper.model == "Juniper MX960 Internet Backbone Router")
        #expect(juniper.vendor == "Juniper")
        let ups = try #require(
            InventoryExtractor.inventory(
                of: "ups",
                samples: [
                    info("sysObjectID", "1.3.6.1.4.1.705.1"), info("upsIdentManufacturer", "EATON"),
                    info("upsIdentModel", "EATON 93E 80"), info("upsIdentAgentSoftwareVersion", "NMC V6.00 JH"),
                ], at: at))
        #expect(ups.vendor == "EATON")
        #expect(ups.model == "EATON 93E 80")
        #expect(ups.firmware == "NMC V6.00 JH")
    }

    @Test("a poll without a system identity (it failed) gives no inventory")
    func failedPoll() {
        let samples = [Sample(name: "up", labels: ["device": "d"], value: 0, kind: .gauge)]
        #expect(InventoryExtractor.inventory(of: "d", samples: samples, at: at) == nil)
    }
}
