public import Foundation
public import VedettaCore

/// Where inventories and their changes are kept, so that `vedetta inventory` works without the agent and a
/// change is noticed across restarts.
public protocol InventoryStore: Sendable {
    /// Records `inventory` as the device's latest, and the changes of its tracked facts
    /// (``DeviceInventory/trackedFacts``) since the one on record, in one transaction. The first inventory of a
    /// device is no change; a fact that disappears (the poll did not report it) is kept as it was.
    ///
    /// - Parameters:
    ///   - inventory: The device's inventory.
    ///   - at: When it was polled.
    /// - Returns: The changes recorded.
    /// - Throws: ``StoreError`` when the database cannot be written.
    func recordInventory(_ inventory: DeviceInventory, at: Date) async throws(StoreError) -> [InventoryChange]

    /// Every device's latest inventory, by device name.
    ///
    /// - Returns: The inventories.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func inventories() async throws(StoreError) -> [DeviceInventory]

    /// The changes of `device` (every device when `nil`), newest first, at most `limit`.
    ///
    /// - Parameters:
    ///   - device: The device, or `nil`.
    ///   - limit: The most changes.
    /// - Returns: The changes.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func inventoryChanges(device: String?, limit: Int) async throws(StoreError) -> [InventoryChange]
}
