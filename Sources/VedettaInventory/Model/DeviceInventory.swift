public import Foundation

/// What a device is, as its last SNMP poll told: identity (sysDescr, sysObjectID, sysName), vendor and model,
/// serial numbers, firmware and software revisions, uptime.
///
/// Facts come from the samples of the profiles the device is polled with (`system`, and `entity-mib`, `juniper`,
/// `apc-ups` or `ups-mib` where they apply): see ``InventoryExtractor``. A fact a device does not report is `nil`.
public struct DeviceInventory: Sendable, Hashable, Codable {
    /// One component with a serial number: a chassis, module, power supply, fan (ENTITY-MIB).
    public struct Component: Sendable, Hashable, Codable {
        /// The component's name (`entPhysicalName`), or its index when it has none.
        public var name: String
        /// Its serial number.
        public var serialNumber: String
        /// Its model, when reported.
        public var model: String?

        /// Creates a component.
        public init(name: String, serialNumber: String, model: String? = nil) {
            self.name = name
            self.serialNumber = serialNumber
            self.model = model
        }

        enum CodingKeys: String, CodingKey {
            case name, model
            case serialNumber = "serial_number"
        }
    }

    /// The device's name.
    public var device: String
    /// `sysDescr.0`.
    public var sysDescr: String?
    /// `sysObjectID.0`, dotted.
    public var sysObjectID: String?
    /// `sysName.0`.
    public var sysName: String?
    /// The manufacturer: reported (ENTITY-MIB, UPS-MIB) or known from the sysObjectID's enterprise number.
    public var vendor: String?
    /// The model of the chassis (or of the UPS).
    public var model: String?
    /// The serial number of the chassis (or of the UPS).
    public var serialNumber: String?
    /// The firmware revision.
    public var firmware: String?
    /// The software revision (operating system release).
    public var software: String?
    /// The hardware revision.
    public var hardware: String?
    /// Every component with a serial number (at most ``maximumComponents``).
    public var components: [Component]
    /// `sysUpTime`, seconds, at the last poll.
    public var uptimeSeconds: Double?
    /// When the device was last polled successfully.
    public var lastPoll: Date?

    /// The most components kept per device.
    public static let maximumComponents = 500

    /// Creates an inventory.
    public init(
        device: String, sysDescr: String? = nil, sysObjectID: String? = nil, sysName: String? = nil,
        vendor: String? = nil, model: String? = nil, serialNumber: String? = nil, firmware: String? = nil,
        software: String? = nil, hardware: String? = nil, components: [Component] = [], uptimeSeconds: Double? = nil,
        lastPoll: Date? = nil
    ) {
        self.device = device
        self.sysDescr = sysDescr
        self.sysObjectID = sysObjectID
        self.sysName = sysName
        self.vendor = vendor
        self.model = model
        self.serialNumber = serialNumber
        self.firmware = firmware
        self.software = software
        self.hardware = hardware
        self.components = components
        self.uptimeSeconds = uptimeSeconds
        self.lastPoll = lastPoll
    }

    /// The facts whose change is an inventory event: a new serial number is a replaced device, a new firmware or
    /// software an upgrade (or a downgrade nobody planned).
    public var trackedFacts: [(field: String, value: String?)] {
        [
            ("serial_number", serialNumber), ("model", model), ("firmware", firmware), ("software", software),
            ("hardware", hardware), ("sys_object_id", sysObjectID), ("sys_descr", sysDescr),
        ]
    }

    /// Fills the facts this inventory lacks from `previous` (a poll that missed a table does not forget what an
    /// earlier one told); uptime and last poll stay this inventory's.
    public mutating func keepMissingFacts(of previous: DeviceInventory) {
        sysDescr = sysDescr ?? previous.sysDescr
        sysObjectID = sysObjectID ?? previous.sysObjectID
        sysName = sysName ?? previous.sysName
        vendor = vendor ?? previous.vendor
        model = model ?? previous.model
        serialNumber = serialNumber ?? previous.serialNumber
        firmware = firmware ?? previous.firmware
        software = software ?? previous.software
        hardware = hardware ?? previous.hardware
        if components.isEmpty { components = previous.components }
    }

    enum CodingKeys: String, CodingKey {
        case device, vendor, model, firmware, software, hardware, components
        case sysDescr = "sys_descr"
        case sysObjectID = "sys_object_id"
        case sysName = "sys_name"
        case serialNumber = "serial_number"
        case uptimeSeconds = "uptime_seconds"
        case lastPoll = "last_poll"
    }
}

/// A change of a tracked fact between two polls: the device was replaced, upgraded, or its identity changed.
public struct InventoryChange: Sendable, Hashable, Codable {
    /// The device.
    public var device: String
    /// When it was noticed.
    public var at: Date
    /// The fact: `serial_number`, `model`, `firmware`, `software`, `hardware`, `sys_object_id` or `sys_descr`.
    public var field: String
    /// The value before.
    public var old: String?
    /// The value now.
    public var new: String?

    /// Creates a change.
    public init(device: String, at: Date, field: String, old: String?, new: String?) {
        self.device = device
        self.at = at
        self.field = field
        self.old = old
        self.new = new
    }
}
