public import Foundation
public import VedettaCore

/// Finds a device's inventory in one poll's samples.
///
/// Text objects are info samples whose text is the label named after the sample
/// (`entPhysicalSerialNum{entPhysicalSerialNum="FOC1234X5YZ", entPhysicalIndex="1001"} 1`). The chassis is the
/// ENTITY-MIB entity of class `chassis` (3) contained in nothing (or the lowest-numbered chassis); its serial
/// number, model and revisions are the device's. Devices without ENTITY-MIB give theirs through vendor objects:
/// Juniper's `jnxBoxSerialNo`, APC's `upsAdvIdentSerialNumber`, UPS-MIB's `upsIdentModel`, and so on.
public enum InventoryExtractor {
    /// Where a fact is found, in order of preference.
    enum Source {
        /// A text object of the chassis entity.
        case chassis(String)
        /// A scalar text object.
        case scalar(String)
    }

    static let serialNumber: [Source] = [
        .chassis("entPhysicalSerialNum"), .scalar("jnxBoxSerialNo"), .scalar("upsAdvIdentSerialNumber"),
    ]
    static let model: [Source] = [
        .chassis("entPhysicalModelName"), .chassis("entPhysicalDescr"), .scalar("jnxBoxDescr"),
        .scalar("upsBasicIdentModel"), .scalar("upsIdentModel"),
    ]
    static let firmware: [Source] = [
        .chassis("entPhysicalFirmwareRev"), .scalar("upsAdvIdentFirmwareRevision"),
        .scalar("upsIdentAgentSoftwareVersion"),
    ]
    static let software: [Source] = [.chassis("entPhysicalSoftwareRev"), .scalar("upsIdentUPSSoftwareVersion")]
    static let hardware: [Source] = [.chassis("entPhysicalHardwareRev"), .scalar("jnxBoxRevision")]
    static let vendor: [Source] = [.chassis("entPhysicalMfgName"), .scalar("upsIdentManufacturer")]

