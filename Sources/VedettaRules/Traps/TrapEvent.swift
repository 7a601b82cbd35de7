public import Foundation
public import VedettaCore

/// A notification from a device, as trap rules see it: which notification, from which device, and its
/// variables as labels.
public struct TrapEvent: Sendable, Hashable {
    /// One variable of the notification.
    public struct Variable: Sendable, Hashable {
        /// The instance OID.
        public var oid: OID
        /// The value as text (an OCTET STRING as text, a number in decimal, an OID dotted: `1.3.6.1.4.1.9`).
        public var text: String
        /// The value when it is an INTEGER, for enumerations (`ifOperStatus` 2 is `down`).
        public var integer: Int64?
        /// The value when it is an OBJECT IDENTIFIER, for named identities (`upsAlarmOnBattery`).
        public var objectIdentifier: OID?

        /// Creates a variable.
        public init(oid: OID, text: String, integer: Int64? = nil, objectIdentifier: OID? = nil) {
            self.oid = oid
            self.text = text
            self.integer = integer
            self.objectIdentifier = objectIdentifier
        }
    }

    /// The device that sent it.
    public var device: DeviceID
    /// The device's labels (`site`, `role`), as on its polled samples: maintenance windows and routes select trap
    /// alerts by them too.
    public var deviceLabels: LabelSet
    /// The notification OID.
    public var trapOID: OID
    /// The variables, in order, without `sysUpTime.0` and `snmpTrapOID.0`.
    public var variables: [Variable]
    /// When the agent received it.
    public var receivedAt: Date

    /// Creates an event.
    public init(
        device: DeviceID, deviceLabels: LabelSet = LabelSet(), trapOID: OID, variables: [Variable], receivedAt: Date
    ) {
        self.device = device
        self.deviceLabels = deviceLabels
        self.trapOID = trapOID
        self.variables = variables
        self.receivedAt = receivedAt
    }

    /// The label set rules match on and templates read: the device's labels, `device`, `trap` (the name, or the
    /// dotted OID), `trap_oid`, and one label per variable: a known object by name (`ifIndex="3"`,
    /// `ifOperStatus="down"`, enumerations and identities by name), any other as `oid_` and its OID with `_` for
    /// dots. A variable never replaces a device label.
    public var labels: LabelSet {
        var labels = deviceLabels
        labels["device"] = device.rawValue
        labels["trap"] = TrapCatalog.notificationName(trapOID)
        labels["trap_oid"] = trapOID.description
        for variable in variables {
            let name =
                TrapCatalog.object(of: variable.oid)?.object.name
                ?? "oid_" + variable.oid.components.map(String.init).joined(separator: "_")
            if labels[name] != nil { continue }  // the first instance of an object names it
            labels[name] = Self.text(of: variable, values: TrapCatalog.object(of: variable.oid)?.object.values ?? [:])
        }
        return labels
    }

    private static func text(of variable: Variable, values: [Int64: String]) -> String {
        if let integer = variable.integer, let name = values[integer] { return name }
        if let oid = variable.objectIdentifier, let name = TrapCatalog.identities[oid] { return name }
        return variable.text
    }
}
