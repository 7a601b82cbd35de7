public import VedettaCore

/// The names Vedetta knows for SNMP notifications and the objects they carry, so rules say `linkDown` and
/// labels read `ifIndex="3"` instead of numeric OIDs. Any other notification is written as its numeric OID.
public enum TrapCatalog {
    /// A notification name and its OID.
    public struct Notification: Sendable, Hashable {
        /// The name rules use, e.g. `linkDown`.
        public var name: String
        /// Its OID (the SNMPv2 form; SNMPv1 traps are translated to it on receipt).
        public var oid: OID
        /// What it means, in a few words.
        public var meaning: String
    }

    /// An object a notification carries (a scalar or a table column).
    public struct Object: Sendable, Hashable {
        /// The label name, e.g. `ifIndex`.
        public var name: String
        /// The object's OID, without instance.
        public var oid: OID
        /// Names of its enumerated values (`ifOperStatus` 2 is `down`), if any.
        public var values: [Int64: String]
    }

    /// The notifications known by name: the standard traps (RFC 3418, RFC 2863), UPS-MIB (RFC 1628) and APC
    /// PowerNet's on-battery pair.
    public static let notifications: [Notification] = [
        Notification(
            name: "coldStart", oid: snmpTraps(1), meaning: "the device restarted (its configuration may have changed)"),
        Notification(name: "warmStart", oid: snmpTraps(2), meaning: "the device reinitialised itself"),
        Notification(name: "linkDown", oid: snmpTraps(3), meaning: "a port went down"),
        Notification(name: "linkUp", oid: snmpTraps(4), meaning: "a port came up"),
        Notification(
            name: "authenticationFailure", oid: snmpTraps(5), meaning: "a request with a wrong community or user"),
        Notification(
            name: "upsTrapOnBattery", oid: ups([2, 1]), meaning: "the UPS runs on battery (repeated every minute)"),
        Notification(name: "upsTrapTestCompleted", oid: ups([2, 2]), meaning: "a UPS self-test finished"),
        Notification(name: "upsTrapAlarmEntryAdded", oid: ups([2, 3]), meaning: "a UPS alarm was raised"),
        Notification(name: "upsTrapAlarmEntryRemoved", oid: ups([2, 4]), meaning: "a UPS alarm cleared"),
        Notification(name: "apcUpsOnBattery", oid: apc([0, 5]), meaning: "APC UPS: on battery power"),
        Notification(name: "apcPowerRestored", oid: apc([0, 9]), meaning: "APC UPS: returned from battery power"),
    ]

    private static let interfaceStatus: [Int64: String] = [
        1: "up", 2: "down", 3: "testing", 4: "unknown", 5: "dormant", 6: "notPresent", 7: "lowerLayerDown",
    ]

    /// The objects known by name.
    public static let objects: [Object] = [
        Object(name: "ifIndex", oid: ifEntry(1), values: [:]),
        Object(name: "ifDescr", oid: ifEntry(2), values: [:]),
        Object(name: "ifType", oid: ifEntry(3), values: [:]),
        Object(name: "ifAdminStatus", oid: ifEntry(7), values: interfaceStatus),
        Object(name: "ifOperStatus", oid: ifEntry(8), values: interfaceStatus),
        Object(name: "ifName", oid: OID([1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 1]), values: [:]),
        Object(name: "ifAlias", oid: OID([1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 18]), values: [:]),
        Object(name: "sysName", oid: OID([1, 3, 6, 1, 2, 1, 1, 5]), values: [:]),
        Object(name: "snmpTrapEnterprise", oid: OID([1, 3, 6, 1, 6, 3, 1, 1, 4, 3]), values: [:]),
        Object(name: "snmpTrapAddress", oid: OID([1, 3, 6, 1, 6, 3, 18, 1, 3]), values: [:]),
        Object(name: "upsSecondsOnBattery", oid: ups([1, 2, 2]), values: [:]),
        Object(name: "upsEstimatedMinutesRemaining", oid: ups([1, 2, 3]), values: [:]),
        Object(name: "upsAlarmsPresent", oid: ups([1, 6, 1]), values: [:]),
        Object(name: "upsAlarmId", oid: ups([1, 6, 2, 1, 1]), values: [:]),
        Object(name: "upsAlarmDescr", oid: ups([1, 6, 2, 1, 2]), values: [:]),
        Object(name: "upsAlarmTime", oid: ups([1, 6, 2, 1, 3]), values: [:]),
    ]

    /// OID values with names: UPS-MIB's well-known alarms, as `upsAlarmDescr` carries them.
    public static let identities: [OID: String] = Dictionary(
        uniqueKeysWithValues: [
            "upsAlarmBatteryBad", "upsAlarmOnBattery", "upsAlarmLowBattery", "upsAlarmDepletedBattery",
            "upsAlarmTempBad", "upsAlarmInputBad", "upsAlarmOutputBad", "upsAlarmOutputOverload", "upsAlarmOnBypass",
            "upsAlarmBypassBad", "upsAlarmOutputOffAsRequested", "upsAlarmUpsOffAsRequested", "upsAlarmChargerFailed",
            "upsAlarmUpsOutputOff", "upsAlarmUpsSystemOff", "upsAlarmFanFailure", "upsAlarmFuseFailure",
            "upsAlarmGeneralFault", "upsAlarmDiagnosticTestFailed", "upsAlarmCommunicationsLost",
            "upsAlarmAwaitingPower", "upsAlarmShutdownPending", "upsAlarmShutdownImminent", "upsAlarmTestInProgress",
        ].enumerated().map { (ups([1, 6, 3, UInt32($0.offset + 1)]), $0.element) })

    /// The OID of the notification `name` (as in ``notifications``, case-sensitive), or of a numeric OID.
    public static func notificationOID(_ name: String) -> OID? {
        if let known = notifications.first(where: { $0.name == name }) { return known.oid }
        let digits = name.hasPrefix(".") ? String(name.dropFirst()) : name
        guard digits.first?.isNumber == true, let oid = OID(digits), oid.components.count >= 2 else { return nil }
        return oid
    }

    /// The name of notification `oid`, or its dotted form.
    public static func notificationName(_ oid: OID) -> String {
        notifications.first { $0.oid == oid }?.name ?? oid.description
    }

    /// The known object a variable's OID is an instance of, with the instance suffix.
    public static func object(of oid: OID) -> (object: Object, instance: ArraySlice<UInt32>)? {
        var best: Object?
        for object in objects where oid.components.starts(with: object.oid.components) {
            if best.map({ object.oid.components.count > $0.oid.components.count }) ?? true { best = object }
        }
        return best.map { ($0, oid.components.dropFirst($0.oid.components.count)) }
    }

    private static func snmpTraps(_ number: UInt32) -> OID { OID([1, 3, 6, 1, 6, 3, 1, 1, 5, number]) }
    private static func ups(_ suffix: [UInt32]) -> OID { OID([1, 3, 6, 1, 2, 1, 33] + suffix) }
    private static func apc(_ suffix: [UInt32]) -> OID { OID([1, 3, 6, 1, 4, 1, 318] + suffix) }
    private static func ifEntry(_ column: UInt32) -> OID { OID([1, 3, 6, 1, 2, 1, 2, 2, 1, column]) }
}
