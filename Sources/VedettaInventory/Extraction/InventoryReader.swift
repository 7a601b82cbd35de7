public import Foundation
public import VedettaCore

/// Reads devices' inventories from their polls, extracting one (``InventoryExtractor``) only when the objects an
/// inventory is made of changed since the device's last extraction, or when `refresh` has passed since it.
///
/// A device's inventory objects (system identity, ENTITY-MIB's physical table, the vendors' identity objects) rarely
/// change between polls, while extracting them (a dictionary per entity, every text trimmed, the components sorted)
/// costs as much as building the poll's samples of a big entity table. Each poll is summed up in a digest of those
/// objects (``InventoryExtractor/digest(of:)``: their names, label fingerprints and values); a poll with the same
/// digest as the last extraction gets that inventory with the poll's uptime and time. The refresh bounds how long
/// a change hidden by a digest collision could go unseen.
public struct InventoryReader: Sendable {
    private struct Extraction {
        var facts: Int
        var inventory: DeviceInventory
        var at: Date
    }

    private let refresh: TimeInterval
    private var extractions: [String: Extraction] = [:]
    /// How many polls were extracted rather than reused (for tests and diagnostics).
    public private(set) var extractionCount = 0

    /// A reader that extracts again at least every `refresh` per device.
    public init(refresh: Duration = .seconds(600)) {
        self.refresh = refresh.seconds
    }

    /// The inventory of `device` in one poll's `samples`: the same as
    /// ``InventoryExtractor/inventory(of:samples:at:)``.
    /// - Returns: The inventory, or `nil` when the poll holds no system identity.
    public mutating func inventory(of device: String, samples: [Sample], at: Date) -> DeviceInventory? {
        let digest = InventoryExtractor.digest(of: samples)
        if let previous = extractions[device], previous.facts == digest.facts,
            abs(at.timeIntervalSince(previous.at)) < refresh,
            digest.uptime != nil || previous.inventory.sysDescr != nil || previous.inventory.sysObjectID != nil
        {
            var inventory = previous.inventory
            inventory.uptimeSeconds = digest.uptime
            inventory.lastPoll = at
            return inventory
        }
        extractionCount += 1
        guard let inventory = InventoryExtractor.inventory(of: device, samples: samples, at: at) else {
            extractions[device] = nil
            return nil
        }
        extractions[device] = Extraction(facts: digest.facts, inventory: inventory, at: at)
        return inventory
    }

    /// Forgets the last extraction of every device not in `devices` (devices no longer polled here): a reader
    /// keeps nothing for a device removed by a reload, and a device polled here again is extracted afresh.
    public mutating func forget(devicesOtherThan devices: Set<String>) {
        extractions = extractions.filter { devices.contains($0.key) }
    }

    /// How many devices the reader keeps an extraction for.
    public var deviceCount: Int { extractions.count }
}
