import Foundation
import SNMPProbe
public import VedettaConfig
import VedettaCore
public import VedettaInventory

/// The back-end of `vedetta inventory` and `GET /api/v1/inventory`: every configured device with its labels,
/// address and profiles, and the inventory its polls told.
public enum InventoryDesk {
    /// The listing: configured devices in file order, with the stored inventory (`vedetta inventory`; the running
    /// agent answers from its own copy, see `InventoryKeeper`).
    /// - Parameters:
    ///   - configuration: The devices.
    ///   - store: Where inventories are kept.
    /// - Throws: `AgentError` when the store cannot be read.
    /// - Returns: The listing.
    public static func listing(configuration: VedettaConfiguration, store: any InventoryStore)
        async throws(AgentError) -> InventoryListing
    {
        let stored: [DeviceInventory]
        do {
            stored = try await store.inventories()
        } catch {
            throw AgentError(.store, "cannot read the inventory: \(error)", storeError: error)
        }
        return listing(
            entries: entries(of: configuration),
            inventories: Dictionary(stored.map { ($0.device, $0) }, uniquingKeysWith: { $1 }))
    }

    /// What the configuration says of every device, in file order, without inventories.
    public static func entries(of configuration: VedettaConfiguration) -> [InventoryListing.Entry] {
        configuration.devices.map { device in
            let snmp = device.checks("snmp", as: SNMPDeviceConfiguration.self).first
            return InventoryListing.Entry(
                device: device.id.rawValue, labels: device.labels.dictionary,
                address: snmp?.address,
                profiles: snmp.map { ($0.profileSelection.isAutomatic ? ["auto"] : []) + $0.profiles } ?? [],
                inventory: nil)
        }
    }

    /// The listing of `entries` with each device's inventory from `inventories`.
    public static func listing(entries: [InventoryListing.Entry], inventories: [String: DeviceInventory])
        -> InventoryListing
    {
        InventoryListing(
            devices: entries.map { entry in
                var entry = entry
                entry.inventory = inventories[entry.device]
                return entry
            })
    }
}
