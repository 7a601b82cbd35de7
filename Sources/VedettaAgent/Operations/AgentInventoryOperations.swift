import VedettaAPI
import VedettaConfig
import VedettaInventory

/// The agent's side of the inventory routes: the stored inventory, freshened with the latest polls.
struct AgentInventoryOperations: InventoryOperations {
    let configuration: VedettaConfiguration
    let store: any AgentStore
    let keeper: InventoryKeeper

    func listing() async throws(IncidentRefusal) -> InventoryListing {
        do {
            return try await InventoryDesk.listing(
                configuration: configuration, store: store, fresher: await keeper.current())
        } catch {
            throw AgentIncidentOperations.refusal(error)
        }
    }

    func changes(device: String) async throws(IncidentRefusal) -> [InventoryChange] {
        do {
            return try await store.inventoryChanges(device: device, limit: 1000)
        } catch {
            throw IncidentRefusal(.unavailable, "cannot read inventory changes: \(error)")
        }
    }
}
