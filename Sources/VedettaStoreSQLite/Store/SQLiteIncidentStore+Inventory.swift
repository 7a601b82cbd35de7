public import Foundation
import GRDB
public import VedettaCore
public import VedettaInventory
import VedettaStoreRows

extension SQLiteIncidentStore: InventoryStore {
    /// Records a device's inventory and the changes of its tracked facts; see
    /// ``InventoryStore/recordInventory(_:at:)``.
    ///
    /// - Parameters:
    ///   - inventory: The device's inventory.
    ///   - at: When it was polled.
    /// - Returns: The changes recorded.
    /// - Throws: ``StoreError`` when the database cannot be written.
    public func recordInventory(_ inventory: DeviceInventory, at: Date) async throws(StoreError) -> [InventoryChange] {
        let milliseconds = StoredTime.milliseconds(at)
        return try await write("record inventory") { db in
            let previousText = try String.fetchOne(
                db, sql: "SELECT data FROM inventory WHERE device = ?", arguments: [inventory.device])
            let previous = try previousText.map { try InventoryJSON.decode($0, device: inventory.device) }
            var merged = inventory
            if let previous { merged.keepMissingFacts(of: previous) }
            var changes: [InventoryChange] = []
            if let previous {
                for (old, new) in zip(previous.trackedFacts, merged.trackedFacts) where old.value != new.value {
                    changes.append(
                        InventoryChange(
                            device: inventory.device, at: at, field: new.field, old: old.value, new: new.value))
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO inventory (device, data, updated_at) VALUES (?, ?, ?) \
                    ON CONFLICT (device) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                    """,
                arguments: [inventory.device, try InventoryJSON.encode(merged), milliseconds])
            for change in changes {
                try db.execute(
                    sql: "INSERT INTO inventory_event (device, at, field, old, new) VALUES (?, ?, ?, ?, ?)",
                    arguments: [change.device, milliseconds, change.field, change.old, change.new])
            }
            return changes
        }
    }

    /// Every device's latest inventory; see ``InventoryStore/inventories()``.
    ///
    /// - Returns: The inventories, by device name.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func inventories() async throws(StoreError) -> [DeviceInventory] {
        try await read("read inventory") { db in
            try Row.fetchAll(db, sql: "SELECT device, data FROM inventory ORDER BY device").map { row in
                try InventoryJSON.decode(row["data"], device: row["device"])
            }
        }
    }

    /// A device's changes, newest first; see ``InventoryStore/inventoryChanges(device:limit:)``.
    ///
    /// - Parameters:
    ///   - device: The device, or `nil` for all.
    ///   - limit: The most changes.
    /// - Returns: The changes.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func inventoryChanges(device: String?, limit: Int) async throws(StoreError) -> [InventoryChange] {
        let filter = device == nil ? "" : " WHERE device = ?"
        var arguments: StatementArguments = device.map { [$0] } ?? []
        arguments += [max(1, limit)]
        let final = arguments
        return try await read("read inventory changes") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM inventory_event\(filter) ORDER BY id DESC LIMIT ?", arguments: final
            ).map { row in
                InventoryChange(
                    device: row["device"], at: StoredTime.date(row["at"]), field: row["field"], old: row["old"],
                    new: row["new"])
            }
        }
    }
}

/// The stored form of an inventory: its JSON.
enum InventoryJSON {
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

    static func decode(_ text: String, device: String) throws -> DeviceInventory {
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
