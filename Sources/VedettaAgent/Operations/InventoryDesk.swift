public import Foundation
import SNMPProbe
public import VedettaConfig
import VedettaCore
public import VedettaInventory

/// The back-end of `vedetta inventory` and `GET /api/v1/inventory`: every configured device with its labels,
/// address and profiles, and the inventory its polls told.
public enum InventoryDesk {
    /// The listing: configured devices in file order, with the stored inventory, or a fresher one when given.
    /// - Parameters:
    ///   - configuration: The devices.
    ///   - store: Where inventories are kept.
    ///   - fresher: Inventories newer than the store's (the running agent's latest polls).
    /// - Throws: `AgentError` when the store cannot be read.
    /// - Returns: The listing.
    public static func listing(
        configuration: VedettaConfiguration, store: any InventoryStore, fresher: [String: DeviceInventory] = [:]
    ) async throws(AgentError) -> InventoryListing {
        let stored: [DeviceInventory]
        do {
            stored = try await store.inventories()
        } catch {
            throw AgentError(.store, "cannot read the inventory: \(error)", storeError: error)
        }
        var byDevice = Dictionary(stored.map { ($0.device, $0) }, uniquingKeysWith: { $1 })
        for (device, inventory) in fresher {
            guard var merged = byDevice[device] else {
                byDevice[device] = inventory
                continue
            }
            // The store keeps facts a poll missed; the running agent knows the latest uptime and poll.
            merged.uptimeSeconds = inventory.uptimeSeconds ?? merged.uptimeSeconds
            merged.lastPoll = inventory.lastPoll ?? merged.lastPoll
            byDevice[device] = merged
        }
        return InventoryListing(
            devices: configuration.devices.map { device in
                let snmp = device.checks("snmp", as: SNMPDeviceConfiguration.self).first
                return InventoryListing.Entry(
                    device: device.id.rawValue, labels: device.labels.dictionary,
                    address: snmp?.address,
                    profiles: snmp.map { ($0.profileSelection.isAutomatic ? ["auto"] : []) + $0.profiles } ?? [],
                    inventory: byDevice[device.id.rawValue])
            })
    }
}
