public import Foundation
import VedettaCore

/// The inventory as `vedetta inventory` and the API show it: every configured device with its labels, address
/// and profiles, and what its last poll told (nothing yet for a device never polled over SNMP).
public struct InventoryListing: Sendable, Hashable, Codable {
    /// One device.
    public struct Entry: Sendable, Hashable, Codable {
        /// The device's name.
        public var device: String
        /// Its labels.
        public var labels: [String: String]
        /// Its SNMP address, when it has one.
        public var address: String?
        /// The SNMP profiles it is polled with (`auto` when chosen by sysObjectID).
        public var profiles: [String]
        /// What its last poll told.
        public var inventory: DeviceInventory?

        /// Creates an entry.
        public init(
            device: String, labels: [String: String], address: String?, profiles: [String],
            inventory: DeviceInventory?
        ) {
            self.device = device
            self.labels = labels
            self.address = address
            self.profiles = profiles
            self.inventory = inventory
        }
    }

    /// The devices, by name.
    public var devices: [Entry]

    /// Creates a listing.
    public init(devices: [Entry]) {
        self.devices = devices
    }

    /// Aligned text: one line per device.
    public func text(now: Date) -> String {
        let header = ["DEVICE", "ADDRESS", "VENDOR", "MODEL", "SERIAL", "SOFTWARE/FIRMWARE", "UPTIME", "LAST POLL"]
        var rows = [header]
        for entry in devices {
            let inventory = entry.inventory
            rows.append([
                entry.device, entry.address ?? "-", inventory?.vendor ?? "-", inventory?.model ?? "-",
                inventory?.serialNumber ?? "-", inventory.map(Self.release) ?? "-",
                inventory?.uptimeSeconds.map(Self.uptime) ?? "-",
                inventory?.lastPoll.map { Self.age(now.timeIntervalSince($0)) + " ago" } ?? "never",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// CSV with a header row, one row per device; `,` separated, fields quoted when needed.
    public func csv() -> String {
        let header = [
            "device", "labels", "address", "profiles", "vendor", "model", "serial_number", "firmware", "software",
            "hardware", "sys_object_id", "sys_name", "sys_descr", "uptime_seconds", "last_poll",
        ]
        var lines = [header.joined(separator: ",")]
        for entry in devices {
            let inventory = entry.inventory
            let labels = entry.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            let cells: [String?] = [
                entry.device, labels, entry.address, entry.profiles.joined(separator: ";"), inventory?.vendor,
                inventory?.model, inventory?.serialNumber, inventory?.firmware, inventory?.software,
                inventory?.hardware, inventory?.sysObjectID, inventory?.sysName, inventory?.sysDescr,
                inventory?.uptimeSeconds.map { String(Int($0)) }, inventory?.lastPoll?.ISO8601Format(),
            ]
            lines.append(cells.map { CSVField.quoted($0 ?? "", separator: ",") }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `software / firmware`, once when they are the same.
    private static func release(_ inventory: DeviceInventory) -> String {
        var parts: [String] = []
        for part in [inventory.software, inventory.firmware].compactMap({ $0 }) where !parts.contains(part) {
            parts.append(part)
        }
        return parts.joined(separator: " / ").nonEmpty ?? "-"
    }

    private static func uptime(_ seconds: Double) -> String {
        age(seconds)
    }

    /// `3d 4h`, `2h 5m`, `42s`.
    private static func age(_ seconds: Double) -> String {
        let total = Int(max(0, seconds))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" }
        if total < 86_400 { return "\(total / 3600)h \(total % 3600 / 60)m" }
        return "\(total / 86_400)d \(total % 86_400 / 3600)h"
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
