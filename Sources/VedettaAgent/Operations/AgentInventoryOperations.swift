import VedettaAPI
import VedettaConfig
import VedettaCore
import VedettaInventory

/// The agent's side of the inventory routes: every device's inventory as the keeper knows it (the store's, read
/// once, and every poll's since).
struct AgentInventoryOperations: InventoryOperations {
    let store: any AgentStore
    let keeper: InventoryKeeper
    /// The configuration's part of the listing, built once per configuration (a reload replaces it).
    let catalog: LiveValue<Catalog>

    /// What the configuration says of every device, in file order, and each device's place in the list.
    struct Catalog: Sendable {
        var entries: [InventoryListing.Entry]
        var places: [String: Int]

        init(of configuration: VedettaConfiguration) {
            entries = InventoryDesk.entries(of: configuration)
            places = Dictionary(entries.enumerated().map { ($1.device, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func entry(of device: String) async throws(IncidentRefusal) -> InventoryListing.Entry? {
        let catalog = catalog.value
        guard let place = catalog.places[device] else { return nil }
        var entry = catalog.entries[place]
        entry.inventory = try await known()[device]
        return entry
    }

    func inventories() async throws(IncidentRefusal) -> [String: DeviceInventory] {
        try await known()
    }

    private func known() async throws(IncidentRefusal) -> [String: DeviceInventory] {
        guard let known = await keeper.known() else {
            throw IncidentRefusal(.unavailable, "cannot read the stored inventories; see the agent's log")
        }
        return known
    }

    func listing() async throws(IncidentRefusal) -> InventoryListing {
        InventoryDesk.listing(entries: catalog.value.entries, inventories: try await known())
    }

    func changes(device: String) async throws(IncidentRefusal) -> [InventoryChange] {
        do {
            return try await store.inventoryChanges(device: device, limit: 1000)
        } catch {
            throw IncidentRefusal(.unavailable, "cannot read inventory changes: \(error)")
        }
    }
}
