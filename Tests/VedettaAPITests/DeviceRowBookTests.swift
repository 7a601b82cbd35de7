import Foundation
import Synchronization
import Testing
import VedettaCore
import VedettaIncidents
import VedettaInventory
import VedettaStoreSQLite

@testable import VedettaAPI

/// The agent's inventory as the console sees it: a fixed listing (the real agent's is tested end to end).
private struct FixedInventory: InventoryOperations {
    func listing() async throws(IncidentRefusal) -> InventoryListing {
        let switchInventory = DeviceInventory(device: "sw1", vendor: "Cisco", model: "WS-C3560G-48TS-E")
        return InventoryListing(devices: [
            InventoryListing.Entry(
                device: "sw1", labels: ["site": "milano"], address: "10.1.0.2:161", profiles: ["auto"],
                inventory: switchInventory),
            InventoryListing.Entry(device: "sw2", labels: [:], address: nil, profiles: [], inventory: nil),
        ])
    }
    func changes(device: String) async throws(IncidentRefusal) -> [InventoryChange] { [] }
}

/// An inventory whose store cannot be read the first time it is asked.
private final class InventoryUnreadableAtFirst: InventoryOperations {
    private let asked = Mutex(0)

    func listing() async throws(IncidentRefusal) -> InventoryListing {
        let first = asked.withLock { count in
            count += 1
            return count == 1
        }
        if first { throw IncidentRefusal(.unavailable, "cannot read the stored inventories") }
        return try await FixedInventory().listing()
    }
    func changes(device: String) async throws(IncidentRefusal) -> [InventoryChange] { [] }
}

@Suite("The devices list's rows: fixed parts once, states shared for a second")
struct DeviceRowBookTests {
    @Test("rows by name with sites, roles, models and addresses; an incident shows once the rows are rebuilt")
    func rowsFollowIncidents() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let source = StoreBackedStatus(store: store)
        let book = DeviceRowBook(lifetime: .seconds(2))
        func rows() async throws -> DeviceRows {
            try await book.rows(source: source, inventory: FixedInventory()) {
                try await store.incidents(matching: IncidentQuery(state: .open))
            }
        }

        let first = try await rows()
        #expect(first.rows.map(\.device) == ["sw1", "sw2"])
        #expect(first.sites == ["milano", Wallboard.none] || first.sites == [Wallboard.none, "milano"])
        #expect(first.rows[0].model == "Cisco WS-C3560G-48TS-E" && first.rows[0].lowercasedModel.contains("cisco"))
        #expect(first.rows[0].address == "10.1.0.2:161" && first.rows[1].address.isEmpty)
        #expect(first.rows.map(\.status) == [.green, .green])

        _ = try await store.open(
            IncidentDraft(rule: "DeviceDown", severity: .critical, labels: ["device": "sw1"], summary: "sw1 down"),
            at: Date(), notify: [])
        // Within the lifetime every request shares the rows already built.
        #expect(try await rows().rows[0].status == .green)
        try await Task.sleep(for: .milliseconds(2100))
        let later = try await rows()
        #expect(later.rows[0].status == .red && later.rows[0].openIncidents == 1)
        #expect(later.rows[1].status == .green && later.rows[1].openIncidents == 0)
    }

    @Test("an inventory that cannot be read leaves the list without addresses only until it can")
    func unreadableInventory() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let source = StoreBackedStatus(store: store)
        let book = DeviceRowBook(lifetime: .milliseconds(100))
        let inventory = InventoryUnreadableAtFirst()
        func rows() async throws -> DeviceRows {
            try await book.rows(source: source, inventory: inventory) { [] }
        }
        let first = try await rows()
        #expect(first.rows.map(\.device) == ["sw1", "sw2"] && first.rows[0].address.isEmpty)
        try await Task.sleep(for: .milliseconds(200))
        let later = try await rows()
        #expect(later.rows[0].address == "10.1.0.2:161" && later.rows[0].model == "Cisco WS-C3560G-48TS-E")
    }

    @Test("a row's state: red for an unacknowledged critical incident, amber when acknowledged or up is 0")
    func rowState() {
        var row = DevicePages.Row(
            device: "pbx", site: "roma", role: "pbx", status: .green, openIncidents: 0, model: "", address: "")
        var incident = Incident(
            id: 1, fingerprint: "pbx-down", rule: "Down", severity: .critical, labels: ["device": "pbx"],
            detectedAt: Date())
        row.update(incidents: [incident], up: 1, inventory: nil)
        #expect(row.status == .red && row.openIncidents == 1)
        incident.acknowledgedAt = Date()
        row.update(incidents: [incident], up: 1, inventory: nil)
        #expect(row.status == .amber)
        row.update(incidents: [], up: 0, inventory: nil)
        #expect(row.status == .amber && row.openIncidents == 0)
        row.update(incidents: [], up: 1, inventory: DeviceInventory(device: "pbx", model: "IP Office 500"))
        #expect(row.status == .green && row.model == "IP Office 500" && row.lowercasedModel == "ip office 500")
    }
}
