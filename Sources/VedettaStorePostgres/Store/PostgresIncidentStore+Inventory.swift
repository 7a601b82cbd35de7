public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaInventory

extension PostgresIncidentStore: InventoryStore {
    /// Records a device's inventory and the changes of its tracked facts; see
    /// ``InventoryStore/recordInventory(_:at:)``.
    ///
    /// A fact this poll did not report keeps its earlier value.
    ///
    /// - Parameters:
    ///   - inventory: The device's inventory.
    ///   - at: When it was polled.
    /// - Returns: The changes recorded.
    /// - Throws: ``StoreError`` when the database cannot be written.
    public func recordInventory(_ inventory: DeviceInventory, at: Date) async throws(StoreError) -> [InventoryChange] {
        let milliseconds = Milliseconds.of(at)
        return try await write("record inventory") { session in
            let device = inventory.device
            let previousText = try await session.value(
                "SELECT data FROM inventory WHERE device = \(device)", as: String.self)
            let previous = try previousText.map { try InventoryJSON.decode($0, device: device) }
            var merged = inventory
            if let previous { merged.keepMissingFacts(of: previous) }
            var changes: [InventoryChange] = []
            if let previous {
                for (old, new) in zip(previous.trackedFacts, merged.trackedFacts) where old.value != new.value {
                    changes.append(
                        InventoryChange(device: device, at: at, field: new.field, old: old.value, new: new.value))
                }
            }
            let data = try InventoryJSON.encode(merged)
            try await session.execute(
                """
                INSERT INTO inventory (device, data, updated_at) VALUES (\(device), \(data), \(milliseconds))
                ON CONFLICT (device) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
                """)
            for change in changes {
                try await session.execute(
                    """
                    INSERT INTO inventory_event (device, at, field, "old", "new")
                    VALUES (\(change.device), \(milliseconds), \(change.field), \(change.old), \(change.new))
                    """)
            }
            return changes
        }
    }

    /// Every device's latest inventory; see ``InventoryStore/inventories()``.
    ///
    /// - Returns: The inventories, by device name.
    /// - Throws: ``StoreError`` when the database cannot be read (`corrupt` for unreadable JSON).
    public func inventories() async throws(StoreError) -> [DeviceInventory] {
        try await read("read inventory") { session in
            try await session.rows("SELECT device, data FROM inventory ORDER BY device COLLATE \"C\"").map { row in
                try InventoryJSON.decode(try row["data", as: String.self], device: try row["device", as: String.self])
            }
        }
    }

    /// A device's changes, newest first; see ``InventoryStore/inventoryChanges(device:limit:)``.
    ///
    /// - Parameters:
    ///   - device: The device, or `nil` for all.
    ///   - limit: The most changes (at least one).
    /// - Returns: The changes.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func inventoryChanges(device: String?, limit: Int) async throws(StoreError) -> [InventoryChange] {
        let limit = max(1, limit)
        return try await read("read inventory changes") { session in
            try await session.rows(
                """
                SELECT * FROM inventory_event WHERE (\(device)::TEXT IS NULL OR device = \(device)::TEXT)
                ORDER BY id DESC LIMIT \(limit)
                """
            ).map { row in
                InventoryChange(
                    device: try row["device", as: String.self], at: Milliseconds.date(try row["at", as: Int64.self]),
                    field: try row["field", as: String.self], old: try row["old", as: String?.self],
                    new: try row["new", as: String?.self])
            }
        }
    }
}

/// The stored form of an inventory: its JSON, with dates in milliseconds (as in the SQLite store).
enum InventoryJSON {
    /// The JSON of `inventory`, keys sorted.
    static func encode(_ inventory: DeviceInventory) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        guard let data = try? encoder.encode(inventory), let text = String(data: data, encoding: .utf8) else {
            throw StoreError(
                .query, message: "the inventory of \(inventory.device) cannot be encoded", operation: "encode inventory"
            )
        }
        return text
    }

    /// The inventory stored as `text` for `device`; `corrupt` when it is not readable.
    static func decode(_ text: String, device: String) throws(StoreError) -> DeviceInventory {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(DeviceInventory.self, from: Data(text.utf8))
        } catch {
            throw StoreError(
                .corrupt,
                message: "the inventory of \(device) is not readable; the database was changed outside Vedetta",
                operation: "read inventory")
        }
    }
}