    /// Whether a name starting with `byte` may be one of the objects inventories are made of (`sys…`, `ent…`,
    /// `jnx…`, `ups…`).
    static func mayStartInventoryObject(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "s") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "j") || byte == UInt8(ascii: "u")
    }

    /// Vendors by the enterprise number of their sysObjectID (`1.3.6.1.4.1.N…`).
    static let enterprises: [Int: String] = [
        9: "Cisco", 11: "HP", 43: "3Com", 171: "D-Link", 311: "Microsoft", 318: "APC", 534: "Eaton", 674: "Dell",
        1916: "Extreme Networks", 1991: "Brocade", 2011: "Huawei", 2021: "net-snmp (UCD)", 2636: "Juniper",
        3076: "Cisco (Altiga)", 3375: "F5", 3902: "ZTE", 4526: "Netgear", 6486: "Alcatel-Lucent", 6527: "Nokia",
        8072: "net-snmp", 9148: "Acme Packet", 12356: "Fortinet", 14179: "Cisco (Airespace)", 14823: "Aruba",
        14988: "MikroTik", 22610: "Asterisk (Digium)", 25053: "Ruckus", 25461: "Palo Alto Networks",
        25506: "H3C", 30065: "Arista", 41112: "Ubiquiti", 705: "Liebert", 476: "Emerson", 5528: "APC (NetBotz)",
    ]

    /// The inventory of `device` in `samples`, or `nil` when they hold no system identity (the poll failed, or
    /// the device is not polled over SNMP).
    ///
    /// - Parameters:
    ///   - device: The device's name.
    ///   - samples: One poll's samples.
    ///   - at: When it was polled.
    /// - Returns: The inventory.
    public static func inventory(of device: String, samples: [Sample], at: Date) -> DeviceInventory? {
        var scalars: [String: String] = [:]
        var entities: [String: [String: String]] = [:]  // entPhysicalIndex → object → text
        var classes: [String: Double] = [:]
        var containedIn: [String: Double] = [:]
        var uptime: Double?
        // Fields are read in place, not the whole sample copied: a poll has thousands of samples (every interface
        // counter) and only a few are inventory.
        for position in samples.indices {
            let name = samples[position].name
            if name == "sysUpTime" {
                uptime = samples[position].value
                continue
            }
            if name == "entPhysicalClass", let index = samples[position].labels["entPhysicalIndex"] {
                classes[index] = samples[position].value
                continue
            }
            if name == "entPhysicalContainedIn", let index = samples[position].labels["entPhysicalIndex"] {
                containedIn[index] = samples[position].value
                continue
            }
            // An info object: value 1, its text its own label.
            guard samples[position].value == 1, let text = samples[position].labels[name] else { continue }
            let labels = samples[position].labels
            if let index = labels["entPhysicalIndex"], name.hasPrefix("entPhysical") {
                entities[index, default: [:]][name] = text
                if name != "entPhysicalName", entities[index]?["entPhysicalName"] == nil,
                    let entityName = labels["entPhysicalName"]
                {
                    entities[index]?["entPhysicalName"] = entityName
                }
            } else {
                scalars[name] = text
            }
        }
        guard scalars["sysDescr"] != nil || scalars["sysObjectID"] != nil || uptime != nil else { return nil }
        let chassis = chassisIndex(classes: classes, containedIn: containedIn).flatMap { entities[$0] } ?? [:]
        func first(_ sources: [Source]) -> String? {
            for source in sources {
                let value: String?
                switch source {
                case .chassis(let object): value = chassis[object]
                case .scalar(let object): value = scalars[object]
                }
                if let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty { return value }
            }
            return nil
        }
        let components = entities.keys.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }.compactMap {
            index -> DeviceInventory.Component? in
            guard let entity = entities[index],
                let serial = entity["entPhysicalSerialNum"]?.trimmingCharacters(in: .whitespaces), !serial.isEmpty
            else { return nil }
            let model = entity["entPhysicalModelName"]?.trimmingCharacters(in: .whitespaces)
            return DeviceInventory.Component(
                name: entity["entPhysicalName"].flatMap { $0.isEmpty ? nil : $0 } ?? "entity \(index)",
                serialNumber: serial, model: model?.isEmpty == false ? model : nil)
        }
        let sysObjectID = scalars["sysObjectID"].map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
        return DeviceInventory(
            device: device,
            sysDescr: scalars["sysDescr"],
            sysObjectID: sysObjectID,
            sysName: scalars["sysName"],
            vendor: first(vendor) ?? sysObjectID.flatMap(enterpriseVendor),
            model: first(model),
            serialNumber: first(serialNumber),
            firmware: first(firmware),
            software: first(software),
            hardware: first(hardware),
            components: Array(components.prefix(DeviceInventory.maximumComponents)),
            uptimeSeconds: uptime,
            lastPoll: at
        )
    }

    /// A poll summed up for ``InventoryReader``: a digest of what an inventory is made of, and the uptime.
    public struct PollDigest: Sendable, Equatable {
        /// The names, label fingerprints and values of the samples ``inventory(of:samples:at:)`` reads for facts,
        /// in poll order (every sample whose name starts like an inventory object's, but `sysUpTime`, that is an
        /// info object or an entity's class or container). Equal digests give equal inventories but for the uptime.
        public var facts: Int
        /// The value of the poll's `sysUpTime` (its last, as the extraction reads it).
        public var uptime: Double?
    }

    /// The digest of one poll's `samples`: one pass, the names' first bytes read in place, only the few candidates
    /// hashed (their label sets' fingerprints are already computed).
    public static func digest(of samples: [Sample]) -> PollDigest {
        var hasher = Hasher()
        var uptime: Double?
        samples.withUnsafeBufferPointer { samples in
            for position in samples.indices {
                guard let first = samples[position].name.utf8.first, mayStartInventoryObject(first) else { continue }
                let name = samples[position].name
                let value = samples[position].value
                if name == "sysUpTime" {
                    uptime = value
                    continue
                }
                guard value == 1 || name == "entPhysicalClass" || name == "entPhysicalContainedIn" else { continue }
                hasher.combine(name)
                hasher.combine(samples[position].labels.fingerprint)
                hasher.combine(value.bitPattern)
            }
        }
        return PollDigest(facts: hasher.finalize(), uptime: uptime)
    }

    /// The chassis: class 3 and contained in nothing, else the lowest-numbered class 3 entity.
    static func chassisIndex(classes: [String: Double], containedIn: [String: Double]) -> String? {
        let chassis = classes.filter { $0.value == 3 }.keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        return chassis.first { containedIn[$0] == 0 } ?? chassis.first
    }

    /// The vendor of a sysObjectID under `1.3.6.1.4.1.`, from its enterprise number.
    static func enterpriseVendor(_ oid: String) -> String? {
        let parts = oid.split(separator: ".")
        guard parts.count > 6, parts.prefix(6).joined(separator: ".") == "1.3.6.1.4.1", let number = Int(parts[6])
        else { return nil }
        return enterprises[number]
    }
}
