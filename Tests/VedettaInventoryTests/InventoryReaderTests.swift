import Foundation
import Testing
import VedettaCore
import VedettaInventory

@Suite("InventoryReader: extracts again only when the inventory objects change")
struct InventoryReaderTests {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// One poll of a small switch: identity, a chassis and a module, a sensor and an interface counter that move on
    /// every poll.
    private func poll(_ number: Int, serial: String = "FOC1234X5YZ", sysName: String = "sw-milano") -> [Sample] {
        [
            Sample(name: "up", labels: ["device": "d"], value: 1, kind: .gauge),
            info("sysDescr", "Cisco IOS Software, C3560 Software, Version 12.2(25)SEE2"),
            info("sysObjectID", "1.3.6.1.4.1.9.1.617"), info("sysName", sysName),
            Sample(name: "sysUpTime", labels: ["device": "d"], value: Double(86_400 + 60 * number), kind: .gauge),
            entity("1", "entPhysicalClass", 3), entity("1", "entPhysicalContainedIn", 0),
            info("entPhysicalSerialNum", serial, ["entPhysicalIndex": "1", "entPhysicalName": "chassis"]),
            info("entPhysicalModelName", "WS-C3560-24PS-S ", ["entPhysicalIndex": "1", "entPhysicalName": "chassis"]),
            entity("1001", "entPhysicalClass", 9), entity("1001", "entPhysicalContainedIn", 1),
            info("entPhysicalSerialNum", "MODULE1", ["entPhysicalIndex": "1001", "entPhysicalName": "module 1"]),
            Sample(
                name: "entPhySensorValue", labels: ["entPhysicalIndex": "2001", "device": "d"],
                value: Double(30 + number % 2), kind: .gauge),
            Sample(
                name: "ifHCInOctets", labels: ["ifIndex": "1", "device": "d"], value: Double(1_000 * number),
                kind: .counter),
        ]
    }

    @Test("polls with the same objects are extracted once and read as the extractor reads them, uptime included")
    func unchangedPollsReuse() {
        var reader = InventoryReader()
        for number in 0..<5 {
            let at = start.addingTimeInterval(Double(60 * number))
            let samples = poll(number)
            #expect(
                reader.inventory(of: "sw", samples: samples, at: at)
                    == InventoryExtractor.inventory(of: "sw", samples: samples, at: at))
        }
        #expect(reader.extractionCount == 1, "sensor values, counters and the uptime are not inventory objects")
        #expect(reader.inventory(of: "sw", samples: poll(5), at: start)?.uptimeSeconds == 86_700)
    }

    @Test("a new serial number, a renamed device or a vanished module is extracted again")
    func changedObjectsExtract() {
        var reader = InventoryReader()
        let polls = [
            poll(0), poll(1, serial: "FOC9999"), poll(2, serial: "FOC9999", sysName: "sw-roma"),
            poll(3, serial: "FOC9999", sysName: "sw-roma").filter { $0.labels["entPhysicalIndex"] != "1001" },
        ]
        for (number, samples) in polls.enumerated() {
            let at = start.addingTimeInterval(Double(60 * number))
            let read = reader.inventory(of: "sw", samples: samples, at: at)
            #expect(read == InventoryExtractor.inventory(of: "sw", samples: samples, at: at))
        }
        #expect(reader.extractionCount == 4)
        #expect(reader.inventory(of: "sw", samples: polls[3], at: start)?.components.map(\.serialNumber) == ["FOC9999"])
    }

    @Test("a failed poll gives no inventory, and the next good one is extracted")
    func failedPoll() {
        var reader = InventoryReader()
        _ = reader.inventory(of: "sw", samples: poll(0), at: start)
        let failed = [Sample(name: "up", labels: ["device": "d"], value: 0, kind: .gauge)]
        #expect(reader.inventory(of: "sw", samples: failed, at: start.addingTimeInterval(60)) == nil)
        #expect(reader.inventory(of: "sw", samples: poll(2), at: start.addingTimeInterval(120))?.sysName == "sw-milano")
        #expect(reader.extractionCount == 3)
    }

    @Test("the refresh extracts again however alike the polls, and devices are kept apart")
    func refreshAndDevices() {
        var reader = InventoryReader(refresh: .seconds(300))
        _ = reader.inventory(of: "sw", samples: poll(0), at: start)
        _ = reader.inventory(of: "sw", samples: poll(1), at: start.addingTimeInterval(299))
        #expect(reader.extractionCount == 1)
        _ = reader.inventory(of: "sw", samples: poll(2), at: start.addingTimeInterval(300))
        #expect(reader.extractionCount == 2)
        _ = reader.inventory(of: "other", samples: poll(3), at: start.addingTimeInterval(301))
        #expect(reader.extractionCount == 3)
        _ = reader.inventory(of: "sw", samples: poll(4), at: start.addingTimeInterval(302))
        #expect(reader.extractionCount == 3, "the other device's extraction is its own")
    }

    @Test("devices no longer polled are forgotten, the others keep their extraction")
    func forgetsRemovedDevices() {
        var reader = InventoryReader()
        for device in ["sw-1", "sw-2", "sw-3"] { _ = reader.inventory(of: device, samples: poll(0), at: start) }
        #expect(reader.deviceCount == 3 && reader.extractionCount == 3)
        reader.forget(devicesOtherThan: ["sw-2"])
        #expect(reader.deviceCount == 1)
        let later = start.addingTimeInterval(60)
        #expect(
            reader.inventory(of: "sw-2", samples: poll(1), at: later)
                == InventoryExtractor.inventory(of: "sw-2", samples: poll(1), at: later))
        #expect(reader.extractionCount == 3, "the device kept reuses its extraction")
        _ = reader.inventory(of: "sw-1", samples: poll(1), at: later)
        #expect(reader.extractionCount == 4, "a device polled again after it was forgotten is extracted afresh")
    }
}
