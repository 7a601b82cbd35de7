import Foundation
import Testing
import VedettaCore
import VedettaInventory
import VedettaStoreTestSupport

@Suite("InventoryStore on SQLite and PostgreSQL: latest inventory and its changes")
struct InventoryStoreTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(
        "the first inventory is no change; a new firmware and serial are; a fact a poll missed is kept",
        arguments: StoreUnderTest.allCases)
    func changes(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        var inventory = DeviceInventory(
            device: "sw1", sysObjectID: "1.3.6.1.4.1.9.1.617", model: "WS-C3560", serialNumber: "FOC1", firmware: "1.0",
            uptimeSeconds: 10, lastPoll: t0)
        #expect(try await store.recordInventory(inventory, at: t0).isEmpty)

        inventory.firmware = "1.1"
        inventory.serialNumber = "FOC2"
        inventory.model = nil  // this poll did not report it
        let changes = try await store.recordInventory(inventory, at: t0 + 60)
        #expect(changes.map(\.field) == ["serial_number", "firmware"])
        #expect(changes.first?.old == "FOC1" && changes.first?.new == "FOC2")

        let stored = try #require(try await store.inventories().first)
        #expect(stored.model == "WS-C3560", "kept from the earlier poll")
        #expect(stored.firmware == "1.1")
        #expect(stored.lastPoll == t0)
        let recorded = try await store.inventoryChanges(device: "sw1", limit: 10)
        #expect(recorded.map(\.field) == ["firmware", "serial_number"], "newest first")
        #expect(recorded.first?.at == t0 + 60)
        #expect(try await store.inventoryChanges(device: "other", limit: 10).isEmpty)
    }

    @Test(
        "devices are listed by name; changes of every device come newest first, at most `limit`",
        arguments: StoreUnderTest.allCases)
    func severalDevices(_ backend: StoreUnderTest) async throws {
        let store = try await backend.makeStore()
        for (offset, device) in ["sw2", "sw1", "ups1"].enumerated() {
            let inventory = DeviceInventory(
                device: device, model: "M", serialNumber: "S-\(device)", firmware: "1.0", lastPoll: t0)
            _ = try await store.recordInventory(inventory, at: t0 + Double(offset))
        }
        #expect(try await store.inventories().map(\.device) == ["sw1", "sw2", "ups1"])
        for (offset, device) in ["sw2", "sw1", "ups1"].enumerated() {
            let inventory = DeviceInventory(
                device: device, model: "M", serialNumber: "S-\(device)", firmware: "2.0", lastPoll: t0 + 60)
            #expect(try await store.recordInventory(inventory, at: t0 + 60 + Double(offset)).count == 1)
        }
        let all = try await store.inventoryChanges(device: nil, limit: 10)
        #expect(all.map(\.device) == ["ups1", "sw1", "sw2"])
        #expect(all.allSatisfy { $0.field == "firmware" && $0.old == "1.0" && $0.new == "2.0" })
        #expect(try await store.inventoryChanges(device: nil, limit: 2).map(\.device) == ["ups1", "sw1"])
        #expect(try await store.inventoryChanges(device: "sw2", limit: 0).map(\.device) == ["sw2"], "at least one")
    }
}
