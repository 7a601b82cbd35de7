public import Foundation
public import VedettaCore

/// One notification received by an ``SNMPTrapReceiver``: an SNMPv1 or v2c trap, or a v2c or v3 inform (already
/// acknowledged), with SNMPv1 traps translated to the SNMPv2 form (RFC 3584 3.1) so rules see one shape.
public struct SNMPTrap: Sendable, Hashable {
    /// The protocol version the notification came in.
    public enum Version: String, Sendable, Hashable, CaseIterable {
        /// SNMPv1 Trap-PDU.
        case v1
        /// SNMPv2c.
        case v2c
        /// SNMPv3 (USM).
        case v3
    }

    /// Whether the sender waits for an acknowledgement.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Sent once, never acknowledged.
        case trap
        /// Acknowledged by the receiver; the sender retransmits until it is.
        case inform
    }

    /// The protocol version.
    public var version: Version
    /// Trap or inform.
    public var kind: Kind
    /// The address the datagram came from (`192.0.2.7`, `2001:db8::7`).
    public var sender: String
    /// The agent address an SNMPv1 trap carries in its header (the device, when a relay forwarded it).
    public var agentAddress: String?
    /// The community of a v1 or v2c notification.
    public var community: String?
    /// The USM user of a v3 notification.
    public var userName: String?
    /// What happened: `snmpTrapOID.0` (for v1, the translation of enterprise, generic and specific trap).
    public var trapOID: OID
    /// The sender's `sysUpTime.0` (v1: the header's time-stamp), in hundredths of a second.
    public var uptime: UInt32?
    /// The variable bindings that describe the event, without `sysUpTime.0` and `snmpTrapOID.0`; a translated
    /// SNMPv1 trap ends with `snmpTrapAddress.0` and `snmpTrapEnterprise.0`.
    public var varBinds: [SNMPVarBind]
    /// When the receiver read it.
    public var receivedAt: Date

    /// Creates a notification.
    public init(
        version: Version, kind: Kind, sender: String, agentAddress: String? = nil, community: String? = nil,
        userName: String? = nil, trapOID: OID, uptime: UInt32? = nil, varBinds: [SNMPVarBind], receivedAt: Date
    ) {
        self.version = version
        self.kind = kind
        self.sender = sender
        self.agentAddress = agentAddress
        self.community = community
        self.userName = userName
        self.trapOID = trapOID
        self.uptime = uptime
        self.varBinds = varBinds
        self.receivedAt = receivedAt
    }

    /// `sysUpTime.0`, the first variable of every SNMPv2 notification.
    public static let sysUpTimeOID = OID([1, 3, 6, 1, 2, 1, 1, 3, 0])
    /// `snmpTrapOID.0`, the second variable of every SNMPv2 notification.
    public static let snmpTrapOID = OID([1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0])
    /// `snmpTrapAddress.0`, added to a translated SNMPv1 trap with its agent address (RFC 3584 3.1).
    public static let snmpTrapAddressOID = OID([1, 3, 6, 1, 6, 3, 18, 1, 3, 0])
    /// `snmpTrapEnterprise.0`, added to a translated SNMPv1 trap with its enterprise (RFC 3584 3.1).
    public static let snmpTrapEnterpriseOID = OID([1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0])
    /// `snmpTraps`, under which the generic SNMPv1 traps have their SNMPv2 names (`coldStart` is `.1`).
    public static let standardTrapsOID = OID([1, 3, 6, 1, 6, 3, 1, 1, 5])

    /// The SNMPv2 notification OID of an SNMPv1 trap (RFC 3584 3.1): `snmpTraps.(generic + 1)` for the six
    /// generic traps, `enterprise.0.specific` for an enterprise-specific one.
    /// - Parameters:
    ///   - enterprise: The trap's enterprise OID.
    ///   - generic: The generic-trap number (6 is enterpriseSpecific).
    ///   - specific: The specific-trap number.
    /// - Returns: The notification OID.
    public static func translatedOID(enterprise: OID, generic: Int, specific: Int) -> OID {
        if (0..<6).contains(generic) {
            return OID(standardTrapsOID.components + [UInt32(generic + 1)])
        }
        return OID(enterprise.components + [0, UInt32(truncatingIfNeeded: specific)])
    }
}

/// A message the receiver read and threw away, and why.
public struct SNMPTrapDrop: Sendable, Hashable {
    /// Why a message was thrown away; the `reason` label of `vedetta_traps_dropped_total`.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// A v1 or v2c notification whose community is not accepted.
        case badCommunity = "bad_community"
        /// An SNMPv3 message that failed USM: unknown user, wrong digest, cannot decrypt, unsupported level.
        case authentication
        /// Not an SNMP message, or one that does not parse.
        case malformed
        /// An SNMP message that is not a notification (a GET sent to the trap port).
        case notANotification = "not_a_notification"
        /// A notification from an address that is no configured device (decided by the receiver's user).
        case unknownSender = "unknown_sender"
        /// More notifications than the agent could take in (its queue was full).
        case overloaded
    }

    /// Why.
    public var reason: Reason
    /// The sender's address, when known.
    public var sender: String
    /// Details for the log (the community is never given).
    public var detail: String

    /// Creates a drop.
    public init(_ reason: Reason, sender: String, detail: String) {
        self.reason = reason
        self.sender = sender
        self.detail = detail
    }
}
