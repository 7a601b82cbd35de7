import Foundation
import Testing
import VedettaCore
import VedettaInventory
import VedettaStoreSQLite

@Suite("InventoryStore on SQLite: latest inventory and its changes")
struct InventoryStoreTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the first inventory is no change; a new firmware and serial are; a fact a poll missed is kept")
    func changes() async throws {
        let store = try SQLiteIncidentStore.inMemory()
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
}
